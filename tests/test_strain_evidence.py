"""Hospital strain by place as evidence (issue 18): each governorate's row as of a day, the
claims behind each cell, and the written rule that derives a level from the evidence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indicators.alerts.rules import AlertRule
from indicators.places import gazetteer
from indicators.read_model import ReadModel
from indicators.store import Store
from indicators.strain_evidence import not_placed, strain_evidence
from indicators.strain_rule import (
    ATTACKS_OVERWHELMED,
    INJURED_STRAINED,
    OCCUPANCY_STRAINED,
    STATED_FADES_DAYS,
    STATED_HOLDS_DAYS,
)
from indicators.table_import import import_table
from indicators.tabular import read_table
from indicators.vocab import STRAIN_BASES
from tests.tables import SEED_STRAIN, SOURCE, casualty, write_rows

AS_OF = date(2024, 12, 5)


def _row(frame: pd.DataFrame, place: str) -> pd.Series:
    [row] = frame[frame["place"] == place].to_dict("records")
    return pd.Series(row)


# -- the default data, as of 5 December 2024 -----------------------------------------------


def test_aleppo_shows_its_stated_level_attacks_and_injured_with_claims(
    default_store: Store,
) -> None:
    model = ReadModel.read(default_store)
    rows = strain_evidence(model, AS_OF, "SYR")
    aleppo = _row(rows, "SY02")
    # the one stated level: overwhelmed, 30 November, five days old, confirmed
    assert aleppo["stated_level"] == "overwhelmed"
    assert aleppo["stated_day"] == pd.Timestamp("2024-11-30")
    assert aleppo["stated_age_days"] == 5
    assert aleppo["stated_claims"] == (SEED_STRAIN,)
    assert aleppo["level"] == "overwhelmed"
    assert (aleppo["certainty"], aleppo["strain_basis"]) == ("confirmed", "stated")
    # the attack on the university hospital on 1 December, in its week and its month
    assert aleppo["attacks_7d"] == aleppo["attacks_30d"] == 1
    assert aleppo["attacks_7d_claims"] == ("rf-078",)
    assert "Reuters" in aleppo["attacks_7d_sources"]
    # 23 injured in that attack, 2 children in eastern Aleppo: new counts of the week
    assert aleppo["injured_7d"] == 25
    assert set(aleppo["injured_7d_claims"]) == {"rf-080", "rf-082"}
    assert aleppo["injured_7d_sources"]
    # the evidence alone says strained (one attack, 25 injured): shown, outranked
    assert aleppo["derived_level"] == "strained"
    assert "1 attack on health care in 7 days" in aleppo["derived_from"]
    # every claim named is an accepted claim the page can list with quote and source
    listed = model.claims([*aleppo["stated_claims"], *aleppo["injured_7d_claims"]])
    assert set(listed["claim_id"]) == {SEED_STRAIN, "rf-080", "rf-082"}
    assert listed["publisher"].notna().all()


def test_every_governorate_has_a_row_and_one_without_evidence_is_unknown(
    default_store: Store,
) -> None:
    rows = strain_evidence(ReadModel.read(default_store), AS_OF, "SYR")
    assert list(rows["place"]) == gazetteer().admin1_of("SYR")
    damascus = _row(rows, "SY01")
    assert damascus["level"] == "unknown"
    assert damascus["level"] != "normal"
    assert pd.isna(damascus["certainty"]) and pd.isna(damascus["strain_basis"])
    # no report of attacks is not zero attacks
    for cell in ("attacks_7d", "attacks_30d", "injured_7d", "facilities_down", "occupancy_pct"):
        assert pd.isna(damascus[cell]), cell
    assert damascus["attacks_7d_claims"] == ()


def test_whos_country_level_attacks_are_no_governorates(default_store: Store) -> None:
    """WHO records Syria's attacks for the country: 13 in the week to 5 December, none of
    them a governorate's. They are shown beside every row and raise no level."""
    model = ReadModel.read(default_store)
    rows = strain_evidence(model, AS_OF, "SYR")
    assert rows["not_placed"].str.startswith("13 attacks on health care in 7 days").all()
    assert (rows["attacks_7d"].fillna(0) <= 1).all()  # Aleppo's own one attack at most
    wide = not_placed(model, AS_OF, "SYR")
    week = wide[(wide["indicator"] == "attacks_on_health_care") & (wide["days"] == 7)]
    [(value, claims)] = week[["value", "claims"]].itertuples(index=False)
    assert value == 13 == len(claims)
    assert all(c.startswith("who-ssa-") for c in claims)


def test_districts_when_chosen(default_store: Store) -> None:
    rows = strain_evidence(ReadModel.read(default_store), AS_OF, "SYR", "admin2")
    assert len(rows) == len(gazetteer().admin2_of("SYR"))
    jebel_saman = _row(rows, "SY0200")  # Aleppo city: the corrected claim's district
    assert jebel_saman["level"] == "overwhelmed"
    others = rows[rows["place"] != "SY0200"]
    assert (others["level"] == "unknown").all()  # no district figure elsewhere that week


def test_derived_evidence_is_a_strain_basis() -> None:
    assert "derived_evidence" in STRAIN_BASES


# -- the rule, clause by clause, on small stores -------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    made = Store.open(f"sqlite:///{tmp_path / 'rule.sqlite'}")
    sources = [SOURCE, {**SOURCE, "source_id": "src-who", "publisher": "WHO"}]
    import_table(made, read_table(write_rows(tmp_path / "s.csv", sources)), "sources",
                 actor="t")  # fmt: skip
    yield made
    made.engine.dispose()


def _hospital(claim_id: str, day: str, **changes: str) -> dict[str, str]:
    return {
        "claim_id": claim_id, "source_id": "src-test", "location_text": "Aleppo",
        "admin1_pcode": "SY02", "place_precision": "admin1", "date_start": day,
        "date_end": day, "date_precision": "day", "review_status": "accepted", **changes,
    }  # fmt: skip


def _attack(claim_id: str, day: str, n: int = 1, **changes: str) -> dict[str, str]:
    return _hospital(claim_id, day, measure="attacks_on_health_care", unit="attacks",
                     count_kind="new", qualifier="exact", value_low=str(n), value_best=str(n),
                     value_high=str(n), **changes)  # fmt: skip


def _stated(claim_id: str, day: str, level: str) -> dict[str, str]:
    return _hospital(claim_id, day, measure="strain_level", count_kind="stock",
                     value_text=level, strain_level=level, strain_basis="stated")  # fmt: skip


def _aleppo(store: Store, tmp_path: Path, hospital=(), casualties=(), as_of=AS_OF) -> pd.Series:
    for table, rows in (("hospital_strain", hospital), ("casualties", casualties)):
        if rows:
            path = write_rows(tmp_path / f"{table}.csv", list(rows))
            done = import_table(store, read_table(path), table, actor="t", accept=True)
            assert done.written, done.report.lines()
    return _row(strain_evidence(ReadModel.read(store), as_of, "SYR"), "SY02")


def test_no_evidence_is_unknown_not_normal(store: Store, tmp_path: Path) -> None:
    row = _aleppo(store, tmp_path)
    assert (row["level"], row["derived_level"]) == ("unknown", "unknown")


def test_an_attack_in_the_week_raises_to_strained(store: Store, tmp_path: Path) -> None:
    row = _aleppo(store, tmp_path, [_attack("a1", "2024-12-03")])
    assert row["attacks_7d"] == 1 and row["attacks_7d_claims"] == ("a1",)
    assert (row["level"], row["certainty"], row["strain_basis"]) == (
        "strained", "possible", "derived_evidence",
    )  # fmt: skip


def test_attacks_of_a_dataset_are_added_up_to_overwhelmed(store: Store, tmp_path: Path) -> None:
    events = [_attack(f"e{i}", "2024-12-04", record_type="event")
              for i in range(ATTACKS_OVERWHELMED)]  # fmt: skip
    row = _aleppo(store, tmp_path, events)
    assert row["attacks_7d"] == ATTACKS_OVERWHELMED
    assert row["level"] == "overwhelmed"


def test_two_reports_of_one_attack_count_once(store: Store, tmp_path: Path) -> None:
    two = [_attack("r1", "2024-12-04"), _attack("r2", "2024-12-04", source_id="src-who")]
    row = _aleppo(store, tmp_path, two)
    assert row["attacks_7d"] == 1
    assert set(row["attacks_7d_claims"]) == {"r1", "r2"}


def test_an_old_attack_fades(store: Store, tmp_path: Path) -> None:
    row = _aleppo(store, tmp_path, [_attack("a1", "2024-11-20")])
    assert pd.isna(row["attacks_7d"])  # no report in the week: not zero
    assert row["attacks_30d"] == 1  # still shown in the month
    assert row["level"] == "unknown"


def test_a_reported_zero_is_zero_and_normal(store: Store, tmp_path: Path) -> None:
    row = _aleppo(store, tmp_path, [_attack("z1", "2024-12-04", n=0)])
    assert row["attacks_7d"] == 0
    assert (row["level"], row["certainty"]) == ("normal", "possible")


def test_a_stated_level_outranks_evidence_of_its_day(store: Store, tmp_path: Path) -> None:
    events = [_attack(f"e{i}", "2024-12-04", record_type="event") for i in range(5)]
    row = _aleppo(store, tmp_path, [*events, _stated("s1", "2024-12-04", "strained")])
    assert row["derived_level"] == "overwhelmed"
    assert (row["level"], row["certainty"], row["strain_basis"]) == (
        "strained", "confirmed", "stated",
    )  # fmt: skip


def test_newer_evidence_raises_a_stated_level(store: Store, tmp_path: Path) -> None:
    events = [_attack(f"e{i}", "2024-12-05", record_type="event") for i in range(5)]
    row = _aleppo(store, tmp_path, [*events, _stated("s1", "2024-12-02", "normal")])
    assert (row["level"], row["certainty"]) == ("overwhelmed", "possible")
    assert "newer than the report" in row["reason"]


def test_newer_evidence_never_lowers_a_stated_level(store: Store, tmp_path: Path) -> None:
    row = _aleppo(store, tmp_path, [_attack("z1", "2024-12-05", n=0),
                                    _stated("s1", "2024-12-02", "overwhelmed")])  # fmt: skip
    assert (row["level"], row["certainty"]) == ("overwhelmed", "confirmed")


def test_a_stated_level_older_than_a_week_no_longer_outranks(store: Store, tmp_path: Path) -> None:
    old = str(pd.Timestamp(AS_OF) - pd.Timedelta(days=STATED_HOLDS_DAYS + 1))[:10]
    row = _aleppo(store, tmp_path, [_stated("s1", old, "not_functioning")])
    # alone, it is evidence of what it said, possible
    assert (row["level"], row["certainty"], row["strain_basis"]) == (
        "not_functioning", "possible", "derived_evidence",
    )  # fmt: skip


def test_an_old_statement_is_outranked_by_worse_evidence(store: Store, tmp_path: Path) -> None:
    old = str(pd.Timestamp(AS_OF) - pd.Timedelta(days=STATED_HOLDS_DAYS + 2))[:10]
    events = [_attack(f"e{i}", "2024-12-04", record_type="event") for i in range(3)]
    row = _aleppo(store, tmp_path, [*events, _stated("s1", old, "normal")])
    assert (row["level"], row["certainty"]) == ("overwhelmed", "possible")


def test_a_statement_older_than_a_month_is_gone(store: Store, tmp_path: Path) -> None:
    old = str(pd.Timestamp(AS_OF) - pd.Timedelta(days=STATED_FADES_DAYS + 1))[:10]
    row = _aleppo(store, tmp_path, [_stated("s1", old, "overwhelmed")])
    assert row["level"] == "unknown"
    assert pd.isna(row["stated_level"])


def test_bed_occupancy_at_the_safety_line_and_beyond(store: Store, tmp_path: Path) -> None:
    def occupancy(claim_id: str, pct: float) -> dict[str, str]:
        return _hospital(claim_id, "2024-12-04", measure="bed_occupancy", count_kind="stock",
                         unit="percent", qualifier="exact", value_low=str(pct),
                         value_best=str(pct), value_high=str(pct))  # fmt: skip

    row = _aleppo(store, tmp_path, [occupancy("o1", OCCUPANCY_STRAINED)])
    assert (row["occupancy_pct"], row["level"]) == (OCCUPANCY_STRAINED, "strained")
    assert row["occupancy_claims"] == ("o1",)
    row = _aleppo(store, tmp_path, [occupancy("o2", 112)])
    assert (row["occupancy_pct"], row["level"]) == (112, "overwhelmed")


def test_facilities_out_of_service_raise_and_fade(store: Store, tmp_path: Path) -> None:
    def down(claim_id: str, day: str) -> dict[str, str]:
        return _hospital(claim_id, day, measure="facilities_out_of_service", unit="facilities",
                         count_kind="stock", qualifier="exact", value_low="4", value_best="4",
                         value_high="4")  # fmt: skip

    row = _aleppo(store, tmp_path, [down("f1", "2024-10-01")])
    assert pd.isna(row["facilities_down"]) and row["level"] == "unknown"
    row = _aleppo(store, tmp_path, [down("f2", "2024-12-01")])
    assert row["facilities_down"] == 4 and row["facilities_claims"] == ("f2",)
    assert row["level"] == "strained"


def test_a_named_facility_not_functioning_counts(store: Store, tmp_path: Path) -> None:
    named = _hospital("n1", "2024-12-02", measure="facilities_damaged", facility_name="Al-Razi",
                      facility_type="hospital", damage="full", functionality="not_functioning",
                      unit="facilities", count_kind="new", qualifier="exact", value_low="1",
                      value_best="1", value_high="1")  # fmt: skip
    row = _aleppo(store, tmp_path, [named])
    # the row is both a count of one damaged facility and that facility named: one, not two
    assert row["facilities_down"] == 1 and "Al-Razi" in row["facilities_detail"]
    assert row["level"] == "strained"


def test_many_injured_raise(store: Store, tmp_path: Path) -> None:
    injured = casualty(claim_id="i1", outcome="injured", population_group="all",
                       count_kind="new", date_start="2024-12-03", date_end="2024-12-03",
                       value_low=str(INJURED_STRAINED), value_best=str(INJURED_STRAINED),
                       value_high=str(INJURED_STRAINED), value_text=str(INJURED_STRAINED),
                       qualifier="exact")  # fmt: skip
    row = _aleppo(store, tmp_path, casualties=[injured])
    assert row["injured_7d"] == INJURED_STRAINED and row["injured_7d_claims"] == ("i1",)
    assert row["level"] == "strained"


def test_a_country_wide_attack_raises_no_governorate(store: Store, tmp_path: Path) -> None:
    wide = _attack("w1", "2024-12-04", n=9, admin1_pcode="", location_text="Syria",
                   place_precision="country")  # fmt: skip
    row = _aleppo(store, tmp_path, [wide])
    assert pd.isna(row["attacks_7d"]) and row["level"] == "unknown"
    assert row["not_placed"].startswith("9 attacks on health care in 7 days")


# -- the evidence as a download -------------------------------------------------------------


def test_the_evidence_downloads_with_its_claims_sources_and_rule(
    sqlite_default_store: Store,
) -> None:
    """Issue 18: downloadable like every table (CSV, HXL, XLSX, JSON), every cell with the
    claims behind it, the sources they cite, and the rule that reads the level."""
    import io
    import json

    from indicators import exports
    from indicators.strain_table import evidence_export
    from tests.test_exports import _hxl_errors

    export = evidence_export(ReadModel.read(sqlite_default_store), AS_OF, "SYR")
    assert exports.file_name(export, ".csv") == "strain-evidence-SYR-admin1-as-of-2024-12-05.csv"
    table = pd.read_csv(io.BytesIO(exports.write_csv(export)))
    aleppo = table[table["place"] == "SY02"].iloc[0]
    assert (aleppo["level"], aleppo["certainty"]) == ("overwhelmed", "confirmed")
    assert aleppo["attacks_7d_claims"] == "rf-078" and "Reuters" in aleppo["attacks_7d_sources"]
    assert set(aleppo["injured_7d_claims"].split("; ")) == {"rf-080", "rf-082"}
    hama = table[table["place"] == "SY05"].iloc[0]
    assert hama["level"] == "unknown" and pd.isna(hama["attacks_7d"])  # unknown, not 0
    assert list(table.columns[:2]) == ["place_name", "place"]
    assert _hxl_errors(exports.write_hxl(export)) == []
    tags = exports.write_hxl(export).decode().splitlines()[1]
    assert tags.startswith("#adm1+name,#adm1+code,")
    cited = set(export.sources["source_id"])
    assert cited and all(s in set(ReadModel.read(sqlite_default_store).sources["source_id"])
                         for s in cited)  # fmt: skip
    book = pd.ExcelFile(io.BytesIO(exports.write_xlsx(export)), engine="calamine")
    assert book.sheet_names == ["data", "dictionary", "sources", "about"]
    dictionary = pd.read_excel(book, "dictionary")
    assert "attacks_7d_claims" in set(dictionary["column"])
    about = pd.read_excel(book, "about")
    assert "unknown, never normal" in " ".join(about["value"].astype(str))
    meta = json.loads(exports.write_json(export))["meta"]
    assert meta["as_of"] == "2024-12-05" and meta["admin_level"] == "admin1"
    assert any("never normal" in line for line in meta["rule"])


def test_a_count_for_several_governorates_together_raises_none(default_store: Store) -> None:
    """The written rule: a figure given for several governorates together is counted in
    none. The default data's '141 health facilities affected' (rf-037, 24 Dec 2024) is
    for Aleppo and Idleb together: it made each of them 'strained' on its own."""
    rows = strain_evidence(ReadModel.read(default_store), date(2024, 12, 31), "SYR")
    for place in ("SY02", "SY07"):
        row = _row(rows, place)
        assert pd.isna(row["facilities_down"]) and row["facilities_claims"] == ()
        assert row["level"] == "unknown", place


# -- alerts on the level ----------------------------------------------------------------------


def _strain_rule(**changes) -> AlertRule:
    from indicators.vocab import STRAIN_DERIVED

    values = {"rule_id": "strain", "name": "Strain", "indicator": STRAIN_DERIVED,
              "warning": 1, "critical": 2, "country": "SYR", **changes}  # fmt: skip
    return AlertRule(**values)


def test_the_default_strain_rule_reads_each_places_evidence(sqlite_default_store: Store) -> None:
    """Issue 18: 'strain level reaches overwhelmed', stated or derived, with its certainty;
    a place without evidence is no data (unknown), never ok."""
    from indicators.alerts.lifecycle import rules

    [rule] = [r for r in rules(sqlite_default_store) if r.rule_id == "hospital-strain-level"]
    assert rule.indicator == "strain_level_derived" and rule.reason
    states = ReadModel.read(sqlite_default_store).evaluator.evaluate(rule, AS_OF)
    by_place = {s.unit_name: s for s in states}
    aleppo = by_place["Aleppo"]
    assert (aleppo.state, aleppo.certainty, aleppo.value) == ("critical", "confirmed", 2.0)
    assert aleppo.claim_ids == (SEED_STRAIN,) and aleppo.since == date(2024, 11, 30)
    assert "Stated overwhelmed 5 days ago" in aleppo.detail
    hama = by_place["Hama"]
    assert (hama.state, hama.claim_ids) == ("no_data", ()) and "not normal" in hama.detail


def test_a_derived_level_alerts_as_possible_with_the_evidence_behind_it(
    store: Store, tmp_path: Path
) -> None:
    events = [_attack(f"e{i}", "2024-12-04", record_type="event") for i in range(3)]
    _aleppo(store, tmp_path, events)
    model = ReadModel.read(store)
    [aleppo] = [s for s in model.evaluator.evaluate(_strain_rule(), AS_OF) if s.unit == "SY02"]
    assert (aleppo.state, aleppo.certainty) == ("critical", "possible")
    assert set(aleppo.claim_ids) == {"e0", "e1", "e2"}
    assert "3 attacks on health care in 7 days" in aleppo.detail
    # only overwhelmed: 'strained' alone raises nothing; the back-test walks the days
    calm = _strain_rule(warning=None, critical=2)
    back = model.evaluator.backtest(calm, date(2024, 11, 20), date(2024, 12, 20))
    assert [(a["unit"], a["raised"], a["certainty"]) for a in back] == [
        ("SY02", date(2024, 12, 4), "possible")
    ]
    assert back[0]["resolved"] is None  # evidence gone is unknown, not recovery: it stays open


def test_a_derived_strain_rule_is_refused_where_it_cannot_work() -> None:
    from indicators.alerts.rules import problems

    assert problems(_strain_rule()) == []
    said = " ".join(problems(_strain_rule(condition="rise", group_by="all", critical=5)))
    assert "condition 'level'" in said and "governorate or district" in said
    assert "beyond the strain scale" in said


# -- strain over time: the rule read on each day -------------------------------------------


def test_strain_by_day_reads_each_day_as_the_evidence_table_does(default_store: Store) -> None:
    """Issue 18: strain over time per place showed only the levels reports stated (one
    cell); each day is now the rule's level from the evidence known that day."""
    from indicators.strain_history import strain_history

    model = ReadModel.read(default_store)
    days = strain_history(model, date(2024, 11, 25), date(2024, 12, 12), "SYR")
    aleppo = days[days["place"] == "SY02"].set_index("day")
    # stated overwhelmed on 30 November: confirmed for its week, with that report behind it
    before = aleppo.loc[pd.Timestamp("2024-11-29")]
    assert before["level"] == "unknown" and before["claims"] == ()
    week = aleppo.loc[pd.Timestamp("2024-11-30") : pd.Timestamp("2024-12-07")]
    assert set(week["level"]) == {"overwhelmed"} and set(week["certainty"]) == {"confirmed"}
    assert all(c == (SEED_STRAIN,) for c in week["claims"])
    assert all(isinstance(s, str) and "(30 Nov 2024)" in s for s in week["sources"])
    # past its week the statement is one more piece of evidence: possible (the attack and
    # the injured of 1 December have left their week by then)
    later = aleppo.loc[pd.Timestamp("2024-12-08")]
    assert (later["level"], later["certainty"]) == ("overwhelmed", "possible")
    assert "stated overwhelmed 8 days ago" in later["reason"]
    assert later["claims"] == (SEED_STRAIN,)
    # a governorate without evidence is unknown on every day, never normal
    hama = days[days["place"] == "SY05"]
    assert set(hama["level"]) == {"unknown"} and hama["certainty"].isna().all()
    # the last day of a history is the evidence table of that day, place by place
    for day in (date(2024, 12, 1), date(2024, 12, 10)):
        table = strain_evidence(model, day, "SYR").set_index("place")
        that = days[days["day"] == pd.Timestamp(day)].set_index("place")
        assert that["level"].to_dict() == table["level"].to_dict()
        assert that["certainty"].fillna("").to_dict() == table["certainty"].fillna("").to_dict()


def test_a_history_reads_at_most_its_days(default_store: Store) -> None:
    from indicators.strain_history import HISTORY_DAYS, strain_history

    model = ReadModel.read(default_store)
    days = strain_history(model, date(2024, 1, 1), AS_OF, "SYR")
    assert days["day"].nunique() == HISTORY_DAYS and days["day"].max() == pd.Timestamp(AS_OF)
    assert strain_history(model, AS_OF, date(2024, 12, 1), "SYR").empty
