"""Hospital strain by place as evidence: per governorate (or district) of a country, as of a
day, what reports say of its hospitals, each cell with the claims behind it, and the level
``indicators.strain_rule`` reads from them.

Every count comes from the reconciled series (``indicators.series``), windowed as the alert
rules window them (``alerts.grid.window_grid``): a dataset's events of a day are added up,
reports of one figure are reconciled, not added; only *new* counts are summed over a window,
and a figure given for several governorates together is summed in none.

Unknown is never zero. A cell is None ("no report") unless some accepted claim about that
very place falls in its window; it is 0 only when a source said 0 for it. Silence of an
event dataset is not a zero either: the store does not record which places and days a
dataset covers, so a day without a WHO attack in a governorate may be a day WHO recorded
nothing there or a place it does not cover. WHO's attacks on health care are recorded for
Syria as a whole: they are in ``not_placed``, shown beside every place, never a place's.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from indicators.alerts.states import unit_name
from indicators.places import country_or_default, gazetteer
from indicators.reader_tables import named_sources
from indicators.series import REGION, WIDE, Series
from indicators.strain_rule import (
    BASIS_STATED,
    FACILITY_DAYS,
    OCCUPANCY_DAYS,
    STATED_FADES_DAYS,
    UNKNOWN,
    Evidence,
    judge,
)
from indicators.vocab import STRAIN_ORDER

WEEK, MONTH = 7, 30
LEVELS = ("admin1", "admin2")
DOWN_MEASURES = ("facilities_out_of_service", "facilities_damaged", "facilities_affected")
"""Counts of facilities a report gives for a place (not named one by one)."""

COLUMNS = {
    "place": "The place's p-code (governorate, or district when chosen).",
    "place_name": "The place's name.",
    "admin_level": "admin1 (governorate) or admin2 (district).",
    "as_of": "The day the evidence is read as of.",
    "level": "The strain level by the rule: stated or derived; 'unknown' when no evidence.",
    "certainty": "confirmed (stated in a report) or possible (derived from evidence).",
    "strain_basis": "stated, or derived_evidence (read from the evidence by the rule).",
    "derived_level": "What the evidence alone gives, whatever was stated.",
    "derived_from": "The evidence that gave the level, in words.",
    "reason": "Why the level is what it is, in one sentence.",
    "evidence_age_days": "How many days before as_of the newest evidence giving the level is.",
    "stated_level": "The newest strain level a report stated for the place (30 days).",
    "stated_day": "The day of that report.",
    "stated_age_days": "How many days before as_of it was stated.",
    "attacks_7d": "Attacks on health care in the place in the 7 days to as_of (no report: empty).",
    "attacks_30d": "Attacks on health care in the place in the 30 days to as_of.",
    "injured_7d": "People injured in the place in the 7 days to as_of (new counts).",
    "facilities_down": "Facilities reported out of service, damaged or affected in the last "
    "30 days: the largest newest count, or the named facilities not or partly functioning "
    "or damaged when they are more (never added: a count may include them).",
    "facilities_detail": "Those facilities, in words.",
    "occupancy_pct": "The highest bed occupancy stated in the place in the last 7 days (%).",
    "occupancy_day": "The day of that figure.",
    "not_placed": "Evidence about the whole country or a region, not this place's: shown, "
    "never counted in the place's level.",
}
CELLS = ("stated", "attacks_7d", "attacks_30d", "injured_7d", "facilities", "occupancy")
"""Cells that carry claims: column ``<cell>_claims`` holds their ids, ``<cell>_sources``
their sources as a reader names them."""
READ_BY_RULE = ("stated", "attacks_7d", "injured_7d", "facilities", "occupancy")
"""The cells the rule reads (attacks of 30 days are shown, never read)."""


def strain_evidence(
    snapshot, as_of: date, country: str | None = None, admin_level: str = "admin1"
) -> pd.DataFrame:
    """One row per place of ``country`` (the deployment's default when None) at
    ``admin_level`` ('admin1' governorates, 'admin2' districts), every place of the
    gazetteer, with its evidence as of ``as_of`` and the level the rule gives it. Columns:
    those of ``COLUMNS`` and, per cell of ``CELLS``, ``<cell>_claims`` (tuple of claim ids,
    for ``snapshot.claims``) and ``<cell>_sources``. What a page lists and downloads."""
    out = evidence_of_day(snapshot, as_of, country, admin_level)
    return with_sources(snapshot, out, CELLS)


def evidence_of_day(
    snapshot,
    as_of: date,
    country: str | None = None,
    admin_level: str = "admin1",
    *,
    words: bool = True,
) -> pd.DataFrame:
    """``strain_evidence`` without the ``<cell>_sources`` columns (what a walk over many
    days names once, at the end); ``words=False`` leaves ``not_placed`` empty."""
    if admin_level not in LEVELS:
        raise ValueError(f"admin_level must be one of {LEVELS}, not {admin_level!r}")
    country = country_or_default(country)
    g = gazetteer()
    places = g.admin1_of(country) if admin_level == "admin1" else g.admin2_of(country)
    day = pd.Timestamp(as_of)
    ev = snapshot.evaluator
    found: dict[str, dict[str, object]] = {p: {} for p in places}

    def put(cell: str, sums: dict[str, tuple[float, int, tuple[str, ...]]]) -> None:
        for place, (value, age, claims) in sums.items():
            if place in found:
                found[place].update({cell: value, f"{cell}_age": age, f"{cell}_claims": claims})

    attacks = ev.series("attacks_on_health_care", admin_level, None, country)
    put("attacks_7d", _window_sum(attacks, day, WEEK))
    put("attacks_30d", _window_sum(attacks, day, MONTH))
    injured = ev.series("injured", admin_level, None, country)
    put("injured_7d", _window_sum(injured, day, WEEK))
    put("stated", _latest(ev.series("strain_level", admin_level, None, country), day,
                          STATED_FADES_DAYS, "high"))  # fmt: skip
    put("occupancy", _latest(ev.series("bed_occupancy", admin_level, None, country), day,
                             OCCUPANCY_DAYS, "high"))  # fmt: skip
    facilities = _facilities(snapshot, ev, country, admin_level, day)
    not_placed = _not_placed_words(ev, country, day) if words else None

    rows = []
    for place in places:
        cell = found[place]
        down = facilities.get(place)
        stated = cell.get("stated")
        stated_level = None if stated is None else _level_name(stated)
        evidence = Evidence(
            stated_level=stated_level,
            stated_age_days=cell.get("stated_age"),
            occupancy_pct=cell.get("occupancy"),
            occupancy_age_days=cell.get("occupancy_age"),
            attacks_7d=cell.get("attacks_7d"),
            attacks_newest_age_days=cell.get("attacks_7d_age"),
            facilities_down=down["count"] if down else None,
            facilities_age_days=down["age"] if down else None,
            injured_7d=cell.get("injured_7d"),
            injured_newest_age_days=cell.get("injured_7d_age"),
        )
        verdict = judge(evidence)
        stated_age = cell.get("stated_age")
        rows.append(
            {
                "place": place,
                "place_name": unit_name(place),
                "admin_level": admin_level,
                "as_of": day,
                "level": verdict.level,
                "certainty": verdict.certainty,
                "strain_basis": verdict.basis,
                "derived_level": verdict.derived_level,
                "derived_from": "; ".join(verdict.derived_from) or None,
                "reason": verdict.reason,
                "evidence_age_days": verdict.age_days,
                "stated_level": stated_level,
                "stated_day": day - pd.Timedelta(days=stated_age) if stated is not None else None,
                "stated_age_days": stated_age,
                "attacks_7d": cell.get("attacks_7d"),
                "attacks_30d": cell.get("attacks_30d"),
                "injured_7d": cell.get("injured_7d"),
                "facilities_down": down["count"] if down else None,
                "facilities_detail": down["words"] if down else None,
                "occupancy_pct": cell.get("occupancy"),
                "occupancy_day": (
                    day - pd.Timedelta(days=cell["occupancy_age"]) if "occupancy" in cell else None
                ),
                "not_placed": not_placed,
                **{f"{c}_claims": _claims_of(c, cell, down) for c in CELLS},
            }
        )
    out = pd.DataFrame(rows, columns=[*COLUMNS, *(f"{c}_claims" for c in CELLS)])
    for column in ("stated_day", "occupancy_day", "as_of"):
        out[column] = pd.to_datetime(out[column])
    for column in ("stated_age_days", "evidence_age_days"):
        out[column] = out[column].astype("Int64")
    for column in ("attacks_7d", "attacks_30d", "injured_7d", "facilities_down", "occupancy_pct"):
        out[column] = out[column].astype("Float64")
    return out


def of_places(
    rows: pd.DataFrame, admin1: tuple[str, ...] = (), admin2: tuple[str, ...] = ()
) -> pd.DataFrame:
    """The rows of the chosen places: the districts ``admin2`` when given, else the
    governorates ``admin1`` (or, in rows of districts, their districts); all when none."""
    if admin2:
        return rows[rows["place"].isin(admin2)]
    if not admin1:
        return rows
    parent = rows["place"].map(gazetteer().admin2_parent).fillna(rows["place"])
    return rows[parent.isin(admin1)]


def claims_behind(row) -> tuple[str, ...]:
    """The claims that gave a row's level: the statement when the level is stated, else
    every piece of evidence the rule read (none when unknown)."""
    if row["level"] == UNKNOWN:
        return ()
    cells = ("stated",) if row["strain_basis"] == BASIS_STATED else READ_BY_RULE
    return tuple(dict.fromkeys(i for c in cells for i in row[f"{c}_claims"]))


def with_sources(snapshot, rows: pd.DataFrame, cells) -> pd.DataFrame:
    """``rows`` with a ``<cell>_sources`` column per cell: the sources of its
    ``<cell>_claims`` as a reader names them, all named in one look-up."""
    wanted = {i for c in cells for ids in rows[f"{c}_claims"] for i in ids}
    names = _source_names(snapshot, wanted)
    rows = rows.copy()
    for c in cells:
        rows[f"{c}_sources"] = rows[f"{c}_claims"].map(lambda ids: _said_by(ids, names))
    return rows


def not_placed(snapshot, as_of: date, country: str | None = None) -> pd.DataFrame:
    """Attacks on health care and injured people of the 7 and 30 days to ``as_of`` reported
    for the whole country (or no place) and for regions, which belong to no one place:
    scope ('wide' or 'region'), indicator, days, value, claims (tuple of ids)."""
    country = country_or_default(country)
    ev = snapshot.evaluator
    day = pd.Timestamp(as_of)
    rows = []
    for scope in (WIDE, REGION):
        for indicator in ("attacks_on_health_care", "injured"):
            made = ev.series(indicator, scope, None, country)
            for days in (WEEK, MONTH):
                for value, _, claims in _window_sum(made, day, days).values():
                    rows.append((scope, indicator, days, value, claims))
    return pd.DataFrame(rows, columns=["scope", "indicator", "days", "value", "claims"])


def _not_placed_words(ev, country: str, day: pd.Timestamp) -> str | None:
    words = []
    for scope, where in ((WIDE, "the whole country"), (REGION, "regions")):
        made = ev.series("attacks_on_health_care", scope, None, country)
        week = _window_sum(made, day, WEEK).get("all")
        month = _window_sum(made, day, MONTH).get("all")
        if week or month:
            words.append(
                f"{_g(week)} attacks on health care in 7 days, {_g(month)} in 30, reported "
                f"for {where}, not for one place"
            )
    return "; ".join(words) or None


def _g(found) -> str:
    return "no report of" if not found else f"{found[0]:g}"


def _window_sum(
    made: Series, day: pd.Timestamp, days: int
) -> dict[str, tuple[float, int, tuple[str, ...]]]:
    """Per unit with points in the window: the window's sum of *new* counts as the alert
    rules add it (``window_grid``: shared figures and tolls left out), the age in days of
    its newest point, and the claims behind the points summed."""
    points = made.shown
    first = day - pd.Timedelta(days=days - 1)
    inside = points[
        (points["day"] >= first)
        & (points["day"] <= day)
        & (points["count_kind"] == "new")
        & ~points["shared"].astype(bool)
    ]
    out = {}
    # what ``window_grid`` gives a "sum" rule on that day: the new counts of the window
    # added up (a dataset's events of a day are already one point)
    for unit, rows in inside.groupby("unit"):
        if rows["value"].isna().all():
            continue
        age = int((day - rows["day"].max()).days)
        value = float(rows["value"].sum())
        out[unit] = (value, age, made.claim_ids(rows["point"].to_numpy()))
    return out


def _latest(
    made: Series, day: pd.Timestamp, days: int, column: str, *, own: bool = False
) -> dict[str, tuple[float, int, tuple[str, ...]]]:
    """Per unit, the newest day's point within ``days`` days (its ``column``: 'high', the
    worst the day's claims say), its age and the claims behind it. ``own``: only figures
    given for the unit alone (a count for several governorates together is no one's)."""
    points = made.shown
    if own:
        points = points[~points["shared"].astype(bool)]
    first = day - pd.Timedelta(days=days - 1)
    inside = points[(points["day"] >= first) & (points["day"] <= day)]
    out = {}
    for unit, rows in inside.sort_values(["day", column]).groupby("unit"):
        top = rows.iloc[-1]
        age = int((day - top["day"]).days)
        out[unit] = (float(top[column]), age, made.claim_ids(np.array([top["point"]])))
    return out


def _facilities(snapshot, ev, country: str, admin_level: str, day: pd.Timestamp) -> dict:
    """Per place: facilities reported down in the last ``FACILITY_DAYS`` days: the larger
    of the largest newest count of ``DOWN_MEASURES`` and the number of named facilities
    whose newest state is not or partly functioning or damaged (a count may include the
    named ones: never added). count, age (of the newest claim), words, claims."""
    out: dict[str, dict] = {}
    for measure in DOWN_MEASURES:
        made = ev.series(measure, admin_level, None, country)
        found = _latest(made, day, FACILITY_DAYS, "value", own=True)
        for place, (value, age, claims) in found.items():
            known = out.setdefault(place, {"count": 0.0, "age": age, "words": [], "claims": ()})
            if value > known.get("figure", -1):
                known.update(figure=value, count=value, age=min(known["age"], age))
                known["claims"] = claims
            known["words"].append(f"{value:g} {measure.replace('_', ' ')}")
    column = "admin1_pcode" if admin_level == "admin1" else "admin2_pcode"
    rows = snapshot.tables["hospital_strain"]
    first = day - pd.Timedelta(days=FACILITY_DAYS - 1)
    rows = rows[
        rows["facility_name"].notna()
        & (rows["country"] == country).fillna(False)
        & rows[column].notna()
        & rows["date_end"].between(first, day)
        & rows["repeats"].isna()
        & rows["held_reason"].isna()
    ]
    if len(rows):
        newest = rows.sort_values(["date_end", "claim_id"]).groupby("facility_name").tail(1)
        down = newest[
            newest["functionality"].isin(["not_functioning", "partially"]).fillna(False)
            | newest["damage"].isin(["partial", "full"]).fillna(False)
        ]
        for place, named in down.groupby(column):
            known = out.setdefault(place, {"count": 0.0, "age": None, "words": [], "claims": ()})
            age = int((day - named["date_end"].max()).days)
            known["age"] = age if known["age"] is None else min(known["age"], age)
            # a report's count of a place's facilities most often includes the ones it
            # names: the larger of the two, never their sum
            known["count"] = max(known["count"], float(len(named)))
            known["claims"] = (*known["claims"], *named["claim_id"])
            states = named["functionality"].fillna("") + " " + named["damage"].fillna("")
            known["words"] += [
                f"{n} ({s.strip().replace('_', ' ')})"
                for n, s in zip(named["facility_name"], states, strict=True)
            ]
    for known in out.values():
        known["words"] = "; ".join(known["words"])
    return out


def _claims_of(cell: str, found: dict, down: dict | None) -> tuple[str, ...]:
    if cell == "facilities":
        return tuple(down["claims"]) if down else ()
    return tuple(found.get(f"{cell}_claims", ()))


def _level_name(rank: float) -> str:
    return {v: k for k, v in STRAIN_ORDER.items()}[int(rank)]


def _source_names(snapshot, claim_ids: set[str]) -> pd.Series:
    """claim id -> its source as a reader names it, for these claims."""
    wanted = list(claim_ids)
    parts = [t.loc[t["claim_id"].isin(wanted), ["claim_id", "source_id"]]
             for t in snapshot.tables.values()]  # fmt: skip
    both = pd.concat(parts, ignore_index=True).drop_duplicates("claim_id")
    ids = pd.Index(both["source_id"].unique())
    names = pd.Series(named_sources(snapshot, ids), index=ids)
    return pd.Series(both["source_id"].map(names).to_numpy(), index=both["claim_id"].to_numpy())


def _said_by(ids: tuple[str, ...], names: pd.Series) -> str | None:
    if not ids:
        return None
    said = list(dict.fromkeys(names.reindex(list(ids)).dropna()))
    shown = "; ".join(said[:4])
    return shown + (f" and {len(said) - 4} more" if len(said) > 4 else "")
