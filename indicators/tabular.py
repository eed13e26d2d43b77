"""Reading CSV, HXL CSV and XLSX files into text cells, rows numbered as a user sees them."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

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
    return frame.fillna("").astype(str)


def _to_raw(cells: pd.DataFrame, name: str) -> RawTable:
    if cells.empty:
        raise InputError(f"{name}: the file has no rows")
    cells.index = range(1, len(cells) + 1)  # spreadsheet row numbers
    header = [str(h).strip() for h in cells.iloc[0]]
    body = cells.iloc[1:]
    hashtags = None
    if len(body) and is_hashtag_row(list(body.iloc[0])):
        hashtags = [str(t).strip() for t in body.iloc[0]]
        body = body.iloc[1:]
    body = body.apply(lambda s: s.str.strip())
    body = body.replace("", pd.NA)
    body = body.dropna(how="all")
    body.columns = range(len(header))
    return RawTable(name=name, frame=body, hashtags=hashtags, header=header)
