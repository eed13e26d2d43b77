"""Overview: open alerts first, then a headline per indicator, the map, the latest reports."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard import components as ui
from dashboard import figures, figures_map, query, state, strain_view, views
from indicators import catalogue, trends
from indicators.alerts import wording
from indicators.alerts.evaluate import unit_name
from indicators.catalogue import INDICATORS
from indicators.places import gazetteer
from indicators.strain import latest_strain

dash.register_page(
    __name__,
    path="/",
    name="Overview",
    order=0,
    charts=True,
    lazy=("graph", "datepicker"),  # the country is a menu only with more than a few
    title="impact-monitor",
)

SEVERITY = {"critical": 2, "warning": 1}


def layout(**params):
    view = query.parse(params)
    snap = state.model()
    as_of = views.as_of(view)
    country = trends.country_or_default(view.filters.country)
    # what is a function of the store's version, the day and the country alone, made once
    # per version (the open alerts, read from the store, are not among them)
    headlines, places, reports = state.once_per_version(
        ("overview", as_of, country), lambda: _figures(snap, as_of, country)
    )
    return html.Div(
        [
            html.H1("Situation overview"),
            ui.problems(view),
            ui.as_of_banner(as_of, snap.evaluator.newest_day()),
            html.Div(
                [
                    ui.country_picker(
                        "overview-country", country, among=state.model().countries_reported
                    ),
                    html.Label("See another day", htmlFor="overview-as-of"),
                    html.Div(
                        dcc.DatePickerSingle(
                            id="overview-as-of", date=as_of, display_format="D MMM YYYY"
                        ),
                        style={"width": "11rem"},
                    ),
                    html.A(
                        "Show",
                        id="overview-go",
                        href=f"/?country={country}&as_of={as_of}",
                        className="button",
                    ),
                ],
                className="filters inline",
            ),
            alerts_section(as_of, country),
            html.H2(f"Headline figures: {gazetteer().country_name(country)}"),
            html.Div(headlines, className="cards", id="overview-headlines"),
            html.Div(
                [
                    html.Section(
                        [
                            html.H2("Governorates"),
                            places,
                        ],
                        className="half",
                    ),
                    html.Section(
                        [html.H2("Latest reports"), reports],
                        className="half",
                    ),
                ],
                className="row",
            ),
        ]
    )


def _figures(snap, as_of, country: str) -> tuple[list, object, object]:
    """The headline cards, the map of governorates and the latest reports."""
    by_id = snap.rules_by_id
    states = [
        s
        for s in state.alert_states(as_of)
        if s.rule_id in by_id and by_id[s.rule_id].country_code == country
    ]
    headlines = [headline_card(snap, i, as_of, country) for i in catalogue.headlines()]
    return (
        [*headlines, strain_card(snap, as_of, country)],
        place_map(snap, states, as_of, country),
        latest_reports(snap, as_of, country),
    )


def alerts_section(as_of, country: str | None = None) -> html.Section:
    current, live = state.current_alerts(as_of)
    by_id = state.model().rules_by_id
    if country is not None and not current.empty:
        mine = {r for r, rule in by_id.items() if rule.country_code == country}
        current = current[current["rule_id"].isin(mine)]
    if current.empty:
        body = ui.empty_state(
            "No open alerts. Alerts appear here when a figure crosses a threshold you set.",
            ("Set a threshold", "/alerts"),
        )
    else:
        current = current[~current["silenced"].astype(bool)]
        items = [
            html.Li(
                [
                    html.Span(row.state.upper(), className=f"badge {row.state}"),
                    " ",
                    wording.of_alert(
                        by_id.get(row.rule_id),
                        row,
                        unit_name(row.unit, country),
                        rule_name=None if row.rule_id in by_id else row.rule_id,
                        with_state=False,
                    ),
                ],
                className=f"alert-item {row.state}",
            )
            for row in current.head(8).itertuples(index=False)
        ]
        more = len(current) - 8
        body = html.Div(
            [
                html.Ul(items, className="alert-list"),
                html.A(
                    f"All {len(current)} open alerts" + (f" ({more} more)" if more > 0 else ""),
                    href="/alerts" + query.search(as_of=as_of.isoformat(), country=country),
                ),
            ]
        )
    heading = "Open alerts" if live else f"Alerts as they stood on {ui.day_text(as_of)}"
    return html.Section([html.H2(heading), body], id="overview-alerts")


def headline_card(snap, indicator: str, as_of, country: str | None = None) -> html.Div:
    h = trends.headline(snap, indicator, as_of, country)
    record = INDICATORS[indicator]
    spread = (
        f"range {ui.number(h['low'])} to {ui.number(h['high'])}"
        if h["value"] is not None and h["low"] != h["high"]
        else "one source"
        if h["value"] is not None and h["sources"] == 1
        else f"{h['sources']} sources agree"
        if h["value"] is not None
        else ""
    )
    fresh = (
        ui.freshness(h["basis"], h["day"], as_of)[0]
        if h["day"] is not None
        else "no country-wide figure yet"
    )
    return html.Div(
        [
            html.H3(h["label"].capitalize()),
            html.Div(
                ui.number(h["value"]), className="figure", id=f"overview-headline-{indicator}"
            ),
            html.Div(spread, className="range"),
            html.Div(fresh, className="fresh stale" if h["stale"] else "fresh"),
            dcc.Graph(
                figure=figures.sparkline(trends.sparkline(snap, indicator, as_of, country=country)),
                config={"staticPlot": True},
                className="spark",
            ),
            html.A(
                f"Trend and sources of {record.label} →",
                href=f"/{record.page}?indicator={indicator}&country={country}",
            ),
        ],
        className="card",
    )


def strain_card(snap, as_of, country: str | None = None) -> html.Div:
    """The worst hospital strain of a governorate as the evidence reads (stated, else
    derived): the place, its level and certainty, the strongest evidence and its age.
    With no evidence in the rule's windows: unknown, and the newest report, marked stale."""
    rows = state.strain_evidence(as_of, country)
    known = rows[rows["level"] != "unknown"]
    if known.empty:
        text, detail = "unknown", "no evidence of strain in any governorate in the last 30 days"
        fresh, stale = "no hospital strain reported yet", True
        latest = latest_strain(snap, as_of, country)
        if not latest.empty:
            top = latest.sort_values(["day", "level"], ascending=False).iloc[0]
            detail = f"last report: {top['unit_name']} {str(top['level_name']).replace('_', ' ')}"
            fresh, stale = ui.freshness("reported", top["day"], as_of)
    else:
        worst = known.assign(
            rank=known["level"].map(strain_view.LEVEL_RANK),
            stated=known["strain_basis"].eq("stated"),
            age=known["evidence_age_days"].fillna(999),
        ).sort_values(["rank", "stated", "age"], ascending=[False, False, True])
        top = worst.iloc[0]
        text = strain_view.level_words(top["level"])
        others = [
            f"{r.place_name}: {strain_view.level_words(r.level)}"
            for r in worst.iloc[1:4].itertuples()
        ]
        detail = [
            html.Strong(f"{top['place_name']}: {text}"),
            f" ({top['certainty']}). ",
            _strongest(top),
            *([html.Br(), "Also " + "; ".join(others)] if others else []),
        ]
        day = pd.Timestamp(as_of) - pd.Timedelta(days=int(top["age"]))
        fresh, stale = ui.freshness("stated" if top["stated"] else "evidence of", day, as_of)
    return html.Div(
        [
            html.H3("Hospital strain (worst governorate)"),
            html.Div(text, className="figure word", id="overview-headline-strain"),
            html.Div(detail, className="range"),
            html.Div(fresh, className="fresh stale" if stale else "fresh"),
            html.A("Hospitals: the evidence →", href=f"/hospitals?country={country}"),
        ],
        className="card",
    )


def _strongest(top: pd.Series) -> str:
    """The evidence that gives the level, and who said it."""
    if top["strain_basis"] == "stated":
        said = top["stated_sources"]
        return f"Stated in a report{f' by {said}' if isinstance(said, str) else ''}."
    return f"Derived from {top['derived_from']}."


def map_places(snap, states, as_of, country: str | None = None) -> pd.DataFrame:
    """Per governorate of one country: the most severe firing alert and the lines to show
    on hover."""
    rule_names = state.model().rule_names()
    g = gazetteer()
    governorates = set(g.admin1_of(country or g.default_country))
    worst: dict[str, str] = {}
    lines: dict[str, list[str]] = {}
    for s in states:
        if s.unit not in governorates:
            continue
        if s.firing:
            if SEVERITY[s.state] > SEVERITY.get(worst.get(s.unit, ""), 0):
                worst[s.unit] = s.state
            lines.setdefault(s.unit, []).append(
                f"{s.state}: {figures.plain(rule_names.get(s.rule_id, s.rule_id))}"
            )
    strain = latest_strain(snap, as_of, country)
    for r in strain.itertuples():
        lines.setdefault(r.unit, []).append(
            f"hospitals {str(r.level_name).replace('_', ' ')} ({ui.day_text(r.day)})"
        )
    reported = trends.reported_admin1(snap, as_of)
    rows = []
    for code in sorted(governorates):
        st = worst.get(code) or ("ok" if code in reported else "no_data")
        rows.append({"unit": code, "state": st, "text": "<br>".join(lines.get(code, []))})
    return pd.DataFrame(rows)


def place_map(snap, states, as_of, country: str) -> html.Div | dcc.Graph:
    """The map of the country's governorates; a plain note when it has no boundary file."""
    if not figures_map.has_boundaries(country):
        name = gazetteer().country_name(country)
        return html.P(
            f"No boundary file for {name}: the map cannot be drawn. Its figures are in the "
            "charts and tables; a boundary file can be added to its place folder.",
            className="hint",
            id="overview-map",
        )
    return dcc.Graph(
        id="overview-map",
        figure=figures_map.governorate_map(map_places(snap, states, as_of, country), country),
        config={"displayModeBar": False, "responsive": True},
        # a fixed height: the outline keeps its shape, so a height taken from the width
        # collapsed to a strip on a phone
        style={"height": "420px"},
    )


def latest_reports(snap, as_of, country: str | None = None) -> html.Div:
    reports = trends.latest_reports(snap, as_of, country=country).astype(object)
    reports = reports.where(reports.notna(), None)
    if reports.empty:
        return ui.empty_state("No reports yet.", ("Add a report", "/review"))
    return html.Ul(
        [
            html.Li(
                [
                    html.A(
                        ui.source_title(r.title, r.publisher, r.published),
                        href=r.url,
                        target="_blank",
                        rel="noopener",
                    )
                    if isinstance(r.url, str) and r.url
                    else html.Span(ui.source_title(r.title, r.publisher, r.published)),
                    html.Br(),
                    html.Small(
                        f"{r.publisher} · {ui.day_text(r.published)} · "
                        f"{ui.count(r.n_claims, 'figure')}"
                    ),
                ]
            )
            for r in reports.itertuples(index=False)
        ],
        className="reports",
    )


@callback(
    Output("overview-go", "href"),
    Input("overview-as-of", "date"),
    Input("overview-country", "value"),
    prevent_initial_call=True,  # the page comes with it
)
def another_day(day: str | None, country: str | None) -> str:
    return "/" + query.search(as_of=day, country=country)
