"""Alert states of the derived hospital strain level (``vocab.STRAIN_DERIVED``): each
place's level as ``indicators.strain_evidence`` reads it as of a day (stated where a
report of the week says it, confirmed; else derived from the evidence, possible), against
the rule's levels on the strain scale (1 strained, 2 overwhelmed, 3 not functioning).

A place with no evidence is "no data", never "ok": unknown is not normal. The claims of an
alert are those that gave the level: the statement, or the evidence the rule read.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cached_property

import pandas as pd

from indicators.alerts.rules import AlertRule
from indicators.alerts.states import AlertState, unit_name
from indicators.reader_tables import said_by
from indicators.strain_evidence import claims_behind, strain_evidence
from indicators.vocab import STRAIN_ORDER

SINCE_DAYS = 7
"""How far back "since when" looks; a longer run reads as firing for at least a week."""


class _Evidence:
    """What ``strain_evidence`` reads of a snapshot, made of an evaluator's tables."""

    def __init__(self, evaluator) -> None:
        self.evaluator = evaluator
        self.tables = evaluator.tables
        self.sources = evaluator.sources

    @cached_property
    def source_names(self) -> pd.Series:
        ids = pd.Index(self.sources["source_id"]).drop_duplicates()
        return pd.Series(said_by(self.sources, ids), index=ids, dtype=object)


def _graded(rule: AlertRule, level: str) -> tuple[str, float | None]:
    rank = STRAIN_ORDER.get(level)
    if rank is None:
        return "no_data", None
    for threshold, name in ((rule.critical, "critical"), (rule.warning, "warning")):
        if threshold is not None and rank >= threshold:
            return name, threshold
    return "ok", None


def _rows(evaluator, rule: AlertRule, day: date) -> pd.DataFrame:
    rows = strain_evidence(_Evidence(evaluator), day, rule.country_code, rule.group_by)
    scope = rule.scope_admin1 if rule.group_by == "admin1" else rule.scope_admin2
    return rows[rows["place"].isin(scope)] if scope else rows


def strain_states(
    evaluator, rule: AlertRule, as_of: date, *, since: bool = True
) -> list[AlertState]:
    """The state of every place the rule covers as of ``as_of`` (``since``: and since when
    it fires, up to a week back; a back-test walking the days needs none)."""
    rows = _rows(evaluator, rule, as_of)
    earlier = {
        back: _rows(evaluator, rule, as_of - timedelta(days=back)).set_index("place")["level"]
        for back in range(1, SINCE_DAYS + 1)
        if since
    }
    out = []
    for r in rows.to_dict("records"):
        state, threshold = _graded(rule, r["level"])
        firing = state in ("warning", "critical")
        first = None
        if firing and earlier:
            run = 0
            for back in range(1, SINCE_DAYS + 1):
                if _graded(rule, earlier[back].get(r["place"], "unknown"))[0] != state:
                    break
                run = back
            first = as_of - timedelta(days=run)
        claims = claims_behind(r)
        detail = r["reason"]
        if state == "no_data":
            detail = "no evidence in the windows the strain rule reads (unknown, not normal)"
        out.append(
            AlertState(
                rule_id=rule.rule_id,
                unit=r["place"],
                unit_name=unit_name(r["place"], rule.country_code),
                state=state,
                certainty=r["certainty"] if firing else None,
                value=float(STRAIN_ORDER[r["level"]]) if r["level"] in STRAIN_ORDER else None,
                low=None,
                high=None,
                threshold=threshold,
                as_of=as_of,
                since=first,
                claim_ids=claims if firing else (),
                detail=detail,
            )
        )
    return out
