"""Displacement's category says that crossing a border is not internal displacement.

New categories (arrived_from_abroad, left_for_abroad) need no change to the data: the column
is text, checked by validation. Only its description changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 14:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

BEFORE = (
    "What the figure counts (new: newly displaced in the period; present: displaced people "
    "present at a date)."
)
AFTER = (
    "What the figure counts (new: newly displaced inside the country in the period; "
    "arrived_from_abroad / left_for_abroad: people crossing a border into or out of the "
    "country, never part of its internal displacement; present: displaced people present at a "
    "date)."
)


def _comment(text: str, before: str) -> None:
    with op.batch_alter_table("displacement") as batch:
        batch.alter_column(
            "category",
            existing_type=sa.Text(),
            existing_nullable=False,
            comment=text,
            existing_comment=before,
        )


def upgrade() -> None:
    _comment(AFTER, BEFORE)


def downgrade() -> None:
    _comment(BEFORE, AFTER)
