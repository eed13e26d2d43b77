"""Command-line verbs for report text: ingest, extract, review and evaluate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from indicators.errors import InputError
from indicators.vocab import CLAIM_TABLE_NAMES, REVIEW_STATUSES

REPORT_OPTIONS = ("published", "publisher", "url", "title", "language")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ingest, extract, review and evaluate on the main parser."""
    p = sub.add_parser("ingest", help="store reports and their figures, pending review")
    _report_arguments(p)
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("extract", help="print the figures reports state; store nothing")
    _report_arguments(p)
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser("review", help="list, accept, correct or reject extracted claims")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    v = verbs.add_parser("list", help="claims waiting for review, with their sentence")
    v.add_argument("--table", choices=CLAIM_TABLE_NAMES)
    v.add_argument("--status", default="pending", choices=REVIEW_STATUSES)
    v.set_defaults(run=cmd_review_list)
    for name, status in (("accept", "accepted"), ("reject", "rejected")):
        v = verbs.add_parser(name, help=f"mark claims {status}")
        v.add_argument("claim_ids", nargs="+", metavar="CLAIM_ID")
        v.add_argument("--reason", help="why (kept in the audit log)")
        v.set_defaults(run=cmd_review_status, status=status)
    v = verbs.add_parser("held", help="accepted tolls held off the headline, and why")
    v.set_defaults(run=cmd_review_held)
    v = verbs.add_parser("release", help="let held tolls count as they stand")
    v.add_argument("claim_ids", nargs="+", metavar="CLAIM_ID")
    v.add_argument("--reason", help="why (kept in the audit log)")
    v.set_defaults(run=cmd_review_release)
    v = verbs.add_parser("correct", help="accept a corrected copy; the original is kept")
    v.add_argument("claim_id")
    v.add_argument(
        "--set",
        dest="changes",
        action="append",
        required=True,
        metavar="COLUMN=VALUE",
        help="a corrected cell (repeatable)",
    )
    v.set_defaults(run=cmd_review_correct)

    p = sub.add_parser("evaluate", help="score the extractor against a gold file")
    p.add_argument("gold", type=Path, metavar="GOLD.csv")
    p.add_argument("reports_dir", type=Path, metavar="REPORTS_DIR")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=cmd_evaluate)


def _report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("reports", nargs="+", type=Path, metavar="REPORT")
    p.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD)")
    p.add_argument("--publisher")
    p.add_argument("--url")
    p.add_argument("--title")
    p.add_argument("--language", metavar="CODE")


def _read(args: argparse.Namespace, path: Path):
    from indicators.reports import read_report

    return read_report(path, **{k: getattr(args, k) for k in REPORT_OPTIONS})


def cmd_extract(args: argparse.Namespace) -> int:
    import pandas as pd

    from indicators.report_ingest import EXTRACT_COLUMNS, claims_of, listing

    frames = []
    for path in args.reports:
        report = _read(args, path)
        frames.append(listing(report, claims_of(report)))
    table = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=list(EXTRACT_COLUMNS))
    )
    if args.format == "json":
        records = json.loads(table.to_json(orient="records", date_format="iso"))
        for record in records:
            for key in ("date_start", "date_end"):
                if record[key]:
                    record[key] = record[key][:10]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        from indicators.exports import neutralise

        text = table.select_dtypes(exclude="number").columns
        table[text] = table[text].map(neutralise)  # a quote starting with = stays text
        table.to_csv(sys.stdout, index=False, lineterminator="\n", float_format="%.15g")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from indicators.defaults import open_store
    from indicators.report_ingest import ingest

    reports = [_read(args, path) for path in args.reports]  # every file read before writing
    with open_store(args.database, actor=args.actor) as store:
        for report in reports:
            done = ingest(store, report, actor=args.actor)
            if not done.new:
                print(f"{done.report}: already ingested as {done.source_id}; nothing changed")
                continue
            counts = ", ".join(f"{n} {t}" for t, n in done.claims.items()) or "no figures"
            print(f"{done.report}: stored as {done.source_id}; pending review: {counts}")
    return 0


def cmd_review_list(args: argparse.Namespace) -> int:
    from indicators.defaults import open_store
    from indicators.review import claims

    with open_store(args.database, actor=args.actor) as store:
        rows = claims(store, statuses=(args.status,), table=args.table)
        if rows.empty:
            print(f"no {args.status} claims")
            return 0
        for row in rows.itertuples(index=False):
            value = _value(row)
            place = next(
                (p for p in (row.admin1_pcode, row.admin1_pcodes_spanned) if _known(p)),
                row.place_precision,
            )
            day = row.date_end.date().isoformat() if _known(row.date_end) else "date unknown"
            print(f"{row.claim_id}  {row.table}  {_what(row)}  {value}  {place}  {day}")
            if _known(row.quote):
                print(f'    "{_marked(row.quote, row.value_text)}"')
        print(f"{len(rows)} {args.status} claims")
    return 0


def cmd_review_status(args: argparse.Namespace) -> int:
    from indicators.defaults import open_store
    from indicators.review import set_status

    with open_store(args.database, actor=args.actor) as store:
        n = set_status(store, args.claim_ids, args.status, actor=args.actor, reason=args.reason)
    print(f"{n} claims {args.status} by {args.actor}")
    return 0


def cmd_review_held(args: argparse.Namespace) -> int:
    from indicators.defaults import open_store
    from indicators.review import held

    with open_store(args.database, actor=args.actor) as store:
        rows = held(store)
    for row in rows.itertuples(index=False):
        print(f"{row.claim_id}  {row.table}  {_what(row)}  {_value(row)}")
        print(f"    {row.held_reason}")
    print(f"{len(rows)} held claims" + (" (release: review release CLAIM_ID)" if len(rows) else ""))
    return 0


def cmd_review_release(args: argparse.Namespace) -> int:
    from indicators.defaults import open_store
    from indicators.review import release

    with open_store(args.database, actor=args.actor) as store:
        n = release(store, args.claim_ids, actor=args.actor, reason=args.reason)
    print(f"{n} claims released by {args.actor}: they count as they stand")
    return 0


def cmd_review_correct(args: argparse.Namespace) -> int:
    from indicators.defaults import open_store
    from indicators.review import correct

    changes = {}
    for item in args.changes:
        column, sep, value = item.partition("=")
        if not sep or not column.strip():
            raise InputError(f"--set '{item}': write COLUMN=VALUE")
        changes[column.strip()] = value.strip() or None
    with open_store(args.database, actor=args.actor) as store:
        new_id = correct(store, args.claim_id, changes, actor=args.actor)
    print(
        f"{args.claim_id} corrected as {new_id} (accepted by {args.actor}); "
        "the original is kept, superseded"
    )
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from indicators.evaluation import evaluate

    result = evaluate(args.gold, args.reports_dir)
    table = result.per_indicator
    if args.format == "json":
        payload = {
            "per_indicator": json.loads(table.reset_index().to_json(orient="records")),
            "place_accuracy": result.place_accuracy,
            "date_accuracy": result.date_accuracy,
            "qualifier_accuracy": result.qualifier_accuracy,
        }
        if result.per_phenomenon is not None:
            payload["per_phenomenon"] = json.loads(
                result.per_phenomenon.reset_index().to_json(orient="records")
            )
        print(json.dumps(payload, indent=1))
        return 0
    print(
        f"{'indicator':34} {'gold':>5} {'found':>5} {'match':>5} {'prec':>6} {'recall':>6} "
        f"{'F1':>6}"
    )
    for row in table.itertuples():
        name = row.Index
        print(
            f"{name:34} {row.gold:5d} {row.extracted:5d} {row.matched:5d} "
            f"{_pct(row.precision):>6} {_pct(row.recall):>6} {_pct(row.f1):>6}"
        )
    print(
        f"place accuracy {_pct(result.place_accuracy)}, date accuracy "
        f"{_pct(result.date_accuracy)}, qualifier accuracy "
        f"{_pct(result.qualifier_accuracy)} (over {result.matched} matched figures)"
    )
    if result.per_phenomenon is not None:
        print(
            f"\n{'phenomenon':34} {'gold':>5} {'found':>5} {'match':>5} {'prec':>6} "
            f"{'recall':>6} {'F1':>6} {'place':>6} {'date':>6}"
        )
        for row in result.per_phenomenon.itertuples():
            print(
                f"{row.Index:34} {row.gold:5d} {row.extracted:5d} {row.matched:5d} "
                f"{_pct(row.precision):>6} {_pct(row.recall):>6} {_pct(row.f1):>6} "
                f"{_pct(row.place_right):>6} {_pct(row.date_right):>6}"
            )
    return 0


def _pct(value: float | None) -> str:
    return "-" if value is None or value != value else f"{value:.2f}"


def _value(row) -> str:
    parts = [
        f"{n}={float(v):g}"
        for n, v in (("low", row.value_low), ("best", row.value_best), ("high", row.value_high))
        if _known(v)
    ]
    level = getattr(row, "strain_level", None)
    return " ".join(parts) or (level if _known(level) else "no number")


def _known(value: object) -> bool:
    import pandas as pd

    return value is not None and bool(pd.notna(value))


def _what(row) -> str:
    for column in ("outcome", "category", "measure"):
        value = getattr(row, column, None)
        if isinstance(value, str):
            return value
    return row.table


def _marked(quote: str, value_text: object) -> str:
    """The sentence with the figure between »«, as a reviewer needs to see it."""
    if isinstance(value_text, str) and value_text in quote:
        return quote.replace(value_text, f"»{value_text}«", 1)
    return quote
