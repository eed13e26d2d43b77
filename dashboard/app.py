"""The Dash application. Until the full dashboard lands, one page: the tables and their rows."""

from __future__ import annotations

import pandas as pd
from dash import Dash, html

from indicators.store import Store

TITLE = "impact-monitor"


def create_app(store: Store) -> Dash:
    """A Dash app over ``store``; every asset is served from this server (no CDN)."""
    app = Dash(
        "dashboard",
        title=TITLE,
        serve_locally=True,
        update_title=None,
    )
    app.layout = lambda: overview_layout(store)
    return app


def overview_layout(store: Store) -> html.Div:
    """The tables the store holds, with their row counts by review status."""
    summary = store.summary()
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
                    html.Td(_when(d.get("last_change"))),
                ],
                id=f"overview-row-{d['table']}",
            )
        )
    return html.Main(
        [
            html.H1(TITLE),
            html.P(
                "Humanitarian-impact figures with their sources. Tables held in the store "
                f"at {store.display_url}:"
            ),
            html.Div(
                html.Table(
                    [
                        html.Thead(html.Tr([html.Th(h, className=c) for h, c in header])),
                        html.Tbody(body),
                    ],
                    id="overview-tables",
                ),
                className="table-wrap",
            ),
            html.P(
                [
                    "Charts, alerts and downloads come with the dashboard. Meanwhile, a "
                    "table can be downloaded from the command line: ",
                    html.Code(
                        "impact-monitor export --table casualties --format xlsx -o casualties.xlsx"
                    ),
                ],
                className="hint",
            ),
        ]
    )


def _count(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,}"


def _when(value: object) -> str:
    return "—" if value is None or pd.isna(value) else str(value)[:16]
