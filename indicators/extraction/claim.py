"""A claim as the extractor reads it, and what every claim of one sentence shares: the
sentence, its place, its period (``Setting``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from indicators import catalogue
from indicators.extraction import lexicon
from indicators.extraction.dates import Period
from indicators.extraction.sentences import Sentence
from indicators.places import PlaceMatch


@dataclass(frozen=True)
class ExtractedClaim:
    """One figure (or strain level) read from a report, before review."""

    claim_id: str
    indicator: str
    value_low: float | None
    value_best: float | None
    value_high: float | None
    qualifier: str | None
    unit: str | None
    value_text: str | None
    population_group: str | None
    location_text: str | None
    place_precision: str
    admin1_pcode: str | None
    admin2_pcode: str | None
    admin1_pcodes_spanned: str | None
    date_start: date | None
    date_end: date | None
    date_precision: str
    count_kind: str
    subset_of: str | None
    status: str
    quote: str
    char_start: int
    char_end: int
    cause: str | None = None
    term: str | None = None
    unit_stated: str | None = None
    household_size: float | None = None
    notes: tuple[str, ...] = field(default=())
    country: str | None = None
    confidence: float | None = None
    """How sure the reading is, 0 to 1; its reasons are among ``notes`` (see ``_sure``)."""
    origin_text: str | None = None
    """For people on the move: where they came from, as written ("Hama")."""
    origin_admin1_pcode: str | None = None
    destination_text: str | None = None
    """For people on the move: where they went, as written ("Homs")."""
    destination_admin1_pcode: str | None = None

    @property
    def table(self) -> str:
        return catalogue.INDICATORS[self.indicator].table

    @property
    def value_derived(self) -> bool:
        return self.unit_stated is not None


@dataclass(frozen=True)
class Setting:
    """What every claim of one sentence shares: the sentence, its place and its period."""

    sentence: Sentence
    place: PlaceMatch | None
    inherited: bool  # the place came from an earlier sentence
    when: Period | None
    published: date | None
    within: tuple[str, ...] = ()  # the countries the report is about
    text: str = ""  # the sentence as read: words broken across lines joined (see tidy)
    from_title: bool = False  # the place inherited is the title's
    unplaced: str | None = None  # a place the sentence names that no place list holds

    def shared(self) -> dict[str, object]:
        """The claim fields that come from the sentence rather than from its figure."""
        count_kind, start, end, precision = count_period(self.text, self.when, self.published)
        return {
            **place_fields(self.place),
            "date_start": start,
            "date_end": end,
            "date_precision": precision,
            "count_kind": count_kind,
            "quote": self.sentence.text,
            "char_start": self.sentence.start,
            "char_end": self.sentence.end,
        }

    def place_note(self) -> tuple[str, ...]:
        if self.inherited and self.place is not None:
            where = "the title" if self.from_title else "an earlier sentence"
            notes = (f"place from {where} ({self.place.text})",)
            if self.unplaced:  # "Across Darfur, ...": the earlier place may not be it
                notes += (f"the sentence names '{self.unplaced}', which no place list holds",)
            return notes
        return ()


def count_period(
    text: str, when: Period | None, published: date | None
) -> tuple[str, date | None, date | None, str]:
    if when is not None:
        return when.count_kind, when.start, when.end, when.precision
    if published is None:
        return "new", None, None, "unknown"
    if lexicon.CUMULATIVE.search(text):
        return "cumulative", None, published, "day"
    return "new", published, published, "day"


def place_fields(place: PlaceMatch | None) -> dict[str, object]:
    if place is None:
        return {
            "location_text": None,
            "place_precision": "unknown",
            "admin1_pcode": None,
            "admin2_pcode": None,
            "admin1_pcodes_spanned": None,
            "country": None,
        }
    return {
        "location_text": place.text,
        "place_precision": place.precision,
        "admin1_pcode": place.admin1_pcode,
        "admin2_pcode": place.admin2_pcode,
        "admin1_pcodes_spanned": ";".join(place.admin1_pcodes_spanned) or None,
        "country": place.country,
    }
