"""Stories settled as claims are written or reviewed (see :mod:`indicators.stories`).

Inside the writer's transaction, holding the reviews' lock (so two writers never each miss
the other's claims): a claim table's new rows learn which story they repeat and whether a
toll among them falls, against everything the store holds. A stored claim that the write
changes (a toll an earlier toll now holds; the repeats of a claim that no longer stands) is
updated and audited as ``settled``, with before and after, so every reader applies it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pandas as pd
import sqlalchemy as sa

from indicators import stories
from indicators.catalogue import IDENTITY_COLUMNS, INDICATORS
from indicators.store import locks
from indicators.store.audit import record
from indicators.store.reading import to_schema_types
from indicators.store.tables import TABLES

SETTLED = "settled"
"""The audit action of a stored claim a write or review changed (its repeat or its hold)."""
LABELS = {i.value: i.label for i in INDICATORS.values()}


def settle(
    conn: sa.Connection, table: str, frame: pd.DataFrame, *, actor: str, now: datetime
) -> pd.DataFrame:
    """``frame`` (validated rows about to be written to ``table``) with ``repeats`` and
    ``held_reason`` set; stored claims the rows change are updated and audited."""
    if frame.empty:
        return frame
    locks.serialised(conn, locks.REVIEWS, TABLES[table])
    frame = frame.copy()
    sources = _sources(conn)
    earlier = _earlier(conn, table, frame)
    frame["repeats"] = stories.repeats(frame, earlier, sources, table)
    _hold(conn, table, frame, sources, actor=actor, now=now)
    return frame


def resettle(
    conn: sa.Connection, table: str, claim_ids: Iterable[str], *, actor: str, now: datetime
) -> None:
    """Stored claims settled again after their review changed: an accepted claim repeats only
    an accepted one, and a toll accepted now is weighed like a new one; the repeats of a
    claim rejected or superseded stand on their own again (the first leads the rest)."""
    ids = sorted(set(claim_ids))
    if not ids:
        return
    sql = TABLES[table]
    rows = _typed(conn, sa.select(sql).where(sql.c.claim_id.in_(ids)), table)
    gone = rows.loc[rows["review_status"].isin(["rejected", "superseded"]), "claim_id"]
    followers = (
        _typed(conn, sa.select(sql).where(sql.c.repeats.in_(list(gone))), table)
        if len(gone)
        else rows.iloc[0:0]
    )
    standing = rows[rows["review_status"].isin(["accepted", "pending"])]
    again = pd.concat([standing, followers], ignore_index=True).sort_values("claim_id")
    if again.empty:
        return
    before = again.set_index("claim_id")[["repeats", "held_reason"]].copy()
    cleared = again.assign(repeats=pd.NA)
    if "held_reason" in cleared:  # a hold stays until released; a new one may come
        cleared = cleared.assign(held_reason=before["held_reason"].to_numpy())
    sources = _sources(conn)
    others = _earlier(conn, table, cleared)
    cleared["repeats"] = stories.repeats(cleared, others, sources, table)
    _hold(conn, table, cleared, sources, actor=actor, now=now)
    for row in cleared.itertuples(index=False):
        after = {"repeats": _plain(row.repeats), "held_reason": _plain(row.held_reason)}
        was = {k: _plain(before.at[row.claim_id, k]) for k in after}
        if after != was:
            _update(conn, table, row.claim_id, was, after, actor=actor, now=now)


def _hold(
    conn: sa.Connection,
    table: str,
    frame: pd.DataFrame,
    sources: pd.DataFrame,
    *,
    actor: str,
    now: datetime,
) -> None:
    """Set ``held_reason`` of the tolls in ``frame`` that fall; hold stored tolls that fall
    below a toll of ``frame``."""
    mine = stories.tolls(frame)
    if mine.empty:
        return
    stored = stories.tolls(_stored_tolls(conn, table, mine, set(frame["claim_id"])))
    free = mine["held_reason"].isna() & mine["released_by"].isna()
    later = (
        stored["held_reason"].isna()
        & stored["released_by"].isna()
        & (stored["date_end"] > mine["date_end"].min())
    )
    every = pd.concat([stored, mine], ignore_index=True)
    asking = pd.Series([*later.to_numpy(), *free.to_numpy()], index=every.index)
    found = {f.claim_id: f.reason for f in stories.falls(every, asking, sources, LABELS)}
    if not found:
        return
    in_frame = frame["claim_id"].isin(list(found))
    frame.loc[in_frame, "held_reason"] = frame.loc[in_frame, "claim_id"].map(found)
    for claim_id in sorted(set(found) - set(frame["claim_id"])):
        _update(
            conn,
            table,
            claim_id,
            {"held_reason": None},
            {"held_reason": found[claim_id]},
            actor=actor,
            now=now,
        )


def _update(
    conn: sa.Connection,
    table: str,
    claim_id: str,
    before: dict,
    after: dict,
    *,
    actor: str,
    now: datetime,
) -> None:
    sql = TABLES[table]
    conn.execute(sql.update().where(sql.c.claim_id == claim_id).values(**after))
    record(
        conn,
        at=now,
        actor=actor,
        action=SETTLED,
        table=table,
        row_count=1,
        details={"claim_id": claim_id, "before": before, "after": after},
    )


def _sources(conn: sa.Connection) -> pd.DataFrame:
    sql = TABLES["sources"]
    rows = conn.execute(sa.select(sql.c.source_id, sql.c.publisher, sql.c.original_publisher))
    return pd.DataFrame(rows.all(), columns=["source_id", "publisher", "original_publisher"])


def _earlier(conn: sa.Connection, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Stored claims the rows may repeat: standing, not repeats themselves, of the rows'
    indicators, on the rows' days."""
    sql = TABLES[table]
    identity = IDENTITY_COLUMNS[table]
    days = frame["date_end"].dropna()
    on_days = []
    if len(days):
        on_days.append(sql.c.date_end.between(days.min().date(), days.max().date()))
    if frame["date_end"].isna().any():
        on_days.append(sql.c.date_end.is_(None))
    if not on_days:
        return _typed(conn, sa.select(sql).where(sa.false()), table)
    query = sa.select(sql).where(
        sql.c.review_status.in_([*stories.STANDS, *stories.WAITS]),
        sql.c.repeats.is_(None),
        sql.c[identity].in_(sorted(frame[identity].dropna().astype(str).unique())),
        sa.or_(*on_days),
    )
    found = _typed(conn, query.order_by(sql.c.claim_id), table)
    # the rows themselves left out here, not in SQL: a write of a million rows would pass
    # a million parameters (SQLite takes 250,000 at most)
    return found[~found["claim_id"].isin(set(frame["claim_id"]))].reset_index(drop=True)


def _stored_tolls(
    conn: sa.Connection, table: str, mine: pd.DataFrame, exclude: set[str]
) -> pd.DataFrame:
    sql = TABLES[table]
    identity = IDENTITY_COLUMNS[table]
    query = sa.select(sql).where(
        sql.c.review_status == "accepted",
        sql.c.count_kind == "cumulative",
        sql.c.subset_of.is_(None),
        sql.c.repeats.is_(None),
        sql.c.date_end.is_not(None),
        sql.c[identity].in_(sorted(mine[identity].dropna().astype(str).unique())),
    )
    countries = mine["country"].dropna().astype(str).unique()
    if len(countries) and not mine["country"].isna().any():
        query = query.where(sql.c.country.in_(sorted(countries)))
    found = _typed(conn, query, table)
    return found[~found["claim_id"].isin(list(exclude))]


def _typed(conn: sa.Connection, query: sa.Select, table: str) -> pd.DataFrame:
    result = conn.execute(query)
    names = list(result.keys())
    frame = pd.DataFrame(result.all(), columns=names)
    if frame.empty:
        frame = pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
    return to_schema_types(frame, table, names)


def _plain(value: object) -> object:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def everything(conn: sa.Connection, *, actor: str, now: datetime) -> dict[str, int]:
    """Every stored claim settled as if written one by one in claim id order (a store made
    before stories were settled); the number of claims changed, by table."""
    from indicators.schemas import CLAIM_TABLES

    changed: dict[str, int] = {}
    sources = _sources(conn)
    for table in CLAIM_TABLES:
        sql = TABLES[table]
        present = {c["name"] for c in sa.inspect(conn).get_columns(table)}  # as migrated so far
        query = sa.select(*[c for c in sql.c if c.name in present]).order_by(sql.c.claim_id)
        rows = _typed(conn, query, table)
        if rows.empty:
            continue
        rows["repeats"] = stories.repeats(rows, rows.iloc[0:0], sources, table)
        every = stories.tolls(rows)
        free = every["held_reason"].isna() & every["released_by"].isna()
        found = {f.claim_id: f.reason for f in stories.falls(every, free, sources, LABELS)}
        held = rows["claim_id"].map(found)
        rows["held_reason"] = rows["held_reason"].astype(object).where(held.isna(), held)
        touched = rows[rows["repeats"].notna() | held.notna()]
        if len(touched):
            conn.execute(
                sql.update()
                .where(sql.c.claim_id == sa.bindparam("id"))
                .values(repeats=sa.bindparam("r"), held_reason=sa.bindparam("h")),
                [
                    {"id": c, "r": _plain(r), "h": _plain(h)}
                    for c, r, h in zip(
                        touched["claim_id"], touched["repeats"], touched["held_reason"], strict=True
                    )
                ],
            )
        changed[table] = len(touched)
    record(
        conn,
        at=now,
        actor=actor,
        action="settle_all",
        table="claims",
        row_count=sum(changed.values()),
        details={"changed": changed},
    )
    return changed
