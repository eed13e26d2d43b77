"""Who a figure counts and why they died or were hurt, read from the words around it:
the group named with the number ("26 children", "92 were civilians") and the cause named in
the sentence ("airstrike", "shelling")."""

from __future__ import annotations

import re

from indicators.extraction import lexicon

_AFTER_VERB = re.compile(r"^\s+(?:were|was|are)\s+(?:all\s+)?((?:[\w-]+\s+){0,2}?[\w-]+)")


def group_after_verb(after: str) -> str | None:
    """The group a number is named as after its verb ("92 were civilians", "12 were
    children"), or None: a part of a total said before it."""
    m = _AFTER_VERB.match(after)
    if m is None:
        return None
    return next((name for name, pattern in lexicon.GROUPS if pattern.search(m.group(1))), None)


def group_of(after: str) -> str:
    """The group the words right after a number name ("26 children"), else 'all'."""
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


def cause_of(text: str) -> str | None:
    """The cause a sentence names (airstrike, shelling...), or None."""
    for name, pattern in lexicon.CAUSES:
        if pattern.search(text):
            return name
    return None
