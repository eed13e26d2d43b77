"""The reference, the alias table and the resolver from place text to p-codes."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.paths import reference_dir
from indicators.places import gazetteer


def test_reference_holds_the_governorates_and_districts() -> None:
    g = gazetteer()
    assert len(g.admin1_of("SYR")) == 14
    assert sum(g.country_of[c] == "SYR" for c in g.admin2_codes) == 62
    assert g.admin2_parent["SY0200"] == "SY02"


def test_every_alias_points_at_real_codes_with_the_district_inside_its_governorate() -> None:
    g = gazetteer()
    path = reference_dir() / "places" / "SYR" / "aliases.csv"
    aliases = pd.read_csv(path, dtype=str, keep_default_na=False)
    for row in aliases.itertuples():
        if row.admin1_pcode:
            assert row.admin1_pcode in g.admin1_codes, row.alias
        if row.admin2_pcode:
            assert g.admin2_parent[row.admin2_pcode] == row.admin1_pcode, row.alias
        if row.kind in ("region", "country"):
            assert not row.admin1_pcode, row.alias


@pytest.mark.parametrize(
    ("text", "precision", "admin1", "admin2"),
    [
        ("Aleppo", "admin1", "SY02", None),
        ("Idlib", "admin1", "SY07", None),
        ("Idleb governorate", "admin1", "SY07", None),
        ("Deir ez-Zor", "admin1", "SY09", None),
        ("Daraa", "admin1", "SY12", None),
        ("حلب", "admin1", "SY02", None),
        ("Hama", "admin1", "SY05", None),  # governorate and district share the name
        ("Hama city", "town", "SY05", "SY0501"),
        ("Saraqeb", "town", "SY07", "SY0700"),
        ("Maarat al-Numan", "town", "SY07", "SY0702"),
        ("Tal Rifaat", "town", "SY02", "SY0204"),
        ("منبج", "admin2", "SY02", "SY0205"),  # the district bears the town's name
        ("Jebel Saman", "admin2", "SY02", "SY0200"),
        ("student dormitories, Aleppo", "admin1", "SY02", None),
    ],
)
def test_resolves_names_spellings_and_towns(text, precision, admin1, admin2) -> None:
    match = gazetteer().resolve(text)
    assert (match.precision, match.admin1_pcode, match.admin2_pcode) == (precision, admin1, admin2)


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Shelling killed 4 civilians in Hasakeh.", "SY08"),
        ("Airstrikes on Jisr al-Shughour killed 7 people.", "SY07"),
        ("Some 3,000 people fled Maaret al-Numan.", "SY07"),
        ("2,000 people arrived in Tal Abiad.", "SY11"),
        ("12 people were killed in Dayr az Zawr.", "SY09"),
        ("Clashes near Khan Sheikhoun on Friday.", "SY07"),
        ("Salamiyeh", "SY05"),  # a name alone, as a route's end is looked up
    ],
)
def test_a_name_spelled_another_way_is_found_by_its_consonants(text, admin1) -> None:
    """Transliterations differ in vowels, doubled letters, the article and kh/k, gh/g, sh/s:
    the same consonants, after a word that introduces a place, in one governorate."""
    [place] = gazetteer().find(text, within=("SYR",))
    assert place.admin1_pcode == admin1
    assert place.name.replace(" ", "").lower() in text.replace("-", "").replace(" ", "").lower()


@pytest.mark.parametrize(
    "text",
    [
        "Donors met in Geneva on Monday.",
        "The report was published in English and Arabic.",
        "Fighting In Recent Days",
        "Supplies reached Hospitals in the area.",
    ],
)
def test_a_word_that_is_no_place_is_not_read_as_one_by_its_consonants(text) -> None:
    assert gazetteer().find(text, within=("SYR",)) == []


@pytest.mark.parametrize(
    "text", ["north-west Syria", "northwest Syria", "NWS", "IDP camps in north-west Syria"]
)
def test_regional_phrases_stay_regions_and_are_not_forced_onto_a_governorate(text) -> None:
    match = gazetteer().resolve(text)
    assert match.precision == "region"
    assert match.admin1_pcode is None


def test_several_governorates_are_kept_as_several() -> None:
    match = gazetteer().resolve("opposition-held areas in Idleb and Aleppo")
    assert match.precision == "multiple_admin1"
    assert match.admin1_pcodes_spanned == ("SY07", "SY02")
    assert match.admin1_pcode is None


def test_an_unknown_place_is_unmatched_and_says_why() -> None:
    match = gazetteer().resolve("Atlantis")
    assert not match.matched
    assert match.admin1_pcode is None
    assert "Atlantis" in match.reason


def test_empty_place_text_is_unmatched() -> None:
    assert gazetteer().resolve("  ").precision == "unknown"


def test_a_name_shared_by_two_countries_resolves_in_the_one_the_text_is_about() -> None:
    """With every country of the global list shipped, names repeat: Ath-Thawrah is a Syrian
    district and a Yemeni one. It is Syria's when nothing says otherwise (the default
    country), Yemen's in a text about Yemen."""
    assert gazetteer().resolve("Ath Thawrah").country == "SYR"
    yemen = gazetteer().resolve("Ath Thawrah", ("YEM",))
    assert (yemen.country, yemen.admin1_pcode) == ("YEM", "YE13")
