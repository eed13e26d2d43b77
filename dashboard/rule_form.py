"""The threshold editor's fields, read into an AlertRule with every problem named."""

from __future__ import annotations

from dataclasses import fields

from indicators.alerts.rules import AlertRule, problems

NUMBER_FIELDS = {
    "warning": ("Warning level", float),
    "critical": ("Critical level", float),
    "window_days": ("Window (days)", int),
    "rise_floor": ("Rise floor", float),
    "pending_days": ("Pending period (days)", int),
    "cooldown_days": ("Cooldown (days)", int),
    "recovery": ("Recovery level", float),
    "activity_days": ("Activity window (days)", int),
}
OPTIONAL_NUMBERS = ("warning", "critical", "recovery")
TEXT_FIELDS = (
    "rule_id",
    "name",
    "indicator",
    "condition",
    "window",
    "group_by",
    "population_group",
    "uncertainty",
    "activity_indicator",
    "facility",
    "reason",
    "country",
)
FORM_FIELDS = (*TEXT_FIELDS, *NUMBER_FIELDS, "scope_admin1", "enabled")


def to_form(rule: AlertRule) -> dict[str, object]:
    """A rule's values as the form shows them."""
    values = {f.name: getattr(rule, f.name) for f in fields(rule) if f.name in FORM_FIELDS}
    values["scope_admin1"] = list(rule.scope_admin1)
    values["enabled"] = ["enabled"] if rule.enabled else []
    return values


def from_form(values: dict[str, object]) -> tuple[AlertRule | None, list[str]]:
    """The rule the form describes, or None and every reason it cannot be one."""
    errors: list[str] = []
    record: dict[str, object] = {}
    for name in TEXT_FIELDS:
        text = values.get(name)
        record[name] = text.strip() if isinstance(text, str) and text.strip() else None
    for name, (label, kind) in NUMBER_FIELDS.items():
        raw = values.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if name not in OPTIONAL_NUMBERS:
                errors.append(f"{label}: give a number")
            record[name] = None
            continue
        try:
            number = float(raw)
        except (TypeError, ValueError):
            errors.append(f"{label}: '{raw}' is not a number")
            continue
        if kind is int and not number.is_integer():
            errors.append(f"{label}: '{raw}' is not a whole number of days")
            continue
        record[name] = kind(number)
    for name in ("condition", "window", "group_by", "uncertainty"):
        if record[name] is None:
            record[name] = AlertRule.__dataclass_fields__[name].default
    record["rule_id"] = record["rule_id"] or ""
    record["name"] = record["name"] or ""
    record["reason"] = record["reason"] or ""
    record["scope_admin1"] = tuple(values.get("scope_admin1") or ())
    record["enabled"] = "enabled" in (values.get("enabled") or [])
    if errors:
        return None, errors
    rule = AlertRule(**{k: v for k, v in record.items() if v is not None or k in OPTIONAL_NUMBERS})
    found = problems(rule)
    return (None, found) if found else (rule, [])
