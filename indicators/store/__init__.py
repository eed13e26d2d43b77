"""The store: tables in SQLite or PostgreSQL, under Alembic migrations, every write audited."""

from indicators.store.store import Change, Store, TableWrite, WriteResult, default_url

__all__ = ["Change", "Store", "TableWrite", "WriteResult", "default_url"]
