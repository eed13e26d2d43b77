"""A team's store in one file, and back: every table (claims, sources, report texts, rules,
alerts and their history, accounts, settings, the audit log), row for row.

The file is a zip archive: ``manifest.json`` (the format, the schema revision the rows
follow, each table's row count and SHA-256) and one JSON-lines part per table, rows in key
order. It is written from one consistent snapshot while the server keeps running (a
repeatable-read transaction on PostgreSQL, SQLite's online backup of the database file), to
a temporary name first, so a backup cut short never replaces a good one. A backup made on
one backend restores on the other.

Restoring checks the whole file before it changes anything, then loads it in one
transaction: a file from a newer schema is refused; one from an older schema is restored
into a new database, which is then brought up to date by the migrations.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.util.exc import CommandError

from indicators.errors import InputError, StoreError
from indicators.origin import current
from indicators.store.store import Store, migration_config
from indicators.store.tables import audit_log, metadata

FORMAT = "impact-monitor-backup/1"
MANIFEST = "manifest.json"
BATCH = 2000


@dataclass(frozen=True)
class Summary:
    """What a backup holds, or a restore loaded."""

    path: Path
    revision: str
    rows: dict[str, int]

    def line(self) -> str:
        total = sum(self.rows.values())
        biggest = sorted(self.rows.items(), key=lambda kv: -kv[1])[:4]
        shown = ", ".join(f"{n:,} {t}" for t, n in biggest if n)
        return f"{self.path.name}: {total:,} rows in {len(self.rows)} tables ({shown})"


# -- backup ------------------------------------------------------------------------------------


def backup(store: Store, path: Path | str) -> Summary:
    """Write every table of ``store`` to ``path``, from one consistent snapshot."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; name the backup file (e.g. store.backup.zip)")
    path.parent.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    parts: dict[str, str] = {}
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        with _snapshot(store) as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
            if revision is None:
                raise StoreError(f"{store.display_url} holds no impact-monitor store")
            _all_tables_known(conn)
            present = set(sa.inspect(conn).get_table_names())
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
                for table in metadata.sorted_tables:
                    if table.name in present:  # an older schema has fewer tables
                        rows[table.name], parts[table.name] = _dump(conn, table, archive)
                manifest = {
                    "format": FORMAT,
                    "revision": revision,
                    "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "made_from": conn.dialect.name,
                    "tables": {name: {"rows": rows[name], "sha256": parts[name]} for name in rows},
                }
                archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
        Path(temporary).replace(path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return Summary(path, revision, rows)


@contextmanager
def _snapshot(store: Store) -> Iterator[sa.Connection]:
    """A connection that sees the store as it stood at one instant, however long the backup
    reads and whoever writes meanwhile."""
    if store.engine.dialect.name == "sqlite":
        source = sa.make_url(store.url).database
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "snapshot.sqlite"
            live, target = sqlite3.connect(source, timeout=10), sqlite3.connect(copy)
            try:
                live.backup(target)  # SQLite's online backup: one consistent copy
            finally:
                live.close()
                target.close()
            engine = sa.create_engine(f"sqlite:///{copy}")
            try:
                with engine.connect() as conn:
                    yield conn
            finally:
                engine.dispose()
        return
    snapshot = store.engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with snapshot as conn, conn.begin():  # the snapshot is taken at the first read, and kept
        yield conn


def _all_tables_known(conn: sa.Connection) -> None:
    present = set(sa.inspect(conn).get_table_names()) - {"alembic_version"}
    unknown = sorted(present - set(metadata.tables))
    if unknown:  # a table this code does not know would be left out silently
        raise StoreError(f"the store has tables this version does not know: {', '.join(unknown)}")


def _dump(conn: sa.Connection, table: sa.Table, archive: zipfile.ZipFile) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    present = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
    chosen = [c for c in table.columns if c.name in present]  # as the store's schema has them
    order = [c for c in table.primary_key.columns if c.name in present] or chosen
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(
        sa.select(*chosen).order_by(*order)
    )
    with archive.open(f"{table.name}.jsonl", "w", force_zip64=True) as part:
        for row in result.mappings():
            line = json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False)
            data = (line + "\n").encode("utf-8")
            digest.update(data)
            part.write(data)
            count += 1
    return count, digest.hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


# -- restore -----------------------------------------------------------------------------------


def restore(store: Store, path: Path | str, *, replace: bool = False, actor: str) -> Summary:
    """Load a backup into ``store``, all of it or nothing.

    A store that already holds rows is replaced only with ``replace``. The restore is
    recorded in the audit log under a number above any the store had given, so every reader
    of the store (a dashboard worker) sees that it must read everything again.
    """
    path = Path(path)
    manifest = _checked(path)
    revision = manifest["revision"]
    head = Store.head_revision()
    if not Store.knows_revision(revision):
        raise InputError(
            f"{path.name} was made by a newer impact-monitor (schema {revision}; this version "
            f"knows up to {head}): upgrade impact-monitor, then restore"
        )
    current_revision = store.revision()
    if current_revision is not None and revision != head:
        raise InputError(
            f"{path.name} was made by an older impact-monitor (schema {revision}, now {head}): "
            "restore it into a new, empty database, where the migrations bring it up to date"
        )
    if current_revision is not None:
        store.upgrade()
    new_store = current_revision is None
    try:
        with zipfile.ZipFile(path) as archive, store.engine.begin() as conn:
            if new_store:  # a new database: the schema the rows follow first
                command.upgrade(migration_config(conn), revision)
            else:
                _nobody_else_writes(conn)
            before = conn.scalar(sa.select(sa.func.max(audit_log.c.audit_id))) or 0
            held = _rows_held(conn)
            if held and not replace:
                raise InputError(
                    f"the store at {store.display_url} already holds {held:,} rows; restore "
                    "into a new database, or pass --replace to replace everything in it"
                )
            present = set(sa.inspect(conn).get_table_names())
            tables = [t for t in metadata.sorted_tables if t.name in present]
            for table in reversed(tables):
                conn.execute(table.delete())
            for table in tables:
                _load(conn, table, archive)
            if current_revision is None and revision != head:
                command.upgrade(migration_config(conn), "head")
            _record_restore(conn, path, manifest, before, actor)
            _sequences_after_load(conn)
    except (sa.exc.IntegrityError, sa.exc.DataError) as err:
        _unmake(store, new_store)
        raise StoreError(
            f"{path.name}: the rows do not load ({err.orig}); nothing changed"
        ) from err
    except CommandError as err:
        _unmake(store, new_store)
        raise StoreError(f"{path.name}: the schema could not be made ({err})") from err
    except BaseException:
        _unmake(store, new_store)
        raise
    return Summary(path, revision, {k: v["rows"] for k, v in manifest["tables"].items()})


def _nobody_else_writes(conn: sa.Connection) -> None:
    """While a running store is replaced, no other writer (a review, an import, the alerts'
    upkeep) may commit between the old rows going and the backup's coming: on PostgreSQL
    every table is locked for the transaction; SQLite has one writer at a time already."""
    if conn.dialect.name != "postgresql":
        return
    present = set(sa.inspect(conn).get_table_names())
    names = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables if t.name in present)
    conn.execute(sa.text(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE"))


def _unmake(store: Store, new_store: bool) -> None:
    """A restore into a new database that failed leaves no tables behind: SQLite makes
    tables outside the transaction (PostgreSQL's rollback already took them back)."""
    if not new_store:
        return
    with store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            table.drop(conn, checkfirst=True)
        conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


def _checked(path: Path) -> dict:
    """The manifest, once every part is there with the rows and checksum it promises."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                manifest = json.loads(archive.read(MANIFEST))
            except KeyError:
                raise InputError(
                    f"{path.name}: not an impact-monitor backup (no manifest)"
                ) from None
            if manifest.get("format") != FORMAT:
                raise InputError(
                    f"{path.name}: backup format '{manifest.get('format')}' is not {FORMAT}"
                )
            names = set(archive.namelist())
            for name, promised in manifest["tables"].items():
                part = f"{name}.jsonl"
                if part not in names:
                    raise InputError(f"{path.name}: the part {part} is missing")
                digest, count = hashlib.sha256(), 0
                with archive.open(part) as stream:
                    for line in stream:
                        digest.update(line)
                        count += 1
                if digest.hexdigest() != promised["sha256"] or count != promised["rows"]:
                    raise InputError(
                        f"{path.name}: the part {part} is damaged ({count} rows read, "
                        f"{promised['rows']} promised, or its checksum differs)"
                    )
    except (zipfile.BadZipFile, json.JSONDecodeError, KeyError, TypeError) as err:
        raise InputError(f"{path.name}: not a readable impact-monitor backup ({err})") from err
    unknown = sorted(set(manifest["tables"]) - set(metadata.tables))
    if unknown and Store.knows_revision(manifest["revision"]):
        raise InputError(f"{path.name}: holds tables this version does not know: {unknown}")
    return manifest


def _rows_held(conn: sa.Connection) -> int:
    present = set(sa.inspect(conn).get_table_names())
    return sum(
        conn.scalar(sa.select(sa.func.count()).select_from(t)) or 0
        for t in metadata.sorted_tables
        if t.name in present
    )


def _load(conn: sa.Connection, table: sa.Table, archive: zipfile.ZipFile) -> None:
    part = f"{table.name}.jsonl"
    if part not in archive.namelist():
        return  # a table added by a later migration: it starts empty
    present = {c["name"] for c in sa.inspect(conn).get_columns(table.name)}
    wanted = [c for c in table.columns if c.name in present]
    target = sa.table(table.name, *[sa.column(c.name, c.type) for c in wanted])
    batch: list[dict] = []
    with archive.open(part) as stream:
        for line in stream:
            row = json.loads(line)
            batch.append({c.name: _typed(c, row.get(c.name)) for c in wanted if c.name in row})
            if len(batch) == BATCH:
                conn.execute(target.insert(), batch)
                batch = []
    if batch:
        conn.execute(target.insert(), batch)


def _typed(column: sa.Column, value: object) -> object:
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    return value


def _record_restore(
    conn: sa.Connection, path: Path, manifest: dict, before: int, actor: str
) -> None:
    loaded = conn.scalar(sa.select(sa.func.max(audit_log.c.audit_id))) or 0
    conn.execute(
        audit_log.insert(),
        {
            "audit_id": max(before, loaded) + 1,
            "at": datetime.now(UTC).replace(tzinfo=None, microsecond=0),
            "actor": actor,
            "action": "restore",
            "table_name": "*",
            "batch_id": None,
            "row_count": sum(t["rows"] for t in manifest["tables"].values()),
            "details": {
                "file": path.name,
                "made_at": manifest.get("made_at"),
                "revision": manifest["revision"],
                **current(),
            },
        },
    )


def _sequences_after_load(conn: sa.Connection) -> None:
    """PostgreSQL hands out ids from sequences: each is moved past the ids just loaded."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            if not isinstance(column.type, sa.Integer) or column.autoincrement is False:
                continue
            sequence = conn.scalar(
                sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
                {"t": table.name, "c": column.name},
            )
            if sequence:
                conn.execute(
                    sa.text(
                        f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM '
                        f'"{table.name}"), 0) + 1, false)'
                    ),
                    {"s": sequence},
                )
