"""The audit log: every write records who, when and what; a reader applies the entries
to bring what it holds up to date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from indicators.origin import current
from indicators.store.tables import audit_log


@dataclass(frozen=True)
class Change:
    """One entry of the audit log, as a reader applies it."""

    version: int
    action: str
    table: str
    batch_id: str | None
    details: dict[str, Any] | None


def record(
    conn: sa.Connection,
    *,
    at: datetime,
    actor: str,
    action: str,
    table: str,
    row_count: int,
    details: dict[str, Any],
    batch_id: str | None = None,
) -> None:
    """One entry of the audit log: who, when, what, within the caller's transaction."""
    conn.execute(
        audit_log.insert(),
        {
            "at": at,
            "actor": actor,
            "action": action,
            "table_name": table,
            "batch_id": batch_id,
            "row_count": row_count,
            "details": {**(details or {}), **current()},
        },
    )
