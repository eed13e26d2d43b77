"""The default tables a new store is filled from (data/default), validated like any import."""

from __future__ import annotations

from indicators.errors import StoreError
from indicators.paths import default_tables_dir
from indicators.schemas import TABLES
from indicators.tabular import read_table
from indicators.validation import StoreContext, validate


def default_writes() -> list:
    """The default tables as validated writes, sources first; raise if any row is invalid."""
    from indicators.store.store import TableWrite

    folder = default_tables_dir()
    writes: list[TableWrite] = []
    sources: set[str] = set()
    for table in TABLES:
        path = folder / f"{table}.csv"
        report = validate(read_table(path), table, StoreContext(extra_source_ids=sources))
        if not report.ok:
            lines = "\n".join(report.lines()[:20])
            raise StoreError(f"the default table {path} is invalid:\n{lines}")
        if table == "sources":
            sources = set(report.frame["source_id"])
        writes.append(TableWrite(table, report.frame, report.warnings))
    return writes
