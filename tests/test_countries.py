"""Countries and places as data: a folder per country, look-up across countries, and a new
country added from the global p-codes list without touching the code."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

from indicators.countries import countries
from indicators.paths import PROJECT_ROOT, reference_dir
from indicators.place_folders import FolderError, build_folder, folders
from indicators.places import Gazetteer, gazetteer

GLOBAL = PROJECT_ROOT.parent / "shared" / "reference" / "global-pcodes-adm1-adm2.csv"


def test_the_countries_table_is_what_ochas_taxonomy_gives() -> None:
    sys.path.insert(0, str(PROJECT_ROOT / "scripts"))
    from build_countries import render

    with warnings.catch_warnings():
        # hdx-python-country leaves its bundled taxonomy file open: collected here
        warnings.simplefilter("ignore", ResourceWarning)
        made = render()
        gc.collect()
    shipped = (reference_dir() / "countries.csv").read_text(encoding="utf-8")
    assert shipped == made


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Syrian Arab Republic", "SYR"), ("Syria", "SYR"), ("oPt", "PSE"), ("DRC", "COD"),
     ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Lebanon", "LBN"), ("SY", "SYR"), ("IRQ", "IRQ")],
)  # fmt: skip
def test_country_names_in_their_common_forms(text: str, iso3: str) -> None:
    assert countries().iso3(text) == iso3


def test_shipped_folders_are_whole_and_their_checksums_match() -> None:
    found = {f.iso3: f for f in folders(reference_dir() / "places")}
    assert set(found) >= {"SYR", "LBN", "IRQ", "TUR"}
    for folder in found.values():
        assert folder.problems() == [], folder.iso3
    assert found["SYR"].curated and found["SYR"].manifest["default"]
    assert not found["LBN"].curated  # facts from the global list only


def test_an_edited_file_no_longer_matches_its_manifest(tmp_path: Path) -> None:
    copy = tmp_path / "LBN"
    shutil.copytree(reference_dir() / "places" / "LBN", copy)
    with (copy / "admin1.csv").open("a", encoding="utf-8") as handle:
        handle.write("LB9,Invented,,LBN\n")
    (problem,) = folders(tmp_path)[0].problems()
    assert "admin1.csv" in problem and "checksum" in problem


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Beirut", "LBN", "LB1"),
        ("Gaziantep", "TUR", "TUR027"),
        ("Baghdad", "IRQ", "IQG08"),
        ("arrivals in Iraq", "IRQ", None),
        ("Aleppo", "SYR", "SY02"),
        ("north-west Syria", "SYR", None),
    ],
)
def test_places_resolve_in_their_own_country(text: str, country: str, admin1) -> None:
    match = gazetteer().resolve(text)
    assert (match.country, match.admin1_pcode) == (country, admin1)


def test_a_country_without_a_folder_is_kept_as_that_country_with_a_reason() -> None:
    match = gazetteer().resolve("arrivals in Jordan")
    assert (match.precision, match.country, match.admin1_pcode) == ("country", "JOR", None)
    assert "no place folder" in match.reason


def test_places_of_two_countries_are_not_forced_onto_one() -> None:
    match = gazetteer().resolve("Aleppo and Beirut", within=("SYR", "LBN"))
    assert not match.matched and match.admin1_pcode is None
    assert "several countries" in match.reason


def test_names_of_an_uncurated_country_are_read_only_when_the_text_is_about_it() -> None:
    g = gazetteer()
    # Trabzon has a district named "Of", Lebanon governorates named "North" and "South"
    hama = g.find("Hama")
    assert g.find("Of the 20 killed, most were in the north and south of Hama.") == hama
    assert [p.country for p in g.find("In Akkar, Lebanon, 300 arrivals.")] == ["LBN", "LBN"]
    assert g.find("In Akkar, 300 arrivals.") == []  # Lebanon not named: not guessed
    assert [p.name for p in g.find("In Akkar, 300 arrivals.", within=("LBN",))] == ["Akkar"]


def test_a_name_shared_by_two_countries_goes_to_the_report_s_country(tmp_path: Path) -> None:
    g = gazetteer()
    # "Tripoli" is a Lebanese district; in a report about Lebanon it is that district
    assert g.resolve("Tripoli", within=("LBN",)).admin2_pcode == "LB56"


def test_adding_a_country_is_data_only(tmp_path: Path) -> None:
    """Sudan, from the global p-codes list by the command line, into a copy of the data:
    its places resolve with no change to the code."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "reference", data / "reference")
    env = {"IMPACT_MONITOR_DATA": str(data), "PATH": "/usr/bin:/bin"}
    cli = Path(sys.executable).parent / "impact-monitor"
    done = subprocess.run(
        [str(cli), "places", "add-country", "SDN", "--pcodes", str(GLOBAL),
         "--neighbours", "TCD,SSD,EGY"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    manifest = json.loads((data / "reference/places/SDN/manifest.json").read_text("utf-8"))
    assert manifest["country"] == "SDN" and manifest["files"]["admin1.csv"]["rows"] > 10
    g = Gazetteer.load(data / "reference")
    assert g.resolve("Khartoum").country == "SDN"
    assert g.resolve("Khartoum").admin1_pcode == "SD01"
    again = subprocess.run(
        [str(cli), "places", "add-country", "SDN", "--pcodes", str(GLOBAL)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 1 and "already there" in again.stderr


def test_a_country_missing_from_the_global_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FolderError, match="no admin 1 rows for 'IND'"):
        build_folder("IND", GLOBAL, tmp_path, name="India")
    assert not (tmp_path / "IND").exists()


# -- claims carry their country -----------------------------------------------------------


def test_claims_carry_their_country_from_place_else_source_else_default(
    empty_store, tmp_path: Path
) -> None:
    from indicators.report_ingest import ingest
    from indicators.reports import read_report

    report = tmp_path / "lebanon.txt"
    report.write_text(
        "---\npublisher: Test agency\npublished: 2024-12-06\ncountry: Lebanon\n---\n"
        "On 5 December, 1,200 people arrived in Iraq from Syria.\n"
        "On 5 December, 40 people were killed in Beirut.\n"
        "On 6 December, 30 people were injured.\n",
        encoding="utf-8",
    )
    ingest(empty_store, read_report(report), actor="tester")
    rows = {
        r.value_best: (
            r.country,
            r.country_basis,
            None if pd.isna(r.admin1_pcode) else r.admin1_pcode,
        )
        for t in ("casualties", "displacement")
        for r in empty_store.read(t, statuses=None).itertuples()
    }
    assert rows[1200.0] == ("IRQ", "place", None)  # arrivals in Iraq: Iraq's, no p-code
    assert rows[40.0] == ("LBN", "place", "LB1")
    assert rows[30.0][:2] in {("LBN", "place"), ("LBN", "source")}  # the report's country


def test_a_table_s_country_is_kept_checked_and_filled(empty_store, tmp_path: Path) -> None:
    from indicators.tabular import read_table
    from indicators.validation import validate
    from tests.tables import SOURCE, casualty, write_rows

    write_rows(tmp_path / "sources.csv", [SOURCE])
    rows = [
        casualty(claim_id="a"),  # Aleppo: Syria, from the p-code
        casualty(claim_id="b", admin1_pcode="", place_precision="unknown"),  # the default
        casualty(claim_id="c", admin1_pcode="LB1", country="LBN"),
    ]
    context = empty_store.context("casualties")
    context = type(context)(source_ids={"src-test"}, claim_ids=set())
    report = validate(read_table(write_rows(tmp_path / "c.csv", rows)), "casualties", context)
    assert report.ok, report.lines()
    got = report.frame.set_index("claim_id")[["country", "country_basis"]]
    assert got.loc["a"].tolist() == ["SYR", "place"]
    assert got.loc["b"].tolist() == ["SYR", "default"]
    assert got.loc["c"].tolist() == ["LBN", "stated"]
    bad = [casualty(claim_id="d", country="LBN"), casualty(claim_id="e", country="XXX")]
    report = validate(read_table(write_rows(tmp_path / "bad.csv", bad)), "casualties", context)
    lines = "\n".join(report.lines())
    assert "E0120" in lines and "SY02" in lines  # Aleppo is not in Lebanon
    assert "E0119" in lines and "XXX" in lines
