"""Benchmark: a 10,000-row file of each built-in layout imports in under 10 s (issue 17).

The rows are SYNTHETIC (made here by code, ids starting ``SYNTH``, never shipped): WHO's
attacks on health care "Dashboard Report" export as XLSX and as CSV, UCDP's events as
HDX publishes them (CSV with an HXL row, places by admin names), Insecurity Insight's
incidents (XLSX with an HXL row, several claims a row, places by names) and HDX's conflict
events (CSV with an HXL row, three claims for every two rows, p-coded). A second run of
each file (every row unchanged) is timed too: the weekly re-import. Each is imported with
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

from tests.test_mapping_layouts import CE_LINES, II_HEADER, II_TAGS, ii_row  # noqa: E402
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


def write_ii(n: int, rng: random.Random) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Incident Data")
    sheet.append(II_HEADER)
    sheet.append(II_TAGS)
    places = [("Aleppo", "Aleppo"), ("Idleb", "Ariha"), ("Hama", "Hama"), ("Homs", "Tadmor")]
    for i in range(n):
        admin1, town = rng.choice(places)
        day = date(2020, 1, 1) + timedelta(days=rng.randint(0, 1800))
        row = ii_row(
            f"SYNTH{i}",
            day.isoformat(),
            "SYNTHETIC incident.",
            "SYR",
            admin1,
            town,
            rng.randint(0, 1),
            rng.randint(0, 2),
            rng.randint(0, 2),
            rng.randint(0, 4),
        )
        sheet.append([row[h] for h in II_HEADER])  # fmt: skip
    path = OUT / f"synthetic-insecurity-insight-{n}.xlsx"
    book.save(path)
    return path


def write_ce(n: int, rng: random.Random) -> Path:
    from indicators.places import gazetteer

    path = OUT / f"synthetic-conflict-events-{n}.csv"
    lines = CE_LINES[:2]
    districts = gazetteer().admin2_of("SYR")
    types = ["political_violence", "civilian_targeting", "demonstration"]
    for i in range(n):  # every district, then every type, then the next month: no repeats
        admin2 = districts[i % len(districts)]
        kind = types[(i // len(districts)) % 3]
        step = i // (len(districts) * 3)
        month = date(2000 + step // 12, 1 + step % 12, 1)  # SYNTHETIC months
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        lines.append(
            f"SYR,True,True,x,x,{admin2[:4]},x,{admin2},x,2,{kind},{rng.randint(1, 60)},"
            f"{rng.randint(0, 90)},{month},{end},SYNTHETIC,r,,"
        )
    path.write_text("\n".join(lines) + "\n")
    return path


def timed_import(path: Path, *, again: bool = False) -> float:
    store = OUT / f"{path.stem}.sqlite"
    if not again:
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
    files = [
        *write_who(args.rows, rng), write_ucdp(args.rows, rng), write_ii(args.rows, rng),
        write_ce(args.rows, rng),
    ]  # fmt: skip
    passed = True
    for path in files:
        for again in (False, True):
            took = timed_import(path, again=again)
            ok = took < TARGET_S
            passed &= ok
            print(
                f"{path.name}: {args.rows:,} synthetic rows "
                f"{'imported again (unchanged)' if again else 'imported'} in {took:.1f} s "
                f"(target < {TARGET_S:g} s) {'PASS' if ok else 'FAIL'}"
            )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
