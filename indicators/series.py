"""Reconciled series: the accepted claims for one indicator and place on one day become one
point, with a headline value, a range and the claims behind it.

Claims of one day are kept apart by kind of count (new, cumulative, stock) and by cause
(deaths from airstrikes are not the whole toll). The headline is the stated value (best,
else low, else high) of the claim from the most reliable kind of source: UN agency, then
NGO, monitoring group, government, news agency, other media, other; among those the latest
published, then the lowest claim id. The range runs from the lowest low to the highest high
of the day's claims; an unbounded high ("at least 20") counts as its stated value.
Sub-counts never enter a series, and a figure that spans several governorates counts in
each of them but never in a sum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.types import union_categoricals

from indicators.catalogue import Indicator
from indicators.vocab import STRAIN_ORDER

SOURCE_RANK = {
    "un_agency": 0,
    "ngo": 1,
    "monitoring_group": 2,
    "government": 3,
    "news_agency": 4,
    "media": 5,
    "other": 6,
}


@dataclass
class Series:
    """Daily points of one indicator, by place unit, and the claims behind each point."""

    points: pd.DataFrame  # unit, day, count_kind, cause_key, value, low, high, derived, ...
    claims: pd.DataFrame  # point, claim_id, source_id

    def __post_init__(self) -> None:
        points = self.claims["point"].to_numpy()
        if len(points) and not (np.diff(points) >= 0).all():  # built in point order: no copy
            order = np.argsort(points, kind="stable")
            self.claims = self.claims.iloc[order].reset_index(drop=True)
            points = self.claims["point"].to_numpy()
        self._points = points
        self._ids = pa.array(self.claims["claim_id"].array)  # text stays in Arrow

    def points_between(self, unit: str, first: pd.Timestamp, last: pd.Timestamp) -> np.ndarray:
        """Ids of a unit's points whose day lies in [first, last]."""
        if not hasattr(self, "_by_unit"):
            self._by_unit = {
                u: (frame["day"].to_numpy(), frame["point"].to_numpy())
                for u, frame in self.points.sort_values("day").groupby("unit", sort=False)
            }
        days, ids = self._by_unit.get(unit, (np.array([], "datetime64[ns]"), np.array([])))
        lo = np.searchsorted(days, np.datetime64(first), side="left")
        hi = np.searchsorted(days, np.datetime64(last), side="right")
        return ids[lo:hi]

    def claim_ids(self, points: np.ndarray) -> tuple[str, ...]:
        """The claims behind some points, point by point (day by day)."""
        starts = np.searchsorted(self._points, points, side="left")
        ends = np.searchsorted(self._points, points, side="right")
        ranges = [np.arange(s, e) for s, e in zip(starts, ends, strict=True) if e > s]
        if not ranges:
            return ()
        return tuple(self._ids.take(np.concatenate(ranges)).to_pylist())


WIDE = "wide"
"""A grouping: figures about the whole country, or with no place stated."""
REGION = "region"
"""A grouping: figures about a region larger than a governorate ("north-west Syria")."""

BUILD_COLUMNS = (
    "claim_id",
    "source_id",
    "date_end",
    "count_kind",
    "value_low",
    "value_best",
    "value_high",
    "value_derived",
    "admin1_pcode",
    "admin2_pcode",
    "admin1_pcodes_spanned",
    "place_precision",
    "population_group",
    "cause",
    "facility_name",
    "strain_level",
    "occupancy_pct",
)
"""What a series is built from, once the rows are chosen."""
READ_COLUMNS = ("outcome", "category", "measure", "subset_of", *BUILD_COLUMNS)
"""What a series reads of a claim table: the rows are chosen by the first four."""


def claim_values(
    claims: pd.DataFrame,
    watch: Indicator,
    population_group: str | None = None,
    group_by: str | None = None,
) -> pd.DataFrame:
    """The claims a series reads (of its indicator and group, not sub-counts, dated, with a
    place for its grouping), with numeric stated, low and high values. The rows are chosen
    on the whole table first and copied once."""
    mask = (
        (claims[watch.column] == watch.value).fillna(False).astype(bool)
        & claims["subset_of"].isna()
        & claims["date_end"].notna()
    )
    if watch.by_group:
        mask &= (claims["population_group"] == (population_group or "all")).fillna(False)
    if group_by in ("admin1", WIDE, REGION):
        placed = claims["admin1_pcode"].notna() | claims["admin1_pcodes_spanned"].notna()
        mask &= placed if group_by == "admin1" else ~placed
    elif group_by in ("admin2", "facility"):
        column = "admin2_pcode" if group_by == "admin2" else "facility_name"
        mask &= claims[column].notna() if column in claims else False
    rows = claims.loc[mask.astype(bool), [c for c in BUILD_COLUMNS if c in claims]]
    if watch.unit == "level":  # an ordinal level, as a number
        level = rows["strain_level"].map(STRAIN_ORDER).astype("Float64")
        stated, low, high = level, level, level
    else:
        best = rows["value_best"]
        if watch.unit == "percent" and "occupancy_pct" in rows:
            best = rows["occupancy_pct"].combine_first(best)
        stated = best.combine_first(rows["value_low"]).combine_first(rows["value_high"])
        low = rows["value_low"].combine_first(stated)
        high = rows["value_high"].combine_first(stated)
    out = rows.assign(stated=stated, low_v=low, high_v=high)
    return out[out["stated"].notna()]


def build(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    watch: Indicator,
    group_by: str,
    population_group: str | None = None,
) -> Series:
    """Reconcile accepted claims of ``watch`` into daily points per place unit."""
    rows = _units(claim_values(claims, watch, population_group, group_by), group_by)
    if rows.empty:
        empty = pd.DataFrame(
            columns=[
                "unit",
                "day",
                "count_kind",
                "cause_key",
                "value",
                "low",
                "high",
                "derived",
                "shared",
                "point",
            ]
        )
        return Series(empty, pd.DataFrame(columns=["point", "claim_id", "source_id"]))
    meta = sources.set_index("source_id")
    rows = rows.reset_index(drop=True).assign(day=lambda r: r["date_end"])
    cause = rows["cause"] if "cause" in rows else pd.Series(None, index=rows.index)
    cause_codes, cause_names = pd.factorize(cause, use_na_sentinel=True)
    cause_key = np.append(np.asarray(cause_names, dtype=object), "")[cause_codes]
    # One integer per (unit, day, kind, cause): grouping on it is fast at a million rows.
    codes = [pd.factorize(rows[c])[0].astype(np.int64) for c in ("unit", "count_kind")]
    codes.append(cause_codes.astype(np.int64) + 1)
    day = rows["day"].to_numpy().astype("datetime64[D]").astype(np.int64)
    key = ((codes[0] * 100_000 + (day - day.min())) * 8 + codes[1]) * 1_000 + codes[2]
    # A few hundred sources among a million claims: look each source up once.
    source_codes, source_ids = pd.factorize(rows["source_id"])
    ids = pd.Index(source_ids)
    rank = ids.map(meta["source_type"]).map(SOURCE_RANK).fillna(9).to_numpy()[source_codes]
    published = pd.to_datetime(pd.Series(ids.map(meta["published"])))
    published = published.to_numpy().astype("datetime64[D]").astype("float64")[source_codes]
    published[np.isnan(published) | (published < -1e8)] = -1e7  # unknown: least recent
    # Lower is better: the most reliable kind of source, then the latest published.
    priority = rank * 1e8 - published
    # Sort by point, then priority: each point's first row is its headline claim.
    order = np.lexsort((priority, key))
    sorted_key = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
    head = order[starts]
    unique_keys = sorted_key[starts]
    low_v = rows["low_v"].to_numpy(dtype="float64", na_value=np.nan)[order]
    high_v = rows["high_v"].to_numpy(dtype="float64", na_value=np.nan)[order]
    low = np.fmin.reduceat(low_v, starts)
    high = np.fmax.reduceat(high_v, starts)
    shared = np.logical_and.reduceat(rows["shared"].to_numpy(dtype=bool)[order], starts)
    points = pd.DataFrame(
        {
            # plain object columns: a few thousand points compare faster than Arrow text
            "unit": pd.array(_take_text(rows["unit"], head), dtype=object),
            "day": rows["day"].to_numpy()[head],
            "count_kind": pd.array(_take_text(rows["count_kind"], head), dtype=object),
            "cause_key": pd.array(cause_key[head], dtype=object),
            "value": rows["stated"].to_numpy(dtype="float64", na_value=np.nan)[head],
            "low": low,
            "high": high,
            "derived": rows["value_derived"].fillna(False).astype(bool).to_numpy()[head],
            "shared": shared,
            "point": np.arange(len(head)),
        }
    )
    claims_of_points = pd.DataFrame(  # in point order, as the sort left them
        {
            "point": np.searchsorted(unique_keys, sorted_key),
            "claim_id": rows["claim_id"].array.take(order),
            # a few hundred sources among a million claims: a code each, not the text
            "source_id": pd.Categorical.from_codes(
                source_codes[order], categories=pd.Index(source_ids, dtype=object)
            ),
        }
    )
    return Series(points, claims_of_points)


def patch(
    earlier: Series,
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    watch: Indicator,
    group_by: str,
    population_group: str | None,
    changed: pd.DataFrame,
    gone: set[str],
) -> Series:
    """The series after some claims changed, made again only on the days they touch.

    ``claims`` is the table as it is now, ``changed`` the rows added to it, ``gone`` the ids
    of claims taken out. Every point of an affected day is rebuilt from the claims of that
    day (all places: a claim's place may have changed too); the other points, and the
    claims behind them, are kept as they were.
    """
    days = set(pd.to_datetime(changed["date_end"]).dropna())
    if gone:
        was = earlier.claims["claim_id"].isin(list(gone)).to_numpy()
        touched = np.unique(earlier.claims["point"].to_numpy()[was])
        days |= set(earlier.points.loc[earlier.points["point"].isin(touched), "day"])
    if not days:
        return earlier
    day_list = sorted(days)
    fresh = build(
        claims[claims["date_end"].isin(day_list)], sources, watch, group_by, population_group
    )
    old = earlier.points
    keep = ~old["day"].isin(day_list).to_numpy()
    offset = int(earlier.claims["point"].max()) + 1 if len(earlier.claims) else 0
    added = fresh.points.assign(point=fresh.points["point"].to_numpy() + offset)
    points = pd.concat([old[keep], added], ignore_index=True) if len(added) else old[keep]
    # The claims of replaced points stay behind, under point ids no point has any more:
    # every reader asks for the claims of points it holds. Appending Arrow text is free;
    # filtering a million rows is not.
    more = fresh.claims.assign(point=fresh.claims["point"].to_numpy() + offset)
    claims_of_points = pd.DataFrame(
        {
            "point": np.concatenate(
                [earlier.claims["point"].to_numpy(np.int64), more["point"].to_numpy(np.int64)]
            ),
            "claim_id": pd.concat([earlier.claims["claim_id"], more["claim_id"]]).array,
            "source_id": union_categoricals(
                [
                    earlier.claims["source_id"].astype("category"),
                    more["source_id"].astype("category"),
                ]
            ),
        }
    )
    return Series(points.reset_index(drop=True), claims_of_points)


def _take_text(column: pd.Series, rows: np.ndarray) -> np.ndarray:
    """A few rows of a text column as Python strings, without converting the whole column."""
    return np.asarray(pa.array(column.array).take(rows).to_pylist(), dtype=object)


def _units(rows: pd.DataFrame, group_by: str) -> pd.DataFrame:
    """The rows with their place unit; rows without one for this grouping are left out.
    (Each unit is taken from the rows kept: an empty frame given a longer column would
    take that column's rows, all empty.)"""
    if group_by == "all":
        return rows.assign(unit="all", shared=False)
    if group_by in (WIDE, REGION):
        unplaced = rows["admin1_pcode"].isna() & rows["admin1_pcodes_spanned"].isna()
        regional = (rows["place_precision"] == "region").fillna(False).astype(bool)
        chosen = rows[unplaced & (regional if group_by == REGION else ~regional)]
        return chosen.assign(unit="all", shared=False)
    if group_by in ("admin2", "facility"):
        column = "admin2_pcode" if group_by == "admin2" else "facility_name"
        if column not in rows:
            return rows.iloc[0:0].assign(unit=pd.Series(dtype=object), shared=False)
        named = rows[rows[column].notna()]
        return named.assign(unit=named[column], shared=False)
    single = rows[rows["admin1_pcode"].notna()]
    single = single.assign(unit=single["admin1_pcode"], shared=False)
    spanning = rows[rows["admin1_pcode"].isna() & rows["admin1_pcodes_spanned"].notna()]
    if spanning.empty:
        return single
    spanning = spanning.assign(unit=spanning["admin1_pcodes_spanned"].str.split(";"))
    spanning = spanning.explode("unit").assign(shared=True)
    return pd.concat([single, spanning], ignore_index=True)
