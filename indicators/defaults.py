"""The default data a new store is filled from (data/default), validated like any import.

The store knows nothing of it: the command line and ``serve`` open a store through
:func:`open_store`, which fills a store the moment it is created, in the creating
transaction.
"""

from __future__ import annotations

import sqlalchemy as sa
import yaml

from indicators.alerts.lifecycle import save_rule
from indicators.alerts.rules import AlertRule, check
from indicators.errors import StoreError
from indicators.paths import default_tables_dir, seeds_dir
from indicators.reports import read_report
from indicators.schemas import TABLES
from indicators.store import Store, TableWrite
from indicators.tabular import read_table
from indicators.validation import StoreContext, validate


def default_texts(sources) -> list[tuple[str, str, str]]:
    """(source id, text, SHA-256) of every seed report the default sources cite."""
    wanted = dict(
        zip(
            sources["text_sha256"].dropna(),
            sources.dropna(subset=["text_sha256"])["source_id"],
            strict=True,
        )
    )
    texts = []
    for path in sorted(seeds_dir().glob("*.txt")):
        report = read_report(path)
        if report.sha256 in wanted:
            texts.append((wanted[report.sha256], report.text, report.sha256))
    return texts


def default_writes() -> list[TableWrite]:
    """The default tables as validated writes, sources first; raise if any row is invalid."""
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


def default_rules() -> list[AlertRule]:
    """The default alert rules (data/default/alert-rules.yaml), each checked."""
    path = default_tables_dir() / "alert-rules.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = []
    for entry in entries:
        for key in ("scope_admin1", "scope_admin2"):
            if key in entry:
                entry[key] = tuple(entry[key])
        out.append(check(AlertRule(**entry)))
    return out


def fill(store: Store, conn: sa.Connection, *, actor: str = "impact-monitor") -> None:
    """Write the default tables, the seed texts they cite and the default rules over
    ``conn`` (the transaction that created the store)."""
    writes = default_writes()
    store.write_on(
        conn, writes, actor=actor, action="load_defaults", details={"from": "data/default"}
    )
    store.store_texts(conn, default_texts(writes[0].frame))
    for rule in default_rules():
        save_rule(store, rule, actor=actor, conn=conn)


def open_store(
    url: str | None = None, *, fill_defaults: bool = True, actor: str = "impact-monitor"
) -> Store:
    """Open (and migrate) the store at ``url``; a new one is filled with the default data
    unless ``fill_defaults`` is False."""
    if not fill_defaults:
        return Store.open(url)
    return Store.open(url, on_create=lambda store, conn: fill(store, conn, actor=actor))
