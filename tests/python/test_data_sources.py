"""What a user reads cites the legal instrument and article (or a public page), never the project's
internal specification: no bundled data file, and nothing the package prints from them, names
"DOMAIN.md"."""

import json
from pathlib import Path

import pandas as pd

import treem
from treem import indicators

DATA = Path(__file__).resolve().parents[2] / "data"
TEST_DATA = Path(__file__).resolve().parents[1] / "data"
FORBIDDEN = "DOMAIN.md"


def test_the_data_folder_is_found():
    assert sorted(p.name for p in DATA.glob("*/*.toml")), f"no TOML files under {DATA}"


def test_no_bundled_data_file_cites_domain_md():
    hits = []
    for path in sorted(DATA.rglob("*.toml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if FORBIDDEN in line:
                hits.append(f"{path.relative_to(DATA.parent)}:{number}: {line.strip()}")
    assert not hits, "cite the instrument and article (or the public page) instead of DOMAIN.md:\n" + "\n".join(hits)


def test_certification_reasons_and_traces_do_not_cite_domain_md():
    result = treem.certify(pd.read_csv(TEST_DATA / "certify-assessments-2024.csv", dtype=str, keep_default_na=False),
                           pd.read_csv(TEST_DATA / "certify-incidents-2024.csv", dtype=str, keep_default_na=False),
                           period="2024", rules=treem.Rules.son_ha_2024())
    assert len(result) > 0
    for decision in result:
        for lang in ("en", "vi"):
            assert all(FORBIDDEN not in r for r in decision.reasons(lang)), decision.explain(lang)
        trace = decision.to_json("en") + decision.to_json("vi")
        assert FORBIDDEN not in trace and "data/plans/" not in trace, decision.unit


def test_rules_template_and_catalogue_do_not_cite_domain_md():
    for lang in ("vi", "en"):
        assert FORBIDDEN not in treem.rules_template(lang)
    sources = {d["key"]: d["source"] for d in indicators.catalogue().definitions()}
    assert sources and all(s.strip() for s in sources.values())  # every indicator names a source ...
    assert not {k: s for k, s in sources.items() if FORBIDDEN in s}  # ... and none is the internal document
