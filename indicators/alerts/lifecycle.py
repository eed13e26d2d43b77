"""Alert rules and alerts in the store: versioned rules, and alerts with their lifecycle.

An alert is new, then acknowledged (by whom, with a comment), then resolved (by a person, or
by the data when the value falls below the rule's recovery level). It may be silenced until
a day, with a reason. A rule that fires again for the same place after its cooldown raises a
new alert linked to the earlier one. Every change is kept in ``alert_events``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa

from indicators.alerts.evaluate import AlertState, recovered
from indicators.alerts.rules import AlertRule, check
from indicators.errors import InputError, StoreError
from indicators.limits import control_character
from indicators.store import locks
from indicators.store.store import Store, record
from indicators.store.tables import alert_events, alert_rules, alerts

OPEN = ("new", "acknowledged")
SYSTEM = "impact-monitor"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


# -- rules ------------------------------------------------------------------------------------


def save_rule(
    store: Store, rule: AlertRule, *, actor: str, conn: sa.Connection | None = None
) -> AlertRule:
    """Check and store a rule as its next version (1 for a new rule); audited."""
    check(rule)
    if conn is None:
        with store.engine.begin() as own:
            return save_rule(store, rule, actor=actor, conn=own)
    # Two people saving the same rule at once: the second waits, then reads the version
    # the first wrote, so every save is kept as its own version.
    locks.serialised(conn, locks.RULES, alert_rules)
    latest = (
        conn.scalar(
            sa.select(sa.func.max(alert_rules.c.version)).where(
                alert_rules.c.rule_id == rule.rule_id
            )
        )
        or 0
    )
    saved = AlertRule(**{**rule.__dict__, "version": latest + 1})
    now = _now()
    conn.execute(
        alert_rules.insert(),
        {
            "rule_id": saved.rule_id,
            "version": saved.version,
            "definition": saved.as_record(),
            "enabled": saved.enabled,
            "saved_by": actor,
            "saved_at": now,
        },
    )
    record(
        conn,
        at=now,
        actor=actor,
        action="rule_saved",
        table="alert_rules",
        row_count=1,
        details={
            "rule_id": saved.rule_id,
            "version": saved.version,
            "definition": saved.as_record(),
        },
    )
    return saved


def rules(store: Store, *, include_disabled: bool = True) -> list[AlertRule]:
    """The current version of every rule."""
    newest = (
        sa.select(alert_rules.c.rule_id, sa.func.max(alert_rules.c.version).label("v"))
        .group_by(alert_rules.c.rule_id)
        .subquery()
    )
    query = (
        sa.select(alert_rules.c.definition, alert_rules.c.version)
        .join(
            newest,
            sa.and_(alert_rules.c.rule_id == newest.c.rule_id, alert_rules.c.version == newest.c.v),
        )
        .order_by(alert_rules.c.rule_id)
    )
    with store.engine.connect() as conn:
        found = [AlertRule.from_record({**d, "version": v}) for d, v in conn.execute(query)]
    return [r for r in found if include_disabled or r.enabled]


def rule(store: Store, rule_id: str) -> AlertRule:
    for r in rules(store):
        if r.rule_id == rule_id:
            return r
    raise InputError(f"no rule '{rule_id}'")


def rule_versions(store: Store, rule_id: str) -> pd.DataFrame:
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(alert_rules)
            .where(alert_rules.c.rule_id == rule_id)
            .order_by(alert_rules.c.version)
        ).mappings()
        return pd.DataFrame(list(rows))


# -- alerts -----------------------------------------------------------------------------------


def sync(
    store: Store,
    states: list[AlertState],
    active_rules: list[AlertRule],
    *,
    as_of: date,
    actor: str = SYSTEM,
) -> None:
    """Raise, update or recover stored alerts to match an evaluation as of ``as_of``."""
    by_rule = {r.rule_id: r for r in active_rules}
    now = _now()
    with store.engine.begin() as conn:
        # two workers bringing alerts up to date at once take turns: the second sees what
        # the first raised instead of raising every alert twice
        locks.serialised(conn, locks.SYNC, alerts)
        for state in states:
            the_rule = by_rule[state.rule_id]
            latest = (
                conn.execute(
                    sa.select(alerts)
                    .where(alerts.c.rule_id == state.rule_id, alerts.c.unit == state.unit)
                    .order_by(alerts.c.alert_id.desc())
                    .limit(1)
                )
                .mappings()
                .first()
            )
            is_open = latest is not None and latest["status"] in OPEN
            values = {
                "state": state.state,
                "certainty": state.certainty,
                "value": state.value,
                "low": state.low,
                "high": state.high,
                "threshold": state.threshold,
                "claim_ids": list(state.claim_ids),
                "updated_at": now,
                "last_as_of": as_of,
            }
            if state.firing and is_open:
                conn.execute(
                    alerts.update().where(alerts.c.alert_id == latest["alert_id"]).values(**values)
                )
                if latest["state"] != state.state:
                    _event(
                        conn,
                        latest["alert_id"],
                        actor,
                        "updated",
                        f"{latest['state']} -> {state.state} as of {as_of}",
                    )
            elif state.firing:
                if (
                    latest is not None
                    and latest["resolved_on"] is not None
                    and (as_of - latest["resolved_on"]).days < the_rule.cooldown_days
                ):
                    continue  # within the cooldown after the last alert: not raised again
                alert_id = conn.execute(
                    alerts.insert().values(
                        rule_id=state.rule_id,
                        rule_version=the_rule.version,
                        unit=state.unit,
                        since=state.since,
                        raised_on=as_of,
                        status="new",
                        previous_alert_id=latest["alert_id"] if latest is not None else None,
                        **values,
                    )
                ).inserted_primary_key[0]
                _event(conn, alert_id, actor, "raised", state.detail or None)
            elif is_open and recovered(the_rule, state.state, state.value):
                conn.execute(
                    alerts.update()
                    .where(alerts.c.alert_id == latest["alert_id"])
                    .values(status="resolved", resolved_on=as_of, last_as_of=as_of, updated_at=now)
                )
                _event(
                    conn,
                    latest["alert_id"],
                    SYSTEM,
                    "recovered",
                    f"value {state.value:g} below the recovery level as of {as_of}"
                    if state.value is not None
                    else f"recovered as of {as_of}",
                )


def open_alerts(store: Store, *, as_of: date | None = None) -> pd.DataFrame:
    """Open alerts, critical first, with a ``silenced`` flag for those silenced on ``as_of``."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(alerts).where(alerts.c.status.in_(OPEN))).mappings()
        frame = pd.DataFrame(list(rows))
    if frame.empty:
        return frame
    day = as_of or date.today()
    frame["silenced"] = frame["silenced_until"].map(lambda d: d is not None and d >= day)
    order = frame["state"].map({"critical": 0, "warning": 1}).fillna(2)
    return frame.assign(_o=order).sort_values(["silenced", "_o", "alert_id"]).drop(columns="_o")


def acknowledge(store: Store, alert_id: int, *, actor: str, comment: str | None) -> None:
    _change(store, alert_id, actor, "acknowledged", comment, status="acknowledged")


def resolve(store: Store, alert_id: int, *, actor: str, comment: str | None) -> None:
    _change(
        store, alert_id, actor, "resolved", comment, status="resolved", resolved_on=_now().date()
    )


def silence(store: Store, alert_id: int, *, until: date, reason: str, actor: str) -> None:
    if not reason.strip():
        raise InputError("say why the alert is silenced (--reason)")
    _change(
        store,
        alert_id,
        actor,
        "silenced",
        f"until {until}: {reason}",
        silenced_until=until,
        silence_reason=reason,
    )


def _change(
    store: Store, alert_id: int, actor: str, action: str, comment: str | None, **values: object
) -> None:
    if wrong := control_character(comment, "the comment"):
        raise InputError(wrong)
    with store.engine.begin() as conn:
        # one action on an alert at a time: the next one reads what the previous left
        locks.serialised(conn, locks.SYNC, alerts)
        current = (
            conn.execute(sa.select(alerts).where(alerts.c.alert_id == alert_id)).mappings().first()
        )
        if current is None:
            raise StoreError(f"no alert {alert_id}")
        if current["status"] == "resolved":
            raise StoreError(f"alert {alert_id} is already resolved")
        conn.execute(
            alerts.update().where(alerts.c.alert_id == alert_id).values(updated_at=_now(), **values)
        )
        _event(conn, alert_id, actor, action, comment)


def _event(
    conn: sa.Connection, alert_id: int, actor: str, action: str, comment: str | None
) -> None:
    conn.execute(
        alert_events.insert(),
        {"alert_id": alert_id, "at": _now(), "actor": actor, "action": action, "comment": comment},
    )


def history(store: Store, alert_id: int | None = None) -> pd.DataFrame:
    """Every event of one alert, or of all alerts, oldest first."""
    query = sa.select(alert_events).order_by(alert_events.c.event_id)
    if alert_id is not None:
        query = query.where(alert_events.c.alert_id == alert_id)
    with store.engine.connect() as conn:
        return pd.DataFrame(list(conn.execute(query).mappings()))


def all_alerts(store: Store) -> pd.DataFrame:
    with store.engine.connect() as conn:
        return pd.DataFrame(
            list(conn.execute(sa.select(alerts).order_by(alerts.c.alert_id)).mappings())
        )
