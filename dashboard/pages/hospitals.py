"""Hospitals: strain by governorate as evidence (map, table, rule, downloads), then strain
by day as the rule reads it, bed occupancy, facilities, and each hospital figure over time
(attacks on health care first)."""

from __future__ import annotations

import dash
import pandas as pd
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from dashboard import components as ui
from dashboard import figures_trend, query, state, strain_days, strain_view, views
from dashboard.trend_page import FILTERS, LAZY_PARTS, register_callbacks, trend_layout, view_of
from indicators import trends
from indicators.strain import facilities as facilities_of

dash.register_page(
    __name__,
    path="/hospitals",
    name="Hospitals",
    order=3,
    charts=True,
    lazy=LAZY_PARTS,
)
register_callbacks("hospitals")

FACILITY_COLUMNS = {
    "facility_name": "Facility",
    "governorate": "Governorate",
    "date_end": "Reported for",
    "functionality": "Functioning",
    "damage": "Damage",
    "facility_status": "Status",
    "occupancy_pct": "Bed occupancy (%)",
    "strain_level": "Strain",
    "publisher": "Source",
}
FACILITIES_SHOWN = 100
"""Facilities listed on the page, newest first; the download holds them all."""


def layout(**params):
    trend = trend_layout(
        "hospitals",
        "Hospitals",
        "How strained hospitals are, by governorate: the evidence reports give, the level "
        "it reads as and why, then each kind of figure over time.",
        params,
        with_group=False,
    )
    head, rest = trend.children[:5], trend.children[5:]
    view = query.parse(params)
    as_of = views.as_of(view)
    # the first figures come with the page (see trend_layout), made once per store version
    # and view: most open the page as it comes
    evidence, (strain, occupancy, facilities) = state.once_per_version(
        ("hospitals", view, as_of),
        lambda: (strain_view.evidence_section(view, as_of), hospital_view(view)),
    )
    return html.Div(
        [
            *head,
            html.Div(evidence, id="hospitals-evidence"),
            html.H2("Strain by day"),
            html.P(
                "Each day's level as the rule above reads it from the evidence known that "
                "day: solid where a report stated it (confirmed), hatched where derived from "
                "the evidence (possible), grey where nothing is known (not normal). Point at "
                "a place's row for why; click it for the claims behind each stretch of days.",
                className="hint",
            ),
            html.Div(strain, id="hospitals-strain-block"),
            html.Div(
                id="hospitals-strain-claims", className="claims-panel", **{"aria-live": "polite"}
            ),
            html.H2("Bed occupancy"),
            html.Div(occupancy, id="hospitals-occupancy-block"),
            html.H2("Facilities"),
            html.Div(facilities, id="hospitals-facilities-block"),
            html.H2("Other hospital figures"),
            *rest,
        ]
    )


def panel(id_: str, figure: dict):
    """A chart, or, when it has nothing to draw, the one sentence saying what would fill it
    (no empty axes, no blank box on a phone)."""
    if not figure.get("data"):
        notes = figure.get("layout", {}).get("annotations") or [{}]
        said = str(notes[0].get("text", "No figures.")).replace("<br>", " ")
        return html.P(said, className="empty-panel", id=f"{id_}-empty")
    return dcc.Graph(id=id_, figure=figure, config={"displaylogo": False})


def hospital_view(view):
    """Strain by day, occupancy and facilities for a view, each a chart or a sentence
    (attacks on health care are the trend chart's first indicator, below)."""
    snap = state.model()
    filters = views.period(view)
    occupancy = trends.trend(snap, "bed_occupancy", filters, group_by="facility")
    return (
        strain_view.history_section(view, filters.date_from, filters.date_to),
        panel("hospitals-occupancy", figures_trend.occupancy_figure(occupancy)),
        facilities_block(facilities_of(snap, filters)),
    )


def facilities_block(facilities: pd.DataFrame):
    """The facilities as a plain table, newest report first, or a sentence saying there are
    none. A plain table: the page loads no grid script (870 kB) for a short list."""
    if facilities.empty:
        return ui.empty_state(
            "No facility-level reports yet. Reports name facilities rarely; upload a "
            "hospital_strain table with facility_name (Data page) to list them here.",
            ("Upload a table", "/data"),
        )
    rows = facilities.sort_values("date_end", ascending=False, kind="stable")
    shown = rows.head(FACILITIES_SHOWN)
    body = [
        html.Tr(
            [
                html.Td(_facility_cell(column, r.get(column)), className=_num(column))
                for column in FACILITY_COLUMNS
            ]
        )
        for r in shown.to_dict("records")
    ]
    more = len(rows) - len(shown)
    return html.Div(
        [
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(h, className=_num(c))
                                        for c, h in FACILITY_COLUMNS.items()])),
                    html.Tbody(body),
                ],
                id="hospitals-facilities",
            ),
            html.P(
                f"and {more:,} more: download the hospital_strain table (Data page).",
                className="hint",
            )
            if more > 0
            else None,
        ],
        className="table-wrap",
    )  # fmt: skip


def _num(column: str) -> str | None:
    return "num" if column == "occupancy_pct" else None


def _facility_cell(column: str, value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column == "date_end":
        return ui.day_text(value)
    if column == "occupancy_pct":
        return ui.number(value)
    return str(value).replace("_", " ")


@callback(
    Output("hospitals-evidence", "children"),
    Output("hospitals-strain-block", "children"),
    Output("hospitals-occupancy-block", "children"),
    Output("hospitals-facilities-block", "children"),
    *FILTERS,
    prevent_initial_call=True,  # the page comes with its first figures
)
def update_hospitals(*filters):
    view = view_of(*filters)
    return (strain_view.evidence_section(view, views.as_of(view)), *hospital_view(view))


@callback(
    Output("strain-evidence-claims", "children"),
    Input({"type": strain_view.CELL_ID, "place": ALL, "cell": ALL}, "n_clicks"),
    *[State(i.component_id, i.component_property) for i in FILTERS],
    prevent_initial_call=True,
)
def show_evidence_claims(clicks, *filters):
    """The claims behind the figure of the evidence table just clicked."""
    chosen = ctx.triggered_id
    if not isinstance(chosen, dict) or not any(clicks or ()):
        return dash.no_update  # the table was drawn anew, nothing clicked
    view = view_of(*filters)
    return strain_view.evidence_claims(view, views.as_of(view), chosen["place"], chosen["cell"])


@callback(
    Output("hospitals-strain-claims", "children"),
    Input({"type": strain_days.RUN_ID, "place": ALL}, "n_clicks"),
    *[State(i.component_id, i.component_property) for i in FILTERS],
    prevent_initial_call=True,
)
def show_strain_claims(clicks, *filters):
    """The claims behind each run of days of the place just clicked."""
    chosen = ctx.triggered_id
    if not isinstance(chosen, dict) or not any(clicks or ()):
        return dash.no_update  # the rows were drawn anew, nothing clicked
    return strain_view.place_days_claims(view_of(*filters), chosen["place"])
