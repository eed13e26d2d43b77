"""Benchmark: the shared read model over a SYNTHETIC 1,000,000-claim store, as ratios.

Targets (issue 10), each measured side by side in this one run:
- after one claim is accepted, the next Casualties chart request with the same filter
  within 3x the same request before the write; after a 10,000-row import, within 5x;
- memory as PSS (``/proc/PID/smaps_rollup``: shared pages count once): 4 workers serving
  the 1M-claim store within one worker's PSS plus 3 idle workers' PSS (empty store) + 10 %;
- start to first chart at 1M claims within 3x a start with an empty store (measured as a
  server starts again, from the columnar copy; the first start ever, which reads SQL and
  writes that copy, is reported too).

The store is ``dashboard_speed.build``'s (synthetic claims, labelled so, never shipped),
copied for each server so the writes here never touch it. Charts are requested over HTTP
as the browser does (Dash's ``/_dash-update-component``) from ``impact-monitor serve``. The
writes come from another process (``impact-monitor review accept``, ``import``), so the
worker that draws the next chart is the one that applies them: the Review page's own
worker would have applied the change while answering the review.

    .venv/bin/python benchmarks/read_model_speed.py [--claims 1000000] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dashboard_speed import build, free_port  # noqa: E402
from validate_import import synthetic_casualties  # noqa: E402

from indicators.schemas import columns  # noqa: E402

AS_OF = "2024-11-26"
CLI = str(BIN / "impact-monitor")


def chart_payload() -> bytes:
    """The Casualties chart callback as the browser sends it: killed, June to November,
    two governorates."""
    inputs = [
        ("casualties-indicator", "value", "killed"),
        ("filter-dates", "start_date", "2024-06-01"),
        ("filter-dates", "end_date", AS_OF),
        ("filter-admin1", "value", ["SY02", "SY07"]),
        ("filter-admin2", "value", []),
        ("filter-group", "value", None),
        ("filter-as-of", "date", AS_OF),
        ("filter-country", "value", "SYR"),
    ]
    return json.dumps(
        {
            "output": "..casualties-chart.figure...casualties-notes.children..",
            "outputs": [
                {"id": "casualties-chart", "property": "figure"},
                {"id": "casualties-notes", "property": "children"},
            ],
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "changedPropIds": ["casualties-indicator.value"],
            "state": [],
        }
    ).encode()


class Server:
    """``impact-monitor serve`` on a copy of a store, on loopback."""

    def __init__(self, store: Path, workers: int, label: str, *, again: bool = False) -> None:
        self.copy = OUT / f"run-{label}.sqlite"
        if not again:  # a new copy of the store, without a columnar copy beside it
            for old in OUT.glob(f"run-{label}.sqlite*"):
                shutil.rmtree(old) if old.is_dir() else old.unlink()
            for old in OUT.glob(f".run-{label}.sqlite*"):
                shutil.rmtree(old, ignore_errors=True)
            shutil.copy(store, self.copy)
        self.url = f"sqlite:///{self.copy}"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [CLI, "--database", self.url, "serve", "--port", str(self.port),
             "--workers", str(workers)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def chart(self) -> float:
        """Seconds for one chart request, answered."""
        request = urllib.request.Request(
            f"{self.base}/_dash-update-component",
            data=chart_payload(),
            headers={"Content-Type": "application/json"},
        )
        start = time.perf_counter()
        with urllib.request.urlopen(request, timeout=600) as answer:
            body = answer.read()
        took = time.perf_counter() - start
        assert b"casualties-chart" in body, body[:300]
        return took

    def first_chart(self) -> float:
        """Seconds from launch to the first chart answered."""
        while True:
            try:
                self.chart()
                return time.perf_counter() - self.started
            except OSError:
                assert self.process.poll() is None, "the server stopped"
                time.sleep(0.1)

    def status(self) -> dict:
        with urllib.request.urlopen(f"{self.base}/api/v1/status.json", timeout=600) as r:
            return json.loads(r.read())

    def every_worker_ready(self, workers: int) -> set[int]:
        seen: set[int] = set()
        with ThreadPoolExecutor(max_workers=2 * workers) as pool:
            while len(seen) < workers:
                seen |= {a["worker"] for a in pool.map(lambda _: self.status(), range(16))}
        return seen

    def pss_mb(self) -> float:
        """PSS of the server's processes (master and workers), shared pages counted once."""
        pids = [self.process.pid, *_children(self.process.pid)]
        return sum(_pss_kb(pid) for pid in pids) / 1024

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _pss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def empty_store(path: Path) -> None:
    """A store with the default alert rules and no claims."""
    from indicators.alerts.lifecycle import save_rule
    from indicators.defaults import default_rules
    from indicators.store import Store

    path.unlink(missing_ok=True)
    with Store.open(f"sqlite:///{path}") as store:
        for rule in default_rules():
            save_rule(store, rule, actor="benchmark")


def cli(*args: str, url: str) -> None:
    subprocess.run([CLI, "--database", url, *args], check=True, stdout=subprocess.DEVNULL)


ROUNDS = 5
"""Each write is measured this many times (a claim accepted, 10,000 rows imported), the
median reported: one request is too few to trust on a shared machine."""


def pending_claims(url: str) -> list[str]:
    """Pending synthetic claims to accept, one per round (made here, labelled synthetic)."""
    from indicators.store import Store

    ids = [f"bench-pending-{n}" for n in range(1, ROUNDS + 1)]
    with Store(url) as store:
        held = store.context("casualties").claim_ids
    if set(ids) <= held:
        return ids
    header = (
        "claim_id,source_id,admin1_pcode,place_precision,date_start,date_end,date_precision,"
        "value_text,qualifier,value_low,value_best,value_high,unit,count_kind,review_status,"
        "outcome,population_group,notes\n"
    )
    rows = [
        f"{claim},synthetic-benchmark,SY02,admin1,2024-11-{10 + n},2024-11-{10 + n},day,7,"
        "exact,7,7,7,people,new,pending,killed,all,SYNTHETIC\n"
        for n, claim in enumerate(ids)
        if claim not in held
    ]
    path = OUT / "pending.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    cli("import", str(path), "--table", "casualties", url=url)
    return ids


def ten_thousand(round_: int) -> Path:
    """10,000 more synthetic claims (accepted, ids of their own for each round)."""
    frame = synthetic_casualties(10_000)
    frame["claim_id"] = [f"synthetic-import-{round_}-{i:05d}" for i in range(len(frame))]
    path = OUT / f"synthetic-import-{round_}.csv"
    frame[[c.name for c in columns("casualties") if c.name in frame]].to_csv(path, index=False)
    return path


def warm(server: Server, runs: int = 7) -> float:
    for _ in range(2):
        server.chart()
    return statistics.median(server.chart() for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    big = OUT / f"dashboard-{args.claims}.sqlite"
    if args.rebuild or not big.exists():
        print(f"building a synthetic store of {args.claims:,} claims ...", flush=True)
        build(args.claims, big)
    empty = OUT / "empty.sqlite"
    if args.rebuild or not empty.exists():
        empty_store(empty)
    pending = pending_claims(f"sqlite:///{big}")  # once: they stay pending in the stored copy
    results: dict[str, object] = {}

    # Start to first chart, one worker: an empty store; 1M claims read out of SQL the first
    # time (the columnar copy is written then); 1M claims started again from that copy.
    starts = {}
    for label, store, again in (
        ("empty", empty, False),
        ("1m-first", big, False),
        ("1m-again", big, True),
    ):
        server = Server(store, 1, f"start-{label.split('-')[0]}", again=again)
        try:
            starts[label] = server.first_chart()
        finally:
            server.stop()
    results["start_to_first_chart_s"] = {k: round(v, 2) for k, v in starts.items()}
    results["start_ratio"] = round(starts["1m-again"] / starts["empty"], 2)
    results["start_ratio_first_ever"] = round(starts["1m-first"] / starts["empty"], 2)
    print("start to first chart:", results["start_to_first_chart_s"], results["start_ratio"])

    # Writes from another process, then the next chart request.
    server = Server(big, 1, "writes")
    accepts, imports = [], []
    try:
        server.first_chart()
        for claim in pending:
            before = warm(server)
            cli("review", "accept", claim, url=server.url)
            accepts.append((before, server.chart()))
        for round_ in range(ROUNDS):
            before = warm(server)
            cli("import", str(ten_thousand(round_)), "--table", "casualties", "--accept",
                url=server.url)  # fmt: skip
            imports.append((before, server.chart()))
        status = server.status()
    finally:
        server.stop()
    results["chart_s"] = {
        "accept": [(round(b, 3), round(a, 3)) for b, a in accepts],
        "import_10k": [(round(b, 3), round(a, 3)) for b, a in imports],
    }
    results["accept_ratio"] = round(statistics.median(a / b for b, a in accepts), 2)
    results["import_ratio"] = round(statistics.median(a / b for b, a in imports), 2)
    results["worker_after_writes"] = {k: status[k] for k in ("made_by", "full_reads", "version")}
    print("charts (before, after):", results["chart_s"])
    print("ratios, median of rounds:", results["accept_ratio"], results["import_ratio"])

    # Memory: 4 workers on 1M claims against 1 worker on 1M plus 3 idle on an empty store.
    pss = {}
    for label, store, workers in (("1m-x4", big, 4), ("1m-x1", big, 1), ("empty-x1", empty, 1)):
        server = Server(store, workers, f"mem-{label}")
        try:
            server.first_chart()
            server.every_worker_ready(workers)
            for _ in range(4 * workers):
                server.chart()
            time.sleep(1)
            pss[label] = server.pss_mb()
            pss[f"{label}-master"] = _pss_kb(server.process.pid) / 1024
        finally:
            server.stop()
    idle_worker = pss["empty-x1"] - pss["empty-x1-master"]
    budget = (pss["1m-x1"] + 3 * idle_worker) * 1.10
    results["pss_mb"] = {k: round(v) for k, v in pss.items()}
    results["pss_budget_mb"] = round(budget)
    results["pss_ratio"] = round(pss["1m-x4"] / (pss["1m-x1"] + 3 * idle_worker), 2)
    print("memory:", results["pss_mb"], "budget", results["pss_budget_mb"], results["pss_ratio"])
    print(json.dumps(results, indent=1))
    (OUT / "read-model-speed.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
