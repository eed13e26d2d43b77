"""Places: the p-code reference of every country with a folder, and a resolver from place
text to p-codes and a country.

Each country's places sit in a folder (``indicators.place_folders``): OCHA p-codes of admin 1
and 2 with their names, and for a curated country an alias table (other spellings, Arabic
names, towns mapped to their district, regions that are not administrative units). Country
names come from the countries table (``indicators.countries``). A name is resolved within
the countries a report is about first, then their neighbours, then any other; a name that
cannot be matched is returned as unmatched with a reason, never guessed, and a place is
never moved onto another country.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pandas as pd

from indicators.countries import countries
from indicators.name_lookup import Names
from indicators.paths import reference_dir
from indicators.place_folders import ADMIN1, ADMIN2, ALIASES, CountryFolder, folders
from indicators.spellings import Skeletons

_KIND_RANK = {"site": 0, "town": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
_DROP_WORDS = re.compile(r"\b(governorate|province|muhafazat|the)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:Al|El|Ad|Ar|As|An|Ash|Az|Ed|Er|Es|Ez)\s+(?=\w{4})")
"""The Arabic article at the head of a name as the global list writes it ("El Nabatieh"):
reports as often leave it out ("Nabatieh")."""
_ADJECTIVAL = re.compile(r"^(?P<stem>[A-Z][\w-]{3,}?)(?P<k>s?k)(?:a|aya|yi|yy|iy|ii|ij|y)$")
"""A name written as an adjective, as the global list writes the regions of Slavic-language
countries ("Kharkivska" oblast, "Bakhchysaraiskyi" raion, "Belgorodskaya"): reports name
them by their town ("Kharkiv", "Donetsk"). Both stems are looked for ("Kharkiv",
"Kharkivsk"; "Donet", "Donetsk"), never over a place with that very name."""
_TOWN_ENDINGS = ("y", "sy", "sa", "sia")
"""Towns whose region's adjective drops their ending: Sumy (Sumska), Cherkasy (Cherkaska),
Odesa (Odeska), Vinnytsia (Vinnytska). Made names no report writes are never found."""
SCANNED_FROM_LETTERS = 4
"""Names of a country folder made from the global list (no curated aliases) are looked for
in running text only from this length, and only as written (capitalised): a district
named "Of" or "Sur" must not turn up in every sentence."""
DEFAULT_COUNTRY_VARIABLE = "IMPACT_MONITOR_COUNTRY"
RESOLVED_KEPT = 50_000
"""Place texts whose resolution is remembered (then forgotten all at once: a bound on
memory whatever is read)."""


def _fold(text: str) -> str:
    if not text.isascii():  # most names are plain ASCII: nothing to decompose
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("ـ", "")
    text = _APOSTROPHES.sub("", text)
    text = _NOT_WORD.sub(" ", text)
    text = _DROP_WORDS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


_APOSTROPHES = re.compile(r"[’'`ʿʾ]")
_NOT_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold case, accents, apostrophes and hyphens so spellings of one name compare equal."""
    return _fold(text).lower()


@dataclass(frozen=True)
class Place:
    """One entry of the gazetteer: a name and what it stands for. ``country`` is the ISO3
    code; None for a phrase that means the report's own country ("across the country")."""

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


class Gazetteer:
    """Admin 1 and 2 units and aliases of every country with a folder, by p-code and name."""

    def __init__(self, country_folders: list[CountryFolder], default: str | None = None) -> None:
        if not country_folders:
            raise FileNotFoundError("no country folder with a manifest.json in the reference")
        self.folders = {f.iso3: f for f in country_folders}
        admin1, admin2, aliases = [], [], []
        for f in country_folders:
            admin1.append(_read(f.path / ADMIN1).assign(country=f.iso3))
            admin2.append(_read(f.path / ADMIN2).assign(country=f.iso3))
            if f.file(ALIASES):
                aliases.append(_read(f.path / ALIASES).assign(folder=f.iso3))
        self.admin1 = pd.concat(admin1, ignore_index=True)
        self.admin2 = pd.concat(admin2, ignore_index=True)
        for frame, level in ((self.admin1, "ADM1"), (self.admin2, "ADM2")):
            if f"{level}_AR" not in frame:
                frame[f"{level}_AR"] = ""
        self.admin1_codes = frozenset(self.admin1["ADM1_PCODE"])
        self.admin2_codes = frozenset(self.admin2["ADM2_PCODE"])
        # columns as Python lists once: iterating Arrow-backed text cell by cell costs a
        # second over the 156 countries
        a1 = {c: self.admin1[c].tolist() for c in ("ADM1_PCODE", "ADM1_EN", "ADM1_AR", "country")}
        a2 = {
            c: self.admin2[c].tolist()
            for c in ("ADM1_PCODE", "ADM2_PCODE", "ADM2_EN", "ADM2_AR", "country")
        }
        self.admin2_parent = dict(zip(a2["ADM2_PCODE"], a2["ADM1_PCODE"], strict=True))
        self.admin1_name = dict(zip(a1["ADM1_PCODE"], a1["ADM1_EN"], strict=True))
        self.admin2_name = dict(zip(a2["ADM2_PCODE"], a2["ADM2_EN"], strict=True))
        self.country_of = {
            **dict(zip(a1["ADM1_PCODE"], a1["country"], strict=True)),
            **dict(zip(a2["ADM2_PCODE"], a2["country"], strict=True)),
        }
        marked = [f.iso3 for f in country_folders if f.manifest.get("default")]
        self.default_country = (
            default or (marked[0] if marked else None) or country_folders[0].iso3
        ).upper()
        self._index: dict[str, list[Place]] = {}
        self._written: dict[str, dict[str, list[Place]]] = {}  # uncurated: by name as written
        for code, en, ar, country in zip(*a1.values(), strict=True):
            for name in (en, ar):
                self._add(Place(name, "admin1", code, None, country))
        for parent, code, en, ar, country in zip(*a2.values(), strict=True):
            for name in (en, ar):
                self._add(Place(name, "admin2", parent, code, country))
        for frame in aliases:
            columns = ("alias", "kind", "admin1_pcode", "admin2_pcode", "country", "folder")
            for alias, kind, p1, p2, country, folder in zip(
                *(frame[c].tolist() for c in columns), strict=True
            ):
                country = (country or "").strip() or None
                self._add(Place(alias, kind, p1 or None, p2 or None, country and folder))
        self._add_stems()
        for c in countries().by_iso3.values():  # country names, from the countries table
            for name in (c.name, c.short_name):
                if name:
                    self._add(Place(name, "country", None, None, c.iso3))
        curated = [k for k, places in self._index.items() if any(self._curated(p) for p in places)]
        self._curated_names = Names(curated)  # found in any case
        self._written_scanners: dict[str, Names] = {}  # made when first needed
        self._skeletons: dict[str, Skeletons] = {}
        self._resolved: dict[tuple[str, tuple[str, ...]], PlaceMatch] = {}
        self._admin1_by_code: dict[str, list[str]] = {}
        self._admin2_by_name: dict[str, list[str]] = {}

    def _written_names(self, iso3: str) -> Names | None:
        """The names of an uncurated country, as written (capitalised)."""
        if iso3 not in self._written:
            return None
        names = self._written_scanners.get(iso3)
        if names is None:
            names = self._written_scanners[iso3] = Names(self._written[iso3])
        return names

    def _skeletons_of(self, iso3: str) -> Skeletons:
        """The country's places by the consonants their spellings share, made when first
        needed."""
        if iso3 not in self._skeletons:
            self._skeletons[iso3] = Skeletons(
                (key, own)
                for key, places in self._index.items()
                if (own := [p for p in places if p.country == iso3 and p.kind != "country"])
            )
        return self._skeletons[iso3]

    def _curated(self, place: Place) -> bool:
        folder = self.folders.get(place.country or "")
        return place.kind == "country" or folder is None or folder.curated

    def _add(self, place: Place) -> None:
        written = _fold(place.name or "")
        key = written.lower()  # normalise(), folded once
        if not key:
            return
        self._index.setdefault(key, []).append(place)
        if self._curated(place):
            return
        for variant in {written, _ARTICLE.sub("", written)}:  # "El Nabatieh", "Nabatieh"
            if len(variant.replace(" ", "")) >= SCANNED_FROM_LETTERS:
                self._written.setdefault(place.country, {}).setdefault(variant, []).append(place)

    def _add_stems(self) -> None:
        """The stems of names written as adjectives (``_ADJECTIVAL``), in the countries
        whose names are scanned as written; a name a place really has keeps its place."""
        for written in self._written.values():
            stems: dict[str, list[Place]] = {}
            for name, places in written.items():
                m = _ADJECTIVAL.match(name)
                if m is None:
                    continue
                full = m["stem"] + m["k"]
                base = full[:-2] if full.endswith("sk") else full[:-1]
                towns = (base + end for end in _TOWN_ENDINGS)
                for stem in (m["stem"], m["stem"] + m["k"], *towns):
                    if stem not in written:
                        stems.setdefault(stem, []).extend(places)
            for stem, places in stems.items():
                written[stem] = places

    @classmethod
    def load(cls, root: Path) -> Gazetteer:
        """Every country folder under ``root/places``."""
        default = os.environ.get(DEFAULT_COUNTRY_VARIABLE, "").strip() or None
        return cls(folders(root / "places"), default)

    def admin1_of(self, country: str) -> list[str]:
        """The admin 1 p-codes of one country, in p-code order (made once per country)."""
        if country not in self._admin1_by_code:
            codes = self.admin1.loc[self.admin1["country"] == country, "ADM1_PCODE"]
            self._admin1_by_code[country] = sorted(codes)
        return list(self._admin1_by_code[country])

    def admin2_of(self, country: str) -> list[str]:
        """The admin 2 p-codes of one country, by name (made once per country: a
        district filter is built on every page)."""
        if country not in self._admin2_by_name:
            codes = self.admin2.loc[self.admin2["country"] == country, "ADM2_PCODE"]
            self._admin2_by_name[country] = sorted(codes, key=self.admin2_name.__getitem__)
        return list(self._admin2_by_name[country])

    def country_name(self, iso3: str | None) -> str:
        folder = self.folders.get(iso3 or "")
        return folder.name if folder else countries().name(iso3)

    def lookup(self, name: str, within: tuple[str, ...] = ()) -> list[Place]:
        """Every entry whose name equals ``name`` once normalised, those of the countries
        ``within`` first, then of their neighbours, then the others."""
        entries = list(self._index.get(normalise(name), ()))
        return sorted(entries, key=lambda p: self._tier(p, within))

    def _tier(self, place: Place, within: tuple[str, ...]) -> int:
        """0: a country the text is about (none named: the default country), 1: one of
        their neighbours, 2: any other (of 156 countries, many share a name)."""
        within = within or (self.default_country,)
        if place.country is None or place.country in within:
            return 0
        near = {n for c in within if c in self.folders for n in self.folders[c].neighbours}
        if place.country in near:
            return 1
        return 2

    def find(self, text: str, within: tuple[str, ...] = ()) -> list[Place]:
        """Every known place mentioned in ``text``, in order; the longest name wins an
        overlap. Names of a country folder made from the global list are looked for only
        when the text is about that country (``within``, or the text names it)."""
        folded = _fold(text)
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(folded)]
        lowered = [w.lower() for _, _, w in words]
        hits: list[tuple[int, int, list[Place]]] = [
            (start, stop, self._index[key])
            for start, stop, key in self._curated_names.hits(words, lowered)
            if not _common_word(self._index[key], folded[start:stop])
        ]
        named = tuple(
            dict.fromkeys(
                [*within, *(p.country for _, _, e in hits for p in e if p.kind == "country")]
            )
        )
        written = [w for _, _, w in words]
        for iso3 in named:
            names = self._written_names(iso3)
            if names is None:
                continue
            for start, stop, key in names.hits(words, written):
                hits.append((start, stop, self._written[iso3][key]))
        covered = [(start, stop) for start, stop, _ in hits]
        for iso3 in named or (self.default_country,):  # "Jisr al-Shughour" (``spellings``)
            hits += [  # named as the text spells it: the place as the source wrote it
                (start, stop, [replace(p, name=folded[start:stop]) for p in places])
                for start, stop, places in self._skeletons_of(iso3).hits(words, covered)
            ]
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        found: list[Place] = []
        end = -1
        for start, stop, entries in hits:
            if start < end:
                continue  # inside a longer name already found
            end = stop
            found.append(self._best(entries, within or named))
        return found

    def _best(self, entries: list[Place], within: tuple[str, ...]) -> Place:
        tier = min(self._tier(p, within) for p in entries)
        return _broadest([p for p in entries if self._tier(p, within) == tier])

    def resolve(self, text: str, within: tuple[str, ...] = ()) -> PlaceMatch:
        """Resolve place text to p-codes, a precision and a country; unmatched text says
        why. ``within``: the countries the text is about, most likely first. Remembered:
        a report names the same few places again and again."""
        key = (text, within)
        found = self._resolved.get(key)
        if found is None:
            if len(self._resolved) >= RESOLVED_KEPT:
                self._resolved.clear()
            found = self._resolved[key] = self._resolve(text, within)
        return found

    def _resolve(self, text: str, within: tuple[str, ...]) -> PlaceMatch:
        stripped = (text or "").strip()
        if not stripped:
            return PlaceMatch(text, "unknown", reason="no place given")
        exact = self.lookup(stripped, within)
        places = [self._best(exact, within)] if exact else self.find(stripped, within)
        if not places:
            return PlaceMatch(
                text,
                "unknown",
                reason=f"no governorate, district, town, region or country in the reference "
                f"matches '{stripped}'",
            )
        return self._combine(text, places, within)

    def read(self, text: str, places: list[Place], within: tuple[str, ...] = ()) -> PlaceMatch:
        """The places ``find`` found in ``text`` resolved together, read with the text's
        words (a country named after "from" is where people came from)."""
        return self._combine(text, places, within)

    def _combine(self, text: str, places: list[Place], within: tuple[str, ...]) -> PlaceMatch:
        names = tuple(dict.fromkeys(p.name for p in places))
        own = within[0] if within else self.default_country
        admin = [p for p in places if p.admin1_pcode]
        if not admin:
            best = min(places, key=lambda p: _KIND_RANK[p.kind])
            country = best.country or own
            if best.kind == "country":
                # "Iraq (arrivals from Syria)", "from Lebanon into Syria": a country named
                # after "from" is where people came from; the figure is about the other.
                # "returns from Lebanon" alone: about the report's own country.
                named = list(dict.fromkeys(p.country or own for p in places))
                origins = _origins(text, places)
                rest = [c for c in named if c not in origins]
                # "Lebanese returned home from Syria": the people's own country
                rest = rest or [c for c in countries().peoples(text) if c not in origins]
                country = rest[0] if rest else (own if own not in origins else None)
                if country is None:
                    return PlaceMatch(
                        text,
                        "unknown",
                        matched_names=names,
                        reason="names only where people came from, not where they are",
                    )
            reason = None
            if best.kind == "country" and country not in self.folders:
                reason = (
                    f"{countries().name(country)} has no place folder: kept as the country, "
                    "with no p-code"
                )
            return PlaceMatch(
                text, _PRECISION_OF_KIND[best.kind], country=country, matched_names=names,
                reason=reason,
            )  # fmt: skip
        lands = list(dict.fromkeys(p.country for p in admin))
        if len(lands) > 1:
            return PlaceMatch(
                text,
                "unknown",
                matched_names=names,
                reason="names places in several countries ("
                + ", ".join(self.country_name(c) for c in lands)
                + "): no one country's p-code is forced on the figure",
            )
        spanned = tuple(dict.fromkeys(p.admin1_pcode for p in admin))
        if len(spanned) > 1:
            return PlaceMatch(
                text,
                "multiple_admin1",
                admin1_pcodes_spanned=spanned,
                country=lands[0],
                matched_names=names,
            )
        best = min(admin, key=lambda p: _KIND_RANK[p.kind])
        return PlaceMatch(
            text,
            _PRECISION_OF_KIND[best.kind],
            admin1_pcode=best.admin1_pcode,
            admin2_pcode=best.admin2_pcode,
            country=lands[0],
            matched_names=names,
        )


_PRECISION_OF_KIND = {k: k for k in _KIND_RANK}


def _origins(text: str, places: list[Place]) -> set[str]:
    """Countries the text names right after "from" (where people came from)."""
    folded = normalise(text)
    return {
        p.country
        for p in places
        if p.kind == "country"
        and p.country
        and re.search(r"\bfrom\s+" + re.escape(normalise(p.name)) + r"\b", folded)
    }


_WORD = re.compile(r"\w+")


def _common_word(entries: list[Place], written: str) -> bool:
    """A country's name written short in capitals ("CAR", "UAE") found in lower case: a
    word ("a car"), not the country."""
    return all(p.kind == "country" and p.name.isupper() for p in entries) and not written.isupper()


def _broadest(entries: list[Place]) -> Place:
    # A name shared by a governorate and its district ("Hama") is read as the governorate:
    # the broader reading claims less than the text says.
    return max(entries, key=lambda p: _KIND_RANK[p.kind])


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer built from the shipped reference (read once per process)."""
    return Gazetteer.load(reference_dir())


def country_or_default(country: str | None) -> str:
    """The country asked for, else the deployment's default one."""
    return country or gazetteer().default_country
