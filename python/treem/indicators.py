"""Child statistics from the child and incident registers: every indicator of a catalogue
(Circular 13/2021/TT-BLĐTBXH and the national programmes' targets), for every breakdown, per unit
at the levels asked for, with exact intervals and small-cell suppression.

``compute(children, incidents, period="2024", level=["commune", "district"])`` returns a tidy
DataFrame: ``level, unit, unit_name, period, indicator, sex, age_group, ethnicity, kind,
environment, numerator, denominator, value, lower, upper, suppressed``. A dimension column is NaN
where the row is the total over that dimension. The ``kind`` column shows the kinds as the law
groups them: ``sexual_abuse`` counts its five forms and ``sexual_abuse_form_not_recorded``, and
``abuse`` / ``injury`` their kinds (shown where they are not the total); ``frame.attrs["sum_of"]``
says which categories each such row is the sum of. Counts 1..k (and the cells that would reveal them
through totals, or narrow them below [0, k + 1]) are withheld by default: ``suppress=False`` only for
internal use. ``frame.attrs["protection"]`` says what that took (cells ``added`` to widen intervals,
determined cells ``released``) and whether the promise holds everywhere (``unprotected`` and
``skipped`` are 0, and ``atom_columns``, the size of the atom programme that read the whole table as
its strongest reader would, is not; ``sub_tables`` is 0 unless a table too large for one programme
was read unit by unit first, ``read_whole`` says whether it was then read whole, as a reader who
combines them would read it, and ``parts_read_whole`` how many of its parts, each a unit with every
unit inside it, were read whole when the table itself was too large, and, with ``certify=True``,
``uncertified`` how many counts of 1..k no pair of whole tables publishing the same numbers was then
found to put at 0 and at k + 1);
``compute`` warns when it does not. Tables published in separate runs (communes
today, the district next week) stay linked through ``publish_log=FILE``, which records what each run
published and withheld and is read by the next (``logged``: its lines taken into account).

``progress(frame)`` compares the totals with the national 2025 / 2030 targets.

``tabulate(...)`` takes the same arguments and keeps the result in C++ as an :class:`IndicatorTable`:
its number columns are read-only numpy views (no copy), ``to_frame()`` gives the DataFrame above,
``to_json()`` the document ``treem indicators --json`` prints (from the same library function) and
``progress()`` the targets.
"""

from __future__ import annotations

import datetime as _dt
import os
import warnings
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date, to_epoch_days
from ._tables import VOCABULARY
from ._core import Catalogue, TargetSet
from .registers import ChildRegister, IncidentRegister, _FLAGS, read_children, read_incidents
from .units import UnitRegistry

__all__ = ["compute", "tabulate", "IndicatorTable", "prepare", "Prepared", "progress", "catalogue", "Catalogue", "TargetSet", "KINDS", "ENVIRONMENTS"]

KINDS = VOCABULARY["incident_kinds"]
ENVIRONMENTS = VOCABULARY["environments"]
_DIMENSIONS = tuple(_core.IndicatorTable.dimensions)
_NUMBER_COLUMNS = ("numerator", "denominator", "value", "lower", "upper", "suppressed")


def catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """The bundled catalogue, extended with your own indicators from a TOML file
    (schema ``treem.indicators/1``) when ``path`` is given."""
    base = Catalogue.bundled()
    if path is None:
        return base
    with open(path, encoding="utf-8") as f:
        return base.extend(Catalogue.from_toml(f.read(), os.fspath(path)))


def _codes(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes (uint32) and labels of a categorical column as treem's readers make it."""
    return series.cat.codes.to_numpy().astype(np.uint32, copy=False), [str(c) for c in series.cat.categories]


def _is_categorical(frame: pd.DataFrame, name: str, categories: Sequence[str] | None = None) -> bool:
    if name not in frame.columns or not isinstance(frame[name].dtype, pd.CategoricalDtype):
        return False
    return categories is None or list(frame[name].cat.categories) == list(categories)


def _is_clean_children(frame: pd.DataFrame) -> bool:
    """The columns that read_children() and generate() give: codes the engine takes as they are."""
    return (isinstance(frame, pd.DataFrame) and _is_categorical(frame, "unit") and _is_categorical(frame, "ethnicity")
            and _is_categorical(frame, "sex", ["M", "F"]) and not (frame["sex"].cat.codes < 0).any() and not (frame["unit"].cat.codes < 0).any()
            and "birth_date" in frame.columns and frame["birth_date"].dtype.kind == "M"
            and "special_groups" in frame.columns and frame["special_groups"].dtype.kind in "iu"
            and all(name in frame.columns and frame[name].dtype == bool for name in _FLAGS))


def _is_clean_incidents(frame: pd.DataFrame) -> bool:
    return (isinstance(frame, pd.DataFrame) and _is_categorical(frame, "unit") and not (frame["unit"].cat.codes < 0).any()
            and _is_categorical(frame, "kind", KINDS) and _is_categorical(frame, "sex", ["M", "F"])
            and _is_categorical(frame, "environment", ENVIRONMENTS) and "date" in frame.columns and frame["date"].dtype.kind == "M"
            and frame["fatal"].dtype == bool and str(frame["age"].dtype) == "UInt8" and str(frame["plan_approved_in_time"].dtype) == "boolean")


def _child_arrays(data: Any) -> dict:
    """The engine's columns of a child register. A register as treem's readers give it is taken as it
    is; any other table is read and cleaned by the compiled reader first (strictly: statistics from
    a register with bad rows would be wrong), never parsed here. A register the reader gave is read
    through its own columns, as the reader left them: no frame is built and nothing re-encoded."""
    if not isinstance(data, ChildRegister) and not _is_clean_children(data):
        data = read_children(data, source="children")
    if isinstance(data, ChildRegister):
        r = data._r
        return {"units": r.units, "ethnicities": r.ethnicities, "unit": r.unit, "sex": r.sex, "birth": r.birth, "ethnicity": r.ethnicity,
                "special_groups": r.special_groups, "flags": r.flags}
    frame = data
    unit, units = _codes(frame["unit"])
    ethnicity, ethnicities = _codes(frame["ethnicity"])
    flags = np.zeros(len(frame), dtype=np.uint8)
    for name, bit in _FLAGS.items():
        flags |= np.where(frame[name].to_numpy(), bit, 0).astype(np.uint8)
    return {
        "units": units,
        "ethnicities": ethnicities,
        "unit": unit,
        "sex": frame["sex"].cat.codes.to_numpy().astype(np.uint8, copy=False),
        "birth": to_epoch_days(frame["birth_date"].to_numpy(), "birth_date").astype(np.int32),
        "ethnicity": ethnicity.astype(np.uint16),
        "special_groups": frame["special_groups"].to_numpy().astype(np.uint16, copy=False),
        "flags": flags,
    }


def _incident_arrays(data: Any) -> dict:
    """The engine's columns of an incident register, as _child_arrays does for children."""
    if not isinstance(data, IncidentRegister) and not _is_clean_incidents(data):
        data = read_incidents(data, source="incidents")
    if isinstance(data, IncidentRegister):
        r = data._r
        return {"units": r.units, "unit": r.unit, "day": r.day, "kind": r.kind, "fatal": r.fatal, "sex": r.sex, "age": r.age,
                "environment": r.environment, "plan_in_time": r.plan_in_time}
    frame = data
    unit, units = _codes(frame["unit"])
    sex = frame["sex"].cat.codes.to_numpy()
    age = frame["age"].to_numpy(dtype=float, na_value=np.nan)
    plan = frame["plan_approved_in_time"]
    return {"units": units, "unit": unit, "day": to_epoch_days(frame["date"].to_numpy(), "date").astype(np.int32),
            "kind": frame["kind"].cat.codes.to_numpy().astype(np.uint8), "fatal": frame["fatal"].to_numpy().astype(np.uint8),
            "sex": np.where(sex < 0, 2, sex).astype(np.uint8), "age": np.where(np.isnan(age), 255, age).astype(np.uint8),
            "environment": frame["environment"].cat.codes.to_numpy().astype(np.uint8),
            "plan_in_time": np.where(plan.isna().to_numpy(), -1, plan.fillna(False).to_numpy(dtype=bool)).astype(np.int8)}


def _with_case_timeliness(incidents: Any, arrays: dict | None, cases: Any, period: str, readings: Mapping[str, int] | None) -> dict:
    """The incident columns with plan_in_time taken from the linked cases, timed by the library."""
    from .cases import check_cases

    ids = list(incidents._r.case_id) if isinstance(incidents, IncidentRegister) else []
    if arrays is None or not ids:
        raise ValueError("cases= needs an incident register read with a case_id column (treem.registers.read_incidents)")
    end = _core.Period.parse(period).end
    checks = check_cases(cases, as_of=_dt.datetime.combine(end, _dt.time(23, 59)), readings=dict(readings or {}))
    plan, linked, changed, not_found = _core._link_case_timeliness(ids, arrays["plan_in_time"], checks._c)
    if not_found:
        # As `treem indicators --cases` says on stderr: usually ids pseudonymised on one side only.
        warnings.warn(f"{not_found} incidents name a case that the case register does not hold ({linked} linked, {changed} changed)",
                      stacklevel=3)
    return {**arrays, "plan_in_time": plan}


class Prepared:
    """Registers converted once into the engine's columns (small integer codes, bit sets), for
    computing many tables from the same registers without converting them each time."""

    __slots__ = ("children", "incidents")

    def __init__(self, children: dict, incidents: dict | None) -> None:
        self.children, self.incidents = children, incidents

    @property
    def nbytes(self) -> int:
        """Bytes of the columns the engine reads."""
        total = 0
        for d in (self.children, self.incidents):
            total += sum(v.nbytes for v in (d or {}).values() if isinstance(v, np.ndarray))
        return total

    def __repr__(self) -> str:
        n_incidents = len(self.incidents["unit"]) if self.incidents else 0
        return f"Prepared({len(self.children['unit'])} children, {n_incidents} incidents, {self.nbytes / 1e6:.0f} MB of columns)"


def prepare(children: Any, incidents: Any = None) -> Prepared:
    """Convert registers (as :func:`compute` takes them) into the engine's columns once."""
    return Prepared(_child_arrays(children), _incident_arrays(incidents) if incidents is not None else None)


def _categorical(codes: np.ndarray, labels: Sequence[str], copy: bool = True) -> pd.Categorical:
    """Codes as they are when pandas keeps them so (8-bit for fewer than 128 categories): the
    table's int8 category columns become the frame's codes without a conversion (and, with
    ``copy=False``, without a copy: read-only, as the number columns are)."""
    if not len(labels):
        return pd.Categorical.from_codes(np.full(len(codes), -1, dtype=np.int8), categories=pd.Index(["-"], dtype=object))
    if codes.dtype == np.uint8 and len(labels) < 128:
        codes = codes.view(np.int8)  # the same bits: levels are few
    return pd.Categorical.from_codes(np.array(codes, copy=copy), categories=pd.Index(list(labels), dtype=object))


def _unit_names(t: Any) -> pd.Categorical:
    """Each row's unit name as a categorical over the distinct names (names repeat across
    districts, so the unit's own codes cannot serve): one small gather, not a string per row."""
    names, of_unit = np.unique(np.asarray(t.unit_names, dtype=object), return_inverse=True)
    return _categorical(of_unit.astype(np.int32)[t.unit], list(names))


class IndicatorTable:
    """A computed indicator table, kept in C++ (``self._t``, a ``treem._core.IndicatorTable``).
    Its number columns are read-only numpy views of the engine's vectors (no copy);
    :meth:`to_frame` gives the tidy DataFrame, :meth:`to_json` the text ``treem indicators --json``
    prints, :meth:`progress` the totals against targets."""

    __slots__ = ("_t", "_catalogue")

    def __init__(self, table: _core.IndicatorTable, catalogue: Catalogue) -> None:
        self._t, self._catalogue = table, catalogue

    def __len__(self) -> int:
        return len(self._t)

    @property
    def period(self) -> str:
        return self._t.period

    @property
    def reference_date(self) -> _dt.date:
        """Ages are completed years on this day."""
        day, month, year = (int(x) for x in self._t.reference_date.split("/"))
        return _dt.date(year, month, day)

    @property
    def confidence(self) -> float:
        return self._t.confidence

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    @property
    def suppression_threshold(self) -> int:
        """k: counts 1..k are withheld (0 when suppression was off)."""
        return self._t.suppression_threshold

    @property
    def protection_upper(self) -> int:
        return self._t.protection_upper

    @property
    def protection(self) -> _core.ProtectionReport:
        """What suppression's protection stage did (counts of cells, never which ones)."""
        return self._t.protection

    @property
    def warnings(self) -> list[str]:
        """Where the promise of suppression does not hold everywhere (empty when it does)."""
        return self._t.warnings

    @property
    def sum_of(self) -> dict[str, dict[str, list[str]]]:
        """Per dimension, each parent category with the categories whose sum it is."""
        out = {}
        for name in _DIMENSIONS:
            parts = self._t.hierarchy(name)
            if parts:
                out[name] = {parent: list(children) for parent, children in parts}
        return out

    def column(self, name: str) -> np.ndarray:
        """A number column (numerator, denominator, value, lower, upper, suppressed) as a
        read-only view of the engine's vector."""
        if name not in _NUMBER_COLUMNS:
            raise KeyError(f"{name!r} is not one of {', '.join(_NUMBER_COLUMNS)}")
        return getattr(self._t, name)

    def to_frame(self, *, copy: bool = True) -> pd.DataFrame:
        """The tidy DataFrame (see the module help), with ``attrs`` saying how it was computed.
        ``copy=False`` keeps the number columns as the table's read-only views (no copy; writing
        into them raises)."""
        t = self._t
        unit_index = t.unit
        frame = pd.DataFrame({
            "level": _categorical(t.level, t.levels, copy),
            "unit": _categorical(unit_index, t.unit_codes, copy),
            "unit_name": _unit_names(t),
            "period": t.period,
            "indicator": _categorical(t.indicator, t.indicator_keys, copy),
            **{name: _categorical(t.category(name), t.labels(name), copy) for name in _DIMENSIONS},
            # Copied by default: a DataFrame is the analyst's to change, the table's columns are not.
            **{name: np.array(getattr(t, name), copy=copy) for name in _NUMBER_COLUMNS},
        }, copy=False)
        p = t.protection
        frame.attrs.update({"period": t.period, "reference_date": t.reference_date, "confidence": t.confidence,
                            "suppression_threshold": t.suppression_threshold, "protection_upper": t.protection_upper,
                            "protection": {name: getattr(p, name) for name in _PROTECTION_FIELDS},
                            "catalogue": self._catalogue.id, "sum_of": self.sum_of})
        return frame

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        """The Arrow PyCapsule interface: ``pyarrow.table(t)``, ``polars.DataFrame(t)`` and DuckDB
        read the table as one record batch, its numbers and 8-bit codes without a copy. Keys are
        dictionary-encoded; the "all" category and numbers that are not one (NaN) are nulls; the
        run's parameters are the schema's metadata (``treem:period``, ``treem:confidence``, ...)."""
        return self._t.__arrow_c_stream__(requested_schema)

    def to_arrow(self) -> Any:
        """The table as a ``pyarrow.Table`` (needs pyarrow: ``pip install treem[arrow]``), without a copy."""
        import pyarrow as pa

        return pa.table(self)

    def to_polars(self) -> Any:
        """The table as a ``polars.DataFrame`` (needs polars), through the Arrow C stream."""
        import polars as pl

        return pl.DataFrame(self)

    def progress(self, *, targets: TargetSet | None = None, year: int | None = None,
                 baselines: Mapping[tuple[str, str], float] | None = None) -> pd.DataFrame:
        """Each unit's totals against targets: see :func:`progress`."""
        return _progress_frame(self._t.evaluate_targets(targets or TargetSet.bundled(), int(year or 0), dict(baselines or {})))

    def to_json(self, *, targets: bool | TargetSet = False) -> str:
        """The JSON document ``treem indicators --json`` prints (``--targets``: ``targets=True`` for
        the national targets, or a :class:`TargetSet`), from the same library function."""
        progress = None
        if targets is not False:
            progress = self._t.evaluate_targets(TargetSet.bundled() if targets is True else targets)
        return self._t.to_json(self._catalogue, progress)

    def __repr__(self) -> str:
        return (f"IndicatorTable(period={self.period!r}, {len(self)} rows, {len(self._t.indicator_keys)} indicators, "
                f"levels={list(self._t.levels)}, k={self.suppression_threshold})")

    def _repr_html_(self) -> str:
        frame = self.to_frame(copy=False)  # only read
        totals = frame[np.logical_and.reduce([frame[name].isna().to_numpy() for name in _DIMENSIONS])]
        return (f"<p><b>IndicatorTable</b> period {self.period}, ages on {self._t.reference_date}, {len(self)} rows; "
                f"{int(frame['suppressed'].sum())} withheld (k={self.suppression_threshold})</p>"
                + totals.head(20).to_html(index=False, na_rep="x"))


# The report's fields as the binding defines them (once, in C++), in their order.
_PROTECTION_FIELDS = tuple(name for name, v in vars(_core.ProtectionReport).items() if isinstance(v, property))


def _warn(table: IndicatorTable, stacklevel: int) -> None:
    for message in table.warnings:
        warnings.warn(f"suppression: {message} (table.protection)", stacklevel=stacklevel + 1)


def tabulate(children: Any, incidents: Any = None, *, period: str | int = "2024", reference_date: Any = None,
             level: str | Sequence[str] = "commune", indicators: Sequence[str] | None = None, age_groups: str | None = None,
             breakdowns: Iterable[Sequence[str]] = (), confidence: float = 0.95, zero_denominator: str = "nan", suppress: bool = True,
             k: int = 4, protection_upper: int | None = None, sub_tables_above: int | None = None,
             whole_table_limit: int | None = None, certify: bool = False, merger: str | None = None,
             units: UnitRegistry | None = None,
             catalogue: Catalogue | None = None, threads: int = 0, cases: Any = None, readings: Mapping[str, int] | None = None,
             publish_log: str | os.PathLike[str] | None = None) -> IndicatorTable:
    """Compute indicators as :func:`compute` does, keeping the result as an :class:`IndicatorTable`."""
    table = _tabulate(children, incidents, period=period, reference_date=reference_date, level=level, indicators=indicators,
                      age_groups=age_groups, breakdowns=breakdowns, confidence=confidence, zero_denominator=zero_denominator,
                      suppress=suppress, k=k, protection_upper=protection_upper, sub_tables_above=sub_tables_above,
                      whole_table_limit=whole_table_limit, certify=certify, merger=merger,
                      units=units, catalogue=catalogue,
                      threads=threads, cases=cases, readings=readings, publish_log=publish_log)
    _warn(table, stacklevel=2)
    return table


def _tabulate(children: Any, incidents: Any, *, period: str | int, reference_date: Any, level: str | Sequence[str],
              indicators: Sequence[str] | None, age_groups: str | None, breakdowns: Iterable[Sequence[str]], confidence: float,
              zero_denominator: str, suppress: bool, k: int, protection_upper: int | None, sub_tables_above: int | None,
              whole_table_limit: int | None, certify: bool,
              merger: str | None,
              units: UnitRegistry | None, catalogue: Catalogue | None, threads: int, cases: Any, readings: Mapping[str, int] | None,
              publish_log: str | os.PathLike[str] | None) -> IndicatorTable:
    levels = [level] if isinstance(level, str) else list(level)
    levels = [part.strip() for item in levels for part in item.split(",")]
    if isinstance(children, Prepared):
        if incidents is not None:
            raise TypeError("a Prepared register pair already holds its incidents")
        child_arrays, incident_arrays = children.children, children.incidents
    else:
        child_arrays = _child_arrays(children)
        incident_arrays = _incident_arrays(incidents) if incidents is not None else None
    if cases is not None:
        incident_arrays = _with_case_timeliness(incidents, incident_arrays, cases, str(period), readings)
    reference = to_date(reference_date, "reference_date") if reference_date is not None else None
    cat = catalogue if catalogue is not None else Catalogue.bundled()
    request = _core.IndicatorRequest(period=str(period), reference_date=reference, levels=levels, indicators=list(indicators or []),
                                     age_groups=age_groups, breakdowns=[list(b) for b in breakdowns], confidence=confidence,
                                     zero_denominator=zero_denominator, suppress=suppress, k=k,
                                     protection_upper=protection_upper or 0, certify=certify, merger=merger or "", threads=threads,
                                     **_given(sub_tables_above=sub_tables_above, whole_table_limit=whole_table_limit))
    core = _core._compute_indicators(catalogue=cat, units=(units or UnitRegistry.bundled())._r, children=child_arrays,
                                     incidents=incident_arrays, request=request,
                                     publish_log=os.fspath(publish_log) if publish_log is not None else None)
    return IndicatorTable(core, cat)


def _given(**options: int | None) -> dict[str, int]:
    """The options given (not None): the others keep the library's defaults."""
    return {name: value for name, value in options.items() if value is not None}


def compute(children: Any, incidents: Any = None, *, period: str | int = "2024", reference_date: Any = None,
            level: str | Sequence[str] = "commune", indicators: Sequence[str] | None = None, age_groups: str | None = None,
            breakdowns: Iterable[Sequence[str]] = (), confidence: float = 0.95, zero_denominator: str = "nan", suppress: bool = True,
            k: int = 4, protection_upper: int | None = None, sub_tables_above: int | None = None,
             whole_table_limit: int | None = None, certify: bool = False, merger: str | None = None,
            units: UnitRegistry | None = None, catalogue: Catalogue | None = None,
            threads: int = 0, cases: Any = None, readings: Mapping[str, int] | None = None,
            publish_log: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Compute indicators (see the module help). ``children`` / ``incidents`` are registers from
    :func:`prepare` (then ``incidents`` is not given), or
    :func:`treem.registers.read_children` / :func:`~treem.registers.read_incidents` /
    :func:`~treem.registers.generate`, or DataFrames (pandas, polars, Arrow) with their columns.
    ``level`` is one or more of commune, district, province, nation; ``merger`` reports old units on
    the new ones (e.g. ``"nq-1677-2025-son-ha"``). With ``cases`` (a :class:`treem.cases.CaseRegister`),
    each incident whose ``case_id`` names a case takes that case's computed timeliness as of the
    period's end (Decree 56/2017's limits, ``readings`` choosing a disputed one) in place of its
    recorded ``plan_approved_in_time``, as ``treem indicators --cases`` does. With ``publish_log``
    (a CSV file, read if it exists), what earlier runs over the same registers published and withheld
    for this period is taken into account, and this run's counts are added to the file once computed,
    as ``treem indicators --publish-log`` does: run after run (communes, then districts), no table
    gives back a count another withheld. ``protection_upper`` widens the promise: every withheld
    count of 1..k keeps, for any reader, an interval that holds ``[0, protection_upper]`` (default
    and least ``k + 1``). Suppression reads a table whose programme has more than ``sub_tables_above``
    unknowns (default 20,000) first in sub-tables, each unit with the units inside it, and then whole
    up to ``whole_table_limit`` (default 150,000); a larger one has its largest parts within that limit
    (each province with its districts and communes) read whole instead, where a reader who combines a
    part with the sub-tables above it may narrow a withheld count further (``table.protection.read_whole``
    is False, ``parts_read_whole`` says how many parts, and ``compute`` warns); ``certify=True`` then
    certifies it against that reader, withholding more where it can: two whole tables publishing the
    same numbers put each count of 1..k at 0 and at k + 1 (``uncertified`` says how many counts no
    such tables were found for, and ``compute`` warns only when there are any). It costs more than
    reading the parts did. The pass over the registers runs without the GIL."""
    table = _tabulate(children, incidents, period=period, reference_date=reference_date, level=level, indicators=indicators,
                      age_groups=age_groups, breakdowns=breakdowns, confidence=confidence, zero_denominator=zero_denominator,
                      suppress=suppress, k=k, protection_upper=protection_upper, sub_tables_above=sub_tables_above,
                      whole_table_limit=whole_table_limit, certify=certify, merger=merger,
                      units=units, catalogue=catalogue,
                      threads=threads, cases=cases, readings=readings, publish_log=publish_log)
    _warn(table, stacklevel=2)
    return table.to_frame()


def progress(table: pd.DataFrame | IndicatorTable, *, targets: TargetSet | None = None, year: int | None = None,
             baselines: Mapping[tuple[str, str], float] | None = None) -> pd.DataFrame:
    """Progress of each unit's totals against targets (default: the national 2025 and 2030 targets
    of Decisions 23/QĐ-TTg and 1248/QĐ-TTg), from an :class:`IndicatorTable` or a frame that
    :func:`compute` gave. ``baselines[(unit, indicator)]`` gives the baseline value of a relative
    target (drowning deaths down 10% against 2020). Columns: level, unit, indicator, year,
    comparator, target, value, meets (True / False / NA), gap (how far the value is on the wrong
    side; 0 when met), status of the target."""
    if isinstance(table, IndicatorTable):
        return table.progress(targets=targets, year=year, baselines=baselines)
    totals = table
    for name in _DIMENSIONS:
        totals = totals[totals[name].isna()]

    def codes(column: str) -> tuple[list[str], list[int]]:
        c = totals[column].astype("category")
        return [str(x) for x in c.cat.categories], c.cat.codes.astype("int64").tolist()

    (levels, level_codes), (units, unit_codes), (keys, key_codes) = codes("level"), codes("unit"), codes("indicator")
    return _progress_frame(_core._evaluate_targets(levels, level_codes, units, unit_codes, keys, key_codes,
                                                   totals["value"].to_numpy(dtype=float).tolist(), targets or TargetSet.bundled(),
                                                   int(year or 0), dict(baselines or {})))


def _progress_frame(p: _core.TargetProgress) -> pd.DataFrame:
    meets = p.meets
    return pd.DataFrame({"level": p.level, "unit": p.unit, "indicator": p.indicator, "year": p.year.astype(np.int64),
                         "comparator": p.comparator, "target": np.array(p.target), "value": np.array(p.value),
                         "meets": pd.array(np.where(meets < 0, None, meets == 1), dtype="boolean"), "gap": np.array(p.gap),
                         "status": p.status})
