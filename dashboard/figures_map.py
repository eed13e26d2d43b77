"""The map of governorates, drawn from the country's boundary file as plain shapes (no map
tiles, no network), each coloured by its most severe open alert. The Hospitals page draws
the same outlines as a picture (``strain_map``)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from dashboard.figures import STATE_COLOURS, below, empty, layout, plain
from indicators.place_folders import BOUNDARIES
from indicators.places import gazetteer


@cache
def outlines(country: str) -> tuple[tuple[str, str, tuple[float, ...], tuple[float, ...]], ...]:
    """Admin 1 outlines from the country folder's boundary file, simplified to ~1 km (drawn
    as plain shapes: no map tiles, no network); none when the folder has no boundaries."""
    import json

    from shapely.geometry import shape

    folder = gazetteer().folders.get(country)
    path = folder.file(BOUNDARIES) if folder else None
    if path is None:
        return ()
    raw = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for feature in raw["features"]:
        props = feature["properties"]
        geom = shape(feature["geometry"]).simplify(0.01, preserve_topology=True)
        polygons = getattr(geom, "geoms", [geom])
        xs: list[float] = []
        ys: list[float] = []
        for poly in polygons:
            x, y = poly.exterior.coords.xy
            xs += [round(v, 3) for v in x] + [None]
            ys += [round(v, 3) for v in y] + [None]
        out.append((props["ADM1_PCODE"], props["ADM1_EN"], tuple(xs), tuple(ys)))
    return tuple(out)


def has_boundaries(country: str) -> bool:
    """True when the country's place folder has a boundary file to draw."""
    return bool(outlines(country))


ALERT_KEY = {
    "critical": (STATE_COLOURS["critical"], "critical alert", "x"),
    "warning": (STATE_COLOURS["warning"], "warning alert", ""),
    "ok": (STATE_COLOURS["ok"], "figures, no alert", ""),
    "no_data": (STATE_COLOURS["no_data"], "no figures", ""),
}
"""Each state a map colours: its colour, its legend entry and its fill pattern."""


def governorate_map(
    places: pd.DataFrame,
    country: str | None = None,
    key: dict[str, tuple[str, str, str]] = ALERT_KEY,
    missing: str = "no_data",
) -> dict:
    """Governorates coloured by their state in ``key`` (by default their most severe open
    alert); ``places`` has unit, state, text (the hover lines); a governorate not in
    ``places`` is ``missing``. A country whose folder has no boundary file gets a plain
    message, never another country's map."""
    g = gazetteer()
    country = country or g.default_country
    shapes_of = outlines(country)
    if not shapes_of:
        return empty(
            f"No boundary file for {g.country_name(country)}: the map cannot be drawn. "
            "The figures are in the charts and tables."
        )
    by_unit = places.set_index("unit") if len(places) else pd.DataFrame()
    # one shape trace per state, its governorates as sub-paths (a few traces draw in a
    # fraction of the time of one per governorate); each governorate's hover on its name
    shapes: dict[str, tuple[list, list]] = {}
    labels_x, labels_y, labels, hovers = [], [], [], []
    for code, name, xs, ys in shapes_of:
        state = by_unit["state"].get(code, missing) if len(by_unit) else missing
        text = by_unit["text"].get(code, "") if len(by_unit) else ""
        xs_, ys_ = shapes.setdefault(state, ([], []))
        xs_ += [*xs, None]
        ys_ += [*ys, None]
        clean = [(x, y) for x, y in zip(xs, ys, strict=True) if x is not None]
        labels_x.append(sum(p[0] for p in clean) / len(clean))
        labels_y.append(sum(p[1] for p in clean) / len(clean))
        labels.append(plain(name))
        hovers.append(f"<b>{plain(name)}</b><br>{text or 'no accepted figures'}")
    traces = []
    for state in (s for s in key if s in shapes):  # the legend in the key's order
        xs, ys = shapes[state]
        colour, legend, pattern = key[state]
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "fill": "toself",
                "mode": "lines",
                "line": {"color": "#555", "width": 1},
                "fillcolor": colour,
                **(
                    {
                        "fillpattern": {
                            "shape": pattern,
                            "bgcolor": colour,
                            "fgcolor": "#555",
                            "fgopacity": 0.6,
                            "size": 6,
                        }
                    }
                    if pattern
                    else {}
                ),
                "name": legend,
                "hoverinfo": "skip",
            }
        )
    traces.append(
        {
            "type": "scatter",
            "x": labels_x,
            "y": labels_y,
            "text": labels,
            "hovertext": hovers,
            "mode": "text",
            "textfont": {"size": 10, "color": "#111"},
            "hoverinfo": "text",
            "showlegend": False,
        }
    )
    return {
        "data": traces,
        "layout": layout(
            380,
            margin={"l": 0, "r": 0, "t": 10, "b": 60},
            legend={"orientation": "h", "yanchor": "top", "y": below(380, 8), "x": 0},
            xaxis={"visible": False},
            yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1.2},
        ),
    }
