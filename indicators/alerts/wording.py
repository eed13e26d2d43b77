"""One wording for an alert, wherever it is shown: the Overview, the Alerts page, the rule
editor's preview, the charts, the API and the command line all say the same thing in the
same words.

An alert's sentence says what was measured (the newest figure, a sum over days, a rise, days
without a report), the value in the rule's own terms with the sources' range, the level it
was weighed against, and how sure it is:

- **confirmed**: even the lowest figure of the sources' range reaches the level (or the rule
  weighs the headline alone and the headline does), and no figure behind it was derived;
- **possible**: only the highest figure reaches it, or a figure behind it was derived
  (households times persons per household).
"""

from __future__ import annotations

import math
from datetime import date

from indicators.alerts.rules import AlertRule
from indicators.catalogue import INDICATORS
from indicators.vocab import STRAIN_DERIVED, STRAIN_DERIVED_LABEL, STRAIN_ORDER

CERTAINTY = {
    "confirmed": "even the lowest figure of the sources' range reaches the level",
    "possible": "only the highest figure of the sources' range reaches the level, or a figure "
    "behind it was derived",
}
"""What each certainty means, in one line (legends, the API's note, the CLI)."""
STRAIN_NAMES = {rank: level.replace("_", " ") for level, rank in STRAIN_ORDER.items()}


def known(value: object) -> bool:
    try:
        return value is not None and not math.isnan(float(value))
    except (TypeError, ValueError):
        return False


SINGULAR = {"people": "person", "attacks": "attack", "facilities": "facility", "days": "day"}
"""A unit said of one ("1 attack", not "1 attacks")."""


def number(value: object, unit: str = "") -> str:
    """A figure as people read it; unknown shows as 'unknown', never 0."""
    if not known(value):
        return "unknown"
    said = f"{float(value):,.0f}"
    return f"{said} {SINGULAR.get(unit, unit) if said == '1' else unit}".strip()


def day(value: object) -> str:
    if value is None or value != value:
        return "date unknown"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {value:%b %Y}"


def measured(rule: AlertRule | None) -> str:
    """What the rule weighs: the newest figure, a sum or the highest over days, a rise,
    days without a report."""
    if rule is None:
        return "value"
    if rule.condition == "no_data":
        return "days without a report"
    if rule.condition == "rise":
        return f"rise over {rule.window_days} days"
    if rule.window == "sum":
        return f"sum of new counts over {rule.window_days} days"
    if rule.window == "max":
        return f"highest figure over {rule.window_days} days"
    return "newest figure"


def value(rule: AlertRule | None, amount: object, low: object = None, high: object = None) -> str:
    """A rule's value or level in its own terms: a strain level by name, days without a
    report, a rise in percent, otherwise a number with its unit and the sources' range."""
    if not known(amount):
        return "never reported" if rule is not None and rule.condition == "no_data" else "unknown"
    if rule is None:
        return number(amount)
    if rule.condition == "no_data":
        return number(amount, "days")
    if rule.condition == "rise":
        return f"+{float(amount):,.0f}%"
    if rule.indicator in ("strain_level", STRAIN_DERIVED):
        return STRAIN_NAMES.get(round(float(amount)), number(amount))
    unit = INDICATORS[rule.indicator].unit if rule.indicator in INDICATORS else ""
    text = number(amount, "%" if unit == "percent" else unit).replace(" %", "%")
    if known(low) and known(high) and float(low) != float(high):
        text += f" (range {float(low):,.0f} to {float(high):,.0f})"
    return text


def certainty(word: object) -> str:
    """'confirmed: even the lowest ...' or 'possible: only the highest ...'."""
    if not isinstance(word, str) or word not in CERTAINTY:
        return ""
    return f"{word}: {CERTAINTY[word]}"


def sentence(
    rule: AlertRule | None,
    *,
    state: str,
    sure: object,
    place: str,
    amount: object,
    low: object = None,
    high: object = None,
    threshold: object = None,
    since: object = None,
    rule_name: str | None = None,
    with_state: bool = True,
) -> str:
    """The whole alert in one line: 'CRITICAL · Rule · Place · sum of new counts over 7
    days: 664,000 people (range 25,000 to 664,000) against 500,000 people · possible · since
    5 Dec 2024'. ``with_state`` False: without the state, for a page that shows it as a
    badge beside the sentence."""
    name = rule_name or (rule.name if rule is not None else "")
    weighed = f"{measured(rule)}: {value(rule, amount, low, high)}"
    if known(threshold):
        weighed += f" against {value(rule, threshold)}"
    parts = [name, place, weighed]
    if isinstance(sure, str) and sure:
        parts.append(sure)
    if since is not None and since == since:
        parts.append(f"since {day(since)}")
    return " · ".join([state.upper(), *parts] if with_state else parts)


PER = {
    "admin1": "per governorate",
    "admin2": "per district",
    "facility": "per facility",
    "all": "for the whole country",
}


def describe(rule: AlertRule) -> str:
    """What a rule weighs and when it fires, in one sentence (the rules table, the CLI)."""
    watch = INDICATORS.get(rule.indicator)
    what = watch.label if watch is not None else rule.indicator
    if rule.indicator == STRAIN_DERIVED:
        what = STRAIN_DERIVED_LABEL
    if rule.condition == "no_data":
        weighs = f"days without a report of {what}"
    else:
        weighs = f"the {measured(rule)} of {what}"
    if watch is not None and watch.by_group:
        group = rule.population_group or "all"
        weighs += (
            " for all people (where only a group's figure is known, such as civilians or "
            "fighters, it counts as at least that many)"
            if group == "all"
            else f" for {group.replace('_', ' ')} only"
        )
    levels = [
        f"{name} at {value(rule, level)}"
        for name, level in (("warning", rule.warning), ("critical", rule.critical))
        if level is not None
    ]
    sure = (
        "; confirmed when even the lowest figure reaches a level, possible when only the "
        "highest does"
        if rule.uncertainty == "range" and rule.condition != "no_data"
        else "; weighs the headline figure only"
        if rule.condition != "no_data"
        else ""
    )
    return f"Weighs {weighs}, {PER.get(rule.group_by, rule.group_by)}: {', '.join(levels)}{sure}."


def of_alert(
    rule: AlertRule | None,
    alert: object,
    place: str,
    *,
    rule_name: str | None = None,
    with_state: bool = True,
) -> str:
    """:func:`sentence` of a stored alert or an evaluated state (anything with state,
    certainty, value, low, high, threshold and since)."""
    return sentence(
        rule,
        state=alert.state,
        sure=alert.certainty,
        place=place,
        amount=alert.value,
        low=alert.low,
        high=alert.high,
        threshold=alert.threshold,
        since=alert.since,
        rule_name=rule_name,
        with_state=with_state,
    )
