"""Events are added up, reports are reconciled: the rows of an event dataset (WHO's attacks
on health care, one attack a row) are distinct events, so a day's events of one source and
place make one figure, their sum, before figures from other sources are compared."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from indicators.alerts import lifecycle
from indicators.alerts.evaluate import Evaluator
from indicators.read_model import ReadModel, advance
from indicators.review import set_status
from indicators.store import Store
from indicators.table_import import import_table
from indicators.tabular import read_table
from indicators.trends import Filters, trend
from tests.tables import SOURCE, write_rows

DAY = pd.Timestamp("2024-12-08")


def _on(points: pd.DataFrame, day: pd.Timestamp = DAY) -> list[float]:
    return points.loc[points["day"] == day, "value"].tolist()


def _whole_country(model: ReadModel) -> pd.DataFrame:
    filters = Filters(date_from=date(2024, 12, 1), date_to=date(2024, 12, 10), country="SYR")
    return trend(model, "attacks_on_health_care", filters, group_by="wide")


def test_who_s_nineteen_attacks_of_8_december_count_nineteen(default_store: Store) -> None:
    model = ReadModel.read(default_store)
    rows = model.tables["hospital_strain"]
    events = rows[(rows["record_type"] == "event") & (rows["date_end"] == DAY)]
    assert len(events) == 19  # WHO's own rows for the day
    points = _whole_country(model)
    assert _on(points) == [19.0]
    point = points[points["day"] == DAY].iloc[0]
    assert point["n_claims"] == 19  # every attack stays behind the point


def test_the_national_seven_day_alert_sums_every_attack(default_store: Store) -> None:
    model = ReadModel.read(default_store)
    rule = lifecycle.rule(default_store, "health-attacks-national")
    [state] = Evaluator(model.tables, model.sources).evaluate(rule, date(2024, 12, 9))
    week = model.tables["hospital_strain"]
    week = week[(week["record_type"] == "event")
                & week["date_end"].between("2024-12-03", "2024-12-09")]  # fmt: skip
    assert state.value == len(week) > 28
    assert state.state == "critical"


def test_reports_of_one_figure_are_still_reconciled_not_added(
    empty_store: Store, tmp_path: Path
) -> None:
    rows = [
        {"claim_id": f"r{i}", "source_id": source, "location_text": "Syria",
         "place_precision": "country", "date_start": "2024-12-08", "date_end": "2024-12-08",
         "qualifier": "exact", "value_low": "4", "value_best": "4", "value_high": "4",
         "unit": "attacks", "count_kind": "new",
         "measure": "attacks_on_health_care"}
        for i, source in enumerate(["s-a", "s-b"])
    ]  # fmt: skip
    events = [{**rows[0], "claim_id": f"e{i}", "source_id": "s-c", "value_low": "1",
               "value_best": "1", "value_high": "1", "record_type": "event"}
              for i in range(6)]  # fmt: skip
    sources = [{**SOURCE, "source_id": s, "publisher": p}
               for s, p in (("s-a", "OCHA"), ("s-b", "WHO"), ("s-c", "WHO SSA"))]  # fmt: skip
    import_table(empty_store, read_table(write_rows(tmp_path / "s.csv", sources)), "sources",
                 actor="t")  # fmt: skip
    path = write_rows(tmp_path / "h.csv", rows + events[:4])
    done = import_table(empty_store, read_table(path), "hospital_strain", actor="t", accept=True)
    assert done.written, done.report.lines()
    model = ReadModel.read(empty_store)
    point = _whole_country(model)
    # two reports of "4 attacks" are one figure, 4; the dataset's four events add up to 4
    assert _on(point) == [4.0]
    assert point.iloc[0]["n_claims"] == 6
    # two more events arrive: the day is added up again, in a patch as in a full read
    path = write_rows(tmp_path / "h2.csv", events[4:])
    done = import_table(empty_store, read_table(path), "hospital_strain", actor="t")
    assert done.written, done.report.lines()
    set_status(empty_store, ["e4", "e5"], "accepted", actor="t")
    patched = advance(model, empty_store)
    assert patched.made_by != "read"
    assert _on(_whole_country(patched)) == _on(_whole_country(ReadModel.read(empty_store)))
    # sources alike: the lowest claim id (e0) heads the day, the events now adding up to 6
    assert _on(_whole_country(patched))[0] == 6.0


def test_a_groups_events_never_add_to_another_groups(empty_store: Store, tmp_path: Path) -> None:
    """One source, one day, one place: an event of all people (10), one of civilians (5),
    one of children (3). All people is 10, with its one claim behind it."""
    from tests.tables import casualty

    sources = [{**SOURCE, "source_id": "s-e"}]
    import_table(empty_store, read_table(write_rows(tmp_path / "s.csv", sources)), "sources",
                 actor="t")  # fmt: skip
    rows = [
        casualty(claim_id=f"ev-{group}", source_id="s-e", population_group=group,
                 value_low=value, value_best=value, value_text=value, qualifier="at_least",
                 record_type="event")
        for group, value in (("all", "10"), ("civilians", "5"), ("children", "3"))
    ]  # fmt: skip
    done = import_table(empty_store, read_table(write_rows(tmp_path / "c.csv", rows)),
                        "casualties", actor="t", accept=True)  # fmt: skip
    assert done.written, done.report.lines()
    model = ReadModel.read(empty_store)
    filters = Filters(date_from=date(2024, 11, 27), date_to=date(2024, 12, 5), country="SYR")
    everyone = trend(model, "killed", filters, group_by="admin1")
    assert everyone[["value", "n_claims"]].values.tolist() == [[10.0, 1]]
    civilians = trend(model, "killed", Filters(**{**filters.__dict__, "group": "civilians"}),
                      group_by="admin1")  # fmt: skip
    assert civilians["value"].tolist() == [5.0]
