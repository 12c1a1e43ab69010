"""Child and incident registers: a deterministic synthetic generator and keyed pseudonyms.

``generate(units="sonha", seed=1)`` returns two DataFrames with the columns ``treem generate``
writes; their parameters (data/generator/vn-synthetic.toml) each carry their source.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date
from ._tables import VOCABULARY, is_frame, read_excel_columns, read_parquet_columns, strings, table_input
from ._core import Pseudonymiser

__all__ = ["generate", "read_children", "read_incidents", "ChildRegister", "IncidentRegister", "Pseudonymiser", "SPECIAL_GROUP_LETTERS",
           "KINDS", "ENVIRONMENTS"]

SPECIAL_GROUP_LETTERS = VOCABULARY["special_group_letters"]
_FLAGS = {name: 1 << bit for bit, name in enumerate(VOCABULARY["child_flags"])}
KINDS = VOCABULARY["incident_kinds"]
ENVIRONMENTS = VOCABULARY["environments"]


class _Register:
    """A register read by the library's reader, kept in C++ (``self._r``): its columns are read-only
    numpy views that the indicator engine reads as they are; ``frame`` is built from them when first
    asked for."""

    __slots__ = ("_r", "_frame")

    def __init__(self, core: Any) -> None:
        self._r, self._frame = core, None

    def __len__(self) -> int:
        return len(self._r)

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = self._make_frame()  # each register's own
        return self._frame

    @property
    def problems(self) -> pd.DataFrame:
        """One row per problem: source, line, column, field, rule (never a cell's value)."""
        return _problems(self._r.problems)

    @property
    def left_out(self) -> pd.DataFrame:
        """Rows left out without being wrong: field, rule, rows."""
        return _left_out(self._r.left_out)

    @property
    def rows_read(self) -> int:
        return self._r.rows_read

    @property
    def rows_rejected(self) -> int:
        return self._r.rows_rejected

    def _describe(self, what: str) -> str:
        return (f"{type(self).__name__}({len(self)} {what}, {self.rows_rejected} rows rejected, {len(self._r.problems)} problems, "
                f"{sum(rows for _, _, rows in self._r.left_out)} rows left out)")


class ChildRegister(_Register):
    """A cleaned child register: ``frame`` (one row per accepted child) and ``problems`` (one row per
    problem: source, line, column, field, rule; never a child's value)."""

    __slots__ = ()

    def _make_frame(self) -> pd.DataFrame:
        return _frame(self._r)

    def __repr__(self) -> str:
        return self._describe("children")


class IncidentRegister(_Register):
    """A cleaned incident register: ``frame`` (one row per accepted incident: unit, date, kind,
    fatal, sex, age, environment, plan_approved_in_time) and ``problems`` (source, line, column,
    field, rule; never a cell's value)."""

    __slots__ = ()

    def _make_frame(self) -> pd.DataFrame:
        return _incident_frame(self._r)

    def __repr__(self) -> str:
        return self._describe("incidents")


def _incident_frame(incidents: Any) -> pd.DataFrame:
    sex = incidents.sex.astype("int64")
    age = incidents.age
    plan = incidents.plan_in_time
    case_id = incidents.case_id
    return pd.DataFrame({
        "unit": pd.Categorical.from_codes(incidents.unit.astype("int64"), categories=np.asarray(incidents.units, dtype=object)),
        "date": incidents.day.astype("datetime64[D]"),
        "kind": pd.Categorical.from_codes(incidents.kind.astype("int64"), categories=list(KINDS)),
        "fatal": incidents.fatal.astype(bool),
        "sex": pd.Categorical.from_codes(np.where(sex == 2, -1, sex), categories=["M", "F"]),  # unknown: NaN
        "age": pd.array(np.where(age == 255, None, age), dtype="UInt8"),
        "environment": pd.Categorical.from_codes(incidents.environment.astype("int64"), categories=list(ENVIRONMENTS)),
        "plan_approved_in_time": pd.array(np.where(plan < 0, None, plan == 1), dtype="boolean"),
        **({"case_id": pd.array(case_id, dtype="string")} if case_id else {}),
    })


def _problems(problems: list) -> pd.DataFrame:
    return pd.DataFrame(problems, columns=["source", "line", "column", "field", "rule"])


def _left_out(excluded: list) -> pd.DataFrame:
    """Rows left out without being wrong (outside the period or the ages of a child): field, rule, rows."""
    return pd.DataFrame(excluded, columns=["field", "rule", "rows"])


def _input(data: Any, source: str | None) -> tuple[Any, int, str, str]:
    """(table, rows, path, label) for the compiled reader: a table (an Arrow stream or columns), or a CSV path read there."""
    if is_frame(data):
        table, rows = table_input(data)
        return table, rows, "", source or "<DataFrame>"
    path = os.fspath(data)
    if path.lower().endswith(".xlsx"):
        return read_excel_columns(path), 0, "", source or path
    if path.lower().endswith(".parquet"):
        return read_parquet_columns(path), 0, "", source or path
    return [], 0, path, source or path


def read_incidents(data: Any, *, reference_date: Any = _dt.date(2024, 12, 31), period_start: Any = None, lenient: bool = False,
                   units: Any = None, source: str | None = None) -> IncidentRegister:
    """Read and clean an incident register from a CSV file, an Excel ``.xlsx`` file or a table
    (pandas, polars, pyarrow), with the compiled reader that ``treem register check --incidents``
    uses: Vietnamese or English column names and kinds; communes found on each incident's date;
    kinds, ages 0-15, environments and yes/no flags checked. Incidents after ``reference_date``
    (or before ``period_start``) are left out and counted in ``left_out``. Strict by default (the
    first problem raises ValidationError); ``lenient=True`` keeps the clean rows and lists every problem."""
    from .units import UnitRegistry

    registry = (units or UnitRegistry.bundled())._r
    reference = to_date(reference_date, "reference_date")
    start = to_date(period_start, "period_start") if period_start is not None else None
    table, _, path, label = _input(data, source)
    return IncidentRegister(_core._read_incident_register(table, path, label, registry, reference, lenient, start))


def _frame(children: Any) -> pd.DataFrame:
    """The frame of a child register: from a read register's views or the generator's columns."""
    flags, groups = children.flags, children.special_groups
    return pd.DataFrame({
        "id": strings(children.id),
        "unit": pd.Categorical.from_codes(children.unit.astype("int64"), categories=np.asarray(children.units, dtype=object)),
        "sex": pd.Categorical.from_codes(children.sex.astype("int64"), categories=["M", "F"]),
        "birth_date": children.birth.astype("datetime64[D]"),
        "ethnicity": pd.Categorical.from_codes(children.ethnicity.astype("int64"), categories=np.asarray(children.ethnicities, dtype=object)),
        "special_groups": groups if groups.flags.writeable else groups.copy(),  # the frame's own: an analyst may change it
        **{name: (flags & bit) != 0 for name, bit in _FLAGS.items()},
    })


def read_children(data: Any, *, reference_date: Any = _dt.date(2024, 12, 31), lenient: bool = False, key: str | None = None,
                  units: Any = None, source: str | None = None, progress: Any = False, threads: int = 0) -> ChildRegister:
    """Read and clean a child register from a CSV file (comma or semicolon, UTF-8 with or without
    BOM), an Excel ``.xlsx`` or Parquet file, or a table (pandas, polars, pyarrow: its columns are handed to the
    compiled reader as they are, never through text rows). Column names may be Vietnamese or
    English (see the README); columns with names, addresses or phones are dropped unread. Strict by
    default: the first problem raises ValidationError; ``lenient=True`` keeps the clean rows and
    lists every problem. Children born after ``reference_date`` or aged 16 or more on it are left
    out and counted in ``left_out``. With ``key``, ids become HMAC-SHA-256 pseudonyms. The file is
    read in blocks cleaned on ``threads`` threads (0: every core; the result is the same);
    ``progress=True`` shows how far it is on stderr (a bar in a Jupyter notebook; or pass a
    callable ``progress(done, total)``), and Ctrl-C (KeyboardInterrupt), or an exception raised by
    the callable, cancels."""
    from .units import UnitRegistry

    registry = (units or UnitRegistry.bundled())._r
    reference = to_date(reference_date, "reference_date")
    pseudonymiser = Pseudonymiser(key) if key is not None else None
    table, rows, path, label = _input(data, source)
    report = _progress_printer(label, progress) if progress else None
    core = _core._read_child_register(table, path, label, registry, reference, lenient, pseudonymiser, report, threads, rows)
    if progress is True and not _in_notebook():
        sys.stderr.write("\n")
    return ChildRegister(core)


def _in_notebook() -> bool:
    """True inside a Jupyter kernel (where stderr's carriage returns do not redraw a line)."""
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None) if shell else None
    ip = get() if get else None
    return ip is not None and "IPKernelApp" in getattr(ip, "config", {})


class _NotebookProgress:
    """An HTML progress bar updated in place through IPython's display handles (no extra package)."""

    def __init__(self, label: str) -> None:
        from IPython.display import HTML, display  # present whenever _in_notebook() is true

        self._html, self._label, self._shown = HTML, label, -1
        self._handle = display(self._render(0), display_id=True)

    def _render(self, percent: int):
        return self._html(f"<progress value='{percent}' max='100' style='width:40%'></progress> reading {self._label}: {percent}%")

    def __call__(self, done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent != self._shown:
            self._shown = percent
            self._handle.update(self._render(percent))


def _progress_printer(path: str, progress: Any = True):
    """What reports progress: the caller's own callable, a bar in a notebook, or a line on stderr."""
    if callable(progress):
        return progress
    if _in_notebook():
        return _NotebookProgress(path)
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = int(100 * done / total) if total else 100
        if percent != shown[0]:
            shown[0] = percent
            sys.stderr.write(f"\rreading {path}: {percent}%")
            sys.stderr.flush()

    return show


def generate(units: str = "sonha", *, seed: int = 1, reference_date: Any = _dt.date(2024, 12, 31)) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic (children, incidents) for ``"sonha"`` (14 units) or ``"national"`` (10,047
    synthetic communes, about 25 million children). The same seed gives the same registers."""
    children, incidents = _core._generate_registers(units, seed, to_date(reference_date, "reference_date"))
    child_frame = _frame(SimpleNamespace(**children))
    incident_frame = _incident_frame(SimpleNamespace(case_id=[], **incidents))
    return child_frame, incident_frame


def special_group_letters(bits: int) -> str:
    """The Law on Children Art. 10 letters of a special-groups bit set, e.g. 0b1001 -> "a;d"."""
    return ";".join(letter for i, letter in enumerate(SPECIAL_GROUP_LETTERS) if bits & (1 << i))
