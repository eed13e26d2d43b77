"""A file's claims against what the store holds (issue 17): importing a newer export of the
same dataset, or the project's own export corrected in a spreadsheet, is an update.

A claim whose id the store does not hold is new. One it holds with the same values in every
column the file gives is unchanged and left alone. One it holds with other values was
changed by its publisher (or by whoever edited the export): the file's values are written
over it (:mod:`indicators.store.updates`), before and after in the audit log. The columns a
store keeps for itself (review, stories, holds, corrections) are never taken from a file:
review happens on the Review page, and an import cannot set it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from indicators.store import Store, TableWrite
from indicators.store.store import WriteResult
from indicators.store.updates import update_claims

REVIEW_COLUMNS = ("review_status", "reviewed_by", "reviewed_at")
KEPT_BY_STORE = frozenset(
    {"claim_id", *REVIEW_COLUMNS, "released_by", "released_at", "held_reason", "repeats",
     "supersedes"}
)  # fmt: skip
"""Columns a file never sets on a stored claim: its identity, its review, the story it
repeats and the hold on it (settled by the store), the claim a correction replaced."""
IDS_AT_ONCE = 5_000
"""Claim ids asked for in one query (SQLite allows some 32,000 parameters)."""


@dataclass
class Compared:
    """A file's validated claims sorted against the store."""

    new: pd.DataFrame
    changed: pd.DataFrame
    differences: dict[str, dict[str, tuple[object, object]]] = field(default_factory=dict)
    """claim id -> column -> (stored value, the file's value)."""
    unchanged: int = 0
    review_differs: int = 0
    """Rows whose review columns say something else than the store (compared, not applied)."""

    def counts(self) -> str:
        return f"{len(self.new):,} new, {len(self.changed):,} changed, {self.unchanged:,} unchanged"

    def review_note(self) -> str | None:
        if not self.review_differs:
            return None
        return (
            f"{self.review_differs:,} rows give another review status than the store's; an "
            "import never sets review (review on the Review page), so the store's stands"
        )


def compare(store: Store, table: str, frame: pd.DataFrame, given: Sequence[str]) -> Compared:
    """``frame`` (validated claims of ``table``) sorted into new, changed and unchanged,
    comparing the columns the file ``given`` (those the store keeps for itself aside)."""
    ids = frame["claim_id"].astype(str)
    stored = _stored(store, table, list(ids))
    if stored.empty:
        return Compared(frame, frame.iloc[0:0])
    compared = [c for c in given if c in frame.columns and c not in KEPT_BY_STORE]
    known = ids.isin(stored.index).to_numpy()
    mine = frame[known].set_index(ids[known])
    theirs = stored.reindex(mine.index)
    differ = {c: _differ(mine[c], theirs[c]) for c in compared if c in theirs.columns}
    changed = np.zeros(len(mine), dtype=bool)
    for flags in differ.values():
        changed |= flags
    differences: dict[str, dict[str, tuple[object, object]]] = {}
    for position in changed.nonzero()[0]:
        claim_id = mine.index[position]
        differences[claim_id] = {
            c: (theirs[c].iloc[position], mine[c].iloc[position])
            for c, flags in differ.items()
            if flags[position]
        }
    review_differs = 0
    if "review_status" in given:
        review_differs = int(_differ(mine["review_status"], theirs["review_status"]).sum())
    is_changed = ids.isin(list(differences)).to_numpy()
    return Compared(
        new=frame[~known],
        changed=frame[is_changed],
        differences=differences,
        unchanged=int(known.sum() - is_changed.sum()),
        review_differs=review_differs,
    )


def _differ(mine: pd.Series, stored: pd.Series) -> np.ndarray:
    """Which cells of a file's column say something else than the stored ones (missing
    equals missing; a day equals its date-time; 3 equals 3.0), column at a time."""
    mine_na, stored_na = mine.isna().to_numpy(bool), stored.isna().to_numpy(bool)
    kinds = (mine.dtype, stored.dtype)
    if any(pd.api.types.is_datetime64_any_dtype(k) for k in kinds):
        left = pd.to_datetime(mine, errors="coerce").dt.normalize()
        right = pd.to_datetime(stored, errors="coerce").dt.normalize()
        equal = left == right
    elif all(pd.api.types.is_numeric_dtype(k) and not pd.api.types.is_bool_dtype(k) for k in kinds):
        equal = mine.astype("Float64") == stored.astype("Float64")
    else:
        equal = mine.astype(object).astype(str) == stored.astype(object).astype(str)
    equal = pd.Series(equal).fillna(False).to_numpy(bool)
    both_missing = mine_na & stored_na
    return ~(both_missing | (~mine_na & ~stored_na & equal))


def _stored(store: Store, table: str, ids: list[str]) -> pd.DataFrame:
    parts = [
        store.read(table, claim_ids=ids[i : i + IDS_AT_ONCE], statuses=None)
        for i in range(0, len(ids), IDS_AT_ONCE)
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame()
    return pd.concat(parts).set_index("claim_id")


def write(
    store: Store,
    writes: list[TableWrite],
    compared: dict[str, Compared],
    *,
    actor: str,
    reviewer: str | None,
    details: dict,
) -> WriteResult:
    """The new rows (``writes``) and the changed claims of each table (``compared``)
    written in one transaction."""
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    with store.engine.begin() as conn:
        result = store.write_on(conn, writes, actor=actor, action="import", details=details)
        for table, one in compared.items():
            if len(one.changed):
                update_claims(
                    conn,
                    table,
                    one.changed.to_dict("records"),
                    one.differences,
                    actor=actor,
                    now=now,
                    reviewer=reviewer,
                    details={"file": details.get("file")},
                )
    return result
