"""Exports: a table (whole or filtered) and the writers of each format, saying where it came
from. Which formats there are is ``indicators.formats``' registry, above this module.

Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
return) are prefixed with an apostrophe in CSV and XLSX, so opening a download never runs it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from indicators import __version__
from indicators.arrowops import TEXT as TEXT_DTYPE
from indicators.attribution import credits
from indicators.reader_tables import READING_LAST, file_name, for_readers  # noqa: F401
from indicators.schemas import (
    CLAIM_TABLES,
    EXPORT_ONLY_COLUMNS,
    ColumnSpec,
    check_table_name,
    columns,
)
from indicators.tabular import FORMULA_START

_FORMULA_START = FORMULA_START
_SOURCE_COLUMNS = EXPORT_ONLY_COLUMNS


@dataclass(frozen=True)
class ExportFilter:
    """Which rows an export holds."""

    admin1: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    statuses: tuple[str, ...] | None = ("accepted",)
    country: str | None = None

    def describe(self) -> dict[str, object]:
        return {
            "country": self.country or "all",
            "admin1": list(self.admin1) or "all",
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "review_status": list(self.statuses) if self.statuses is not None else "all",
        }


@dataclass
class Export:
    """A table ready to be written: its rows, the sources they cite, and how it was made."""

    table: str
    frame: pd.DataFrame
    sources: pd.DataFrame
    filters: ExportFilter
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    specs: list[ColumnSpec] | None = None
    """The columns of a table derived from claims (not a stored table): descriptions and
    HXL tags; None for the stored tables, whose schemas say."""
    stem: str | None = None
    """A derived table's file name without its suffix (stored tables: see file_name)."""
    about: dict[str, object] = field(default_factory=dict)
    """What else a reader needs to read a derived table (the day, the rule)."""

    def meta(self) -> dict[str, object]:
        provenance = (
            "Every row names its source (source_id, source_publisher, source_url); the "
            "sources sheet/list describes each one, with its licence and attribution. "
            "Figures are claims as the sources stated them, not verified facts."
        )
        if self.specs is not None:
            provenance = (
                "Derived from the accepted claims: every cell that holds a figure names the "
                "claims behind it (the *_claims columns) and who said them (*_sources); the "
                "sources sheet/list describes each source, with its licence and attribution."
            )
        return {
            "table": self.table,
            "rows": len(self.frame),
            "generated_at": self.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "generated_by": f"impact-monitor {__version__}",
            "filters": self.filters.describe(),
            **self.about,
            "provenance": provenance,
            "attribution": [c.record() for c in credits(self.sources)],
        }


def build_export(
    table: str, rows: pd.DataFrame, sources: pd.DataFrame, filters: ExportFilter
) -> Export:
    """Join each claim to its source's publisher and address, and keep only cited sources."""
    check_table_name(table)
    if table in CLAIM_TABLES:
        cited = sources[sources["source_id"].isin(rows["source_id"].unique())]
        joined = cited.set_index("source_id")[["publisher", "url"]]
        joined.columns = list(_SOURCE_COLUMNS)
        rows = rows.join(joined, on="source_id")
        sources = cited
    return Export(table, rows.reset_index(drop=True), sources.reset_index(drop=True), filters)


def dictionary(
    table: str, *, with_sources: bool = True, specs: list[ColumnSpec] | None = None
) -> pd.DataFrame:
    """The data dictionary of a table as exported: name, type, description, HXL tag, values
    (``specs``: a derived table's own columns)."""
    rows = [
        {
            "column": c.name,
            "type": _type_name(c.dtype, c.name),
            "description": c.description,
            "hxl": c.hxl,
            "allowed values": ", ".join(c.allowed) if c.allowed else "",
            "required in imports": "yes" if c.input == "required" else "no",
        }
        for c in (specs if specs is not None else columns(table))
    ]
    if with_sources and specs is None and table in CLAIM_TABLES:
        rows += [
            {
                "column": name,
                "type": "text",
                "description": desc,
                "hxl": tag,
                "allowed values": "",
                "required in imports": "no (export only)",
            }
            for name, (desc, tag) in _SOURCE_COLUMNS.items()
        ]
    return pd.DataFrame(rows)


def write_csv(export: Export) -> bytes:
    """Plain UTF-8 CSV: one header row."""
    return _csv(export, hxl=False)


def write_hxl(export: Export) -> bytes:
    """HXL CSV: the header row, then a row of HXL hashtags."""
    return _csv(export, hxl=True)


def neutralise(value: object) -> object:
    """A text cell that could start a spreadsheet formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cells(frame: pd.DataFrame, *, numbers_as_text: bool) -> pd.DataFrame:
    """Cells as a reader expects: days without a time, text neutralised; numbers kept as
    numbers (XLSX) or written without a trailing '.0' (CSV). Column at a time, so a
    hundred thousand rows take a fraction of a second."""
    out = {}
    for name in frame.columns:
        s = frame[name]
        if pd.api.types.is_datetime64_any_dtype(s):
            fmt = "%Y-%m-%dT%H:%M:%S" if name.endswith("_at") else "%Y-%m-%d"
            out[name] = s.dt.strftime(fmt).astype(object).where(s.notna(), None)
        elif pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            out[name] = _numbers_as_text(s) if numbers_as_text else _plain(s)
        else:
            text = s.astype(TEXT_DTYPE)
            risky = text.str.startswith(_FORMULA_START).fillna(False).astype(bool)
            text = text.where(~risky, "'" + text)
            out[name] = text.astype(object).where(text.notna(), None)
    return pd.DataFrame(out, columns=frame.columns)


def _plain(s: pd.Series) -> pd.Series:
    return s.astype(object).where(s.notna(), None)


def _numbers_as_text(s: pd.Series) -> pd.Series:
    """Whole numbers without '.0'; others as Python writes them; missing stays empty."""
    values = s.astype("float64").to_numpy(na_value=np.nan)
    known = ~np.isnan(values)
    whole = known & (np.mod(values, 1, where=known, out=np.ones_like(values)) == 0)
    out = np.full(len(values), None, dtype=object)
    out[whole] = values[whole].astype(np.int64).astype(str)
    rest = known & ~whole
    out[rest] = [repr(float(v)) for v in values[rest]]
    return pd.Series(out, index=s.index)


def _tags(export: Export) -> list[str]:
    tags = {c.name: c.hxl for c in export.specs or columns(export.table)}
    tags.update({name: tag for name, (_, tag) in _SOURCE_COLUMNS.items()})
    return [tags.get(name, "") for name in export.frame.columns]


def _csv(export: Export, *, hxl: bool) -> bytes:
    """UTF-8 CSV: a header row (and the HXL hashtag row), then the rows, written by Arrow's
    CSV writer (a hundred thousand rows in a fraction of a second). Text is quoted, numbers
    are not, and whole numbers carry no '.0'; an empty cell is an unknown value."""
    frame = export.frame
    cells = _cells(frame, numbers_as_text=False)
    fields = []
    arrays = []
    for name in frame.columns:
        s = frame[name]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            arrays.append(pa.array(s.astype("float64").to_numpy(na_value=np.nan), from_pandas=True))
            fields.append(pa.field(name, pa.float64()))
        else:
            arrays.append(pa.array(cells[name].to_numpy(), type=pa.string(), from_pandas=True))
            fields.append(pa.field(name, pa.string()))
    head = pd.DataFrame([_tags(export)] if hxl else [], columns=frame.columns)
    buffer = io.BytesIO()
    buffer.write(head.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    table = pa.Table.from_arrays(arrays, schema=pa.schema(fields))
    pa_csv.write_csv(table, buffer, pa_csv.WriteOptions(include_header=False))
    return buffer.getvalue()


def write_xlsx(export: Export) -> bytes:
    """Excel: sheets data, dictionary, sources and about. Days are dates, numbers numbers,
    yes/no columns booleans; the data sheet reads as a reader reads it (see
    :func:`for_readers`), with its header frozen, filters on and columns sized."""
    buffer = io.BytesIO()
    meta = export.meta()
    del meta["attribution"]  # one row per source below, not a JSON list in one cell
    about = pd.DataFrame(
        [(k, json.dumps(v) if isinstance(v, (dict, list)) else str(v)) for k, v in meta.items()]
        + [("attribution", line) for line in _cite_lines(export.sources)],
        columns=["field", "value"],
    )
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheets = {
            "data": _typed_cells(for_readers(export)),
            "dictionary": dictionary(export.table, specs=export.specs).map(neutralise),
            "sources": _typed_cells(export.sources),
            "about": about.map(neutralise),
        }
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
            _readable(writer.sheets[name], frame)
    return buffer.getvalue()


def _cite_lines(sources: pd.DataFrame) -> list[str]:
    """The about sheet's attribution rows: one per source that sets terms or asks to be
    cited, or one saying none does."""
    cited = credits(sources)
    if not cited:
        return ["none of the sources of these rows states a licence or an attribution line"]
    return [f"{c.line()} [source_id {c.source_id}]" for c in cited]


def _typed_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as a spreadsheet types them: days as dates (times where the column holds
    them), yes/no as booleans, numbers as numbers, text neutralised; missing stays empty."""
    out = {}
    for name in frame.columns:
        s = frame[name]
        if pd.api.types.is_datetime64_any_dtype(s):
            values = s.dt.to_pydatetime() if name.endswith("_at") else s.dt.date
            out[name] = pd.Series(values, index=s.index, dtype=object).where(s.notna(), None)
        elif pd.api.types.is_bool_dtype(s):
            out[name] = s.astype(object).where(s.notna(), None)
        elif pd.api.types.is_numeric_dtype(s):
            out[name] = _plain(s)
        else:
            out[name] = _cells(frame[[name]], numbers_as_text=False)[name]
    return pd.DataFrame(out, columns=frame.columns)


def _readable(sheet, frame: pd.DataFrame) -> None:
    """The header frozen, a filter on every column, columns as wide as their content (up to
    a limit; long text wraps), days shown as days."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = sheet.dimensions
    sample = frame.head(200)
    for i, name in enumerate(frame.columns, start=1):
        lengths = sample[name].map(lambda v: len(str(v)) if v is not None else 0)
        width = min(max([len(name), *lengths.tolist()]) + 2, 60)
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = width
        kind = frame[name].dropna().map(type).head(1).tolist()
        if kind and kind[0] is date:
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
        if width == 60:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_json(export: Export) -> bytes:
    """JSON: meta, columns (the dictionary), data and sources."""

    def records(frame: pd.DataFrame) -> list[dict]:
        rows = []
        for row in frame.astype(object).itertuples(index=False):
            rows.append({k: _json_value(v) for k, v in zip(frame.columns, row, strict=True)})
        return rows

    payload = {
        "meta": export.meta(),
        "columns": dictionary(export.table, specs=export.specs).to_dict("records"),
        "data": records(export.frame),
        "sources": records(export.sources),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def _json_value(value: object) -> object:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return (
            value.isoformat()
            if value.time().isoformat() != "00:00:00"
            else value.date().isoformat()
        )
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):
        return value.item()
    return value


def _type_name(dtype: str, name: str) -> str:
    if dtype.startswith("datetime64"):
        return "date-time (UTC)" if name.endswith("_at") else "date (YYYY-MM-DD)"
    return {"Float64": "number", "Int64": "whole number", "boolean": "true/false"}.get(
        dtype, "text"
    )


def parse_filter(
    admin1: Iterable[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
    statuses: Iterable[str] | None = ("accepted",),
    country: str | None = None,
) -> ExportFilter:
    """An ExportFilter from user text; raise InputError naming the value that is wrong."""
    from indicators.countries import countries
    from indicators.errors import InputError
    from indicators.limits import outside_days
    from indicators.places import gazetteer

    if country:
        found = countries().get(country)
        if found is None or len(country.strip()) not in (2, 3):
            raise InputError(f"--country '{country}' is not an ISO3 country code (SYR, LBN...)")
        country = found.iso3
    codes = tuple(a.strip() for a in admin1 if a.strip())
    unknown = [c for c in codes if c not in gazetteer().admin1_codes]
    if unknown:
        raise InputError(
            f"unknown governorate p-code {', '.join(unknown)}: use codes such as "
            f"{', '.join(sorted(gazetteer().admin1_codes)[:3])}"
        )

    def day(label: str, text: str | None) -> date | None:
        if not text:
            return None
        try:
            found = date.fromisoformat(text)
        except ValueError:
            raise InputError(f"{label} '{text}' is not a date in the form YYYY-MM-DD") from None
        if wrong := outside_days(found, label):
            raise InputError(wrong)
        return found

    start, end = day("--from", date_from), day("--to", date_to)
    if start and end and end < start:
        raise InputError(f"--to {end} is before --from {start}")
    elsewhere = [c for c in codes if country and gazetteer().country_of.get(c) != country]
    if elsewhere:
        raise InputError(f"governorate {', '.join(elsewhere)} is not in {country}")
    chosen = tuple(statuses) if statuses is not None else None
    return ExportFilter(codes, start, end, chosen, country or None)


def collect(store, table: str, filters: ExportFilter) -> Export:
    """Read ``table`` from ``store`` through ``filters`` and join its sources."""
    rows = store.read(
        table,
        admin1=filters.admin1,
        date_from=filters.date_from,
        date_to=filters.date_to,
        statuses=filters.statuses,
        country=filters.country,
    )
    return build_export(table, rows, store.read("sources"), filters)
