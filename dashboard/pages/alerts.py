"""Alerts and thresholds: open alerts and their lifecycle, the history, and the threshold
editor (``dashboard.rule_editor``). Layout and callbacks only: what they show and do is
``dashboard.alerts_view``."""

from __future__ import annotations

from datetime import date, timedelta

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import alerts_view, auth, query, state, views
from dashboard import components as ui
from dashboard.rule_editor import editor, register_callbacks, rule_options, rules_view

dash.register_page(__name__, path="/alerts", name="Alerts", order=4)
register_callbacks()


def layout(**params):
    view = query.parse(params)
    as_of = views.as_of(view)
    first_open, history, rules, _ = contents(as_of, view.filters.country)
    return html.Div(
        [
            html.H1("Alerts and thresholds"),
            ui.problems(view),
            ui.as_of_banner(as_of, state.model().evaluator.newest_day()),
            dcc.Store(id="alerts-as-of", data=as_of.isoformat()),
            dcc.Store(id="alerts-refresh", data=0),
            ui.signed_in_as(auth.current(), "alerts", "change to an alert or a rule"),
            html.H2(
                "Open alerts"
                if state.is_live(as_of)
                else f"Alerts as they stood on {ui.day_text(as_of)}"
            ),
            html.Div(id="alerts-message", role="status"),
            html.Div(
                [
                    ui.country_picker(
                        "alerts-country",
                        view.filters.country,
                        every=True,
                        among=state.model().countries_reported,
                    ),
                    ui.only_for(
                        auth.current(),
                        "alerts",
                        [
                            html.Label("Comment or reason", htmlFor="alerts-comment"),
                            dcc.Input(id="alerts-comment", type="text", debounce=True),
                        ],
                        className="filter wide",
                    ),
                    ui.only_for(
                        auth.current(),
                        "alerts",
                        [
                            html.Label("Silence until", htmlFor="alerts-until"),
                            dcc.DatePickerSingle(
                                id="alerts-until",
                                date=as_of + timedelta(days=7),
                                display_format="D MMM YYYY",
                            ),
                        ],
                        className="filter narrow",
                    ),
                ],
                className="filters",
            ),
            dcc.Loading(html.Div(first_open, id="alerts-open"), delay_show=300),
            html.H2("Thresholds"),
            html.P(
                "Each rule names an indicator, a window, a condition and warning and critical "
                "levels. Preview shows what a draft would have raised over the stored history; "
                "nothing is saved until you press Save. Every save is a new version.",
                className="hint",
            ),
            html.Div(rules, id="alerts-rules"),
            editor(),
            html.H2("History"),
            html.Div(history, id="alerts-history"),
        ]
    )


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("alerts-country", "value"),
    State("alerts-as-of", "data"),
    prevent_initial_call=True,
)
def keep_country_in_url(country, as_of):
    """The picked country is kept in the address, like the other pages' filters."""
    day = as_of if not state.is_live(date.fromisoformat(as_of)) else None
    return query.search(as_of=day, country=country or None)


@callback(
    Output("alerts-open", "children"),
    Output("alerts-history", "children"),
    Output("alerts-rules", "children"),
    Output("rule-pick", "options"),
    Input("alerts-refresh", "data"),
    Input("alerts-country", "value"),
    State("alerts-as-of", "data"),
    prevent_initial_call=True,  # the page comes with them
)
def refresh(_, country, as_of):
    """The open alerts, the history and the rules, after an action or a change of country."""
    return contents(date.fromisoformat(as_of), country)


def contents(as_of: date, country: str | None) -> tuple:
    """The open alerts, the history, the rules and the editor's list of rules."""
    return (
        alerts_view.open_alerts_view(as_of, country or None, auth.current()),
        alerts_view.history_view(),
        rules_view(),
        rule_options(),
    )


@callback(
    Output("alerts-message", "children"),
    Output("alerts-refresh", "data", allow_duplicate=True),
    Input({"type": "alert-act", "action": ALL, "alert": ALL}, "n_clicks"),
    State("alerts-comment", "value"),
    State("alerts-until", "date"),
    State("alerts-refresh", "data"),
    prevent_initial_call=True,
)
def on_act(clicks, comment, until, refresh_count):
    trigger = ctx.triggered_id
    if not trigger or not any(clicks):
        return no_update, no_update
    who = auth.current()  # from the session, never from the page
    message = alerts_view.act(trigger["action"], trigger["alert"], who, comment, until)
    return message, (refresh_count or 0) + 1
