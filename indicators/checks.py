"""The validation rules (checks), each with an id, a severity and a sentence.

Errors (E...) block a write; warnings (W...) are stored beside the rows and shown. Row rules
are vectorised: each takes a typed table and returns a boolean Series that is True where the
row passes, so a million rows are checked in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from indicators import catalogue
from indicators.arrowops import TEXT, isin, lookup
from indicators.places import gazetteer

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """A rule a table must follow: ``columns`` are where a failure is reported."""

    id: str
    severity: str
    sentence: str
    columns: tuple[str, ...] = ()


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("E0001", ERROR, "a required column is missing"),
        Rule("E0002", ERROR, "the column is not part of this table"),
        Rule("E0003", ERROR, "the column appears twice"),
        Rule("E0010", ERROR, "not a number (use digits and a decimal point, e.g. 1234.5)"),
        Rule("E0011", ERROR, "not a date in the form YYYY-MM-DD"),
        Rule("E0012", ERROR, "not a whole number"),
        Rule("E0013", ERROR, "not true or false"),
        Rule("E0014", ERROR, "not a date-time in the form YYYY-MM-DDTHH:MM:SS"),
        Rule("E0020", ERROR, "a value is required here"),
        Rule("E0021", ERROR, "not one of the allowed values"),
        Rule("E0022", ERROR, "out of the allowed range"),
        Rule("E0023", ERROR, "the id appears more than once"),
        Rule("E0024", ERROR, "does not have the required form"),
        Rule("E0025", ERROR, "too long"),
        Rule("E0026", ERROR, "holds a control character (NUL or another) that text cannot carry"),
        Rule("E0029", ERROR, "breaks a column rule"),
        Rule(
            "E0101",
            ERROR,
            "low, best and high are out of order (need low <= best <= high)",
            ("value_low", "value_best", "value_high"),
        ),
        Rule("E0102", ERROR, "the period ends before it starts", ("date_start", "date_end")),
        Rule("E0103", ERROR, "unknown governorate p-code", ("admin1_pcode",)),
        Rule("E0104", ERROR, "unknown district p-code", ("admin2_pcode",)),
        Rule(
            "E0105",
            ERROR,
            "the district does not lie in the governorate",
            ("admin1_pcode", "admin2_pcode"),
        ),
        Rule(
            "E0106",
            ERROR,
            "the qualifier does not fit the bounds given",
            ("qualifier", "value_low", "value_best", "value_high"),
        ),
        Rule(
            "E0107",
            ERROR,
            "the quote span is incomplete or reversed, or has no quote",
            ("quote", "char_start", "char_end"),
        ),
        Rule(
            "E0108",
            ERROR,
            "a value derived from households or families needs unit 'people', "
            "the stated unit and a household size",
            ("unit", "unit_stated", "household_size"),
        ),
        Rule(
            "E0109",
            ERROR,
            "the sub-count points at a claim that is neither in this file nor in the store",
            ("subset_of",),
        ),
        Rule("E0110", ERROR, "a claim cannot be a sub-count of itself", ("subset_of",)),
        Rule(
            "E0111",
            ERROR,
            "occupancy does not match beds occupied / beds staffed",
            ("beds_staffed", "beds_occupied", "occupancy_pct"),
        ),
        Rule(
            "E0112",
            ERROR,
            "a stock is counted at one date: start and end must be the same day",
            ("count_kind", "date_start", "date_end"),
        ),
        Rule(
            "E0113",
            ERROR,
            "a strain level needs its basis, and a strain-level row its level",
            ("measure", "strain_level", "strain_basis"),
        ),
        Rule(
            "E0114",
            ERROR,
            "one of the spanned governorate p-codes is unknown",
            ("admin1_pcodes_spanned",),
        ),
        Rule(
            "E0115",
            ERROR,
            "the claim points at a source that is neither in the store nor loaded with it",
            ("source_id",),
        ),
        Rule("E0116", ERROR, "the claim id is already in the store", ("claim_id",)),
        Rule("E0117", ERROR, "the source id is already in the store", ("source_id",)),
        Rule(
            "E0118",
            ERROR,
            "a value needs its unit",
            ("unit", "value_low", "value_best", "value_high"),
        ),
        Rule("E0121", ERROR, "beyond any plausible count (see the setting max_count)"),
        Rule("E0122", ERROR, "a date before 1900 or after tomorrow"),
        Rule("E0119", ERROR, "the country is not an ISO3 code of a known country", ("country",)),
        Rule(
            "E0120",
            ERROR,
            "the place's p-codes belong to another country than the claim's",
            ("country", "admin1_pcode", "admin2_pcode", "admin1_pcodes_spanned"),
        ),
        Rule(
            "W0201",
            WARNING,
            "a cumulative count falls below an earlier one for the same "
            "place, group and start date",
            ("value_best",),
        ),
        Rule(
            "W0202",
            WARNING,
            "the place text was not matched to a p-code; it is kept as written",
            ("location_text",),
        ),
        Rule(
            "W0203",
            WARNING,
            "no period is known: the claim cannot appear on a time chart",
            ("date_start", "date_end"),
        ),
        Rule("W0204", WARNING, "the sub-count is larger than its total", ("subset_of",)),
        Rule(
            "W0205",
            WARNING,
            "sources do not usually give this kind of count for this indicator (see the "
            "indicator catalogue): check whether a toll, a stock or a new count was meant",
            ("count_kind",),
        ),
        Rule(
            "W0207",
            WARNING,
            "people who came from another country arrived from abroad: category "
            "'arrived_from_abroad', not 'new' (a country's displacement counts movements "
            "inside it)",
            ("category", "origin_text"),
        ),
        Rule(
            "W0206",
            WARNING,
            "a formula cell: the result the spreadsheet last saved was read, not the formula",
        ),
    )
}


def _present(s: pd.Series) -> pd.Series:
    return s.notna()


def _le(a: pd.Series, b: pd.Series) -> pd.Series:
    """True where a <= b or either is unknown."""
    return (~(a > b)).fillna(True).astype(bool)


def bounds_ordered(df: pd.DataFrame) -> pd.Series:
    low, best, high = df["value_low"], df["value_best"], df["value_high"]
    return _le(low, best) & _le(best, high) & _le(low, high)


def period_ordered(df: pd.DataFrame) -> pd.Series:
    return _le(df["date_start"], df["date_end"])


def _no_codes(codes: pd.Series) -> bool:
    # A table without p-codes (WHO's attacks, country level) is checked without loading
    # the gazetteer: reading every country's places costs seconds a process.
    return not codes.notna().any()


def admin1_known(df: pd.DataFrame) -> pd.Series:
    codes = df["admin1_pcode"]
    if _no_codes(codes):
        return pd.Series(True, index=df.index)
    return ~codes.notna() | codes.isin(gazetteer().admin1_codes)


def admin2_known(df: pd.DataFrame) -> pd.Series:
    codes = df["admin2_pcode"]
    if _no_codes(codes):
        return pd.Series(True, index=df.index)
    return ~codes.notna() | codes.isin(gazetteer().admin2_codes)


def admin2_in_admin1(df: pd.DataFrame) -> pd.Series:
    if _no_codes(df["admin2_pcode"]):
        return pd.Series(True, index=df.index)
    parent = lookup(df["admin2_pcode"], gazetteer().admin2_parent)
    both = df["admin1_pcode"].notna() & parent.notna()
    return ~both | (parent == df["admin1_pcode"]).fillna(False).astype(bool)


def spanned_known(df: pd.DataFrame) -> pd.Series:
    spans = df["admin1_pcodes_spanned"]
    ok = pd.Series(True, index=df.index)
    given = spans.notna()
    if given.any():
        known = gazetteer().admin1_codes
        ok[given] = [all(c in known for c in s.split(";")) for s in spans[given]]
    return ok


def country_known(df: pd.DataFrame) -> pd.Series:
    from indicators.countries import countries

    codes = df["country"]
    return ~codes.notna() | codes.isin(set(countries().by_iso3))


def place_country(df: pd.DataFrame) -> pd.Series:
    """The country the claim's p-codes belong to (district, else governorate, else the
    first governorate spanned); missing when no p-code is given or known."""
    first_spanned = df["admin1_pcodes_spanned"].str.split(";").str[0]
    code = df["admin2_pcode"].fillna(df["admin1_pcode"]).fillna(first_spanned)
    if _no_codes(code):
        return pd.Series(pd.NA, index=df.index, dtype=TEXT)
    return lookup(code, gazetteer().country_of)


def place_in_country(df: pd.DataFrame) -> pd.Series:
    of_place = place_country(df)
    both = df["country"].notna() & of_place.notna()
    return ~both | (of_place == df["country"]).fillna(False).astype(bool)


def qualifier_consistent(df: pd.DataFrame) -> pd.Series:
    q = df["qualifier"]
    low, best, high = (_present(df[c]) for c in ("value_low", "value_best", "value_high"))
    exact = low & best & high & (df["value_low"] == df["value_high"]).fillna(False)
    rules = {
        "exact": exact,
        "at_least": low & ~high,
        "more_than": low & ~high,
        "about": best,
        "up_to": high & ~low,
        "range": low & high & (df["value_low"] < df["value_high"]).fillna(False),
        "vague": ~high & df["value_text"].notna(),
    }
    ok = pd.Series(True, index=df.index)
    for name, fits in rules.items():
        is_q = (q == name).fillna(False).astype(bool)
        ok &= ~is_q | fits.astype(bool)
    # A claim with no qualifier states no number (a strain level in words): no bounds allowed.
    no_q = q.isna()
    ok &= ~no_q | ~(low | best | high)
    return ok


def span_consistent(df: pd.DataFrame) -> pd.Series:
    start, end = df["char_start"], df["char_end"]
    same_presence = start.isna() == end.isna()
    ordered = _le(start, end) & (~(start < 0)).fillna(True).astype(bool)
    has_quote = start.isna() | df["quote"].notna()
    return same_presence & ordered & has_quote


def derived_consistent(df: pd.DataFrame) -> pd.Series:
    derived = df["value_derived"].fillna(False).astype(bool)
    fits = (
        (df["unit"] == "people").fillna(False)
        & df["unit_stated"].isin(["households", "families"])
        & (df["household_size"] > 0).fillna(False)
    ).astype(bool)
    return ~derived | fits


def not_own_subset(df: pd.DataFrame) -> pd.Series:
    return (df["subset_of"] != df["claim_id"]).fillna(True).astype(bool)


def stock_is_one_day(df: pd.DataFrame) -> pd.Series:
    stock = (df["count_kind"] == "stock").fillna(False).astype(bool)
    return ~stock | (df["date_start"] == df["date_end"]).fillna(True).astype(bool)


def occupancy_consistent(df: pd.DataFrame) -> pd.Series:
    computed = 100 * df["beds_occupied"] / df["beds_staffed"]
    return (~((computed - df["occupancy_pct"]).abs() > 1)).fillna(True).astype(bool)


def strain_consistent(df: pd.DataFrame) -> pd.Series:
    level, basis = df["strain_level"].notna(), df["strain_basis"].notna()
    is_level_row = (df["measure"] == "strain_level").fillna(False).astype(bool)
    return (level == basis) & (~is_level_row | level)


def unit_given(df: pd.DataFrame) -> pd.Series:
    has_value = df[["value_low", "value_best", "value_high"]].notna().any(axis=1)
    return ~has_value | df["unit"].notna()


def count_kind_usual(df: pd.DataFrame, table: str) -> pd.Series:
    """True where the row's kind of count is one its indicator allows (the catalogue's
    ``count_kinds``); rows of an indicator the catalogue does not know pass here (E0021
    reports them)."""
    column = catalogue.IDENTITY_COLUMNS[table]
    records = list(catalogue.of_table(table))
    usual = [f"{i.value}:{kind}" for i in records for kind in i.count_kinds]
    pairs = df[column].astype(TEXT) + ":" + df["count_kind"].astype(TEXT)
    known = isin(df[column], [i.value for i in records])
    return (isin(pairs, usual) | ~known | pairs.isna()).astype(bool)


# -- issues: one failure of one rule, where it happened ----------------------------------


@dataclass(frozen=True)
class Issue:
    """One failure of one rule, where it happened."""

    rule: str
    row: int | None
    column: str | None
    value: str | None
    detail: str = ""

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    @property
    def message(self) -> str:
        sentence = RULES[self.rule].sentence
        return f"{sentence} ({self.detail})" if self.detail else sentence

    def describe(self, file: str) -> str:
        """One line: file, row, column and value, then the rule and what it says."""
        where = [file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        if self.value is not None:
            where.append(f"value '{short(self.value)}'")
        return f"{', '.join(where)}: {self.severity} {self.rule}: {self.message}"


def row_issues(
    rule: str, frame: pd.DataFrame, mask: Iterable[bool], column: str, detail: str = ""
) -> list[Issue]:
    mask = pd.Series(mask, index=frame.index).fillna(False).astype(bool)
    return [
        Issue(rule, int(r), column, shown_value(frame.at[r, column]), detail)
        for r in frame.index[mask]
    ]


def shown_value(value: object) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return "∅"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
