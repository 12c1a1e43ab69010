"""An indicator table through the Arrow PyCapsule interface: pyarrow, polars and DuckDB read the
table itself (its numbers without a copy), with the frame's columns and values, nulls where a
category is "all" or a number is withheld, and the run's parameters in the schema."""

from __future__ import annotations

import gc

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import treem
from treem import indicators
from treem.registers import generate


@pytest.fixture(scope="module")
def table():
    children, incidents = generate("sonha", seed=21)
    return indicators.tabulate(children, incidents, level=["commune", "district"])


def test_pyarrow_reads_the_frames_columns_and_values(table):
    arrow = table.to_arrow()
    frame = table.to_frame()
    assert arrow.column_names == list(frame.columns) and arrow.num_rows == len(frame) == len(table)
    back = arrow.to_pandas()
    for name in frame.columns:
        ours, theirs = frame[name], back[name]
        if isinstance(ours.dtype, pd.CategoricalDtype) or name == "period":
            assert ours.astype(object).where(ours.notna(), None).tolist() == theirs.astype(object).where(theirs.notna(), None).tolist(), name
        else:
            np.testing.assert_array_equal(ours.to_numpy(), theirs.to_numpy(), err_msg=name)
    assert frame["suppressed"].any()  # the withheld rows are there to be compared


def test_the_numbers_are_the_tables_own_memory_and_keep_it_alive():
    children, incidents = generate("sonha", seed=21)
    table = indicators.tabulate(children, incidents, level="district")
    arrow = pa.table(table)
    numerator = arrow.column("numerator").chunks[0]
    assert numerator.buffers()[1].address == table.column("numerator").ctypes.data
    assert arrow.column("sex").chunks[0].indices.buffers()[1].address == table._t.category("sex").ctypes.data
    expected = np.nansum(table.column("numerator"))
    del table
    gc.collect()
    assert pa.compute.sum(arrow.column("numerator")).as_py() == expected


def test_all_and_withheld_are_nulls(table):
    arrow = table.to_arrow()
    frame = table.to_frame(copy=False)
    assert arrow.column("sex").null_count == int(frame["sex"].isna().sum()) > 0
    assert arrow.column("numerator").null_count == int(frame["numerator"].isna().sum()) > 0
    assert arrow.column("numerator").null_count == int(frame["suppressed"].sum()) - int((frame["suppressed"] & frame["numerator"].notna()).sum())
    assert arrow.schema.field("suppressed").type == pa.bool_() and arrow.schema.field("sex").type.index_type == pa.int8()
    meta = arrow.schema.metadata
    assert meta[b"treem:period"] == b"2024" and meta[b"treem:confidence"] == b"0.95" and meta[b"treem:suppression_threshold"] == b"4"


def test_polars_and_duckdb_read_the_table_in_place(table):
    frame = table.to_frame()
    polars = table.to_polars()
    assert polars.shape == frame.shape
    assert polars["numerator"].null_count() == int(frame["numerator"].isna().sum())
    assert polars["numerator"].sum() == pytest.approx(frame["numerator"].sum())
    t = table  # noqa: F841 (DuckDB finds the table by its name)
    rows = duckdb.sql("SELECT level, count(*), sum(numerator) FROM t WHERE sex IS NULL AND age_group IS NULL "
                      "GROUP BY level ORDER BY level").fetchall()
    totals = frame[frame["sex"].isna() & frame["age_group"].isna()].groupby("level", observed=True)["numerator"]
    assert [(lv, n, pytest.approx(s)) for lv, n, s in rows] == [(lv, int(totals.size()[lv]), pytest.approx(totals.sum()[lv]))
                                                                  for lv in sorted(totals.size().index)]


def test_a_schema_cannot_be_requested(table):
    with pytest.raises(TypeError, match="requested_schema"):
        table.__arrow_c_stream__(pa.schema([("level", pa.string())]).__arrow_c_schema__())


def test_a_breakdown_by_more_than_127_ethnic_groups_is_refused():
    children, _ = generate("sonha", seed=21)
    children = children.copy()
    children["ethnicity"] = [f"group {i % 130}" for i in range(len(children))]
    with pytest.raises(treem.ValidationError, match="ethnicity.*at most 127 categories.*130"):
        indicators.tabulate(children, None, level="district", breakdowns=[["ethnicity"]], suppress=False)
