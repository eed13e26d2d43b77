"""Where a rule stands for a place on a day, and walking a rule's days as the store would
(pending period, recovery, cooldown) for a back-test."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from indicators.alerts.rules import AlertRule
from indicators.places import gazetteer


@dataclass(frozen=True)
class AlertState:
    """Where a rule stands for one place unit on one day."""

    rule_id: str
    unit: str
    unit_name: str
    state: str  # ok, warning, critical, no_data
    certainty: str | None  # confirmed, possible (None when ok)
    value: float | None
    low: float | None
    high: float | None
    threshold: float | None
    as_of: date
    since: date | None = None
    pending: bool = False
    claim_ids: tuple[str, ...] = field(default=())
    detail: str = ""

    @property
    def firing(self) -> bool:
        return self.state in ("warning", "critical") and not self.pending


@cache
def unit_name(unit: str, country: str | None = None) -> str:
    """A place unit's name: a governorate's or district's, else the unit itself; "all"
    (figures about the whole country) named by its country when it is known."""
    g = gazetteer()
    if unit == "all":
        return f"{g.country_name(country)}, whole country" if country else "all places"
    return g.admin1_name.get(unit) or g.admin2_name.get(unit) or unit


def recovered(rule: AlertRule, state: str, value: float | None) -> bool:
    """Whether an open alert ends: below the recovery level, or reported again (no data)."""
    if state == "no_data" or value is None:
        return False  # data stopped: not a recovery
    if rule.condition == "no_data":
        return state == "ok"
    level = rule.recovery_level
    return level is not None and value < level


def simulate(rule: AlertRule, days: list[date], daily: dict) -> list[dict[str, object]]:
    """Walk the days as the store would: pending period, recovery level, cooldown."""
    open_alerts: dict[str, dict[str, object]] = {}
    resolved_on: dict[str, date] = {}
    streaks: dict[str, int] = {}
    raised: list[dict[str, object]] = []
    for day in days:
        for unit, entry in daily[day].items():
            if isinstance(entry, AlertState):
                name, certainty, value = entry.state, entry.certainty, entry.value
            else:
                name, certainty, value = entry
            fires = name in ("warning", "critical")
            streaks[unit] = streaks.get(unit, 0) + 1 if fires else 0
            current = open_alerts.get(unit)
            if current is not None:
                current["last_value"] = value
                if recovered(rule, name, value):
                    current["resolved"] = day
                    current["resolved_why"] = _why_recovered(rule, value)
                    resolved_on[unit] = day
                    del open_alerts[unit]
                elif (
                    fires
                    and name == "critical"
                    and current["state"] != "critical"
                    and not current.get("escalated")
                ):
                    current["escalated"] = day  # raised as a warning, critical from this day
                continue
            if not fires or streaks[unit] <= rule.pending_days:
                continue
            last = resolved_on.get(unit)
            if last is not None and (day - last).days < rule.cooldown_days:
                continue
            alert = {
                "rule_id": rule.rule_id,
                "unit": unit,
                "unit_name": unit_name(unit),
                "raised": day,
                "state": name,
                "certainty": certainty,
                "value": value,
                "threshold": rule.critical if name == "critical" else rule.warning,
                "why": _why_raised(rule, name, value, streaks[unit]),
                "resolved": None,
                "resolved_why": None,
            }
            open_alerts[unit] = alert
            raised.append(alert)
    return raised


def _why_raised(rule: AlertRule, state: str, value: float | None, days: int) -> str:
    """Why an alert was raised, in a sentence's words."""
    if rule.condition == "no_data":
        return f"no report for {_n(value)} days, at or above the {state} level"
    level = rule.critical if state == "critical" else rule.warning
    held = f" for {days} days (pending period {rule.pending_days})" if rule.pending_days else ""
    return f"{_n(value)} reached the {state} level {_n(level)}{held}"


def _why_recovered(rule: AlertRule, value: float | None) -> str:
    if rule.condition == "no_data":
        return "reported again"
    return f"fell to {_n(value)}, below the recovery level {_n(rule.recovery_level)}"


def _n(value: float | None) -> str:
    return "?" if value is None else f"{value:,.4g}"
