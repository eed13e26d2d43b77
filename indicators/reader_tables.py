"""Tables as a reader reads them (the Data grid, the workbook): where, what, the figure in
words, when, who said it and how; ids and offsets last; and download names that say what a
file holds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.schemas import CLAIM_TABLES

READING_FIRST = (
    "location_text",
    "admin1_pcode",
    "admin2_pcode",
    "country",
    "outcome",
    "category",
    "measure",
    "population_group",
    "cause",
    "facility_name",
    "figure",
    "date_end",
    "source_publisher",
    "quote",
    "value_best",
    "value_low",
    "value_high",
    "qualifier",
    "unit",
    "count_kind",
    "date_start",
    "source_url",
)
"""What a reader looks for first: where, what, how many, when, who said it and how."""
READING_LAST = ("claim_id", "source_id", "char_start", "char_end", "method", "text_sha256")
"""Ids and character offsets: for tracing a row, not for reading it."""
QUALIFIER_WORDS = {
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "up_to": "up to",
    "vague": "about",
}


def figure_text(frame: pd.DataFrame) -> pd.Series:
    """Each claim's figure in words: 'at least 20', '1,000 (800 to 1,200)', unknown where
    no value is stated (never 0)."""
    best = frame["value_best"].astype("Float64")
    low = frame["value_low"].astype("Float64")
    high = frame["value_high"].astype("Float64")
    stated = best.combine_first(low).combine_first(high)
    words = frame["qualifier"].astype(object).map(QUALIFIER_WORDS).fillna("")

    def number(v: object) -> str:
        return "" if pd.isna(v) else f"{float(v):,.0f}"

    out = []
    for s, lo, hi, w in zip(stated, low, high, words, strict=True):
        if pd.isna(s):
            out.append("unknown")
            continue
        text = f"{w} {number(s)}".strip()
        if not pd.isna(lo) and not pd.isna(hi) and lo != hi:
            text += f" ({number(lo)} to {number(hi)})"
        out.append(text)
    return pd.Series(out, index=frame.index, dtype=object)


def for_readers(export) -> pd.DataFrame:
    """The rows in the order a reader reads them (where, what, the figure in words, when,
    source and quote; ids and offsets last)."""
    frame = export.frame
    if export.table in CLAIM_TABLES and {"value_best", "qualifier"} <= set(frame.columns):
        frame = frame.assign(figure=figure_text(frame))
    first = [c for c in READING_FIRST if c in frame.columns]
    last = [c for c in READING_LAST if c in frame.columns]
    middle = [c for c in frame.columns if c not in first and c not in last]
    return frame[[*first, *middle, *last]]


def file_name(export, suffix: str) -> str:
    """A download's name says its table, filter and days: casualties-SY02-2024-11-27-to-
    2024-12-10.xlsx; without a period, up to the day it was made."""
    if getattr(export, "stem", None):
        return export.stem + suffix
    f = export.filters
    parts = [export.table]
    if f.country:
        parts.append(f.country)
    parts += list(f.admin1[:4]) + (["and-more"] if len(f.admin1) > 4 else [])
    end = f.date_to or export.generated_at.date()
    parts.append(f"{f.date_from.isoformat()}-to-{end.isoformat()}" if f.date_from else f"to-{end}")
    return "-".join(parts) + suffix


def said_by(sources: pd.DataFrame, ids: pd.Index) -> list[str]:
    """Each source as a reader names it: its publisher and the day it published ('AFP
    (30 Nov 2024)'; 'undated' when the day is not known)."""
    if len(ids) == 0:
        return []
    meta = sources.drop_duplicates("source_id", keep="last").set_index("source_id")
    publishers = ids.map(meta["publisher"])
    days = pd.to_datetime(pd.Series(ids.map(meta["published"])), errors="coerce")
    return [
        f"{p if isinstance(p, str) else s} ({f'{d:%-d %b %Y}' if pd.notna(d) else 'undated'})"
        for s, p, d in zip(ids, publishers, days, strict=True)
    ]


def named_sources(snapshot, ids) -> np.ndarray:
    """The reader's names of these sources (``ReadModel.source_names``); a source the model
    does not hold is named by its id."""
    names = np.array(snapshot.source_names.reindex(ids).to_numpy(dtype=object))
    unknown = pd.isna(names)
    names[unknown] = [f"{i} (undated)" for i in np.asarray(ids, dtype=object)[unknown]]
    return names
