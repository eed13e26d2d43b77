"""Parsing text cells into typed columns, collecting every cell that does not parse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from indicators.arrowops import TEXT, to_float
from indicators.schemas import ColumnSpec

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_INTEGER = r"[+-]?\d+(?:\.0*)?"
_DATE = r"\d{4}-\d{2}-\d{2}(?:[ T]00:00(?::00(?:\.0+)?)?)?"
_DATETIME = r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]00:?00)?"
_TRUE = {"true", "yes", "1", "t", "y"}
_FALSE = {"false", "no", "0", "f", "n"}


def parse_column(cells: pd.Series, spec: ColumnSpec) -> tuple[pd.Series, pd.Series]:
    """Parse ``cells`` (text or missing) to ``spec``'s type.

    Returns the typed column (a cell that fails is left missing) and the failing cells'
    original text, indexed like ``cells``.
    """
    text = cells.astype(TEXT)
    given = text.notna()
    if spec.dtype == "Float64":
        ok = text.str.fullmatch(_NUMBER).fillna(False).astype(bool)
        values = to_float(text.where(ok))
    elif spec.dtype == "Int64":
        ok = text.str.fullmatch(_INTEGER).fillna(False).astype(bool)
        values = to_float(text.where(ok)).round().astype("Int64")
    elif spec.dtype == "boolean":
        lowered = text.str.lower()
        ok = lowered.isin(_TRUE | _FALSE).fillna(False).astype(bool)
        values = lowered.isin(_TRUE).astype("boolean").where(ok, pd.NA)
    elif spec.dtype.startswith("datetime64"):
        pattern = _DATETIME if spec.name.endswith("_at") else _DATE
        ok = text.str.fullmatch(pattern).fillna(False).astype(bool)
        values = _to_datetime(text.where(ok), timestamp=spec.name.endswith("_at"))
        ok &= values.notna()  # 2024-02-30 has the form but is no day
    else:
        return text, text.iloc[0:0]
    bad = given & ~ok
    return values, text[bad]


def _to_datetime(text: pd.Series, *, timestamp: bool) -> pd.Series:
    if timestamp:
        parsed = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
        return parsed.dt.tz_convert(None).astype("datetime64[ns]")
    # Arrow's strptime: a million days in C++; an impossible day (2024-02-30) becomes missing.
    days = pc.utf8_slice_codeunits(pa.array(text, type=pa.string()), 0, 10)
    parsed = pc.strptime(days, format="%Y-%m-%d", unit="ns", error_is_null=True)
    # strptime rolls 2024-02-30 over to 2024-03-01: keep only days whose day is as written.
    same = pc.equal(pc.day(parsed), pc.cast(pc.utf8_slice_codeunits(days, 8, 10), pa.int64()))
    parsed = pc.if_else(same, parsed, pa.scalar(None, parsed.type))
    return pd.Series(parsed.to_numpy(zero_copy_only=False), index=text.index).astype(
        "datetime64[ns]"
    )


def constant_column(value: object, spec: ColumnSpec, index: pd.Index) -> pd.Series:
    """A column an input left out: ``value`` (parsed once) on every row, or all missing."""
    one, bad = parse_column(pd.Series([value], dtype=TEXT), spec)
    if len(bad):
        raise ValueError(f"default {value!r} of column {spec.name} does not parse")
    return pd.Series(one.array.take(np.zeros(len(index), dtype=np.intp)), index=index)
