"""Alembic environment: runs migrations on the connection the store hands over."""

from __future__ import annotations

from alembic import context

from indicators.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations always run through Store
    raise RuntimeError("run migrations through indicators.store.Store, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
