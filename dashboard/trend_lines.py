"""A trend's points as lines: one place's (and cause's) points of one kind of count, as
arrays by calendar day, and which of them an alert rule watches. What the trend chart
draws, made once per chart from the frame of ``indicators.trends.trend``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.series import REGION, WIDE

KIND_ORDER = ("cumulative", "stock", "new")
NUMBERS = ("value", "low", "high", "n_claims", "derived", "bound", "span")
TEXTS = ("ref", "sources")


@dataclass(frozen=True)
class Line:
    """One place's (and cause's) points of one kind of count, as arrays by calendar day
    from ``first`` (NaN, or None for text, on days with no report)."""

    kind: str
    unit: str
    cause: str
    unit_name: str
    first: str
    last: str
    days: dict[str, np.ndarray]


def lines_of(points: pd.DataFrame) -> list[Line]:
    """The lines of a frame as ``indicators.trends.trend`` returns it (sorted by kind,
    place, cause and day), in the order they are drawn: by kind of count, then place."""
    if points.empty:
        return []
    kind = points["count_kind"].to_numpy(dtype=object)
    unit = points["unit"].to_numpy(dtype=object)
    cause = points["cause_key"].fillna("").to_numpy(dtype=object)
    names = points["unit_name"].to_numpy(dtype=object)
    day = points["day"].to_numpy().astype("datetime64[D]").astype(np.int64)
    columns = {}
    for column in NUMBERS:
        if column in points:
            columns[column] = points[column].to_numpy(dtype=float, na_value=np.nan)
        else:
            columns[column] = np.zeros(len(points))
    for column in TEXTS:
        values = points[column]
        columns[column] = values.astype(object).where(values.notna(), None).to_numpy()
    change = np.ones(len(points), dtype=bool)
    change[1:] = (kind[1:] != kind[:-1]) | (unit[1:] != unit[:-1]) | (cause[1:] != cause[:-1])
    starts = np.flatnonzero(change)
    out = []
    for a, b in zip(starts, [*starts[1:], len(points)], strict=True):
        slot = day[a:b] - day[a:b].min()
        size = int(slot.max()) + 1
        days = {}
        for column, values in columns.items():
            full = np.full(size, None if column in TEXTS else np.nan, dtype=values.dtype)
            full[slot] = values[a:b]  # a repeated day: numpy assigns in order, the last stays
            days[column] = full
        first, last = day[a:b].min(), day[a:b].max()
        out.append(Line(kind[a], unit[a], cause[a], names[a], _iso(first), _iso(last), days))
    rank = {k: i for i, k in enumerate(KIND_ORDER)}
    return sorted(out, key=lambda line: rank[line.kind])  # stable: places stay in order


def _iso(day: int) -> str:
    return str(np.datetime64(int(day), "D"))


def kinds_of(lines: list[Line]) -> list[str]:
    present = {line.kind for line in lines}
    return [k for k in KIND_ORDER if k in present]


def watched(lines: list[Line], threshold: dict) -> list[Line]:
    """The lines a rule's level applies to: the whole-country line for a rule on the
    country, the governorates' (or districts') lines for a rule per place, only those in
    its scope; all causes only, and only the kinds of count its window reads."""
    if threshold.get("per_place", True):
        scope = set(threshold.get("scope") or ())
        mine = [
            line
            for line in lines
            if line.unit not in (WIDE, REGION) and (not scope or line.unit in scope)
        ]
    else:
        mine = [line for line in lines if line.unit == WIDE]
    mine = [line for line in mine if not line.cause]
    kinds = kinds_of(mine)
    if threshold["window"] != "max":  # 'latest' reads tolls and stocks where a place has them
        kinds = [k for k in kinds if k in ("cumulative", "stock")] or kinds
    return [line for line in mine if line.kind in kinds]
