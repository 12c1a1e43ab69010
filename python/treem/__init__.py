"""treem: child-work plans, child-friendly commune certification and child statistics for Vietnam.

The compiled core is ``treem._core``; use the names exported here.
"""

from __future__ import annotations

from pathlib import Path as _Path

from ._core import __version__
from .certify import Certification, Decision, Rules, RuleSet, certify, rules_template
from .dates import PartialDate, Period, format_date, parse_date, to_date
from .errors import NotFoundError, ParseError, TreemError, ValidationError
from .holidays import DayOff, HolidayCalendar, HolidayRule
from .lunar import LunarDate, from_lunar, leap_month, month_length, tet, to_lunar, trung_thu
from .plan import Plan
from .report import report
from . import cases, indicators, registers
from .units import AdminUnit, Merger, UnitRegistry

def get_include() -> str:
    """The folder of treem's C++ headers in this installation (``#include <treem/treem.hpp>``)."""
    return str(_Path(__file__).parent / "include")


def get_cmake_dir() -> str:
    """The folder of treem's CMake package in this installation: a C++ project (or another
    extension) builds against the pip-installed treem with ``find_package(treem CONFIG)`` and
    ``-Dtreem_DIR=$(python -c "import treem; print(treem.get_cmake_dir())")``. The package finds
    Eigen, Boost, ICU, OpenSSL and toml++ on the system, as the README's set-up installs them."""
    return str(_Path(__file__).parent / "lib" / "cmake" / "treem")


__all__ = [
    "get_include",
    "get_cmake_dir",
    "__version__",
    "TreemError",
    "ParseError",
    "ValidationError",
    "NotFoundError",
    "PartialDate",
    "Period",
    "parse_date",
    "format_date",
    "to_date",
    "LunarDate",
    "to_lunar",
    "from_lunar",
    "tet",
    "trung_thu",
    "leap_month",
    "month_length",
    "HolidayCalendar",
    "DayOff",
    "HolidayRule",
    "UnitRegistry",
    "AdminUnit",
    "Merger",
    "Plan",
    "Rules",
    "RuleSet",
    "Certification",
    "Decision",
    "certify",
    "rules_template",
    "report",
    "registers",
    "cases",
    "indicators",
]
