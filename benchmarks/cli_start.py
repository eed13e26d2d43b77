"""Benchmark: how long `impact-monitor --help` (and a verb's help) takes, beside a bare
Python start (`python -c pass`), run in turn so both meet the same machine.

Target (issue 9): `--help` imports no pandas, SQLAlchemy, Dash or plotly (a test checks the
imports); this reports the times side by side and their ratio.

    .venv/bin/python benchmarks/cli_start.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = str(Path(sys.executable).parent / "impact-monitor")


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "impact-monitor --help": [COMMAND, "--help"],
        "impact-monitor export --help": [COMMAND, "export", "--help"],
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for argv in cases.values():  # warm the file cache
        timed(argv)
    for _ in range(args.runs):
        for name, argv in cases.items():  # interleaved: the machine's drift hits all alike
            times[name].append(timed(argv))
    bare = statistics.median(times["python -c pass"])
    print(f"{args.runs} runs each, interleaved; median (min-max) seconds")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:30} {median:6.3f} ({min(values):.3f}-{max(values):.3f})"
            f"  {median / bare:5.1f}x a bare Python start"
        )


if __name__ == "__main__":
    main()
