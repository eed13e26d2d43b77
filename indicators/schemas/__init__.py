"""The indicator tables as pandera models, and what each column means."""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from indicators import vocab
from indicators.schemas.casualties import CasualtiesModel
from indicators.schemas.displacement import DisplacementModel
from indicators.schemas.hospital_strain import HospitalStrainModel
from indicators.schemas.sources import SourcesModel

MODELS: dict[str, type[pa.DataFrameModel]] = {
    "sources": SourcesModel,
    "casualties": CasualtiesModel,
    "displacement": DisplacementModel,
    "hospital_strain": HospitalStrainModel,
}
CLAIM_TABLES = vocab.CLAIM_TABLE_NAMES
assert tuple(MODELS) == vocab.TABLE_NAMES
EXPORT_ONLY_COLUMNS: dict[str, tuple[str, str]] = {
    "source_publisher": ("Publisher of the source (from the sources table).", "#meta+source"),
    "source_url": ("Address of the source (from the sources table).", "#meta+url"),
}
"""Columns a claim table gains when exported; an import of that file ignores them."""
READER_ONLY_COLUMNS: dict[str, str] = {
    "figure": "The figure in words: qualifier, value and range as the source gave them.",
}
"""Columns a workbook's data sheet adds for its reader (made from the value columns); an
import of that workbook ignores them."""
TABLES = tuple(MODELS)


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table as users and code see it."""

    name: str
    dtype: str
    nullable: bool
    description: str
    hxl: str
    hxl_formerly: tuple[str, ...]
    input: str
    default: object
    allowed: tuple[str, ...] | None
    unique: bool


def columns(table: str) -> list[ColumnSpec]:
    """The columns of ``table`` in order, with descriptions, HXL tags and input rules."""
    schema = MODELS[table].to_schema()
    specs = []
    for name, col in schema.columns.items():
        meta = col.metadata or {}
        allowed = None
        for check in col.checks:
            if check.name == "isin":
                allowed = tuple(check.statistics["allowed_values"])
        specs.append(
            ColumnSpec(
                name=name,
                dtype=str(col.dtype),
                nullable=col.nullable,
                description=col.description or "",
                hxl=meta.get("hxl", ""),
                hxl_formerly=tuple(meta.get("hxl_formerly", ())),
                input=meta.get("input", ""),
                default=meta.get("default"),
                allowed=allowed,
                unique=col.unique,
            )
        )
    return specs


def check_table_name(table: str) -> str:
    """Return ``table`` if it names a table, else raise with the list of tables."""
    if table not in MODELS:
        from indicators.errors import InputError

        raise InputError(f"unknown table '{table}': choose one of {', '.join(TABLES)}")
    return table
