"""The trend chart: one panel per kind of count, a line (or, for counts over a period, bars)
per place, bands where sources disagree, the levels of the rules that watch what is drawn,
and alert markers. A plain dict, made from the frame of ``indicators.trends.trend``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures import (
    AXIS,
    DAY_MS,
    PALETTE,
    STATE_COLOURS,
    STATE_DASH,
    STATE_SYMBOL,
    alpha,
    date_axis,
    empty,
    layout,
    plain,
)
from dashboard.trend_lines import Line, first_day, kinds_of, lines_of, period_text, watched
from dashboard.trend_lines import slots as bar_slots
from indicators.trends import KIND_LABELS

CAUSE_GROUP = "one cause only (dashed)"
"""The legend entry all lines of figures for one cause share; hover names the cause."""
PANEL_HEIGHT = 260
HOVER = (
    "<b>{name}</b><br>%{{x|%d %b %Y}}: %{{y:,.0f}} {unit}%{{customdata[1]}}"
    "<br><i>click for the claims</i><extra></extra>"
)
"""A point's hover; what differs from point to point comes made as text (customdata[1]):
plain strings travel and draw faster than six typed columns."""


def trend_figure(
    points: pd.DataFrame,
    *,
    unit: str,
    thresholds: list[dict] = (),
    markers: list[dict] = (),
    lines: list[Line] | None = None,
) -> dict:
    """One panel per kind of count (cumulative, stock, new: never mixed on one axis). Tolls
    and stocks are lines through the reported points (dotted across days nobody reported);
    new counts are bars within their day. Panels share one date axis. ``lines``: the
    points' ``lines_of``, when the caller has them already."""
    lines = lines_of(points) if lines is None else lines
    kinds = kinds_of(lines)
    if not kinds:
        return empty("Nothing to draw.")
    panels = _panels(kinds)
    slots = bar_slots([(i, line) for i, line in enumerate(lines) if line.kind == "new"])
    traces: list[dict] = []
    colours: dict[str, str] = {}
    in_legend: set[str] = set()
    for i, line in enumerate(lines):
        if line.unit not in colours:  # a place keeps its colour; a cause only dashes it
            colours[line.unit] = PALETTE[len(colours) % len(PALETTE)]
        cause = line.cause
        name = plain(line.unit_name) + (
            f" ({plain(cause.replace('_', ' '))} only)" if cause else ""
        )
        group = CAUSE_GROUP if cause else series_group(line.unit)
        drawn = _series(
            line,
            axis=panels[line.kind],
            colour=colours[line.unit],
            name=name,
            unit=unit,
            slots=slots.get(i),
        )
        drawn[-1] |= {
            "legendgroup": group,
            "name": CAUSE_GROUP if cause else name,
            "showlegend": group not in in_legend,
        }
        for trace in drawn[:-1]:
            trace["legendgroup"] = group  # shown and hidden with its line
        traces += drawn
        in_legend.add(group)
    for t in thresholds:
        traces += threshold_lines(lines, t, panels)
    traces += _markers(markers, panels[kinds[0]])
    first = min(first_day(line) for line in lines)
    last = max(line.last for line in lines)
    return {"data": traces, "layout": _layout(first, last, kinds, unit)}


def series_group(unit_code: str) -> str:
    """The legend group of a place's all-causes line (its levels hide with it)."""
    return f"{unit_code}|"


def _panels(kinds: list[str]) -> dict[str, str]:
    return {k: "y" if i == 0 else f"y{i + 1}" for i, k in enumerate(kinds)}


def _layout(first: str, last: str, kinds: list[str], unit: str) -> dict:
    n = len(kinds)
    gap = 0.12 if n > 1 else 0.0
    height = (1 - gap * (n - 1)) / n
    axes = {}
    titles = []
    for i, kind in enumerate(kinds):
        top = 1 - i * (height + gap)
        axes["yaxis" if i == 0 else f"yaxis{i + 1}"] = {
            **AXIS,
            "domain": [max(0.0, top - height), top],
            "anchor": "x",
            "title": {"text": unit},
            "rangemode": "tozero",
        }
        titles.append(
            {
                "text": KIND_LABELS[kind],
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": top,
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 14},
            }
        )
    bottom = "y" if n == 1 else f"y{n}"
    return layout(
        120 + PANEL_HEIGHT * n,
        xaxis=date_axis(first, last, anchor=bottom),
        annotations=titles,
        barmode="overlay",
        **axes,
    )


def _series(line: Line, *, axis, colour, name, unit, slots) -> list[dict]:
    """The traces of one line: its band of sources, the dotted line between its reports,
    and its points (the last, the one in the legend)."""
    kind, cause, first, days = line.kind, line.cause, line.first, line.days
    values, low, high = days["value"], days["low"], days["high"]
    bound = days["bound"] > 0
    known = ~np.isnan(values)
    spread = high > low  # NaN compares False
    start = {"x0": first, "dx": DAY_MS}  # one value per day: a start and a step
    where = {"xaxis": "x", "yaxis": axis}
    out = []
    if kind != "new" and spread.any():
        xs, ys = band_arrays(first, low, high)
        if xs:
            out.append(
                {
                    "type": "scatter",
                    **where,
                    "x": xs,
                    "y": ys,
                    "mode": "lines",
                    "line": {"width": 0},
                    "fill": "toself",
                    "fillcolor": alpha(colour, 0.18),
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "name": f"{name}: range of sources",
                }
            )
    if kind != "new" and known.sum() > 1 and not known.all():
        # a toll or a stock stands between reports at a level nobody reported: a dotted
        # line joins the reports, the solid line only runs day to day
        out.append(
            {
                "type": "scatter",
                **where,
                **start,
                "y": values,
                "mode": "lines",
                "connectgaps": True,
                "line": {"color": colour, "width": 1.5, "dash": "dot"},
                "hoverinfo": "skip",
                "showlegend": False,
                "name": f"{name}: between reports",
            }
        )
    custom = np.full((len(values), 2), "", dtype=object)
    for i in np.flatnonzero(known):  # a day with no report has nothing to show on hover
        custom[i, 0] = days["ref"][i]
        custom[i, 1] = said(
            low[i],
            high[i],
            days["n_claims"][i],
            days["sources"][i],
            derived=days["derived"][i] > 0,
            bound=bool(bound[i]),
        ) + period_text(days.get("span"), i, kind)
    custom = custom.astype(str)  # text arrays go to JSON as they are, not item by item
    points = {
        "type": "scatter",
        **where,
        **start,
        "y": values,
        "customdata": custom,
        "hovertemplate": HOVER.format(name=name, unit=plain(unit)),
    }
    if spread.any():
        points["error_y"] = range_bars(values, low, high, colour)
    if kind == "new":
        # a count over a day is a bar within that day; the places that reported it side
        # by side. Only the days reported: plotly draws an element for every bar given,
        # empty or not (a day with no report has no bar, not an empty one)
        offset, width = slots
        wide = np.nan_to_num(days.get("span", np.ones(len(values))), nan=1.0) > 1
        marker = {
            "color": colour,
            # pale: at least this many, or a count over several days (the days' own counts
            # of other sources show through it); one opacity when every bar is whole
            "opacity": np.where(bound, 0.4, np.where(wide, 0.35, 1.0))[known]
            if np.any(bound) or np.any(wide)
            else 1.0,
            "line": {"width": 0},  # an outline costs plotly half its drawing time
        }
        if cause:
            marker["pattern"] = {"shape": "/"}
        del points["x0"], points["dx"]
        points |= {
            "type": "bar",
            "x": (np.datetime64(first) + np.flatnonzero(known)).astype(str),
            "y": values[known],
            "customdata": custom[known],
            "width": width[known],
            "offset": offset[known],
            "marker": marker,
        }
        if "error_y" in points:
            points["error_y"] = range_bars(values[known], low[known], high[known], colour)
    else:
        points |= {
            "mode": "lines+markers",
            "connectgaps": False,
            "line": {"color": colour, "width": 2, "dash": "dash" if cause else "solid"},
            # a hollow marker: at least this many (only groups' figures known)
            "marker": {
                "size": 7,
                "color": colour,
                "symbol": np.where(bound, "circle-open", "circle"),
            },
        }
    out.append(points)
    return out


def said(
    low: float, high: float, claims: float, sources: str | None, *, derived: bool, bound: bool
) -> str:
    """What a point's hover says after its figure: derived or a lower bound, the range of
    the sources, how many claims and whose."""
    return (
        (" (derived)" if derived else "")
        + (" at least: only groups' figures (civilians...)" if bound else "")
        + f"<br>range {_number(low)} to {_number(high)}"
        + f"<br>{_number(claims)} claims: {plain(sources or '')}"
    )


def _number(value: float) -> str:
    if value != value:
        return "unknown"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def band_arrays(first: str, low: np.ndarray, high: np.ndarray) -> tuple[list, list]:
    """The sources' range as shaded shapes, one per run of two or more consecutive reported
    days (a lone day is a bar, see ``range_bars``): never drawn across a day with no
    report."""
    known = ~np.isnan(low) & ~np.isnan(high)
    day0 = np.datetime64(first)
    xs: list = []
    ys: list = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], known.astype(np.int8), [0]])))
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if b - a < 2:
            continue
        days = [str(day0 + i) for i in range(a, b)]
        xs += [*days, *days[::-1], days[0], None]
        ys += [*high[a:b].tolist(), *low[a:b][::-1].tolist(), float(high[a]), None]
    return xs, ys


def band(days: pd.DataFrame) -> tuple[list, list]:
    """``band_arrays`` of a frame with day, low and high, one row per calendar day."""
    return band_arrays(
        str(days["day"].iloc[0])[:10],
        days["low"].to_numpy(dtype=float, na_value=np.nan),
        days["high"].to_numpy(dtype=float, na_value=np.nan),
    )


def range_bars(value: np.ndarray, low: np.ndarray, high: np.ndarray, colour: str) -> dict:
    """Each day's range of sources as a bar from the lowest to the highest figure."""
    return {
        "type": "data",
        "symmetric": False,
        "array": np.clip(high - value, 0, None),
        "arrayminus": np.clip(value - low, 0, None),
        "color": colour,
        "thickness": 1.5,
        "width": 4,
    }


def threshold_lines(lines: list[Line], t: dict, panels: dict[str, str]) -> list[dict]:
    """A rule's level as a line over the days of the lines it watches, in that line's
    legend group when it is one (hidden with it), labelled with what it watches."""
    if not t["drawn"]:
        return []
    mine = watched(lines, t)
    if not mine:
        return []
    units = sorted({line.unit for line in mine})
    if not t.get("per_place", True):
        what = "whole country"
    elif t.get("scope"):
        what = ", ".join(sorted({line.unit_name for line in mine}))
    else:
        what = "each place"
    label = f"{t['level']} {t['value']:,.0f}: {plain(what)}"  # short: it fits a phone
    told = f"{label}<br>rule: {plain(t['name'])}"
    out = []
    for kind in kinds_of(mine):
        of_kind = [line for line in mine if line.kind == kind]
        first = min(line.first for line in of_kind)
        last = max(line.last for line in of_kind)
        out.append(
            {
                "type": "scatter",
                "xaxis": "x",
                "yaxis": panels[kind],
                # from the first report's day to the end of the last's
                "x": [f"{first} 00:00", f"{last} 23:59"],
                "y": [t["value"], t["value"]],
                "mode": "lines+text",
                "text": [label, ""],
                "textposition": "top right",
                "textfont": {"size": 11, "color": STATE_COLOURS[t["level"]]},
                "line": {
                    "color": STATE_COLOURS[t["level"]],
                    "dash": STATE_DASH[t["level"]],
                    "width": 1.5,
                },
                "hovertemplate": f"{told}<extra></extra>",
                "showlegend": False,
                "name": told,
                **({"legendgroup": series_group(units[0])} if len(units) == 1 else {}),
            }
        )
    return out


def _markers(markers: list[dict], axis: str) -> list[dict]:
    out = []
    for state in ("warning", "critical"):
        mine = [m for m in markers if m["state"] == state and m["value"] is not None]
        if mine:
            out.append(
                {
                    "type": "scatter",
                    "xaxis": "x",
                    "yaxis": axis,
                    "x": [pd.Timestamp(m["day"]).strftime("%Y-%m-%d") for m in mine],
                    "y": [m["value"] for m in mine],
                    "mode": "markers",
                    "name": f"{state} alert",
                    "marker": {
                        "symbol": STATE_SYMBOL[state],
                        "size": 15,
                        "color": STATE_COLOURS[state],
                        "line": {"width": 1, "color": "#000"},
                    },
                    "text": [m["text"] for m in mine],
                    "hovertemplate": "%{text}<extra></extra>",
                }
            )
    return out


def occupancy_figure(points: pd.DataFrame) -> dict:
    """Bed occupancy per place against the 85% safety line and the 100% surge line."""
    if points.empty:
        return empty(
            "No bed-occupancy figures yet. Reports rarely state them: upload a hospital_strain "
            "table with beds_staffed and beds_occupied (Data page) to see them here."
        )
    fig = trend_figure(points, unit="percent of staffed beds")
    shapes, notes = [], []
    for level, label, state in (
        (85, "85% safety line", "warning"),
        (100, "100% surge", "critical"),
    ):
        line = {"color": STATE_COLOURS[state], "dash": STATE_DASH[state]}
        shapes.append(
            {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": level,
             "y1": level, "line": line}
        )  # fmt: skip
        notes.append(
            {"text": label, "xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": level,
             "yanchor": "bottom", "showarrow": False, "font": {"size": 11}}
        )  # fmt: skip
    fig["layout"]["shapes"] = shapes
    fig["layout"]["annotations"] = [*fig["layout"]["annotations"], *notes]
    return fig
