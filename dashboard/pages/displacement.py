"""Displacement: people newly displaced, present, returned and evacuated."""

import dash

from dashboard.trend_page import LAZY_PARTS, register_callbacks, trend_layout

dash.register_page(
    __name__,
    path="/displacement",
    name="Displacement",
    order=2,
    charts=True,
    lazy=LAZY_PARTS,
)
register_callbacks("displacement")


def layout(**params):
    return trend_layout(
        "displacement",
        "Displacement",
        "People who fled (a flow), displaced people present (a stock), returns and "
        "evacuations. Flows, running totals and stocks are drawn on separate panels.",
        params,
        with_group=False,
    )
