"""Benchmark: extract 1,000 SYNTHETIC reports of about 6,000 characters on one core.

Target (issue 3): under 30 s. The reports are made here from sentence templates with random
numbers, places and dates; they are labelled synthetic and never written to the project.

    .venv/bin/python benchmarks/extract_reports.py [--reports 1000] [--chars 6000]
"""

from __future__ import annotations

import argparse
import random
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=6000)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
