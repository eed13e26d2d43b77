"""Claims say whether they report a figure or record one distinct event.

A dataset of events (WHO's attacks on health care, UCDP, ACLED) holds one row per event:
the events of a day and place are added up, never reconciled as if they were reports of one
figure. Stored claims are figures, except imported attack rows that give the kind of attack
and its certainty for one attack (the form of an attack dataset's row): each of those
records one attack.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("casualties", "displacement", "hospital_strain")
RECORD = (
    "What the row is: 'figure', a source's report of a figure (several reports of one figure "
    "are reconciled: one is the headline); or 'event', one of a dataset's distinct events (a "
    "row of WHO's attacks on health care, of UCDP or ACLED): a dataset's events of one day and "
    "place are added up before figures from other sources are compared."
)


def upgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column(
                    "record_type",
                    sa.Text(),
                    nullable=False,
                    server_default="figure",
                    comment=RECORD,
                )
            )
    op.execute(
        "UPDATE hospital_strain SET record_type = 'event' "
        "WHERE measure = 'attacks_on_health_care' AND attack_type IS NOT NULL "
        "AND attack_certainty IS NOT NULL AND method = 'import' "
        "AND count_kind = 'new' AND value_best = 1"
    )


def downgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("record_type")
