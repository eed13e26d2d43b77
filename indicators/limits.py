"""Every bound on the work one input may cause, each a named setting with a default.

A setting is read from the environment as ``IMPACT_MONITOR_<NAME>`` (``IMPACT_MONITOR_MAX_COUNT
=100000000``), so a team that needs more sets it once for the server and the command line.
Each refusal is one sentence naming the limit and the setting that raises it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta

from indicators.errors import InputError


@dataclass(frozen=True)
class Limit:
    """One bound: its setting name, default and unit, and what it bounds."""

    name: str
    default: float
    unit: str
    what: str

    @property
    def env(self) -> str:
        return f"IMPACT_MONITOR_{self.name.upper()}"

    def value(self) -> float:
        """The setting's value: the environment's when set, else the default."""
        text = os.environ.get(self.env)
        if text is None or not text.strip():
            return self.default
        try:
            value = float(text)
        except ValueError:
            raise InputError(f"{self.env}='{text}' is not a number ({self.unit})") from None
        if not value > 0:
            raise InputError(f"{self.env}='{text}' must be above zero ({self.unit})")
        return value

    def bytes(self) -> int:
        """A size limit in bytes (its unit MB or KB)."""
        scale = {"MB": 2**20, "KB": 2**10}[self.unit]
        return int(self.value() * scale)

    def over(self, amount: float, *, subject: str) -> str:
        """The sentence refusing ``amount`` of ``subject``."""
        unit = f" {self.unit}" if self.unit else ""
        return (
            f"{subject}: {_number(amount)}{unit} is over the {_number(self.value())}{unit} "
            f"limit ({self.what}; the setting {self.env} raises it)"
        )


def _number(x: float) -> str:
    return f"{x:,.0f}" if x >= 10 else f"{x:.3g}"


MAX_FILE_MB = Limit("max_file_mb", 2048, "MB", "the largest table file read from disk")
MAX_UPLOAD_MB = Limit("max_upload_mb", 50, "MB", "the largest file sent through the dashboard")
MAX_INFLATED_MB = Limit(
    "max_inflated_mb", 1024, "MB", "the most an XLSX workbook may unpack to before it is read"
)
MAX_REPORT_KB = Limit("max_report_kb", 5120, "KB", "the longest report text")
MAX_CLAIMS_PER_REPORT = Limit(
    "max_claims_per_report", 2000, "claims", "the most figures one report may yield"
)
MAX_COUNT = Limit(
    "max_count", 50_000_000, "", "the largest count of people, beds or facilities a row may state"
)
MAX_PERIOD_DAYS = Limit(
    "max_period_days", 3660, "days", "the longest period a chart, table or address may ask for"
)
REQUEST_SECONDS = Limit(
    "request_seconds", 10, "seconds", "the longest a request may work (reading, extracting)"
)

ALL = (
    MAX_FILE_MB,
    MAX_UPLOAD_MB,
    MAX_INFLATED_MB,
    MAX_REPORT_KB,
    MAX_CLAIMS_PER_REPORT,
    MAX_COUNT,
    MAX_PERIOD_DAYS,
    REQUEST_SECONDS,
)

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters no text a person types carries (tab and line breaks are text). PostgreSQL
cannot store a NUL at all; SQLite would keep it and trip every reader after."""


def control_character(text: str | None, label: str) -> str | None:
    """The sentence refusing ``text`` when it holds a control character, else None."""
    found = CONTROL.search(text or "")
    if found is None:
        return None
    return f"{label} holds a control character (\\x{ord(found.group()):02x}); type it again"


FIRST_DAY = date(1900, 1, 1)
"""No figure is about a day before this one: an earlier date is a slip or a broken file."""


def last_day() -> date:
    """The latest day a figure may be about: tomorrow (a report filed across time zones)."""
    return date.today() + timedelta(days=1)


def outside_days(day: date, label: str) -> str | None:
    """The sentence refusing ``day`` when no figure can be about it, else None."""
    if FIRST_DAY <= day <= last_day():
        return None
    return (
        f"{label} {day.isoformat()} is outside the days figures are about "
        f"({FIRST_DAY} to {last_day()})"
    )


def longest_period(start: date, end: date) -> date:
    """``start``, moved later when the period from it to ``end`` is longer than the setting
    ``max_period_days`` allows (a chart of six centuries is not a chart anyone reads)."""
    days = int(MAX_PERIOD_DAYS.value())
    return max(start, end - timedelta(days=days - 1))


class Deadline:
    """The time a piece of work may take, checked where it loops: past it, the work stops
    with one sentence and nothing it did is kept (the caller writes only at the end)."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = REQUEST_SECONDS.value() if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def check(self, doing: str) -> None:
        """Raise :class:`InputError` when the time is up; ``doing`` says what was stopped."""
        if time.monotonic() > self.ends:
            raise InputError(
                f"{doing} took longer than {_number(self.seconds)} seconds and was stopped; "
                f"nothing was stored (the setting {REQUEST_SECONDS.env} allows more; the "
                "command line has no such limit)"
            )
