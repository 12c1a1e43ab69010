"""The province template (`treem rules template`): written whole, certifies as the bundled rules do,
and a band table filled in halfway is refused with its line and field."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import treem
from treem.certify import read_csv, rules_template

DATA = Path(__file__).resolve().parents[1] / "data"
ASSESSMENTS = DATA / "certify-assessments-2024.csv"
INCIDENTS = DATA / "certify-incidents-2024.csv"
PROGRAM = shutil.which("treem", path=str(Path(sys.executable).parent)) or shutil.which("treem")
EMPTY_BAND = '  # { min_percent = , points = , status = "confirmed", source = "" },\n'


def run(*args: str) -> subprocess.CompletedProcess:
    assert PROGRAM, "the treem program is not installed"
    return subprocess.run([PROGRAM, *args], capture_output=True, text=True, encoding="utf-8", timeout=60,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})


def certify_json(*rules: str) -> dict:
    args = ["certify", "--assessments", str(ASSESSMENTS), "--incidents", str(INCIDENTS), "--period", "2024", "--json"]
    for r in rules:
        args += ["--rules", r]
    result = run(*args)
    assert result.returncode in (0, 1), result.stderr
    run_json = json.loads(result.stdout)
    # The rule sets are named once per run; each decision carries them here for comparing.
    return {d["unit"]: {**d, "rule_sets": run_json["rule_sets"]} for d in run_json["decisions"]}


def without_rule_set_ids(decisions: dict) -> dict:
    """The decisions with the names of the rule sets taken out: all that a province's copy of the
    standard may change while its slots are empty."""
    out = {}
    for unit, d in decisions.items():
        d = dict(d)
        d.pop("rule_sets")
        d["gates"] = [{k: v for k, v in g.items() if k != "rule_set"} for g in d["gates"]]
        out[unit] = d
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "province.toml"
    result = run("rules", "template", "--out", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    return path


def test_the_file_is_the_python_template_and_written_whole(template):
    text = template.read_text(encoding="utf-8")
    assert text == rules_template()
    assert text.startswith("# Mẫu bộ quy tắc") and 'id = "vn-06-qd-ttg-2019-province"' in text
    assert not list(template.parent.glob("*.treem-tmp"))
    english = run("rules", "template", "--lang", "en")
    assert english.returncode == 0 and english.stdout == rules_template("en")
    assert "the official scoring table in Art. 2(2) of the Regulation:" in english.stdout


def test_unedited_it_certifies_as_the_bundled_rules(template):
    mine = certify_json(str(template))
    bundled = certify_json()
    assert {u: d["outcome"] for u, d in mine.items()} == {u: d["outcome"] for u, d in bundled.items()}
    assert without_rule_set_ids(mine) == without_rule_set_ids(bundled)
    assert mine["21292"]["rule_sets"] == [{"id": "vn-06-qd-ttg-2019-province", "version": "2019.01"}]
    # Python reads the same file to the same decisions.
    frame = read_csv(ASSESSMENTS)
    incidents = read_csv(INCIDENTS)
    a = treem.certify(frame, incidents, period="2024", rules=treem.Rules.from_files(template))
    b = treem.certify(frame, incidents, period="2024", rules=treem.Rules.national())
    assert [(d.unit, d.outcome, d.total) for d in a] == [(d.unit, d.outcome, d.total) for d in b]


def test_a_local_overlay_applies_when_it_extends_the_province_id(template, tmp_path):
    overlay = (Path(__file__).resolve().parents[2] / "data" / "rules" / "son-ha-2024-overlay.toml").read_text(encoding="utf-8")
    mine = tmp_path / "overlay.toml"
    mine.write_text(overlay.replace('extends = "vn-06-qd-ttg-2019"', 'extends = "vn-06-qd-ttg-2019-province"'), encoding="utf-8")
    with_overlay = certify_json(str(template), str(mine))
    bundled = certify_json("son-ha-2024-overlay")
    assert {u: d["outcome"] for u, d in with_overlay.items()} == {u: d["outcome"] for u, d in bundled.items()}
    # The bundled overlay names the national id, which the province's file does not have.
    refused = run("certify", "--assessments", str(ASSESSMENTS), "--incidents", str(INCIDENTS), "--period", "2024",
                  "--rules", str(template), "--rules", "son-ha-2024-overlay")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "son-ha-2024-overlay (extends vn-06-qd-ttg-2019)" in refused.stderr


def test_a_filled_slot_changes_the_outcome(template, tmp_path):
    text = template.read_text(encoding="utf-8")
    # Fill criterion 7's table down to 0%: a commune's 98.5% still scores 50, and rates below 98%
    # that could not be scored now can.
    filled = text.replace(EMPTY_BAND, '  { min_percent = 90, points = 40, status = "confirmed", source = "Điều 2 khoản 2" },\n'
                                      '  { min_percent = 0, points = 0, status = "confirmed", source = "Điều 2 khoản 2" },\n')
    path = tmp_path / "filled.toml"
    path.write_text(filled, encoding="utf-8")
    check = run("rules", "check", str(path))
    assert check.returncode == 0, check.stderr
    assert "rules: vn-06-qd-ttg-2019-province 2019.01" in check.stdout
    assert "rates that cannot be scored: none" in check.stdout
    assert "without: 2, 3, 4, 5, 8, 9, 10, 11, 12, 13" in check.stdout
    bundled_check = run("rules", "check", str(template))
    assert "items without points: 1.4" in bundled_check.stdout
    assert "rates that cannot be scored: 6.1 (below 95%), 6.2 (below 100%), 7.1 (below 98%)" in bundled_check.stdout
    decisions = certify_json(str(path))
    c7 = {c["id"]: c for c in decisions["21304"]["criteria"]}[7]
    assert c7["computed"] is not None  # below 98% and unscored with the bundled rules


@pytest.mark.parametrize(
    ("band", "message"),
    [
        ('  { min_percent = 90, status = "confirmed", source = "s" },\n', "points: required key is missing"),
        ('  { points = 40, status = "confirmed", source = "s" },\n', "min_percent: required key is missing"),
        ('  { min_percent = 98, points = 40, status = "confirmed", source = "s" },\n', "min_percent: a second band at 98%"),
        ('  { min_percent = 99, points = 40, status = "confirmed", source = "s" },\n', "bands must be listed from the highest rate down"),
        ('  { min_percent = 90, points = 60, status = "confirmed", source = "s" },\n', "more than the criterion's maximum of 50 points"),
    ],
)
def test_a_half_filled_band_table_is_refused_with_its_line(template, tmp_path, band, message):
    text = template.read_text(encoding="utf-8")
    # Criterion 7's slot is the last empty band of the file.
    at = text.rindex(EMPTY_BAND)
    line = text[:at].count("\n") + 1
    path = tmp_path / "half.toml"
    path.write_text(text[:at] + band + text[at + len(EMPTY_BAND):], encoding="utf-8")
    for args in (["rules", "check", str(path)],
                 ["certify", "--assessments", str(ASSESSMENTS), "--incidents", str(INCIDENTS), "--period", "2024", "--rules", str(path)]):
        result = run(*args)
        assert result.returncode == 2 and result.stdout == ""
        assert f"{path}:{line}:" in result.stderr and "criterion[6].item[0].bands[1]." in result.stderr and message in result.stderr, result.stderr
    with pytest.raises(treem.ValidationError, match=message):
        treem.Rules.from_files(path)


def test_bad_arguments():
    assert run("rules", "template", "--lang", "fr").returncode == 2
    missing = run("rules", "template", "--out", "/nonexistent-dir/t.toml")
    assert missing.returncode == 2 and missing.stdout == "" and "cannot open the file for writing" in missing.stderr
    with pytest.raises(ValueError, match="'fr' is not 'vi' or 'en'"):
        rules_template("fr")
