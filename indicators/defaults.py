"""The default tables a new store is filled from (data/default), validated like any import."""

from __future__ import annotations

from indicators.errors import StoreError
from indicators.paths import default_tables_dir, seeds_dir
from indicators.reports import read_report
from indicators.schemas import TABLES
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


def default_rules() -> list:
    """The default alert rules (data/default/alert-rules.yaml), each checked."""
    import yaml

    from indicators.alerts.rules import AlertRule, check

    path = default_tables_dir() / "alert-rules.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = []
    for entry in entries:
        for key in ("scope_admin1", "scope_admin2"):
            if key in entry:
                entry[key] = tuple(entry[key])
        out.append(check(AlertRule(**entry)))
    return out
