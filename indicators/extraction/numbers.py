"""Finding the numbers a sentence states: digits, scale and number words, ranges, vague amounts.

Each :class:`Amount` keeps its span, its text as written, its qualifier and its low, best and
high values (domain notes, section 1). Numbers that are not counts of people or facilities
(years, dates, times, ages, durations, distances, percentages, money, road names) are left out
here; what a number counts is decided by the extractor from the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join(sorted([*_UNITS, *_SCALES, "dozen"], key=len, reverse=True))

VAGUE_RULES = {
    "dozens": (24, "dozens: at least two dozen (24); ACLED codes 'dozens' as 12"),
    "scores": (40, "scores: at least two score (40)"),
    "hundreds": (200, "hundreds: at least 200"),
    "thousands": (2_000, "thousands: at least 2,000"),
    "tens of thousands": (20_000, "tens of thousands: at least 20,000"),
    "hundreds of thousands": (200_000, "hundreds of thousands: at least 200,000"),
    "millions": (2_000_000, "millions: at least 2,000,000"),
    "a few dozen": (24, "a few dozen: at least two dozen (24)"),
    "several dozen": (36, "several dozen: at least three dozen (36)"),
    "a few hundred": (200, "a few hundred: at least 200"),
    "several hundred": (300, "several hundred: at least 300"),
    "a few thousand": (2_000, "a few thousand: at least 2,000"),
    "several thousand": (3_000, "several thousand: at least 3,000"),
    "a few hundred thousand": (200_000, "a few hundred thousand: at least 200,000"),
    "several hundred thousand": (300_000, "several hundred thousand: at least 300,000"),
}
"""How a vague amount is read: its lower bound and the rule, written down (domain notes, §1)."""

QUALIFIERS = [
    (
        "at_least",
        r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of",
    ),
    (
        "more_than",
        r"more\s+than|over|upwards\s+of|in\s+excess\s+of|well\s+over|a\s+good|above"
        r"|tops|topped|exceeds|exceeded|surpasses|surpassed|passes|passed",
    ),
    (
        "up_to",
        r"up\s+to|as\s+many\s+as|nearly|almost|just\s+under|close\s+to|fewer\s+than|"
        r"less\s+than|under",
    ),
    (
        "about",
        r"about|around|approximately|roughly|some|an\s+estimated|estimated|"
        r"an\s+approximate|approx\.?",
    ),
]
"""Hedges that bind to the number right after them ('nearly' and 'almost' read as up to)."""

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u202f\u00a0]\d{3})+(?![\d,.])|\d+(?:\.\d+)?"
_NUMBER_WORDS = rf"(?:a\s+)?(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*"
_WHO_AFTER = (
    r"(?=\s+(?:more\s+|other\s+|new\s+)?(?:people|persons|refugees|IDPs|children|civilians"
    r"|residents|individuals|migrants|returnees|displaced)\b)"
)
_SCALE_AFTER = (
    r"(?:\s*(?:million|mln|mn|thousand|billion|bn)\b"
    # "1.5m people", "4k refugees": glued to the number, and only before people ("500m of
    # the hospital" is a distance)
    r"|(?:m|k)" + _WHO_AFTER + r")?"
)
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "three quarters": 0.75}
_PART_OF_SCALE = re.compile(
    r"(?:a\s+|one\s+)?(?P<part>half|quarter|three[\s-]quarters)\s+(?:of\s+)?(?:a|one)\s+"
    r"(?P<scale>million|billion|thousand)"
    rf"|(?P<whole>{_NUMBER_WORDS}|\d+)\s+and\s+a\s+half\s+(?P<scale2>million|billion|thousand)",
    re.IGNORECASE,
)
"""A fraction of a scale ("half a million", "a quarter of a million") or a whole and a half
("one and a half million"): that amount, never the scale word alone ("a million")."""
_FRACTION_OF = (
    r"(?:a\s+|one\s+)?(?:half|quarter|three[\s-]quarters)\s+(?:of\s+)?(?:a|one)\s+"
    r"(?:million|billion|thousand)"
)
_AND_A_HALF = r"(?:\s+and\s+a\s+half\s+(?:million|billion|thousand))?"
# the same forms as _PART_OF_SCALE, tried after the common ones (it runs at every letter)
_ONE = rf"(?:(?:{_DIGITS}){_SCALE_AFTER}|\b{_NUMBER_WORDS}{_AND_A_HALF}\b|\b{_FRACTION_OF}\b)"
_VAGUE = (
    r"\b(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|dozens|scores|hundreds|thousands"
    r"|millions|(?:a\s+few|several)\s+(?:hundred\s+thousand|dozen|hundred|thousand))\b"
)
_QUALIFIER = "|".join(f"(?P<q_{name}>{pattern})" for name, pattern in QUALIFIERS)

_AMOUNT = re.compile(
    # only where a word starts: a number glued to a word or inside another is never a count
    # (see _is_not_a_count), and the pattern's many alternatives are not tried at every letter
    r"(?<![\w.,])"
    rf"(?:\b(?:{_QUALIFIER})\s+)?"
    rf"(?:(?P<between>between\s+)(?P<lo>{_ONE})\s+and\s+(?P<hi>{_ONE})"
    rf"|(?P<from>(?:{_DIGITS}){_SCALE_AFTER})\s*(?:-|–|—)\s*(?P<to>(?:{_DIGITS}){_SCALE_AFTER})"
    rf"|(?P<from_w>{_ONE})\s+to\s+(?P<to_w>{_ONE})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<one>{_ONE}))",
    re.IGNORECASE,
)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_NOT_AFTER = re.compile(
    r"^(?:\s*(?:%|percent|per\s+cent|percentage|km|kilomet|kilometr|mile|metre|meter|"
    r"kg|tonne|ton|litre|liter|year|-year|month|week|day|hour|minute|second|night|time|"
    r"am\b|pm\b|a\.m|p\.m|o'clock|gmt|hrs|dollar|usd|euro|eur\b|pound|syp|lira|"
    r"air\s*strike|airstrike|strike|raid|shell|rocket|missile|bomb|barrel|round|"
    # whole words: "villagers", "households", "schoolchildren", "townspeople" are people
    r"villages?\b|towns?\b|truck|vehicle|convoy|lorr|building|houses?\b|homes?\b|schools?\b|"
    r"countr|province|"
    r"governorate|district|point|page|km/h|st\b|nd\b|rd\b|th\b|-pronged|-fold|fold\b|"
    r"-storey|storey|floor|shot|bullet|mortar|drone|aircraft|plane|jet|tank|member\s+states))",
    re.IGNORECASE,
)
_PER_CENT = re.compile(r"^\s*(?:%|percent|per\s*cent)", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*{_MONTHS}\b", re.IGNORECASE)
_NOT_BEFORE = re.compile(
    rf"(?:\$|€|£|usd\s*|eur\s*|syp\s*|\baged?\s+|\bage\s+of\s+|\bpage\s+|\bno\.\s*|"
    rf"\b[A-Z]-|\b[A-Z]{{1,2}}|\bsince\s+|\buntil\s+|\bby\s+|\bfrom\s+|"
    rf"\b(?:one|out|each|part|none|most|all|some|half|age|aged|years?)\s+of\s+|"
    rf"(?<!result\s)(?<!results\s)(?<!resulted\s)(?<!resulting\s)\bin\s+|"
    rf"{_MONTHS}\s+|\bresolution\s+|\bcovid-|\barticle\s+|\bflash\s+update\s+(?:no\.?\s*)?|"
    rf"\bupdate\s+|\bround\s+|\bphase\s+|#|\bmembers\s+of\s+|"
    # "no one was hurt", "not one person": no one at all
    rf"\bno\s+|\bnot\s+)$",
    re.IGNORECASE,
)


_RESTATED = re.compile(
    r"(?:\b(?:earlier|previously|initially|first|originally)\s+(?:\w+\s+){0,2}?"
    r"(?:reported|said|put|gave|given|estimated|counted|recorded|cited)\s+(?:\w+\s+){0,3}?"
    r"|\b(?:up|down|rising|risen|rose|fell|falling)\s+from\s+"
    r"|\bcompared\s+(?:with|to)\s+|\bprevious(?:ly)?\s+(?:\w+\s+){0,2}?(?:of\s+)?"
    r"|\bfrom\s+(?:a\s+)?(?:previous|earlier)\s+(?:\w+\s+){0,2}?(?:of\s+)?"
    # "had said on Friday that 150", "had reported 40": a report before this one
    r"|\bhad\s+(?:earlier\s+|previously\s+)?(?:said|reported|put|given|estimated|counted"
    r"|recorded|announced)\b[^.;:]{0,40}?"
    # "Previously, 40 deaths", "in its previous update, OCHA reported 30,000"
    r"|\b(?:previously|initially)\s*,\s*"
    r"|\b(?:previous|last|earlier)\s+(?:update|report|sitrep|bulletin|statement|briefing)"
    r"\b[^.;:]{0,40}?"
    r")$",
    re.IGNORECASE,
)
"""Words that make a number an earlier figure restated ("had earlier reported around 150",
"up from 250", "compared with 80"): not the figure the report gives now."""
_RATIO = re.compile(
    r"^\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d|one\b|two\b|three\b|four\b|"
    r"five\b|six\b|seven\b|eight\b|nine\b|ten\b|a\s+hundred\b)",
    re.IGNORECASE,
)
_RATIO_SECOND = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+"
    r"(?:every\s+)?$",
    re.IGNORECASE,
)
"""A share written as a ratio ("one in four children", "3 out of 10"): not a count."""
_DEMONYM = r"(?-i:[A-Z][a-z]+(?:ians|ans|ese|is|ites|ks|ds|bs|ze))"
"""People named by where they are from ("Syrians", "Lebanese", "Iraqis", "Kurds", "Druze"):
never a thing's adjective."""
_THINGS = re.compile(
    r"^\s*(?:(?!(?:people|persons|individuals|families|households|civilians|children|women"
    r"|men|refugees|residents|idps|displaced|were|was|are|is|have|had|in|at|to|from|left|fled"
    r"|into|across|who|and|of|returned|returning|went|came|moved|crossed|arrived"
    r"|as|after|amid|while|when|since|during|despite|following|on|for|with|by|over|"
    + _DEMONYM
    + r")\b)[\w-]+\s+){0,2}?(?:collective\s+)?"
    r"(?:centres?|centers?|shelters?|sites?|camps?"
    r"|tents?|beds?|kits?|meals?|litres?|liters?|tons?|tonnes?|trucks?|schools?|classrooms?"
    r"|buildings?|houses?|homes?|shops?|bridges?|wells?|boreholes?|latrines?|generators?"
    r"|locations?|communities|settlements?|neighbou?rhoods?|areas?|hectares?|acres?"
    r"|livestock|cattle|goats?|sheep|boats?|vehicles?|ambulances?|crossings?|border\s+points?"
    r"|checkpoints?|incidents?\s+of\s+(?:looting|shelling)|airstrikes?|strikes?|attacks?"
    r"(?!\s+(?:on|against)\s+(?:health|medical|hospital))|organi[sz]ations?|partners?"
    r"|agencies|projects?|doses?|vaccines?|cases?\s+of\s+(?:cholera|measles)|pages?"
    r"|editions?|reports?|flights?|convoys?|missions?)\b",
    re.IGNORECASE,
)
"""Counts of places and things ("140 collective centres", "30 trucks"), never of people
(unless the catalogue names them: "4 hospitals were damaged")."""


@dataclass(frozen=True)
class Amount:
    """A number as a sentence states it."""

    start: int
    end: int
    text: str
    qualifier: str  # exact, at_least, more_than, about, up_to, range, vague
    low: float | None
    best: float | None
    high: float | None
    rule: str | None = None  # how a vague amount was read


def amounts(sentence: str, counted: re.Pattern[str] | None = None) -> list[Amount]:
    """Every count the sentence states, left to right, with hedges bound to their number.

    ``counted`` matches the words after a number that make it a count whatever the usual
    exclusions say (the subjects of the indicator catalogue: "4 schools were damaged").
    """
    found = []
    for m in _AMOUNT.finditer(sentence):
        amount = _read(m)
        if amount is not None and m.group("to_w") and _CHANGED.search(sentence, 0, m.start()):
            # "rose from 20,000 to 48,500": the figure now, not a range
            value = amount.high
            amount = Amount(m.start("to_w"), m.end(), m.group("to_w"), "exact", value, value,
                            value, "the figure it changed to")  # fmt: skip
            found.append(amount)
            continue
        if amount is None or _is_not_a_count(sentence, m, amount, counted):
            continue
        found.append(amount)
    return found


RISEN = r"(?:rose|risen|rising|increased|climbed|jumped|grew|went\s+up)"
"""The words of a figure that went up (the extractor reads "rose to" with them too)."""
_CHANGED = re.compile(
    rf"\b(?:{RISEN}|fell|dropped|decreased|declined|went\s+down)\s+from\s+$", re.IGNORECASE
)


def _read(m: re.Match[str]) -> Amount | None:
    hedge = next(
        (name[2:] for name, value in m.groupdict().items() if name.startswith("q_") and value), None
    )
    text = m.group(0)
    if m.group("vague"):
        low, rule = VAGUE_RULES[re.sub(r"\s+", " ", m.group("vague").lower())]
        return Amount(m.start(), m.end(), text, "vague", float(low), None, None, rule)
    if m.group("lo") or m.group("from") or m.group("from_w"):
        lo = parse_number(m.group("lo") or m.group("from") or m.group("from_w"))
        hi = parse_number(m.group("hi") or m.group("to") or m.group("to_w"))
        if lo is None or hi is None:
            return None
        if m.group("from") and not m.group("between"):
            # "2024-11-30" style or "10-12" ages are excluded by the callers' checks; a scale
            # word on the high end carries over: "60-80 thousand".
            lo = _carry_scale(m.group("from"), m.group("to"), lo)
        if not lo < hi:
            return None
        return Amount(m.start(), m.end(), text, "range", lo, None, hi)
    value = parse_number(m.group("one"))
    if value is None:
        return None
    qualifier = hedge or "exact"
    end = m.end()
    if qualifier == "exact" and m.string.startswith("+", end):
        qualifier, end, text = "more_than", end + 1, text + "+"  # "1,000+ injured"
    return Amount(m.start(), end, text, qualifier, *bounds(qualifier, value))


def bounds(
    qualifier: str, value: float, high: float | None = None
) -> tuple[float | None, float | None, float | None]:
    """Low, best and high for a stated value and its qualifier (domain notes, section 1):
    "at least 20" is low = best = 20 with no high; "up to" has no low; "about" only a best;
    a range its two ends and no best."""
    if qualifier == "exact":
        return value, value, value
    if qualifier in ("at_least", "more_than"):
        return value, value, None
    if qualifier == "up_to":
        return None, value, value
    if qualifier == "about":
        return None, value, None
    if qualifier == "range":
        return value, None, high
    raise ValueError(f"unknown qualifier {qualifier}")


def _carry_scale(low_text: str, high_text: str, low: float) -> float:
    scale = re.search(r"(million|thousand|billion)\s*$", high_text, re.IGNORECASE)
    if scale and not re.search(r"[a-z]", low_text, re.IGNORECASE):
        return low * _SCALES[scale.group(1).lower()]
    return low


def parse_number(text: str) -> float | None:
    """A number written in digits (with separators or a scale word) or in words."""
    text = text.strip().lower()
    part = _PART_OF_SCALE.fullmatch(text)
    if part:
        if part.group("part"):
            share = _FRACTIONS[re.sub(r"[\s-]+", " ", part.group("part"))]
            return share * _SCALES[part.group("scale")]
        whole = parse_number(part.group("whole"))
        return None if whole is None else (whole + 0.5) * _SCALES[part.group("scale2")]
    digits = _DIGITS_SCALED.fullmatch(text)
    if digits:
        raw = _SEPARATORS.sub("", digits.group(1))
        if _DOTTED_THOUSANDS.fullmatch(raw) and not digits.group(2):
            raw = raw.replace(".", "")  # 14.000: a dot between thousands, as in much of Europe
        value = float(raw)
        scale = digits.group(2)
        if scale:
            value *= _SCALES[_SCALE_WORDS.get(scale, scale)]
        return value
    return _words_to_number(text)


def _words_to_number(text: str) -> float | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w not in ("and", "a")]
    if not words:
        return None
    if words == ["dozen"]:
        return 12.0
    total, current = 0, 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("thousand", "million", "billion"):
            total += max(current, 1) * _SCALES[word]
            current = 0
        elif word == "dozen":
            current = max(current, 1) * 12
        else:
            return None
    return float(total + current)


_SIZE = re.compile(r"^-(?:bed|room|storey|floor|year|km|kilomet|metre|day|hour|month)")
_CODE_AFTER = re.compile(r"^[-–/:.]\d")
_CODE_BEFORE = re.compile(r"\d[-–/:.]$")
_LETTER_AFTER = re.compile(r"^[A-Za-z]")
_LETTER_BEFORE = re.compile(r"[A-Za-z]$")
_YEAR = re.compile(r"(1[89]|20)\d\d")
_SHARE_AFTER = re.compile(r"^\s+(?:of|another|side|day)\b", re.IGNORECASE)
_DIGITS_SCALED = re.compile(rf"({_DIGITS})\s*(million|mln|mn|m|thousand|k|billion|bn)?")
_SCALE_WORDS = {"mln": "million", "mn": "million", "m": "million", "k": "thousand",
                "bn": "billion"}  # fmt: skip
_SEPARATORS = re.compile(r"[,\s\u202f\u00a0]")
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _is_not_a_count(
    sentence: str, m: re.Match[str], amount: Amount, counted: re.Pattern[str] | None = None
) -> bool:
    core_start = m.start("one") if m.group("one") else m.start()
    before = sentence[max(0, core_start - 30) : core_start]
    after = sentence[m.end() : m.end() + 30]
    named = counted is not None and counted.match(sentence[m.end() : m.end() + 80])
    if _PER_CENT.match(after):
        return True  # a share, whatever it is of ("60% of the hospitals")
    if (_NOT_AFTER.match(after) and not named) or _MONTH_AFTER.match(after):
        return True
    if _NOT_BEFORE.search(before):
        return True
    if _RESTATED.search(sentence[max(0, m.start() - 60) : m.start()]):
        return True
    if _RATIO.match(after) or _RATIO_SECOND.search(before):
        return True
    if _THINGS.match(sentence[m.end() : m.end() + 60]) and not named:
        return True
    if _SIZE.match(after):
        return True  # "a 50-bed hospital": a size
    if _CODE_AFTER.match(after) or _CODE_BEFORE.search(before):
        return True  # part of a date, a time or a code (2024-11-30, 10:30, M-5)
    if _LETTER_AFTER.match(after):
        return True  # glued to a word: a footnote marker or a code (Syrians1, 3rd)
    if _LETTER_BEFORE.search(before) and not before.endswith(" "):
        return True
    one = m.group("one")
    if one and _YEAR.fullmatch(one.strip()):
        return True  # a year
    if one and amount.best is not None and amount.best < 1:
        return True
    # "one of the hospitals", "a dozen of them": a pronoun or a share, not a count.
    return bool(one and _SHARE_AFTER.match(after) and one.strip().lower() in ("one", "a dozen"))
