"""Child and incident registers: a deterministic synthetic generator and keyed pseudonyms.

``generate(units="sonha", seed=1)`` returns two DataFrames with the columns ``treem generate``
writes; their parameters (data/generator/vn-synthetic.toml) each carry their source.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date
from ._core import Pseudonymiser

__all__ = ["generate", "Pseudonymiser", "SPECIAL_GROUP_LETTERS"]

SPECIAL_GROUP_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o")
_FLAGS = {"receiving_support": 1, "birth_registered": 2, "health_insurance": 4, "disability": 8, "enrolled": 16}


def generate(units: str = "sonha", *, seed: int = 1, reference_date: Any = _dt.date(2024, 12, 31)) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic (children, incidents) for ``"sonha"`` (14 units) or ``"national"`` (10,047
    synthetic communes, about 25 million children). The same seed gives the same registers."""
    children, incidents = _core._generate_registers(units, seed, to_date(reference_date, "reference_date"))
    unit_codes = np.asarray(children["units"], dtype=object)
    ethnicities = np.asarray(children["ethnicities"], dtype=object)
    groups = children["special_groups"]
    flags = children["flags"]
    child_frame = pd.DataFrame({
        "id": children["id"],
        "unit": pd.Categorical.from_codes(children["unit"].astype("int64"), categories=unit_codes),
        "sex": pd.Categorical.from_codes(children["sex"].astype("int64"), categories=["M", "F"]),
        "birth_date": children["birth"].astype("datetime64[D]"),
        "ethnicity": pd.Categorical.from_codes(children["ethnicity"].astype("int64"), categories=ethnicities),
        "special_groups": groups,
        **{name: (flags & bit) != 0 for name, bit in _FLAGS.items()},
    })
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
