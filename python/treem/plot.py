"""Charts of treem's results, drawn with matplotlib (``pip install 'treem[plot]'``).

Each function draws on the Axes it is given (``ax=``) or on a new figure, and returns that Axes so
that a user can restyle it (``ax.figure`` is the Figure)::

    from treem import indicators, plot
    table = indicators.compute(children, incidents, period="2024", level="commune")
    plot.indicator(table, "child_injury_rate", year=2025)       # values, intervals, the 2025 target
    plot.progress(indicators.progress(table, year=2025))         # every unit against its targets
    plot.scorecard(treem.certify(...))                           # points per criterion, pass marks
    plot.calendar(treem.Plan.son_ha_2024(), as_of="15/06/2024")  # deadlines and events of the year

Labels are in Vietnamese (``lang="vi"``, the default) or English (``lang="en"``), one language per
chart. Matplotlib's bundled DejaVu Sans has every Vietnamese letter, so no font needs installing.
Suppressed (withheld) cells are drawn as a hatched empty column marked "x", never as a bar of 0:
a 0 would be a number the statistics office did not publish.

What each chart draws carries a ``gid`` (``treem-values``, ``treem-interval``, ``treem-target``,
``treem-withheld``, ``treem-no-data``, ``treem-criterion``, ``treem-pass-mark``,
``treem-disqualified``, ``treem-deadline``, ``treem-event``, ``treem-as-of``), so that a test or a
user can find the artists again.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd

try:
    import matplotlib.dates as mdates
    from matplotlib.axes import Axes
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import FixedLocator, FuncFormatter
    from matplotlib.transforms import blended_transform_factory
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("treem.plot needs matplotlib: pip install 'treem[plot]' (or pip install matplotlib)") from error

from . import _core
from ._convert import to_date

__all__ = ["indicator", "progress", "scorecard", "calendar", "LANGUAGES"]

LANGUAGES = ("vi", "en")
_DIMENSIONS = ("sex", "age_group", "ethnicity", "kind", "environment")
_CRITERIA = tuple(f"c{i}" for i in range(1, 14))

# Every word a chart shows, per language. One table, so a chart never mixes the two languages.
_TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "commune": "Xã", "district": "Huyện", "province": "Tỉnh", "nation": "Toàn quốc",
        "value": "giá trị", "interval": "khoảng tin cậy {confidence:.0%}", "target": "chỉ tiêu",
        "target_year": "chỉ tiêu năm {year}: {comparator} {value:g}",
        "withheld": "không công bố (số nhỏ)", "withheld_short": "x", "no_data": "không có số liệu",
        "period": "năm {period}",
        "progress_title": "Tiến độ so với chỉ tiêu", "progress_axis": "giá trị so với chỉ tiêu (%)",
        "met": "đạt", "not_met": "chưa đạt", "unknown": "chưa xác định", "no_baseline": "chưa có số liệu gốc",
        "scorecard_title": "Xã, phường, thị trấn phù hợp với trẻ em: điểm theo tiêu chí",
        "points": "điểm", "criterion": "Tiêu chí {n}", "pass_mark": "điểm chuẩn",
        "not_assessed": "chưa chấm: {criteria}", "disqualified": "bị loại",
        "calendar_title": "Lịch thực hiện kế hoạch năm {year}", "deadline": "hạn nộp báo cáo / hạn việc",
        "event": "sự kiện", "as_of": "ngày xét {date}", "lunar": " (âm lịch)",
        "before": "trước {date}", "on_or_before": "đến hết {date}",
        "months": "T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12",
    },
    "en": {
        "commune": "Commune", "district": "District", "province": "Province", "nation": "Nation",
        "value": "value", "interval": "{confidence:.0%} interval", "target": "target",
        "target_year": "{year} target: {comparator} {value:g}",
        "withheld": "withheld (small count)", "withheld_short": "x", "no_data": "no data",
        "period": "{period}",
        "progress_title": "Progress against targets", "progress_axis": "value as a percentage of the target",
        "met": "met", "not_met": "not met", "unknown": "not known", "no_baseline": "no baseline",
        "scorecard_title": "Child-friendly commune certification: points per criterion",
        "points": "points", "criterion": "Criterion {n}", "pass_mark": "pass mark",
        "not_assessed": "not assessed: {criteria}", "disqualified": "disqualified",
        "calendar_title": "The plan's calendar, {year}", "deadline": "report or task deadline",
        "event": "event", "as_of": "as of {date}", "lunar": " (lunar date)",
        "before": "before {date}", "on_or_before": "by {date}",
        "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
}

# The catalogue's units of value are written in English; their Vietnamese forms.
_VALUE_UNITS_VI = {"%": "%", "children": "trẻ em", "per 100,000 children": "trên 100.000 trẻ em",
                   "per 1,000 children": "trên 1.000 trẻ em", "incidents": "vụ việc", "cases": "vụ việc"}

# English names of the bundled plan's reports and events (the plan itself is in Vietnamese only).
# Entries not listed here are named by their id in English charts.
_CALENDAR_EN = {
    "bao_cao_6_thang": "Six-month report",
    "bao_cao_ca_nam": "Annual report",
    "bao_cao_huyen_gui_tinh": "District's report on the plan to the province",
    "thang_hanh_dong": "Action Month for Children 2024",
    "ngay_quoc_te_thieu_nhi": "International Children's Day",
    "tet_nguyen_dan": "Lunar New Year (Tết)",
    "tet_trung_thu": "Mid-Autumn Festival",
    "ngay_gia_dinh_viet_nam": "Vietnamese Family Day",
}

_OUTCOME_COLOURS = {"recognized": "#2e7d32", "not_recognized": "#c62828", "inconclusive": "#f9a825"}
_MET_COLOURS = {True: "#2e7d32", False: "#c62828"}
_WITHHELD_COLOUR = "#616161"


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

def _text(lang: str) -> dict[str, str]:
    if lang not in _TEXT:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return _TEXT[lang]


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    """The caller's Axes, or a new figure's. pyplot is imported only here, so that importing
    treem.plot never picks a backend for the caller."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def _definition(indicator_id: str, catalogue: Any = None) -> dict:
    """The catalogue's definition of an indicator (names, unit of value); empty when unknown, so a
    user's own frame still draws, labelled by its key."""
    from ._core import Catalogue

    for definition in (catalogue or Catalogue.bundled()).definitions():
        if definition.get("key") == indicator_id:
            return definition
    return {}


def _indicator_name(indicator_id: str, lang: str, catalogue: Any = None) -> str:
    return _definition(indicator_id, catalogue).get(f"name_{lang}") or indicator_id


def _value_unit(indicator_id: str, lang: str, catalogue: Any = None) -> str:
    unit = _definition(indicator_id, catalogue).get("unit", "")
    return _VALUE_UNITS_VI.get(unit, unit) if lang == "vi" else unit


def _format_number(value: float, lang: str) -> str:
    """A number as a reader of that language writes it (Vietnamese: 1.234,5), with three
    significant digits below 100 so that a small share (0,06%) does not print as 0."""
    text = f"{value:,.1f}" if abs(value) >= 100 else f"{value:.3g}"
    if text.endswith(".0"):
        text = text[:-2]
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _comparator(text: str) -> str:
    return {">=": "≥", "<=": "≤"}.get(text, text)


def _unit_labels(rows: pd.DataFrame) -> list[str]:
    """Unit names, with the code where two units share a name."""
    names = rows["unit_name"].astype(str).tolist() if "unit_name" in rows else rows["unit"].astype(str).tolist()
    codes = rows["unit"].astype(str).tolist()
    repeated = {n for n in names if names.count(n) > 1}
    return [f"{n} ({c})" if n in repeated or not n else n for n, c in zip(names, codes)]


def _column_marker(ax: Axes, x: float, *, gid: str, label: str | None, text: str, colour: str, hatch: str | None) -> None:
    """An empty column the height of the axes at ``x``, with ``text`` in it: how a withheld cell
    (or a cell with no data) is shown, so that it cannot be read as a bar of 0."""
    spanning = blended_transform_factory(ax.transData, ax.transAxes)
    ax.add_patch(Rectangle((x - 0.4, 0.0), 0.8, 1.0, transform=spanning, facecolor="none", edgecolor=colour,
                           hatch=hatch, linewidth=0.8, gid=gid, label=label))
    ax.text(x, 0.5, text, transform=spanning, ha="center", va="center", rotation=90, color=colour, gid=gid,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})


# --------------------------------------------------------------------------------------------
# One indicator across units
# --------------------------------------------------------------------------------------------

def _totals(frame: pd.DataFrame, indicator_id: str, level: str) -> pd.DataFrame:
    """The total rows (no breakdown) of one indicator at one level, in the frame's order."""
    rows = frame[(frame["indicator"].astype(str) == indicator_id) & (frame["level"].astype(str) == level)]
    for name in _DIMENSIONS:
        if name in rows:
            rows = rows[rows[name].isna()]
    if rows.empty:
        raise ValueError(f"the frame has no totals of {indicator_id!r} at level {level!r}")
    return rows.reset_index(drop=True)


def _target_of(frame: pd.DataFrame, indicator_id: str, level: str, year: int, targets: Any) -> dict | None:
    """The target of ``year`` for the indicator, as treem.indicators.progress evaluates it: one
    value shared by the units (a relative target without its baseline has none)."""
    from .indicators import progress as evaluate

    table = evaluate(frame, year=year, targets=targets)
    table = table[(table["indicator"].astype(str) == indicator_id) & (table["level"].astype(str) == level)]
    values = table["target"].dropna().unique()
    if len(values) != 1:
        return None
    first = table[table["target"] == values[0]].iloc[0]
    return {"value": float(values[0]), "comparator": str(first["comparator"]), "year": year}


def indicator(frame: pd.DataFrame, indicator_id: str, *, level: str = "commune", target: float | None = None,
              year: int | None = None, targets: Any = None, lang: str = "vi", catalogue: Any = None,
              ax: Axes | None = None) -> Axes:
    """One indicator of a :func:`treem.indicators.compute` table across the units of ``level``:
    a bar per unit with its confidence interval, and the target as a dashed line.

    The target is ``target`` when given, else (with ``year``) the national target of that year
    (Decisions 23/QĐ-TTg and 1248/QĐ-TTg, or ``targets``), else none. Withheld cells are hatched
    empty columns marked "x"; a unit whose value is undefined (no denominator) is marked "no data".
    """
    t = _text(lang)
    rows = _totals(frame, indicator_id, level)
    ax = _axes(ax, (min(16.0, max(6.0, 0.55 * len(rows) + 2.5)), 4.5))
    x = np.arange(len(rows), dtype=float)
    value = rows["value"].to_numpy(dtype=float)
    lower, upper = rows["lower"].to_numpy(dtype=float), rows["upper"].to_numpy(dtype=float)
    withheld = rows["suppressed"].to_numpy(dtype=bool)
    shown = ~withheld & np.isfinite(value)

    ax.bar(x[shown], value[shown], width=0.7, color="#4878a8", label=t["value"], gid="treem-values")
    with_interval = shown & np.isfinite(lower) & np.isfinite(upper)
    if with_interval.any():
        confidence = float(frame.attrs.get("confidence", 0.95))
        ax.errorbar(x[with_interval], value[with_interval],
                    yerr=[value[with_interval] - lower[with_interval], upper[with_interval] - value[with_interval]],
                    fmt="none", ecolor="black", elinewidth=1, capsize=3, label=t["interval"].format(confidence=confidence),
                    gid="treem-interval")
    for i, position in enumerate(x[withheld]):
        _column_marker(ax, position, gid="treem-withheld", label=t["withheld"] if i == 0 else None,
                       text=f"{t['withheld_short']}  {t['withheld']}", colour=_WITHHELD_COLOUR, hatch="///")
    for i, position in enumerate(x[~withheld & ~np.isfinite(value)]):
        _column_marker(ax, position, gid="treem-no-data", label=t["no_data"] if i == 0 else None,
                       text=t["no_data"], colour=_WITHHELD_COLOUR, hatch=None)

    goal = {"value": float(target), "comparator": "", "year": year} if target is not None else \
        _target_of(frame, indicator_id, level, year, targets) if year is not None else None
    if goal is not None:
        label = (t["target_year"].format(**{**goal, "comparator": _comparator(goal["comparator"])}) if goal["comparator"]
                 else f"{t['target']}: {goal['value']:g}")
        ax.axhline(goal["value"], color="#c62828", linestyle="--", linewidth=1.5, label=label, gid="treem-target")

    name, unit = _indicator_name(indicator_id, lang, catalogue), _value_unit(indicator_id, lang, catalogue)
    period = str(rows["period"].iloc[0]) if "period" in rows else ""
    ax.set_title(f"{name}, {t['period'].format(period=period)}" if period else name, wrap=True)
    ax.set_ylabel(unit)
    ax.set_xlabel(t.get(level, level))
    ax.set_xticks(x, _unit_labels(rows), rotation=45 if len(rows) <= 30 else 90, ha="right" if len(rows) <= 30 else "center",
                  fontsize="medium" if len(rows) <= 30 else "x-small")
    ax.set_xlim(-0.6, len(rows) - 0.4)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    return ax


# --------------------------------------------------------------------------------------------
# Progress against targets
# --------------------------------------------------------------------------------------------

def _progress_rows(progress_frame: pd.DataFrame, indicator: str | Sequence[str] | None, level: str | None,
                   unit: str | Sequence[str] | None, year: int | None) -> pd.DataFrame:
    rows = progress_frame
    def keep(column: str, wanted: Any) -> None:
        nonlocal rows
        if wanted is not None:
            wanted = [wanted] if isinstance(wanted, (str, int)) else list(wanted)
            rows = rows[rows[column].astype(str).isin([str(w) for w in wanted])]
    keep("indicator", indicator)
    keep("level", level)
    keep("unit", unit)
    keep("year", year)
    if rows.empty:
        raise ValueError("no progress rows match")
    return rows.reset_index(drop=True)


def percent_of_target(value: float, target: float) -> float:
    """Where a value stands against its target, as a percentage of the target (100 = on the
    target); NaN when either is unknown or the target is 0."""
    if not (math.isfinite(value) and math.isfinite(target)) or target == 0:
        return math.nan
    return 100.0 * value / target


def progress(progress_frame: pd.DataFrame, *, indicator: str | Sequence[str] | None = None, level: str | None = None,
             unit: str | Sequence[str] | None = None, year: int | None = None, unit_names: Mapping[str, str] | None = None,
             lang: str = "vi", catalogue: Any = None, ax: Axes | None = None) -> Axes:
    """Progress against targets from :func:`treem.indicators.progress`: one row per unit and
    target, the value placed at its percentage of the target (the dashed line at 100 is the
    target), green when met, red when not, hollow when it cannot be told. Each row is labelled
    with the value, the comparator and the target. Rows can be chosen by ``indicator``, ``level``,
    ``unit`` and ``year``; ``unit_names`` maps codes to the names shown."""
    t = _text(lang)
    rows = _progress_rows(progress_frame, indicator, level, unit, year)
    ax = _axes(ax, (9.0, max(2.5, 0.42 * len(rows) + 1.5)))
    names = dict(unit_names or {})
    several_units = rows["unit"].nunique() > 1
    labels, positions = [], np.arange(len(rows), dtype=float)
    for y, row in zip(positions, rows.itertuples(index=False)):
        value, goal = float(row.value), float(row.target)
        where = percent_of_target(value, goal)
        meets = None if pd.isna(row.meets) else bool(row.meets)
        name = _indicator_name(str(row.indicator), lang, catalogue)
        labels.append(f"{name} – {names.get(str(row.unit), str(row.unit))}" if several_units else name)
        if math.isfinite(where):
            colour = _MET_COLOURS.get(meets, _WITHHELD_COLOUR)
            ax.plot([where], [y], marker="o", markersize=8, linestyle="none", color=colour,
                    markerfacecolor=colour if meets is not None else "none", gid="treem-progress")
            state = t["met"] if meets else t["not_met"] if meets is False else t["unknown"]
            note = f"{_format_number(value, lang)} {_comparator(str(row.comparator))} {_format_number(goal, lang)}: {state}"
        else:
            why = t["no_baseline"] if not math.isfinite(goal) else t["withheld"] if not math.isfinite(value) else t["unknown"]
            note = why
            ax.plot([100.0], [y], marker="x", markersize=8, linestyle="none", color=_WITHHELD_COLOUR, gid="treem-progress-unknown")
        ax.annotate(note, (1.0, y), xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize="small")
    ax.axvline(100.0, color="#c62828", linestyle="--", linewidth=1.2, label=t["target"], gid="treem-target")
    ax.set_yticks(positions, labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # the first row at the top, as in a table
    ax.set_xlabel(t["progress_axis"])
    years = sorted({int(y) for y in rows["year"]})
    ax.set_title(f"{t['progress_title']} ({', '.join(str(y) for y in years)})")
    return ax


# --------------------------------------------------------------------------------------------
# Certification scorecard
# --------------------------------------------------------------------------------------------

def _scorecard_rows(result: Any, unit: str | Sequence[str] | None, lang: str) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The rows drawn (unit, unit_name, outcome, total, pass_mark, disqualified, c1..c13 when
    known) and each unit's reasons, from Certification.to_frame() or from one Decision's parts."""
    if hasattr(result, "to_frame"):
        frame = result.to_frame(lang)
        if unit is not None:
            wanted = [unit] if isinstance(unit, str) else list(unit)
            frame = frame[frame["unit"].astype(str).isin(wanted)]
        reasons = {str(r.unit): str(r.reasons).split(" | ") if r.reasons else [] for r in frame.itertuples(index=False)}
        return frame.reset_index(drop=True), reasons
    decision = result  # one Decision: the same row from its own parts
    row = {"unit": decision.unit, "unit_name": decision.unit_name, "outcome": decision.outcome, "total": decision.total,
           "pass_mark": decision.pass_mark, "disqualified": decision.gap.disqualified}
    row.update({f"c{c.id}": (np.nan if c.used is None else c.used) for c in decision.criteria})
    return pd.DataFrame([row]), {str(decision.unit): decision.reasons(lang)}


def _criterion_colours() -> list:
    import matplotlib

    palette = matplotlib.colormaps["tab20"]
    return [palette(i % 20) for i in range(len(_CRITERIA))]


def scorecard(result: Any, unit: str | Sequence[str] | None = None, *, lang: str = "vi", reasons: bool = False,
              ax: Axes | None = None) -> Axes:
    """The certification scorecard of a :class:`treem.Certification` (or one
    :class:`treem.Decision`): one horizontal bar per unit made of its points per criterion, the
    unit's pass mark as a red tick across its bar, the outcome and total at the bar's end.
    Disqualified units (a local rule such as Sơn Hà's) are hatched and marked; criteria not
    assessed are listed, never drawn as 0. ``reasons=True`` writes each unit's reasons under the
    chart. A Decision alone is drawn as its total (the points per criterion come with a
    Certification)."""
    t = _text(lang)
    rows, unit_reasons = _scorecard_rows(result, unit, lang)
    if rows.empty:
        raise ValueError("no unit to draw")
    ax = _axes(ax, (11.0, max(2.5, 0.5 * len(rows) + 1.8)))
    colours = _criterion_colours()
    by_criterion = all(c in rows for c in _CRITERIA)
    labelled: set[str] = set()
    widest = 0.0
    for y, row in enumerate(rows.to_dict("records")):
        left = 0.0
        missing = []
        if by_criterion:
            for i, column in enumerate(_CRITERIA):
                points = row[column]
                if points is None or (isinstance(points, float) and math.isnan(points)):
                    missing.append(str(i + 1))
                    continue
                label = t["criterion"].format(n=i + 1)
                ax.barh(y, float(points), left=left, height=0.6, color=colours[i], edgecolor="white", linewidth=0.5,
                        label=None if label in labelled else label, gid="treem-criterion")
                labelled.add(label)
                left += float(points)
        elif row["total"] is not None and not pd.isna(row["total"]):
            ax.barh(y, float(row["total"]), height=0.6, color="#4878a8", label=t["points"], gid="treem-criterion")
            left = float(row["total"])
        widest = max(widest, left)
        _draw_pass_mark(ax, y, row["pass_mark"], t, first="pass_mark" not in labelled)
        labelled.add("pass_mark")
        if row.get("disqualified"):
            _draw_disqualified(ax, y, max(left, float(row["pass_mark"] or 0)), t, first="disqualified" not in labelled)
            labelled.add("disqualified")
        widest = max(widest, float(row["pass_mark"] or 0))
        _annotate_outcome(ax, y, max(left, float(row["pass_mark"] or 0)), row, missing, t, lang)
    ax.set_yticks(range(len(rows)), _unit_labels(rows))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, widest * 1.5 if widest else 1)  # room after the bars for the outcome
    ax.set_xlabel(t["points"])
    ax.set_title(t["scorecard_title"])
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="x-small", ncols=1)
    if reasons:
        _write_reasons(ax, rows, unit_reasons)
    return ax


def _draw_pass_mark(ax: Axes, y: float, pass_mark: Any, t: dict[str, str], *, first: bool) -> None:
    """A red tick across the unit's bar at its own pass mark (900, 850 or 800 by the unit's kind)."""
    if pass_mark is None or pd.isna(pass_mark):
        return
    ax.plot([float(pass_mark)] * 2, [y - 0.42, y + 0.42], color="#c62828", linewidth=2.5,
            label=t["pass_mark"] if first else None, gid="treem-pass-mark")


def _draw_disqualified(ax: Axes, y: float, width: float, t: dict[str, str], *, first: bool) -> None:
    ax.add_patch(Rectangle((0, y - 0.36), width, 0.72, facecolor="none", edgecolor="#c62828", hatch="xx",
                           linewidth=1.2, label=t["disqualified"] if first else None, gid="treem-disqualified"))


def _annotate_outcome(ax: Axes, y: float, end: float, row: dict, missing: list[str], t: dict[str, str], lang: str) -> None:
    """The outcome, total and pass mark after the unit's bar (and what was not assessed)."""
    total = row["total"]
    numbers = "–" if total is None or pd.isna(total) else _format_number(float(total), lang)
    if row["pass_mark"] is not None and not pd.isna(row["pass_mark"]):
        numbers += f" / {_format_number(float(row['pass_mark']), lang)}"
    parts = [_core.outcome_label(str(row["outcome"]), lang), numbers]
    if row.get("disqualified"):
        parts.append(t["disqualified"])
    if missing:
        parts.append(t["not_assessed"].format(criteria=", ".join(missing)))
    ax.annotate("; ".join(parts), (end, y), xytext=(8, 0), textcoords="offset points",
                va="center", fontsize="small", color=_OUTCOME_COLOURS.get(str(row["outcome"]), "black"), gid="treem-outcome")


def _write_reasons(ax: Axes, rows: pd.DataFrame, unit_reasons: dict[str, list[str]]) -> None:
    lines = [f"{label}: {' '.join(unit_reasons.get(str(code), []))}" for label, code in zip(_unit_labels(rows), rows["unit"])]
    ax.annotate("\n".join(lines), (0.0, 0.0), xycoords="axes fraction", xytext=(0, -36), textcoords="offset points",
                va="top", ha="left", fontsize="x-small", wrap=True, gid="treem-reasons")


# --------------------------------------------------------------------------------------------
# The plan's calendar
# --------------------------------------------------------------------------------------------

def _entry_label(entry: Any, lang: str, t: dict[str, str]) -> str:
    name = str(entry.name) if lang == "vi" else _CALENDAR_EN.get(str(entry.id), str(entry.id).replace("_", " "))
    return name + (t["lunar"] if bool(entry.lunar) else "")


def _due_texts(plan: Any, t: dict[str, str]) -> dict[str, str]:
    """Each report's deadline as the plan words it ("trước 31/05"): the calendar places a report on
    its last on-time day (30/05 for "before 31/05"), which is not the date the plan prints."""
    texts = {}
    for report in plan.reports:
        bound = "on_or_before" if str(report.bound) == "on_or_before" else "before"
        texts[str(report.id)] = t[bound].format(date=report.due.strftime("%d/%m"))
    return texts


def calendar(plan: Any, *, agency: str | None = None, as_of: Any = None, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """The plan's calendar (:meth:`treem.Plan.calendar`) as a timeline over its year: each report
    deadline a diamond on its last on-time day, labelled with the deadline as the plan words it;
    each event a bar from its first to its last day (a dot for one day), lunar dates resolved.
    ``as_of`` draws the day a submission status is taken on."""
    t = _text(lang)
    entries = plan.calendar(agency=agency).reset_index(drop=True)
    due_texts = _due_texts(plan, t)
    ax = _axes(ax, (11.0, max(3.0, 0.38 * len(entries) + 1.6)))
    labelled: set[str] = set()
    for y, entry in enumerate(entries.itertuples(index=False)):
        start, end = mdates.date2num(entry.start), mdates.date2num(entry.end)
        day = pd.Timestamp(entry.start).strftime("%d/%m")
        if str(entry.kind) == "deadline":
            ax.plot([start], [y], marker="D", markersize=8, linestyle="none", color="#c62828",
                    label=None if "deadline" in labelled else t["deadline"], gid="treem-deadline")
            labelled.add("deadline")
            day = due_texts.get(str(entry.id), day)
        elif end > start:
            ax.barh(y, end - start + 1, left=start, height=0.5, color="#4878a8",
                    label=None if "event" in labelled else t["event"], gid="treem-event")
            labelled.add("event")
            day = f"{day}–{pd.Timestamp(entry.end).strftime('%d/%m')}"
        else:
            ax.plot([start], [y], marker="o", markersize=7, linestyle="none", color="#4878a8",
                    label=None if "event" in labelled else t["event"], gid="treem-event")
            labelled.add("event")
        # Labels of entries late in the year go to the left of their mark, inside the year.
        late = pd.Timestamp(entry.start).month >= 10
        ax.annotate(f"{day}: {_entry_label(entry, lang, t)}", (start if late else end + (1 if end > start else 0), y),
                    xytext=(-8 if late else 8, 0), textcoords="offset points", va="center", ha="right" if late else "left",
                    fontsize="small", gid="treem-entry-label")
    year = int(plan.year)
    if as_of is not None:
        day_of_status = to_date(as_of, "as_of")
        ax.axvline(mdates.date2num(day_of_status), color="black", linestyle=":", linewidth=1.2,
                   label=t["as_of"].format(date=day_of_status.strftime("%d/%m/%Y")), gid="treem-as-of")
    _month_axis(ax, year, t)
    ax.set_yticks([])
    ax.set_ylim(len(entries) - 0.4, -0.6)
    ax.set_title(t["calendar_title"].format(year=year))
    ax.legend(loc="upper right", fontsize="small")
    return ax


def _month_axis(ax: Axes, year: int, t: dict[str, str]) -> None:
    """The x axis as the plan year's months, named without the system locale (which may not be
    Vietnamese) from the chart's own language."""
    months = t["months"].split()
    firsts = [mdates.date2num(_dt.date(year, m, 1)) for m in range(1, 13)]
    ax.xaxis.set_major_locator(FixedLocator(firsts))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: months[mdates.num2date(x).month - 1]))
    ax.set_xlim(mdates.date2num(_dt.date(year, 1, 1)), mdates.date2num(_dt.date(year, 12, 31)) + 1)
    ax.grid(axis="x", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
