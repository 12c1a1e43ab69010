import datetime as dt
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import treem

IN_2024 = dt.date(2024, 12, 31)
AFTER = dt.date(2025, 7, 1)
OLD = ["21289", "21292", "21295", "21298", "21301", "21304", "21307", "21310", "21313", "21316", "21319", "21322", "21325", "21328"]
NEW = ["21289", "21292", "21307", "21319", "21325"]


def test_son_ha_before_the_reform(units):
    below = units.descendants("529", on=IN_2024)
    assert [u.code for u in below] == OLD
    assert below[0].full_name == "Thị trấn Di Lăng" and below[0].kind == "thi_tran"
    assert sum(u.kind == "xa" for u in below) == 13
    assert [u.code for u in units.ancestors("21292", on=IN_2024)] == ["529", "51"]


def test_codes_are_dated(units):
    assert units.get("21289", on="30/06/2025").full_name == "Thị trấn Di Lăng"
    assert units.get("21289", on=AFTER).full_name == "Xã Sơn Hà"
    assert units.find("529", on=AFTER) is None
    with pytest.raises(treem.NotFoundError) as info:
        units.get("529", on=AFTER)
    assert isinstance(info.value, LookupError) and info.value.key == "529"
    assert [u.code for u in units.units_on(AFTER, tier="commune")] == NEW


def test_names_compare_exactly_after_nfc(units):
    assert [u.code for u in units.find_by_name("Sơn Hà", on=IN_2024)] == ["529"]
    decomposed = unicodedata.normalize("NFD", "Sơn Hạ")
    assert decomposed != "Sơn Hạ"
    assert [u.code for u in units.find_by_name(decomposed, on=IN_2024)] == ["21292"]
    assert units.find_by_name("Son Ha", on=IN_2024) == []
    assert [u.code for u in units.find_by_name("Sơn Hà", on=AFTER, kind="xa")] == ["21289"]


def test_flags_and_frame(units):
    district = units.get("529", on=IN_2024)
    assert district.mountainous is True
    assert district.flag_status["mountainous"][0] == "confirmed"
    commune = units.get("21292", on=IN_2024)
    assert commune.flag_status["mountainous"][0] == "inferred"
    assert commune.extremely_disadvantaged is None
    frame = units.to_frame(on=IN_2024, tier="commune")
    assert list(frame["code"]) == OLD
    assert str(frame["extremely_disadvantaged"].dtype) == "boolean"
    assert frame["extremely_disadvantaged"].isna().all()


def test_merger(units):
    m = units.get_merger("nq-1677-2025-son-ha")
    assert m.effective == AFTER and m.instrument == "Nghị quyết 1677/NQ-UBTVQH15"
    assert m.successors("21304") == ["21307"]  # new Sơn Linh took old Sơn Giang's code
    assert sorted(m.predecessors("21319")) == ["21310", "21319", "21322"]


def test_roll_up_and_across_merger(units):
    counts = pd.Series(np.arange(1, 15), index=OLD, name="children")  # 1 + ... + 14 = 105
    assert units.roll_up(counts, to=["529"], on=IN_2024).to_dict() == {"529": 105.0}
    new = units.across_merger(counts, merger="nq-1677-2025-son-ha")
    # Sơn Hà = Di Lăng 1 + Sơn Bao 5 + Sơn Thượng 9; Sơn Hạ = 2 + 3 + 4; Sơn Linh = 6 + 7 + 10;
    # Sơn Thủy = 8 + 11 + 12; Sơn Kỳ = 13 + 14.
    assert new.to_dict() == {"21289": 15.0, "21292": 9.0, "21307": 23.0, "21319": 31.0, "21325": 27.0}
    assert new.name == "children"
    frame = pd.DataFrame({"boys": np.arange(14), "girls": np.ones(14)}, index=OLD)
    rolled = units.roll_up(frame, to=["51"], on=IN_2024)
    assert rolled.loc["51"].tolist() == [91.0, 14.0]
    with pytest.raises(treem.ValidationError, match="exactly 1"):
        units.roll_up(counts, to=["529", "51"], on=IN_2024)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=14, max_size=14))
def test_totals_are_preserved(values):
    units = treem.UnitRegistry.bundled()
    counts = pd.Series(values, index=OLD)
    assert units.roll_up(counts, to=["529"], on=IN_2024)["529"] == sum(values)
    assert units.across_merger(counts, merger="nq-1677-2025-son-ha").sum() == sum(values)


def test_loading_files(tmp_path):
    path = tmp_path / "u.toml"
    path.write_text(
        'schema = "treem.units/1"\nid = "t"\nversion = "1"\n'
        '[[unit]]\ncode = "01"\nname = "Hà Nội"\nkind = "thanh_pho_truc_thuoc_trung_uong"\nstatus = "confirmed"\nsource = "s"\n',
        encoding="utf-8",
    )
    registry = treem.UnitRegistry.from_file(path)
    assert registry.get("01", on=IN_2024).full_name == "Thành phố Hà Nội"
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = "treem.units/1"\nid = "t2"\nversion = "1"\n[[unit]]\ncode = "001"\nname = "X"\nkind = "phuong"\nparent = "02"\nstatus = "confirmed"\nsource = "s"\n', encoding="utf-8")
    before = len(registry)
    with pytest.raises(treem.ValidationError) as info:
        registry.load_file(bad)
    assert str(info.value).startswith(f"{bad}:4:")
    assert "parent 02 is not defined" in str(info.value)
    assert len(registry) == before  # a failed load leaves the registry unchanged
