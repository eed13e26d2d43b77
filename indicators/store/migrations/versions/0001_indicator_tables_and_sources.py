"""Indicator tables (casualties, displacement, hospital strain) and the sources register.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 06:04:14.203243
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column(
            "source_id",
            sa.Text(),
            nullable=False,
            comment="Stable identifier of the source, referenced by every claim taken from it.",
        ),
        sa.Column(
            "publisher",
            sa.Text(),
            nullable=False,
            comment="Organisation that published the report (e.g. OCHA, AFP).",
        ),
        sa.Column(
            "title",
            sa.Text(),
            nullable=True,
            comment="Title of the report as published (or as read from its address when no title is known).",
        ),
        sa.Column(
            "url",
            sa.Text(),
            nullable=True,
            comment="Web address of the report; empty for a report that has none.",
        ),
        sa.Column(
            "published",
            sa.Date(),
            nullable=True,
            comment="Date the report was published (YYYY-MM-DD, a calendar day); empty when unknown.",
        ),
        sa.Column(
            "language",
            sa.Text(),
            nullable=True,
            comment="Language of the report text, as an ISO 639-1 code (en, ar, fr); empty when unknown.",
        ),
        sa.Column(
            "source_type",
            sa.Text(),
            nullable=False,
            comment="Kind of publisher: one of un_agency, ngo, government, monitoring_group, news_agency, media, other.",
        ),
        sa.Column(
            "reliability",
            sa.Text(),
            nullable=False,
            comment="Reliability the team assigns to the source: one of high, medium, low, unrated.",
        ),
        sa.Column(
            "text_sha256",
            sa.Text(),
            nullable=True,
            comment="SHA-256 of the stored report text (64 hex digits); empty when the text is not stored.",
        ),
        sa.Column(
            "notes",
            sa.Text(),
            nullable=True,
            comment="Free-text remarks on the source (licence, how it was obtained).",
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_sources")),
    )
    op.create_table(
        "casualties",
        sa.Column(
            "claim_id",
            sa.Text(),
            nullable=False,
            comment="Stable identifier of the claim; generated from its content when an input leaves it out.",
        ),
        sa.Column(
            "source_id",
            sa.Text(),
            nullable=False,
            comment="The source (report) the claim is taken from; see the sources table.",
        ),
        sa.Column(
            "quote",
            sa.Text(),
            nullable=True,
            comment="The exact sentence of the source that states the figure; empty for imported tables.",
        ),
        sa.Column(
            "char_start",
            sa.BigInteger(),
            nullable=True,
            comment="Offset of the quote's first character in the stored source text (0-based, characters).",
        ),
        sa.Column(
            "char_end",
            sa.BigInteger(),
            nullable=True,
            comment="Offset just past the quote's last character in the stored source text (characters).",
        ),
        sa.Column(
            "method",
            sa.Text(),
            nullable=False,
            comment="How the row was made: one of extracted, manual, import.",
        ),
        sa.Column(
            "review_status",
            sa.Text(),
            nullable=False,
            comment="Review status: one of pending, accepted, rejected, superseded. Only accepted claims reach charts.",
        ),
        sa.Column("reviewed_by", sa.Text(), nullable=True, comment="Who reviewed the claim last."),
        sa.Column(
            "reviewed_at",
            sa.DateTime(),
            nullable=True,
            comment="When the claim was last reviewed (UTC, YYYY-MM-DDTHH:MM:SS).",
        ),
        sa.Column(
            "location_text", sa.Text(), nullable=True, comment="The place as the source wrote it."
        ),
        sa.Column(
            "admin1_pcode",
            sa.Text(),
            nullable=True,
            comment="P-code of the governorate (admin level 1) the claim is about, when it is about one.",
        ),
        sa.Column(
            "admin2_pcode",
            sa.Text(),
            nullable=True,
            comment="P-code of the district (admin level 2), when the place is that precise.",
        ),
        sa.Column(
            "admin1_pcodes_spanned",
            sa.Text(),
            nullable=True,
            comment="Governorate p-codes joined by ';' when one figure covers several ('Idleb and Aleppo').",
        ),
        sa.Column(
            "place_precision",
            sa.Text(),
            nullable=False,
            comment="How precise the place is: one of site, town, admin2, admin1, multiple_admin1, region, country, unknown.",
        ),
        sa.Column(
            "date_start",
            sa.Date(),
            nullable=True,
            comment="First day of the period the figure covers (YYYY-MM-DD); for a cumulative count, the day counting started.",
        ),
        sa.Column(
            "date_end",
            sa.Date(),
            nullable=True,
            comment="Last day of the period the figure covers (YYYY-MM-DD); for a stock, the day it stands at.",
        ),
        sa.Column(
            "date_precision",
            sa.Text(),
            nullable=False,
            comment="How precise the period is: one of day, days, week, month, year, unknown.",
        ),
        sa.Column(
            "value_text",
            sa.Text(),
            nullable=True,
            comment="The figure as written ('at least 20', 'dozens', 'between 60,000 and 80,000').",
        ),
        sa.Column(
            "qualifier",
            sa.Text(),
            nullable=True,
            comment="How the figure is hedged: one of exact, at_least, more_than, about, up_to, range, vague; empty when no number is stated.",
        ),
        sa.Column(
            "value_low",
            sa.Double(),
            nullable=True,
            comment="Lowest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        ),
        sa.Column(
            "value_best",
            sa.Double(),
            nullable=True,
            comment="Best single value the claim states, in the row's unit; empty when none is stated.",
        ),
        sa.Column(
            "value_high",
            sa.Double(),
            nullable=True,
            comment="Highest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        ),
        sa.Column(
            "unit",
            sa.Text(),
            nullable=True,
            comment="Unit of the values: one of people, households, families, facilities, attacks, beds, percent; empty only when no number is stated.",
        ),
        sa.Column(
            "unit_stated",
            sa.Text(),
            nullable=True,
            comment="Unit the source used when the values were converted (households or families).",
        ),
        sa.Column(
            "value_derived",
            sa.Boolean(),
            nullable=False,
            comment="True when the values were computed (e.g. households times household size), not stated.",
        ),
        sa.Column(
            "household_size",
            sa.Double(),
            nullable=True,
            comment="Persons per household used to derive the values (persons).",
        ),
        sa.Column(
            "count_kind",
            sa.Text(),
            nullable=False,
            comment="Kind of count: one of new, cumulative, stock (new in the period, cumulative since date_start, stock at date_end).",
        ),
        sa.Column(
            "subset_of",
            sa.Text(),
            nullable=True,
            comment="Claim id of the total this figure is a sub-count of ('including 26 children'); never added to it.",
        ),
        sa.Column("notes", sa.Text(), nullable=True, comment="Free-text remarks on the claim."),
        sa.Column(
            "outcome",
            sa.Text(),
            nullable=False,
            comment="What happened to the people counted: one of killed, injured, missing.",
        ),
        sa.Column(
            "population_group",
            sa.Text(),
            nullable=False,
            comment="Who is counted: one of all, civilians, children, women, fighters, soldiers, health_workers, aid_workers, unknown ('all' when the source names no group).",
        ),
        sa.Column(
            "cause",
            sa.Text(),
            nullable=True,
            comment="Cause where stated: one of airstrike, shelling, clashes, explosive_device, landmine, attack_on_health_care, other, unknown.",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.source_id"], name=op.f("fk_casualties_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_casualties")),
    )
    with op.batch_alter_table("casualties", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_casualties_admin1_pcode"), ["admin1_pcode"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_casualties_date_end"), ["date_end"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_casualties_review_status"), ["review_status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_casualties_source_id"), ["source_id"], unique=False)

    op.create_table(
        "displacement",
        sa.Column(
            "claim_id",
            sa.Text(),
            nullable=False,
            comment="Stable identifier of the claim; generated from its content when an input leaves it out.",
        ),
        sa.Column(
            "source_id",
            sa.Text(),
            nullable=False,
            comment="The source (report) the claim is taken from; see the sources table.",
        ),
        sa.Column(
            "quote",
            sa.Text(),
            nullable=True,
            comment="The exact sentence of the source that states the figure; empty for imported tables.",
        ),
        sa.Column(
            "char_start",
            sa.BigInteger(),
            nullable=True,
            comment="Offset of the quote's first character in the stored source text (0-based, characters).",
        ),
        sa.Column(
            "char_end",
            sa.BigInteger(),
            nullable=True,
            comment="Offset just past the quote's last character in the stored source text (characters).",
        ),
        sa.Column(
            "method",
            sa.Text(),
            nullable=False,
            comment="How the row was made: one of extracted, manual, import.",
        ),
        sa.Column(
            "review_status",
            sa.Text(),
            nullable=False,
            comment="Review status: one of pending, accepted, rejected, superseded. Only accepted claims reach charts.",
        ),
        sa.Column("reviewed_by", sa.Text(), nullable=True, comment="Who reviewed the claim last."),
        sa.Column(
            "reviewed_at",
            sa.DateTime(),
            nullable=True,
            comment="When the claim was last reviewed (UTC, YYYY-MM-DDTHH:MM:SS).",
        ),
        sa.Column(
            "location_text", sa.Text(), nullable=True, comment="The place as the source wrote it."
        ),
        sa.Column(
            "admin1_pcode",
            sa.Text(),
            nullable=True,
            comment="P-code of the governorate (admin level 1) the claim is about, when it is about one.",
        ),
        sa.Column(
            "admin2_pcode",
            sa.Text(),
            nullable=True,
            comment="P-code of the district (admin level 2), when the place is that precise.",
        ),
        sa.Column(
            "admin1_pcodes_spanned",
            sa.Text(),
            nullable=True,
            comment="Governorate p-codes joined by ';' when one figure covers several ('Idleb and Aleppo').",
        ),
        sa.Column(
            "place_precision",
            sa.Text(),
            nullable=False,
            comment="How precise the place is: one of site, town, admin2, admin1, multiple_admin1, region, country, unknown.",
        ),
        sa.Column(
            "date_start",
            sa.Date(),
            nullable=True,
            comment="First day of the period the figure covers (YYYY-MM-DD); for a cumulative count, the day counting started.",
        ),
        sa.Column(
            "date_end",
            sa.Date(),
            nullable=True,
            comment="Last day of the period the figure covers (YYYY-MM-DD); for a stock, the day it stands at.",
        ),
        sa.Column(
            "date_precision",
            sa.Text(),
            nullable=False,
            comment="How precise the period is: one of day, days, week, month, year, unknown.",
        ),
        sa.Column(
            "value_text",
            sa.Text(),
            nullable=True,
            comment="The figure as written ('at least 20', 'dozens', 'between 60,000 and 80,000').",
        ),
        sa.Column(
            "qualifier",
            sa.Text(),
            nullable=True,
            comment="How the figure is hedged: one of exact, at_least, more_than, about, up_to, range, vague; empty when no number is stated.",
        ),
        sa.Column(
            "value_low",
            sa.Double(),
            nullable=True,
            comment="Lowest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        ),
        sa.Column(
            "value_best",
            sa.Double(),
            nullable=True,
            comment="Best single value the claim states, in the row's unit; empty when none is stated.",
        ),
        sa.Column(
            "value_high",
            sa.Double(),
            nullable=True,
            comment="Highest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        ),
        sa.Column(
            "unit",
            sa.Text(),
            nullable=True,
            comment="Unit of the values: one of people, households, families, facilities, attacks, beds, percent; empty only when no number is stated.",
        ),
        sa.Column(
            "unit_stated",
            sa.Text(),
            nullable=True,
            comment="Unit the source used when the values were converted (households or families).",
        ),
        sa.Column(
            "value_derived",
            sa.Boolean(),
            nullable=False,
            comment="True when the values were computed (e.g. households times household size), not stated.",
        ),
        sa.Column(
            "household_size",
            sa.Double(),
            nullable=True,
            comment="Persons per household used to derive the values (persons).",
        ),
        sa.Column(
            "count_kind",
            sa.Text(),
            nullable=False,
            comment="Kind of count: one of new, cumulative, stock (new in the period, cumulative since date_start, stock at date_end).",
        ),
        sa.Column(
            "subset_of",
            sa.Text(),
            nullable=True,
            comment="Claim id of the total this figure is a sub-count of ('including 26 children'); never added to it.",
        ),
        sa.Column("notes", sa.Text(), nullable=True, comment="Free-text remarks on the claim."),
        sa.Column(
            "category",
            sa.Text(),
            nullable=False,
            comment="What the figure counts: one of new, present, returned, evacuated (new: newly displaced in the period; present: displaced people present at a date).",
        ),
        sa.Column(
            "term",
            sa.Text(),
            nullable=True,
            comment="The word the source used (displaced, fled, uprooted, IDPs, evacuated, returned).",
        ),
        sa.Column(
            "origin_text",
            sa.Text(),
            nullable=True,
            comment="Where people came from, as written, when stated.",
        ),
        sa.Column(
            "origin_admin1_pcode",
            sa.Text(),
            nullable=True,
            comment="Governorate p-code of the origin, when matched.",
        ),
        sa.Column(
            "destination_text",
            sa.Text(),
            nullable=True,
            comment="Where people went, as written, when stated.",
        ),
        sa.Column(
            "destination_admin1_pcode",
            sa.Text(),
            nullable=True,
            comment="Governorate p-code of the destination, when matched.",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.source_id"], name=op.f("fk_displacement_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_displacement")),
    )
    with op.batch_alter_table("displacement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_displacement_admin1_pcode"), ["admin1_pcode"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_displacement_date_end"), ["date_end"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_displacement_review_status"), ["review_status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_displacement_source_id"), ["source_id"], unique=False)

    op.create_table(
        "hospital_strain",
        sa.Column(
            "claim_id",
            sa.Text(),
            nullable=False,
            comment="Stable identifier of the claim; generated from its content when an input leaves it out.",
        ),
        sa.Column(
            "source_id",
            sa.Text(),
            nullable=False,
            comment="The source (report) the claim is taken from; see the sources table.",
        ),
        sa.Column(
            "quote",
            sa.Text(),
            nullable=True,
            comment="The exact sentence of the source that states the figure; empty for imported tables.",
        ),
        sa.Column(
            "char_start",
            sa.BigInteger(),
            nullable=True,
            comment="Offset of the quote's first character in the stored source text (0-based, characters).",
        ),
        sa.Column(
            "char_end",
            sa.BigInteger(),
            nullable=True,
            comment="Offset just past the quote's last character in the stored source text (characters).",
        ),
        sa.Column(
            "method",
            sa.Text(),
            nullable=False,
            comment="How the row was made: one of extracted, manual, import.",
        ),
        sa.Column(
            "review_status",
            sa.Text(),
            nullable=False,
            comment="Review status: one of pending, accepted, rejected, superseded. Only accepted claims reach charts.",
        ),
        sa.Column("reviewed_by", sa.Text(), nullable=True, comment="Who reviewed the claim last."),
        sa.Column(
            "reviewed_at",
            sa.DateTime(),
            nullable=True,
            comment="When the claim was last reviewed (UTC, YYYY-MM-DDTHH:MM:SS).",
        ),
        sa.Column(
            "location_text", sa.Text(), nullable=True, comment="The place as the source wrote it."
        ),
        sa.Column(
            "admin1_pcode",
            sa.Text(),
            nullable=True,
            comment="P-code of the governorate (admin level 1) the claim is about, when it is about one.",
        ),
        sa.Column(
            "admin2_pcode",
            sa.Text(),
            nullable=True,
            comment="P-code of the district (admin level 2), when the place is that precise.",
        ),
        sa.Column(
            "admin1_pcodes_spanned",
            sa.Text(),
            nullable=True,
            comment="Governorate p-codes joined by ';' when one figure covers several ('Idleb and Aleppo').",
        ),
        sa.Column(
            "place_precision",
            sa.Text(),
            nullable=False,
            comment="How precise the place is: one of site, town, admin2, admin1, multiple_admin1, region, country, unknown.",
        ),
        sa.Column(
            "date_start",
            sa.Date(),
            nullable=True,
            comment="First day of the period the figure covers (YYYY-MM-DD); for a cumulative count, the day counting started.",
        ),
        sa.Column(
            "date_end",
            sa.Date(),
            nullable=True,
            comment="Last day of the period the figure covers (YYYY-MM-DD); for a stock, the day it stands at.",
        ),
        sa.Column(
            "date_precision",
            sa.Text(),
            nullable=False,
            comment="How precise the period is: one of day, days, week, month, year, unknown.",
        ),
        sa.Column(
            "value_text",
            sa.Text(),
            nullable=True,
            comment="The figure as written ('at least 20', 'dozens', 'between 60,000 and 80,000').",
        ),
        sa.Column(
            "qualifier",
            sa.Text(),
            nullable=True,
            comment="How the figure is hedged: one of exact, at_least, more_than, about, up_to, range, vague; empty when no number is stated.",
        ),
        sa.Column(
            "value_low",
            sa.Double(),
            nullable=True,
            comment="Lowest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        ),
        sa.Column(
            "value_best",
            sa.Double(),
            nullable=True,
            comment="Best single value the claim states, in the row's unit; empty when none is stated.",
        ),
        sa.Column(
            "value_high",
            sa.Double(),
            nullable=True,
            comment="Highest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        ),
        sa.Column(
            "unit",
            sa.Text(),
            nullable=True,
            comment="Unit of the values: one of people, households, families, facilities, attacks, beds, percent; empty only when no number is stated.",
        ),
        sa.Column(
            "unit_stated",
            sa.Text(),
            nullable=True,
            comment="Unit the source used when the values were converted (households or families).",
        ),
        sa.Column(
            "value_derived",
            sa.Boolean(),
            nullable=False,
            comment="True when the values were computed (e.g. households times household size), not stated.",
        ),
        sa.Column(
            "household_size",
            sa.Double(),
            nullable=True,
            comment="Persons per household used to derive the values (persons).",
        ),
        sa.Column(
            "count_kind",
            sa.Text(),
            nullable=False,
            comment="Kind of count: one of new, cumulative, stock (new in the period, cumulative since date_start, stock at date_end).",
        ),
        sa.Column(
            "subset_of",
            sa.Text(),
            nullable=True,
            comment="Claim id of the total this figure is a sub-count of ('including 26 children'); never added to it.",
        ),
        sa.Column("notes", sa.Text(), nullable=True, comment="Free-text remarks on the claim."),
        sa.Column(
            "measure",
            sa.Text(),
            nullable=False,
            comment="What the row states: one of attacks_on_health_care, facilities_affected, facilities_damaged, facilities_out_of_service, health_workers_killed, patients_treated, bed_occupancy, strain_level. The value columns count it in the row's unit (attacks, facilities, people, percent).",
        ),
        sa.Column(
            "facility_name",
            sa.Text(),
            nullable=True,
            comment="Name of the facility, when the claim is about one.",
        ),
        sa.Column(
            "facility_type",
            sa.Text(),
            nullable=True,
            comment="Type of facility (hospital, primary care centre, mobile clinic...).",
        ),
        sa.Column(
            "functionality",
            sa.Text(),
            nullable=True,
            comment="HeRAMS functionality: one of fully, partially, not_functioning.",
        ),
        sa.Column(
            "damage",
            sa.Text(),
            nullable=True,
            comment="HeRAMS building damage: one of none, partial, full.",
        ),
        sa.Column(
            "facility_status",
            sa.Text(),
            nullable=True,
            comment="EDXL-HAVE facility status: one of normal, compromised, evacuating, closed.",
        ),
        sa.Column(
            "beds_staffed",
            sa.BigInteger(),
            nullable=True,
            comment="Beds with staff to run them (beds).",
        ),
        sa.Column("beds_occupied", sa.BigInteger(), nullable=True, comment="Beds occupied (beds)."),
        sa.Column(
            "occupancy_pct",
            sa.Double(),
            nullable=True,
            comment="Bed occupancy: beds occupied / beds staffed x 100 (percent; above 85 is the usual safety line, above 100 a surge).",
        ),
        sa.Column(
            "attack_type",
            sa.Text(),
            nullable=True,
            comment="Type of attack on health care, as the surveillance system words it.",
        ),
        sa.Column(
            "attack_certainty",
            sa.Text(),
            nullable=True,
            comment="Certainty of an attack record: one of confirmed, probable, possible.",
        ),
        sa.Column(
            "attack_killed",
            sa.BigInteger(),
            nullable=True,
            comment="People killed in the attack on health care (people).",
        ),
        sa.Column(
            "attack_injured",
            sa.BigInteger(),
            nullable=True,
            comment="People injured in the attack on health care (people).",
        ),
        sa.Column(
            "strain_level",
            sa.Text(),
            nullable=True,
            comment="Ordinal strain level: one of normal, strained, overwhelmed, not_functioning.",
        ),
        sa.Column(
            "strain_basis",
            sa.Text(),
            nullable=True,
            comment="What the strain level rests on: one of stated, computed_occupancy, computed_status.",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["sources.source_id"], name=op.f("fk_hospital_strain_source_id_sources")
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_hospital_strain")),
    )
    with op.batch_alter_table("hospital_strain", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hospital_strain_admin1_pcode"), ["admin1_pcode"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_hospital_strain_date_end"), ["date_end"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_hospital_strain_review_status"), ["review_status"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_hospital_strain_source_id"), ["source_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("hospital_strain", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hospital_strain_source_id"))
        batch_op.drop_index(batch_op.f("ix_hospital_strain_review_status"))
        batch_op.drop_index(batch_op.f("ix_hospital_strain_date_end"))
        batch_op.drop_index(batch_op.f("ix_hospital_strain_admin1_pcode"))

    op.drop_table("hospital_strain")
    with op.batch_alter_table("displacement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_displacement_source_id"))
        batch_op.drop_index(batch_op.f("ix_displacement_review_status"))
        batch_op.drop_index(batch_op.f("ix_displacement_date_end"))
        batch_op.drop_index(batch_op.f("ix_displacement_admin1_pcode"))

    op.drop_table("displacement")
    with op.batch_alter_table("casualties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_casualties_source_id"))
        batch_op.drop_index(batch_op.f("ix_casualties_review_status"))
        batch_op.drop_index(batch_op.f("ix_casualties_date_end"))
        batch_op.drop_index(batch_op.f("ix_casualties_admin1_pcode"))

    op.drop_table("casualties")
    op.drop_table("sources")
