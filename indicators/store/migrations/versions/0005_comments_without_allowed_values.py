"""Column comments without lists of allowed values; indicator values from the catalogue.

Allowed values now live in the indicator catalogue (``indicators/catalogue.py``) and the
schemas, so adding an indicator or a word to a vocabulary no longer changes the database.
Stored values keep their spelling: the catalogue took the store's names, and only the
extractor's own names changed. SQLite keeps no comments; there this migration does nothing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# (table, column, comment now, comment before): frozen here, as migrations are.
COMMENTS = (
    (
        "sources",
        "source_type",
        "Kind of publisher (UN agency, NGO, government, news agency...).",
        "Kind of publisher: one of un_agency, ngo, government, monitoring_group, news_agency, media, other.",
    ),
    (
        "sources",
        "reliability",
        "Reliability the team assigns to the source.",
        "Reliability the team assigns to the source: one of high, medium, low, unrated.",
    ),
    (
        "casualties",
        "method",
        "How the row was made (extracted from a report, entered by hand, imported).",
        "How the row was made: one of extracted, manual, import.",
    ),
    (
        "casualties",
        "review_status",
        "Review status. Only accepted claims reach charts.",
        "Review status: one of pending, accepted, rejected, superseded. Only accepted claims reach charts.",
    ),
    (
        "casualties",
        "place_precision",
        "How precise the place is (a site, a town, a district, a governorate, a region...).",
        "How precise the place is: one of site, town, admin2, admin1, multiple_admin1, region, country, unknown.",
    ),
    (
        "casualties",
        "date_precision",
        "How precise the period is (a day, a few days, a week, a month...).",
        "How precise the period is: one of day, days, week, month, year, unknown.",
    ),
    (
        "casualties",
        "qualifier",
        "How the figure is hedged (exact, at least, about...); empty when no number is stated.",
        "How the figure is hedged: one of exact, at_least, more_than, about, up_to, range, vague; empty when no number is stated.",
    ),
    (
        "casualties",
        "unit",
        "Unit of the values; empty only when no number is stated.",
        "Unit of the values: one of people, households, families, facilities, attacks, beds, percent; empty only when no number is stated.",
    ),
    (
        "casualties",
        "count_kind",
        "Kind of count: new in the period, cumulative since date_start, or a stock standing at date_end.",
        "Kind of count: one of new, cumulative, stock (new in the period, cumulative since date_start, stock at date_end).",
    ),
    (
        "casualties",
        "outcome",
        "What happened to the people counted (the indicator: killed, injured...).",
        "What happened to the people counted: one of killed, injured, missing.",
    ),
    (
        "casualties",
        "population_group",
        "Who is counted ('all' when the source names no group).",
        "Who is counted: one of all, civilians, children, women, fighters, soldiers, health_workers, aid_workers, unknown ('all' when the source names no group).",
    ),
    (
        "casualties",
        "cause",
        "Cause where stated.",
        "Cause where stated: one of airstrike, shelling, clashes, explosive_device, landmine, attack_on_health_care, other, unknown.",
    ),
    (
        "displacement",
        "method",
        "How the row was made (extracted from a report, entered by hand, imported).",
        "How the row was made: one of extracted, manual, import.",
    ),
    (
        "displacement",
        "review_status",
        "Review status. Only accepted claims reach charts.",
        "Review status: one of pending, accepted, rejected, superseded. Only accepted claims reach charts.",
    ),
    (
        "displacement",
        "place_precision",
        "How precise the place is (a site, a town, a district, a governorate, a region...).",
        "How precise the place is: one of site, town, admin2, admin1, multiple_admin1, region, country, unknown.",
    ),
    (
        "displacement",
        "date_precision",
        "How precise the period is (a day, a few days, a week, a month...).",
        "How precise the period is: one of day, days, week, month, year, unknown.",
    ),
    (
        "displacement",
        "qualifier",
        "How the figure is hedged (exact, at least, about...); empty when no number is stated.",
        "How the figure is hedged: one of exact, at_least, more_than, about, up_to, range, vague; empty when no number is stated.",
    ),
    (
        "displacement",
        "unit",
        "Unit of the values; empty only when no number is stated.",
        "Unit of the values: one of people, households, families, facilities, attacks, beds, percent; empty only when no number is stated.",
    ),
    (
        "displacement",
        "count_kind",
        "Kind of count: new in the period, cumulative since date_start, or a stock standing at date_end.",
        "Kind of count: one of new, cumulative, stock (new in the period, cumulative since date_start, stock at date_end).",
    ),
    (
        "displacement",
        "category",
        "What the figure counts (new: newly displaced in the period; present: displaced people present at a date).",
        "What the figure counts: one of new, present, returned, evacuated (new: newly displaced in the period; present: displaced people present at a date).",
    ),
    (
        "hospital_strain",
        "method",
        "How the row was made (extracted from a report, entered by hand, imported).",
        "How the row was made: one of extracted, manual, import.",
    ),
    (
        "hospital_strain",
        "review_status",
        "Review status. Only accepted claims reach charts.",
        "Review status: one of pending, accepted, rejected, superseded. Only accepted claims reach charts.",
    ),
    (
        "hospital_strain",
        "place_precision",
        "How precise the place is (a site, a town, a district, a governorate, a region...).",
        "How precise the place is: one of site, town, admin2, admin1, multiple_admin1, region, country, unknown.",
    ),
    (
        "hospital_strain",
        "date_precision",
        "How precise the period is (a day, a few days, a week, a month...).",
        "How precise the period is: one of day, days, week, month, year, unknown.",
    ),
    (
        "hospital_strain",
        "qualifier",
        "How the figure is hedged (exact, at least, about...); empty when no number is stated.",
        "How the figure is hedged: one of exact, at_least, more_than, about, up_to, range, vague; empty when no number is stated.",
    ),
    (
        "hospital_strain",
        "unit",
        "Unit of the values; empty only when no number is stated.",
        "Unit of the values: one of people, households, families, facilities, attacks, beds, percent; empty only when no number is stated.",
    ),
    (
        "hospital_strain",
        "count_kind",
        "Kind of count: new in the period, cumulative since date_start, or a stock standing at date_end.",
        "Kind of count: one of new, cumulative, stock (new in the period, cumulative since date_start, stock at date_end).",
    ),
    (
        "hospital_strain",
        "measure",
        "What the row states (the indicator). The value columns count it in the row's unit (attacks, facilities, people, percent).",
        "What the row states: one of attacks_on_health_care, facilities_affected, facilities_damaged, facilities_out_of_service, health_workers_killed, patients_treated, bed_occupancy, strain_level. The value columns count it in the row's unit (attacks, facilities, people, percent).",
    ),
    (
        "hospital_strain",
        "functionality",
        "Functionality of the facility (WHO HeRAMS).",
        "HeRAMS functionality: one of fully, partially, not_functioning.",
    ),
    (
        "hospital_strain",
        "damage",
        "Building damage of the facility (WHO HeRAMS).",
        "HeRAMS building damage: one of none, partial, full.",
    ),
    (
        "hospital_strain",
        "facility_status",
        "Facility status (OASIS EDXL-HAVE).",
        "EDXL-HAVE facility status: one of normal, compromised, evacuating, closed.",
    ),
    (
        "hospital_strain",
        "attack_certainty",
        "Certainty of an attack record, as the surveillance system grades it.",
        "Certainty of an attack record: one of confirmed, probable, possible.",
    ),
    (
        "hospital_strain",
        "strain_level",
        "Ordinal strain level, from normal to not functioning.",
        "Ordinal strain level: one of normal, strained, overwhelmed, not_functioning.",
    ),
    (
        "hospital_strain",
        "strain_basis",
        "What the strain level rests on (stated in words, or computed).",
        "What the strain level rests on: one of stated, computed_occupancy, computed_status.",
    ),
)


def _set(now: bool) -> None:
    if not op.get_bind().dialect.supports_comments:
        return
    for table, column, new, old in COMMENTS:
        op.alter_column(
            table,
            column,
            comment=new if now else old,
            existing_comment=old if now else new,
        )


def upgrade() -> None:
    _set(now=True)


def downgrade() -> None:
    _set(now=False)
