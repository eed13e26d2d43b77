"""The read model: what pages, callbacks and the API read, as of one version of the store.

It holds the accepted claims (the columns charts and alerts read), every source and the
alert rules, with an evaluator over them. Nothing that reads it writes to the store.

A reader keeps one model and, when the store's version (its newest audit-log entry) moves,
brings it up to date by applying what changed: the rows a write added (by its batch), the
claims a review accepted, rejected or superseded, the rules saved. Only a change it cannot
apply (an entry it does not know, a migration, a restore) makes it read everything again,
and that is logged.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from indicators import columnar
from indicators.alerts.evaluate import Evaluator
from indicators.alerts.lifecycle import rules as stored_rules
from indicators.alerts.rules import AlertRule
from indicators.reader_tables import said_by
from indicators.series import READ_COLUMNS
from indicators.series_patch import Delta
from indicators.store import Change, Store
from indicators.store.updates import IMPORT_UPDATE
from indicators.vocab import CLAIM_TABLE_NAMES

log = logging.getLogger(__name__)

MODEL_COLUMNS = (
    *READ_COLUMNS,
    "functionality",
    "damage",
    "facility_status",
)
"""What charts and alerts read; a claim's quote and the rest are fetched when shown."""

WRITES = ("load_defaults", "import", "ingest", "correct")
"""Audit actions that add rows, named by their batch."""
REVIEWS = (
    "review_accepted", "review_rejected", "review_correct", "review_released", "settled",
    IMPORT_UPDATE,
)  # fmt: skip
"""Audit actions that change one claim: its review status, its hold or what it repeats, or
its values (a newer file of its dataset)."""
COME_BACK = ("review_accepted", "review_released", "settled", IMPORT_UPDATE)
"""Of those, the ones after which the claim is read again (it may count now)."""
RULES = ("rule_saved",)
SAVE_AFTER_SECONDS = 2.0
"""How long after a change a worker waits before writing and mapping the columnar copy."""


@dataclass
class ReadModel:
    """Accepted claims, all sources and the alert rules at one version of the store."""

    version: int
    tables: dict[str, pd.DataFrame]
    sources: pd.DataFrame
    rules: list[AlertRule]
    store: Store | None = None
    made_by: str = "read"
    """How this model came to be: "read" (everything read from the store) or "changes"
    (an earlier model with what changed applied)."""
    evaluator: Evaluator = field(init=False)

    def __post_init__(self) -> None:
        self.evaluator = Evaluator(self.tables, self.sources)

    @classmethod
    def read(cls, store: Store) -> ReadModel:
        """Everything, read from the store."""
        version = store.version()
        tables = {t: store.read(t, only=MODEL_COLUMNS) for t in CLAIM_TABLE_NAMES}
        return cls(version, tables, store.read("sources"), stored_rules(store), store)

    @property
    def enabled_rules(self) -> list[AlertRule]:
        return [r for r in self.rules if r.enabled]

    @cached_property
    def source_names(self) -> pd.Series:
        """Each source as a reader names it ('AFP (30 Nov 2024)'), by source id: made once
        per model, not on every chart."""
        ids = pd.Index(self.sources["source_id"]).drop_duplicates()
        return pd.Series(said_by(self.sources, ids), index=ids, dtype=object)

    @cached_property
    def admin1_first_reported(self) -> dict[str, pd.Timestamp | None]:
        """Each governorate with an accepted figure, and the earliest day a figure about it
        ends (None: one of its figures has no day, so it counts as reported on any day)."""
        first: dict[str, pd.Timestamp | None] = {}
        for frame in self.tables.values():
            rows = frame[["admin1_pcode", "date_end"]].dropna(subset=["admin1_pcode"])
            undated = set(rows.loc[rows["date_end"].isna(), "admin1_pcode"])
            earliest = rows.groupby("admin1_pcode")["date_end"].min()
            for code, day in earliest.items():
                day = None if code in undated or pd.isna(day) else day
                if code not in first:
                    first[code] = day
                elif first[code] is not None:
                    first[code] = None if day is None else min(first[code], day)
        return first

    @cached_property
    def countries_reported(self) -> frozenset[str]:
        """The countries some accepted claim is about (the filters' choices)."""
        return frozenset(
            c for frame in self.tables.values() for c in frame["country"].dropna().unique()
        )

    @cached_property
    def broken_down(self) -> dict[str, pd.DataFrame]:
        """Per claim table, only the claims a breakdown is made of: the parts of a figure
        (``subset_of`` set) and the figures they are parts of. A breakdown is drawn from
        these few rows, not filtered out of every claim on every chart."""
        out = {}
        for name, frame in self.tables.items():
            part = frame["subset_of"].notna().to_numpy()
            whole = frame["claim_id"].isin(frame.loc[part, "subset_of"]).to_numpy()
            out[name] = frame[part | whole]
        return out

    def claims_per_source(self, country: str | None = None) -> pd.Series:
        """How many accepted claims each source gave (about ``country`` when given),
        counted once per country and model."""
        counted = self.__dict__.setdefault("_claims_per_source", {})
        if country not in counted:
            counted[country] = pd.concat(
                [
                    t["source_id"]
                    if country is None
                    else t.loc[t["country"] == country, "source_id"]
                    for t in self.tables.values()
                ]
            ).value_counts()
        return counted[country]

    @cached_property
    def rules_by_id(self) -> dict[str, AlertRule]:
        return {r.rule_id: r for r in self.rules}

    def rule(self, rule_id: str) -> AlertRule | None:
        return self.rules_by_id.get(rule_id)

    def rule_names(self) -> dict[str, str]:
        return {r.rule_id: r.name for r in self.rules}

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
        carriers = self.carriers(claim_ids)
        rows["carriers"] = pd.Series(
            [carriers.get(c, []) for c in rows["claim_id"]], index=rows.index, dtype=object
        )
        order = {c: i for i, c in enumerate(claim_ids)}
        return rows.sort_values("claim_id", key=lambda s: s.map(order)).reset_index(drop=True)

    def carriers(self, claim_ids: list[str]) -> dict[str, list[dict]]:
        """The accepted repeats of each of these claims (the same story carried by other
        outlets), each as its claim id, publisher and address."""
        meta = self.sources.set_index("source_id")[["publisher", "url"]]
        found: dict[str, list[dict]] = {}
        for frame in self.tables.values():
            if "repeats" not in frame:
                continue
            hit = frame.loc[frame["repeats"].isin(claim_ids), ["claim_id", "repeats", "source_id"]]
            for row in hit.join(meta, on="source_id").itertuples(index=False):
                found.setdefault(row.repeats, []).append(
                    {"claim_id": row.claim_id, "publisher": row.publisher, "url": row.url}
                )
        return found


class CannotApplyError(Exception):
    """A change the model cannot apply: read everything again."""


def advance(model: ReadModel, store: Store) -> ReadModel:
    """The model brought up to the store's current version by applying what changed since
    ``model.version``; a full read when a change cannot be applied (logged)."""
    changes = store.changes(model.version)
    if not changes:
        return model
    try:
        return _apply(model, store, changes)
    except CannotApplyError as why:
        log.warning("read model: full re-read at version %s (%s)", changes[-1].version, why)
        return ReadModel.read(store)


def _apply(model: ReadModel, store: Store, changes: list[Change]) -> ReadModel:
    tables = dict(model.tables)
    added: dict[str, list[str]] = {}  # table -> batches whose accepted rows to add
    dropped: dict[str, set[str]] = {}  # table -> claims to take out
    reread: dict[str, set[str]] = {}  # table -> claims to read again (accepted ones come back)
    source_batches: list[str] = []
    rules_changed = False
    for change in changes:
        if change.action in WRITES and change.batch_id:
            if change.table == "sources":
                source_batches.append(change.batch_id)
            elif change.table in tables:
                added.setdefault(change.table, []).append(change.batch_id)
            else:
                raise CannotApplyError(f"a write to unknown table '{change.table}'")
        elif change.action in REVIEWS and change.table in tables:
            claim_id = (change.details or {}).get("claim_id")
            if not claim_id:
                raise CannotApplyError(f"a review without its claim (entry {change.version})")
            dropped.setdefault(change.table, set()).add(claim_id)
            if change.action in COME_BACK:
                reread.setdefault(change.table, set()).add(claim_id)
        elif change.action in RULES:
            rules_changed = True
        else:
            raise CannotApplyError(f"entry {change.version}: '{change.action}' on '{change.table}'")
    deltas: dict[str, Delta] = {}
    for table in set(added) | set(dropped) | set(reread):
        frame = tables[table]
        new = []
        if added.get(table):
            new.append(store.read(table, only=MODEL_COLUMNS, batch_ids=added[table]))
        if reread.get(table):
            new.append(store.read(table, only=MODEL_COLUMNS, claim_ids=sorted(reread[table])))
        new = [f for f in new if len(f)]
        arrived = (
            pd.concat(new, ignore_index=True).drop_duplicates("claim_id", keep="last")
            if new
            else frame.iloc[0:0]
        )
        # a row read again (applied twice, or written since) replaces the one held
        wanted = dropped.get(table, set()) | set(arrived["claim_id"])
        gone = frame.iloc[0:0]
        if wanted:
            held = _holds(frame["claim_id"], wanted)
            if held.any():
                gone = frame.loc[held, ["claim_id", "date_end"]]
                frame = frame[~held]
        if len(arrived):
            frame = pd.concat([frame, arrived], ignore_index=True)
        tables[table] = frame.reset_index(drop=True)
        deltas[table] = Delta(
            arrived.reset_index(drop=True),
            frozenset(gone["claim_id"]),
            frozenset(gone["date_end"].dropna()),
        )
    sources = model.sources
    if source_batches:
        fresh = store.read("sources", batch_ids=source_batches)
        sources = pd.concat([sources, fresh], ignore_index=True)
        sources = sources.drop_duplicates("source_id", keep="last", ignore_index=True)
    rules = stored_rules(store) if rules_changed else model.rules
    changed = ReadModel(changes[-1].version, tables, sources, rules, store, made_by="changes")
    changed.evaluator.carry_over(model.evaluator, deltas)
    return changed


def _holds(ids: pd.Series, wanted: set[str]) -> np.ndarray:
    """Which of a million ids are among ``wanted``, in Arrow (no text copied to Python)."""
    found = pc.is_in(pa.array(ids.array), value_set=pa.array(sorted(wanted), pa.large_string()))
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


class ReadModelCache:
    """One read model per process, brought up to date when the store's version moves.

    The first model comes from the columnar copy of the store's current version when there
    is one (mapped, shared with the other workers), else from the store, and is then
    written as that copy. A model brought up to date by applying changes is written as the
    next copy in the background, and every worker swaps to the mapped copy once it is there.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.root: Path | None = None
        self._lock = threading.Lock()
        self._model: ReadModel | None = None
        self.full_reads = 0
        """How many times this process read the whole store (at most once at start; a
        change it cannot apply makes another, and is logged)."""

    def get(self) -> ReadModel:
        version = self.store.version()
        current = self._model
        if current is not None and current.version == version:
            return current
        with self._lock:
            if self._model is None or self._model.version != version:
                started = time.perf_counter()
                previous, self._model = self._model, None
                if previous is None:
                    fresh = self._first()
                else:
                    fresh = advance(previous, self.store)
                    if fresh.made_by == "changes":
                        self._save_later(fresh)
                if fresh.made_by == "read":  # a full read leaves much to collect, once
                    gc.unfreeze()
                    gc.collect()
                # What is kept is moved out of the garbage collector's sight, so its passes
                # do not walk a million claims while requests wait.
                gc.freeze()
                self.full_reads += fresh.made_by == "read"
                self._model = fresh
                took = time.perf_counter() - started
                log.info(
                    "read model at version %s (%s) in %.2f s", fresh.version, fresh.made_by, took
                )
            return self._model

    def _first(self) -> ReadModel:
        """The model at start: the mapped copy, else a full read that then becomes it."""
        self.root = columnar.cache_root(self.store.url, self.store.birth())
        if self.root is None:
            return ReadModel.read(self.store)
        with columnar.building(self.root):  # the first worker reads; the others wait, then map
            version = self.store.version()
            shared = self._mapped(version, stored_rules(self.store))
            if shared is not None:
                return shared
            model = ReadModel.read(self.store)
            columnar.save(self.root, model.version, _frames(model))
            # the copy, mapped: the rows read out of SQL are let go
            return self._mapped(model.version, model.rules, made_by="read") or model

    def _mapped(
        self, version: int, rules: list[AlertRule], made_by: str = "shared"
    ) -> ReadModel | None:
        names = [*CLAIM_TABLE_NAMES, "sources"]
        frames = columnar.load(self.root, version, names) if self.root else None
        if frames is None:
            return None
        sources = frames.pop("sources")
        return ReadModel(version, frames, sources, rules, self.store, made_by=made_by)

    def _share(self, current: ReadModel) -> None:
        """Swap a model made by applying changes for the mapped copy of the same version,
        made ready outside the lock, so no request waits for it."""
        shared = self._mapped(current.version, current.rules)
        if shared is None:
            return
        shared.evaluator.carry_over(current.evaluator, {})  # the same rows, mapped
        with self._lock:
            if self._model is current:
                self._model = shared

    def _save_later(self, model: ReadModel) -> None:
        """A moment after a change (so the requests that follow it come first): write the
        copy of this version unless another worker did, then map it."""
        if self.root is None:
            return

        def write_and_map() -> None:
            try:
                time.sleep(SAVE_AFTER_SECONDS)
                if not columnar.has(self.root, model.version):
                    with columnar.building(self.root):
                        columnar.save(self.root, model.version, _frames(model))
                self._share(model)
            except OSError:
                log.exception("read model: the columnar copy of version %s", model.version)
            except SystemExit:  # the process (or a test harness) stops its threads: the
                return  # copy is a cache, written again by whoever needs it

        threading.Thread(target=write_and_map, name="read-model-copy", daemon=True).start()


def _frames(model: ReadModel) -> dict[str, pd.DataFrame]:
    return {**model.tables, "sources": model.sources}
