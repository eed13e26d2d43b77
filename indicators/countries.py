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
            if c.pattern is None:
                continue
            for hit in c.pattern.finditer(folded):
                at = hit.start()
                if at == 0 or not folded[at - 1].isalpha():  # a name starts a word
                    seen[c.iso3] = at
                    break
        for name, iso3 in self._arabic.items():
            at = text.find(name)
            if at >= 0:
                seen.setdefault(iso3, at)
        return sorted(seen, key=seen.get)

    @property
    def _arabic(self) -> dict[str, str]:
        return {c.arabic_name: c.iso3 for c in self.by_iso3.values() if c.arabic_name}


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
    return Countries([Country(*(r[f] for f in fields), _pattern(r["pattern"])) for r in rows])
