"""Writers of the same kind take turns: a lock held until the transaction ends.

A writer that reads, decides and then writes (the next version of a rule, an action on an
alert, a review of a claim) would otherwise decide on what another writer is about to change,
and one of the two changes would be lost or recorded against a state that no longer holds.
"""

from __future__ import annotations

import sqlalchemy as sa

SYNC = 4_207_105
"""Alerts brought up to date, and every action on an alert (they take turns with the sync)."""
RULES = 4_207_106
"""A rule's next version written."""
REVIEWS = 4_207_107
"""A claim accepted, rejected or corrected."""


def serialised(conn: sa.Connection, key: int, table: sa.Table) -> None:
    """Hold the lock ``key`` until ``conn``'s transaction ends: on PostgreSQL an advisory lock,
    on SQLite the database's write lock (taken by a write to ``table`` that changes nothing;
    SQLite has one writer at a time, so every key is the same lock there)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        first = next(iter(table.primary_key.columns))
        conn.execute(table.update().where(sa.false()).values({first.name: first}))
