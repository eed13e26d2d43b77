"""Population groups as bounds: a figure for a group (civilians, fighters, children) is a
lower bound for all people on the same day and place. 'All people' shows the all-people
figure where there is one, else the largest group's figure, marked; never 'no figures'."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from indicators.read_model import ReadModel, advance
from indicators.store import Store
from indicators.table_import import import_table
from indicators.tabular import read_table
from indicators.trends import Filters, trend
from tests.tables import SOURCE, casualty, write_rows

HAMA = "SY05"


def _hama(model: ReadModel, group: str | None = None) -> pd.DataFrame:
    filters = Filters(date_from=date(2024, 11, 27), date_to=date(2024, 12, 10), admin1=(HAMA,),
                      group=group, country="SYR")  # fmt: skip
    return trend(model, "killed", filters)


def test_hama_all_people_shows_the_civilians_figure_as_a_lower_bound(
    default_store: Store,
) -> None:
    model = ReadModel.read(default_store)
    civilians = _hama(model, "civilians")
    assert not civilians.empty and not civilians["bound"].any()
    everyone = _hama(model)
    toll = everyone[everyone["count_kind"] == "cumulative"]
    assert len(toll) and toll["bound"].all()  # only groups' figures: at least that many
    assert toll["value"].max() >= civilians["value"].max()


def test_a_figure_for_all_people_wins_and_the_groups_do_not_widen_it(
    empty_store: Store, tmp_path: Path
) -> None:
    import_table(empty_store, read_table(write_rows(tmp_path / "s.csv", [SOURCE])), "sources",
                 actor="t")  # fmt: skip
    on = {"date_start": "2024-12-01", "date_end": "2024-12-05", "admin1_pcode": HAMA,
          "location_text": "Hama"}  # fmt: skip

    def row(claim_id: str, group: str, value: str, day: str = "2024-12-05") -> dict:
        return casualty(claim_id=claim_id, population_group=group, value_low=value,
                        value_best=value, value_text=f"at least {value}",
                        **{**on, "date_end": day})  # fmt: skip

    rows = [row("c-civ", "civilians", "150"), row("c-fig", "fighters", "80"),
            row("d-civ", "civilians", "50", "2024-12-04"),
            row("d-fig", "fighters", "90", "2024-12-04")]  # fmt: skip
    done = import_table(empty_store, read_table(write_rows(tmp_path / "c.csv", rows)),
                        "casualties", actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()
    model = ReadModel.read(empty_store)
    points = _hama(model).set_index("day")
    assert points.loc["2024-12-04", ["value", "low", "high", "bound"]].tolist() == [
        90.0, 90.0, 90.0, True
    ]  # fmt: skip
    assert points.loc["2024-12-05", "value"] == 150.0 and points.loc["2024-12-05", "bound"]
    # a figure for all people arrives for 5 December: it heads the day, alone
    more = [row("c-all", "all", "120")]
    done = import_table(empty_store, read_table(write_rows(tmp_path / "a.csv", more)),
                        "casualties", actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()
    patched = advance(model, empty_store)
    assert patched.made_by != "read"
    for m in (patched, ReadModel.read(empty_store)):
        day = _hama(m).set_index("day").loc["2024-12-05"]
        assert (day["value"], day["low"], day["high"], day["bound"], day["n_claims"]) == (
            120.0, 120.0, 120.0, False, 1
        )  # fmt: skip


def test_the_casualties_page_for_hama_shows_figures_not_none(default_store: Store) -> None:
    from dashboard import query, state, views

    state.use(default_store)
    fig, notes = views.trend_view("killed", query.parse("admin1=SY05&as_of=2024-12-10"))
    fig = go.Figure(fig)
    shown = [t for t in fig.data if getattr(t, "mode", None) == "lines+markers"]
    assert shown, "the chart says there are no figures"
    assert any("circle-open" in list(t.marker.symbol) for t in shown)
    assert any("at least: only groups" in str(t.customdata) for t in shown)
    assert "A hollow marker means at least this many" in str(notes)  # the chart says so


def test_a_groups_bound_below_a_known_toll_does_not_read_as_a_fall(default_store: Store) -> None:
    """'At least 370 civilians' in Hama on 5 December says nothing new once 412 people are
    known killed across the country on 2 December: the national toll must not fall."""
    from indicators.alerts.lifecycle import rule

    model = ReadModel.read(default_store)
    filters = Filters(date_from=date(2024, 11, 27), date_to=date(2024, 12, 5), country="SYR")
    tolls = trend(model, "killed", filters, group_by="all")
    tolls = tolls[tolls["count_kind"] == "cumulative"].sort_values("day")
    assert not (tolls["bound"] & (tolls["value"] < tolls["value"].cummax())).any()
    [state] = model.evaluator.evaluate(rule(default_store, "deaths-national"), date(2024, 12, 5))
    assert (state.state, state.value) == ("critical", 412.0)


def test_a_patched_all_people_series_equals_a_full_read(empty_store: Store, tmp_path: Path) -> None:
    """Figures for groups and for all people arriving in any order: the series a patch
    makes is the one a full read makes (values, bounds and the claims behind each point)."""
    import random

    rng = random.Random(7)
    import_table(empty_store, read_table(write_rows(tmp_path / "s.csv", [SOURCE])), "sources",
                 actor="t")  # fmt: skip

    groups = ["all", "civilians", "children", "children"]

    def batch(n: int, start: int) -> list[dict]:
        rows = []
        for k in range(start, start + n):
            value = str(rng.randint(1, 400))
            rows.append(casualty(
                claim_id=f"r{k:03d}", population_group=rng.choice(groups),
                admin1_pcode=rng.choice([HAMA, "SY02"]), location_text="x",
                date_start="2024-11-27", date_end=f"2024-12-{rng.randint(1, 6):02d}",
                value_low=value, value_best=value, value_text=value))  # fmt: skip
        return rows

    done = import_table(empty_store, read_table(write_rows(tmp_path / "a.csv", batch(10, 0))),
                        "casualties", actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()
    model = ReadModel.read(empty_store)
    for round_ in range(8):
        rows = batch(8, 100 + 10 * round_)
        done = import_table(empty_store,
                            read_table(write_rows(tmp_path / f"b{round_}.csv", rows)),
                            "casualties", actor="t", accept=True)  # fmt: skip
        assert done.written, done.report.lines()
        model = advance(model, empty_store)
        assert model.made_by != "read"
        full = ReadModel.read(empty_store)
        filters = Filters(date_from=date(2024, 11, 27), date_to=date(2024, 12, 10),
                          country="SYR")  # fmt: skip
        mine = trend(model, "killed", filters, group_by="admin1")
        theirs = trend(full, "killed", filters, group_by="admin1")
        columns = ["unit", "day", "count_kind", "value", "low", "high", "bound", "n_claims"]
        pd.testing.assert_frame_equal(
            mine[columns].sort_values(columns[:3]).reset_index(drop=True),
            theirs[columns].sort_values(columns[:3]).reset_index(drop=True),
            check_dtype=False,
        )


def test_the_breakdown_stacks_one_reports_groups_that_never_overlap(default_store: Store):
    """Issue 14: a breakdown view stacks only groups that do not overlap (civilians,
    fighters, soldiers, unknown), from one report's toll, never children or women."""
    from indicators.breakdown import APART, breakdown

    model = ReadModel.read(default_store)
    syria = Filters(country="SYR")
    parts = breakdown(model, "killed", syria, date(2024, 11, 30))
    assert set(parts["claim_id"]) == {"rf-057"}  # AFP's 311 of 30 November
    assert dict(zip(parts["group"], parts["value"], strict=True)) == {
        "civilians": 28.0, "fighters": 183.0, "soldiers": 100.0
    }  # fmt: skip
    later = breakdown(model, "killed", syria, date(2024, 12, 5))
    assert later["total"].unique().tolist() == [412.0]
    assert dict(zip(later["group"], later["value"], strict=True)) == {
        "civilians": 61.0, "not broken down": 351.0
    }  # fmt: skip
    for frame in (parts, later):
        assert set(frame["group"]) <= {*APART, "not broken down"}
    assert breakdown(model, "killed", Filters(country="SYR", admin1=(HAMA,)), date(2024, 12, 10)
                     ).empty  # fmt: skip


def test_an_alert_rule_on_all_people_says_groups_count_as_bounds() -> None:
    from indicators.alerts.rules import AlertRule
    from indicators.alerts.wording import describe

    said = describe(AlertRule("r", "Killed", "killed", warning=10))
    assert "for all people" in said and "at least that many" in said
    assert "for civilians only" in describe(
        AlertRule("r", "Killed", "killed", warning=10, population_group="civilians")
    )
