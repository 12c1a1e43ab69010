"""The installed package: version, typing markers, exception mapping."""

import importlib.resources
import re
from pathlib import Path

import treem

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_one_in_version_hpp():
    header = (ROOT / "include/treem/version.hpp").read_text(encoding="utf-8")
    assert re.search(r'TREEM_VERSION_STRING "([^"]+)"', header).group(1) == treem.__version__


def test_typing_markers_are_installed():
    files = importlib.resources.files("treem")
    assert files.joinpath("py.typed").is_file()
    assert files.joinpath("_core.pyi").is_file()


def test_public_names_exist():
    for name in treem.__all__:
        assert hasattr(treem, name), name


def test_exception_hierarchy():
    assert issubclass(treem.ParseError, treem.TreemError) and issubclass(treem.ParseError, ValueError)
    assert issubclass(treem.ValidationError, treem.TreemError) and issubclass(treem.ValidationError, ValueError)
    assert issubclass(treem.NotFoundError, treem.TreemError) and issubclass(treem.NotFoundError, LookupError)
    assert not issubclass(treem.NotFoundError, ValueError)


def test_messages_are_the_cpp_messages_with_attributes():
    try:
        treem.UnitRegistry.from_toml('schema = "treem.units/1"\nid = "x"\nversion = "1"\n[[unit]]\ncode = "1"\nname = "A"\nkind = "xa2"\nstatus = "confirmed"\nsource = "s"\n', source="mem.toml")
    except treem.ValidationError as e:
        assert str(e) == "mem.toml:7:8: unit[0].kind: unknown kind 'xa2' (expected one of tinh, thanh_pho_truc_thuoc_trung_uong, huyen, quan, thi_xa, thanh_pho, xa, phuong, thi_tran, dac_khu, thon, to_dan_pho)"
        assert (e.source, e.line, e.column, e.field) == ("mem.toml", 7, 8, "unit[0].kind")
        assert e.rule.startswith("unknown kind 'xa2'")
    else:
        raise AssertionError("no error")
