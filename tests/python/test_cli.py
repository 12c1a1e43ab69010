"""The installed `treem` program, as a user or a CI pipeline runs it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import treem

# pip installs the program next to the interpreter of the environment.
PROGRAM = shutil.which("treem", path=str(Path(sys.executable).parent)) or shutil.which("treem")


def run(*args: str) -> subprocess.CompletedProcess:
    assert PROGRAM, "the treem program is not installed"
    return subprocess.run([PROGRAM, *args], capture_output=True, text=True, encoding="utf-8", timeout=60,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})


def test_version_matches_the_package():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"treem {treem.__version__}"


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("demo", "plan", "certify", "rules", "units", "merger", "lunar", "solar", "holidays", "workdays"):
        assert command in result.stdout


def test_demo_shows_son_ha_and_2024():
    result = run("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "14 units valid on 31/12/2024" in out
    assert "Thị trấn Di Lăng" in out and "Xã Sơn Ba" in out
    assert "Nghị quyết 1677/NQ-UBTVQH15, effective 01/07/2025" in out
    assert "Xã Sơn Kỳ    Xã Sơn Ba (21328) + Xã Sơn Kỳ (21325)" in out
    assert "10/02/2024" in out and "17/09/2024" in out and "18/04/2024" in out
    assert "01/06/2024 – 30/06/2024, 20 working days" in out
    assert "251 working days" in out
    assert "Child statistics 2024" in out and "special_circumstances_supported_share" in out and "< 550.0" in out


def test_calendar_commands():
    assert run("lunar", "17/09/2024").stdout.strip() == "17/09/2024 (Thứ Ba) = 15/8/2024 âm lịch"
    assert run("lunar", "2030-02-02", "--time-zone", "8").stdout.strip() == "02/02/2030 (Thứ Bảy) = 30/12/2029 âm lịch"
    assert run("solar", "1", "2", "2023", "--leap").stdout.strip() == "1/2 nhuận/2023 âm lịch = 22/03/2023 (Thứ Tư)"
    assert run("workdays", "add", "05/02/2024", "5").stdout.strip() == "05/02/2024 + 5 ngày làm việc = 19/02/2024 (Thứ Hai)"
    assert run("workdays", "between", "31/05/2024", "30/06/2024").stdout.strip() == "20"
    holidays = run("holidays", "2024")
    assert holidays.returncode == 0 and holidays.stdout.count("\n") == 16  # title, header, 14 days


def test_units_on_a_date():
    result = run("units", "--on", "2025-07-01", "--tier", "commune")
    assert result.returncode == 0
    assert "5 units valid on 01/07/2025" in result.stdout
    assert "Xã Sơn Hà" in result.stdout and "Thị trấn Di Lăng" not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lunar", "31/02/2024"], "treem: error: <argument date>:1:1: '31/02/2024': day 31 does not exist in February 2024"),
        (["solar", "30", "12", "2024"], "lunar month 12 of 2024 has 29 days, not 30"),
        (["holidays", "2019"], "2019 is outside the years the holiday data covers (2021-2199)"),
        (["units", "--tier", "hamlet"], "'hamlet' is not province, district, commune or village"),
        (["units", "--on", "2024-13-01"], "<argument --on>:1:6: '2024-13-01': month 13 is not 1-12"),
    ],
)
def test_invalid_input_exits_2_with_one_located_error_and_no_output(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_usage_errors_exit_2():
    assert run().returncode == 2
    assert run("no-such-command").returncode == 2
    assert run("lunar").returncode == 2


# ---- treem plan ------------------------------------------------------------------------------

import json  # noqa: E402

import icalendar  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


def test_plan_show_text_and_json():
    text = run("plan", "show")
    assert text.returncode == 0, text.stderr
    assert "48 tasks; 5 without a lead: IV.2.a IV.6 IV.10.a IV.10.c IV.18.a" in text.stdout
    assert "Số: /KH-UBND · Sơn Hà, ngày tháng 4 năm 2024" in text.stdout
    data = json.loads(run("plan", "show", "--json").stdout)
    assert data["id"] == "son-ha-2024" and len(data["tasks"]) == 48
    ldtbxh = next(a for a in data["agencies"] if a["id"] == "phong_ldtbxh")
    assert (ldtbxh["lead"], ldtbxh["coordinating"], ldtbxh["requested"]) == (9, 0, 0)
    assert data["reports"][0]["last_on_time_day"] == "2024-05-30"
    tasks = json.loads(run("plan", "show", "--agency", "huyen_doan", "--json").stdout)["tasks"]
    assert [t["path"] for t in tasks] == ["IV.2.b", "IV.13.a", "IV.13.b"]


def test_plan_calendar_outputs(tmp_path):
    ics = tmp_path / "lich.ics"
    result = run("plan", "calendar", "--ics", str(ics), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [e["start"] for e in data["entries"]][:2] == ["2024-02-10", "2024-05-30"]
    assert [e["id"] for e in data["undated"]] == ["dien_dan_tre_em", "ngay_toan_dan_dua_tre_den_truong"]
    events = [c for c in icalendar.Calendar.from_ical(ics.read_bytes()).walk() if c.name == "VEVENT"]
    assert len(events) == 8
    csv_out = run("plan", "calendar", "--csv", "--agency", "ubnd_tinh").stdout.splitlines()
    assert csv_out[0] == "start,end,kind,id,name,detail,agencies,lunar,source"
    assert csv_out[1].startswith("2024-12-09,2024-12-09,deadline,bao_cao_huyen_gui_tinh,")
    assert len(csv_out) == 2


def test_plan_status_from_csv(tmp_path):
    submissions = tmp_path / "nop.csv"
    submissions.write_text("\ufeffsubmitter,report,date\nphong_yte,bao_cao_6_thang,31/05/2024\n21292,bao_cao_6_thang,2024-05-30\n",
                           encoding="utf-8")
    result = run("plan", "status", "--as-of", "15/06/2024", "--submissions", str(submissions), "--json")
    assert result.returncode == 0, result.stderr
    rows = {(r["report"], r["submitter"]): r for r in json.loads(result.stdout)["statuses"]}
    assert rows[("bao_cao_6_thang", "phong_yte")]["state"] == "late"
    assert rows[("bao_cao_6_thang", "21292")]["state"] == "on_time"
    assert rows[("bao_cao_6_thang", "21295")]["days_late"] == 16
    overdue = run("plan", "status", "--as-of", "15/06/2024", "--submissions", str(submissions), "--overdue", "--csv").stdout
    assert len(overdue.splitlines()) == 1 + 30


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("submitter,report,date\nphong_yte,bao_cao_6_thang,31/02/2024\n", "nop.csv:2:3: date: not a calendar date"),
        ("submitter,report,date\nso_ldtbxh,bao_cao_6_thang,20/05/2024\n", "nop.csv:2: submitter: 'so_ldtbxh' is not expected"),
        ("submitter,report,date\nphong_yte,bao_cao_quy,20/05/2024\n", "nop.csv:2: report: unknown report 'bao_cao_quy'"),
        ("submitter,report\nphong_yte,bao_cao_6_thang\n", "nop.csv:1: date: the column is missing"),
        ("submitter,report,date\nphong_yte,\"bao_cao_6_thang,20/05/2024\n", "nop.csv:2:2: CSV: a quoted field opened here is not closed before the end of the file"),
        ("submitter,report,date\n\nphong_yte,bao_cao_6_thang,31/13/2024\n", "nop.csv:3:3: date: not a calendar date"),
        ("submitter,report,date,note\nphong_gddt,bao_cao_6_thang,20/05/2024,\"two\nlines\"\nphong_yte,bao_cao_6_thang,x,\n",
         "nop.csv:4:3: date: not a calendar date"),
    ],
)
def test_plan_status_bad_submissions(tmp_path, content, message):
    path = tmp_path / "nop.csv"
    path.write_text(content, encoding="utf-8")
    result = run("plan", "status", "--as-of", "15/06/2024", "--submissions", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert message.replace("nop.csv", str(path)) in result.stderr


def test_plan_from_file_and_located_errors(tmp_path):
    good = run("plan", "calendar", "--plan", str(DATA / "plan-an-lac-2025.toml"), "--csv").stdout.splitlines()
    assert good[1].startswith("2025-10-06,2025-10-06,event,trung_thu,")
    bad = tmp_path / "bad.toml"
    bad.write_text((DATA / "plan-an-lac-2025.toml").read_text(encoding="utf-8").replace('due = 2025-12-15', 'due = 2026-12-15'),
                   encoding="utf-8")
    result = run("plan", "show", "--plan", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    assert f"{bad}:79:7: report[0].due: 15/12/2026 is outside the plan year 2025" in result.stderr


def test_failed_commands_leave_no_files(tmp_path):
    target = tmp_path / "missing-dir" / "lich.ics"
    result = run("plan", "calendar", "--ics", str(target))
    assert result.returncode == 2 and result.stdout == ""
    assert not target.exists()
    ics = tmp_path / "lich.ics"
    result = run("plan", "calendar", "--ics", str(ics), "--from", "31/13/2024")
    assert result.returncode == 2 and not ics.exists()
