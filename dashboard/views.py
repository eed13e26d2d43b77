"""What each page shows, as plain functions of a view (filters and a day): the callbacks
only unpack their inputs and call these, so tests call them directly."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from dash import html

from dashboard import components as ui
from dashboard import figures, figures_breakdown, figures_trend, state, trend_lines
from dashboard.query import View
from indicators import trends
from indicators.alerts import wording
from indicators.breakdown import breakdown
from indicators.catalogue import INDICATORS
from indicators.limits import longest_period

DEFAULT_DAYS = 60
"""With no period chosen, pages show the 60 days up to the day they are seen from."""


def as_of(view: View) -> date:
    return view.as_of or state.default_as_of()


def period(view: View) -> trends.Filters:
    """The view's filters with the period completed: up to the as-of day, and the last
    60 days when no start is chosen."""
    day = as_of(view)
    f = view.filters
    end = f.date_to if f.date_to is not None and f.date_to <= day else day
    start = f.date_from if f.date_from is not None else end - timedelta(days=DEFAULT_DAYS - 1)
    start = longest_period(min(start, end), end)  # 'from' alone may ask for a century
    return trends.Filters(**{**f.__dict__, "date_from": start, "date_to": end})


def markers(
    indicator: str,
    points: pd.DataFrame,
    day: date,
    group: str | None = None,
    country: str | None = None,
) -> list[dict]:
    """Firing alerts of rules on ``indicator`` for the places shown, as chart markers: at
    the place's newest point (the figure the rule compares), else on the as-of day."""
    units = set(points["unit"])
    names = state.model().rules_by_id
    shown = trends.country_or_default(country)
    out = []
    for s in state.alert_states(day, indicator):
        rule = names.get(s.rule_id)
        unit = trends.WIDE if s.unit == "all" else s.unit
        if rule is None or rule.indicator != indicator or not s.firing or unit not in units:
            continue
        if rule.country_code != shown:
            continue  # a rule on another country's figures
        if INDICATORS[indicator].by_group and (rule.population_group or "all") != (group or "all"):
            continue  # a rule on children's deaths is not marked on everyone's
        mine = points[points["unit"] == unit]
        newest = mine[mine["day"] == mine["day"].max()] if len(mine) else mine
        out.append(
            {
                "day": newest["day"].iloc[0] if len(newest) else pd.Timestamp(s.as_of),
                "value": float(newest["value"].max()) if len(newest) else s.value,
                "state": s.state,
                "text": figures.plain(wording.of_alert(rule, s, s.unit_name)).replace(
                    " · ", "<br>", 2
                ),
            }
        )
    return out


def trend_view(indicator: str, view: View) -> tuple[object, list]:
    """The trend chart of one indicator and the notes under it."""
    if indicator not in INDICATORS:
        return figures.empty(f"Unknown indicator '{indicator}'."), []
    snap = state.model()
    day = as_of(view)
    filters = period(view)
    points = trends.trend(snap, indicator, filters, max_places=MAX_LINES)
    watch = INDICATORS[indicator]
    if points.empty:
        where = "these places" if filters.units else "any place"
        return figures.empty(
            f"No accepted figures of {watch.label} for {where} in this period.<br>"
            "Widen the period or the places, or review pending claims."
        ), [
            ui.empty_state(
                "Nothing to draw. Widen the filters, or review the pending claims.",
                ("Review pending claims", "/review"),
            )
        ]
    # taken off the frame: pandas deep-copies attrs on every operation after this
    hidden = points.attrs.pop("hidden", [])
    shown = trends.thresholds(state.model().rules, indicator, filters)
    lines = trend_lines.lines_of(points)
    fig = figures_trend.trend_figure(
        points,
        lines=lines,
        unit=watch.unit,
        thresholds=shown,
        markers=markers(indicator, points, day, filters.group, filters.country),
    )
    notes = []
    undrawn: dict[str, list[str]] = {}
    elsewhere: dict[str, list[str]] = {}
    for t in shown:
        levels = f"{t['level']} {t['value']:,.0f}"
        if not t["drawn"]:
            undrawn.setdefault(
                f"'{t['name']}' ({t['condition']} of the {t['window']} over "
                f"{t['window_days']} days",
                [],
            ).append(levels)
        elif not trend_lines.watched(lines, t):
            elsewhere.setdefault(t["name"], []).append(levels)
    for rule_text, levels in undrawn.items():
        notes.append(
            html.Li(
                f"Rule {rule_text}: {', '.join(levels)}) is not on the scale of one day's "
                "figure, so it is not drawn; see Alerts."
            )
        )
    for name, levels in elsewhere.items():
        notes.append(
            html.Li(
                f"Rule '{name}' ({', '.join(levels)}) watches a line that is not on this "
                "chart, so its levels are not drawn; see Alerts."
            )
        )
    if hidden:
        notes.append(
            html.Li(
                f"Showing the {MAX_LINES} governorates with the highest figures; "
                f"{len(hidden)} more have figures ({', '.join(hidden)}): choose them under "
                "Governorates to see them."
            )
        )
    if (points["shared"]).any():
        notes.append(
            html.Li(
                "Some points are figures given for several governorates together; each "
                "governorate shows the whole figure."
            )
        )
    if "bound" in points and points["bound"].fillna(False).astype(bool).any():
        notes.append(
            html.Li(
                "A hollow marker means at least this many: no figure for all people was "
                "reported that day, so the largest figure for one group (civilians, fighters, "
                "children...) stands as a lower bound."
            )
        )
    notes.append(
        html.Li(
            f"{ui.count(len(points), 'point')} from "
            f"{ui.count(int(points['n_claims'].sum()), 'accepted claim')}. "
            "Where sources disagree the band runs from the lowest to the highest figure; the "
            "line follows the most reliable kind of source (UN agency, NGO, monitoring group, "
            "government, news agency, other media), then the latest published. Gaps are days "
            "with no report, not zero."
        )
    )
    return fig, [html.Ul(notes, className="notes")]


MAX_LINES = 6
"""With no place chosen, the governorates drawn beside the country-wide line."""


def claims_view(indicator: str, view: View, click: dict | None) -> html.Div:
    """Every claim behind a clicked point."""
    if not click or not click.get("points"):
        return html.P("Click a point on the chart to see every claim behind it.", className="hint")
    custom = click["points"][0].get("customdata")
    if not custom or not custom[0]:
        return html.P(
            "Click a point on the chart (not a band or a line between points).", className="hint"
        )
    snap = state.model()
    ids = trends.claims_of(
        snap, indicator, str(custom[0]), view.filters.group, view.filters.country
    )
    claims = snap.claims(ids[: ui.CLAIMS_SHOWN])
    return html.Div(
        [
            html.H3(f"{ui.count(len(ids), 'claim')} behind this point"),
            ui.claim_list(claims, total=len(ids)),
        ]
    )


def breakdown_view(indicator: str, view: View) -> tuple[object, dict]:
    """The breakdown of one indicator counted by group (hidden for the others): a chart,
    or one sentence when no report broke a toll down (no empty chart to draw)."""
    if indicator not in INDICATORS or not INDICATORS[indicator].by_group:
        return None, {"display": "none"}
    parts = breakdown(state.model(), indicator, period(view), as_of(view))
    if parts.empty:
        return ui.empty_state(figures_breakdown.NONE), {}
    return [
        figures_breakdown.breakdown_bars(parts),
        html.P(figures_breakdown.HOW, className="hint"),
    ], {}
