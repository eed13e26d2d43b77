"""Benchmark: a 10,000-row file of each built-in layout imports in under 10 s (issue 17).

The rows are SYNTHETIC (made here by code, ids starting ``SYNTH``, never shipped): WHO's
attacks on health care "Dashboard Report" export as XLSX and as CSV, and UCDP's events as
HDX publishes them (CSV with an HXL row, places by admin names). Each is imported with
``impact-monitor import FILE --no-default-data`` into a fresh SQLite store under
benchmarks/out/ (git-ignored), the layout recognised, as a person runs it.

    .venv/bin/python benchmarks/import_layouts.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from tests.test_mappings import UCDP_HEADER, UCDP_TAGS, WHO_HEADER, who_row  # noqa: E402

TARGET_S = 10.0
GOVERNORATES = ["Halab governorate", "Idlib governorate", "Hamah governorate", "Homs governorate"]


def who_rows(n: int, rng: random.Random) -> list[dict]:
    day0 = date(2020, 1, 1)
    return [
        who_row(
            f"SYNTH{i:06d}",
            f"{day0 + timedelta(days=rng.randint(0, 1800))} 10:00:00",
            **{"Total Death": str(rng.randint(0, 9)), "Total Injured": str(rng.randint(0, 30))},
        )
        for i in range(n)
    ]


def write_who(n: int, rng: random.Random) -> tuple[Path, Path]:
    rows = who_rows(n, rng)
    csv_path = OUT / f"synthetic-who-ssa-{n}.csv"
    with csv_path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, WHO_HEADER)
        writer.writeheader()
        writer.writerows(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dashboard Report")
    sheet.append(WHO_HEADER)
    for row in rows:
        sheet.append([row[h] for h in WHO_HEADER])
    xlsx_path = OUT / f"synthetic-who-ssa-{n}.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


def write_ucdp(n: int, rng: random.Random) -> Path:
    path = OUT / f"synthetic-ucdp-ged-{n}.csv"
    lines = [UCDP_HEADER, UCDP_TAGS]
    for i in range(n):
        start = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1800))
        low = rng.randint(0, 5)
        best = low + rng.randint(0, 3)
        high = best + rng.randint(0, 3)
        lines.append(
            f"SYNTH{i},r,2024,1,SYNTHETIC,a,b,x,SYNTHETIC,2,{rng.choice(GOVERNORATES)},,"
            f"35,37,Syria,SYR,Middle East,1,{start},{start},0,{best},{high},{low}"
        )
    path.write_text("\n".join(lines) + "\n")
    return path


def timed_import(path: Path) -> float:
    store = OUT / f"{path.stem}.sqlite"
    store.unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "impact-monitor"), "--database", f"sqlite:///{store}", "import", str(path),
         "--no-default-data"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{path.name}: import failed\n{done.stdout}\n{done.stderr}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(17)
    files = [*write_who(args.rows, rng), write_ucdp(args.rows, rng)]
    passed = True
    for path in files:
        took = timed_import(path)
        ok = took < TARGET_S
        passed &= ok
        print(
            f"{path.name}: {args.rows:,} synthetic rows imported in {took:.1f} s "
            f"(target < {TARGET_S:g} s) {'PASS' if ok else 'FAIL'}"
        )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
