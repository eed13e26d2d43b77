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
from indicators.formats import FORMATS, render
from indicators.store import Store
from indicators.tabular import read_table
from indicators.validation import StoreContext, validate
from tests.tables import SEED_KILLED


@pytest.fixture
def aleppo(sqlite_default_store: Store) -> exports.Export:
    filters = exports.parse_filter(["SY02"], "2024-11-29", "2024-12-05")
    return exports.collect(sqlite_default_store, "casualties", filters)


def test_filtered_csv_holds_only_the_filtered_rows_with_their_sources(aleppo) -> None:
    frame = pd.read_csv(io.BytesIO(render(aleppo, "csv")), dtype=str)
    assert len(frame) == len(aleppo.frame) > 0
    assert set(frame["admin1_pcode"].dropna()) == {"SY02"}
    assert frame["source_publisher"].notna().all()
    assert SEED_KILLED in set(frame["claim_id"])
    assert frame.set_index("claim_id").loc[SEED_KILLED, "value_low"] == "20"  # not "20.0"


def test_hxl_csv_carries_the_hashtag_row(aleppo) -> None:
    lines = render(aleppo, "hxl").decode().splitlines()
    tags = lines[1].split(",")
    assert tags[0] == "#meta+id"
    assert "#adm1+code" in tags and "#meta+source" in tags and "#meta+url" in tags


def test_xlsx_has_data_dictionary_and_sources_sheets(aleppo) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(aleppo, "xlsx")))
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
    payload = json.loads(render(aleppo, "json"))
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
    csv_text = render(export, "csv").decode()
    assert f"'{danger}"[:4] in csv_text
    assert ",-1\n" in csv_text or csv_text.rstrip().endswith(",-1")  # numbers stay numbers
    book = openpyxl.load_workbook(io.BytesIO(render(export, "xlsx")))
    cell = _cell(book["data"], "notes")
    assert cell.value == "'" + danger and cell.data_type == "s"
    assert _cell(book["data"], "value_best").value == -1


def _cell(sheet, header: str, row: int = 2):
    """The cell of a column (found by its header, wherever the sheet puts it)."""
    names = [c.value for c in sheet[1]]
    return sheet.cell(row=row, column=names.index(header) + 1)


def test_an_export_reimports_into_a_new_store(aleppo, tmp_path: Path) -> None:
    path = tmp_path / "aleppo.hxl.csv"
    path.write_bytes(render(aleppo, "hxl"))
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


def test_the_command_line_offers_exactly_the_registered_formats() -> None:
    from indicators.cli import build_parser

    export = build_parser()._subparsers._group_actions[0].choices["export"]
    choices = next(a.choices for a in export._actions if a.dest == "format")
    assert list(choices) == list(FORMATS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_registered_format_writes_a_download(aleppo, fmt: str) -> None:
    """A format in the registry without a writer fails here, not when a user downloads."""
    body = FORMATS[fmt].write(aleppo)
    assert isinstance(body, bytes) and len(body) > 100
    assert FORMATS[fmt].suffix.startswith(".") and FORMATS[fmt].media_type and FORMATS[fmt].label


def test_an_unknown_format_is_refused_by_name(aleppo) -> None:
    with pytest.raises(InputError, match=r"unknown format 'ods'.*csv, hxl, xlsx, json"):
        render(aleppo, "ods")


def _hxl_errors(body: bytes) -> list[str]:
    import hxl

    report = hxl.validate(hxl.data(io.BytesIO(body)))
    return [
        f"{issue['tag_pattern']}: {issue['description']} ({issue['location_count']} cells)"
        for issue in report["issues"]
        if issue["severity"] == "error"
    ]


@pytest.mark.parametrize("table", ["sources", "casualties", "displacement", "hospital_strain"])
def test_every_hxl_export_passes_the_hxl_standards_validator(
    sqlite_default_store: Store, table: str
) -> None:
    export = exports.collect(sqlite_default_store, table, exports.ExportFilter())
    assert len(export.frame) > 0
    assert _hxl_errors(render(export, "hxl")) == []


def test_the_hxl_validator_finds_the_tags_earlier_versions_wrote() -> None:
    """The check above can fail: the old tags put words under #date and #affected."""
    old = b"p,o\n#date+precision,#affected+outcome\nday,killed\nmonth,injured\n"
    errors = _hxl_errors(old)
    assert errors and all(e.startswith(("#date", "#affected")) for e in errors), errors


def test_a_file_with_the_hxl_tags_of_earlier_versions_still_imports(aleppo, tmp_path) -> None:
    body = render(aleppo, "hxl").decode()
    _, tags, *rows = body.splitlines()
    formerly = {"#meta+date+precision": "#date+precision", "#indicator+code+outcome": (
        "#affected+outcome"), "#indicator+code+group": "#affected+group",
        "#meta+loc+precision": "#loc+precision"}  # fmt: skip
    old_tags = ",".join(formerly.get(t, t) for t in tags.split(","))
    assert old_tags != tags
    # old headers too: a file can carry tags only, under headers of its own
    path = tmp_path / "old.hxl.csv"
    names = ",".join(f"col{i}" for i in range(len(tags.split(","))))
    path.write_text("\n".join([names, old_tags, *rows]) + "\n", encoding="utf-8")
    context = StoreContext(source_ids=set(aleppo.sources["source_id"]))
    report = validate(read_table(path), "casualties", context)
    assert report.ok, report.lines()[:5]
    assert list(report.frame["outcome"]) == list(aleppo.frame["outcome"])
