"""Reviewing claims: accept, reject or correct; a correction keeps the original, superseded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pandas as pd
import sqlalchemy as sa

from indicators.errors import InputError, StoreError
from indicators.limits import control_character
from indicators.schemas import CLAIM_TABLES, columns
from indicators.store import locks
from indicators.store.settle import resettle
from indicators.store.store import Store, TableWrite, record
from indicators.store.tables import TABLES

REVIEWED = ("accepted", "rejected")
PROVENANCE = frozenset(
    {
        "claim_id",
        "source_id",
        "quote",
        "char_start",
        "char_end",
        "method",
        "review_status",
        "reviewed_by",
        "reviewed_at",
        "supersedes",
    }
)
"""What a correction cannot change: where the claim came from and how it was reviewed."""


class CorrectionRefusedError(InputError):
    """A correction that breaks the rules any import obeys; ``issues`` say which."""

    def __init__(self, issues: list) -> None:
        self.issues = list(issues)
        super().__init__(
            "the correction breaks the rules:\n"
            + "\n".join(i.describe("correction") for i in self.issues)
        )


def claims(
    store: Store, *, statuses: Iterable[str] | None = ("pending",), table: str | None = None
) -> pd.DataFrame:
    """Claims of every claim table (or one) with a ``table`` column, oldest id first."""
    frames = []
    for name in (table,) if table else CLAIM_TABLES:
        frame = store.read(name, statuses=statuses)
        frames.append(frame.assign(table=name))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def find(conn: sa.Connection, claim_id: str) -> tuple[str, dict]:
    """The table and stored row of a claim; StoreError when no table holds it."""
    for name in CLAIM_TABLES:
        row = (
            conn.execute(sa.select(TABLES[name]).where(TABLES[name].c.claim_id == claim_id))
            .mappings()
            .first()
        )
        if row is not None:
            return name, dict(row)
    raise StoreError(f"no claim '{claim_id}' in the store")


def set_status(
    store: Store,
    claim_ids: list[str],
    status: str,
    *,
    actor: str,
    reason: str | None = None,
    expect: str | None = None,
) -> int:
    """Accept or reject claims, all or none, each change audited with before and after.

    Reviews take turns. ``expect`` is the status the reviewer saw (the review page shows
    pending claims): when someone else changed it meanwhile, nothing is changed and the
    error says who did, so the reviewer reloads instead of overwriting unseen.
    """
    if status not in REVIEWED:
        raise InputError(f"a review sets accepted or rejected, not '{status}'")
    if wrong := control_character(reason, "the reason"):
        raise InputError(wrong)
    if status == "rejected" and not (reason or "").strip():
        raise InputError(
            "say why the claim is rejected (a duplicate, not a figure, the wrong place...): "
            "the reason is kept with the decision"
        )
    now = _now()
    with store.engine.begin() as conn:
        locks.serialised(conn, locks.REVIEWS, TABLES[CLAIM_TABLES[0]])
        for claim_id in claim_ids:
            table, row = find(conn, claim_id)
            _as_seen(row, claim_id, expect)
            if row["review_status"] == "superseded":
                raise StoreError(f"claim '{claim_id}' was corrected; review its correction")
            conn.execute(
                TABLES[table]
                .update()
                .where(TABLES[table].c.claim_id == claim_id)
                .values(review_status=status, reviewed_by=actor, reviewed_at=now)
            )
            _audit(
                conn,
                actor,
                now,
                table,
                f"review_{status}",
                {
                    "claim_id": claim_id,
                    "before": {"review_status": row["review_status"]},
                    "after": {"review_status": status},
                    "reason": reason,
                },
            )
            resettle(conn, table, [claim_id], actor=actor, now=now)
    return len(claim_ids)


def release(store: Store, claim_ids: list[str], *, actor: str, reason: str | None = None) -> int:
    """Release held tolls, all or none: each counts as it stands (the reviewer has checked
    that it counts something narrower than the earlier toll, or that the earlier one was
    wrong) and is never held again; audited with the hold it lifts."""
    if wrong := control_character(reason, "the reason"):
        raise InputError(wrong)
    now = _now()
    with store.engine.begin() as conn:
        locks.serialised(conn, locks.REVIEWS, TABLES[CLAIM_TABLES[0]])
        for claim_id in claim_ids:
            table, row = find(conn, claim_id)
            if not row.get("held_reason"):
                raise StoreError(
                    f"claim '{claim_id}' is not held"
                    + (f" (released by {row['released_by']})" if row.get("released_by") else "")
                    + "; reload to see it as it is now"
                )
            conn.execute(
                TABLES[table]
                .update()
                .where(TABLES[table].c.claim_id == claim_id)
                .values(held_reason=None, released_by=actor, released_at=now)
            )
            _audit(
                conn,
                actor,
                now,
                table,
                "review_released",
                {
                    "claim_id": claim_id,
                    "before": {"held_reason": row["held_reason"]},
                    "after": {"held_reason": None, "released_by": actor},
                    "reason": reason,
                },
            )
    return len(claim_ids)


def held(store: Store) -> pd.DataFrame:
    """Accepted claims held off the headline, with a ``table`` column, oldest id first
    (found by their hold, not by reading every claim)."""
    frames = []
    with store.engine.connect() as conn:
        for name in CLAIM_TABLES:
            sql = TABLES[name]
            # by the hold alone, and as a range ('> empty' is every reason given, as 'not
            # null' is, but a database reads it from the index of holds): with the status,
            # or with 'is not null', it would read every accepted claim
            rows = conn.execute(
                sa.select(sql.c.claim_id, sql.c.review_status).where(sql.c.held_reason > "")
            )
            ids = [claim_id for claim_id, status in rows if status == "accepted"]
            if ids:
                frames.append(store.read(name, claim_ids=ids).assign(table=name))
    if not frames:
        return pd.DataFrame(columns=["claim_id", "table", "held_reason"])
    return pd.concat(frames, ignore_index=True)


def correct(
    store: Store,
    claim_id: str,
    changes: dict[str, str],
    *,
    actor: str,
    expect: str | None = None,
) -> str:
    """Record a corrected copy of a claim, accepted; the original stays, superseded.

    ``changes`` maps column names to new cell text, checked by the same rules as any import;
    ``expect`` as for :func:`set_status`.
    """
    from indicators.tabular import rows_as_table
    from indicators.validation import validate

    now = _now()
    with store.engine.begin() as conn:
        locks.serialised(conn, locks.REVIEWS, TABLES[CLAIM_TABLES[0]])
        table, row = find(conn, claim_id)
        _as_seen(row, claim_id, expect)
        if row["review_status"] == "superseded":
            raise StoreError(f"claim '{claim_id}' was already corrected")
        known = {c.name for c in columns(table)}
        wrong = sorted(set(changes) - (known - PROVENANCE))
        if wrong:
            raise InputError(f"cannot correct column {', '.join(wrong)} of '{claim_id}'")
        count = (
            conn.scalar(
                sa.select(sa.func.count())
                .select_from(TABLES[table])
                .where(TABLES[table].c.supersedes == claim_id)
            )
            or 0
        )
        new_id = f"{claim_id}-c{count + 1}"
        new_row = {k: v for k, v in row.items() if k in known}
        new_row.update(changes)
        new_row.update(
            claim_id=new_id,
            method="manual",
            review_status="accepted",
            reviewed_by=actor,
            reviewed_at=now.isoformat(timespec="seconds"),
            supersedes=claim_id,
        )
        context = store.context(table)
        report = validate(rows_as_table([new_row], f"correction of {claim_id}"), table, context)
        if not report.ok:
            raise CorrectionRefusedError(report.errors)
        conn.execute(
            TABLES[table]
            .update()
            .where(TABLES[table].c.claim_id == claim_id)
            .values(review_status="superseded", reviewed_by=actor, reviewed_at=now)
        )
        store.write_on(
            conn,
            [TableWrite(table, report.frame, report.warnings)],
            actor=actor,
            action="correct",
            details={"claim_id": new_id, "supersedes": claim_id},
        )
        _audit(
            conn,
            actor,
            now,
            table,
            "review_correct",
            {
                "claim_id": claim_id,
                "corrected_as": new_id,
                "before": {k: _plain(row.get(k)) for k in changes},
                "after": dict(changes),
            },
        )
        resettle(conn, table, [claim_id], actor=actor, now=now)
    return new_id


def _as_seen(row: dict, claim_id: str, expect: str | None) -> None:
    if expect is None or row["review_status"] == expect:
        return
    when = row.get("reviewed_at")
    at = f" at {_plain(when)} UTC" if when else ""
    raise StoreError(
        f"claim '{claim_id}' was {row['review_status']} by {row.get('reviewed_by') or 'someone'}"
        f"{at} while you were looking at it; reload to see it as it is now"
    )


def _audit(
    conn: sa.Connection, actor: str, now: datetime, table: str, action: str, details: dict
) -> None:
    record(conn, at=now, actor=actor, action=action, table=table, row_count=1, details=details)


def _plain(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
