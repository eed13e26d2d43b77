"""Where a figure belongs: the places a sentence names, resolved in the countries the report
is about, and for people on the move the place they moved from or to."""

from __future__ import annotations

import re
from dataclasses import replace

from indicators.catalogue_words import COUNTRY_NAMES, WENT_ABROAD
from indicators.places import PlaceMatch, gazetteer
from indicators.spellings import NOT_PLACES


def place_in(text: str, within: tuple[str, ...] = ()) -> PlaceMatch | None:
    """The place a text names (several named together resolved together), looked for in
    the countries ``within`` first; None when it names none."""
    places = gazetteer().find(text, within)
    if not places:
        return None
    specific = [p for p in places if p.kind != "country"]
    if specific:
        names = " and ".join(dict.fromkeys(p.name for p in specific))
        return gazetteer().resolve(names, within)
    # countries only, read with the sentence's words: "Syrians returned from Lebanon" is
    # Syria's, "crossed from Lebanon into Syria" too, and then named as that country
    found = gazetteer().read(text, places, within)
    if found.country is None or places[0].country in (None, found.country):
        return replace(found, text=places[0].name)  # "Lebanon", "across the country"
    return replace(found, text=gazetteer().country_name(found.country))


_LEADING_PLACE = re.compile(
    r"^(?:In|Across|Throughout|Within|Inside)\s+(?:the\s+)?"
    r"(?P<p>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?:\s+(?:camp|city|town|village|district"
    r"|area|region|county|province|state|governorate|oblast))?\s*,"
)
_NOT_A_PLACE = frozenset(
    {"may", "brief", "summary", "total", "general", "particular", "addition", "response", "short",
     "parallel", "contrast", "practice", "turn", "fact"}
) | NOT_PLACES  # fmt: skip
"""Words that open a sentence as a place would ("In brief,", "On Monday,"), and are none."""


def unknown_place(text: str) -> str | None:
    """A place the sentence opens with that no place list holds ("Across Darfur, ...",
    "In Rukban camp, ..."), as written; None when the sentence opens with none. The figure
    keeps the earlier sentence's place (reports go from an area to a place inside it more
    often than not), and its notes say which name it could not place."""
    m = _LEADING_PLACE.match(text)
    if m is None or m.group("p").split()[0].lower() in _NOT_A_PLACE:
        return None
    return m.group("p")


_PLACE_WORDS = (
    r"(?P<p>[A-Z][\w'’-]*(?:[\s-]+(?:(?:al|el|an|ar|as|ad|az|ash|ez|es)\b|[A-Z][\w'’-]*)){0,3})"
)
_PART_OF = r"(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern|-?(?:east|west)(?:ern)?)?\s+)?"
"""'from northern Hama', 'from south-eastern Idleb': a part of a place, which is that
place's. Lower case only: 'North Darfur' is a state's name, and 'rural Damascus' a
governorate's, which the place words read whole."""
_ORIGIN = re.compile(
    r"\b(?i:fled|flee(?:ing)?|from|left|leaving|escaped|escaping|out\s+of)\s+" + _PART_OF
    + _PLACE_WORDS
)  # fmt: skip
_DESTINATION = re.compile(
    r"\b(?:to|towards?|into|in|reached|reaching|entered|entering)\s+" + _PART_OF + _PLACE_WORDS
)
_TOWARDS = re.compile(
    r"\b(?:to|towards?|into|reached|reaching|entered|entering|(?:arrived|arriving|arrivals?"
    r"|now|relocated|moved)\s+(?:in|to|at))\s+" + _PART_OF + _PLACE_WORDS
)
"""Where people went, said with a word of motion ("towards Homs", "arrived in Tabqa", "are
now in Aleppo"); never a bare "in" ("fled the fighting in Hama" names no destination)."""
MOVED = {
    "displaced_new": (("fled from", _ORIGIN), ("went to", _DESTINATION)),
    "evacuated": (("were evacuated from", _ORIGIN), ("were taken to", _DESTINATION)),
    "left_for_abroad": (("left from", _ORIGIN),),
    "arrived_from_abroad": (("arrived in", _DESTINATION),),
    "returned": (("returned to", _DESTINATION),),
    "displaced_present": (("are now", _DESTINATION),),
}
"""For people on the move, the place a figure belongs to, read from the words around the
place names, first pattern first: where they fled from (else where they went), where they
arrived or returned, where they are now; each with the words its note says it in."""


def moved_place(
    text: str, indicator: str, within: tuple[str, ...]
) -> tuple[PlaceMatch, str] | None:
    """The place a displacement figure belongs to when the sentence says where people
    moved from or to ("fled Hama towards Homs": Hama; "arrivals in Iraq from Syria": Iraq),
    with how they moved there ("fled from"); None when it does not say, or says it of no
    known place."""
    for how, pattern in MOVED.get(indicator, ()):
        for m in pattern.finditer(text):
            found = place_in(m.group("p"), within)
            if found is not None and found.precision != "unknown":
                return _as_written(found, m.group("p")), how
    return None


_FLED_ABROAD = re.compile(
    r"\b(?:fled|flee(?:ing)?|left|leaving|escaped|escaping|crossed|crossing)\b[^.;]{0,60}?"
    r"\b(?:to|into|towards?|for)\s+(?:neighbouring\s+|the\s+)?"
    rf"(?P<country>{COUNTRY_NAMES})\b",
    re.IGNORECASE,
)
"""'fled to Türkiye', 'fled Syria into Lebanon', 'crossed into Chad': people who went to
another country, named after where they went."""


def route(text: str, within: tuple[str, ...]) -> tuple[PlaceMatch | None, PlaceMatch | None]:
    """Where people moved from and where they went, each when the text says it of a known
    place ("fled Hama towards Homs": Hama, Homs)."""
    origin = _first_place(_ORIGIN, text, within)
    destination = _first_place(_TOWARDS, text, within)
    if destination is not None and origin is not None and destination.text == origin.text:
        destination = None
    return origin, destination


def _first_place(pattern: re.Pattern[str], text: str, within) -> PlaceMatch | None:
    """The first known place the pattern finds, its text as the sentence writes it."""
    for m in pattern.finditer(text):
        found = place_in(m.group("p"), within)
        if found is not None and found.precision != "unknown":
            return _as_written(found, m.group("p"))
    return None


def _as_written(found: PlaceMatch, written: str) -> PlaceMatch:
    """The place as the sentence writes it ("El Fasher"), unless it is a country, which is
    named as the country ("Syrians returned from Lebanon": Syria)."""
    return found if found.precision == "country" else replace(found, text=written)


def went_abroad(text: str) -> bool:
    """People went abroad, no country named ("fled to neighbouring countries")."""
    return bool(_WENT_ABROAD.search(text))


_WENT_ABROAD = re.compile(WENT_ABROAD, re.IGNORECASE)


def across_border(text: str, within: tuple[str, ...]) -> tuple[str, PlaceMatch] | None:
    """A displacement that crossed a border: ('left_for_abroad', the country they left: the
    one named after 'fled', else the report's own) when they went to another country, or
    ('arrived_from_abroad', the report's country) when they came to the report's own; None
    when the sentence names no country they went to."""
    if went_abroad(text):  # "fled to neighbouring countries", "left the country"
        g = gazetteer()
        own = within[0] if within else g.default_country
        return "left_for_abroad", g.resolve(g.country_name(own), within)
    m = _FLED_ABROAD.search(text)
    if m is None:
        return _fled_a_country(text, within)
    g = gazetteer()
    went = g.resolve(m.group("country"), within)
    own = within[0] if within else g.default_country
    if went.country is None or went.precision != "country":
        return None
    if went.country == own:
        return "arrived_from_abroad", went
    moved = moved_place(text, "left_for_abroad", within)
    left = moved[0] if moved else None
    if left is None or left.country == went.country:
        left = g.resolve(g.country_name(own), within)
    return "left_for_abroad", left


def _fled_a_country(text: str, within: tuple[str, ...]) -> tuple[str, PlaceMatch] | None:
    """People who fled a country, no country named where they went: another country than
    the report's ("who had fled Lebanon are now in Aleppo"), they arrived from abroad, where
    they are (else the report's country); the report's own ("5,000 people have fled Sudan"),
    they left it."""
    origin, destination = route(text, within)
    if origin is None or origin.precision != "country" or origin.country is None:
        return None
    g = gazetteer()
    own = within[0] if within else g.default_country
    if origin.country == own:
        return "left_for_abroad", origin
    return "arrived_from_abroad", destination or g.resolve(g.country_name(own), within)


OWN_PLACE = re.compile(
    r"^\W*(?:[\w'-]+\s+){0,3}?(?:in|at|near|across|around)\s+" + _PART_OF + _PLACE_WORDS
)
"""The place named with a number, before the next one: '12 people in Hama, 8 in Idleb'."""
_MORE_PLACES = re.compile(r"\s*(?:,|and|&)\s*(?:the\s+)?[A-Z]")


def own_place(after: str, within: tuple[str, ...]) -> PlaceMatch | None:
    """The governorate, district or town named right after a number ("8 in Idleb"), or
    None: a country, or nothing known."""
    m = OWN_PLACE.match(after)
    if m is None or _MORE_PLACES.match(after, m.end()):
        return None  # "in Idlib and Aleppo": the figure is for both, as the sentence says
    found = place_in(m.group("p"), within)
    if found is None or found.precision in ("unknown", "country"):
        return None
    return found
