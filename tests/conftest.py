"""Shared fixtures: a real SQLite file and a real PostgreSQL schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from indicators.defaults import open_store
from indicators.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("IMPACT_MONITOR_SHARED", ROOT.parent / "shared"))
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def _postgres_available() -> str | None:
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
    except Exception as err:
        return str(err).splitlines()[0]
    return None


_PG_PROBLEM = _postgres_available()


def _schema_url(schema: str) -> str:
    sep = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The address of an empty store: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    if _PG_PROBLEM:
        if IN_CI:
            pytest.fail(f"PostgreSQL must be reachable under CI: {_PG_PROBLEM}")
        pytest.skip(f"PostgreSQL not reachable: {_PG_PROBLEM}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    try:
        yield _schema_url(schema)
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture
def empty_store(store_url: str) -> Iterator[Store]:
    """A migrated store with no rows."""
    store = Store.open(store_url)
    yield store
    store.engine.dispose()


@pytest.fixture
def default_store(store_url: str) -> Iterator[Store]:
    """A new store filled with the default data, as on first run."""
    store = open_store(store_url)
    yield store
    store.engine.dispose()


@pytest.fixture
def sqlite_default_store(tmp_path: Path) -> Iterator[Store]:
    """The default store in a SQLite file, for tests that need only one backend."""
    store = open_store(f"sqlite:///{tmp_path / 'default.sqlite'}")
    yield store
    store.engine.dispose()


def write_csv(path: Path, text: str) -> Path:
    """Write ``text`` (dedented lines) as a UTF-8 file and return its path."""
    import textwrap

    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path
