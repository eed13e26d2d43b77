"""The read model: brought up to date by applying what changed, shared reading with no
writes, and two real workers that see each other's writes by applying them."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from indicators.alerts.lifecycle import save_rule
from indicators.alerts.rules import AlertRule
from indicators.read_model import ReadModel, advance
from indicators.report_ingest import ingest
from indicators.reports import read_report
from indicators.review import correct, set_status
from indicators.store import Store
from indicators.table_import import import_table
from indicators.tabular import read_table
from tests.tables import ALERT_MANAGER, SEED_KILLED, casualty, write_rows

REPORT = """---
publisher: Test agency
published: 2024-12-06
---
On 6 December, 7 civilians were killed and 12 injured in Hama.
"""


def _ingest(store: Store, tmp_path: Path) -> list[str]:
    path = tmp_path / "flash.txt"
    path.write_text(REPORT, encoding="utf-8")
    done = ingest(store, read_report(path), actor="tester")
    pending = store.read("casualties", statuses=("pending",))
    return sorted(pending.loc[pending["source_id"] == done.source_id, "claim_id"])


def _same(applied: ReadModel, read: ReadModel) -> None:
    """The model made by applying changes holds what a full read holds."""
    assert applied.version == read.version
    for table, frame in read.tables.items():
        mine = applied.tables[table].sort_values("claim_id").reset_index(drop=True)
        theirs = frame.sort_values("claim_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine[theirs.columns], theirs, check_dtype=False)
    assert sorted(applied.sources["source_id"]) == sorted(read.sources["source_id"])
    assert [(r.rule_id, r.version) for r in applied.rules] == [
        (r.rule_id, r.version) for r in read.rules
    ]


def test_reviews_imports_corrections_and_rules_are_applied_not_read_again(
    default_store: Store, tmp_path: Path
) -> None:
    model = ReadModel.read(default_store)
    before = len(model.tables["casualties"])
    ids = _ingest(default_store, tmp_path)  # pending: nothing to show yet
    set_status(default_store, [ids[0]], "accepted", actor="tester")
    set_status(default_store, [ids[1]], "rejected", actor="tester", reason="test")
    correct(default_store, SEED_KILLED, {"value_low": "21", "value_best": "21"}, actor="tester")
    rows = [casualty(claim_id="imported-1", source_id=model.sources["source_id"].iloc[0])]
    import_table(
        default_store,
        read_table(write_rows(tmp_path / "c.csv", rows)),
        "casualties",
        actor="tester",
        accept=True,  # accepted by the importing account (a file's own review is not kept)
    )
    save_rule(default_store, AlertRule("r-new", "New rule", "killed", warning=1), actor="t")
    applied = advance(model, default_store)
    assert applied.made_by == "changes"
    _same(applied, ReadModel.read(default_store))
    casualties = set(applied.tables["casualties"]["claim_id"])
    assert {ids[0], "imported-1", f"{SEED_KILLED}-c1"} <= casualties
    assert ids[1] not in casualties and SEED_KILLED not in casualties
    assert len(applied.tables["casualties"]) == before + 2  # +accepted +imported, correction 1:1
    assert applied.rule("r-new") is not None


def test_a_change_it_cannot_apply_makes_a_full_read_and_says_so(
    default_store: Store, caplog
) -> None:
    model = ReadModel.read(default_store)
    with default_store.engine.begin() as conn:  # a restore, say: nobody knows what changed
        conn.execute(
            sa.text(
                "insert into audit_log (at, actor, action, table_name, row_count) "
                "values (:at, 'admin', 'restore', 'casualties', 0)"
            ),
            {"at": pd.Timestamp("2026-01-01").to_pydatetime()},
        )
    with caplog.at_level(logging.WARNING, logger="indicators.read_model"):
        fresh = advance(model, default_store)
    assert fresh.made_by == "read" and fresh.version == default_store.version()
    assert "full re-read" in caplog.text and "restore" in caplog.text


def test_series_of_unchanged_tables_are_kept(default_store: Store) -> None:
    model = ReadModel.read(default_store)
    killed = model.evaluator.series("killed", "admin1", None)
    strain = model.evaluator.series("strain_level", "admin1", None)
    set_status(default_store, ["x-44e101f231-003"], "accepted", actor="t")  # a strain claim
    applied = advance(model, default_store)
    assert applied.evaluator.series("killed", "admin1", None) is killed
    assert applied.evaluator.series("strain_level", "admin1", None) is not strain


def test_a_second_process_maps_the_columnar_copy_and_follows_changes(
    default_store: Store, tmp_path: Path
) -> None:
    """The first reader writes the columnar copy of the store's version; another starts from
    it without reading the store; after a change, the copy of the next version is written
    once and both swap to it."""
    from indicators import columnar
    from indicators.read_model import ReadModelCache

    first, second = ReadModelCache(default_store), ReadModelCache(default_store)
    read = first.get()
    assert read.made_by == "read" and first.full_reads == 1
    mapped = second.get()
    assert mapped.made_by == "shared" and second.full_reads == 0
    _same(mapped, read)
    ids = _ingest(default_store, tmp_path)
    set_status(default_store, ids[:1], "accepted", actor="tester")
    applied = first.get()
    assert applied.made_by in ("changes", "shared")  # applied; mapped once the copy is written
    assert second.get().version == applied.version  # applied there too
    deadline = time.monotonic() + 30
    for cache in (first, second):  # each writes or finds the copy in the background, maps it
        while (model := cache.get()).made_by != "shared":
            assert time.monotonic() < deadline, "the copy was not mapped"
            time.sleep(0.05)
        assert model.version == applied.version
        _same(model, ReadModel.read(default_store))
    assert columnar.has(first.root, applied.version)
    assert (first.full_reads, second.full_reads) == (1, 0)


def test_a_store_made_again_at_the_same_address_does_not_map_the_old_copy(
    tmp_path: Path,
) -> None:
    from indicators.defaults import open_store
    from indicators.read_model import ReadModelCache

    url = f"sqlite:///{tmp_path / 'again.sqlite'}"
    with open_store(url) as store:
        old = ReadModelCache(store)
        old.get()
    for leftover in tmp_path.glob("again.sqlite*"):
        leftover.unlink()
    with Store.open(url) as store:  # same address, same version number, no rows
        fresh = ReadModelCache(store).get()
        assert fresh.made_by == "read"
        assert all(len(t) == 0 for t in fresh.tables.values())


def _points_and_claims(series) -> tuple[pd.DataFrame, dict]:
    points = series.points.drop(columns="point")
    order = ["unit", "day", "count_kind", "cause_key"]
    claims = {}
    for row in series.points.itertuples(index=False):
        ids = sorted(series.claim_ids(np.array([row.point])))
        claims[(row.unit, row.day, row.count_kind, row.cause_key)] = ids
    return points.sort_values(order).reset_index(drop=True), claims


@pytest.mark.parametrize("group_by", ["admin1", "admin2", "all", "wide", "region"])
def test_series_patched_on_the_days_that_changed_equal_series_built_anew(
    sqlite_default_store: Store, tmp_path: Path, group_by: str
) -> None:
    store = sqlite_default_store
    model = ReadModel.read(store)
    for indicator in ("killed", "injured", "missing"):  # no one missing yet: an empty series
        model.evaluator.series(indicator, group_by, None)
        model.evaluator.series(indicator, group_by, "civilians")
    ids = _ingest(store, tmp_path)
    wider = tmp_path / "wider.txt"
    wider.write_text(
        "---\npublisher: Test agency\npublished: 2024-12-01\n---\n"
        "Across the country, 15 people were killed on 30 November.\n"
        "In north-west Syria, 9 civilians were injured on 30 November.\n"
        "In Jebel Saman district, 4 people were killed on 30 November.\n"
        "In Hama, 3 people were missing on 30 November.\n",
        encoding="utf-8",
    )
    ingest(store, read_report(wider), actor="tester")
    pending = store.read("casualties", statuses=("pending",))["claim_id"]
    set_status(store, sorted(set(pending) - {ids[-1]}), "accepted", actor="tester")
    correct(store, SEED_KILLED, {"admin1_pcode": "SY07", "admin2_pcode": None}, actor="tester")
    applied = advance(model, store)
    fresh = ReadModel.read(store)
    for indicator in ("killed", "injured", "missing"):
        for group in (None, "civilians"):
            key = (indicator, group_by, group, None)
            assert key in applied.evaluator._stale  # carried over, to patch when asked for
            mine = _points_and_claims(applied.evaluator.series(*key))
            theirs = _points_and_claims(fresh.evaluator.series(indicator, group_by, group))
            pd.testing.assert_frame_equal(mine[0], theirs[0], check_dtype=False)
            assert mine[1] == theirs[1]


def test_changes_over_several_versions_are_patched_together(
    sqlite_default_store: Store, tmp_path: Path
) -> None:
    """Two versions pass before anyone asks for the series: both changes reach it."""
    store = sqlite_default_store
    model = ReadModel.read(store)
    model.evaluator.series("killed", "admin1", None)
    ids = _ingest(store, tmp_path)
    set_status(store, ids, "accepted", actor="tester")
    middle = advance(model, store)  # nobody draws killed at this version
    correct(store, SEED_KILLED, {"admin1_pcode": "SY07", "admin2_pcode": None}, actor="tester")
    last = advance(middle, store)
    mine = _points_and_claims(last.evaluator.series("killed", "admin1", None))
    fresh = ReadModel.read(store).evaluator.series("killed", "admin1", None)
    theirs = _points_and_claims(fresh)
    pd.testing.assert_frame_equal(mine[0], theirs[0], check_dtype=False)
    assert mine[1] == theirs[1]


def test_rules_graded_after_a_change_agree_with_a_fresh_model(
    sqlite_default_store: Store, tmp_path: Path
) -> None:
    """Grids of rules whose table did not change are kept; every verdict still equals the
    one a fresh model gives."""
    from datetime import date

    store = sqlite_default_store
    hama = AlertRule("hama-new", "New deaths in Hama", "killed", window="sum", window_days=7,
                     scope_admin1=("SY05",), population_group="civilians", warning=1)  # fmt: skip
    save_rule(store, hama, actor="tester")
    model = ReadModel.read(store)
    days = (date(2024, 12, 7), date(2024, 12, 9))

    def verdicts(m: ReadModel, day: date) -> list[tuple]:
        return sorted(
            (s.rule_id, s.unit, s.state, s.certainty, s.value, s.low, s.high, s.claim_ids)
            for s in m.evaluator.evaluate_all(m.enabled_rules, day)
        )

    before = {day: verdicts(model, day) for day in days}
    ids = _ingest(store, tmp_path)  # 7 civilians killed in Hama on 6 December
    set_status(store, ids, "accepted", actor="tester")
    applied = advance(model, store)
    assert applied.evaluator._grid_cache  # the grids of unchanged tables came along
    fresh = ReadModel.read(store)
    for day in days:
        assert verdicts(fresh, day) != before[day]  # the change matters to a rule
        assert verdicts(applied, day) == verdicts(fresh, day)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(address: str) -> dict:
    with urllib.request.urlopen(address, timeout=30) as r:
        return json.loads(r.read())


def test_two_workers_see_each_others_writes_by_applying_them(
    store_url: str, tmp_path: Path
) -> None:
    """Two gunicorn workers over one store (SQLite file or PostgreSQL): a claim accepted and
    a rule saved by another process are in every worker's next answer, by applying the
    change: neither worker reads the whole store again."""
    from indicators.defaults import open_store

    open_store(store_url).close()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": store_url}
    command = str(Path(sys.executable).with_name("impact-monitor"))
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [command, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/api/v1"

    def statuses(n: int = 16) -> dict[int, dict]:
        """Each worker's answer: requests in parallel until both have answered (the kernel
        hands a connection to whichever worker takes it first)."""
        seen: dict[int, dict] = {}
        deadline = time.monotonic() + 30
        with ThreadPoolExecutor(max_workers=8) as pool:
            while len(seen) < 2 and time.monotonic() < deadline:
                for answer in pool.map(lambda _: _get(f"{base}/status.json"), range(n)):
                    seen[answer["worker"]] = answer
        return seen

    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/status.json")
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not answer in 90 s"
                time.sleep(0.3)
        first = statuses()
        assert len(first) == 2, "both workers answer"
        accepted = next(iter(first.values()))["accepted_claims"]["casualties"]
        # one worker read the store, the other mapped the columnar copy it wrote
        assert sorted(a["made_by"] for a in first.values()) == ["read", "shared"]
        with Store(store_url) as store:
            ids = _ingest(store, tmp_path)
            set_status(store, ids[:1], "accepted", actor="another process")
            save_rule(
                store,
                AlertRule("any-killing", "Any killing", "killed", window="max", group_by="all",
                          window_days=30, warning=1),
                actor="another process",
            )  # fmt: skip
            version = store.version()
        after = statuses()
        assert len(after) == 2
        for worker, answer in after.items():
            assert answer["version"] == version
            assert answer["made_by"] in ("changes", "shared")  # applied, then mapped
            assert answer["full_reads"] == first[worker]["full_reads"]  # nothing read again
            assert answer["accepted_claims"]["casualties"] == accepted + 1
        for _ in range(10):
            alerts = _get(f"{base}/alerts.json?as_of=2024-12-07")
            assert "any-killing" in {a["rule_id"] for a in alerts["alerts"]}
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def spied_app(default_store: Store):
    """The app over the default store, after its one start-up upkeep, with every statement
    that would change the store recorded."""
    from dashboard.app import create_app

    app = create_app(default_store)
    writes: list[str] = []

    def spy(conn, cursor, statement, parameters, context, executemany):
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER"):
            writes.append(statement.split("\n", 1)[0][:120])

    sa.event.listen(default_store.engine, "before_cursor_execute", spy)
    yield app, writes
    sa.event.remove(default_store.engine, "before_cursor_execute", spy)


def test_no_page_chart_or_api_request_writes_to_the_store(spied_app) -> None:
    """Every page (on the live day and on earlier days), the charts, the claims behind a
    point and every API address, with the store's statements watched: none writes."""
    from dashboard import query, views
    from indicators import catalogue

    app, writes = spied_app
    client = app.server.test_client()
    days = ("", "?as_of=2024-12-31", "?as_of=2024-12-05", "?as_of=2024-11-30")
    for path in ("/", "/casualties", "/displacement", "/hospitals", "/alerts", "/review"):
        for day in days:
            assert client.get(path + day).status_code == 200
    assert client.get("/data?table=hospital_strain").status_code == 200
    for page in dash_pages():
        for day in days:
            page["layout"](**dict(p.split("=") for p in day[1:].split("&") if p))
    for indicator in catalogue.INDICATORS:
        for day in ("2024-12-05", "2024-12-31"):
            view = query.parse(f"as_of={day}")
            fig, _ = views.trend_view(indicator, view)
            shown = [t["customdata"] for t in fig["data"] if t.get("customdata") is not None]
            for custom in shown[:1]:
                point = [str(v) for v in list(custom[0])]
                views.claims_view(indicator, view, {"points": [{"customdata": point}]})
    for address in (
        "/api/v1/alerts.json",
        "/api/v1/alerts.json?as_of=2024-12-05",
        "/api/v1/status.json",
        "/api/v1/tables/casualties.hxl.csv",
        "/api/v1/tables/hospital_strain.json?admin1=SY02",
    ):
        assert client.get(address).status_code == 200
    assert writes == []


def test_the_spy_sees_a_write(spied_app) -> None:
    """The test above can fail: a rule saved through the editor is seen."""
    from dashboard import rule_editor

    _, writes = spied_app
    values = {
        "rule_id": "spy", "name": "Spy", "indicator": "killed", "condition": "level",
        "window": "max", "window_days": "14", "group_by": "admin1", "scope_admin1": ["SY02"],
        "population_group": None, "warning": "5", "critical": "30", "uncertainty": "range",
        "rise_floor": "0", "pending_days": "0", "cooldown_days": "0", "recovery": None,
        "activity_indicator": None, "activity_days": "14", "facility": None, "reason": "t",
        "enabled": ["enabled"],
    }  # fmt: skip
    _, saved = rule_editor.save(values, ALERT_MANAGER)
    assert saved
    assert any(w.upper().startswith("INSERT") for w in writes)


def dash_pages() -> list[dict]:
    import dash

    return [p for p in dash.page_registry.values() if callable(p.get("layout"))]


def test_pages_read_the_rules_from_the_model_not_the_store(default_store: Store) -> None:
    """Each render used to query the rules up to 10 times; now the model holds them, read
    once per version."""
    import dash

    from dashboard.app import create_app

    create_app(default_store)
    asked: list[str] = []

    def spy(conn, cursor, statement, parameters, context, executemany):
        if "alert_rules" in statement:
            asked.append(statement.split("\n", 1)[0][:80])

    sa.event.listen(default_store.engine, "before_cursor_execute", spy)
    try:
        for page in dash.page_registry.values():
            for params in ({}, {"as_of": "2024-12-05"}):
                page["layout"](**params)
    finally:
        sa.event.remove(default_store.engine, "before_cursor_execute", spy)
    assert asked == []


def test_the_api_imports_no_page_or_view_module() -> None:
    """The JSON API reads the core and the process's state, not a UI module (it imported
    ``dashboard.views`` inside a function)."""
    from tests.test_architecture import ROOT, _imports, _modules

    known = set(_modules())
    used = _imports(ROOT / "dashboard" / "api.py", "dashboard.api", known)
    assert not {m for m in used if m.startswith(("dashboard.views", "dashboard.pages"))}
    assert not {m for m in used if m in ("dashboard.figures", "dashboard.components")}


def test_the_columnar_copy_gives_back_every_value_as_views_of_the_file(tmp_path: Path) -> None:
    """Text, nullable numbers and flags, days with gaps: the same values come back, in claim
    id order, and the numbers and days are views of the mapped file (shared by the workers,
    not copied into each)."""
    from indicators import columnar

    frame = pd.DataFrame(
        {
            "claim_id": pd.array(["c3", "c1", "c2"], dtype="string[pyarrow]"),
            "admin1_pcode": pd.array(["SY02", None, "SY07"], dtype="string[pyarrow]"),
            "date_end": pd.to_datetime(["2024-11-30", None, "2024-12-01"]).astype("M8[ns]"),
            "value_best": pd.array([7.0, None, 0.0], dtype="Float64"),
            "value_derived": pd.array([True, None, False], dtype="boolean"),
        }
    )
    columnar.save(tmp_path, 4, {"casualties": frame})
    back = columnar.load(tmp_path, 4, ["casualties"])["casualties"]
    expected = frame.sort_values("claim_id", ignore_index=True)
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)
    assert back["date_end"].dtype == "datetime64[ns]"
    assert str(back["value_best"].dtype) == "Float64"
    for name in ("date_end", "value_best", "value_derived"):
        values = back[name].array
        data = values._data if hasattr(values, "_data") else values._ndarray
        assert not data.flags.owndata and not data.flags.writeable, name  # mapped
