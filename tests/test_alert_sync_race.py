"""Two dashboard workers bringing the stored alerts up to date at the same instant raise
each alert once."""

from __future__ import annotations

import threading
from datetime import date

from indicators.alerts.evaluate import Evaluator
from indicators.alerts.lifecycle import all_alerts, save_rule, sync
from indicators.alerts.rules import AlertRule
from indicators.store import Store

DAY = date(2024, 12, 5)
RULE = AlertRule(
    rule_id="any-killing",
    name="Any killing",
    indicator="killed",
    window="max",
    window_days=30,
    group_by="admin1",
    warning=1,
)


def test_concurrent_syncs_raise_each_alert_once(default_store: Store) -> None:
    rule = save_rule(default_store, RULE, actor="t")
    states = Evaluator.from_store(default_store).evaluate_all([rule], DAY)
    firing = {s.unit for s in states if s.firing}
    assert len(firing) >= 2
    workers = [Store(default_store.url) for _ in range(4)]
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def work(store: Store) -> None:
        try:
            barrier.wait()
            sync(store, states, [rule], as_of=DAY)
        except BaseException as err:
            errors.append(err)

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for w in workers:
        w.close()
    assert errors == []
    alerts = all_alerts(default_store)
    mine = alerts[alerts["rule_id"] == "any-killing"]
    assert sorted(mine["unit"]) == sorted(firing)  # one alert per place, not one per worker
