"""Reading CSV, HXL CSV and XLSX files into text cells, rows numbered as a user sees them."""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
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
from indicators.limits import MAX_FILE_MB, MAX_INFLATED_MB

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""What a spreadsheet may read as the start of a formula, full-width forms too. An export
writes such a text cell with a leading apostrophe (the formula guard); reading a file takes
the guard off again, so an export corrected in a spreadsheet imports as it was."""


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
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """XLSX cells that hold a formula, by (row, column index): the cell holds the result the
    spreadsheet last saved, and validation warns that it was not typed in."""


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
    """The largest file read (the setting ``max_file_mb``)."""
    return MAX_FILE_MB.bytes()


def read_table(path: Path | str, *, name: str | None = None) -> RawTable:
    """Read a CSV or XLSX file; raise :class:`InputError` naming the file and what is wrong."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    size = path.stat().st_size
    if size > max_file_bytes():
        raise InputError(MAX_FILE_MB.over(size / 2**20, subject=name))
    if size == 0:
        raise InputError(f"{name}: the file is empty")
    suffix = path.suffix.lower()
    formulas: dict[tuple[int, int], str] = {}
    if suffix in (".csv", ".txt", ".hxl"):
        cells = _read_csv(path, name)
        _no_swallowed_rows(cells, name)
    elif suffix in (".xlsx", ".xlsm"):
        cells, formulas = _read_xlsx(path, name)
    else:
        raise InputError(f"{name}: cannot read '{suffix or path.name}' files; use CSV or XLSX")
    raw = _to_raw(cells, name)
    raw.formulas = formulas
    return raw


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    """Every cell as text. Arrow's multi-threaded reader first; when it refuses the file, the
    pandas reader runs again to say precisely where (line, byte) the file is wrong."""
    try:
        return _read_csv_arrow(path)
    except (pa.ArrowInvalid, UnicodeDecodeError, csv.Error):
        pass
    _find_fault(path, name)
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


def _find_fault(path: Path, name: str) -> None:
    """Say where a file the fast reader refused is wrong: a row with more or fewer cells
    than the header (a spreadsheet never writes one; a hand edit or a cut file does), or a
    quote opened and never closed. Rows are never padded or merged silently."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            width, starts = None, 1
            for cells in reader:
                if cells:
                    if width is None:
                        width = len(cells)
                    elif len(cells) != width:
                        raise InputError(
                            f"{name}: malformed CSV: line {starts} has {len(cells)} cells where "
                            f"the header has {width}; every row needs one cell per column "
                            "(quote a cell that holds a comma)"
                        )
                starts = reader.line_num + 1
    except csv.Error as err:
        raise InputError(
            f"{name}: malformed CSV: the cell quoted on line {starts} is never closed, or a "
            f"quote inside it is not doubled ({err})"
        ) from None
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not UTF-8 text (byte {err.start} cannot be read); save it as UTF-8 CSV"
        ) from err


_ROW_IN_CELL = re.compile(r"\n[^\n]*")


def _no_swallowed_rows(cells: pd.DataFrame, name: str) -> None:
    """A quote opened in one row and closed rows later makes those rows one cell: refused
    when a line inside a cell reads as a whole row (as many separators as the header)."""
    if cells.empty:
        return
    width = cells.shape[1]
    for index, column in cells.items():
        text = column.dropna()
        multi = text[text.str.contains("\n", regex=False)]
        for row, value in multi.items():
            lines = value.split("\n")[1:]
            if width > 1 and any(line.count(",") >= width - 1 for line in lines):
                raise InputError(
                    f"{name}: malformed CSV: row {row + 1}, column {index + 1} runs over "
                    f"{len(lines) + 1} lines and holds what reads as whole rows; a quote "
                    "is not closed where it should be ('imported' rows would be lost)"
                )


def _parser_message(err: Exception) -> str:
    text = str(err).strip().splitlines()[-1]
    return text.replace("Error tokenizing data. C error: ", "")


def _read_xlsx(path: Path, name: str) -> tuple[pd.DataFrame, dict[tuple[int, int], str]]:
    """Every cell as text, and the formula cells with their saved results. The workbook's
    unpacked size is checked before any sheet is parsed."""
    has_formulas = _inspect_xlsx(path, name)
    try:
        with pd.ExcelFile(path, engine="calamine") as sheets:
            sheet = "data" if "data" in sheets.sheet_names else sheets.sheet_names[0]
            frame = pd.read_excel(
                sheets,
                sheet_name=sheet,
                header=None,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
            )
        formulas = _formulas(path, sheet) if has_formulas else {}
    except Exception as err:  # the readers raise many types for a damaged workbook
        raise InputError(f"{name}: not a readable XLSX workbook ({err})") from err
    frame = frame.fillna("").astype(str).apply(lambda s: s.str.strip())
    frame = frame.replace("", pd.NA).astype(TEXT)
    unsaved = []
    for (row, col), formula in formulas.items():
        inside = row - 1 < len(frame) and col < frame.shape[1]
        if not inside or pd.isna(frame.iat[row - 1, col]):
            header = _text(frame.iat[0, col]) if col < frame.shape[1] else ""
            unsaved.append(f"cell {_letter(col)}{row} ('{header}') {formula}")
    if unsaved:
        shown = "; ".join(unsaved[:5]) + (
            f"; and {len(unsaved) - 5} more" if len(unsaved) > 5 else ""
        )
        raise InputError(
            f"{name}: formula cells without a saved result: {shown}. Open the workbook in a "
            "spreadsheet and save it (results are stored then), or paste the values"
        )
    return frame, formulas


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def _inspect_xlsx(path: Path, name: str) -> bool:
    """Refuse a workbook that unpacks beyond the limit (a few MB can unpack to gigabytes);
    whether any sheet holds a formula, read in pieces without unpacking it whole."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            unpacked = sum(e.file_size for e in entries)
            if unpacked > MAX_INFLATED_MB.bytes():
                raise InputError(MAX_INFLATED_MB.over(unpacked / 2**20, subject=f"{name} unpacked"))
            sheets = [e for e in entries if e.filename.startswith("xl/worksheets/")]
            return any(_holds_formula(archive, e) for e in sheets)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as err:
        # a damaged archive or a damaged part of one
        raise InputError(f"{name}: not a readable XLSX workbook ({err})") from err


def _holds_formula(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _formulas(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """The formula cells of ``sheet`` by (spreadsheet row, column index)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        found = {}
        for r, row in enumerate(book[sheet].iter_rows(), start=1):
            for c, cell in enumerate(row):
                if getattr(cell, "data_type", None) == "f":
                    value = cell.value
                    found[(r, c)] = str(getattr(value, "text", value))
        return found
    finally:
        book.close()


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
    return RawTable(name=name, frame=_unguarded(body), hashtags=hashtags, header=header)


def _unguarded(body: pd.DataFrame) -> pd.DataFrame:
    """The cells with the formula guard an export added ("'=..." back to "=...")."""
    for col in body.columns:
        s = body[col]
        try:
            hit = s.str.startswith("'").fillna(False).astype(bool)
        except AttributeError:  # no text in the column
            continue
        if hit.any():
            body.loc[hit, col] = s[hit].map(
                lambda v: v[1:] if v[1:2] and v[1:2] in FORMULA_START else v
            )
    return body
