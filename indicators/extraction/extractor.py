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
from dataclasses import replace
from datetime import date

from indicators import catalogue
from indicators.errors import InputError
from indicators.extraction import lexicon
from indicators.extraction.claim import ExtractedClaim, Setting, place_fields
from indicators.extraction.confidence import sure
from indicators.extraction.counts import (
    AFTER_WINDOW,
    BEFORE_WINDOW,
    RELATIVE,
    has_own_verb,
    indicator_of,
    past_the_list,
    verb_after_the_list,
)
from indicators.extraction.dates import dateline, period
from indicators.extraction.groups import cause_of, group_after_verb, group_of
from indicators.extraction.numbers import Amount, amounts
from indicators.extraction.occupancy import occupancy_claims
from indicators.extraction.restated import is_headline, without_repeats
from indicators.extraction.sentences import split, tidy
from indicators.extraction.where import (
    MOVED,
    OWN_PLACE,
    across_border,
    moved_place,
    own_place,
    place_in,
    route,
    unknown_place,
    went_abroad,
)
from indicators.extraction.worded import worded_claims
from indicators.limits import MAX_CLAIMS_PER_REPORT, Deadline
from indicators.places import PlaceMatch
from indicators.vocab import HOUSEHOLD_SIZE_DEFAULT


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
    last_place: PlaceMatch | None = place_in(tidy(title), countries) if title else None
    place_from_title = last_place is not None
    # a paragraph that names no place is about the title's place, when the title names one
    # more precisely than a country ("Flash update: Hama")
    titles_place = last_place if last_place and last_place.precision != "country" else None
    previous_end = 0
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
        if titles_place is not None and _PARAGRAPH.search(text, previous_end, sentence.start):
            last_place, place_from_title = titles_place, True
        previous_end = sentence.end
        text_read = tidy(sentence.text)
        place = place_in(text_read, countries)
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
            unknown_place(text_read) if inherited else None,
        )
        found = _sentence_claims(setting)
        heading = is_headline(text, sentence)  # the report's, or a section's
        for claim in found:
            if heading:
                headlines.add(len(claims))
            claims.append(replace(claim, claim_id=f"x-{key}-{len(claims) + 1:03d}"))
    return _link_subsets(without_repeats(text, claims, headlines))


def _link_subsets(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """Sub-counts carry ``subset_of='prev'``: point them at the total before them, else at
    a total their sentence gives after them ("The dead include 12 children ... bringing the
    toll to 63"), else at none. A part is never the total of the next part of its list."""
    parts = {c.claim_id for c in claims if c.subset_of == "prev"}
    last_total: dict[str, ExtractedClaim] = {}  # by indicator: the latest claim no part
    linked: list[ExtractedClaim] = []
    for i, claim in enumerate(claims):
        if claim.subset_of == "prev":
            total = last_total.get(claim.indicator) or next(
                (c for c in _rest_of_sentence(claims, i) if c.claim_id not in parts
                 and c.indicator == claim.indicator and c.subset_of is None),
                None,
            )  # fmt: skip
            claim = replace(claim, subset_of=total.claim_id if total else None)
        elif claim.subset_of is None:
            last_total[claim.indicator] = claim
        linked.append(claim)
    return linked


def _rest_of_sentence(claims: list[ExtractedClaim], i: int):
    """The claims after claim ``i`` read from its sentence."""
    for later in claims[i + 1 : i + 1 + MAX_IN_A_SENTENCE]:
        if later.char_start != claims[i].char_start:
            return
        yield later


MAX_IN_A_SENTENCE = 64
"""Claims of one sentence looked at for a total after its parts (a sentence states a few)."""
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def _sentence_claims(setting: Setting) -> list[ExtractedClaim]:
    text = setting.text
    health = lexicon.ABOUT_HEALTH_CARE.search(text)
    found = amounts(text, lexicon.COUNTED_IN_HEALTH if health else lexicon.COUNTED)
    claims: list[ExtractedClaim] = []
    rising: tuple[str | None, str | None] = (None, None)  # what a figure that rose counted
    for i, amount in enumerate(found):
        next_start = found[i + 1].start if i + 1 < len(found) else len(text)
        prev_end = found[i - 1].end if i else 0
        after = text[amount.end : min(next_start, amount.end + AFTER_WINDOW)]
        before = text[max(prev_end, amount.start - BEFORE_WINDOW) : amount.start]
        indicator, term, how = indicator_of(after, before, text[: amount.start])
        if indicator is None:  # "Three children and two women were among the dead"
            spans = [(a.start, a.end) for a in found]
            indicator, term, how = verb_after_the_list(text, spans, i)
        if indicator is None and i and _counts_facilities(claims, text, found[i - 1]):
            indicator, term, how = _more_of_them(after, before)
        if lexicon.ROSE_TO.match(after) and i + 1 < len(found):
            # "a toll of 200 rose to 250": 200 is the figure before, 250 says it now
            rising = (indicator, term) if indicator else rising
            continue
        if indicator is None and rising[0] is not None and lexicon.ROSE_TO.match(before):
            (indicator, term), how = rising, "the figure it rose from names it"
        if indicator is None and lexicon.SUBSET.search(after):
            # "15 people, including four children, were killed": the verb after the list
            indicator, term, how = past_the_list(text, amount.end + len(after))
        named_subset = bool(lexicon.SUBSET.search(before))
        # "including 26 children and 11 women", "183 fighters and 100 soldiers": the list goes
        # on, each item counted like the one before it
        continues = bool(claims) and bool(lexicon.LIST_GOES_ON.match(before))
        subset = (
            named_subset
            or (continues and claims[-1].subset_of is not None)
            or (bool(claims) and bool(_OF_THEM.match(after)))  # "61 injured, 23 of them children"
        )
        # "52 dead, 120 wounded": its own word; not one of a clause about the people
        # ("nine women who had taken shelter there")
        own_verb = how in ("after the number", _MORE) and not RELATIVE.match(after)
        if (
            continues
            and (indicator is None or not (named_subset or own_verb))
            and not has_own_verb(before)
            # "affecting 18 hospitals and 12 ambulances": things named, no count of the list's
            and not (indicator is None and lexicon.COUNTED.match(after))
        ):
            indicator, term = claims[-1].indicator, claims[-1].term
            how = "as the figure before it in the list"
        if indicator is None and named_subset and claims:  # "514, among them 92 civilians"
            indicator, term = claims[-1].indicator, claims[-1].term
            how = "as the total it is part of"
        if indicator is None:
            continue
        named_after = group_after_verb(after)  # "Of the 514 dead, 92 were civilians"
        subset = subset or (named_after is not None and bool(claims))
        claims.append(
            _claim(
                setting,
                amount,
                indicator,
                after,
                subset,
                term,
                how,
                group=named_after,
                span=_own_words(before, bool(i)) + text[amount.start : next_start],
            )
        )
        if indicator == "facilities_damaged" and lexicon.STRUCK.match(after):
            # "four hospitals were hit": four facilities damaged, in four attacks
            claims.append(
                _claim(
                    setting, amount, "attacks_on_health_care", after, subset, term,
                    "facilities struck: each an attack",
                )
            )  # fmt: skip
    claims += worded_claims(setting, claims) + occupancy_claims(setting)
    return _casualties_split(claims)


def _route_fields(end: str, place: PlaceMatch | None) -> dict[str, str | None]:
    """A route's end as the claim's fields (``origin_text``, ``origin_admin1_pcode``...)."""
    if place is None:
        return {}
    return {f"{end}_text": place.text, f"{end}_admin1_pcode": place.admin1_pcode}


def _more_of_them(after: str, before: str) -> tuple[str | None, str | None, str]:
    """'Three health centres were destroyed and five more damaged': the facilities said once,
    for the second count too, with its own verb."""
    if not lexicon.MORE_OF_THEM.match(after):
        return None, None, ""
    indicator, term, _ = indicator_of(" health facilities" + after, before)
    return indicator, term, _MORE


_MORE = "facilities, named with the figure before"


def _counts_facilities(claims: list[ExtractedClaim], text: str, previous: Amount) -> bool:
    """The number before counted facilities or attacks on them ("Of the 36 hospitals, 22")."""
    if claims and claims[-1].unit in ("facilities", "attacks"):
        return True
    return bool(lexicon.FACILITIES_COUNTED.match(text[previous.end : previous.end + 60]))


def _casualties_split(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """'17 civilian casualties, including 5 killed and 12 injured': casualties are both,
    so the total is no count of the dead; the sentence's killed and injured figures say it,
    each of the total's group (civilians) unless it names its own."""
    for i, total in enumerate(claims):
        if total.indicator != "killed" or not lexicon.CASUALTIES_WORD.fullmatch(total.term or ""):
            continue
        parts = claims[i + 1 :]
        if not {"killed", "injured"} <= {c.indicator for c in parts}:
            continue
        return [*claims[:i], *(_part_of_casualties(c, total) for c in parts)]
    return claims


def _part_of_casualties(claim: ExtractedClaim, total: ExtractedClaim) -> ExtractedClaim:
    """A killed or injured figure of a casualties total: no sub-count of it (the total is
    gone), of its group unless it names its own."""
    if claim.indicator not in ("killed", "injured"):
        return claim
    own = claim.population_group not in (None, "all")
    return replace(
        claim,
        subset_of=None,
        population_group=claim.population_group if own else total.population_group,
        notes=(*claim.notes, f"a part of {total.value_text} casualties"),
    )


def _own_words(before: str, after_a_figure: bool) -> str:
    """The words before a number that are its own: without the place the figure before it
    was named with ("7,000 in Hama and 5,000 in Homs": 'in Hama' is 7,000's)."""
    if not after_a_figure:
        return before
    m = OWN_PLACE.match(before)
    return before[m.end() :] if m else before


_OF_THEM = re.compile(r"^\s*of\s+(?:them|whom|those)\b", re.IGNORECASE)
"""'23 of them children': a part of the figure before."""


def _claim(
    setting: Setting,
    amount: Amount,
    indicator: str,
    after: str,
    subset: bool,
    term: str | None,
    how: str = "",
    *,
    group: str | None = None,
    span: str | None = None,
) -> ExtractedClaim:
    """``span``: the words around the number, from the figure before it to the one after
    (where people moved from or to is read there: "7,000 in Hama and 5,000 in Homs")."""
    crossed = (
        across_border(setting.text, setting.within)
        if indicator == "displaced_new"
        or (indicator == "arrived_from_abroad" and went_abroad(setting.text))
        else None
    )
    if crossed is not None:  # "5,000 Syrians fled to Türkiye": they left the country
        indicator = crossed[0]
        how = f"{how}; went to another country"
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
    moved = (
        (crossed[1], MOVED[indicator][0][0])
        if crossed
        else moved_place(span or setting.text, indicator, setting.within)
    )
    own = None if moved is not None else own_place(after, setting.within)
    if moved is not None:
        shared.update(place_fields(moved[0]))
        notes.append(f"place: where people {moved[1]} ({moved[0].text})")
    elif own is not None and own.text != (setting.place.text if setting.place else None):
        # "killed 12 people in Hama, 8 in Idleb": each figure its own place
        shared.update(place_fields(own))
        notes.append(f"place: named with the number ({own.text})")
    else:
        notes += setting.place_note()
    if indicator in MOVED:  # people on the move: "fled Hama towards Homs", both kept
        origin, destination = route(span or setting.text, setting.within)
        shared.update(_route_fields("origin", origin) | _route_fields("destination", destination))
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
        population_group=(group or group_of(after)) if record.by_group else None,
        **shared,
        subset_of="prev" if subset else None,
        status="pending",
        cause=cause_of(setting.text) if record.by_group else None,
        term=term,
        unit_stated=unit_stated,
        household_size=size,
        notes=tuple(notes),
        confidence=sure(notes, amount.qualifier, shared["place_precision"], how),
    )
