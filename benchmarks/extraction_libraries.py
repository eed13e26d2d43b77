"""Benchmark: would a maintained library read reports better than the extractor's own code,
within the speed budget (issue 16, item 2)?

Each candidate takes the place of the project's own code at one seam, in this process only:

- ``text2num``: number words ("six thousand", "one million", "twenty-one") read by
  ``text_to_num.text2num`` instead of ``numbers._words_to_number``;
- ``pysbd``: sentence boundaries from ``pysbd.Segmenter`` (with character spans) instead of
  ``sentences.split``;
- ``dateparser``: where the own date reader finds no date in a sentence,
  ``dateparser.search.search_dates`` relative to the publication day;
- ``rapidfuzz``: a capitalised word or pair of words that names no known place matched to the
  closest place name of the countries the text is about (a capitalised word of six letters or
  more that does not start a sentence, ``fuzz.ratio`` >= 88, same first letter): spellings
  and transliterations ("Lattakia", "Kupyansk").

For each: the development set's score (``tests/gold/dev``, never tuned on: overall and for
the phenomena the library is about), the team's gold set's F1, and the time to extract the
SYNTHETIC reports of ``extract_reports`` (made by code, never shipped), as milliseconds a
report and as a ratio to the project's own code. A library is kept only if it raises the
scores within the budget of ``extract_reports`` (10x a bare keyword scan).

    .venv/bin/python benchmarks/extraction_libraries.py [--reports 300]

Needs the libraries: ``pip install text2num pysbd dateparser rapidfuzz`` (the ``bench``
extra installs them).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_reports import synthetic_report  # noqa: E402

from indicators.evaluation import evaluate  # noqa: E402
from indicators.extraction import dates, extractor, numbers, sentences  # noqa: E402
from indicators.extraction.extractor import extract  # noqa: E402
from indicators.places import Gazetteer, Place, gazetteer  # noqa: E402

DEV = ROOT / "tests" / "gold" / "dev"
TEAM = ROOT / "tests" / "gold"


@contextmanager
def own():
    yield


@contextmanager
def with_text2num():
    from text_to_num import text2num

    def words_to_number(text: str) -> float | None:
        words = text.replace("-", " ").strip()
        if words in ("dozen", "a dozen"):
            return 12.0
        try:
            return float(text2num(words, "en"))
        except ValueError:
            return None

    with mock.patch.object(numbers, "_words_to_number", words_to_number):
        yield


@contextmanager
def with_pysbd():
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> list[sentences.Sentence]:
        out: list[sentences.Sentence] = []
        for span in segmenter.segment(text):
            sentences._add(out, text, span.start, span.end)
        return out

    with mock.patch.object(extractor, "split", split):
        yield


@contextmanager
def with_dateparser():
    from dateparser.search import search_dates

    own_period = dates.period

    def period(sentence: str, published: date | None) -> dates.Period | None:
        found = own_period(sentence, published)
        if found is not None or published is None:
            return found
        hits = search_dates(
            sentence,
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": ["day", "month"],
            },
        )
        if not hits:
            return None
        text, when = hits[0]
        day = when.date()
        if day > published:
            return None
        return dates.Period(day, day, "day", "new", text)

    with mock.patch.object(extractor, "period", period):
        yield


_CAPITALISED = re.compile(r"(?<=[a-z,;] )[A-Z][a-z'\-]{5,}\b")
"""A capitalised word of six letters or more that does not start a sentence."""


@contextmanager
def with_rapidfuzz():
    from rapidfuzz import fuzz, process

    own_find = Gazetteer.find
    names_of: dict[str, list[str]] = {}

    def names(g: Gazetteer, iso3: str) -> list[str]:
        if iso3 not in names_of:
            names_of[iso3] = [
                k
                for k, places in g._index.items()
                if len(k) >= 6 and any(p.country == iso3 and p.kind != "country" for p in places)
            ]
        return names_of[iso3]

    def find(self: Gazetteer, text: str, within: tuple[str, ...] = ()) -> list[Place]:
        found = own_find(self, text, within)
        known = {p.name.lower() for p in found if p.name}
        countries = within or (self.default_country,)
        extra: list[Place] = []
        for m in _CAPITALISED.finditer(text):
            word = m.group(0).lower()
            if word in known or self._index.get(word):
                continue
            for iso3 in countries:
                hit = process.extractOne(
                    word,
                    [n for n in names(self, iso3) if n[0] == word[0]],
                    scorer=fuzz.ratio,
                    score_cutoff=88,
                )
                if hit:
                    extra.append(self._best(self._index[hit[0]], countries))
                    break
        return found + extra

    with mock.patch.object(Gazetteer, "find", find):
        yield


VARIANTS = {
    "own code (as shipped)": own,
    "text2num: number words": with_text2num,
    "pysbd: sentence boundaries": with_pysbd,
    "dateparser: where no date is read": with_dateparser,
    "rapidfuzz: names not found": with_rapidfuzz,
}
PHENOMENA = ("number_words", "dates", "places", "origin_destination", "pdf_web_text")


def extraction_seconds(reports: list[str], published: list[date]) -> float:
    start = time.perf_counter()
    for text, day in zip(reports, published, strict=True):
        extract(text, day)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(11)
    reports = [synthetic_report(rng, 6000) for _ in range(args.reports)]
    published = [date(2024, 12, 1) + timedelta(days=rng.randint(0, 30)) for _ in reports]
    gazetteer()
    extract(reports[0], published[0])
    base = None
    head = (
        f"{'variant':36} {'F1':>5} {'place':>5} {'date':>5} "
        + " ".join(f"{p[:12]:>12}" for p in PHENOMENA)
        + f" {'team F1':>7} {'ms/report':>9} {'time':>6}"
    )
    print(head)
    for name, variant in VARIANTS.items():
        with variant():
            dev = evaluate(DEV / "dev.csv", DEV / "reports")
            team = evaluate(TEAM / "gold.csv", TEAM / "reports")
            took = extraction_seconds(reports, published)
        base = base or took
        per = dev.per_phenomenon
        print(
            f"{name:36} {dev.overall['f1']:5.2f} {dev.place_accuracy:5.2f} "
            f"{dev.date_accuracy:5.2f} "
            + " ".join(f"{per.loc[p, 'f1']:12.2f}" for p in PHENOMENA)
            + f" {team.overall['f1']:7.2f} {took / len(reports) * 1000:9.2f} "
            f"{took / base:5.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
