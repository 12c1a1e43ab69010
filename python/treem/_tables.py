"""Tables into the compiled reader: every table is read by the same C++ reader as a CSV file, so
that the checks, the messages and the results are the same whatever the source. Nothing here parses
a cell.

A table that speaks the Arrow PyCapsule interface (``__arrow_c_stream__``: pyarrow, polars, DuckDB,
and pandas through pyarrow) is handed over as an Arrow stream and read in place, without a copy. A
pandas frame whose columns pyarrow cannot take (mixed objects), or any pandas frame when pyarrow is
not installed, goes as one numpy array per column.

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
    """A table treem reads: pandas, polars, pyarrow, or anything with ``__arrow_c_stream__``."""
    import pandas as pd

    return (isinstance(data, pd.DataFrame) or hasattr(data, "__arrow_c_stream__")
            or (hasattr(data, "column_names") and hasattr(data, "column"))
            or (hasattr(data, "columns") and hasattr(data, "get_column")))


def _pandas_stream(data: Any) -> Any:
    """A pandas frame as an Arrow stream, or None when pyarrow is absent or cannot take a column
    (an object column mixing numbers and text). The index is not a column of the table."""
    try:
        import pyarrow as pa
    except ImportError:
        return None
    try:
        return pa.Table.from_pandas(data, preserve_index=False).__arrow_c_stream__()
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return None


def table_input(data: Any) -> tuple[Any, int]:
    """(table, rows) for the compiled reader: an Arrow stream capsule where the table has one,
    else one numpy array per column; ``rows`` is the table's length when known (0 when not)."""
    import pandas as pd

    try:
        rows = len(data)
    except TypeError:  # a stream of batches
        rows = 0
    if isinstance(data, pd.DataFrame):
        stream = _pandas_stream(data)
        return (stream if stream is not None else frame_columns(data)), rows
    if hasattr(data, "__arrow_c_stream__"):
        return data.__arrow_c_stream__(), rows
    return frame_columns(data), rows


def strings(column: Any) -> Any:
    """A column of strings from the compiled library (its memory, Arrow's layout) for pandas:
    an Arrow-backed array without a copy when pyarrow is installed, else Python strings."""
    try:
        import pyarrow as pa
    except ImportError:
        return column.to_list()
    import pandas as pd

    return pd.arrays.ArrowExtensionArray(pa.array(column))


def read_parquet_columns(path: str) -> Any:
    """A Parquet file's columns, read by pyarrow (the library made for the format)."""
    import pyarrow.parquet as pq

    return table_input(pq.read_table(path))[0]


def read_excel_columns(path: str) -> list[tuple[str, np.ndarray]]:
    """An Excel sheet's cells as text (openpyxl through pandas: no type guessing, codes keep their zeros)."""
    import pandas as pd

    return frame_columns(pd.read_excel(path, dtype=str, keep_default_na=False))
