"""Accounts and roles: who may change what, and every change under a real name.

Four roles. A *viewer* sees and downloads; an *editor* reviews claims, adds reports and
uploads tables; an *alert manager* sets thresholds and acknowledges, silences or resolves
alerts; an *admin* does all of that and manages accounts and settings. Passwords are hashed
with argon2id (``argon2-cffi``); failed sign-ins are counted in the store, per account and
per address, so the limit holds across a server's workers. A one-time sign-in link (its
secret stored hashed) lets the first admin in without any default password.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from indicators.errors import InputError
from indicators.store import Store
from indicators.store.audit import record
from indicators.store.tables import (
    accounts,
    api_tokens,
    login_failures,
    settings,
    sign_in_links,
)

ROLES = ("viewer", "editor", "alert_manager", "admin")
GRANTS: dict[str, frozenset[str]] = {
    "viewer": frozenset({"view"}),
    "editor": frozenset({"view", "review"}),
    "alert_manager": frozenset({"view", "alerts"}),
    "admin": frozenset({"view", "review", "alerts", "admin"}),
}
"""What each role may do: ``review`` (review claims, add reports, upload tables), ``alerts``
(thresholds; acknowledge, silence, resolve alerts), ``admin`` (accounts and settings)."""
NEEDED_ROLE = {"review": "editor", "alerts": "alert manager", "admin": "admin"}

USERNAME = r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"
MIN_PASSWORD = 12
MAX_PASSWORD = 256
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)
"""At most 5 failed sign-ins per account and 20 per address in any 15 minutes."""
LINK_LIFETIME = timedelta(hours=24)
SESSION_SECRET = "session_secret"
ANONYMOUS_VIEWING = "anonymous_viewing"

_hasher = PasswordHasher()


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    disabled: bool
    has_password: bool
    session_epoch: int

    def may(self, permission: str) -> bool:
        return not self.disabled and permission in GRANTS.get(self.role, frozenset())


class SignInRefusedError(InputError):
    """A sign-in that did not succeed; the message never says which part was wrong."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _check_username(username: str) -> str:
    import re

    name = (username or "").strip()
    if not re.match(USERNAME, name):
        raise InputError(
            f"'{username}' is not a valid account name (letters, digits, '.', '_', '@', '-'; "
            "up to 64 characters)"
        )
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(f"unknown role '{role}' (one of {', '.join(ROLES)})")
    return role


def check_password(password: str) -> str:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InputError(
            f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters "
            "(a few words make a good one)"
        )
    return password


def _account(row) -> Account:
    return Account(
        row.username, row.role, bool(row.disabled), row.password_hash is not None, row.session_epoch
    )


def get(store: Store, username: str) -> Account | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(accounts).where(accounts.c.username == username)).first()
    return _account(row) if row else None


def listing(store: Store) -> list[Account]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(accounts).order_by(accounts.c.username)).all()
    return [_account(r) for r in rows]


def count(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(sa.func.count()).select_from(accounts)) or 0


def add(
    store: Store, username: str, role: str, *, actor: str, password: str | None = None
) -> Account:
    """A new account; with no password it can sign in only through a sign-in link."""
    name, role = _check_username(username), _check_role(role)
    hashed = _hasher.hash(check_password(password)) if password is not None else None
    now = _now()
    with store.engine.begin() as conn:
        if conn.execute(sa.select(accounts.c.username).where(accounts.c.username == name)).first():
            raise InputError(f"an account named '{name}' already exists")
        conn.execute(
            accounts.insert(),
            {
                "username": name,
                "role": role,
                "password_hash": hashed,
                "disabled": False,
                "created_at": now,
                "created_by": actor,
                "password_changed_at": now if hashed else None,
                "session_epoch": 0,
            },
        )
        record(conn, at=now, actor=actor, action="account_added", table="accounts",
               row_count=1, details={"username": name, "role": role})  # fmt: skip
    return get(store, name)


def _update(store: Store, username: str, values: dict, *, actor: str, action: str, details: dict):
    now = _now()
    with store.engine.begin() as conn:
        done = conn.execute(
            accounts.update().where(accounts.c.username == username).values(**values)
        )
        if done.rowcount == 0:
            raise InputError(f"no account named '{username}'")
        record(conn, at=now, actor=actor, action=action, table="accounts", row_count=1,
               details={"username": username, **details})  # fmt: skip


def set_role(store: Store, username: str, role: str, *, actor: str) -> None:
    values = {"role": _check_role(role), "session_epoch": accounts.c.session_epoch + 1}
    _update(store, username, values, actor=actor, action="account_role", details={"role": role})


def disable(store: Store, username: str, *, actor: str, disabled: bool = True) -> None:
    """Disable (or enable again) an account; its sessions end at once."""
    _update(store, username, {"disabled": disabled, "session_epoch": accounts.c.session_epoch + 1},
            actor=actor, action="account_disabled" if disabled else "account_enabled",
            details={})  # fmt: skip


def set_password(store: Store, username: str, password: str, *, actor: str) -> None:
    """A new password; every other session of the account ends."""
    hashed = _hasher.hash(check_password(password))
    _update(
        store,
        username,
        {
            "password_hash": hashed,
            "password_changed_at": _now(),
            "session_epoch": accounts.c.session_epoch + 1,
        },
        actor=actor,
        action="account_password",
        details={},
    )


def change_password(store: Store, username: str, current: str, new: str) -> None:
    """The account's own change: the current password is needed."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(accounts).where(accounts.c.username == username)).first()
    if row is None or (row.password_hash is not None and not _verify(row.password_hash, current)):
        raise InputError("the current password is not right; nothing changed")
    set_password(store, username, new, actor=username)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password or "")
    except (VerificationError, InvalidHashError):
        return False


def sign_in(store: Store, username: str, password: str, address: str) -> Account:
    """The account, when the password is right and neither the account nor the address
    has failed too often lately; else SignInRefusedError (and the failure is counted)."""
    name = (username or "").strip()[:64]
    now = _now()
    since = now - FAILURE_WINDOW
    with store.engine.begin() as conn:
        by_account = conn.scalar(
            sa.select(sa.func.count()).select_from(login_failures)
            .where(login_failures.c.username == name, login_failures.c.at >= since)
        )  # fmt: skip
        by_address = conn.scalar(
            sa.select(sa.func.count()).select_from(login_failures)
            .where(login_failures.c.address == address, login_failures.c.at >= since)
        )  # fmt: skip
        if by_account >= FAILURES_PER_ACCOUNT or by_address >= FAILURES_PER_ADDRESS:
            raise SignInRefusedError(
                "too many failed sign-ins: wait 15 minutes, or ask an admin to reset the password"
            )
        row = conn.execute(sa.select(accounts).where(accounts.c.username == name)).first()
        ok = (
            row is not None
            and not row.disabled
            and row.password_hash is not None
            and _verify(row.password_hash, password)
        )
        if not ok:
            conn.execute(login_failures.insert(), {"username": name, "address": address, "at": now})
    if not ok:
        raise SignInRefusedError("the account name or the password is not right")
    if _hasher.check_needs_rehash(row.password_hash):
        set_password(store, name, password, actor=name)
    return get(store, name)


def sign_in_link(store: Store, username: str, *, actor: str) -> str:
    """A one-time secret that signs ``username`` in once within 24 hours; only its hash is
    stored."""
    secret = secrets.token_urlsafe(32)
    now = _now()
    with store.engine.begin() as conn:
        conn.execute(
            sign_in_links.insert(),
            {"token_hash": _digest(secret), "username": username,
             "expires_at": now + LINK_LIFETIME, "used_at": None},
        )  # fmt: skip
        record(conn, at=now, actor=actor, action="sign_in_link", table="accounts", row_count=1,
               details={"username": username})  # fmt: skip
    return secret


def use_link(store: Store, secret: str) -> Account:
    """The account a sign-in link names, once: the link is spent."""
    now = _now()
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.select(sign_in_links).where(sign_in_links.c.token_hash == _digest(secret or ""))
        ).first()
        if row is None or row.used_at is not None or row.expires_at < now:
            raise SignInRefusedError("this sign-in link is not valid (used, expired or mistyped)")
        spent = conn.execute(
            sign_in_links.update()
            .where(sign_in_links.c.token_hash == row.token_hash, sign_in_links.c.used_at.is_(None))
            .values(used_at=now)
        )  # fmt: skip
        if spent.rowcount != 1:
            raise SignInRefusedError("this sign-in link is not valid (used, expired or mistyped)")
    found = get(store, row.username)
    if found is None or found.disabled:
        raise SignInRefusedError("this sign-in link is not valid (the account is disabled)")
    return found


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def add_token(store: Store, name: str, *, actor: str) -> str:
    """A read-only API token (for Excel, R or HDX once anonymous viewing is closed): the
    secret is returned once and only its hash is stored."""
    name = _check_username(name)
    secret = secrets.token_urlsafe(32)
    now = _now()
    with store.engine.begin() as conn:
        taken = conn.execute(sa.select(api_tokens.c.name).where(api_tokens.c.name == name)).first()
        if taken:
            raise InputError(f"a token named '{name}' already exists (revoke it first)")
        row = {"token_hash": _digest(secret), "name": name, "created_by": actor,
               "created_at": now}  # fmt: skip
        conn.execute(api_tokens.insert(), row)
        record(conn, at=now, actor=actor, action="token_added", table="api_tokens",
               row_count=1, details={"name": name})  # fmt: skip
    return secret


def revoke_token(store: Store, name: str, *, actor: str) -> None:
    """The token stops working at once (it is deleted; the log keeps that it existed)."""
    now = _now()
    with store.engine.begin() as conn:
        done = conn.execute(api_tokens.delete().where(api_tokens.c.name == name))
        if done.rowcount == 0:
            raise InputError(f"no token named '{name}'")
        record(conn, at=now, actor=actor, action="token_revoked", table="api_tokens",
               row_count=1, details={"name": name})  # fmt: skip


def token_valid(store: Store, secret: str | None) -> bool:
    """True for a token in use. A token reads; it never writes (it signs no one in)."""
    if not secret:
        return False
    with store.engine.connect() as conn:
        found = conn.execute(
            sa.select(api_tokens.c.name).where(api_tokens.c.token_hash == _digest(secret))
        ).first()
    return found is not None


def setting(store: Store, key: str, default: str | None = None) -> str | None:
    with store.engine.connect() as conn:
        value = conn.scalar(sa.select(settings.c.value).where(settings.c.key == key))
    return default if value is None else value


def set_setting(store: Store, key: str, value: str, *, actor: str) -> None:
    now = _now()
    with store.engine.begin() as conn:
        done = conn.execute(settings.update().where(settings.c.key == key).values(value=value))
        if done.rowcount == 0:
            conn.execute(settings.insert(), {"key": key, "value": value})
        if key != SESSION_SECRET:  # never in the log
            record(conn, at=now, actor=actor, action="setting", table="settings", row_count=1,
                   details={"key": key, "value": value})  # fmt: skip


def session_secret(store: Store) -> str:
    """The key that signs session cookies, made once and shared by every worker."""
    found = setting(store, SESSION_SECRET)
    if found:
        return found
    try:
        with store.engine.begin() as conn:
            conn.execute(settings.insert(), {"key": SESSION_SECRET, "value": secrets.token_hex(32)})
    except sa.exc.IntegrityError:  # another worker made it first
        pass
    return setting(store, SESSION_SECRET)


def anonymous_viewing(store: Store) -> bool:
    """True (the default): anyone who reaches the server may view and download."""
    return setting(store, ANONYMOUS_VIEWING, "open") != "closed"


def first_admin(store: Store, *, actor: str) -> str | None:
    """On a store with no account: an admin account with no password, and a one-time
    sign-in link secret for it; None when accounts exist."""
    if count(store):
        return None
    add(store, "admin", "admin", actor=actor)
    return sign_in_link(store, "admin", actor=actor)
