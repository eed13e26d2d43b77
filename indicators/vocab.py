"""Controlled vocabularies: the words a table may use in its coded columns."""

from __future__ import annotations

TABLE_NAMES = ("sources", "casualties", "displacement", "hospital_strain")
CLAIM_TABLE_NAMES = ("casualties", "displacement", "hospital_strain")

QUALIFIERS = ("exact", "at_least", "more_than", "about", "up_to", "range", "vague")
UNITS = (
    "people", "households", "families", "facilities", "attacks", "beds", "percent", "events",
)  # fmt: skip
COUNT_KINDS = ("new", "cumulative", "stock")
RECORD_TYPES = ("figure", "event")
"""A report of a figure (reconciled with other reports of it), or one distinct event of a
dataset (a dataset's events of a day and place are added up first)."""
METHODS = ("extracted", "manual", "import")
REVIEW_STATUSES = ("pending", "accepted", "rejected", "superseded")
COUNTRY_BASES = ("place", "source", "default", "stated", "migration")
"""Where a claim's country came from: its place's p-codes or the country its place names;
the country its source (report) is about; the deployment's default country; the table it
was imported from; the migration that gave existing claims their country."""
PLACE_PRECISIONS = (
    "site",  # a named facility, camp or building
    "town",  # a city, town or village
    "admin2",  # a district
    "admin1",  # a governorate
    "multiple_admin1",  # several governorates named together ("Idleb and Aleppo")
    "region",  # a region that is not an administrative unit ("north-west Syria")
    "country",
    "unknown",  # stated nowhere, or not matched: kept with its text, never guessed
)
DATE_PRECISIONS = ("day", "days", "week", "month", "year", "unknown")

POPULATION_GROUPS = (
    "all",  # no group stated: everyone the figure counts
    "civilians",
    "children",
    "women",
    "fighters",  # non-state armed groups, insurgents
    "soldiers",  # government and allied forces
    "health_workers",
    "aid_workers",
    "unknown",
)
CAUSES = (
    "airstrike",
    "shelling",
    "clashes",
    "explosive_device",
    "landmine",
    "attack_on_health_care",
    "other",
    "unknown",
)

FUNCTIONALITY = ("fully", "partially", "not_functioning")
DAMAGE = ("none", "partial", "full")
FACILITY_STATUS = ("normal", "compromised", "evacuating", "closed")
STRAIN_LEVELS = ("normal", "strained", "overwhelmed", "not_functioning")
STRAIN_ORDER = {level: rank for rank, level in enumerate(STRAIN_LEVELS)}
"""The strain level as a number, so a rule can say 'overwhelmed or worse' (level >= 2)."""
STRAIN_BASES = ("stated", "computed_occupancy", "computed_status", "derived_evidence")
"""How a strain level was known: stated in words; computed from occupancy or from facility
status; or derived from a place's evidence (attacks, facilities down, injured, occupancy,
older statements) by the rule of ``indicators.strain_rule``."""
STRAIN_DERIVED = "strain_level_derived"
"""What an alert rule names to watch each place's hospital strain level as the evidence
reads it (``indicators.strain_rule``): stated where a report of the week says it, else
derived. Not a stored indicator: no table holds it, no import can set it."""
STRAIN_DERIVED_LABEL = "hospital strain level, stated or derived from the evidence"
ATTACK_CERTAINTY = ("confirmed", "probable", "possible")

SOURCE_TYPES = (
    "un_agency",
    "ngo",
    "government",
    "monitoring_group",
    "news_agency",
    "media",
    "other",
)
RELIABILITY = ("high", "medium", "low", "unrated")

HOUSEHOLD_SIZE_DEFAULT = 5.0
"""Persons per household used when a figure is given in households or families and no
other size is stated. OCHA Syria planning figures use 5; the value is stored on each derived
row (``household_size``) so it can be changed and audited."""
