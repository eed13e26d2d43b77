"""The casualties table: people killed, injured or missing, one claim per row."""

from __future__ import annotations

from pandera.typing import Series

from indicators import catalogue, vocab
from indicators.schemas.claims import ClaimModel
from indicators.schemas.columns import REQUIRED, TEXT, column


class CasualtiesModel(ClaimModel):
    """Claims of people killed, injured or missing."""

    outcome: Series[TEXT] = column(
        "What happened to the people counted (the indicator: killed, injured...).",
        "#indicator+code+outcome",
        hxl_formerly=("#affected+outcome",),
        nullable=False,
        input=REQUIRED,
        isin=catalogue.allowed_values("casualties"),
    )
    population_group: Series[TEXT] = column(
        "Who is counted ('all' when the source names no group).",
        "#indicator+code+group",
        hxl_formerly=("#affected+group",),
        nullable=False,
        default="all",
        isin=vocab.POPULATION_GROUPS,
    )
    cause: Series[TEXT] = column(
        "Cause where stated.",
        "#event+cause",
        isin=vocab.CAUSES,
    )

    class Config:
        name = "casualties"
