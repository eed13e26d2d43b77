"""Benchmark: 200 alert rules over 1,000,000 SYNTHETIC accepted claims, evaluated as of a day.

Target (issue 4): under 2 s. The claims are made here (labelled synthetic, never stored in
the project): bed occupancy, attacks on health care and deaths across 14 governorates and a
year of days. The time covers reconciling the series and evaluating every rule; reading the
claims from the store is timed apart.

    .venv/bin/python benchmarks/evaluate_rules.py [--claims 1000000] [--rules 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from indicators.alerts.evaluate import Evaluator  # noqa: E402
from indicators.alerts.rules import AlertRule, check  # noqa: E402
from indicators.places import gazetteer  # noqa: E402
from indicators.schemas import columns  # noqa: E402

AS_OF = date(2024, 12, 31)


def synthetic_claims(
    n: int, table: str, measure_column: str, measures: list[str], rng: np.random.Generator
) -> pd.DataFrame:
    codes = sorted(gazetteer().admin1_codes)
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 366, n), unit="D")
    value = rng.integers(0, 130, n).astype(float)
    frame = pd.DataFrame(
        {
            "claim_id": [f"synthetic-{table}-{i}" for i in range(n)],
            "source_id": "synthetic-benchmark",
            "admin1_pcode": rng.choice(codes, n),
            "admin2_pcode": pd.NA,
            "admin1_pcodes_spanned": pd.NA,
            "subset_of": pd.NA,
            "date_end": days,
            "count_kind": "new",
            "value_low": value,
            "value_best": value,
            "value_high": value + rng.integers(0, 10, n),
            "value_derived": False,
            measure_column: rng.choice(measures, n),
            "population_group": "all",
            "cause": pd.NA,
            "strain_level": pd.NA,
            "occupancy_pct": pd.NA,
            "facility_name": pd.NA,
        }
    )
    names = [c.name for c in columns(table)]
    return frame.reindex(columns=[*names, *[c for c in frame if c not in names]])


def synthetic_rules(count: int) -> list[AlertRule]:
    shapes = [
        ("bed_occupancy", "level", "latest", "admin1", 85, 100),
        ("attacks_on_health_care", "level", "sum", "admin1", 1, 3),
        ("attacks_on_health_care", "level", "sum", "all", 20, 60),
        ("killed", "level", "max", "admin1", 50, 100),
        ("killed", "rise", "sum", "all", 100, 300),
        ("bed_occupancy", "no_data", "latest", "admin1", 3, 7),
    ]
    out = []
    for i in range(count):
        indicator, condition, window, group_by, warning, critical = shapes[i % len(shapes)]
        out.append(
            check(
                AlertRule(
                    f"synthetic-{i}",
                    f"synthetic rule {i}",
                    indicator,
                    condition=condition,
                    window=window,
                    group_by=group_by,
                    window_days=3 + i % 12,
                    warning=warning + i % 7,
                    critical=critical + i % 7,
                )
            )
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5, help="runs (median)")
    args = parser.parse_args()
    rng = np.random.default_rng(5)
    third = args.claims // 3
    tables = {
        "hospital_strain": synthetic_claims(
            2 * third,
            "hospital_strain",
            "measure",
            ["bed_occupancy", "attacks_on_health_care"],
            rng,
        ),
        "casualties": synthetic_claims(
            args.claims - 2 * third, "casualties", "outcome", ["killed"], rng
        ),
        "displacement": synthetic_claims(0, "displacement", "category", ["new"], rng),
    }
    sources = pd.DataFrame(
        {
            "source_id": ["synthetic-benchmark"],
            "source_type": ["other"],
            "published": [pd.Timestamp("2024-12-31")],
        }
    )
    rules = synthetic_rules(args.rules)
    runs = []
    for _ in range(args.repeat):  # a fresh evaluator each time: nothing carried over
        start = time.perf_counter()
        evaluator = Evaluator(tables, sources)
        evaluator.prepare(rules)  # reconcile every series the rules read, once
        reconciled = time.perf_counter()
        states = evaluator.evaluate_all(rules, AS_OF)
        done = time.perf_counter()
        runs.append((reconciled - start, done - reconciled, done - start))
    firing = sum(s.firing for s in states)
    print(
        f"{args.rules} rules over {args.claims:,} synthetic claims as of {AS_OF}: "
        f"{len(states):,} states ({firing:,} firing)"
    )
    for name, i in (("reconciling the series", 0), ("evaluating the rules", 1), ("in all", 2)):
        times = [r[i] for r in runs]
        print(
            f"  {name}: median {statistics.median(times):.2f} s "
            f"({', '.join(f'{t:.2f}' for t in times)})"
        )
    print("  target: in all < 2 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
