"""Reading CSV, HXL CSV and XLSX files into text cells, rows numbered as a user sees them."""

from __future__ import annotations

import csv
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from indicators.arrowops import TEXT
from indicators.errors import InputError
from indicators.hxl import is_hashtag_row

MAX_FILE_MB_DEFAULT = 2048


@dataclass
class RawTable:
    """A file read as text cells.

    ``frame``'s index is the row number a spreadsheet shows (row 1 is the header), its
    columns the header names as written; empty cells are missing values.
    ``hashtags`` holds the HXL hashtag row (one tag per column) when the file has one.
    """

    name: str
    frame: pd.DataFrame
    hashtags: list[str] | None = None
    header: list[str] = field(default_factory=list)


def rows_as_table(rows: list[dict[str, object]], name: str) -> RawTable:
    """Rows of Python values as the text cells a file would hold, for validation (an
    ingested report's claims, a correction)."""
    frame = pd.DataFrame(rows)
    header = list(frame.columns)
    cells = frame.map(_cell).astype(TEXT)
    cells.index = range(2, len(cells) + 2)
    cells.columns = range(len(header))
    return RawTable(name=name, frame=cells, header=header)


def _cell(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def max_file_bytes() -> int:
    """The largest file read, from ``$IMPACT_MONITOR_MAX_FILE_MB`` (megabytes)."""
    return int(float(os.environ.get("IMPACT_MONITOR_MAX_FILE_MB", MAX_FILE_MB_DEFAULT)) * 2**20)


def read_table(path: Path | str, *, name: str | None = None) -> RawTable:
    """Read a CSV or XLSX file; raise :class:`InputError` naming the file and what is wrong."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    size, limit = path.stat().st_size, max_file_bytes()
    if size > limit:
        raise InputError(
            f"{name}: the file is {size / 2**20:.0f} MB, over the {limit / 2**20:.0f} MB limit"
        )
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".hxl"):
        cells = _read_csv(path, name)
    elif suffix in (".xlsx", ".xlsm"):
        cells = _read_xlsx(path, name)
    else:
        raise InputError(f"{name}: cannot read '{suffix or path.name}' files; use CSV or XLSX")
    return _to_raw(cells, name)


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    """Every cell as text. Arrow's multi-threaded reader first; when it refuses the file, the
    pandas reader runs again to say precisely where (line, byte) the file is wrong."""
    try:
        return _read_csv_arrow(path)
    except (pa.ArrowInvalid, UnicodeDecodeError, csv.Error):
        pass
    frame = _read_csv_pandas(path, name)
    return frame.apply(lambda s: s.str.strip()).replace("", pd.NA).astype(TEXT)


def _read_csv_arrow(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        width = len(next(csv.reader(handle), []))
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=1 << 22),
        convert_options=pacsv.ConvertOptions(
            column_types={f"f{i}": pa.string() for i in range(width)},
            null_values=[""],
            strings_can_be_null=True,
        ),
    )
    with ThreadPoolExecutor() as pool:  # Arrow kernels release the GIL: one column a core
        cleaned = list(pool.map(_trim, table.columns))
    return pd.DataFrame({i: pd.Series(pd.array(col, dtype=TEXT)) for i, col in enumerate(cleaned)})


def _trim(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Surrounding spaces removed; a cell left empty is missing."""
    trimmed = pc.utf8_trim_whitespace(column)
    if pc.any(pc.equal(trimmed, "")).as_py():
        trimmed = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
    return trimmed


def _read_csv_pandas(path: Path, name: str) -> pd.DataFrame:
    try:
        return pd.read_csv(
            path,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8-sig",
            skip_blank_lines=True,
        )
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not UTF-8 text (byte {err.start} cannot be read); save it as UTF-8 CSV"
        ) from err
    except pd.errors.EmptyDataError as err:
        raise InputError(f"{name}: the file has no rows") from err
    except (pd.errors.ParserError, csv.Error) as err:
        raise InputError(f"{name}: malformed CSV: {_parser_message(err)}") from err


def _parser_message(err: Exception) -> str:
    text = str(err).strip().splitlines()[-1]
    return text.replace("Error tokenizing data. C error: ", "")


def _read_xlsx(path: Path, name: str) -> pd.DataFrame:
    try:
        with pd.ExcelFile(path, engine="openpyxl") as sheets:
            sheet = "data" if "data" in sheets.sheet_names else sheets.sheet_names[0]
            frame = pd.read_excel(
                sheets,
                sheet_name=sheet,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
            )
    except Exception as err:  # openpyxl raises many types for a damaged workbook
        raise InputError(f"{name}: not a readable XLSX workbook ({err})") from err
    frame = frame.fillna("").astype(str).apply(lambda s: s.str.strip())
    return frame.replace("", pd.NA).astype(TEXT)


def _text(cell: object) -> str:
    return "" if cell is None or cell is pd.NA else str(cell).strip()


def _to_raw(cells: pd.DataFrame, name: str) -> RawTable:
    if cells.empty:
        raise InputError(f"{name}: the file has no rows")
    cells.index = range(1, len(cells) + 1)  # spreadsheet row numbers
    header = [_text(h) for h in cells.iloc[0]]
    body = cells.iloc[1:]
    hashtags = None
    if len(body) and is_hashtag_row(list(body.iloc[0])):
        hashtags = [_text(t) for t in body.iloc[0]]
        body = body.iloc[1:]
    filled = body.notna().any(axis=1)
    if not filled.all():
        body = body[filled]  # rows left empty by a spreadsheet
    body.columns = range(len(header))
    return RawTable(name=name, frame=body, hashtags=hashtags, header=header)
