"""Writers of the same kind take turns: a lock held until the transaction ends.

A writer that reads, decides and then writes (the next version of a rule, an action on an
alert, a review of a claim) would otherwise decide on what another writer is about to change,
and one of the two changes would be lost or recorded against a state that no longer holds.
Processes creating one new store take turns the same way (``one_creator``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

try:
    import fcntl
except ImportError:  # not on Windows: there, creating one store from two processes at once
    fcntl = None  # is not guarded

SYNC = 4_207_105
"""Alerts brought up to date, and every action on an alert (they take turns with the sync)."""
RULES = 4_207_106
"""A rule's next version written."""
REVIEWS = 4_207_107
"""A claim accepted, rejected or corrected."""
MIGRATE = 4_207_108
"""A store created or migrated."""


def serialised(conn: sa.Connection, key: int, table: sa.Table) -> None:
    """Hold the lock ``key`` until ``conn``'s transaction ends: on PostgreSQL an advisory lock,
    on SQLite the database's write lock (taken by a write to ``table`` that changes nothing;
    SQLite has one writer at a time, so every key is the same lock there)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        first = next(iter(table.primary_key.columns))
        conn.execute(table.update().where(sa.false()).values({first.name: first}))


@contextmanager
def one_creator(url: str) -> Iterator[None]:
    """Processes opening one new SQLite store at once take turns: the first creates and
    fills it, the others wait, then find it made. (SQLite's own lock is taken only at the
    first write, after each has seen an empty file.) The lock is on the store's folder,
    never on the database file: closing any handle to that file would drop the process's
    SQLite locks on it. PostgreSQL takes an advisory lock in the transaction instead."""
    parsed = sa.make_url(url)
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if not path or path == ":memory:" or fcntl is None:
        yield
        return
    try:
        folder = os.open(Path(path).resolve().parent, os.O_RDONLY)
    except OSError:  # no such folder: SQLite says so in its own words
        yield
        return
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # and with it the lock
