"""The house's layers: the core stays free of UI code, no module imports a higher layer, and
no modules import each other in a circle. Imports inside functions count too: hiding an
import in a function does not change which layer depends on which."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS: tuple[tuple[str, ...], ...] = (
    # 0: words and records every layer shares; they import nothing of the project's above
    (
        "indicators",
        "indicators.errors",
        "indicators.paths",
        "indicators.origin",
        "indicators.vocab",
        "indicators.catalogue_words",
        "indicators.catalogue",
        "indicators.hxl",
        "indicators.arrowops",
        "indicators.limits",
    ),
    # 1: reading what comes in (places, table files, report files)
    (
        "indicators.countries",
        "indicators.place_folders",
        "indicators.name_lookup",
        "indicators.spellings",
        "indicators.places",
        "indicators.tabular",
        "indicators.report_files",
        "indicators.reports",
    ),
    # 2: what a table is and what a report says
    (
        "indicators.checks",
        "indicators.schemas",
        "indicators.parsing",
        "indicators.extraction",
        "indicators.mapping",
    ),
    # 3: validated tables, reconciled series, alert rules
    (
        "indicators.validation",
        "indicators.cell_checks",
        "indicators.series",
        "indicators.series_rows",
        "indicators.series_patch",
        "indicators.stories",
        "indicators.reader_tables",
        "indicators.alerts.rules",
        "indicators.alerts.states",
        "indicators.alerts.wording",
        "indicators.layouts",
    ),
    # 4: computations over tables: evaluation, trends, snapshots, export writers
    (
        "indicators.alerts.grid",
        "indicators.alerts.evaluate",
        "indicators.alerts.strain_states",
        "indicators.trends",
        "indicators.strain",
        "indicators.strain_rule",
        "indicators.strain_evidence",
        "indicators.strain_history",
        "indicators.breakdown",
        "indicators.attribution",
        "indicators.exports",
        "indicators.strain_table",
        "indicators.columnar",
    ),
    # 5: the store reads and writes tables and runs migrations; nothing more
    ("indicators.store",),
    # 6: services above the store
    (
        "indicators.review",
        "indicators.alerts.lifecycle",
        "indicators.report_ingest",
        "indicators.table_import",
        "indicators.reimport",
        "indicators.mapped_import",
        "indicators.accounts",
        "indicators.audit_log",
    ),
    # 7: steps, registries and the read model that commands and pages call
    (
        "indicators.defaults",
        "indicators.evaluation",
        "indicators.formats",
        "indicators.read_model",
        "indicators.alerts.upkeep",
    ),
    # 8: the command line
    (
        "indicators.cli_alerts",
        "indicators.cli_reports",
        "indicators.cli_places",
        "indicators.cli_users",
        "indicators.cli_store",
        "indicators.cli",
    ),
    # 9: the dashboard, above the whole core
    ("dashboard",),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in ("indicators", "dashboard"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The project modules ``path`` imports, wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from indicators import catalogue" imports the module indicators.catalogue
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names
            ]
        else:
            continue
        for target in names:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
    return targets


def _layer(module: str) -> int:
    best = (-1, -1)  # (length of the matching prefix, layer)
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                best = max(best, (len(prefix), number))
    if best[1] < 0:
        raise AssertionError(f"{module} has no layer: add it to LAYERS in {__file__}")
    return best[1]


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, name, known) for name, path in modules.items()}


def test_every_module_has_a_layer() -> None:
    for module in _graph():
        _layer(module)


def test_no_module_imports_a_higher_layer() -> None:
    upward = [
        f"{source} (layer {_layer(source)}) imports {target} (layer {_layer(target)})"
        for source, targets in _graph().items()
        for target in sorted(targets)
        if _layer(target) > _layer(source)
    ]
    assert upward == []


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    circles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                circles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return circles


def test_no_modules_import_each_other_in_a_circle() -> None:
    # a package's __init__ re-exporting its own modules is not a circle of layers
    graph = {
        source: {t for t in targets if not (t.startswith(source + "."))}
        for source, targets in _graph().items()
    }
    assert _circles(graph) == []


def test_the_checks_above_can_fail() -> None:
    graph = {"indicators.store.store": {"indicators.defaults"}, "indicators.defaults": set()}
    assert _layer("indicators.store.store") < _layer("indicators.defaults")
    assert _circles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]
    assert any(_layer(t) > _layer(s) for s, ts in graph.items() for t in ts)


def test_the_core_imports_no_dash_or_plotly() -> None:
    code = (
        "import sys, indicators.cli, indicators.exports, indicators.store, indicators.defaults, "
        "indicators.alerts.evaluate, indicators.alerts.lifecycle, indicators.formats, "
        "indicators.extraction.extractor, indicators.report_ingest, indicators.evaluation, "
        "indicators.trends, indicators.read_model, indicators.review, indicators.table_import;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dash', 'plotly', "
        "'dashboard'));"
        "print(','.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"indicators imported: {result.stdout}{result.stderr}"


@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["alerts", "--help"]])
def test_help_imports_nothing_heavy(argv: list[str]) -> None:
    """`impact-monitor --help` and a verb's help answer without pandas, SQLAlchemy, Dash or
    plotly: every verb imports only what it uses, when it runs."""
    code = (
        "import sys\n"
        "from dashboard.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('pandas', 'sqlalchemy', 'dash', 'plotly', 'pyarrow', 'pandera', 'numpy')\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))), "
        "file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "usage: impact-monitor" in result.stdout
    assert result.stderr.strip() == ""
