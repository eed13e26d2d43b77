"""The Store: opens (and migrates) a database, and reads and writes tables.

Every write is one transaction: a file that fails at its last row leaves the store exactly
as it was. Every write records who, when and what in ``audit_log``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from indicators.checks import Issue
from indicators.errors import StoreError
from indicators.paths import default_store_url
from indicators.schemas import CLAIM_TABLES, check_table_name, columns
from indicators.store import locks
from indicators.store.audit import Change, record
from indicators.store.bulk import insert_frame
from indicators.store.reading import claim_filters, fetch, to_schema_types
from indicators.store.settle import settle
from indicators.store.tables import TABLES as SQL_TABLES
from indicators.store.tables import audit_log, claim_warnings, report_texts
from indicators.validation import StoreContext
from indicators.vocab import REVIEW_STATUSES

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


default_url = default_store_url
__all__ = ["Change", "Store", "TableWrite", "WriteResult", "default_url", "record"]

OnCreate = Callable[["Store", sa.Connection], None]
"""What fills a store the moment it is created, inside the creating transaction."""


def _normalise_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _migrations() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg)


def migration_config(connection: sa.Connection) -> Config:
    """Alembic configuration that migrates over ``connection``."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


@dataclass(frozen=True)
class WriteResult:
    """What one write added."""

    batch_id: str
    rows: dict[str, int]
    warnings: int


@dataclass
class TableWrite:
    """One table's rows (typed, validated) and the warnings to keep beside them."""

    table: str
    frame: pd.DataFrame
    warnings: Sequence[Issue] = ()


class Store:
    """A database holding the sources register and the indicator tables."""

    def __init__(self, url: str | None = None) -> None:
        self.url = _normalise_url(url or default_url())
        try:
            self.engine = sa.create_engine(self.url)
        except (sa.exc.ArgumentError, ImportError) as err:
            raise StoreError(f"cannot use database address '{self.display_url}': {err}") from err
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def display_url(self) -> str:
        """The address with any password hidden."""
        try:
            return sa.make_url(self.url).render_as_string(hide_password=True)
        except sa.exc.ArgumentError:
            return "(unreadable address)"

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, on_create: OnCreate | None = None) -> Store:
        """Open the store at ``url``, migrating it to the current schema.

        When the store did not exist, ``on_create(store, connection)`` runs in the same
        transaction as its creation (the default data, say): a store is never left created
        but half filled. The store itself knows nothing of what fills it.
        """
        store = cls(url)
        store.upgrade(on_create=on_create)
        return store

    def upgrade(self, revision: str = "head", *, on_create: OnCreate | None = None) -> bool:
        """Migrate to ``revision``; return True when the store was new."""
        try:
            with locks.one_creator(self.url), self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":  # another process may be creating it
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": locks.MIGRATE})
                fresh = not sa.inspect(conn).has_table("alembic_version")
                command.upgrade(migration_config(conn), revision)
                if fresh and on_create is not None:
                    on_create(self, conn)
        except sa.exc.OperationalError as err:
            raise StoreError(f"cannot open the store at {self.display_url}: {err.orig}") from err
        except CommandError as err:  # a store written by a newer impact-monitor
            raise StoreError(
                f"cannot open the store at {self.display_url}: its schema is not one this "
                f"version knows ({err}); upgrade impact-monitor"
            ) from err
        return fresh

    def revision(self) -> str | None:
        """The migration the store is at (None for an empty database)."""
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @staticmethod
    def head_revision() -> str:
        """The newest migration this code knows."""
        return _migrations().get_current_head()

    @staticmethod
    def knows_revision(revision: str) -> bool:
        """Whether ``revision`` is one of this code's migrations (not a newer version's)."""
        try:
            return _migrations().get_revision(revision) is not None
        except CommandError:
            return False

    # -- reading ---------------------------------------------------------------------------

    def context(self, table: str) -> StoreContext:
        """Ids already stored, for validating a file against what the store holds."""
        with self.engine.connect() as conn:
            source_ids = set(conn.scalars(sa.select(SQL_TABLES["sources"].c.source_id)))
            claim_ids: set[str] = set()
            if table in CLAIM_TABLES:
                claim_ids = set(conn.scalars(sa.select(SQL_TABLES[table].c.claim_id)))
        return StoreContext(source_ids=source_ids, claim_ids=claim_ids)

    def version(self) -> int:
        """A number that grows with every write (the newest audit-log entry): a reader that
        keeps a copy of the tables knows from it when the copy is out of date."""
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(sa.func.max(audit_log.c.audit_id))) or 0

    def birth(self) -> str:
        """Something that names this store and no other at the same address: its first
        audit entry (a store deleted and made again gets another)."""
        with self.engine.connect() as conn:
            first = conn.execute(
                sa.select(audit_log.c.audit_id, audit_log.c.at, audit_log.c.batch_id)
                .order_by(audit_log.c.audit_id)
                .limit(1)
            ).first()
        return "" if first is None else "|".join(str(v) for v in first)

    def changes(self, after: int) -> list[Change]:
        """What every write after version ``after`` changed, oldest first (the audit log's
        entries): a reader that holds the tables as of ``after`` applies them instead of
        reading everything again."""
        query = (
            sa.select(
                audit_log.c.audit_id,
                audit_log.c.action,
                audit_log.c.table_name,
                audit_log.c.batch_id,
                audit_log.c.details,
            )
            .where(audit_log.c.audit_id > after)
            .order_by(audit_log.c.audit_id)
        )
        with self.engine.connect() as conn:
            return [Change(*row) for row in conn.execute(query)]

    def counts(self) -> dict[str, int]:
        """Rows per table, and per review status for the claim tables."""
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for name, table in SQL_TABLES.items():
                out[name] = conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0
        return out

    def summary(self) -> pd.DataFrame:
        """Per table: rows, rows by review status, warnings kept, and the last change."""
        rows = []
        with self.engine.connect() as conn:
            for name, table in SQL_TABLES.items():
                total = conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0
                row = {"table": name, "rows": total}
                if name in CLAIM_TABLES:
                    by_status = dict(
                        conn.execute(
                            sa.select(table.c.review_status, sa.func.count()).group_by(
                                table.c.review_status
                            )
                        ).all()
                    )
                    row.update({s: by_status.get(s, 0) for s in REVIEW_STATUSES})
                    row["warnings"] = conn.scalar(
                        sa.select(sa.func.count())
                        .select_from(claim_warnings)
                        .where(claim_warnings.c.table_name == name)
                    )
                row["last_change"] = conn.scalar(
                    sa.select(sa.func.max(audit_log.c.at)).where(audit_log.c.table_name == name)
                )
                rows.append(row)
        return pd.DataFrame(rows)

    def read(
        self,
        table: str,
        *,
        admin1: Iterable[str] = (),
        date_from: date | None = None,
        date_to: date | None = None,
        statuses: Iterable[str] | None = ("accepted",),
        country: str | None = None,
        only: Sequence[str] | None = None,
        claim_ids: Sequence[str] | None = None,
        batch_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Rows of ``table`` as a typed frame, filtered.

        ``admin1`` keeps claims about any of those governorates, including figures that span
        several; ``date_from``/``date_to`` keep claims whose period overlaps the range (claims
        with no known period are left out when a range is given); ``statuses`` keeps those
        review statuses (None: all); ``country`` keeps one country's claims (ISO3);
        ``only`` names the columns wanted (default: all);
        ``claim_ids`` keeps those claims only; ``batch_ids`` the rows those writes added.
        On PostgreSQL rows come through Arrow (ADBC): a million claims in seconds.
        """
        check_table_name(table)
        sql = SQL_TABLES[table]
        specs = [s for s in columns(table) if only is None or s.name in only]
        query = sa.select(*[sql.c[s.name] for s in specs])
        if table in CLAIM_TABLES:
            query = query.where(
                *claim_filters(sql, list(admin1), date_from, date_to, statuses, country)
            )
            if claim_ids is not None:
                query = query.where(sql.c.claim_id.in_(list(claim_ids)))
        if batch_ids is not None:
            query = query.where(sql.c.batch_id.in_(list(batch_ids)))
        query = query.order_by(sql.primary_key.columns.values()[0])
        names = [s.name for s in specs]
        return to_schema_types(fetch(self, query, names), table, names)

    def count(
        self,
        table: str,
        *,
        admin1: Iterable[str] = (),
        date_from: date | None = None,
        date_to: date | None = None,
        statuses: Iterable[str] | None = ("accepted",),
        country: str | None = None,
    ) -> int:
        """How many rows ``read`` with the same filters would return."""
        check_table_name(table)
        sql = SQL_TABLES[table]
        query = sa.select(sa.func.count()).select_from(sql)
        if table in CLAIM_TABLES:
            query = query.where(
                *claim_filters(sql, list(admin1), date_from, date_to, statuses, country)
            )
        with self.engine.connect() as conn:
            return conn.scalar(query) or 0

    def audit(self) -> pd.DataFrame:
        """The audit log, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.audit_id)).mappings()
            return pd.DataFrame(list(rows))

    def warnings(self, table: str | None = None) -> pd.DataFrame:
        """Warnings stored beside the claims."""
        query = sa.select(claim_warnings).order_by(claim_warnings.c.warning_id)
        if table:
            query = query.where(claim_warnings.c.table_name == table)
        with self.engine.connect() as conn:
            return pd.DataFrame(list(conn.execute(query).mappings()))

    # -- writing ---------------------------------------------------------------------------

    def write(
        self,
        writes: Sequence[TableWrite],
        *,
        actor: str,
        action: str = "import",
        details: dict[str, Any] | None = None,
        texts: Sequence[tuple] = (),
    ) -> WriteResult:
        """Insert validated rows of one or more tables in one transaction, audited.

        ``texts`` are (source id, report text, its SHA-256[, the file's SHA-256, the file's
        kind]) stored in the same transaction.
        """
        with self.engine.begin() as conn:
            result = self.write_on(conn, writes, actor=actor, action=action, details=details)
            self.store_texts(conn, texts)
            return result

    @staticmethod
    def store_texts(conn: sa.Connection, texts: Sequence[tuple]) -> None:
        if texts:
            names = ("source_id", "text", "sha256", "file_sha256", "file_kind")
            conn.execute(report_texts.insert(), [dict(zip(names, t, strict=False)) for t in texts])

    def report_file(self, source_id: str) -> tuple[str | None, str | None]:
        """The SHA-256 and kind of the file a report's text was read from."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(report_texts.c.file_sha256, report_texts.c.file_kind).where(
                    report_texts.c.source_id == source_id
                )
            ).first()
        return (row[0], row[1]) if row else (None, None)

    def report_text(self, source_id: str) -> str | None:
        """The stored text of a report (None when its text is not stored)."""
        with self.engine.connect() as conn:
            return conn.scalar(
                sa.select(report_texts.c.text).where(report_texts.c.source_id == source_id)
            )

    def write_on(
        self,
        conn: sa.Connection,
        writes: Sequence[TableWrite],
        *,
        actor: str,
        action: str,
        details: dict[str, Any] | None,
    ) -> WriteResult:
        batch_id = uuid.uuid4().hex
        now = datetime.now(UTC).replace(tzinfo=None)
        rows: dict[str, int] = {}
        n_warnings = 0
        for write in writes:
            table = check_table_name(write.table)
            frame = write.frame
            if table in CLAIM_TABLES:  # one story counted once (indicators.stories)
                frame = settle(conn, table, frame, actor=actor, now=now)
            try:
                names = [c.name for c in columns(table)]
                insert_frame(conn, SQL_TABLES[table], frame[names], {"batch_id": batch_id})
            except (sa.exc.IntegrityError, conn.dialect.dbapi.IntegrityError) as err:
                reason = str(getattr(err, "orig", err)).splitlines()[0]
                raise StoreError(
                    f"nothing was written: the store refused a row of '{table}' ({reason})"
                ) from err
            warning_rows = _warning_records(write, batch_id)
            if warning_rows:
                conn.execute(claim_warnings.insert(), warning_rows)
            n_warnings += len(warning_rows)
            rows[table] = len(frame)
            ids = frame[frame.columns[0]].astype(str)
            record(
                conn,
                at=now,
                actor=actor,
                action=action,
                table=table,
                row_count=len(frame),
                batch_id=batch_id,
                details={
                    **(details or {}),
                    "first_id": ids.iloc[0] if len(ids) else None,
                    "last_id": ids.iloc[-1] if len(ids) else None,
                    "warnings": len(warning_rows),
                },
            )
        return WriteResult(batch_id=batch_id, rows=rows, warnings=n_warnings)


def _warning_records(write: TableWrite, batch_id: str) -> list[dict[str, Any]]:
    if not write.warnings or write.table not in CLAIM_TABLES:
        return []
    ids = write.frame["claim_id"]
    return [
        {
            "table_name": write.table,
            "claim_id": str(ids.get(w.row)),
            "rule": w.rule,
            "column_name": w.column,
            "value": w.value,
            "message": w.message,
            "batch_id": batch_id,
        }
        for w in write.warnings
        if w.row in ids.index
    ]


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
