"""Countries and places as data: a folder per country, look-up across countries, and a new
country added from the global p-codes list without touching the code."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indicators.countries import countries
from indicators.extraction.extractor import extract
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


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # the taxonomy writes some names for a name on its own ("^(?!.*\\bs(?!u)).*sudan"):
        # applied to a whole report, Sudan was found only on its first line, and never
        # once any word ("since", "situation") met the condition meant for "South Sudan"
        ("The situation in Sudan has worsened since April.", ["SDN"]),
        ("Flash update\nFighting in El Fasher, Sudan, displaced 20,000 people.", ["SDN"]),
        ("Sudanese refugees keep arriving in Chad.", ["SDN", "TCD"]),
        ("Clashes in South Sudan since Monday.", ["SSD"]),
        ("At least 30 people died in floods in Pakistan.", ["PAK"]),  # not "East Pakistan"
        ("Refugees from East Pakistan crossed the border in 1971.", ["BGD"]),
        ("Heavy rain in India; the Indian Ocean storm season.", ["IND"]),
        ("Aid reached Georgia and China overnight.", ["GEO", "CHN"]),
    ],
)
def test_countries_named_in_running_text(text: str, named: list[str]) -> None:
    """Issue 16 (places in other countries recognised by name): a report names its
    countries anywhere in its text, after any words."""
    assert countries().mentioned(text) == named


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


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Lebanese", "LBN"),
        ("Syrians", "SYR"),
        ("Sudanese", "SDN"),
        ("Ukrainians", "UKR"),
        ("Iraqis", "IRQ"),
        ("Togolese", "TGO"),
        ("Palestinians", "PSE"),
        ("Nepalese", "NPL"),
        ("Afghans", "AFG"),
        ("Refugees", None),
        ("Residents", None),
        ("Christians", None),
    ],
)
def test_people_named_by_their_country(word: str, iso3: str | None) -> None:
    """A nationality names its country through the taxonomy's own patterns, the word as
    written or its stem with the country's ending ("Lebanese": Lebanon)."""
    assert countries().of_people(word) == iso3


def test_people_who_returned_home_returned_to_their_own_country() -> None:
    """In a report about Syria, "Lebanese returned home from Syria" is about Lebanon."""
    [claim] = extract(
        "Some 30,000 Lebanese have returned home from Syria.", date(2024, 12, 7),
        countries=("SYR", "LBN"),
    )  # fmt: skip
    assert (claim.indicator, claim.country, claim.location_text) == ("returned", "LBN", "Lebanon")


def test_a_country_written_short_in_capitals_is_no_common_word() -> None:
    """'CAR' is the Central African Republic; 'a car' is a car (as 'us' is no country)."""
    g = gazetteer()
    assert g.find("Two people were killed when a car exploded in the market.") == []
    assert [p.country for p in g.find("Fighting in CAR displaced 3,000 people.")] == ["CAF"]
    assert [p.country for p in g.find("Clashes in the Central African Republic.")] == ["CAF"]


def test_a_name_shared_by_two_countries_goes_to_the_report_s_country(tmp_path: Path) -> None:
    g = gazetteer()
    # "Tripoli" is a Lebanese district; in a report about Lebanon it is that district
    assert g.resolve("Tripoli", within=("LBN",)).admin2_pcode == "LB56"


def test_adding_a_country_is_data_only(tmp_path: Path) -> None:
    """Sudan, from the global p-codes list by the command line, into a copy of the data:
    its places resolve with no change to the code."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data" / "reference", data / "reference")
    shutil.rmtree(data / "reference/places/SDN")  # shipped: taken out to be added again
    assert Gazetteer.load(data / "reference").resolve("Khartoum").country != "SDN"
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


# -- one country's figures never in another's ----------------------------------------------

LEBANON_REPORT = (
    "---\npublisher: Test agency\npublished: 2024-12-06\ncountry: LBN\n---\n"
    "On 5 December, 40 people were killed across Lebanon.\n"
    "On 5 December, 12 people were killed in Beirut.\n"
)


def _with_lebanon(store, tmp_path: Path) -> None:
    from indicators.report_ingest import ingest
    from indicators.reports import read_report
    from indicators.review import set_status

    path = tmp_path / "lebanon.txt"
    path.write_text(LEBANON_REPORT, encoding="utf-8")
    done = ingest(store, read_report(path), actor="tester")
    ids = store.read("casualties", statuses=("pending",))
    ids = ids[ids["source_id"] == done.source_id]["claim_id"].tolist()
    set_status(store, ids, "accepted", actor="tester")


def test_a_claim_about_lebanon_never_enters_syria_s_series(default_store, tmp_path) -> None:
    from datetime import date

    from indicators import trends
    from indicators.read_model import ReadModel
    from indicators.series import WIDE

    before = ReadModel.read(default_store)
    syria_before = trends.headline(before, "killed", date(2024, 12, 6), "SYR")
    _with_lebanon(default_store, tmp_path)
    model = ReadModel.read(default_store)
    lebanon = trends.series(model, "killed", WIDE, country="LBN").points
    assert lebanon["value"].tolist() == [40.0]  # the whole of Lebanon, one line of its own
    syria = trends.series(model, "killed", WIDE, country="SYR").points
    assert 40.0 not in set(syria[syria["day"] == "2024-12-05"]["value"])
    assert trends.headline(model, "killed", date(2024, 12, 6), "SYR") == syria_before
    assert trends.headline(model, "killed", date(2024, 12, 6), "LBN")["value"] == 40.0
    beirut = trends.trend(model, "killed", trends.Filters(admin1=("LB1",), country="LBN"))
    assert beirut["value"].tolist() == [12.0]
    # the default rules watch Syria; a rule on Lebanon reads Lebanon's series alone
    from indicators.alerts.rules import AlertRule

    assert {r.country for r in model.rules} == {"SYR"}
    lebanon_rule = AlertRule("lbn", "Lebanon toll", "killed", group_by="all", warning=30,
                             country="LBN")  # fmt: skip
    syria_rule = AlertRule("syr", "Syria toll", "killed", group_by="all", warning=30)
    day = date(2024, 12, 6)
    (state,) = model.evaluator.evaluate(lebanon_rule, day)
    assert (state.state, state.value, state.unit_name) == (
        "warning",
        40.0,
        "Lebanon, whole country",
    )
    assert all(s.value != 40.0 for s in model.evaluator.evaluate(syria_rule, day))


def test_a_rule_scoped_to_another_country_s_governorate_is_refused() -> None:
    from indicators.alerts.rules import AlertRule, problems

    rule = AlertRule("x", "x", "killed", warning=1, scope_admin1=("SY02",), country="LBN")
    assert any("not in Lebanon" in p for p in problems(rule))


def test_the_picker_and_downloads_keep_countries_apart(default_store, tmp_path) -> None:
    import io

    import pandas as pd

    from dashboard import data_view, state
    from dashboard.app import create_app
    from dashboard.query import parse

    _with_lebanon(default_store, tmp_path)
    view = parse("?country=LBN&admin1=LB1,SY02")
    assert view.filters.country == "LBN" and view.filters.admin1 == ("LB1",)
    assert any("SY02" in p for p in view.problems)  # Aleppo is not in Lebanon
    assert parse("?country=XXX").filters.country is None
    client = create_app(default_store, upkeep=False).server.test_client()
    body = client.get("/api/v1/tables/casualties.csv?country=LBN").get_data(as_text=True)
    frame = pd.read_csv(io.StringIO(body), comment="#")
    assert set(frame["country"]) == {"LBN"} and len(frame) == 2
    whole = client.get("/api/v1/tables/casualties.csv").get_data(as_text=True)
    assert {"SYR", "LBN"} <= set(pd.read_csv(io.StringIO(whole), comment="#")["country"])
    bad = client.get("/api/v1/tables/casualties.csv?country=Narnia")
    assert bad.status_code == 400 and "Narnia" in bad.get_data(as_text=True)
    state.use(default_store)
    rows, _, count, links = data_view.browse("casualties", [], None, None, "LBN")
    assert {r["country"] for r in rows} == {"LBN"} and count.startswith("2 rows")
    assert "country=LBN" in str(links)


def test_the_map_draws_a_country_s_own_boundaries_or_says_it_has_none() -> None:
    from dashboard import figures_map as figures

    syria = figures.governorate_map(pd.DataFrame(columns=["unit", "state", "text"]), "SYR")
    shapes, names = syria["data"][0], syria["data"][-1]
    assert shapes["x"].count(None) >= 14 and len(names["text"]) == 14  # every governorate
    lebanon = figures.governorate_map(pd.DataFrame(columns=["unit", "state", "text"]), "LBN")
    assert "No boundary file for Lebanon" in str(lebanon["layout"])


def test_an_export_made_before_countries_imports_and_gets_its_country(
    empty_store, tmp_path: Path
) -> None:
    """A table exported before claims carried a country (no country columns) still
    imports: each row takes its country from its p-codes, else the default, and says so."""
    from indicators.table_import import import_table
    from indicators.tabular import read_table
    from tests.tables import SOURCE, casualty, write_rows

    import_table(empty_store, read_table(write_rows(tmp_path / "s.csv", [SOURCE])), "sources",
                 actor="tester")  # fmt: skip
    old = [casualty(claim_id="old-1"), casualty(claim_id="old-2", admin1_pcode="")]
    for row in old:
        assert "country" not in row
    import_table(empty_store, read_table(write_rows(tmp_path / "c.csv", old)), "casualties",
                 actor="tester")  # fmt: skip
    rows = empty_store.read("casualties", statuses=None).set_index("claim_id")
    assert rows.loc["old-1", ["country", "country_basis"]].tolist() == ["SYR", "place"]
    assert rows.loc["old-2", ["country", "country_basis"]].tolist() == ["SYR", "default"]


def test_review_names_each_pending_claim_s_country_and_why(default_store) -> None:
    from dashboard import review_view, state
    from tests.tables import EDITOR
    from tests.test_dashboard import text_of

    state.use(default_store)
    meta = {"publisher": "Test agency", "published": "2024-12-06", "country": "Lebanon"}
    text = "On 5 December, 40 people were killed across the country."
    assert "waiting for review" in text_of(review_view.add_report(text, "l.txt", EDITOR, meta))
    options, _, _ = review_view.pending_choices(None)
    (mine,) = [o for o in options if "across the country" in o["label"]]
    assert "(LBN)" in mine["label"]
    shown = text_of(review_view.detail(mine["value"])[0])
    assert "Lebanon" in shown and "from its place" in shown  # "the country": the report's
    bad = review_view.add_report("On 5 December, 4 were killed.", "b.txt", EDITOR,
                                 {**meta, "country": "Narnia"})  # fmt: skip
    assert "Narnia" in text_of(bad) and "Nothing was stored" in text_of(bad)


def test_the_alerts_page_keeps_to_the_picked_country(default_store) -> None:
    from datetime import date

    from dashboard import alerts_view, rule_editor, state
    from tests.test_dashboard import text_of

    state.use(default_store)
    day = date(2024, 12, 5)
    syria = text_of(alerts_view.open_alerts_view(day, "SYR"))
    assert "Death toll across the country" in syria and "Syria, whole country" in syria
    lebanon = text_of(alerts_view.open_alerts_view(day, "LBN"))
    assert "Death toll across the country" not in lebanon and "No alerts" in lebanon
    assert "Syria" in text_of(rule_editor.rules_view())
