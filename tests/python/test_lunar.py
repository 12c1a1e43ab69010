import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import treem
from treem import LunarDate

# DOMAIN.md §9.3: Tết, Trung thu and the leap month of each lunar year.
TABLE = [
    (2023, dt.date(2023, 1, 22), dt.date(2023, 9, 29), 2),
    (2024, dt.date(2024, 2, 10), dt.date(2024, 9, 17), 0),
    (2025, dt.date(2025, 1, 29), dt.date(2025, 10, 6), 6),
    (2026, dt.date(2026, 2, 17), dt.date(2026, 9, 25), 0),
    (2027, dt.date(2027, 2, 6), dt.date(2027, 9, 15), 0),
    (2028, dt.date(2028, 1, 26), dt.date(2028, 10, 3), 5),
    (2029, dt.date(2029, 2, 13), dt.date(2029, 9, 22), 0),
    (2030, dt.date(2030, 2, 2), dt.date(2030, 9, 12), 0),
]


@pytest.mark.parametrize(("year", "tet", "trung_thu", "leap"), TABLE)
def test_domain_table(year, tet, trung_thu, leap):
    assert treem.tet(year) == tet
    assert treem.trung_thu(year) == trung_thu
    assert treem.leap_month(year) == leap
    assert treem.to_lunar(tet) == LunarDate(day=1, month=1, year=year)


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [(1985, dt.date(1985, 1, 21), dt.date(1985, 2, 20)), (2007, dt.date(2007, 2, 17), dt.date(2007, 2, 18)),
     (2030, dt.date(2030, 2, 2), dt.date(2030, 2, 3))],
)
def test_vietnam_and_china_differ(year, vietnam, china):
    assert treem.tet(year) == vietnam
    assert treem.tet(year, time_zone=8.0) == china


def test_leap_month_and_notices():
    assert treem.from_lunar(LunarDate(1, 2, 2023, leap=True)) == dt.date(2023, 3, 22)
    assert str(treem.to_lunar(dt.date(2025, 7, 25))) == "1/6 nhuận/2025"
    # Thông báo 5015/TB-LĐTBXH: 08/02/2024 "tức ngày 29 tháng Chạp năm Quý Mão".
    assert treem.to_lunar("08/02/2024") == LunarDate(29, 12, 2023)
    assert treem.month_length(12, 2024) == 29
    assert repr(LunarDate(15, 8, 2024)) == "LunarDate(day=15, month=8, year=2024, leap=False)"


def test_nonexistent_lunar_dates():
    with pytest.raises(treem.ValidationError, match="has 29 days, not 30"):
        treem.from_lunar(LunarDate(30, 12, 2024))
    with pytest.raises(treem.ValidationError, match="no leap month 3"):
        treem.from_lunar(LunarDate(1, 3, 2023, leap=True))
    with pytest.raises(treem.ValidationError, match="1800-2199"):
        treem.to_lunar(dt.date(1700, 1, 1))


def test_arrays_and_series_match_scalars():
    days = np.arange("2023-01-01", "2025-12-31", dtype="datetime64[D]")
    frame = treem.to_lunar(days)
    assert list(frame.columns) == ["day", "month", "year", "leap"]
    assert len(frame) == len(days)
    for i in range(0, len(days), 97):
        scalar = treem.to_lunar(days[i])
        assert tuple(frame.iloc[i]) == (scalar.day, scalar.month, scalar.year, scalar.leap)
    # Leap month 2 of 2023 spans 22/03-19/04/2023: 29 days flagged leap in that range.
    in_2023 = frame[(days >= np.datetime64("2023-03-22")) & (days <= np.datetime64("2023-04-19"))]
    assert in_2023["leap"].all() and (in_2023["month"] == 2).all()
    series = pd.Series(pd.to_datetime(["2024-09-17", "2024-02-10"]), index=["trung_thu", "tet"])
    out = treem.to_lunar(series)
    assert list(out.index) == ["trung_thu", "tet"]
    assert out.loc["trung_thu", "day"] == 15 and out.loc["tet", "month"] == 1


def test_arrays_with_missing_dates_are_rejected():
    with pytest.raises(treem.ValidationError, match="position 1"):
        treem.to_lunar(np.array(["2024-01-01", "NaT"], dtype="datetime64[D]"))


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1800, 2, 1), max_value=dt.date(2199, 12, 31)))
def test_round_trip(day):
    lunar = treem.to_lunar(day)
    assert 1 <= lunar.day <= treem.month_length(lunar.month, lunar.year, lunar.leap)
    assert treem.from_lunar(lunar) == day


def test_lunar_date_values():
    assert LunarDate(15, 8, 2024) != None  # noqa: E711  (compares, does not raise)
    assert LunarDate(15, 8, 2024) not in [None, "15/8/2024"]
    with pytest.raises(treem.ValidationError):
        LunarDate(31, 8, 2024)
    with pytest.raises(treem.ValidationError):
        LunarDate(1, 13, 2024)


def test_empty_arrays():
    frame = treem.to_lunar(np.array([], dtype="datetime64[D]"))
    assert len(frame) == 0 and list(frame.columns) == ["day", "month", "year", "leap"]
    assert treem.to_lunar([]).empty
