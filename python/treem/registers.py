"""Child and incident registers: a deterministic synthetic generator and keyed pseudonyms.

``generate(units="sonha", seed=1)`` returns two DataFrames with the columns ``treem generate``
writes; their parameters (data/generator/vn-synthetic.toml) each carry their source.
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date
from ._core import Pseudonymiser

__all__ = ["generate", "read_children", "ChildRegister", "Pseudonymiser", "SPECIAL_GROUP_LETTERS"]

SPECIAL_GROUP_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o")
_FLAGS = {"receiving_support": 1, "birth_registered": 2, "health_insurance": 4, "disability": 8, "enrolled": 16}


class ChildRegister:
    """A cleaned child register: ``frame`` (one row per accepted child) and ``problems`` (one row per
    problem: source, line, column, field, rule; never a child's value)."""

    __slots__ = ("frame", "problems", "rows_read", "rows_rejected")

    def __init__(self, frame: pd.DataFrame, problems: pd.DataFrame, rows_read: int, rows_rejected: int) -> None:
        self.frame, self.problems, self.rows_read, self.rows_rejected = frame, problems, rows_read, rows_rejected

    def __repr__(self) -> str:
        return f"ChildRegister({len(self.frame)} children, {self.rows_rejected} rows rejected, {len(self.problems)} problems)"


def _frame(children: dict) -> pd.DataFrame:
    flags = children["flags"]
    return pd.DataFrame({
        "id": children["id"],
        "unit": pd.Categorical.from_codes(children["unit"].astype("int64"), categories=np.asarray(children["units"], dtype=object)),
        "sex": pd.Categorical.from_codes(children["sex"].astype("int64"), categories=["M", "F"]),
        "birth_date": children["birth"].astype("datetime64[D]"),
        "ethnicity": pd.Categorical.from_codes(children["ethnicity"].astype("int64"), categories=np.asarray(children["ethnicities"], dtype=object)),
        "special_groups": children["special_groups"],
        **{name: (flags & bit) != 0 for name, bit in _FLAGS.items()},
    })


def read_children(data: Any, *, reference_date: Any = _dt.date(2024, 12, 31), lenient: bool = False, key: str | None = None,
                  units: Any = None, source: str | None = None, progress: bool = False) -> ChildRegister:
    """Read and clean a child register from a CSV file (comma or semicolon, UTF-8 with or without
    BOM), an Excel ``.xlsx`` file or a DataFrame. Column names may be Vietnamese or English (see the
    README); columns with names, addresses or phones are dropped unread. Strict by default: the
    first problem raises ValidationError; ``lenient=True`` keeps the clean rows and lists every
    problem. With ``key``, ids become HMAC-SHA-256 pseudonyms. CSV files are read in chunks by the
    compiled core (files larger than memory as text work); ``progress=True`` shows how far it is on
    stderr, and Ctrl-C (KeyboardInterrupt) cancels. polars DataFrames and Arrow tables are taken
    through ``to_pandas()``."""
    from .units import UnitRegistry

    registry = (units or UnitRegistry.bundled())._r
    reference = to_date(reference_date, "reference_date")
    pseudonymiser = Pseudonymiser(key) if key is not None else None
    if hasattr(data, "to_pandas") and not isinstance(data, pd.DataFrame):
        data = data.to_pandas()
    if isinstance(data, pd.DataFrame):
        frame, label = data, source or "<DataFrame>"
    else:
        path = os.fspath(data)
        label = source or path
        if not path.lower().endswith(".xlsx"):
            children, problems, read, rejected = _core._read_child_register_file(
                path, registry, reference, lenient, pseudonymiser, _progress_printer(path) if progress else None)
            if progress:
                sys.stderr.write("\n")
            return ChildRegister(_frame(children), pd.DataFrame(problems, columns=["source", "line", "column", "field", "rule"]), read, rejected)
        frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    header = [str(c) for c in frame.columns]
    rows = [["" if v is None or (isinstance(v, float) and np.isnan(v)) else (v.isoformat() if isinstance(v, (_dt.date, pd.Timestamp)) else str(v))
             for v in row] for row in frame.itertuples(index=False, name=None)]
    children, problems, read, rejected = _core._read_child_register(header, rows, label, registry, reference, lenient, pseudonymiser)
    problem_frame = pd.DataFrame(problems, columns=["source", "line", "column", "field", "rule"])
    return ChildRegister(_frame(children), problem_frame, read, rejected)


def _progress_printer(path: str):
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
    child_frame = _frame(children)
    plan = incidents["plan_in_time"]
    incident_frame = pd.DataFrame({
        "unit": pd.Categorical.from_codes(incidents["unit"].astype("int64"), categories=np.asarray(incidents["units"], dtype=object)),
        "date": incidents["day"].astype("datetime64[D]"),
        "kind": incidents["kind"],
        "fatal": incidents["fatal"].astype(bool),
        "sex": pd.Categorical.from_codes(incidents["sex"].astype("int64"), categories=["M", "F"]),
        "age": incidents["age"],
        "environment": incidents["environment"],
        "plan_approved_in_time": pd.array(np.where(plan < 0, None, plan == 1), dtype="boolean"),
    })
    return child_frame, incident_frame


def special_group_letters(bits: int) -> str:
    """The Law on Children Art. 10 letters of a special-groups bit set, e.g. 0b1001 -> "a;d"."""
    return ";".join(letter for i, letter in enumerate(SPECIAL_GROUP_LETTERS) if bits & (1 << i))
