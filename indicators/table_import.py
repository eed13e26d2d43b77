"""Importing a table file into the store: all rows or none, validated first."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pandas as pd

from indicators import reimport
from indicators.hxl import normalise_tag
from indicators.limits import Deadline
from indicators.reimport import Compared, compare
from indicators.schemas import CLAIM_TABLES, columns
from indicators.store import Store, TableWrite
from indicators.store.store import WriteResult
from indicators.tabular import RawTable
from indicators.validation import ValidationReport, validate


@dataclass
class Imported:
    """What an import did: the validation report, the file's claims against the store, and
    the write when there was one."""

    report: ValidationReport
    result: WriteResult | None
    compared: Compared | None = None

    @property
    def written(self) -> bool:
        return self.result is not None

    @property
    def nothing_new(self) -> bool:
        """Every claim of the file already stored as it is: a success that writes nothing."""
        return self.result is None and self.report.ok and self.compared is not None

    def counts(self) -> str:
        if self.compared is None:
            return f"{self.report.rows:,} new"
        return self.compared.counts()


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
    ``actor`` may review). Only the project's own default data keeps its curated review.

    A claim whose id the file states and the store holds (the project's own export,
    corrected in a spreadsheet, imported again) is an update: unchanged claims are left
    alone, changed ones updated in place (:mod:`indicators.reimport`); the file's review
    columns are compared, never applied."""
    context = store.context(table)
    stated = _stated_ids(raw) if table in CLAIM_TABLES else set()
    if stated:
        context = replace(context, claim_ids=context.claim_ids - stated)
    report = validate(raw, table, context)
    if not report.ok:
        return Imported(report, None)
    if deadline is not None:
        deadline.check(f"Checking {raw.name}")
    frame = report.frame
    details = {"file": raw.name, **(details or {})}
    if table not in CLAIM_TABLES:
        result = store.write(
            [TableWrite(table, frame, report.warnings)], actor=actor, details=details
        )
        return Imported(report, result)
    compared = compare(store, table, frame, _given(raw, table)) if stated else None
    new = compared.new if compared is not None else frame
    new = reviewed_now(new, actor if accept else None)
    if compared is not None and not len(new) and not len(compared.changed):
        return Imported(report, None, compared)
    writes = [TableWrite(table, new, report.warnings)] if len(new) else []
    if compared is None:
        compared = Compared(new, new.iloc[0:0])
    result = reimport.write(
        store,
        writes,
        {table: compared},
        actor=actor,
        reviewer=actor if accept else None,
        details=details,
    )
    return Imported(report, result, compared)


def _stated_ids(raw: RawTable) -> set[str]:
    """The claim ids a file states (its claim_id column, by header or HXL tag)."""
    at = _given_at(raw, "claim_id")
    if at is None:
        return set()
    return {str(v).strip() for v in raw.frame[at].dropna() if str(v).strip()}


def _given(raw: RawTable, table: str) -> list[str]:
    """The table's columns the file gives."""
    return [c.name for c in columns(table) if _given_at(raw, c.name, table) is not None]


def _given_at(raw: RawTable, name: str, table: str = "casualties") -> int | None:
    spec = next((c for c in columns(table) if c.name == name), None)
    tags = {normalise_tag(t) for t in (spec.hxl, *spec.hxl_formerly) if t} if spec else set()
    for i, header in enumerate(raw.header):
        tag = raw.hashtags[i] if raw.hashtags and i < len(raw.hashtags) else ""
        if header.strip().lower() == name or (tag and normalise_tag(tag) in tags):
            return i
    return None


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
