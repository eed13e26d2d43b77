"""A team's store saved and restored: every table round-trips exactly (SQLite and
PostgreSQL, and across them), a restore is all or nothing, a newer schema or a damaged file
is refused before anything changes, a copy taken while writes go on is consistent, and every
reader of the store sees that it was restored."""

from __future__ import annotations

import json
import threading
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators import accounts, review
from indicators.alerts import lifecycle
from indicators.alerts.rules import AlertRule
from indicators.cli import main
from indicators.errors import InputError, StoreError
from indicators.read_model import ReadModel, advance
from indicators.store import Store
from indicators.store.backup import _plain as plain
from indicators.store.backup import backup, restore
from indicators.store.tables import alerts, audit_log, metadata
from indicators.table_import import import_table
from indicators.tabular import read_table
from tests.tables import SEED_KILLED, SOURCE, casualty, write_rows


def _busy(store: Store) -> None:
    """A store as a team leaves it after a week: reviews, a rule, alerts with their
    history, accounts, a token, a setting."""
    review.correct(store, SEED_KILLED, {"value_low": "21", "value_best": "21"}, actor="amina")
    lifecycle.save_rule(store, AlertRule("k", "Killed in Aleppo", "killed", warning=1.0),
                        actor="omar")  # fmt: skip
    with store.engine.begin() as conn:
        alert_id = conn.execute(
            alerts.insert().returning(alerts.c.alert_id),
            {"rule_id": "k", "rule_version": 1, "unit": "SY02", "state": "warning",
             "raised_on": date(2024, 12, 5), "status": "new", "last_as_of": date(2024, 12, 5),
             "claim_ids": [SEED_KILLED], "updated_at": datetime(2024, 12, 5, 12, 30, 5)},
        ).scalar()  # fmt: skip
    lifecycle.acknowledge(store, alert_id, actor="omar", comment="seen — تم")
    accounts.add(store, "amina", "editor", actor="admin", password="correct horse battery")
    accounts.add_token(store, "hdx-feed", actor="admin")
    accounts.set_setting(store, "anonymous_viewing", "closed", actor="admin")


def _contents(store: Store, *, skip_restore: bool = True) -> dict[str, list[dict]]:
    with store.engine.connect() as conn:
        found = {}
        for table in metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(sa.select(table).order_by(*order)).mappings()
            found[table.name] = [
                {k: plain(v) for k, v in row.items()}
                for row in rows
                if not (skip_restore and table is audit_log and row["action"] == "restore")
            ]
    return found


def _sqlite(tmp_path: Path, name: str) -> Store:
    return Store(f"sqlite:///{tmp_path / name}")


def test_a_store_round_trips_exactly_into_a_new_store_of_either_backend(
    default_store: Store, tmp_path: Path
) -> None:
    _busy(default_store)
    saved = backup(default_store, tmp_path / "team.backup.zip")
    assert saved.rows["accounts"] == 1 and saved.rows["alert_events"] >= 1
    before = _contents(default_store)
    target = _sqlite(tmp_path, "restored.sqlite")  # PostgreSQL -> SQLite, SQLite -> SQLite
    restore(target, saved.path, actor="admin")
    assert _contents(target) == before
    again = backup(target, tmp_path / "again.zip")  # and back, over the original: --replace
    restore(default_store, again.path, replace=True, actor="admin")
    assert _contents(default_store) == before
    # the restored store goes on working: new ids follow the restored ones
    accounts.add(default_store, "omar", "alert_manager", actor="admin")
    lifecycle.save_rule(default_store, AlertRule("k", "Killed", "killed", warning=2.0),
                        actor="omar")  # fmt: skip


def test_a_store_with_rows_is_replaced_only_when_asked(default_store: Store, tmp_path) -> None:
    saved = backup(default_store, tmp_path / "b.zip")
    before = _contents(default_store, skip_restore=False)
    with pytest.raises(InputError, match=r"already holds [\d,]+ rows; .* --replace"):
        restore(default_store, saved.path, actor="admin")
    assert _contents(default_store, skip_restore=False) == before


def test_every_reader_sees_the_restore_and_reads_everything_again(
    default_store: Store, tmp_path: Path
) -> None:
    model = ReadModel.read(default_store)
    saved = backup(default_store, tmp_path / "b.zip")
    _busy(default_store)  # after the backup: a correction the restore takes back
    model = advance(model, default_store)
    restore(default_store, saved.path, replace=True, actor="admin")
    assert default_store.version() > model.version  # above any number the store gave
    after = advance(model, default_store)
    assert after.made_by == "read"
    assert SEED_KILLED in set(after.tables["casualties"]["claim_id"])  # as backed up
    with default_store.engine.connect() as conn:
        entry = conn.execute(sa.select(audit_log).order_by(audit_log.c.audit_id.desc())).first()
    assert (entry.action, entry.actor, entry.details["file"]) == ("restore", "admin", "b.zip")


def _rewrite_manifest(path: Path, change) -> None:
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    manifest = json.loads(parts["manifest.json"])
    change(manifest, parts)
    parts["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)


def test_a_backup_from_a_newer_schema_or_damaged_is_refused_and_nothing_changes(
    default_store: Store, tmp_path: Path
) -> None:
    newer = backup(default_store, tmp_path / "newer.zip").path
    _rewrite_manifest(newer, lambda m, _: m.update(revision="0099"))
    damaged = backup(default_store, tmp_path / "damaged.zip").path

    def cut(manifest, parts):
        parts["casualties.jsonl"] = parts["casualties.jsonl"].rsplit(b"\n", 2)[0] + b"\n"

    _rewrite_manifest(damaged, cut)
    target = _sqlite(tmp_path, "target.sqlite")
    expected = r"newer.zip was made by a newer impact-monitor \(schema 0099; this version knows"
    with pytest.raises(InputError, match=expected):
        restore(target, newer, actor="admin")
    with pytest.raises(InputError, match=r"damaged.zip: the part casualties.jsonl is damaged"):
        restore(target, damaged, actor="admin")
    assert target.revision() is None  # not even the schema was made
    (tmp_path / "not.zip").write_bytes(b"PK not really")
    with pytest.raises(InputError, match=r"not.zip: not a readable impact-monitor backup"):
        restore(target, tmp_path / "not.zip", actor="admin")


def _at_0007_with_one_source(store: Store) -> None:
    """A store as the schema before accounts left it, holding one source."""
    store.upgrade("0007")
    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO sources (source_id, publisher, source_type, reliability) "
                "VALUES ('s1', 'OCHA', 'un_agency', 'unrated')"
            )
        )


def test_a_backup_of_an_older_schema_restores_into_a_new_store_brought_up_to_date(
    store_url: str, tmp_path: Path
) -> None:
    old = Store(store_url)
    _at_0007_with_one_source(old)
    saved = backup(old, tmp_path / "old.zip")
    assert saved.revision == "0007"
    target = _sqlite(tmp_path, "new.sqlite")
    restore(target, saved.path, actor="admin")
    assert target.revision() == Store.head_revision()
    assert target.read("sources")["source_id"].tolist() == ["s1"]
    with pytest.raises(InputError, match=r"made by an older impact-monitor .* new, empty database"):
        restore(Store.open(f"sqlite:///{tmp_path / 'at-head.sqlite'}"), saved.path, actor="a")
    old.close()


def test_a_backup_taken_while_imports_go_on_is_one_consistent_moment(
    default_store: Store, tmp_path: Path
) -> None:
    source = {**SOURCE, "source_id": "src-busy"}
    import_table(default_store, read_table(write_rows(tmp_path / "s.csv", [source])),
                 "sources", actor="t")  # fmt: skip
    stop, done = threading.Event(), []

    def writer() -> None:
        while not stop.is_set() and len(done) < 300:
            n = len(done)
            rows = [casualty(claim_id=f"busy-{n}-{i}", source_id="src-busy") for i in range(20)]
            path = write_rows(tmp_path / f"w{n}.csv", rows)
            done.append(import_table(default_store, read_table(path), "casualties", actor="t"))

    thread = threading.Thread(target=writer)
    thread.start()
    saved = []
    try:
        while len(done) < 30 and thread.is_alive():  # copies taken while imports go on
            saved.append(backup(default_store, tmp_path / f"b{len(saved)}.zip"))
    finally:
        stop.set()
        thread.join()
    for one in saved:
        with zipfile.ZipFile(one.path) as archive:
            log = [json.loads(x) for x in archive.read("audit_log.jsonl").splitlines()]
            rows = [json.loads(x) for x in archive.read("casualties.jsonl").splitlines()]
        batches = {
            e["batch_id"]: e["row_count"]
            for e in log
            if e["action"] == "import" and e["table_name"] == "casualties"
        }
        held: dict[str, int] = {}
        for row in rows:
            held[row["batch_id"]] = held.get(row["batch_id"], 0) + 1
        # every import the copy's log records is there whole, and nothing it does not record
        assert all(held.get(b) == n for b, n in batches.items())
        busy = {r["batch_id"] for r in rows if r["claim_id"].startswith("busy-")}
        assert busy <= set(batches)
    assert len(saved) >= 2 and saved[-1].rows["casualties"] > saved[0].rows["casualties"]


def test_the_command_line_backs_up_and_restores(
    default_store: Store, tmp_path: Path, capsys
) -> None:
    file = tmp_path / "cli.zip"
    assert main(["--database", default_store.url, "backup", str(file)]) == 0
    assert "saved cli.zip:" in capsys.readouterr().out
    target = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert main(["--database", target, "restore", str(file)]) == 0
    assert "restored cli.zip:" in capsys.readouterr().out
    assert main(["--database", target, "restore", str(file)]) == 1
    assert "--replace" in capsys.readouterr().err


def test_a_failed_restore_into_a_new_database_leaves_no_tables(
    store_url: str, tmp_path: Path
) -> None:
    old = Store(store_url)
    _at_0007_with_one_source(old)
    good = backup(old, tmp_path / "good.zip").path
    old.close()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(good.read_bytes())

    def twice(manifest, parts):  # the same source twice: the rows cannot load
        parts["sources.jsonl"] = parts["sources.jsonl"] * 2
        manifest["tables"]["sources"]["rows"] = 2
        import hashlib

        manifest["tables"]["sources"]["sha256"] = hashlib.sha256(parts["sources.jsonl"]).hexdigest()

    _rewrite_manifest(bad, twice)
    target = _sqlite(tmp_path, "new.sqlite")
    with pytest.raises(StoreError, match="the rows do not load"):
        restore(target, bad, actor="admin")
    with target.engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == []  # nothing half made
    restore(target, good, actor="admin")  # and the good file then restores
    assert target.read("sources")["source_id"].tolist() == ["s1"]
