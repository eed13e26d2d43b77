"""Alert rules: what a rule says, and the checks that refuse a rule that cannot work."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

from indicators.catalogue import INDICATORS, canonical
from indicators.errors import InputError
from indicators.limits import control_character
from indicators.places import gazetteer
from indicators.vocab import POPULATION_GROUPS, STRAIN_DERIVED, STRAIN_ORDER

WINDOWS = ("latest", "sum", "max")
CONDITIONS = ("level", "rise", "no_data")
RECOVERY_SHARE = 0.8
"""Without a recovery level, an alert recovers below this share of the warning level."""
GROUPINGS = ("admin1", "admin2", "facility", "all")
UNCERTAINTY = ("range", "headline")


@dataclass(frozen=True)
class AlertRule:
    """A threshold staff set. Levels are in the indicator's unit (days for ``no_data``,
    percent for ``rise``)."""

    rule_id: str
    name: str
    indicator: str
    condition: str = "level"
    warning: float | None = None
    critical: float | None = None
    window: str = "latest"
    window_days: int = 7
    group_by: str = "admin1"
    scope_admin1: tuple[str, ...] = ()
    scope_admin2: tuple[str, ...] = ()
    facility: str | None = None
    population_group: str | None = None
    rise_floor: float = 0.0
    uncertainty: str = "range"
    pending_days: int = 0
    cooldown_days: int = 0
    recovery: float | None = None
    activity_indicator: str | None = None
    activity_days: int = 14
    country: str | None = None
    """ISO3 code of the country the rule watches; None: the deployment's default country
    (rules saved before countries were known keep watching it)."""
    enabled: bool = True
    reason: str = ""
    version: int = field(default=1, compare=False)

    def as_record(self) -> dict[str, object]:
        record = asdict(self)
        record["scope_admin1"] = ";".join(self.scope_admin1) or None
        record["scope_admin2"] = ";".join(self.scope_admin2) or None
        return record

    @classmethod
    def from_record(cls, record: dict[str, object]) -> AlertRule:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in record.items() if k in known}
        for key in ("scope_admin1", "scope_admin2"):
            raw = values.get(key)
            values[key] = tuple(c for c in str(raw).split(";") if c) if raw else ()
        for key in ("indicator", "activity_indicator"):  # an earlier spelling reads as today's
            if isinstance(values.get(key), str):
                values[key] = canonical(values[key])
        return cls(**values)

    @property
    def country_code(self) -> str:
        """The country the rule watches."""
        return self.country or gazetteer().default_country

    @property
    def recovery_level(self) -> float | None:
        """Below this an open alert recovers: the level set, else 80 % of the warning level,
        so that a value moving around the warning level does not raise and recover the
        alert every other day."""
        if self.recovery is not None:
            return self.recovery
        return None if self.warning is None else self.warning * RECOVERY_SHARE


def check(rule: AlertRule) -> AlertRule:
    """Return the rule when it can work; else raise InputError listing every reason."""
    reasons = problems(rule)
    if reasons:
        raise InputError(f"rule '{rule.rule_id}' refused: " + "; ".join(reasons))
    return rule


def problems(rule: AlertRule) -> list[str]:
    """Every reason the rule cannot work, as sentences."""
    out: list[str] = []
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", rule.rule_id or ""):
        out.append("the id must be 1-64 lower-case letters, digits, '-' or '_'")
    if not (rule.name or "").strip():
        out.append("the rule needs a name")
    for label in ("name", "facility", "reason"):
        if wrong := control_character(getattr(rule, label), f"the {label}"):
            out.append(wrong)
    watch = INDICATORS.get(rule.indicator)
    if rule.indicator == STRAIN_DERIVED:
        out += _derived_strain_problems(rule)
    elif watch is None:
        known = ", ".join([*INDICATORS, STRAIN_DERIVED])
        out.append(f"unknown indicator '{rule.indicator}' (choose one of {known})")
    for value, allowed, label in (
        (rule.condition, CONDITIONS, "condition"),
        (rule.window, WINDOWS, "window"),
        (rule.group_by, GROUPINGS, "grouping"),
        (rule.uncertainty, UNCERTAINTY, "uncertainty mode"),
    ):
        if value not in allowed:
            out.append(f"unknown {label} '{value}' (choose one of {', '.join(allowed)})")
    if rule.window_days < 1:
        out.append(f"the window must be at least 1 day, not {rule.window_days}")
    for label, value in (
        ("pending period", rule.pending_days),
        ("cooldown", rule.cooldown_days),
        ("activity window", rule.activity_days),
    ):
        if value < 0:
            out.append(f"the {label} cannot be negative ({value} days)")
    if rule.warning is None and rule.critical is None:
        out.append("give a warning level, a critical level or both")
    for label, value in (("warning", rule.warning), ("critical", rule.critical)):
        if value is not None and value < 0:
            out.append(f"the {label} level cannot be negative ({value:g})")
    if rule.warning is not None and rule.critical is not None and rule.critical < rule.warning:
        out.append(
            f"the critical level ({rule.critical:g}) is below the warning level ({rule.warning:g})"
        )
    if rule.recovery is not None and rule.warning is not None and rule.recovery > rule.warning:
        out.append(
            f"the recovery level ({rule.recovery:g}) is above the warning level "
            f"({rule.warning:g}): an alert would recover while still firing"
        )
    if rule.rise_floor < 0:
        out.append("the absolute floor of a rise cannot be negative")
    if watch is not None:
        if rule.window == "sum" and watch.unit in ("percent", "level"):
            out.append(f"a sum of {watch.label} means nothing: use latest or max")
        if rule.population_group is not None:
            if not watch.by_group:
                out.append("a population group applies to casualty indicators only")
            elif rule.population_group not in POPULATION_GROUPS:
                out.append(f"unknown population group '{rule.population_group}'")
    if rule.activity_indicator is not None and rule.activity_indicator not in INDICATORS:
        out.append(f"unknown activity indicator '{rule.activity_indicator}'")
    g = gazetteer()
    if rule.country is not None and rule.country not in g.folders:
        out.append(f"no place reference for country '{rule.country}'")
    unknown1 = [c for c in rule.scope_admin1 if c not in g.admin1_codes]
    unknown2 = [c for c in rule.scope_admin2 if c not in g.admin2_codes]
    elsewhere = [
        c
        for c in (*rule.scope_admin1, *rule.scope_admin2)
        if c in g.country_of and g.country_of[c] != rule.country_code
    ]
    if elsewhere:
        out.append(
            f"p-code {', '.join(elsewhere)} is not in {g.country_name(rule.country_code)}, "
            "the country the rule watches"
        )
    if unknown1:
        out.append(f"unknown governorate p-code {', '.join(unknown1)}")
    if unknown2:
        out.append(f"unknown district p-code {', '.join(unknown2)}")
    if rule.group_by == "facility" and not rule.facility and rule.condition == "no_data":
        out.append("a no-data rule per facility needs the facility's name")
    return out


def _derived_strain_problems(rule: AlertRule) -> list[str]:
    """The derived strain level is read place by place as of a day, on its own scale."""
    out = []
    if rule.condition != "level":
        out.append("the derived strain level is watched by its level only (condition 'level')")
    if rule.group_by not in ("admin1", "admin2"):
        out.append("the derived strain level is read by governorate or district (admin1, admin2)")
    top = max(STRAIN_ORDER.values())
    for label, value in (("warning", rule.warning), ("critical", rule.critical)):
        if value is not None and value > top:
            out.append(
                f"the {label} level {value:g} is beyond the strain scale (0 normal, 1 strained, "
                f"2 overwhelmed, {top} not functioning)"
            )
    if rule.population_group is not None:
        out.append("a population group applies to casualty indicators only")
    return out
