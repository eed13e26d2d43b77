"""The core command line: validate, import and export tables (``impact-monitor --help``).

The dashboard package adds ``serve``; this module imports no UI code.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from indicators.cli_alerts import add_commands as add_alert_commands
from indicators.cli_places import add_commands as add_place_commands
from indicators.cli_reports import add_commands as add_report_commands
from indicators.cli_store import add_commands as add_store_commands
from indicators.cli_users import add_commands as add_user_commands
from indicators.errors import ImpactMonitorError, InputError
from indicators.formats import FORMATS
from indicators.origin import origin
from indicators.paths import default_store_url, sqlite_file
from indicators.vocab import TABLE_NAMES as TABLES

if TYPE_CHECKING:
    from indicators.store import Store
    from indicators.validation import StoreContext, ValidationReport

# Everything beyond argparse (pandas, pandera, SQLAlchemy, the store, exports) is imported by
# the command that uses it: `--help` answers at once, and `validate` reads its file while
# pandera loads. tests/test_cli.py keeps it so.


def default_actor() -> str:
    """Who the audit log names for a command: the operating-system login, marked as the
    command line (whoever runs a command can already read the store's file or database)."""
    try:
        login = getpass.getuser()
    except OSError:
        login = "unknown"
    return f"{login} (command line)"


def build_parser(
    extend: Callable[[argparse._SubParsersAction], None] | None = None,
) -> argparse.ArgumentParser:
    """The parser for the core commands; ``extend`` may add sub-commands of its own."""
    parser = argparse.ArgumentParser(
        prog="impact-monitor",
        description="Humanitarian-impact figures with their sources: validate, import, "
        "export and serve indicator tables.",
    )
    parser.add_argument(
        "--database",
        default=None,
        metavar="URL",
        help="store address (default: $DATABASE_URL, else the SQLite file "
        "impact-monitor.sqlite in the project folder)",
    )
    parser.add_argument(
        "--actor",
        default=None,
        help="a note kept with the audit entry (who asked for the change); the entry names "
        "your operating-system login",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a CSV, HXL CSV or XLSX table; write nothing")
    p.add_argument("file", type=Path)
    p.add_argument("--table", required=True, choices=TABLES)
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser(
        "import",
        help="validate a table, then store all its rows or none; a table as its publisher "
        "publishes it (WHO's attacks on health care...) is recognised and read through its "
        "mapping",
    )
    p.add_argument("file", type=Path)
    p.add_argument(
        "--table", choices=TABLES, help="the project's own table the file holds (else recognised)"
    )
    p.add_argument(
        "--mapping",
        metavar="NAME",
        help="read the file with this mapping (a built-in one's name, or a mapping file); "
        "without it the layout is recognised",
    )
    p.add_argument(
        "--country", metavar="ISO3", help="through a mapping: keep only this country's rows"
    )
    p.add_argument(
        "--accept",
        action="store_true",
        help="record the claims as accepted by you (your login), now; without it they wait "
        "for review. Review fields in the file are never kept",
    )
    p.add_argument(
        "--no-default-data",
        action="store_true",
        help="when the store is new, do not fill it with the default data",
    )
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("export", help="write a table, whole or filtered, to a file")
    p.add_argument("--table", required=True, choices=TABLES)
    p.add_argument("--format", required=True, choices=list(FORMATS))
    p.add_argument(
        "--admin1",
        action="append",
        default=[],
        metavar="CODE",
        help="keep claims about this governorate p-code (repeatable)",
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="period overlaps from")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="period overlaps until")
    p.add_argument("--country", metavar="ISO3", help="keep claims about this country (SYR)")
    p.add_argument(
        "--all-statuses",
        action="store_true",
        help="include pending, rejected and superseded claims (default: accepted)",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        help="the file; a CSV whose sources set a licence or attribution gets FILE"
        ".attribution.txt beside it; a name ending in .zip holds the file and that text",
    )
    p.set_defaults(run=cmd_export)
    add_report_commands(sub)
    add_alert_commands(sub)
    add_place_commands(sub)
    add_user_commands(sub)
    add_store_commands(sub)
    if extend is not None:
        extend(sub)
    return parser


def main(argv: Sequence[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    """Run a command; a user error prints one sentence to stderr and returns non-zero."""
    parser = parser or build_parser()
    args = parser.parse_args(argv)
    args.database = args.database or default_store_url()
    note, args.actor = args.actor, default_actor()  # --actor is a note, never an identity
    try:
        with origin(via="command line", note=note):
            return args.run(args)
    except ImpactMonitorError as err:
        print(f"impact-monitor: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - open until the process ends
        return 0


# -- commands --------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    from indicators.tabular import read_table

    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = pool.submit(read_table, args.file)  # Arrow reads while pandera loads
        from indicators.validation import validate

        context = _existing_store_context(args.database, args.table)
        raw = reading.result()
    report = validate(raw, args.table, context)
    _print_report(report)
    if context is None:
        print("(no store found: ids were checked within the file only)")
    return 0 if report.ok else 1


def cmd_import(args: argparse.Namespace) -> int:
    from indicators.defaults import open_store
    from indicators.layouts import layout_of, recognise
    from indicators.mapping import named
    from indicators.tabular import read_table

    raw = read_table(args.file)
    if args.table and not args.mapping:
        layout = None
    else:
        layout = layout_of(raw, named(args.mapping)) if args.mapping else recognise(raw)
        print(f"{args.file.name}: {layout.describe()}")
        if layout.mapping is None and layout.own_table is None:
            from indicators.mapping import builtin

            known = ", ".join(m.name for m in builtin())
            print(
                f"{args.file.name}: nothing was imported; name the project's table with "
                f"--table, or a mapping with --mapping (built in: {known})",
                file=sys.stderr,
            )
            return 1
        if layout.mapping is None:
            args.table = layout.own_table
    with open_store(
        args.database, fill_defaults=not args.no_default_data, actor=args.actor
    ) as store:
        if layout is not None and layout.mapping is not None:
            return _import_mapped(store, raw, layout.mapping, args)
        return _import(store, raw, args)


def _import_mapped(store: Store, raw, mapping, args: argparse.Namespace) -> int:
    from indicators.mapped_import import import_mapped

    done = import_mapped(
        store,
        raw,
        mapping,
        actor=args.actor,
        accept=args.accept,
        country=(args.country or "").upper() or None,
        details={"file": str(args.file)},
    )
    if done.nothing_new:
        print(f"nothing new to import: {done.counts()}")
        return 0
    if not done.written:
        for line in done.problems:
            print(line, file=sys.stderr)
        for report in done.reports.values():
            _print_report(report)
        print(f"nothing was written to {store.display_url}", file=sys.stderr)
        return 1
    for line in done.lines():
        print(line)
    skipped = f"; {done.skipped} rows of other countries skipped" if done.skipped else ""
    added = f" with its source '{mapping.source['source_id']}'" if done.source_added else ""
    print(
        f"imported into '{mapping.table}'{added} at "
        f"{store.display_url} (batch {done.result.batch_id}{skipped}): {done.counts()}"
    )
    return 0


def _import(store: Store, raw, args: argparse.Namespace) -> int:
    from indicators.table_import import import_table

    done = import_table(
        store,
        raw,
        args.table,
        actor=args.actor,
        accept=args.accept,
        details={"file": str(args.file)},
    )
    report = done.report
    note = done.compared.review_note() if done.compared is not None else None
    if done.nothing_new:
        print(f"nothing new to import: {done.counts()}")
        if note:
            print(note)
        return 0
    if not done.written:
        _print_report(report)
        print(f"nothing was written to {store.display_url}", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    print(
        f"imported {done.result.rows.get(args.table, 0)} rows into '{args.table}' at "
        f"{store.display_url} (batch {done.result.batch_id}, {done.result.warnings} warnings "
        f"kept): {done.counts()}"
    )
    if note:
        print(note)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from indicators import exports
    from indicators.defaults import open_store
    from indicators.formats import render

    filters = exports.parse_filter(
        args.admin1,
        args.date_from,
        args.date_to,
        None if args.all_statuses else ("accepted",),
        args.country,
    )
    with open_store(args.database, actor=args.actor) as store:
        export = exports.collect(store, args.table, filters)
    payload = render(export, args.format)
    written = _write_export(args.output, export, args.format, payload)
    print(f"wrote {len(export.frame)} rows of '{args.table}' to {args.output} ({args.format})")
    if written:
        print(f"what to cite (licence and attribution of the sources) is in {written}")
    return 0


def _write_export(output: Path, export, fmt: str, payload: bytes) -> str | None:
    """Write the export; a CSV whose sources set terms or ask to be cited gets its companion
    text beside it, and a name ending in .zip packs the file and that text together. Returns
    where the attribution went, when it went apart from the file's own contents."""
    from indicators.attribution import COMPANION_SUFFIX, bundle, companion_text, credits
    from indicators.formats import get

    inside = fmt in ("xlsx", "json")  # their sources and about sheet, their meta
    files: dict[Path, bytes] = {}
    if output.suffix.lower() == ".zip":
        name = (
            output.stem if output.stem.endswith(get(fmt).suffix) else output.stem + get(fmt).suffix
        )
        files[output] = bundle(name, payload, companion_text(export, name))
        where = f"{output} ({name}{COMPANION_SUFFIX})"
    else:
        files[output] = payload
        where = None
        if not inside and credits(export.sources):
            companion = output.with_name(output.name + COMPANION_SUFFIX)
            files[companion] = companion_text(export, output.name).encode("utf-8")
            where = str(companion)
    for path, body in files.items():
        try:
            path.write_bytes(body)
        except OSError as err:
            raise InputError(f"cannot write {path}: {err.strerror}") from err
    return where


# -- helpers ---------------------------------------------------------------------------------


def _print_report(report: ValidationReport) -> None:
    for line in report.lines():
        print(line)
    print(report.summary())


def _existing_store_context(url: str, table: str) -> StoreContext | None:
    """What an existing, current store holds; None when there is none (nothing is created)."""
    file = sqlite_file(url)
    if url.startswith("sqlite") and (file is None or not file.exists()):
        return None
    from indicators.store import Store

    with Store(url) as store:
        try:
            if store.revision() != Store.head_revision():
                return None
            return store.context(table)
        except Exception:
            return None
