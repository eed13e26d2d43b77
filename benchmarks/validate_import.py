"""Benchmark: validate and import a SYNTHETIC 1,000,000-row casualties table.

Times ``impact-monitor validate`` beside ``frictionless validate`` (given an equivalent Table
Schema: types, required columns, allowed values, minimums) on the same file, and
``impact-monitor import`` of that file into a new SQLite store. Targets (issue 2): validation
at least 20x faster than frictionless; the import under 60 s.

Every row it makes is synthetic: source ``synthetic-benchmark``, ids ``synthetic-...``, notes
``SYNTHETIC``. Nothing it writes is shipped; output goes to benchmarks/out/ (git-ignored).

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/validate_import.py [--rows 1000000] [--skip-frictionless]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent

sys.path.insert(0, str(ROOT))
from indicators.places import gazetteer  # noqa: E402
from indicators.schemas import columns  # noqa: E402


def synthetic_casualties(rows: int, seed: int = 7) -> pd.DataFrame:
    """Rows that pass every rule, drawn at random; labelled synthetic in id, source and notes."""
    rng = np.random.default_rng(seed)
    districts = pd.Series(gazetteer().admin2_parent)
    pick = rng.integers(0, len(districts), rows)
    start = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 330, rows), unit="D")
    length = pd.to_timedelta(rng.integers(0, 7, rows), unit="D")
    value = rng.integers(0, 500, rows).astype(float)
    qualifier = rng.choice(["exact", "at_least", "about"], rows)
    low = np.where(qualifier == "about", np.nan, value)
    high = np.where(qualifier == "exact", value, np.nan)
    return pd.DataFrame(
        {
            "claim_id": [f"synthetic-{i:07d}" for i in range(rows)],
            "source_id": "synthetic-benchmark",
            "method": "import",
            "review_status": "accepted",
            "location_text": "synthetic place",
            "admin1_pcode": districts.to_numpy()[pick],
            "admin2_pcode": districts.index.to_numpy()[pick],
            "place_precision": "admin2",
            "date_start": start.strftime("%Y-%m-%d"),
            "date_end": (start + length).strftime("%Y-%m-%d"),
            "date_precision": "days",
            "qualifier": qualifier,
            "value_low": low,
            "value_best": value,
            "value_high": high,
            "unit": "people",
            "count_kind": "new",
            "outcome": rng.choice(["killed", "injured", "missing"], rows),
            "population_group": rng.choice(["all", "civilians", "children", "women"], rows),
            "notes": "SYNTHETIC benchmark row, not a real figure",
        }
    )


def write_synthetic_files(rows: int) -> tuple[Path, Path]:
    """The synthetic casualties CSV (the table's columns, in its order) and the one
    synthetic source it cites, under benchmarks/out/."""
    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / f"synthetic-casualties-{rows}.csv"
    frame = synthetic_casualties(rows)
    frame[[c.name for c in columns("casualties") if c.name in frame]].to_csv(data, index=False)
    sources = OUT / "synthetic-sources.csv"
    pd.DataFrame(
        [
            {
                "source_id": "synthetic-benchmark",
                "publisher": "SYNTHETIC benchmark",
                "source_type": "other",
                "notes": "synthetic rows for benchmarks",
            }
        ]
    ).to_csv(sources, index=False)
    return data, sources


def table_schema(names: list[str]) -> dict:
    """A frictionless Table Schema with the casualties model's column checks, for ``names``."""
    types = {"Float64": "number", "Int64": "integer", "boolean": "boolean"}
    fields = []
    for spec in (c for c in columns("casualties") if c.name in names):
        kind = types.get(spec.dtype, "string")
        if spec.dtype.startswith("datetime64"):
            kind = "datetime" if spec.name.endswith("_at") else "date"
        constraints: dict = {}
        if not spec.nullable and spec.default is None:
            constraints["required"] = True
        if spec.allowed:
            constraints["enum"] = list(spec.allowed)
        if kind in ("number", "integer"):
            constraints["minimum"] = 0
        if spec.unique:
            constraints["unique"] = True
        fields.append({"name": spec.name, "type": kind, "constraints": constraints})
    return {"fields": fields, "missingValues": [""]}


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    return time.perf_counter() - start, result.returncode, (result.stdout + result.stderr)[-600:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-frictionless", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="validate runs (median)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    data, sources = write_synthetic_files(args.rows)
    frame = pd.read_csv(data, nrows=0)
    schema = OUT / "casualties.schema.json"
    schema.write_text(json.dumps(table_schema(list(frame.columns)), indent=1))
    print(f"{args.rows:,} synthetic rows, {data.stat().st_size / 2**20:.0f} MB: {data}")

    cli = str(BIN / "impact-monitor")
    empty = f"sqlite:///{OUT / 'none.sqlite'}"
    runs = [
        timed([cli, "--database", empty, "validate", str(data), "--table", "casualties"])
        for _ in range(args.repeat)
    ]
    ours = statistics.median(t for t, _, _ in runs)
    code, tail = runs[0][1], runs[0][2]
    print(
        f"impact-monitor validate: {ours:8.2f} s median of {args.repeat} "
        f"({', '.join(f'{t:.2f}' for t, _, _ in runs)}; exit {code})"
    )
    print(f"  {tail.splitlines()[-2]}")
    results: dict = {"rows": args.rows, "impact_monitor_validate_s": round(ours, 2)}

    if not args.skip_frictionless:
        frictionless = shutil.which("frictionless", path=str(BIN)) or "frictionless"
        # frictionless reads only paths below its working folder ("safe" paths).
        theirs, fcode, ftail = timed(
            [frictionless, "validate", data.name, "--schema", schema.name], cwd=OUT
        )
        print(f"frictionless validate:   {theirs:8.2f} s (exit {fcode})")
        if fcode != 0:
            print(ftail)
        print(f"ratio: impact-monitor is {theirs / ours:.1f}x faster (target >= 20x)")
        results.update(
            {"frictionless_validate_s": round(theirs, 2), "ratio": round(theirs / ours, 1)}
        )

    store = OUT / "import.sqlite"
    store.unlink(missing_ok=True)
    url = f"sqlite:///{store}"
    timed(
        [cli, "--database", url, "import", str(sources), "--table", "sources", "--no-default-data"]
    )
    took, code, tail = timed([cli, "--database", url, "import", str(data), "--table", "casualties"])
    print(f"impact-monitor import into SQLite: {took:8.1f} s (exit {code}; target < 60 s)")
    print(tail.splitlines()[-1])
    results["impact_monitor_import_sqlite_s"] = round(took, 2)
    (OUT / "validate_import.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
