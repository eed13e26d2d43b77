"""Eight writers at once lose nothing: every save of a rule is its own version, an alert's
actions take turns (nothing is acknowledged after it was resolved), and so do reviews (one
decision on a pending claim, the others told; one correction). SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

import sqlalchemy as sa

from indicators import review
from indicators.alerts import lifecycle
from indicators.alerts.rules import AlertRule
from indicators.errors import StoreError
from indicators.store import Store
from indicators.store.tables import TABLES, alert_events, alert_rules, alerts, audit_log
from tests.tables import SEED_KILLED

WRITERS, SAVES = 8, 25
casualties = TABLES["casualties"]


def test_eight_writers_saving_one_rule_keep_every_version(empty_store: Store) -> None:
    def writer(n: int) -> None:
        for i in range(SAVES):
            rule = AlertRule("shared", f"Rule by {n}", "killed", warning=float(n * 100 + i + 1))
            lifecycle.save_rule(empty_store, rule, actor=f"writer-{n}")

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(writer, range(WRITERS)))  # an exception in any writer is raised here
    with empty_store.engine.connect() as conn:
        versions = conn.scalars(
            sa.select(alert_rules.c.version).where(alert_rules.c.rule_id == "shared")
        ).all()
    assert sorted(versions) == list(range(1, WRITERS * SAVES + 1))


def test_actions_on_one_alert_take_turns_and_stop_at_resolved(empty_store: Store) -> None:
    now = datetime(2024, 12, 5, 12)
    with empty_store.engine.begin() as conn:
        alert_id = conn.execute(
            alerts.insert().returning(alerts.c.alert_id),
            {"rule_id": "r", "rule_version": 1, "unit": "SY02", "state": "warning",
             "raised_on": date(2024, 12, 5), "status": "new", "last_as_of": date(2024, 12, 5),
             "claim_ids": [], "updated_at": now},
        ).scalar()  # fmt: skip

    def writer(n: int) -> None:
        actions = [
            lambda: lifecycle.acknowledge(empty_store, alert_id, actor=f"w{n}", comment=None),
            lambda: lifecycle.silence(empty_store, alert_id, until=date(2030, 1, 1),
                                      reason="known", actor=f"w{n}"),
            lambda: lifecycle.resolve(empty_store, alert_id, actor=f"w{n}", comment=None),
        ]  # fmt: skip
        for i in range(9):
            try:
                actions[(n + i) % 3]()
            except StoreError as refused:
                assert "already resolved" in str(refused)

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(writer, range(WRITERS)))
    with empty_store.engine.connect() as conn:
        status = conn.scalar(sa.select(alerts.c.status).where(alerts.c.alert_id == alert_id))
        events = conn.scalars(
            sa.select(alert_events.c.action)
            .where(alert_events.c.alert_id == alert_id)
            .order_by(alert_events.c.event_id)
        ).all()  # fmt: skip
    assert status == "resolved"
    assert events.count("resolved") == 1 and events[-1] == "resolved"  # nothing after it


def _pending(store: Store, claim_id: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            casualties.update()
            .where(casualties.c.claim_id == claim_id)
            .values(review_status="pending", reviewed_by=None, reviewed_at=None)
        )


def _reviews_of(store: Store, claim_id: str) -> list[dict]:
    with store.engine.connect() as conn:
        details = conn.scalars(
            sa.select(audit_log.c.details)
            .where(audit_log.c.action.like("review_%"))
            .order_by(audit_log.c.audit_id)
        ).all()
    return [d for d in details if d.get("claim_id") == claim_id]


def test_eight_reviewers_of_one_pending_claim_one_decides_the_others_are_told(
    default_store: Store,
) -> None:
    _pending(default_store, SEED_KILLED)
    refused: list[str] = []

    def reviewer(n: int) -> None:
        status = ("accepted", "rejected")[n % 2]
        try:
            review.set_status(
                default_store,
                [SEED_KILLED],
                status,
                actor=f"r{n}",
                reason="test",
                expect="pending",
            )
        except StoreError as err:
            refused.append(str(err))

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(reviewer, range(WRITERS)))
    assert len(refused) == WRITERS - 1, refused
    assert all("while you were looking at it; reload" in r for r in refused)
    assert len(_reviews_of(default_store, SEED_KILLED)) == 1


def test_reviews_take_turns_so_each_audit_entry_starts_where_the_last_ended(
    default_store: Store,
) -> None:
    _pending(default_store, SEED_KILLED)

    def reviewer(n: int) -> None:
        for i in range(6):
            status = ("accepted", "rejected")[(n + i) % 2]
            review.set_status(default_store, [SEED_KILLED], status, actor=f"r{n}", reason="t")

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(reviewer, range(WRITERS)))
    entries = _reviews_of(default_store, SEED_KILLED)
    assert len(entries) == WRITERS * 6
    before = "pending"
    for entry in entries:  # no review was recorded against a status that no longer held
        assert entry["before"]["review_status"] == before
        before = entry["after"]["review_status"]


def test_eight_correctors_of_one_claim_make_one_correction(default_store: Store) -> None:
    refused: list[str] = []

    def corrector(n: int) -> None:
        figure = str(30 + n)
        try:
            review.correct(
                default_store, SEED_KILLED, {"value_low": figure, "value_best": figure},
                actor=f"c{n}",
            )  # fmt: skip
        except StoreError as err:
            refused.append(str(err))

    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(corrector, range(WRITERS)))
    assert len(refused) == WRITERS - 1 and all("already corrected" in r for r in refused)
    with default_store.engine.connect() as conn:
        corrections = conn.scalars(
            sa.select(casualties.c.claim_id).where(casualties.c.supersedes == SEED_KILLED)
        ).all()
    assert corrections == [f"{SEED_KILLED}-c1"]
