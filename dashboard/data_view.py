"""What the Data page shows and does, as plain functions (tests call them without an app):
the tables' counts, a table to browse with its download links, and an uploaded table
imported all or nothing."""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path

import pandas as pd
from dash import html

from dashboard import components as ui
from dashboard import state
from dashboard.api import table_address
from indicators import trends
from indicators.accounts import Account
from indicators.attribution import BUNDLE_SUFFIX, COMPANION_SUFFIX, credits
from indicators.errors import InputError, StoreError
from indicators.formats import FORMATS
from indicators.layouts import recognise
from indicators.limits import MAX_UPLOAD_MB, Deadline
from indicators.mapped_import import import_mapped
from indicators.mapping import builtin
from indicators.schemas import READER_ONLY_COLUMNS, columns
from indicators.table_import import import_table
from indicators.tabular import read_table

BROWSE_LIMIT = 1_000
"""Rows sent to the browser for browsing; downloads always hold every row."""


def summary_table() -> html.Div:
    """The tables the store holds, with their rows by review status."""
    summary = state.summary()
    header = [
        ("Table", ""),
        ("Rows", "num"),
        ("Accepted", "num"),
        ("Pending", "num"),
        ("Rejected", "num"),
        ("Superseded", "num"),
        ("Warnings", "num"),
        ("Last change (UTC)", ""),
    ]
    body = []
    for row in summary.itertuples(index=False):
        d = row._asdict()
        body.append(
            html.Tr(
                [
                    html.Td(d["table"].replace("_", " ")),
                    html.Td(f"{d['rows']:,}", className="num"),
                    *[
                        html.Td(_count(d.get(key)), className="num")
                        for key in ("accepted", "pending", "rejected", "superseded", "warnings")
                    ],
                    html.Td("—" if pd.isna(d.get("last_change")) else str(d["last_change"])[:16]),
                ],
                id=f"summary-row-{d['table']}",
            )
        )
    return html.Div(
        html.Table(
            [html.Thead(html.Tr([html.Th(h, className=c) for h, c in header])), html.Tbody(body)],
            id="data-summary",
        ),
        className="table-wrap",
    )


def _count(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,}"


GRID_WIDTHS = {
    "location_text": 190,
    "admin1_pcode": 90,
    "admin2_pcode": 90,
    "country": 80,
    "figure": 170,
    "date_end": 110,
    "source_publisher": 150,
}
"""Columns sized so place, indicator, figure, day, source and quote fit one screen."""


def browse(table: str, admin1, start, end, country=None):
    """Rows to browse, the column definitions, a count line and the download links."""
    from indicators.exports import build_export, for_readers, parse_filter

    try:
        filters = parse_filter(
            admin1 or [],
            (start or "")[:10] or None,
            (end or "")[:10] or None,
            country=country or None,
        )
    except InputError as err:
        return [], [], str(err), None
    snap = state.model()
    if table == "sources":
        first, total = snap.sources.head(BROWSE_LIMIT), len(snap.sources)
    else:  # which rows from the snapshot in memory, then only those rows from the store
        total, ids = trends.filtered_ids(
            snap,
            table,
            filters.admin1,
            filters.date_from,
            filters.date_to,
            BROWSE_LIMIT,
            filters.country,
        )
        first = state.store().read(table, claim_ids=ids, statuses=None)
    frame = for_readers(build_export(table, first, snap.sources, filters))
    shown = frame
    rows = shown.astype(object).where(shown.notna(), None)
    for name in rows.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[name]):
            rows[name] = shown[name].dt.strftime("%Y-%m-%d").where(shown[name].notna(), None)
    described = {c.name: c.description for c in columns(table)}
    described.update(READER_ONLY_COLUMNS)
    defs = [
        {"field": c, "headerName": c.replace("_", " "), "headerTooltip": described.get(c, "")}
        for c in frame.columns
    ]
    for d in defs:
        d.update(width=GRID_WIDTHS.get(d["field"], 130))
        if d["field"] == "quote":  # read whole, not cut off
            d.update(wrapText=True, autoHeight=True, width=380)
    if defs:
        defs[0]["pinned"] = "left"
    count = f"{total:,} rows" + (
        f"; the first {BROWSE_LIMIT:,} are shown here, downloads hold them all"
        if total > BROWSE_LIMIT
        else ""
    )
    filtered = bool(filters.admin1 or filters.date_from or filters.date_to or filters.country)
    links = [html.Strong("Download: ")]
    for fmt in FORMATS.values():
        links.append(
            html.A(
                fmt.label + (" (as filtered)" if filtered else ""),
                href=table_address(
                    table,
                    fmt.name,
                    filters.admin1,
                    filters.date_from,
                    filters.date_to,
                    filters.country,
                ),
                id=f"download-{fmt.name}",
            )
        )
    if filtered:
        links += [
            html.Br(),
            html.Span("Whole table: "),
            *[html.A(f.label, href=table_address(table, f.name)) for f in FORMATS.values()],
        ]
    links += [
        html.Br(),
        html.Small("These addresses are stable: Excel, R or HDX can pull them.", className="hint"),
        what_to_cite(table, filters),
    ]
    return rows.to_dict("records"), defs, count, links


def what_to_cite(table: str, filters) -> html.Div:
    """Beside the downloads: the licence and attribution of the sources of the rows they
    hold, and where a CSV's companion text (or the CSV packed with it) is."""
    snap = state.model()
    sources = snap.sources
    if table != "sources":
        ids = trends.cited_source_ids(
            snap, table, filters.admin1, filters.date_from, filters.date_to, filters.country
        )
        sources = sources[sources["source_id"].isin(ids)]
    cited = credits(sources)
    if not cited:
        return html.Div(
            html.Small(
                "None of the sources of these rows states a licence or an attribution line.",
                className="hint",
            ),
            id="data-attribution",
        )

    def address(fmt: str, extra: str) -> str:
        return table_address(
            table, fmt, filters.admin1, filters.date_from, filters.date_to, filters.country, extra
        )

    return html.Div(
        [
            html.Strong("What to cite when you use or pass on these rows: "),
            html.Ul([html.Li(c.line()) for c in cited]),
            html.Small(
                [
                    "Excel and JSON downloads carry these lines (about and sources sheets, "
                    "meta.attribution); a CSV stays a plain table, so take its ",
                    html.A(
                        "attribution text",
                        href=address("csv", COMPANION_SUFFIX),
                        id="download-attribution",
                    ),
                    " with it, or the ",
                    html.A("CSV", href=address("csv", BUNDLE_SUFFIX), id="download-csv-zip"),
                    " or ",
                    html.A("HXL CSV", href=address("hxl", BUNDLE_SUFFIX), id="download-hxl-zip"),
                    " packed with it in a zip.",
                ],
                className="hint",
            ),
        ],
        id="data-attribution",
        className="attribution",
    )


def _mapped_message(name: str, layout, mapped, accept: bool) -> html.Div:
    """What an upload read through a mapping did, in words."""
    said = f"{name}: {layout.describe()}."
    if mapped.nothing_new:
        return html.Div(
            f"{said} Nothing new to import: {mapped.counts()}.",
            className="banner ok",
            id="upload-ok",
        )
    if not mapped.written:
        lines = mapped.problems + mapped.lines()
        return html.Div(
            [
                html.Strong(f"{said} Nothing was written."),
                html.Ul([html.Li(line) for line in lines[:200]], id="upload-errors"),
                html.P(f"and {len(lines) - 200:,} more", className="hint")
                if len(lines) > 200
                else None,
            ],
            className="banner error",
            role="alert",
        )
    where = "accepted" if accept else "pending review (Review page)"
    skipped = f"; {mapped.skipped} rows of other countries skipped" if mapped.skipped else ""
    return html.Div(
        f"{said} Imported into '{layout.mapping.table}' ({where}){skipped}: {mapped.counts()}.",
        className="banner ok",
        id="upload-ok",
    )


def upload(
    contents: str | None, filename: str | None, table: str, who: Account | None, accept: bool
):
    """Validate and import an uploaded file as the signed-in account; the message."""
    if not contents:
        return None
    if missing := ui.refused(who, "review", "import"):
        return missing
    actor = who.username
    name = Path(filename or "upload.csv").name
    suffix = Path(name).suffix.lower()
    deadline = Deadline()
    comma = contents.find(",")
    sent = (len(contents) - comma - 1) * 3 // 4  # the size once decoded, before decoding
    if sent > MAX_UPLOAD_MB.bytes():
        return ui.error_box(
            f"Nothing was written. {MAX_UPLOAD_MB.over(sent / 2**20, subject=name)}"
        )
    try:
        data = base64.b64decode(contents[comma + 1 :], validate=True)
    except (binascii.Error, ValueError):
        return ui.error_box(f"{name}: the upload arrived damaged; try again.")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            raw = read_table(path, name=name)
            deadline.check(f"Reading {name}")
            layout = recognise(raw)
            if layout.mapping is not None:  # a table as its publisher publishes it
                mapped = import_mapped(
                    state.store(),
                    raw,
                    layout.mapping,
                    actor=actor,
                    accept=accept,
                    details={"via": "dashboard upload"},
                )
                if mapped.written:
                    state.after_write()
                return _mapped_message(name, layout, mapped, accept)
            if layout.own_table is None and not {"claim_id", "source_id"} & set(raw.header):
                known = ", ".join(m.label for m in builtin())
                return ui.error_box(
                    f"Nothing was written. {name}: {layout.describe()}. The layouts this "
                    f"dashboard reads are the project's own tables and {known}."
                )
            done = import_table(
                state.store(),
                raw,
                table,
                actor=actor,
                accept=accept,
                details={"via": "dashboard upload"},
                deadline=deadline,
            )
        except (InputError, StoreError) as err:
            return ui.error_box(f"Nothing was written. {err}")
    report = done.report
    note = done.compared.review_note() if done.compared is not None else None
    if done.nothing_new:
        return html.Div(
            f"{name}: nothing new to import: {done.counts()}." + (f" {note}." if note else ""),
            className="banner ok",
            id="upload-ok",
        )
    if done.written:
        state.after_write()
    if not done.written:
        errors = [i for i in report.issues if i.severity == "error"]
        items = [
            html.Tr(
                [
                    html.Td(str(i.row) if i.row is not None else ""),
                    html.Td(i.column or ""),
                    html.Td(i.value if i.value is not None else ""),
                    html.Td(f"{i.rule}: {i.message}"),
                ]
            )
            for i in sorted(errors, key=lambda i: (i.row or 0, i.column or ""))[:200]
        ]
        return html.Div(
            [
                html.Strong(f"{report.summary()}. Nothing was written."),
                html.Div(
                    html.Table(
                        [
                            html.Thead(
                                html.Tr([html.Th(h) for h in ("Row", "Column", "Value", "Problem")])
                            ),
                            html.Tbody(items),
                        ],
                        id="upload-errors",
                    ),
                    className="table-wrap",
                ),
                html.P(f"and {len(errors) - 200:,} more", className="hint")
                if len(errors) > 200
                else None,
            ],
            className="banner error",
            role="alert",
        )
    warned = len(report.warnings)
    where = "accepted" if accept else "pending review (Review page)"
    return html.Div(
        f"{name}: imported {done.result.rows.get(table, 0):,} rows into '{table}' ({where})"
        + (f"; {warned} warnings kept beside the rows" if warned else "")
        + (f": {done.counts()}" if done.compared is not None else "")
        + "."
        + (f" {note}." if note else ""),
        className="banner ok",
        id="upload-ok",
    )
