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
    for command in ("demo", "units", "merger", "lunar", "solar", "holidays", "workdays"):
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
