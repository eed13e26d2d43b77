"""Report files: optional YAML front matter (title, publisher, url, published, language), then
the text, which is kept exactly as written so that every quote points into it by offset. A web
page (.html) or a PDF is read as the text taken from it (``report_files``): that text is the
report's, stored and quoted; the file's own hash is kept beside it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path

import yaml

from indicators.errors import InputError
from indicators.limits import CONTROL, MAX_REPORT_KB, Deadline
from indicators.report_files import kind_of, read_file

FRONT_MATTER_KEYS = ("title", "publisher", "url", "published", "language", "country")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)


@dataclass(frozen=True)
class Report:
    """A report's text and what is known of it."""

    name: str
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    country: str | None = None
    """ISO3 code of the country the report is about, when its front matter says."""
    file_sha256: str | None = None
    """SHA-256 of the file's bytes: the page or PDF the text was read from, or the text file."""
    file_kind: str = "text"
    """What the text was read from: text, html or pdf."""

    @cached_property
    def countries(self) -> tuple[str, ...]:
        """The countries the report is about, most likely first: the one its front matter
        names, then those its title and text name, in the order they first appear."""
        from indicators.countries import countries

        named = countries().mentioned(f"{self.title or ''}\n{self.text}")
        return tuple(dict.fromkeys([c for c in (self.country, *named) if c]))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def source_id(self) -> str:
        """Derived from the text alone: the same report ingested twice is one source."""
        return f"report-{self.sha256[:16]}"


def read_report(
    path: Path | str,
    *,
    name: str | None = None,
    deadline: Deadline | None = None,
    **overrides: object,
) -> Report:
    """Read a report file; options given here (not None) win over its front matter.
    ``name``: what the report is called in messages and the store (the file's name when
    not given; an upload is kept under a short name of its own, whatever the sender's)."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    if kind_of(name) in ("html", "pdf"):
        return _read_page_or_pdf(path, name, overrides, deadline)
    size = path.stat().st_size
    if size > MAX_REPORT_KB.bytes():
        raise InputError(MAX_REPORT_KB.over(size / 2**10, subject=name) + "; is it a report?")
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 text (byte {err.start})") from err
    if found := CONTROL.search(raw):
        line = raw.count("\n", 0, found.start()) + 1
        raise InputError(
            f"{name}: line {line} holds a control character (\\x{ord(found.group()):02x}) "
            "that text does not carry; is it a text file?"
        )
    raw = raw.removeprefix("\ufeff")  # a byte-order mark would hide the front matter
    meta: dict[str, object] = {}
    body = raw
    match = _FRONT.match(raw)
    if match:
        _no_aliases(match.group(1), name)
        try:
            loaded = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f"line {mark.line + 2}: " if mark is not None else ""
            problem = getattr(err, "problem", None) or str(err).splitlines()[0]
            raise InputError(
                f"{name}: the front matter is not valid YAML ({where}{problem})"
            ) from err
        if not isinstance(loaded, dict):
            raise InputError(f"{name}: the front matter must be 'key: value' lines")
        unknown = sorted(set(map(str, loaded)) - set(FRONT_MATTER_KEYS))
        if unknown:
            raise InputError(
                f"{name}: unknown front-matter key {', '.join(unknown)} "
                f"(expected {', '.join(FRONT_MATTER_KEYS)})"
            )
        meta = dict(loaded)
        for key, value in meta.items():
            if value is not None and not _plain_text(key, value):
                shown = f" ('{value}')" if isinstance(value, (int, float, date)) else ""
                raise InputError(
                    f"{name}: front matter '{key}' must be text, not {_kind(value)}{shown}; "
                    "quote it when it is meant as text"
                )
        body = raw[match.end() :]
    meta.update({k: v for k, v in overrides.items() if v is not None})
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
    return _with_details(Report(name=name, text=body, file_sha256=file_hash), meta)


def _with_details(report: Report, meta: dict[str, object]) -> Report:
    """The report with what is known of it (front matter, the file, the options), checked."""
    return replace(
        report,
        title=_text(meta.get("title")),
        publisher=_text(meta.get("publisher")),
        url=_text(meta.get("url")),
        published=_day(meta.get("published"), report.name),
        language=_text(meta.get("language")),
        country=_country(meta.get("country"), report.name),
    )


def _read_page_or_pdf(
    path: Path, name: str, overrides: dict[str, object], deadline: Deadline | None
) -> Report:
    """A web page or a PDF: the text taken from it (see ``report_files``), what the file says
    of itself (title, date, site) unless the options say otherwise."""
    from indicators.limits import MAX_UPLOAD_MB

    size = path.stat().st_size
    if size > MAX_UPLOAD_MB.bytes():
        raise InputError(MAX_UPLOAD_MB.over(size / 2**20, subject=name))
    found = read_file(path.read_bytes(), name, deadline)
    meta: dict[str, object] = {
        "title": found.title,
        "publisher": found.publisher,
        "published": found.published,
    }
    meta.update({k: v for k, v in overrides.items() if v is not None})
    report = Report(name, found.text, file_sha256=found.file_sha256, file_kind=found.kind)
    return _with_details(report, meta)


def _plain_text(key: str, value: object) -> bool:
    """Front matter holds text; a date is also right for ``published``."""
    return isinstance(value, str) or (key == "published" and isinstance(value, date))


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, date):
        return "a date"
    return "a list" if isinstance(value, list) else "a mapping"


def _country(value: object, name: str) -> str | None:
    from indicators.countries import countries

    text = _text(value)
    if text is None:
        return None
    found = countries().iso3(text)
    if found is None:
        raise InputError(f"{name}: country '{text}' is not a country name or ISO3 code")
    return found


def _no_aliases(text: str, name: str) -> None:
    """YAML anchors and aliases let a few hundred bytes stand for gigabytes ("billion
    laughs"): a report's front matter is a few plain keys, so any is refused."""
    try:
        tokens = list(yaml.scan(text))
    except yaml.YAMLError:
        return  # reported with its line when the front matter is read
    if any(isinstance(t, (yaml.AliasToken, yaml.AnchorToken)) for t in tokens):
        raise InputError(f"{name}: the front matter uses YAML anchors or aliases ('&', '*'); "
                         "write each value out")  # fmt: skip


def _text(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


def _day(value: object, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            f"{name}: published '{value}' is not a date in the form YYYY-MM-DD"
        ) from None
