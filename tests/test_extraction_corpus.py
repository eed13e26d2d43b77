"""The extractor against a corpus of sentences written for this project (none copied).

Each case: a sentence, and the figures a careful reader takes from it. Known gaps are
``xfail(strict=True)``, so a fix is noticed.
"""

from __future__ import annotations

from datetime import date

import pytest

from indicators.extraction.extractor import extract

PUBLISHED = date(2024, 12, 7)  # a Saturday


def figures(sentence: str, published: date = PUBLISHED) -> list[tuple]:
    """(indicator, qualifier, low, best, high) for each claim, in order."""
    return [
        (c.indicator, c.qualifier, c.value_low, c.value_best, c.value_high)
        for c in extract(sentence, published)
    ]


def one(sentence: str, published: date = PUBLISHED):
    claims = extract(sentence, published)
    assert len(claims) == 1, [(c.indicator, c.value_text) for c in claims]
    return claims[0]


# -- numbers ----------------------------------------------------------------------------------

NUMBERS = [
    (
        "Officials said 1,234 people were killed in the province.",
        ("killed", "exact", 1234, 1234, 1234),
    ),
    (
        "Officials said 1 234 people were killed in the province.",
        ("killed", "exact", 1234, 1234, 1234),
    ),
    (
        "The agency reported 1.2 million people displaced within Syria.",
        ("displaced_new", "exact", 1.2e6, 1.2e6, 1.2e6),
    ),
    (
        "Some 48.5 thousand people fled their villages.",
        ("displaced_new", "about", None, 48500, None),
    ),
    ("Twenty people were wounded when the market was hit.", ("injured", "exact", 20, 20, 20)),
    ("A dozen civilians were killed near the bakery.", ("killed", "exact", 12, 12, 12)),
    (
        "Two hundred residents were evacuated from the old city.",
        ("evacuated", "exact", 200, 200, 200),
    ),
    (
        "Between 60,000 and 80,000 people have been displaced in the north-east.",
        ("displaced_new", "range", 60000, None, 80000),
    ),
    (
        "An estimated 60,000-80,000 people were displaced in the north-east.",
        ("displaced_new", "range", 60000, None, 80000),
    ),
    ("Dozens of civilians were killed in the shelling.", ("killed", "vague", 24, None, None)),
    ("Hundreds of families fled the fighting.", ("displaced_new", "vague", 1000, None, None)),
    ("Thousands of people were displaced overnight.", ("displaced_new", "vague", 2000, None, None)),
    (
        "Tens of thousands of people fled towards the border.",
        ("displaced_new", "vague", 20000, None, None),
    ),
    ("Five thousand people returned to their homes.", ("returned", "exact", 5000, 5000, 5000)),
]


@pytest.mark.parametrize(("sentence", "expected"), NUMBERS)
def test_numbers_are_read_with_their_bounds(sentence: str, expected: tuple) -> None:
    assert figures(sentence) == [expected]


# -- qualifiers -------------------------------------------------------------------------------

QUALIFIED = [
    ("At least 69 civilians were killed.", ("at_least", 69, 69, None)),
    ("No fewer than 12 people died in the raid.", ("at_least", 12, 12, None)),
    ("More than 200 people were injured.", ("more_than", 200, 200, None)),
    ("Over 370 civilians were killed in Hama.", ("more_than", 370, 370, None)),
    ("Nearly 486,000 people returned.", ("up_to", None, 486000, 486000)),
    ("Almost 10,000 refugees returned from Lebanon.", ("up_to", None, 10000, 10000)),
    ("About 200 people were killed on Thursday.", ("about", None, 200, None)),
    ("Around 3,000 people fled the town.", ("about", None, 3000, None)),
    ("Some 7,000 people were displaced.", ("about", None, 7000, None)),
    ("An estimated 1.1 million people have been displaced.", ("about", None, 1.1e6, None)),
    ("Up to 178,000 people have been displaced.", ("up_to", None, 178000, 178000)),
]


@pytest.mark.parametrize(("sentence", "expected"), QUALIFIED)
def test_hedges_set_the_qualifier_and_bounds(sentence: str, expected: tuple) -> None:
    claim = one(sentence)
    assert (claim.qualifier, claim.value_low, claim.value_best, claim.value_high) == expected


def test_a_hedge_on_something_else_does_not_hedge_the_number() -> None:
    claim = one("Of them, 39,000 people have been displaced at least twice.")
    assert (claim.qualifier, claim.value_low) == ("exact", 39000)
    claim = one("Some 100,000 people were displaced more than once.")
    assert claim.qualifier == "about"


# -- not figures ------------------------------------------------------------------------------

NOT_FIGURES = [
    "The city was retaken in 2016 after a long siege.",
    "Hezbollah has backed the government since 2015.",
    "The offensive began on 27 November 2024 at dawn.",
    "The convoy arrived at 10:30 on Tuesday.",
    "A 12-year-old boy was among those treated for burns.",
    "The clashes lasted three days.",
    "The camp lies 20 kilometres from the border.",
    "Only 40% of hospitals in the area are functioning.",
    "Donors pledged $5 million for the response.",
    "Traffic on the M-5 highway was halted.",
    "Warplanes carried out 420 airstrikes in the region.",
    "Insurgents seized 15 villages in the countryside.",
    "Eleven trucks of aid crossed the border.",
    "It was the first time the airport had fallen.",
    "The insurgents staged a two-pronged attack.",
    "More than 560,000 Syrians1 crossed the border.",
    "Page 2 of 5",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_numbers_that_are_not_figures_are_left_out(sentence: str) -> None:
    assert [c for c in extract(sentence, PUBLISHED) if c.value_best or c.value_low] == []


# -- indicator words --------------------------------------------------------------------------

INDICATOR_WORDS = [
    ("Officials said 30 people were killed.", "killed"),
    ("30 bodies were recovered and 30 people are dead.", "killed"),
    ("The death toll rose to 242.", "killed"),
    ("Some 15 people lost their lives in the blast.", "killed"),
    ("The ministry recorded 40 fatalities.", "killed"),
    ("Another 12 people died in hospital.", "killed"),
    ("The strike left 25 people wounded.", "injured"),
    ("At least 50 people were injured.", "injured"),
    ("Eight people are still missing.", "missing"),
    ("Some 2,000 people were forced to flee.", "displaced_new"),
    ("The fighting has uprooted 30,000 people.", "displaced_new"),
    ("The camps now host 12,000 IDPs.", "displaced_present"),
    ("About 400 patients were evacuated from the hospital.", "evacuated"),
    ("Some 40,000 returnees were recorded.", "returned"),
    ("Three hospitals were put out of service.", "facilities_out_of_service"),
    ("Two health centres were damaged in the strikes.", "facilities_damaged"),
    ("WHO verified 37 attacks on health care in the past month.", "attacks_on_health_care"),
    ("Four health workers were killed in the attack.", "health_workers_killed"),
]


@pytest.mark.parametrize(("sentence", "indicator"), INDICATOR_WORDS)
def test_indicator_words(sentence: str, indicator: str) -> None:
    assert {c.indicator for c in extract(sentence, PUBLISHED) if c.value_best or c.value_low} == {
        indicator
    }


def test_casualties_is_read_as_killed_and_flagged_for_the_reviewer() -> None:
    claim = one("The strikes caused 25 casualties.")
    assert claim.indicator == "killed"
    assert any("casualties" in n for n in claim.notes)


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("Hospitals in the city are overwhelmed by the wounded.", "overwhelmed"),
        ("Local clinics are struggling to cope with the influx.", "strained"),
        # a hospital that stopped working, in the words reports use (issue 16)
        ("Al-Awda Hospital stopped functioning on Tuesday after fuel ran out.", "not_functioning"),
        ("The hospital in Kadugli is no longer operational.", "not_functioning"),
        ("The only hospital in Mariupol's left bank has ceased operations.", "not_functioning"),
        ("The clinic in Rakhine's Maungdaw township is non-operational.", "not_functioning"),
    ],
)
def test_strain_stated_in_words_has_a_level_and_no_value(sentence: str, level: str) -> None:
    claim = one(sentence)
    assert (claim.indicator, claim.status, claim.value_best) == ("strain_level", level, None)


def test_vague_displacement_in_words_is_kept_without_a_number() -> None:
    claim = one("Many residents fled the city to escape the violence.")
    assert (claim.indicator, claim.qualifier, claim.value_text) == (
        "displaced_new",
        "vague",
        "Many",
    )
    assert claim.value_low is None and claim.value_best is None


# -- units, groups, sub-counts ----------------------------------------------------------------


def test_families_are_converted_to_people_and_marked_derived() -> None:
    claim = one("Around 3,000 families were displaced to Homs.")
    assert (claim.unit, claim.unit_stated, claim.household_size) == ("people", "families", 5.0)
    assert claim.value_best == 15000 and claim.value_derived


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("At least 20 insurgent fighters were killed.", "fighters"),
        ("Some 11 civilians were killed.", "civilians"),
        ("Seven children were killed.", "children"),
        ("Four women were injured.", "women"),
        ("137 soldiers were killed.", "soldiers"),
        ("Two aid workers were injured.", "aid_workers"),
        ("Forty people were killed.", "all"),
    ],
)
def test_population_groups(sentence: str, group: str) -> None:
    assert one(sentence).population_group == group


def test_a_sub_count_points_at_its_total_and_is_not_added() -> None:
    claims = extract(
        "At least 69 civilians were killed, including 26 children and 11 women.", PUBLISHED
    )
    total, children, women = claims
    assert (children.value_best, children.population_group) == (26, "children")
    assert children.subset_of == total.claim_id
    assert women.subset_of == total.claim_id
    assert total.subset_of is None


# -- places -----------------------------------------------------------------------------------


def test_a_governorate_in_the_sentence() -> None:
    claim = one("In Idlib, 11 people were killed on Monday.")
    assert (claim.admin1_pcode, claim.place_precision) == ("SY07", "admin1")


def test_a_town_resolves_to_its_district() -> None:
    claim = one("Shelling killed five people in Saraqeb.")
    assert (claim.admin1_pcode, claim.admin2_pcode, claim.place_precision) == (
        "SY07",
        "SY0700",
        "town",
    )


def test_a_region_stays_a_region() -> None:
    claim = one("At least 69 civilians were killed in north-west Syria.")
    assert (claim.place_precision, claim.admin1_pcode) == ("region", None)


def test_the_place_comes_from_the_nearest_earlier_mention() -> None:
    text = "Fighting reached Hama on Friday. Some 30 civilians were killed."
    claim = one(text)
    assert claim.admin1_pcode == "SY05"
    assert any("earlier sentence" in n for n in claim.notes)


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "start", "end", "kind"),
    [
        ("Eleven people were killed on Monday.", date(2024, 12, 2), date(2024, 12, 2), "new"),
        (
            "Since Wednesday, 242 people have been killed.",
            date(2024, 12, 4),
            PUBLISHED,
            "cumulative",
        ),
        ("Yesterday 19 civilians were killed.", date(2024, 12, 6), date(2024, 12, 6), "new"),
        (
            "As of 5 December, 280,000 people were displaced.",
            date(2024, 12, 5),
            date(2024, 12, 5),
            "stock",
        ),
        (
            "Since 27 November, 370,000 people have fled.",
            date(2024, 11, 27),
            PUBLISHED,
            "cumulative",
        ),
        ("Some 30 people were killed.", PUBLISHED, PUBLISHED, "new"),
    ],
)
def test_dates_resolve_against_the_publication_date(sentence, start, end, kind) -> None:
    claim = one(sentence)
    assert (claim.date_start, claim.date_end, claim.count_kind) == (start, end, kind)


def test_last_week_is_the_week_before_publication() -> None:
    claim = one("Last week 2,000 people returned.")
    assert (claim.date_start, claim.date_end, claim.date_precision) == (
        date(2024, 11, 25),
        date(2024, 12, 1),
        "week",
    )


def test_a_death_toll_is_cumulative() -> None:
    assert one("The death toll rose to 311.").count_kind == "cumulative"
    # a number of fatalities that rose is a running total too
    assert one("The number of fatalities climbed to 1,100.").count_kind == "cumulative"
    assert one("Some 1,100 people were killed in the week.").count_kind == "new"


# -- the seed ---------------------------------------------------------------------------------


def test_the_seed_report(seed_text: str) -> None:
    claims = extract(seed_text, date(2024, 11, 30))
    killed = [c for c in claims if c.indicator == "killed"]
    assert [
        (c.qualifier, c.value_low, c.population_group, c.admin1_pcode, c.date_end) for c in killed
    ] == [("at_least", 20, "fighters", "SY02", date(2024, 11, 30))]
    strain = [c for c in claims if c.indicator == "strain_level"]
    assert strain[0].status == "overwhelmed" and strain[0].admin1_pcode == "SY02"
    assert all(c.value_best not in (2015, 2016) for c in claims)
    for claim in claims:
        assert seed_text[claim.char_start : claim.char_end] == claim.quote


@pytest.fixture
def seed_text() -> str:
    from tests.conftest import ROOT

    return (ROOT / "seeds" / "000_8cf0bdad4354889b.txt").read_text(encoding="utf-8")


# -- harder sentences, and known gaps ---------------------------------------------------------

HARDER = [
    (
        "The raids killed 26 children and injured 40 others.",
        [("killed", "exact", 26, 26, 26), ("injured", "exact", 40, 40, 40)],
    ),
    (
        "The number of displaced people has risen to 280,000, the UN said.",
        [("displaced_new", "exact", 280000, 280000, 280000)],
    ),
    (
        "Humanity & Inclusion said 14.000 people had fled the Aleppo region.",
        [("displaced_new", "exact", 14000, 14000, 14000)],
    ),
    (
        "The toll stands at 514, among them 92 civilians.",
        [("killed", "exact", 514, 514, 514), ("killed", "exact", 92, 92, 92)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), HARDER)
def test_harder_sentences(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


def test_a_group_named_after_the_verb_is_part_of_the_total() -> None:
    total, part = extract("Of the 514 dead, 92 were civilians.", PUBLISHED)
    assert (part.population_group, part.subset_of) == ("civilians", total.claim_id)
    # no total in the sentence: the group alone, a part of nothing named
    [alone] = extract("Of those killed, 12 were children.", PUBLISHED)
    assert (alone.population_group, alone.subset_of) == ("children", None)
    # "were killed" is a verb, not a group: two figures, neither a part
    killed, injured = extract("12 were killed and 30 were injured.", PUBLISHED)
    assert killed.subset_of is None and injured.subset_of is None


def test_people_who_fled_another_country_arrived_from_abroad_where_they_are_now() -> None:
    """Once a strict xfail: people who fled Lebanon and are now in Aleppo arrived from
    abroad, in Aleppo; where they came from is kept as the origin."""
    claim = one("A good 100,000 people who had fled Lebanon are now in Aleppo.")
    assert (claim.indicator, claim.qualifier, claim.admin1_pcode) == (
        "arrived_from_abroad",
        "more_than",
        "SY02",
    )
    assert (claim.origin_text, claim.destination_text) == ("Lebanon", "Aleppo")


@pytest.mark.parametrize(
    ("sentence", "indicator", "origin", "destination"),
    [
        ("Some 5,000 people fled Hama towards Homs.", "displaced_new", ("Hama", "SY05"),
         ("Homs", "SY04")),
        ("About 2,000 families were displaced to Homs from northern Hama.", "displaced_new",
         ("Hama", "SY05"), ("Homs", "SY04")),
        ("At least 2,500 people were evacuated from Homs to Tartous.", "evacuated",
         ("Homs", "SY04"), ("Tartous", "SY10")),
        ("Nearly 7,000 IDPs moved from Hama city to Salamiyeh.", "displaced_new",
         ("Hama", "SY05"), ("Salamiyeh", "SY05")),
        ("Over 3,000 people have returned to Saraqeb from camps near the border.", "returned",
         None, ("Saraqeb", "SY07")),
        ("Some 9,000 people fled the fighting in Hama.", "displaced_new", None, None),
    ],
)  # fmt: skip
def test_where_people_moved_from_and_to_is_kept(sentence, indicator, origin, destination):
    """Item 8: the place a figure belongs to is one of the two; both are kept, as written
    and as a governorate p-code, in the displacement table's origin and destination."""
    claim = one(sentence)
    assert claim.indicator == indicator
    assert (claim.origin_text, claim.origin_admin1_pcode) == (origin or (None, None))
    assert (claim.destination_text, claim.destination_admin1_pcode) == (destination or (None, None))


def test_a_route_is_read_to_its_end_and_its_note_says_which_end_the_place_is() -> None:
    """A destination far from the number is read whole ("Tawila and Kabkabiya", not cut
    where the words read for the number stop); a figure placed where people went says so."""
    [claim] = extract(
        "Over 130,000 people have fled El Fasher since mid-April, most of them to Tawila and "
        "Kabkabiya in North Darfur.",
        PUBLISHED,
        countries=("SDN",),
    )
    assert (claim.origin_text, claim.destination_text) == ("El Fasher", "Tawila")
    [kharkiv] = extract("Some 8,000 people fled Kharkiv towards Dnipro.", PUBLISHED,
                        countries=("UKR",))  # fmt: skip
    assert kharkiv.location_text == "Kharkiv"  # as the report writes it (the list: Kharkivska)
    [arrived] = extract(
        "An estimated 20,000 people arrived in Tawila in the past week alone.",
        PUBLISHED,
        countries=("SDN",),
    )
    assert "place: where people went to (Tawila)" in arrived.notes
    assert one("1,000+ people were injured.").value_text == "1,000+"


def test_people_who_fled_the_reports_own_country_left_it() -> None:
    claims = extract("Some 5,000 people have fled Sudan since April.", PUBLISHED,
                     countries=("SDN",))  # fmt: skip
    assert [(c.indicator, c.country) for c in claims] == [("left_for_abroad", "SDN")]


# -- still out of reach (strict: a fix is noticed) --------------------------------------------


def test_deaths_from_disease_are_not_killed() -> None:
    """A cholera death is a health outcome, not a casualty of the violence or the disaster
    the casualties table counts (once a strict xfail); a death from wounds is."""
    assert figures("Four more people died of cholera in the camp.") == []
    assert figures("Some 40 deaths from suspected measles were reported in Darfur.") == []
    assert figures("Three people died of their wounds in hospital.")[0][0] == "killed"
    assert figures("Two more people died from injuries sustained in the blast.")[0][0] == "killed"


@pytest.mark.xfail(
    strict=True, reason="'a couple' is not read as two people (it is also 'a couple of days')"
)
def test_gap_a_couple_is_two_people() -> None:
    assert [c.value_best for c in extract("A couple and their three children were killed.",
                                          PUBLISHED)] == [2, 3]  # fmt: skip


@pytest.mark.xfail(
    strict=True,
    reason="places of a country whose folder comes from the global list are looked for only "
    "when the report names the country or its people: a report on Kherson that never says "
    "Ukraine is not placed",
)
def test_gap_a_town_of_a_country_the_report_never_names() -> None:
    [claim] = extract("Shelling killed 6 civilians in Kherson on Monday.", PUBLISHED)
    assert claim.country == "UKR"
