"""Alert rules, reconciled series, evaluation at the edges, lifecycle and back-tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from indicators.alerts import lifecycle
from indicators.alerts.evaluate import Evaluator
from indicators.alerts.rules import AlertRule, check
from indicators.errors import InputError
from indicators.store import Store, TableWrite
from indicators.tabular import read_table
from indicators.validation import validate
from tests.tables import SOURCE, write_rows

OCCUPANCY = AlertRule(
    "beds",
    "Bed occupancy",
    "bed_occupancy",
    warning=85,
    critical=100,
    window="latest",
    window_days=3,
    recovery=80,
)


def strain_row(
    n: int,
    day: str,
    low: str,
    best: str = "",
    high: str = "",
    *,
    admin1: str = "SY02",
    qualifier: str | None = None,
    source: str = "src-test",
    derived: bool = False,
) -> dict[str, str]:
    best = best or low
    q = qualifier or ("exact" if low == best == (high or best) else "range")
    row = {
        "claim_id": f"h{n}",
        "source_id": source,
        "measure": "bed_occupancy",
        "admin1_pcode": admin1,
        "place_precision": "admin1",
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "qualifier": q,
        "value_low": low,
        "value_best": best if q != "range" else "",
        "value_high": high or best,
        "unit": "percent",
        "count_kind": "stock",
        "review_status": "accepted",
    }
    if derived:
        row.update(
            value_derived="true", unit="people", unit_stated="households", household_size="5"
        )
    return row


def evaluator(tmp_path: Path, rows: list[dict]) -> Evaluator:
    claims = validate(read_table(write_rows(tmp_path / "h.csv", rows)), "hospital_strain")
    assert claims.ok, claims.lines()
    sources = validate(read_table(write_rows(tmp_path / "s.csv", [SOURCE])), "sources")
    empty = dict.fromkeys(("casualties", "displacement"), claims.frame.iloc[0:0])
    return Evaluator({**empty, "hospital_strain": claims.frame}, sources.frame)


def state_on(ev: Evaluator, rule: AlertRule, day: str):
    (state,) = ev.evaluate(rule, date.fromisoformat(day))
    return state


# -- rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"critical": 80.0}, "critical level (80) is below the warning level (85)"),
        ({"indicator": "deaths"}, "unknown indicator 'deaths'"),
        ({"scope_admin1": ("SY99",)}, "unknown governorate p-code SY99"),
        ({"window_days": -1}, "the window must be at least 1 day"),
        ({"warning": None, "critical": None}, "give a warning level"),
        ({"recovery": 90.0}, "recovery level (90) is above the warning level"),
        ({"window": "sum"}, "a sum of bed occupancy"),
        ({"cooldown_days": -2}, "the cooldown cannot be negative"),
    ],
)
def test_a_bad_rule_is_refused_with_its_reason(changes: dict, reason: str) -> None:
    with pytest.raises(InputError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        check(replace(OCCUPANCY, **changes))


# -- evaluation at the edges -----------------------------------------------------------------


def test_exactly_at_the_threshold_fires_and_just_below_does_not(tmp_path: Path) -> None:
    ev = evaluator(
        tmp_path, [strain_row(1, "2024-12-01", "85"), strain_row(2, "2024-12-02", "84.9")]
    )
    at = state_on(ev, OCCUPANCY, "2024-12-01")
    assert (at.state, at.certainty, at.threshold) == ("warning", "confirmed", 85)
    assert at.claim_ids == ("h1",)
    assert state_on(ev, OCCUPANCY, "2024-12-02").state == "ok"


def test_critical_outranks_warning(tmp_path: Path) -> None:
    ev = evaluator(tmp_path, [strain_row(1, "2024-12-01", "100")])
    assert state_on(ev, OCCUPANCY, "2024-12-01").state == "critical"


def test_no_data_in_the_window_is_no_data_not_zero(tmp_path: Path) -> None:
    ev = evaluator(tmp_path, [strain_row(1, "2024-12-01", "90")])
    gap = state_on(ev, OCCUPANCY, "2024-12-05")  # the 3-day window ends 12-03..12-05
    assert (gap.state, gap.value) == ("no_data", None)


def test_a_gap_does_not_end_an_alert_the_latest_known_value_carries_in_its_window(
    tmp_path: Path,
) -> None:
    ev = evaluator(tmp_path, [strain_row(1, "2024-12-01", "90"), strain_row(2, "2024-12-04", "95")])
    assert state_on(ev, OCCUPANCY, "2024-12-03").state == "warning"  # 12-01 still in window
    assert state_on(ev, OCCUPANCY, "2024-12-04").value == 95


def test_a_range_that_straddles_a_level_is_possible_not_confirmed(tmp_path: Path) -> None:
    ev = evaluator(tmp_path, [strain_row(1, "2024-12-01", "80", high="90")])
    state = state_on(ev, OCCUPANCY, "2024-12-01")
    assert (state.state, state.certainty, state.low, state.high) == ("warning", "possible", 80, 90)
    headline = replace(OCCUPANCY, uncertainty="headline")
    assert state_on(ev, headline, "2024-12-01").state == "ok"  # no best: headline is the low


def test_sources_that_disagree_make_one_point_with_their_range(tmp_path: Path) -> None:
    ev = evaluator(tmp_path, [strain_row(1, "2024-12-01", "80"), strain_row(2, "2024-12-01", "92")])
    state = state_on(ev, OCCUPANCY, "2024-12-01")
    assert (state.low, state.high, state.certainty) == (80, 92, "possible")
    assert state.claim_ids == ("h1", "h2")


def test_a_series_that_falls_below_recovery_recovers_in_the_backtest(tmp_path: Path) -> None:
    ev = evaluator(
        tmp_path,
        [
            strain_row(1, "2024-12-01", "90"),
            strain_row(2, "2024-12-02", "82"),  # below 85, above 80
            strain_row(3, "2024-12-03", "79"),
        ],
    )
    raised = ev.backtest(OCCUPANCY)
    assert [(a["raised"], a["resolved"]) for a in raised] == [
        (date(2024, 12, 1), date(2024, 12, 3))
    ]


def test_pending_period_and_cooldown_in_the_backtest(tmp_path: Path) -> None:
    rows = [
        strain_row(i, f"2024-12-{d:02d}", v)
        for i, (d, v) in enumerate(
            [(1, "90"), (2, "90"), (3, "70"), (4, "90"), (5, "90"), (6, "90")], 1
        )
    ]
    ev = evaluator(tmp_path, rows)
    assert len(ev.backtest(OCCUPANCY)) == 2  # raised 12-01, recovered 12-03, raised 12-04
    pending = replace(OCCUPANCY, pending_days=1)
    assert [a["raised"] for a in ev.backtest(pending)] == [date(2024, 12, 2), date(2024, 12, 5)]
    cooled = replace(OCCUPANCY, cooldown_days=3)
    assert [a["raised"] for a in ev.backtest(cooled)] == [date(2024, 12, 1), date(2024, 12, 6)]


def test_a_derived_value_makes_an_alert_possible_never_confirmed(tmp_path: Path) -> None:
    rule = AlertRule("crowd", "Crowding", "bed_occupancy", warning=85, window_days=3)
    ev = evaluator(tmp_path, [strain_row(1, "2024-12-01", "90", derived=True)])
    assert state_on(ev, rule, "2024-12-01").certainty == "possible"


def test_no_data_rules_count_days_since_the_last_report(tmp_path: Path) -> None:
    rule = AlertRule(
        "silent",
        "No report",
        "bed_occupancy",
        condition="no_data",
        warning=3,
        critical=7,
        scope_admin1=("SY02", "SY07"),
    )
    ev = evaluator(tmp_path, [strain_row(1, "2024-12-01", "50")])
    states = {s.unit: s for s in ev.evaluate(rule, date(2024, 12, 4))}
    assert (states["SY02"].state, states["SY02"].value) == ("warning", 3)
    assert (states["SY07"].state, states["SY07"].value) == ("critical", None)  # never reported
    assert {s.unit: s.state for s in ev.evaluate(rule, date(2024, 12, 3))}["SY02"] == "ok"


@pytest.mark.parametrize("group_by", ["admin1", "admin2", "facility", "all"])
def test_a_grouping_the_claims_do_not_name_gives_no_points_not_empty_ones(
    sqlite_default_store: Store, group_by: str
) -> None:
    """No district or facility is named for patients treated: no point, rather than one
    with no place (an empty frame given a longer column took that column's rows)."""
    evaluator = Evaluator.from_store(sqlite_default_store)
    for indicator in ("patients_treated", "facilities_affected", "evacuated"):
        points = evaluator.series(indicator, group_by, None).points
        assert points["unit"].notna().all(), (indicator, group_by)


def test_sums_never_add_cumulative_counts_day_by_day(sqlite_default_store: Store) -> None:
    ev = Evaluator.from_store(sqlite_default_store)
    summed = AlertRule(
        "k", "Killed", "killed", warning=1, window="sum", window_days=7, group_by="all"
    )
    (state,) = ev.evaluate(summed, date(2024, 12, 2))
    latest = replace(summed, window="latest")
    (toll,) = ev.evaluate(latest, date(2024, 12, 2))
    assert state.value < toll.value  # the sum holds new counts only, far below the toll
    assert toll.value == 412 and toll.high == 514


# -- lifecycle on both stores ------------------------------------------------------------------


def test_lifecycle_raise_ack_silence_resolve_and_refire(store_url: str, tmp_path: Path) -> None:
    with Store.open(store_url) as store:
        sources = validate(read_table(write_rows(tmp_path / "s.csv", [SOURCE])), "sources")
        store.write([TableWrite("sources", sources.frame)], actor="t")
        rows = [
            strain_row(1, "2024-12-01", "90"),
            strain_row(2, "2024-12-03", "70"),
            strain_row(3, "2024-12-05", "95"),
        ]
        claims = validate(
            read_table(write_rows(tmp_path / "h.csv", rows)),
            "hospital_strain",
            store.context("hospital_strain"),
        )
        store.write([TableWrite("hospital_strain", claims.frame)], actor="t")
        rule = lifecycle.save_rule(store, OCCUPANCY, actor="amal")
        assert rule.version == 1

        def run(day: str) -> pd.DataFrame:
            ev = Evaluator.from_store(store)
            d = date.fromisoformat(day)
            lifecycle.sync(store, ev.evaluate_all([rule], d), [rule], as_of=d)
            return lifecycle.all_alerts(store)

        first = run("2024-12-01").iloc[0]
        assert (first["status"], first["state"], list(first["claim_ids"])) == (
            "new",
            "warning",
            ["h1"],
        )
        lifecycle.acknowledge(store, int(first["alert_id"]), actor="amal", comment="calling")
        lifecycle.silence(
            store, int(first["alert_id"]), until=date(2024, 12, 9), reason="known", actor="amal"
        )
        assert run("2024-12-03").iloc[0]["status"] == "resolved"  # 70 < recovery 80
        both = run("2024-12-05")
        assert len(both) == 2
        assert both.iloc[1]["previous_alert_id"] == first["alert_id"]
        events = lifecycle.history(store, int(first["alert_id"]))
        assert events["action"].tolist() == ["raised", "acknowledged", "silenced", "recovered"]
        assert events["actor"].tolist()[1] == "amal"
        with pytest.raises(Exception, match="already resolved"):
            lifecycle.resolve(store, int(first["alert_id"]), actor="amal", comment=None)


def test_rules_are_versioned_and_audited(store_url: str) -> None:
    with Store.open(store_url) as store:
        lifecycle.save_rule(store, OCCUPANCY, actor="amal")
        lifecycle.save_rule(store, replace(OCCUPANCY, warning=90), actor="omar")
        current = lifecycle.rule(store, "beds")
        assert (current.version, current.warning) == (2, 90)
        versions = lifecycle.rule_versions(store, "beds")
        assert versions["saved_by"].tolist() == ["amal", "omar"]
        assert store.audit()["action"].tolist()[-2:] == ["rule_saved", "rule_saved"]


# -- the default rules on the default data -----------------------------------------------------


def test_the_default_rules_raise_what_a_coordinator_expects(sqlite_default_store: Store) -> None:
    rules = lifecycle.rules(sqlite_default_store)
    assert len(rules) == 7 and all(r.reason for r in rules)
    ev = Evaluator.from_store(sqlite_default_store)
    firing = {
        (s.rule_id, s.unit_name, s.state)
        for s in ev.evaluate_all(rules, date(2024, 12, 5))
        if s.firing
    }
    assert ("hospital-strain-level", "Aleppo", "critical") in firing
    assert ("health-attack-governorate", "Aleppo", "warning") in firing
    assert ("strain-report-overdue", "Idleb", "critical") in firing
    assert any(r == "deaths-national" for r, _, _ in firing)
    assert not any(r == "bed-occupancy" for r, _, _ in firing)  # no occupancy data: silent
    quiet = {s.rule_id for s in ev.evaluate_all(rules, date(2024, 11, 20)) if s.firing}
    assert "hospital-strain-level" not in quiet and "deaths-national" not in quiet


def test_the_alerts_command_lists_and_acts(tmp_path: Path, capsys) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 's.sqlite'}", "--actor", "amal"]
    assert main([*db, "alerts", "--as-of", "2024-12-05"]) == 0  # a look back: verdicts then
    out = capsys.readouterr().out
    assert "(then) CRITICAL · Hospitals strained or overwhelmed · Aleppo · " in out
    assert "· confirmed · since" in out
    assert "not the current day (2024-12-31)" in out and "#" not in out
    assert main([*db, "rules", "edit", "health-attacks-national", "--warning", "1"]) == 0
    assert main([*db, "alerts"]) == 0  # the current day, as on the dashboard: stored alerts
    out = capsys.readouterr().out
    assert "an archive" in out and "Alerts as of 2024-12-31" in out
    alert_id = out.split("#")[1].split()[0]
    assert main([*db, "alerts", "ack", alert_id, "--comment", "on it"]) == 0
    assert main([*db, "alerts", "--format", "json"]) == 0
    capsys.readouterr()
    assert main([*db, "rules", "backtest", "deaths-national", "--warning", "300"]) == 0
    assert "would have raised" in capsys.readouterr().out
    assert main([*db, "rules", "edit", "deaths-national", "--critical", "50"]) == 1
    assert "below the warning level" in capsys.readouterr().err
    assert main([*db, "rules", "disable", "bed-occupancy"]) == 0
    assert main([*db, "rules", "list"]) == 0
    assert "bed-occupancy v2 [disabled]" in capsys.readouterr().out


def test_a_no_data_backtest_runs_to_the_newest_claim(sqlite_default_store: Store) -> None:
    ev = Evaluator.from_store(sqlite_default_store)
    raised = ev.backtest(lifecycle.rule(sqlite_default_store, "strain-report-overdue"))
    by_place = {a["unit_name"]: a for a in raised}
    assert by_place["Idleb"]["value"] is None  # never reported: no number invented
    assert by_place["Aleppo"]["raised"] == date(2024, 12, 3)  # 3 days after 30 November


def test_the_backtest_says_what_a_sum_cannot_see(tmp_path: Path, capsys) -> None:
    db = ["--database", f"sqlite:///{tmp_path / 's.sqlite'}"]
    assert main([*db, "rules", "backtest", "deaths-national", "--window", "sum"]) == 0
    out = capsys.readouterr().out
    assert "NOTE: A sum over 7 days adds up new counts only" in out and "tolls" in out


def test_a_value_moving_around_the_threshold_does_not_flip_every_day(tmp_path: Path) -> None:
    """Occupancy 86, 84, 86, 84... around a warning level of 85, with no recovery level set:
    one alert, not one every other day; each raise and recovery says why."""
    values = [86, 84] * 6 + [60]
    rows = [strain_row(i, f"2024-12-{i + 1:02d}", str(v)) for i, v in enumerate(values)]
    rule = AlertRule("occ", "Occupancy", "bed_occupancy", warning=85.0, critical=100.0,
                     window="latest", window_days=1, group_by="admin1")  # fmt: skip
    raised = evaluator(tmp_path, rows).backtest(rule)
    assert len(raised) == 1
    [alert] = raised
    assert alert["why"] == "86 reached the warning level 85"
    assert alert["resolved"] == date(2024, 12, 13)
    assert alert["resolved_why"] == "fell to 60, below the recovery level 68"


def test_a_value_of_one_is_said_in_the_singular() -> None:
    """Issue 15: the Alerts page read '1 attacks' ("1 figures" elsewhere)."""
    from indicators.alerts import wording

    assert wording.number(1, "attacks") == "1 attack"
    assert wording.number(1, "people") == "1 person"
    assert wording.number(2, "attacks") == "2 attacks"
    assert wording.number(1.4, "facilities") == "1 facility"
    assert wording.number(None, "people") == "unknown"
