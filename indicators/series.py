"""Reconciled series: the accepted claims for one indicator and place on one day become one
point, with a headline value, a range and the claims behind it.

Claims of one day are kept apart by kind of count (new, cumulative, stock) and by cause
(deaths from airstrikes are not the whole toll). The headline is the stated value (best,
else low, else high) of the claim from the most reliable kind of source: UN agency, then
NGO, monitoring group, government, news agency, other media, other; among those the latest
published, then the lowest claim id. The range runs from the lowest low to the highest high
of the day's claims; an unbounded high ("at least 20") counts as its stated value.
Sub-counts, repeats of a story and held tolls never enter a series (see
:mod:`indicators.stories`), and a figure that spans several governorates counts in each of
them but never in a sum. For all people, a group's figure (civilians, fighters,
children) is a lower bound: where a day and place has no figure for all people, its point
is the largest group's figure, marked ``bound`` (at least that many); where it has one, the
groups' figures are left out.

Events are added up before anything is reconciled: the rows of an event dataset (one attack
each, say) are distinct events, not reports of one figure, so a source's events of one day,
place, kind of count and cause make one figure, their sum (lows, best values and highs each
added up), which then meets the other sources' figures for that day and place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals

from indicators.catalogue import Indicator
from indicators.series_rows import days_covered, events_added_up
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


@dataclass(frozen=True)
class Behind:
    """The claims behind some points, in point order: each claim as a row of ``ids`` (the
    claim table's own column, referenced, not copied) and its source as a code."""

    point: np.ndarray  # int32, sorted
    row: np.ndarray  # int32: rows of ``ids``
    ids: pa.ChunkedArray
    source: np.ndarray  # int32: codes into ``sources``
    sources: np.ndarray  # source ids

    def rows_of(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each of ``points`` that has claims here: which of ``points`` (by position)
        and the positions of its claims in this part."""
        starts = np.searchsorted(self.point, points, side="left")
        ends = np.searchsorted(self.point, points, side="right")
        counts = ends - starts
        asked = np.repeat(np.arange(len(points)), counts)
        first = np.repeat(starts - np.cumsum(counts) + counts, counts)
        return asked, first + np.arange(int(counts.sum()))


@dataclass
class Series:
    """Daily points of one indicator, by place unit, and the claims behind each point.

    The claims behind the points are held in parts: one from the build, one more for each
    patch. A point's claims may lie in several parts; the claims of a point that a patch
    replaced stay behind under a point id no point has any more (every reader asks for the
    claims of points it holds)."""

    points: pd.DataFrame  # unit, day, count_kind, cause_key, value, low, high, derived, ...
    parts: tuple[Behind, ...]
    next_point: int = 0
    """The id the next new point gets: ids are never used twice."""

    @cached_property
    def shown(self) -> pd.DataFrame:
        """The points a reader sees: all of them, except a lower bound of a toll that says
        no more than an earlier figure of the same place already did (a toll never falls:
        'at least 370 civilians' on 5 December adds nothing to 412 people on 2 December,
        and must not read as a fall)."""
        points = self.points
        if "bound" not in points or not points["bound"].astype(bool).any():
            return points
        tolls = points[points["count_kind"] == "cumulative"].sort_values("day")
        earlier = (
            tolls.groupby(["unit", "cause_key"], sort=False)["value"]
            .transform(lambda v: v.cummax().shift())
            .reindex(points.index)
        )
        said = points["bound"].astype(bool) & (points["value"] <= earlier).fillna(False)
        return points[~said.to_numpy()]

    def points_between(self, unit: str, first: pd.Timestamp, last: pd.Timestamp) -> np.ndarray:
        """Ids of a unit's points whose day lies in [first, last]."""
        if not hasattr(self, "_by_unit"):
            self._by_unit = {
                u: (frame["day"].to_numpy(), frame["point"].to_numpy())
                for u, frame in self.shown.sort_values("day").groupby("unit", sort=False)
            }
        days, ids = self._by_unit.get(unit, (np.array([], "datetime64[ns]"), np.array([])))
        lo = np.searchsorted(days, np.datetime64(first), side="left")
        hi = np.searchsorted(days, np.datetime64(last), side="right")
        return ids[lo:hi]

    def claim_ids(self, points: np.ndarray) -> tuple[str, ...]:
        """The claims behind some points, point by point (day by day)."""
        points = np.asarray(points, dtype=np.int64)
        asked, ids = [], []
        for part in self.parts:
            which, at = part.rows_of(points)
            if len(at):
                asked.append(which)
                ids.extend(part.ids.take(pa.array(part.row[at])).to_pylist())
        if not ids:
            return ()
        order = np.argsort(np.concatenate(asked), kind="stable")  # parts in order, per point
        return tuple(ids[i] for i in order)

    def behind(self, points: np.ndarray) -> pd.DataFrame:
        """point and source_id (categorical: a few hundred sources among many claims) of
        every claim behind these points."""
        points = np.asarray(points, dtype=np.int64)
        frames = []
        for part in self.parts:
            _, at = part.rows_of(np.unique(points))
            if len(at):
                frames.append(
                    pd.DataFrame(
                        {
                            "point": part.point[at].astype(np.int64),
                            "source_id": pd.Categorical.from_codes(
                                part.source[at], categories=pd.Index(part.sources, dtype=object)
                            ),
                        }
                    )
                )
        if not frames:
            return pd.DataFrame({"point": np.array([], np.int64), "source_id": []})
        if len(frames) == 1:
            return frames[0]
        return pd.DataFrame(
            {
                "point": np.concatenate([f["point"].to_numpy() for f in frames]),
                "source_id": union_categoricals([f["source_id"] for f in frames]),
            }
        )


WIDE = "wide"
"""A grouping: figures about the whole country, or with no place stated."""
REGION = "region"
"""A grouping: figures about a region larger than a governorate ("north-west Syria")."""

BUILD_COLUMNS = (
    "claim_id",
    "source_id",
    "date_start",
    "date_end",
    "count_kind",
    "record_type",
    "value_low",
    "value_best",
    "value_high",
    "value_derived",
    "admin1_pcode",
    "admin2_pcode",
    "admin1_pcodes_spanned",
    "place_precision",
    "country",
    "population_group",
    "cause",
    "facility_name",
    "strain_level",
    "occupancy_pct",
)
"""What a series is built from, once the rows are chosen."""
READ_COLUMNS = (
    "outcome",
    "category",
    "measure",
    "subset_of",
    "repeats",
    "held_reason",
    *BUILD_COLUMNS,
)
"""What a series reads of a claim table: the rows are chosen by the first six."""


def claim_values(
    claims: pd.DataFrame,
    watch: Indicator,
    population_group: str | None = None,
    group_by: str | None = None,
    country: str | None = None,
) -> pd.DataFrame:
    """The claims a series reads (of its indicator, group and country, not sub-counts,
    dated, with a place for its grouping), with numeric stated, low and high values. The
    rows are chosen on the whole table first and copied once. ``country`` None: every
    country (a series of one country never holds another's claims when it is given)."""
    mask = (
        (claims[watch.column] == watch.value).fillna(False).astype(bool)
        & claims["subset_of"].isna()
        & claims["date_end"].notna()
    )
    for held_back in ("repeats", "held_reason"):  # one story counted once (see stories)
        if held_back in claims:
            mask &= claims[held_back].isna()
    if country is not None:
        mask &= (claims["country"] == country).fillna(False).astype(bool)
    everyone = watch.by_group and (population_group or "all") == "all"
    if watch.by_group and not everyone:
        mask &= (claims["population_group"] == population_group).fillna(False)
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
    if everyone:  # a group's figure bounds all people's from below (see build)
        out = out.assign(_bound=(out["population_group"] != "all").fillna(True).to_numpy())
    return out[out["stated"].notna()]


EMPTY_POINTS = (
    "unit",
    "day",
    "count_kind",
    "cause_key",
    "value",
    "low",
    "high",
    "derived",
    "shared",
    "bound",
    "head_rank",
    "head_claim",
    "point",
    "span",
)
HEAD_COLUMNS = ("head_rank", "head_claim")
"""How each point's headline claim ranks (kind of source, then newest published) and its
id: what a patch compares to keep the same headline a build would choose."""


def _empty() -> Series:
    return Series(pd.DataFrame(columns=list(EMPTY_POINTS)), ())


def build(
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    watch: Indicator,
    group_by: str,
    population_group: str | None = None,
    ids: pa.ChunkedArray | None = None,
    country: str | None = None,
) -> Series:
    """Reconcile accepted claims of ``watch`` into daily points per place unit.

    ``ids``, when given, is the claim id column of a larger table of which ``claims`` holds
    some rows, labelled by their position in it (what a patch passes)."""
    if ids is None:
        if not claims.index.equals(pd.RangeIndex(len(claims))):
            claims = claims.reset_index(drop=True)
        ids = _arrow(claims["claim_id"])
    chosen = claim_values(claims, watch, population_group, group_by, country)
    if chosen.empty:
        return _empty()
    # Where sources rank alike, the lowest claim id is the headline: tables come in claim
    # id order, so most often the rows' own order says it; else the ids are ranked.
    chosen = chosen.assign(_row=chosen.index.to_numpy(), _rank=_id_order(chosen["claim_id"]))
    rows = _units(chosen, group_by)
    if rows.empty:
        return _empty()
    meta = sources.set_index("source_id")
    rows = rows.reset_index(drop=True).assign(day=lambda r: r["date_end"])
    cause = rows["cause"] if "cause" in rows else pd.Series(None, index=rows.index)
    rows = events_added_up(rows, cause)
    cause_codes, cause_names = pd.factorize(cause, use_na_sentinel=True)
    cause_key = np.append(np.asarray(cause_names, dtype=object), "")[cause_codes]
    # One integer per (unit, day, kind, cause): grouping on it is fast at a million rows.
    codes = [pd.factorize(rows[c])[0].astype(np.int64) for c in ("unit", "count_kind")]
    codes.append(cause_codes.astype(np.int64) + 1)
    day = rows["day"].to_numpy().astype("datetime64[D]").astype(np.int64)
    key = ((codes[0] * 100_000 + (day - day.min())) * 8 + codes[1]) * 1_000 + codes[2]
    kept, bound = _bounds_only_where_alone(rows, key)
    if not kept.all():
        rows, key, bound, cause_key = (
            rows[kept].reset_index(drop=True),
            key[kept],
            bound[kept],
            cause_key[kept],
        )
    # A few hundred sources among a million claims: look each source up once.
    source_codes, source_ids = pd.factorize(rows["source_id"])
    index = pd.Index(source_ids)
    rank = index.map(meta["source_type"]).map(SOURCE_RANK).fillna(9).to_numpy()[source_codes]
    published = pd.to_datetime(pd.Series(index.map(meta["published"])))
    published = published.to_numpy().astype("datetime64[D]").astype("float64")[source_codes]
    published[np.isnan(published) | (published < -1e8)] = -1e7  # unknown: least recent
    # Lower is better: the most reliable kind of source, then the latest published.
    priority = rank * 1e8 - published
    # Sort by point, then priority, then claim id: each point's first row is its headline.
    # Where only groups' figures bound a point, the largest of them heads it.
    stated_all = rows["stated"].to_numpy(dtype="float64", na_value=np.nan)
    priority_or_size = np.where(bound, -stated_all, priority)
    order = np.lexsort((rows["_rank"].to_numpy(), priority_or_size, key))
    sorted_key = key[order]
    starts = np.flatnonzero(np.r_[True, sorted_key[1:] != sorted_key[:-1]])
    head = order[starts]
    unique_keys = sorted_key[starts]
    low_v = rows["low_v"].to_numpy(dtype="float64", na_value=np.nan)[order]
    high_v = rows["high_v"].to_numpy(dtype="float64", na_value=np.nan)[order]
    low = np.fmin.reduceat(low_v, starts)
    high = np.fmax.reduceat(high_v, starts)
    lower_bound = np.logical_and.reduceat(bound[order], starts)
    head_value = stated_all[head]
    low[lower_bound] = head_value[lower_bound]  # at least the largest group's figure
    high[lower_bound] = head_value[lower_bound]
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
            "bound": lower_bound,
            "head_rank": priority[head],
            "head_claim": pd.array(_take_text(rows["claim_id"], head), dtype=object),
            "point": np.arange(len(head)),
            "span": days_covered(rows, head),
        }
    )
    behind = Behind(  # in point order, as the sort left them
        point=np.searchsorted(unique_keys, sorted_key).astype(np.int32),
        row=rows["_row"].to_numpy(np.int64)[order].astype(np.int32),
        ids=ids,
        # a few hundred sources among a million claims: a code each, not the text
        source=source_codes[order].astype(np.int32),
        sources=np.asarray(source_ids, dtype=object),
    )
    return Series(points, (behind,), next_point=len(head))


def _bounds_only_where_alone(rows: pd.DataFrame, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows a point keeps, and which of them are bounds. For all people, a group's
    figure (civilians, fighters, children) is a lower bound, used only where no figure for all
    people is known that day and place; then the point is the largest group's figure, marked
    ``bound``. Elsewhere the groups' rows are left out (they neither move the headline nor
    widen the range)."""
    if "_bound" not in rows:
        return np.ones(len(rows), dtype=bool), np.zeros(len(rows), dtype=bool)
    bound = rows["_bound"].to_numpy(dtype=bool)
    if not bound.any():
        return np.ones(len(rows), dtype=bool), bound
    codes, uniques = pd.factorize(key)
    has_everyone = np.zeros(len(uniques), dtype=bool)
    np.logical_or.at(has_everyone, codes, ~bound)
    return ~bound | ~has_everyone[codes], bound


def _arrow(column: pd.Series) -> pa.ChunkedArray:
    """A text column as Arrow, without a copy when it already is Arrow text."""
    found = pa.array(column.array) if hasattr(column.array, "__arrow_array__") else None
    if found is None:
        found = pa.array(column.astype("string[pyarrow]").array)
    return found if isinstance(found, pa.ChunkedArray) else pa.chunked_array([found])


def _id_order(ids: pd.Series) -> np.ndarray:
    """Each claim's place in claim id order; the rows' own order when they are in it."""
    text = _arrow(ids)
    if len(text) < 2 or pc.all(pc.less_equal(text[:-1], text[1:])).as_py():
        return np.arange(len(text))
    return pc.rank(text, sort_keys="ascending", tiebreaker="first").to_numpy()


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
