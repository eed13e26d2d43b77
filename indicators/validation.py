"""Validating a table: map its columns, parse its cells, run the schema and the cross-row rules.

Every failure is reported at once (row, column, value, rule); errors block a write, warnings
are kept with the rows. The row number is the one a spreadsheet shows (row 1 is the header).
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from indicators import cell_checks
from indicators.arrowops import TEXT, isin
from indicators.checks import (
    ERROR,
    RULES,
    WARNING,
    Issue,
    count_kind_usual,
    row_issues,
    shown_value,
)
from indicators.hxl import normalise_tag
from indicators.limits import FIRST_DAY, last_day
from indicators.parsing import constant_column, parse_column
from indicators.schemas import (
    CLAIM_TABLES,
    EXPORT_ONLY_COLUMNS,
    MODELS,
    READER_ONLY_COLUMNS,
    ColumnSpec,
    check_table_name,
    columns,
)
from indicators.schemas.columns import ROW_RULE_IDS
from indicators.tabular import RawTable


@dataclass
class StoreContext:
    """What the store already holds, for the rules that look beyond one file."""

    source_ids: set[str] = field(default_factory=set)
    claim_ids: set[str] = field(default_factory=set)
    extra_source_ids: set[str] = field(default_factory=set)
    """Sources written in the same transaction (a default data load)."""


@dataclass
class ValidationReport:
    """The outcome of validating one table: every issue, and the typed rows when readable."""

    table: str
    file: str
    rows: int
    issues: list[Issue]
    frame: pd.DataFrame | None = None

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        verdict = "valid" if self.ok else "NOT valid"
        return (
            f"{self.file}: {self.rows} rows of table '{self.table}' {verdict}: "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings"
        )

    def lines(self) -> list[str]:
        """Every issue on its own line, errors first, in row order."""
        ordered = sorted(
            self.issues, key=lambda i: (i.severity != ERROR, i.row or 0, i.column or "")
        )
        return [i.describe(self.file) for i in ordered]


def validate(raw: RawTable, table: str, context: StoreContext | None = None) -> ValidationReport:
    """Validate a table read from a file against ``table``'s schema and rules."""
    check_table_name(table)
    specs = columns(table)
    mapped, positions, issues = _map_columns(raw, specs)
    report = ValidationReport(table, raw.name, len(raw.frame), issues)
    if issues:
        return report
    report.issues += cell_checks.control_characters(mapped) + cell_checks.formula_cells(
        raw, mapped, positions
    )
    frame, parse_issues = _parse(mapped, specs)
    if table in CLAIM_TABLES:
        frame = _fill_claim_ids(frame, table)
        if "place_precision" not in mapped:
            frame["place_precision"] = _precision_from_codes(frame)
        frame = _fill_country(frame)
    report.issues += parse_issues
    # A cell that did not parse is reported once, not again by every rule that reads it.
    failed_cells = {(i.row, i.column) for i in parse_issues}
    report.issues += [
        i
        for i in _schema_issues(frame, table)
        if not any((i.row, c) in failed_cells for c in (i.column or "").split(", "))
    ]
    report.issues += cell_checks.beyond_belief(frame, specs)
    report.issues += _context_issues(frame, table, context)
    if table in CLAIM_TABLES:
        report.issues += _claim_warnings(frame, table)
    report.frame = frame
    return report


# -- columns -------------------------------------------------------------------------------


def _map_columns(
    raw: RawTable, specs: list[ColumnSpec]
) -> tuple[pd.DataFrame, dict[str, int], list[Issue]]:
    """The file's columns under the table's names, which file column each came from, and
    the columns that could not be mapped."""
    by_name = {s.name: s for s in specs}
    by_tag = {normalise_tag(t): s.name for s in specs for t in s.hxl_formerly}
    by_tag.update({normalise_tag(s.hxl): s.name for s in specs})  # today's tags win
    issues: list[Issue] = []
    chosen: dict[str, int] = {}
    for pos, header in enumerate(raw.header):
        tag = raw.hashtags[pos] if raw.hashtags and pos < len(raw.hashtags) else ""
        target = by_tag.get(normalise_tag(tag)) if tag else None
        target = target or (header.lower() if header.lower() in by_name else None)
        if target is None:
            if not header and not tag and raw.frame[pos].isna().all():
                continue  # a trailing empty column left by a spreadsheet
            if header.lower() in EXPORT_ONLY_COLUMNS or normalise_tag(tag) in _EXPORT_ONLY_TAGS:
                continue  # joined from the sources table on export; the store keeps it there
            if header.lower() in READER_ONLY_COLUMNS:
                continue  # written for the reader of a workbook from the value columns
            shown = f"{header} {tag}".strip() or f"(column {pos + 1}, no header)"
            issues.append(
                Issue("E0002", None, shown, None, f"expected some of: {', '.join(by_name)}")
            )
        elif target in chosen:
            issues.append(Issue("E0003", None, target, None))
        else:
            chosen[target] = pos
    for spec in specs:
        if spec.input == "required" and spec.name not in chosen:
            issues.append(Issue("E0001", None, spec.name, None, spec.description))
    frame = pd.DataFrame(
        {name: raw.frame[pos] for name, pos in chosen.items()}, index=raw.frame.index
    )
    return frame, chosen, issues


_EXPORT_ONLY_TAGS = {normalise_tag(tag) for _, tag in EXPORT_ONLY_COLUMNS.values()}


def _parse(cells: pd.DataFrame, specs: list[ColumnSpec]) -> tuple[pd.DataFrame, list[Issue]]:
    def one(spec: ColumnSpec) -> tuple[pd.Series, pd.Series]:
        if spec.name not in cells:
            return constant_column(spec.default, spec, cells.index), _NO_FAILURES
        values, bad = parse_column(cells[spec.name], spec)
        if spec.default is not None and not spec.nullable and cells[spec.name].isna().any():
            # an empty cell of a column that has a default (a figure, not derived) takes it
            values = values.where(cells[spec.name].notna(), spec.default).astype(values.dtype)
        return values, bad

    # Arrow's kernels release the GIL, so columns parse side by side on every core.
    with ThreadPoolExecutor() as pool:
        parsed = dict(zip((s.name for s in specs), pool.map(one, specs), strict=True))
    issues: list[Issue] = []
    for spec in specs:
        rule = _PARSE_RULES.get(spec.dtype, "E0011")
        if spec.name.endswith("_at"):
            rule = "E0014"
        bad = parsed[spec.name][1]
        issues += [Issue(_date_rule(rule, v), int(r), spec.name, str(v)) for r, v in bad.items()]
    frame = pd.DataFrame({name: values for name, (values, _) in parsed.items()}, index=cells.index)
    return frame, issues


_PARSE_RULES = {"Int64": "E0012", "Float64": "E0010", "boolean": "E0013"}
_YEAR = re.compile(r"\s*(\d{4})-\d{2}-\d{2}")


def _date_rule(rule: str, text: str) -> str:
    """A date in the right form but of a year no report is about (1066, 2300) is out of
    range (E0122), not badly written."""
    if rule not in ("E0011", "E0014") or not (found := _YEAR.match(str(text))):
        return rule
    return rule if FIRST_DAY.year <= int(found.group(1)) <= last_day().year else "E0122"


_NO_FAILURES = pd.Series([], dtype=TEXT)


def _precision_from_codes(frame: pd.DataFrame) -> pd.Series:
    """Precision implied by the p-codes given, for inputs that leave the column out."""
    precision = pd.Series("unknown", index=frame.index, dtype=TEXT)
    precision[frame["admin1_pcodes_spanned"].notna()] = "multiple_admin1"
    precision[frame["admin1_pcode"].notna()] = "admin1"
    precision[frame["admin2_pcode"].notna()] = "admin2"
    return precision


def _fill_country(frame: pd.DataFrame) -> pd.DataFrame:
    """Each claim's country, where the table leaves it out: from its p-codes, else the
    deployment's default; a country the table gives is kept, as stated."""
    from indicators.checks import place_country
    from indicators.places import gazetteer

    given = frame["country"].notna()
    frame["country"] = frame["country"].str.strip().str.upper()
    frame.loc[given & frame["country_basis"].isna(), "country_basis"] = "stated"
    of_place = place_country(frame)
    from_place = ~given & of_place.notna()
    frame.loc[from_place, "country"] = of_place[from_place]
    frame.loc[from_place, "country_basis"] = "place"
    rest = frame["country"].isna()
    if rest.any():
        frame.loc[rest, "country"] = gazetteer().default_country
    frame.loc[rest, "country_basis"] = "default"
    return frame


def _fill_claim_ids(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    missing = frame["claim_id"].isna()
    if missing.any():
        content = frame.loc[missing].drop(columns=["claim_id"]).astype(TEXT).fillna("")
        joined = content.agg("\x1f".join, axis=1)
        frame.loc[missing, "claim_id"] = [
            f"{table}-{hashlib.sha1(text.encode()).hexdigest()[:16]}" for text in joined
        ]
    return frame


# -- schema --------------------------------------------------------------------------------


_CHECK_RULES = (
    ("not_nullable", "E0020"),
    ("isin", "E0021"),
    ("field_uniqueness", "E0023"),
    ("str_matches", "E0024"),
    ("str_length", "E0025"),
    ("greater_than", "E0022"),
    ("less_than", "E0022"),
    ("in_range", "E0022"),
)


def _rule_for_check(check: str) -> str:
    if check in RULES:
        return check
    if check in ROW_RULE_IDS:  # a rule a model inherits, under its method's name
        return ROW_RULE_IDS[check]
    for prefix, rule in _CHECK_RULES:
        if check.startswith(prefix):
            return rule
    return "E0029"


def _schema_issues(frame: pd.DataFrame, table: str) -> list[Issue]:
    try:
        MODELS[table].validate(frame, lazy=True, inplace=True)  # no copy of a million rows
    except pa.errors.SchemaErrors as err:
        return _issues_from_failures(err.failure_cases, frame)
    return []


def _issues_from_failures(cases: pd.DataFrame, frame: pd.DataFrame) -> list[Issue]:
    issues = []
    row_rules = cases[cases["schema_context"] == "DataFrameSchema"]
    column_cases = cases[cases["schema_context"] != "DataFrameSchema"]
    for case in column_cases.itertuples():
        rule = _rule_for_check(str(case.check))
        row = None if pd.isna(case.index) else int(case.index)
        value = None if rule == "E0020" or pd.isna(case.failure_case) else str(case.failure_case)
        detail = str(case.check) if rule == "E0029" else ""
        if rule == "E0021" and isinstance(case.check, str) and case.check.startswith("isin("):
            detail = "allowed: " + case.check[len("isin([") : -2].replace("'", "")
        issues.append(Issue(rule, row, str(case.column), value, detail))
    for (check, row), _ in row_rules.groupby(["check", "index"], sort=False):
        rule = _rule_for_check(str(check))
        cols = RULES[rule].columns if rule in RULES else ()
        if len(cols) == 1:
            values = shown_value(frame.at[row, cols[0]])
        else:
            values = ", ".join(f"{c}={shown_value(frame.at[row, c])}" for c in cols if c in frame)
        issues.append(Issue(rule, int(row), ", ".join(cols) or None, values))
    return issues


# -- beyond one row ------------------------------------------------------------------------


def _context_issues(frame: pd.DataFrame, table: str, context: StoreContext | None) -> list[Issue]:
    issues: list[Issue] = []
    if table == "sources":
        if context is not None:
            clash = isin(frame["source_id"], context.source_ids)
            issues += row_issues("E0117", frame, clash, "source_id")
        return issues
    if context is not None:
        clash = isin(frame["claim_id"], context.claim_ids)
        issues += row_issues("E0116", frame, clash, "claim_id")
        sources = context.source_ids | context.extra_source_ids
        orphan = frame["source_id"].notna() & ~isin(frame["source_id"], sources)
        issues += row_issues("E0115", frame, orphan, "source_id")
    subs = frame["subset_of"].dropna()
    if len(subs):
        known = isin(subs, frame["claim_id"].dropna()) | isin(
            subs, context.claim_ids if context else ()
        )
        dangling = (~known).reindex(frame.index, fill_value=False)
        issues += row_issues("E0109", frame, dangling, "subset_of")
    return issues


def _claim_warnings(frame: pd.DataFrame, table: str) -> list[Issue]:
    issues: list[Issue] = []
    issues += row_issues("W0205", frame, ~count_kind_usual(frame, table), "count_kind")
    unmatched = (frame["place_precision"] == "unknown") & frame["location_text"].notna()
    issues += row_issues("W0202", frame, unmatched, "location_text")
    no_period = frame["date_start"].isna() & frame["date_end"].isna()
    issues += row_issues("W0203", frame, no_period, "date_end")
    issues += _subcount_warnings(frame)
    issues += _falling_cumulative_warnings(frame)
    if "origin_text" in frame and "category" in frame:  # movements with an origin
        issues += row_issues("W0207", frame, _from_abroad(frame), "origin_text")
    return issues


def _from_abroad(frame: pd.DataFrame) -> pd.Series:
    """New displacement whose origin is another country than the claim's."""
    from indicators.countries import countries

    new = (frame["category"] == "new").fillna(False).astype(bool) & frame["origin_text"].notna()
    if not new.any():
        return new
    origin = frame.loc[new, "origin_text"].map(countries().iso3)
    abroad = origin.notna() & (origin != frame.loc[new, "country"])
    return abroad.reindex(frame.index, fill_value=False).astype(bool)


def _subcount_warnings(frame: pd.DataFrame) -> list[Issue]:
    subs = frame[frame["subset_of"].notna()]
    if subs.empty:
        return []
    by_id = frame.drop_duplicates("claim_id").set_index("claim_id")
    totals = by_id["value_high"].combine_first(by_id["value_best"])
    total = subs["subset_of"].map(totals)
    sub_value = subs["value_low"].combine_first(subs["value_best"])
    larger = (sub_value > total).fillna(False).astype(bool)
    return [
        Issue(
            "W0204",
            int(r),
            "subset_of",
            subs.at[r, "subset_of"],
            f"{shown_value(sub_value[r])} > {shown_value(total[r])}",
        )
        for r in subs.index[larger]
    ]


def series_key_columns(frame: pd.DataFrame) -> list[str]:
    """The columns that name one series: same indicator, group, place and counting start."""
    family = [c for c in ("outcome", "population_group", "category", "measure") if c in frame]
    return [*family, "unit", "admin1_pcode", "admin2_pcode", "place_key", "date_start"]


def _falling_cumulative_warnings(frame: pd.DataFrame) -> list[Issue]:
    cum = frame[
        (frame["count_kind"] == "cumulative")
        & frame["date_end"].notna()
        & (frame["review_status"] != "rejected")
        & frame["subset_of"].isna()
    ].copy()
    if len(cum) < 2:
        return []
    cum["place_key"] = cum["location_text"].str.lower()
    cum["value"] = cum["value_best"].combine_first(cum["value_low"])
    keys = series_key_columns(cum)
    # The highest value any earlier day of the same series reported.
    daily = cum.groupby([*keys, "date_end"], dropna=False)["value"].max()
    earlier = daily.groupby(level=keys, dropna=False).shift()
    earlier_max = earlier.groupby(level=keys, dropna=False).cummax().rename("earlier_max")
    joined = cum.join(earlier_max, on=[*keys, "date_end"])
    falls = (joined["value"] < joined["earlier_max"]).fillna(False).astype(bool)
    return [
        Issue(
            "W0201",
            int(r),
            "value_best",
            shown_value(joined.at[r, "value"]),
            f"an earlier day of the series reported {shown_value(joined.at[r, 'earlier_max'])}",
        )
        for r in joined.index[falls]
    ]
