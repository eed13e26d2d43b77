"""Periods: the dates a sentence names, resolved against the report's publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from indicators.extraction.numbers import parse_number

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_MONTH = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})"
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?P<y>\d{4}))?"
)
_WHEN = (
    rf"(?P<day_month>{_DAY_MONTH})|(?P<weekday>{'|'.join(_WEEKDAYS)})|(?P<yesterday>yesterday)"
    r"|(?P<today>today|this\s+morning|this\s+evening|tonight)"
)
_RANGE = (
    rf"(?:between\s+|from\s+)?(?P<r1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<rm1>{_MONTH}))?"
    r"\s*(?:and|to|until|-|–)\s*"
    rf"(?P<r2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<rm>{_MONTH})(?:,?\s+(?P<ry>\d{{4}}))?"
)
"""'between 3 and 4 May', 'from 1 to 5 December', '1-5 December', 'between 27 November and
3 December': the days from one to the other."""
_ORDINAL_WEEKS = {"first": 0, "second": 1, "third": 2, "fourth": 3}
_PHRASE = re.compile(
    r"(?<!\w)"  # where a word starts (a date's words are words): not tried at every letter
    rf"(?:\b(?P<range>{_RANGE})\b"
    rf"|\b(?P<nthweek>(?P<nth>first|second|third|fourth|last)\s+week)\s+of\s+"
    rf"(?P<wm>{_MONTH})(?:\s+(?P<wy>\d{{4}}))?\b"
    r"|\b(?P<this>(?:earlier\s+)?this\s+(?P<unit>week|month|year))\b"
    rf"|\b(?P<mrange>(?:between|from)\s+(?P<mr1>{_MONTH})\s+(?:and|to|until|through)\s+"
    rf"(?P<mr2>{_MONTH})(?:\s+(?P<mry>\d{{4}}))?)\b"
    rf"|\b(?P<endof>(?P<bylead>by\s+)?(?:the\s+)?end\s+of\s+(?P<em>{_MONTH})"
    r"(?:\s+(?P<ey>\d{4}))?)\b"
    r"|\b(?P<yearonly>(?P<ylead>in|during|throughout|since|for)\s+(?P<year>(?:19|20)\d\d))\b"
    r"(?![-–/]\d)"
    r"|\b(?P<ago>(?P<agon>\d{1,2}|a|one|two|three|four|five|six|seven|ten)\s+"
    r"(?P<agou>days?|weeks?)\s+ago)\b"
    r"|\b(?P<weekend>(?:(?:over|during|at)\s+the\s+(?:past\s+|last\s+)?|last\s+|this\s+)weekend)\b"
    r"|(?<![Tt]he\s)\b(?P<lastunit>last\s+(?P<lunit>month|year))\b(?!\s+of\b)"
    rf"|\b(?P<lead>since|as\s+of|as\s+at|on|by|until|from)?\s*(?:{_WHEN})\b"
    # "the last week of November" is November's, not the week before the report
    r"|\b(?P<lastweek>last\s+week|previous\s+week)\b(?!\s+of\b)"
    r"|\b(?P<pastdays>(?:the\s+)?(?:past|last)\s+(?:(?P<n>\d{1,2}|seven|ten|fourteen|thirty)"
    r"\s+days|week|two\s+weeks|fortnight|month|30\s+days))\b(?!\s+of\b)"
    r"|\b(?P<pasthours>(?:within\s+(?:the\s+)?(?:(?:past|last)\s+)?|(?:past|last)\s+)"
    r"(?P<hours>\d{1,3})\s+hours)\b"
    r"|\b(?P<startof>(?:since\s+)?the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+"
    r"(?P<sunit>year|month|week))\b"
    r"|\b(?:(?P<mlead>in|during|since|throughout|by|until)\s+)?"
    r"(?:(?P<part>early|mid|late)[\s-]+)?"
    rf"(?P<month_only>{_MONTH})(?:\s+(?P<month_year>\d{{4}}))?\b)",
    re.IGNORECASE,
)
_PART_DAY = {"early": 1, "mid": 15, "late": 21}
"""The day 'early', 'mid' and 'late' in a month start from."""
_SINCE_IT_BEGAN = re.compile(
    r"\bsince\s+(?:[\w'-]+\s+){0,4}?(?:began|started|erupted|broke\s+out|escalated"
    r"|intensified|resumed)\s*$",
    re.IGNORECASE,
)
"""'since fighting began on 10 May': the count runs from that day to the report."""
_SINCE_BEFORE = re.compile(r"\bsince\b(?:\W+\w+){0,5}\W*$", re.IGNORECASE)
"""'since' a few words before a month: the count runs from it to the report."""


@dataclass(frozen=True)
class Period:
    """When a figure holds: ``count_kind`` says how to read start and end."""

    start: date | None
    end: date | None
    precision: str
    count_kind: str  # new, cumulative (since start), stock (at end)
    text: str | None = None


def period(sentence: str, published: date | None) -> Period | None:
    """The period a sentence states, or None when it names no date."""
    for m in _PHRASE.finditer(sentence):
        resolved = _resolve(m, published)
        if resolved is not None:
            return resolved
    return None


def _resolve(m: re.Match[str], published: date | None) -> Period | None:
    text = m.group(0).strip()
    if published is None:
        return None
    if m.group("lastweek"):
        end = published - timedelta(days=published.weekday() + 1)
        return Period(end - timedelta(days=6), end, "week", "new", text)
    if m.group("range"):
        return _days_between(m, published, text)
    if m.group("nthweek"):
        return _week_of(m, published, text)
    if m.group("this"):  # "earlier this month": from its first day to the report
        unit = m.group("unit").lower()
        return Period(_first_day(unit, published), published, unit, "new", text)
    if m.group("pasthours"):  # "in the past 48 hours": the days they reach into
        days = max(1, -(-int(m.group("hours")) // 24))
        return Period(published - timedelta(days=days), published, "days", "new", text)
    if m.group("pastdays"):  # "in the past week": the days up to the report
        words = {"seven": 7, "ten": 10, "fourteen": 14, "thirty": 30}
        n = m.group("n")
        phrase = m.group("pastdays").lower()
        days = (
            (int(n) if n.isdigit() else words[n])
            if n
            else 14
            if "two" in phrase or "fortnight" in phrase
            else 30
            if "month" in phrase or "30" in phrase
            else 7
        )
        return Period(published - timedelta(days=days - 1), published, "days", "new", text)
    if m.group("startof"):  # "since the start of the year": from its first day
        unit = m.group("sunit").lower()
        return Period(_first_day(unit, published), published, unit, "cumulative", text)
    if m.group("month_only"):
        return _month(m, published, text)
    if m.group("mrange") or m.group("endof") or m.group("yearonly") or m.group("lastunit"):
        return _months(m, published, text)
    if m.group("ago"):  # "two days ago", "a week ago": that day
        n = m.group("agon").lower()
        days = int(parse_number(n) or 1)  # "a day ago": one
        day = published - timedelta(days=days * (7 if m.group("agou").startswith("week") else 1))
        return Period(day, day, "day", "new", text)
    if m.group("weekend"):  # the Saturday and Sunday the report is in or follows
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
        return Period(saturday, min(saturday + timedelta(days=1), published), "days", "new", text)
    day = _day(m, published)
    if day is None:
        return None
    lead = (m.group("lead") or "").lower().replace("  ", " ")
    if lead == "since" or lead == "from" or _SINCE_IT_BEGAN.search(m.string, 0, m.start()):
        return Period(day, published, "day", "cumulative", text)
    if lead.startswith("as"):
        return Period(day, day, "day", "stock", text)
    return Period(day, day, "day", "new", text)


_SUPERLATIVE = re.compile(
    r"\b(?:deadliest|worst|largest|biggest|highest|lowest|most|first\s+time|record|ever)\b"
    r"[^.;]*$",
    re.IGNORECASE,
)
"""'the deadliest earthquake since 1930': a comparison, not the figure's period."""


def _months(m: re.Match[str], published: date, text: str) -> Period | None:
    """Months and years named whole: 'between January and March 2024' (the first's first
    day to the last's last), 'by the end of November' (to its last day, a running total),
    'in 2023' (the year; 'since 2019' from its first day to the report), 'last month' and
    'last year' (the calendar month or year before the report's)."""
    if m.group("lastunit"):
        if m.group("lunit").lower() == "year":
            return Period(date(published.year - 1, 1, 1), date(published.year - 1, 12, 31),
                          "year", "new", text)  # fmt: skip
        last = published.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last, "month", "new", text)
    if m.group("yearonly"):
        year = int(m.group("year"))
        if year > published.year or _SUPERLATIVE.search(m.string, 0, m.start()):
            return None
        first = date(year, 1, 1)
        lead = m.group("ylead").lower()
        if lead == "since" or _SINCE_IT_BEGAN.search(m.string, 0, m.start()):
            return Period(first, published, "year", "cumulative", text)
        return Period(first, min(date(year, 12, 31), published), "year", "new", text)
    if m.group("endof"):
        end = _latest(m.group("em"), m.group("ey"), published, last_day=True)
        if end is None:
            return None
        kind = "cumulative" if m.group("bylead") else "stock"
        return Period(None if kind == "cumulative" else end, end, "month", kind, text)
    last = _latest(m.group("mr2"), m.group("mry"), published, last_day=True)
    if last is None:
        return None
    first = date(last.year, _MONTHS[m.group("mr1")[:3].lower()], 1)
    if first > last:
        first = first.replace(year=last.year - 1)
    return Period(first, min(last, published), "month", "new", text)


def _latest(name: str, year: str | None, published: date, *, last_day: bool) -> date | None:
    """The month called ``name`` (of ``year``, else the latest that starts before the
    report), as its first or last day; None when it starts after the report."""
    month = _MONTHS[name[:3].lower()]
    first = date(int(year) if year else published.year, month, 1)
    if not year and first > published:
        first = first.replace(year=first.year - 1)
    if first > published:
        return None
    return _month_end(first) if last_day else first


def _month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _first_day(unit: str, published: date) -> date:
    """The first day of the week (Monday), month or year the report is in."""
    if unit == "week":
        return published - timedelta(days=published.weekday())
    return published.replace(day=1) if unit == "month" else published.replace(month=1, day=1)


def _month(m: re.Match[str], published: date, text: str) -> Period | None:
    """'in March 2019', 'in March', 'since October', 'since mid-November': the month (from
    the part of it named) to its last day, or to the report since then. A month without a
    year is the latest one not after the report, and only after a word that makes it a
    date ("in", "since"...) and capitalised: 'may' alone is a verb."""
    name = m.group("month_only")
    if m.group("month_year"):
        year = int(m.group("month_year"))
    elif not m.group("mlead") or not name[0].isupper():
        return None
    else:
        year = published.year
    month = _MONTHS[name[:3].lower()]
    if not m.group("month_year") and month > published.month:
        year -= 1
    first = date(year, month, _PART_DAY.get((m.group("part") or "").lower(), 1))
    last = _month_end(first)
    if first > published:
        return None
    since = (m.group("mlead") or "").lower() == "since" or _SINCE_BEFORE.search(
        m.string[: m.start()]
    )
    if since:  # "since October", "killed since the siege tightened in May"
        return Period(first, published, "month", "cumulative", text)
    if (m.group("mlead") or "").lower() in ("by", "until"):  # as it stood at its end
        end = min(last, published)
        return Period(end, end, "month", "stock", text)
    return Period(first, min(last, published), "month", "new", text)


def _days_between(m: re.Match[str], published: date, text: str) -> Period | None:
    month = _MONTHS[m.group("rm")[:3].lower()]
    first_month = _MONTHS[m.group("rm1")[:3].lower()] if m.group("rm1") else month
    year = int(m.group("ry")) if m.group("ry") else published.year
    try:
        first = date(year if first_month <= month else year - 1, first_month, int(m.group("r1")))
        last = date(year, month, int(m.group("r2")))
    except ValueError:
        return None
    if not first < last:
        return None
    if not m.group("ry") and first > published:  # "28-30 December" read in January
        first, last = first.replace(year=year - 1), last.replace(year=year - 1)
    return Period(first, min(last, published), "days", "new", text)


def _week_of(m: re.Match[str], published: date, text: str) -> Period | None:
    """'the first week of December': its days 1-7 (the last week: its last seven)."""
    month = _MONTHS[m.group("wm")[:3].lower()]
    year = int(m.group("wy")) if m.group("wy") else published.year
    start = date(year, month, 1)
    if not m.group("wy") and start > published:
        start = start.replace(year=year - 1)
    month_end = _month_end(start)
    nth = m.group("nth").lower()
    first = (
        month_end - timedelta(days=6)
        if nth == "last"
        else start + timedelta(days=7 * _ORDINAL_WEEKS[nth])
    )
    if first > published:
        return None
    return Period(first, min(first + timedelta(days=6), published), "week", "new", text)


def _day(m: re.Match[str], published: date) -> date | None:
    if m.group("yesterday"):
        return published - timedelta(days=1)
    if m.group("today"):
        return published
    if m.group("weekday"):
        wanted = _WEEKDAYS.index(m.group("weekday").lower())
        return published - timedelta(days=(published.weekday() - wanted) % 7)
    if m.group("day_month"):
        day = int(m.group("d1") or m.group("d2"))
        month = _MONTHS[(m.group("m1") or m.group("m2"))[:3].lower()]
        year = int(m.group("y")) if m.group("y") else published.year
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if not m.group("y") and found > published:
            found = date(year - 1, month, day)  # "27 December" read in January
        return found
    return None


_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}(?:\s*\([\w\s]+\))?,\s+)?"
    r"(?P<when>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})\s*"
    r"(?:[-–—:(]|\()"
)


def dateline(text: str, published: date | None) -> date | None:
    """The day a dateline in the first lines gives ("Beirut, 14 October 2024 -"), the
    day its relative dates ("yesterday", "on Friday") count from; None without one, or one
    later than the publication day."""
    head = next(filter(None, map(_DATELINE.match, text[:400].splitlines()[:4])), None)
    if head is None:
        return None
    found = period(f"on {head.group('when')}", published or date.max)
    if found is None or found.end is None:
        return None
    if published is not None and found.end > published:
        return None
    return found.end
