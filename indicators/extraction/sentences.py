"""Splitting report text into sentences that keep their character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = (
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Gen",
    "Col",
    "Lt",
    "St",
    "No",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "U.N",
    "U.S",
    "approx",
    "est",
    "e.g",
    "i.e",
    "etc",
    "vs",
)
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9\u0600-\u06FF])"
    r"|(?=[ \t]*\n)(?<![a-z]-)(?<!,)"  # a line break first: the look-backs only there
    r"(?<!\bin)(?<!\bof)(?<!\bthe)(?<!\band)(?<!\bto)(?<!\bat)(?<!\bon)(?<!\bby)"
    r"(?<!\bfor)(?<!\bwith)(?<!\bfrom)(?<!\ba)(?<!\ban)(?<!\bas)(?<!\bor)"
    r"[ \t]*\n(?![ \t]*[a-z(])\n*|\n{2,}"
)
"""A sentence ends at ., ! or ? before a capital, and at a line break, except where a line
is cut inside a sentence, as text from a PDF or a web page is: after a hyphen, a comma or a
word that cannot end one ("in", "of", "the"...), before a lower-case word (a blank line always
ends one)."""


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it stands in the text (``text[start:end] == sentence.text``)."""

    text: str
    start: int
    end: int


def split(text: str) -> list[Sentence]:
    """Sentences of ``text``: split at ., ! or ? before a capital, and at line breaks that
    end a line of their own (see ``_BOUNDARY``)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[start : match.start()]
        if _ends_with_abbreviation(before):
            continue
        _add(sentences, text, start, match.start())
        start = match.end()
    _add(sentences, text, start, len(text))
    return sentences


def _ends_with_abbreviation(chunk: str) -> bool:
    words = chunk.rstrip(".").rsplit(None, 1)
    return bool(words) and words[-1] in _ABBREVIATIONS


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(text[start:end], start, end))


_BROKEN_WORD = re.compile(r"(?<=[a-z])-\s*\n\s*(?=[a-z])")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_FOOTNOTE_ON_WORD = re.compile(r"(?<=[a-z]{3})\d{1,2}(?=[\s.,;:)]|$)")
_FOOTNOTE_AFTER_STOP = re.compile(r"(?<=[a-z][.,;])\d{1,2}(?=\s|$)")


def tidy(text: str) -> str:
    """A sentence as it is read, as text from a PDF or a web page comes: a word broken
    across lines joined ("in-\\njured"), line breaks as spaces, footnote markers glued to a
    word dropped ("Syria1", "killed.2"). Quotes keep the text as written."""
    text = _BROKEN_WORD.sub("", text)
    text = _LINE_BREAK.sub(" ", text)
    text = _FOOTNOTE_ON_WORD.sub("", text)
    return _FOOTNOTE_AFTER_STOP.sub("", text)
