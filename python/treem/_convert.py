"""Conversions between Python / numpy / pandas dates and what the compiled core takes."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np

from ._core import ValidationError, parse_date


def validation_error(field: str, rule: str, source: str = "<argument>") -> ValidationError:
    """A ValidationError built in Python, with the same attributes as one raised by the core."""
    err = ValidationError(f"{source}: {field}: {rule}")
    err.source, err.line, err.column, err.field, err.rule = source, None, None, field, rule
    return err


def _is_missing(value: Any) -> bool:
    # pandas.NaT is a datetime subclass whose methods raise, so it is recognised by its type.
    if value is None or type(value).__name__ == "NaTType":
        return True
    return isinstance(value, np.datetime64) and bool(np.isnat(value))


def to_date(value: Any, field: str = "date") -> _dt.date:
    """A ``datetime.date`` from a date, a midnight datetime / pandas Timestamp, a numpy
    datetime64, or a string in 'dd/mm/yyyy' or ISO form."""
    if _is_missing(value):
        raise validation_error(field, "is missing (NaT or None)")
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None or value.time() != _dt.time(0):
            raise validation_error(field, f"{value!r} has a time of day or a time zone; pass a date")
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValidationError:
            raise
        except Exception as err:  # ParseError: keep the message, name the field
            raise validation_error(field, err.args[0].split(": ", 1)[-1]) from None
    if isinstance(value, np.datetime64):
        return to_date(value.astype("datetime64[D]").item(), field)
    raise validation_error(field, f"expected a date, got {type(value).__name__}")


def to_epoch_days(values: Any, field: str = "dates") -> np.ndarray:
    """Days since 1970-01-01 as an int64 array. A datetime64[D] array is viewed, not copied."""
    arr = np.asarray(values)
    if arr.size == 0:
        return np.empty(arr.shape, dtype="int64")
    if arr.dtype.kind in "OU":  # dates or strings: convert one by one
        arr = np.array([np.datetime64(to_date(v, field), "D") for v in arr.ravel()], dtype="datetime64[D]").reshape(arr.shape)
    if arr.dtype.kind != "M":
        raise validation_error(field, f"expected dates (datetime64), got dtype {arr.dtype}")
    if np.isnat(arr).any():
        position = int(np.flatnonzero(np.isnat(arr.ravel()))[0])
        raise validation_error(field, f"value at position {position} is missing (NaT)")
    if arr.dtype != np.dtype("datetime64[D]"):
        days = arr.astype("datetime64[D]")
        if np.any(days != arr):
            raise validation_error(field, "some values have a time of day; pass dates")
        arr = days
    return arr.view("int64")


def from_epoch_days(days: np.ndarray) -> np.ndarray:
    """datetime64[D] view of an int64 array of days since 1970-01-01."""
    return np.asarray(days, dtype="int64").view("datetime64[D]")
