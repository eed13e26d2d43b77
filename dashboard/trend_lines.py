"""A trend's points as lines: one place's (and cause's) points of one kind of count, as
arrays by calendar day, and which of them an alert rule watches. What the trend chart
draws, made once per chart from the frame of ``indicators.trends.trend``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.figures import DAY_MS
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


# Where bars sit: a count for one day within its day, a count for several days across them.


def first_day(line: Line) -> str:
    """The first day a line draws: a count over several days starts before its point."""
    span = line.days.get("span")
    if line.kind != "new" or span is None or not np.nanmax(span, initial=1) > 1:
        return line.first
    known = np.flatnonzero(~np.isnan(line.days["value"]))
    starts = known - np.nan_to_num(span[known], nan=1.0) + 1
    return str(np.datetime64(line.first) + int(starts.min()))


def period_text(span: np.ndarray | None, i: int, kind: str) -> str:
    """For a count over several days, which days: hover shows the last one."""
    if kind != "new" or span is None or not span[i] > 1:
        return ""
    return f"<br>a count for the {int(span[i])} days to this day"


def slots(lines: list[tuple[int, Line]]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Where each bar sits: the lines that report the same days share them side by side,
    so a day one place reported is one wide bar, not a sliver among empty slots; a count
    for several days spans them, ending on its last day (a month's count across its month,
    never drawn as if it were that day's), pale, the places' counts of the same days
    overlaid (side by side they would read as halves of the month).
    Per line (by its index among all lines): offsets and widths by day, in milliseconds."""
    spans = {i: spans_of(line) for i, line in lines}
    taken: dict[tuple[int, float], list[int]] = {}
    for i, line in lines:
        day0 = int(np.datetime64(line.first).astype(np.int64))
        for d in np.flatnonzero(~np.isnan(line.days["value"])):
            taken.setdefault((day0 + int(d), spans[i][d]), []).append(i)
    out = {}
    for i, line in lines:
        day0 = int(np.datetime64(line.first).astype(np.int64))
        span = spans[i]
        width = np.full(len(span), 0.8 * DAY_MS)
        offset = np.full(len(span), 0.1 * DAY_MS)
        for d in np.flatnonzero(~np.isnan(line.days["value"])):
            if span[d] > 1:  # across its days, pale, over the others: the days stay true
                width[d], offset[d] = (span[d] - 0.2) * DAY_MS, (1.1 - span[d]) * DAY_MS
                continue
            sharing = taken[(day0 + int(d), span[d])]
            width[d] = 0.8 * DAY_MS / len(sharing)
            offset[d] = 0.1 * DAY_MS + sharing.index(i) * width[d]
        out[i] = (offset, width)
    return out


def spans_of(line: Line) -> np.ndarray:
    size = len(line.days["value"])
    return np.nan_to_num(line.days.get("span", np.ones(size)), nan=1.0).clip(min=1.0)
