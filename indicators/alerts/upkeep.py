"""Keeping the stored alerts up to date with the data: done by the writes that change the
data and by a server's upkeep, never by reading or drawing."""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.alerts.evaluate import AlertState
from indicators.alerts.lifecycle import SYSTEM, open_alerts, sync
from indicators.read_model import ReadModel
from indicators.store import Store

ARCHIVE_AFTER_DAYS = 7


def live_day(model: ReadModel, today: date | None = None) -> date:
    """The day stored alerts are evaluated for: today, or the newest claim's day when the
    store holds only figures more than a week old (an archive). Pages, the API and the
    command line all start from this day."""
    return current_day(model.evaluator.newest_day(), today)


def current_day(newest: date | None, today: date | None = None) -> date:
    """Today, or ``newest`` (the newest claim's day) when it is more than a week old."""
    today = today or date.today()
    if newest is None or newest >= today:
        return today
    return newest if (today - newest).days > ARCHIVE_AFTER_DAYS else today


def bring_up_to_date(store: Store, model: ReadModel) -> list[AlertState]:
    """Evaluate every enabled rule on the live day and raise, update or recover the stored
    alerts accordingly; the states evaluated."""
    as_of = live_day(model)
    active = model.enabled_rules
    states = model.evaluator.evaluate_all(active, as_of)
    sync(store, states, active, as_of=as_of, actor=SYSTEM)
    return states


def alerts_as_of(
    store: Store, states: list[AlertState], *, as_of: date, live: bool
) -> pd.DataFrame:
    """The alerts to show as of a day, most severe first: on the live day the stored ones,
    which people act on; on an earlier day the rules' verdicts then, with no alert id,
    nothing stored or changed."""
    if live:
        return open_alerts(store, as_of=as_of)
    firing = [s for s in states if s.firing]
    frame = pd.DataFrame(
        [
            {
                "alert_id": None,
                "rule_id": s.rule_id,
                "unit": s.unit,
                "state": s.state,
                "certainty": s.certainty,
                "value": s.value,
                "low": s.low,
                "high": s.high,
                "threshold": s.threshold,
                "since": s.since,
                "claim_ids": list(s.claim_ids),
                "status": "as evaluated",
                "silenced": False,
                "silenced_until": None,
                "silence_reason": None,
            }
            for s in firing
        ]
    )
    if frame.empty:
        return frame
    order = frame["state"].map({"critical": 0, "warning": 1})
    return frame.assign(_o=order).sort_values(["_o", "rule_id"]).drop(columns="_o")
