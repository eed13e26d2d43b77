"""The audit log for admins: who changed what, when and from where; filtered and downloaded.

Only an admin sees it (checked here, on the server, for the page and the download)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from dash import html

from dashboard import components as ui
from dashboard import state
from indicators import audit_log
from indicators.accounts import Account

SHOWN = 500


def address(actor: str | None, table: str | None, day: date | None) -> str:
    params = {"actor": actor or "", "table": table or "", "day": day.isoformat() if day else ""}
    kept = {k: v for k, v in params.items() if v}
    return "/api/v1/audit.csv" + ("?" + urlencode(kept) if kept else "")


def view(who: Account | None, actor: str | None, table: str | None, day: date | None):
    if refusal := ui.refused(who, "admin", "look at the audit log"):
        return refusal
    found = audit_log.entries(state.store(), actor, table, day)
    rows = [
        html.Tr(
            [
                html.Td(str(r.at)[:19]),
                html.Td(r.actor),
                html.Td(r.action),
                html.Td(r.table_name),
                html.Td(f"{int(r.row_count):,}"),
                html.Td(r.via or ""),
                html.Td(r.address or ""),
                html.Td(r.note or ""),
                html.Td(html.Code(r.details if len(r.details) <= 160 else r.details[:159] + "…")),
            ]
        )
        for r in found.head(SHOWN).itertuples(index=False)
    ]
    header = ["When (UTC)", "Who", "What", "Table", "Rows", "Via", "Address", "Note", "Details"]
    more = (
        f"; the newest {SHOWN} are shown, the download holds them all" if len(found) > SHOWN else ""
    )
    return html.Div(
        [
            html.P(
                [
                    f"{len(found):,} entries{more}. ",
                    html.A("Download as CSV", href=address(actor, table, day), id="audit-csv"),
                ],
                className="hint",
            ),
            html.Div(
                html.Table(
                    [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)],
                    id="audit-table",
                ),
                className="table-wrap",
            ),
        ]
    )
