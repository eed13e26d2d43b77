"""Nothing lost, nothing invented on import: a malformed CSV is refused with its line, an
XLSX formula cell is read with its saved result and a warning (or refused when it has none),
counts and dates beyond belief are errors, control characters are refused with their row on
both backends, and a workbook that unpacks to gigabytes is refused before it is parsed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from indicators.errors import InputError
from indicators.store import Store
from indicators.table_import import import_table
from indicators.tabular import read_table
from indicators.validation import validate
from tests.tables import CASUALTY, casualty, rows_to_csv, write_rows

HEADER = ",".join(CASUALTY)


def _line(**changes: str) -> str:
    return ",".join(casualty(**changes).values())


# -- malformed CSV -------------------------------------------------------------------------


def test_a_quote_closed_rows_later_is_refused_not_merged(tmp_path: Path) -> None:
    # the second row's place opens a quote that the fourth row closes: two rows would vanish
    rows = [_line(claim_id="c1"), _line(claim_id="c2", location_text='"Aleppo'),
            _line(claim_id="c3"), _line(claim_id="c4", location_text='Hama"')]  # fmt: skip
    path = tmp_path / "quote.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(InputError, match=r"quote.csv: malformed CSV: row 3, .*quote is not closed"):
        read_table(path)


def test_a_quote_never_closed_is_refused_with_the_line_it_opens(tmp_path: Path) -> None:
    rows = [_line(claim_id="c1"), _line(claim_id="c2", location_text='"Aleppo'), _line()]
    path = tmp_path / "open.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(InputError, match=r"open.csv: malformed CSV: the cell quoted on line 3"):
        read_table(path)


@pytest.mark.parametrize(("cut", "cells"), [(-1, "16"), (1, "18")])
def test_a_ragged_row_is_refused_with_its_line(tmp_path: Path, cut: int, cells: str) -> None:
    short = _line(claim_id="c2").split(",")
    ragged = short[:cut] if cut < 0 else [*short, "extra"]
    path = tmp_path / "ragged.csv"
    path.write_text("\n".join([HEADER, _line(), ",".join(ragged), _line(claim_id="c3")]) + "\n")
    with pytest.raises(InputError, match=rf"ragged.csv: malformed CSV: line 3 has {cells} cells"):
        read_table(path)


def test_a_quoted_cell_over_two_lines_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(rows_to_csv([casualty(value_text="at least\n69")]))
    report = validate(read_table(path), "casualties")
    assert report.ok and report.frame.at[2, "value_text"] == "at least\n69"


# -- XLSX formulas ---------------------------------------------------------------------------


def _workbook(path: Path, *, saved: str | None) -> Path:
    """A workbook whose value_best is the formula =60+9, with ``saved`` as the result the
    spreadsheet last saved (openpyxl writes none: Excel and LibreOffice write one)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(list(CASUALTY))
    row = list(CASUALTY.values())
    row[list(CASUALTY).index("value_best")] = "=60+9"
    sheet.append(row)
    book.save(path)
    if saved is not None:
        with zipfile.ZipFile(path) as src:
            parts = {i.filename: src.read(i.filename) for i in src.infolist()}
        name = "xl/worksheets/sheet1.xml"
        parts[name] = re.sub(rb"<f>60\+9</f><v\s*/>|<f>60\+9</f><v></v>|<f>60\+9</f>",
                             b"<f>60+9</f><v>" + saved.encode() + b"</v>", parts[name])  # fmt: skip
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for part, data in parts.items():
                out.writestr(part, data)
    return path


def test_a_formula_cell_is_read_with_its_saved_result_and_a_warning(tmp_path: Path) -> None:
    report = validate(read_table(_workbook(tmp_path / "f.xlsx", saved="69")), "casualties")
    assert report.ok, report.lines()
    assert report.frame.at[2, "value_best"] == 69
    [warning] = [i for i in report.warnings if i.rule == "W0206"]
    assert (warning.row, warning.column, warning.value, warning.detail) == (
        2, "value_best", "69", "=60+9"
    )  # fmt: skip


def test_a_formula_cell_without_a_saved_result_is_refused_never_stored_empty(
    tmp_path: Path,
) -> None:
    expected = r"f.xlsx: formula cells without a saved result: cell L2 \('value_best'\) =60\+9\."
    with pytest.raises(InputError, match=expected):
        read_table(_workbook(tmp_path / "f.xlsx", saved=None))


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_parsing(
    tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "bomb.xlsx"
    pd.DataFrame([casualty()]).to_excel(path, sheet_name="data", index=False)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (12 * 2**20))  # 12 MB unpacked
    assert path.stat().st_size < 2**20
    monkeypatch.setenv("IMPACT_MONITOR_MAX_INFLATED_MB", "8")
    with pytest.raises(InputError, match=r"bomb.xlsx unpacked: 12 MB is over the 8 MB limit .*"
                                         r"IMPACT_MONITOR_MAX_INFLATED_MB"):  # fmt: skip
        read_table(path)


# -- beyond belief -----------------------------------------------------------------------------


def test_counts_and_dates_beyond_belief_are_errors(tmp_path: Path, monkeypatch) -> None:
    rows = [
        casualty(claim_id="c1", value_low="1e308", value_best="1e308"),
        casualty(claim_id="c2", date_end="2100-01-01"),
        casualty(claim_id="c3", date_start="1066-10-14"),
        casualty(claim_id="c4", value_low="60000000", value_best="60000000"),
    ]
    report = validate(read_table(write_rows(tmp_path / "t.csv", rows)), "casualties")
    found = {(i.rule, i.row, i.column) for i in report.errors}
    assert {("E0121", 2, "value_low"), ("E0121", 2, "value_best"), ("E0122", 3, "date_end"),
            ("E0122", 4, "date_start"), ("E0121", 5, "value_best")} <= found  # fmt: skip
    monkeypatch.setenv("IMPACT_MONITOR_MAX_COUNT", "100000000")  # a team that needs more
    report = validate(read_table(write_rows(tmp_path / "t.csv", rows[3:])), "casualties")
    assert report.ok, report.lines()


# -- control characters, on both backends ---------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f"])
def test_control_characters_are_refused_with_their_row_and_nothing_is_written(
    empty_store: Store, tmp_path: Path, char: str
) -> None:
    from tests.tables import SOURCE

    write_rows(tmp_path / "s.csv", [SOURCE])
    import_table(empty_store, read_table(tmp_path / "s.csv"), "sources", actor="t")
    rows = [casualty(claim_id="c1"), casualty(claim_id="c2", location_text=f"Ale{char}ppo")]
    done = import_table(
        empty_store, read_table(write_rows(tmp_path / "c.csv", rows)), "casualties", actor="t"
    )
    assert not done.written
    [error] = done.report.errors
    assert (error.rule, error.row, error.column) == ("E0026", 3, "location_text")
    assert error.value == f"Ale\\x{ord(char):02x}ppo"
    assert empty_store.read("casualties", statuses=None).empty


def test_control_characters_typed_in_the_dashboard_or_a_command_are_refused_on_both_backends(
    default_store: Store,
) -> None:
    from datetime import date, datetime

    from indicators import review
    from indicators.alerts import lifecycle
    from indicators.alerts.rules import AlertRule
    from indicators.store.tables import alerts
    from tests.tables import SEED_KILLED

    with pytest.raises(InputError, match=r"the name holds a control character \(\\x00\)"):
        lifecycle.save_rule(default_store, AlertRule("r", "Killed\x00", "killed", warning=1.0),
                            actor="omar")  # fmt: skip
    with pytest.raises(InputError, match=r"the reason holds a control character"):
        review.set_status(default_store, [SEED_KILLED], "rejected", actor="a", reason="dup\x00")
    with default_store.engine.begin() as conn:
        alert_id = conn.execute(
            alerts.insert().returning(alerts.c.alert_id),
            {"rule_id": "r", "rule_version": 1, "unit": "SY02", "state": "warning",
             "raised_on": date(2024, 12, 5), "status": "new", "last_as_of": date(2024, 12, 5),
             "claim_ids": [], "updated_at": datetime(2024, 12, 5)},
        ).scalar()  # fmt: skip
    with pytest.raises(InputError, match=r"the comment holds a control character \(\\x1b\)"):
        lifecycle.acknowledge(default_store, alert_id, actor="omar", comment="seen\x1b[31m")
    with default_store.engine.connect() as conn:
        assert conn.scalar(sa.select(alerts.c.status).where(alerts.c.alert_id == alert_id)) == "new"


def test_a_workbook_with_a_damaged_part_is_refused_in_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    pd.DataFrame([casualty()]).to_excel(path, sheet_name="data", index=False)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 5, start + 25):  # scramble the compressed sheet
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"damaged.xlsx: not a readable XLSX workbook"):
        read_table(path)


def test_a_formula_cell_under_an_hxl_tagged_column_is_warned(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", saved="69")
    book = openpyxl.load_workbook(path)
    sheet = book["data"]
    sheet.insert_rows(2)  # an HXL hashtag row, and a header of the sender's own words
    for col, name in enumerate(CASUALTY, start=1):
        from indicators.schemas import columns

        spec = next(c for c in columns("casualties") if c.name == name)
        sheet.cell(row=2, column=col, value=spec.hxl)
    sheet.cell(row=1, column=list(CASUALTY).index("value_best") + 1, value="Best estimate")
    book.save(path)
    report = validate(read_table(_workbook_saved(path)), "casualties")
    assert [(w.rule, w.column) for w in report.warnings if w.rule == "W0206"] == [
        ("W0206", "value_best")
    ]


def _workbook_saved(path: Path) -> Path:
    """openpyxl drops saved results when it saves: put the formula's result back."""
    with zipfile.ZipFile(path) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = re.sub(rb"<f>60\+9</f>(<v\s*/>|<v></v>)?", b"<f>60+9</f><v>69</v>", parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return path
