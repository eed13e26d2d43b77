"""The extractor: report text in, claims out, each with its sentence, span, place and period.

For each sentence: find the amounts it states (``numbers``), decide what each counts from the
words around it (``lexicon``), who it counts, where (the sentence's places, else the nearest
earlier mention) and when (``dates``, else the publication date). A sub-count ("including 26
children") points at its total. Words without numbers are kept where they matter: a hospital
strain level ("overwhelmed") and vague displacement ("many fled"). Every claim is pending.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date

from indicators import catalogue
from indicators.errors import InputError
from indicators.extraction import lexicon
from indicators.extraction.dates import Period, period
from indicators.extraction.numbers import Amount, amounts
from indicators.extraction.sentences import Sentence, split
from indicators.limits import MAX_CLAIMS_PER_REPORT, Deadline
from indicators.places import PlaceMatch, gazetteer
from indicators.vocab import HOUSEHOLD_SIZE_DEFAULT

AFTER_WINDOW = 70
BEFORE_WINDOW = 45


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

    def shared(self) -> dict[str, object]:
        """The claim fields that come from the sentence rather than from its figure."""
        count_kind, start, end, precision = _when(self.text, self.when, self.published)
        return {
            **_place_fields(self.place),
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
            return (f"place from {where} ({self.place.text})",)
        return ()


def extract(
    text: str,
    published: date | None,
    *,
    source_key: str = "",
    countries: tuple[str, ...] = (),
    deadline: Deadline | None = None,
    title: str | None = None,
) -> list[ExtractedClaim]:
    """Every claim the text states; ids are stable for the same text and ``source_key``.
    ``countries``: those the text is about, most likely first (places are looked up there
    first, then in their neighbours). ``title``: the report's, whose place is the place of
    figures before any sentence names one. A dateline ("Beirut, 14 October 2024 -") is the
    day relative dates count from. Work is bounded: past ``deadline``, or beyond the setting
    ``max_claims_per_report``, an :class:`InputError` says so."""
    key = hashlib.sha256((source_key + text).encode("utf-8")).hexdigest()[:10]
    claims: list[ExtractedClaim] = []
    headlines: set[int] = set()  # claims read from a headline line
    last_place: PlaceMatch | None = _place(tidy(title), countries) if title else None
    place_from_title = last_place is not None
    published = dateline(text, published) or published
    most = MAX_CLAIMS_PER_REPORT.value()
    for sentence in split(text):
        if deadline is not None:
            deadline.check("Reading the report")
        if len(claims) > most:
            raise InputError(
                MAX_CLAIMS_PER_REPORT.over(len(claims), subject="the report")
                + "; is it one report?"
            )
        text_read = tidy(sentence.text)
        place = _place(text_read, countries)
        inherited = place is None
        if inherited:
            place = last_place
        elif place.precision != "country" or last_place is None:
            last_place, place_from_title = place, False
        setting = Setting(
            sentence,
            place,
            inherited,
            period(text_read, published),
            published,
            countries,
            text_read,
            inherited and place_from_title,
        )
        found = _sentence_claims(setting)
        heading = not claims and _is_headline(text, sentence)  # above the first figure
        for claim in found:
            if heading:
                headlines.add(len(claims))
            claims.append(replace(claim, claim_id=f"x-{key}-{len(claims) + 1:03d}"))
    return _link_subsets(_without_headlines_restated(claims, headlines))


def _is_headline(text: str, sentence: Sentence) -> bool:
    """A line of its own, short, with no full stop: a headline ("Death toll tops 300")."""
    line_start = text.rfind("\n", 0, sentence.start) + 1
    line_end = text.find("\n", sentence.end)
    whole_line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    return (
        whole_line == sentence.text.strip()
        and not re.match(r"[-•▪*–·]", whole_line)  # a bullet is not a headline
        and len(sentence.text.split()) <= 14
        and not re.search(r"[.!?:;)\"”]$", sentence.text.strip())
    )


def _without_headlines_restated(
    claims: list[ExtractedClaim], headlines: set[int]
) -> list[ExtractedClaim]:
    """A headline's figure is dropped when the body gives the same indicator again: the body
    says it exactly ("Death toll tops 300" above "317 people were killed")."""
    body = {c.indicator for i, c in enumerate(claims) if i not in headlines}
    return [c for i, c in enumerate(claims) if i not in headlines or c.indicator not in body]


_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}(?:\s*\([\w\s]+\))?,\s+)?"
    r"(?P<when>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})\s*"
    r"(?:[-–—:(]|\()"
)


def dateline(text: str, published: date | None) -> date | None:
    """The day a dateline in the first lines gives ("Beirut, 14 October 2024 -"), the
    day its relative dates ("yesterday", "on Friday") count from; None without one, or one
    later than the publication day."""
    head = next(filter(None, map(_DATELINE.match, text[:400].splitlines()[:4])), None)
    if head is None:
        return None
    found = period(f"on {head.group('when')}", published or date.max)
    if found is None or found.end is None:
        return None
    if published is not None and found.end > published:
        return None
    return found.end


_BROKEN_WORD = re.compile(r"(?<=[a-z])-\s*\n\s*(?=[a-z])")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_FOOTNOTE_ON_WORD = re.compile(r"(?<=[a-z]{3})\d{1,2}(?=[\s.,;:)]|$)")
_FOOTNOTE_AFTER_STOP = re.compile(r"(?<=[a-z][.,;])\d{1,2}(?=\s|$)")


def tidy(text: str) -> str:
    """A sentence as it is read, as text from a PDF or a web page comes: a word broken
    across lines joined ("in-\\njured"), line breaks as spaces, footnote markers glued to a
    word dropped ("Syria1", "killed.2"). Quotes keep the text as written."""
    text = _BROKEN_WORD.sub("", text)
    text = _LINE_BREAK.sub(" ", text)
    text = _FOOTNOTE_ON_WORD.sub("", text)
    return _FOOTNOTE_AFTER_STOP.sub("", text)


def _link_subsets(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Sub-counts carry ``subset_of='prev'``: point them at the claim before them."""
    linked: list[ExtractedClaim] = []
    for claim in claims:
        if claim.subset_of == "prev" and linked:
            total = next(
                (
                    c
                    for c in reversed(linked)
                    if c.subset_of is None and c.indicator == claim.indicator
                ),
                None,
            )
            claim = replace(claim, subset_of=total.claim_id if total else None)
        elif claim.subset_of == "prev":
            claim = replace(claim, subset_of=None)
        linked.append(claim)
    return linked


def _place(text: str, within: tuple[str, ...] = ()) -> PlaceMatch | None:
    places = gazetteer().find(text, within)
    if not places:
        return None
    specific = [p for p in places if p.kind != "country"]
    if specific:
        names = " and ".join(dict.fromkeys(p.name for p in specific))
        return gazetteer().resolve(names, within)
    return gazetteer().resolve(places[0].name, within)


def _sentence_claims(setting: Setting) -> list[ExtractedClaim]:
    text = setting.text
    found = amounts(text, lexicon.COUNTED)
    claims: list[ExtractedClaim] = []
    for i, amount in enumerate(found):
        next_start = found[i + 1].start if i + 1 < len(found) else len(text)
        prev_end = found[i - 1].end if i else 0
        after = text[amount.end : min(next_start, amount.end + AFTER_WINDOW)]
        before = text[max(prev_end, amount.start - BEFORE_WINDOW) : amount.start]
        indicator, term, how = _indicator(after, before)
        named_subset = bool(lexicon.SUBSET.search(before))
        # "including 26 children and 11 women", "183 fighters and 100 soldiers": the list goes
        # on, each item counted like the one before it
        continues = bool(claims) and bool(lexicon.LIST_GOES_ON.match(before))
        subset = named_subset or (continues and claims[-1].subset_of is not None)
        if continues and (indicator is None or not named_subset) and not _has_own_verb(before):
            indicator, term = claims[-1].indicator, claims[-1].term
            how = "as the figure before it in the list"
        if indicator is None and named_subset and claims:  # "514, among them 92 civilians"
            indicator, term = claims[-1].indicator, claims[-1].term
            how = "as the total it is part of"
        if indicator is None:
            continue
        claims.append(_claim(setting, amount, indicator, after, subset, term, how))
        if indicator == "facilities_damaged" and lexicon.STRUCK.match(after):
            # "four hospitals were hit": four facilities damaged, in four attacks
            claims.append(
                _claim(
                    setting, amount, "attacks_on_health_care", after, subset, term,
                    "facilities struck: each an attack",
                )
            )  # fmt: skip
    claims += _worded_claims(setting, claims)
    return claims


def _has_own_verb(before: str) -> bool:
    """A verb between two numbers ("killed 26 ... and injured 40") starts a new figure."""
    return any(pattern.search(before) for _, pattern in lexicon.VERBS)


def _indicator(after: str, before: str) -> tuple[str | None, str | None, str]:
    """The indicator a number counts, read from the words around it, the word that said so
    and where it stood (None, None, '' when nothing does)."""
    named_subject = False
    for name, subject, state in lexicon.SUBJECTS:  # "3 hospitals were damaged"
        if subject.match(after):
            named_subject = True
            found = state.search(after) if state else subject.match(after)
            if found:
                return name, None, "named after the number"
    if named_subject:  # hospitals, but not what happened to them: not a count of people
        return None, None, ""
    clause_after = re.split(r"[;:]|,\s+(?:while|but|and)\b", after, maxsplit=1)[0]
    after_hits = [
        (m.start(), name, m.group(0))
        for name, pattern in lexicon.VERBS
        for m in [pattern.search(clause_after)]
        if m
    ]
    before_hits = [
        (m.end(), name, m.group(0))
        for name, pattern in lexicon.VERBS
        for m in pattern.finditer(before)
    ]
    verb_before = [h for h in before_hits if not before[h[0] :].strip(" ,")]
    if verb_before:  # "killed 26 children": the verb right before the number names it
        _, name, word = max(verb_before)
        how = "right before the number"
    elif after_hits:  # "26 children were killed"
        at, name, word = min(after_hits)
        how = "after the number" if at <= NEAR else "after the number, some words on"
    elif before_hits:  # "the death toll rose to 242"
        at, name, word = max(before_hits)
        how = "before the number" if len(before) - at <= NEAR else "earlier in the sentence"
    else:
        return None, None, ""
    subject = after[:40].split(f" {word}")[0][:30]
    for narrower, broader, pattern in lexicon.REFINEMENTS:  # "12 health workers were killed"
        if broader == name and pattern.search(subject):
            return narrower, word.lower(), how
    return name, word.lower(), how


def _claim(
    setting: Setting,
    amount: Amount,
    indicator: str,
    after: str,
    subset: bool,
    term: str | None,
    how: str = "",
) -> ExtractedClaim:
    notes: list[str] = [f"read as {indicator.replace('_', ' ')}: '{term}' {how}" if term else
                        f"read as {indicator.replace('_', ' ')}: {how}"]  # fmt: skip
    low, best, high = amount.low, amount.best, amount.high
    record = catalogue.INDICATORS[indicator]
    unit, unit_stated, size = record.unit, None, None
    stated = lexicon.UNIT.match(after)
    if stated and record.households:
        unit_stated, size, unit = stated.group(1).lower(), HOUSEHOLD_SIZE_DEFAULT, "people"
        low, best, high = (None if v is None else v * size for v in (low, best, high))
        notes.append(f"{unit_stated} x {size:g} persons per household (derived)")
    if amount.rule:
        notes.append(amount.rule)
    if lexicon.CASUALTIES_WORD.search(after[:30]) and indicator == "killed":
        notes.append("'casualties' read as killed: check whether injured are included")
    shared = setting.shared()
    if record.count_kinds == ("stock",):  # people in camps: a stock at the date given
        shared.update(count_kind="stock", date_start=shared["date_end"])
    moved = _moved_place(setting, indicator)
    if moved is not None:
        shared.update(_place_fields(moved))
        notes.append(f"place: where people {MOVED[indicator][0]} ({moved.text})")
    notes += setting.place_note() if moved is None else ()
    if setting.when is None and setting.published is not None:
        notes.append("date: the report's day (the sentence names none)")
    return ExtractedClaim(
        claim_id="",
        indicator=indicator,
        value_low=low,
        value_best=best,
        value_high=high,
        qualifier=amount.qualifier,
        unit=unit,
        value_text=amount.text,
        population_group=_group(after) if record.by_group else None,
        **shared,
        subset_of="prev" if subset else None,
        status="pending",
        cause=_cause(setting.text) if record.by_group else None,
        term=term,
        unit_stated=unit_stated,
        household_size=size,
        notes=tuple(notes),
        confidence=_sure(notes, amount.qualifier, shared["place_precision"], how),
    )


NEAR = 25  # characters: a word this close to a number is read as saying what it counts
DOUBTS = (
    ("place from an earlier sentence", 0.15),
    ("place from the title", 0.1),
    ("date: the report's day", 0.05),
    ("(derived)", 0.1),
    ("'casualties' read as killed", 0.3),
    ("some words on", 0.1),
    ("earlier in the sentence", 0.25),
    ("one person, named without a number", 0.15),
    ("as the figure before it in the list", 0.05),
)
"""What makes a reading less sure, by the words of the note that says it, and by how much."""


def _sure(notes, qualifier: str | None, precision: str, how: str = "") -> float:
    """How sure a reading is: 1, less each doubt its notes name, a vague figure and a place
    not found (0.05 at the least); rounded to two places."""
    said = " ".join(notes) + " " + how
    doubt = sum(weight for words, weight in DOUBTS if words in said)
    doubt += 0.2 if qualifier == "vague" else 0.0
    doubt += 0.1 if precision == "unknown" else 0.0
    return round(max(0.05, 1.0 - doubt), 2)


_PLACE_WORDS = (
    r"(?P<p>[A-Z][\w'’-]*(?:[\s-]+(?:al|el|an|ar|as|ad|az|ash|ez|es|[A-Z][\w'’-]*)){0,3})"
)
_ORIGIN = re.compile(
    r"\b(?:fled|flee(?:ing)?|from|left|leaving|escaped|escaping|out\s+of)\s+(?:the\s+)?"
    + _PLACE_WORDS
)
_DESTINATION = re.compile(
    r"\b(?:to|towards?|into|in|reached|reaching|entered|entering)\s+(?:the\s+)?" + _PLACE_WORDS
)
MOVED = {
    "displaced_new": ("fled from", _ORIGIN, _DESTINATION),
    "left_for_abroad": ("left from", _ORIGIN, None),
    "arrived_from_abroad": ("arrived in", _DESTINATION, None),
    "returned": ("returned to", _DESTINATION, None),
    "displaced_present": ("are now", _DESTINATION, None),
}
"""For people on the move, the place a figure belongs to, read from the words around the
place names: where they fled from (else where they went), where they arrived or returned,
where they are now; first pattern first."""


def _moved_place(setting: Setting, indicator: str) -> PlaceMatch | None:
    """The place a displacement figure belongs to when the sentence says where people
    moved from or to ("fled Hama towards Homs": Hama; "arrivals in Iraq from Syria": Iraq);
    None when it does not say, or says it of no known place."""
    if indicator not in MOVED:
        return None
    text = setting.text
    for pattern in MOVED[indicator][1:]:
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            found = _place(m.group("p"), setting.within)
            if found is not None and found.precision != "unknown":
                return found
    return None


def _worded_claims(setting: Setting, numbered: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Strain levels and vague displacement stated in words, without a number."""
    text = setting.text
    out: list[ExtractedClaim] = []
    common = {
        "claim_id": "",
        "value_low": None,
        "value_best": None,
        "value_high": None,
        "population_group": None,
        "subset_of": None,
        "notes": setting.place_note(),
        **setting.shared(),
    }
    if lexicon.HOSPITALS_MENTIONED.search(text) and not any(
        c.table == catalogue.INDICATORS["strain_level"].table for c in numbered
    ):
        for level, pattern in lexicon.STRAIN:
            match = pattern.search(text)
            if match:
                out.append(
                    ExtractedClaim(
                        indicator="strain_level",
                        qualifier=None,
                        unit=None,
                        value_text=match.group(0),
                        status=level,
                        confidence=_sure(common["notes"], None, common["place_precision"]),
                        **{**common, "count_kind": "stock"},  # a state at a date
                    )
                )
                break
    for match in lexicon.ONE_PERSON.finditer(text):  # "a technician was killed": one
        verb = match.group("verb") or match.group("verb2")
        indicator = lexicon.ONE_PERSON_VERBS[verb.split()[-1].lower()]
        group = _group(match.group("who") or match.group("who2"))
        if indicator == "killed" and group == "health_workers":
            indicator = "health_workers_killed"
        out.append(
            ExtractedClaim(
                **{
                    **common,
                    "value_low": 1.0,
                    "value_best": 1.0,
                    "value_high": 1.0,
                    "population_group": group if catalogue.INDICATORS[indicator].by_group else None,
                    "notes": (*setting.place_note(), "one person, named without a number"),
                },
                indicator=indicator,
                qualifier="exact",
                unit="people",
                value_text=match.group(0),
                term=verb.lower(),
                status="pending",
                confidence=_sure(
                    ("one person, named without a number", *setting.place_note()),
                    "exact",
                    common["place_precision"],
                ),
            )
        )
    for match in lexicon.ATTACKED_TIMES.finditer(text):  # "the clinic was shelled twice"
        times = lexicon.TIMES[match.group("times").split()[0].lower()]
        out.append(
            ExtractedClaim(
                **{**common, "value_low": times, "value_best": times, "value_high": times},
                indicator="attacks_on_health_care",
                qualifier="exact",
                unit="attacks",
                value_text=match.group(0),
                term=match.group("verb").lower(),
                status="pending",
                confidence=_sure(common["notes"], "exact", common["place_precision"]),
            )
        )
    vague = lexicon.VAGUE_FLED.search(text)
    if vague and not any(catalogue.INDICATORS[c.indicator].households for c in numbered):
        out.append(
            ExtractedClaim(
                indicator="displaced_new",
                qualifier="vague",
                unit="people",
                value_text=vague.group("word"),
                term=vague.group("term").lower(),
                status="pending",
                confidence=_sure(common["notes"], "vague", common["place_precision"]),
                **common,
            )
        )
    return out


def _group(after: str) -> str:
    noun_phrase = re.split(
        r"\b(?:were|was|have|had|are|is|killed|died|injured|wounded|in|on|"
        r"by|at|after|during|when)\b",
        after,
        maxsplit=1,
    )[0]
    for name, pattern in lexicon.GROUPS:
        if pattern.search(noun_phrase):
            return name
    return "all"


def _cause(text: str) -> str | None:
    for name, pattern in lexicon.CAUSES:
        if pattern.search(text):
            return name
    return None


def _when(
    text: str, when: Period | None, published: date | None
) -> tuple[str, date | None, date | None, str]:
    if when is not None:
        return when.count_kind, when.start, when.end, when.precision
    if published is None:
        return "new", None, None, "unknown"
    if lexicon.CUMULATIVE.search(text):
        return "cumulative", None, published, "day"
    return "new", published, published, "day"


def _place_fields(place: PlaceMatch | None) -> dict[str, object]:
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
