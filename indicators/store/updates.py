"""Stored claims updated in place from a newer file of the same dataset (issue 17).

A publisher corrects a row of its dataset (a death count revised, a date fixed) and the next
export carries the same row id with other values. The import writes the new values over the
stored claim, keeps its id, and records one ``import_update`` audit entry per claim with the
values before and after, so every reader applies it and anyone can see what the publisher
changed. Values no reviewer has seen never stand as reviewed: the claim's review is set as a
new import sets it (pending, or accepted by the importer who may review); a claim a
reviewer corrected stays superseded (the correction stands).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from indicators.store import locks
from indicators.store.audit import record
from indicators.store.settle import resettle
from indicators.store.tables import TABLES

IMPORT_UPDATE = "import_update"
"""The audit action of a stored claim that a newer file of its dataset changed."""


def update_claims(
    conn: sa.Connection,
    table: str,
    rows: Iterable[dict],
    differences: dict[str, dict[str, tuple[object, object]]],
    *,
    actor: str,
    now: datetime,
    reviewer: str | None,
    details: dict | None = None,
) -> int:
    """Write each row's ``differences`` (column -> (stored, file)) over the stored claim
    with its id, within the caller's transaction; the number of claims updated."""
    locks.serialised(conn, locks.REVIEWS, TABLES[table])
    sql = TABLES[table]
    ids = []
    for row in rows:
        claim_id = str(row["claim_id"])
        changed = differences[claim_id]
        values = {column: stored_value(column, after) for column, (_, after) in changed.items()}
        status = conn.scalar(sa.select(sql.c.review_status).where(sql.c.claim_id == claim_id))
        if status != "superseded":
            values.update(
                review_status="accepted" if reviewer else "pending",
                reviewed_by=reviewer,
                reviewed_at=now if reviewer else None,
            )
        conn.execute(sql.update().where(sql.c.claim_id == claim_id).values(**values))
        record(
            conn,
            at=now,
            actor=actor,
            action=IMPORT_UPDATE,
            table=table,
            row_count=1,
            details={
                **(details or {}),
                "claim_id": claim_id,
                "review_was": status,
                "before": {c: audit_value(c, before) for c, (before, _) in changed.items()},
                "after": {c: audit_value(c, after) for c, (_, after) in changed.items()},
            },
        )
        ids.append(claim_id)
    resettle(conn, table, ids, actor=actor, now=now)
    return len(ids)


def stored_value(column: str, value: object) -> object:
    """A typed cell as SQLAlchemy writes it: None where missing, days as dates."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value)
                         and pd.isna(value)):  # fmt: skip
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime() if column.endswith("_at") else value.date()
    return value.item() if hasattr(value, "item") else value


def audit_value(column: str, value: object) -> object:
    """A typed cell as the audit log's JSON keeps it."""
    value = stored_value(column, value)
    return value.isoformat() if hasattr(value, "isoformat") else value
