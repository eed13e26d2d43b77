"""Issue 17: tables as their publishers publish them, imported through mappings: WHO's
attacks on health care export recognised and read (the real CSV in ../shared and an XLSX
written here in its layout), a file of no known layout told which columns could not be
placed, bad rows reported with nothing written, a mapping written by a user (HXL tags with
attributes), rows of other countries skipped on request."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from dashboard.cli import main
from indicators.layouts import recognise
from indicators.read_model import ReadModel, advance
from indicators.store import Store
from indicators.tabular import read_table
from tests.conftest import ROOT, SHARED

WHO_CSV = SHARED / "data" / "who-ssa-syria-attacks-on-health-care-2020-2024.csv"
WHO_HEADER = [
    "Attack ID", "Attack Date", "Attack Time", "Country / Territory", "Certainty Level",
    "Attack Type", "Total Injured", "Total Death", "HC Facilities", "HC Transport",
    "HC Personnel", "HC Supplies Assets", "HC Warehouse Storage", "HC Patients", "HC Other",
    "Type of Facility", "Facility Other", "HW Abduction", "HW Arrest", "HW Detention",
    "Patient Abduction", "Patient Arrest", "Patient Detention",
]  # fmt: skip


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def who_row(attack_id: str, day, country: str = "Syrian Arab Republic", **cells) -> dict:
    row = dict.fromkeys(WHO_HEADER, "")
    row.update(
        {
            "Attack ID": attack_id,
            "Attack Date": day,
            "Attack Time": "Time Unknown",
            "Country / Territory": country,
            "Certainty Level": "Confirmed",
            "Attack Type": "Weapons use",
            "Total Injured": "0",
            "Total Death": "0",
            "HC Facilities": "YES",
            "HC Patients": "NO",
            "Type of Facility": "Hospital",
        }
    )
    row.update(cells)
    return row


def who_xlsx(path: Path, rows: list[dict], *, extra: bool = True) -> Path:
    """An XLSX in the layout of WHO's export, as a spreadsheet holds it: sheet 'Dashboard
    Report', columns in another order, a column WHO may add, a blank row, real dates,
    headers with stray spaces."""
    header = list(reversed(WHO_HEADER)) + (["Region (added later)"] if extra else [])
    book = Workbook()
    sheet = book.active
    sheet.title = "Dashboard Report"
    sheet.append([f" {h} " if h == "Total Death" else h for h in header])
    for i, row in enumerate(rows):
        if i == 1:
            sheet.append([None] * len(header))  # a blank row between attacks
        sheet.append([row.get(h, "EMRO") for h in header])
    book.create_sheet("About")["A1"] = "notes on the export"
    book.save(path)
    return path


def count(url: str, table: str = "hospital_strain") -> int:
    with Store.open(url) as store:
        return len(store.read(table, statuses=None) if table != "sources" else store.read(table))


def test_the_who_export_is_recognised_and_its_rows_are_the_default_datas(
    tmp_path: Path, capsys
) -> None:
    """The real CSV, imported with no table named, gives the very claims the default data
    holds (ids who-ssa-<Attack ID>, a count of one attack on its day, certainty, deaths,
    injuries, what was hit), and its source."""
    url = f"sqlite:///{tmp_path / 'who.sqlite'}"
    code, out, err = run(capsys, "--database", url, "import", str(WHO_CSV), "--no-default-data")
    assert code == 0, out + err
    assert "layout who-ssa-dashboard v1" in out and "into 'hospital_strain'" in out
    assert "columns not placed" not in out  # every column placed or left aside on purpose
    assert "imported into 'hospital_strain'" in out and ": 186 new, 0 changed" in out
    with Store.open(url) as store:
        mine = store.read("hospital_strain", statuses=None).set_index("claim_id")
        sources = store.read("sources")
    shipped = pd.read_csv(ROOT / "data" / "default" / "hospital_strain.csv", dtype=str)
    shipped = shipped[shipped["claim_id"].str.startswith("who-ssa-")].set_index("claim_id")
    assert set(mine.index) == set(shipped.index)
    for column in ("country", "attack_certainty", "attack_type", "facility_type", "notes",
                   "count_kind", "record_type", "unit", "source_id"):  # fmt: skip
        left = mine[column].astype(object).where(mine[column].notna(), "").astype(str)
        right = shipped.loc[mine.index, column].fillna("").astype(str)
        assert (left == right).all(), column
    assert (mine["date_end"].dt.strftime("%Y-%m-%d") == shipped.loc[mine.index, "date_end"]).all()
    assert (
        mine["attack_killed"].astype(int) == shipped.loc[mine.index, "attack_killed"].astype(int)
    ).all()
    [source] = sources.to_dict("records")
    assert source["publisher"].startswith("WHO")
    assert source["licence"].startswith("WHO SSA terms of use")
    assert source["attribution"].startswith("Source: World Health Organization")
    assert "licence" not in source["notes"] and "attribution" not in source["notes"]
    assert (mine["review_status"] == "pending").all()  # an import never sets a review


def test_a_who_workbook_as_a_spreadsheet_holds_it_imports(tmp_path: Path, capsys) -> None:
    rows = [
        who_row(
            "SYR1", datetime(2024, 12, 2, 9, 30), **{"Total Death": "2 ", "HC Patients": "YES"}
        ),
        who_row("SYR2", datetime(2024, 12, 3), **{"Total Injured": "1,204"}),
        who_row("LBN1", "2024-12-03 10:00:00", country="Lebanon"),
    ]
    path = who_xlsx(tmp_path / "ssa.xlsx", rows)
    layout = recognise(read_table(path))
    assert layout.mapping is not None and layout.mapping.name == "who-ssa-dashboard"
    assert layout.unplaced == ["Region (added later)"]  # listed, not silently dropped
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, out, err = run(
        capsys, "--database", url, "import", str(path), "--no-default-data", "--country", "SYR"
    )
    assert code == 0, out + err
    assert "columns not placed: 'Region (added later)'" in out
    assert ": 2 new, 0 changed" in out and "1 rows of other countries skipped" in out
    with Store.open(url) as store:
        claims = store.read("hospital_strain", statuses=None).set_index("claim_id")
    assert claims.loc["who-ssa-SYR1", "attack_killed"] == 2
    assert claims.loc["who-ssa-SYR1", "notes"] == "hit: facilities, patients"
    assert claims.loc["who-ssa-SYR2", "attack_injured"] == 1204
    assert str(claims.loc["who-ssa-SYR1", "date_end"])[:10] == "2024-12-02"


def test_a_row_that_cannot_be_read_is_named_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    rows = [who_row("SYR1", "2024-12-02"), who_row("SYR2", "2024-12-03", **{"Total Death": "two"})]
    path = who_xlsx(tmp_path / "bad.xlsx", rows)
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, _, err = run(capsys, "--database", url, "import", str(path), "--no-default-data")
    assert code == 1
    # the second attack is on row 4 (header, first attack, a blank row)
    assert "bad.xlsx: row 4, column 'Total Death': 'two' is not a whole number" in err
    assert "nothing was written" in err
    assert count(url) == 0 and count(url, "sources") == 0


def test_a_file_of_no_known_layout_is_told_which_columns_could_not_be_placed(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("Incident,When,Dead\nx,2024-12-01,3\n")
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, out, err = run(capsys, "--database", url, "import", str(path))
    assert code == 1
    assert "no known layout; columns not placed: 'Incident', 'When', 'Dead'" in out
    assert "who-ssa-dashboard" in err and "--mapping" in err


def test_a_mapping_can_be_forced_and_written_by_a_user(tmp_path: Path, capsys) -> None:
    """A mapping file of one's own, reading a file by its HXL tags (the file's tags may carry
    more attributes than the mapping asks for)."""
    mapping = tmp_path / "my-killed.yaml"
    mapping.write_text(
        "name: my-killed\nversion: 2\ntitle: Deaths by governorate and day\n"
        "table: casualties\nrecognise: ['#affected+killed', '#adm1+code']\n"
        "source: {source_id: my-dataset, publisher: My NGO, licence: CC BY 4.0}\n"
        "columns:\n"
        "  claim_id: {template: 'my-{Row}', required: true}\n"
        "  admin1_pcode: {hxl: '#adm1+code'}\n"
        "  date_start: {hxl: '#date+start', kind: date}\n"
        "  date_end: {hxl: '#date+start', kind: date}\n"
        "  value_best: {hxl: '#affected+killed', kind: number, required: true}\n"
        "fixed: {outcome: killed, qualifier: exact, unit: people, count_kind: new,\n"
        "        country: SYR, place_precision: admin1, method: import, population_group: all}\n"
    )
    data = tmp_path / "deaths.csv"
    data.write_text(
        "Row,Governorate,Day,Deaths\n,#adm1+code,#date+start,#affected+killed+num\n"
        "1,SY02,2024-12-01,12\n2,SY07,02/12/2024,4\n"
    )
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, out, err = run(
        capsys, "--database", url, "import", str(data), "--mapping", str(mapping),
        "--no-default-data",
    )  # fmt: skip
    assert code == 0, out + err
    assert "layout my-killed v2" in out and "columns not placed: 'Governorate'" not in out
    with Store.open(url) as store:
        claims = store.read("casualties", statuses=None).set_index("claim_id")
    assert claims.loc["my-1", "value_best"] == 12 and claims.loc["my-2", "admin1_pcode"] == "SY07"
    assert str(claims.loc["my-2", "date_end"])[:10] == "2024-12-02"  # a day written day first


def test_a_mapping_with_a_wrong_key_is_refused_with_its_name(tmp_path: Path, capsys) -> None:
    mapping = tmp_path / "wrong.yaml"
    mapping.write_text(
        "name: w\nversion: 1\ntitle: t\ntable: casualties\nrecognise: [a]\n"
        "source: {source_id: s, publisher: p}\ncolumns: {deaths: {column: a}}\n"
    )
    code, _, err = run(capsys, "import", str(WHO_CSV), "--mapping", str(mapping))
    assert code != 0
    assert "wrong.yaml: columns: 'deaths' is not a column of casualties" in err


@pytest.mark.parametrize("table", ["sources", "casualties"])
def test_the_projects_own_tables_are_recognised_without_naming_them(
    tmp_path: Path, capsys, table: str
) -> None:
    path = ROOT / "data" / "default" / f"{table}.csv"
    assert recognise(read_table(path)).own_table == table


def test_the_projects_columns_without_the_one_that_names_the_table_ask_for_it(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("claim_id,source_id,value_best\nx,y,3\n")
    code, out, err = run(capsys, "--database", f"sqlite:///{tmp_path / 'x.sqlite'}", "import",
                         str(path))  # fmt: skip
    assert code == 1
    assert "the project's own columns, but not which table" in out and "--table" in err


UCDP_HEADER = (
    "id,relid,year,type_of_violence,conflict_name,side_a,side_b,source_article,"
    "source_headline,where_prec,adm_1,adm_2,latitude,longitude,country,iso3,region,"
    "date_prec,date_start,date_end,deaths_civilians,best,high,low"
)
UCDP_TAGS = (
    ",,,,,,,,,,#adm1+name,#adm2+name,#geo+lat,#geo+lon,#country+name,#country+code,,,"
    "#date+start,#date+end,,#affected+killed,,"
)


def test_ucdp_events_on_hdx_become_killed_claims_in_their_places(tmp_path: Path, capsys) -> None:
    """UCDP's events as HDX publishes them (an HXL row): low, best and high kept, a place
    named by admin names resolved to p-codes, a place that resolves to nothing kept as the
    country's with the reason, another country's rows skipped on request."""
    lines = [
        UCDP_HEADER,
        UCDP_TAGS,
        '501,SYR-1,2024,1,Syria: Government,Government of Syria,HTS,"AFP, 2024",'
        "Strike on market,2,Halab governorate,Jebel Saman district,36.2,37.1,Syria,SYR,"
        "Middle East,1,2024-11-30,2024-11-30,3,3,3,3",
        "502,SYR-2,2024,1,Syria: Government,Government of Syria,HTS,x,Clashes,3,"
        "Idlib governorate,,35.9,36.6,Syria,SYR,Middle East,1,2024-11-28,2024-12-01,0,7,12,5",
        "503,SYR-3,2024,1,Syria: Government,Government of Syria,HTS,x,Shelling,4,"
        "Nowhere governorate,,35.0,38.0,Syria,SYR,Middle East,1,2024-11-29,2024-11-29,1,2,2,2",
        "601,IRQ-1,2024,3,Iraq: IS,IS,Civilians,x,Attack,2,Ninewa governorate,,36.3,43.1,Iraq,"
        "IRQ,Middle East,1,2024-11-29,2024-11-29,4,4,4,4",
    ]
    path = tmp_path / "ged.csv"
    path.write_text("\n".join(lines) + "\n")
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, out, err = run(
        capsys, "--database", url, "import", str(path), "--no-default-data", "--country", "SYR"
    )
    assert code == 0, out + err
    assert "layout ucdp-ged-hdx v1" in out and "columns not placed" not in out
    assert (
        "imported into 'casualties'" in out
        and ": 3 new" in out
        and "1 rows of other countries" in out
    )
    with Store.open(url) as store:
        claims = store.read("casualties", statuses=None).set_index("claim_id")
        [source] = store.read("sources").to_dict("records")
    one = claims.loc["ucdp-ged-501"]
    assert (one["admin1_pcode"], one["admin2_pcode"], one["qualifier"]) == (
        "SY02",
        "SY0200",
        "exact",
    )
    assert one["value_best"] == 3 and one["date_precision"] == "day"
    two = claims.loc["ucdp-ged-502"]
    assert (two["qualifier"], two["value_low"], two["value_best"], two["value_high"]) == (
        "range",
        5,
        7,
        12,
    )
    assert two["admin1_pcode"] == "SY07" and two["date_precision"] == "days"
    three = claims.loc["ucdp-ged-503"]
    assert three["place_precision"] == "country" and pd.isna(three["admin1_pcode"])
    assert "place unresolved" in three["notes"]
    assert (claims["record_type"] == "event").all() and (claims["count_kind"] == "new").all()
    assert source["licence"] == "CC BY 4.0" and source["attribution"].startswith("Source: UCDP")


def test_the_mapping_in_the_guide_is_one_the_importer_takes(tmp_path: Path) -> None:
    """docs/mappings.md shows how to write a mapping: its example loads as it is written."""
    from indicators.mapping import builtin, load

    guide = (ROOT / "docs" / "mappings.md").read_text()
    example = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "partner-deaths.yaml"
    path.write_text(example)
    mapping = load(path)
    assert mapping.table == "casualties" and mapping.columns["value_best"].kind == "number"
    assert len(mapping.place_names) == 2 and mapping.fixed["record_type"] == "event"
    assert {m.name for m in builtin()} == {
        "who-ssa-dashboard",
        "ucdp-ged-hdx",
        "insecurity-insight-health",
        "hdx-conflict-events",
    }


def test_the_weekly_who_download_loads_again_adding_new_attacks_and_updating_changed_ones(
    tmp_path: Path, capsys
) -> None:
    """Issue 17, item 4: the default store holds the WHO attacks; the same export imports as
    'unchanged', a newer one adds only its new attacks and counts those it no longer has;
    an attack whose figures the newer file changes is updated in place (same id), the
    change in the audit log with before and after, back to pending review (nobody has
    reviewed the new figures), and every reader sees the new figure."""
    url = f"sqlite:///{tmp_path / 'team.sqlite'}"
    code, out, err = run(capsys, "--database", url, "import", str(WHO_CSV))
    assert code == 0, out + err
    assert "nothing new to import: 0 new, 0 changed" in out and "186 unchanged" in out
    before = count(url)
    lines = WHO_CSV.read_text().splitlines()
    new = [",".join(who_row(f"SYR9{i}", f"2025-01-0{i} 10:00:00")[h] for h in WHO_HEADER)
           for i in (1, 2)]  # fmt: skip
    newer = tmp_path / "ssa-newer.csv"
    newer.write_text("\n".join([lines[0], *new, *lines[2:]]) + "\n")  # one attack gone
    code, out, err = run(capsys, "--database", url, "import", str(newer))
    assert code == 0, out + err
    assert "2 new, 0 changed" in out and "185 unchanged, 1 stored claims" in out
    assert count(url) == before + 2
    with Store.open(url) as store:
        model = ReadModel.read(store)
        was = store.read("hospital_strain", claim_ids=["who-ssa-SYR012213"], statuses=None)
    assert was["review_status"].iloc[0] == "accepted" and was["attack_killed"].iloc[0] == 0
    changed = tmp_path / "ssa-changed.csv"
    with WHO_CSV.open(newline="") as handle:
        table = list(csv.reader(handle))
    table[1][7] = "5"  # Total Death of the newest attack
    with changed.open("w", newline="") as handle:
        csv.writer(handle).writerows(table)
    code, out, err = run(capsys, "--database", url, "import", str(changed))
    assert code == 0, out + err
    assert "0 new, 1 changed" in out and "185 unchanged" in out
    assert count(url) == before + 2  # updated, not added
    with Store.open(url) as store:
        now = store.read("hospital_strain", claim_ids=["who-ssa-SYR012213"], statuses=None)
        audit = store.audit()
        applied = advance(model, store)
        fresh = ReadModel.read(store)
    assert now["attack_killed"].iloc[0] == 5 and now["review_status"].iloc[0] == "pending"
    entry = audit[audit["action"] == "import_update"].iloc[-1]
    details = (
        entry["details"] if isinstance(entry["details"], dict) else json.loads(entry["details"])
    )
    assert details["claim_id"] == "who-ssa-SYR012213" and details["review_was"] == "accepted"
    assert details["before"] == {"attack_killed": 0} and details["after"] == {"attack_killed": 5}
    assert applied.made_by == "changes"  # applied, not read again
    strain = applied.tables["hospital_strain"].set_index("claim_id")
    assert "who-ssa-SYR012213" not in strain.index  # pending now: off the charts until reviewed
    assert len(strain) == len(fresh.tables["hospital_strain"])
    code, out, err = run(capsys, "--database", url, "import", str(changed), "--accept")
    assert code == 0 and "nothing new to import" in out  # the same figures again: unchanged
