"""Exports: CSV, HXL CSV, XLSX (data, dictionary, sources) and JSON, safe in a spreadsheet."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicators import exports
from indicators.errors import InputError
from indicators.store import Store
from indicators.tabular import read_table
from indicators.validation import StoreContext, validate
from tests.tables import SEED_KILLED


@pytest.fixture
def aleppo(sqlite_default_store: Store) -> exports.Export:
    filters = exports.parse_filter(["SY02"], "2024-11-29", "2024-12-05")
    return exports.collect(sqlite_default_store, "casualties", filters)


def test_filtered_csv_holds_only_the_filtered_rows_with_their_sources(aleppo) -> None:
    frame = pd.read_csv(io.BytesIO(exports.render(aleppo, "csv")), dtype=str)
    assert len(frame) == len(aleppo.frame) > 0
    assert set(frame["admin1_pcode"].dropna()) == {"SY02"}
    assert frame["source_publisher"].notna().all()
    assert SEED_KILLED in set(frame["claim_id"])
    assert frame.set_index("claim_id").loc[SEED_KILLED, "value_low"] == "20"  # not "20.0"


def test_hxl_csv_carries_the_hashtag_row(aleppo) -> None:
    lines = exports.render(aleppo, "hxl").decode().splitlines()
    tags = lines[1].split(",")
    assert tags[0] == "#meta+id"
    assert "#adm1+code" in tags and "#meta+source" in tags and "#meta+url" in tags


def test_xlsx_has_data_dictionary_and_sources_sheets(aleppo) -> None:
    book = openpyxl.load_workbook(io.BytesIO(exports.render(aleppo, "xlsx")))
    assert book.sheetnames == ["data", "dictionary", "sources", "about"]
    data = list(book["data"].values)
    assert len(data) == len(aleppo.frame) + 1
    header = data[0]
    assert isinstance(data[1][header.index("value_best")], (int, float))
    dictionary = {row[0]: row for row in book["dictionary"].values}
    assert dictionary["value_low"][3] == "#indicator+num+low"
    cited = {row[0] for row in list(book["sources"].values)[1:]}
    assert cited == set(aleppo.frame["source_id"])


def test_json_says_where_and_when(aleppo) -> None:
    payload = json.loads(exports.render(aleppo, "json"))
    assert payload["meta"]["rows"] == len(payload["data"]) == len(aleppo.frame)
    assert payload["meta"]["filters"]["admin1"] == ["SY02"]
    assert payload["meta"]["generated_at"].endswith("Z")
    seed = next(r for r in payload["data"] if r["claim_id"] == SEED_KILLED)
    assert seed["value_low"] == 20 and seed["value_high"] is None  # unknown is null, not 0
    assert seed["date_end"] == "2024-11-30"


@pytest.mark.parametrize("danger", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_cells_that_would_run_as_formulas_are_neutralised(danger: str) -> None:
    frame = pd.DataFrame({"claim_id": ["c1"], "notes": [danger], "value_best": [-1.0]})
    export = exports.Export(
        "casualties", frame, pd.DataFrame({"source_id": []}), exports.ExportFilter()
    )
    csv_text = exports.render(export, "csv").decode()
    assert f"'{danger}"[:4] in csv_text
    assert ",-1\n" in csv_text or csv_text.rstrip().endswith(",-1")  # numbers stay numbers
    book = openpyxl.load_workbook(io.BytesIO(exports.render(export, "xlsx")))
    cell = book["data"]["B2"]
    assert cell.value == "'" + danger and cell.data_type == "s"
    assert book["data"]["C2"].value == -1


def test_an_export_reimports_into_a_new_store(aleppo, tmp_path: Path) -> None:
    path = tmp_path / "aleppo.hxl.csv"
    path.write_bytes(exports.render(aleppo, "hxl"))
    context = StoreContext(source_ids=set(aleppo.sources["source_id"]))
    report = validate(read_table(path), "casualties", context)
    assert report.ok, report.lines()
    assert len(report.frame) == len(aleppo.frame)


def test_sources_export_lists_every_source(sqlite_default_store: Store) -> None:
    export = exports.collect(sqlite_default_store, "sources", exports.ExportFilter())
    assert len(export.frame) == sqlite_default_store.counts()["sources"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((["SY99"], None, None), "unknown governorate p-code SY99"),
        (([], "30/11/2024", None), "--from '30/11/2024' is not a date"),
        (([], "2024-12-05", "2024-12-01"), "before --from"),
    ],
)
def test_bad_filters_are_refused_with_the_value(args, message) -> None:
    with pytest.raises(InputError, match=message):
        exports.parse_filter(*args)


def test_a_date_filter_keeps_overlapping_periods() -> None:
    f = exports.parse_filter([], "2024-12-01", "2024-12-02")
    assert (f.date_from, f.date_to) == (date(2024, 12, 1), date(2024, 12, 2))


def test_the_command_line_offers_exactly_the_export_formats() -> None:
    from indicators.cli import EXPORT_FORMATS

    assert tuple(exports.FORMATS) == EXPORT_FORMATS
