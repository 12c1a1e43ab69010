"""A corpus of malformed child registers: each gives one located error, exit 2, and no child data
(names, ids or values) in the message; the lenient reading lists the same problem."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import treem

PROGRAM = shutil.which("treem", path=str(Path(sys.executable).parent)) or shutil.which("treem")
HEADER = "id,ho_ten,unit,sex,birth_date,ethnicity,special_groups,enrolled"
GOOD = "TE-SECRET-1,Nguyễn Văn A,21292,Nam,05/03/2015,H're,a,có"
NAME = "Nguyễn Văn A"


def body(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


CASES = [
    ("missing id column", body("x,21292,Nam,05/03/2015,Kinh,,1", header="ho_ten,unit,sex,birth_date,ethnicity,special_groups,enrolled"), ":1: id: the column is missing"),
    ("missing birth date column", body("TE-SECRET-1,Nguyễn Văn A,21292,Nam,Kinh,,1", header="id,ho_ten,unit,sex,ethnicity,special_groups,enrolled"), ":1: birth_date: the column is missing"),
    ("empty id", body(",Nguyễn Văn A,21292,Nam,05/03/2015,Kinh,,1"), ":2:1: id: is empty"),
    ("duplicate id", body(GOOD, GOOD.replace("Nguyễn Văn A", "Trần B")), ":3:1: id: the same id as line 2"),
    ("id too long", body("T" * 200 + ",Nguyễn Văn A,21292,Nam,05/03/2015,Kinh,,1"), ":2:1: id: longer than 128 characters"),
    ("unknown commune code", body(GOOD.replace("21292", "99999")), ":2:3: unit: not a commune code or commune name"),
    ("district given as commune", body(GOOD.replace("21292", "Sơn Hà")), ":2:3: unit: not a commune code or commune name"),
    ("name without tone marks", body(GOOD.replace("21292", "Son Ha")), ":2:3: unit: not a commune code or commune name"),
    ("unknown sex", body(GOOD.replace(",Nam,", ",X,")), ":2:4: sex: not one of Nam, Nữ, M, F"),
    ("31 February", body(GOOD.replace("05/03/2015", "31/02/2015")), ":2:5: birth_date: not a calendar date"),
    ("two-digit year", body(GOOD.replace("05/03/2015", "05/03/15")), ":2:5: birth_date: not a calendar date"),
    ("words for a date", body(GOOD.replace("05/03/2015", "tháng 3")), ":2:5: birth_date: not a calendar date"),
    ("date with a time", body(GOOD.replace("05/03/2015", "2015-03-05 10:00")), ":2:5: birth_date: not a calendar date"),
    ("no header row", body(GOOD, header=GOOD.replace("TE-SECRET-1", "TE-SECRET-0")), ":1: id: the column is missing (no column of the first row is a known column name: does the file have a header row?)"),
    ("CR line ends", body(GOOD, GOOD.replace("TE-SECRET-1", "TE-SECRET-2").replace("05/03/2015", "31/02/2015")).replace(b"\n", b"\r"), ":3:5: birth_date: not a calendar date"),
    ("quote inside a field", body(GOOD.replace("H're", 'H"re')), ":2:6: CSV: a quote inside an unquoted field"),
    ("group letter f", body(GOOD.replace(",a,", ",f,")), ":2:7: special_groups: not a group letter"),
    ("group letter z", body(GOOD.replace(",a,", ",a;z,")), ":2:7: special_groups: not a group letter"),
    ("not yes or no", body(GOOD.replace(",có", ",maybe")), ":2:8: enrolled: not yes or no"),
    ("truncated row", body(GOOD, "TE-SECRET-2,Nguyễn Văn A,21292"), ":3: CSV: the row has 3 fields, the header has 8"),
    ("open quote", body('TE-SECRET-1,"Nguyễn Văn A,21292,Nam,05/03/2015,Kinh,,1'), ":2:2: CSV: a quoted field opened here is not closed before the end of the file"),
    ("not UTF-8", body(GOOD).replace("Nguyễn".encode(), b"Nguy\xe1n"), ":2: CSV: the text is not valid UTF-8"),
    ("empty file", b"", ":1: CSV: the file is empty"),
    ("two id columns", body("TE-SECRET-1,TE-SECRET-1,21292,Nam,05/03/2015,Kinh,,1", header="id,mã trẻ,unit,sex,birth_date,ethnicity,special_groups,enrolled"), ":1:2: id: columns 1 and 2 are both this field"),
    ("unknown column", body(GOOD + ",42", header=HEADER + ",shoe_size"), ":1:9: header: column 9 is not a field of the child register"),
    ("semicolons", body(GOOD.replace(",", ";").replace("Nam", "X"), header=HEADER.replace(",", ";")), ":2:4: sex: not one of Nam, Nữ, M, F"),
    ("byte-order mark and CRLF", b"\xef\xbb\xbf" + body(GOOD, GOOD.replace("TE-SECRET-1", "TE-SECRET-2").replace("Nam", "?")).replace(b"\n", b"\r\n"),
     ":3:4: sex: not one of Nam, Nữ, M, F"),
]


@pytest.mark.parametrize(("name", "content", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_malformed_register_gives_its_located_error(tmp_path, name, content, message):
    path = tmp_path / "children.csv"
    path.write_bytes(content)
    result = subprocess.run([PROGRAM, "register", "check", "--children", str(path)], capture_output=True, text=True,
                            encoding="utf-8", errors="replace", timeout=60, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert f"{path}{message}" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    for secret in (NAME, "Nguy", "TE-SECRET", "Trần"):
        assert secret not in result.stderr


def test_corpus_is_large_enough():
    assert len(CASES) >= 25


def test_lenient_reading_keeps_clean_rows_and_lists_problems(tmp_path):
    path = tmp_path / "children.csv"
    path.write_bytes(body(GOOD, GOOD.replace("TE-SECRET-1", "TE-SECRET-2").replace("Nam", "?"), GOOD.replace("TE-SECRET-1", "TE-SECRET-3")))
    result = subprocess.run([PROGRAM, "register", "check", "--children", str(path), "--lenient"], capture_output=True, text=True,
                            encoding="utf-8", env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "3 rows read, 2 accepted, 1 rejected, 0 left out"
    python = treem.registers.read_children(path, lenient=True)
    assert len(python.frame) == 2 and python.rows_rejected == 1
    assert list(python.problems[["line", "column", "field"]].itertuples(index=False, name=None)) == [(3, 4, "sex")]
    with pytest.raises(treem.ValidationError) as info:
        treem.registers.read_children(path)
    assert str(info.value).startswith(f"{path}:3:4: sex:") and "TE-SECRET" not in str(info.value)


def test_incident_registers_are_checked_too(tmp_path):
    path = tmp_path / "vv.csv"
    path.write_text("xã,ngày xảy ra,loại vụ việc,tuổi,họ tên\n21292,12/07/2024,drowning,9,Nguyễn Văn A\n21295,01/03/2024,Nguyễn Văn A,8,Lê C\n",
                    encoding="utf-8")
    strict = subprocess.run([PROGRAM, "register", "check", "--incidents", str(path)], capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert strict.returncode == 2 and f"{path}:3:3: kind: not one of drowning" in strict.stderr
    assert "Nguy" not in strict.stderr and "Lê" not in strict.stderr
    lenient = subprocess.run([PROGRAM, "register", "check", "--incidents", str(path), "--lenient"], capture_output=True, text=True,
                             encoding="utf-8", env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert lenient.returncode == 1 and lenient.stdout.splitlines()[0] == "2 rows read, 1 accepted, 1 rejected, 0 left out"


@pytest.mark.parametrize(("born", "rule"), [("01/06/2025", "born after the reference date 31/12/2024"),
                                            ("31/12/2008", "aged 16 or more on the reference date 31/12/2024"),
                                            ("2004-01-01", "aged 16 or more on the reference date 31/12/2024")])
def test_children_outside_the_reference_date_are_left_out_not_errors(tmp_path, born, rule):
    # A register exported on any day serves any past period: such rows are counted and said.
    path = tmp_path / "children.csv"
    path.write_bytes(body(GOOD, GOOD.replace("TE-SECRET-1", "TE-SECRET-2").replace("05/03/2015", born)))
    result = subprocess.run([PROGRAM, "register", "check", "--children", str(path)], capture_output=True, text=True, encoding="utf-8",
                            env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2 rows read, 1 accepted, 0 rejected, 1 left out"
    assert f"{path}: 1 row left out: birth_date: {rule}" in result.stderr
    assert "TE-SECRET" not in result.stderr
    python = treem.registers.read_children(path)
    assert len(python.frame) == 1 and python.left_out["rows"].tolist() == [1] and python.left_out["rule"][0].startswith(rule)
