"""Alert rules (versioned), the alerts they raise, and each alert's history.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 07:17:06.561194
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert_rules",
        sa.Column("rule_id", sa.Text(), nullable=False),
        sa.Column(
            "version", sa.Integer(), nullable=False, comment="1, 2, ...: every edit adds one."
        ),
        sa.Column("definition", sa.JSON(), nullable=False, comment="The rule's fields."),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("saved_by", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("rule_id", "version", name=op.f("pk_alert_rules")),
    )
    op.create_table(
        "alerts",
        sa.Column("alert_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rule_id", sa.Text(), nullable=False),
        sa.Column("rule_version", sa.Integer(), nullable=False),
        sa.Column(
            "unit", sa.Text(), nullable=False, comment="The place unit (p-code, facility, all)."
        ),
        sa.Column("state", sa.Text(), nullable=False, comment="warning or critical."),
        sa.Column("certainty", sa.Text(), nullable=True, comment="confirmed or possible."),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("low", sa.Double(), nullable=True),
        sa.Column("high", sa.Double(), nullable=True),
        sa.Column("threshold", sa.Double(), nullable=True),
        sa.Column("since", sa.Date(), nullable=True, comment="First day of the crossing."),
        sa.Column("raised_on", sa.Date(), nullable=False, comment="The data day it was raised."),
        sa.Column("status", sa.Text(), nullable=False, comment="new, acknowledged or resolved."),
        sa.Column("last_as_of", sa.Date(), nullable=False, comment="The data day last evaluated."),
        sa.Column("resolved_on", sa.Date(), nullable=True, comment="The data day it was resolved."),
        sa.Column("silenced_until", sa.Date(), nullable=True),
        sa.Column("silence_reason", sa.Text(), nullable=True),
        sa.Column(
            "previous_alert_id",
            sa.Integer(),
            nullable=True,
            comment="The earlier alert of the same rule and place, when this one re-fired.",
        ),
        sa.Column("claim_ids", sa.JSON(), nullable=False, comment="The claims behind it."),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("alert_id", name=op.f("pk_alerts")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alerts_rule_id_unit"), ["rule_id", "unit"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_alerts_status"), ["status"], unique=False)

    op.create_table(
        "alert_events",
        sa.Column("event_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column(
            "action",
            sa.Text(),
            nullable=False,
            comment="raised, updated, acknowledged, silenced, resolved, recovered.",
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.alert_id"], name=op.f("fk_alert_events_alert_id_alerts")
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_alert_events")),
    )
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_events_alert_id"), ["alert_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("alert_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_events_alert_id"))

    op.drop_table("alert_events")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_status"))
        batch_op.drop_index(batch_op.f("ix_alerts_rule_id_unit"))

    op.drop_table("alerts")
    op.drop_table("alert_rules")
