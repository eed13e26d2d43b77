"""Hospital strain by place and day, as the rule (``indicators.strain_rule``) reads it on
each day from the evidence known up to that day: stated (confirmed) or derived from the
evidence (possible) or unknown, with the reason and the claims that gave it.

Each day is read as ``indicators.strain_evidence`` reads the Hospitals page's day, so the
last day of a history is the evidence table's level, and a day's cell in a chart and the
table as of that day never disagree.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from indicators.strain_evidence import claims_behind, evidence_of_day, with_sources

HISTORY_DAYS = 90
"""The most days one history reads (the newest kept): each day reads every window again."""
COLUMNS = (
    "place",
    "place_name",
    "day",
    "level",
    "certainty",
    "strain_basis",
    "reason",
    "claims",
    "sources",
)


def strain_history(
    snapshot,
    first: date,
    last: date,
    country: str | None = None,
    admin_level: str = "admin1",
) -> pd.DataFrame:
    """One row per place of ``country`` at ``admin_level`` and day from ``first`` to
    ``last`` (at most ``HISTORY_DAYS``, the newest): place, place_name, day, level (a
    strain level or 'unknown'), certainty (confirmed, possible, None), strain_basis,
    reason, claims (the ids that gave the level: ``strain_evidence.claims_behind``) and
    sources (those claims' sources as a reader names them)."""
    first = max(first, last - timedelta(days=HISTORY_DAYS - 1))
    days = pd.date_range(first, last, freq="D")
    if days.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    parts = [evidence_of_day(snapshot, d.date(), country, admin_level, words=False) for d in days]
    rows = pd.concat(parts, ignore_index=True)
    rows["level_claims"] = [claims_behind(r) for r in rows.to_dict("records")]
    rows = with_sources(snapshot, rows, ("level",))
    out = rows.rename(
        columns={"as_of": "day", "level_claims": "claims", "level_sources": "sources"}
    )
    return out[list(COLUMNS)].reset_index(drop=True)
