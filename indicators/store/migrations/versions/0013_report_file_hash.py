"""The file a report's text was read from: a web page or a PDF is stored as the text taken
from it, and the SHA-256 of the file's own bytes is kept beside the text (issue 16).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report_texts") as batch:
        batch.add_column(
            sa.Column(
                "file_sha256",
                sa.Text(),
                nullable=True,
                comment="SHA-256 of the report file's bytes (web page, PDF or text file).",
            )
        )
        batch.add_column(
            sa.Column(
                "file_kind",
                sa.Text(),
                nullable=True,
                comment="What the text was read from: text, html or pdf.",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("report_texts") as batch:
        batch.drop_column("file_kind")
        batch.drop_column("file_sha256")
