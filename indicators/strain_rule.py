"""The written rule that reads a hospital strain level from a place's evidence.

RULE (what the Hospitals page shows beside the level)

1. A strain level stated in a report ("hospitals overwhelmed") and at most
   ``STATED_HOLDS_DAYS`` days old is the place's level, **confirmed**. Evidence dated on or
   before the statement's day never changes it; evidence dated after it may raise the
   level (never lower it), and the level is then the derived one.
2. Otherwise the level is **derived** from the evidence, **possible**, and is the highest
   level any one piece of evidence raises it to:
   - bed occupancy stated in the last ``OCCUPANCY_DAYS`` days: at or above
     ``OCCUPANCY_STRAINED`` % strained, at or above ``OCCUPANCY_OVERWHELMED`` % overwhelmed,
     below both normal;
   - attacks on health care in the place in the last 7 days: ``ATTACKS_STRAINED`` or more
     strained, ``ATTACKS_OVERWHELMED`` or more overwhelmed; a reported 0 is normal. Attacks
     older than 7 days are shown (30 days) but raise nothing;
   - health facilities reported out of service, not functioning, partly functioning or
     damaged in the place in the last ``FACILITY_DAYS`` days: strained;
   - people injured in the place in the last 7 days: ``INJURED_STRAINED`` or more strained,
     ``INJURED_OVERWHELMED`` or more overwhelmed;
   - a stated level older than ``STATED_HOLDS_DAYS`` days but at most ``STATED_FADES_DAYS``:
     the level it stated, as one more piece of evidence (it no longer outranks the rest).
3. The derived level never says "not functioning": that needs a report that says so (or a
   survey of every facility), not counts.
4. Evidence about the whole country or a region (WHO's attacks on health care are
   recorded for Syria, not per governorate) is shown beside every place but raises no
   place's level; a figure given for several governorates together is not counted in any.
5. A place with no evidence in these windows is **unknown**, never normal.

The thresholds are judgements, named here with their reasons so a reader can disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicators.vocab import STRAIN_LEVELS, STRAIN_ORDER

STATED_HOLDS_DAYS = 7
"""A stated level holds for a week, as the 'Hospitals strained or overwhelmed' alert reads
the latest report of the last 7 days: strain changes within days in an offensive."""
STATED_FADES_DAYS = 30
"""After a month a statement about a hospital's state says nothing of today."""
OCCUPANCY_DAYS = 7
"""Occupancy changes by the day; a week-old figure is the oldest still read."""
OCCUPANCY_STRAINED = 85.0
"""Bed occupancy above 85 % is the usual safety line (domain notes, EDXL-HAVE practice)."""
OCCUPANCY_OVERWHELMED = 100.0
"""Above 100 % a hospital is in surge: patients on floors and in corridors."""
ATTACKS_STRAINED = 1
"""One attack on a hospital, ambulance or health worker cuts care for a whole area (the
default alert rule's warning level)."""
ATTACKS_OVERWHELMED = 3
"""Three attacks in a week mean health care is being targeted (the alert's critical level)."""
INJURED_STRAINED = 10
"""Ten injured people in a week in one governorate is a mass-casualty load for the
district hospitals that receive them (a judgement, not a standard)."""
INJURED_OVERWHELMED = 100
"""A hundred injured in a week exceeds the surgical capacity a Syrian governorate's public
hospitals reported during the 2024 offensive (a judgement, not a standard)."""
FACILITY_DAYS = 30
"""Facilities out of service or damaged stay so for weeks; a month-old report still counts."""

BASIS_STATED = "stated"
BASIS_DERIVED = "derived_evidence"
"""The ``strain_basis`` of a level read from evidence by this rule (vocab.STRAIN_BASES)."""
CONFIRMED, POSSIBLE = "confirmed", "possible"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Evidence:
    """What the rule reads of one place as of a day (None: no report)."""

    stated_level: str | None = None
    stated_age_days: int | None = None
    occupancy_pct: float | None = None
    occupancy_age_days: int | None = None
    attacks_7d: float | None = None
    attacks_newest_age_days: int | None = None
    facilities_down: float | None = None
    """Facilities reported out of service, not or partly functioning, or damaged."""
    facilities_age_days: int | None = None
    injured_7d: float | None = None
    injured_newest_age_days: int | None = None


@dataclass(frozen=True)
class Verdict:
    """The level the rule gives a place, with why."""

    level: str  # a STRAIN_LEVELS name, or "unknown"
    certainty: str | None  # confirmed, possible; None when unknown
    basis: str | None  # stated, derived_evidence; None when unknown
    derived_level: str  # what the evidence alone gives ("unknown" when none)
    derived_from: tuple[str, ...]  # the evidence that gave the derived level, in words
    reason: str  # one sentence
    age_days: int | None = None  # how old the evidence that gave the level is (the newest)


def _name(rank: int) -> str:
    return STRAIN_LEVELS[rank]


def raised(e: Evidence) -> list[tuple[int, str, int]]:
    """Each piece of evidence inside its window: (level it raises to, in words, its age in
    days). An empty list: nothing in any window."""
    out: list[tuple[int, str, int]] = []
    if e.occupancy_pct is not None and (e.occupancy_age_days or 0) < OCCUPANCY_DAYS:
        pct = e.occupancy_pct
        rank = 2 if pct >= OCCUPANCY_OVERWHELMED else 1 if pct >= OCCUPANCY_STRAINED else 0
        out.append((rank, f"bed occupancy {pct:g} %", e.occupancy_age_days or 0))
    if e.attacks_7d is not None:
        n = e.attacks_7d
        rank = 2 if n >= ATTACKS_OVERWHELMED else 1 if n >= ATTACKS_STRAINED else 0
        words = f"{n:g} {_plural(n, 'attack', 'attacks')} on health care in 7 days"
        out.append((rank, words, e.attacks_newest_age_days))
    if e.facilities_down and (e.facilities_age_days or 0) < FACILITY_DAYS:
        n = e.facilities_down
        words = f"{n:g} {_plural(n, 'facility', 'facilities')} out of service or damaged"
        out.append((1, words, e.facilities_age_days))
    if e.injured_7d is not None:
        n = e.injured_7d
        rank = 2 if n >= INJURED_OVERWHELMED else 1 if n >= INJURED_STRAINED else 0
        words = f"{n:g} {_plural(n, 'person', 'people')} injured in 7 days"
        out.append((rank, words, e.injured_newest_age_days))
    age = e.stated_age_days
    # a statement past its week is one more piece of evidence, until it fades
    if (
        e.stated_level is not None
        and age is not None
        and STATED_HOLDS_DAYS < age <= STATED_FADES_DAYS
    ):
        said = f"stated {e.stated_level} {age} days ago"
        out.append((STRAIN_ORDER[e.stated_level], said, age))
    return [(r, w, a if a is not None else 0) for r, w, a in out]


def judge(e: Evidence) -> Verdict:
    """The place's level by the rule in this module's docstring."""
    found = raised(e)
    derived = max((r for r, _, _ in found), default=None)
    derived_name = _name(derived) if derived is not None else UNKNOWN
    why = tuple(w for r, w, _ in found if r == derived)
    age = e.stated_age_days
    fresh = e.stated_level is not None and age is not None and age <= STATED_HOLDS_DAYS
    if fresh:
        stated = STRAIN_ORDER[e.stated_level]
        newer = [(r, w) for r, w, a in found if a < age and r > stated]
        if not newer:
            return Verdict(
                e.stated_level, CONFIRMED, BASIS_STATED, derived_name, why,
                f"Stated {e.stated_level} {_days(age)}; a statement of the last "
                f"{STATED_HOLDS_DAYS} days outranks the evidence of its day and before.",
                age,
            )  # fmt: skip
        top = max(r for r, _ in newer)
        words = tuple(w for r, w in newer if r == top)
        newest = min(a for r, _, a in found if a < age and r == top)
        return Verdict(
            _name(top), POSSIBLE, BASIS_DERIVED, derived_name, words,
            f"Possibly {_name(top)}: {', '.join(words)}, newer than the report of "
            f"{e.stated_level} {_days(age)}.", newest,
        )  # fmt: skip
    if derived is None:
        note = f" (last stated {e.stated_level} {_days(age)})" if e.stated_level else ""
        return Verdict(UNKNOWN, None, None, UNKNOWN, (), f"No evidence in its windows{note}.")
    return Verdict(
        derived_name, POSSIBLE, BASIS_DERIVED, derived_name, why,
        f"Possibly {derived_name}, derived from {', '.join(why)}.",
        min(a for r, _, a in found if r == derived),
    )  # fmt: skip


def _plural(n: float, one: str, many: str) -> str:
    return one if n == 1 else many


def _days(age: int | None) -> str:
    if age is None:
        return "(undated)"
    return "today" if age == 0 else "1 day ago" if age == 1 else f"{age} days ago"


def rule_lines() -> list[str]:
    """The rule in plain sentences with its thresholds (what the Hospitals page and every
    download of the evidence show; the module docstring gives the reasons)."""
    return [
        f"A level stated in a report of the last {STATED_HOLDS_DAYS} days is the place's "
        "level (confirmed); only evidence dated after it can raise it.",
        "Otherwise the level is derived from the evidence (possible): the highest level any "
        "one piece raises it to.",
        f"Bed occupancy of the last {OCCUPANCY_DAYS} days: {OCCUPANCY_STRAINED:g} % or more "
        f"strained, {OCCUPANCY_OVERWHELMED:g} % or more overwhelmed.",
        f"Attacks on health care in the place in 7 days: {ATTACKS_STRAINED} or more strained, "
        f"{ATTACKS_OVERWHELMED} or more overwhelmed.",
        f"People injured in the place in 7 days: {INJURED_STRAINED} or more strained, "
        f"{INJURED_OVERWHELMED} or more overwhelmed.",
        f"Facilities reported out of service, not or partly functioning or damaged in "
        f"{FACILITY_DAYS} days: strained.",
        f"A stated level {STATED_HOLDS_DAYS + 1} to {STATED_FADES_DAYS} days old counts as one "
        "more piece of evidence; older, it fades.",
        "Only a report can say 'not functioning'. Figures for the whole country or several "
        "governorates are shown but raise no one place. No evidence: unknown, never normal.",
    ]
