"""Reading claims: what a read asks for (``claim_filters``), and query results into frames:
Arrow through ADBC on PostgreSQL, the DBAPI cursor column by column elsewhere; then the
schema's dtypes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd
import sqlalchemy as sa

from indicators.schemas import columns


def fetch(store, query: sa.Select, names: list[str]) -> pd.DataFrame:
    """The query's rows as a frame with columns ``names`` (types as the driver gives them)."""
    frame = _read_arrow(store, query, names)
    return frame if frame is not None else _read_rows(store, query, names)


def _read_arrow(store, query: sa.Select, names: list[str]) -> pd.DataFrame | None:
    """The query's rows through PostgreSQL's ADBC driver (Arrow all the way), or None
    where there is none. Not for SQLite: a second SQLite library in the process (the
    driver's own) would break the file locks the first one holds."""
    if store.engine.dialect.name != "postgresql":
        return None
    try:
        import adbc_driver_postgresql.dbapi as adbc
    except ImportError:
        return None
    target = sa.make_url(store.url).set(drivername="postgresql")
    compiled = query.compile(dialect=store.engine.dialect, compile_kwargs={"literal_binds": True})
    with (
        adbc.connect(target.render_as_string(hide_password=False)) as conn,
        conn.cursor() as cursor,
    ):
        cursor.execute(str(compiled))
        frame = cursor.fetch_arrow_table().to_pandas()
    frame.columns = names
    return frame


def _read_rows(store, query: sa.Select, names: list[str]) -> pd.DataFrame:
    """The query's rows through the DBAPI cursor, column by column (no row objects)."""
    compiled = query.compile(
        dialect=store.engine.dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.params  # built anew on every access: once, not once per parameter
    with store.engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(
                str(compiled),
                (compiled.positiontup and [params[k] for k in compiled.positiontup]) or (),
            )
            rows = cursor.fetchall()
        finally:
            cursor.close()
    if not rows:
        return pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
    return pd.DataFrame(dict(zip(names, map(list, zip(*rows, strict=True)), strict=True)))


def to_schema_types(
    frame: pd.DataFrame, table: str, names: Sequence[str] | None = None
) -> pd.DataFrame:
    """Cast a frame read from SQL to the dtypes of ``table``'s pandera model."""
    out = {}
    for spec in columns(table):
        if names is not None and spec.name not in names:
            continue
        s = frame[spec.name]
        if spec.dtype.startswith("datetime64"):
            out[spec.name] = pd.to_datetime(s).astype("datetime64[ns]")
        elif spec.dtype == "Float64":
            out[spec.name] = pd.to_numeric(s).astype("Float64")
        else:
            out[spec.name] = s.astype(spec.dtype)
    return pd.DataFrame(out, index=frame.index)


def claim_filters(
    sql: sa.Table,
    admin1: list[str],
    date_from: date | None,
    date_to: date | None,
    statuses: Iterable[str] | None,
    country: str | None = None,
) -> list:
    """The WHERE clauses of a read of claims: country, review statuses, governorates (or
    figures spanning them), and the days a claim's period touches."""
    filters = []
    if country is not None:
        filters.append(sql.c.country == country)
    if statuses is not None:
        filters.append(sql.c.review_status.in_(list(statuses)))
    if admin1:
        spanned = [sql.c.admin1_pcodes_spanned.contains(code) for code in admin1]
        filters.append(sa.or_(sql.c.admin1_pcode.in_(admin1), *spanned))
    if date_from is not None:
        filters.append(sa.func.coalesce(sql.c.date_end, sql.c.date_start) >= date_from)
    if date_to is not None:
        filters.append(sa.func.coalesce(sql.c.date_start, sql.c.date_end) <= date_to)
    return filters
