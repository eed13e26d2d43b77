"""Audit (admins): every change, who made it, when and from where."""

from __future__ import annotations

from datetime import date

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import audit_view as view
from dashboard import auth, state
from dashboard import components as ui
from indicators import audit_log

dash.register_page(__name__, path="/audit", name="Audit", order=7, admin_only=True)


def layout(**params):
    who = auth.current()
    if refusal := ui.refused(who, "admin", "look at the audit log"):
        return html.Div([html.H1("Audit log"), refusal])
    people, tables = audit_log.choices(state.store())
    return html.Div(
        [
            html.H1("Audit log"),
            html.P(
                "Every change to the store: who made it (an account, or a login on the "
                "command line), when, from which address, and what it changed.",
                className="hint",
            ),
            html.Div(
                [
                    ui.labelled(
                        "Person",
                        dcc.Dropdown(id="audit-actor", options=people, placeholder="anyone"),
                        "filter",
                    ),
                    ui.labelled(
                        "Table",
                        dcc.Dropdown(id="audit-table-name", options=tables, placeholder="any"),
                        "filter",
                    ),
                    ui.labelled(
                        "Day",
                        dcc.DatePickerSingle(
                            id="audit-day", display_format="D MMM YYYY", clearable=True
                        ),
                        "filter narrow",
                    ),
                ],
                className="filters",
            ),
            dcc.Loading(html.Div(id="audit-entries"), delay_show=300),
        ]
    )


@callback(
    Output("audit-entries", "children"),
    Input("audit-actor", "value"),
    Input("audit-table-name", "value"),
    Input("audit-day", "date"),
)
def show(actor, table, day):
    who = auth.current()  # from the session: the view refuses anyone but an admin
    return view.view(who, actor, table, date.fromisoformat(day[:10]) if day else None)
