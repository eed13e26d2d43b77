"""The Dash application: pages, the shared header and filters, and the download API.

Every asset is served by this server (no CDN, no map tiles): the dashboard works offline
and on a slow connection loads only what it shows.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import dash
from dash import Dash, Input, Output, State, dcc, html
from flask import request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from dashboard import api, auth, security, state
from dashboard.first_page import FirstPageDash, page_container
from dashboard.trend_page import register_filter_bar
from indicators.limits import MAX_REPORT_KB, MAX_UPLOAD_MB
from indicators.store import Store

TITLE = "impact-monitor"
HERE = Path(__file__).resolve().parent
log = logging.getLogger("impact-monitor")


def nav() -> list[tuple[str, str]]:
    """(name, path) of every page, in the pages' order: Dash's page registry, so a new page
    module appears in the navigation by registering itself. Pages for admins only (Audit)
    are listed to admins."""
    pages = sorted(dash.page_registry.values(), key=lambda p: (p.get("order", 99), p["name"]))
    me = auth.current()
    admin = me is not None and me.may("admin")
    return [(p["name"], p["path"]) for p in pages if admin or not p.get("admin_only")]


KEPT = ("as_of", "country")
"""What every link between pages keeps of the address: the day the pages are seen from and
the country (each page's own filters stay with it)."""


def nav_links(search: str | None) -> list[html.A]:
    """The navigation, each link keeping the day and country of the page it is on."""
    kept = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items() if k in KEPT}
    suffix = f"?{urlencode(kept)}" if kept else ""
    return [html.A(label, href=href + suffix, id=f"nav-{label.lower()}") for label, href in nav()]


def create_app(
    store: Store,
    *,
    upkeep: bool = True,
    upkeep_every: float | None = None,
    hosts: tuple[str, ...] = (),
) -> Dash:
    """A Dash app over ``store``.

    With ``upkeep`` the stored alerts are brought up to date with the data once, before the
    first page is served; with ``upkeep_every`` (seconds) a thread keeps them so as writes
    made elsewhere (the command line, another worker) arrive. Pages never write. ``hosts``:
    names the server answers to besides loopback (see ``security.allowed_hosts``).
    """
    state.use(store)
    if upkeep:
        state.upkeep()
    if upkeep_every:
        state.start_upkeep(upkeep_every)
    app = FirstPageDash(
        "dashboard",
        title=TITLE,
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        serve_locally=True,
        update_title=None,
        suppress_callback_exceptions=True,
        compress=False,  # set up below, without the stylesheet
        on_error=show_error,
    )
    # Scripts and data are compressed (plotly.js is 3.5 MB as is, 1 MB on the wire); files
    # served from assets/ (a 6 kB stylesheet, a 2 kB script), sent as streams, are not: the
    # compressor reads them without closing the file.
    app.server.config["COMPRESS_STREAMS"] = False
    app.server.config["COMPRESS_MIMETYPES"] = [
        "text/html",
        "application/javascript",
        "text/javascript",
        "application/json",
    ]
    Compress(app.server)
    assets = f"{app.config.routes_pathname_prefix}{app.config.assets_url_path.strip('/')}/"

    @app.server.after_request
    def assets_kept(response):
        """Dash names an asset with its file's time (``base.css?m=...``): a changed file has
        another address, so the browser keeps the one it has without asking again (every
        page asked, and the stylesheet held the page back until the server answered)."""
        kept = response.status_code in (200, 304) and "m" in request.args
        if kept and request.path.startswith(assets):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    # No request body beyond the largest upload (base64 in JSON: a third more) is even read.
    largest = max(MAX_UPLOAD_MB.bytes(), MAX_REPORT_KB.bytes())
    app.server.config["MAX_CONTENT_LENGTH"] = largest * 4 // 3 + 2**20
    app.layout = shell
    api.register(app.server)
    register_filter_bar(app)
    security.protect(app, security.allowed_hosts(hosts))
    auth.setup(app.server, store)

    @app.server.errorhandler(Exception)
    def no_traceback(err: Exception):
        if isinstance(err, RequestEntityTooLarge):
            sent = (request.content_length or 0) / 2**20
            return (
                f"The request ({sent:,.0f} MB) is over the largest upload this server reads "
                f"({app.server.config['MAX_CONTENT_LENGTH'] / 2**20:,.0f} MB as sent); the "
                f"settings {MAX_UPLOAD_MB.env} and {MAX_REPORT_KB.env} raise it",
                413,
                {"Content-Type": "text/plain; charset=utf-8"},
            )
        if isinstance(err, HTTPException):
            return err
        log.exception("unhandled error")
        return (
            "Something went wrong on the server; it has been logged. Nothing you entered "
            "was saved by this request. Try again, or tell whoever runs this dashboard.",
            500,
            {"Content-Type": "text/plain; charset=utf-8"},
        )

    # Each link keeps the day and the country of the page it is on (what ``nav_links``
    # does on the server for the first page), rewritten in the browser: no request.
    app.clientside_callback(
        f"""function(search, links) {{
            const kept = new URLSearchParams();
            for (const [k, v] of new URLSearchParams(search || ""))
                if ({json.dumps(list(KEPT))}.includes(k)) kept.set(k, v);
            const suffix = kept.toString() ? "?" + kept.toString() : "";
            return (links || []).map(a => ({{...a,
                props: {{...a.props, href: a.props.href.split("?")[0] + suffix}}}}));
        }}""",
        Output("nav", "children"),
        Input("url", "search"),
        State("nav", "children"),
    )

    _register_callbacks_now(app)
    return app


def _register_callbacks_now(app: Dash) -> None:
    """Dash moves the pages' callbacks into the app at its first request, and marks that
    done before it is: a worker's first requests, arriving together, could find no callback
    and answer 500. One request made here, before the server accepts any, does it once."""
    before = len(app.callback_map)  # the app's own callbacks; the pages' come at setup
    app.server.test_client().get("/_dash-dependencies")  # answered or refused: Dash's own
    if len(app.callback_map) <= before:  # hook runs first, before sign-in and host checks
        raise RuntimeError("the dashboard's page callbacks did not register")


def show_error(err: Exception) -> None:
    """Any callback that fails: logged with its traceback for whoever runs the server; the
    person sees a plain sentence, and nothing on the page changes."""
    log.error("callback failed", exc_info=err)
    dash.set_props(
        "app-error",
        {
            "children": html.Div(
                "Something went wrong on the server while updating this page; it has been "
                "logged. Nothing you entered was lost. Try again, or reload the page.",
                className="banner error",
                role="alert",
            )
        },
    )


def who_is_signed_in() -> html.Div:
    """The account this page is shown to, and the way in or out."""
    me = auth.current()
    if me is None:
        return html.Div(html.A("Sign in", href="/login", id="sign-in"), className="account")
    return html.Div(
        [
            html.A(f"{me.username} ({me.role.replace('_', ' ')})", href="/account", id="me"),
            html.Form(
                html.Button("Sign out", type="submit", className="link"),
                method="post",
                action="/logout",
            ),
        ],
        className="account",
    )


def shell() -> html.Div:
    """The frame around every page: skip link, header with navigation, the page."""
    return html.Div(
        [
            html.A("Skip to content", href="#content", className="skip"),
            dcc.Location(id="url", refresh=False),
            html.Header(
                [
                    html.A(TITLE, href="/", className="brand"),
                    html.Nav(nav_links(None), id="nav", **{"aria-label": "pages"}),
                    who_is_signed_in(),
                ],
                className="top",
            ),
            html.Div(id="app-error"),
            html.Main(page_container(), id="content"),
        ]
    )
