"""The district's report workbook (.xlsx): what ``treem report`` writes, from the same C++ code.

``treem.report("bao-cao.xlsx", children=..., incidents=..., assessments=..., submissions=...,
period="2024S1")`` reads the registers and sheets with the compiled readers, runs the engines and
writes a cover sheet, the indicators by commune and district with intervals and targets, the
certification results with reasons, the plan's report submissions, the incidents by kind and
native Excel charts, in Vietnamese (``lang="vi"``, the default) or English. Withheld cells show
``x``; the file is written whole or not at all.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import Any, Sequence

from . import _core
from .dates import to_date

__all__ = ["report"]

_VIETNAM = _dt.timezone(_dt.timedelta(hours=7))


def report(out: str | os.PathLike[str], *, children: str | os.PathLike[str], incidents: str | os.PathLike[str] | None = None,
           assessments: str | os.PathLike[str] | None = None, submissions: str | os.PathLike[str] | None = None, plan: Any = None,
           units: str | os.PathLike[str] | None = None, rules: Sequence[str | os.PathLike[str]] = (), period: str | int = "2024",
           as_of: Any = None, made_on: Any = None, lang: str = "vi", k: int = 4,
           protection_upper: int | None = None) -> Path:
    """Write the report workbook to ``out`` and return its path.

    ``children``, ``incidents``, ``assessments`` and ``submissions`` are CSV files in the columns
    that ``treem register check``, ``treem certify`` and ``treem plan status`` read. ``plan`` is a
    plan file or a :class:`treem.Plan` (default: the bundled Sơn Hà 2024 plan); ``rules`` bundled
    rule-set ids or files; ``as_of`` the date of the submission status (default: the period's last
    day); ``made_on`` the date on the cover (default: today in Vietnam); ``k`` the small-cell
    threshold; ``protection_upper`` the upper end of the interval every withheld count of 1..k
    keeps for any reader (default and least ``k + 1``)."""
    plan_path, temporary = _plan_file(plan)
    try:
        day = to_date(made_on) if made_on is not None else _dt.datetime.now(_VIETNAM).date()
        _core._write_report(out=os.fspath(out), children=os.fspath(children), incidents=_path(incidents), assessments=_path(assessments),
                            submissions=_path(submissions), plan=plan_path, units=_path(units), rules=[os.fspath(r) for r in rules],
                            period=str(period), as_of=to_date(as_of) if as_of is not None else None, made_on=day, lang=lang, k=k,
                            protection_upper=protection_upper or 0)
    finally:
        if temporary:
            os.unlink(plan_path)
    return Path(out)


def _path(value: str | os.PathLike[str] | None) -> str:
    return "" if value is None else os.fspath(value)


def _plan_file(plan: Any) -> tuple[str, bool]:
    """A plan file for the compiled reader: the path given, or a Plan saved to a temporary file."""
    if plan is None:
        return "", False
    if isinstance(plan, (str, os.PathLike)):
        return os.fspath(plan), False
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8") as f:
        f.write(plan.to_toml())
    return f.name, True
