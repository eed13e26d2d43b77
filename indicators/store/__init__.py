"""The store: tables in SQLite or PostgreSQL, under Alembic migrations, every write audited."""

from indicators.store.store import Store, TableWrite, WriteResult, default_url

__all__ = ["Store", "TableWrite", "WriteResult", "default_url"]
