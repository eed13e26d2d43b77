"""Hospital strain by place and by facility, from the read model: the level each governorate
was reported at, day by day, with who said it; each named facility's newest state."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.alerts.evaluate import unit_name
from indicators.trends import (
    LEVEL_NAMES,
    REF_PREFIX,
    Filters,
    country_or_default,
    named_sources,
    source_codes,
)


def strain_by_place(
    snapshot, as_of: date | None = None, country: str | None = None
) -> pd.DataFrame:
    """The hospital strain level per governorate and day: unit, unit_name, day, level
    (0 normal .. 3 not functioning), level_name, said_by (each source with its publication
    day) and ref (to find the claims again, as ``trends.claims_of`` reads it); the newest
    day last."""
    series = snapshot.evaluator.series("strain_level", "admin1", None, country_or_default(country))
    points = series.points
    if as_of is not None:
        points = points[points["day"] <= pd.Timestamp(as_of)]
    if points.empty:
        return pd.DataFrame(
            columns=["unit", "unit_name", "day", "level", "level_name", "said_by", "ref"]
        )
    levels = points["high"].astype(float)  # the worst the day's claims say
    behind = series.behind(points["point"].to_numpy())
    codes, ids = source_codes(behind["source_id"])
    said = behind.assign(text=named_sources(snapshot, ids)[codes])
    per_point = said.drop_duplicates(["point", "text"]).groupby("point")["text"].agg("; ".join)
    return pd.DataFrame(
        {
            "unit": points["unit"].to_numpy(),
            "unit_name": points["unit"].map(unit_name).to_numpy(),
            "day": points["day"].to_numpy(),
            "level": levels.to_numpy(),
            "level_name": levels.map(LEVEL_NAMES).to_numpy(),
            "said_by": points["point"].map(per_point).fillna("source unknown").to_numpy(),
            "ref": [f"{REF_PREFIX['admin1']}{p}" for p in points["point"]],
        }
    ).sort_values(["unit", "day"], ignore_index=True)


def latest_strain(snapshot, as_of: date, country: str | None = None) -> pd.DataFrame:
    """Each governorate's newest strain level up to ``as_of``: unit, unit_name, day, level."""
    levels = strain_by_place(snapshot, as_of, country)
    if levels.empty:
        return levels
    return levels.groupby("unit", as_index=False).last()


def facilities(snapshot, filters: Filters) -> pd.DataFrame:
    """Named facilities and their newest reported state."""
    rows = snapshot.tables["hospital_strain"]
    rows = rows[rows["facility_name"].notna() & (rows["country"] == filters.country_code)]
    if filters.admin1:
        rows = rows[rows["admin1_pcode"].isin(filters.admin1)]
    if filters.date_to is not None:
        rows = rows[rows["date_end"] <= pd.Timestamp(filters.date_to)]
    cols = [
        "facility_name",
        "admin1_pcode",
        "date_end",
        "functionality",
        "damage",
        "facility_status",
        "occupancy_pct",
        "strain_level",
        "source_id",
        "claim_id",
    ]
    if rows.empty:
        return pd.DataFrame(columns=[*cols, "governorate", "publisher"])
    newest = rows.sort_values("date_end").groupby("facility_name", as_index=False).last()[cols]
    publisher = snapshot.sources.set_index("source_id")["publisher"]
    return newest.assign(
        governorate=newest["admin1_pcode"].map(unit_name),
        publisher=newest["source_id"].map(publisher),
    )
