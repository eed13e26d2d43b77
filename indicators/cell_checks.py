"""What no real table holds, whatever its schema: control characters in text, counts and
days beyond belief, and formula cells read for their saved result. Each check returns
issues with the row, column and value, like every other rule."""

from __future__ import annotations

import pandas as pd

from indicators.checks import Issue, row_issues
from indicators.limits import CONTROL, FIRST_DAY, MAX_COUNT, last_day
from indicators.schemas import ColumnSpec
from indicators.tabular import RawTable


def control_characters(cells: pd.DataFrame) -> list[Issue]:
    """A NUL or another control character: refused on every backend alike (PostgreSQL
    cannot store a NUL; SQLite would keep it and every reader after would trip on it)."""
    issues = []
    for name, column in cells.items():
        hit = column.str.contains(CONTROL.pattern, regex=True).fillna(False).astype(bool)
        for row, value in column[hit].items():
            issues.append(Issue("E0026", int(row), str(name), _visible(value)))
    return issues


def _visible(value: str) -> str:
    """The value with its control characters written out (\\x00), to be shown."""
    return "".join(c if c.isprintable() or c in "\t\n" else f"\\x{ord(c):02x}" for c in value)


def formula_cells(raw: RawTable, cells: pd.DataFrame, positions: dict[str, int]) -> list[Issue]:
    """A warning for each formula cell of a mapped column (``positions``: the file column
    each of ``cells``' columns came from): its saved result was read."""
    names = {pos: name for name, pos in positions.items()}
    issues = []
    for (row, col), formula in sorted(raw.formulas.items()):
        name = names.get(col)
        if name is not None and row in cells.index:
            value = cells.at[row, name]
            issues.append(Issue("W0206", row, name, None if pd.isna(value) else value, formula))
    return issues


def beyond_belief(frame: pd.DataFrame, specs: list[ColumnSpec]) -> list[Issue]:
    """Counts beyond the setting ``max_count`` and dates before 1900 or after tomorrow:
    a typing slip or a broken file, never a figure to store."""
    most = MAX_COUNT.value()
    first, last = pd.Timestamp(FIRST_DAY), pd.Timestamp(last_day()) + pd.Timedelta(days=1)
    issues: list[Issue] = []
    for spec in specs:
        values = frame[spec.name]
        if spec.dtype in ("Float64", "Int64"):
            wrong = values.notna() & (values.abs() > most)
            detail = f"more than {most:,.0f}"
            issues += row_issues("E0121", frame, wrong, spec.name, detail)
        elif pd.api.types.is_datetime64_any_dtype(values):
            wrong = values.notna() & ((values < first) | (values >= last))
            issues += row_issues("E0122", frame, wrong, spec.name)
    return issues
