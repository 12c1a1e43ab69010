"""treem's days off against an independent calendar, the `holidays` package, day by day.

Every day where the two differ must be listed, with its reason, in
data/calendar/vn-public-holidays-peer.toml; a listed day that no longer differs fails too, so the
list stays the exact record of where and why they disagree.
"""

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

holidays = pytest.importorskip("holidays", minversion="0.109")  # the version the list was made with
tomllib = pytest.importorskip("tomllib")  # Python 3.11+

PEER_FILE = Path(__file__).resolve().parents[2] / "data" / "calendar" / "vn-public-holidays-peer.toml"
CULTURE_DAY = "ngay_van_hoa_viet_nam"


@pytest.fixture(scope="module")
def listed() -> dict:
    with open(PEER_FILE, "rb") as f:
        return tomllib.load(f)


def years(listed: dict) -> range:
    # 2021-2030: treem's data starts in 2021 (the Labour Code 2019, with its second National Day
    # holiday), and 2030 ends its planning horizon (the 2021-2030 programmes, DOMAIN.md §5) and the
    # lunar years DOMAIN.md §9.3 checks. Later years would only repeat the two calendars' defaults.
    return range(listed["first_year"], listed["last_year"] + 1)


def treem_off(calendar, span: range) -> dict[dt.date, bool]:
    days = np.arange(f"{span.start}-01-01", f"{span.stop}-01-01", dtype="datetime64[D]")
    working = calendar.is_working_day(days)
    return {d.item(): not w for d, w in zip(days, working)}


def peer_off(span: range) -> dict[dt.date, bool]:
    peer = holidays.country_holidays("VN", years=span)
    day, end = dt.date(span.start, 1, 1), dt.date(span.stop, 1, 1)
    out = {}
    while day < end:
        out[day] = not peer.is_working_day(day)
        day += dt.timedelta(days=1)
    return out


def differences(calendar, span: range) -> dict[dt.date, tuple[bool, bool]]:
    ours, theirs = treem_off(calendar, span), peer_off(span)
    return {d: (ours[d], theirs[d]) for d in ours if ours[d] != theirs[d]}


def side(off: bool) -> str:
    return "off" if off else "working"


def mismatch_report(found: dict, entries: list[dict]) -> list[str]:
    """Lines for differences not listed (or listed the other way round) and for stale entries."""
    expected = {e["date"]: (e["treem"], e["peer"]) for e in entries}
    lines = [f"not listed: {d} treem {side(t)}, peer {side(p)}"
             for d, (t, p) in sorted(found.items()) if expected.get(d) != (t, p)]
    lines += [f"stale (no longer differs this way): {d} treem {side(t)}, peer {side(p)}"
              for d, (t, p) in sorted(expected.items()) if found.get(d) != (t, p)]
    return lines


def test_the_list_is_well_formed(listed):
    assert listed["schema"] == "treem.holidays-peer/1" and listed["peer"] == "holidays"
    entries = listed["difference"]
    dates = [e["date"] for e in entries]
    assert len(dates) == len(set(dates)), "a date is listed twice"
    for e in entries:
        assert isinstance(e["date"], dt.date) and e["date"].year in years(listed), e
        assert e["treem"] != e["peer"], f"{e['date']}: both sides the same is no difference"
        assert e.get("reason", "").strip() and e.get("source", "").strip(), f"{e['date']}: a difference needs a reason and a source"


def test_every_difference_with_the_peer_is_listed(calendar, listed):
    found = differences(calendar, years(listed))
    problems = mismatch_report(found, listed["difference"])
    assert not problems, (
        f"treem and holidays {holidays.__version__} differ where {PEER_FILE.name} does not say so:\n"
        + "\n".join(problems))


def test_both_have_the_culture_day(calendar, listed):
    # With 24/11 switched off in treem, the new differences are exactly the culture days (and their
    # days in lieu) of 2026-2030 that the package has: the two calendars agree on the day itself.
    span = years(listed)
    without = calendar.with_enabled(CULTURE_DAY, False)
    culture = {d.date for y in span for d in calendar.days_off(y) if d.holiday_id == CULTURE_DAY}
    weekdays = {d for d in culture if d.weekday() < 5}
    assert {dt.date(2026, 11, 24), dt.date(2029, 11, 26), dt.date(2030, 11, 25)} <= weekdays
    new = set(differences(without, span)) - set(differences(calendar, span))
    assert new == weekdays
