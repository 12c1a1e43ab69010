"""Child statistics from the child and incident registers: every indicator of a catalogue
(Circular 13/2021/TT-BLĐTBXH and the national programmes' targets), for every breakdown, per unit
at the levels asked for, with exact intervals and small-cell suppression.

``compute(children, incidents, period="2024", level=["commune", "district"])`` returns a tidy
DataFrame: ``level, unit, unit_name, period, indicator, sex, age_group, ethnicity, kind,
environment, numerator, denominator, value, lower, upper, suppressed``. A dimension column is NaN
where the row is the total over that dimension. Counts 1..k (and the cells that would reveal them
through totals) are withheld by default: ``suppress=False`` only for internal use.

``progress(frame)`` compares the totals with the national 2025 / 2030 targets.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._convert import NO, YES, to_date, to_epoch_days
from ._tables import VOCABULARY
from ._core import Catalogue, TargetSet
from .registers import ChildRegister, IncidentRegister, _FLAGS, SPECIAL_GROUP_LETTERS
from .units import UnitRegistry

__all__ = ["compute", "prepare", "Prepared", "progress", "catalogue", "Catalogue", "TargetSet", "KINDS", "ENVIRONMENTS"]

KINDS = VOCABULARY["incident_kinds"]
ENVIRONMENTS = VOCABULARY["environments"]
_SEX = {**{w: 0 for w in VOCABULARY["male"]}, **{w: 1 for w in VOCABULARY["female"]}, "M": 0, "F": 1, "Nam": 0, "Nữ": 1}
_DIMENSIONS = ("sex", "age_group", "ethnicity", "kind", "environment")


def catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """The bundled catalogue, extended with your own indicators from a TOML file
    (schema ``treem.indicators/1``) when ``path`` is given."""
    base = Catalogue.bundled()
    if path is None:
        return base
    with open(path, encoding="utf-8") as f:
        return base.extend(Catalogue.from_toml(f.read(), os.fspath(path)))


def _row_error(source: str, position: int, field: str, rule: str) -> _core.ValidationError:
    line = position + 2  # as a spreadsheet numbers rows: the header is row 1
    err = _core.ValidationError(f"{source}:{line}: {field}: {rule}")
    err.source, err.line, err.column, err.field, err.rule = source, line, None, field, rule
    return err


def _column(frame: pd.DataFrame, name: str, source: str) -> pd.Series:
    if name not in frame.columns:
        err = _core.ValidationError(f"{source}: {name}: required column is missing")
        err.source, err.line, err.column, err.field, err.rule = source, None, None, name, "required column is missing"
        raise err
    return frame[name]


def _dictionary(series: pd.Series, source: str, field: str) -> tuple[np.ndarray, list[str]]:
    """Codes (uint32) and their labels; a categorical column is used as it is."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        labels = [str(c) for c in series.cat.categories]
    else:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        labels = [str(u) for u in uniques]
    if (codes < 0).any():
        raise _row_error(source, int(np.flatnonzero(codes < 0)[0]), field, "is missing")
    return codes.astype(np.uint32, copy=False), labels


def _mapped(series: pd.Series, mapping: Mapping[Any, int], source: str, field: str, rule: str, missing: int | None = None) -> np.ndarray:
    values = series.astype(object).to_numpy()
    out = np.empty(len(values), dtype=np.uint8)
    for i, v in enumerate(values):
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
            if missing is None:
                raise _row_error(source, i, field, "is missing")
            out[i] = missing
            continue
        code = mapping.get(v)
        if code is None:
            raise _row_error(source, i, field, rule)  # the rule names the accepted values, never the cell
        out[i] = code
    return out


def _yes_no(series: pd.Series, source: str, field: str, missing: int | None = None) -> np.ndarray:
    """0/1 (int8) from booleans, 0/1 numbers or yes/no text (1/0, true/false, yes/no, có/không), one
    conversion per distinct value. An empty cell is `missing`, or an error when that is None."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    table = np.empty(len(uniques), dtype=np.int8)
    for k, v in enumerate(uniques):
        text = str(v).strip().lower() if not isinstance(v, (bool, np.bool_)) else ("1" if v else "0")
        text = {"1.0": "1", "0.0": "0"}.get(text, text)
        if text not in YES and text not in NO:
            raise _row_error(source, int(np.flatnonzero(codes == k)[0]), field, "not yes or no (1/0, true/false, có/không)")
        table[k] = 1 if text in YES else 0
    if missing is None and (codes < 0).any():
        raise _row_error(source, int(np.flatnonzero(codes < 0)[0]), field, "is missing (expected yes or no)")
    table = np.append(table, np.int8(0))  # a column with only empty cells has no values to index
    return np.where(codes < 0, np.int8(missing if missing is not None else 0), table[np.maximum(codes, 0)]).astype(np.int8)


def _special_groups(series: pd.Series, source: str) -> np.ndarray:
    if series.dtype.kind in "iu":
        return series.to_numpy().astype(np.uint16, copy=False)
    bit = {letter: 1 << i for i, letter in enumerate(SPECIAL_GROUP_LETTERS)}
    out = np.zeros(len(series), dtype=np.uint16)
    for i, v in enumerate(series.astype(object).to_numpy()):
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or v == "":
            continue
        for letter in str(v).split(";"):
            if letter.strip() not in bit:
                raise _row_error(source, i, "special_groups", "letters a-o of Law on Children Art. 10(1), separated by ';'")
            out[i] |= bit[letter.strip()]
    return out


def _as_frame(data: Any) -> pd.DataFrame:
    if isinstance(data, (ChildRegister, IncidentRegister)):
        return data.frame
    if hasattr(data, "to_pandas") and not isinstance(data, pd.DataFrame):  # polars, Arrow
        return data.to_pandas()
    if isinstance(data, pd.DataFrame):
        return data
    raise TypeError(f"expected a DataFrame, a polars / Arrow table or a register, got {type(data).__name__}")


def _child_arrays(data: Any) -> dict:
    frame, source = _as_frame(data), "children"
    unit, units = _dictionary(_column(frame, "unit", source), source, "unit")
    ethnicity, ethnicities = _dictionary(_column(frame, "ethnicity", source), source, "ethnicity")
    sex = _column(frame, "sex", source)
    if isinstance(sex.dtype, pd.CategoricalDtype) and list(sex.cat.categories) == ["M", "F"] and not (sex.cat.codes < 0).any():
        sex_codes = sex.cat.codes.to_numpy().astype(np.uint8, copy=False)  # as treem's readers give it
    else:
        sex_codes = _mapped(sex, _SEX, source, "sex", "must be M/F, male/female or Nam/Nữ")
    if "flags" in frame.columns:
        flags = frame["flags"].to_numpy().astype(np.uint8, copy=False)
    else:
        flags = np.zeros(len(frame), dtype=np.uint8)
        for name, bit in _FLAGS.items():
            if name in frame.columns:
                flags |= np.where(_yes_no(frame[name], source, name), bit, 0).astype(np.uint8)
    return {
        "units": units,
        "ethnicities": ethnicities,
        "unit": unit,
        "sex": sex_codes,
        "birth": to_epoch_days(_column(frame, "birth_date", source).to_numpy(), "birth_date").astype(np.int32),
        "ethnicity": ethnicity.astype(np.uint16),
        "special_groups": _special_groups(frame["special_groups"], source) if "special_groups" in frame.columns
        else np.zeros(len(frame), dtype=np.uint16),
        "flags": flags,
    }


def _incident_arrays(data: Any) -> dict:
    frame, source = _as_frame(data), "incidents"
    unit, units = _dictionary(_column(frame, "unit", source), source, "unit")
    n = len(frame)
    kind = _mapped(_column(frame, "kind", source), {k: i for i, k in enumerate(KINDS)}, source, "kind", "is not an incident kind (" + ", ".join(KINDS) + ")")
    environment = (_mapped(frame["environment"], {e: i for i, e in enumerate(ENVIRONMENTS)}, source, "environment",
                           "is not an environment (" + ", ".join(ENVIRONMENTS) + ")", missing=0)
                   if "environment" in frame.columns else np.zeros(n, dtype=np.uint8))
    sex = (_mapped(frame["sex"], {**_SEX, "unknown": 2}, source, "sex", "must be M/F, male/female, Nam/Nữ or empty", missing=2)
           if "sex" in frame.columns else np.full(n, 2, dtype=np.uint8))
    if "age" in frame.columns:
        given = frame["age"].notna().to_numpy()
        age = pd.to_numeric(frame["age"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        bad = (given & np.isnan(age)) | (~np.isnan(age) & ((age < 0) | (age > 15) | (age != np.floor(age))))  # text is not an age
        if bad.any():
            raise _row_error(source, int(np.flatnonzero(bad)[0]), "age", "must be a whole number 0-15 (a child) or empty")
        age = np.where(np.isnan(age), 255, age).astype(np.uint8)
    else:
        age = np.full(n, 255, dtype=np.uint8)
    fatal = _yes_no(frame["fatal"], source, "fatal", missing=0).astype(np.uint8) if "fatal" in frame.columns else np.zeros(n, dtype=np.uint8)
    plan = (_yes_no(frame["plan_approved_in_time"], source, "plan_approved_in_time", missing=-1)
            if "plan_approved_in_time" in frame.columns else np.full(n, -1, dtype=np.int8))
    return {"units": units, "unit": unit, "day": to_epoch_days(_column(frame, "date", source).to_numpy(), "date").astype(np.int32),
            "kind": kind, "fatal": fatal, "sex": sex, "age": age, "environment": environment, "plan_in_time": plan}


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


def _categorical(codes: np.ndarray, labels: Sequence[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes.astype(np.int64, copy=False), categories=pd.Index(list(labels), dtype=object)) if len(labels) else \
        pd.Categorical.from_codes(np.full(len(codes), -1), categories=pd.Index(["-"], dtype=object))


def compute(children: Any, incidents: Any = None, *, period: str | int = "2024", reference_date: Any = None,
            level: str | Sequence[str] = "commune", indicators: Sequence[str] | None = None, age_groups: str | None = None,
            breakdowns: Iterable[Sequence[str]] = (), confidence: float = 0.95, zero_denominator: str = "nan", suppress: bool = True,
            k: int = 4, merger: str | None = None, units: UnitRegistry | None = None, catalogue: Catalogue | None = None,
            threads: int = 0) -> pd.DataFrame:
    """Compute indicators (see the module help). ``children`` / ``incidents`` are registers from
    :func:`prepare` (then ``incidents`` is not given), or
    :func:`treem.registers.read_children` / :func:`~treem.registers.read_incidents` /
    :func:`~treem.registers.generate`, or DataFrames (pandas, polars, Arrow) with their columns.
    ``level`` is one or more of commune, district, province, nation; ``merger`` reports old units on
    the new ones (e.g. ``"nq-1677-2025-son-ha"``). The pass over the registers runs without the GIL."""
    levels = [level] if isinstance(level, str) else list(level)
    levels = [part.strip() for item in levels for part in item.split(",")]
    if isinstance(children, Prepared):
        if incidents is not None:
            raise TypeError("a Prepared register pair already holds its incidents")
        child_arrays, incident_arrays = children.children, children.incidents
    else:
        child_arrays = _child_arrays(children)
        incident_arrays = _incident_arrays(incidents) if incidents is not None else None
    reference = to_date(reference_date, "reference_date") if reference_date is not None else None
    cat = catalogue if catalogue is not None else Catalogue.bundled()
    d = _core._compute_indicators(cat, (units or UnitRegistry.bundled())._r, child_arrays, incident_arrays, str(period), reference,
                                  levels, list(indicators or []), age_groups, [list(b) for b in breakdowns], confidence,
                                  zero_denominator, suppress, k, merger or "", threads)
    unit_index = d["unit"]
    frame = pd.DataFrame({
        "level": _categorical(d["level"], d["levels"]),
        "unit": _categorical(unit_index, d["unit_codes"]),
        "unit_name": np.asarray(d["unit_names"], dtype=object)[unit_index],
        "period": d["period"],
        "indicator": _categorical(d["indicator"], d["indicator_keys"]),
        **{name: _categorical(d["categories"][name], d["labels"][name]) for name in _DIMENSIONS},
        "numerator": d["numerator"],
        "denominator": d["denominator"],
        "value": d["value"],
        "lower": d["lower"],
        "upper": d["upper"],
        "suppressed": d["suppressed"],
    }, copy=False)
    frame.attrs.update({"period": d["period"], "reference_date": d["reference_date"], "confidence": confidence,
                        "suppression_threshold": d["suppression_threshold"], "catalogue": cat.id})
    return frame


def progress(frame: pd.DataFrame, *, targets: TargetSet | None = None, year: int | None = None,
             baselines: Mapping[tuple[str, str], float] | None = None) -> pd.DataFrame:
    """Progress of each unit's totals against targets (default: the national 2025 and 2030 targets
    of Decisions 23/QĐ-TTg and 1248/QĐ-TTg). ``baselines[(unit, indicator)]`` gives the baseline
    value of a relative target (drowning deaths down 10% against 2020). Columns: level, unit,
    indicator, year, comparator, target, value, meets (True / False / NA), gap (how far the value is
    on the wrong side; 0 when met), status of the target."""
    totals = frame
    for name in _DIMENSIONS:
        totals = totals[totals[name].isna()]
    def codes(column: str) -> tuple[list[str], list[int]]:
        c = totals[column].astype("category")
        return [str(x) for x in c.cat.categories], c.cat.codes.astype("int64").tolist()

    (levels, level_codes), (units, unit_codes), (keys, key_codes) = codes("level"), codes("unit"), codes("indicator")
    d = _core._evaluate_targets(levels, level_codes, units, unit_codes, keys, key_codes, totals["value"].to_numpy(dtype=float).tolist(),
                                targets or TargetSet.bundled(), int(year or 0), dict(baselines or {}))
    out = pd.DataFrame(d)
    out["meets"] = pd.array([None if m < 0 else bool(m) for m in d["meets"]], dtype="boolean")
    return out
