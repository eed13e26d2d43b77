"""Report texts (stored unchanged for extraction and review) and corrections of extractions.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 07:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CLAIM_TABLES = ("casualties", "displacement", "hospital_strain")


def upgrade() -> None:
    op.create_table(
        "report_texts",
        sa.Column("source_id", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False, comment="The report text, unchanged."),
        sa.Column("sha256", sa.Text(), nullable=False, comment="SHA-256 of the UTF-8 text."),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.source_id"],
            name=op.f("fk_report_texts_source_id_sources"),
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_report_texts")),
    )
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "supersedes",
                    sa.Text(),
                    nullable=True,
                    comment="Claim id of the extraction this claim corrects; the original is "
                    "kept, superseded.",
                )
            )


def downgrade() -> None:
    for table in CLAIM_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("supersedes")
    op.drop_table("report_texts")
