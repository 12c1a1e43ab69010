"""The synthetic generator and pseudonyms from Python, checked against the CLI's files."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import treem
from treem.registers import Pseudonymiser, generate, special_group_letters

PROGRAM = shutil.which("treem", path=str(Path(sys.executable).parent)) or shutil.which("treem")


def test_same_seed_same_frames():
    a_children, a_incidents = generate("sonha", seed=3)
    b_children, b_incidents = generate("sonha", seed=3)
    pd.testing.assert_frame_equal(a_children, b_children)
    pd.testing.assert_frame_equal(a_incidents, b_incidents)
    c_children, _ = generate("sonha", seed=4)
    assert not a_children["birth_date"].equals(c_children["birth_date"])


def test_cli_files_hold_the_same_registers(tmp_path):
    result = subprocess.run([PROGRAM, "generate", "--units", "sonha", "--seed", "9", "--out", str(tmp_path)],
                            capture_output=True, text=True, encoding="utf-8", env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    children, incidents = generate("sonha", seed=9)
    files = pd.read_csv(tmp_path / "children.csv", dtype=str, keep_default_na=False)
    assert len(files) == len(children)
    assert list(files["id"]) == list(children["id"])
    assert list(files["birth_date"]) == [d.isoformat() for d in children["birth_date"].dt.date]
    assert list(files["special_groups"]) == [special_group_letters(int(b)) for b in children["special_groups"]]
    assert list(files["enrolled"].astype(int).astype(bool)) == list(children["enrolled"])
    inc = pd.read_csv(tmp_path / "incidents.csv", dtype=str, keep_default_na=False)
    assert list(inc["kind"]) == list(incidents["kind"])
    assert f"generated {len(children)} children and {len(incidents)} incidents (" in result.stdout
    assert " cases) in 14 units" in result.stdout


def test_generated_incidents_feed_certification(tmp_path):
    _, incidents = generate("sonha", seed=2)
    frame = pd.DataFrame({"unit": ["21292"], "period": ["2024"], **{f"c{i}": [70] for i in range(1, 14)}})
    frame["c1"], frame["c6"], frame["c7"] = 80, 120, 50
    result = treem.certify(frame, incidents.astype({"unit": str}), period="2024", rules=treem.Rules.son_ha_2024())
    own = incidents[(incidents["unit"] == "21292") & incidents["kind"].isin(
        ["drowning", "violence", "sexual_abuse", "exploitation", "trafficking", "abandonment", "neglect", "other_abuse",
         "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography"])]  # the forms count as sexual abuse
    assert len(own) > 0  # seed 2 puts a drowning in Sơn Hạ: the rule must then refuse recognition
    assert result["21292"].outcome == "not_recognized"


def test_ages_and_flags():
    children, incidents = generate("sonha", seed=5)
    reference = np.datetime64("2024-12-31")
    assert (children["birth_date"] <= reference).all()
    assert (children["birth_date"] > np.datetime64("2008-12-31")).all()  # under 16 on the reference date
    assert children["receiving_support"].sum() <= (children["special_groups"] != 0).sum()
    assert incidents["date"].dt.year.eq(2024).all()


def test_pseudonyms():
    p = Pseudonymiser("\x0b" * 20)  # RFC 4231 test case 1
    assert p("Hi There") == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    assert p.many(["a", "a", "b"])[0] == p.many(["a"])[0] != p("b")
    assert "key" not in repr(p).replace("key=<hidden>", "")
    with pytest.raises(treem.ValidationError, match="at least 16 bytes"):
        Pseudonymiser("short")


def test_python_and_cli_clean_registers_alike(tmp_path):
    csv = tmp_path / "children.csv"
    csv.write_text("mã trẻ;Họ tên;xã;giới tính;ngày sinh;dân tộc;nhóm HCĐB;được trợ giúp\n"
                   "TE001;Nguyễn Văn A;21292;Nam;05/03/2015;H're;a;có\n"
                   "TE002;Trần Thị B;Sơn Hạ;Nữ;2016-07-01;Kinh;;\n", encoding="utf-8")
    key_file = tmp_path / "key"
    key_file.write_text("a-very-secret-key-of-32-bytes!!!\n", encoding="utf-8")
    out = tmp_path / "clean.csv"
    result = subprocess.run([PROGRAM, "register", "check", "--children", str(csv), "--key-file", str(key_file), "--out", str(out)],
                            capture_output=True, text=True, encoding="utf-8", env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    cli = pd.read_csv(out, dtype=str, keep_default_na=False)
    python = treem.registers.read_children(csv, key="a-very-secret-key-of-32-bytes!!!").frame
    assert list(cli["id"]) == list(python["id"]) == [Pseudonymiser("a-very-secret-key-of-32-bytes!!!")(i) for i in ("TE001", "TE002")]
    assert list(cli["unit"]) == ["21292", "21292"]  # "Sơn Hạ" is found by its exact name
    assert "Nguy" not in out.read_text(encoding="utf-8")  # the name column is dropped unread
    # The same register from Excel and from a DataFrame.
    frame = pd.read_csv(csv, sep=";", dtype=str, keep_default_na=False)
    xlsx = tmp_path / "children.xlsx"
    frame.to_excel(xlsx, index=False)
    from_excel = treem.registers.read_children(xlsx).frame
    from_frame = treem.registers.read_children(frame).frame
    pd.testing.assert_frame_equal(from_excel, from_frame)
    assert list(from_frame["sex"]) == ["M", "F"]


def test_round_trip_generate_write_read(tmp_path):
    """generate -> children.csv -> register check -> the same register."""
    subprocess.run([PROGRAM, "generate", "--units", "sonha", "--seed", "12", "--out", str(tmp_path)], check=True, capture_output=True)
    generated, _ = generate("sonha", seed=12)
    read = treem.registers.read_children(tmp_path / "children.csv")
    assert read.rows_rejected == 0 and read.problems.empty
    frame = read.frame
    assert len(frame) == len(generated)
    assert list(frame["id"]) == list(generated["id"])
    assert list(frame["unit"].astype(str)) == list(generated["unit"].astype(str))
    assert list(frame["birth_date"]) == list(generated["birth_date"])
    assert list(frame["sex"].astype(str)) == list(generated["sex"].astype(str))
    assert list(frame["ethnicity"].astype(str)) == list(generated["ethnicity"].astype(str))
    assert (frame["special_groups"].to_numpy() == generated["special_groups"].to_numpy()).all()
    for flag in ("receiving_support", "birth_registered", "health_insurance", "disability", "enrolled"):
        assert (frame[flag].to_numpy() == generated[flag].to_numpy()).all(), flag


def test_reading_in_chunks_reports_progress(tmp_path, capsys):
    subprocess.run([PROGRAM, "generate", "--units", "sonha", "--seed", "4", "--out", str(tmp_path)], check=True, capture_output=True)
    seen = []
    children = treem._core._read_child_register(
        [], str(tmp_path / "children.csv"), "children.csv", treem.UnitRegistry.from_file(tmp_path / "units.toml")._r,
        __import__("datetime").date(2024, 12, 31), False, None, lambda done, total: seen.append((done, total)))
    assert children.left_out == []
    assert children.rows_read == len(children.id) == len(children) and children.rows_rejected == 0 and children.problems == []
    assert seen and seen[-1][0] == seen[-1][1] == (tmp_path / "children.csv").stat().st_size
    treem.registers.read_children(tmp_path / "children.csv", progress=True)
    assert "100%" in capsys.readouterr().err
