"""One story counted once: repeats and falling tolls, settled as claims are written.

**Repeats.** A figure carried by several outlets is one story: the same original publisher
(a Reuters story reprinted by two sites; a report that states its figure in the headline and
again in the body), or the same quote, with the same figure about the same place, day, kind
of count and group. The first claim of a story stands; every later one is a *repeat* of it
(``repeats``): it stays in the store with its own source and quote, is listed among the
claim's carriers, and never counts again. An accepted claim only repeats an accepted one, so
a figure never waits on another's review to count. Events (rows of an event dataset) are
distinct within their source: the n-th of a source's alike events can only repeat the n-th
of another source's (the same dataset imported twice), never its neighbour.

**Falling tolls.** A cumulative toll never falls. An accepted toll lower than an earlier
accepted toll of the same series and scope (indicator, place, group, cause; a toll counted
from a later start may be lower) is *held* off the headline with its reason
(``held_reason``) until a reviewer releases it. It stays accepted, and the Review page lists
it. The check is store-wide: a toll written today is weighed against every accepted toll
already stored, and an earlier toll written today can hold a later one stored before.

These are plans over frames (no SQL here): the store applies them as it writes
(:mod:`indicators.store.settle`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.schemas import columns
from indicators.schemas.claims import ClaimModel

FIGURE = (
    "country",
    "admin1_pcode",
    "admin2_pcode",
    "admin1_pcodes_spanned",
    "place_precision",
    "date_end",
    "count_kind",
    "record_type",
    "value_low",
    "value_best",
    "value_high",
    "unit",
)
"""What makes two claims the same figure, with the columns a table adds (outcome, group and
cause; category; measure, facility...): see :func:`figure_columns`."""
SCOPE = ("outcome", "category", "measure", "population_group", "cause", "facility_name")
"""Besides the place: what makes two tolls one series (a fall is only a fall within one)."""
PLACE = ("country", "admin1_pcode", "admin2_pcode", "admin1_pcodes_spanned")
STANDS = ("accepted",)
WAITS = ("pending",)


def figure_columns(table: str) -> list[str]:
    """The columns two claims of ``table`` share when they state the same figure."""
    shared = set(ClaimModel.to_schema().columns)
    own = [c.name for c in columns(table) if c.name not in shared]
    return [*FIGURE, *own]


def publisher_key(sources: pd.DataFrame) -> pd.Series:
    """Each source's story publisher: the original publisher it carries, else its own,
    compared without case or spacing; by source id."""
    own = sources["publisher"].astype(object)
    if "original_publisher" in sources:
        original = sources["original_publisher"].astype(object)
        own = original.where(original.notna() & (original.astype(str).str.strip() != ""), own)
    keys = own.fillna("").astype(str).map(_plain)
    return pd.Series(keys.to_numpy(), index=sources["source_id"].to_numpy())


def _plain(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _text(frame: pd.DataFrame, names: list[str]) -> pd.Series:
    """One text per row joining ``names`` (missing as empty; numbers as floats, so 56 and
    56.0 agree)."""
    joined = pd.Series("", index=frame.index, dtype=object)
    for name in names:
        if name not in frame:
            continue
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            text = column.dt.strftime("%Y-%m-%d").astype(object)
        elif pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            text = pd.Series(
                column.to_numpy(dtype=float, na_value=np.nan).astype(str), index=frame.index
            )
        else:
            text = column.astype(object)
        joined = joined + "\x1f" + text.where(text.notna(), "").astype(str)
    return joined


def repeats(
    new: pd.DataFrame, earlier: pd.DataFrame, sources: pd.DataFrame, table: str
) -> pd.Series:
    """For each row of ``new``: the claim id of the story it repeats, or missing.

    ``earlier`` are stored claims that may be repeated (accepted or pending, not themselves
    repeats), all stored before ``new``; a row of ``new`` may repeat an earlier row of
    ``new``. A row already marked (an exported table imported again) keeps its mark; a
    rejected or superseded row repeats nothing."""
    given = new["repeats"].astype(object) if "repeats" in new else pd.Series(pd.NA, index=new.index)
    if new.empty:
        return given
    pool = pd.concat([earlier, new], ignore_index=True)
    status = pool["review_status"].astype(object).to_numpy()
    fresh = np.r_[np.zeros(len(earlier), bool), given.isna().to_numpy()]
    is_new = np.r_[np.zeros(len(earlier), bool), np.ones(len(new), bool)]
    leader = np.full(len(pool), -1)
    keys = _story_keys(pool, sources, table)
    # an accepted claim repeats only an accepted one; a pending one, either
    for asks, leads in ((STANDS, STANDS), (WAITS, (*STANDS, *WAITS))):
        asking = is_new & fresh & np.isin(status, asks)
        if not asking.any():
            continue
        may_lead = np.isin(status, leads) & (~is_new | fresh)
        for key in keys:
            known = key.notna().to_numpy()
            candidates = key[may_lead & known]
            first = candidates[~candidates.duplicated()]
            first_at = pd.Series(first.index.to_numpy(), index=first.to_numpy())
            at = first_at.reindex(key.to_numpy()).to_numpy()
            hit = asking & known & (leader < 0) & ~np.isnan(at.astype(float))
            at = np.where(hit, at.astype(float), -1).astype(int)
            hit &= at != np.arange(len(pool))
            leader[hit] = at[hit]
    for _ in range(len(new)):  # a repeat of a repeat (within this write) repeats the first
        deeper = np.where(leader >= 0, leader[np.maximum(leader, 0)], -1)
        if not (deeper >= 0).any():
            break
        leader = np.where(deeper >= 0, deeper, leader)
    ids = pool["claim_id"].astype(object).to_numpy()
    mine = leader[len(earlier) :]
    found = pd.Series(np.where(mine >= 0, ids[np.maximum(mine, 0)], None), index=new.index)
    return given.where(given.notna(), found).astype(object)


def _story_keys(pool: pd.DataFrame, sources: pd.DataFrame, table: str) -> list[pd.Series]:
    """Two keys per row: the figure with its story publisher, and the figure with its quote
    (missing where there is no quote). Events carry their place among their source's alike
    events."""
    figure = _text(pool, figure_columns(table))
    publisher = pool["source_id"].map(publisher_key(sources)).fillna("").astype(str)
    events = (pool.get("record_type", pd.Series("figure", index=pool.index)) == "event").fillna(
        False
    )
    nth = pool.groupby([pool["source_id"], figure], sort=False).cumcount().astype(str)
    figure = figure.where(~events, figure + "\x1e" + nth)
    quote = pool["quote"].astype(object) if "quote" in pool else pd.Series(None, index=pool.index)
    quote = quote.map(lambda q: _plain(q) if isinstance(q, str) and q.strip() else None)
    by_publisher = figure + "\x1dp" + publisher
    by_quote = (figure + "\x1dq" + quote.fillna("")).where(quote.notna())
    return [by_publisher, by_quote]


# -- falling tolls -------------------------------------------------------------------------


@dataclass(frozen=True)
class Fall:
    """A toll held off the headline, and the earlier toll it falls below."""

    claim_id: str
    reason: str


def tolls(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that are tolls a fall is weighed against: accepted cumulative figures that
    count (not sub-counts, not repeats), dated, with a value."""
    mask = (
        (frame["review_status"] == "accepted")
        & (frame["count_kind"] == "cumulative")
        & frame["date_end"].notna()
    ).fillna(False)
    if "record_type" in frame:
        mask &= (frame["record_type"] != "event").fillna(True)
    for column in ("subset_of", "repeats"):
        if column in frame:
            mask &= frame[column].isna()
    rows = frame[mask.astype(bool)]
    stated = rows["value_best"].astype("Float64")
    stated = stated.combine_first(rows["value_low"].astype("Float64"))
    stated = stated.combine_first(rows["value_high"].astype("Float64"))
    top = rows["value_high"].astype("Float64").combine_first(stated)
    return rows.assign(toll_value=stated, toll_top=top)[stated.notna()]


def falls(
    every: pd.DataFrame, asking: pd.Series, sources: pd.DataFrame, label_of: dict[str, str]
) -> list[Fall]:
    """The tolls among ``every`` (rows of :func:`tolls`) that ``asking`` marks and that are
    lower than an earlier toll of their series and scope; each with its reason. A released
    toll is never held; a toll counted from a later start than an earlier one is not
    weighed against it. ``label_of`` names each indicator (people killed, ...)."""
    if every.empty or not asking.any():
        return []
    frame = every.assign(toll_asking=asking.reindex(every.index).fillna(False).astype(bool))
    region = (frame["place_precision"] == "region").fillna(False).astype(str)
    scope = _text(frame, [*PLACE, *SCOPE]) + "\x1f" + region
    publisher = sources.set_index("source_id")["publisher"]
    out: list[Fall] = []
    for _, group in frame.groupby(scope, sort=False):
        if not group["toll_asking"].any() or len(group) < 2:
            continue
        group = group.sort_values(["date_end", "claim_id"])
        for start, ask in _by_start(group):
            earlier = group if start is None else group[_counts_from(group, start)]
            days = earlier["date_end"].to_numpy(dtype="datetime64[ns]")
            values = earlier["toll_value"].to_numpy(dtype=float)
            best = np.maximum.accumulate(values)
            where = np.maximum.accumulate(np.where(values >= best, np.arange(len(values)), 0))
            at = np.searchsorted(days, ask["date_end"].to_numpy(dtype="datetime64[ns]")) - 1
            top = ask["toll_top"].to_numpy(dtype=float)
            falling = (at >= 0) & (top < best[np.maximum(at, 0)])
            for row, k in zip(ask[falling].itertuples(index=False), at[falling], strict=True):
                by = earlier.iloc[where[k]]
                out.append(Fall(row.claim_id, _reason(row, by, publisher, label_of)))
    return out


def _by_start(group: pd.DataFrame):
    """The asking tolls of one series, by the day they count from (None: not stated)."""
    asking = group["toll_asking"]
    if "released_by" in group:
        asking = asking & group["released_by"].isna()
    ask = group[asking]
    starts = ask["date_start"] if "date_start" in ask else pd.Series(pd.NaT, index=ask.index)
    for start, rows in ask.groupby(starts.fillna(pd.Timestamp.min), sort=False):
        yield (None if start == pd.Timestamp.min else start), rows


def _counts_from(group: pd.DataFrame, start: pd.Timestamp) -> np.ndarray:
    """The tolls a toll counted from ``start`` is weighed against: those counted from the
    same day or later, or from a day not stated."""
    if "date_start" not in group:
        return np.ones(len(group), dtype=bool)
    starts = group["date_start"]
    return (starts.isna() | (starts >= start)).to_numpy(dtype=bool)


def _reason(row, by, publisher: pd.Series, label_of: dict[str, str]) -> str:
    what = next(
        (getattr(row, c) for c in ("outcome", "category", "measure") if hasattr(row, c)), ""
    )
    label = label_of.get(str(what), str(what).replace("_", " "))
    said = publisher.get(by["source_id"], by["source_id"])
    return (
        f"{_figure(row.toll_top)} {label} by {_day(row.date_end)} is fewer than the "
        f"{_figure(by['toll_value'])} by {_day(by['date_end'])} ({said}, claim "
        f"{by['claim_id']}) for the same place and group: a count since a start does not "
        "fall. Release it if it counts something narrower (one cause, a later start)."
    )


def _figure(value: object) -> str:
    return f"{float(value):,.0f}"


def _day(value: object) -> str:
    return pd.Timestamp(value).strftime("%-d %b %Y")
