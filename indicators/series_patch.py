"""A reconciled series brought up to date by what changed, without reading the claims that
did not: claims added merge into the points they join, and only a day that lost a claim (or
gained an event, which joins a sum) is reconciled again from that day's rows (see
:func:`patch`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.catalogue import Indicator
from indicators.series import Behind, Series, _arrow, build


@dataclass(frozen=True)
class Delta:
    """What changed in a claim table since a series was built: the rows added (as read, in
    the order read), and the claims taken out with the days they were on."""

    added: pd.DataFrame
    gone_ids: frozenset[str] = frozenset()
    gone_days: frozenset[pd.Timestamp] = frozenset()

    def then(self, later: Delta) -> Delta:
        added = (
            pd.concat([self.added, later.added], ignore_index=True)
            if len(later.added)
            else self.added
        )
        return Delta(added, self.gone_ids | later.gone_ids, self.gone_days | later.gone_days)


def patch(
    earlier: Series,
    claims: pd.DataFrame,
    sources: pd.DataFrame,
    watch: Indicator,
    group_by: str,
    population_group: str | None,
    delta: Delta,
    country: str | None = None,
) -> Series:
    """The series after some claims changed, without reading the claims that did not.

    ``claims`` is the table as it is now. A day that lost a claim is made again from the
    claims of that day (all places: a claim's place may have changed too). Claims added on
    other days are reconciled on their own and merged into the points they join: the
    range widens, and their headline replaces the point's when its source ranks higher
    (or alike, with a lower claim id), exactly as a build over all the claims would do.
    """
    added = delta.added.reset_index(drop=True)
    redo = {d for d in delta.gone_days if pd.notna(d)}
    if "record_type" in added and len(added):
        # an event added to a day joins a sum: the day is added up again from all its rows
        events = (added["record_type"] == "event").fillna(False).to_numpy(dtype=bool)
        redo |= set(added.loc[events, "date_end"].dropna())
    if delta.gone_ids and len(added):
        # a claim added, then taken out or changed again: its day is made again
        again = added["claim_id"].isin(list(delta.gone_ids)).to_numpy(dtype=bool)
        redo |= set(added.loc[again, "date_end"].dropna())
        added = added[~again]
    if redo and len(added):
        added = added[~added["date_end"].isin(list(redo)).to_numpy(dtype=bool)]
    if not redo and added.empty:
        return earlier
    points, parts, next_point = earlier.points, list(earlier.parts), earlier.next_point
    if redo:
        points = points[~points["day"].isin(list(redo)).to_numpy()]
        if not claims.index.equals(pd.RangeIndex(len(claims))):
            claims = claims.reset_index(drop=True)  # rows are named by their position
        ids = _arrow(claims["claim_id"])
        on_days = claims.iloc[_rows_on(claims, redo)]
        made = build(on_days, sources, watch, group_by, population_group, ids, country)
        points, parts, next_point = _append(points, parts, next_point, made)
    if len(added):
        made = build(
            added,
            sources,
            watch,
            group_by,
            population_group,
            _arrow(delta.added["claim_id"]),
            country,
        )
        # For all people a group's figure is a bound only where no one else's is: where a
        # figure for all people arrives on a point that was such a bound, the day is
        # weighed again from all its rows (rare); every other case merges below.
        lifted = _bounds_lifted(points, made)
        if lifted:
            return patch(
                earlier, claims, sources, watch, group_by, population_group,
                Delta(delta.added, delta.gone_ids, delta.gone_days | lifted), country,
            )  # fmt: skip
        points, parts, next_point = _merge(points, parts, next_point, made)
    return Series(points.reset_index(drop=True), tuple(parts), next_point)


def _bounds_lifted(points: pd.DataFrame, made: Series) -> frozenset[pd.Timestamp]:
    """Days where an added figure for all people meets a point that was a group's bound."""
    if "bound" not in points or made.points.empty or points.empty:
        return frozenset()
    fresh = made.points[~made.points["bound"].astype(bool)]
    if fresh.empty:
        return frozenset()
    at = pd.MultiIndex.from_frame(points[KEY]).get_indexer(pd.MultiIndex.from_frame(fresh[KEY]))
    hit = at >= 0
    was_bound = np.zeros(len(at), dtype=bool)
    was_bound[hit] = points["bound"].to_numpy(dtype=bool)[at[hit]]
    return frozenset(pd.Timestamp(d) for d in fresh["day"].to_numpy()[was_bound])


def _append(points, parts, next_point, made: Series):
    """Points of days made again, under new ids, with the claims behind them."""
    if made.points.empty:
        return points, parts, next_point
    new = made.points.assign(point=made.points["point"].to_numpy() + next_point)
    part = made.parts[0]
    moved = Behind(part.point + next_point, part.row, part.ids, part.source, part.sources)
    points = pd.concat([points, new], ignore_index=True) if len(points) else new
    return points, [*parts, moved], next_point + made.next_point


KEY = ["unit", "day", "count_kind", "cause_key"]


def _merge(points, parts, next_point, made: Series):
    """Points reconciled from added claims alone, merged into the points they join."""
    if made.points.empty:
        return points, parts, next_point
    points = points.reset_index(drop=True)
    fresh = made.points
    at = pd.MultiIndex.from_frame(points[KEY]).get_indexer(pd.MultiIndex.from_frame(fresh[KEY]))
    joins = at >= 0
    ids = np.where(joins, 0, next_point + fresh["point"].to_numpy())
    fresh_bound = (
        fresh["bound"].to_numpy(dtype=bool) if "bound" in fresh else np.zeros(len(at), bool)
    )
    if joins.any():
        i = at[joins]
        f = fresh[joins]
        old = {c: points[c].to_numpy(copy=True) for c in points.columns if c not in KEY}
        ids[joins] = old["point"][i]
        mine_bound = old["bound"][i].astype(bool) if "bound" in old else np.zeros(len(i), bool)
        theirs_bound = fresh_bound[joins]
        # a group's bound meeting a figure for all people adds nothing: left out (its claims
        # are not behind the point); two bounds: the larger stands (see series.build)
        ignored = theirs_bound & ~mine_bound
        bounds = theirs_bound & mine_bound
        usual = ~theirs_bound & ~mine_bound
        old["low"][i[usual]] = np.fmin(old["low"][i[usual]].astype(float),
                                       f["low"].to_numpy(float)[usual])  # fmt: skip
        old["high"][i[usual]] = np.fmax(old["high"][i[usual]].astype(float),
                                        f["high"].to_numpy(float)[usual])  # fmt: skip
        old["shared"][i[usual]] = (
            old["shared"][i[usual]].astype(bool) & f["shared"].to_numpy(bool)[usual]
        )
        theirs, mine = f["head_rank"].to_numpy(float), old["head_rank"][i].astype(float)
        claim_theirs = f["head_claim"].to_numpy(object)
        claim_mine = old["head_claim"][i]
        value_theirs, value_mine = f["value"].to_numpy(float), old["value"][i].astype(float)
        ranked = (theirs < mine) | ((theirs == mine) & (claim_theirs < claim_mine))
        larger = (value_theirs > value_mine) | (
            (value_theirs == value_mine) & (claim_theirs < claim_mine)
        )
        better = np.where(bounds, larger, ranked & usual)
        for column in ("value", "derived", "head_rank", "head_claim"):
            old[column][i[better]] = f[column].to_numpy()[better]
        for column in ("low", "high"):  # a bound is its value: at least that many
            old[column][i[bounds]] = old["value"][i[bounds]]
        points = pd.DataFrame({**{c: points[c] for c in KEY}, **old})[points.columns]
        ids[np.flatnonzero(joins)[ignored]] = -1  # their claims stay out of the point
    new = fresh[~joins].assign(point=ids[~joins])
    if len(new):
        points = pd.concat([points, new], ignore_index=True)
    part = made.parts[0]
    kept = ids[part.point] >= 0
    order = np.flatnonzero(kept)[np.argsort(ids[part.point][kept], kind="stable")]
    moved = Behind(
        ids[part.point][order].astype(np.int32),
        part.row[order],
        part.ids,
        part.source[order],
        part.sources,
    )
    return points, [*parts, moved], next_point + made.next_point


def _rows_on(claims: pd.DataFrame, days: set[pd.Timestamp]) -> np.ndarray:
    """Positions of the claims whose last day is one of ``days``: a table lookup by day
    number, one pass over the column."""
    end = claims["date_end"].to_numpy(dtype="datetime64[ns]")
    number = end.astype("datetime64[D]").astype(np.int64)
    wanted = np.array(sorted(days), dtype="datetime64[D]").astype(np.int64)
    known = ~np.isnat(end)
    if not known.any() or not len(wanted):
        return np.array([], dtype=np.int64)
    first = min(number[known].min(), wanted.min())
    lookup = np.zeros(max(number[known].max(), wanted.max()) - first + 1, dtype=bool)
    lookup[wanted - first] = True
    hit = np.zeros(len(end), dtype=bool)
    hit[known] = lookup[number[known] - first]
    return np.flatnonzero(hit)
