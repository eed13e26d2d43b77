"""Validation: every failure listed with row, column, value and rule; warnings kept apart."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators.errors import InputError
from indicators.tabular import read_table
from indicators.validation import StoreContext, validate
from tests.tables import SOURCE, casualty, rows_to_csv, write_rows


def check(tmp_path: Path, rows: list[dict], table: str = "casualties", context=None):
    return validate(read_table(write_rows(tmp_path / "t.csv", rows)), table, context)


def rules_of(report) -> set[tuple[str, int | None, str | None]]:
    return {(i.rule, i.row, i.column) for i in report.issues}


def test_a_valid_table_passes_with_a_summary(tmp_path: Path) -> None:
    report = check(tmp_path, [casualty(), casualty(claim_id="c2", admin1_pcode="SY07")])
    assert report.ok, report.lines()
    assert report.summary() == "t.csv: 2 rows of table 'casualties' valid: 0 errors, 0 warnings"
    assert report.frame["value_low"].tolist() == [69.0, 69.0]


def test_every_failure_is_listed_with_row_column_value_and_rule(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        [
            casualty(),
            casualty(claim_id="c2", value_low="twenty"),
            casualty(claim_id="c3", date_end="2024-13-01"),
            casualty(claim_id="c6", date_start="2024-02-30"),
            casualty(claim_id="c4", admin1_pcode="SY99"),
            casualty(claim_id="c5", unit="persons"),
        ],
    )
    assert not report.ok
    assert {
        ("E0010", 3, "value_low"),
        ("E0011", 4, "date_end"),
        ("E0011", 5, "date_start"),  # no 30 February, though it has the form
        ("E0103", 6, "admin1_pcode"),
        ("E0021", 7, "unit"),
    } <= rules_of(report)
    lines = "\n".join(report.lines())
    assert "t.csv, row 3, column 'value_low', value 'twenty': error E0010" in lines
    assert "row 7, column 'unit', value 'persons'" in lines and "allowed: people" in lines


def test_a_cell_that_does_not_parse_is_reported_once(tmp_path: Path) -> None:
    report = check(tmp_path, [casualty(value_low="lots")])
    assert [i.rule for i in report.errors] == ["E0010"]


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"value_low": "80", "value_best": "69"}, "E0101"),
        ({"date_start": "2024-12-06"}, "E0102"),
        ({"admin1_pcode": "SY99"}, "E0103"),
        ({"admin2_pcode": "SY9999"}, "E0104"),
        ({"admin2_pcode": "SY0501"}, "E0105"),  # a Hama district under Aleppo
        ({"qualifier": "exact"}, "E0106"),  # exact needs low = best = high
        ({"qualifier": "range"}, "E0106"),  # a range needs low and high
        ({"qualifier": "up_to"}, "E0106"),  # up to has no lower bound
        ({"char_start": "10"}, "E0107"),  # a span needs both ends and a quote
        ({"value_derived": "true"}, "E0108"),
        ({"subset_of": "c1"}, "E0110"),
        ({"count_kind": "stock"}, "E0112"),  # a stock stands at one day
        ({"admin1_pcodes_spanned": "SY02;SY77", "admin1_pcode": ""}, "E0114"),
        ({"unit": ""}, "E0118"),
        ({"value_low": "-3", "value_best": "-3"}, "E0022"),
        ({"review_status": "maybe"}, "E0021"),
        ({"source_id": ""}, "E0020"),
    ],
)
def test_each_rule_blocks(tmp_path: Path, changes: dict, rule: str) -> None:
    report = check(tmp_path, [casualty(**changes)])
    assert rule in {i.rule for i in report.errors}, report.lines()


@pytest.mark.parametrize(
    "changes",
    [
        {"qualifier": "exact", "value_low": "20", "value_best": "20", "value_high": "20"},
        {"qualifier": "more_than"},
        {"qualifier": "about", "value_low": "", "value_best": "200"},
        {"qualifier": "up_to", "value_low": "", "value_best": "178000", "value_high": "178000"},
        {"qualifier": "range", "value_low": "60000", "value_best": "", "value_high": "80000"},
        {"qualifier": "vague", "value_text": "dozens", "value_low": "24", "value_best": ""},
        {"qualifier": "vague", "value_text": "many", "value_low": "", "value_best": ""},
    ],
)
def test_qualifiers_consistent_with_their_bounds_pass(tmp_path: Path, changes: dict) -> None:
    report = check(tmp_path, [casualty(**changes)])
    assert report.ok, report.lines()


def test_a_derived_household_figure_passes_with_its_size(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        [
            casualty(
                value_derived="true",
                unit_stated="families",
                household_size="5",
                value_low="15000",
                value_best="15000",
            )
        ],
    )
    assert report.ok, report.lines()


def test_duplicate_ids_are_both_reported(tmp_path: Path) -> None:
    report = check(tmp_path, [casualty(), casualty()])
    assert {(i.rule, i.row) for i in report.errors} == {("E0023", 2), ("E0023", 3)}


def test_sub_counts_must_point_at_a_known_total(tmp_path: Path) -> None:
    report = check(tmp_path, [casualty(), casualty(claim_id="c2", subset_of="c9")])
    assert ("E0109", 3, "subset_of") in rules_of(report)
    linked = check(
        tmp_path,
        [
            casualty(),
            casualty(
                claim_id="c2",
                subset_of="c1",
                population_group="children",
                value_low="26",
                value_best="26",
            ),
        ],
    )
    assert linked.ok, linked.lines()


def test_a_sub_count_may_point_at_a_total_already_stored(tmp_path: Path) -> None:
    context = StoreContext(source_ids={"src-test"}, claim_ids={"c0"})
    report = check(tmp_path, [casualty(subset_of="c0")], context=context)
    assert report.ok, report.lines()


def test_store_context_catches_unknown_sources_and_ids_already_stored(tmp_path: Path) -> None:
    context = StoreContext(source_ids={"other"}, claim_ids={"c1"})
    report = check(tmp_path, [casualty()], context=context)
    assert {"E0115", "E0116"} <= {i.rule for i in report.errors}


def test_a_kind_of_count_the_catalogue_does_not_expect_is_a_warning(tmp_path: Path) -> None:
    """Deaths are counted in a period or since a start, not as a stock standing at a date
    (the catalogue's count_kinds): kept, with a warning a reviewer sees."""
    report = check(
        tmp_path,
        [
            casualty(),
            casualty(claim_id="c2", count_kind="stock", date_start="2024-12-05"),
            casualty(claim_id="c3", outcome="injured", count_kind="new", date_start="2024-12-05"),
        ],
    )
    assert report.ok
    assert [(w.rule, w.row, w.value) for w in report.warnings] == [("W0205", 3, "stock")]


def test_a_falling_cumulative_series_is_a_warning_not_an_error(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        [
            casualty(value_low="242", value_best="242", date_end="2024-11-29"),
            casualty(claim_id="c2", value_low="200", value_best="200", date_end="2024-11-30"),
            casualty(claim_id="c3", value_low="311", value_best="311", date_end="2024-12-01"),
        ],
    )
    assert report.ok
    assert [(w.rule, w.row) for w in report.warnings] == [("W0201", 3)]
    assert "242" in report.warnings[0].message


def test_a_series_that_rises_or_a_new_count_that_falls_is_not_warned(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        [
            casualty(value_low="242", value_best="242", date_end="2024-11-29"),
            casualty(claim_id="c2", value_low="311", value_best="311", date_end="2024-11-30"),
            casualty(
                claim_id="c3",
                count_kind="new",
                date_start="2024-12-01",
                date_end="2024-12-01",
                value_low="5",
                value_best="5",
            ),
        ],
    )
    assert report.warnings == []


def test_unmatched_place_and_unknown_period_are_warnings(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        [
            casualty(
                admin1_pcode="",
                place_precision="unknown",
                location_text="Atlantis",
                date_start="",
                date_end="",
                date_precision="unknown",
            )
        ],
    )
    assert report.ok
    assert {w.rule for w in report.warnings} == {"W0202", "W0203"}


def test_missing_and_unknown_columns_are_named(tmp_path: Path) -> None:
    row = casualty(colour="blue")
    del row["outcome"]
    report = check(tmp_path, [row])
    assert {("E0001", None, "outcome"), ("E0002", None, "colour")} <= rules_of(report)


def test_optional_columns_are_filled_and_ids_generated(tmp_path: Path) -> None:
    row = {
        k: v
        for k, v in casualty().items()
        if k not in ("claim_id", "place_precision", "population_group")
    }
    report = check(tmp_path, [row])
    assert report.ok, report.lines()
    frame = report.frame
    assert frame.at[2, "claim_id"].startswith("casualties-")
    assert frame.at[2, "population_group"] == "all"
    assert frame.at[2, "place_precision"] == "admin1"  # implied by the p-code given
    assert frame.at[2, "method"] == "import"


def test_the_sources_table_validates(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        [SOURCE, {**SOURCE, "source_id": "s2", "url": "not a url", "published": "5 Dec 2024"}],
        table="sources",
    )
    assert {("E0024", 3, "url"), ("E0011", 3, "published")} <= rules_of(report)


# -- reading files ----------------------------------------------------------------------------


def test_hxl_hashtag_row_is_recognised_and_mapped_onto_columns(tmp_path: Path) -> None:
    text = (
        "Claim,Source,Governorate,Deaths low,Deaths best,Unit,Kind,Outcome,Start,End,Qualifier\n"
        "#meta+id,#meta+source+id,#adm1+code,#indicator+num+low,#indicator+best+num,"
        "#indicator+unit,#indicator+count_kind,#affected+outcome,#date+start,#date+end,"
        "#indicator+qualifier\n"
        "c1,src-test,SY02,20,20,people,new,killed,2024-11-30,2024-11-30,at_least\n"
        "c2,src-test,SY02,x,20,people,new,killed,2024-11-30,2024-11-30,at_least\n"
    )
    path = tmp_path / "tagged.csv"
    path.write_text(text, encoding="utf-8")
    report = validate(read_table(path), "casualties")
    # Row 3 is the first data row (row 1 the header, row 2 the hashtags).
    assert [(i.rule, i.row, i.column) for i in report.errors] == [("E0010", 4, "value_low")]
    assert report.frame.at[3, "admin1_pcode"] == "SY02"


def test_xlsx_tables_are_read(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    frame = pd.DataFrame([casualty(), casualty(claim_id="c2", value_best="many")])
    frame["value_low"] = [69, 70]  # numbers as numbers, as Excel stores them
    frame.to_excel(path, sheet_name="data", index=False)
    report = validate(read_table(path), "casualties")
    assert [(i.rule, i.row, i.column, i.value) for i in report.errors] == [
        ("E0010", 3, "value_best", "many")
    ]


def test_malformed_csv_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(rows_to_csv([casualty()]) + "a,b,c\n" + ",".join("x" * 40) + "\n")
    with pytest.raises(
        InputError, match=r"ragged.csv: malformed CSV: line 3 has 3 cells where the header has 17"
    ):
        read_table(path)


def test_non_utf8_text_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("claim_id,location_text\nc1,Alep\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.csv: not UTF-8"):
        read_table(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("table.pdf", b"%PDF-1.4", "cannot read '.pdf' files"),
        ("broken.xlsx", b"not a zip", "not a readable XLSX workbook"),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, name, content, message) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_table(path)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IMPACT_MONITOR_MAX_FILE_MB", "0.001")
    path = write_rows(tmp_path / "big.csv", [casualty(claim_id=f"c{i}") for i in range(50)])
    with pytest.raises(
        InputError, match=r"big.csv: .* MB is over the 0.001 MB limit .*IMPACT_MONITOR_MAX_FILE_MB"
    ):
        read_table(path)


def test_blank_rows_and_surrounding_spaces_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "spaces.csv"
    text = rows_to_csv([casualty(location_text="  Aleppo ")])
    path.write_text(text + "," * (len(casualty()) - 1) + "\n")
    report = validate(read_table(path), "casualties")
    assert report.ok, report.lines()
    assert report.rows == 1
    assert report.frame.iloc[0]["location_text"] == "Aleppo"


def test_row_rules_of_a_table_with_rules_of_its_own_keep_their_ids(tmp_path: Path) -> None:
    """hospital_strain adds row rules of its own; the rules it shares with every claim table
    were reported as 'E0029: breaks a column rule' with no column."""
    row = {"claim_id": "h1", "source_id": "s", "location_text": "Syria",
           "place_precision": "country", "date_start": "2024-12-08", "date_end": "2024-12-08",
           "qualifier": "exact", "value_best": "4", "unit": "attacks", "count_kind": "new",
           "measure": "attacks_on_health_care"}  # fmt: skip
    report = validate(read_table(write_rows(tmp_path / "h.csv", [row])), "hospital_strain")
    [error] = report.errors
    assert (error.rule, error.row) == ("E0106", 2)
    assert error.column == "qualifier, value_low, value_best, value_high"
