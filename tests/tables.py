"""Small real tables built in tests: a dozen rows that show the rule under test."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from indicators.accounts import Account

SEED_KILLED = "x-44e101f231-004"
"""The seed's 'at least 20 insurgent fighters killed', as extracted and accepted."""
SEED_STRAIN = "x-44e101f231-002-c1"
"""The seed's 'hospitals overwhelmed', as extracted and corrected to Aleppo city."""
SEED_FLED = "x-44e101f231-001-c1"
"""The seed's 'many fled', as extracted and corrected to Aleppo city."""

SOURCE = {
    "source_id": "src-test",
    "publisher": "OCHA",
    "title": "Flash update (test)",
    "url": "https://example.org/flash-update",
    "published": "2024-12-05",
    "language": "en",
    "source_type": "un_agency",
    "reliability": "unrated",
}

CASUALTY = {
    "claim_id": "c1",
    "source_id": "src-test",
    "location_text": "Aleppo",
    "admin1_pcode": "SY02",
    "place_precision": "admin1",
    "date_start": "2024-11-27",
    "date_end": "2024-12-05",
    "date_precision": "day",
    "value_text": "at least 69",
    "qualifier": "at_least",
    "value_low": "69",
    "value_best": "69",
    "unit": "people",
    "count_kind": "cumulative",
    "review_status": "accepted",
    "outcome": "killed",
    "population_group": "civilians",
}


def rows_to_csv(rows: list[dict[str, str]]) -> str:
    """CSV text with the union of the rows' keys as header, in first-seen order."""
    header: list[str] = []
    for row in rows:
        header += [k for k in row if k not in header]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def casualty(**changes: str) -> dict[str, str]:
    """A valid casualties row with some cells changed."""
    return {**CASUALTY, **changes}


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text(rows_to_csv(rows), encoding="utf-8")
    return path


# Accounts the view functions are called with (the pages take them from the session).
EDITOR = Account("Amina", "editor", disabled=False, has_password=True, session_epoch=0)
ALERT_MANAGER = Account("Amina", "alert_manager", disabled=False, has_password=True,
                        session_epoch=0)  # fmt: skip
VIEWER = Account("Omar", "viewer", disabled=False, has_password=True, session_epoch=0)
