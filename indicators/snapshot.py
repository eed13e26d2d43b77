"""A snapshot of the accepted claims, read once per change of the store.

Readers (the dashboard's workers) keep one snapshot and reload it only when the store's
version (its newest audit-log entry) has moved: a claim accepted or a rule saved through one
worker is seen by every other on its next request.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field

import pandas as pd

from indicators.alerts.evaluate import Evaluator
from indicators.series import READ_COLUMNS
from indicators.vocab import CLAIM_TABLE_NAMES

SNAPSHOT_COLUMNS = (
    *READ_COLUMNS,
    "place_precision",
    "date_start",
    "functionality",
    "damage",
    "facility_status",
)
"""What charts and alerts read; a claim's quote and the rest are fetched when shown."""


@dataclass
class Snapshot:
    """Accepted claims and all sources at one version of the store."""

    version: int
    tables: dict[str, pd.DataFrame]
    sources: pd.DataFrame
    store: object = None
    evaluator: Evaluator = field(init=False)

    def __post_init__(self) -> None:
        self.evaluator = Evaluator(self.tables, self.sources)

    @classmethod
    def read(cls, store) -> Snapshot:
        version = store.version()
        tables = {t: store.read(t, only=SNAPSHOT_COLUMNS) for t in CLAIM_TABLE_NAMES}
        return cls(version, tables, store.read("sources"), store)

    def claims(self, claim_ids: list[str]) -> pd.DataFrame:
        """The accepted claims with these ids, every column, from any table, with their
        source's publisher, title and address; in the order given."""
        frames = []
        for table, frame in self.tables.items():
            hit = frame[frame["claim_id"].isin(claim_ids)]
            if len(hit):
                full = (
                    self.store.read(table, claim_ids=list(hit["claim_id"]), statuses=None)
                    if self.store
                    else hit
                )
                frames.append(full.assign(table=table))
        if not frames:
            return pd.DataFrame(columns=["claim_id", "table", "publisher", "url", "title"])
        rows = pd.concat(frames, ignore_index=True)
        meta = self.sources.set_index("source_id")[["publisher", "url", "title", "published"]]
        rows = rows.join(meta, on="source_id")
        order = {c: i for i, c in enumerate(claim_ids)}
        return rows.sort_values("claim_id", key=lambda s: s.map(order)).reset_index(drop=True)


class SnapshotCache:
    """One snapshot per process, re-read when the store's version moves."""

    def __init__(self, store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def get(self) -> Snapshot:
        version = self.store.version()
        current = self._snapshot
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = None
                gc.unfreeze()
                fresh = Snapshot.read(self.store)
                # A million claims are read once and kept: move them out of the garbage
                # collector's sight so its passes do not stall requests.
                gc.collect()
                gc.freeze()
                self._snapshot = fresh
            return self._snapshot
