"""From extracted claims to table rows: ingesting a report, and printing what it states."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from indicators import catalogue
from indicators.errors import InputError, StoreError
from indicators.extraction.extractor import ExtractedClaim, extract
from indicators.limits import Deadline
from indicators.reports import Report
from indicators.schemas import columns
from indicators.tabular import rows_as_table
from indicators.validation import StoreContext, validate
from indicators.vocab import CLAIM_TABLE_NAMES

EXTRACT_COLUMNS = (
    "claim_id",
    "report",
    "indicator",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "unit",
    "value_text",
    "population_group",
    "location_text",
    "admin1_pcode",
    "admin2_pcode",
    "date_start",
    "date_end",
    "count_kind",
    "subset_of",
    "status",
    "quote",
    "char_start",
    "char_end",
)


def claims_of(report: Report, *, deadline: Deadline | None = None) -> list[ExtractedClaim]:
    """What the report states, read by the extractor (within ``deadline`` when given)."""
    countries = report.countries
    if deadline is not None:
        deadline.check("Finding the countries the report names")
    return extract(
        report.text,
        report.published,
        source_key=report.source_id,
        countries=countries,
        deadline=deadline,
        title=report.title,
    )


def listing(report: Report, claims: list[ExtractedClaim]) -> pd.DataFrame:
    """One row per claim in the columns ``impact-monitor extract`` prints."""
    rows = [
        {
            "claim_id": c.claim_id,
            "report": report.name,
            "indicator": c.indicator,
            "value": c.value_best,
            "value_low": c.value_low,
            "value_high": c.value_high,
            "qualifier": c.qualifier,
            "unit": c.unit,
            "value_text": c.value_text,
            "population_group": c.population_group,
            "location_text": c.location_text,
            "admin1_pcode": c.admin1_pcode,
            "admin2_pcode": c.admin2_pcode,
            "date_start": c.date_start,
            "date_end": c.date_end,
            "count_kind": c.count_kind,
            "subset_of": c.subset_of,
            "status": c.status,
            "quote": c.quote,
            "char_start": c.char_start,
            "char_end": c.char_end,
        }
        for c in claims
    ]
    return pd.DataFrame(rows, columns=list(EXTRACT_COLUMNS))


def table_row(
    claim: ExtractedClaim, source_id: str, about: tuple[str, ...] = ()
) -> dict[str, object]:
    """The claim as a row of its table, pending review. Its country is its place's, else
    the first of the countries its report is about (``about``); else validation gives the
    deployment's default."""
    country, basis = (claim.country, "place") if claim.country else (None, None)
    if country is None and about:
        country, basis = about[0], "source"
    row: dict[str, object] = {
        "claim_id": claim.claim_id,
        "source_id": source_id,
        "quote": claim.quote,
        "char_start": claim.char_start,
        "char_end": claim.char_end,
        "method": "extracted",
        "review_status": "pending",
        "location_text": claim.location_text,
        "admin1_pcode": claim.admin1_pcode,
        "admin2_pcode": claim.admin2_pcode,
        "admin1_pcodes_spanned": claim.admin1_pcodes_spanned,
        "place_precision": claim.place_precision,
        "country": country,
        "country_basis": basis,
        "date_start": claim.date_start,
        "date_end": claim.date_end,
        "date_precision": claim.date_precision,
        "value_text": claim.value_text,
        "qualifier": claim.qualifier,
        "value_low": claim.value_low,
        "value_best": claim.value_best,
        "value_high": claim.value_high,
        "unit": claim.unit,
        "unit_stated": claim.unit_stated,
        "value_derived": claim.value_derived,
        "household_size": claim.household_size,
        "count_kind": claim.count_kind,
        "subset_of": claim.subset_of,
        "notes": "; ".join(claim.notes) or None,
        "confidence": claim.confidence,
    }
    record = catalogue.INDICATORS[claim.indicator]
    row[record.column] = record.value
    if record.by_group:
        row.update(population_group=claim.population_group or "all", cause=claim.cause)
    if claim.term and "term" in _column_names(record.table):  # the word the source used
        row["term"] = claim.term
    if "origin_text" in _column_names(record.table):  # where people moved from and to
        row.update(
            origin_text=claim.origin_text,
            origin_admin1_pcode=claim.origin_admin1_pcode,
            destination_text=claim.destination_text,
            destination_admin1_pcode=claim.destination_admin1_pcode,
        )
    if record.name == "strain_level":
        row.update(strain_level=claim.status, strain_basis="stated")
    return row


@cache
def _column_names(table: str) -> frozenset[str]:
    return frozenset(c.name for c in columns(table))


def source_row(report: Report) -> dict[str, object]:
    if not report.publisher:
        raise InputError(
            f"{report.name}: no publisher: give one in the front matter "
            "('publisher: OCHA') or with --publisher"
        )
    return {
        "source_id": report.source_id,
        "publisher": report.publisher,
        "title": report.title,
        "url": report.url,
        "published": report.published,
        "language": report.language,
        "source_type": "other",
        "reliability": "unrated",
        "text_sha256": report.sha256,
        "notes": f"ingested from {report.name}",
    }


@dataclass(frozen=True)
class Ingested:
    """What ingesting one report did."""

    report: str
    source_id: str
    new: bool
    claims: dict[str, int]
    warnings: int


def ingest(store, report: Report, *, actor: str, deadline: Deadline | None = None) -> Ingested:
    """Store the report's text and its claims, pending review; the same text twice: nothing.
    Past ``deadline`` nothing is stored and an :class:`InputError` says so."""
    from indicators.store import TableWrite

    if report.source_id in store.context("sources").source_ids:
        return Ingested(report.name, report.source_id, False, {}, 0)
    source = validate(rows_as_table([source_row(report)], report.name), "sources")
    if not source.ok:
        raise InputError("\n".join(source.lines()))
    writes = [TableWrite("sources", source.frame)]
    claims = claims_of(report, deadline=deadline)
    counts: dict[str, int] = {}
    context = StoreContext(extra_source_ids={report.source_id})
    for table in CLAIM_TABLE_NAMES:
        rows = []
        for claim in claims:
            if claim.table == table:
                rows.append(table_row(claim, report.source_id, report.countries))
                if deadline is not None:
                    deadline.check("Checking the report's figures")
        if not rows:
            continue
        checked = validate(rows_as_table(rows, f"{report.name} ({table})"), table, context)
        if not checked.ok:  # the extractor made a row the rules refuse: a bug, said plainly
            raise StoreError("the extractor produced invalid rows:\n" + "\n".join(checked.lines()))
        writes.append(TableWrite(table, checked.frame, checked.warnings))
        counts[table] = len(rows)
        if deadline is not None:
            deadline.check("Checking the report's figures")
    result = store.write(
        writes,
        actor=actor,
        action="ingest",
        details={"report": report.name},
        texts=[
            (report.source_id, report.text, report.sha256, report.file_sha256, report.file_kind)
        ],
    )
    return Ingested(report.name, report.source_id, True, counts, result.warnings)
