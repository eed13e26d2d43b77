"""Casualties: people killed, injured and missing, by place, group and day."""

import dash

from dashboard.trend_page import LAZY_PARTS, register_callbacks, trend_layout

dash.register_page(
    __name__,
    path="/casualties",
    name="Casualties",
    order=1,
    charts=True,
    lazy=LAZY_PARTS,
)
register_callbacks("casualties")


def layout(**params):
    return trend_layout(
        "casualties",
        "Casualties",
        "People killed, injured and missing, as reported. Tolls (cumulative) and counts for "
        "one period (new) are drawn on separate panels.",
        params,
        with_group=True,
    )
