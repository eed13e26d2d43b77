"""Eight writers at once lose nothing: every save of a rule is its own version, and an
alert's actions take turns (nothing is acknowledged after it was resolved). SQLite and
PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime

import sqlalchemy as sa

from indicators.alerts import lifecycle
from indicators.alerts.rules import AlertRule
from indicators.errors import StoreError
from indicators.store import Store
from indicators.store.tables import alert_events, alert_rules, alerts

WRITERS, SAVES = 8, 25


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
