"""The filter bar's callbacks, and the layout and callbacks shared by the Casualties,
Displacement and Hospitals pages."""

from __future__ import annotations

from dash import Input, Output, State, callback, dcc, html

from dashboard import components as ui
from dashboard import query, state, views
from indicators import catalogue
from indicators.catalogue import INDICATORS

LAZY_PARTS = ("graph", "dropdown", "datepicker")
"""The parts of Dash's components a page with the filter bar and a chart always shows,
fetched with its first bytes (``first_page``): register such a page with ``lazy=LAZY_PARTS``."""

FILTERS = [
    Input("filter-dates", "start_date"),
    Input("filter-dates", "end_date"),
    Input("filter-admin1", "value"),
    Input("filter-admin2", "value"),
    Input("filter-group", "value"),
    Input("filter-as-of", "date"),
    Input("filter-country", "value"),
]


def view_of(start, end, admin1, admin2, group, as_of, country=None) -> query.View:
    """The View the filter bar shows (the same reading as the address bar)."""
    return query.parse(query.search(start, end, admin1, admin2, group, as_of, country))


def register_filter_bar(app) -> None:
    """The filter bar's callbacks, once per app (the pages' modules run anew for each app;
    this one does not, so its callbacks are registered on the app itself)."""

    @app.callback(
        Output("url", "search", allow_duplicate=True), *FILTERS, prevent_initial_call=True
    )
    def keep_filters_in_url(start, end, admin1, admin2, group, as_of, country):
        """Every change of the filter bar is written to the address bar."""
        return query.search(start, end, admin1, admin2, group, as_of, country)

    @app.callback(
        Output("filter-admin2", "options"),
        Input("filter-admin1", "value"),
        State("filter-country", "value"),
        prevent_initial_call=True,
    )
    def districts_of(admin1, country):
        return ui.admin2_options(admin1, country)

    @app.callback(
        Output("filter-admin1", "options"),
        Output("filter-admin1", "value"),
        Output("filter-admin2", "value"),
        Input("filter-country", "value"),
        prevent_initial_call=True,
    )
    def places_of(country):
        """Another country: its governorates to choose from, none chosen yet."""
        return ui.admin1_options(country), [], []


def trend_layout(page: str, title: str, intro: str, params: dict, *, with_group: bool) -> html.Div:
    view = query.parse(params)
    snap = state.model()
    as_of = views.as_of(view)
    options = [
        {"label": INDICATORS[i].label.capitalize(), "value": i} for i in catalogue.on_page(page)
    ]
    indicator = params.get("indicator") or options[0]["value"]
    # the first figure comes with the page: no callback, no second round trip before the
    # chart is drawn (the callbacks below run when a filter changes)
    (figure, notes), breakdown = first_views(indicator, view, with_group=with_group)
    return html.Div(
        [
            html.H1(title),
            html.P(intro, className="hint"),
            ui.problems(view),
            ui.as_of_banner(as_of, snap.evaluator.newest_day()),
            ui.filter_bar(
                view,
                views.period(view),
                as_of,
                with_group=with_group,
                countries=state.model().countries_reported,
            ),
            html.Div(
                [
                    html.Label("Indicator", htmlFor=f"{page}-indicator"),
                    dcc.RadioItems(
                        id=f"{page}-indicator",
                        options=options,
                        value=indicator,
                        inline=True,
                        className="radio",
                    ),
                ],
                className="filter",
            ),
            # no dcc.Loading: a chart or list being redrawn is dimmed and says so by CSS
            # (base.css, data-dash-is-loading); the two Loadings cost the first render a tenth
            dcc.Graph(
                id=f"{page}-chart",
                figure=figure,
                config={"displaylogo": False, "responsive": True},
            ),
            html.Div(notes, id=f"{page}-notes"),
            html.Div(
                views.claims_view(indicator, view, None),
                id=f"{page}-claims",
                className="claims-panel",
                **{"aria-live": "polite"},
            ),
            _breakdown(page, *breakdown) if with_group else None,
        ]
    )


def first_views(indicator: str, view: query.View, *, with_group: bool) -> tuple:
    """What a page opens with: ``views.trend_view`` and, on a page counted by group,
    ``views.breakdown_view``. Made once per version of the store, view and day seen from,
    and sent again to whoever opens the same page (most open it as it comes, unfiltered):
    both are functions of these alone, as the alert markers are (``state.alert_states``)."""
    return state.once_per_version(
        ("first views", indicator, view, views.as_of(view), with_group),
        lambda: (
            views.trend_view(indicator, view),
            views.breakdown_view(indicator, view) if with_group else None,
        ),
    )


def _breakdown(page: str, body, style: dict) -> html.Section:
    return html.Section(
        [
            html.H2("Breakdown by group of the newest toll that gives one"),
            html.Div(body, id=f"{page}-breakdown"),
        ],
        id=f"{page}-breakdown-section",
        style=style,
    )


def register_callbacks(page: str) -> None:
    @callback(
        Output(f"{page}-chart", "figure"),
        Output(f"{page}-notes", "children"),
        Input(f"{page}-indicator", "value"),
        *FILTERS,
        prevent_initial_call=True,  # the page comes with its first chart
    )
    def update_chart(indicator, *filters):
        return views.trend_view(indicator, view_of(*filters))

    @callback(
        Output(f"{page}-claims", "children"),
        Input(f"{page}-chart", "clickData"),
        State(f"{page}-indicator", "value"),
        *[State(i.component_id, i.component_property) for i in FILTERS],
        prevent_initial_call=True,
    )
    def show_claims(click, indicator, *filters):
        return views.claims_view(indicator, view_of(*filters), click)

    if any(INDICATORS[i].by_group for i in catalogue.on_page(page)):  # counted by group

        @callback(
            Output(f"{page}-breakdown", "children"),
            Output(f"{page}-breakdown-section", "style"),
            Input(f"{page}-indicator", "value"),
            *FILTERS,
            prevent_initial_call=True,
        )
        def update_breakdown(indicator, *filters):
            return views.breakdown_view(indicator, view_of(*filters))

    update_chart.__name__ = f"{page}_update_chart"
    show_claims.__name__ = f"{page}_show_claims"
