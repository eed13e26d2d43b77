"""Figures a report gives more than once: a headline its body restates ("Death toll tops 300"
above "317 people were killed"), a figure named again as one already known ("The 31 dead
included ..."), and the same figure said twice ("In total, 12 people were killed"). Each is
one figure, kept once."""

from __future__ import annotations

import re

from indicators.extraction.claim import ExtractedClaim
from indicators.extraction.sentences import Sentence


def without_repeats(
    text: str, claims: list[ExtractedClaim], headlines: set[int]
) -> list[ExtractedClaim]:
    """The report's claims, each figure once (``headlines``: the indices of claims read from
    a headline line)."""
    return _without_same_figure(
        _without_restatements(text, _without_headlines_restated(claims, headlines))
    )


_DEFINITE = re.compile(
    r"\b(?:the|these|those|total\s+(?:to|of)|brings?\s+(?:\w+\s+){0,2}?to)\s+$", re.IGNORECASE
)
"""Words that make a figure one already given: "The 44 dead included 12 children", "this
brings the total to 2,000 deaths"."""


def _without_restatements(text: str, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """A figure given again as one already known ("At least 44 people were killed ... The
    44 dead included 12 children") is that figure, not a second one: dropped when an
    earlier claim of the report has its indicator, value, place and group."""
    seen: set[tuple] = set()
    kept: list[ExtractedClaim] = []
    for c in claims:
        key = (c.indicator, c.value_best or c.value_low, c.admin1_pcode, c.population_group)
        at = text.find(c.value_text, c.char_start, c.char_end) if c.value_text else -1
        if key in seen and at > 0 and _DEFINITE.search(text[max(c.char_start, at - 40) : at]):
            continue
        seen.add(key)
        kept.append(c)
    return kept


def is_headline(text: str, sentence: Sentence) -> bool:
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
    """A headline's figure is dropped when the body under it, up to the next headline,
    gives it again (``_restates``): the body says it exactly ("Death toll tops 300" above
    "317 people were killed"). A headline nothing restates is kept."""
    dropped = set()
    for i in headlines:
        body_seen = False
        for later in range(i + 1, len(claims)):
            if later in headlines:
                if body_seen:
                    break  # a headline after a body: the next section
                continue  # headlines in a row (highlights): one block above one body
            body_seen = True
            if _restates(claims[later], claims[i]):
                dropped.add(i)
                break
    return [c for i, c in enumerate(claims) if i not in dropped]


def _restates(body: ExtractedClaim, headline: ExtractedClaim) -> bool:
    """The body gives the headline's figure again: the same indicator, for the same place
    (or the headline names none: "Death toll tops 300")."""
    if body.indicator != headline.indicator:
        return False
    return headline.admin1_pcode is None or body.admin1_pcode in (None, headline.admin1_pcode)


_REPORTS_DAY = "date: the report's day"
"""The note of a claim whose sentence names no date (see ``extractor._claim``)."""
SAME_FIGURE_AT_LEAST = 10
"""A figure this large said twice of the same people, place and day is one figure said
twice; smaller ones may be two events ("A man was killed in Hama. Another man...")."""


def _without_same_figure(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The same count of the same indicator, people and place, said twice in a report (a
    highlight above the body, "In total, ..."), kept once (``_better``). Two days, or two
    places, are two figures."""
    kept: list[ExtractedClaim] = []
    by_figure: dict[tuple, list[int]] = {}  # where each figure's readings are kept
    for claim in claims:
        value = claim.value_best if claim.value_best is not None else claim.value_low
        if value is None or value < SAME_FIGURE_AT_LEAST:
            kept.append(claim)
            continue
        same = by_figure.setdefault(_figure(claim), [])
        twin = next(
            (i for i in same if _same_place(kept[i], claim) and _same_days(kept[i], claim)),
            None,
        )
        if twin is None:
            same.append(len(kept))
            kept.append(claim)
        elif _better(claim, kept[twin]):
            kept[twin] = claim
    return kept


def _better(new: ExtractedClaim, old: ExtractedClaim) -> bool:
    """Of one figure said twice, the reading to keep: the one with its own date, else the
    one with a hedge ("at least 134" over the key figures' "134")."""
    if _dated(new) != _dated(old):
        return _dated(new)
    return old.qualifier == "exact" and new.qualifier not in (None, "exact")


def _figure(c: ExtractedClaim) -> tuple:
    value = c.value_best if c.value_best is not None else c.value_low
    return (c.indicator, value, c.population_group, c.subset_of)


def _same_place(a: ExtractedClaim, b: ExtractedClaim) -> bool:
    """The same p-codes, or one of the two has none (its place is unknown: "Key figures"
    below a paragraph about a town no reference holds)."""
    if a.admin1_pcode is None or b.admin1_pcode is None:
        return True
    return (a.admin1_pcode, a.admin2_pcode) == (b.admin1_pcode, b.admin2_pcode)


def _dated(c: ExtractedClaim) -> bool:
    return not any(n.startswith(_REPORTS_DAY) for n in c.notes)


def _same_days(a: ExtractedClaim, b: ExtractedClaim) -> bool:
    """The same period, or one of the two has only the report's day."""
    return not (_dated(a) and _dated(b)) or (a.date_start, a.date_end) == (b.date_start, b.date_end)
