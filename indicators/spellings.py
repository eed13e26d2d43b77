"""Spellings of one name: Arabic (and other) place names reach English in many
transliterations ("Jisr al-Shughour", "Jisr Ash-Shugur"; "Hasakeh", "Al-Hasakah"; "Tal
Abiad", "Tell Abyad"). They differ in their vowels, doubled letters, the article and how a
sound is written (kh/k, gh/g, sh/s, q/k), and agree in their consonants. A name's
*skeleton* keeps what they agree on; two spellings with one skeleton are one name.

A skeleton is coarse, so it is used with care (``Skeletons``): only for a capitalised name
that the text puts after a word that introduces a place ("in", "from", "fled", "shelled"),
only when no spelling the reference holds was found there, only among the places of the
countries the text is about, and only when every place with that skeleton lies in one
first-level area (a wrong place is worse than no place)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

ARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "an", "ash", "at", "ath", "az", "adh", "ed", "er", "es",
     "ez", "ul", "un", "ud", "ur", "us", "uz"}
)  # fmt: skip
"""The Arabic article as transliterations write it ("al-", "ash-", "ez-")."""
_SOUNDS = (("kh", "k"), ("gh", "g"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ch", "s"),
           ("ph", "f"), ("q", "k"), ("c", "k"), ("j", "j"))  # fmt: skip
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")
FEWEST_CONSONANTS = 3
"""A skeleton shorter than this matches too many names ("Hama" would be "hm")."""
FEWEST_LETTERS = 5
"""A name shorter than this is not looked for by its skeleton."""
_CUES = frozenset(
    {"in", "on", "from", "to", "near", "towards", "toward", "into", "at", "around", "outside",
     "of", "fled", "left", "entered", "reached", "hit", "struck", "shelled", "bombed",
     "targeted", "attacked", "besieged", "captured", "seized"}
)  # fmt: skip
"""Words after which a capitalised name is most likely a place."""
MOST_WORDS = 4


LIKE_AT_LEAST = 75
"""How alike (``rapidfuzz`` ratio, 0-100) a spelling must also be to a name with its
skeleton: spellings of one name score 80-95 ("Hasakeh", "Hasakah": 86); different names
that share their consonants score less ("Darkush", "Dreikish": 67; "Sunday", "Shendi": 50)."""
NOT_PLACES = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december"}
)  # fmt: skip
"""Weekdays and months: capitalised after "in" or "on", and never places."""
_DEMONYM = re.compile(r"(?:ians?|eses?|ish)$")
"""Words for people or languages ("Syrian", "Lebanese", "Kurdish"), never a place."""


def _without_articles(key: str) -> str:
    words = key.split()
    return " ".join(w for w in words if w not in ARTICLES) or key


def skeleton(name: str) -> str:
    """The consonants a name's spellings agree on ("Jisr al-Shughour" -> "jsrsgr"); ``name``
    folded as the gazetteer keeps names (lower case, words split by spaces)."""
    words = name.split()
    kept = [w for w in words if w not in ARTICLES] or words
    s = "".join(kept)
    for written, sound in _SOUNDS:
        s = s.replace(written, sound)
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", s))


class Skeletons:
    """The places of one country by skeleton, each skeleton kept only when all its places
    lie in one first-level area."""

    def __init__(self, names: Iterable[tuple[str, list]]) -> None:
        by: dict[str, list] = {}
        for key, places in names:
            if len(key.replace(" ", "")) < FEWEST_LETTERS:
                continue
            bone = skeleton(key)
            if len(bone) >= FEWEST_CONSONANTS:
                keys, found = by.setdefault(bone, ([], []))
                keys.append(_without_articles(key))
                found.extend(places)
        self.places = {
            bone: (keys, places)
            for bone, (keys, places) in by.items()
            if len({(p.country, p.admin1_pcode) for p in places}) == 1
        }

    def hits(
        self, words: list[tuple[int, int, str]], covered: list[tuple[int, int]]
    ) -> Iterator[tuple[int, int, list]]:
        """(start, end, places) of each name the text spells in another way: capitalised
        words after a cue (``_CUES``), or a name given alone, not inside a name already
        found (``covered``)."""
        alone = all(w[2][:1].isupper() or w[2].lower() in ARTICLES for w in words)
        candidates = [0] if alone and words else []
        candidates += [  # a capitalised word after a cue: few in a sentence, most have none
            i
            for i in range(1, len(words))
            if words[i][2][:1].isupper() and words[i - 1][2].lower() in _CUES
        ]
        for i in candidates:
            start = words[i][0]
            if any(a <= start < b for a, b in covered):
                continue
            for n in range(min(MOST_WORDS, len(words) - i), 0, -1):
                span = words[i : i + n]
                if not span[-1][2][:1].isupper() or any(
                    not w[2][:1].isupper() and w[2].lower() not in ARTICLES for w in span
                ):
                    continue
                key = " ".join(w[2].lower() for w in span)
                if (
                    len(key.replace(" ", "")) < FEWEST_LETTERS
                    or key in NOT_PLACES
                    or _DEMONYM.search(key)
                ):
                    continue
                keys, places = self.places.get(skeleton(key), ((), ()))
                written = _without_articles(key)
                if places and max(fuzz.ratio(written, k) for k in keys) >= LIKE_AT_LEAST:
                    yield start, span[-1][1], places
                    break
