"""Plotly figures as plain dicts, made from the frames of ``indicators.trends``. No data is
read here.

A figure is the JSON plotly.js draws, built directly: no ``plotly.graph_objects`` object, no
template copied per call, no per-property validation. Every value comes from checked data.
Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies); warning
and critical differ by line style and marker shape too, never by colour alone.
"""

from __future__ import annotations

import html
import textwrap
from functools import cache

import numpy as np
import pandas as pd

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
STATE_COLOURS = {
    "critical": "#D55E00",
    "warning": "#E69F00",
    "ok": "#56B4E9",
    "no_data": "#BBBBBB",
}
STATE_DASH = {"warning": "dash", "critical": "solid"}
STATE_SYMBOL = {"warning": "triangle-up", "critical": "x"}
STRAIN_COLOURS = ("#CFE3F3", "#F5C880", "#E69F00", "#B04500")
"""normal .. not functioning; normal a pale blue, never the white of 'unknown'."""
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
DAY_MS = 86_400_000
LEGEND_ROWS_PX = 110
"""About four rows of a legend below a chart: what a phone's legend takes."""
GRID = "#E3E8EF"
AXIS = {"gridcolor": GRID, "linecolor": GRID, "zerolinecolor": GRID, "automargin": False}
"""Plotly's white look, spelled out once: a template named by string is resolved in Python,
and copying one into every figure costs more than drawing the data. No automatic margins:
the margins of ``layout`` hold the labels (short numbers, two-line dates), and an automatic
margin makes plotly.js draw a chart twice (a tenth of a page's first render)."""


def below(height: int, pixels: int) -> float:
    """A position at least ``pixels`` under a chart's plot area, in the plot's fractions
    (what plotly reads): under the date labels, whatever the chart's height. The plot area is
    taken as if a legend of four rows (a phone's) had already pushed the bottom margin: the
    push shrinks the plot, and with it every distance given in its fractions."""
    return -min(0.6, pixels / max(height - 80 - LEGEND_ROWS_PX, 100))


def layout(height: int, **more) -> dict:
    """The layout every chart shares: white, the project's font, legend below the plot and
    its date labels (it never covers the lines, and on a phone it wraps instead of being
    cut)."""
    return {
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 40, "b": 40},
        "font": {"family": FONT, "size": 13, "color": "#1F2937"},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "colorway": list(PALETTE),
        "legend": {"orientation": "h", "yanchor": "top", "y": below(height, 56), "x": 0},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "uirevision": "keep",
        "xaxis": dict(AXIS),
        "yaxis": dict(AXIS),
        **more,
    }


@cache
def plain(text: object) -> str:
    """User text (a rule's name, a publisher, a facility) as plotly shows it: plotly reads a
    subset of HTML in labels and hovers, so ``<a href>`` or ``<span style>`` typed into a
    name must arrive as text, never as markup."""
    return html.escape(str(text), quote=False)


def wrapped(text: object, width: int = 24) -> str:
    """A label (user text, escaped) broken into lines of about ``width`` characters: a long
    place name would otherwise take a phone's whole chart width."""
    return "<br>".join(textwrap.wrap(plain(text), width)) or plain(text)


def empty(message: str, height: int = 220, width: int = 44) -> dict:
    """A figure that says why it is empty, instead of an empty axis that reads as zero;
    the message in lines of ``width`` characters (a phone's or a card's)."""
    hidden = {"visible": False}
    return {
        "data": [],
        "layout": layout(
            height,
            margin={"l": 4, "r": 4, "t": 4, "b": 4},  # no axes to make room for
            xaxis=hidden,
            yaxis=hidden,
            annotations=[
                {
                    "text": "<br>".join(textwrap.wrap(message.replace("<br>", " "), width)),
                    "showarrow": False,
                    "x": 0.5,
                    "y": 0.5,
                    "xref": "paper",
                    "yref": "paper",
                    "font": {"size": 14},
                }
            ],
        ),
    }


def daily(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One row per calendar day between the first and last point; days with no claim are
    NaN, so the line breaks there instead of passing through a made-up value."""
    frame = frame.drop_duplicates("day", keep="last")
    days = pd.date_range(frame["day"].min(), frame["day"].max(), freq="D")
    out = frame.set_index("day")[columns].reindex(days)
    out.insert(0, "day", days.strftime("%Y-%m-%d"))  # short dates: a lighter figure
    return out


def date_axis(first, last, *, pad_days: int = 1, **more) -> dict:
    """Calendar days on the x axis, never hours, with a day either side of the data (a
    single day, or a single bar, is drawn whole)."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    span = (last - first).days
    return {
        **AXIS,
        "type": "date",
        "tickformat": "%-d %b\n%Y",
        "hoverformat": "%-d %b %Y",
        "range": [
            (first - pd.Timedelta(days=pad_days)).strftime("%Y-%m-%d"),
            (last + pd.Timedelta(days=pad_days)).strftime("%Y-%m-%d"),
        ],
        # whole days, at most six labels: they fit a 390 px phone without overlapping
        **({"dtick": DAY_MS * max(1, -(-(span + 2) // 6))} if span <= 60 else {"nticks": 6}),
        **more,
    }


def numbers(values: pd.Series) -> np.ndarray:
    """A column as floats with NaN for unknown (plotly.js leaves a gap there)."""
    return values.astype("float64").to_numpy(na_value=np.nan)


def alpha(hex_colour: str, opacity: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity})"


def sparkline(frame: pd.DataFrame) -> dict:
    """A small line of the last weeks; no axes, gaps kept."""
    if frame.empty:
        return empty("no figures in the last 30 days", height=60, width=18)
    days = daily(frame, ["value"])
    trace = {
        "type": "scatter",
        "x": days["day"].tolist(),
        "y": numbers(days["value"]),
        "mode": "lines+markers",
        "connectgaps": False,
        "line": {"color": PALETTE[0], "width": 2},
        "marker": {"size": 4},
        "hovertemplate": "%{x|%d %b}: %{y:,.0f}<extra></extra>",
    }
    return {
        "data": [trace],
        "layout": layout(
            60,
            margin={"l": 0, "r": 0, "t": 4, "b": 4},
            showlegend=False,
            xaxis={"visible": False, "type": "date"},
            yaxis={"visible": False, "rangemode": "tozero"},
        ),
    }
