"""The audit log as people read it: newest first, filtered by person, table and day, with
where each write came from (web or command line, the address, the note given)."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from indicators.store import Store

COLUMNS = ["at", "actor", "action", "table_name", "row_count", "via", "address", "note", "details"]


def entries(
    store: Store, actor: str | None = None, table: str | None = None, day: date | None = None
) -> pd.DataFrame:
    """The audit log, newest first, filtered; with where each write came from."""
    log = store.audit()
    if log.empty:
        return pd.DataFrame(columns=COLUMNS)
    if actor:
        log = log[log["actor"] == actor]
    if table:
        log = log[log["table_name"] == table]
    if day is not None:
        log = log[pd.to_datetime(log["at"]).dt.date == day]
    details = log["details"].map(lambda d: d if isinstance(d, dict) else {})
    out = log.assign(
        via=details.map(lambda d: d.get("via")),
        address=details.map(lambda d: d.get("address")),
        note=details.map(lambda d: d.get("note")),
        details=details.map(
            lambda d: json.dumps(
                {k: v for k, v in d.items() if k not in ("via", "address", "note")},
                ensure_ascii=False,
                default=str,
            )
        ),
    )
    return out.sort_values("audit_id", ascending=False)[COLUMNS].reset_index(drop=True)


def choices(store: Store) -> tuple[list[str], list[str]]:
    """The people and the tables the log names, for the filters."""
    log = store.audit()
    if log.empty:
        return [], []
    return sorted(log["actor"].dropna().unique()), sorted(log["table_name"].dropna().unique())
