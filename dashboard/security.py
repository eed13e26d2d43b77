"""Requests that cannot be forged: allowed hosts, a same-origin rule for every write, and
security headers (Content-Security-Policy and the rest, through ``flask-talisman``).

Writes (Dash's callbacks are JSON POSTs, the sign-in forms are POSTs) are refused when the
browser says they come from another site: an ``Origin`` header (or, without one, a
``Referer``) that is not this server. Browsers always send ``Origin`` on a cross-site POST
made by a script or a form, so a page elsewhere cannot make a signed-in person's browser
write here; the session cookie is also ``SameSite=Lax``. A client that sends neither
header (a script, curl) carries no one's session and gets no more than anyone anonymous.
This check was chosen over a token in every form because Dash's callbacks post JSON from
its own script, which would need patching to carry a token.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from dash import Dash
from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1")
HOSTS_VARIABLE = "IMPACT_MONITOR_ALLOWED_HOSTS"
HTTPS_VARIABLE = "IMPACT_MONITOR_HTTPS"
PROXY_VARIABLE = "IMPACT_MONITOR_BEHIND_PROXY"
"""Set to 1 when one reverse proxy forwards to this server: its X-Forwarded-For, -Proto
and -Host are then believed (never otherwise: a client could claim any address)."""
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def allowed_hosts(extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Loopback names, the host the server was asked to serve on, and the names in
    ``$IMPACT_MONITOR_ALLOWED_HOSTS`` (comma-separated: the address staff type)."""
    named = [h.strip().lower() for h in os.environ.get(HOSTS_VARIABLE, "").split(",")]
    return frozenset(h for h in (*DEFAULT_HOSTS, *extra, *named) if h and h != "0.0.0.0")


def _host_name(host: str) -> str:
    host = (host or "").strip().lower()
    if host.startswith("["):  # [::1]:8050
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class _Sessions(SecureCookieSessionInterface):
    """Session cookies are Secure whenever the request came over HTTPS (directly, or through
    a proxy whose X-Forwarded-Proto the server was told to trust), or when configured so."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure


def protect(app: Dash, hosts: frozenset[str]) -> None:
    server = app.server
    server.session_interface = _Sessions()
    if os.environ.get(PROXY_VARIABLE, "").strip() in ("1", "true", "yes"):
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)
    if os.environ.get(HTTPS_VARIABLE, "").strip() in ("1", "true", "yes"):
        server.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)

    @server.before_request
    def checked():
        if _host_name(request.host) not in hosts:
            return (
                f"Unknown host '{request.host[:80]}'. Add it to ${HOSTS_VARIABLE} if this "
                "server is meant to answer to it.\n",
                400,
                {"Content-Type": "text/plain; charset=utf-8"},
            )
        if request.method in UNSAFE and not _same_origin():
            return "A change sent from another site is refused.\n", 403
        return None

    csp = policy(app)

    @server.after_request  # runs after Talisman's (Flask runs them in reverse order)
    def inline_scripts_known(response):
        # Dash adds inline scripts for the callbacks the pages register as the first page
        # is rendered: the policy names every one by its hash, as it is when sent.
        if "Content-Security-Policy" in response.headers:
            csp["script-src"] = ["'self'", *app.csp_hashes()]
            response.headers["Content-Security-Policy"] = "; ".join(
                f"{k} {' '.join(v) if isinstance(v, list) else v}" for k, v in csp.items()
            )
        return response

    Talisman(
        server,
        force_https=False,  # a loopback server has no certificate; a proxy adds TLS
        strict_transport_security=False,  # the proxy that terminates TLS sets it
        session_cookie_secure=False,  # decided per request above
        frame_options="DENY",
        referrer_policy="same-origin",
        content_security_policy=csp,
        content_security_policy_nonce_in=[],
        x_content_type_options=True,
    )


def _same_origin() -> bool:
    own = f"{request.scheme}://{request.host}".lower()
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() == own
    referer = request.headers.get("Referer")
    if referer is not None:
        parsed = urlparse(referer)
        return f"{parsed.scheme}://{parsed.netloc}".lower() == own
    return True  # no browser sent this: it carries no one's session


def policy(app: Dash) -> dict[str, object]:
    """Only this server's assets; Dash's own inline scripts by their hashes; inline styles,
    which plotly and AG Grid set on the elements they draw."""
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
