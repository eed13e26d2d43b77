"""The Hospitals page's map: governorates coloured by hospital strain level, as a small SVG
picture (a few kB, no chart library to run: the page opens sooner on a slow connection).
Stated levels are solid, derived ones hatched, unknown pale grey, never the colour of
normal. The table below it holds every figure, source and claim; the picture's text
alternative says each governorate's level."""

from __future__ import annotations

from datetime import date
from html import escape
from urllib.parse import urlencode

import pandas as pd
from dash import html

from dashboard.figures import STRAIN_COLOURS
from dashboard.figures_map import outlines

LEVELS = ("normal", "strained", "overwhelmed", "not_functioning")
COLOURS = dict(zip(LEVELS, STRAIN_COLOURS, strict=True))
WIDTH = 560
PAD = 30  # room for the names of the governorates at the edges
MAP_ADDRESS = "/api/v1/maps/strain.svg"
"""Where the picture is served (``dashboard.api``), with ``?as_of=&country=``."""
UNKNOWN = "#F2F2F2"
"""No evidence: the pale grey maps use for no data, never the pale blue of normal (a plain
fill: a pattern over most of a country costs a slow phone a visible moment to paint)."""
ASPECT = 1.2  # a degree of latitude drawn longer than one of longitude, as on the Overview


def _state(level: str, certainty: object) -> str:
    return "unknown" if level not in COLOURS else f"{level}-{certainty or 'possible'}"


def _fill(state: str) -> str:
    if state == "unknown":
        return UNKNOWN
    level, certainty = state.rsplit("-", 1)
    return COLOURS[level] if certainty == "confirmed" else f"url(#possible-{level})"


def svg(rows: pd.DataFrame, country: str) -> str | None:
    """The map as SVG text; None when the country's folder has no boundaries."""
    shapes_of = outlines(country)
    if not shapes_of:
        return None
    states = {
        p: _state(lv, c)
        for p, lv, c in zip(rows["place"], rows["level"], rows["certainty"], strict=True)
    }
    xs = [x for _, _, px, _ in shapes_of for x in px if x is not None]
    ys = [y for _, _, _, py in shapes_of for y in py if y is not None]
    left, top = min(xs), max(ys)
    scale = WIDTH / (max(xs) - left)
    height = round((top - min(ys)) * scale * ASPECT) + 2 * PAD

    def at(x: float, y: float) -> str:
        return f"{PAD + (x - left) * scale:.1f},{PAD + (top - y) * scale * ASPECT:.1f}"

    defs = []
    hatched = {state.rsplit("-", 1)[0] for state in states.values() if state.endswith("possible")}
    for level, colour in COLOURS.items():
        if level not in hatched:
            continue  # a pattern only where one is drawn
        defs.append(
            # a diagonal drawn in an upright tile: a rotated tile costs a phone a visible
            # moment to paint over a whole governorate
            f'<pattern id="possible-{level}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/><path d="M-1,1 l2,-2 M0,6 l6,-6 '
            'M5,7 l2,-2" stroke="#555" stroke-width="1.2"/></pattern>'
        )
    shapes, labels = [], []
    for code, name, px, py in shapes_of:
        path, ring = [], []
        for x, y in [*zip(px, py, strict=True), (None, None)]:
            if x is None:
                if ring:
                    path.append("M" + " L".join(ring) + " Z")
                ring = []
            else:
                ring.append(at(x, y))
        state = states.get(code, "unknown")
        words = state.replace("-", ", ").replace("_", " ")
        shapes.append(
            f'<path d="{" ".join(path)}" fill="{_fill(state)}" stroke="#555" stroke-width="0.8">'
            f"<title>{escape(name)}: {escape(words)}</title></path>"
        )
        points = [(x, y) for x, y in zip(px, py, strict=True) if x is not None]
        cx = sum(p[0] for p in points) / len(points)
        cy = sum(p[1] for p in points) / len(points)
        x, y = at(cx, cy).split(",")
        labels.append(
            f'<text x="{x}" y="{y}" font-size="11" text-anchor="middle" '
            f'font-family="system-ui, sans-serif" fill="#111">{escape(name)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH + 2 * PAD} {height}" '
        f'width="{WIDTH + 2 * PAD}" height="{height}"><defs>{"".join(defs)}</defs>'
        f"{''.join(shapes)}{''.join(labels)}</svg>"
    )


def key_of(levels) -> list[html.Span]:
    """The key of the states among ``levels`` ((level, certainty) pairs), worst last: a
    swatch as the map and the strain-by-day rows draw it, and its words."""
    shown = {_state(lv, c) for lv, c in levels}
    key = []
    for level in (*LEVELS, "unknown"):
        for certainty in ("confirmed", "possible"):
            state = "unknown" if level == "unknown" else f"{level}-{certainty}"
            if state not in shown or (level == "unknown" and certainty == "possible"):
                continue
            how = "stated" if certainty == "confirmed" else "derived"
            words = (
                "unknown: no evidence"
                if level == "unknown"
                else f"{level.replace('_', ' ')} ({how}, {certainty})"
            )
            key.append(
                html.Span(
                    [html.Span(className=f"swatch strain-{level} {certainty}"), words],
                    className="key",
                )
            )
    return key


def strain_map(rows: pd.DataFrame, country: str, as_of: date) -> html.Figure | None:
    """The picture (from its own address: the page's text comes first, the map as it
    arrives), its key and its text alternative; None without boundaries."""
    if not outlines(country):
        return None
    said = "; ".join(
        f"{p}: {lv.replace('_', ' ')}" + (f" ({c})" if isinstance(c, str) else "")
        for p, lv, c in zip(rows["place_name"], rows["level"], rows["certainty"], strict=True)
    )
    key = key_of(zip(rows["level"], rows["certainty"], strict=True))
    query = urlencode({"as_of": as_of.isoformat(), "country": country})
    return html.Figure(
        [
            html.Img(
                src=f"{MAP_ADDRESS}?{query}",
                alt=f"Map of hospital strain by governorate. {said}.",
                width=WIDTH + 2 * PAD,
            ),
            html.Figcaption(key, className="strain-key"),
        ],
        id="hospitals-strain-map",
        className="strain-map",
    )
