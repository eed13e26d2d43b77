"""Benchmark: extract 1,000 SYNTHETIC reports of about 6,000 characters on one core.

Targets: under 30 s (issue 3); within 10x a bare keyword-regex scan of the same texts, both
measured in this run (issue 16); and a long report's extraction linear in its length (1, 2
and 5 MB of text, issue 16). The reports are made here from sentence templates with random
numbers, places and dates; they are labelled synthetic and never written to the project.

    .venv/bin/python benchmarks/extract_reports.py [--reports 1000] [--chars 6000] [--long]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from indicators.extraction.extractor import extract  # noqa: E402

PLACES = [
    "Aleppo",
    "Idlib",
    "Hama",
    "Homs",
    "Saraqeb",
    "north-west Syria",
    "Tal Rifaat",
    "Maarat al-Numan",
    "Deir ez-Zor",
    "Raqqa",
    "Daraa",
    "Latakia",
    "Manbij",
]
TEMPLATES = [
    "SYNTHETIC. At least {n} civilians were killed in {place} on {weekday}, including {m} "
    "children.",
    "SYNTHETIC. Some {n} families have fled {place} since {day} November.",
    "SYNTHETIC. The death toll in {place} rose to {n}, a monitoring group said.",
    "SYNTHETIC. Between {n} and {n2} people were displaced from {place}.",
    "SYNTHETIC. {word} hospitals in {place} were put out of service by shelling.",
    "SYNTHETIC. Hospitals in {place} are overwhelmed by the wounded.",
    "SYNTHETIC. More than {n} people were injured in airstrikes near {place} in 2016.",
    "SYNTHETIC. Convoys of {m} trucks reached {place} after a 20-kilometre journey.",
    "SYNTHETIC. Nearly {n} people returned to {place} as of {day} December.",
    "SYNTHETIC. Aid agencies said the situation in {place} remained tense for a third day.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = ["Two", "Three", "Four", "Five", "Seven"]


def synthetic_report(rng: random.Random, chars: int) -> str:
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < chars:
        n = rng.randint(2, 90_000)
        sentences.append(
            rng.choice(TEMPLATES).format(
                n=f"{n:,}",
                n2=f"{n + rng.randint(1, 9_000):,}",
                m=rng.randint(1, 40),
                place=rng.choice(PLACES),
                weekday=rng.choice(WEEKDAYS),
                day=rng.randint(1, 28),
                word=rng.choice(WORDS),
            )
        )
        if rng.random() < 0.2:
            sentences.append("\n")
    return " ".join(sentences)


NUMBER = re.compile(r"\d[\d,.]*")
"""The least a figure reader does, a bare keyword-regex scan: every number, and every keyword
of the indicator catalogue (the extractor's own words, ``lexicon.VERBS``), each pattern run
once over the text."""


RATIO_TARGET = 10.0


def scan_seconds(reports: list[str], rounds: int = 5) -> float:
    """Median seconds of the bare keyword scan over every report."""
    from indicators.extraction.lexicon import VERBS

    patterns = [NUMBER, *(pattern for _, pattern in VERBS)]
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        sum(len(p.findall(text)) for text in reports for p in patterns)
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def long_reports(rng: random.Random) -> None:
    """One report of 1, 2 and 5 MB: seconds to extract each, and per MB (linear: alike)."""
    os.environ["IMPACT_MONITOR_MAX_CLAIMS_PER_REPORT"] = "10000000"  # a benchmark's own
    for mb in (1, 2, 5):
        text = synthetic_report(rng, mb * 2**20 - 2048)
        start = time.perf_counter()
        claims = len(extract(text, date(2024, 12, 15)))
        took = time.perf_counter() - start
        print(
            f"one synthetic report of {mb} MB: {claims:,} claims in {took:.1f} s "
            f"({took / mb:.1f} s a MB)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=6000)
    parser.add_argument("--long", action="store_true", help="also one report of 1, 2, 5 MB")
    args = parser.parse_args()
    rng = random.Random(11)
    reports = [synthetic_report(rng, args.chars) for _ in range(args.reports)]
    published = [date(2024, 12, 1) + timedelta(days=rng.randint(0, 30)) for _ in reports]
    extract(reports[0], published[0])  # load the gazetteer outside the timing
    start = time.perf_counter()
    claims = sum(len(extract(text, day)) for text, day in zip(reports, published, strict=True))
    took = time.perf_counter() - start
    size = sum(map(len, reports)) / len(reports)
    print(
        f"{len(reports):,} synthetic reports of {size:,.0f} characters on average: "
        f"{claims:,} claims in {took:.1f} s ({took / len(reports) * 1000:.1f} ms a report; "
        f"target < 30 s)"
    )
    scan = scan_seconds(reports)
    ratio = took / scan
    verdict = "PASS" if ratio <= RATIO_TARGET else "FAIL"
    print(
        f"a bare keyword-regex scan of the same texts: {scan:.2f} s; extraction {ratio:.1f}x "
        f"(target <= {RATIO_TARGET:g}x) {verdict}"
    )
    if args.long:
        long_reports(rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
