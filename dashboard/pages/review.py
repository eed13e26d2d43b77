"""Review: pending claims beside their report text with the figure highlighted; accept,
correct or reject; paste or upload a new report to ingest it. Layout and callbacks only:
what they show and do is ``dashboard.review_view``."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import auth
from dashboard import components as ui
from dashboard import review_view as view
from indicators.limits import MAX_REPORT_KB, MAX_UPLOAD_MB

dash.register_page(__name__, path="/review", name="Review", order=5)


def layout(**params):
    who = auth.current()
    options, chosen, count = view.pending_choices(None)
    detail, text, form = view.detail(chosen)
    initial = dict(zip([n for n, _ in view.CORRECTABLE], form, strict=True))
    return html.Div(
        [
            html.H1("Review"),
            html.P(
                "Figures read from reports wait here until a person accepts them; only "
                "accepted claims reach the charts, alerts and downloads. A correction keeps "
                "the original, marked superseded.",
                className="hint",
            ),
            ui.signed_in_as(who, "review", "review"),
            dcc.Store(id="review-refresh", data=0),
            dcc.Store(id="review-shown", data=chosen),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2("Pending claims"),
                            dcc.Dropdown(
                                id="review-claim",
                                options=options,
                                value=chosen,
                                placeholder="choose a pending claim",
                                clearable=False,
                            ),
                            html.Div(count, id="review-count", className="hint"),
                            html.Div(detail, id="review-detail"),
                            ui.only_for(
                                who,
                                "review",
                                [
                                    html.P(
                                        view.acting_on(chosen),
                                        id="review-acting",
                                        className="acting",
                                    ),
                                    html.Button("Accept", id="review-accept"),
                                    html.Button("Reject", id="review-reject", className="danger"),
                                    dcc.Input(
                                        id="review-reason",
                                        type="text",
                                        placeholder="why you reject it (needed to reject)",
                                        maxLength=500,
                                    ),
                                ],
                            ),
                            html.Div(id="review-message", role="status", **{"aria-live": "polite"}),
                            ui.only_for(
                                who,
                                "review",
                                [
                                    html.H3("Correct, then accept"),
                                    html.Div(
                                        [
                                            ui.labelled(
                                                label,
                                                dcc.Input(
                                                    id=f"review-set-{name}",
                                                    type="text",
                                                    debounce=True,
                                                    value=initial[name],
                                                ),
                                                "",
                                            )
                                            for name, label in view.CORRECTABLE
                                        ],
                                        className="form-grid",
                                    ),
                                    html.Button(
                                        "Save correction",
                                        id="review-correct",
                                        className="secondary",
                                    ),
                                ],
                            ),
                        ],
                        className="half",
                    ),
                    html.Section(
                        [
                            html.H2("Report text"),
                            html.Div(text, id="review-text", className="report-text"),
                        ],
                        className="half",
                    ),
                ],
                className="row",
            ),
            html.Section(
                [
                    html.H2("Held off the headline"),
                    html.P(
                        "An accepted count since a start (a toll) lower than an earlier one of "
                        "the same place and group stays accepted but is kept off the headline "
                        "and the alerts: a toll does not fall. Release it when it counts "
                        "something narrower (one cause, a later start) or the earlier one was "
                        "wrong.",
                        className="hint",
                    ),
                    html.Div(id="review-held-message", role="status"),
                    html.Div(view.held_list(who), id="review-held"),
                ],
                id="review-held-section",
            ),
            ui.only_for(who, "review", _add_report(), id="review-add-report"),
            dcc.Loading(html.Div(id="ingest-result", role="status"), delay_show=200),
        ]
    )


def _add_report() -> list:
    return [
        html.H2("Add a report"),
        html.P(
            "Paste a report's text or upload a .txt or .md file (YAML front matter allowed), "
            "a web page saved as .html (its main text is read: no menus, no footers) or a "
            "PDF with a text layer (a scan cannot be read). "
            "Its figures are read and stored pending review; the same text twice changes "
            f"nothing. Up to {MAX_REPORT_KB.value():,.0f} KB of text, from a file of up to "
            f"{MAX_UPLOAD_MB.value():g} MB.",
            className="hint",
        ),
        html.Div(
            [
                ui.labelled(label, dcc.Input(id=f"ingest-{name}", type="text"), "")
                for name, label in view.REPORT_FIELDS
            ],
            className="form-grid",
        ),
        html.Label("Report text", htmlFor="ingest-text"),
        dcc.Textarea(id="ingest-text", style={"height": "10rem"}),
        html.Button("Read and store the pasted text", id="ingest-paste"),
        dcc.Upload(
            id="ingest-file",
            children=html.Div(["Or drop a report file here, or ", html.A("choose one")]),
            className="upload",
            max_size=MAX_UPLOAD_MB.bytes(),  # the text taken from it is checked on the server
            accept=".txt,.md,.html,.htm,.pdf",
        ),
    ]


@callback(
    Output("review-claim", "options"),
    Output("review-claim", "value"),
    Output("review-count", "children"),
    Input("review-refresh", "data"),
    State("review-claim", "value"),
    prevent_initial_call=True,  # the page comes with them (as with every callback on load)
)
def list_pending(_, current):
    return view.pending_choices(current)


@callback(
    Output("review-held", "children"), Input("review-refresh", "data"), prevent_initial_call=True
)
def list_held(_):
    return view.held_list(auth.current())


@callback(
    Output("review-held-message", "children"),
    Output("review-refresh", "data", allow_duplicate=True),
    Input({"type": "review-release", "claim": ALL}, "n_clicks"),
    State("review-refresh", "data"),
    prevent_initial_call=True,
)
def on_release(clicks, refresh_count):
    if not ctx.triggered or not ctx.triggered[0].get("value"):  # drawn again, not clicked
        return no_update, no_update
    who = auth.current()  # from the session, never from the page
    message = view.release_action(ctx.triggered_id["claim"], who)
    return message, (refresh_count or 0) + 1


@callback(
    Output("review-detail", "children"),
    Output("review-text", "children"),
    *[Output(f"review-set-{name}", "value") for name, _ in view.CORRECTABLE],
    Output("review-shown", "data"),
    Output("review-acting", "children"),
    Input("review-claim", "value"),
    prevent_initial_call=True,
)
def show_claim(claim_id):
    table, shown, form = view.detail(claim_id)
    return table, shown, *form, claim_id, view.acting_on(claim_id)


# The marked sentence of a long report in view inside its box, once the text is drawn.
dash.clientside_callback(
    """function (children) {
        setTimeout(function () {
            const mark = document.getElementById("review-mark");
            const box = document.getElementById("review-text");
            if (mark && box) {
                const above = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
                box.scrollTop = Math.max(0, box.scrollTop + above - box.clientHeight / 3);
            }
        }, 0);
        return window.dash_clientside.no_update;
    }""",
    Output("review-text", "title"),
    Input("review-text", "children"),
)


ACTIONS = {"review-accept": "accept", "review-reject": "reject", "review-correct": "correct"}


@callback(
    Output("review-message", "children"),
    Output("review-refresh", "data", allow_duplicate=True),
    Output("review-reason", "value"),
    Input("review-accept", "n_clicks"),
    Input("review-reject", "n_clicks"),
    Input("review-correct", "n_clicks"),
    State("review-claim", "value"),
    State("review-shown", "data"),
    State("review-reason", "value"),
    *[State(f"review-set-{name}", "value") for name, _ in view.CORRECTABLE],
    State("review-refresh", "data"),
    prevent_initial_call=True,
)
def on_review(_a, _r, _c, claim_id, shown, reason, *rest):
    *fields, refresh_count = rest
    action = ACTIONS.get(ctx.triggered_id)
    if action is None:
        return no_update, no_update, no_update
    values = dict(zip([n for n, _ in view.CORRECTABLE], fields, strict=True))
    who = auth.current()  # from the session, never from the page
    message = view.review_action(action, claim_id, who, reason, values, shown=shown)
    if getattr(message, "className", "") != "banner ok":
        return message, no_update, no_update  # nothing done: the claim and form stay
    return message, (refresh_count or 0) + 1, ""  # done: the reason clears


@callback(
    Output("ingest-result", "children"),
    Output("review-refresh", "data", allow_duplicate=True),
    Input("ingest-paste", "n_clicks"),
    Input("ingest-file", "contents"),
    State("ingest-file", "filename"),
    State("ingest-text", "value"),
    *[State(f"ingest-{name}", "value") for name, _ in view.REPORT_FIELDS],
    State("review-refresh", "data"),
    prevent_initial_call=True,
)
def on_ingest(_paste, contents, filename, pasted, *rest):
    who = auth.current()  # from the session, never from the page
    *fields, refresh_count = rest
    meta = dict(zip([n for n, _ in view.REPORT_FIELDS], fields, strict=True))
    if ctx.triggered_id == "ingest-file":
        if not contents:
            return no_update, no_update
        message = view.add_uploaded_report(contents, filename, who, meta)
    else:
        message = view.add_report(pasted, "pasted-report.txt", who, meta)
    return message, (refresh_count or 0) + 1
