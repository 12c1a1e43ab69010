"""The benchmark's workload, written four times: treem, polars (lazy), DuckDB (SQL) and pandas.

Workload: every indicator of treem's catalogue, per commune, broken down by sex x age group (with
the sex and age-group margins and the total), rolled up to district, province and nation, with 95%
intervals (Garwood for counts and rates, Clopper-Pearson for proportions). Each engine returns the
same canonical frame: level, unit, indicator, sex, age_group, numerator, denominator, lower, upper.
The peers are written as their users would: one grouped aggregation with a conditional count per
numerator or denominator, the roll-up to the higher levels inside the engine itself (DuckDB's
GROUPING SETS, polars' lazy group-bys over one plan, pandas' group-bys), and scipy for the
intervals, over whole arrays.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
LEVELS = ["commune", "district", "province", "nation"]
SEXUAL = ("sexual_abuse", "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography")
ABUSE = ("violence", *SEXUAL, "exploitation", "trafficking", "abandonment", "neglect", "other_abuse")
INJURY = ("drowning", "traffic_injury", "other_injury")
PLAN = (*SEXUAL, "abandonment", "trafficking")
KINDS = ("drowning", "traffic_injury", "other_injury", "violence", "sexual_abuse", "exploitation", "trafficking", "abandonment",
         "neglect", "other_abuse", "rape", "coerced_sex", "sexual_intercourse_with_child", "molestation", "prostitution_or_pornography")
FLAG = {"receiving_support": 1, "birth_registered": 2, "health_insurance": 4, "disability": 8, "enrolled": 16}
REFERENCE = (2024, 12, 31)

# (key, register, numerator condition, denominator condition or None, factor, interval), with the
# conditions as SQL over the columns age, flags, special_groups, kind, fatal, plan (-1/0/1).
# This table restates data/indicators/vn-child-statistics.toml; check_catalogue() keeps them equal.
INDICATORS = [
    ("child_population", "c", "TRUE", None, 1, "none"),
    ("special_circumstances_share", "c", "special_groups <> 0", "TRUE", 100, "cp"),
    ("special_circumstances_supported_share", "c", "special_groups <> 0 AND (flags & 1) <> 0", "special_groups <> 0", 100, "cp"),
    ("children_with_disabilities_share", "c", "(special_groups & 8) <> 0", "TRUE", 100, "cp"),
    ("abused_children", "i", f"kind IN {ABUSE}", None, 1, "none"),
    ("abused_children_rate", "i", f"kind IN {ABUSE}", "TRUE", 100000, "garwood"),
    ("abused_children_percent", "i", f"kind IN {ABUSE}", "TRUE", 100, "garwood"),
    ("child_injury_rate", "i", f"kind IN {INJURY}", "TRUE", 100000, "garwood"),
    ("child_injury_death_rate", "i", f"kind IN {INJURY} AND fatal", "TRUE", 100000, "garwood"),
    ("drowning_deaths", "i", "kind = 'drowning' AND fatal", None, 1, "garwood"),
    ("drowning_death_rate", "i", "kind = 'drowning' AND fatal", "TRUE", 100000, "garwood"),
    ("birth_registration_under5", "c", "age <= 4 AND (flags & 2) <> 0", "age <= 4", 100, "cp"),
    ("health_insurance_under6", "c", "age <= 5 AND (flags & 4) <> 0", "age <= 5", 100, "cp"),
    ("kindergarten_3_5", "c", "age BETWEEN 3 AND 5 AND (flags & 16) <> 0", "age BETWEEN 3 AND 5", 100, "cp"),
    ("kindergarten_age5", "c", "age = 5 AND (flags & 16) <> 0", "age = 5", 100, "cp"),
    ("intervention_plan_in_time_share", "ii", f"kind IN {PLAN} AND plan = 1", f"kind IN {PLAN} AND plan >= 0", 100, "cp"),
]


def bench_catalogue_text() -> str:
    """treem's bundled catalogue with every indicator disaggregated by sex and age group only."""
    text = (ROOT / "data/indicators/vn-child-statistics.toml").read_text(encoding="utf-8")
    return re.sub(r"^disaggregations = \[.*\]$", 'disaggregations = ["sex", "age_group"]', text, flags=re.M)


def check_catalogue(catalogue) -> None:
    keys = [k for k, *_ in INDICATORS]
    assert catalogue.keys == keys, "bench/peers.py INDICATORS no longer matches the bundled catalogue"


# --------------------------------------------------------------------------------------------
# Shared by the peers: the unit hierarchy, breakdowns and intervals.

BREAKDOWNS = ([], ["sex"], ["age_group"], ["sex", "age_group"])


def finish(fine: pd.DataFrame, hier: pd.DataFrame) -> pd.DataFrame:
    """pandas' roll-up: fine has unit, sex, age_group and a column per (indicator, 'n'|'d')."""
    fine = fine.merge(hier, on="unit", how="left")
    fine["nation"] = "VN"
    value_cols = [c for c in fine.columns if c.startswith(("n:", "d:"))]
    pieces = []
    for level, key in zip(LEVELS, ["unit", "district", "province", "nation"]):
        for by in BREAKDOWNS:
            g = fine.groupby([key, *by], observed=True)[value_cols].sum().reset_index().rename(columns={key: "unit"})
            for col in ("sex", "age_group"):
                if col not in by:
                    g[col] = None
            g["level"] = level
            pieces.append(g)
    return intervals(pd.concat(pieces, ignore_index=True))


def intervals(wide: pd.DataFrame) -> pd.DataFrame:
    """Every engine's last step: from rolled-up counts (level, unit, sex, age_group, n:/d: columns)
    to the canonical frame, with the intervals computed by scipy over whole arrays at once."""
    from scipy import stats

    out = []
    for key, _, _, den, factor, interval in INDICATORS:
        x = wide[f"n:{key}"].to_numpy(dtype=float)
        n = wide[f"d:{key}"].to_numpy(dtype=float) if den else np.full(len(wide), np.nan)
        lower = np.full(len(wide), np.nan)
        upper = np.full(len(wide), np.nan)
        if interval == "garwood":
            lo = np.where(x == 0, 0.0, stats.gamma.ppf(0.025, np.maximum(x, 1e-300)))
            hi = stats.gamma.ppf(0.975, x + 1)
            scale = factor / n if den else 1.0
            lower, upper = lo * scale, hi * scale
        elif interval == "cp":
            with np.errstate(invalid="ignore", divide="ignore"):
                lo = np.where(x == 0, 0.0, stats.beta.ppf(0.025, x, n - x + 1))
                hi = np.where(x == n, 1.0, stats.beta.ppf(0.975, x + 1, n - x))
            ok = n > 0
            lower, upper = np.where(ok, lo * factor, np.nan), np.where(ok, hi * factor, np.nan)
        out.append(pd.DataFrame({"level": wide["level"], "unit": wide["unit"].astype(str), "indicator": key, "sex": wide["sex"],
                                 "age_group": wide["age_group"], "numerator": x, "denominator": n, "lower": lower, "upper": upper}))
    return pd.concat(out, ignore_index=True)


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Sorted, with plain strings, without categories no child or incident can fall in (unknown sex or age)."""
    f = frame[["level", "unit", "indicator", "sex", "age_group", "numerator", "denominator", "lower", "upper"]].copy()
    for c in ("level", "unit", "indicator", "sex", "age_group"):
        f[c] = f[c].astype(object).where(f[c].notna(), "").astype(str)
    f = f[(f["sex"] != "unknown") & (f["age_group"] != "unknown")]
    return f.sort_values(["level", "unit", "indicator", "sex", "age_group"]).reset_index(drop=True)


def age_and_group_sql(birth: str) -> str:
    y, m, d = REFERENCE
    # completed years on the reference date from days since 1970-01-01
    return (f"{y} - year(DATE '1970-01-01' + {birth}) - CASE WHEN month(DATE '1970-01-01' + {birth}) > {m} OR "
            f"(month(DATE '1970-01-01' + {birth}) = {m} AND day(DATE '1970-01-01' + {birth}) > {d}) THEN 1 ELSE 0 END")


# --------------------------------------------------------------------------------------------
# The engines. Each takes the registers in its own native in-memory form (prepared before timing)
# and returns the canonical frame.

def run_treem(prepared, units, catalogue, threads: int) -> pd.DataFrame:
    from treem import indicators

    # The table's own columns, not a copy: the frame is only read (as before the result was an IndicatorTable).
    return indicators.tabulate(prepared, level=LEVELS, units=units, catalogue=catalogue, suppress=False, threads=threads).to_frame(copy=False)


def _age_group_np(age: np.ndarray) -> np.ndarray:
    return np.minimum(age // 5, 2)


SEXES = np.array(["male", "female"], dtype=object)
GROUPS = np.array(["0-4", "5-9", "10-15"], dtype=object)


def native_pandas(children: dict, incidents: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Plain columns (codes as in a typical analyst's frame: unit code strings as categoricals)."""
    c = pd.DataFrame({"unit": pd.Categorical.from_codes(children["unit"].astype(np.int64), categories=children["units"]),
                      "sex": children["sex"], "birth": children["birth"], "special_groups": children["special_groups"],
                      "flags": children["flags"]})
    i = pd.DataFrame({"unit": pd.Categorical.from_codes(incidents["unit"].astype(np.int64), categories=incidents["units"]),
                      "day": incidents["day"], "kind": pd.Categorical.from_codes(incidents["kind"].astype(np.int64), categories=list(KINDS)),
                      "fatal": incidents["fatal"].astype(bool), "sex": incidents["sex"], "age": incidents["age"],
                      "plan": incidents["plan_in_time"]})
    return c, i


def run_pandas(c: pd.DataFrame, i: pd.DataFrame, hier: pd.DataFrame) -> pd.DataFrame:
    y, m, d = REFERENCE
    born = pd.to_datetime(c["birth"].to_numpy().astype("datetime64[D]"))
    age = y - born.year.to_numpy() - ((born.month.to_numpy() > m) | ((born.month.to_numpy() == m) & (born.day.to_numpy() > d)))
    work = pd.DataFrame({"unit": c["unit"], "sex": c["sex"], "age_group": _age_group_np(age)})
    special, flags = c["special_groups"].to_numpy(), c["flags"].to_numpy()
    conds = {
        "TRUE": np.ones(len(c), dtype=bool), "special_groups <> 0": special != 0,
        "special_groups <> 0 AND (flags & 1) <> 0": (special != 0) & (flags & 1 != 0), "(special_groups & 8) <> 0": special & 8 != 0,
        "age <= 4 AND (flags & 2) <> 0": (age <= 4) & (flags & 2 != 0), "age <= 4": age <= 4,
        "age <= 5 AND (flags & 4) <> 0": (age <= 5) & (flags & 4 != 0), "age <= 5": age <= 5,
        "age BETWEEN 3 AND 5 AND (flags & 16) <> 0": (age >= 3) & (age <= 5) & (flags & 16 != 0), "age BETWEEN 3 AND 5": (age >= 3) & (age <= 5),
        "age = 5 AND (flags & 16) <> 0": (age == 5) & (flags & 16 != 0), "age = 5": age == 5,
    }
    year_days = (np.datetime64("2024-01-01") - np.datetime64("1970-01-01")).astype(int), (np.datetime64("2024-12-31") - np.datetime64("1970-01-01")).astype(int)
    i = i[(i["day"] >= year_days[0]) & (i["day"] <= year_days[1])]
    kind, fatal, plan = i["kind"].astype(str).to_numpy(), i["fatal"].to_numpy(), i["plan"].to_numpy()
    iconds = {
        f"kind IN {ABUSE}": np.isin(kind, ABUSE), f"kind IN {INJURY}": np.isin(kind, INJURY),
        f"kind IN {INJURY} AND fatal": np.isin(kind, INJURY) & fatal, "kind = 'drowning' AND fatal": (kind == "drowning") & fatal,
        f"kind IN {PLAN} AND plan = 1": np.isin(kind, PLAN) & (plan == 1), f"kind IN {PLAN} AND plan >= 0": np.isin(kind, PLAN) & (plan >= 0),
    }
    iwork = pd.DataFrame({"unit": i["unit"], "sex": i["sex"].to_numpy(), "age_group": _age_group_np(i["age"].to_numpy())})
    for key, reg, num, den, *_ in INDICATORS:
        if reg == "c":
            work[f"n:{key}"] = conds[num]
            work[f"d:{key}"] = conds[den] if den else False
        else:
            iwork[f"n:{key}"] = iconds[num]
            if reg == "ii":
                iwork[f"d:{key}"] = iconds[den]
            else:
                work[f"d:{key}"] = conds[den] if den else False
    cf = work.groupby(["unit", "sex", "age_group"], observed=True).sum().reset_index()
    inf = iwork.groupby(["unit", "sex", "age_group"], observed=True).sum().reset_index()
    fine = cf.merge(inf, on=["unit", "sex", "age_group"], how="outer").fillna(0)
    return finish(_labels(fine), hier)


def _labels(fine: pd.DataFrame) -> pd.DataFrame:
    fine["unit"] = fine["unit"].astype(str)
    fine["sex"] = SEXES[fine["sex"].to_numpy().astype(int)]
    fine["age_group"] = GROUPS[fine["age_group"].to_numpy().astype(int)]
    return fine


def _rolled_labels(wide: pd.DataFrame) -> pd.DataFrame:
    """Codes to labels where a margin's code is null (the roll-ups done inside polars and DuckDB)."""
    for col, names in (("sex", SEXES), ("age_group", GROUPS)):
        missing = wide[col].isna().to_numpy()
        labels = names[wide[col].fillna(0).to_numpy().astype(int)].astype(object)
        labels[missing] = None
        wide[col] = labels
    return wide


def native_polars(c: pd.DataFrame, i: pd.DataFrame):
    import polars as pl

    return pl.from_pandas(c), pl.from_pandas(i)


def run_polars(c, i, hier: pd.DataFrame) -> pd.DataFrame:
    import polars as pl

    y, m, d = REFERENCE
    born = pl.col("birth").cast(pl.Date)
    age = (pl.lit(y) - born.dt.year() - ((born.dt.month() > m) | ((born.dt.month() == m) & (born.dt.day() > d))).cast(pl.Int32)).alias("age")
    cond = {
        "special_groups <> 0": pl.col("special_groups") != 0,
        "special_groups <> 0 AND (flags & 1) <> 0": (pl.col("special_groups") != 0) & ((pl.col("flags") & 1) != 0),
        "(special_groups & 8) <> 0": (pl.col("special_groups") & 8) != 0,
        "age <= 4 AND (flags & 2) <> 0": (pl.col("age") <= 4) & ((pl.col("flags") & 2) != 0), "age <= 4": pl.col("age") <= 4,
        "age <= 5 AND (flags & 4) <> 0": (pl.col("age") <= 5) & ((pl.col("flags") & 4) != 0), "age <= 5": pl.col("age") <= 5,
        "age BETWEEN 3 AND 5 AND (flags & 16) <> 0": pl.col("age").is_between(3, 5) & ((pl.col("flags") & 16) != 0),
        "age BETWEEN 3 AND 5": pl.col("age").is_between(3, 5),
        "age = 5 AND (flags & 16) <> 0": (pl.col("age") == 5) & ((pl.col("flags") & 16) != 0), "age = 5": pl.col("age") == 5,
    }
    k = pl.col("kind").cast(pl.Utf8)
    icond = {
        f"kind IN {ABUSE}": k.is_in(ABUSE), f"kind IN {INJURY}": k.is_in(INJURY), f"kind IN {INJURY} AND fatal": k.is_in(INJURY) & pl.col("fatal"),
        "kind = 'drowning' AND fatal": (k == "drowning") & pl.col("fatal"), f"kind IN {PLAN} AND plan = 1": k.is_in(PLAN) & (pl.col("plan") == 1),
        f"kind IN {PLAN} AND plan >= 0": k.is_in(PLAN) & (pl.col("plan") >= 0),
    }
    caggs, iaggs = [], []

    def count(condition: str, name: str):  # a literal True does not broadcast inside an aggregation: count rows instead
        return (pl.len() if condition == "TRUE" else cond[condition].sum()).alias(name)

    for key, reg, num, den, *_ in INDICATORS:
        if reg == "c":
            caggs.append(count(num, f"n:{key}"))
            if den:
                caggs.append(count(den, f"d:{key}"))
        else:
            iaggs.append(icond[num].sum().alias(f"n:{key}"))
            if reg == "ii":
                iaggs.append(icond[den].sum().alias(f"d:{key}"))
            elif den:
                caggs.append(count(den, f"d:{key}"))
    age_group = pl.min_horizontal(pl.col("age") // 5, pl.lit(2)).alias("age_group")
    cf = (c.lazy().with_columns(age).with_columns(age_group).group_by("unit", "sex", "age_group").agg(caggs))
    first, last = 19723, 20088  # 01/01/2024 and 31/12/2024 as days since 1970-01-01
    inf = (i.lazy().filter(pl.col("day").is_between(first, last))
           .with_columns(pl.min_horizontal(pl.col("age").cast(pl.Int32) // 5, pl.lit(2)).alias("age_group")).group_by("unit", "sex", "age_group").agg(iaggs))
    keys = [pl.col("unit").cast(pl.Utf8), pl.col("sex").cast(pl.Int32), pl.col("age_group").cast(pl.Int32)]
    fine = (cf.with_columns(keys).join(inf.with_columns(keys), on=["unit", "sex", "age_group"], how="full", coalesce=True).fill_null(0)
            .join(pl.from_pandas(hier).lazy(), on="unit", how="left").with_columns(pl.lit("VN").alias("nation")))
    values = pl.col("^[nd]:.*$")
    pieces = []
    for level, key in zip(LEVELS, ["unit", "district", "province", "nation"]):
        for by in BREAKDOWNS:
            margins = [pl.lit(None, dtype=pl.Int32).alias(col) for col in ("sex", "age_group") if col not in by]
            pieces.append(fine.group_by(key, *by).agg(values.sum()).rename({key: "unit"})
                          .with_columns(pl.lit(level).alias("level"), *margins).select("level", "unit", "sex", "age_group", values))
    wide = pl.concat(pieces).collect().to_pandas()  # one plan: the join is computed once for the 16 group-bys
    return intervals(_rolled_labels(wide))


def run_duckdb(con, hier: pd.DataFrame) -> pd.DataFrame:
    """`con` has tables c and i registered (from Arrow, without copies)."""
    caggs, iaggs = [], []
    for key, reg, num, den, *_ in INDICATORS:
        if reg == "c":
            caggs.append(f'count(*) FILTER (WHERE {num}) AS "n:{key}"')
            if den:
                caggs.append(f'count(*) FILTER (WHERE {den}) AS "d:{key}"')
        else:
            iaggs.append(f'count(*) FILTER (WHERE {num}) AS "n:{key}"')
            if reg == "ii":
                iaggs.append(f'count(*) FILTER (WHERE {den}) AS "d:{key}"')
            elif den:
                caggs.append(f'count(*) FILTER (WHERE {den}) AS "d:{key}"')
    value_names = [a.rsplit(" AS ", 1)[1] for a in caggs + iaggs]
    sums = ", ".join(f"coalesce(sum({v}), 0) AS {v}" for v in value_names)
    sets = ", ".join("(" + ", ".join(([key] if key else []) + by) + ")"
                     for key in ("f.unit", "h.district", "h.province", None) for by in BREAKDOWNS)
    sql = f"""
    WITH cc AS (SELECT unit, sex, special_groups, flags, {age_and_group_sql('birth')} AS age FROM c),
    cf AS (SELECT CAST(unit AS VARCHAR) AS unit, sex, least(age // 5, 2) AS age_group, {', '.join(caggs)} FROM cc GROUP BY ALL),
    inf AS (SELECT CAST(unit AS VARCHAR) AS unit, sex, least(age // 5, 2) AS age_group, {', '.join(iaggs)}
            FROM (SELECT unit, sex, age, CAST(kind AS VARCHAR) AS kind, fatal, plan FROM i WHERE day BETWEEN 19723 AND 20088) GROUP BY ALL),
    f AS (SELECT * FROM cf FULL OUTER JOIN inf USING (unit, sex, age_group))
    SELECT CASE WHEN grouping(f.unit) = 0 THEN 'commune' WHEN grouping(h.district) = 0 THEN 'district'
                WHEN grouping(h.province) = 0 THEN 'province' ELSE 'nation' END AS level,
           coalesce(f.unit, h.district, h.province, 'VN') AS unit, f.sex AS sex, f.age_group AS age_group, {sums}
    FROM f LEFT JOIN hier h ON h.unit = f.unit
    GROUP BY GROUPING SETS ({sets})
    """
    con.register("hier", hier)
    wide = con.execute(sql).df()
    return intervals(_rolled_labels(wide))
