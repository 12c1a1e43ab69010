"""Tables into the compiled reader: every DataFrame (pandas, polars, pyarrow) is handed over as one
numpy array per column and read by the same C++ reader as a CSV file, so that the checks, the
messages and the results are the same whatever the source. Nothing here parses a cell.

The vocabulary (column names in English and Vietnamese, sex and yes/no spellings, incident kinds,
environments) comes from the compiled module, where it is defined once.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _core

VOCABULARY = _core.vocabulary()


def _as_array(values: Any) -> np.ndarray:
    """A column as an array the reader takes: objects, int64, float64 or bool."""
    arr = np.asarray(values)
    kind = arr.dtype.kind
    if kind == "M":  # dates: ISO text (a time of day is kept, and then refused by the date rule)
        days = arr.astype("datetime64[D]")
        whole = np.isnat(arr) | (days == arr)
        text = np.where(whole, np.datetime_as_string(days, unit="D"), np.datetime_as_string(arr))
        return np.where(np.isnat(arr), None, text).astype(object)
    if kind == "b":
        return arr.astype(bool, copy=False)
    if kind in "iu":
        return arr.astype(np.int64, copy=False)
    if kind == "f":
        return arr.astype(np.float64, copy=False)
    return arr.astype(object, copy=False)


def frame_columns(data: Any) -> list[tuple[str, np.ndarray]]:
    """(name, array) for each column of a pandas, polars or pyarrow table, without a pandas round trip."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return [(str(name), _as_array(data.iloc[:, i].to_numpy())) for i, name in enumerate(data.columns)]
    if hasattr(data, "column_names") and hasattr(data, "column"):  # pyarrow.Table
        return [(str(name), _as_array(data.column(i).to_numpy(zero_copy_only=False))) for i, name in enumerate(data.column_names)]
    if hasattr(data, "columns") and hasattr(data, "get_column"):  # polars.DataFrame
        return [(str(name), _as_array(data.get_column(name).to_numpy())) for name in data.columns]
    raise TypeError(f"expected a pandas, polars or pyarrow table, got {type(data).__name__}")


def is_frame(data: Any) -> bool:
    """A pandas, polars or pyarrow table (what frame_columns takes)."""
    import pandas as pd

    return (isinstance(data, pd.DataFrame) or (hasattr(data, "column_names") and hasattr(data, "column"))
            or (hasattr(data, "columns") and hasattr(data, "get_column")))


def read_parquet_columns(path: str) -> list[tuple[str, np.ndarray]]:
    """A Parquet file's columns, read by pyarrow (the library made for the format)."""
    import pyarrow.parquet as pq

    return frame_columns(pq.read_table(path))


def read_excel_columns(path: str) -> list[tuple[str, np.ndarray]]:
    """An Excel sheet's cells as text (openpyxl through pandas: no type guessing, codes keep their zeros)."""
    import pandas as pd

    return frame_columns(pd.read_excel(path, dtype=str, keep_default_na=False))
