"""The store this process serves, and what it has read from it.

Every worker holds its own snapshot and re-reads it when the store's version moves, so a
change saved through one worker is seen by all of them on their next request.
"""

from __future__ import annotations

import threading
from datetime import date

from indicators.alerts.evaluate import AlertState
from indicators.alerts.lifecycle import rules, sync
from indicators.snapshot import Snapshot, SnapshotCache
from indicators.store import Store

_store: Store | None = None
_cache: SnapshotCache | None = None
_synced: dict[tuple[int, date], list[AlertState]] = {}
_lock = threading.Lock()


def use(store: Store) -> None:
    """Serve ``store`` from now on (called once by ``create_app``)."""
    global _store, _cache
    _store, _cache = store, SnapshotCache(store)
    _synced.clear()


def store() -> Store:
    if _store is None:
        raise RuntimeError("no store: create the app with dashboard.app.create_app(store)")
    return _store


def snapshot() -> Snapshot:
    store()
    return _cache.get()


def default_as_of(snap: Snapshot | None = None) -> date:
    """Today, or the newest claim's day when the store holds only older figures (an
    archive): the page says which, so nobody takes an archive for today."""
    newest = (snap or snapshot()).evaluator.newest_day()
    today = date.today()
    if newest is None or newest >= today:
        return today
    return newest if (today - newest).days > 7 else today


def is_live(as_of: date) -> bool:
    """True when a page is seen from the current day (today, or an archive's newest day):
    only then are stored alerts raised, updated or recovered. A look at an earlier day
    evaluates the rules without changing any stored alert."""
    return as_of == default_as_of()


def alert_states(as_of: date) -> list[AlertState]:
    """Every enabled rule evaluated as of a day (once per version of the store and day, per
    process); on the current day the stored alerts are brought up to date as well."""
    snap = snapshot()
    key = (snap.version, as_of)
    if key not in _synced:
        with _lock:
            if key not in _synced:
                active = rules(store(), include_disabled=False)
                states = snap.evaluator.evaluate_all(active, as_of)
                if is_live(as_of):
                    sync(store(), states, active, as_of=as_of, actor="impact-monitor")
                if len(_synced) > 32:
                    _synced.clear()
                # sync writes no audit entry, so the snapshot's version still holds
                _synced[key] = states
    return _synced[key]
