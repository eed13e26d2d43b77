"""A pending claim put in words for the reviewer: its line in the list (the least sure
marked "check first"), what it counts in the catalogue's words, where people moved from and
to, and its sentence marked in the report's text."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import components as ui
from indicators import catalogue

UNSURE = 0.7
"""Below this, a reading is marked 'check first' in the list of pending claims."""


def sureness(confidence) -> str:
    """'0.60: check first (its reasons are in the notes)', or the reading's confidence."""
    if confidence is None or pd.isna(confidence):
        return "not read by the extractor"
    if float(confidence) < UNSURE:
        return f"{float(confidence):.2f}: check first (the notes say why)"
    return f"{float(confidence):.2f}"


def what_it_counts(row) -> str:
    """What a claim counts, in the catalogue's words ("people killed", "bed occupancy ...")
    rather than its stored name ("bed_occupancy")."""
    table = row.get("table")
    value = row.get(catalogue.IDENTITY_COLUMNS.get(table, "outcome")) or ""
    try:
        return catalogue.stored_as(table, value).label
    except KeyError:
        return str(value).replace("_", " ")


def label(row) -> str:
    """One pending claim in a line: table, indicator, figure, place, day and id; a reading
    the extractor is unsure of says so first."""
    what = what_it_counts(row)
    place = row.get("location_text") or row.get("admin1_pcode") or "place unknown"
    country = row.get("country") or "country unknown"
    sure = row.get("confidence")
    check = "check first · " if sure is not None and not pd.isna(sure) and sure < UNSURE else ""
    return (
        f"{check}{row['table'].replace('_', ' ')}: {what} "
        f"{row.get('value_text') or ui.number(row.get('value_best'))} · {place} "
        f"({country}) · {ui.day_text(row.get('date_end'))} · {row['claim_id']}"
    )


def in_words(row: dict) -> str:
    """A claim as a reviewer recognises it: the figure, what, where, when, and its id."""
    figure = row.get("value_text") or ui.number(row.get("value_best"))
    place = row.get("location_text") or row.get("admin1_pcode") or "place unknown"
    day = ui.day_text(row.get("date_end"))
    return f"{figure} {what_it_counts(row)} · {place} · {day} ({row['claim_id']})"


def highlighted(text: str | None, quote: str | None, start, end, value_text: str | None):
    """The report text with the quote marked and the figure in bold, scrolled into view."""
    if not text:
        return [
            html.P("The report's text is not stored; the quote:", className="hint"),
            html.Blockquote(quote or ""),
        ]
    if start is None or pd.isna(start) or end is None or pd.isna(end):
        return [text]
    start, end = int(start), int(end)
    inner = text[start:end]
    marked: list = [inner]
    if value_text and value_text in inner:
        i = inner.index(value_text)
        marked = [inner[:i], html.Strong(value_text), inner[i + len(value_text) :]]
    return [text[:start], html.Mark(marked, id="review-mark"), text[end:]]


def route_rows(row: dict) -> list[tuple[str, str]]:
    """Both ends of a movement, when the report says them ("fled Hama towards Homs")."""
    ends = [("Where people moved from", "origin"), ("Where people went", "destination")]
    return [(label, row[f"{end}_text"]) for label, end in ends if row.get(f"{end}_text")]
