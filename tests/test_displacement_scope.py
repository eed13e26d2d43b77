"""Where people are and where they go: a country's new displacement counts movements inside
it; people crossing a border in or out are their own series (arrivals from abroad,
departures abroad). The default data's cross-border rows are recoded, row by row, in the
curation file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from indicators import catalogue
from indicators.read_model import ReadModel
from indicators.store import Store
from indicators.tabular import read_table
from indicators.trends import Filters, headline, trend
from indicators.validation import validate
from tests.tables import CASUALTY, write_rows

PERIOD = Filters(date_from=date(2024, 11, 20), date_to=date(2024, 12, 31), country="SYR")


def test_syria_s_whole_country_line_holds_only_displacement_inside_it(
    default_store: Store,
) -> None:
    model = ReadModel.read(default_store)
    inside = trend(model, "displaced_new", PERIOD, group_by="wide")
    assert 562_000.0 not in set(inside["value"])  # DRC's crossings from Lebanon
    tolls = inside[inside["count_kind"] == "cumulative"].sort_values("day")["value"]
    assert tolls.is_monotonic_increasing  # 562,000 -> 178,000 read as a fall
    card = headline(model, "displaced_new", date(2024, 12, 13), "SYR")
    assert (card["value"], card["low"]) == (1_100_000.0, 1_100_000.0)
    crossed = trend(model, "arrived_from_abroad", PERIOD, group_by="wide")
    assert 562_000.0 in set(crossed["value"])
    iraq = Filters(date_from=date(2024, 12, 1), date_to=date(2024, 12, 15), country="IRQ")
    assert 800.0 in set(trend(model, "arrived_from_abroad", iraq, group_by="wide")["value"])


def test_arrivals_and_departures_are_indicators_of_their_own() -> None:
    assert {"arrived_from_abroad", "left_for_abroad"} <= set(catalogue.INDICATORS)
    assert "arrived_from_abroad" in catalogue.allowed_values("displacement")


def test_new_displacement_from_another_country_is_warned(tmp_path: Path) -> None:
    row = {k: v for k, v in CASUALTY.items() if k not in ("outcome", "population_group")}
    row.update(category="new", term="fled", origin_text="Lebanon", destination_text="Aleppo",
               country="SYR")  # fmt: skip
    inside = {**row, "claim_id": "c2", "origin_text": "Idleb"}
    report = validate(read_table(write_rows(tmp_path / "d.csv", [row, inside])), "displacement")
    assert report.ok, report.lines()
    assert [(w.rule, w.row) for w in report.warnings if w.rule == "W0207"] == [("W0207", 2)]
