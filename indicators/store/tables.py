"""The store's SQL tables, derived from the pandera models so the two never drift apart.

Alembic migrations (``migrations/versions``) are the frozen history of this shape; a test
compares the migrated database with these definitions.
"""

from __future__ import annotations

import sqlalchemy as sa

from indicators.schemas import CLAIM_TABLES, ColumnSpec, columns

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

DATE_COLUMNS_AT = "_at"
"""Columns whose names end so hold a date and time (UTC); other datetime columns hold a day."""


def sql_type(spec: ColumnSpec) -> sa.types.TypeEngine:
    """The SQL type that holds a column of the given pandera dtype."""
    if spec.dtype == "Int64":
        return sa.BigInteger()
    if spec.dtype == "Float64":
        return sa.Double()
    if spec.dtype == "boolean":
        return sa.Boolean()
    if spec.dtype.startswith("datetime64"):
        return sa.DateTime() if spec.name.endswith(DATE_COLUMNS_AT) else sa.Date()
    return sa.Text()


def _columns(table: str, key: str) -> list[sa.Column]:
    cols = []
    for spec in columns(table):
        args: list = []
        if spec.name == "source_id" and table != "sources":
            args.append(sa.ForeignKey("sources.source_id"))
        cols.append(
            sa.Column(
                spec.name,
                sql_type(spec),
                *args,
                primary_key=spec.name == key,
                nullable=spec.nullable and spec.name != key,
                comment=spec.description,
            )
        )
    return cols


def _bookkeeping() -> list[sa.Column]:
    return [
        sa.Column("batch_id", sa.Text(), nullable=True, comment="The write that added the row."),
    ]


sources = sa.Table("sources", metadata, *_columns("sources", "source_id"), *_bookkeeping())

claims: dict[str, sa.Table] = {
    name: sa.Table(
        name,
        metadata,
        *_columns(name, "claim_id"),
        *_bookkeeping(),
        sa.Index(None, "admin1_pcode"),
        sa.Index(None, "date_end"),
        sa.Index(None, "review_status"),
        sa.Index(None, "source_id"),
        sa.Index(None, "batch_id"),  # a reader applies a write by reading its batch
        sa.Index(None, "held_reason"),  # the Review page lists the held claims
    )
    for name in CLAIM_TABLES
}

report_texts = sa.Table(
    "report_texts",
    metadata,
    sa.Column("source_id", sa.Text(), sa.ForeignKey("sources.source_id"), primary_key=True),
    sa.Column("text", sa.Text(), nullable=False, comment="The report text, unchanged."),
    sa.Column("sha256", sa.Text(), nullable=False, comment="SHA-256 of the UTF-8 text."),
    sa.Column(
        "file_sha256",
        sa.Text(),
        nullable=True,
        comment="SHA-256 of the report file's bytes (web page, PDF or text file).",
    ),
    sa.Column(
        "file_kind",
        sa.Text(),
        nullable=True,
        comment="What the text was read from: text, html or pdf.",
    ),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("audit_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(), nullable=False, comment="When (UTC)."),
    sa.Column("actor", sa.Text(), nullable=False, comment="Who made the change."),
    sa.Column("action", sa.Text(), nullable=False, comment="import, load_defaults, update..."),
    sa.Column("table_name", sa.Text(), nullable=False),
    sa.Column("batch_id", sa.Text(), nullable=True),
    sa.Column("row_count", sa.Integer(), nullable=False),
    sa.Column("details", sa.JSON(), nullable=True, comment="What: file, ids, before/after."),
    sa.Index(None, "table_name", "at"),
)

claim_warnings = sa.Table(
    "claim_warnings",
    metadata,
    sa.Column("warning_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("table_name", sa.Text(), nullable=False),
    sa.Column("claim_id", sa.Text(), nullable=False),
    sa.Column("rule", sa.Text(), nullable=False),
    sa.Column("column_name", sa.Text(), nullable=True),
    sa.Column("value", sa.Text(), nullable=True),
    sa.Column("message", sa.Text(), nullable=False),
    sa.Column("batch_id", sa.Text(), nullable=True),
    sa.Index(None, "table_name", "claim_id"),
)

TABLES: dict[str, sa.Table] = {"sources": sources, **claims}


alert_rules = sa.Table(
    "alert_rules",
    metadata,
    sa.Column("rule_id", sa.Text(), primary_key=True),
    sa.Column("version", sa.Integer(), primary_key=True, comment="1, 2, ...: every edit adds one."),
    sa.Column("definition", sa.JSON(), nullable=False, comment="The rule's fields."),
    sa.Column("enabled", sa.Boolean(), nullable=False),
    sa.Column("saved_by", sa.Text(), nullable=False),
    sa.Column("saved_at", sa.DateTime(), nullable=False),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("alert_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("rule_id", sa.Text(), nullable=False),
    sa.Column("rule_version", sa.Integer(), nullable=False),
    sa.Column("unit", sa.Text(), nullable=False, comment="The place unit (p-code, facility, all)."),
    sa.Column("state", sa.Text(), nullable=False, comment="warning or critical."),
    sa.Column("certainty", sa.Text(), nullable=True, comment="confirmed or possible."),
    sa.Column("value", sa.Double(), nullable=True),
    sa.Column("low", sa.Double(), nullable=True),
    sa.Column("high", sa.Double(), nullable=True),
    sa.Column("threshold", sa.Double(), nullable=True),
    sa.Column("since", sa.Date(), nullable=True, comment="First day of the crossing."),
    sa.Column("raised_on", sa.Date(), nullable=False, comment="The data day it was raised."),
    sa.Column("status", sa.Text(), nullable=False, comment="new, acknowledged or resolved."),
    sa.Column("last_as_of", sa.Date(), nullable=False, comment="The data day last evaluated."),
    sa.Column("resolved_on", sa.Date(), nullable=True, comment="The data day it was resolved."),
    sa.Column("silenced_until", sa.Date(), nullable=True),
    sa.Column("silence_reason", sa.Text(), nullable=True),
    sa.Column(
        "previous_alert_id",
        sa.Integer(),
        nullable=True,
        comment="The earlier alert of the same rule and place, when this one re-fired.",
    ),
    sa.Column("claim_ids", sa.JSON(), nullable=False, comment="The claims behind it."),
    sa.Column("updated_at", sa.DateTime(), nullable=False),
    sa.Index(None, "rule_id", "unit"),
    sa.Index(None, "status"),
)

alert_events = sa.Table(
    "alert_events",
    metadata,
    sa.Column("event_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("alert_id", sa.Integer(), sa.ForeignKey("alerts.alert_id"), nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Column("actor", sa.Text(), nullable=False),
    sa.Column(
        "action",
        sa.Text(),
        nullable=False,
        comment="raised, updated, acknowledged, silenced, resolved, recovered.",
    ),
    sa.Column("comment", sa.Text(), nullable=True),
    sa.Index(None, "alert_id"),
)

accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("username", sa.Text(), primary_key=True),
    sa.Column("role", sa.Text(), nullable=False, comment="viewer, editor, alert_manager, admin."),
    sa.Column(
        "password_hash", sa.Text(), nullable=True, comment="argon2id; none until one is set."
    ),
    sa.Column("disabled", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
    sa.Column("created_by", sa.Text(), nullable=False),
    sa.Column("password_changed_at", sa.DateTime(), nullable=True),
    sa.Column(
        "session_epoch",
        sa.Integer(),
        nullable=False,
        comment="Raised to end every session of the account (password change, disable).",
    ),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("failure_id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("username", sa.Text(), nullable=False),
    sa.Column("address", sa.Text(), nullable=False),
    sa.Column("at", sa.DateTime(), nullable=False),
    sa.Index(None, "username", "at"),
    sa.Index(None, "address", "at"),
)

sign_in_links = sa.Table(
    "sign_in_links",
    metadata,
    sa.Column("token_hash", sa.Text(), primary_key=True, comment="SHA-256 of the secret."),
    sa.Column("username", sa.Text(), sa.ForeignKey("accounts.username"), nullable=False),
    sa.Column("expires_at", sa.DateTime(), nullable=False),
    sa.Column("used_at", sa.DateTime(), nullable=True),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("token_hash", sa.Text(), primary_key=True, comment="SHA-256 of the secret."),
    sa.Column("name", sa.Text(), nullable=False, unique=True, comment="Who or what uses it."),
    sa.Column("created_by", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(), nullable=False),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.Text(), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
)
