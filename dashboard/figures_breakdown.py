"""The breakdown chart: one report's toll for all people, stacked by groups that never
overlap (civilians, fighters, soldiers, unknown) and what the report left unbroken."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import AXIS, PALETTE, below, empty, layout, wrapped

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


def breakdown_figure(parts: pd.DataFrame) -> dict:
    """A horizontal bar per place: the parts of its newest toll that a report broke down,
    stacked, with the report and day in the bar's label."""
    if parts.empty:
        return empty(NONE, height=160)
    parts = parts.assign(
        label=[
            f"{wrapped(u)}<br><sub>{wrapped(p or 'source unknown', 30)}<br>"
            f"{pd.Timestamp(d):%-d %b %Y}: {t:,.0f}</sub>"
            for u, p, d, t in zip(
                parts["unit_name"], parts["publisher"], parts["day"], parts["total"], strict=True
            )
        ]
    )
    bars = []
    for group, colour in GROUP_COLOURS.items():
        mine = parts[parts["group"] == group]
        if mine.empty:
            continue
        bars.append(
            {
                "type": "bar",
                "name": group,
                "x": mine["value"].tolist(),
                "y": mine["label"].tolist(),
                "orientation": "h",
                "marker": {"color": colour},
                "text": [f"{v:,.0f}" for v in mine["value"]],
                "textposition": "inside",
                "hovertemplate": f"{group}: %{{x:,.0f}}<extra></extra>",
            }
        )
    height = 120 + 80 * parts["label"].nunique()
    return {
        "data": bars,
        "layout": layout(
            height,
            barmode="stack",
            xaxis={**AXIS, "title": {"text": "people"}, "rangemode": "tozero"},
            yaxis={**AXIS, "automargin": True},
            legend={"orientation": "h", "yanchor": "top", "y": below(height, 76), "x": 0},
        ),
    }
