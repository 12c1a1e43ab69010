import datetime as dt

import icalendar
import numpy as np
import pandas as pd
import pytest

import treem

D = dt.date
PLAN = treem.Plan.son_ha_2024()


def test_plan_basics():
    assert repr(PLAN) == "Plan(id='son-ha-2024', year=2024, 48 tasks, 24 agencies)"
    assert PLAN.document.date == treem.PartialDate(2024, 4)
    assert [s.label for s in PLAN.section("IV").sections][:5] == ["1", "2", "3", "4", "6"]
    assert PLAN.section("IV.13").mode == "request"
    assert PLAN.agency("huyen_doan").relation == "requested"


def test_round_trip(tmp_path):
    text = PLAN.to_toml()
    assert treem.Plan.from_toml(text) == PLAN
    path = tmp_path / "plan.toml"
    PLAN.save(path)
    assert treem.Plan.from_file(path) == PLAN


def test_responsibility_matrix():
    long = PLAN.responsibility_matrix()
    assert list(long.columns) == ["task", "agency", "role"]
    assert len(long) == sum(len(t.links) for t in PLAN.tasks())
    wide = PLAN.responsibility_matrix(wide=True)
    assert wide.loc["huyen_doan", "IV.2.b"] == "lead"
    assert wide.loc["phong_gddt", "IV.2.b"] == "coordinating"
    assert wide.loc["huyen_doan", "IV.13.a"] == "requested"
    assert wide.loc["phong_yte", "IV.1.a"] == ""
    assert list(wide.columns[:3]) == ["II.5.a", "II.5.b", "IV.1.a"]
    assert [t.path for t in PLAN.tasks_without_lead()] == ["IV.2.a", "IV.6", "IV.10.a", "IV.10.c", "IV.18.a"]
    assert [t.path for t in PLAN.tasks_of("huyen_doan", role="requested")] == ["IV.13.a", "IV.13.b"]
    with pytest.raises(treem.ValidationError):
        PLAN.tasks_of("huyen_doan", role="boss")
    with pytest.raises(treem.NotFoundError):
        PLAN.tasks_of("no_such_agency")


def test_calendar_frame():
    cal = PLAN.calendar()
    assert list(cal["id"]) == ["tet_nguyen_dan", "bao_cao_6_thang", "ngay_quoc_te_thieu_nhi", "thang_hanh_dong",
                               "ngay_gia_dinh_viet_nam", "tet_trung_thu", "bao_cao_ca_nam", "bao_cao_huyen_gui_tinh"]
    assert cal.loc[cal["id"] == "tet_trung_thu", "start"].item() == pd.Timestamp("2024-09-17")
    assert cal["start"].dtype == np.dtype("datetime64[ns]") or str(cal["start"].dtype).startswith("datetime64")
    june = PLAN.calendar(start="15/06/2024", end=D(2024, 6, 30))
    assert list(june["id"]) == ["thang_hanh_dong", "ngay_gia_dinh_viet_nam"]
    assert [e.id for e in PLAN.undated_events()] == ["dien_dan_tre_em", "ngay_toan_dan_dua_tre_den_truong"]


def test_icalendar_parses_with_a_real_parser(tmp_path):
    path = tmp_path / "son-ha.ics"
    text = PLAN.to_icalendar(path, dtstamp=dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc))
    assert path.read_text(encoding="utf-8").replace("\r\n", "\n") == text.replace("\r\n", "\n")
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == 8
    by_uid = {str(e["UID"]): e for e in events}
    month = by_uid["thang_hanh_dong.2024@son-ha-2024.treem"]
    assert month.decoded("DTSTART") == D(2024, 6, 1)
    assert month.decoded("DTEND") == D(2024, 7, 1)  # exclusive end of an all-day event
    assert str(month["SUMMARY"]) == "Tháng hành động vì trẻ em năm 2024"
    assert "Hành động thiết thực, ưu tiên nguồn lực cho trẻ em" in str(month["DESCRIPTION"])
    deadline = by_uid["bao_cao_6_thang.2024@son-ha-2024.treem"]
    assert str(deadline["SUMMARY"]) == "Hạn báo cáo: Báo cáo kết quả thực hiện định kỳ 6 tháng"
    assert deadline.decoded("DTSTART") == D(2024, 5, 30)  # "trước ngày 31/5": the last day on time
    assert by_uid["tet_trung_thu.2024@son-ha-2024.treem"].decoded("DTSTART") == D(2024, 9, 17)


def test_submission_status_from_a_dataframe():
    submissions = pd.DataFrame({
        "submitter": ["phong_gddt", "phong_yte", "21292"],
        "report": ["bao_cao_6_thang"] * 3,
        "date": ["20/05/2024", "31/05/2024", "30/05/2024"],
    })
    status = PLAN.submission_status(submissions, as_of="15/06/2024")
    assert len(status) == 32 + 32 + 1
    six = status[status["report"] == "bao_cao_6_thang"].set_index("submitter")
    assert six.loc["phong_gddt", "state"] == "on_time"
    assert (six.loc["phong_yte", "state"], six.loc["phong_yte", "days_late"]) == ("late", 1)
    assert six.loc["21292", "submitter_name"] == "Xã Sơn Hạ"
    assert (six.loc["21295", "state"], six.loc["21295", "days_late"]) == ("missing", 16)
    assert status["state"].value_counts()["not_yet_due"] == 33
    overdue = PLAN.overdue(submissions, as_of="15/06/2024")
    assert len(overdue) == 29 and (overdue["state"] == "missing").all()


def test_submission_errors_name_the_row():
    bad = pd.DataFrame({"submitter": ["phong_gddt", "so_ldtbxh"], "report": ["bao_cao_6_thang"] * 2,
                        "date": ["20/05/2024", "21/05/2024"]})
    with pytest.raises(treem.ValidationError) as info:
        PLAN.submission_status(bad, as_of=D(2024, 6, 15), source="nop.csv")
    assert str(info.value) == "nop.csv:3: submitter: 'so_ldtbxh' is not expected to send report 'bao_cao_6_thang'"
    with pytest.raises(treem.ValidationError, match="submitter: the column is missing"):
        PLAN.submission_status(pd.DataFrame({"who": []}), as_of=D(2024, 6, 15))


def test_another_plan_loads_through_the_same_path():
    plan = treem.Plan.from_file(__import__("pathlib").Path(__file__).resolve().parents[1] / "data/plan-an-lac-2025.toml")
    assert plan.year == 2025 and len(plan.tasks()) == 3
    assert plan.calendar().loc[0, "start"] == pd.Timestamp("2025-10-06")  # Trung thu 2025 (DOMAIN.md §9.3)


@pytest.mark.parametrize(
    ("find", "replace", "message"),
    [
        ('agency = "huyen_doan", role', 'agency = "nobody", role', "unknown agency 'nobody'"),
        ('due = 2025-12-15', 'due = 2026-12-15', "outside the plan year 2025"),
        ('label = "b"', 'label = "f"', "'f' is not a Vietnamese letter"),
    ],
)
def test_malformed_plans_raise_located_errors(tmp_path, find, replace, message):
    source = (__import__("pathlib").Path(__file__).resolve().parents[1] / "data/plan-an-lac-2025.toml").read_text(encoding="utf-8")
    path = tmp_path / "bad.toml"
    path.write_text(source.replace(find, replace, 1), encoding="utf-8")
    with pytest.raises(treem.ValidationError) as info:
        treem.Plan.from_file(path)
    assert str(info.value).startswith(f"{path}:") and message in str(info.value)
    assert info.value.line is not None and info.value.column is not None
