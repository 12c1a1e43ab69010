"""Dates, partial dates and reporting periods.

Dates are plain ``datetime.date`` objects. Two written forms are understood everywhere:
``dd/mm/yyyy`` (the Vietnamese form) and ISO ``yyyy-mm-dd``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal

from ._core import PartialDate, Period, format_date_iso, format_date_vn, parse_date
from ._convert import to_date

__all__ = ["PartialDate", "Period", "parse_date", "format_date", "to_date"]


def format_date(date: _dt.date, style: Literal["vn", "iso"] = "vn") -> str:
    """``'17/09/2024'`` (style ``"vn"``) or ``'2024-09-17'`` (style ``"iso"``)."""
    if style == "vn":
        return format_date_vn(date)
    if style == "iso":
        return format_date_iso(date)
    raise ValueError(f"style must be 'vn' or 'iso', not {style!r}")
