"""Claims carry their country (ISO3) and where it came from; existing claims are Syria's.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 11:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("casualties", "displacement", "hospital_strain")
COUNTRY = (
    "ISO3 code of the country the claim is about: from its place, else its source, else the "
    "deployment's default country (country_basis says which)."
)
BASIS = (
    "Where the claim's country came from: its place, its source, the deployment's default, "
    "the table it was imported from (stated), or the migration that added it."
)
EXISTING = "SYR"
"""Every claim stored before this migration is about Syria (the only country then known)."""


def upgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("country", sa.Text(), nullable=True, comment=COUNTRY))
            batch.add_column(sa.Column("country_basis", sa.Text(), nullable=True, comment=BASIS))
        op.execute(
            sa.text(
                f"UPDATE {table} SET country = :country, country_basis = 'migration' "
                "WHERE country IS NULL"
            ).bindparams(country=EXISTING)
        )


def downgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("country_basis")
            batch.drop_column("country")
