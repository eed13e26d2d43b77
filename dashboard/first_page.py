"""The first page a person opens, sent whole: its content comes with Dash's layout (not in a
second request), and plotly.js is run while the server makes that layout.

Dash sends a multi-page app's layout with an empty page container and asks for the page in
a second request once the browser knows its address; a chart can only be drawn after that,
and after plotly.js (3.5 MB) has been run. Here the browser sends its address with the
request for the layout (``assets/page_address.js``, header ``PAGE_ADDRESS``), the server
puts the page in the container, and a page that draws charts (registered with
``charts=True``) has plotly.js fetched at once and run while the layout is being made.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dash
import plotly
from dash import Dash, dcc, html
from dash.fingerprint import build_fingerprint
from flask import has_request_context, request

PAGE_ADDRESS = "X-Page-Address"
"""The header carrying the address a page was opened at, sent with the request for its
layout by ``assets/page_address.js``."""


@cache
def plotly_js() -> str:
    """plotly.js's path under Dash's component suites, fingerprinted as Dash names the
    scripts it sends (version and file time): Dash serves such a path to be kept a year, so
    a returning browser runs plotly.js from its cache without asking the server again (under
    its plain name every page asked, and the server read and hashed 3.5 MB to answer 'not
    modified')."""
    path = "package_data/plotly.min.js"
    modified = int((Path(plotly.__file__).parent / path).stat().st_mtime)
    return f"plotly/{build_fingerprint(path, plotly.__version__, modified)}"


def page_of(address: str) -> dict | None:
    """The registered page at an address (path and query, as the browser has it), or None
    for an address that is not one of this app's pages."""
    parts = urlsplit(address)
    if not address.startswith("/") or parts.netloc or parts.scheme:
        return None
    try:
        path = dash.strip_relative_path(parts.path)
    except dash.exceptions.UnsupportedRelativePath:
        return None
    return next((p for p in dash.page_registry.values() if p["path"].strip("/") == path), None)


def page_container() -> html.Div:
    """Dash's page container, with the page already in it when the layout is asked for with
    the page's address. Its ``dcc.Location`` holds the page's path and query, so it sets
    nothing on mount and Dash's router is not called (a back or forward in the browser still
    calls it). Without an address, or one that names no page, the plain container: Dash's
    router answers as it always does."""
    address = request.headers.get(PAGE_ADDRESS, "") if has_request_context() else ""
    page = page_of(address)
    if page is None:
        return dash.page_container
    parts = urlsplit(address)
    params = {
        k: v[0] if len(v) == 1 else v
        for k, v in parse_qs(parts.query, keep_blank_values=True).items()
    }  # as Dash's router passes them to a page's layout
    layout = page["layout"](**params) if callable(page["layout"]) else page["layout"]
    title = page["title"]() if callable(page["title"]) else page["title"]
    location, content, store, dummy = dash.page_container.children
    return html.Div(
        [
            dcc.Location(
                id=location.id,
                refresh=location.refresh,
                pathname=parts.path,
                search=f"?{parts.query}" if parts.query else "",
            ),
            html.Div(layout, id=content.id, disable_n_clicks=True),
            dcc.Store(id=store.id, data={"title": title}),
            dummy,
        ]
    )


class FirstPageDash(Dash):
    """Dash whose index page, for a page that draws charts, asks for plotly.js at once
    (``<link rel="preload">``): ``assets/page_address.js`` runs it, once fetched, while the
    server makes the layout. Other pages do not fetch it.

    A page also names the parts of Dash's components it always shows that Dash loads only
    when they are first drawn (``lazy=("graph", "dropdown", "datepicker")``): they are
    fetched at once too, not one after another once the layout is in.

    The grid component's script (1.3 MB, run on every page Dash sends) is left out of the
    pages registered without ``grids=True``, and Dash's own table component's script from
    every page (no page draws a ``dash_table.DataTable``): every link between pages loads
    the page anew, so a page has exactly the scripts its own components need."""

    def interpolate_index(self, **kwargs) -> str:
        page = page_of(request.full_path.rstrip("?")) if has_request_context() else None
        if page is not None and page.get("charts"):
            prefix = self.config.requests_pathname_prefix
            kwargs["css"] += (
                f'\n<link rel="preload" href="{prefix}_dash-component-suites/{plotly_js()}" '
                'as="script">'
            )
        if page is not None:
            prefix = self.config.requests_pathname_prefix
            for part in page.get("lazy", ()):
                chunk = f"{prefix}_dash-component-suites/dash/dcc/async-{part}.js"
                kwargs["css"] += f'\n<link rel="preload" href="{chunk}" as="script">'
        unused = (
            ("dash/dash_table/",)
            if page is None or page.get("grids")
            else ("dash/dash_table/", "dash_ag_grid")
        )
        kwargs["scripts"] = "\n".join(
            line for line in kwargs["scripts"].split("\n") if not any(u in line for u in unused)
        )
        return super().interpolate_index(**kwargs)
