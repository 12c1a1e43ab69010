"""Child-work plans (kế hoạch công tác trẻ em) as data.

``Plan.son_ha_2024()`` is the bundled plan of Sơn Hà district (Quảng Ngãi) for 2024, transcribed
in full; ``Plan.from_file`` reads any plan in the same TOML format (schema ``treem.plan/1``).
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, Iterable

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date
from ._tables import is_frame, table_input
from ._core import (
    Agency,
    CalendarEntry,
    LegalBasis,
    PlanDocument,
    PlanEvent,
    PlanSection,
    ReportRequirement,
    SubmissionStatus,
    Task,
)
from .units import UnitRegistry

__all__ = ["Plan", "Agency", "Task", "PlanSection", "ReportRequirement", "PlanEvent", "CalendarEntry", "SubmissionStatus"]

_ROLES = ("lead", "coordinating", "requested")


class Plan:
    """A child-work plan: its document, agencies, tasks, reports and events, with queries that
    return pandas DataFrames."""

    __slots__ = ("_p",)

    def __init__(self, core: _core.Plan) -> None:
        self._p = core

    @classmethod
    def son_ha_2024(cls) -> Plan:
        """The bundled plan of Sơn Hà district for 2024."""
        return cls(_core.Plan.son_ha_2024())

    @classmethod
    def from_toml(cls, text: str | bytes, *, source: str = "<text>") -> Plan:
        return cls(_core.Plan.from_toml(text, source))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Plan:
        """A plan from a TOML file; errors name the file, line, column and field."""
        with open(path, "rb") as f:
            return cls(_core.Plan.from_toml(f.read(), os.fspath(path)))

    def to_toml(self) -> str:
        """The plan in its TOML format; ``Plan.from_toml(p.to_toml()) == p``."""
        return self._p.to_toml()

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the plan as TOML. The file is replaced only once the whole text is ready."""
        text = self._p.to_toml()
        tmp = f"{os.fspath(path)}.treem-tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)

    id = property(lambda self: self._p.id)
    version = property(lambda self: self._p.version)

    @property
    def document(self) -> PlanDocument:
        return self._p.document

    @property
    def year(self) -> int:
        return self._p.document.year

    @property
    def bases(self) -> list[LegalBasis]:
        return self._p.bases

    @property
    def agencies(self) -> list[Agency]:
        return self._p.agencies

    @property
    def sections(self) -> list[PlanSection]:
        return self._p.sections

    @property
    def reports(self) -> list[ReportRequirement]:
        return self._p.reports

    @property
    def events(self) -> list[PlanEvent]:
        return self._p.events

    @property
    def targets(self) -> list:
        return self._p.targets

    @property
    def local_rules(self) -> list:
        return self._p.local_rules

    @property
    def contacts(self) -> list:
        return self._p.contacts

    def agency(self, agency_id: str) -> Agency:
        return self._p.get_agency(agency_id)

    def section(self, path: str) -> PlanSection | None:
        """The section at a label path such as ``"IV"`` or ``"IV.13"``."""
        return self._p.find_section(path)

    def tasks(self) -> list[Task]:
        return self._p.tasks()

    def tasks_of(self, agency: str, *, role: str | None = None) -> list[Task]:
        """The tasks in which ``agency`` takes part (with ``role``: lead, coordinating, requested)."""
        return self._p.tasks_of(agency, role)

    def tasks_without_lead(self) -> list[Task]:
        """Tasks nobody leads: the plan only asks for coordination."""
        return self._p.tasks_without_lead()

    def responsibility_matrix(self, *, wide: bool = False) -> pd.DataFrame:
        """Who does what. Long form: one row per (task, agency, role). Wide form: agencies as rows,
        tasks as columns, cells "lead" / "coordinating" / "requested" or empty."""
        long = pd.DataFrame(self._p._matrix(), columns=["task", "agency", "role"])
        long["role"] = pd.Categorical(long["role"], categories=list(_ROLES))
        if not wide:
            return long
        order = list(dict.fromkeys(long["task"]))
        agencies = [a.id for a in self._p.agencies if a.id in set(long["agency"])]
        table = long.pivot(index="agency", columns="task", values="role").astype("object")
        return table.reindex(index=agencies, columns=order).where(lambda t: t.notna(), "")

    def calendar(self, *, agency: str | None = None, start: Any = None, end: Any = None) -> pd.DataFrame:
        """Deadlines and events of the plan year, sorted; lunar dates resolved. Events the plan
        names without a date are listed by ``undated_events``."""
        entries, _ = self._p.calendar(agency, _opt_date(start, "start"), _opt_date(end, "end"))
        frame = pd.DataFrame(
            [
                {
                    "start": e.start,
                    "end": e.end,
                    "kind": e.kind,
                    "id": e.id,
                    "name": e.name,
                    "detail": e.detail,
                    "agencies": list(e.agencies),
                    "lunar": e.lunar,
                    "source": e.source,
                }
                for e in entries
            ],
            columns=["start", "end", "kind", "id", "name", "detail", "agencies", "lunar", "source"],
        )
        frame["start"] = pd.to_datetime(frame["start"])
        frame["end"] = pd.to_datetime(frame["end"])
        return frame

    def undated_events(self, *, agency: str | None = None) -> list[PlanEvent]:
        return self._p.calendar(agency, None, None)[1]

    def to_icalendar(self, path: str | os.PathLike[str] | None = None, *, agency: str | None = None,
                     start: Any = None, end: Any = None, dtstamp: _dt.datetime | None = None) -> str:
        """The calendar as iCalendar (RFC 5545) text; also written to ``path`` when given."""
        stamp = (dtstamp or _dt.datetime.now(_dt.timezone.utc)).astimezone(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        text = self._p.to_icalendar(stamp, agency, _opt_date(start, "start"), _opt_date(end, "end"))
        if path is not None:
            tmp = f"{os.fspath(path)}.treem-tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            os.replace(tmp, path)
        return text

    def submission_status(self, submissions: pd.DataFrame | Iterable[tuple[str, str, Any]], *, as_of: Any,
                          units: UnitRegistry | None = None, source: str = "<submissions>") -> pd.DataFrame:
        """The status of every due report as of ``as_of``: on_time, late, missing or not_yet_due.

        ``submissions`` has columns ``submitter`` (an agency id or a commune code), ``report`` (a
        report id) and ``date``; a list of such tuples works too. Errors name ``source`` and the row.
        """
        if is_frame(submissions):
            columns = table_input(submissions)[0]
        else:  # (submitter, report, date) tuples
            rows = list(submissions)
            columns = [(name, np.array([r[i] for r in rows] if rows else [], dtype=object)) for i, name in enumerate(("submitter", "report", "date"))]
        registry = units if units is not None else UnitRegistry.bundled()
        # Read by the compiled reader that `treem plan status` uses; rows numbered as a spreadsheet does.
        statuses = self._p._submission_status(registry._r, columns, source, to_date(as_of, "as_of"))
        frame = pd.DataFrame(
            [
                {
                    "report": s.report,
                    "submitter": s.submitter,
                    "submitter_name": s.submitter_name,
                    "commune": s.commune,
                    "due": s.due,
                    "last_on_time_day": s.last_on_time_day,
                    "state": s.state,
                    "submitted": s.submitted,
                    "days_late": s.days_late,
                }
                for s in statuses
            ],
            columns=["report", "submitter", "submitter_name", "commune", "due", "last_on_time_day", "state", "submitted", "days_late"],
        )
        for column in ("due", "last_on_time_day", "submitted"):
            frame[column] = pd.to_datetime(frame[column])
        frame["state"] = pd.Categorical(frame["state"], categories=["on_time", "late", "missing", "not_yet_due"])
        return frame

    def overdue(self, submissions: Any, *, as_of: Any, units: UnitRegistry | None = None) -> pd.DataFrame:
        """Reports past their deadline and not received, most overdue first."""
        frame = self.submission_status(submissions, as_of=as_of, units=units)
        late = frame[frame["state"] == "missing"]
        return late.sort_values("days_late", ascending=False, kind="stable").reset_index(drop=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Plan) and self._p == other._p

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Plan(id={self.id!r}, year={self.year}, {len(self.tasks())} tasks, {len(self.agencies)} agencies)"


def _opt_date(value: Any, field: str) -> _dt.date | None:
    return None if value is None else to_date(value, field)
