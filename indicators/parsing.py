"""Parsing text cells into typed columns, collecting every cell that does not parse."""

from __future__ import annotations

import pandas as pd

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
    text = cells.astype("string")
    given = text.notna()
    if spec.dtype == "Float64":
        ok = text.str.fullmatch(_NUMBER).fillna(False).astype(bool)
        values = pd.to_numeric(text.where(ok), errors="coerce").astype("Float64")
    elif spec.dtype == "Int64":
        ok = text.str.fullmatch(_INTEGER).fillna(False).astype(bool)
        values = pd.to_numeric(text.where(ok), errors="coerce").astype("Float64")
        values = values.round().astype("Int64")
    elif spec.dtype == "boolean":
        lowered = text.str.lower()
        ok = lowered.isin(_TRUE | _FALSE).fillna(False).astype(bool)
        values = lowered.map(lambda v: v in _TRUE if isinstance(v, str) else pd.NA)
        values = values.astype("boolean")
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
    parsed = pd.to_datetime(text.str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    return parsed.astype("datetime64[ns]")
