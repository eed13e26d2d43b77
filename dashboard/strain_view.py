"""The Hospitals page's opening: hospital strain by place as of a day, as evidence. A map
coloured by each place's level (unknown drawn as unknown), and a table of the evidence,
worst first, every figure a button that lists the claims behind it; the rule that reads a
level from the evidence; figures about the whole country beside, counted in no place; the
table's downloads."""

from __future__ import annotations

from datetime import date

import pandas as pd
from dash import html

from dashboard import components as ui
from dashboard import state, strain_days, strain_map, views
from dashboard.query import View
from indicators.strain_evidence import CELLS, of_places
from indicators.strain_rule import rule_lines
from indicators.vocab import STRAIN_ORDER

CELL_ID = "strain-evidence-cell"
"""Pattern-matching id type of every figure of the evidence table: {type, place, cell}."""
LEVEL_RANK = {**STRAIN_ORDER, "unknown": -1}
LEVEL_WORDS = {"not_functioning": "not functioning"}
SHOWN = {
    "Stated in a report (30 days)": ("stated",),
    "Attacks on health care": ("attacks_7d", "attacks_30d"),
    "People injured, 7 days": ("injured_7d",),
    "Facilities down or damaged (30 days)": ("facilities",),
    "Bed occupancy (7 days)": ("occupancy",),
}
"""The kinds of evidence a place's row lists, a line each, and the cells each shows."""
WITHIN = {"attacks_7d": " in 7 days", "attacks_30d": " in 30"}
HISTORY_SHOWN_NAMES = 20
"""Places named as unknown throughout under the strain-by-day chart; the rest counted."""
COLUMNS = (
    ("stated", "Stated in a report (30 days)"),
    ("attacks_7d", "Attacks on health care, 7 days"),
    ("attacks_30d", "Attacks, 30 days"),
    ("injured_7d", "People injured, 7 days"),
    ("facilities", "Facilities down or damaged (30 days)"),
    ("occupancy", "Bed occupancy (7 days)"),
)


def level_words(level: str | None) -> str:
    return LEVEL_WORDS.get(level or "unknown", level or "unknown")


def chosen_places(view: View, as_of: date) -> tuple[pd.DataFrame, str, str]:
    """The evidence rows the view asks for: governorates, or the districts of the chosen
    governorates (and only the chosen districts, when some are); with country and level."""
    country, level = view.filters.country_code, _level(view)
    return _chosen(view, state.strain_evidence(as_of, country, level)), country, level


def _level(view: View) -> str:
    return "admin2" if view.filters.admin1 or view.filters.admin2 else "admin1"


def _chosen(view: View, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of the places the view chose (all when it chose none)."""
    return of_places(rows, *_within(view))


def _within(view: View) -> tuple[tuple[str, ...], tuple[str, ...]]:
    f = view.filters
    return tuple(f.admin1 or ()), tuple(f.admin2 or ())


def evidence_section(view: View, as_of: date) -> list:
    """Summary sentence, map, table, the country-wide figures, the rule and downloads."""
    rows, country, level = chosen_places(view, as_of)
    kind = "governorate" if level == "admin1" else "district"
    ordered = rows.assign(rank=rows["level"].map(LEVEL_RANK)).sort_values(
        ["rank", "place_name"], ascending=[False, True], kind="stable"
    )
    return [
        html.H2(f"Hospital strain by {kind}, as of {ui.day_text(as_of)}"),
        html.P(summary(ordered, kind), id="strain-summary", className="lead"),
        strain_map.strain_map(ordered, country, as_of) if level == "admin1" else None,
        html.Div(evidence_table(ordered, kind), className="table-wrap"),
        html.Div(
            html.P("Click a figure to read the claims behind it.", className="hint"),
            id="strain-evidence-claims",
            className="claims-panel",
            **{"aria-live": "polite"},
        ),
        not_placed_note(rows),
        html.Details(
            [
                html.Summary("How the level is read (the rule)"),
                # one numbered text, not a list of items: each component costs a phone
                html.P(
                    "\n".join(f"{i}. {line}" for i, line in enumerate(rule_lines(), 1)),
                    className="rule-lines",
                ),
                ui.certainty_legend(),
            ],
            id="strain-rule",
        ),
        downloads(as_of, country, level, *_within(view)),
    ]


def summary(rows: pd.DataFrame, kind: str) -> str:
    """One sentence: the places with a level, worst first, and how many are unknown."""
    known = rows[rows["level"] != "unknown"]
    unknown = len(rows) - len(known)
    parts = [
        f"{r.place_name}: {level_words(r.level)} ({r.certainty}"
        f"{', stated' if r.strain_basis == 'stated' else ', derived from the evidence'})"
        for r in known.itertuples()
    ]
    rest = f"{ui.count(unknown, kind)} unknown: no evidence in the windows the rule reads"
    if not parts:
        return (
            f"Every {kind} unknown: no report of strain, attacks, injured, facilities or "
            "occupancy in the windows the rule reads. Unknown is not normal."
        )
    return "; ".join(parts) + (f". {rest} (unknown is not normal)." if unknown else ".")


def evidence_table(rows: pd.DataFrame, kind: str) -> html.Table:
    """A row per place with evidence, worst first: the place, its level with why below it,
    and its evidence, a line per kind of figure reported (each figure a button listing its
    claims, then its sources) and one line naming what no report gave; the places with
    nothing in any window named together in the last row (unknown, never normal).

    Three columns, few components: a phone reads a place's evidence down one cell rather
    than across eight, and each Dash component costs a slow phone time to draw."""
    head = html.Tr(
        [html.Th(kind.capitalize()), html.Th("Strain level, and why"), html.Th("Evidence")]
    )
    empty = rows[[f"{c}_claims" for c in CELLS]].map(len).sum(axis=1) == 0
    silent = rows[empty & (rows["level"] == "unknown")]
    body = [
        html.Tr(
            [html.Th(r["place_name"], scope="row"), _level_cell(r), _evidence_cell(r)],
            id=f"strain-row-{r['place']}",
        )
        for r in rows[~rows.index.isin(silent.index)].to_dict("records")
    ]
    if len(silent):
        body.append(
            html.Tr(
                [
                    html.Th(f"{ui.count(len(silent), kind)} unknown", scope="row"),
                    html.Td("unknown", className="level unknown"),
                    html.Td(
                        "No report in any window the rule reads, so unknown (not normal): "
                        + ", ".join(silent["place_name"])
                        + "."
                    ),
                ],
                id="strain-row-unknown",
            )
        )
    return html.Table([html.Thead(head), html.Tbody(body)], className="evidence", id="strain-table")


def _level_cell(r: dict) -> html.Td:
    """The level and its certainty on the first line (bold), the rule's reason below."""
    level, certainty = r["level"], r["certainty"]
    if level == "unknown" or not isinstance(certainty, str):
        return html.Td(f"unknown\n{r['reason']}", className="level unknown")
    return html.Td(
        f"{level_words(level)}, {certainty}\n{r['reason']}",
        className=f"level strain-{level} {certainty}",
        title=f"{r['strain_basis']}: {r['reason']}",
    )


def _evidence_cell(r: dict) -> html.Td:
    """A line per kind of figure reported, then one naming the kinds no report gave."""
    parts: list = []
    missing = []
    for label, cells in SHOWN.items():
        if not any(r.get(f"{c}_claims") for c in cells):
            missing.append(label)
            continue
        parts += [f"{label}: ", *_figures(r, cells), "\n"]
    if missing:
        parts.append("No report: " + "; ".join(m[0].lower() + m[1:] for m in missing) + ".")
    return html.Td(parts, className="figure")


def _figures(r: dict, cells: tuple[str, ...]) -> list:
    """A kind's figures (attacks in 7 and in 30 days share a line), each a button listing
    its claims, then their sources."""
    parts: list = []
    for cell in cells:
        ids = r.get(f"{cell}_claims") or ()
        if parts:
            parts.append(" · ")
        if not ids:
            parts.append("no report" + WITHIN.get(cell, ""))
            continue
        parts.append(
            html.Button(
                _cell_text(r, cell) + WITHIN.get(cell, ""),
                id={"type": CELL_ID, "place": r["place"], "cell": cell},
                className="link-button",
                title=f"Show the {ui.count(len(ids), 'claim')} behind this figure",
            )
        )
    said = r.get(f"{next(c for c in reversed(cells) if r.get(f'{c}_claims'))}_sources")
    return [*parts, f" · {said}" if isinstance(said, str) else ""]


def _cell_text(r: dict, cell: str) -> str:
    if cell == "stated":
        return f"{level_words(r['stated_level'])}, {ui.day_text(r['stated_day'])}" + (
            f" ({_age(r['stated_age_days'])})"
        )
    if cell == "facilities":
        return r["facilities_detail"] or ui.number(r["facilities_down"])  # the words hold it
    if cell == "occupancy":
        return f"{ui.number(r['occupancy_pct'])} %, {ui.day_text(r['occupancy_day'])}"
    return ui.number(r[cell])


def _age(days: object) -> str:
    if days is None or pd.isna(days):
        return "undated"
    days = int(days)
    return "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago"


def not_placed_note(rows: pd.DataFrame) -> html.P | None:
    """Figures for the whole country or several governorates: shown, never a place's."""
    words = rows["not_placed"].dropna()
    if words.empty:
        return None
    return html.P(
        [
            html.Strong("Not in any one place: "),
            f"{words.iloc[0]}. ",
            html.Button(
                "Show those claims",
                id={"type": CELL_ID, "place": "", "cell": "not_placed"},
                className="link-button",
            ),
            " They raise no governorate's level: the rule counts a place's own figures only.",
        ],
        id="strain-not-placed",
        className="hint",
    )


def downloads(as_of: date, country: str, level: str, admin1=(), admin2=()) -> html.P:
    """Links to the table as shown: its day, country, level and chosen places."""
    from dashboard.api import evidence_address

    links = []
    for fmt, label in (("csv", "CSV"), ("hxl", "HXL"), ("xlsx", "Excel"), ("json", "JSON")):
        href = evidence_address(fmt, as_of, country, level, admin1=admin1, admin2=admin2)
        links += [html.A(label, href=href), " · "]
    return html.P(
        ["Download this table, with the claims and sources of every figure: ", *links[:-1]],
        id="strain-downloads",
    )


def evidence_claims(view: View, as_of: date, place: str, cell: str) -> html.Div:
    """The claims behind one figure of the table (or the country-wide figures)."""
    snap = state.model()
    if cell == "not_placed":
        from indicators.strain_evidence import not_placed

        found = not_placed(snap, as_of, view.filters.country_code)
        ids = list(dict.fromkeys(i for ids in found["claims"] for i in ids))
        title = "figures for the whole country or several governorates"
    else:
        rows, _, _ = chosen_places(view, as_of)
        hit = rows[rows["place"] == place]
        ids = list(hit[f"{cell}_claims"].iloc[0]) if len(hit) and cell in dict(COLUMNS) else []
        label = dict(COLUMNS).get(cell, cell).lower()
        title = f"{hit['place_name'].iloc[0]}, {label}" if len(hit) else "that figure"
    if not ids:
        return html.P("No claims behind that figure.", className="hint")
    return html.Div(
        [
            html.H3(f"{ui.count(len(ids), 'claim')} behind {title}"),
            ui.claim_list(snap.claims(ids[: ui.CLAIMS_SHOWN]), total=len(ids)),
        ]
    )


def history_section(view: View, first: date, last: date) -> list:
    """The chosen places' strain by day from ``first`` to ``last`` as the rule reads it:
    the rows of the places with a level on some day and a sentence naming the others, or
    one sentence when no place has one."""
    f = view.filters
    rows = _chosen(view, state.strain_history(first, last, f.country_code, _level(view)))
    drawn = strain_days.strain_days(rows, first, last)
    known = set(rows.loc[rows["level"] != "unknown", "place"])
    never = sorted(set(rows.loc[~rows["place"].isin(known), "place_name"]))
    if not known or not never:
        return [drawn]
    shown = HISTORY_SHOWN_NAMES
    return [
        drawn,
        html.P(
            f"Unknown on every day, no evidence (not normal): {', '.join(never[:shown])}"
            + (f" and {len(never) - shown} more" if len(never) > shown else "")
            + ".",
            className="hint",
            id="hospitals-strain-unknown",
        ),
    ]


def place_days_claims(view: View, place: str | None) -> html.Div:
    """What a click on a place's strain-by-day track lists: each run of days with one known
    level, newest first, with its reason and the claims behind it (the statements when the
    level was stated, else the evidence the rule read on those days)."""
    f = view.filters
    nothing = html.P("No evidence on any day: unknown, not normal.", className="hint")
    if not place:
        return nothing
    period = views.period(view)
    rows = state.strain_history(period.date_from, period.date_to, f.country_code, _level(view))
    mine = rows[rows["place"] == place]
    runs = strain_days.spans(mine)
    runs = runs[runs["level"] != "unknown"].iloc[::-1]
    if runs.empty:
        return nothing
    parts = [html.H3(f"{runs['place_name'].iloc[0]}: hospital strain by day")]
    for r in runs.itertuples(index=False):
        days = mine[mine["day"].between(r.start, r.end)]
        ids = list(dict.fromkeys(i for claims in days["claims"] for i in claims))
        when = ui.day_text(r.start) + ("" if r.start == r.end else f" to {ui.day_text(r.end)}")
        said = r.reason if r.start == r.end else f"On {ui.day_text(r.end)}: {r.reason}"
        parts += [
            html.H4(f"{when}: {level_words(r.level)} ({r.certainty})"),
            html.P(said),
            html.P(f"{ui.count(len(ids), 'claim')} behind these days", className="hint"),
            ui.claim_list(state.model().claims(ids[: ui.CLAIMS_SHOWN]), total=len(ids)),
        ]
    return html.Div(parts)
