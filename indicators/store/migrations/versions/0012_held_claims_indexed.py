"""Held claims found by an index: the Review page lists the claims held off the headline on
every visit, and at a million claims a scan of each table for them took a third of a
second.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 08:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("casualties", "displacement", "hospital_strain")


def upgrade() -> None:
    for table in CLAIM_TABLES:
        op.create_index(f"ix_{table}_held_reason", table, ["held_reason"], unique=False)


def downgrade() -> None:
    for table in CLAIM_TABLES:
        op.drop_index(f"ix_{table}_held_reason", table_name=table)
