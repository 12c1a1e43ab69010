import datetime as dt

import numpy as np
import pandas as pd
import pytest

import treem
from treem import PartialDate, Period


def test_parse_both_written_forms():
    assert treem.parse_date("17/09/2024") == dt.date(2024, 9, 17)
    assert treem.parse_date("1/6/2024") == dt.date(2024, 6, 1)
    assert treem.parse_date("2024-09-17") == dt.date(2024, 9, 17)


def test_format_both_ways():
    assert treem.format_date(dt.date(2024, 6, 1)) == "01/06/2024"
    assert treem.format_date(dt.date(2024, 6, 1), "iso") == "2024-06-01"
    with pytest.raises(ValueError):
        treem.format_date(dt.date(2024, 6, 1), "us")


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("31/02/2024", 1, "day 31 does not exist in February 2024 (it has 29 days)"),
        ("15/13/2024", 4, "month 13 is not 1-12"),
        ("2024-02-30", 9, "day 30 does not exist in February 2024"),
        ("17/09/24", 7, "four-digit year"),
        ("", 1, "empty date"),
    ],
)
def test_bad_dates_raise_located_parse_errors(text, column, message):
    with pytest.raises(treem.ParseError) as info:
        treem.parse_date(text)
    err = info.value
    assert isinstance(err, ValueError) and isinstance(err, treem.TreemError)
    assert err.column == column
    assert message in str(err)
    assert str(err).startswith(f"<date>:1:{column}: ")


def test_to_date_accepts_common_python_values():
    assert treem.to_date(dt.datetime(2024, 6, 1)) == dt.date(2024, 6, 1)
    assert treem.to_date(pd.Timestamp("2024-06-01")) == dt.date(2024, 6, 1)
    assert treem.to_date(np.datetime64("2024-06-01")) == dt.date(2024, 6, 1)
    assert treem.to_date("01/06/2024") == dt.date(2024, 6, 1)
    with pytest.raises(treem.ValidationError, match="time of day"):
        treem.to_date(dt.datetime(2024, 6, 1, 8, 30))
    with pytest.raises(treem.ValidationError, match="NaT"):
        treem.to_date(np.datetime64("NaT"))


def test_core_rejects_datetimes_with_a_time():
    # The compiled core never drops a time of day silently.
    with pytest.raises(TypeError):
        treem._core.format_date_vn(dt.datetime(2024, 6, 1, 8, 30))
    assert treem._core.format_date_vn(dt.datetime(2024, 6, 1)) == "01/06/2024"


def test_partial_date_of_the_seed_plan():
    d = PartialDate.parse("ngày   tháng 4 năm 2024")
    assert (d.year, d.month, d.day) == (2024, 4, None)
    assert d.precision == "month"
    assert not d.is_complete
    assert d.first_day == dt.date(2024, 4, 1)
    assert d.last_day == dt.date(2024, 4, 30)
    assert d.contains(dt.date(2024, 4, 9))
    assert str(d) == "04/2024"
    assert repr(d) == "PartialDate('04/2024')"
    assert d.to_vietnamese() == "tháng 4 năm 2024"
    assert d == PartialDate(2024, 4)
    assert len({d, PartialDate(2024, month=4)}) == 1
    with pytest.raises(treem.ValidationError):
        d.to_date()


def test_partial_date_from_full_date_and_errors():
    assert PartialDate(dt.date(2024, 6, 1)).to_iso() == "2024-06-01"
    with pytest.raises(treem.ValidationError):
        PartialDate(2024, day=5)
    with pytest.raises(treem.ParseError):
        PartialDate.parse("ngày 5 năm 2024")


def test_periods():
    s1 = Period.parse("2024S1")
    assert (s1.type, s1.year, s1.index) == ("six_month", 2024, 1)
    assert (s1.start, s1.end) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    assert len(s1) == 182
    assert s1.days()[-1] == dt.date(2024, 6, 30)
    assert dt.date(2024, 6, 30) in s1
    assert Period.parse("2024Q2") in s1
    assert s1.vietnamese_label == "6 tháng đầu năm 2024"
    assert Period.statistical_six_month(2024) == s1
    assert Period.parse("2024Q4").next() == Period.parse("2025Q1")
    assert Period.parse("202401").previous().iso == "202312"
    assert Period(type="month", year=2024, index=2).end == dt.date(2024, 2, 29)
    assert Period.containing("quarter", dt.date(2024, 8, 15)) == Period.parse("2024Q3")
    assert repr(Period.parse("20240601")) == "Period('20240601')"
    assert sorted([Period.parse("2024"), Period.parse("202401")]) == [Period.parse("202401"), Period.parse("2024")]
    assert {Period.parse("2024"): 1}[Period(type="year", year=2024)] == 1


@pytest.mark.parametrize("text", ["2024S3", "2024Q5", "24", "2024-06", "202413", "20230229", "2024W1"])
def test_bad_periods(text):
    with pytest.raises(treem.ParseError):
        Period.parse(text)


def test_bad_period_arguments():
    with pytest.raises(treem.ValidationError, match="not one of day, month"):
        Period(type="week", year=2024)
    with pytest.raises(treem.ValidationError, match="quarter index 5"):
        Period(type="quarter", year=2024, index=5)


def test_missing_values_are_validation_errors():
    with pytest.raises(treem.ValidationError, match="missing"):
        treem.to_date(pd.NaT)
    with pytest.raises(treem.ValidationError, match="missing"):
        treem.to_date(None)


def test_periods_and_partial_dates_pickle():
    import pickle

    for value in (Period.parse("2024S1"), Period.parse("20240229"), PartialDate(2024, 4), PartialDate(2024)):
        assert pickle.loads(pickle.dumps(value)) == value


def test_period_boundaries_are_treem_errors():
    with pytest.raises(treem.ValidationError):
        Period.parse("99991231").next()
    with pytest.raises(treem.ValidationError):
        Period(type="day", year=2024, index=0)
    assert Period(type="year", year=2024, index=7) == Period.parse("2024")
