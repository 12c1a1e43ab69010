"""Same input, same answer: one register, one assessment sheet and one list of submissions given as
CSV (commas and semicolons, English and Vietnamese headers, LF and CRLF), Excel, Parquet, pandas,
polars and pyarrow, through the program and through Python, give identical registers, decisions
and statuses, because every one of them is read by the same compiled reader."""

from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest

import treem
from test_cli import PROGRAM

VI = {"id": "Mã trẻ", "unit": "Xã", "sex": "Giới tính", "birth_date": "Ngày sinh", "ethnicity": "Dân tộc", "special_groups": "Nhóm HCĐB",
      "receiving_support": "Được trợ giúp", "birth_registered": "Đăng ký khai sinh", "health_insurance": "Thẻ BHYT", "disability": "Khuyết tật",
      "enrolled": "Đi học"}


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    """400 synthetic children of Sơn Hà written as text, with a few hand-made spellings mixed in."""
    folder = tmp_path_factory.mktemp("one")
    subprocess.run([PROGRAM, "generate", "--units", "sonha", "--seed", "3", "--out", str(folder)], check=True, capture_output=True)
    frame = pd.read_csv(folder / "children.csv", dtype=str, keep_default_na=False).iloc[:400].copy()
    frame.loc[1, "sex"] = "Nữ"
    frame.loc[2, "sex"] = "nam"
    frame.loc[3, "birth_date"] = "5/3/2015"
    frame.loc[4, "enrolled"] = "có"
    frame.loc[5, "ethnicity"] = "Xơ Đăng"
    frame.loc[6, "unit"] = "Sơn Hạ"  # a commune by its exact name
    return frame


def variants(frame: pd.DataFrame, folder) -> dict:
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = {}
    for sep in (",", ";"):
        for names in ("en", "vi"):
            for eol in ("\n", "\r\n"):
                data = frame.rename(columns=VI) if names == "vi" else frame
                path = folder / f"children-{names}-{'semi' if sep == ';' else 'comma'}-{'crlf' if eol == chr(13) + chr(10) else 'lf'}.csv"
                data.to_csv(path, sep=sep, index=False, lineterminator=eol, encoding="utf-8-sig" if names == "vi" else "utf-8")
                out[path.name] = path
    excel = folder / "children.xlsx"
    frame.rename(columns=VI).to_excel(excel, index=False)
    out["excel"] = excel
    parquet = folder / "children.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), parquet)
    out["parquet"] = parquet
    out["pandas"] = frame
    out["polars"] = pl.from_pandas(frame)
    out["pyarrow"] = pa.Table.from_pandas(frame, preserve_index=False)
    return out


def test_every_source_gives_the_same_register(register, tmp_path):
    sources = variants(register, tmp_path)
    reference = treem.registers.read_children(sources["pandas"])
    assert len(reference.frame) == 400 and reference.rows_rejected == 0
    assert reference.frame.loc[1, "sex"] == "F" and reference.frame.loc[6, "unit"] == "21292"
    for name, data in sources.items():
        got = treem.registers.read_children(data, threads=2)
        pd.testing.assert_frame_equal(got.frame, reference.frame, obj=name)
    # The program reads the same files to the same register (its cleaned output, read back).
    for name, data in sources.items():
        if not str(name).endswith(".csv"):
            continue
        out = tmp_path / f"clean-{name}"
        cli = subprocess.run([PROGRAM, "register", "check", "--children", str(data), "--out", str(out), "--json"], capture_output=True, text=True)
        assert cli.returncode == 0, cli.stderr
        assert json.loads(cli.stdout)["rows_accepted"] == 400
        again = treem.registers.read_children(out)
        pd.testing.assert_frame_equal(again.frame, reference.frame, obj=f"CLI {name}")


def test_the_same_problem_is_reported_alike_from_every_source(register, tmp_path):
    bad = register.copy()
    bad.loc[9, "birth_date"] = "31/02/2015"
    messages = set()
    for name, data in variants(bad, tmp_path).items():
        with pytest.raises(treem.ValidationError) as info:
            treem.registers.read_children(data, source="ds")
        messages.add(str(info.value).replace(":12:5:", ":11:4:") if name == "excel" else str(info.value))
    # Line 11 (the header is line 1), column 4; an Excel sheet counts the same rows. Never the cell.
    assert messages == {"ds:11:4: birth_date: not a calendar date in the form dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd"}


def test_certification_and_submissions_read_alike_from_the_program_and_python(tmp_path):
    import polars as pl

    data = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"
    assessments = pd.read_csv(data / "certify-assessments-2024.csv", dtype=str, keep_default_na=False)
    incidents = pd.read_csv(data / "certify-incidents-2024.csv", dtype=str, keep_default_na=False)
    cli = subprocess.run([PROGRAM, "certify", "--assessments", str(data / "certify-assessments-2024.csv"), "--incidents",
                          str(data / "certify-incidents-2024.csv"), "--period", "2024", "--json"], capture_output=True, text=True)
    assert cli.returncode in (0, 1), cli.stderr
    expected = [(d["unit"], d["outcome"], d["total"]) for d in json.loads(cli.stdout)["decisions"]]
    for sheet, register in ((assessments, incidents), (pl.from_pandas(assessments), pl.from_pandas(incidents))):
        got = treem.certify(sheet, register, period="2024")
        assert [(d.unit, d.outcome, d.total) for d in got] == expected
    plan = treem.Plan.son_ha_2024()
    submissions = pd.DataFrame({"Đơn vị gửi": ["phong_gddt", "21292"], "Báo cáo": ["bao_cao_6_thang"] * 2, "Ngày gửi": ["2024-05-20", "2/6/2024"]})
    path = tmp_path / "nop.csv"
    submissions.to_csv(path, sep=";", index=False)
    import pyarrow as pa

    status = plan.submission_status(submissions, as_of="15/06/2024")
    for other in (pl.from_pandas(submissions), pa.Table.from_pandas(submissions, preserve_index=False)):
        pd.testing.assert_frame_equal(plan.submission_status(other, as_of="15/06/2024"), status)
    cli = subprocess.run([PROGRAM, "plan", "status", "--as-of", "15/06/2024", "--submissions", str(path), "--json"], capture_output=True, text=True)
    assert cli.returncode in (0, 1), cli.stderr
    received = {(s["report"], s["submitter"]): s["state"] for s in json.loads(cli.stdout)["statuses"]}
    for row in status.itertuples():
        assert received[(row.report, row.submitter)] == row.state
