"""Tables in through the Arrow PyCapsule interface, read in place by the compiled reader: every
layout the DataFrame libraries hand over (text as utf8, large utf8, string views and dictionaries;
integers, booleans, dates and times) gives the register that the CSV text gives; batches of any size
and tables without a known length read alike; what cannot be read is refused, located, without a
child's data; and the ids come back as Arrow memory, not as one Python string each."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import treem
from treem import _tables

CSV = """id,unit,sex,birth_date,ethnicity,special_groups,receiving_support,birth_registered,health_insurance,disability,enrolled
A-1,21292,M,2015-03-05,Kinh,,1,1,1,0,1
A-2,21292,F,2020-11-30,H're,d,1,1,1,1,0
A-3,21295,Nữ,2010-01-01,Kinh,a;b,0,1,0,0,1
A-4,21295,nam,2024-06-01,Ca Dong,,0,0,1,0,0
"""


@pytest.fixture()
def reference(tmp_path):
    path = tmp_path / "children.csv"
    path.write_text(CSV, encoding="utf-8")
    return treem.registers.read_children(path)


def typed_table() -> pa.Table:
    """The same four children with the types a DataFrame library would give them."""
    return pa.table({
        "id": pa.array(["A-1", "A-2", "A-3", "A-4"], pa.large_string()),
        "unit": pa.array([21292, 21292, 21295, 21295], pa.int32()),
        "sex": pa.array(["M", "F", "Nữ", "nam"]).dictionary_encode(),
        "birth_date": pa.array([dt.date(2015, 3, 5), dt.date(2020, 11, 30), dt.date(2010, 1, 1), dt.date(2024, 6, 1)], pa.date32()),
        "ethnicity": pa.array(["Kinh", "H're", "Kinh", "Ca Dong"], pa.string_view()),
        "special_groups": pa.array([None, "d", "a;b", None], pa.string()),
        "receiving_support": pa.array([True, True, False, False]),
        "birth_registered": pa.array([1, 1, 1, 0], pa.int8()),
        "health_insurance": pa.array([1.0, 1.0, 0.0, 1.0]),
        "disability": pa.array([False, True, False, False]),
        "enrolled": pa.array([1, 0, 1, 0], pa.uint8()),
    })


def test_every_arrow_layout_reads_as_the_csv_text_does(reference):
    table = typed_table()
    got = treem.registers.read_children(table)
    pd.testing.assert_frame_equal(got.frame, reference.frame)
    # Timestamps at midnight are dates; the same children from polars (string views) and in batches of one row.
    stamped = table.set_column(3, "birth_date", table.column("birth_date").cast(pa.timestamp("ms")))
    pd.testing.assert_frame_equal(treem.registers.read_children(stamped).frame, reference.frame)
    import polars as pl

    pd.testing.assert_frame_equal(treem.registers.read_children(pl.from_arrow(table)).frame, reference.frame)
    batches = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=1))
    pd.testing.assert_frame_equal(treem.registers.read_children(batches).frame, reference.frame)


def test_a_slice_of_a_table_reads_only_its_rows(reference):
    table = typed_table().slice(1, 2)
    got = treem.registers.read_children(table)
    assert list(got.frame["id"]) == ["A-2", "A-3"]
    pd.testing.assert_frame_equal(got.frame.astype(str), reference.frame.iloc[1:3].reset_index(drop=True).astype(str))


def test_pandas_goes_through_arrow_and_through_numpy_alike(reference, monkeypatch):
    frame = pd.read_csv(pd.io.common.StringIO(CSV), dtype=str, keep_default_na=False)
    through_arrow = treem.registers.read_children(frame)
    monkeypatch.setattr(_tables, "_pandas_stream", lambda data: None)  # as without pyarrow
    through_numpy = treem.registers.read_children(frame)
    pd.testing.assert_frame_equal(through_arrow.frame, reference.frame)
    pd.testing.assert_frame_equal(through_numpy.frame, reference.frame)


def test_what_cannot_be_read_is_refused_by_column_number_and_row():
    zoned = typed_table().set_column(3, "TE-SECRET-9", pa.array([dt.datetime(2015, 3, 5)] * 4, pa.timestamp("us", tz="Asia/Ho_Chi_Minh")))
    with pytest.raises(treem.ValidationError) as e:
        treem.registers.read_children(zoned, source="zoned")
    assert str(e.value) == "zoned:1:4: column 4: a column of Arrow type 'tsu:Asia/Ho_Chi_Minh' cannot be read (a time with a time zone: give dates)"
    assert "SECRET" not in str(e.value)
    # Text that is not UTF-8 (pyarrow does not check a binary column viewed as text) is located at its row.
    table = typed_table()
    bad = pa.array([b"A-1", b"A-2", b"Nguy\xe1n", b"A-4"], pa.binary()).view(pa.string())
    with pytest.raises(treem.ParseError) as e:
        treem.registers.read_children(table.set_column(0, "id", bad), source="bad")
    assert str(e.value) == "bad:4:1: Arrow: column 1 holds text that is not valid UTF-8"


def test_a_time_of_day_is_refused_by_the_date_rule_as_from_text():
    table = typed_table()
    timed = table.set_column(3, "birth_date", pa.array([dt.datetime(2015, 3, 5, 10, 30)] * 4, pa.timestamp("s")))
    got = treem.registers.read_children(timed, lenient=True)
    assert got.rows_rejected == 4
    assert set(got.problems["field"]) == {"birth_date"} and list(got.problems["line"]) == [2, 3, 4, 5]


def test_progress_counts_rows_of_an_arrow_table():
    children, _ = treem.registers.generate(units="sonha", seed=2)
    table = pa.Table.from_pandas(children, preserve_index=False)
    seen = []
    treem.registers.read_children(table, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (table.num_rows, table.num_rows)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_ids_come_back_as_arrow_memory_and_as_python_strings_without_pyarrow(monkeypatch):
    children, _ = treem.registers.generate(units="sonha", seed=2)
    ids = treem.registers.read_children(children).frame["id"]
    assert isinstance(ids.dtype, pd.ArrowDtype) and ids.dtype.pyarrow_dtype == pa.large_string()
    assert list(ids) == list(children["id"])
    register = treem._core._read_child_register(*_tables.table_input(children)[:1], "", "t", treem.UnitRegistry.bundled()._r,
                                                 dt.date(2024, 12, 31), False)
    arrow = pa.array(register.id)  # through __arrow_c_array__, as often as asked
    assert arrow.equals(pa.array(register.id)) and arrow.to_pylist() == list(ids)
    ids_column = register.id
    del register
    __import__("gc").collect()
    assert pa.array(ids_column).to_pylist() == list(ids)  # the column keeps the register alive
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)  # as if pyarrow were not installed
    assert _tables.strings(ids_column) == list(ids)


def test_a_consumed_stream_is_refused():
    table = typed_table()
    capsule = table.__arrow_c_stream__()
    treem._core._read_child_register(capsule, "", "t", treem.UnitRegistry.bundled()._r, dt.date(2024, 12, 31), False)
    with pytest.raises(treem.TreemError, match="^t: the Arrow stream has already been consumed$"):
        treem._core._read_child_register(capsule, "", "t", treem.UnitRegistry.bundled()._r, dt.date(2024, 12, 31), False)


def test_incidents_assessments_and_submissions_take_arrow_tables(tmp_path):
    incidents = pa.table({"unit": pa.array([21292], pa.int64()), "date": pa.array([dt.date(2024, 7, 12)], pa.date32()),
                          "kind": pa.array(["drowning"]).dictionary_encode(), "fatal": pa.array([True])})
    got = treem.registers.read_incidents(incidents)
    assert list(got.frame["kind"].astype(str)) == ["drowning"] and bool(got.frame["fatal"].iloc[0])
    assert got.frame["date"].iloc[0] == pd.Timestamp("2024-07-12")
    as_text = treem.registers.read_incidents(incidents.to_pandas().astype({"date": str}))
    pd.testing.assert_frame_equal(got.frame, as_text.frame)
    assert np.array_equal(got.frame["unit"].astype(str), ["21292"])
