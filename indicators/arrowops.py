"""Vectorised text operations on Arrow-backed columns that pandas would run in Python."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

TEXT = pd.StringDtype("pyarrow")
"""Text columns are Arrow-backed: a million rows parse, match and compare in C++, not Python."""


def isin(series: pd.Series, values: Iterable[str]) -> pd.Series:
    """``series.isin(values)`` for text, in C++ even when ``values`` holds a million ids.

    Missing cells are never "in" (False).
    """
    if isinstance(values, pd.Series):
        value_set = pa.array(values.astype("string[pyarrow]"), type=pa.string())
    else:
        value_set = pa.array(list(values), type=pa.string())
    array = pa.array(series.astype("string[pyarrow]"), type=pa.string())
    found = pc.fill_null(pc.is_in(array, value_set=value_set), False)
    return pd.Series(found.to_numpy(zero_copy_only=False), index=series.index)


def to_float(text: pd.Series) -> pd.Series:
    """Text already checked to be numbers (or missing) as Float64."""
    array = pa.array(text.astype("string[pyarrow]"), type=pa.string())
    return pd.Series(pd.array(array.cast(pa.float64()), dtype="Float64"), index=text.index)


def lookup(series: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """``series.map(mapping)`` for text keys and values, in C++; unknown keys are missing."""
    keys = pa.array(list(mapping), type=pa.string())
    values = pa.array(list(mapping.values()), type=pa.string())
    array = pa.array(series.astype("string[pyarrow]"), type=pa.string())
    found = pc.take(values, pc.index_in(array, value_set=keys))
    return pd.Series(pd.array(found, dtype="string[pyarrow]"), index=series.index)
