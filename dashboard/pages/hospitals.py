"""Hospitals: strain by governorate over time, facilities, bed occupancy, attacks."""

from __future__ import annotations

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import components as ui
from dashboard import figures, figures_trend, query, state, views
from dashboard.trend_page import FILTERS, LAZY_PARTS, register_callbacks, trend_layout, view_of
from indicators import trends
from indicators.strain import facilities as facilities_of
from indicators.strain import strain_by_place

dash.register_page(
    __name__,
    path="/hospitals",
    name="Hospitals",
    order=3,
    charts=True,
    grids=True,
    lazy=LAZY_PARTS,
)
register_callbacks("hospitals")

FACILITY_COLUMNS = [
    {"field": "facility_name", "headerName": "Facility", "pinned": "left", "minWidth": 200},
    {"field": "governorate", "headerName": "Governorate"},
    {"field": "date_end", "headerName": "Reported for"},
    {"field": "functionality", "headerName": "Functioning"},
    {"field": "damage", "headerName": "Damage"},
    {"field": "facility_status", "headerName": "Status"},
    {"field": "occupancy_pct", "headerName": "Bed occupancy (%)", "type": "rightAligned"},
    {"field": "strain_level", "headerName": "Strain"},
    {"field": "publisher", "headerName": "Source"},
]


def layout(**params):
    trend = trend_layout(
        "hospitals",
        "Hospitals",
        "How strained hospitals are, by governorate and facility, and attacks on health care.",
        params,
        with_group=False,
    )
    head, rest = trend.children[:5], trend.children[5:]
    # the first figures come with the page (see trend_layout)
    strain, occupancy, attacks, facilities = hospital_view(query.parse(params))
    return html.Div(
        [
            *head,
            html.H2("Strain level by governorate"),
            html.P(
                "As reports describe it: strained, overwhelmed, not functioning. Blank days "
                "had no report.",
                className="hint",
            ),
            dcc.Loading(
                dcc.Graph(id="hospitals-strain", figure=strain, config={"displaylogo": False}),
                delay_show=300,
            ),
            html.Div(
                html.P(
                    "Click a day of a governorate to see every claim behind it.", className="hint"
                ),
                id="hospitals-strain-claims",
                className="claims-panel",
            ),
            html.H2("Bed occupancy"),
            dcc.Loading(
                dcc.Graph(
                    id="hospitals-occupancy", figure=occupancy, config={"displaylogo": False}
                ),
                delay_show=300,
            ),
            html.H2("Attacks on health care, by week"),
            dcc.Loading(
                dcc.Graph(id="hospitals-attacks", figure=attacks, config={"displaylogo": False}),
                delay_show=300,
            ),
            html.H2("Facilities"),
            html.Div(facilities, id="hospitals-facilities-block"),
            html.H2("Other hospital figures"),
            *rest,
        ]
    )


def hospital_view(view):
    """Strain heatmap, occupancy, attacks and facilities for a view."""
    snap = state.model()
    as_of = views.as_of(view)
    filters = views.period(view)
    levels = strain_by_place(snap, as_of, filters.country)
    if filters.admin1:
        levels = levels[levels["unit"].isin(filters.admin1)]
    levels = levels[levels["day"] >= pd.Timestamp(filters.date_from)]
    occupancy = trends.trend(snap, "bed_occupancy", filters, group_by="facility")
    attacks = trends.trend(snap, "attacks_on_health_care", filters)
    unit = "attacks"
    return (
        figures.strain_heatmap(levels, filters.date_from, filters.date_to),
        figures_trend.occupancy_figure(occupancy),
        figures.weekly_bars(trends.weekly_new(attacks), unit=unit),
        facilities_block(facilities_of(snap, filters)),
    )


def facilities_block(facilities: pd.DataFrame):
    """The facilities as a grid, or a sentence saying there are none (no grid, and none of
    the grid's 870 kB of script, for nothing)."""
    if facilities.empty:
        return ui.empty_state(
            "No facility-level reports yet. Reports name facilities rarely; upload a "
            "hospital_strain table with facility_name (Data page) to list them here.",
            ("Upload a table", "/data"),
        )
    rows = facilities.assign(date_end=facilities["date_end"].astype(str).str[:10])
    return dag.AgGrid(
        id="hospitals-facilities",
        columnDefs=FACILITY_COLUMNS,
        rowData=rows.astype(object).where(rows.notna(), None).to_dict("records"),
        defaultColDef={"sortable": True, "filter": True, "resizable": True},
        dashGridOptions={"domLayout": "autoHeight", "pagination": True, "paginationPageSize": 20},
        className="ag-theme-alpine",
    )


@callback(
    Output("hospitals-strain", "figure"),
    Output("hospitals-occupancy", "figure"),
    Output("hospitals-attacks", "figure"),
    Output("hospitals-facilities-block", "children"),
    *FILTERS,
    prevent_initial_call=True,  # the page comes with its first figures
)
def update_hospitals(*filters):
    return hospital_view(view_of(*filters))


@callback(
    Output("hospitals-strain-claims", "children"),
    Input("hospitals-strain", "clickData"),
    *[State(i.component_id, i.component_property) for i in FILTERS],
    prevent_initial_call=True,
)
def show_strain_claims(click, *filters):
    return views.strain_claims_view(view_of(*filters), click)
