"""One story counted once: repeats, holds on falling tolls, and original publishers.

Claims gain ``repeats`` (the claim whose story this one carries again), ``held_reason``
(why an accepted toll is held off the headline) and who released it and when; sources gain
``original_publisher`` (the publisher whose story a reprint carries). The claims stored so
far are then settled as if written one by one in claim id order (see
``indicators.stories``), recorded in the audit log as one ``settle_all`` entry.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 18:00:00
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("casualties", "displacement", "hospital_strain")
REPEATS = (
    "Claim id of the claim this one repeats: the same story carried by another outlet (the "
    "same original publisher, or the same quote, figure and day). A repeat never counts again; "
    "its source is listed among the claim's carriers. Set by the store."
)
HELD = (
    "Why an accepted toll is held off the headline: it is lower than an earlier accepted toll "
    "of the same series and scope. Empty when nothing holds it (a reviewer's release empties "
    "it). Set by the store."
)
RELEASED_BY = "Who released the claim from a hold (it counts as it stands; it is not held again)."
RELEASED_AT = "When (UTC) the claim was released from a hold."
ORIGINAL = (
    "The publisher whose story this report carries, when it carries another's (a wire story "
    "reprinted by an outlet: Reuters); empty when the report is the publisher's own. Figures of "
    "one original publisher are one story, however many outlets carry them."
)


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("original_publisher", sa.Text(), comment=ORIGINAL))
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("repeats", sa.Text(), comment=REPEATS))
            batch.add_column(sa.Column("held_reason", sa.Text(), comment=HELD))
            batch.add_column(sa.Column("released_by", sa.Text(), comment=RELEASED_BY))
            batch.add_column(sa.Column("released_at", sa.DateTime(), comment=RELEASED_AT))
    from indicators.store.settle import everything

    conn = op.get_bind()
    if any(conn.execute(sa.text(f"SELECT 1 FROM {t} LIMIT 1")).first() for t in CLAIM_TABLES):
        everything(conn, actor="migration 0011", now=datetime.now(UTC).replace(tzinfo=None))


def downgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table) as batch:
            for name in ("released_at", "released_by", "held_reason", "repeats"):
                batch.drop_column(name)
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("original_publisher")
