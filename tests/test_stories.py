"""One story counted once: a figure carried by several outlets is one claim with its carriers
listed; a toll lower than an earlier accepted toll of the same place and group stays
accepted but is held off the headline, listed on the Review page, until a reviewer releases
it. Store-wide: the earlier toll may come in another file, before or after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from indicators.errors import StoreError
from indicators.read_model import ReadModel, advance
from indicators.review import held, release, set_status
from indicators.store import Store
from indicators.table_import import import_table
from indicators.tabular import read_table
from indicators.trends import Filters, trend
from tests.tables import SOURCE, casualty, write_rows

WHOLE = {"location_text": "", "admin1_pcode": "", "place_precision": "unknown",
         "population_group": "all", "country": "SYR"}  # fmt: skip
WEEK = Filters(date_from=date(2024, 11, 27), date_to=date(2024, 12, 10), country="SYR")


def _whole_country(model: ReadModel) -> pd.DataFrame:
    points = trend(model, "killed", WEEK, group_by="wide")
    return points[points["count_kind"] == "cumulative"].set_index("day")


def _sources(store: Store, tmp_path: Path, *rows: dict) -> None:
    done = import_table(store, read_table(write_rows(tmp_path / "s.csv", list(rows))),
                        "sources", actor="t")  # fmt: skip
    assert done.written, done.report.lines()


def _tolls(store: Store, tmp_path: Path, name: str, *rows: tuple[str, str, str, str]) -> None:
    """Whole-country tolls: (claim id, source, day, value)."""
    claims = [
        casualty(
            claim_id=c,
            source_id=s,
            date_end=d,
            value_best=v,
            value_low=v,
            value_text=f"at least {v}",
            **WHOLE,
        )
        for c, s, d, v in rows
    ]
    done = import_table(store, read_table(write_rows(tmp_path / name, claims)), "casualties",
                        actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()


def _source(source_id: str, publisher: str, original: str = "") -> dict:
    return {**SOURCE, "source_id": source_id, "publisher": publisher,
            "original_publisher": original, "url": f"https://example.org/{source_id}"}  # fmt: skip


def test_the_default_data_never_shows_the_whole_country_toll_falling_to_56(
    default_store: Store,
) -> None:
    model = ReadModel.read(default_store)
    toll = _whole_country(model)
    assert pd.Timestamp("2024-12-01") not in toll.index  # 311 -> 56 -> 412 was shown
    values = toll.sort_index()["value"].tolist()
    assert values == sorted(values), values
    stopped = held(default_store).set_index("claim_id")
    assert "rf-077" in stopped.index
    assert "311" in stopped.loc["rf-077", "held_reason"]
    assert "rf-057" in stopped.loc["rf-077", "held_reason"]
    # the second reprint of the same Reuters story is a repeat, not a second source
    again = default_store.read("casualties", claim_ids=["rf-089"], statuses=None)
    assert again["repeats"].tolist() == ["rf-077"]


def test_310_56_412_in_three_files_holds_the_56_until_released(
    empty_store: Store, tmp_path: Path
) -> None:
    _sources(empty_store, tmp_path, _source("afp", "AFP"), _source("reuters", "Reuters"),
             _source("hi", "Humanity & Inclusion"))  # fmt: skip
    _tolls(empty_store, tmp_path, "a.csv", ("t-310", "afp", "2024-11-30", "310"))
    model = ReadModel.read(empty_store)
    _tolls(empty_store, tmp_path, "b.csv", ("t-56", "reuters", "2024-12-01", "56"))
    _tolls(empty_store, tmp_path, "c.csv", ("t-412", "hi", "2024-12-02", "412"))
    patched = advance(model, empty_store)
    for m in (patched, ReadModel.read(empty_store)):
        assert _whole_country(m)["value"].to_dict() == {
            pd.Timestamp("2024-11-30"): 310.0,
            pd.Timestamp("2024-12-02"): 412.0,
        }
    stopped = held(empty_store)
    assert stopped["claim_id"].tolist() == ["t-56"]
    reason = stopped["held_reason"].iloc[0]
    assert reason.startswith("56 people killed by 1 Dec 2024 is fewer than the 310 by 30 Nov")
    assert "AFP, claim t-310" in reason
    # released: the reviewer says it counts something narrower; it counts as it stands
    before = ReadModel.read(empty_store)
    assert release(empty_store, ["t-56"], actor="reviewer") == 1
    for m in (advance(before, empty_store), ReadModel.read(empty_store)):
        assert _whole_country(m).loc["2024-12-01", "value"] == 56.0
    assert held(empty_store).empty
    with pytest.raises(StoreError, match="not held"):
        release(empty_store, ["t-56"], actor="reviewer")
    # and it is never held again by a later write
    _tolls(empty_store, tmp_path, "d.csv", ("t-300", "afp", "2024-11-29", "300"))
    assert held(empty_store).empty
    audit = empty_store.audit()
    assert "review_released" in audit["action"].tolist()


def test_an_earlier_toll_written_later_holds_the_lower_one_stored_before(
    empty_store: Store, tmp_path: Path
) -> None:
    _sources(empty_store, tmp_path, _source("afp", "AFP"), _source("reuters", "Reuters"))
    _tolls(empty_store, tmp_path, "b.csv", ("t-56", "reuters", "2024-12-01", "56"))
    model = ReadModel.read(empty_store)
    assert _whole_country(model).loc["2024-12-01", "value"] == 56.0
    _tolls(empty_store, tmp_path, "a.csv", ("t-310", "afp", "2024-11-30", "310"))
    assert held(empty_store)["claim_id"].tolist() == ["t-56"]
    settled = empty_store.audit()
    assert "settled" in settled["action"].tail(2).tolist()
    patched = advance(model, empty_store)
    assert patched.made_by == "changes"
    for m in (patched, ReadModel.read(empty_store)):
        assert pd.Timestamp("2024-12-01") not in _whole_country(m).index


def test_a_toll_counted_from_a_later_start_is_not_held(empty_store: Store, tmp_path: Path):
    _sources(empty_store, tmp_path, _source("afp", "AFP"))
    rows = [
        casualty(claim_id="since-27", source_id="afp", date_start="2024-11-27",
                 date_end="2024-11-30", value_best="310", value_low="310", **WHOLE),
        casualty(claim_id="since-01", source_id="afp", date_start="2024-12-01",
                 date_end="2024-12-02", value_best="40", value_low="40", **WHOLE),
        casualty(claim_id="no-start", source_id="afp", date_start="",
                 date_end="2024-12-03", value_best="45", value_low="45", **WHOLE),
    ]  # fmt: skip
    done = import_table(empty_store, read_table(write_rows(tmp_path / "c.csv", rows)),
                        "casualties", actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()
    assert held(empty_store)["claim_id"].tolist() == ["no-start"]


def test_a_story_carried_by_two_outlets_counts_once_with_its_carriers_listed(
    empty_store: Store, tmp_path: Path
) -> None:
    _sources(empty_store, tmp_path, _source("site-a", "Site A", original="Reuters"),
             _source("site-b", "Site B", original=" reuters "),
             _source("afp", "AFP"))  # fmt: skip
    _tolls(empty_store, tmp_path, "a.csv", ("r-a", "site-a", "2024-12-01", "56"),
           ("afp-1", "afp", "2024-12-01", "56"))  # fmt: skip
    _tolls(empty_store, tmp_path, "b.csv", ("r-b", "site-b", "2024-12-01", "56"))
    stored = empty_store.read("casualties", statuses=None).set_index("claim_id")
    assert stored["repeats"].to_dict() == {"r-a": None, "afp-1": None, "r-b": "r-a"}
    model = ReadModel.read(empty_store)
    point = _whole_country(model).loc["2024-12-01"]
    assert point["n_claims"] == 2  # Reuters' story and AFP's: two sources, not three
    shown = model.claims(["r-a", "afp-1"]).set_index("claim_id")
    assert [c["publisher"] for c in shown.loc["r-a", "carriers"]] == ["Site B"]
    assert shown.loc["afp-1", "carriers"] == []


def test_the_same_quote_from_two_publishers_is_one_story(empty_store: Store, tmp_path: Path):
    _sources(empty_store, tmp_path, _source("one", "Outlet One"), _source("two", "Outlet Two"))
    quote = "At least 56 people have been killed since Wednesday, the monitor said."
    rows = [
        casualty(
            claim_id=c,
            source_id=s,
            date_end="2024-12-01",
            value_best="56",
            value_low="56",
            quote=q,
            **WHOLE,
        )
        for c, s, q in (("q-1", "one", quote), ("q-2", "two", "  " + quote.upper()))
    ]
    done = import_table(empty_store, read_table(write_rows(tmp_path / "q.csv", rows)),
                        "casualties", actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()
    stored = empty_store.read("casualties", statuses=None).set_index("claim_id")
    assert stored.loc["q-2", "repeats"] == "q-1"


def test_events_of_one_source_are_never_repeats_but_a_dataset_imported_twice_is(
    empty_store: Store, tmp_path: Path
) -> None:
    _sources(empty_store, tmp_path, _source("who-a", "WHO"), _source("who-b", "WHO"))
    events = [
        casualty(
            claim_id=f"{s}-{i}",
            source_id=s,
            date_start="2024-12-08",
            date_end="2024-12-08",
            value_best="1",
            value_low="1",
            count_kind="new",
            record_type="event",
            **WHOLE,
        )
        for s, n in (("who-a", 3), ("who-b", 2))
        for i in range(n)
    ]
    done = import_table(empty_store, read_table(write_rows(tmp_path / "e.csv", events)),
                        "casualties", actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()
    stored = empty_store.read("casualties", statuses=None).set_index("claim_id")
    assert stored["repeats"].to_dict() == {
        "who-a-0": None, "who-a-1": None, "who-a-2": None,
        "who-b-0": "who-a-0", "who-b-1": "who-a-1",
    }  # fmt: skip
    points = trend(ReadModel.read(empty_store), "killed", WEEK, group_by="wide")
    assert points["value"].tolist() == [3.0]  # three events, counted once each


def test_an_accepted_claim_never_waits_on_a_pending_one(empty_store: Store, tmp_path: Path):
    _sources(empty_store, tmp_path, _source("site-a", "Site A", original="Reuters"),
             _source("site-b", "Site B", original="Reuters"))  # fmt: skip
    pending = casualty(
        claim_id="p-1",
        source_id="site-a",
        date_end="2024-12-01",
        value_best="56",
        value_low="56",
        review_status="pending",
        **WHOLE,
    )
    done = import_table(empty_store, read_table(write_rows(tmp_path / "p.csv", [pending])),
                        "casualties", actor="t")  # fmt: skip
    assert done.written, done.report.lines()
    _tolls(empty_store, tmp_path, "a.csv", ("a-1", "site-b", "2024-12-01", "56"))
    stored = empty_store.read("casualties", statuses=None).set_index("claim_id")
    assert pd.isna(stored.loc["a-1", "repeats"])
    # the pending one, accepted now, repeats the accepted one
    set_status(empty_store, ["p-1"], "accepted", actor="reviewer")
    stored = empty_store.read("casualties", statuses=None).set_index("claim_id")
    assert stored.loc["p-1", "repeats"] == "a-1"
    # the lead rejected: its repeat stands on its own again
    model = ReadModel.read(empty_store)
    set_status(empty_store, ["a-1"], "rejected", actor="reviewer", reason="wrong")
    stored = empty_store.read("casualties", statuses=None).set_index("claim_id")
    assert pd.isna(stored.loc["p-1", "repeats"])
    for m in (advance(model, empty_store), ReadModel.read(empty_store)):
        assert _whole_country(m).loc["2024-12-01", "value"] == 56.0


def test_a_store_made_before_stories_is_settled_when_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = Store(url)
    old.upgrade("0010")
    with old.engine.begin() as conn:
        conn.execute(sa.text(
            "INSERT INTO sources (source_id, publisher, source_type, reliability) VALUES "
            "('a', 'AFP', 'news_agency', 'unrated'), ('b', 'AFP', 'news_agency', 'unrated')"
        ))  # fmt: skip
        for claim_id, source, day, value in (("x1", "a", "2024-11-30", 310),
                                             ("x2", "a", "2024-12-01", 56),
                                             ("x3", "b", "2024-12-01", 56)):  # fmt: skip
            conn.execute(
                sa.text(
                    "INSERT INTO casualties (claim_id, source_id, method, review_status, "
                    "place_precision, date_end, date_precision, value_best, unit, value_derived, "
                    "count_kind, record_type, outcome, population_group, country, "
                    "country_basis) VALUES (:c, :s, 'import', 'accepted', 'unknown', :d, "
                    "'day', :v, 'people', false, 'cumulative', 'figure', 'killed', 'all', "
                    "'SYR', 'stated')"
                ),
                {"c": claim_id, "s": source, "d": day, "v": value},
            )
    old.close()
    store = Store.open(url)
    stored = store.read("casualties", statuses=None).set_index("claim_id")
    assert stored.loc["x3", "repeats"] == "x2"
    assert "310" in stored.loc["x2", "held_reason"]
    assert store.audit()["action"].iloc[-1] == "settle_all"
    store.close()
