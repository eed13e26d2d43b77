"""The trend chart: one panel per kind of count, a line (or, for counts over a period, bars)
per place, bands where sources disagree, the levels of the rules that watch what is drawn,
and alert markers. A plain dict, made from the frame of ``indicators.trends.trend``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures import (
    AXIS,
    DAY_MS,
    PALETTE,
    STATE_COLOURS,
    STATE_DASH,
    STATE_SYMBOL,
    alpha,
    compact,
    daily,
    date_axis,
    empty,
    layout,
    numbers,
    plain,
)
from indicators.series import REGION, WIDE
from indicators.trends import KIND_LABELS

KIND_ORDER = ("cumulative", "stock", "new")
CAUSE_GROUP = "one cause only (dashed)"
"""The legend entry all lines of figures for one cause share; hover names the cause."""
PANEL_HEIGHT = 260
HOVER = (
    "<b>{name}</b><br>%{{x|%d %b %Y}}: %{{y:,.0f}} {unit}%{{customdata[5]}}"
    "<br>range %{{customdata[2]:,.0f}} to %{{customdata[3]:,.0f}}"
    "<br>%{{customdata[4]}} claims: %{{customdata[1]}}"
    "<br><i>click for the claims</i><extra></extra>"
)


def kinds_of(points: pd.DataFrame) -> list[str]:
    present = set(points["count_kind"])
    return [k for k in KIND_ORDER if k in present]


def trend_figure(
    points: pd.DataFrame,
    *,
    unit: str,
    thresholds: list[dict] = (),
    markers: list[dict] = (),
) -> dict:
    """One panel per kind of count (cumulative, stock, new: never mixed on one axis). Tolls
    and stocks are lines through the reported points (dotted across days nobody reported);
    new counts are bars spanning their day. Panels share one date axis."""
    kinds = kinds_of(points)
    if not kinds:
        return empty("Nothing to draw.")
    panels = _panels(kinds)
    traces: list[dict] = []
    colours: dict[str, str] = {}
    in_legend: set[str] = set()
    for kind in kinds:
        of_kind = points[points["count_kind"] == kind]
        lines = list(of_kind.groupby(["unit", "cause_key"], sort=True))
        slots = _slots(of_kind) if kind == "new" else None
        for (unit_code, cause), line in lines:
            if unit_code not in colours:  # a place keeps its colour; a cause only dashes it
                colours[unit_code] = PALETTE[len(colours) % len(PALETTE)]
            name = plain(line["unit_name"].iloc[0]) + (
                f" ({plain(cause.replace('_', ' '))} only)" if cause else ""
            )
            group = CAUSE_GROUP if cause else series_group(unit_code)
            drawn = _series(
                line,
                kind=kind,
                axis=panels[kind],
                colour=colours[unit_code],
                name=name,
                unit=unit,
                cause=bool(cause),
                slots=None if slots is None else slots[(unit_code, cause)],
            )
            drawn[-1] |= {
                "legendgroup": group,
                "name": CAUSE_GROUP if cause else name,
                "showlegend": group not in in_legend,
            }
            for trace in drawn[:-1]:
                trace["legendgroup"] = group  # shown and hidden with its line
            traces += drawn
            in_legend.add(group)
    for t in thresholds:
        traces += threshold_lines(points, t, panels)
    traces += _markers(markers, panels[kinds[0]])
    return {"data": traces, "layout": _layout(points, kinds, unit)}


def series_group(unit_code: str) -> str:
    """The legend group of a place's all-causes line (its levels hide with it)."""
    return f"{unit_code}|"


def _panels(kinds: list[str]) -> dict[str, str]:
    return {k: "y" if i == 0 else f"y{i + 1}" for i, k in enumerate(kinds)}


def _layout(points: pd.DataFrame, kinds: list[str], unit: str) -> dict:
    n = len(kinds)
    gap = 0.12 if n > 1 else 0.0
    height = (1 - gap * (n - 1)) / n
    axes = {}
    titles = []
    for i, kind in enumerate(kinds):
        top = 1 - i * (height + gap)
        axes["yaxis" if i == 0 else f"yaxis{i + 1}"] = {
            **AXIS,
            "domain": [max(0.0, top - height), top],
            "anchor": "x",
            "title": {"text": unit},
            "rangemode": "tozero",
        }
        titles.append(
            {
                "text": KIND_LABELS[kind],
                "x": 0,
                "xref": "paper",
                "xanchor": "left",
                "y": top,
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 14},
            }
        )
    bottom = "y" if n == 1 else f"y{n}"
    return layout(
        120 + PANEL_HEIGHT * n,
        xaxis=date_axis(points["day"].min(), points["day"].max(), anchor=bottom),
        annotations=titles,
        barmode="overlay",
        **axes,
    )


def _slots(of_kind: pd.DataFrame) -> dict[tuple[str, str], pd.DataFrame]:
    """Where each line's bar sits within its day: the lines that report a day share it side
    by side, so a day one place reported is one wide bar, not a sliver among empty slots.
    Per line: day, offset and width (milliseconds)."""
    present = of_kind[["unit", "cause_key", "day"]].drop_duplicates()
    present = present.sort_values(["day", "unit", "cause_key"])
    by_day = present.groupby("day")
    count = by_day["unit"].transform("size")
    width = 0.8 * DAY_MS / count
    present = present.assign(width=width, offset=0.1 * DAY_MS + by_day.cumcount() * width)
    return dict(list(present.groupby(["unit", "cause_key"])))


def _series(line, *, kind, axis, colour, name, unit, cause, slots) -> list[dict]:
    """The traces of one place and cause: its band of sources, the dotted line between its
    reports, and its points (the last, the one in the legend)."""
    if "bound" not in line:
        line = line.assign(bound=False)
    days = daily(line, ["value", "low", "high", "ref", "sources", "n_claims", "derived", "bound"])
    bound = days["bound"].fillna(False).astype(bool).to_numpy()
    spread = (days["high"] > days["low"]).fillna(False).to_numpy()
    known = days["value"].notna().to_numpy()
    values = numbers(days["value"])
    start = {"x0": days["day"].iloc[0], "dx": DAY_MS}  # one value per day: a start and a step
    where = {"xaxis": "x", "yaxis": axis}
    out = []
    if kind != "new" and spread.any():
        xs, ys = band(days)
        if xs:
            out.append(
                {
                    "type": "scatter",
                    **where,
                    "x": xs,
                    "y": ys,
                    "mode": "lines",
                    "line": {"width": 0},
                    "fill": "toself",
                    "fillcolor": alpha(colour, 0.18),
                    "hoverinfo": "skip",
                    "showlegend": False,
                    "name": f"{name}: range of sources",
                }
            )
    if kind != "new" and known.sum() > 1 and not known.all():
        # a toll or a stock stands between reports at a level nobody reported: a dotted
        # line joins the reports, the solid line only runs day to day
        out.append(
            {
                "type": "scatter",
                **where,
                **start,
                "y": values,
                "mode": "lines",
                "connectgaps": True,
                "line": {"color": colour, "width": 1.5, "dash": "dot"},
                "hoverinfo": "skip",
                "showlegend": False,
                "name": f"{name}: between reports",
            }
        )
    custom = np.column_stack(
        [
            days["ref"].astype(object),
            days["sources"].fillna("").astype(object).map(plain),
            compact(days["low"]),
            compact(days["high"]),
            compact(days["n_claims"]),
            np.char.add(
                np.where(days["derived"].fillna(False).astype(bool), " (derived)", ""),
                np.where(bound, " at least: only groups' figures (civilians...)", ""),
            ).astype(object),
        ]
    )
    custom[~known] = None  # a day with no report has nothing to show on hover
    points = {
        "type": "scatter",
        **where,
        **start,
        "y": values,
        "customdata": custom,
        "hovertemplate": HOVER.format(name=name, unit=plain(unit)),
    }
    if spread.any():
        points["error_y"] = range_bars(days, colour)
    if kind == "new":
        # a count over a day is a bar within that day; the places that reported it side
        # by side
        place = slots.set_index("day").reindex(pd.to_datetime(days.index))
        points |= {
            "type": "bar",
            "width": place["width"].fillna(DAY_MS * 0.8).to_numpy(),
            "offset": place["offset"].fillna(DAY_MS * 0.1).to_numpy(),
            "marker": {
                "color": colour,
                "opacity": np.where(bound, 0.4, 1.0),  # pale: at least this many
                "pattern": {"shape": "/" if cause else ""},
                "line": {"color": colour, "width": 1},
            },
        }
    else:
        points |= {
            "mode": "lines+markers",
            "connectgaps": False,
            "line": {"color": colour, "width": 2, "dash": "dash" if cause else "solid"},
            # a hollow marker: at least this many (only groups' figures known)
            "marker": {
                "size": 7,
                "color": colour,
                "symbol": np.where(bound, "circle-open", "circle"),
            },
        }
    out.append(points)
    return out


def band(days: pd.DataFrame) -> tuple[list, list]:
    """The sources' range as shaded shapes, one per run of consecutive reported days (a run
    of one day is a bar, see ``range_bars``): never drawn across a day with no report."""
    known = days["low"].notna() & days["high"].notna()
    run = (known != known.shift()).cumsum()
    xs: list = []
    ys: list = []
    for _, chunk in days[known].groupby(run[known]):
        if len(chunk) < 2:
            continue
        xs += [*chunk["day"], *chunk["day"][::-1], chunk["day"].iloc[0], None]
        ys += [*chunk["high"], *chunk["low"][::-1], chunk["high"].iloc[0], None]
    return xs, ys


def range_bars(days: pd.DataFrame, colour: str) -> dict:
    """Each day's range of sources as a bar from the lowest to the highest figure."""
    value = days["value"].astype("float64")
    above = (days["high"].astype("float64") - value).clip(lower=0)
    below = (value - days["low"].astype("float64")).clip(lower=0)
    return {
        "type": "data",
        "symmetric": False,
        "array": above.to_numpy(na_value=np.nan),
        "arrayminus": below.to_numpy(na_value=np.nan),
        "color": colour,
        "thickness": 1.5,
        "width": 4,
    }


def watched(points: pd.DataFrame, threshold: dict) -> pd.DataFrame:
    """The points of the series a rule's level applies to: the whole-country line for a
    rule on the country, the governorates' (or districts') lines for a rule per place, only
    those in its scope; and only kinds of count its window reads."""
    per_place = threshold.get("per_place", True)
    if per_place:
        mine = points[~points["unit"].isin((WIDE, REGION))]
        scope = threshold.get("scope") or ()
        if scope:
            mine = mine[mine["unit"].isin(scope)]
    else:
        mine = points[points["unit"] == WIDE]
    mine = mine[mine["cause_key"].fillna("") == ""]
    kinds = kinds_of(mine)
    if threshold["window"] != "max":  # 'latest' reads tolls and stocks where a place has them
        totals = [k for k in kinds if k in ("cumulative", "stock")]
        kinds = totals or kinds
    return mine[mine["count_kind"].isin(kinds)]


def threshold_lines(points: pd.DataFrame, t: dict, panels: dict[str, str]) -> list[dict]:
    """A rule's level as a line over the days of the series it watches, in that series'
    legend group when it is one line (hidden with it), labelled with what it watches."""
    if not t["drawn"]:
        return []
    mine = watched(points, t)
    if mine.empty:
        return []
    units = sorted(set(mine["unit"]))
    if not t.get("per_place", True):
        what = "whole country"
    elif t.get("scope"):
        what = ", ".join(sorted(set(mine["unit_name"])))
    else:
        what = "each place"
    label = f"{t['level']} {t['value']:,.0f}: {plain(what)}"  # short: it fits a phone
    told = f"{label}<br>rule: {plain(t['name'])}"
    out = []
    for kind, of_kind in mine.groupby("count_kind"):
        first = pd.Timestamp(of_kind["day"].min()) - pd.Timedelta(hours=12)
        last = pd.Timestamp(of_kind["day"].max()) + pd.Timedelta(hours=12)
        out.append(
            {
                "type": "scatter",
                "xaxis": "x",
                "yaxis": panels[kind],
                "x": [first.strftime("%Y-%m-%d %H:%M"), last.strftime("%Y-%m-%d %H:%M")],
                "y": [t["value"], t["value"]],
                "mode": "lines+text",
                "text": [label, ""],
                "textposition": "top right",
                "textfont": {"size": 11, "color": STATE_COLOURS[t["level"]]},
                "line": {
                    "color": STATE_COLOURS[t["level"]],
                    "dash": STATE_DASH[t["level"]],
                    "width": 1.5,
                },
                "hovertemplate": f"{told}<extra></extra>",
                "showlegend": False,
                "name": told,
                **({"legendgroup": series_group(units[0])} if len(units) == 1 else {}),
            }
        )
    return out


def _markers(markers: list[dict], axis: str) -> list[dict]:
    out = []
    for state in ("warning", "critical"):
        mine = [m for m in markers if m["state"] == state and m["value"] is not None]
        if mine:
            out.append(
                {
                    "type": "scatter",
                    "xaxis": "x",
                    "yaxis": axis,
                    "x": [pd.Timestamp(m["day"]).strftime("%Y-%m-%d") for m in mine],
                    "y": [m["value"] for m in mine],
                    "mode": "markers",
                    "name": f"{state} alert",
                    "marker": {
                        "symbol": STATE_SYMBOL[state],
                        "size": 15,
                        "color": STATE_COLOURS[state],
                        "line": {"width": 1, "color": "#000"},
                    },
                    "text": [m["text"] for m in mine],
                    "hovertemplate": "%{text}<extra></extra>",
                }
            )
    return out


def occupancy_figure(points: pd.DataFrame) -> dict:
    """Bed occupancy per place against the 85% safety line and the 100% surge line."""
    if points.empty:
        return empty(
            "No bed-occupancy figures yet. Reports rarely state them: upload a hospital_strain "
            "table with beds_staffed and beds_occupied (Data page) to see them here."
        )
    fig = trend_figure(points, unit="percent of staffed beds")
    shapes, notes = [], []
    for level, label, state in (
        (85, "85% safety line", "warning"),
        (100, "100% surge", "critical"),
    ):
        line = {"color": STATE_COLOURS[state], "dash": STATE_DASH[state]}
        shapes.append(
            {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": level,
             "y1": level, "line": line}
        )  # fmt: skip
        notes.append(
            {"text": label, "xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": level,
             "yanchor": "bottom", "showarrow": False, "font": {"size": 11}}
        )  # fmt: skip
    fig["layout"]["shapes"] = shapes
    fig["layout"]["annotations"] = [*fig["layout"]["annotations"], *notes]
    return fig
