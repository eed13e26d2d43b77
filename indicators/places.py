"""Places: the p-code reference, the alias table, and a resolver from place text to p-codes.

The reference is any OCHA COD table pair in ``data/reference`` (``*_admin1_pcodes.csv`` and
``*_admin2_pcodes.csv``); the alias table (``aliases.csv``) adds other spellings, Arabic
names, towns (mapped to their district), regions that are not administrative units, and
countries. A name that cannot be matched is returned as unmatched with a reason, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.paths import reference_dir

_KIND_RANK = {"site": 0, "town": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
_DROP_WORDS = re.compile(r"\b(governorate|province|muhafazat|the)\b")


def normalise(text: str) -> str:
    """Fold case, accents, apostrophes and hyphens so spellings of one name compare equal."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("ـ", "")
    text = re.sub(r"[’'`ʿʾ]", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = _DROP_WORDS.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Place:
    """One entry of the gazetteer: a name and what it stands for."""

    name: str
    kind: str
    admin1_pcode: str | None
    admin2_pcode: str | None
    country: str | None


@dataclass(frozen=True)
class PlaceMatch:
    """What a piece of place text resolves to. ``matched`` is False when nothing fitted."""

    text: str
    precision: str
    admin1_pcode: str | None = None
    admin2_pcode: str | None = None
    admin1_pcodes_spanned: tuple[str, ...] = ()
    country: str | None = None
    matched_names: tuple[str, ...] = field(default=())
    reason: str | None = None

    @property
    def matched(self) -> bool:
        return self.precision != "unknown"


_PRECISION_OF_KIND = {
    "site": "site",
    "town": "town",
    "admin2": "admin2",
    "admin1": "admin1",
    "region": "region",
    "country": "country",
}


class Gazetteer:
    """Governorates, districts and aliases, with lookups by p-code and by name."""

    def __init__(self, admin1: pd.DataFrame, admin2: pd.DataFrame, aliases: pd.DataFrame) -> None:
        self.admin1 = admin1
        self.admin2 = admin2
        self.admin1_codes = frozenset(admin1["ADM1_PCODE"])
        self.admin2_codes = frozenset(admin2["ADM2_PCODE"])
        self.admin2_parent = dict(zip(admin2["ADM2_PCODE"], admin2["ADM1_PCODE"], strict=True))
        self.admin1_name = dict(zip(admin1["ADM1_PCODE"], admin1["ADM1_EN"], strict=True))
        self.admin2_name = dict(zip(admin2["ADM2_PCODE"], admin2["ADM2_EN"], strict=True))
        self._index: dict[str, list[Place]] = {}
        country_of = dict(zip(admin1["ADM1_PCODE"], admin1["ADM0_PCODE"], strict=True))
        for row in admin1.itertuples():
            for name in (row.ADM1_EN, row.ADM1_AR):
                self._add(Place(name, "admin1", row.ADM1_PCODE, None, row.ADM0_PCODE))
        for row in admin2.itertuples():
            for name in (row.ADM2_EN, row.ADM2_AR):
                country = country_of.get(row.ADM1_PCODE)
                self._add(Place(name, "admin2", row.ADM1_PCODE, row.ADM2_PCODE, country))
        for row in aliases.itertuples():
            a1 = row.admin1_pcode if isinstance(row.admin1_pcode, str) else None
            a2 = row.admin2_pcode if isinstance(row.admin2_pcode, str) else None
            self._add(Place(row.alias, row.kind, a1, a2, row.country))
        keys = sorted(self._index, key=len, reverse=True)
        self._scanner = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")

    def _add(self, place: Place) -> None:
        key = normalise(place.name)
        if key:
            self._index.setdefault(key, []).append(place)

    @classmethod
    def load(cls, folder: Path) -> Gazetteer:
        """Read every COD p-code table pair and the alias table in ``folder``."""
        admin1 = _concat(folder.glob("*_admin1_pcodes.csv"))
        admin2 = _concat(folder.glob("*_admin2_pcodes.csv"))
        aliases = pd.read_csv(folder / "aliases.csv", dtype=str, keep_default_na=False)
        aliases = aliases.replace("", None)
        return cls(admin1, admin2, aliases)

    def lookup(self, name: str) -> list[Place]:
        """Every gazetteer entry whose name equals ``name`` once normalised."""
        return list(self._index.get(normalise(name), ()))

    def find(self, text: str) -> list[Place]:
        """Every known place mentioned in ``text``, in order; the longest name wins an overlap."""
        found: list[Place] = []
        for m in self._scanner.finditer(normalise(text)):
            found.append(_broadest(self._index[m.group(1)]))
        return found

    def resolve(self, text: str) -> PlaceMatch:
        """Resolve place text to p-codes and a precision; unmatched text says why."""
        stripped = (text or "").strip()
        if not stripped:
            return PlaceMatch(text, "unknown", reason="no place given")
        exact = self.lookup(stripped)
        places = [_broadest(exact)] if exact else self.find(stripped)
        if not places:
            return PlaceMatch(
                text,
                "unknown",
                reason=f"no governorate, district, town, region or country in the reference "
                f"matches '{stripped}'",
            )
        return _combine(text, places)


def _broadest(entries: list[Place]) -> Place:
    # A name shared by a governorate and its district ("Hama") is read as the governorate:
    # the broader reading claims less than the text says.
    return max(entries, key=lambda p: _KIND_RANK[p.kind])


def _combine(text: str, places: list[Place]) -> PlaceMatch:
    names = tuple(dict.fromkeys(p.name for p in places))
    admin = [p for p in places if p.admin1_pcode]
    if not admin:
        best = min(places, key=lambda p: _KIND_RANK[p.kind])
        if best.kind == "country":
            best = places[0]  # "Iraq (arrivals from Syria)": the first country named
        return PlaceMatch(
            text, _PRECISION_OF_KIND[best.kind], country=best.country, matched_names=names
        )
    spanned = tuple(dict.fromkeys(p.admin1_pcode for p in admin))
    if len(spanned) > 1:
        return PlaceMatch(
            text,
            "multiple_admin1",
            admin1_pcodes_spanned=spanned,
            country=admin[0].country,
            matched_names=names,
        )
    best = min(admin, key=lambda p: _KIND_RANK[p.kind])
    return PlaceMatch(
        text,
        _PRECISION_OF_KIND[best.kind],
        admin1_pcode=best.admin1_pcode,
        admin2_pcode=best.admin2_pcode,
        country=best.country,
        matched_names=names,
    )


def _concat(paths) -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(paths)]
    if not frames:
        raise FileNotFoundError("no p-code reference tables found")
    return pd.concat(frames, ignore_index=True)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer built from the shipped reference (read once per process)."""
    return Gazetteer.load(reference_dir())
