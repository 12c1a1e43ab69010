"""The indicator engine from Python: hand-worked registers, an independent pandas computation and a
DuckDB one on generated registers, suppression, targets, errors and the CLI."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import treem
from treem import indicators
from treem.registers import generate

from test_cli import PROGRAM

SEXUAL = ["sexual_abuse", "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography"]
ABUSE = ["violence", *SEXUAL, "exploitation", "trafficking", "abandonment", "neglect", "other_abuse"]
INJURY = ["drowning", "traffic_injury", "other_injury"]
PLAN_KINDS = [*SEXUAL, "abandonment", "trafficking"]
# The kind breakdown's parents, as the README states them: each counts the kinds listed.
KIND_PARENTS = {"injury": INJURY, "abuse": ABUSE, "sexual_abuse": SEXUAL}


def _by_kind_row(frame: pd.DataFrame) -> pd.DataFrame:
    """Each incident once under its own kind's row (plain sexual_abuse is the form not recorded)
    and once more under each parent that counts it."""
    own = frame.assign(kind=frame["kind"].replace({"sexual_abuse": "sexual_abuse_form_not_recorded"}))
    return pd.concat([own, *[frame[frame["kind"].isin(kinds)].assign(kind=parent) for parent, kinds in KIND_PARENTS.items()]])


def small_registers():
    """Six children and six incidents in Di Lăng (21289) and Sơn Bao (21301); values worked by hand below."""
    children = pd.DataFrame({
        "id": ["TE1", "TE2", "TE3", "TE4", "TE5", "TE6"],
        "unit": ["21289", "21289", "21289", "21289", "21301", "21301"],
        "sex": ["M", "F", "F", "M", "M", "F"],
        "birth_date": pd.to_datetime(["2024-06-01", "2020-01-01", "2019-12-31", "2010-03-15", "2021-07-07", "2009-01-01"]),
        "ethnicity": ["Kinh", "H're", "Kinh", "H're", "H're", "Kinh"],
        "special_groups": ["", "d", "", "a", "", ""],
        "receiving_support": [False, True, False, False, False, False],
        "birth_registered": [True, True, True, True, False, True],
        "health_insurance": [True, False, True, False, True, False],
        "disability": [False, True, False, False, False, False],
        "enrolled": [False, False, True, True, True, True],
    })
    incidents = pd.DataFrame({
        "unit": ["21289", "21289", "21289", "21301", "21301", "21289"],
        "date": pd.to_datetime(["2024-07-10", "2024-03-02", "2024-09-09", "2024-11-01", "2024-12-31", "2023-12-31"]),
        "kind": ["drowning", "violence", "sexual_abuse", "traffic_injury", "abandonment", "violence"],
        "fatal": [True, False, False, False, False, False],
        "sex": ["M", "F", "F", None, "F", "M"],
        "age": [7, 12, 14, None, 0, 10],
        "environment": ["unknown", "family", "school", "unknown", "family", "family"],
        "plan_approved_in_time": pd.array([None, None, True, None, False, None], dtype="boolean"),
    })
    return children, incidents


def value(frame, unit, key, **categories):
    rows = frame[(frame["unit"] == unit) & (frame["indicator"] == key)]
    for dim in ("sex", "age_group", "ethnicity", "kind", "environment"):
        rows = rows[rows[dim] == categories[dim]] if dim in categories else rows[rows[dim].isna()]
    assert len(rows) == 1, (unit, key, categories)
    return rows.iloc[0]


def test_hand_worked_registers():
    children, incidents = small_registers()
    t = indicators.compute(children, incidents, level=["commune", "district"], suppress=False)
    assert value(t, "21289", "child_population").numerator == 4
    assert value(t, "21289", "child_population", age_group="0-4").numerator == 2  # ages 0 and 4
    assert value(t, "21289", "child_population", sex="female", age_group="5-9").numerator == 1  # exactly 5 on 31/12/2024
    assert value(t, "21289", "special_circumstances_share").value == 50.0  # groups a and d
    assert value(t, "21301", "birth_registration_under5").value == 0.0  # the 3-year-old is not registered
    row = value(t, "21289", "abused_children_rate")  # 2 abuse cases in 2024 (the 2023 one is out) per 4 children
    assert row.numerator == 2 and row.denominator == 4 and row.value == 50000.0
    assert row.lower == pytest.approx(0.2422093 * 25000, abs=0.01) and row.upper == pytest.approx(7.2246877 * 25000, abs=0.01)
    unknown_sex = value(t, "21301", "child_injury_rate", sex="unknown")
    assert unknown_sex.numerator == 1 and math.isnan(unknown_sex.denominator)
    assert value(t, "529", "intervention_plan_in_time_share").value == 50.0  # 1 of 2 cases with a known plan
    assert value(t, "529", "child_population").numerator == 6
    assert t.attrs["reference_date"] == "31/12/2024" and t.attrs["suppression_threshold"] == 0
    assert list(t.columns) == ["level", "unit", "unit_name", "period", "indicator", "sex", "age_group", "ethnicity", "kind", "environment",
                               "numerator", "denominator", "value", "lower", "upper", "suppressed"]


def test_poisson_intervals_match_epitools():
    children, incidents = small_registers()
    five = pd.concat([incidents.iloc[[0]]] * 5, ignore_index=True)  # five drowning deaths in Di Lăng
    t = indicators.compute(children, five, indicators=["drowning_deaths"], suppress=False)
    row = value(t, "21289", "drowning_deaths")
    assert row.numerator == 5
    assert row.lower == pytest.approx(1.623486, abs=1e-6) and row.upper == pytest.approx(11.668332, abs=1e-6)  # pois.exact(5)
    zero = value(t, "21301", "drowning_deaths")
    assert zero.numerator == 0 and zero.lower == 0 and zero.upper == pytest.approx(3.688879, abs=1e-6)  # pois.exact(0)


# ---------------------------------------------------------------------------------------------
# An independent computation with pandas, written from the catalogue's prose, not from treem's code.

def _ages(birth: pd.Series, reference=dt.date(2024, 12, 31)) -> pd.Series:
    b = pd.to_datetime(birth)
    before_birthday = (b.dt.month > reference.month) | ((b.dt.month == reference.month) & (b.dt.day > reference.day))
    return reference.year - b.dt.year - before_birthday.astype(int)


def _expected(children: pd.DataFrame, incidents: pd.DataFrame):
    sexes = {"M": "male", "F": "female"}
    groups = lambda age: pd.cut(age, [-1, 4, 9, 15], labels=["0-4", "5-9", "10-15"]).astype(object).where(age.notna(), "unknown")
    c = children.assign(age=_ages(children["birth_date"]), unit=children["unit"].astype(str), sex=children["sex"].astype(str).map(sexes))
    c["age_group"] = groups(c["age"])
    c["special"] = c["special_groups"] != 0
    i = incidents[incidents["date"].dt.year == 2024]
    i = i.assign(unit=i["unit"].astype(str), kind=i["kind"].astype(str), sex=i["sex"].astype(object).map(sexes).fillna("unknown"),
                 age_group=groups(i["age"].astype("float")), fatal=i["fatal"].astype(bool), environment=i["environment"].astype(str))
    c["ethnicity"] = c["ethnicity"].astype(str)
    everyone = pd.Series(True, index=c.index)
    child_defs = {
        "child_population": (everyone, None),
        "special_circumstances_share": (c["special"], everyone),
        "special_circumstances_supported_share": (c["special"] & c["receiving_support"], c["special"]),
        "children_with_disabilities_share": ((c["special_groups"] & 8) != 0, everyone),
        "birth_registration_under5": ((c["age"] <= 4) & c["birth_registered"], c["age"] <= 4),
        "health_insurance_under6": ((c["age"] <= 5) & c["health_insurance"], c["age"] <= 5),
        "kindergarten_3_5": (c["age"].between(3, 5) & c["enrolled"], c["age"].between(3, 5)),
        "kindergarten_age5": ((c["age"] == 5) & c["enrolled"], c["age"] == 5),
    }
    abuse, injury = i["kind"].isin(ABUSE), i["kind"].isin(INJURY)
    drowned = (i["kind"] == "drowning") & i["fatal"]
    planned = i["kind"].isin(PLAN_KINDS)
    incident_defs = {
        "abused_children": (abuse, None),
        "abused_children_rate": (abuse, everyone),
        "abused_children_percent": (abuse, everyone),
        "child_injury_rate": (injury, everyone),
        "child_injury_death_rate": (injury & i["fatal"], everyone),
        "drowning_deaths": (drowned, None),
        "drowning_death_rate": (drowned, everyone),
        "intervention_plan_in_time_share": (planned & i["plan_approved_in_time"].fillna(False).astype(bool),
                                            planned & i["plan_approved_in_time"].notna()),
    }
    return c, i, child_defs, incident_defs


@pytest.fixture(scope="module")
def generated():
    return generate("sonha", seed=21)


def test_every_indicator_matches_an_independent_pandas_computation(generated):
    """Every indicator, in every breakdown it has, against pandas group-bys."""
    children, incidents = generated
    result = indicators.compute(children, incidents, level="commune", suppress=False)
    c, i, child_defs, incident_defs = _expected(children, incidents)
    dims = ("sex", "age_group", "ethnicity", "kind", "environment")
    columns_of = {id(c): {"sex", "age_group", "ethnicity"}, id(i): {"sex", "age_group", "kind", "environment"}}
    checked, seen_breakdowns = 0, set()
    for key in treem.indicators.Catalogue.bundled().keys:
        in_children = key in child_defs
        num_mask, den_mask = child_defs[key] if in_children else incident_defs[key]
        source = c if in_children else i
        den_source = i if key == "intervention_plan_in_time_share" else c
        for by in ([], *[[d] for d in dims], ["sex", "age_group"]):
            rows = result[result["indicator"] == key]
            for dim in dims:
                rows = rows[rows[dim].notna()] if dim in by else rows[rows[dim].isna()]
            if rows.empty:
                continue  # the indicator is not broken down this way
            seen_breakdowns.add(tuple(by))
            den_by = [b for b in by if b in columns_of[id(den_source)]]
            counted = _by_kind_row(source[num_mask]) if "kind" in by else source[num_mask]
            numerator = counted.groupby(["unit", *by], observed=True).size()
            if den_mask is not None:
                over = _by_kind_row(den_source[den_mask]) if "kind" in den_by else den_source[den_mask]
                denominator = over.groupby(["unit", *den_by], observed=True).size()
            else:
                denominator = None
            for _, row in rows.iterrows():
                index = (str(row["unit"]), *[str(row[b]) for b in by])
                assert row["numerator"] == numerator.get(index if by else index[0], 0), (key, index)
                if denominator is None:
                    assert math.isnan(row["denominator"])
                    continue
                den_index = (str(row["unit"]), *[str(row[b]) for b in den_by])
                if "unknown" in den_index[1:] and den_source is c:
                    assert math.isnan(row["denominator"])  # children have no unknown sex or age
                else:
                    assert row["denominator"] == denominator.get(den_index if den_by else den_index[0], 0), (key, index)
                checked += 1
    assert seen_breakdowns == {(), ("sex",), ("age_group",), ("ethnicity",), ("kind",), ("environment",), ("sex", "age_group")}
    assert checked > 1000


def test_district_totals_match_duckdb(generated):
    import duckdb  # installed by .ci/setup --dev: a missing install must fail, not skip
    children, incidents = generated
    c, i, _, _ = _expected(children, incidents)
    con = duckdb.connect()
    con.register("c", c[["unit", "sex", "age_group", "special", "receiving_support"]])
    con.register("i", i[["unit", "kind", "fatal", "sex"]])
    population = con.execute("SELECT sex, count(*) FROM c GROUP BY sex ORDER BY sex").fetchall()
    injuries = con.execute("SELECT count(*) FROM i WHERE kind IN ('drowning', 'traffic_injury', 'other_injury')").fetchone()[0]
    supported = con.execute("SELECT count(*) FILTER (WHERE receiving_support), count(*) FROM c WHERE special").fetchone()
    result = indicators.compute(children, incidents, level="district", suppress=False)
    assert [(s, n) for s, n in population] == [("female", value(result, "529", "child_population", sex="female").numerator),
                                               ("male", value(result, "529", "child_population", sex="male").numerator)]
    total = sum(n for _, n in population)
    rate = value(result, "529", "child_injury_rate")
    assert rate.numerator == injuries and rate.denominator == total
    assert rate.value == pytest.approx(injuries / total * 100000, rel=1e-12)
    share = value(result, "529", "special_circumstances_supported_share")
    assert (share.numerator, share.denominator) == supported


def test_roll_up_totals_are_sums_of_communes(generated):
    children, incidents = generated
    t = indicators.compute(children, incidents, level=["commune", "district", "nation"], suppress=False)
    keys = ["indicator", "sex", "age_group", "ethnicity", "kind", "environment"]
    communes = t[t["level"] == "commune"].groupby(keys, observed=True, dropna=False)["numerator"].sum()
    district = t[t["level"] == "district"].set_index(keys)["numerator"]
    nation = t[t["level"] == "nation"].set_index(keys)["numerator"]
    pd.testing.assert_series_equal(communes.sort_index(), district.sort_index(), check_names=False)
    pd.testing.assert_series_equal(district.sort_index(), nation.sort_index(), check_names=False)


def test_merger_reports_2024_on_the_new_communes(generated):
    children, incidents = generated
    old = indicators.compute(children, incidents, level="commune", suppress=False, indicators=["child_population"])
    new = indicators.compute(children, incidents, level="commune", suppress=False, indicators=["child_population"], merger="nq-1677-2025-son-ha")
    def totals(f):
        rows = f[f["sex"].isna() & f["age_group"].isna() & f["ethnicity"].isna()]
        return pd.Series(rows["numerator"].to_numpy(), index=rows["unit"].astype(str))

    o, n = totals(old), totals(new)
    assert len(n) == 5 and n.sum() == o.sum()
    assert n["21289"] == o["21289"] + o["21301"] + o["21313"]  # Di Lăng, Sơn Bao, Sơn Thượng -> xã Sơn Hà


def test_no_sum_of_published_cells_has_exactly_one_withheld(generated):
    children, incidents = generated
    open_, t = (indicators.compute(children, incidents, level=["commune", "district"], suppress=s) for s in (False, True))
    assert t["suppressed"].any()
    small = open_["numerator"].between(1, 4)
    assert t.loc[small, "suppressed"].all() and t.loc[small, "numerator"].isna().all()
    # A withheld row shows no value or interval; each of its counts is shown unless it is withheld.
    assert t.loc[t["suppressed"], ["value", "lower", "upper"]].isna().all().all()
    assert (t["numerator"].isna() <= t["suppressed"]).all() and (t["denominator"].isna() & open_["denominator"].notna() <= t["suppressed"]).all()
    assert (t.loc[t["suppressed"], "numerator"].isna() | t.loc[t["suppressed"], "denominator"].isna()).all()
    t["suppressed"] = t["numerator"].isna()  # below: the withheld numerators
    # In each unit's one-dimension breakdowns plus the total, never exactly one withheld cell.
    for dim in ("sex", "age_group", "kind", "environment", "ethnicity"):
        others = [d for d in ("sex", "age_group", "ethnicity", "kind", "environment") if d != dim]
        rows = t[t[others].isna().all(axis=1)]
        for (_, _, _), g in rows.groupby(["level", "unit", "indicator"], observed=True):
            parts = g[g[dim].notna()]
            if parts.empty:
                continue
            assert parts["suppressed"].sum() + g[g[dim].isna()]["suppressed"].sum() != 1


def test_targets_progress():
    children, incidents = small_registers()
    t = indicators.compute(children, incidents, level="district", suppress=False)
    p = indicators.progress(t, year=2025)
    injury = p[p["indicator"] == "child_injury_rate"].iloc[0]  # 2 injuries per 6 children: far above 550 per 100,000
    assert injury["comparator"] == "<" and injury["target"] == 550 and not injury["meets"]
    assert injury["gap"] == pytest.approx(2 / 6 * 100000 - 550)
    drowning = p[p["indicator"] == "drowning_deaths"].iloc[0]
    assert pd.isna(drowning["meets"]) and math.isnan(drowning["target"])  # relative target, no baseline given
    with_baseline = indicators.progress(t, year=2025, baselines={("529", "drowning_deaths"): 2.0})
    d = with_baseline[with_baseline["indicator"] == "drowning_deaths"].iloc[0]
    assert d["target"] == pytest.approx(1.8) and bool(d["meets"])  # 1 death <= 2 x 0.9


def test_bad_registers_give_located_errors_without_child_data():
    children, incidents = small_registers()
    # A child of 16 on the reference date, or one born after it, is not an error: a register of any
    # date serves; such rows are left out (Law on Children, Art. 1), and Di Lăng counts 3, not 4.
    for row, born in ((3, "2008-12-31"), (0, "2025-03-01")):
        other = children.copy()
        other.loc[row, "birth_date"] = pd.Timestamp(born)
        population = indicators.compute(other, incidents, suppress=False, indicators=["child_population"])
        assert value(population, "21289", "child_population")["numerator"] == 3
    unknown = children.copy()
    unknown.loc[4, "unit"] = "99999"
    with pytest.raises(treem.ValidationError, match=r"children:6:2: unit: not a commune code or commune name on 31/12/2024"):
        indicators.compute(unknown, incidents)
    missing = children.copy()
    missing.loc[2, "sex"] = None
    with pytest.raises(treem.ValidationError, match=r"children:4:3: sex: not one of Nam, Nữ, M, F") as err:
        indicators.compute(missing, incidents)
    assert err.value.line == 4 and err.value.field == "sex"
    negative = incidents.copy()
    negative.loc[1, "age"] = -3
    with pytest.raises(treem.ValidationError, match=r"incidents:3:6: age: not an age of a child, 0-15"):
        indicators.compute(children, negative)
    with pytest.raises(treem.ValidationError, match="zero denominators are errors"):
        indicators.compute(children, incidents, zero_denominator="error")


def test_polars_and_arrow_tables_give_the_same_result(generated):
    import polars as pl
    import pyarrow as pa

    children, incidents = generated
    base = indicators.compute(children, incidents, suppress=False)
    # Arrow and polars tables are read by the compiled reader, whose dictionaries hold only the
    # categories some row uses (the generator's "Dân tộc khác" has no child in Sơn Hà), so compare
    # the rows that are not broken down by ethnicity, and the ethnic groups that have children.
    same = lambda f: f[f["ethnicity"].isna()]["numerator"].to_numpy()
    used = lambda f: f[f["ethnicity"].astype(object).isin(set(children["ethnicity"].astype(str)))].sort_values(
        ["unit", "indicator", "ethnicity", "sex", "age_group"], key=lambda c: c.astype(str))["numerator"].to_numpy()
    for table in (pa.Table.from_pandas(children), pl.from_pandas(children)):
        other = indicators.compute(table, pa.Table.from_pandas(incidents) if isinstance(table, pa.Table) else pl.from_pandas(incidents), suppress=False)
        np.testing.assert_array_equal(same(base), same(other))
        np.testing.assert_array_equal(used(base), used(other))


def test_users_catalogue(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('schema = "treem.indicators/1"\nid = "mine"\nversion = "1"\n[[indicator]]\nkey = "girls"\nname_vi = "Trẻ em gái"\n'
                    'name_en = "Girls"\nnumerator = { register = "children", sex = "female" }\nunit = "children"\n'
                    'status = "unconfirmed"\nsource = "a district count"\n', encoding="utf-8")
    cat = indicators.catalogue(path)
    assert "girls" in cat.keys and len(cat) == len(indicators.Catalogue.bundled()) + 1
    children, _ = small_registers()
    t = indicators.compute(children, catalogue=cat, indicators=["girls"], suppress=False)
    assert list(t["numerator"]) == [2, 1]


# ---------------------------------------------------------------------------------------------
# The treem program.

def run(*args):
    return subprocess.run([PROGRAM, *args], capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen")
    assert run("generate", "--units", "sonha", "--seed", "21", "--out", str(folder)).returncode == 0
    return folder


def test_cli_csv_equals_python(files, generated):
    result = run("indicators", "--children", str(files / "children.csv"), "--incidents", str(files / "incidents.csv"),
                 "--level", "commune,district", "--csv")
    assert result.returncode == 0, result.stderr
    cli = pd.read_csv(pd.io.common.StringIO(result.stdout), dtype={"unit": str})
    children, incidents = generated
    py = indicators.compute(children, incidents, level=["commune", "district"])
    keys = ["level", "unit", "indicator", "sex", "age_group", "ethnicity", "kind", "environment"]
    py = py.assign(**{k: py[k].astype(object).where(py[k].notna(), "") for k in keys})
    cli = cli.assign(**{k: cli[k].astype(object).where(cli[k].notna(), "") for k in keys})
    both = cli.merge(py, on=keys, how="right", suffixes=("_cli", "_py"), indicator=True)
    # The generator's frame lists an ethnic group no child of Sơn Hà has; the CSV cannot: those rows are 0 anyway.
    only_py = both[both["_merge"] == "right_only"]
    assert (only_py["ethnicity"] == "Dân tộc khác").all() and (only_py["numerator_py"].fillna(0) == 0).all()
    both = both[both["_merge"] == "both"]
    assert len(both) == len(cli)
    np.testing.assert_array_equal(both["numerator_cli"].to_numpy(), both["numerator_py"].to_numpy())
    np.testing.assert_array_equal(both["suppressed_cli"].astype(bool).to_numpy(), both["suppressed_py"].to_numpy())
    np.testing.assert_array_equal(both["value_cli"].to_numpy(), both["value_py"].to_numpy())  # the CSV keeps every bit
    assert not cli.loc[cli["numerator"].between(1, 4)].shape[0]  # suppression is on by default


def test_cli_json_targets_and_no_suppression(files):
    result = run("indicators", "--children", str(files / "children.csv"), "--incidents", str(files / "incidents.csv"),
                 "--level", "district", "--json", "--targets", "--no-suppression")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["suppression_threshold"] == 0 and doc["period"] == "2024"
    assert {d["key"] for d in doc["indicators"]} == set(indicators.Catalogue.bundled().keys)
    assert any(g["indicator"] == "child_injury_rate" and g["year"] == 2025 for g in doc["targets"])
    # The schema says which kind rows are sums, as Python does, and the rows keep to it.
    assert doc["sum_of"] == indicators.compute(*small_registers(), suppress=False).attrs["sum_of"]
    by_kind = {r["kind"]: r["numerator"] for r in doc["rows"] if r["indicator"] == "abused_children" and r["kind"] is not None
               and r["sex"] is None and r["age_group"] is None and r["environment"] is None}
    assert by_kind["sexual_abuse"] == sum(by_kind.get(k, 0) for k in doc["sum_of"]["kind"]["sexual_abuse"]) > 0


def test_the_atom_programme_reads_the_whole_district_table(files):
    """Sơn Hà's tables, every indicator at every level, are small enough for the atom programme (the
    reader who splits every count into the pieces the published counts tell apart): it read them
    whole, and left every count of 1..k an interval holding [0, k + 1]."""
    result = run("indicators", "--children", str(files / "children.csv"), "--incidents", str(files / "incidents.csv"), "--json")
    assert result.returncode == 0, result.stderr
    p = json.loads(result.stdout)["protection"]
    assert p["atom_columns"] > 0 and p["unprotected"] == 0 and p["skipped"] == 0, p
    assert "atom programme" not in result.stderr


def test_cli_keeps_a_wider_protection_interval_when_asked(files):
    """--protection-upper 12: every withheld count of 1..k must reach 12 for any reader, which
    withholds more than the default [0, 5]; below k + 1 it is refused with one located error."""
    base = ["indicators", "--children", str(files / "children.csv"), "--incidents", str(files / "incidents.csv"), "--json"]
    default, wide = run(*base), run(*base, "--protection-upper", "12")
    assert default.returncode == 0 and wide.returncode == 0, wide.stderr
    d, w = json.loads(default.stdout), json.loads(wide.stdout)
    assert (d["protection_upper"], w["protection_upper"]) == (5, 12)
    assert sum(r["suppressed"] for r in w["rows"]) > sum(r["suppressed"] for r in d["rows"])
    assert w["protection"]["unprotected"] == 0 and w["protection"]["atom_columns"] > 0
    refused = run(*base, "--protection-upper", "4")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "protection_upper: the upper end of a withheld count's interval must be at least k + 1 = 5" in refused.stderr


def test_cli_reads_in_sub_tables_as_asked(files):
    """--sub-tables-above 0: Sơn Hà's commune and district table is read in sub-tables first; it has
    one (the district and its communes), which is the whole table, so it counts as read whole even
    with --whole-table-limit 0, and nothing is said of sub-tables. The same cells as read whole from
    the start. A negative number of unknowns is refused, naming the option."""
    base = ["indicators", "--children", str(files / "children.csv"), "--incidents", str(files / "incidents.csv"), "--json",
            "--level", "commune,district"]
    whole, parts, only_parts = run(*base), run(*base, "--sub-tables-above", "0"), run(*base, "--sub-tables-above", "0", "--whole-table-limit", "0")
    assert whole.returncode == 0 and parts.returncode == 0 and only_parts.returncode == 0, only_parts.stderr
    for result in (parts, only_parts):
        p = json.loads(result.stdout)["protection"]
        assert (p["sub_tables"], p["read_whole"], p["parts_read_whole"], p["unprotected"]) == (1, True, 0, 0), p
        assert "sub-table" not in result.stderr
    assert json.loads(whole.stdout)["protection"]["sub_tables"] == 0
    assert json.loads(parts.stdout)["rows"] == json.loads(whole.stdout)["rows"]
    refused = run(*base, "--whole-table-limit", "-1")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "--whole-table-limit" in refused.stderr and "a number of unknowns is 0 or more, not -1" in refused.stderr


def test_python_reads_in_sub_tables_as_asked():
    """The same options as keywords (the table's one sub-table is the whole table, as for the
    program above); a negative limit is refused."""
    children, incidents = small_registers()
    parts = indicators.tabulate(children, incidents, level=["commune", "district"], sub_tables_above=0, whole_table_limit=0)
    assert (parts.protection.sub_tables, parts.protection.read_whole) == (1, True)
    assert "sub_tables=1, read_whole=True, parts_read_whole=0" in repr(parts.protection)
    with pytest.raises(treem.ValidationError, match="whole_table_limit: a number of unknowns is 0 or more, not -1"):
        indicators.compute(children, incidents, whole_table_limit=-1)


def test_the_kind_breakdown_shows_the_laws_tree(generated):
    """Parents are the sums the README states, printed only where they are neither the total nor one part."""
    children, incidents = generated
    t = indicators.compute(children, incidents, level="commune", suppress=False, indicators=["abused_children", "child_injury_rate"])
    tree = t.attrs["sum_of"]["kind"]
    assert tree == {"injury": INJURY, "abuse": ["violence", "sexual_abuse", "exploitation", "trafficking", "abandonment", "neglect", "other_abuse"],
                    "sexual_abuse": ["sexual_abuse_form_not_recorded", *SEXUAL[1:]]}
    rows = t[t[["sex", "age_group", "ethnicity", "environment"]].isna().all(axis=1) & t["kind"].notna()]
    abused = rows[rows["indicator"] == "abused_children"].pivot_table(index="unit", columns="kind", values="numerator", observed=True)
    assert "abuse" not in abused.columns and "injury" not in abused.columns and "drowning" not in abused.columns
    assert abused["sexual_abuse"].sum() > 0
    assert (abused["sexual_abuse"] == abused[tree["sexual_abuse"]].sum(axis=1)).all()
    injured = rows[rows["indicator"] == "child_injury_rate"]
    assert set(injured["kind"].astype(str)) == set(INJURY)  # the injury row would be the total again


def test_cli_bad_register_fails_whole(tmp_path, files):
    bad = tmp_path / "children.csv"
    lines = (files / "children.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    fields[3] = "2015-02-30"  # a day that does not exist
    lines[3] = ",".join(fields)
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("indicators", "--children", str(bad), "--csv", "--out", str(out))
    assert result.returncode == 2
    assert f"{bad}:4" in result.stderr and "birth_date" in result.stderr
    assert fields[0] not in result.stderr  # never the child's id
    assert not out.exists()  # nothing half-written


def test_read_incidents_matches_the_generator(files, generated):
    _, incidents = generated
    read = treem.registers.read_incidents(files / "incidents.csv", units=treem.UnitRegistry.from_file(files / "units.toml"))
    assert read.rows_rejected == 0 and read.problems.empty
    assert list(read.frame["kind"].astype(str)) == list(incidents["kind"].astype(str))
    assert list(read.frame["date"]) == list(incidents["date"])
    assert read.frame["plan_approved_in_time"].isna().sum() == incidents["plan_approved_in_time"].isna().sum()
    t1 = indicators.compute(generated[0], read, suppress=False)
    t2 = indicators.compute(*generated, suppress=False)
    np.testing.assert_array_equal(t1["numerator"].to_numpy(), t2["numerator"].to_numpy())


def test_read_incidents_lenient_lists_problems_without_values():
    frame = pd.DataFrame({"mã xã": ["21289", "99999", "21301"], "ngày": ["10/07/2024", "11/07/2024", "31/02/2024"],
                          "loại": ["drowning", "violence", "violence"], "tử vong": ["1", "0", "0"]})
    read = treem.registers.read_incidents(frame, lenient=True, source="incidents.xlsx")
    assert len(read.frame) == 1 and read.rows_rejected == 2
    assert list(read.problems["line"]) == [3, 4]
    with pytest.raises(treem.ValidationError, match=r"incidents.xlsx:3"):
        treem.registers.read_incidents(frame, source="incidents.xlsx")


def test_notebook_progress_bar(monkeypatch, tmp_path, files):
    import sys
    import types

    updates = []

    class Handle:
        def update(self, obj):
            updates.append(obj)

    display_module = types.SimpleNamespace(HTML=lambda text: text, display=lambda obj, display_id=True: Handle())
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)
    monkeypatch.setattr(treem.registers, "_in_notebook", lambda: True)
    treem.registers.read_children(files / "children.csv", units=treem.UnitRegistry.from_file(files / "units.toml"), progress=True)
    assert updates and "100%" in updates[-1] and "<progress" in updates[-1]


def test_prepared_registers_give_the_same_table(generated):
    children, incidents = generated
    prepared = indicators.prepare(children, incidents)
    assert prepared.nbytes == 14 * len(children) + 14 * len(incidents)  # the engine's columns, nothing else
    a = indicators.compute(prepared, suppress=False)
    b = indicators.compute(children, incidents, suppress=False)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(TypeError):
        indicators.compute(prepared, incidents)


def test_progress_keeps_levels_apart_beyond_256_totals(generated):
    children, incidents = generated
    t = indicators.compute(children, incidents, level=["commune", "district", "province", "nation"], suppress=False)
    p = indicators.progress(t)
    assert len(t[t["sex"].isna() & t["age_group"].isna() & t["ethnicity"].isna() & t["kind"].isna() & t["environment"].isna()]) > 256
    levels = dict(zip(t["unit"].astype(str), t["level"].astype(str)))
    assert all(levels[u] == lv for u, lv in zip(p["unit"], p["level"]))


def test_yes_no_text_and_bad_ages():
    children, incidents = small_registers()
    text = children.assign(**{f: children[f].map({True: "có", False: "không"}) for f in ("birth_registered", "disability")})
    a = indicators.compute(children, incidents, suppress=False)
    b = indicators.compute(text, incidents.assign(fatal=incidents["fatal"].map({True: "1", False: "0"})), suppress=False)
    np.testing.assert_array_equal(a["numerator"].to_numpy(), b["numerator"].to_numpy())
    with pytest.raises(treem.ValidationError, match=r"children:3:10: disability: not yes or no"):
        indicators.compute(text.assign(disability=["không", "maybe", "không", "không", "không", "không"]), incidents)
    with pytest.raises(treem.ValidationError, match=r"incidents:4:6: age: not an age of a child, 0-15"):
        indicators.compute(children, incidents.astype({"age": object}).assign(age=[7, 12, "mười bốn", None, 0, 10]))


def test_an_empty_ethnicity_is_the_category_unknown_never_all():
    children, incidents = small_registers()
    children = children.assign(ethnicity=["Kinh", "", "Kinh", "", "H're", "Kinh"])
    t = indicators.compute(children, incidents, breakdowns=[["ethnicity"]], suppress=False)
    by_ethnicity = t[(t.indicator == "child_population") & (t.unit == "21289") & t.sex.isna() & t.age_group.isna()]
    assert sorted(by_ethnicity.ethnicity.dropna()) == ["H're", "Kinh", "unknown"]
    assert value(t, "21289", "child_population", ethnicity="unknown").numerator == 2  # TE2 and TE4
    assert value(t, "21289", "child_population").numerator == 4  # the "all" row: every ethnicity, empty included
    # A register that also spells a group "unknown" keeps the two apart rather than merging or failing.
    both = indicators.compute(children.assign(ethnicity=["Kinh", "", "unknown", "", "H're", "Kinh"]), incidents, suppress=False)
    labels = list(both.ethnicity.cat.categories)
    assert "unknown" in labels and "unknown (empty)" in labels and len(set(labels)) == len(labels)


def test_the_disability_column_and_group_d_must_agree():
    children, incidents = small_registers()
    with pytest.raises(treem.ValidationError, match=r"children:4:10: disability: says yes, but special_groups has no d"):
        indicators.compute(children.assign(disability=[False, True, True, False, False, False]), incidents)


# ---------------------------------------------------------------------------------------------
# The publish log: separate runs over the same registers, linked.

def test_cli_publish_log_links_a_district_table_to_the_commune_table(tmp_path, files):
    """A commune table published after the district table withholds what would give back, by
    subtraction from the district's numbers, a count the commune table withholds."""
    log = tmp_path / "published.csv"
    common = ["indicators", "--children", str(files / "children.csv"), "--incidents", str(files / "incidents.csv"), "--csv"]
    first = run(*common, "--level", "district", "--publish-log", str(log))
    assert first.returncode == 0, first.stderr
    assert "0 counts of earlier runs taken into account" in first.stderr
    entries = pd.read_csv(log, dtype=str, keep_default_na=False)
    assert list(entries.columns) == ["period", "reference_date", "merger", "communes", "count", "minus", "state", "value"]
    assert set(entries["state"]) <= {"published", "withheld", "protected"}
    assert (entries.loc[entries["state"] != "published", "value"] == "").all()  # a withheld count's number is never written
    district = pd.read_csv(pd.io.common.StringIO(first.stdout), dtype={"unit": str})
    assert (entries["state"] == "published").sum() > 0 and len(entries) >= district["unit"].nunique()

    alone = pd.read_csv(pd.io.common.StringIO(run(*common, "--level", "commune").stdout), dtype={"unit": str})
    second = run(*common, "--level", "commune", "--publish-log", str(log))
    assert second.returncode == 0, second.stderr
    assert f"{len(entries)} counts of earlier runs taken into account" in second.stderr
    linked = pd.read_csv(pd.io.common.StringIO(second.stdout), dtype={"unit": str})
    assert linked["suppressed"].sum() > alone["suppressed"].sum()  # the district's numbers called for more
    # No sum of the district's published cells over its communes has exactly one withheld commune.
    keys = ["indicator", "sex", "age_group", "ethnicity", "kind", "environment"]
    d = district.fillna({k: "" for k in keys}).set_index(keys)
    c = linked.fillna({k: "" for k in keys})
    for key, group in c.groupby(keys):
        if key in d.index and not np.isnan(d.loc[key, "numerator"]).any():
            assert group["numerator"].isna().sum() != 1, key
    after = pd.read_csv(log, dtype=str, keep_default_na=False)
    assert len(after) > len(entries) and after.iloc[: len(entries)].equals(entries)  # earlier entries kept as they were


def test_cli_bad_publish_log_fails_whole(tmp_path, files):
    log = tmp_path / "published.csv"
    log.write_text("period,reference_date,merger,communes,count,minus,state,value\n2024,31/12/2024,,21289,children,,maybe,\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run("indicators", "--children", str(files / "children.csv"), "--csv", "--out", str(out), "--publish-log", str(log))
    assert result.returncode == 2
    assert f"{log}:2:7: state: not one of published, withheld, protected" in result.stderr
    assert not out.exists()
    refused = run("indicators", "--children", str(files / "children.csv"), "--no-suppression", "--publish-log", str(tmp_path / "new.csv"))
    assert refused.returncode == 2 and "--no-suppression" in refused.stderr and not (tmp_path / "new.csv").exists()


def test_compute_publish_log_as_the_program_does(tmp_path, generated):
    children, incidents = generated
    log = tmp_path / "log.csv"
    first = indicators.compute(children, incidents, level="district", publish_log=log)
    assert log.exists() and first.attrs["protection"]["logged"] == 0
    written = len(pd.read_csv(log, dtype=str))
    second = indicators.compute(children, incidents, level="commune", publish_log=str(log))
    assert second.attrs["protection"]["logged"] == written  # every line is of this period and of these communes
    alone = indicators.compute(children, incidents, level="commune")
    assert second["suppressed"].sum() > alone["suppressed"].sum()
    assert second.attrs["protection"]["logged_outside"] == 0
    with pytest.raises(treem.ValidationError, match="suppress=False"):
        indicators.compute(children, incidents, suppress=False, publish_log=tmp_path / "other.csv")
    assert not (tmp_path / "other.csv").exists()


@pytest.mark.parametrize("extra", [(), ("--targets",), ("--level", "commune,district", "--no-suppression")])
def test_cli_and_python_print_the_same_json(files, extra):
    """One to_json in the library serves both, byte for byte: the program's --json and
    IndicatorTable.to_json() over the same files, read by the same reader."""
    result = run("indicators", "--children", str(files / "children.csv"), "--incidents", str(files / "incidents.csv"), "--json", *extra)
    assert result.returncode == 0, result.stderr
    table = indicators.tabulate(treem.registers.read_children(files / "children.csv"),
                                treem.registers.read_incidents(files / "incidents.csv"),
                                level=["commune", "district"] if "--level" in extra else "commune", suppress="--no-suppression" not in extra)
    assert result.stdout == table.to_json(targets="--targets" in extra)
    doc = json.loads(result.stdout)
    assert len(doc["rows"]) == len(table) and ("targets" in doc) == ("--targets" in extra)


def test_the_table_stays_in_cpp_and_its_columns_are_views(generated):
    """The result is a bound C++ object, not a dict: its number columns are read-only numpy views
    of the engine's vectors, the same memory on every access, and they keep the table alive."""
    children, incidents = generated
    table = indicators.tabulate(children, incidents, level=["commune", "district"])
    assert type(table._t).__name__ == "IndicatorTable" and type(table.protection).__name__ == "ProtectionReport"
    value = table.column("value")
    assert value.dtype == np.float64 and not value.flags.writeable and not value.flags.owndata
    assert np.shares_memory(value, table.column("value")) and value.base is table._t
    with pytest.raises(ValueError, match="read-only"):
        value[0] = 1.0
    # A view outlives the wrapper that gave it.
    numerator = indicators.tabulate(children, incidents, level="district").column("numerator")
    __import__("gc").collect()
    frame = indicators.compute(children, incidents, level=["commune", "district"])
    assert np.nansum(numerator) == np.nansum(frame.loc[frame["level"] == "district", "numerator"])
    # The frame is the same as compute's, and it is the analyst's to change: the table does not move.
    copy = table.to_frame()
    pd.testing.assert_frame_equal(copy, frame)
    assert copy.attrs == frame.attrs and frame.attrs["protection"]["atom_columns"] == table.protection.atom_columns > 0
    copy.loc[0, "value"] = -1.0
    assert table.column("value")[0] != -1.0
    view = table.to_frame(copy=False)
    assert np.shares_memory(view["value"].to_numpy(), value)
    with pytest.raises(KeyError, match="unit_name"):
        table.column("unit_name")


def test_progress_from_the_table_equals_progress_from_its_frame(generated):
    children, incidents = generated
    table = indicators.tabulate(children, incidents, level="district", suppress=False)
    from_table = indicators.progress(table, year=2025)
    pd.testing.assert_frame_equal(from_table, indicators.progress(table.to_frame(), year=2025))
    assert len(from_table) > 0 and from_table["meets"].dtype == "boolean" and from_table["year"].eq(2025).all()
    assert table.sum_of == table.to_frame().attrs["sum_of"] and "sexual_abuse" in table.sum_of["kind"]


def test_the_table_shows_itself(generated):
    children, incidents = generated
    table = indicators.tabulate(children, incidents, level="district")
    assert repr(table).startswith("IndicatorTable(period='2024', ") and "k=4" in repr(table)
    assert table.reference_date == dt.date(2024, 12, 31) and table.confidence == 0.95 and table.period == "2024"
    html = table._repr_html_()
    assert "<table" in html and "withheld (k=4)" in html
    with pytest.raises(treem.ValidationError, match="dimension"):
        table._t.labels("colour")


def test_a_read_register_stays_in_cpp_and_the_engine_reads_its_columns(files):
    """read_children / read_incidents keep the register in C++: the engine reads its columns as the
    reader left them (no DataFrame built, nothing re-encoded), and gives the same table as from the
    register's frame."""
    children = treem.registers.read_children(files / "children.csv")
    incidents = treem.registers.read_incidents(files / "incidents.csv")
    assert type(children._r).__name__ == "ChildRegister" and type(incidents._r).__name__ == "IncidentRegister"
    unit = children._r.unit
    assert unit.dtype == np.uint32 and not unit.flags.writeable and unit.base is children._r
    assert incidents._r.kind.dtype == np.uint8 and len(incidents._r.kind) == len(incidents) > 0
    table = indicators.compute(children, incidents, level=["commune", "district"])
    assert children._frame is None and incidents._frame is None  # the frames were never needed
    pd.testing.assert_frame_equal(table, indicators.compute(children.frame, incidents.frame, level=["commune", "district"]))
    np.testing.assert_array_equal(children.frame["unit"].cat.codes.to_numpy(), unit)
    assert children.rows_read == len(children) and children.problems.empty and list(children.left_out.columns) == ["field", "rule", "rows"]
    prepared = indicators.prepare(children, incidents)
    assert np.shares_memory(prepared.children["birth"], children._r.birth)  # prepared without a copy
    assert repr(children).startswith(f"ChildRegister({len(children)} children, 0 rows rejected")
