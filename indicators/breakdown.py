"""A toll broken down by group: one report's toll for all people and its parts among
groups that never overlap, never groups from different reports and days stacked."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.alerts.evaluate import unit_name
from indicators.catalogue import INDICATORS
from indicators.places import gazetteer
from indicators.trends import LINE_NAMES, WIDE, Filters, country_or_default

APART = ("civilians", "fighters", "soldiers", "unknown")
"""Population groups that never overlap: a breakdown stacks these only (children and women
are civilians, and can be fighters too; health and aid workers are civilians)."""


def breakdown(snapshot, indicator: str, filters: Filters, as_of: date) -> pd.DataFrame:
    """Per place unit (the whole country when no place is chosen): the newest toll for all
    people that a report broke down by group, and its parts, as of a day. Only groups that
    never overlap (``APART``) are parts; what the parts leave of the total is 'not broken
    down'. One report's breakdown, never groups from different reports and days stacked.
    Columns: unit, unit_name, group, value, total, day, publisher, claim_id (of the total).
    Empty for an indicator not counted by group."""
    columns = ["unit", "unit_name", "group", "value", "total", "day", "publisher", "claim_id"]
    watch = INDICATORS[indicator]
    if not watch.by_group:
        return pd.DataFrame(columns=columns)
    table = snapshot.broken_down[watch.table]
    rows = table[
        (table[watch.column] == watch.value).fillna(False).astype(bool)
        & (table["country"] == country_or_default(filters.country)).fillna(False).astype(bool)
        & (table["date_end"] <= pd.Timestamp(as_of)).fillna(False).astype(bool)
        & table["repeats"].isna()
        & table["held_reason"].isna()
    ]
    totals = rows[
        (rows["population_group"] == "all").fillna(False).astype(bool)
        & (rows["count_kind"] == "cumulative").fillna(False).astype(bool)
        & rows["subset_of"].isna()
    ]
    if filters.units:
        column = "admin2_pcode" if filters.admin2 else "admin1_pcode"
        totals = totals[totals[column].isin(filters.units)].assign(unit=totals[column])
    else:
        unplaced = totals["admin1_pcode"].isna() & totals["admin1_pcodes_spanned"].isna()
        regional = (totals["place_precision"] == "region").fillna(False).astype(bool)
        totals = totals[unplaced & ~regional].assign(unit=WIDE_UNIT)
    if filters.date_from is not None:
        totals = totals[totals["date_end"] >= pd.Timestamp(filters.date_from)]
    parts = rows[rows["subset_of"].isin(totals["claim_id"]) & rows["population_group"].isin(APART)]
    totals = totals[totals["claim_id"].isin(parts["subset_of"])]
    if totals.empty:
        return pd.DataFrame(columns=columns)
    stated = _stated(totals)
    chosen = (
        totals.assign(stated_value=stated)
        .sort_values(["date_end", "stated_value", "claim_id"])
        .groupby("unit", sort=False)
        .tail(1)
    )
    publisher = snapshot.sources.set_index("source_id")["publisher"]
    country = gazetteer().country_name(filters.country_code)
    out = []
    for total in chosen.itertuples(index=False):
        mine = parts[parts["subset_of"] == total.claim_id]
        values = _stated(mine).groupby(mine["population_group"].to_numpy()).max()
        wide = total.unit == WIDE_UNIT
        name = f"{country}: {LINE_NAMES[WIDE]}" if wide else unit_name(total.unit)
        base = {"unit": total.unit, "unit_name": name, "total": float(total.stated_value),
                "day": total.date_end, "publisher": publisher.get(total.source_id),
                "claim_id": total.claim_id}  # fmt: skip
        for group in APART:
            if group in values.index:
                out.append({**base, "group": group, "value": float(values[group])})
        rest = float(total.stated_value) - float(values.sum())
        if rest > 0:
            out.append({**base, "group": "not broken down", "value": rest})
    return pd.DataFrame(out, columns=columns)


WIDE_UNIT = "all"
"""The unit of the whole-country line."""


def _stated(rows: pd.DataFrame) -> pd.Series:
    """Each claim's stated value: best, else low, else high."""
    return (
        rows["value_best"]
        .astype("Float64")
        .combine_first(rows["value_low"].astype("Float64"))
        .combine_first(rows["value_high"].astype("Float64"))
        .astype(float)
    )
