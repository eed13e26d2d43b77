"""Audit log, stored validation warnings, and the batch that wrote each row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 06:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = ("sources", "casualties", "displacement", "hospital_strain")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("audit_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False, comment="When (UTC)."),
        sa.Column("actor", sa.Text(), nullable=False, comment="Who made the change."),
        sa.Column("action", sa.Text(), nullable=False, comment="import, load_defaults, update..."),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Text(), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=True, comment="What: file, ids, before/after."),
        sa.PrimaryKeyConstraint("audit_id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_log_table_name_at"), ["table_name", "at"], unique=False
        )

    op.create_table(
        "claim_warnings",
        sa.Column("warning_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("claim_id", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("column_name", sa.Text(), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("warning_id", name=op.f("pk_claim_warnings")),
    )
    with op.batch_alter_table("claim_warnings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_claim_warnings_table_name_claim_id"),
            ["table_name", "claim_id"],
            unique=False,
        )

    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "batch_id", sa.Text(), nullable=True, comment="The write that added the row."
                )
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("batch_id")
    with op.batch_alter_table("claim_warnings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_warnings_table_name_claim_id"))
    op.drop_table("claim_warnings")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_table_name_at"))
    op.drop_table("audit_log")
