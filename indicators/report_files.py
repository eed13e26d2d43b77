"""Reports as they come: the text of a web page or a PDF, ready for the extractor.

A web page's main text is taken with trafilatura (no menus, no cookie notices, no footers);
a PDF's text layer with pypdf, then repaired as text from a PDF needs: a word broken across
lines joined ("in-\\njured"), footnote markers glued to a word dropped ("Syria1"), the
lines every page repeats (a header, a footer, a page number) dropped. The text that comes out
is the text stored and quoted; the file's own bytes are hashed and the hash kept with it.

Files fall under the limits of uploads: their size, the text they may yield, the pages a
PDF may have, and the time (``Deadline``). A PDF without a text layer (a scan) is refused
with a sentence saying so: this tool reads no images.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from indicators.errors import InputError
from indicators.limits import MAX_REPORT_KB, MAX_UPLOAD_MB, Deadline

KINDS = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}
"""The report files read, by suffix."""
MAX_PDF_PAGES = 500
"""A report longer than this is a book, or a file built to make the reader work."""
_MIN_TEXT_PER_PAGE = 20  # characters: fewer on every page means no text layer


@dataclass(frozen=True)
class FileText:
    """What a report file holds once read: its text and what the file says of itself."""

    text: str
    kind: str  # text, html or pdf
    file_sha256: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None


def kind_of(name: str) -> str | None:
    """'html', 'pdf' or 'text' for a report file's name; None for a kind not read."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return KINDS.get(suffix)


def read_file(data: bytes, name: str, deadline: Deadline | None = None) -> FileText:
    """The text of a web page or PDF report file (``data``: the file's bytes)."""
    kind = kind_of(name)
    if kind not in ("html", "pdf"):
        raise InputError(f"{name}: not a web page or a PDF (.html, .htm, .pdf)")
    if len(data) > MAX_UPLOAD_MB.bytes():
        raise InputError(MAX_UPLOAD_MB.over(len(data) / 2**20, subject=name))
    deadline = deadline or Deadline()
    digest = hashlib.sha256(data).hexdigest()
    read = _html if kind == "html" else _pdf
    found = read(data, name, deadline)
    size = len(found.text.encode("utf-8"))
    if size > MAX_REPORT_KB.bytes():
        raise InputError(
            MAX_REPORT_KB.over(size / 2**10, subject=f"{name} (its text)") + "; is it a report?"
        )
    return FileText(found.text, kind, digest, found.title, found.published, found.publisher)


@dataclass(frozen=True)
class _Found:
    text: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None


def _html(data: bytes, name: str, deadline: Deadline) -> _Found:
    import trafilatura

    page = data.decode("utf-8", errors="replace")
    deadline.check(f"Reading {name}")
    text = trafilatura.extract(
        page,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        deduplicate=False,  # it remembers text across calls: a page read twice lost it
    )
    deadline.check(f"Reading {name}")
    if not text or len(text.strip()) < _MIN_TEXT_PER_PAGE:
        raise InputError(f"{name}: no article text found in the page (only menus or scripts?)")
    meta = trafilatura.extract_metadata(page)
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    return _Found(
        text.strip() + "\n",
        title=(meta.title or None) if meta is not None else None,
        published=published,
        publisher=(meta.sitename or None) if meta is not None else None,
    )


def _pdf(data: bytes, name: str, deadline: Deadline) -> _Found:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{name}: the PDF is encrypted; save it without a password first")
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as err:
        raise InputError(f"{name}: not a PDF that can be read ({err})") from err
    if pages > MAX_PDF_PAGES:
        raise InputError(f"{name}: {pages} pages, more than the {MAX_PDF_PAGES} a report may have")
    texts: list[str] = []
    budget = MAX_REPORT_KB.bytes()
    for number, page in enumerate(reader.pages, 1):
        deadline.check(f"Reading page {number} of {name}")
        try:
            texts.append(page.extract_text() or "")
        except Exception as err:  # pypdf raises many kinds of error on a broken page
            raise InputError(f"{name}: page {number} cannot be read ({err})") from err
        budget -= len(texts[-1])
        if budget < 0:
            raise InputError(MAX_REPORT_KB.over(MAX_REPORT_KB.value() + 1, subject=name))
    if sum(len(t.strip()) for t in texts) < _MIN_TEXT_PER_PAGE * max(1, pages):
        raise InputError(
            f"{name}: the PDF has no text layer (a scan or images of text?); this tool reads "
            "text, not images: use the PDF the publisher made, or paste the text"
        )
    info = reader.metadata
    title = str(info.title).strip() if info is not None and info.title else None
    return _Found(repair(texts), title=title or None)


_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.IGNORECASE)
_BROKEN_WORD = re.compile(r"(?<=[a-z])-[ \t]*\n[ \t]*(?=[a-z])")
_FOOTNOTE_ON_WORD = re.compile(r"(?<=[a-z]{3})\d{1,2}(?=[\s.,;:)]|$)", re.MULTILINE)
_FOOTNOTE_AFTER_STOP = re.compile(r"(?<=[a-z][.,;])\d{1,2}(?=\s|$)", re.MULTILINE)


def repair(pages: list[str]) -> str:
    """The text of a PDF's pages as one text a reader would recognise: the lines every page
    repeats (headers, footers) and page numbers dropped, words broken across lines joined,
    footnote markers glued to a word dropped."""
    lines_of = [[line.strip() for line in page.splitlines()] for page in pages]
    seen = Counter(line for lines in lines_of for line in set(lines) if line)
    repeated = (
        {line for line, n in seen.items() if n >= max(3, len(pages) // 2 + 1)}
        if len(pages) >= 3
        else set()
    )
    kept = [
        "\n".join(
            line for line in lines if line not in repeated and not _PAGE_NUMBER.match(line or "x")
        ).strip()
        for lines in lines_of
    ]
    text = "\n\n".join(page for page in kept if page)
    text = _BROKEN_WORD.sub("", text)
    text = _FOOTNOTE_ON_WORD.sub("", text)
    text = _FOOTNOTE_AFTER_STOP.sub("", text)
    return text.strip() + "\n"
