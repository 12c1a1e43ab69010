"""treem.plot: the charts' structure (what is drawn, where, with which labels), not their pixels.

Expectations are worked by hand from small frames written here, or from the hand-worked
certification fixtures (tests/data/certify-*.csv, see test_certify.py) and the plan's printed
deadlines; where a chart draws the engine's own numbers, it is compared with the engine's frame.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import matplotlib  # `bash .ci/setup --dev` installs it: a missing one fails here rather than skipping the charts

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

import treem  # noqa: E402
from treem import indicators, plot  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
DIMENSIONS = ["sex", "age_group", "ethnicity", "kind", "environment"]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def draw_strictly(ax) -> None:
    """Render the figure with every warning an error: a missing glyph ("Glyph ... missing from
    font") would fail here."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.canvas.draw()


def by_gid(ax, gid: str) -> list:
    return [a for a in ax.findobj() if getattr(a, "get_gid", lambda: None)() == gid]


def bars(ax, gid: str) -> list:
    return [p for p in ax.patches if p.get_gid() == gid]


# --------------------------------------------------------------------------------------------
# indicator()
# --------------------------------------------------------------------------------------------

def hand_frame() -> pd.DataFrame:
    """Four communes of child_injury_rate, as indicators.compute lays them out: two published,
    one withheld (its count was 1..4), one with no children (value undefined)."""
    rows = [
        ("21289", "Thị trấn Di Lăng", 16, 3200, 500.0, 285.0, 810.0, False),
        ("21292", "Xã Sơn Hạ", 3, 2400, np.nan, np.nan, np.nan, True),
        ("21295", "Xã Sơn Thành", 20, 2000, 1000.0, 611.0, 1544.0, False),
        ("21298", "Xã Sơn Nham", 0, 0, np.nan, np.nan, np.nan, False),
    ]
    frame = pd.DataFrame(rows, columns=["unit", "unit_name", "numerator", "denominator", "value", "lower", "upper", "suppressed"])
    frame.loc[1, "numerator"] = np.nan  # a withheld cell has no numerator either
    frame.insert(0, "level", pd.Categorical(["commune"] * 4))
    frame.insert(3, "period", "2024")
    frame.insert(4, "indicator", pd.Categorical(["child_injury_rate"] * 4))
    for name in DIMENSIONS:
        frame[name] = pd.Categorical([np.nan] * 4)
    frame.attrs["confidence"] = 0.95
    return frame


def test_indicator_draws_the_values_with_their_intervals():
    ax = plot.indicator(hand_frame(), "child_injury_rate")
    drawn = bars(ax, "treem-values")
    assert [(b.get_x() + b.get_width() / 2, b.get_height()) for b in drawn] == [(0.0, 500.0), (2.0, 1000.0)]
    (interval,) = [c for c in ax.containers if c.get_label() == "khoảng tin cậy 95%"]
    segments = interval.lines[2][0].get_segments()
    assert [tuple(s[:, 1]) for s in segments] == [(285.0, 810.0), (611.0, 1544.0)]
    draw_strictly(ax)


def test_withheld_cells_are_marked_and_never_drawn_as_zero():
    ax = plot.indicator(hand_frame(), "child_injury_rate")
    assert all(b.get_height() > 0 for b in bars(ax, "treem-values"))
    assert 1.0 not in [b.get_x() + b.get_width() / 2 for b in bars(ax, "treem-values")]
    (withheld,) = bars(ax, "treem-withheld")
    assert withheld.get_x() + withheld.get_width() / 2 == pytest.approx(1.0)
    assert withheld.get_height() == 1.0 and withheld.get_hatch() and withheld.get_facecolor()[3] == 0  # empty, full height
    assert [t.get_text() for t in ax.texts if t.get_gid() == "treem-withheld"] == ["x  không công bố (số nhỏ)"]
    (no_data,) = bars(ax, "treem-no-data")
    assert no_data.get_x() + no_data.get_width() / 2 == pytest.approx(3.0)


def test_indicator_labels_in_one_language():
    vi = plot.indicator(hand_frame(), "child_injury_rate", target=550)
    assert vi.get_title() == "Tỷ suất trẻ em bị tai nạn, thương tích trên 100.000 trẻ em, năm 2024"
    assert vi.get_xlabel() == "Xã" and vi.get_ylabel() == "trên 100.000 trẻ em"
    assert [t.get_text() for t in vi.get_xticklabels()] == ["Thị trấn Di Lăng", "Xã Sơn Hạ", "Xã Sơn Thành", "Xã Sơn Nham"]
    draw_strictly(vi)
    en = plot.indicator(hand_frame(), "child_injury_rate", target=550, lang="en")
    assert en.get_title() == "Child injuries per 100,000 children, 2024"
    assert en.get_xlabel() == "Commune" and en.get_ylabel() == "per 100,000 children"
    legend = [t.get_text() for t in en.get_legend().get_texts()]
    assert "withheld (small count)" in legend and "target: 550" in legend
    assert not any(c in "".join(legend) for c in "ảẩạ")
    draw_strictly(en)


def test_target_line_is_at_the_target():
    ax = plot.indicator(hand_frame(), "child_injury_rate", target=550)
    (line,) = by_gid(ax, "treem-target")
    assert set(line.get_ydata()) == {550}


def test_target_of_a_year_is_the_national_target():
    # Decision 1248/QĐ-TTg: fewer than 550 child injuries per 100,000 children by 2025.
    ax = plot.indicator(hand_frame(), "child_injury_rate", year=2025, lang="en")
    (line,) = by_gid(ax, "treem-target")
    assert set(line.get_ydata()) == {550}
    assert "2025 target: < 550" in [t.get_text() for t in ax.get_legend().get_texts()]
    no_year = plot.indicator(hand_frame(), "child_injury_rate")
    assert by_gid(no_year, "treem-target") == []


@pytest.fixture(scope="module")
def son_ha_table() -> pd.DataFrame:
    children, incidents = treem.registers.generate("sonha", seed=1)
    return indicators.compute(children, incidents, period="2024", level=["commune", "district"])


def test_indicator_draws_the_engines_numbers(son_ha_table):
    totals = son_ha_table[(son_ha_table["indicator"] == "abused_children_rate") & (son_ha_table["level"] == "commune")]
    totals = totals[totals[DIMENSIONS].isna().all(axis=1)].reset_index(drop=True)
    assert totals["suppressed"].any() and not totals["suppressed"].all()  # the chart below shows both kinds
    ax = plot.indicator(son_ha_table, "abused_children_rate")
    published = totals[~totals["suppressed"]]
    assert [(b.get_x() + b.get_width() / 2, b.get_height()) for b in bars(ax, "treem-values")] == \
        list(zip(published.index.astype(float), published["value"]))
    assert sorted(round(p.get_x() + p.get_width() / 2) for p in bars(ax, "treem-withheld")) == \
        list(totals.index[totals["suppressed"]])
    assert len(ax.get_xticklabels()) == 14  # Sơn Hà's 14 units of 2024
    draw_strictly(ax)


def test_unknown_language_and_missing_indicator_are_refused():
    with pytest.raises(ValueError, match="lang"):
        plot.indicator(hand_frame(), "child_injury_rate", lang="fr")
    with pytest.raises(ValueError, match="no totals"):
        plot.indicator(hand_frame(), "drowning_deaths")


def test_charts_draw_on_the_axes_given():
    fig, axes = plt.subplots(1, 2)
    assert plot.indicator(hand_frame(), "child_injury_rate", ax=axes[1]) is axes[1]
    assert axes[1].figure is fig and bars(axes[0], "treem-values") == []


# --------------------------------------------------------------------------------------------
# progress()
# --------------------------------------------------------------------------------------------

def hand_progress() -> pd.DataFrame:
    return pd.DataFrame({
        "level": ["district"] * 3, "unit": ["529"] * 3,
        "indicator": ["child_injury_rate", "birth_registration_under5", "drowning_deaths"],
        "year": [2025] * 3, "comparator": ["<", ">=", "<="], "target": [550.0, 98.5, np.nan],
        "value": [605.0, 98.5, 3.0], "meets": pd.array([False, True, None], dtype="boolean"),
        "gap": [55.0, 0.0, np.nan], "status": ["confirmed"] * 3,
    })


def test_progress_places_each_value_at_its_share_of_the_target():
    ax = plot.progress(hand_progress())
    points = by_gid(ax, "treem-progress")
    # 605 / 550 = 110%, not met (red); 98.5 / 98.5 = 100%, met (green).
    assert [(p.get_xdata()[0], p.get_ydata()[0]) for p in points] == [(pytest.approx(110.0), 0.0), (pytest.approx(100.0), 1.0)]
    assert [matplotlib.colors.to_hex(p.get_color()) for p in points] == ["#c62828", "#2e7d32"]
    (line,) = by_gid(ax, "treem-target")
    assert set(line.get_xdata()) == {100.0}
    notes = [t.get_text() for t in ax.texts]
    assert notes == ["605 < 550: chưa đạt", "98,5 ≥ 98,5: đạt", "chưa có số liệu gốc"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Tỷ suất trẻ em bị tai nạn, thương tích trên 100.000 trẻ em", "Tỷ lệ trẻ em dưới 5 tuổi đã được đăng ký khai sinh",
        "Số trẻ em tử vong do đuối nước"]
    draw_strictly(ax)


def test_progress_in_english_and_from_the_engine(son_ha_table):
    table = indicators.progress(son_ha_table, year=2025)
    ax = plot.progress(table, level="district", lang="en")
    district = table[table["level"] == "district"].reset_index(drop=True)
    drawn = {p.get_ydata()[0]: p.get_xdata()[0] for p in by_gid(ax, "treem-progress")}
    expected = {float(i): 100 * v / g for i, (v, g) in enumerate(zip(district["value"], district["target"])) if np.isfinite(v / g)}
    assert drawn == pytest.approx(expected)
    assert ax.get_xlabel() == "value as a percentage of the target" and ax.get_title() == "Progress against targets (2025)"
    draw_strictly(ax)


# --------------------------------------------------------------------------------------------
# scorecard()
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def certification() -> treem.Certification:
    read = lambda name: pd.read_csv(DATA / name, dtype=str, keep_default_na=False)  # noqa: E731
    return treem.certify(read("certify-assessments-2024.csv"), read("certify-incidents-2024.csv"), period="2024",
                         rules=treem.Rules.son_ha_2024())


def segments_of_row(ax, y: int) -> list[float]:
    return [p.get_width() for p in bars(ax, "treem-criterion") if round(p.get_y() + p.get_height() / 2) == y]


def test_scorecard_draws_points_per_criterion(certification):
    ax = plot.scorecard(certification)
    # 21292's sheet: 80, 58 ×4, 100, 50, 58 ×6 = 810 (tests/data/certify-assessments-2024.csv).
    assert segments_of_row(ax, 0) == [80, 58, 58, 58, 58, 100, 50, 58, 58, 58, 58, 58, 58]
    assert sum(segments_of_row(ax, 0)) == 810
    frame = certification.to_frame()
    for y, row in frame.iterrows():
        claimed = [row[f"c{i}"] for i in range(1, 14) if pd.notna(row[f"c{i}"])]
        assert segments_of_row(ax, y) == claimed
    # 21301 left criterion 5 empty: 12 segments, and the chart says what was not assessed.
    assert len(segments_of_row(ax, 3)) == 12
    outcome_texts = [t.get_text() for t in ax.texts if t.get_gid() == "treem-outcome"]
    assert outcome_texts[3] == "chưa kết luận; – / 800; chưa chấm: 5"
    assert outcome_texts[0] == "công nhận; 810 / 800"
    draw_strictly(ax)


def test_scorecard_pass_marks_and_disqualification(certification):
    ax = plot.scorecard(certification, lang="en")
    marks = by_gid(ax, "treem-pass-mark")
    # Sơn Hà's communes are mountainous: 800 points for each (Decision 06/QĐ-TTg).
    assert [(set(m.get_xdata()), round(np.mean(m.get_ydata()))) for m in marks] == [({800}, y) for y in range(5)]
    (disqualified,) = bars(ax, "treem-disqualified")
    assert round(disqualified.get_y() + disqualified.get_height() / 2) == 1  # 21295: a drowning in July
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Xã Sơn Hạ", "Xã Sơn Thành", "Xã Sơn Nham", "Xã Sơn Bao", "Xã Sơn Linh"]
    assert "disqualified" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_xlabel() == "points"
    draw_strictly(ax)


def test_scorecard_of_one_decision(certification):
    decision = certification["21298"]
    ax = plot.scorecard(decision, reasons=True)
    (mark,) = by_gid(ax, "treem-pass-mark")
    assert set(mark.get_xdata()) == {decision.pass_mark} == {800}
    # Its points per criterion, from the sheet (80, 55 x 4, 100, 50, 55 x 6): 780, 20 short.
    widths = [b.get_width() for b in bars(ax, "treem-criterion")]
    assert widths == [80, 55, 55, 55, 55, 100, 50, 55, 55, 55, 55, 55, 55] and sum(widths) == 780
    (reasons,) = [t for t in ax.texts if t.get_gid() == "treem-reasons"]
    assert all(r in reasons.get_text() for r in decision.reasons("vi"))
    draw_strictly(ax)


def test_scorecard_of_chosen_units(certification):
    ax = plot.scorecard(certification, unit=["21295", "21304"])
    assert len(by_gid(ax, "treem-pass-mark")) == 2
    assert segments_of_row(ax, 1)[0] == 100  # 21304 claims 100 on criterion 1


# --------------------------------------------------------------------------------------------
# calendar()
# --------------------------------------------------------------------------------------------

def test_calendar_has_every_report_deadline():
    ax = plot.calendar(treem.Plan.son_ha_2024(), as_of="15/06/2024")
    # The plan (section V): before 31/5, before 30/11, before 10/12: the last days on time are the day before.
    deadlines = by_gid(ax, "treem-deadline")
    assert [mdates.num2date(d.get_xdata()[0]).date() for d in deadlines] == [dt.date(2024, 5, 30), dt.date(2024, 11, 29),
                                                                                 dt.date(2024, 12, 9)]
    labels = [t.get_text() for t in ax.texts]
    for due in ("trước 31/05", "trước 30/11", "trước 10/12"):
        assert sum(text.startswith(due) for text in labels) == 1, due
    (month,) = [b for b in bars(ax, "treem-event") if b.get_width() > 1]  # Tháng hành động vì trẻ em: 1-30/6
    assert mdates.num2date(month.get_x()).date() == dt.date(2024, 6, 1) and month.get_width() == 30
    (as_of,) = by_gid(ax, "treem-as-of")
    assert mdates.num2date(as_of.get_xdata()[0]).date() == dt.date(2024, 6, 15)
    draw_strictly(ax)
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"T{m}" for m in range(1, 13)]


def test_calendar_in_english():
    ax = plot.calendar(treem.Plan.son_ha_2024(), lang="en")
    labels = [t.get_text() for t in ax.texts]
    assert "before 31/05: Six-month report" in labels
    assert "17/09: Mid-Autumn Festival (lunar date)" in labels  # 15/8 lunar of 2024
    assert ax.get_title() == "The plan's calendar, 2024"
    draw_strictly(ax)
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["Jan", "Feb", "Mar"]


def test_calendar_of_one_agency():
    # The communes' People's Committees: the reports they send, the Action Month and Mid-Autumn.
    ax = plot.calendar(treem.Plan.son_ha_2024(), agency="ubnd_xa", lang="en")
    labels = [t.get_text() for t in ax.texts]
    assert "before 10/12: District's report on the plan to the province" not in labels
    assert "before 30/11: Annual report" in labels


# --------------------------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------------------------

def test_a_missing_glyph_would_be_caught():
    """draw_strictly is able to fail: a character the default font lacks raises."""
    fig, ax = plt.subplots()
    ax.set_title("漢")
    with pytest.raises(UserWarning, match="missing from font"):
        draw_strictly(ax)


def test_every_vietnamese_letter_renders():
    letters = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
    fig, ax = plt.subplots()
    ax.set_title(letters + letters.lower())
    draw_strictly(ax)
