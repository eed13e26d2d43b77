"""The casualties table: people killed, injured or missing, one claim per row."""

from __future__ import annotations

from pandera.typing import Series

from indicators import vocab
from indicators.schemas.claims import ClaimModel
from indicators.schemas.columns import REQUIRED, TEXT, column


class CasualtiesModel(ClaimModel):
    """Claims of people killed, injured or missing."""

    outcome: Series[TEXT] = column(
        f"What happened to the people counted: one of {', '.join(vocab.OUTCOMES)}.",
        "#affected+outcome",
        nullable=False,
        input=REQUIRED,
        isin=vocab.OUTCOMES,
    )
    population_group: Series[TEXT] = column(
        f"Who is counted: one of {', '.join(vocab.POPULATION_GROUPS)} ('all' when the source "
        "names no group).",
        "#affected+group",
        nullable=False,
        default="all",
        isin=vocab.POPULATION_GROUPS,
    )
    cause: Series[TEXT] = column(
        f"Cause where stated: one of {', '.join(vocab.CAUSES)}.",
        "#event+cause",
        isin=vocab.CAUSES,
    )

    class Config:
        name = "casualties"
