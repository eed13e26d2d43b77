"""The displacement table: people newly displaced, displaced and present, returned or evacuated."""

from __future__ import annotations

import pandas as pd
from pandera.typing import Series

from indicators import vocab
from indicators.schemas.claims import ClaimModel
from indicators.schemas.columns import REQUIRED, column


class DisplacementModel(ClaimModel):
    """Claims of displacement, returns and evacuations."""

    category: Series[pd.StringDtype] = column(
        f"What the figure counts: one of {', '.join(vocab.DISPLACEMENT_CATEGORIES)} (new: newly "
        "displaced in the period; present: displaced people present at a date).",
        "#affected+category",
        nullable=False,
        input=REQUIRED,
        isin=vocab.DISPLACEMENT_CATEGORIES,
    )
    term: Series[pd.StringDtype] = column(
        "The word the source used (displaced, fled, uprooted, IDPs, evacuated, returned).",
        "#affected+term",
    )
    origin_text: Series[pd.StringDtype] = column(
        "Where people came from, as written, when stated.", "#loc+origin+name"
    )
    origin_admin1_pcode: Series[pd.StringDtype] = column(
        "Governorate p-code of the origin, when matched.", "#adm1+code+origin"
    )
    destination_text: Series[pd.StringDtype] = column(
        "Where people went, as written, when stated.", "#loc+dest+name"
    )
    destination_admin1_pcode: Series[pd.StringDtype] = column(
        "Governorate p-code of the destination, when matched.", "#adm1+code+dest"
    )

    class Config:
        name = "displacement"
