"""Filters in the address bar: a copied link opens the same view.

``?from=2024-11-27&to=2024-12-10&admin1=SY02,SY07&admin2=&group=civilians&as_of=2024-12-05``
Values that cannot be read are dropped and named, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qs, urlencode

from indicators.limits import MAX_PERIOD_DAYS, longest_period, outside_days
from indicators.places import gazetteer
from indicators.trends import Filters
from indicators.vocab import POPULATION_GROUPS


@dataclass(frozen=True)
class View:
    """Filters plus the day the page is seen from, and anything in the address not understood."""

    filters: Filters
    as_of: date | None = None
    problems: tuple[str, ...] = field(default=())


def _day(text: str | None, label: str, problems: list[str]) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        problems.append(f"'{label}={text}' is not a date (YYYY-MM-DD); ignored")
        return None
    if wrong := outside_days(day, f"'{label}'"):
        problems.append(f"{wrong}; ignored")
        return None
    return day


def _codes(text: str | None, known, label: str, problems: list[str]) -> tuple[str, ...]:
    codes = [c.strip() for c in (text or "").split(",") if c.strip()]
    bad = [c for c in codes if c not in known]
    if bad:
        problems.append(f"unknown {label} {', '.join(bad)} (in the country shown); ignored")
    return tuple(c for c in codes if c in known)


def parse(params: dict[str, str] | str) -> View:
    """A View from a query string or the keyword arguments Dash Pages passes a layout."""
    if isinstance(params, str):
        params = {k: v[-1] for k, v in parse_qs(params.lstrip("?")).items()}
    problems: list[str] = []
    g = gazetteer()
    group = params.get("group") or None
    if group and group not in POPULATION_GROUPS:
        problems.append(f"unknown population group '{group}'; ignored")
        group = None
    start = _day(params.get("from"), "from", problems)
    end = _day(params.get("to"), "to", problems)
    if start and end and end < start:
        problems.append(f"'to' {end} is before 'from' {start}; both ignored")
        start = end = None
    if start and end and (shorter := longest_period(start, end)) != start:
        problems.append(
            f"the period {start} to {end} is longer than {MAX_PERIOD_DAYS.value():,.0f} days; "
            f"shown from {shorter}"
        )
        start = shorter
    country = (params.get("country") or "").strip().upper() or None
    if country and country not in g.folders:
        problems.append(f"no places are known for country '{country}'; ignored")
        country = None
    shown = country or g.default_country
    filters = Filters(
        date_from=start,
        date_to=end,
        admin1=_codes(params.get("admin1"), set(g.admin1_of(shown)), "governorate", problems),
        admin2=_codes(params.get("admin2"), set(g.admin2_of(shown)), "district", problems),
        group=group,
        country=country,
    )
    return View(filters, _day(params.get("as_of"), "as_of", problems), tuple(problems))


def search(
    date_from: str | None = None,
    date_to: str | None = None,
    admin1: list[str] | None = None,
    admin2: list[str] | None = None,
    group: str | None = None,
    as_of: str | None = None,
    country: str | None = None,
) -> str:
    """The query string for a view ('' when nothing is filtered)."""
    pairs = {
        "country": country or "",
        "from": (date_from or "")[:10],
        "to": (date_to or "")[:10],
        "admin1": ",".join(admin1 or []),
        "admin2": ",".join(admin2 or []),
        "group": group or "",
        "as_of": (as_of or "")[:10],
    }
    kept = {k: v for k, v in pairs.items() if v}
    return "?" + urlencode(kept, safe=",") if kept else ""
