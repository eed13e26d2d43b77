"""Small pieces of page shared by several pages: filter bar, banners, claim lists."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
from dash import dcc, html

from dashboard.query import View
from indicators.accounts import NEEDED_ROLE, Account
from indicators.alerts import wording
from indicators.places import gazetteer
from indicators.vocab import POPULATION_GROUPS


def number(value: object, unit: str = "") -> str:
    """A figure as people read it; unknown shows as 'unknown', never 0."""
    if value is None or (isinstance(value, float) and value != value) or pd.isna(value):
        return "unknown"
    text = f"{float(value):,.0f}"
    return f"{text} {unit}".strip()


def freshness(basis: str, day: object, as_of: object) -> tuple[str, bool]:
    """How fresh a tile's figure is, the same way on every tile: its basis and day, and
    'stale' with its age once older than ``trends.STALE_AFTER_DAYS``; and whether stale."""
    from indicators.trends import STALE_AFTER_DAYS

    age = (pd.Timestamp(as_of) - pd.Timestamp(day)).days
    stale = age > STALE_AFTER_DAYS
    text = f"{basis} {day_text(day)}" + (f" · stale: {count(age, 'day')} old" if stale else "")
    return text, stale


ADDRESS_DEBRIS = re.compile(r"[\s._-]*(\d{5,}|html?|php|aspx?|amp=\d+)\s*$", re.IGNORECASE)
"""What an address leaves at the end of a title read from it ('... 2471518 html')."""


def source_title(title: object, publisher: object, published: object) -> str:
    """A report's title as a reader recognises it: its title without the pieces of its
    address ('... offensive 4780681' reads '... offensive'), or its publisher and day when
    no title is left ('?amp=1', '8hsa9b62nyix')."""
    text = title.strip() if isinstance(title, str) else ""
    while ADDRESS_DEBRIS.search(text) and ADDRESS_DEBRIS.search(text).group(0):
        text = ADDRESS_DEBRIS.sub("", text)
    if len(text.split()) >= 3 and text[0].isalnum():
        return text[0].upper() + text[1:]
    who = publisher if isinstance(publisher, str) and publisher else "A source"
    day = day_text(published) if published is not None and not _missing(published) else None
    return f"{who}, report of {day}" if day else f"{who}, undated report"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 claim', '2 claims', '1,204 claims': a number with its noun agreeing."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _missing(value: object) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not missing
        return False


def day_text(value: object) -> str:
    if value is None or pd.isna(value):
        return "date unknown"
    return pd.Timestamp(value).strftime("%d %b %Y").lstrip("0")


def admin1_options(country: str | None = None) -> list[dict[str, str]]:
    """The governorates of one country (the deployment's default when None)."""
    g = gazetteer()
    codes = sorted(g.admin1_of(country or g.default_country), key=lambda c: g.admin1_name[c])
    return [{"label": g.admin1_name[c], "value": c} for c in codes]


def country_options(
    *, every: bool = False, among: frozenset[str] | None = None
) -> list[dict[str, str]]:
    """The countries whose places are known (``among``: only these, with the default
    country: a filter offers the countries with figures, not the 156 of the reference);
    ``every``: with an 'all countries' choice."""
    g = gazetteer()
    found = sorted(g.folders.values(), key=lambda f: f.name)
    if among is not None:
        keep = {*among, g.default_country}
        found = [f for f in found if f.iso3 in keep]
    options = [{"label": f.name, "value": f.iso3} for f in found]
    return ([{"label": "all countries", "value": ""}] if every else []) + options


RADIO_UP_TO = 5
"""A choice among this many or fewer is shown as radio buttons: every option in view, one
click, and lighter for the browser than a menu (a menu costs a page about 20 ms to mount)."""


def country_picker(
    id_: str, value: str | None, *, every: bool = False, among: frozenset[str] = frozenset()
) -> html.Div:
    """Which country a page shows, among the countries with figures (``among``) and the
    default one (and the one asked for); kept in the address like the other filters. A
    few countries are radio buttons, more a menu one can type in."""
    g = gazetteer()
    chosen = value or ("" if every else g.default_country)
    options = country_options(every=every, among=among | {chosen} - {""})
    if len(options) <= RADIO_UP_TO:
        control = dcc.RadioItems(
            id=id_, options=options, value=chosen, inline=True, className="radio"
        )
    else:
        control = dcc.Dropdown(
            id=id_, options=options, value=chosen, clearable=False, searchable=True
        )
    return labelled("Country", control, "filter")


def admin2_options(admin1: list[str] | None, country: str | None = None) -> list[dict[str, str]]:
    g = gazetteer()
    codes = g.admin2_of(country or g.default_country)
    if admin1:
        codes = [c for c in codes if g.admin2_parent.get(c) in admin1]
    return [{"label": f"{g.admin2_name[c]} ({c})", "value": c} for c in codes]


def labelled(label: str, control, class_name: str = "filter") -> html.Div:
    """A control under its label (the label names the control for screen readers)."""
    return html.Div([html.Label(label, htmlFor=control.id), control], className=class_name)


def admin1_picker(id_: str, value, country: str | None = None) -> html.Div:
    return labelled(
        "Governorates",
        dcc.Dropdown(
            id=id_,
            options=admin1_options(country),
            value=list(value),
            multi=True,
            placeholder="all of the country",
        ),
        "filter wide",
    )


def period_picker(id_: str, start, end, opens_on: date | None = None) -> html.Div:
    """A period; its calendar opens on the period chosen, else on ``opens_on`` (the data's
    newest day), never on the current month of an archive with nothing in it."""
    return labelled(
        "Period",
        dcc.DatePickerRange(
            id=id_,
            start_date=start,
            end_date=end,
            initial_visible_month=start or end or opens_on,
            display_format="D MMM YYYY",
            clearable=True,
            start_date_placeholder_text="from",
            end_date_placeholder_text="to",
        ),
    )


def table_picker(id_: str, label: str, value: str) -> html.Div:
    from indicators.vocab import TABLE_NAMES

    return labelled(
        label,
        dcc.Dropdown(
            id=id_,
            options=[{"label": t.replace("_", " "), "value": t} for t in TABLE_NAMES],
            value=value,
            clearable=False,
        ),
    )


def refused(who: Account | None, permission: str, change: str) -> html.Div | None:
    """The message when the signed-in account may not make a change (else None). The
    server decides here; the page only hides what a role cannot do."""
    if who is None:
        return html.Div(
            [
                f"Sign in to make this {change}: every change is recorded under the account "
                "that made it. ",
                html.A("Sign in", href="/login"),
            ],
            className="banner error",
            role="alert",
        )
    if not who.may(permission):
        return error_box(
            f"Your account ({who.role.replace('_', ' ')}) may not make this {change}: it "
            f"needs the {NEEDED_ROLE[permission]} role. Ask an admin."
        )
    return None


def only_for(who: Account | None, permission: str, children, **props) -> html.Div:
    """Controls shown only to an account that may use them. Hiding is a courtesy: the
    server refuses the change anyway (see :func:`refused`)."""
    allowed = who is not None and who.may(permission)
    return html.Div(children, hidden=not allowed, **props)


def signed_in_as(who: Account | None, permission: str, change: str) -> html.Div:
    """Who the changes on this page will be recorded under, or why none can be made."""
    if who is not None and who.may(permission):
        return html.P(
            f"Changes you make here are recorded under your account, {who.username}.",
            className="hint",
        )
    return refused(who, permission, change)


def filter_bar(
    view: View,
    period,
    as_of: date,
    *,
    with_group: bool = False,
    countries: frozenset[str] = frozenset(),
) -> html.Div:
    """Period, governorates, districts, population group and the day seen from; every
    change is written to the address bar. ``period`` is the view's filters with the
    period completed (see ``views.period``); ``countries``: those with figures."""
    f = view.filters
    items = [
        labelled(
            "As of",
            dcc.DatePickerSingle(
                id="filter-as-of", date=as_of, display_format="D MMM YYYY", clearable=False
            ),
            "filter narrow",
        ),
        country_picker("filter-country", f.country, among=countries),
        period_picker("filter-dates", period.date_from, period.date_to),
        admin1_picker("filter-admin1", f.admin1, f.country),
        html.Div(
            [
                html.Label("Districts", htmlFor="filter-admin2"),
                dcc.Dropdown(
                    id="filter-admin2",
                    options=admin2_options(list(f.admin1), f.country),
                    value=list(f.admin2),
                    multi=True,
                    placeholder="all districts",
                ),
            ],
            className="filter wide",
        ),
        group_picker(f.group) if with_group else _no_group(),
    ]
    return html.Div(
        items,
        className="filters",
        role="search",
    )


def group_picker(group: str | None) -> html.Div:
    return html.Div(
        [
            html.Label("Population group", htmlFor="filter-group"),
            dcc.Dropdown(
                id="filter-group",
                options=[{"label": g.replace("_", " "), "value": g} for g in POPULATION_GROUPS],
                value=group,
                placeholder="all people",
            ),
        ],
        className="filter",
    )


def _no_group() -> dcc.RadioItems:
    """The group filter of a page whose figures are not counted by group: nothing to choose
    and nothing shown, there for the filter bar's callbacks (no menu to mount)."""
    return dcc.RadioItems(id="filter-group", options=[], value=None, style={"display": "none"})


def as_of_banner(as_of: date, newest: date | None) -> html.Div:
    """Says which day the page is seen from, and how old the newest figure is."""
    today = date.today()
    if newest is None:
        return html.Div(
            "The store holds no accepted figures yet. Review extracted claims (Review page) "
            "or upload a table (Data page).",
            className="banner stale",
            id="as-of-banner",
        )
    parts = [f"Seen as of {day_text(as_of)}. Newest accepted figure: {day_text(newest)}"]
    stale = (today - newest).days > 7
    if stale:
        parts.append(
            f" ({(today - newest).days:,} days before today): this is an archive, not today's "
            "situation."
        )
    return html.Div(
        "".join(parts), className="banner stale" if stale else "banner", id="as-of-banner"
    )


def problems(view: View) -> html.Div | None:
    if not view.problems:
        return None
    return html.Div(
        [html.Strong("Part of the address was not understood: "), "; ".join(view.problems)],
        className="banner error",
        role="alert",
    )


CLAIMS_SHOWN = 50


def claim_list(claims: pd.DataFrame, *, total: int | None = None) -> html.Div:
    """Every claim behind a point: the figure as written, the quote, the source and a link."""
    if claims.empty:
        return html.P("No claims.", className="hint")
    items = []
    limit = CLAIMS_SHOWN
    total = len(claims) if total is None else total
    for row in claims.head(limit).itertuples(index=False):
        d = {k: None if _missing(v) else v for k, v in row._asdict().items()}
        link = (
            html.A(
                d.get("publisher") or d["source_id"], href=d["url"], target="_blank", rel="noopener"
            )
            if isinstance(d.get("url"), str) and d.get("url")
            else html.Span(d.get("publisher") or d["source_id"])
        )
        quote = d.get("quote")
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            html.Strong(d.get("value_text") or number(d.get("value_best"))),
                            f" · {d.get('location_text') or ''} · {day_text(d.get('date_end'))} · ",
                            link,
                            f" ({day_text(d.get('published'))})"
                            if d.get("published") is not None
                            else "",
                        ]
                    ),
                    html.Blockquote(quote) if isinstance(quote, str) and quote else None,
                    _carried(d.get("carriers")),
                    html.Small(f"claim {d['claim_id']}", className="hint"),
                ]
            )
        )
    more = (
        html.P(
            f"and {total - limit:,} more: download the table (Data page) to see them all.",
            className="hint",
        )
        if total > limit
        else None
    )
    return html.Div([html.Ul(items, className="claims"), more])


def _carried(carriers: object) -> html.P | None:
    """The other outlets that carried the same story: listed, never counted again."""
    if not isinstance(carriers, list) or not carriers:
        return None
    links: list = []
    for carrier in carriers:
        name = carrier.get("publisher") or carrier["claim_id"]
        url = carrier.get("url")
        links.append(
            html.A(name, href=url, target="_blank", rel="noopener")
            if isinstance(url, str) and url
            else html.Span(name)
        )
        links.append(", ")
    return html.P(
        ["Also carried by ", *links[:-1], " (the same story, counted once)."],
        className="hint carriers",
    )


def certainty_legend() -> html.P:
    """What 'confirmed' and 'possible' mean, in the words every surface uses."""
    return html.P(
        [
            html.Strong("confirmed"),
            f": {wording.CERTAINTY['confirmed']}; ",
            html.Strong("possible"),
            f": {wording.CERTAINTY['possible']}.",
        ],
        className="hint",
        id="certainty-legend",
    )


def empty_state(text: str, *links: tuple[str, str]) -> html.Div:
    return html.Div(
        [html.P(text), *[html.A(label, href=href, className="button") for label, href in links]],
        className="empty",
    )


def error_box(message: str) -> html.Div:
    return html.Div(message, className="banner error", role="alert")
