"""Bed occupancy stated in per cent ("bed occupancy reached 300%", "operating at 150 per cent
of its capacity"): the one share the extractor reads as a figure. Every other percentage is
no count (``numbers``): "60% of the hospitals" or "fell by 40 per cent" state no occupancy."""

from __future__ import annotations

import re

from indicators.extraction import lexicon
from indicators.extraction.claim import ExtractedClaim, Setting
from indicators.extraction.confidence import sure
from indicators.extraction.numbers import QUALIFIERS

_HEDGE = "|".join(pattern for _, pattern in QUALIFIERS)
_PER_CENT = r"\s*(?:%|per\s*cent\b|percent\b)"


def _value(n: int) -> str:
    """The share, with the hedge bound to it ("over 90 percent"): groups ``share{n}`` (all
    of it), ``hedge{n}`` and ``value{n}``."""
    return (
        rf"(?P<share{n}>(?:\b(?P<hedge{n}>{_HEDGE})\s+)?(?P<value{n}>\d{{1,3}}(?:\.\d+)?)"
        rf"{_PER_CENT})"
    )


OCCUPANCY = re.compile(
    # "bed occupancy reached 300%", "an occupancy rate of over 90 percent"; never a change
    # ("occupancy fell by 12%")
    rf"\b(?:bed\s+)?occupancy(?:\s+rates?)?\b[^.;%\d]{{0,50}}?(?<!\bby\s){_value(1)}"
    # "at 95% occupancy"
    rf"|{_value(2)}\s+(?:bed\s+)?occupancy\b"
    # "operating at 150 per cent of its capacity"
    rf"|\b(?:operating|running|working|functioning|filled|stood)\s+at\s+{_value(3)}\s+"
    r"(?:of\s+)?(?:its\s+|their\s+|the\s+)?(?:bed\s+|normal\s+|full\s+|usual\s+)?capacity\b",
    re.IGNORECASE,
)
_OF_HOSPITALS = re.compile(
    rf"{lexicon.HOSPITALS_MENTIONED.pattern}|\b(?:beds?|wards?|ICUs?|intensive\s+care)\b",
    re.IGNORECASE,
)
"""Occupancy of hospital beds, not of a camp or a shelter."""


def occupancy_claims(setting: Setting) -> list[ExtractedClaim]:
    """The bed occupancy the sentence states, one claim each (a share at a date: a stock)."""
    text = setting.text
    if not _OF_HOSPITALS.search(text):
        return []
    claims = []
    for match in OCCUPANCY.finditer(text):
        n = next(n for n in (1, 2, 3) if match.group(f"value{n}"))
        value = float(match.group(f"value{n}"))
        hedge = match.group(f"hedge{n}")
        qualifier = "exact" if hedge is None else _qualifier(hedge)
        shared = setting.shared()
        shared.update(count_kind="stock", date_start=shared["date_end"])
        notes = ("read as bed occupancy: a share in per cent", *setting.place_note())
        claims.append(
            ExtractedClaim(
                claim_id="",
                indicator="bed_occupancy",
                value_low=value,
                value_best=value,
                value_high=value,
                qualifier=qualifier,
                unit="percent",
                value_text=match.group(f"share{n}"),
                population_group=None,
                subset_of=None,
                status="pending",
                term="occupancy",
                notes=notes,
                confidence=sure(notes, qualifier, str(shared["place_precision"])),
                **shared,
            )
        )  # fmt: skip
    return claims


def _qualifier(hedge: str) -> str:
    return next(name for name, pattern in QUALIFIERS if re.fullmatch(pattern, hedge, re.I))
