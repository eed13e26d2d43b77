"""What an alert rule can watch: each indicator, the claims it reads and how to read them."""

from __future__ import annotations

from dataclasses import dataclass

STRAIN_ORDER = {"normal": 0, "strained": 1, "overwhelmed": 2, "not_functioning": 3}
"""The strain level as a number, so a rule can say 'overwhelmed or worse' (level >= 2)."""


@dataclass(frozen=True)
class Watchable:
    """One indicator: its table, the column and value that select its claims, and its unit."""

    name: str
    table: str
    column: str
    value: str
    unit: str
    description: str


WATCHABLE: dict[str, Watchable] = {
    w.name: w
    for w in (
        Watchable("killed", "casualties", "outcome", "killed", "people", "people killed"),
        Watchable("injured", "casualties", "outcome", "injured", "people", "people injured"),
        Watchable("missing", "casualties", "outcome", "missing", "people", "people missing"),
        Watchable(
            "displaced_new", "displacement", "category", "new", "people", "people newly displaced"
        ),
        Watchable(
            "displaced_present",
            "displacement",
            "category",
            "present",
            "people",
            "displaced people present",
        ),
        Watchable("returned", "displacement", "category", "returned", "people", "people returned"),
        Watchable(
            "evacuated", "displacement", "category", "evacuated", "people", "people evacuated"
        ),
        Watchable(
            "attacks_on_health_care",
            "hospital_strain",
            "measure",
            "attacks_on_health_care",
            "attacks",
            "attacks on health care",
        ),
        Watchable(
            "facilities_damaged",
            "hospital_strain",
            "measure",
            "facilities_damaged",
            "facilities",
            "health facilities damaged",
        ),
        Watchable(
            "facilities_out_of_service",
            "hospital_strain",
            "measure",
            "facilities_out_of_service",
            "facilities",
            "health facilities out of service",
        ),
        Watchable(
            "health_workers_killed",
            "hospital_strain",
            "measure",
            "health_workers_killed",
            "people",
            "health workers killed",
        ),
        Watchable(
            "patients_treated",
            "hospital_strain",
            "measure",
            "patients_treated",
            "people",
            "patients treated",
        ),
        Watchable(
            "bed_occupancy",
            "hospital_strain",
            "measure",
            "bed_occupancy",
            "percent",
            "bed occupancy (beds occupied / beds staffed, percent)",
        ),
        Watchable(
            "strain_level",
            "hospital_strain",
            "measure",
            "strain_level",
            "level",
            "hospital strain level: 0 normal, 1 strained, 2 overwhelmed, 3 not functioning",
        ),
    )
}
