"""Hospital strain by place and day as the rule reads it (``indicators.strain_history``): a
row of day-long bars per place, drawn as the Hospitals map draws a level: stated solid,
derived hatched, unknown pale grey, never the colour of normal. Each day's bar names its
level, reason and sources on hover and carries its place and day for a click.

Bars, not a heat map: plotly hatches bars (never heat-map cells), and sends a bar's
customdata with a click.
"""

from __future__ import annotations

import pandas as pd

from dashboard.figures import (
    AXIS,
    DAY_MS,
    STRAIN_COLOURS,
    below,
    date_axis,
    empty,
    layout,
    plain,
    wrapped,
)
from dashboard.strain_map import UNKNOWN

LEVELS = ("normal", "strained", "overwhelmed", "not_functioning")
COLOURS = dict(zip(LEVELS, STRAIN_COLOURS, strict=True))
HATCH = {"shape": "/", "fgcolor": "#555555", "size": 6, "solidity": 0.25, "fillmode": "overlay"}
NO_EVIDENCE = "unknown: no evidence in the rule's windows (not normal)"
NONE = (
    "No strain stated or derived for these places and dates: no report stated a level, and "
    "no attacks on health care, injured people, facilities down or bed occupancy were "
    "reported for one place. Reports and tables with those figures fill this chart."
)


def strain_days(history: pd.DataFrame, first, last) -> dict:
    """The bars of ``history`` (``strain_history``'s rows) from ``first`` to ``last``, one row
    per place with a known level on some day (the page names the others); an empty figure
    saying so when no place has one."""
    known = history[history["level"] != "unknown"]
    if known.empty:
        return empty(NONE)
    shown = history[history["place"].isin(known["place"])].sort_values(["place", "day"])
    places = list(dict.fromkeys(shown["place"]))
    names = dict(zip(shown["place"], shown["place_name"], strict=False))
    traces = [_unknown_runs(shown, names)]
    for level in LEVELS:
        for certainty in ("confirmed", "possible"):
            rows = shown[(shown["level"] == level) & (shown["certainty"] == certainty)]
            if len(rows):
                traces.append(_bars(rows, level, certainty, names))
    height = 170 + 44 * len(places)
    return {
        "data": [t for t in traces if t["y"]],
        "layout": layout(
            height,
            margin={"l": 60, "r": 20, "t": 36, "b": 50},  # the toolbar above the bars
            legend={"orientation": "h", "yanchor": "top", "y": below(height, 72), "x": 0},
            barmode="overlay",
            bargap=0.25,
            xaxis=date_axis(first, last),
            yaxis={
                **AXIS,
                "type": "category",
                "autorange": "reversed",
                "tickvals": places,
                "ticktext": [wrapped(names[p]) for p in places],
                "fixedrange": True,
            },
        ),
    }


def _bars(rows: pd.DataFrame, level: str, certainty: str, names: dict) -> dict:
    how = "stated" if certainty == "confirmed" else "derived"
    words = f"{level.replace('_', ' ')} ({how}, {certainty})"
    marker: dict = {"color": COLOURS[level], "line": {"width": 0}}
    if certainty == "possible":
        marker["pattern"] = HATCH
    sources = rows["sources"].fillna("no source named")
    return {
        "type": "bar",
        "orientation": "h",
        "name": words,
        "y": rows["place"].tolist(),
        "base": rows["day"].dt.strftime("%Y-%m-%d").tolist(),
        "x": [DAY_MS] * len(rows),
        "marker": marker,
        "customdata": [
            [p, d, plain(names[p]), plain(reason), plain(said)]
            for p, d, reason, said in zip(
                rows["place"],
                rows["day"].dt.strftime("%Y-%m-%d"),
                rows["reason"],
                sources,
                strict=True,
            )
        ],
        "hovertemplate": "%{customdata[2]}, %{base|%-d %b %Y}: "
        + words
        + "<br>%{customdata[3]}<br>Sources: %{customdata[4]}<br><i>click for the claims</i>"
        "<extra></extra>",
    }


def _unknown_runs(rows: pd.DataFrame, names: dict) -> dict:
    """Unknown days, a bar per run of them (a day's bar says no more than the run's)."""
    unknown = rows["level"] == "unknown"
    run = (unknown != unknown.shift()) | (rows["place"] != rows["place"].shift())
    runs = rows.assign(run=run.cumsum())[unknown].groupby("run")
    spans = runs.agg(place=("place", "first"), start=("day", "min"), end=("day", "max"))
    return {
        "type": "bar",
        "orientation": "h",
        "name": "unknown: no evidence",
        "y": spans["place"].tolist(),
        "base": spans["start"].dt.strftime("%Y-%m-%d").tolist(),
        "x": (((spans["end"] - spans["start"]).dt.days + 1) * DAY_MS).tolist(),
        "marker": {"color": UNKNOWN, "line": {"color": "#BBBBBB", "width": 0.5}},
        "customdata": [[plain(names[p])] for p in spans["place"]],
        "hovertemplate": f"%{{customdata[0]}}: {NO_EVIDENCE}<extra></extra>",
    }
