"""
treem's compiled core. Use the treem package, not this module.
"""
from __future__ import annotations
import collections.abc
import datetime
import numpy
import numpy.typing
import typing
import typing_extensions
__all__: list[str] = ['AdminUnit', 'Agency', 'AuditFinding', 'CalendarEntry', 'CaseChecks', 'CaseDeadlineRules', 'CaseRegister', 'Catalogue', 'CheckRows', 'ChildRegister', 'ComposedRules', 'Contact', 'CriterionResult', 'DayOff', 'Decision', 'DecisionSet', 'Disqualification', 'FactUsed', 'Gap', 'GateResult', 'HolidayCalendar', 'HolidayRule', 'IncidentRegister', 'IndicatorRequest', 'IndicatorTable', 'LegalBasis', 'LocalRule', 'LunarDate', 'Merger', 'NotFoundError', 'ParseError', 'PartialDate', 'Period', 'Plan', 'PlanDocument', 'PlanEvent', 'PlanItem', 'PlanSection', 'PlanTarget', 'ProtectionReport', 'Pseudonymiser', 'ReportRequirement', 'RuleSet', 'Signer', 'SubmissionStatus', 'TargetProgress', 'TargetSet', 'Task', 'TaskLink', 'TreemError', 'UnitRegistry', 'VIETNAM_TIME_ZONE', 'ValidationError', 'format_date_iso', 'format_date_vn', 'from_lunar', 'leap_month', 'month_length', 'outcome_label', 'parse_date', 'tet', 'to_lunar', 'trung_thu', 'vocabulary']
class TreemError(Exception):
    """
    Base of every error treem raises on purpose.
    """
class ParseError(TreemError, ValueError):
    """
    Text that cannot be read; has source, line, column.
    """
class ValidationError(TreemError, ValueError):
    """
    Input that breaks a rule; has source, line, column, field and rule.
    """
class NotFoundError(TreemError, LookupError):
    """
    A lookup that found nothing; has kind and key.
    """
class PartialDate:
    """
    A date that may lack its day, or its day and month.
    """
    @staticmethod
    def parse(text: str) -> PartialDate:
        """
        Parse '09/04/2024', '04/2024', '2024', ISO forms, or 'ngày … tháng … năm …'.
        """
    def __eq__(self, arg0: PartialDate) -> bool:
        ...
    def __getstate__(self) -> tuple[int, int | None, int | None]:
        ...
    def __hash__(self) -> int:
        ...
    @typing.overload
    def __init__(self, year: typing.SupportsInt | typing.SupportsIndex, month: typing.SupportsInt | typing.SupportsIndex | None = None, day: typing.SupportsInt | typing.SupportsIndex | None = None) -> None:
        ...
    @typing.overload
    def __init__(self, date: datetime.date) -> None:
        ...
    def __ne__(self, arg0: PartialDate) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        ...
    def contains(self, date: datetime.date) -> bool:
        ...
    def to_date(self) -> datetime.date:
        ...
    def to_iso(self) -> str:
        ...
    def to_vietnamese(self) -> str:
        ...
    @property
    def day(self) -> int | None:
        ...
    @property
    def first_day(self) -> datetime.date:
        ...
    @property
    def is_complete(self) -> bool:
        ...
    @property
    def last_day(self) -> datetime.date:
        ...
    @property
    def month(self) -> int | None:
        ...
    @property
    def precision(self) -> str:
        ...
    @property
    def year(self) -> int:
        ...
class Period:
    """
    A reporting period: a day, month, quarter, half-year (S1/S2) or year.
    """
    @staticmethod
    def containing(type: str, date: datetime.date) -> Period:
        ...
    @staticmethod
    def of_day(date: datetime.date) -> Period:
        ...
    @staticmethod
    def parse(text: str) -> Period:
        """
        Parse a DHIS2 period: '2024', '2024S1', '2024Q3', '202406', '20240601'.
        """
    @staticmethod
    def statistical_six_month(year: typing.SupportsInt | typing.SupportsIndex) -> Period:
        """
        The 6-month statistical period 01/01-30/06 (Decree 60/2018/NĐ-CP).
        """
    @staticmethod
    def statistical_year(year: typing.SupportsInt | typing.SupportsIndex) -> Period:
        ...
    @typing.overload
    def __contains__(self, date: datetime.date) -> bool:
        ...
    @typing.overload
    def __contains__(self, period: Period) -> bool:
        ...
    def __eq__(self, arg0: Period) -> bool:
        ...
    def __ge__(self, arg0: Period) -> bool:
        ...
    def __getstate__(self) -> str:
        ...
    def __gt__(self, arg0: Period) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, type: str, year: typing.SupportsInt | typing.SupportsIndex, index: typing.SupportsInt | typing.SupportsIndex = 1) -> None:
        ...
    def __le__(self, arg0: Period) -> bool:
        ...
    def __len__(self) -> int:
        ...
    def __lt__(self, arg0: Period) -> bool:
        ...
    def __ne__(self, arg0: Period) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: str) -> None:
        ...
    def __str__(self) -> str:
        ...
    @typing.overload
    def contains(self, date: datetime.date) -> bool:
        ...
    @typing.overload
    def contains(self, period: Period) -> bool:
        ...
    def days(self) -> list[datetime.date]:
        """
        The days of the period, in order, as a list of datetime.date.
        """
    def next(self) -> Period:
        ...
    def previous(self) -> Period:
        ...
    @property
    def end(self) -> datetime.date:
        ...
    @property
    def index(self) -> int:
        ...
    @property
    def iso(self) -> str:
        ...
    @property
    def start(self) -> datetime.date:
        ...
    @property
    def type(self) -> str:
        ...
    @property
    def vietnamese_label(self) -> str:
        ...
    @property
    def year(self) -> int:
        ...
class LunarDate:
    """
    A day of the Vietnamese lunar calendar.
    """
    def __eq__(self, arg0: LunarDate) -> bool:
        ...
    def __getstate__(self) -> tuple[int, int, int, bool]:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, day: typing.SupportsInt | typing.SupportsIndex, month: typing.SupportsInt | typing.SupportsIndex, year: typing.SupportsInt | typing.SupportsIndex, leap: bool = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def day(self) -> int:
        ...
    @property
    def leap(self) -> bool:
        ...
    @property
    def month(self) -> int:
        ...
    @property
    def year(self) -> int:
        ...
class DayOff:
    """
    A day off other than a weekly rest day, and why.
    """
    def __repr__(self) -> str:
        ...
    @property
    def date(self) -> datetime.date:
        ...
    @property
    def holiday_id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def status(self) -> str:
        ...
class HolidayRule:
    """
    A statutory holiday rule.
    """
    def __repr__(self) -> str:
        ...
    @property
    def calendar(self) -> str:
        ...
    @property
    def day(self) -> int:
        ...
    @property
    def enabled(self) -> bool:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def length(self) -> int:
        ...
    @property
    def month(self) -> int:
        ...
    @property
    def name_en(self) -> str:
        ...
    @property
    def name_vi(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def start_offset(self) -> int:
        ...
    @property
    def status(self) -> str:
        ...
    @property
    def valid_from(self) -> datetime.date | None:
        ...
    @property
    def valid_to(self) -> datetime.date | None:
        ...
class HolidayCalendar:
    """
    Public holidays resolved per year, and working-day arithmetic.
    """
    @staticmethod
    def from_toml(text: str, source: str = '<text>') -> HolidayCalendar:
        """
        Load a calendar from TOML text (schema treem.holidays/1); `source` names it in errors.
        """
    @staticmethod
    def vietnam() -> HolidayCalendar:
        """
        The bundled calendar for Vietnamese state agencies (Labour Code 2019, Art. 111-112).
        """
    def __repr__(self) -> str:
        ...
    def _add_working_days_days(self, arg0: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], arg1: typing.SupportsInt | typing.SupportsIndex) -> numpy.typing.NDArray[numpy.int64]:
        ...
    def _is_working_day_days(self, arg0: typing.Annotated[numpy.typing.ArrayLike, numpy.int64]) -> numpy.typing.NDArray[numpy.bool]:
        ...
    def add_working_days(self, start: datetime.date, n: typing.SupportsInt | typing.SupportsIndex) -> datetime.date:
        ...
    def day_off_on(self, date: datetime.date) -> DayOff | None:
        ...
    def days_off(self, year: typing.SupportsInt | typing.SupportsIndex) -> list[DayOff]:
        ...
    def is_weekly_rest(self, date: datetime.date) -> bool:
        ...
    def is_working_day(self, date: datetime.date) -> bool:
        ...
    def with_enabled(self, holiday_id: str, enabled: bool = True) -> HolidayCalendar:
        ...
    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        ...
    @property
    def first_year(self) -> int:
        ...
    @property
    def holidays(self) -> list[HolidayRule]:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def last_year(self) -> int:
        ...
    @property
    def title(self) -> str:
        ...
    @property
    def version(self) -> str:
        ...
class AdminUnit:
    """
    An administrative unit, valid over a span of dates.
    """
    def __repr__(self) -> str:
        ...
    def valid_on(self, date: datetime.date) -> bool:
        ...
    @property
    def code(self) -> str:
        ...
    @property
    def extremely_disadvantaged(self) -> typing.Any:
        ...
    @property
    def flag_status(self) -> dict:
        """
        For each known flag: (status, source).
        """
    @property
    def full_name(self) -> str:
        ...
    @property
    def island(self) -> typing.Any:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def mountainous(self) -> typing.Any:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def parent(self) -> str | None:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def status(self) -> str:
        ...
    @property
    def tier(self) -> str:
        ...
    @property
    def valid_from(self) -> datetime.date | None:
        ...
    @property
    def valid_to(self) -> datetime.date | None:
        ...
class Merger:
    """
    A dated merger of old units into new ones.
    """
    def __repr__(self) -> str:
        ...
    def predecessors(self, new_code: str) -> list[str]:
        ...
    def successors(self, old_code: str) -> list[str]:
        ...
    @property
    def adopted(self) -> datetime.date | None:
        ...
    @property
    def effective(self) -> datetime.date:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def instrument(self) -> str:
        ...
    @property
    def links(self) -> list[tuple[str, str]]:
        """
        (old code, new code) pairs
        """
    @property
    def source(self) -> str:
        ...
    @property
    def status(self) -> str:
        ...
class UnitRegistry:
    """
    A dated hierarchy of administrative units and mergers.
    """
    @staticmethod
    def bundled() -> UnitRegistry:
        """
        Quảng Ngãi / Sơn Hà as bundled with treem (units until 30/06/2025 and after Nghị quyết 1677/NQ-UBTVQH15).
        """
    @staticmethod
    def from_toml(text: str, source: str = '<text>') -> UnitRegistry:
        ...
    def __init__(self) -> None:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def _aggregate(self, arg0: collections.abc.Sequence[str], arg1: collections.abc.Sequence[str], arg2: datetime.date, arg3: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"]) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    def _merge(self, arg0: str, arg1: collections.abc.Sequence[str], arg2: collections.abc.Sequence[str], arg3: typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]", "flags.f_contiguous"]) -> typing.Annotated[numpy.typing.NDArray[numpy.float64], "[m, n]"]:
        ...
    def ancestors(self, code: str, on: datetime.date) -> list[AdminUnit]:
        ...
    def children(self, code: str, on: datetime.date) -> list[AdminUnit]:
        ...
    def descendants(self, code: str, on: datetime.date, tier: str | None = None) -> list[AdminUnit]:
        ...
    def find(self, code: str, on: datetime.date) -> AdminUnit | None:
        ...
    def find_by_name(self, name: str, on: datetime.date, kind: str | None = None) -> list[AdminUnit]:
        ...
    def get(self, code: str, on: datetime.date) -> AdminUnit:
        ...
    def get_merger(self, id: str) -> Merger:
        ...
    def load_toml(self, text: str, source: str = '<text>') -> None:
        ...
    def units_on(self, on: datetime.date, tier: str | None = None) -> list[AdminUnit]:
        ...
    @property
    def mergers(self) -> list[Merger]:
        ...
    @property
    def units(self) -> list[AdminUnit]:
        ...
class Agency:
    """
    A body that a plan names.
    """
    def __repr__(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def relation(self) -> str:
        ...
    @property
    def short_name(self) -> str:
        ...
class TaskLink:
    """
    An agency's role in a task.
    """
    def __repr__(self) -> str:
        ...
    @property
    def agency(self) -> str:
        ...
    @property
    def role(self) -> str:
        ...
class PlanItem:
    """
    A lettered or numbered paragraph.
    """
    def __repr__(self) -> str:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def links(self) -> list[TaskLink]:
        ...
    @property
    def text(self) -> str:
        ...
class PlanSection:
    """
    A section of the plan, with its items and subsections.
    """
    def __repr__(self) -> str:
        ...
    @property
    def agencies(self) -> list[str]:
        ...
    @property
    def closing_text(self) -> str:
        ...
    @property
    def heading(self) -> str:
        ...
    @property
    def heading_level(self) -> int:
        ...
    @property
    def items(self) -> list[PlanItem]:
        ...
    @property
    def label(self) -> str:
        ...
    @property
    def links(self) -> list[TaskLink]:
        ...
    @property
    def mode(self) -> str | None:
        ...
    @property
    def sections(self) -> list[PlanSection]:
        ...
    @property
    def text(self) -> str:
        ...
class Task:
    """
    A task with the roles that apply to it.
    """
    def __repr__(self) -> str:
        ...
    @property
    def links(self) -> list[TaskLink]:
        ...
    @property
    def path(self) -> str:
        ...
    @property
    def text(self) -> str:
        ...
class Signer:
    @property
    def authority(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def position(self) -> str:
        ...
class PlanDocument:
    """
    The facts of the plan document.
    """
    @property
    def date(self) -> PartialDate:
        ...
    @property
    def date_text(self) -> str:
        ...
    @property
    def issuer(self) -> str:
        ...
    @property
    def issuer_agency(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def number(self) -> str:
        ...
    @property
    def number_text(self) -> str:
        ...
    @property
    def place(self) -> str:
        ...
    @property
    def preamble(self) -> str:
        ...
    @property
    def recipients(self) -> list[str]:
        ...
    @property
    def signer(self) -> Signer:
        ...
    @property
    def subtitle(self) -> str:
        ...
    @property
    def symbol(self) -> str:
        ...
    @property
    def title(self) -> str:
        ...
    @property
    def unit(self) -> str:
        ...
    @property
    def year(self) -> int:
        ...
class LegalBasis:
    def __repr__(self) -> str:
        ...
    @property
    def cited_in(self) -> list[str]:
        ...
    @property
    def date(self) -> datetime.date:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def issuer(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def number(self) -> str:
        ...
    @property
    def relation(self) -> str:
        ...
    @property
    def title(self) -> str:
        ...
class ReportRequirement:
    """
    A report some bodies must send by a date.
    """
    def __repr__(self) -> str:
        ...
    @property
    def bound(self) -> str:
        ...
    @property
    def due(self) -> datetime.date:
        ...
    @property
    def from_agencies(self) -> list[str]:
        ...
    @property
    def from_communes(self) -> bool:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def last_on_time_day(self) -> datetime.date:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def to(self) -> list[str]:
        ...
class PlanEvent:
    """
    An event the plan names.
    """
    def __repr__(self) -> str:
        ...
    @property
    def agencies(self) -> list[str]:
        ...
    @property
    def date_source(self) -> str:
        ...
    @property
    def end(self) -> datetime.date | None:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def lunar_day(self) -> int | None:
        ...
    @property
    def lunar_month(self) -> int | None:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def start(self) -> datetime.date | None:
        ...
    @property
    def theme(self) -> str:
        ...
class PlanTarget:
    @property
    def agency(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def minimum(self) -> int:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def text(self) -> str:
        ...
    @property
    def unit(self) -> str:
        ...
class LocalRule:
    @property
    def id(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def text(self) -> str:
        ...
class Contact:
    @property
    def id(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def number(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
class CalendarEntry:
    """
    A deadline or event on the plan's calendar.
    """
    def __repr__(self) -> str:
        ...
    @property
    def agencies(self) -> list[str]:
        ...
    @property
    def detail(self) -> str:
        ...
    @property
    def end(self) -> datetime.date:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def lunar(self) -> bool:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def start(self) -> datetime.date:
        ...
class SubmissionStatus:
    """
    Where one due report stands.
    """
    def __repr__(self) -> str:
        ...
    @property
    def commune(self) -> bool:
        ...
    @property
    def days_late(self) -> int:
        ...
    @property
    def due(self) -> datetime.date:
        ...
    @property
    def last_on_time_day(self) -> datetime.date:
        ...
    @property
    def report(self) -> str:
        ...
    @property
    def state(self) -> str:
        ...
    @property
    def submitted(self) -> datetime.date | None:
        ...
    @property
    def submitter(self) -> str:
        ...
    @property
    def submitter_name(self) -> str:
        ...
class Plan:
    """
    A child-work plan.
    """
    __hash__: typing.ClassVar[None] = None
    @staticmethod
    def from_toml(text: str, source: str = '<text>') -> Plan:
        ...
    @staticmethod
    def son_ha_2024() -> Plan:
        """
        The bundled Sơn Hà 2024 plan.
        """
    def __eq__(self, arg0: Plan) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def _matrix(self) -> list[tuple[str, str, str]]:
        ...
    def _submission_status(self, arg0: UnitRegistry, arg1: typing.Any, arg2: str, arg3: datetime.date) -> list[SubmissionStatus]:
        ...
    def calendar(self, agency: str | None = None, start: datetime.date | None = None, end: datetime.date | None = None) -> tuple[list[CalendarEntry], list[PlanEvent]]:
        ...
    def find_section(self, path: str) -> PlanSection | None:
        ...
    def get_agency(self, id: str) -> Agency:
        ...
    def tasks(self) -> list[Task]:
        ...
    def tasks_of(self, agency: str, role: str | None = None) -> list[Task]:
        ...
    def tasks_without_lead(self) -> list[Task]:
        ...
    def to_icalendar(self, dtstamp: str, agency: str | None = None, start: datetime.date | None = None, end: datetime.date | None = None) -> str:
        ...
    def to_toml(self) -> str:
        ...
    @property
    def agencies(self) -> list[Agency]:
        ...
    @property
    def bases(self) -> list[LegalBasis]:
        ...
    @property
    def contacts(self) -> list[Contact]:
        ...
    @property
    def document(self) -> PlanDocument:
        ...
    @property
    def events(self) -> list[PlanEvent]:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def local_rules(self) -> list[LocalRule]:
        ...
    @property
    def reports(self) -> list[ReportRequirement]:
        ...
    @property
    def sections(self) -> list[PlanSection]:
        ...
    @property
    def targets(self) -> list[PlanTarget]:
        ...
    @property
    def version(self) -> str:
        ...
class _StringColumn:
    """
    A column of strings in treem's memory (Arrow large_utf8).
    """
    def __arrow_c_array__(self, requested_schema: typing.Any = None) -> tuple:
        ...
    def __len__(self) -> int:
        ...
    def to_list(self) -> list:
        ...
class ChildRegister:
    """
    A child register as the library's reader cleaned it.
    """
    def __len__(self) -> int:
        ...
    @property
    def birth(self) -> numpy.ndarray:
        """
        days since 1970-01-01
        """
    @property
    def ethnicities(self) -> list[str]:
        """
        ethnic groups, indexed by `ethnicity`
        """
    @property
    def ethnicity(self) -> numpy.ndarray:
        ...
    @property
    def flags(self) -> numpy.ndarray:
        ...
    @property
    def id(self) -> _StringColumn:
        ...
    @property
    def left_out(self) -> list:
        ...
    @property
    def problems(self) -> list:
        ...
    @property
    def rows_read(self) -> int:
        ...
    @property
    def rows_rejected(self) -> int:
        ...
    @property
    def sex(self) -> numpy.ndarray:
        """
        0 male, 1 female
        """
    @property
    def special_groups(self) -> numpy.ndarray:
        ...
    @property
    def unit(self) -> numpy.ndarray:
        ...
    @property
    def units(self) -> list[str]:
        """
        commune codes, indexed by `unit`
        """
class IncidentRegister:
    """
    An incident register as the library's reader cleaned it.
    """
    def __len__(self) -> int:
        ...
    @property
    def age(self) -> numpy.ndarray:
        """
        255: unknown
        """
    @property
    def case_id(self) -> list[str]:
        """
        empty when the register has no case_id column
        """
    @property
    def day(self) -> numpy.ndarray:
        """
        days since 1970-01-01
        """
    @property
    def environment(self) -> numpy.ndarray:
        ...
    @property
    def fatal(self) -> numpy.ndarray:
        ...
    @property
    def kind(self) -> numpy.ndarray:
        """
        codes of vocabulary()['incident_kinds']
        """
    @property
    def left_out(self) -> list:
        ...
    @property
    def plan_in_time(self) -> numpy.ndarray:
        """
        1 yes, 0 no, -1 unknown
        """
    @property
    def problems(self) -> list:
        ...
    @property
    def rows_read(self) -> int:
        ...
    @property
    def rows_rejected(self) -> int:
        ...
    @property
    def sex(self) -> numpy.ndarray:
        """
        0 male, 1 female, 2 unknown
        """
    @property
    def unit(self) -> numpy.ndarray:
        ...
    @property
    def units(self) -> list[str]:
        ...
class Pseudonymiser:
    """
    HMAC-SHA-256 pseudonyms of ids under a secret key (at least 16 bytes).
    """
    def __call__(self, id: str) -> str:
        ...
    def __init__(self, key: str) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def many(self, ids: collections.abc.Sequence[str]) -> list[str]:
        ...
class Catalogue:
    """
    An indicator catalogue (schema treem.indicators/1).
    """
    @staticmethod
    def bundled() -> Catalogue:
        """
        treem's catalogue of child statistics.
        """
    @staticmethod
    def from_toml(text: str, source: str = '<catalogue>') -> Catalogue:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def definitions(self) -> list:
        ...
    def extend(self, other: Catalogue) -> Catalogue:
        """
        This catalogue's indicators followed by those of `other`.
        """
    @property
    def age_groups(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def keys(self) -> list[str]:
        ...
    @property
    def version(self) -> str:
        ...
class TargetSet:
    """
    Targets of national programmes (schema treem.targets/1).
    """
    @staticmethod
    def bundled() -> TargetSet:
        """
        The 2025 and 2030 targets of Decisions 23/QĐ-TTg and 1248/QĐ-TTg.
        """
    @staticmethod
    def from_toml(text: str, source: str = '<targets>') -> TargetSet:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def id(self) -> str:
        ...
class ProtectionReport:
    """
    What suppression's protection stage did to a table: counts of cells, never which ones.
    """
    def __repr__(self) -> str:
        ...
    @property
    def added(self) -> int:
        """
        cells withheld to widen an interval
        """
    @property
    def atom_columns(self) -> int:
        """
        unknowns of the atom programme that read the table as its strongest reader would (0: too large for it)
        """
    @property
    def certified(self) -> bool:
        """
        a table read in parts was certified against a reader of the whole table (asked for)
        """
    @property
    def logged(self) -> int:
        """
        lines of the publish log taken into account
        """
    @property
    def logged_outside(self) -> int:
        """
        lines of the log over communes these registers do not have
        """
    @property
    def parts_read_whole(self) -> int:
        """
        parts (a unit with every unit inside it) read whole after the sub-tables of a table beyond the whole-table limit (0: none)
        """
    @property
    def programmes(self) -> int:
        """
        linear programmes solved
        """
    @property
    def read_whole(self) -> bool:
        """
        one atom programme read the whole table, directly or after its sub-tables (else a reader who combines them may narrow)
        """
    @property
    def released(self) -> int:
        """
        withheld cells published because they were determined anyway
        """
    @property
    def skipped(self) -> int:
        """
        withheld cells in groups too large to solve
        """
    @property
    def sub_tables(self) -> int:
        """
        sub-tables a table too large for one programme was read in first (0: none)
        """
    @property
    def uncertified(self) -> int:
        """
        when read in parts: small counts for which no two whole tables publishing the same numbers were found that put them at 0 and at the interval's upper end (a reader of the whole table may narrow those; 0 otherwise)
        """
    @property
    def unprotected(self) -> int:
        """
        withheld counts still narrower than the promise
        """
class TargetProgress:
    """
    Each unit's totals against the targets: one row per unit, indicator and target.
    """
    def __len__(self) -> int:
        ...
    @property
    def comparator(self) -> list[str]:
        ...
    @property
    def gap(self) -> numpy.ndarray:
        ...
    @property
    def indicator(self) -> list[str]:
        ...
    @property
    def level(self) -> list[str]:
        ...
    @property
    def meets(self) -> numpy.ndarray:
        """
        1 met, 0 not met, -1 cannot tell
        """
    @property
    def status(self) -> list[str]:
        ...
    @property
    def target(self) -> numpy.ndarray:
        ...
    @property
    def unit(self) -> list[str]:
        ...
    @property
    def value(self) -> numpy.ndarray:
        ...
    @property
    def year(self) -> numpy.ndarray:
        ...
class IndicatorTable:
    """
    A computed indicator table: one row per unit, indicator and category of a breakdown.
    """
    dimensions: typing.ClassVar[list] = ['sex', 'age_group', 'ethnicity', 'kind', 'environment']
    def __arrow_c_stream__(self, requested_schema: typing.Any = None) -> typing_extensions.CapsuleType:
        """
        The table as an Arrow C stream of one record batch: its numbers and codes without a copy (pyarrow, polars, DuckDB).
        """
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def category(self, dimension: str) -> numpy.ndarray:
        """
        The category codes of a dimension (-1: the total over it).
        """
    def evaluate_targets(self, targets: TargetSet, year: typing.SupportsInt | typing.SupportsIndex = 0, baselines: collections.abc.Mapping[tuple[str, str], typing.SupportsFloat | typing.SupportsIndex] = {}) -> TargetProgress:
        ...
    def hierarchy(self, dimension: str) -> list[tuple[str, list[str]]]:
        """
        Each parent category with the categories whose sum it is.
        """
    def labels(self, dimension: str) -> list[str]:
        ...
    def to_json(self, catalogue: Catalogue, progress: TargetProgress = None) -> str:
        ...
    @property
    def confidence(self) -> float:
        ...
    @property
    def denominator(self) -> numpy.ndarray:
        ...
    @property
    def indicator(self) -> numpy.ndarray:
        ...
    @property
    def indicator_keys(self) -> list[str]:
        ...
    @property
    def level(self) -> numpy.ndarray:
        ...
    @property
    def levels(self) -> list[str]:
        ...
    @property
    def lower(self) -> numpy.ndarray:
        ...
    @property
    def numerator(self) -> numpy.ndarray:
        ...
    @property
    def period(self) -> str:
        ...
    @property
    def protection(self) -> ProtectionReport:
        ...
    @property
    def protection_upper(self) -> int:
        ...
    @property
    def reference_date(self) -> str:
        ...
    @property
    def suppressed(self) -> numpy.ndarray:
        ...
    @property
    def suppression_threshold(self) -> int:
        ...
    @property
    def unit(self) -> numpy.ndarray:
        ...
    @property
    def unit_codes(self) -> list[str]:
        ...
    @property
    def unit_names(self) -> list[str]:
        ...
    @property
    def upper(self) -> numpy.ndarray:
        ...
    @property
    def value(self) -> numpy.ndarray:
        ...
    @property
    def warnings(self) -> list[str]:
        ...
class IndicatorRequest:
    """
    What to compute: period, levels, indicators, breakdowns, intervals, suppression.
    """
    def __init__(self, *, period: str = '2024', reference_date: datetime.date | None = None, levels: collections.abc.Sequence[str] = ['commune'], indicators: collections.abc.Sequence[str] = [], age_groups: str | None = None, breakdowns: collections.abc.Sequence[collections.abc.Sequence[str]] = [], confidence: typing.SupportsFloat | typing.SupportsIndex = 0.95, zero_denominator: str = 'nan', suppress: bool = True, k: typing.SupportsInt | typing.SupportsIndex = 4, protection_upper: typing.SupportsInt | typing.SupportsIndex = 0, sub_tables_above: typing.SupportsInt | typing.SupportsIndex = 20000, whole_table_limit: typing.SupportsInt | typing.SupportsIndex = 150000, certify: bool = False, merger: str = '', threads: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def certify(self) -> bool:
        ...
    @property
    def confidence(self) -> float:
        ...
    @property
    def indicators(self) -> list[str]:
        ...
    @property
    def k(self) -> int:
        ...
    @property
    def levels(self) -> list[str]:
        ...
    @property
    def merger(self) -> str:
        ...
    @property
    def period(self) -> str:
        ...
    @property
    def protection_upper(self) -> int:
        ...
    @property
    def sub_tables_above(self) -> int:
        ...
    @property
    def whole_table_limit(self) -> int:
        ...
class CheckRows:
    """
    One row per case and limit, as check_rows() gives them; each property is a column.
    """
    def __len__(self) -> int:
        ...
    @property
    def deadline(self) -> list:
        ...
    @property
    def due(self) -> list:
        ...
    @property
    def due_latest(self) -> list:
        ...
    @property
    def kind(self) -> list:
        ...
    @property
    def left(self) -> list:
        ...
    @property
    def left_unit(self) -> list:
        ...
    @property
    def line(self) -> list:
        ...
    @property
    def serious_harm(self) -> list:
        ...
    @property
    def source(self) -> list:
        ...
    @property
    def state(self) -> list:
        ...
    @property
    def unconfirmed_days(self) -> list:
        ...
    @property
    def unit(self) -> list:
        ...
    @property
    def why(self) -> list:
        ...
class CaseRegister:
    """
    A cleaned case register (Decree 56/2017/NĐ-CP): one row per case.
    """
    def __len__(self) -> int:
        ...
    def step(self, name: str) -> tuple:
        """
        (days since 1970-01-01, INT32_MIN if not happened; minute of the day, -1 if not recorded)
        """
    @property
    def ids(self) -> list[str]:
        """
        Case ids (pseudonyms when read with a key).
        """
    @property
    def kind(self) -> numpy.ndarray:
        """
        codes of vocabulary()['incident_kinds']
        """
    @property
    def line(self) -> numpy.ndarray:
        """
        each case's line in its source
        """
    @property
    def serious_harm(self) -> numpy.ndarray:
        ...
    @property
    def unit(self) -> numpy.ndarray:
        ...
    @property
    def units(self) -> list[str]:
        """
        commune codes, indexed by `unit`
        """
class CaseDeadlineRules:
    """
    Time limits of case handling (schema treem.case_deadlines/1).
    """
    @staticmethod
    def bundled() -> CaseDeadlineRules:
        """
        Decree 56/2017/NĐ-CP, Chapter III, as bundled.
        """
    @staticmethod
    def from_toml(text: str, source: str = '<text>') -> CaseDeadlineRules:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def deadlines(self) -> list:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def instrument(self) -> str:
        ...
    @property
    def version(self) -> str:
        ...
class CaseChecks:
    """
    Each case's time limits as of a moment.
    """
    def __len__(self) -> int:
        ...
    def approved_in_time(self) -> numpy.typing.NDArray[numpy.int8]:
        ...
    def rows(self, only_open: bool = False) -> CheckRows:
        ...
    def to_csv(self, only_open: bool = False) -> str:
        ...
    def to_json(self, only_open: bool = False) -> str:
        ...
    @property
    def as_of_minute(self) -> int:
        ...
class CriterionResult:
    """
    A criterion's points in a decision: claimed, computed from facts, used.
    """
    def __repr__(self) -> str:
        ...
    def name(self, lang: str = 'vi') -> str:
        ...
    def why_not_computed(self, lang: str = 'en') -> str | None:
        """
        Why treem could not score it from the facts; None when it did.
        """
    @property
    def claimed(self) -> float | None:
        ...
    @property
    def computed(self) -> float | None:
        ...
    @property
    def id(self) -> int:
        ...
    @property
    def max_points(self) -> float | None:
        ...
    @property
    def used(self) -> float | None:
        ...
class GateResult:
    """
    A recognition gate of the rules and its state for the unit.
    """
    def __repr__(self) -> str:
        ...
    def text(self, lang: str = 'vi') -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def kind(self) -> str:
        ...
    @property
    def rule_set(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
    @property
    def state(self) -> str:
        ...
class Disqualification:
    """
    A local rule that refused recognition, with the incidents that met it.
    """
    def __repr__(self) -> str:
        ...
    def text(self, lang: str = 'vi') -> str:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def incidents(self) -> list:
        """
        (kind, date, fatal) of each incident, earliest first; never who
        """
    @property
    def rule_set(self) -> str:
        ...
    @property
    def source(self) -> str:
        ...
class AuditFinding:
    """
    Where the assessment and the facts or registers disagree.
    """
    def __repr__(self) -> str:
        ...
    def detail(self, lang: str = 'en') -> str:
        ...
    @property
    def criterion(self) -> int:
        ...
    @property
    def kind(self) -> str:
        ...
class Gap:
    """
    What would have to change for recognition.
    """
    @property
    def criteria_at_zero(self) -> list[int]:
        ...
    @property
    def criteria_not_assessed(self) -> list[int]:
        ...
    @property
    def disqualified(self) -> bool:
        ...
    @property
    def failed_gates(self) -> list[str]:
        ...
    @property
    def points_missing(self) -> float | None:
        ...
class FactUsed:
    """
    A fact the decision scored from, and where it came from.
    """
    def __repr__(self) -> str:
        ...
    @property
    def denominator(self) -> int | None:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def numerator(self) -> int | None:
        ...
    @property
    def origin(self) -> str:
        ...
    @property
    def register_value(self) -> float | None:
        ...
    @property
    def value(self) -> float:
        ...
class Decision:
    """
    One unit's decision: outcome, points, gates, disqualifying incidents, gap, audit.
    """
    def category_reason(self, lang: str = 'en') -> str:
        ...
    def outcome_label(self, lang: str = 'en') -> str:
        """
        The outcome as a person reads it in `lang`.
        """
    def reasons(self, lang: str = 'en') -> list[str]:
        ...
    def to_json(self, lang: str = 'en') -> str:
        ...
    @property
    def audit(self) -> list:
        ...
    @property
    def category(self) -> str | None:
        ...
    @property
    def criteria(self) -> list:
        ...
    @property
    def disqualifications(self) -> list:
        ...
    @property
    def facts(self) -> list[FactUsed]:
        ...
    @property
    def gap(self) -> Gap:
        ...
    @property
    def gates(self) -> list:
        ...
    @property
    def outcome(self) -> str:
        ...
    @property
    def pass_mark(self) -> float | None:
        ...
    @property
    def pass_mark_range(self) -> tuple[float | None, float | None]:
        ...
    @property
    def period(self) -> str:
        ...
    @property
    def total(self) -> float | None:
        ...
    @property
    def unit(self) -> str:
        ...
    @property
    def unit_name(self) -> str:
        ...
class DecisionSet:
    """
    The decisions of one certification run, in input order.
    """
    def __getitem__(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> Decision:
        ...
    def __len__(self) -> int:
        ...
    def __repr__(self) -> str:
        ...
    def index_of(self, arg0: str) -> int | None:
        ...
    def to_json(self, lang: str = 'en') -> str:
        """
        The run as JSON, exactly as `treem certify --json --lang LANG` prints it.
        """
    @property
    def criterion_ids(self) -> list[int]:
        ...
    @property
    def disqualified(self) -> numpy.typing.NDArray[numpy.bool]:
        ...
    @property
    def outcome_codes(self) -> numpy.typing.NDArray[numpy.uint8]:
        """
        0 recognized, 1 not_recognized, 2 inconclusive
        """
    @property
    def pass_marks(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def period(self) -> str:
        ...
    @property
    def points_missing(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def points_used(self) -> numpy.typing.NDArray[numpy.float64]:
        """
        points used per unit (rows) and criterion (columns, in criterion_ids order); NaN: not assessed
        """
    @property
    def rule_sets(self) -> list[tuple[str, str]]:
        ...
    @property
    def totals(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def units(self) -> list[str]:
        ...
class RuleSet:
    """
    A certification rule set: a standard or an overlay.
    """
    @staticmethod
    def from_toml(text: str, source: str = '<text>') -> RuleSet:
        ...
    @staticmethod
    def national() -> RuleSet:
        """
        Decision 06/QĐ-TTg (2019), as far as it is confirmed.
        """
    @staticmethod
    def son_ha_2024_overlay() -> RuleSet:
        """
        Sơn Hà's 2024 disqualification rule.
        """
    def __repr__(self) -> str:
        ...
    def assessment_dates(self, from_year: typing.SupportsInt | typing.SupportsIndex, to_year: typing.SupportsInt | typing.SupportsIndex) -> list[datetime.date]:
        ...
    @property
    def criteria(self) -> list:
        ...
    @property
    def extends(self) -> str | None:
        ...
    @property
    def facts(self) -> dict:
        ...
    @property
    def id(self) -> str:
        ...
    @property
    def instrument(self) -> str:
        ...
    @property
    def pass_marks(self) -> dict:
        ...
    @property
    def title(self) -> str:
        ...
    @property
    def version(self) -> str:
        ...
class ComposedRules:
    """
    A base rule set with its overlays applied.
    """
    def __init__(self, rule_sets: collections.abc.Sequence[RuleSet]) -> None:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def criteria_ids(self) -> list[int]:
        ...
    @property
    def facts(self) -> dict:
        ...
    @property
    def layers(self) -> list[tuple[str, str]]:
        ...
def _check_cases(cases: CaseRegister, rules: CaseDeadlineRules, calendar: HolidayCalendar, as_of: typing.SupportsInt | typing.SupportsIndex, readings: collections.abc.Mapping[str, typing.SupportsInt | typing.SupportsIndex]) -> CaseChecks:
    ...
def _compute_indicators(*, catalogue: Catalogue, units: UnitRegistry, children: typing.Any, incidents: typing.Any, request: IndicatorRequest, publish_log: str | None = None) -> IndicatorTable:
    ...
def _evaluate_all(*, assessment_table: typing.Any, incident_table: typing.Any, rules: ComposedRules, units: UnitRegistry, period: str, source: str, incident_source: str, children_table: typing.Any = None, children_path: str = '', children_source: str = '<children>', cases: CaseRegister = None, readings: collections.abc.Mapping[str, typing.SupportsInt | typing.SupportsIndex] = {}) -> DecisionSet:
    ...
def _evaluate_targets(levels: collections.abc.Sequence[str], level_codes: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], units: collections.abc.Sequence[str], unit_codes: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], indicators: collections.abc.Sequence[str], indicator_codes: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], targets: TargetSet, year: typing.SupportsInt | typing.SupportsIndex, baselines: collections.abc.Mapping[tuple[str, str], typing.SupportsFloat | typing.SupportsIndex]) -> TargetProgress:
    ...
def _generate_registers(units: str, seed: typing.SupportsInt | typing.SupportsIndex, reference_date: datetime.date) -> tuple[dict, dict]:
    ...
def _link_case_timeliness(case_ids: collections.abc.Sequence[str], plan_in_time: typing.Annotated[numpy.typing.ArrayLike, numpy.int8], checks: CaseChecks) -> tuple[numpy.typing.NDArray[numpy.int8], int, int, int]:
    """
    The incidents' plan_in_time with each incident that names a case taking its case's computed timeliness.
    """
def _parse_case_time(text: str) -> int | None:
    """
    Minutes since 1970-01-01 00:00 of 'dd/mm/yyyy [hh:mm]' or 'yyyy-mm-dd[ hh:mm]', or None.
    """
def _read_case_register(table: typing.Any, path: str, source: str, units: UnitRegistry, as_of: datetime.date, lenient: bool, key: Pseudonymiser = None) -> tuple[CaseRegister, list, int, int, list]:
    ...
def _read_child_register(table: typing.Any, path: str, source: str, units: UnitRegistry, reference_date: datetime.date, lenient: bool, key: Pseudonymiser = None, progress: typing.Any = None, threads: typing.SupportsInt | typing.SupportsIndex = 0, rows: typing.SupportsInt | typing.SupportsIndex = 0) -> ChildRegister:
    ...
def _read_incident_register(table: typing.Any, path: str, source: str, units: UnitRegistry, reference_date: datetime.date, lenient: bool, period_start: datetime.date | None = None) -> IncidentRegister:
    ...
def _rules_template(lang: str = 'vi') -> str:
    """
    The province template of Decision 06/QĐ-TTg (treem.rules/1 text), comments in 'vi' or 'en'.
    """
def _synthetic_units_toml(units: str) -> str:
    ...
def _to_lunar_days(days: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], time_zone: typing.SupportsFloat | typing.SupportsIndex = 7.0) -> tuple[numpy.typing.NDArray[numpy.int32], numpy.typing.NDArray[numpy.int32], numpy.typing.NDArray[numpy.int32], numpy.typing.NDArray[numpy.bool]]:
    ...
def _write_report(*, out: str, children: str, incidents: str = '', assessments: str = '', submissions: str = '', plan: str = '', units: str = '', rules: collections.abc.Sequence[str] = [], period: str = '2024', as_of: datetime.date | None = None, made_on: datetime.date, lang: str = 'vi', k: typing.SupportsInt | typing.SupportsIndex = 4, protection_upper: typing.SupportsInt | typing.SupportsIndex = 0) -> int:
    """
    Writes the report workbook to `out`, exactly as `treem report` does; returns the number of sheets.
    """
def format_date_iso(date: datetime.date) -> str:
    """
    'yyyy-mm-dd'.
    """
def format_date_vn(date: datetime.date) -> str:
    """
    'dd/mm/yyyy', the Vietnamese written form.
    """
def from_lunar(lunar_date: LunarDate, time_zone: typing.SupportsFloat | typing.SupportsIndex = 7.0) -> datetime.date:
    ...
def leap_month(lunar_year: typing.SupportsInt | typing.SupportsIndex, time_zone: typing.SupportsFloat | typing.SupportsIndex = 7.0) -> int:
    ...
def month_length(month: typing.SupportsInt | typing.SupportsIndex, lunar_year: typing.SupportsInt | typing.SupportsIndex, leap: bool = False, time_zone: typing.SupportsFloat | typing.SupportsIndex = 7.0) -> int:
    ...
def outcome_label(outcome: str, lang: str = 'en') -> str:
    ...
def parse_date(text: str) -> datetime.date:
    """
    Parse 'dd/mm/yyyy' (also 'd/m/yyyy') or ISO 'yyyy-mm-dd' into a datetime.date.
    """
def tet(lunar_year: typing.SupportsInt | typing.SupportsIndex, time_zone: typing.SupportsFloat | typing.SupportsIndex = 7.0) -> datetime.date:
    ...
def to_lunar(date: datetime.date, time_zone: typing.SupportsFloat | typing.SupportsIndex = 7.0) -> LunarDate:
    ...
def trung_thu(lunar_year: typing.SupportsInt | typing.SupportsIndex, time_zone: typing.SupportsFloat | typing.SupportsIndex = 7.0) -> datetime.date:
    ...
def vocabulary() -> dict:
    """
    The words of treem's tables: column names (English and Vietnamese), sex and yes/no spellings, incident kinds, environments.
    """
VIETNAM_TIME_ZONE: float = 7.0
__version__: str = '0.1.0'
