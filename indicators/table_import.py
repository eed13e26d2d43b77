"""Importing a table file into the store: all rows or none, validated first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from indicators.schemas import CLAIM_TABLES
from indicators.store import Store, TableWrite
from indicators.store.store import WriteResult
from indicators.tabular import RawTable
from indicators.validation import ValidationReport, validate


@dataclass
class Imported:
    """What an import did: the validation report, and the write when there was one."""

    report: ValidationReport
    result: WriteResult | None

    @property
    def written(self) -> bool:
        return self.result is not None


def import_table(
    store: Store,
    raw: RawTable,
    table: str,
    *,
    actor: str,
    accept: bool = False,
    details: dict | None = None,
) -> Imported:
    """Validate ``raw`` as ``table`` against the store; write every row in one transaction
    only when no row has an error. With ``accept``, claims of a file without a
    review_status column are recorded as accepted by ``actor``."""
    report = validate(raw, table, store.context(table))
    if not report.ok:
        return Imported(report, None)
    frame = report.frame
    if accept and table in CLAIM_TABLES:
        frame = accept_unreviewed(frame, raw, actor)
    result = store.write(
        [TableWrite(table, frame, report.warnings)],
        actor=actor,
        action="import",
        details={"file": raw.name, **(details or {})},
    )
    return Imported(report, result)


def accept_unreviewed(frame: pd.DataFrame, raw: RawTable, actor: str) -> pd.DataFrame:
    """Claims of a file without a review_status column, recorded as accepted by ``actor``."""
    if "review_status" in [h.lower() for h in raw.header]:
        return frame
    frame = frame.copy()
    frame["review_status"] = "accepted"
    frame["reviewed_by"] = actor
    frame["reviewed_at"] = pd.Timestamp(datetime.now(UTC).replace(tzinfo=None))
    return frame
