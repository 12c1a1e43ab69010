import datetime as dt

import numpy as np
import pandas as pd
import pytest

import treem

D = dt.date


def test_2024_days_off(calendar):
    # Thông báo 5015/TB-LĐTBXH and Công văn 2450/VPCP-KGVX; see data/calendar/vn-public-holidays.toml.
    expected = [D(2024, 1, 1)] + [D(2024, 2, d) for d in range(8, 15)] + [
        D(2024, 4, 18), D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 1), D(2024, 9, 2), D(2024, 9, 3)]
    assert [d.date for d in calendar.days_off(2024)] == expected
    swapped = calendar.day_off_on(D(2024, 4, 29))
    assert swapped.kind == "swapped" and swapped.holiday_id == ""
    assert calendar.is_working_day(D(2024, 5, 4))  # the made-up Saturday
    assert calendar.day_off_on(D(2024, 6, 3)) is None


def test_working_day_arithmetic_across_tet(calendar):
    # Received Monday 05/02/2024: Tue 06 (1), Wed 07 (2), Tết 08-14, Thu 15 (3), Fri 16 (4), Mon 19 (5).
    assert calendar.add_working_days(D(2024, 2, 5), 5) == D(2024, 2, 19)
    assert calendar.add_working_days("05/02/2024", 5) == D(2024, 2, 19)
    assert calendar.add_working_days(D(2024, 2, 15), -1) == D(2024, 2, 7)
    assert calendar.working_days_between(D(2024, 5, 31), D(2024, 6, 30)) == 20
    # 262 weekdays in 2024, 12 of them days off, plus the working Saturday 04/05.
    assert calendar.working_days_between(D(2023, 12, 31), D(2024, 12, 31)) == 251


def test_vectorised_forms_match_scalars(calendar):
    days = np.arange("2024-01-01", "2025-01-01", dtype="datetime64[D]")
    flags = calendar.is_working_day(days)
    assert flags.dtype == bool and flags.sum() == 251
    due = calendar.add_working_days(days, 5)
    assert due.dtype == np.dtype("datetime64[D]")
    for i in range(0, len(days), 11):
        assert due[i] == np.datetime64(calendar.add_working_days(days[i], 5))
        assert flags[i] == calendar.is_working_day(days[i])
    series = pd.Series(pd.to_datetime(["2024-02-05", "2024-02-07"]), index=["a", "b"], name="received")
    out = calendar.add_working_days(series, 5)
    assert list(out.index) == ["a", "b"] and out.name == "received"
    assert out["a"] == np.datetime64("2024-02-19")


def test_days_in_lieu_and_defaults(calendar):
    lieu = calendar.day_off_on(D(2026, 4, 27))  # Giỗ Tổ on Sunday 26/04/2026
    assert (lieu.kind, lieu.holiday_id) == ("in_lieu", "gio_to_hung_vuong")
    assert calendar.day_off_on(D(2027, 2, 5)).status == "unconfirmed"  # no decision for 2027 yet
    assert calendar.day_off_on(D(2026, 2, 16)).status == "confirmed"


def test_2026_days_off(calendar):
    # Công văn 12729/VPCP-KGVX, Thông báo 9441/TB-BNV, Nghị quyết 28/2026/QH16; see the data file.
    expected = [D(2026, 1, 1), D(2026, 1, 2)] + [D(2026, 2, d) for d in range(16, 21)] + [
        D(2026, 4, 26), D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1),
        D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2), D(2026, 11, 24)]
    assert [d.date for d in calendar.days_off(2026)] == expected
    assert calendar.day_off_on(D(2026, 8, 31)).kind == "swapped"
    assert calendar.is_working_day(D(2026, 8, 22))  # the made-up Saturday
    assert calendar.is_working_day(D(2026, 9, 3))


def test_culture_day_from_july_2026(calendar):
    culture_day = calendar.day_off_on(D(2026, 11, 24))
    assert (culture_day.holiday_id, culture_day.status) == ("ngay_van_hoa_viet_nam", "confirmed")
    assert calendar.is_working_day(D(2025, 11, 24))
    assert calendar.day_off_on(D(2029, 11, 26)).kind == "in_lieu"  # 24/11/2029 is a Saturday
    without = calendar.with_enabled("ngay_van_hoa_viet_nam", False)
    assert without.is_working_day(D(2026, 11, 24))
    with pytest.raises(treem.NotFoundError):
        calendar.with_enabled("no_such_day")


def test_frame(calendar):
    frame = calendar.days_off_frame(2024)
    assert list(frame.columns) == ["date", "holiday_id", "name_vi", "kind", "status", "source"]
    assert len(frame) == 14
    assert frame.loc[frame["date"] == pd.Timestamp("2024-04-18"), "name_vi"].item() == "Giỗ Tổ Hùng Vương"


def test_years_outside_the_data(calendar):
    with pytest.raises(treem.ValidationError, match="2020 is outside the years the holiday data covers"):
        calendar.days_off(2020)


def test_loading_files_reports_locations(tmp_path):
    good = tmp_path / "h.toml"
    good.write_text(
        'schema = "treem.holidays/1"\nid = "x"\nversion = "1"\nfirst_year = 2030\nlast_year = 2031\n'
        '[[holiday]]\nid = "a"\nname_vi = "A"\ncalendar = "solar"\nmonth = 5\nday = 4\nstatus = "confirmed"\nsource = "s"\n',
        encoding="utf-8",
    )
    cal = treem.HolidayCalendar.from_file(good)
    assert [d.date for d in cal.days_off(2030)] == [D(2030, 5, 4)]  # no [in_lieu] table: no days in lieu
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('calendar = "solar"', 'calendar = "julian"'), encoding="utf-8")
    with pytest.raises(treem.ValidationError) as info:
        treem.HolidayCalendar.from_file(bad)
    assert str(info.value).startswith(f"{bad}:9:12: holiday[0].calendar: 'julian' is not")
    assert (info.value.line, info.value.column, info.value.field) == (9, 12, "holiday[0].calendar")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b'schema = "treem.holidays/1"\nid = "\xff"\n')
    with pytest.raises(treem.ParseError, match=r"binary.toml:2:7: the file is not valid UTF-8"):
        treem.HolidayCalendar.from_file(binary)
