"""Plotly figures from the frames of ``indicators.trends``. No data is read here.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies); warning
and critical differ by line style and marker shape too, never by colour alone.
"""

from __future__ import annotations

import html
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from indicators.trends import KIND_LABELS, LEVEL_NAMES

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
STATE_COLOURS = {
    "critical": "#D55E00",
    "warning": "#E69F00",
    "ok": "#56B4E9",
    "no_data": "#BBBBBB",
}
STATE_DASH = {"warning": "dash", "critical": "solid"}
STATE_SYMBOL = {"warning": "triangle-up", "critical": "x"}
STRAIN_COLOURS = ("#F0F0F0", "#F5C880", "#E69F00", "#B04500")  # normal .. not functioning
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
KIND_ORDER = ("cumulative", "stock", "new")
CAUSE_GROUP = "figures for one cause only (dashed; hover names it)"
DAY_MS = 86_400_000


def base_layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        height=height,
        margin={"l": 60, "r": 20, "t": 40, "b": 40},
        font={"family": FONT, "size": 13},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        hovermode="closest",
        uirevision="keep",
    )
    return fig


@cache
def plain(text: object) -> str:
    """User text (a rule's name, a publisher, a facility) as plotly shows it: plotly reads a
    subset of HTML in labels and hovers, so ``<a href>`` or ``<span style>`` typed into a
    name must arrive as text, never as markup."""
    return html.escape(str(text), quote=False)


def empty(message: str, height: int = 220) -> go.Figure:
    """A figure that says why it is empty, instead of an empty axis that reads as zero.
    Made once per message: callers must not change it."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font_size=14
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, height)


def _daily(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One row per calendar day between the first and last point; days with no claim are
    NaN, so the line breaks there instead of passing through a made-up value."""
    frame = frame.drop_duplicates("day", keep="last")
    days = pd.date_range(frame["day"].min(), frame["day"].max(), freq="D")
    out = frame.set_index("day")[columns].reindex(days)
    out.insert(0, "day", days.strftime("%Y-%m-%d"))  # short dates: a lighter figure
    return out


def trend_figure(
    points: pd.DataFrame,
    *,
    unit: str,
    thresholds: list[dict] = (),
    markers: list[dict] = (),
) -> go.Figure:
    """One panel per kind of count (cumulative, stock, new: never mixed on one axis), a line
    per place and cause, a band where sources disagree, threshold lines, alert markers."""
    kinds = [k for k in KIND_ORDER if k in set(points["count_kind"])]
    fig = make_subplots(
        rows=len(kinds),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12 if len(kinds) > 1 else 0.05,
        subplot_titles=[KIND_LABELS[k] for k in kinds],
    )
    # Every value below is made here from checked data: skipping plotly's per-property
    # validation halves the time a chart takes on a million claims.
    fig._validate = False
    colour = 0
    colours: dict[str, str] = {}
    in_legend: set[str] = set()
    for row, kind in enumerate(kinds, start=1):
        of_kind = points[points["count_kind"] == kind]
        for (unit_code, cause), line in of_kind.groupby(["unit", "cause_key"], sort=True):
            name = plain(line["unit_name"].iloc[0]) + (
                f" ({plain(cause.replace('_', ' '))} only)" if cause else ""
            )
            key = f"{unit_code}|{cause}"
            if unit_code not in colours:  # a place keeps its colour; a cause only dashes it
                colours[unit_code] = PALETTE[colour % len(PALETTE)]
                colour += 1
            c = colours[unit_code]
            # figures for one cause share one legend entry: a legend of places, not of
            # every place times every cause
            group, shown_as = (CAUSE_GROUP, CAUSE_GROUP) if cause else (key, name)
            if "bound" not in line:
                line = line.assign(bound=False)
            daily = _daily(
                line,
                ["value", "low", "high", "ref", "sources", "n_claims", "derived", "bound"],
            )
            bound = daily["bound"].fillna(False).astype(bool).to_numpy()
            spread = (daily["high"] > daily["low"]).fillna(False)
            # one value per calendar day: the days are given as a start and a step, which
            # keeps a year of daily points light
            days = {"x0": daily["day"].iloc[0], "dx": DAY_MS}
            if spread.any():
                xs, ys = _band(daily)
                fig.add_trace(
                    go.Scatter(
                        _validate=False,
                        x=xs,
                        y=ys,
                        mode="lines",
                        line={"width": 0},
                        fill="toself",
                        fillcolor=_alpha(c, 0.18),
                        hoverinfo="skip",
                        name=f"{name}: range of sources",
                        legendgroup=group,  # shown and hidden with its line: no entry of its own
                        showlegend=False,
                    ),
                    row=row,
                    col=1,
                )
            known = daily["value"].notna().to_numpy()
            if kind != "new" and known.sum() > 1 and not known.all():
                # a toll or a stock stands between reports, at a level nobody reported:
                # a dotted line joins the reports, the solid line only runs day to day
                fig.add_trace(
                    go.Scatter(
                        _validate=False,
                        **days,
                        y=daily["value"].to_numpy(dtype=float, na_value=np.nan),
                        mode="lines",
                        connectgaps=True,
                        line={"color": c, "width": 1.5, "dash": "dot"},
                        hoverinfo="skip",
                        name=f"{name}: between reports",
                        legendgroup=group,
                        showlegend=False,
                    ),
                    row=row,
                    col=1,
                )
            custom = np.column_stack(
                [
                    daily["ref"].astype(object),
                    daily["sources"].fillna("").astype(object).map(plain),
                    _compact(daily["low"]),
                    _compact(daily["high"]),
                    _compact(daily["n_claims"]),
                    np.char.add(
                        np.where(daily["derived"].fillna(False).astype(bool), " (derived)", ""),
                        np.where(bound, " at least: only groups' figures (civilians...)", ""),
                    ).astype(object),
                ]
            )
            custom[~known] = None  # a day with no report has nothing to show on hover
            fig.add_trace(
                go.Scatter(
                    _validate=False,
                    **days,
                    y=daily["value"].to_numpy(dtype=float, na_value=np.nan),
                    error_y=_range_bars(daily, c) if spread.any() else None,
                    mode="lines+markers",
                    connectgaps=False,
                    name=shown_as,
                    legendgroup=group,
                    showlegend=group not in in_legend,
                    line={"color": c, "width": 2, "dash": "dash" if cause else "solid"},
                    # a hollow marker: at least this many (only groups' figures known)
                    marker={
                        "size": 7,
                        "color": c,
                        "symbol": np.where(bound, "circle-open", "circle").tolist(),
                    },
                    customdata=custom,
                    hovertemplate=(
                        f"<b>{name}</b><br>%{{x|%d %b %Y}}: %{{y:,.0f}} {unit}%{{customdata[5]}}"
                        "<br>range %{customdata[2]:,.0f} to %{customdata[3]:,.0f}"
                        "<br>%{customdata[4]} claims: %{customdata[1]}"
                        "<br><i>click for the claims</i><extra></extra>"
                    ),
                ),
                row=row,
                col=1,
            )
            in_legend.add(group)
        fig.update_yaxes(title_text=unit, rangemode="tozero", row=row, col=1)
    for t in thresholds:
        if not t["drawn"]:
            continue
        rows = _threshold_rows(kinds, t["window"])
        for row in rows:
            fig.add_hline(
                y=t["value"],
                line={"color": STATE_COLOURS[t["level"]], "dash": STATE_DASH[t["level"]]},
                annotation_text=f"{t['level']} {t['value']:,.0f} ({plain(t['name'])})",
                annotation_position="top left",
                annotation_font_size=11,
                row=row,
                col=1,
            )
    for state in ("warning", "critical"):
        mine = [m for m in markers if m["state"] == state and m["value"] is not None]
        if mine:
            fig.add_trace(
                go.Scatter(
                    x=[m["day"] for m in mine],
                    y=[m["value"] for m in mine],
                    mode="markers",
                    name=f"{state} alert",
                    marker={
                        "symbol": STATE_SYMBOL[state],
                        "size": 15,
                        "color": STATE_COLOURS[state],
                        "line": {"width": 1, "color": "#000"},
                    },
                    text=[m["text"] for m in mine],
                    hovertemplate="%{text}<extra></extra>",
                ),
                row=1,
                col=1,
            )
    _date_axis(fig, points["day"])
    return base_layout(fig, 120 + 260 * len(kinds))


def _date_axis(fig: go.Figure, days: pd.Series) -> None:
    """Calendar days on the x axis, never hours; a single day gets a day either side."""
    first, last = pd.Timestamp(days.min()), pd.Timestamp(days.max())
    span = (last - first).days
    fig.update_xaxes(
        type="date",
        tickformat="%-d %b\n%Y",
        hoverformat="%-d %b %Y",
        range=[first - pd.Timedelta(days=1), last + pd.Timedelta(days=1)],
        **({"dtick": 86_400_000 * max(1, span // 10 + 1)} if span <= 60 else {}),
    )


def _band(daily: pd.DataFrame) -> tuple[list, list]:
    """The sources' range as shaded shapes, one per run of consecutive reported days (a run
    of one day is a bar, see ``_range_bars``): never drawn across a day with no report."""
    known = daily["low"].notna() & daily["high"].notna()
    run = (known != known.shift()).cumsum()
    xs: list = []
    ys: list = []
    for _, days in daily[known].groupby(run[known]):
        if len(days) < 2:
            continue
        xs += [*days["day"], *days["day"][::-1], days["day"].iloc[0], None]
        ys += [*days["high"], *days["low"][::-1], days["high"].iloc[0], None]
    return xs, ys


def _range_bars(daily: pd.DataFrame, colour: str) -> dict:
    """Each day's range of sources as a bar from the lowest to the highest figure."""
    value = daily["value"].astype("float64")
    above = (daily["high"].astype("float64") - value).clip(lower=0)
    below = (value - daily["low"].astype("float64")).clip(lower=0)
    return {
        "type": "data",
        "symmetric": False,
        "array": above.to_numpy(na_value=np.nan),
        "arrayminus": below.to_numpy(na_value=np.nan),
        "color": colour,
        "thickness": 1.5,
        "width": 4,
    }


def _compact(values: pd.Series) -> np.ndarray:
    """Numbers for hover text: whole numbers as integers (no '.0' sent), unknown as None."""
    numbers = values.astype("float64").to_numpy(na_value=np.nan)
    out = np.full(len(numbers), None, dtype=object)
    known = ~np.isnan(numbers)
    out[known] = [int(v) if v.is_integer() else v for v in numbers[known].tolist()]
    return out


def _threshold_rows(kinds: list[str], window: str) -> list[int]:
    """'latest' reads tolls and stocks where a place has them; 'max' reads any point."""
    if window == "max":
        return list(range(1, len(kinds) + 1))
    totals = [i for i, k in enumerate(kinds, start=1) if k in ("cumulative", "stock")]
    return totals or [i for i, k in enumerate(kinds, start=1) if k == "new"]


def _alpha(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def sparkline(frame: pd.DataFrame) -> go.Figure:
    """A small line of the last weeks; no axes, gaps kept."""
    if frame.empty:
        return empty("no figures in the last 30 days", height=60)
    daily = _daily(frame, ["value"])
    fig = go.Figure(
        go.Scatter(
            x=daily["day"],
            y=daily["value"],
            mode="lines+markers",
            connectgaps=False,
            line={"color": PALETTE[0], "width": 2},
            marker={"size": 4},
            hovertemplate="%{x|%d %b}: %{y:,.0f}<extra></extra>",
        )
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, rangemode="tozero")
    fig.update_layout(height=60, margin={"l": 0, "r": 0, "t": 4, "b": 4}, template="plotly_white")
    return fig


def strain_heatmap(levels: pd.DataFrame, first, last) -> go.Figure:
    """Strain level by governorate (rows) and day (columns) from ``first`` to ``last``;
    blank where nothing was said."""
    if levels.empty:
        return empty("No hospital strain reported for these places and dates.")
    wide = levels.pivot_table(index="unit_name", columns="day", values="level", aggfunc="max")
    days = pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="D")
    wide = wide.reindex(columns=days)
    names = wide.map(lambda v: LEVEL_NAMES.get(v, "not reported") if v == v else "not reported")
    # who said it and when, and the point's reference for a click, cell by cell
    extra = {}
    for column in ("said_by", "ref"):
        if column in levels:
            table = levels.pivot_table(
                index="unit_name", columns="day", values=column, aggfunc="first"
            )
            extra[column] = table.reindex(index=wide.index, columns=days).fillna("")
    said = extra.get("said_by", wide.map(lambda _: "")).map(plain)
    ref = extra.get("ref", wide.map(lambda _: ""))
    custom = np.dstack([said.to_numpy(dtype=object), ref.to_numpy(dtype=object)])
    scale = []
    for i, c in enumerate(STRAIN_COLOURS):
        scale += [(i / 4, c), ((i + 1) / 4, c)]
    fig = go.Figure(
        go.Heatmap(
            z=wide.to_numpy(),
            x=wide.columns,
            y=wide.index,
            zmin=-0.5,
            zmax=3.5,
            colorscale=scale,
            text=names.to_numpy(),
            customdata=custom,
            hovertemplate="%{y}, %{x|%d %b %Y}: %{text}<br>%{customdata[0]}<extra></extra>",
            xgap=2,
            ygap=2,
            colorbar={
                "tickvals": [0, 1, 2, 3],
                "ticktext": ["normal", "strained", "overwhelmed", "not functioning"],
                "title": {"text": "strain"},
            },
        )
    )
    _date_axis(fig, pd.Series(wide.columns))
    return base_layout(fig, 140 + 36 * len(wide.index))


def occupancy_figure(points: pd.DataFrame) -> go.Figure:
    """Bed occupancy per place against the 85% safety line and the 100% surge line."""
    if points.empty:
        fig = empty(
            "No bed-occupancy figures yet. Reports rarely state them: upload a hospital_strain "
            "table with beds_staffed and beds_occupied (Data page) to see them here."
        )
        return fig
    fig = trend_figure(points, unit="percent of staffed beds")
    for level, label, dash in ((85, "85% safety line", "dash"), (100, "100% surge", "solid")):
        fig.add_hline(
            y=level,
            line={"color": STATE_COLOURS["warning" if level == 85 else "critical"], "dash": dash},
            annotation_text=label,
            annotation_position="top left",
        )
    return fig


def weekly_bars(weeks: pd.DataFrame, *, unit: str) -> go.Figure:
    """New counts by week (a week with no report is absent, not zero)."""
    if weeks.empty:
        return empty("No attacks on health care reported for these places and dates.")
    fig = go.Figure(
        go.Bar(
            x=weeks["week"],
            y=weeks["value"],
            marker_color=PALETTE[5],
            customdata=weeks["n_points"],
            hovertemplate=f"week of %{{x|%d %b %Y}}: %{{y:,.0f}} {unit}"
            "<br>%{customdata} reporting days<extra></extra>",
        )
    )
    fig.update_yaxes(title_text=f"{unit} per week")
    _date_axis(fig, weeks["week"])
    return base_layout(fig, 300)
