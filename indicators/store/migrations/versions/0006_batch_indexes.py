"""Indexes on the claim tables' batch_id: a reader brings its model up to date by reading
the rows a write added, by their batch, without scanning a million rows.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("casualties", "displacement", "hospital_strain")


def upgrade() -> None:
    for table in CLAIM_TABLES:
        op.create_index(op.f(f"ix_{table}_batch_id"), table, ["batch_id"])


def downgrade() -> None:
    for table in CLAIM_TABLES:
        op.drop_index(op.f(f"ix_{table}_batch_id"), table_name=table)
