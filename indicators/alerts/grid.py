"""Rules over days at once: each unit's window value for every day, and its grade.

The daily points of a series become day-by-unit tables; rolling windows give every day's
``latest``, ``max`` or ``sum`` in one pass, so a rule's state on each of the last weeks (for
"since when" and the pending period) costs no more than one day's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.alerts.rules import AlertRule

NO_DATA, OK, WARNING, CRITICAL = -1, 0, 1, 2
NAMES = {NO_DATA: "no_data", OK: "ok", WARNING: "warning", CRITICAL: "critical"}


@dataclass
class Grid:
    """Window values by day (rows) and unit (columns); NaN where the window holds no data."""

    value: pd.DataFrame
    low: pd.DataFrame
    high: pd.DataFrame
    derived: pd.DataFrame


def window_grid(
    points: pd.DataFrame, rule: AlertRule, start: pd.Timestamp, end: pd.Timestamp
) -> Grid:
    """Every day's window aggregate from ``start`` to ``end`` for every unit with points."""
    days = pd.date_range(start - pd.Timedelta(days=rule.window_days - 1), end, freq="D")
    inside = points[(points["day"] >= days[0]) & (points["day"] <= end)]
    units = sorted(points["unit"].unique())
    width = rule.window_days
    if rule.window == "sum":
        new = inside[(inside["count_kind"] == "new") & ~inside["shared"].astype(bool)]
        daily = new.groupby(["day", "unit"])[["value", "low", "high", "derived"]].agg(
            {"value": "sum", "low": "sum", "high": "sum", "derived": "any"}
        )
        tables = _wide(daily, days, units)
        seen = tables["value"].notna().astype(float).rolling(width, min_periods=1).sum() > 0
        out = {
            k: tables[k].fillna(0).rolling(width, min_periods=1).sum().where(seen)
            for k in ("value", "low", "high")
        }
        out["derived"] = (
            tables["derived"]
            .fillna(0)
            .astype(float)
            .rolling(width, min_periods=1)
            .max()
            .where(seen)
        )
    elif rule.window == "max":
        tables = _wide(_highest(inside), days, units)
        out = {
            k: tables[k].astype(float).rolling(width, min_periods=1).max()
            for k in ("value", "low", "high", "derived")
        }
    else:  # latest: the last day's highest point; running counts before new ones
        running = _wide(_highest(inside[inside["count_kind"] != "new"]), days, units)
        new = _wide(_highest(inside[inside["count_kind"] == "new"]), days, units)
        out = {}
        # A place whose series has ever held a toll or a stock is read from those alone: a
        # week with only new counts is a gap in the toll, not a toll that fell.
        ever = points[(points["count_kind"] != "new") & (points["day"] <= end)]
        first_running = ever.groupby("unit")["day"].min().reindex(units)
        has_running = pd.DataFrame(
            {
                u: days >= first_running[u]
                if pd.notna(first_running[u])
                else np.zeros(len(days), dtype=bool)
                for u in units
            },
            index=days,
        )
        for k in ("value", "low", "high", "derived"):
            carried_running = _carried(running[k].astype(float), width)
            carried_new = _carried(new[k].astype(float), width)
            out[k] = carried_running.where(has_running, carried_new)
    return Grid(**{k: v.loc[start:end] for k, v in out.items()})


def _carried(values: pd.DataFrame, width: int) -> pd.DataFrame:
    """The latest value carried over the days of the window (a window of one day carries
    nothing: that day's value or none)."""
    return values.ffill(limit=width - 1) if width > 1 else values


def _highest(points: pd.DataFrame) -> pd.DataFrame:
    """Per day and unit, the point with the highest value (a total outranks its parts)."""
    top = points.sort_values(["day", "unit", "value"]).groupby(["day", "unit"]).tail(1)
    return top.set_index(["day", "unit"])[["value", "low", "high", "derived"]]


def _wide(daily: pd.DataFrame, days: pd.DatetimeIndex, units: list[str]) -> dict:
    out = {}
    for column in ("value", "low", "high", "derived"):
        series = daily[column].astype(float) if len(daily) else pd.Series(dtype=float)
        table = series.unstack("unit") if len(daily) else pd.DataFrame()
        out[column] = table.reindex(index=days, columns=units)
    return out


def grade(
    grid: Grid,
    rule: AlertRule,
    previous: Grid | None = None,
    rises: tuple[pd.DataFrame, ...] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """States (NO_DATA, OK, WARNING, CRITICAL), certainty (True confirmed) and the value the
    levels were compared with, by day and unit."""
    value, low, high = grid.value, grid.low, grid.high
    if rule.condition == "rise":
        if rises is not None:  # rules that differ only in their levels share the rises
            value, low, high = rises
        else:
            value = _rise(grid.value, previous.value, rule)
            low, high = rise_bounds(grid, previous, rule)
    v, lo, hi = (np.asarray(t, dtype=float) for t in (value, low, high))
    state = np.where(np.isnan(np.asarray(grid.value, dtype=float)), NO_DATA, OK)
    sure = np.zeros(state.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        for level, code in ((rule.warning, WARNING), (rule.critical, CRITICAL)):
            if level is None:
                continue
            if rule.uncertainty == "headline":
                crossed = confirmed = v >= level
            else:
                crossed, confirmed = hi >= level, lo >= level
            state = np.where(crossed, code, state)
            sure = np.where(crossed, confirmed, sure)
    sure &= ~(np.nan_to_num(np.asarray(grid.derived, dtype=float)) > 0)
    frame = {"index": value.index, "columns": value.columns}
    return pd.DataFrame(state, **frame), pd.DataFrame(sure, **frame), value


def rise_bounds(grid: Grid, previous: Grid, rule: AlertRule) -> tuple[pd.DataFrame, ...]:
    """The smallest and largest rise the ranges allow (this low on that high, and back)."""
    return _rise(grid.low, previous.high, rule), _rise(grid.high, previous.low, rule)


def _rise(now: pd.DataFrame, then: pd.DataFrame, rule: AlertRule) -> pd.DataFrame:
    then = then.where(then > 0)
    change = (now - then) / then * 100
    return change.where((now - then) >= rule.rise_floor, 0.0).where(then.notna() & now.notna())
