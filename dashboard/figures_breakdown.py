"""The breakdown chart: one report's toll for all people, stacked by groups that never
overlap (civilians, fighters, soldiers, unknown) and what the report left unbroken."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import PALETTE, base_layout, empty, plain

GROUP_COLOURS = {
    "civilians": PALETTE[0],
    "fighters": PALETTE[1],
    "soldiers": PALETTE[2],
    "unknown": PALETTE[3],
    "not broken down": "#BBBBBB",
}


def breakdown_figure(parts: pd.DataFrame) -> go.Figure:
    """A horizontal bar per place: the parts of its newest toll that a report broke down,
    stacked, with the report and day in the bar's label."""
    if parts.empty:
        return empty("No report broke a toll for all people down by group here.", height=160)
    parts = parts.assign(
        label=[
            f"{plain(u)}<br><sub>{plain(p or 'source unknown')}, "
            f"{pd.Timestamp(d):%-d %b %Y}: {t:,.0f}</sub>"
            for u, p, d, t in zip(
                parts["unit_name"], parts["publisher"], parts["day"], parts["total"], strict=True
            )
        ]
    )
    fig = go.Figure()
    for group, colour in GROUP_COLOURS.items():
        mine = parts[parts["group"] == group]
        if mine.empty:
            continue
        fig.add_bar(
            name=group,
            x=mine["value"].tolist(),
            y=mine["label"].tolist(),
            orientation="h",
            marker={"color": colour},
            text=[f"{v:,.0f}" for v in mine["value"]],
            textposition="inside",
            hovertemplate=f"{group}: %{{x:,.0f}}<extra></extra>",
        )
    base_layout(fig, 110 + 60 * parts["label"].nunique())
    fig.update_layout(
        barmode="stack",
        title={"text": "Breakdown by group of the newest toll that gives one", "x": 0},
        xaxis={"title": "people", "rangemode": "tozero"},
        yaxis={"automargin": True},
        legend={"y": -0.3},
    )
    return fig
