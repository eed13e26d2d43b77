"""A source's licence (or terms of use) and the attribution line its publisher asks for, as
columns of their own (issue 17): every download holding the source's rows carries them.
Until now a mapping's import wrote them at the end of the source's notes ("...; licence:
X; attribution: Y"): they are moved out of the notes into the new columns, and what the
notes said before them stays.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 16:30:00
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Frozen here, as migrations are.
LICENCE = (
    "Licence or terms of use under which the publisher lets its figures be used (e.g. "
    "CC BY 4.0, or the publisher's terms in words); empty when the publisher states none "
    "that is known. Every download holding the source's rows carries it."
)
ATTRIBUTION = (
    "The line to cite when the source's figures are used or passed on, as the publisher "
    "asks for it (e.g. 'Source: UCDP ...'); empty when none is known. Every download "
    "holding the source's rows carries it."
)
NOTES_NOW = "Free-text remarks on the source (how it was obtained, what it covers)."
NOTES_BEFORE = "Free-text remarks on the source (licence, how it was obtained)."


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("licence", sa.Text(), nullable=True, comment=LICENCE))
        batch.add_column(sa.Column("attribution", sa.Text(), nullable=True, comment=ATTRIBUTION))
    if op.get_bind().dialect.supports_comments:
        op.alter_column(
            "sources", "notes", comment=NOTES_NOW, existing_comment=NOTES_BEFORE,
            existing_type=sa.Text(),
        )  # fmt: skip
    _move_out_of_notes()


def _moved(notes: str) -> tuple[str | None, str | None, str | None]:
    """(notes, licence, attribution) of notes written as an import through a mapping wrote
    them: the remarks, then '; licence: X', then '; attribution: Y', each part optional."""
    found: dict[str, str | None] = {"licence": None, "attribution": None}
    for key in ("attribution", "licence"):  # written last first
        match = re.search(rf"(?:^|; ){key}: (.*)$", notes, flags=re.DOTALL)
        if match:
            found[key] = match.group(1).strip() or None
            notes = notes[: match.start()]
    return notes.strip() or None, found["licence"], found["attribution"]


def _move_out_of_notes() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "select source_id, notes from sources where notes like '%licence: %' "
            "or notes like '%attribution: %'"
        )
    ).all()
    for source_id, notes in rows:
        rest, licence, attribution = _moved(notes)
        if licence is None and attribution is None:
            continue
        bind.execute(
            sa.text(
                "update sources set notes = :notes, licence = :licence, "
                "attribution = :attribution where source_id = :source_id"
            ),
            {"notes": rest, "licence": licence, "attribution": attribution,
             "source_id": source_id},
        )  # fmt: skip


def downgrade() -> None:
    if op.get_bind().dialect.supports_comments:
        op.alter_column(
            "sources", "notes", comment=NOTES_BEFORE, existing_comment=NOTES_NOW,
            existing_type=sa.Text(),
        )  # fmt: skip
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "select source_id, notes, licence, attribution from sources "
            "where licence is not null or attribution is not null"
        )
    ).all()
    for source_id, notes, licence, attribution in rows:
        parts = [
            notes,
            licence and f"licence: {licence}",
            attribution and f"attribution: {attribution}",
        ]
        bind.execute(
            sa.text("update sources set notes = :notes where source_id = :source_id"),
            {"notes": "; ".join(p for p in parts if p), "source_id": source_id},
        )
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("attribution")
        batch.drop_column("licence")
