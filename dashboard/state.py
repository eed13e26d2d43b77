"""The store this process serves, and the read model it keeps of it.

Every worker holds one read model and brings it up to date when the store's version moves,
by applying what changed, so a change saved through one worker is seen by all of them on
their next request. Nothing a page, a chart or the API does writes to the store: stored
alerts are brought up to date by the writes that change the data (a review, an upload, a
saved rule: :func:`after_write`) and by an upkeep thread that follows writes made
elsewhere (the command line, another worker).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import sqlalchemy as sa
from flask import g, has_request_context

from indicators.alerts.evaluate import AlertState
from indicators.alerts.upkeep import alerts_as_of, bring_up_to_date, live_day
from indicators.read_model import ReadModel, ReadModelCache
from indicators.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")

_store: Store | None = None
_cache: ReadModelCache | None = None
_evaluated: dict[tuple[int, date, str | None], list[AlertState]] = {}
_summaries: dict[int, pd.DataFrame] = {}
_made: dict[tuple, object] = {}
MADE_KEPT = 32
_lock = threading.Lock()
_upkept_at = -1
"""The newest store version whose alerts this process brought up to date."""
_upkeep_lock = threading.Lock()


_commits = 0
"""Writes this process committed to the store: a request's read model stays its own until
the request writes."""


def use(store: Store) -> None:
    """Serve ``store`` from now on (called once by ``create_app``)."""
    global _store, _cache, _upkept_at
    _store, _cache, _upkept_at = store, ReadModelCache(store), -1
    _evaluated.clear()
    _made.clear()
    if not sa.event.contains(store.engine, "commit", _committed):
        sa.event.listen(store.engine, "commit", _committed)


def _committed(_connection) -> None:
    global _commits
    _commits += 1


def store() -> Store:
    if _store is None:
        raise RuntimeError("no store: create the app with dashboard.app.create_app(store)")
    return _store


def model() -> ReadModel:
    """The read model at the store's current version. Within a request, the store is asked
    for its version once (a callback reads one consistent model, and a chart costs no
    query), and again after the request writes."""
    store()
    if not has_request_context():
        return _cache.get()
    kept = g.get("read_model")
    if kept is None or kept[0] != _commits:
        kept = (_commits, _cache.get())
        g.read_model = kept
    return kept[1]


def full_reads() -> int:
    """How many times this process read the whole store (once at start)."""
    return _cache.full_reads if _cache else 0


def default_as_of(current: ReadModel | None = None) -> date:
    """Today, or the newest claim's day when the store holds only older figures (an
    archive): the page says which, so nobody takes an archive for today."""
    return live_day(current or model())


def is_live(as_of: date) -> bool:
    """True when a page is seen from the current day (today, or an archive's newest day):
    only there do the stored alerts, which people act on, apply. A look at an earlier day
    shows the rules' verdicts then."""
    return as_of == default_as_of()


def alert_states(as_of: date, indicator: str | None = None) -> list[AlertState]:
    """Every enabled rule (or those on one indicator, for a chart's markers) evaluated as of
    a day, once per version of the store and day per process. Evaluating writes nothing."""
    current = model()
    key = (current.version, as_of, indicator)
    if key not in _evaluated:
        with _lock:
            if key not in _evaluated:
                chosen = [r for r in current.enabled_rules if indicator in (None, r.indicator)]
                states = current.evaluator.evaluate_all(chosen, as_of)
                if len(_evaluated) > 32:
                    _evaluated.clear()
                _evaluated[key] = states
    return _evaluated[key]


def once_per_version(key: tuple, make: Callable[[], T]) -> T:
    """``make()``, made once per version of the store and ``key`` in this process (the
    last ``MADE_KEPT`` kept): for what is a function of the read model and ``key`` alone,
    such as what a page opens with."""
    full = (model().version, *key)
    kept = _made.get(full, _made)
    if kept is _made:
        kept = make()
        if len(_made) >= MADE_KEPT:
            _made.clear()
        _made[full] = kept
    return kept


def summary() -> pd.DataFrame:
    """The store's tables with their rows by review status (``Store.summary``), counted
    once per version of the store: at a million claims a count takes a tenth of a second."""
    version = model().version
    kept = _summaries.get(version)
    if kept is None:
        kept = store().summary()
        _summaries.clear()
        _summaries[version] = kept
    return kept


def current_alerts(day: date) -> tuple[pd.DataFrame, bool]:
    """The alerts to show as of a day, and whether they are the stored (live) ones a person
    can act on."""
    live = is_live(day)
    return alerts_as_of(store(), alert_states(day), as_of=day, live=live), live


def upkeep() -> bool:
    """Bring the stored alerts up to date with the data, once per version of the store in
    this process; True when it did. Called after a write and by the upkeep thread, never
    while drawing."""
    global _upkept_at
    current = model()
    if current.version <= _upkept_at:
        return False
    with _upkeep_lock:
        if current.version <= _upkept_at:
            return False
        bring_up_to_date(store(), current)
        _upkept_at = current.version
        return True


def after_write() -> None:
    """What a write callback calls once its write is stored: the alerts follow the data."""
    upkeep()


def start_upkeep(every_seconds: float = 5.0) -> threading.Thread:
    """A daemon thread that brings the stored alerts up to date whenever the store's
    version moves through a write made elsewhere."""

    def loop() -> None:
        stop = threading.Event()
        while not stop.wait(every_seconds):
            try:
                upkeep()
            except Exception:  # a failed upkeep is logged and tried again at the next tick
                log.exception("alert upkeep failed")

    thread = threading.Thread(target=loop, name="alert-upkeep", daemon=True)
    thread.start()
    return thread


def strain_evidence(as_of: date, country: str | None, admin_level: str = "admin1"):
    """Each place's hospital strain evidence as of a day, made once per store version."""
    from indicators.strain_evidence import strain_evidence as made

    return once_per_version(
        ("strain_evidence", as_of, country, admin_level),
        lambda: made(model(), as_of, country, admin_level),
    )


def strain_history(first: date, last: date, country: str | None, admin_level: str = "admin1"):
    """Each place's strain level by day as the rule reads it, made once per store version."""
    from indicators.strain_history import strain_history as made

    return once_per_version(
        ("strain_history", first, last, country, admin_level),
        lambda: made(model(), first, last, country, admin_level),
    )


def strain_evidence_export(
    as_of: date,
    country: str,
    admin_level: str = "admin1",
    admin1: tuple[str, ...] = (),
    admin2: tuple[str, ...] = (),
):
    """That evidence as a download (the rows above, their claims' sources), of the chosen
    places only when some are chosen (``strain_evidence.of_places``)."""
    from indicators.strain_evidence import of_places
    from indicators.strain_table import export_of

    rows = of_places(strain_evidence(as_of, country, admin_level), admin1, admin2)
    return export_of(model(), rows, as_of, country, admin_level, admin2 or admin1)
