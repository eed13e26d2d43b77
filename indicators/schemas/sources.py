"""The sources register: one row per report that figures are taken from."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from indicators import vocab
from indicators.schemas.columns import REQUIRED, TEXT, column


class SourcesModel(pa.DataFrameModel):
    """One row per report (a news wire, a flash update, a WHO or UNHCR statement, an export)."""

    source_id: Series[TEXT] = column(
        "Stable identifier of the source, referenced by every claim taken from it.",
        "#meta+source+id",
        nullable=False,
        input=REQUIRED,
        unique=True,
        str_length={"min_value": 1, "max_value": 200},
    )
    publisher: Series[TEXT] = column(
        "Organisation that published the report (e.g. OCHA, AFP).",
        "#meta+source",
        nullable=False,
        input=REQUIRED,
    )
    original_publisher: Series[TEXT] = column(
        "The publisher whose story this report carries, when it carries another's (a wire "
        "story reprinted by an outlet: Reuters); empty when the report is the publisher's own. "
        "Figures of one original publisher are one story, however many outlets carry them.",
        "#meta+source+original",
    )
    title: Series[TEXT] = column(
        "Title of the report as published (or as read from its address when no title is known).",
        "#meta+title",
    )
    url: Series[TEXT] = column(
        "Web address of the report; empty for a report that has none.",
        "#meta+url",
        str_matches=r"^https?://\S+$",
    )
    published: Series[pa.DateTime] = column(
        "Date the report was published (YYYY-MM-DD, a calendar day); empty when unknown.",
        "#date+published",
    )
    language: Series[TEXT] = column(
        "Language of the report text, as an ISO 639-1 code (en, ar, fr); empty when unknown.",
        "#meta+lang",
        str_matches=r"^[a-z]{2,3}$",
    )
    source_type: Series[TEXT] = column(
        "Kind of publisher (UN agency, NGO, government, news agency...).",
        "#meta+source+type",
        nullable=False,
        default="other",
        isin=vocab.SOURCE_TYPES,
    )
    reliability: Series[TEXT] = column(
        "Reliability the team assigns to the source.",
        "#meta+reliability",
        nullable=False,
        default="unrated",
        isin=vocab.RELIABILITY,
    )
    text_sha256: Series[TEXT] = column(
        "SHA-256 of the stored report text (64 hex digits); empty when the text is not stored.",
        "#meta+hash",
        str_matches=r"^[0-9a-f]{64}$",
    )
    licence: Series[TEXT] = column(
        "Licence or terms of use under which the publisher lets its figures be used (e.g. "
        "CC BY 4.0, or the publisher's terms in words); empty when the publisher states none "
        "that is known. Every download holding the source's rows carries it.",
        "#meta+licence",
        str_length={"min_value": 1, "max_value": 500},
    )
    attribution: Series[TEXT] = column(
        "The line to cite when the source's figures are used or passed on, as the publisher "
        "asks for it (e.g. 'Source: UCDP ...'); empty when none is known. Every download "
        "holding the source's rows carries it.",
        "#meta+attribution",
        str_length={"min_value": 1, "max_value": 1000},
    )
    notes: Series[TEXT] = column(
        "Free-text remarks on the source (how it was obtained, what it covers).",
        "#description+notes",
    )

    class Config:
        strict = True
        name = "sources"
