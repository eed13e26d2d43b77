"""Columns every claim table shares: provenance, place, period and the value as stated.

A claim is one source stating one number (or one status) about one place and one period
(domain notes, section 1). Each indicator family extends :class:`ClaimModel`.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from indicators import checks, vocab
from indicators.schemas.columns import REQUIRED, TEXT, column, row_rule


class ClaimModel(pa.DataFrameModel):
    """Shared columns of the casualties, displacement and hospital-strain tables.

    Row rules run with ``ignore_na=False``: each rule says itself what a missing value means,
    and pandera need not scan every column for all-missing rows once per rule.
    """

    claim_id: Series[TEXT] = column(
        "Stable identifier of the claim; generated from its content when an input leaves it out.",
        "#meta+id",
        nullable=False,
        unique=True,
        str_length={"min_value": 1, "max_value": 200},
    )
    source_id: Series[TEXT] = column(
        "The source (report) the claim is taken from; see the sources table.",
        "#meta+source+id",
        nullable=False,
        input=REQUIRED,
    )
    quote: Series[TEXT] = column(
        "The exact sentence of the source that states the figure; empty for imported tables.",
        "#meta+quote",
    )
    char_start: Series[pd.Int64Dtype] = column(
        "Offset of the quote's first character in the stored source text (0-based, characters).",
        "#meta+quote+start",
        ge=0,
    )
    char_end: Series[pd.Int64Dtype] = column(
        "Offset just past the quote's last character in the stored source text (characters).",
        "#meta+quote+end",
        ge=0,
    )
    method: Series[TEXT] = column(
        "How the row was made (extracted from a report, entered by hand, imported).",
        "#meta+method",
        nullable=False,
        default="import",
        isin=vocab.METHODS,
    )
    review_status: Series[TEXT] = column(
        "Review status. Only accepted claims reach charts.",
        "#status+review",
        nullable=False,
        default="pending",
        isin=vocab.REVIEW_STATUSES,
    )
    reviewed_by: Series[TEXT] = column("Who reviewed the claim last.", "#meta+reviewer")
    reviewed_at: Series[pa.DateTime] = column(
        "When the claim was last reviewed (UTC, YYYY-MM-DDTHH:MM:SS).", "#date+reviewed"
    )
    location_text: Series[TEXT] = column("The place as the source wrote it.", "#loc+name")
    admin1_pcode: Series[TEXT] = column(
        "P-code of the governorate (admin level 1) the claim is about, when it is about one.",
        "#adm1+code",
    )
    admin2_pcode: Series[TEXT] = column(
        "P-code of the district (admin level 2), when the place is that precise.", "#adm2+code"
    )
    admin1_pcodes_spanned: Series[TEXT] = column(
        "Governorate p-codes joined by ';' when one figure covers several ('Idleb and Aleppo').",
        "#adm1+code+list",
        str_matches=r"^[A-Za-z0-9]+(;[A-Za-z0-9]+)+$",
    )
    place_precision: Series[TEXT] = column(
        "How precise the place is (a site, a town, a district, a governorate, a region...).",
        "#meta+loc+precision",
        hxl_formerly=("#loc+precision",),
        nullable=False,
        default="unknown",
        isin=vocab.PLACE_PRECISIONS,
    )
    country: Series[TEXT] = column(
        "ISO3 code of the country the claim is about: from its place, else its source, else "
        "the deployment's default country (country_basis says which).",
        "#country+code",
        str_matches=r"^[A-Z]{3}$",
    )
    country_basis: Series[TEXT] = column(
        "Where the claim's country came from: its place, its source, the deployment's "
        "default, the table it was imported from (stated), or the migration that added it.",
        "#meta+country+basis",
        isin=vocab.COUNTRY_BASES,
    )
    date_start: Series[pa.DateTime] = column(
        "First day of the period the figure covers (YYYY-MM-DD); for a cumulative count, the "
        "day counting started.",
        "#date+start",
    )
    date_end: Series[pa.DateTime] = column(
        "Last day of the period the figure covers (YYYY-MM-DD); for a stock, the day it stands at.",
        "#date+end",
    )
    date_precision: Series[TEXT] = column(
        "How precise the period is (a day, a few days, a week, a month...).",
        "#meta+date+precision",
        hxl_formerly=("#date+precision",),
        nullable=False,
        default="unknown",
        isin=vocab.DATE_PRECISIONS,
    )
    value_text: Series[TEXT] = column(
        "The figure as written ('at least 20', 'dozens', 'between 60,000 and 80,000').",
        "#indicator+text",
    )
    qualifier: Series[TEXT] = column(
        "How the figure is hedged (exact, at least, about...); empty when no number is stated.",
        "#indicator+qualifier",
        isin=vocab.QUALIFIERS,
    )
    value_low: Series[pd.Float64Dtype] = column(
        "Lowest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        "#indicator+num+low",
        ge=0,
    )
    value_best: Series[pd.Float64Dtype] = column(
        "Best single value the claim states, in the row's unit; empty when none is stated.",
        "#indicator+num+best",
        ge=0,
    )
    value_high: Series[pd.Float64Dtype] = column(
        "Highest value the claim allows, in the row's unit; empty when unbounded or unknown.",
        "#indicator+num+high",
        ge=0,
    )
    unit: Series[TEXT] = column(
        "Unit of the values; empty only when no number is stated.",
        "#indicator+unit",
        isin=vocab.UNITS,
    )
    unit_stated: Series[TEXT] = column(
        "Unit the source used when the values were converted (households or families).",
        "#indicator+unit+stated",
        isin=vocab.UNITS,
    )
    value_derived: Series[pd.BooleanDtype] = column(
        "True when the values were computed (e.g. households times household size), not stated.",
        "#indicator+derived",
        nullable=False,
        default=False,
    )
    household_size: Series[pd.Float64Dtype] = column(
        "Persons per household used to derive the values (persons).",
        "#indicator+hh_size",
        gt=0,
    )
    count_kind: Series[TEXT] = column(
        "Kind of count: new in the period, cumulative since date_start, or a stock standing "
        "at date_end.",
        "#indicator+count_kind",
        nullable=False,
        input=REQUIRED,
        isin=vocab.COUNT_KINDS,
    )
    record_type: Series[TEXT] = column(
        "What the row is: 'figure', a source's report of a figure (several reports of one "
        "figure are reconciled: one is the headline); or 'event', one of a dataset's distinct "
        "events (a row of WHO's attacks on health care, of UCDP or ACLED): a dataset's events "
        "of one day and place are added up before figures from other sources are compared.",
        "#meta+record",
        nullable=False,
        default="figure",
        isin=vocab.RECORD_TYPES,
    )
    subset_of: Series[TEXT] = column(
        "Claim id of the total this figure is a sub-count of ('including 26 children'); never "
        "added to it.",
        "#meta+id+subset_of",
    )
    supersedes: Series[TEXT] = column(
        "Claim id of the extraction this claim corrects; the original is kept, superseded.",
        "#meta+id+supersedes",
    )
    repeats: Series[TEXT] = column(
        "Claim id of the claim this one repeats: the same story carried by another outlet "
        "(the same original publisher, or the same quote, figure and day). A repeat never "
        "counts again; its source is listed among the claim's carriers. Set by the store.",
        "#meta+id+repeats",
    )
    held_reason: Series[TEXT] = column(
        "Why an accepted toll is held off the headline: it is lower than an earlier accepted "
        "toll of the same series and scope. Empty when nothing holds it (a reviewer's release "
        "empties it). Set by the store.",
        "#meta+held",
    )
    released_by: Series[TEXT] = column(
        "Who released the claim from a hold (it counts as it stands; it is not held again).",
        "#meta+released+by",
    )
    released_at: Series[pa.DateTime] = column(
        "When (UTC) the claim was released from a hold.",
        "#date+released",
    )
    notes: Series[TEXT] = column("Free-text remarks on the claim.", "#description+notes")
    confidence: Series[pd.Float64Dtype] = column(
        "How sure the extractor is of its reading, from 0 (unsure) to 1 (sure), a share with "
        "no unit (claims read from a report only): lower when the place came from an earlier "
        "sentence or the title, the word saying what is counted stood away from the number, "
        "the figure is vague, derived or one person named without a number. Its reasons are "
        "in notes; the Review page lists the least sure first.",
        "#meta+confidence",
        ge=0,
        le=1,
    )

    @row_rule("E0101")
    def _bounds_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return checks.bounds_ordered(df)

    @row_rule("E0102")
    def _period_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return checks.period_ordered(df)

    @row_rule("E0103")
    def _admin1_known(cls, df: pd.DataFrame) -> pd.Series:
        return checks.admin1_known(df)

    @row_rule("E0104")
    def _admin2_known(cls, df: pd.DataFrame) -> pd.Series:
        return checks.admin2_known(df)

    @row_rule("E0105")
    def _admin2_in_admin1(cls, df: pd.DataFrame) -> pd.Series:
        return checks.admin2_in_admin1(df)

    @row_rule("E0106")
    def _qualifier_consistent(cls, df: pd.DataFrame) -> pd.Series:
        return checks.qualifier_consistent(df)

    @row_rule("E0107")
    def _span_consistent(cls, df: pd.DataFrame) -> pd.Series:
        return checks.span_consistent(df)

    @row_rule("E0108")
    def _derived_consistent(cls, df: pd.DataFrame) -> pd.Series:
        return checks.derived_consistent(df)

    @row_rule("E0110")
    def _not_own_subset(cls, df: pd.DataFrame) -> pd.Series:
        return checks.not_own_subset(df)

    @row_rule("E0112")
    def _stock_is_one_day(cls, df: pd.DataFrame) -> pd.Series:
        return checks.stock_is_one_day(df)

    @row_rule("E0118")
    def _unit_given(cls, df: pd.DataFrame) -> pd.Series:
        return checks.unit_given(df)

    @row_rule("E0114")
    def _spanned_known(cls, df: pd.DataFrame) -> pd.Series:
        return checks.spanned_known(df)

    @row_rule("E0119")
    def _country_known(cls, df: pd.DataFrame) -> pd.Series:
        return checks.country_known(df)

    @row_rule("E0120")
    def _place_in_country(cls, df: pd.DataFrame) -> pd.Series:
        return checks.place_in_country(df)

    class Config:
        strict = True
