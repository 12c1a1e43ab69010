"""The Vietnamese lunar calendar (âm lịch), Hồ Ngọc Đức's algorithm at UTC+7.

``time_zone=8.0`` gives the same algorithm at China's time zone, for comparison: the two differ in
some years (Tết 1985, 2007, 2030).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, overload

import numpy as np
import pandas as pd

from . import _core
from ._convert import to_date, to_epoch_days
from ._core import VIETNAM_TIME_ZONE, LunarDate, from_lunar, leap_month, month_length, tet, trung_thu

__all__ = [
    "LunarDate",
    "VIETNAM_TIME_ZONE",
    "to_lunar",
    "from_lunar",
    "tet",
    "trung_thu",
    "leap_month",
    "month_length",
]


@overload
def to_lunar(dates: _dt.date | str, *, time_zone: float = ...) -> LunarDate: ...
@overload
def to_lunar(dates: Any, *, time_zone: float = ...) -> pd.DataFrame: ...


def to_lunar(dates: Any, *, time_zone: float = VIETNAM_TIME_ZONE) -> LunarDate | pd.DataFrame:
    """The lunar date of one date, or a DataFrame (columns day, month, year, leap) for an array,
    Series or list of dates. A Series keeps its index."""
    if isinstance(dates, (_dt.date, str, np.datetime64)):
        return _core.to_lunar(to_date(dates), time_zone=time_zone)
    days = to_epoch_days(dates)
    day, month, year, leap = _core._to_lunar_days(days.ravel(), time_zone)
    index = dates.index if isinstance(dates, pd.Series) else None
    return pd.DataFrame({"day": day, "month": month, "year": year, "leap": leap}, index=index)
