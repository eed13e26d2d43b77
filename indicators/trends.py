"""What the dashboard draws, as plain frames: trends, headlines, strain by place, facilities.

Every figure here comes from the reconciled series of ``indicators.series`` (accepted
claims only, one point per indicator, place and day, with the range of the claims behind it),
so a chart and an alert never disagree about a value. Nothing here fills a gap: a day with
no claim has no point.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from indicators.alerts.evaluate import unit_name
from indicators.alerts.rules import AlertRule
from indicators.catalogue import INDICATORS
from indicators.places import country_or_default, gazetteer
from indicators.reader_tables import named_sources
from indicators.series import HEAD_COLUMNS, REGION, WIDE, Series
from indicators.vocab import STRAIN_ORDER

KIND_LABELS = {
    "cumulative": "Cumulative total (since counting began)",
    "stock": "Standing at the date (stock)",
    "new": "New in the period each report covers",
}
STALE_AFTER_DAYS = 7
RECENT_NEW_DAYS = 7
LEVEL_NAMES = {v: k for k, v in STRAIN_ORDER.items()}
LINE_NAMES = {WIDE: "whole country (or place not stated)", REGION: "regions (parts of the country)"}
REF_PREFIX = {
    WIDE: "w:",
    REGION: "r:",
    "all": "c:",
    "admin1": "g:",
    "admin2": "d:",
    "facility": "f:",
}
"""Short tags for a point's reference in a chart (kept short: a chart carries thousands)."""


def series(
    snapshot, indicator: str, group_by: str, group: str | None = None, country: str | None = None
) -> Series:
    """A reconciled series of one country (the deployment's default when None).
    ``group_by='wide'`` keeps the figures about the whole country or with no place stated;
    ``'region'`` those about a part of the country larger than a governorate ('north-west
    Syria'). Neither holds a figure about one governorate, so a national toll is never
    mixed with one town's count, nor a region's with the country's, nor one country's with
    another's."""
    return snapshot.evaluator.series(indicator, group_by, group, country_or_default(country))


@dataclass(frozen=True)
class Filters:
    """What a page shows: a period, places and a population group."""

    date_from: date | None = None
    date_to: date | None = None
    admin1: tuple[str, ...] = ()
    admin2: tuple[str, ...] = ()
    group: str | None = None
    country: str | None = None
    """ISO3 code of the country shown; None: the deployment's default country."""

    @property
    def country_code(self) -> str:
        return country_or_default(self.country)

    @property
    def group_by(self) -> str:
        return "admin2" if self.admin2 else "admin1" if self.admin1 else "all"

    @property
    def units(self) -> tuple[str, ...]:
        return self.admin2 or self.admin1


def trend(
    snapshot,
    indicator: str,
    filters: Filters,
    group_by: str | None = None,
    max_places: int | None = None,
) -> pd.DataFrame:
    """Daily points of one indicator for the filtered places, with the claims and the
    sources behind each point. With no place chosen: a line of figures about the whole
    country, one of figures about regions, and one per governorate. Columns: unit,
    unit_name, day, count_kind, cause_key, value, low, high, derived, shared, ref (a short
    tag of grouping and point, to find the claims again),
    sources (publishers), n_claims. With no place chosen and ``max_places``, only that many
    governorates are kept, those with the highest figures; the names of the others are in
    ``.attrs["hidden"]``."""
    watch = INDICATORS[indicator]
    group = filters.group if watch.by_group else None
    if group_by is not None:
        parts = [(group_by, ())]
    elif filters.units:
        parts = [(filters.group_by, filters.units)]
    else:
        parts = [(WIDE, ()), (REGION, ()), ("admin1", ())]
    hidden: list[str] = []
    frames = []
    for g, units in parts:
        top = max_places if (g == "admin1" and not filters.units and group_by is None) else None
        found = _points(snapshot, indicator, filters, g, units, group, top)
        hidden += found.attrs.get("hidden", [])
        frames.append(found)
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(
            columns=[
                "unit", "unit_name", "day", "count_kind", "cause_key", "value", "low", "high",
                "derived", "shared", "bound", "point", "ref", "claim_ids", "sources",
                "n_claims", "span",
            ]
        )  # fmt: skip
    out = pd.concat(frames, ignore_index=True)
    # by kind, place, cause and day: on codes, not on the text columns (a tenth of the time)
    keys = [
        pd.factorize(out[c].fillna(""), sort=True)[0] for c in ("cause_key", "unit", "count_kind")
    ]
    order = np.lexsort([out["day"].to_numpy(), *keys])
    out = out.take(order).reset_index(drop=True)
    out.attrs["hidden"] = sorted(hidden)
    return out


def _points(snapshot, indicator, filters, group_by, units, group, top=None) -> pd.DataFrame:
    found = series(snapshot, indicator, group_by, group, filters.country)
    shown = found.shown
    day = shown["day"].to_numpy()
    keep = np.ones(len(shown), dtype=bool)  # one selection, one copy of the rows kept
    if units:
        keep &= shown["unit"].isin(units).to_numpy()
    if filters.date_from is not None:
        keep &= day >= np.datetime64(pd.Timestamp(filters.date_from))
    if filters.date_to is not None:
        keep &= day <= np.datetime64(pd.Timestamp(filters.date_to))
    points = shown.loc[keep, [c for c in shown.columns if c not in HEAD_COLUMNS]]
    if points.empty:
        return points
    hidden: list[str] = []
    if top is not None:
        highest = points.groupby("unit")["value"].max().sort_values(ascending=False)
        if len(highest) > top:
            hidden = [unit_name(u) for u in highest.index[top:]]
            points = points[points["unit"].isin(highest.index[:top])]
    behind = found.behind(points["point"].to_numpy())
    # many claims, a few hundred sources: count and name on numbers, each source named once
    point = behind["point"].to_numpy()
    codes, ids = source_codes(behind["source_id"])
    n_claims = pd.Series(*reversed(np.unique(point, return_counts=True)))
    width = len(ids) + 1
    pairs = np.unique(point * width + codes)  # each point's sources, each once
    publisher = named_sources(snapshot, ids)[pairs % width]
    names = _publishers(pd.DataFrame({"point": pairs // width, "publisher": publisher}))
    if group_by in LINE_NAMES:
        unit_label = f"{gazetteer().country_name(filters.country_code)}: {LINE_NAMES[group_by]}"
    elif group_by == "facility":
        unit_label = points["unit"]
    else:
        unit_label = points["unit"].map(unit_name)
    out = points.assign(
        unit=group_by if group_by in LINE_NAMES else points["unit"],
        unit_name=unit_label,
        ref=REF_PREFIX[group_by] + points["point"].astype(str),
        sources=points["point"].map(names),
        n_claims=points["point"].map(n_claims).astype(int),
    )
    out.attrs["hidden"] = hidden
    return out


def claims_of(
    snapshot, indicator: str, ref: str, group: str | None, country: str | None = None
) -> list[str]:
    """The ids of the claims behind a point, from its ``ref``."""
    prefix, _, point = ref.partition(":")
    group_by = {v.rstrip(":"): k for k, v in REF_PREFIX.items()}[prefix]
    watch = INDICATORS[indicator]
    found = series(snapshot, indicator, group_by, group if watch.by_group else None, country)
    return list(found.claim_ids(np.array([int(point)])))


def source_codes(source: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Each claim's source as a number, and the sources the numbers stand for."""
    if isinstance(source.dtype, pd.CategoricalDtype):  # as the series keeps them
        return source.cat.codes.to_numpy().astype(np.int64), pd.Index(source.cat.categories)
    codes, ids = pd.factorize(source)
    return codes.astype(np.int64), pd.Index(ids)


def _publishers(pairs: pd.DataFrame) -> pd.Series:
    """Per point, the publishers behind it: the first four, then 'and N more'."""
    named: dict[object, list[str]] = {}
    for point, publisher in zip(pairs["point"].tolist(), pairs["publisher"].tolist(), strict=True):
        named.setdefault(point, []).append(publisher)
    return pd.Series(
        {
            point: ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
            for point, names in named.items()
        },
        dtype=object,
    )


def headline(
    snapshot, indicator: str, as_of: date, country: str | None = None
) -> dict[str, object]:
    """The figure to show first for one indicator, across all places, as of a day.

    From figures about the whole country (or with no place stated) only. With tolls or
    stocks, the newest day's highest total (the alert rules' 'latest'); with only new
    counts, the sum of the last seven days. Figures given for one cause only (airstrikes)
    never stand for the whole. ``value`` is None when nothing is known; ``sources`` counts
    the sources behind it."""
    made = series(snapshot, indicator, WIDE, country=country)
    points = made.shown
    points = points[(points["cause_key"] == "") & (points["day"] <= pd.Timestamp(as_of))]
    out: dict[str, object] = {
        "indicator": indicator,
        "label": INDICATORS[indicator].label,
        "value": None,
        "low": None,
        "high": None,
        "day": None,
        "basis": "no country-wide figure yet",
        "stale": True,
        "age_days": None,
        "sources": 0,
    }
    if points.empty:
        return out
    totals = points[points["count_kind"].isin(["cumulative", "stock"])]
    if len(totals):
        newest = totals["day"].max()
        top = totals[totals["day"] == newest].sort_values("value").iloc[-1]
        basis = "total reported" if top["count_kind"] == "cumulative" else "standing"
        if bool(top.get("bound", False)):
            basis = f"at least: {basis} for a group only (civilians, fighters...)"
        out.update(
            value=float(top["value"]),
            low=float(top["low"]),
            high=float(top["high"]),
            day=newest.date(),
            basis=basis,
            sources=made.behind([top["point"]])["source_id"].nunique(),
        )
    else:
        newest = points["day"].max()
        recent = points[points["day"] > newest - pd.Timedelta(days=RECENT_NEW_DAYS)]
        out.update(
            value=float(recent["value"].sum()),
            low=float(recent["low"].sum()),
            high=float(recent["high"].sum()),
            day=newest.date(),
            basis=f"new in the {RECENT_NEW_DAYS} days to",
            sources=made.behind(recent["point"].to_numpy())["source_id"].nunique(),
        )
    age = (as_of - out["day"]).days
    out.update(age_days=age, stale=age > STALE_AFTER_DAYS)
    return out


def sparkline(
    snapshot, indicator: str, as_of: date, days: int = 30, country: str | None = None
) -> pd.DataFrame:
    """The headline's series over the last ``days`` days: day, value (gaps left out)."""
    points = series(snapshot, indicator, WIDE, country=country).shown
    first = pd.Timestamp(as_of - timedelta(days=days - 1))
    points = points[
        (points["cause_key"] == "")
        & (points["day"] >= first)
        & (points["day"] <= pd.Timestamp(as_of))
    ]
    kinds = set(points["count_kind"])
    kind = next((k for k in ("cumulative", "stock") if k in kinds), "new")
    points = points[points["count_kind"] == kind]
    daily = points.groupby("day")["value"].max()
    return pd.DataFrame({"day": daily.index, "value": daily.to_numpy(), "kind": kind})


def thresholds(rules: list[AlertRule], indicator: str, filters: Filters) -> list[dict]:
    """Warning and critical levels of enabled rules that compare a day's value with a level,
    for the places shown. Rules over sums or rises are listed with ``drawn`` False: their
    level is not on the scale of a day's value and is not drawn as a line."""
    out = []
    for rule in rules:
        if not rule.enabled or rule.indicator != indicator:
            continue
        if rule.country_code != filters.country_code:
            continue
        if rule.condition == "no_data":
            continue
        if rule.group_by != filters.group_by and not (
            rule.group_by == "admin1" and filters.group_by == "all"
        ):
            continue
        if rule.population_group and rule.population_group != (filters.group or "all"):
            continue
        if (
            filters.admin1
            and rule.scope_admin1
            and not set(rule.scope_admin1) & set(filters.admin1)
        ):
            continue
        drawn = rule.condition == "level" and rule.window in ("latest", "max")
        for level_name in ("warning", "critical"):
            level = getattr(rule, level_name)
            if level is not None:
                out.append(
                    {
                        "rule_id": rule.rule_id,
                        "name": rule.name,
                        "level": level_name,
                        "value": float(level),
                        "window": rule.window,
                        "window_days": rule.window_days,
                        "condition": rule.condition,
                        "per_place": rule.group_by != "all",
                        "scope": tuple(
                            rule.scope_admin2 if rule.group_by == "admin2" else rule.scope_admin1
                        )
                        if rule.group_by in ("admin1", "admin2")
                        else (),
                        "drawn": drawn,
                    }
                )
    return out


def latest_reports(
    snapshot, as_of: date | None = None, limit: int = 8, country: str | None = None
) -> pd.DataFrame:
    """The newest sources published by ``as_of`` that gave accepted figures (about
    ``country`` when given), with how many: source_id, publisher, title, url, published,
    n_claims."""
    counts = snapshot.claims_per_source(country)  # counted once per version of the store
    sources = snapshot.sources[snapshot.sources["source_id"].isin(counts.index)]
    if as_of is not None:
        sources = sources[~(sources["published"] > pd.Timestamp(as_of)).fillna(False)]
    sources = sources.assign(n_claims=sources["source_id"].map(counts).astype(int))
    cols = ["source_id", "publisher", "title", "url", "published", "n_claims"]
    return sources.sort_values("published", ascending=False, na_position="last")[cols].head(limit)


def reported_admin1(snapshot, as_of: date) -> set[str]:  # p-codes: of every country
    """Governorates with at least one accepted figure dated up to ``as_of``."""
    day = pd.Timestamp(as_of)
    return {
        code
        for code, first in snapshot.admin1_first_reported.items()
        if first is None or first <= day
    }


def filtered_ids(
    snapshot, table: str, admin1, date_from, date_to, limit: int, country: str | None = None
) -> tuple[int, list[str]]:
    """How many accepted claims of ``table`` ``Store.read`` would return with these filters
    (same rules: a figure spanning several governorates counts in each; a period overlapping
    the range; one country when given), and the first ``limit`` ids; from memory."""
    rows = snapshot.tables[table]
    chosen = np.flatnonzero(_kept(rows, admin1, date_from, date_to, country))
    return len(chosen), rows["claim_id"].take(chosen[:limit]).tolist()


def cited_source_ids(
    snapshot, table: str, admin1, date_from, date_to, country: str | None = None
) -> list[str]:
    """The sources the accepted claims of ``table`` with these filters cite (the rows a
    download with the same filters holds); from memory."""
    rows = snapshot.tables[table]
    kept = rows["source_id"][_kept(rows, admin1, date_from, date_to, country)]
    return sorted(kept.dropna().unique().tolist())


def _kept(rows: pd.DataFrame, admin1, date_from, date_to, country: str | None) -> np.ndarray:
    keep = np.ones(len(rows), dtype=bool)
    if country is not None:
        keep &= (rows["country"] == country).fillna(False).to_numpy(dtype=bool)
    if admin1:
        base = keep.copy()
        keep &= rows["admin1_pcode"].isin(list(admin1)).fillna(False).to_numpy(dtype=bool)
        spanned = rows["admin1_pcodes_spanned"]
        for code in admin1:
            keep |= base & spanned.str.contains(code, regex=False).fillna(False).to_numpy(
                dtype=bool
            )
    if date_from is not None:
        ends = rows["date_end"].fillna(rows["date_start"])
        keep &= (ends >= pd.Timestamp(date_from)).fillna(False).to_numpy(dtype=bool)
    if date_to is not None:
        starts = rows["date_start"].fillna(rows["date_end"])
        keep &= (starts <= pd.Timestamp(date_to)).fillna(False).to_numpy(dtype=bool)
    return keep
