"""Case handling under Decree 56/2017/NĐ-CP: the case register, its time limits, the morning list,
the same answer from Python and from the program, and the cases feeding certification and the
indicator of plans approved in time. Due dates are worked out by hand on the 2024 calendar."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import treem
from treem.cases import DeadlineRules, check_cases, read_cases

PROGRAM = shutil.which("treem", path=str(Path(sys.executable).parent)) or shutil.which("treem")
DATA = Path(__file__).parents[1] / "data"
ASSESSMENTS = DATA / "certify-assessments-2024.csv"

HEADER = "case_id,unit,kind,serious_harm,received,emergency_measure,plan_drafted,plan_approved,closed\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([PROGRAM, *args], capture_output=True, text=True, encoding="utf-8", timeout=60,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})


@pytest.fixture
def morning(tmp_path):
    """As of Wednesday 05/06/2024 08:00 in Sơn Thành (21295) and Sơn Linh (21304):
    line 2, reported Monday 03/06: plan due Monday 10/06 (5 working days), pending;
    line 3, serious harm reported Tuesday 04/06 at 18:00, nothing done: emergency overdue since 06:00;
    line 4, reported 20/05, plan drafted 22/05, approved 31/05 (9th working day): late by both readings;
    line 5, reported 24/05, drafted 29/05, nothing approved: due 31/05 or 04/06, overdue."""
    path = tmp_path / "vu-viec.csv"
    path.write_text(HEADER +
                    "NV-1,21304,violence,,03/06/2024,,,,\n"
                    "NV-2,21295,rape,có,04/06/2024 18:00,,,,\n"
                    "NV-3,21295,abandonment,,20/05/2024,,22/05/2024,31/05/2024,\n"
                    "NV-4,Sơn Linh,trafficking,,24/05/2024,,29/05/2024,,\n", encoding="utf-8")
    return path


def test_the_bundled_limits_cite_the_decree():
    frame = DeadlineRules.bundled().to_frame().set_index("id")
    assert list(frame.index) == ["emergency_measure", "plan_drafted", "plan_approved"]
    assert frame.loc["emergency_measure", "unit"] == "hours" and frame.loc["emergency_measure", "readings"] == [12]
    assert frame.loc["plan_drafted", "readings"] == [5] and frame.loc["plan_drafted", "status"] == "confirmed"
    assert frame.loc["plan_approved", "readings"] == [5, 7] and frame.loc["plan_approved", "status"] == "unconfirmed"
    assert all("Nghị định 56/2017/NĐ-CP" in s for s in frame["source"])
    assert not any("DOMAIN" in s for s in frame["source"])


def test_morning_list(morning):
    cases = read_cases(morning, as_of="05/06/2024")
    checks = check_cases(cases, as_of="05/06/2024 08:00")
    open_ = checks.open()
    got = list(zip(open_["unit"], open_["line"], open_["deadline"], open_["state"], open_["due"]))
    assert got == [
        ("21295", 3, "emergency_measure", "overdue", "2024-06-05T06:00"),
        ("21304", 5, "plan_approved", "overdue", "2024-05-31"),
        ("21304", 2, "plan_drafted", "pending", "2024-06-10"),
        ("21304", 2, "plan_approved", "pending", "2024-06-10"),
    ]
    emergency = open_[open_["line"] == 3].iloc[0]
    assert emergency["left"] == -2 and emergency["left_unit"] == "hours"  # due 06:00, checked at 08:00
    half_past = check_cases(cases, as_of="05/06/2024 06:30").open()
    assert half_past[half_past["line"] == 3].iloc[0]["left"] == -1  # 30 minutes late is an hour past, not 0
    row = open_[open_["line"] == 5].iloc[0]
    assert row["due_latest"] == "2024-06-04" and row["left"] == -3 and row["left_unit"] == "working_days"
    full = checks.frame.set_index(["line", "deadline"])
    assert full.loc[(4, "plan_approved"), "state"] == "missed"
    assert full.loc[(4, "plan_drafted"), "state"] == "met"
    assert full.loc[(2, "emergency_measure"), "state"] == "not_applicable"
    assert list(checks.approved_in_time) == [-1, -1, 0, 0]
    assert "overdue 2" in repr(checks)


def test_the_rows_stay_in_cpp_and_keep_their_limits_alive(morning):
    """CaseChecks.rows() is a bound object (each property a column), not a dict; its rows point at
    the limits of the checks they came from, which it keeps alive."""
    register = read_cases(morning, as_of="05/06/2024")
    assert register._c.line.base is register._c and list(register._c.line) == [2, 3, 4, 5]  # a view, not a copy
    days, minutes = register._c.step("received")
    assert list(minutes) == [-1, 18 * 60, -1, -1] and days[0] == (dt.date(2024, 6, 3) - dt.date(1970, 1, 1)).days
    with pytest.raises(treem.ValidationError, match="not a step of a case"):
        register._c.step("arrived")
    rows = check_cases(register, as_of="05/06/2024 08:00")._c.rows(True)
    __import__("gc").collect()
    assert type(rows).__name__ == "CheckRows" and not isinstance(rows, dict) and len(rows) == 4
    assert rows.deadline == ["emergency_measure", "plan_approved", "plan_drafted", "plan_approved"]
    assert rows.left == [-2, -3, 3, 3] and rows.left_unit == ["hours", "working_days", "working_days", "working_days"]
    assert all("56/2017/NĐ-CP" in s for s in rows.source) and rows.why == [None] * 4


def test_python_and_the_program_print_the_same(morning):
    checks = check_cases(read_cases(morning, as_of="05/06/2024"), as_of=dt.datetime(2024, 6, 5, 8, 0))
    as_json = run("cases", "check", "--cases", str(morning), "--as-of", "05/06/2024 08:00", "--json")
    assert as_json.returncode == 1  # a limit has passed with its step not done
    assert as_json.stdout == checks.to_json(only_open=True)
    doc = json.loads(as_json.stdout)
    assert doc["as_of"] == "2024-06-05T08:00" and len(doc["checks"]) == 4
    as_csv = run("cases", "check", "--cases", str(morning), "--as-of", "05/06/2024 08:00", "--csv", "--all")
    assert as_csv.stdout == checks.to_csv()
    text = run("cases", "check", "--cases", str(morning), "--as-of", "05/06/2024 08:00")
    assert "quá hạn, chưa làm" in text.stdout and "Sơn Linh" in text.stdout
    assert "NV-" not in text.stdout + as_json.stdout + as_csv.stdout  # cases are named by line, never by id


def test_choosing_the_disputed_approval_limit(morning):
    cases = read_cases(morning, as_of="05/06/2024")
    # Line 5's approval was due on the 5th or the 7th working day (31/05 or 04/06): overdue by both.
    # Reported 03/06/2024 with an approval on 11/06 (6th working day): undetermined until chosen.
    frame = pd.DataFrame({"case_id": ["X"], "unit": ["21295"], "kind": ["rape"], "received": ["03/06/2024"],
                          "plan_drafted": ["07/06/2024"], "plan_approved": ["11/06/2024"]})
    one = read_cases(frame, as_of="30/06/2024")
    states = [check_cases(one, as_of="30/06/2024", readings=r).frame.set_index("deadline").loc["plan_approved", "state"]
              for r in (None, {"plan_approved": 5}, {"plan_approved": 7})]
    assert states == ["undetermined", "missed", "met"]
    with pytest.raises(treem.ValidationError, match=r"reading of plan_approved: 6 is not one of its readings \(5 or 7\)"):
        check_cases(cases, as_of="05/06/2024", readings={"plan_approved": 6})


def test_errors_name_the_place_and_never_the_case(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Nguyễn Văn A,21295,violence,,05/06/2024,,04/06/2024,,\n", encoding="utf-8")
    with pytest.raises(treem.ValidationError) as e:
        read_cases(bad, as_of="30/06/2024")
    assert str(e.value) == f"{bad}:2:7: plan_drafted: before the report was received"
    result = run("cases", "check", "--cases", str(bad), "--as-of", "30/06/2024")
    assert result.returncode == 2 and result.stdout == ""
    assert "Nguyễn" not in result.stderr and "plan_drafted: before the report was received" in result.stderr
    lenient = read_cases(bad, as_of="30/06/2024", lenient=True)
    assert len(lenient) == 0 and list(lenient.problems["field"]) == ["plan_drafted"]


def test_the_register_frame_keeps_times_of_day(morning):
    frame = read_cases(morning, as_of="05/06/2024").frame
    assert frame.loc[1, "received"] == pd.Timestamp("2024-06-04 18:00") and bool(frame.loc[1, "received_timed"])
    assert frame.loc[0, "received"] == pd.Timestamp("2024-06-03") and not frame.loc[0, "received_timed"]
    assert pd.isna(frame.loc[0, "plan_drafted"])
    assert list(frame["unit"]) == ["21304", "21295", "21295", "21304"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("sonha")
    result = run("generate", "--units", "sonha", "--seed", "6", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_certification_takes_criterion_6_from_the_registers(generated, tmp_path):
    args = ["certify", "--assessments", str(ASSESSMENTS), "--incidents", str(generated / "incidents.csv"), "--period", "2024", "--json"]
    plain = json.loads(run(*args).stdout)
    full = json.loads(run(*args, "--children", str(generated / "children.csv"), "--cases", str(generated / "cases.csv")).stdout)
    cases = read_cases(generated / "cases.csv", as_of="31/12/2024")
    py = treem.certify(pd.read_csv(ASSESSMENTS, dtype=str, keep_default_na=False), pd.read_csv(generated / "incidents.csv", dtype=str, keep_default_na=False),
                       period="2024", children=generated / "children.csv", cases=cases)
    for d_plain, d_full in zip(plain["decisions"], full["decisions"]):
        origins = {f["id"]: f["origin"] for f in d_full["facts"]}
        assert origins.get("special_circumstances_supported_percent") == "children"
        assert "special_circumstances_supported_percent" not in {f["id"] for f in d_plain["facts"]}
        assert json.loads(py[d_full["unit"]].to_json())["facts"] == d_full["facts"]
        assert [(f.id, f.origin, f.numerator) for f in py[d_full["unit"]].facts] == [(f["id"], f["origin"], f["numerator"]) for f in d_full["facts"]]
    children = treem.registers.read_children(generated / "children.csv")
    f = children.frame
    for d in full["decisions"]:
        fact = next(x for x in d["facts"] if x["id"] == "special_circumstances_supported_percent")
        mine = f[(f["unit"] == d["unit"]) & (f["special_groups"] != 0)]
        assert (fact["numerator"], fact["denominator"]) == (int(mine["receiving_support"].sum()), len(mine))


def test_the_indicator_reads_the_cases_timeliness(generated):
    incidents = treem.registers.read_incidents(generated / "incidents.csv")
    assert "case_id" in incidents.frame
    children = treem.registers.read_children(generated / "children.csv")
    cases = read_cases(generated / "cases.csv", as_of="31/12/2024")
    table = treem.indicators.compute(children, incidents, cases=cases, indicators=["intervention_plan_in_time_share"], level="district",
                                     suppress=False)
    total = table[table["kind"].isna()].iloc[0]
    checks = check_cases(cases, as_of=dt.datetime(2024, 12, 31, 23, 59)).frame
    approval = checks[checks["deadline"] == "plan_approved"]
    counted = approval[approval["kind"].isin(["sexual_abuse", "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation",
                                              "prostitution_or_pornography", "abandonment", "trafficking"])]
    # The incidents' own cases: found by id, then by their line in the case register.
    row_of = {case_id: n for n, case_id in enumerate(cases._c.ids)}
    own = [row_of[i] for i in incidents.frame["case_id"].dropna() if i]
    mine = counted[counted["line"].isin(set(cases.frame["line"].iloc[own]))]
    assert len(mine) > 0
    assert total["numerator"] == (mine["state"] == "met").sum()
    assert total["denominator"] == mine["state"].isin(["met", "missed", "overdue"]).sum()
    with pytest.warns(UserWarning, match=r"incidents name a case that the case register does not hold"):
        treem.indicators.compute(children, incidents, cases=read_cases(generated / "cases.csv", as_of="31/12/2024", key="a key of sixteen bytes"),
                                 indicators=["intervention_plan_in_time_share"], level="district", suppress=False)
    cli = run("indicators", "--children", str(generated / "children.csv"), "--incidents", str(generated / "incidents.csv"),
              "--cases", str(generated / "cases.csv"), "--indicator", "intervention_plan_in_time_share", "--level", "district", "--csv")
    assert cli.returncode == 0, cli.stderr
    assert "incidents take their case's computed timeliness" in cli.stderr
