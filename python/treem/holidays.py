"""Public holidays and working days.

``HolidayCalendar.vietnam()`` is the bundled calendar for Vietnamese state agencies: the Labour
Code 2019 holidays (Art. 112), Ngày Văn hóa Việt Nam from 01/07/2026 (Resolution 28/2026/QH16),
days in lieu (Art. 111(3)) and the Government's decisions for 2024-2026. Its data file is ``data/calendar/vn-public-holidays.toml``; load your own with
``HolidayCalendar.from_file``.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

import numpy as np
import pandas as pd

from . import _core
from ._convert import from_epoch_days, to_date, to_epoch_days
from ._core import DayOff, HolidayRule

__all__ = ["HolidayCalendar", "DayOff", "HolidayRule"]


class HolidayCalendar:
    """Holidays resolved per year, and working-day arithmetic.

    Scalar methods take and return ``datetime.date``; ``is_working_day`` and ``add_working_days``
    also take arrays / Series of dates and return numpy arrays / Series.
    """

    __slots__ = ("_c",)

    def __init__(self, core: _core.HolidayCalendar) -> None:
        self._c = core

    @classmethod
    def vietnam(cls) -> HolidayCalendar:
        """The bundled calendar for Vietnamese state agencies."""
        return cls(_core.HolidayCalendar.vietnam())

    @classmethod
    def from_toml(cls, text: str, *, source: str = "<text>") -> HolidayCalendar:
        """A calendar from TOML text (schema ``treem.holidays/1``); ``source`` names it in errors."""
        return cls(_core.HolidayCalendar.from_toml(text, source))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> HolidayCalendar:
        """A calendar from a TOML file; errors name the file, line and column."""
        with open(path, "rb") as f:
            raw = f.read()
        # The bytes go to the core undecoded: it reports invalid UTF-8 with its line and column.
        return cls(_core.HolidayCalendar.from_toml(raw, os.fspath(path)))

    id = property(lambda self: self._c.id, doc="Data set id.")
    version = property(lambda self: self._c.version, doc="Data set version.")
    title = property(lambda self: self._c.title)
    first_year = property(lambda self: self._c.first_year, doc="First year the data covers.")
    last_year = property(lambda self: self._c.last_year, doc="Last year the data covers.")

    @property
    def holidays(self) -> list[HolidayRule]:
        """The statutory holiday rules."""
        return self._c.holidays

    def with_enabled(self, holiday_id: str, enabled: bool = True) -> HolidayCalendar:
        """A copy with one rule switched on or off (e.g. a holiday whose instrument you confirmed)."""
        return HolidayCalendar(self._c.with_enabled(holiday_id, enabled))

    def days_off(self, year: int) -> list[DayOff]:
        """Days off of a year other than weekly rest days, sorted by date."""
        return self._c.days_off(year)

    def days_off_frame(self, year: int) -> pd.DataFrame:
        """``days_off(year)`` as a DataFrame with the holidays' Vietnamese names."""
        names = {h.id: h.name_vi for h in self._c.holidays}
        rows = [
            {
                "date": d.date,
                "holiday_id": d.holiday_id,
                "name_vi": names.get(d.holiday_id, ""),
                "kind": d.kind,
                "status": d.status,
                "source": d.source,
            }
            for d in self._c.days_off(year)
        ]
        frame = pd.DataFrame(rows, columns=["date", "holiday_id", "name_vi", "kind", "status", "source"])
        frame["date"] = pd.to_datetime(frame["date"])
        return frame

    def day_off_on(self, date: Any) -> DayOff | None:
        return self._c.day_off_on(to_date(date))

    def is_weekly_rest(self, date: Any) -> bool:
        return self._c.is_weekly_rest(to_date(date))

    def is_working_day(self, dates: Any) -> Any:
        """For one date a bool; for an array / list a bool array; for a Series a Series."""
        if _is_scalar(dates):
            return self._c.is_working_day(to_date(dates))
        result = self._c._is_working_day_days(to_epoch_days(dates).ravel())
        return _like(dates, result)

    def add_working_days(self, start: Any, n: int) -> Any:
        """The date ``n`` working days after ``start`` (``start`` itself not counted; negative ``n``
        counts back; ``n=0`` gives ``start`` or the next working day). Vectorised over arrays."""
        if _is_scalar(start):
            return self._c.add_working_days(to_date(start), n)
        result = from_epoch_days(self._c._add_working_days_days(to_epoch_days(start).ravel(), n))
        return _like(start, result)

    def working_days_between(self, start: Any, end: Any) -> int:
        """Working days d with start < d <= end (negative when end < start)."""
        return self._c.working_days_between(to_date(start), to_date(end, "end"))

    def __repr__(self) -> str:
        return f"HolidayCalendar(id={self.id!r}, version={self.version!r}, years={self.first_year}-{self.last_year})"


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (_dt.date, str, np.datetime64))


def _like(template: Any, values: np.ndarray) -> Any:
    if isinstance(template, pd.Series):
        return pd.Series(values, index=template.index, name=template.name)
    return values.reshape(np.shape(template))
