"""Sign-in and sessions (Flask-Login over the store's accounts), and who is asking.

The pages ask :func:`current` for the signed-in account and pass it to the view functions,
which decide on the server whether that account may make the change. A session names the
account and its *session epoch*: changing the password, the role or disabling the account
raises the epoch, and every older session ends at once, in every worker.

Sign-in pages are plain HTML forms (no script), so they work with scripts blocked and are
covered by the same security headers and origin check as the rest.
"""

from __future__ import annotations

import html
import time
from urllib.parse import urlparse

from flask import Flask, redirect, request
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from indicators import accounts
from indicators.accounts import Account
from indicators.errors import InputError
from indicators.origin import set_origin
from indicators.store import Store

OPEN_PATHS = ("/login", "/sign-in/", "/logout", "/_favicon.ico", "/assets/")
"""What a visitor reaches without an account when anonymous viewing is closed."""


class User(UserMixin):
    def __init__(self, account: Account) -> None:
        self.account = account

    def get_id(self) -> str:
        return f"{self.account.username}:{self.account.session_epoch}"


def current() -> Account | None:
    """The signed-in account of this request, or None (anonymous or outside a request)."""
    try:
        user = current_user
        return user.account if user and user.is_authenticated else None
    except (RuntimeError, AttributeError):  # no request, or no login manager
        return None


def setup(server: Flask, store: Store) -> None:
    """Sessions, the sign-in routes and the rule that closes viewing when an admin said so."""
    server.secret_key = accounts.session_secret(store)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
    )
    manager = LoginManager(server)
    manager.session_protection = "basic"

    @manager.user_loader
    def load(user_id: str) -> User | None:
        username, _, epoch = user_id.rpartition(":")
        found = accounts.get(store, username)
        if found is None or found.disabled or str(found.session_epoch) != epoch:
            return None
        return User(found)

    @server.before_request
    def who_is_asking():
        set_origin(via="web", address=request.remote_addr or "unknown")
        if current() is not None or request.path.startswith(OPEN_PATHS):
            return None
        if viewing_open(store) or _token_ok(store):
            return None
        if request.path.startswith("/api/"):
            return "Sign in, or give a read-only API token.\n", 401
        return redirect(f"/login?next={request.full_path}")

    @server.route("/login", methods=["GET", "POST"])
    def login():
        target = _safe_next(request.values.get("next"))
        if request.method == "GET":
            return _page("Sign in", _login_form(target))
        try:
            found = accounts.sign_in(
                store,
                request.form.get("username", ""),
                request.form.get("password", ""),
                request.remote_addr or "unknown",
            )
        except InputError as refused:
            return _page("Sign in", _login_form(target, str(refused))), 401
        login_user(User(found))
        return redirect(target)

    @server.route("/logout", methods=["POST"])
    def logout():
        logout_user()
        return redirect("/")

    @server.route("/sign-in/<secret>", methods=["GET"])
    def sign_in_with_link(secret: str):
        try:
            found = accounts.use_link(store, secret)
        except InputError as refused:
            return _page("Sign in", f"<p>{html.escape(str(refused))}</p>"), 400
        login_user(User(found))
        return redirect("/account?first=1" if not found.has_password else "/")

    @server.route("/account", methods=["GET", "POST"])
    def account_page():
        me = current()
        if me is None:
            return redirect("/login?next=/account")
        message = ""
        if request.method == "POST":
            try:
                new = request.form.get("new", "")
                if new != request.form.get("again", ""):
                    raise InputError("the two new passwords differ; nothing changed")
                accounts.change_password(store, me.username, request.form.get("current", ""), new)
                fresh = accounts.get(store, me.username)
                login_user(User(fresh))  # this session stays; the others end
                return redirect("/")
            except InputError as refused:
                message = f'<p class="banner error" role="alert">{html.escape(str(refused))}</p>'
        first = request.args.get("first") and not me.has_password
        intro = (
            "<p>Welcome. Set a password for this account: the link you used works once.</p>"
            if first
            else ""
        )
        current_field = (
            ""
            if not me.has_password
            else '<label>Current password <input type="password" name="current" '
            'autocomplete="current-password" required></label>'
        )
        body = (
            f"{intro}{message}<p>Signed in as <strong>{html.escape(me.username)}</strong> "
            f"({html.escape(me.role.replace('_', ' '))}).</p>"
            f'<form method="post" action="/account">{current_field}'
            '<label>New password (12 characters or more) <input type="password" name="new" '
            'autocomplete="new-password" minlength="12" required></label>'
            '<label>New password again <input type="password" name="again" '
            'autocomplete="new-password" minlength="12" required></label>'
            '<button type="submit">Set the password</button></form>'
        )
        return _page("Your account", body)


_viewing: dict[str, tuple[float, bool]] = {}
VIEWING_CHECKED_EVERY = 5.0
"""Seconds an answer to "may anonymous visitors view?" is kept (not a query per request)."""


def viewing_open(store: Store) -> bool:
    now = time.monotonic()
    at, answer = _viewing.get(store.url, (-1e9, True))
    if now - at > VIEWING_CHECKED_EVERY:
        answer = accounts.anonymous_viewing(store)
        _viewing[store.url] = (now, answer)
    return answer


def _token_ok(store: Store) -> bool:
    """A read-only API token on a read of the API (``Authorization: Bearer ...`` or
    ``?token=...``, as Excel and R can send): it reads; it signs no one in."""
    if request.method != "GET" or not request.path.startswith("/api/"):
        return False
    given = request.headers.get("Authorization", "")
    secret = given[7:].strip() if given.lower().startswith("bearer ") else None
    return accounts.token_valid(store, secret or request.args.get("token"))


def _safe_next(target: str | None) -> str:
    """Only a path on this server: never another site (an open redirect)."""
    target = target or "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target.rstrip("?") or "/"


def _login_form(target: str, message: str = "") -> str:
    error = f'<p class="banner error" role="alert">{html.escape(message)}</p>' if message else ""
    return (
        f'{error}<form method="post" action="/login">'
        f'<input type="hidden" name="next" value="{html.escape(target)}">'
        '<label>Account <input name="username" autocomplete="username" required></label>'
        '<label>Password <input type="password" name="password" '
        'autocomplete="current-password" required></label>'
        '<button type="submit">Sign in</button></form>'
        '<p class="hint">Viewing and downloads need no account unless an admin closed '
        "them. Ask an admin for an account to review claims or set thresholds.</p>"
    )


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · impact-monitor</title>"
        '<link rel="stylesheet" href="/assets/base.css"></head><body>'
        '<header class="top"><a class="brand" href="/">impact-monitor</a></header>'
        f'<main id="content" class="auth"><h1>{html.escape(title)}</h1>{body}</main>'
        "</body></html>"
    )
