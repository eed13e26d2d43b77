"""Hospital strain by place and day as the rule reads it (``indicators.strain_history``),
as plain HTML: a row per place, its days in runs of one level along a time track, drawn as
the Hospitals map draws a level (stated solid, derived hatched, unknown grey, never the
colour of normal). Each place's track is one button: its tooltip (its accessible name too)
names every run (days, level, reason, sources), and a click lists each run with the claims
behind it.

HTML, not a chart: a second plotly chart cost the page a sixth of its first render. One
element per place, its name its text and its runs painted as CSS backgrounds beside it:
every Dash component costs the browser time to create, and a button per run cost the page
another tenth.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from dash import html

from dashboard.strain_map import COLOURS, UNKNOWN, key_of

RUN_ID = "strain-days-place"
"""Pattern-matching id type of every place's track: {type, place}."""
HATCH = "repeating-linear-gradient(45deg, transparent 0 3px, #555 3px 4.5px)"
"""The hatching of a derived level, as the map and its key draw it."""
TICKS = 4
NO_EVIDENCE = "unknown: no evidence in the rule's windows (not normal)"
NONE = (
    "No strain stated or derived for these places and dates: no report stated a level, and "
    "no attacks on health care, injured people, facilities down or bed occupancy were "
    "reported for one place. Reports and tables with those figures fill these rows."
)


def strain_days(history: pd.DataFrame, first, last):
    """The rows of ``history`` (``strain_history``'s) from ``first`` to ``last``, one per
    place with a known level on some day (the page names the others), with a date axis and
    the key; one sentence when no place has a level."""
    known = history[history["level"] != "unknown"]
    if known.empty:
        return html.P(NONE, className="empty-panel", id="hospitals-strain-empty")
    start = max(pd.Timestamp(first), history["day"].min())
    end = pd.Timestamp(last)
    days = (end - start).days + 1
    shown = history[history["place"].isin(known["place"])]
    runs = spans(shown)
    rows = []
    for place, own in runs.groupby("place", sort=False):
        known_runs = [r for r in own.itertuples(index=False) if r.level != "unknown"]
        said = "\n".join(words_of(r) for r in known_runs)
        # the name is the button's text, drawn left of the painted track (see base.css)
        rows.append(
            html.Button(
                own["place_name"].iloc[0],
                id={"type": RUN_ID, "place": place},
                className="strain-days-track",
                style={"background": _painted(own.itertuples(index=False), start, days)},
                title=f"{said}\nGrey days: {NO_EVIDENCE}.\nClick for the claims.",
            )
        )
    return html.Div(
        [
            *rows,
            html.Div(_axis(start, end), className="strain-days-axis", **{"aria-hidden": "true"}),
            html.P(key_of(zip(runs["level"], runs["certainty"], strict=True)),
                   className="strain-key"),
        ],
        id="hospitals-strain",
        className="strain-days",
        role="group",
        **{"aria-label": "Hospital strain by day, a row per place"},
    )  # fmt: skip


def spans(history: pd.DataFrame) -> pd.DataFrame:
    """Runs of days of a place with the same level and certainty: place, place_name, start,
    end, level, certainty (None when unknown), reason (of the run's last day), sources (of
    all its days); places by name."""
    rows = history.sort_values(["place_name", "place", "day"])
    certainty = rows["certainty"].fillna("")
    key = rows["level"] + "|" + certainty
    new = (key != key.shift()) | (rows["place"] != rows["place"].shift())
    runs = (
        rows.assign(certainty=certainty, run=new.cumsum())
        .groupby("run", sort=False)
        .agg(
            place=("place", "first"),
            place_name=("place_name", "first"),
            start=("day", "min"),
            end=("day", "max"),
            level=("level", "first"),
            certainty=("certainty", "first"),
            reason=("reason", "last"),
            sources=("sources", _together),
        )
        .reset_index(drop=True)
    )
    runs["certainty"] = runs["certainty"].replace("", None)
    return runs


def words_of(run) -> str:
    """What a track's tooltip says of one run: place, days, level, reason, sources."""
    when = days_text(run.start, run.end)
    if run.level == "unknown":
        return f"{run.place_name}, {when}: {NO_EVIDENCE}"
    how = "stated" if run.certainty == "confirmed" else "derived"
    level = run.level.replace("_", " ")
    said = run.reason if run.start == run.end else f"On {run.end.day} {run.end:%b}: {run.reason}"
    return (
        f"{run.place_name}, {when}: {level} ({how}, {run.certainty}). {said} "
        f"Sources: {run.sources or 'none named'}."
    )


def days_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return f"{end.day} {end:%b %Y}"
    head = f"{start.day} {start:%b}" + (f" {start:%Y}" if start.year != end.year else "")
    return f"{head} to {end.day} {end:%b %Y}"


def _painted(runs: Iterable, start: pd.Timestamp, days: int) -> str:
    """A track's CSS background: each run a band of its level's colour (unknown grey), a
    derived one hatched over it (a layer of hatching per derived run, sized and placed as
    the run)."""
    bands, hatches = [], []
    for r in runs:
        left = (r.start - start).days / days * 100
        width = ((r.end - r.start).days + 1) / days * 100
        colour = COLOURS.get(r.level, UNKNOWN)
        bands.append(f"{colour} {left:.3f}% {left + width:.3f}%")
        if r.level in COLOURS and r.certainty != "confirmed":
            # a percentage position places the layer's own point of that share: this puts
            # its left edge at ``left``
            at = left / (100 - width) * 100 if width < 100 else 0
            hatches.append(f"{HATCH} {at:.3f}% 0 / {width:.3f}% 100% no-repeat")
    colours = ", ".join(bands)
    return ", ".join([*hatches, f"linear-gradient(to right, {colours}) {UNKNOWN}"])


def _axis(start: pd.Timestamp, end: pd.Timestamp) -> list[html.Span]:
    """Day labels along the track, the first with its year below it, the first and last
    held inside the track's ends (a phone fits five)."""
    span = (end - start).days
    days = sorted({start + pd.Timedelta(days=round(span * i / TICKS)) for i in range(TICKS + 1)})
    out = []
    for day in days:
        at = ((day - start).days + 0.5) / (span + 1) * 100
        text = f"{day.day} {day:%b}"
        edge = "first" if day == start else "last" if day == end else None
        said = f"{text}\n{day:%Y}" if day == start else text
        out.append(html.Span(said, style={"left": f"{at:.3f}%"}, className=edge))
    return out


def _together(said: pd.Series) -> str:
    names = dict.fromkeys(n for s in said.dropna() for n in str(s).split("; "))
    return "; ".join(names)
