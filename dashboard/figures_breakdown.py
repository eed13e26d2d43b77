"""The breakdown: one report's toll for all people, stacked by groups that never overlap
(civilians, fighters, soldiers, unknown) and what the report left unbroken. Drawn as plain
HTML bars (no chart to load and draw: a page opens faster, a phone reads every value)."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.figures import PALETTE

GROUP_COLOURS = {
    "civilians": PALETTE[0],
    "fighters": PALETTE[1],
    "soldiers": PALETTE[2],
    "unknown": PALETTE[3],
    "not broken down": "#BBBBBB",
}
NONE = "No report broke a toll for all people down by group here."
HOW = (
    "Stacked are only groups that never overlap: civilians, fighters, soldiers, unknown. "
    "Children and women are counted among civilians (and may be fighters too), so they are "
    "never stacked. Each bar is one report's toll and its parts; parts from different "
    "reports are never added together."
)


def breakdown_bars(parts: pd.DataFrame) -> html.Div:
    """A bar per place, as long as its newest toll against the longest, split into the
    parts its report broke it into; the report, day and total beside it; a key below."""
    if parts.empty:
        return html.P(NONE, className="hint")
    longest = float(parts.groupby("unit_name", sort=False)["total"].max().max()) or 1.0
    rows = []
    for (unit, publisher, day, total), mine in parts.groupby(
        ["unit_name", "publisher", "day", "total"], sort=False, dropna=False
    ):
        segments = []
        for group, colour in GROUP_COLOURS.items():
            value = float(mine.loc[mine["group"] == group, "value"].sum())
            if value <= 0:
                continue
            segments.append(
                html.Span(
                    f"{value:,.0f}",
                    className="segment",
                    title=f"{group}: {value:,.0f}",
                    style={
                        "width": f"{100 * value / longest:.2f}%",
                        "background": colour,
                        "color": _ink(colour),
                    },
                )
            )
        said = ", ".join(
            f"{g} {float(mine.loc[mine['group'] == g, 'value'].sum()):,.0f}"
            for g in GROUP_COLOURS
            if (mine["group"] == g).any()
        )
        rows.append(
            html.Div(
                [
                    html.Div(
                        [
                            html.Strong(unit),
                            html.Small(
                                f" {publisher if isinstance(publisher, str) else 'source unknown'}"
                                f", {pd.Timestamp(day):%-d %b %Y}: {float(total):,.0f} in all"
                            ),
                        ],
                        className="label",
                    ),
                    html.Div(
                        segments, className="bar", role="img", **{"aria-label": f"{unit}: {said}"}
                    ),
                ],
                className="breakdown-row",
            )
        )
    key = [
        html.Span([html.Span(className="swatch", style={"background": c}), g], className="key")
        for g, c in GROUP_COLOURS.items()
        if (parts["group"] == g).any()
    ]
    return html.Div([*rows, html.P(key, className="breakdown-key")], className="breakdown-bars")


def _ink(colour: str) -> str:
    """Black on a light colour, white on a dark one (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#000" if luminance > 0.18 else "#fff"
