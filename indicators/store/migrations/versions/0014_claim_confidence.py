"""How sure the extractor is of each claim it read (issue 16): a number from 0 to 1 beside
the claim's notes, which say why. Claims entered by hand or imported have none.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("casualties", "displacement", "hospital_strain")
DESCRIPTION = (
    "How sure the extractor is of its reading, from 0 (unsure) to 1 (sure), a share with "
    "no unit (claims read from a report only): lower when the place came from an earlier "
    "sentence or the title, the word saying what is counted stood away from the number, "
    "the figure is vague, derived or one person named without a number. Its reasons are "
    "in notes; the Review page lists the least sure first."
)


def upgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("confidence", sa.Double(), nullable=True, comment=DESCRIPTION)
            )


def downgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("confidence")
