"""The displacement table: people newly displaced, displaced and present, returned or evacuated."""

from __future__ import annotations

from pandera.typing import Series

from indicators import catalogue
from indicators.schemas.claims import ClaimModel
from indicators.schemas.columns import REQUIRED, TEXT, column


class DisplacementModel(ClaimModel):
    """Claims of displacement, returns and evacuations."""

    category: Series[TEXT] = column(
        "What the figure counts (new: newly displaced inside the country in the period; "
        "arrived_from_abroad / left_for_abroad: people crossing a border into or out of the "
        "country, never part of its internal displacement; present: displaced people present "
        "at a date).",
        "#indicator+category+code",
        hxl_formerly=("#affected+category",),
        nullable=False,
        input=REQUIRED,
        isin=catalogue.allowed_values("displacement"),
    )
    term: Series[TEXT] = column(
        "The word the source used (displaced, fled, uprooted, IDPs, evacuated, returned).",
        "#indicator+term+text",
        hxl_formerly=("#affected+term",),
    )
    origin_text: Series[TEXT] = column(
        "Where people came from, as written, when stated.", "#loc+origin+name"
    )
    origin_admin1_pcode: Series[TEXT] = column(
        "Governorate p-code of the origin, when matched.", "#adm1+code+origin"
    )
    destination_text: Series[TEXT] = column(
        "Where people went, as written, when stated.", "#loc+dest+name"
    )
    destination_admin1_pcode: Series[TEXT] = column(
        "Governorate p-code of the destination, when matched.", "#adm1+code+dest"
    )

    class Config:
        name = "displacement"
