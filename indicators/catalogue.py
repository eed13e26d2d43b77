"""The indicator catalogue: one record per indicator, read by every layer.

An indicator is what a figure counts ("people killed", "health facilities damaged"). Its
record says, once, everything the code needs to know about it: its one name, the table and
the column value that store it, its unit and label, the kinds of count a source may give
for it, whether it counts people by population group, the words the extractor reads as it,
and the dashboard page that draws it. Extraction, ingest, validation, the reconciled
series, alerts, exports and pages all read this module; none of them spells an indicator's
name or value on its own.

Adding an indicator is adding a record here (see docs/architecture.md). The allowed values
of the identity columns (``outcome``, ``category``, ``measure``) are derived from these
records, so a new indicator needs no migration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from indicators.catalogue_words import (
    CROSSED_IN,
    DISPLACED_NOW,
    HEALTH_FACILITIES,
    HEALTH_WORKERS,
    HOMES_LOST,
    INJURED_VERBS,
    KILLED_VERBS,
    ON_HEALTH,
    PEOPLE_MOVED,
    STILL_DISPLACED,
    WENT_ABROAD,
    WENT_BACK,
)

IDENTITY_COLUMNS = {
    "casualties": "outcome",
    "displacement": "category",
    "hospital_strain": "measure",
}
"""The column that says which indicator a row of each claim table counts."""

COUNT_KINDS_OF_EVENTS = ("new", "cumulative")
"""Events (deaths, attacks, arrivals) are counted in a period or since a start, never as a
stock standing at a date."""


@dataclass(frozen=True)
class Words:
    """What the extractor reads as an indicator, as regular expressions (case ignored).

    - ``verbs``: words near a number that say what it counts ("killed", "fled", "the toll").
    - ``subject``: a noun phrase right after the number ("hospitals", "attacks on health
      care"); with ``state``, the indicator needs both ("3 hospitals were damaged"). A number
      whose subject is named by such a record is never read through ``verbs``: hospitals are
      not people.
    - ``refines`` + ``subject``: a narrower reading of another indicator's verbs ("12 health
      workers were killed" is ``health_workers_killed``, not ``killed``).
    """

    verbs: str = ""
    subject: str = ""
    state: str = ""
    refines: str = ""


@dataclass(frozen=True)
class Indicator:
    """One indicator: its name and how every layer treats it."""

    name: str
    """The one spelling, used in tables, rules, addresses and downloads."""
    table: str
    """The claim table that stores it."""
    value: str
    """What the table's identity column (``IDENTITY_COLUMNS``) holds for it."""
    unit: str
    """The unit of its values (people, attacks, facilities, percent, level)."""
    label: str
    """What it counts, in words a reader understands ("people killed")."""
    count_kinds: tuple[str, ...] = COUNT_KINDS_OF_EVENTS
    """The kinds of count a source may give for it; another kind is stored with a warning."""
    by_group: bool = False
    """True when figures count people by population group (civilians, children...)."""
    households: bool = False
    """True when sources may count it in households or families (converted to people with a
    stated household size, and marked derived)."""
    words: tuple[Words, ...] = ()
    """What the extractor reads as it (none: never extracted, only imported)."""
    page: str | None = None
    """The dashboard page that draws its trend (None: drawn elsewhere or not at all)."""
    headline: bool = False
    """Shown as a headline on the overview."""
    formerly: tuple[str, ...] = ()
    """Earlier spellings, still read in gold files and old rules."""

    @property
    def column(self) -> str:
        """The column of its table that names it."""
        return IDENTITY_COLUMNS[self.table]


_RECORDS = (
    # Casualties.
    Indicator(
        "killed",
        "casualties",
        "killed",
        "people",
        "people killed",
        by_group=True,
        words=(Words(verbs=KILLED_VERBS),),
        page="casualties",
        headline=True,
    ),
    Indicator(
        "injured",
        "casualties",
        "injured",
        "people",
        "people injured",
        by_group=True,
        words=(Words(verbs=INJURED_VERBS),),
        page="casualties",
        headline=True,
    ),
    Indicator(
        "missing",
        "casualties",
        "missing",
        "people",
        "people missing",
        by_group=True,
        words=(Words(verbs=r"\bmissing\b|\bunaccounted\s+for\b"),),
        page="casualties",
    ),
    Indicator(
        "conflict_events",
        "casualties",
        "conflict_events",
        "events",
        "conflict events (events, not people)",
        count_kinds=("new",),
        page="casualties",
    ),
    # Displacement.
    Indicator(
        "displaced_new",
        "displacement",
        "new",
        "people",
        "people newly displaced",
        words=(
            Words(
                verbs=r"\bdisplac(?:ed|ement|ing)\b(?!"
                + DISPLACED_NOW
                + r")(?!"
                + WENT_BACK
                + r")|\bfled\b"
                r"|\bflee(?:ing)?\b|\bflight\b|\buprooted\b|\bIDPs?\b|\bleft\s+their\s+homes\b"
                # "8,000 people left Kharkiv": a place named (capitalised), never "left 5 dead"
                r"|\bleft\s+(?:the\s+)?(?-i:[A-Z])[\w'-]+|\bnewly\s+arrived\b"
                r"|\barrivals?\b|\b(?:people|persons|individuals|families|households|IDPs"
                r"|residents)\s+(?:have\s+|had\s+|were\s+)?(?:been\s+)?relocated\b"
                r"|\b(?:sought|seeking|took)\s+(?:refuge|shelter|sanctuary)\b|"
                + PEOPLE_MOVED
                + r"|"
                + HOMES_LOST
            ),
        ),
        page="displacement",
        headline=True,
        formerly=("displaced",),
        households=True,
    ),
    Indicator(
        "arrived_from_abroad",
        "displacement",
        "arrived_from_abroad",
        "people",
        "people arrived from abroad",
        words=(Words(verbs=CROSSED_IN),),
        page="displacement",
        households=True,
    ),
    Indicator(
        "left_for_abroad",
        "displacement",
        "left_for_abroad",
        "people",
        "people who left for abroad",
        words=(Words(verbs=WENT_ABROAD),),
        page="displacement",
        households=True,
    ),
    Indicator(
        "displaced_present",
        "displacement",
        "present",
        "people",
        "displaced people present",
        count_kinds=("stock",),
        words=(Words(verbs=STILL_DISPLACED),),
        page="displacement",
        headline=True,
        households=True,
    ),
    Indicator(
        "returned",
        "displacement",
        "returned",
        "people",
        "people returned",
        words=(
            Words(
                verbs=r"\breturn(?:ed|ing|ees?|s)?\b|\b(?:went|gone|came)\s+(?:back|home)\b"
                # sent back across a border: forced returns are returns
                r"|\b(?:deported|expelled|repatriated|repatriation|deportations?)\b"
            ),
        ),
        page="displacement",
        households=True,
    ),
    Indicator(
        "evacuated",
        "displacement",
        "evacuated",
        "people",
        "people evacuated",
        words=(
            Words(
                verbs=r"\bevacuat(?:ed|ion|ing|es?)\b"
                # "shifted to relief camps", "moved to safer places": taken to safety
                r"|\b(?:shifted|moved|taken|brought|transferred)\s+to\s+(?:the\s+)?"
                r"(?:\w+\s+){0,2}?(?:relief\s+camps?|evacuation\s+(?:centres?|centers?|sites?)"
                r"|safer\s+(?:places?|areas?|locations?|ground)|higher\s+ground|safety"
                r"|safe\s+(?:places?|areas?|locations?))\b"
            ),
        ),
        page="displacement",
        households=True,
    ),
    # Hospital strain: attacks on health care, facilities, health workers, beds, strain.
    Indicator(
        "attacks_on_health_care",
        "hospital_strain",
        "attacks_on_health_care",
        "attacks",
        "attacks on health care",
        words=(
            Words(
                subject=r"(?:attacks?|incidents?)\s+" + ON_HEALTH,
                # "attacks on health care rose to 137": named before the number
                verbs=r"\battacks?\s+" + ON_HEALTH + r"\b",
            ),
            Words(subject=HEALTH_FACILITIES, state=r"attacked|targeted|looted|raided|stormed"),
            # "two ambulances were struck": each an attack (an ambulance is no facility)
            Words(
                subject=r"ambulances?(?:\s+of\s+the\s+[\w\s]{1,30}?)?|medical\s+convoys?",
                state=r"attacked|targeted|struck|hit|shelled|bombed|fired\s+(?:up)?on|looted"
                r"|seized|destroyed|damaged",
            ),
        ),
        page="hospitals",
        formerly=("health_attacks",),
    ),
    Indicator(
        "facilities_out_of_service",
        "hospital_strain",
        "facilities_out_of_service",
        "facilities",
        "health facilities out of service",
        count_kinds=("new", "cumulative", "stock"),
        words=(
            Words(
                subject=HEALTH_FACILITIES,
                state=r"out\s+of\s+service|non-?functional|not\s+functioning|non-?operational"
                r"|(?:not|no\s+longer)\s+(?:operational|functional|functioning)"
                r"|stopped\s+(?:working|functioning)|ceased\s+(?:to\s+function|operations?)"
                r"|forced\s+to\s+(?:close|shut|suspend)|closed|shut(?:\s+down)?|suspended"
                r"|out\s+of\s+action|inoperable|inoperative",
            ),
        ),
        page="hospitals",
        formerly=("health_facilities_out_of_service",),
    ),
    Indicator(
        "facilities_damaged",
        "hospital_strain",
        "facilities_damaged",
        "facilities",
        "health facilities damaged",
        count_kinds=("new", "cumulative", "stock"),
        words=(
            Words(
                subject=HEALTH_FACILITIES,
                state=r"damaged|destroyed|hit|struck|shelled|bombed"
                r"|(?:sustained|suffered)\s+(?:\w+\s+)?damage|damage\s+to|destruction\s+of",
            ),
        ),
        page="hospitals",
        formerly=("health_facilities_damaged",),
    ),
    Indicator(
        "facilities_affected",
        "hospital_strain",
        "facilities_affected",
        "facilities",
        "health facilities affected",
        count_kinds=("new", "cumulative", "stock"),
        words=(Words(subject=HEALTH_FACILITIES, state=r"affected|impacted"),),
        page="hospitals",
    ),
    Indicator(
        "health_workers_killed",
        "hospital_strain",
        "health_workers_killed",
        "people",
        "health workers killed",
        words=(Words(subject=HEALTH_WORKERS, refines="killed"),),
        page="hospitals",
    ),
    Indicator(
        "patients_treated",
        "hospital_strain",
        "patients_treated",
        "people",
        "patients treated",
        page="hospitals",
    ),
    Indicator(
        "bed_occupancy",
        "hospital_strain",
        "bed_occupancy",
        "percent",
        "bed occupancy (beds occupied / beds staffed, percent)",
        count_kinds=("stock",),
    ),
    Indicator(
        "strain_level",
        "hospital_strain",
        "strain_level",
        "level",
        "hospital strain level: 0 normal, 1 strained, 2 overwhelmed, 3 not functioning",
        count_kinds=("stock",),
        formerly=("hospital_strain",),
    ),
)

INDICATORS: dict[str, Indicator] = {}
"""Every indicator, by name, in catalogue order (the order pages and the extractor use)."""


def register(indicator: Indicator) -> Indicator:
    """Add a record. Shipped records are registered here; a deployment or a test may add its
    own before the tables' schemas are first imported."""
    if indicator.table not in IDENTITY_COLUMNS:
        raise ValueError(f"indicator '{indicator.name}': unknown table '{indicator.table}'")
    clash = [
        i.name
        for i in INDICATORS.values()
        if i.name == indicator.name or (i.table, i.value) == (indicator.table, indicator.value)
    ]
    if clash:
        raise ValueError(f"indicator '{indicator.name}' is already in the catalogue as {clash[0]}")
    INDICATORS[indicator.name] = indicator
    return indicator


for _record in _RECORDS:
    register(_record)


def get(name: str) -> Indicator:
    """The indicator called ``name`` (or formerly so); KeyError when there is none."""
    if name in INDICATORS:
        return INDICATORS[name]
    for indicator in INDICATORS.values():
        if name in indicator.formerly:
            return indicator
    raise KeyError(name)


def canonical(name: str) -> str:
    """Today's spelling of an indicator named ``name`` (an earlier one included); a name the
    catalogue does not know is returned as given, for the caller's own checks to refuse."""
    try:
        return get(name.strip()).name
    except KeyError:
        return name


def stored_as(table: str, value: str) -> Indicator:
    """The indicator a row of ``table`` counts when its identity column holds ``value``."""
    for indicator in INDICATORS.values():
        if indicator.table == table and indicator.value == value:
            return indicator
    raise KeyError(f"{table}.{IDENTITY_COLUMNS[table]}={value}")


def of_table(table: str) -> Iterator[Indicator]:
    """The indicators one table stores, in catalogue order."""
    return (i for i in INDICATORS.values() if i.table == table)


def allowed_values(table: str) -> tuple[str, ...]:
    """What the identity column of ``table`` may hold."""
    return tuple(i.value for i in of_table(table))


def on_page(page: str) -> tuple[str, ...]:
    """Names of the indicators whose trends a page draws."""
    return tuple(i.name for i in INDICATORS.values() if i.page == page)


def headlines() -> tuple[str, ...]:
    """Names of the indicators the overview leads with, in the order it shows them."""
    return tuple(i.name for i in INDICATORS.values() if i.headline)
