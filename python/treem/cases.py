"""Case handling under Decree 56/2017/NĐ-CP: the case register and its time limits.

``read_cases`` reads a case register with the compiled reader that ``treem cases check`` uses;
``check_cases`` times every case against the limits (12 hours for an emergency, 5 working days
for the support plan, the approval's disputed 5 or 7) on the working-day calendar, as of a moment.
The result keeps the compiled checks (``CaseChecks._c``) and makes its DataFrames, JSON and CSV from
them, so Python and the program say the same thing. Cases are named by their line in the
register, never by their id.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date, validation_error
from ._tables import VOCABULARY
from .holidays import HolidayCalendar
from .registers import _input, _left_out, _problems

__all__ = ["CaseRegister", "CaseChecks", "DeadlineRules", "read_cases", "check_cases", "STEPS", "STATES"]

KINDS = VOCABULARY["incident_kinds"]
#: The steps of a case, in the Decree's order (the case register's date columns).
STEPS = ("received", "initial_assessment", "emergency_measure", "specific_assessment", "plan_drafted", "plan_approved", "reviewed", "closed")
#: What a check can say of a limit.
STATES = ("met", "missed", "overdue", "pending", "undetermined", "not_applicable")
# The columns of CaseChecks.frame, each a property of the bound rows (treem._core.CheckRows).
_ROW_COLUMNS = ("unit", "line", "kind", "serious_harm", "deadline", "state", "why", "due", "due_latest", "left", "left_unit",
                "unconfirmed_days", "source")
_NO_DAY = np.iinfo(np.int32).min


def _moment(value: Any, field: str) -> int:
    """Minutes since 1970-01-01 00:00 of a date, a naive datetime, or 'dd/mm/yyyy [hh:mm]'."""
    if isinstance(value, str):
        minute = _core._parse_case_time(value)
        if minute is None:
            raise validation_error(field, "not a date (dd/mm/yyyy or yyyy-mm-dd) with an optional time of day hh:mm")
        return int(minute)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            raise validation_error(field, "has a time zone; pass the local time of the commune")
        return (value.date() - _dt.date(1970, 1, 1)).days * 1440 + value.hour * 60 + value.minute
    return (to_date(value, field) - _dt.date(1970, 1, 1)).days * 1440


class DeadlineRules:
    """The time limits of case handling (schema ``treem.case_deadlines/1``), each with its source."""

    __slots__ = ("_c",)

    def __init__(self, core: _core.CaseDeadlineRules) -> None:
        self._c = core

    @classmethod
    def bundled(cls) -> DeadlineRules:
        """Decree 56/2017/NĐ-CP, Chapter III, as treem ships it."""
        return cls(_core.CaseDeadlineRules.bundled())

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<text>") -> DeadlineRules:
        return cls(_core.CaseDeadlineRules.from_toml(text, source))

    def to_frame(self) -> pd.DataFrame:
        """One row per limit: id, names, from and to steps, the cases it applies to, its readings, status, source."""
        return pd.DataFrame(self._c.deadlines)

    def __repr__(self) -> str:
        return repr(self._c).replace("CaseDeadlineRules", "DeadlineRules")


class CaseRegister:
    """A cleaned case register: the compiled register (``_c``), ``problems`` (source, line, column,
    field, rule; never a cell's value), and the cases left out (received after the as-of date)."""

    __slots__ = ("_c", "problems", "rows_read", "rows_rejected", "left_out")

    def __init__(self, core: _core.CaseRegister, problems: pd.DataFrame, rows_read: int, rows_rejected: int, left_out: pd.DataFrame) -> None:
        self._c, self.problems, self.rows_read, self.rows_rejected, self.left_out = core, problems, rows_read, rows_rejected, left_out

    def __len__(self) -> int:
        return len(self._c)

    @property
    def frame(self) -> pd.DataFrame:
        """One row per case: unit, line, kind, serious_harm, and each step as a timestamp (NaT: not
        happened; a step without its time of day is at midnight and ``<step>_timed`` is False)."""
        c = self._c
        out = {
            "unit": pd.Categorical.from_codes(c.unit.astype("int64"), categories=np.asarray(c.units, dtype=object)),
            "line": c.line.copy(),  # the frame's own
            "kind": pd.Categorical.from_codes(c.kind.astype("int64"), categories=list(KINDS)),
            "serious_harm": c.serious_harm.astype(bool),
        }
        for step in STEPS:
            day, minute = c.step(step)
            happened = day != _NO_DAY
            minutes = np.where(happened, day.astype("int64") * 1440 + np.maximum(minute, 0), 0)
            out[step] = pd.Series(minutes.astype("datetime64[m]")).where(happened)
            out[f"{step}_timed"] = minute >= 0
        return pd.DataFrame(out)

    def __repr__(self) -> str:
        return f"CaseRegister({len(self)} cases, {self.rows_rejected} rows rejected, {len(self.problems)} problems)"


def read_cases(data: Any, *, as_of: Any, lenient: bool = False, key: str | None = None, units: Any = None,
               source: str | None = None) -> CaseRegister:
    """Read and clean a case register from a CSV file, an Excel ``.xlsx`` file or a table (pandas,
    polars, pyarrow). Columns: case_id, unit, kind (a kind of abuse), serious_harm (yes/no), and the
    dated steps received (required), initial_assessment, emergency_measure, specific_assessment,
    plan_drafted, plan_approved, reviewed, closed, each 'dd/mm/yyyy' or ISO with an optional
    'hh:mm'. Cases received after ``as_of`` are left out and counted in ``left_out``. With ``key``,
    case ids become HMAC-SHA-256 pseudonyms (use the same key for the incident register's case_id)."""
    from .units import UnitRegistry

    registry = (units or UnitRegistry.bundled())._r
    pseudonymiser = _core.Pseudonymiser(key) if key is not None else None
    day = _dt.date(1970, 1, 1) + _dt.timedelta(days=_moment(as_of, "as_of") // 1440)
    table, _, path, label = _input(data, source)
    core, problems, read, rejected, excluded = _core._read_case_register(table, path, label, registry, day, lenient, pseudonymiser)
    return CaseRegister(core, _problems(problems), read, rejected, _left_out(excluded))


class CaseChecks:
    """Every limit of every case as of a moment. ``frame`` has one row per case and limit;
    ``open()`` is the morning list (overdue and pending limits by commune, soonest first)."""

    __slots__ = ("_c", "cases", "rules")

    def __init__(self, core: _core.CaseChecks, cases: CaseRegister, rules: DeadlineRules) -> None:
        self._c, self.cases, self.rules = core, cases, rules

    def _frame(self, only_open: bool) -> pd.DataFrame:
        rows = self._c.rows(only_open)
        frame = pd.DataFrame({name: getattr(rows, name) for name in _ROW_COLUMNS})
        frame["state"] = pd.Categorical(frame["state"], categories=list(STATES))
        frame["left"] = frame["left"].astype("Int64")
        return frame

    @property
    def frame(self) -> pd.DataFrame:
        """unit, line, kind, serious_harm, deadline, state, why, due, due_latest, left, left_unit,
        unconfirmed_days (days off the due date runs over that no instrument confirms), source."""
        return self._frame(False)

    def open(self) -> pd.DataFrame:
        """The limits still open (overdue or pending), commune by commune, soonest first."""
        return self._frame(True)

    def summary(self) -> pd.DataFrame:
        """Cases per limit and state."""
        f = self.frame
        return f.groupby(["deadline", "state"], observed=False, sort=False).size().unstack(fill_value=0)

    @property
    def approved_in_time(self) -> np.ndarray:
        """Per case: 1 if its plan was approved in time, 0 if not, -1 not yet known or not applicable."""
        return self._c.approved_in_time()

    def to_json(self, *, only_open: bool = False) -> str:
        """The JSON that ``treem cases check --json`` prints."""
        return self._c.to_json(only_open)

    def to_csv(self, *, only_open: bool = False) -> str:
        """The CSV that ``treem cases check --csv`` prints (text cells safe against formulas)."""
        return self._c.to_csv(only_open)

    def __len__(self) -> int:
        return len(self._c)

    def __repr__(self) -> str:
        counts = self.frame["state"].value_counts()
        shown = ", ".join(f"{s} {int(counts[s])}" for s in STATES if counts.get(s, 0))
        return f"CaseChecks({len(self.cases)} cases: {shown})"


def check_cases(cases: CaseRegister, *, as_of: Any, readings: dict[str, int] | None = None, rules: DeadlineRules | None = None,
                calendar: HolidayCalendar | None = None) -> CaseChecks:
    """Time every case of ``cases`` against ``rules`` (default: the bundled Decree 56/2017 limits)
    as of ``as_of`` (a date: its first minute; a naive datetime; or 'dd/mm/yyyy hh:mm'), counting
    working days on ``calendar`` (default: the bundled Vietnamese calendar). A limit the sources
    give differently stays undetermined where its readings disagree, until ``readings`` chooses
    one, e.g. ``{"plan_approved": 7}``."""
    rules = rules or DeadlineRules.bundled()
    cal = calendar or HolidayCalendar.vietnam()
    core = _core._check_cases(cases._c, rules._c, cal._c, _moment(as_of, "as_of"), dict(readings or {}))
    return CaseChecks(core, cases, rules)
