"""What a number counts, read from the words around it: the indicator, the word that said so
and where that word stood ("killed 26 children": right before the number)."""

from __future__ import annotations

import re

from indicators.extraction import lexicon
from indicators.extraction.confidence import NEAR

AFTER_WINDOW = 70
"""Characters after a number read for what it counts."""
BEFORE_WINDOW = 45
"""Characters before a number read for what it counts."""

RELATIVE = re.compile(r"^\W*(?:[\w'-]+\s+){0,2}?(?:who|whom|which|that)\b", re.IGNORECASE)


def past_the_list(text: str, start: int) -> tuple[str | None, str | None, str]:
    """The indicator named after a list a total includes ("15 people, including four
    children and a woman, were killed"): read past the list's closing comma or bracket."""
    tail = text[start : start + 2 * AFTER_WINDOW]
    close = re.search(r"[,)]\s*", tail)
    if close is None:
        return None, None, ""
    indicator, term, _ = indicator_of(tail[close.end() :][:AFTER_WINDOW], "")
    return indicator, term, "after the list it includes"


_LIST_ITEM = re.compile(r"^\s*(?:[\w-]+\s+)?[\w-]+\s*(?:,\s*and|,|and)\s*$", re.IGNORECASE)
"""After a number, up to the next, an item of a list: "children and ", "men, "."""


def verb_after_the_list(
    text: str, spans: list[tuple[int, int]], i: int
) -> tuple[str | None, str | None, str]:
    """'Three children and two women were among the dead': the verb after a list counts
    each of its items. ``spans``: where each number of the sentence starts and ends; ``i``:
    the number whose words, up to the next number, are an item of a list."""
    j = i
    while j + 1 < len(spans) and _LIST_ITEM.match(text[spans[j][1] : spans[j + 1][0]]):
        j += 1
    if j == i:
        return None, None, ""
    after_last = text[spans[j][1] : spans[j][1] + AFTER_WINDOW]
    indicator, term, how = indicator_of(after_last, "")
    if not how.startswith("after the number"):
        return None, None, ""
    return indicator, term, "the verb after the list"


_RIGHT_BEFORE = re.compile(r"[\s,]*(?:of\s+(?:the\s+|some\s+|at\s+least\s+)?)?", re.IGNORECASE)
_HARM = ("killed", "injured", "missing")
_WHO_MOVED = re.compile(r"IDPs?|refugees?|returnees?|displaced|migrants?", re.IGNORECASE)
"""Words that name who was harmed when a verb of harm follows ("two IDPs were killed")."""


def has_own_verb(before: str) -> bool:
    """A verb between two numbers ("killed 26 ... and injured 40") starts a new figure."""
    return any(pattern.search(before) for _, pattern in lexicon.VERBS)


def _names_a_figure(text: str) -> bool:
    """The text names a figure ("the number of ...", "the toll", "new displacement")."""
    return bool(_TALLY.search(text)) or any(p.search(text) for _, p in lexicon.VERBS)


_TALLY = re.compile(r"\b(?:number|toll|total|tally|count|figure)\b", re.IGNORECASE)


def indicator_of(after: str, before: str, earlier: str = "") -> tuple[str | None, str | None, str]:
    """The indicator a number counts, read from the words around it, the word that said so
    and where it stood (None, None, '' when nothing does). ``earlier``: the sentence before
    the number, for what it is about (health care, for "62 attacks")."""
    if lexicon.TREATED_AFTER.match(after) or (
        lexicon.TREATED_BEFORE.search(before) and lexicon.PATIENTS_AFTER.match(after)
    ):
        return "patients_treated", None, "patients a hospital treated"
    named_subject = False
    for name, subject, state in lexicon.SUBJECTS:  # "3 hospitals were damaged"
        if subject.match(after):
            named_subject = True
            found = state.search(after) if state else subject.match(after)
            if found:
                return name, None, "named after the number"
            if state is not None and re.search(rf"(?:{state.pattern})\W*$", before, re.I):
                return name, None, "said right before the number"  # "damaged 5 hospitals"
    if named_subject:  # hospitals, but not what happened to them: not a count of people
        return None, None, ""
    if lexicon.RELOCATED_BEFORE.search(before) and lexicon.PEOPLE_AFTER.match(after):
        return "displaced_new", "relocated", "people made to move"
    if lexicon.RECEIVED_BEFORE.search(before) and lexicon.REFUGEES_AFTER.match(after):
        return "arrived_from_abroad", "received", "refugees a country received"
    if lexicon.OTHER_VERB_BEFORE.search(before):  # "affected 80,000 people and displaced"
        return None, None, ""
    if lexicon.REACHED_BEFORE.search(before) and not _names_a_figure(earlier):
        return None, None, ""
    if lexicon.ATTACKS_AFTER.match(after):  # "six attacks": attacks, never people
        if lexicon.ABOUT_HEALTH_CARE.search(earlier) or lexicon.ABOUT_HEALTH_CARE.search(after):
            return "attacks_on_health_care", None, "attacks, in a sentence about health care"
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
    if not before_hits and not after_hits and lexicon.NOW_AT.search(before):
        # "The death toll from the earthquake in Myanmar has risen to 1,644": what rose was
        # named at the start of the sentence, further back than the words read around a number
        before = earlier
        before_hits = [
            (m.end(), name, m.group(0))
            for name, pattern in lexicon.VERBS
            for m in pattern.finditer(earlier)
        ]
    # "killed 26", "the death of seven": the word right before the number, or before "of"
    verb_before = [h for h in before_hits if _RIGHT_BEFORE.fullmatch(before[h[0] :])]
    if verb_before and before.rstrip().endswith(",") and any(a <= NEAR for a, _, _ in after_hits):
        verb_before = []  # "52 dead, 120 wounded": the word before the comma is 52's
    if verb_before:  # "killed 26 children": the verb right before the number names it
        _, name, word = max(verb_before)
        how = "right before the number"
    elif after_hits:  # "26 children were killed"
        at, name, word = min(after_hits)
        harm = [h for h in after_hits if h[1] in _HARM]
        if _WHO_MOVED.fullmatch(word) and harm:  # "two IDPs were killed": who, not what
            at, name, word = min(harm)
        how = "after the number" if at <= NEAR else "after the number, some words on"
    elif before_hits:  # "the death toll rose to 242"
        at, name, word = max(before_hits)
        how = "before the number" if len(before) - at <= NEAR else "earlier in the sentence"
    else:
        return None, None, ""
    if name == "killed" and lexicon.OF_DISEASE.search(clause_after):
        return None, None, ""  # "died of cholera": no casualty of violence or disaster
    subject = after[:40].split(f" {word}")[0][:30]
    for narrower, broader, pattern in lexicon.REFINEMENTS:  # "12 health workers were killed"
        if broader == name and pattern.search(subject):
            return narrower, word.lower(), how
    return name, word.lower(), how
