"""Countries: ISO3 codes, names and the forms reports give them ("Syria", "oPt", "Turkey").

The table ``data/reference/countries.csv`` is OCHA's countries and territories taxonomy as
bundled with ``hdx-python-country`` (made by ``scripts/build_countries.py``): the preferred
term, the short name reports use, the Arabic short name and the taxonomy's own pattern for
a country's common forms. Matching uses those patterns, never a guess.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from indicators.paths import reference_dir


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    short_name: str
    arabic_name: str
    pattern: re.Pattern | None
    """The taxonomy pattern's alternatives that match in running text."""
    anchored: tuple[Anchored, ...] = ()
    """Its alternatives written for a name on its own, anchored at its start."""


@dataclass(frozen=True)
class Anchored:
    """An alternative of a taxonomy pattern anchored at the start of a name
    (``^(?!.*\\bs(?!u)).*sudan``): the alternative, the name it looks for (``core``, without
    anchor, conditions and leading wildcard) and whether conditions follow the name
    ("india(?!.*ocea)")."""

    pattern: re.Pattern
    core: re.Pattern
    looks_after: bool


class Countries:
    """Every country and territory of the taxonomy, by code and by the forms of its name."""

    def __init__(self, countries: list[Country]) -> None:
        self.by_iso3 = {c.iso3: c for c in countries}
        self.by_iso2 = {c.iso2: c for c in countries if c.iso2}
        self._names = {}
        for c in countries:
            for name in (c.iso3, c.name, c.short_name, c.arabic_name):
                if name:
                    self._names.setdefault(name.casefold(), c.iso3)

    def get(self, code: str | None) -> Country | None:
        """A country by its ISO3 or ISO2 code (any case)."""
        if not code:
            return None
        code = code.strip().upper()
        return self.by_iso3.get(code) or self.by_iso2.get(code)

    def name(self, iso3: str | None) -> str:
        """The short name reports use ("Syria"), or the code itself when it is not known."""
        found = self.get(iso3)
        return found.short_name if found else (iso3 or "")

    def iso3(self, text: str | None) -> str | None:
        """The ISO3 code of a country named or coded in ``text`` (its whole), else None."""
        if not text or not text.strip():
            return None
        text = text.strip()
        if (found := self.get(text)) is not None and len(text) in (2, 3):
            return found.iso3
        exact = self._names.get(text.casefold())
        if exact:
            return exact
        named = self.mentioned(text)
        return named[0] if len(named) == 1 else None

    def mentioned(self, text: str) -> list[str]:
        """ISO3 codes of the countries ``text`` names, in the order they first appear."""
        folded = text.casefold()
        seen: dict[str, int] = {}
        for c in self.by_iso3.values():
            for form in c.anchored:
                at = _anchored_hit(form, folded)
                if at is not None and at < seen.get(c.iso3, len(folded)):
                    seen[c.iso3] = at
            if c.pattern is None:
                continue
            for hit in c.pattern.finditer(folded):
                at = hit.start()
                if at == 0 or not folded[at - 1].isalpha():  # a name starts a word
                    seen[c.iso3] = min(at, seen.get(c.iso3, at))
                    break
        for name, iso3 in self._arabic.items():
            at = text.find(name)
            if at >= 0:
                seen.setdefault(iso3, at)
        return sorted(seen, key=seen.get)

    def of_people(self, word: str) -> str | None:
        """The ISO3 code of the country whose people ``word`` names ("Lebanese": LBN,
        "Syrians": SYR), through the country's own names and pattern: the word as written,
        else its stem with the country's ending; None for any other word."""
        folded = word.strip().casefold()
        if not word[:1].isupper() or not _NATIONALITY.search(folded):
            return None
        stems = [folded] + [
            folded[: -len(suffix)] + ending
            for suffix, endings in _NATIONALITY_ENDINGS
            if folded.endswith(suffix)
            for ending in endings
        ]
        for stem in stems:
            if len(stem) >= 4 and (found := self.iso3(stem)) is not None:
                return found
        return None

    def peoples(self, text: str) -> list[str]:
        """The countries whose people ``text`` names ("Lebanese", "Syrians"), in order."""
        found = (self.of_people(w) for w in _CAPITALISED.findall(text))
        return list(dict.fromkeys(c for c in found if c))

    @property
    def _arabic(self) -> dict[str, str]:
        return {c.arabic_name: c.iso3 for c in self.by_iso3.values() if c.arabic_name}


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
_NATIONALITY = re.compile(r"(?:ians?|ans?|ese|is|i)$")
"""How words for a country's people end ("Syrians", "Afghans", "Lebanese", "Iraqis")."""
_NATIONALITY_ENDINGS = (
    ("lese", ("o",)),  # Togolese: Togo
    ("ese", ("on", "", "a")),  # Lebanese: Lebanon; Nepalese: Nepal; Chinese: China
    ("ians", ("ia", "e", "")),  # Syrians: Syria; Ukrainians: Ukraine
    ("ian", ("ia", "e", "")),
    ("ans", ("a", "")),
    ("an", ("a", "")),
    ("is", ("",)),  # Iraqis: Iraq
    ("i", ("",)),
)
_CLAUSE_END = re.compile(r"[.;:,!?()\n\[\]]")
_WORDS_BEFORE = 1
_WORDS_AFTER = 3


def _anchored_hit(form: Anchored, folded: str) -> int | None:
    """Where running text first names a country whose taxonomy pattern is written for a
    name on its own, anchored at its start ("^(?!.*\\bs(?!u)).*sudan": Sudan, not South
    Sudan). Applied to the whole text such a pattern finds the name only on the first line,
    and never once any word elsewhere meets its conditions ("since" ruled Sudan out). Here
    it is applied to the name's own phrase: the word just before it in its clause (where
    "South" or "East" stands: one word, as "situation in" would rule Sudan out again) and,
    when the pattern looks after the name, the words just after."""
    for hit in form.core.finditer(folded):
        at = hit.start()
        if at and folded[at - 1].isalpha():
            continue  # a name starts a word
        if form.pattern.match(_phrase(folded, at, hit.end(), form.looks_after)):
            return at
    return None


def _phrase(folded: str, start: int, end: int, after: bool) -> str:
    """The words of ``folded`` around ``[start, end)`` within its clause: up to
    ``_WORDS_BEFORE`` before, the hit to the end of its word, and ``_WORDS_AFTER`` after."""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(folded, max(0, start - 80), start)),
                       default=max(0, start - 80))  # fmt: skip
    before = folded[clause_start:start].split()[-_WORDS_BEFORE:]
    rest = folded[end : end + 80]
    stop = _CLAUSE_END.search(rest)
    rest = rest[: stop.start()] if stop else rest
    words = rest.split(" ")
    tail = words[0] + (" " + " ".join(words[1 : 1 + _WORDS_AFTER]) if after else "")
    return " ".join([*before, folded[start:end] + tail]).strip()


def _forms(text: str) -> tuple[str, tuple[Anchored, ...]]:
    """A taxonomy pattern split into the alternatives that match in running text (joined
    again) and those anchored at the start of a name."""
    plain, anchored = [], []
    for alternative in _alternatives(text):
        if not alternative.startswith("^"):
            plain.append(alternative)
            continue
        body = alternative.removeprefix("^")
        while body.startswith(("(?!", "(?=")):
            body = body[_group_end(body) :]
        for wildcard in (".*", "\\D*", "\\s*"):
            body = body.removeprefix(wildcard)
        after = "(?" in body
        core = body[: body.index("(?")] if after else body
        anchored.append(Anchored(re.compile(alternative), re.compile(core), after))
    return "|".join(plain), tuple(anchored)


def _alternatives(text: str) -> list[str]:
    """The top-level alternatives of a pattern (``|`` outside brackets and groups)."""
    out, depth, square, current, i = [], 0, False, "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            current += text[i : i + 2]
            i += 2
            continue
        if ch == "[":
            square = True
        elif ch == "]":
            square = False
        elif ch == "(" and not square:
            depth += 1
        elif ch == ")" and not square:
            depth -= 1
        elif ch == "|" and depth == 0 and not square:
            out.append(current)
            current = ""
            i += 1
            continue
        current += ch
        i += 1
    return [*out, current]


def _group_end(text: str) -> int:
    """The index just after the group that opens ``text``."""
    depth, i = 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
        if depth == 0:
            return i
    return len(text)


def _pattern(text: str) -> re.Pattern | None:
    # The taxonomy's patterns match a name; in running text a match must start a word,
    # which ``mentioned`` checks at each hit: a look-behind at the pattern's start would
    # keep the regex engine from scanning for its first letters (seven times slower).
    return re.compile(text) if text else None


@cache
def countries() -> Countries:
    """The shipped table, read once per process."""
    with (reference_dir() / "countries.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = ("iso3", "iso2", "name", "short_name", "arabic_name")
    out = []
    for r in rows:
        plain, anchored = _forms(r["pattern"])
        out.append(Country(*(r[f] for f in fields), _pattern(plain), anchored))
    return Countries(out)
