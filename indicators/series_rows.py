"""What a series' rows say before sources are reconciled: a dataset's events of one place,
day and cause added up (each event stays behind the point), and the days a figure covers
(a count for November covers 30 days)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def days_covered(rows: pd.DataFrame, head: np.ndarray) -> np.ndarray:
    """The days each point's headline figure covers, its last day included (1 for a day;
    30 for a count of November): a count for a month is drawn across its month."""
    if "date_start" not in rows:
        return np.ones(len(head))
    end = rows["date_end"].to_numpy()[head].astype("datetime64[D]")
    start = rows["date_start"].to_numpy()[head].astype("datetime64[D]")
    days = (end - start).astype("float64") + 1
    return np.where(np.isnan(days) | (days < 1), 1.0, days)


def events_added_up(rows: pd.DataFrame, cause: pd.Series) -> pd.DataFrame:
    """Each event row carries the sum of its source's events of the same unit, day, kind
    of count and cause: the headline of those rows (the lowest claim id) then states the
    sum, and every event stays behind the point."""
    if "record_type" not in rows:
        return rows
    events = (rows["record_type"] == "event").fillna(False).to_numpy(dtype=bool)
    if not events.any():
        return rows
    cause_text = cause.astype(object).where(cause.notna(), "")
    keys = [rows["source_id"], rows["unit"], rows["day"], rows["count_kind"], cause_text]
    if "population_group" in rows:  # a group's events never add to another group's
        group = rows["population_group"]
        keys.append(group.astype(object).where(group.notna(), ""))
    frame = pd.DataFrame({f"k{i}": k.to_numpy(dtype=object) for i, k in enumerate(keys)})
    frame = frame[events]
    values = rows.loc[events, ["stated", "low_v", "high_v"]].astype("float64")
    totals = values.groupby([frame[c] for c in frame.columns], sort=False).transform("sum")
    rows = rows.copy()
    for column in ("stated", "low_v", "high_v"):
        rows[column] = rows[column].astype("Float64")
        rows.loc[events, column] = totals[column].to_numpy()
    return rows
