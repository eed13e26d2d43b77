"""Data and downloads: every table browsable and downloadable, whole or filtered, at stable
addresses; and upload of a table with every row error shown and nothing written on error.
Layout and callbacks only: what they show and do is ``dashboard.data_view``."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
from dash import Input, Output, State, callback, dcc, html

from dashboard import auth, query, state
from dashboard import components as ui
from dashboard import data_view as view
from indicators.limits import MAX_UPLOAD_MB
from indicators.vocab import TABLE_NAMES

dash.register_page(__name__, path="/data", name="Data", order=6, grids=True)


def layout(**params):
    asked = query.parse(params)
    table = params.get("table") if params.get("table") in TABLE_NAMES else "casualties"
    f = asked.filters
    day = lambda d: d.isoformat() if d else None  # noqa: E731  as the date picker sends it
    rows, defs, count, downloads = view.browse(
        table, list(f.admin1), day(f.date_from), day(f.date_to), f.country
    )
    return html.Div(
        [
            html.H1("Data and downloads"),
            ui.problems(asked),
            html.P(
                "Every table as the store holds it: accepted claims with their sources. "
                "Downloads carry every column, the data dictionary and the sources, and say "
                "when they were made.",
                className="hint",
            ),
            view.summary_table(),
            html.H2("Browse and download"),
            html.Div(
                [
                    ui.table_picker("data-table", "Table", table),
                    ui.country_picker(
                        "data-country",
                        asked.filters.country,
                        every=True,
                        among=state.model().countries_reported,
                    ),
                    ui.admin1_picker("data-admin1", asked.filters.admin1, asked.filters.country),
                    ui.period_picker(
                        "data-dates",
                        asked.filters.date_from,
                        asked.filters.date_to,
                        opens_on=asked.as_of or state.default_as_of(),
                    ),
                ],
                className="filters",
            ),
            html.Div(downloads, id="data-downloads", className="downloads"),
            dcc.Loading(
                html.Div(
                    [
                        html.P(count, id="data-count", className="hint"),
                        dag.AgGrid(
                            id="data-grid",
                            rowData=rows,
                            columnDefs=defs,
                            defaultColDef={
                                "sortable": True,
                                "filter": True,
                                "resizable": True,
                                "minWidth": 70,
                            },
                            dashGridOptions={"pagination": True, "paginationPageSize": 50},
                            style={"height": "28rem"},
                            className="ag-theme-alpine",
                        ),
                    ]
                ),
                delay_show=300,
            ),
            html.H2("Upload a table"),
            html.P(
                [
                    "A CSV or XLSX file whose columns are those of the chosen table (see the ",
                    html.A("data dictionary", href="/api/v1/tables/casualties.json"),
                    " or any download). Every row is checked first; when any row fails, every "
                    "failure is listed and nothing is written. "
                    f"Up to {MAX_UPLOAD_MB.value():g} MB; "
                    "larger files go through the command line (impact-monitor import).",
                ],
                className="hint",
            ),
            html.Div(
                [
                    ui.table_picker("upload-table", "Into table", "casualties"),
                    ui.signed_in_as(auth.current(), "review", "upload"),
                    ui.only_for(
                        auth.current(),
                        "review",
                        dcc.Checklist(
                            id="upload-accept",
                            options=[
                                {
                                    "label": " I have checked these rows: record them as accepted "
                                    "by me, now (otherwise they wait on the Review page; a "
                                    "file's own review columns are never kept)",
                                    "value": "accept",
                                }
                            ],
                            value=[],
                        ),
                    ),
                ],
                className="filters",
            ),
            ui.only_for(
                auth.current(),
                "review",
                dcc.Upload(
                    id="upload-file",
                    children=html.Div(["Drop a CSV or XLSX file here, or ", html.A("choose one")]),
                    className="upload",
                    max_size=MAX_UPLOAD_MB.bytes(),
                    multiple=False,
                    accept=".csv,.xlsx,.txt",
                ),
            ),
            dcc.Loading(html.Div(id="upload-result", role="status"), delay_show=200),
        ]
    )


@callback(
    Output("data-grid", "rowData"),
    Output("data-grid", "columnDefs"),
    Output("data-count", "children"),
    Output("data-downloads", "children"),
    Input("data-table", "value"),
    Input("data-admin1", "value"),
    Input("data-dates", "start_date"),
    Input("data-dates", "end_date"),
    Input("data-country", "value"),
    prevent_initial_call=True,  # the page comes with its first rows
)
def update_browse(table, admin1, start, end, country):
    return view.browse(table, admin1, start, end, country)


@callback(
    Output("data-admin1", "options"),
    Output("data-admin1", "value"),
    Input("data-country", "value"),
    prevent_initial_call=True,
)
def governorates_of(country):
    """Another country: its governorates to choose from, none chosen yet."""
    return ui.admin1_options(country or None), []


@callback(
    Output("upload-result", "children"),
    Input("upload-file", "contents"),
    State("upload-file", "filename"),
    State("upload-table", "value"),
    State("upload-accept", "value"),
    prevent_initial_call=True,
)
def on_upload(contents, filename, table, accept):
    who = auth.current()  # from the session, never from the page
    return view.upload(contents, filename, table, who, "accept" in (accept or []))


@callback(
    Output("url", "search", allow_duplicate=True),
    Input("data-table", "value"),
    Input("data-admin1", "value"),
    Input("data-dates", "start_date"),
    Input("data-dates", "end_date"),
    Input("data-country", "value"),
    prevent_initial_call=True,
)
def keep_in_url(table, admin1, start, end, country):
    search = query.search(start, end, admin1, country=country)
    return (search + "&" if search else "?") + f"table={table}"
