"""Importing a table file into the store: all rows or none, validated first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from indicators.limits import Deadline
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
    deadline: Deadline | None = None,
) -> Imported:
    """Validate ``raw`` as ``table`` against the store; write every row in one transaction
    only when no row has an error. Review fields in the file are never kept: claims enter
    pending, or, with ``accept``, accepted by ``actor`` now (the caller checks that
    ``actor`` may review). Only the project's own default data keeps its curated review."""
    report = validate(raw, table, store.context(table))
    if not report.ok:
        return Imported(report, None)
    if deadline is not None:
        deadline.check(f"Checking {raw.name}")
    frame = report.frame
    if table in CLAIM_TABLES:
        frame = reviewed_now(frame, actor if accept else None)
    result = store.write(
        [TableWrite(table, frame, report.warnings)],
        actor=actor,
        action="import",
        details={"file": raw.name, **(details or {})},
    )
    return Imported(report, result)


def reviewed_now(frame: pd.DataFrame, reviewer: str | None) -> pd.DataFrame:
    """The claims pending (``reviewer`` None), or accepted by ``reviewer`` now: whatever
    review status, reviewer and time the file gave are replaced, so a file cannot name
    someone else as the reviewer or back-date a review."""
    frame = frame.copy()
    frame["review_status"] = "accepted" if reviewer else "pending"
    frame["reviewed_by"] = pd.array([reviewer] * len(frame), dtype=frame["reviewed_by"].dtype)
    at = pd.Timestamp(datetime.now(UTC).replace(tzinfo=None)) if reviewer else pd.NaT
    frame["reviewed_at"] = pd.Series([at] * len(frame), index=frame.index).astype(
        frame["reviewed_at"].dtype
    )
    return frame
