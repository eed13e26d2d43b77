"""Benchmark: the dashboard over a SYNTHETIC 1,000,000-claim store.

Targets (issue 5): first render of each page under 2 s in headless Chromium on loopback;
every filter callback under 150 ms at p95 on the server; no figure over 300 KB of JSON; a
filtered 100,000-row CSV download under 3 s; server memory under 1.5 GB.

The claims are made by ``validate_import.synthetic_casualties`` (source
``synthetic-benchmark``, notes ``SYNTHETIC``), imported with ``impact-monitor import`` into
benchmarks/out/dashboard-<n>.sqlite (git-ignored), with the default alert rules; nothing is
shipped. The server is ``impact-monitor serve`` (gunicorn, one worker) on loopback.

    .venv/bin/python benchmarks/dashboard_speed.py [--claims 1000000] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from validate_import import write_synthetic_files  # noqa: E402

AS_OF = "2024-11-26"  # the synthetic claims run from 1 Jan to 26 Nov 2024
PAGES = ("/", "/casualties", "/displacement", "/hospitals", "/alerts", "/review", "/data")
READY = (
    "const h = document.querySelector('#content h1');"
    "if (!h) return false;"
    "if (document.querySelector('[data-dash-is-loading=\"true\"]')) return false;"
    "const graphs = document.querySelectorAll('#content .dash-graph');"
    "for (const g of graphs) { const p = g.querySelector('.js-plotly-plot');"
    "  if (!p || !p.data) return false; }"
    "return true;"
)
"""True once a page is drawn: its heading, no callback loading, every graph with its data."""


def build(claims: int, path: Path) -> None:
    """A store holding ``claims`` synthetic casualty claims and the default alert rules."""
    path.unlink(missing_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    data, sources = write_synthetic_files(claims)
    url = f"sqlite:///{path}"
    cli = str(BIN / "impact-monitor")
    for file, table in ((sources, "sources"), (data, "casualties")):
        subprocess.run(
            [
                cli,
                "--database",
                url,
                "import",
                str(file),
                "--table",
                table,
                "--no-default-data",
                "--accept",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    from indicators.alerts.lifecycle import save_rule
    from indicators.defaults import default_rules
    from indicators.store import Store

    with Store(url) as store:
        for rule in default_rules():
            save_rule(store, rule, actor="benchmark")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    import psutil

    root = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]) / 2**20


def first_renders(base: str) -> dict[str, float]:
    """Seconds from navigation to a page whose graphs are drawn and nothing is loading."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options)
    ready = READY
    out = {}
    try:
        driver.get(f"{base}/?as_of={AS_OF}")  # load the scripts once, as a returning user
        time.sleep(2)
        for page in PAGES:
            times = []
            for _ in range(3):
                driver.get("about:blank")
                start = time.perf_counter()
                driver.get(f"{base}{page}?as_of={AS_OF}")
                while not driver.execute_script(ready):
                    if time.perf_counter() - start > 60:
                        break
                    time.sleep(0.02)
                times.append(time.perf_counter() - start)
            out[page] = statistics.median(times)
    finally:
        driver.quit()
    return out


def callback_times(url: str, runs: int) -> tuple[dict[str, float], dict[str, float], int]:
    """Seconds of each filter callback, called as the server calls it (with the figure's
    JSON made), over random filters, twice: the p95 of the second pass (every series
    already reconciled once) and the slowest call of the first pass (a population group or
    grouping seen for the first time since the data changed); and the largest figure."""
    from dashboard import query, views
    from dashboard.app import create_app
    from indicators.places import gazetteer
    from indicators.store import Store

    store = Store(url)
    create_app(store)
    from dashboard import data_view as data
    from dashboard.pages import hospitals  # registered by the app

    views.state.model()  # the worker's snapshot, read once
    views.state.alert_states(date.fromisoformat(AS_OF))
    rng = random.Random(5)
    codes = sorted(gazetteer().admin1_codes)
    draws = []
    for _ in range(runs):
        admin1 = rng.sample(codes, rng.choice([0, 1, 2]))
        start = pd.Timestamp("2024-06-01") + pd.Timedelta(days=rng.randint(0, 120))
        group = rng.choice([None, "civilians", "children"])
        draws.append(
            (
                admin1,
                start,
                query.parse(query.search(str(start.date()), AS_OF, admin1, None, group, AS_OF)),
            )
        )
    first: dict[str, list[float]] = {}
    timings: dict[str, list[float]] = {}
    largest = 0
    for pass_number in (1, 2):
        for admin1, start, view in draws:
            for name, call in (
                ("casualties chart", lambda v=view: views.trend_view("killed", v)),
                ("displacement chart", lambda v=view: views.trend_view("displaced_new", v)),
                ("hospitals page", lambda v=view: hospitals.hospital_view(v)),
                (
                    "data browse",
                    lambda a=admin1, s=start: data.browse("casualties", a, str(s.date()), AS_OF),
                ),
            ):
                t = time.perf_counter()
                result = call()
                figures = [
                    r
                    for r in (result if isinstance(result, tuple) else (result,))
                    if hasattr(r, "to_plotly_json")
                ]
                sizes = [len(f.to_json()) for f in figures if hasattr(f, "to_json")]
                if name == "data browse":
                    json.dumps(result[0], default=str)
                (first if pass_number == 1 else timings).setdefault(name, []).append(
                    time.perf_counter() - t
                )
                largest = max([largest, *sizes])
    p95 = {k: statistics.quantiles(v, n=20)[18] for k, v in timings.items()}
    return p95, {k: max(v) for k, v in first.items()}, largest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=40, help="filter combinations timed")
    args = parser.parse_args()
    path = OUT / f"dashboard-{args.claims}.sqlite"
    if args.rebuild or not path.exists():
        t = time.perf_counter()
        build(args.claims, path)
        print(
            f"built {path.name}: {args.claims:,} synthetic claims "
            f"in {time.perf_counter() - t:.0f} s"
        )
    url = f"sqlite:///{path}"
    results: dict[str, object] = {"claims": args.claims}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = OUT / "dashboard-serve.log"
    env = {**os.environ, "DATABASE_URL": url}
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [str(BIN / "impact-monitor"), "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        start = time.perf_counter()
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/alerts.json?as_of={AS_OF}") as r:
                    r.read()
                break
            except OSError:
                if server.poll() is not None:
                    print(log.read_text())
                    return 1
                time.sleep(0.2)
        warm = time.perf_counter() - start
        results["server_ready_and_first_snapshot_s"] = round(warm, 2)
        print(f"server up, snapshot of {args.claims:,} claims read, alerts evaluated: {warm:.1f} s")

        renders = first_renders(base)
        results["first_render_s"] = {k: round(v, 3) for k, v in renders.items()}
        for page, seconds in renders.items():
            print(f"first render {page:14} {seconds:6.2f} s (target < 2 s)")

        sizes = {}
        for admin1, frm in (("SY02", "2024-03-10"), ("SY02", "2024-01-01")):
            address = f"{base}/api/v1/tables/casualties.csv?admin1={admin1}&from={frm}&to={AS_OF}"
            t = time.perf_counter()
            with urllib.request.urlopen(address) as r:
                body = r.read()
            took = time.perf_counter() - t
            rows = body.count(b"\n") - 1
            sizes[f"{admin1} from {frm}"] = (rows, took)
            print(
                f"filtered CSV download: {rows:,} rows, {len(body) / 2**20:.0f} MB in {took:.2f} s "
                "(target: 100,000 rows < 3 s)"
            )
        results["csv_downloads"] = {k: {"rows": r, "s": round(s, 2)} for k, (r, s) in sizes.items()}
        memory = rss_mb(server.pid)
        results["server_rss_mb"] = round(memory, 0)
        print(f"server memory (gunicorn master + worker): {memory:,.0f} MB (target < 1,536 MB)")
    finally:
        server.terminate()
        server.wait(timeout=30)

    p95, cold, largest = callback_times(url, args.runs)
    results["callback_p95_s"] = {k: round(v, 3) for k, v in p95.items()}
    results["callback_first_use_max_s"] = {k: round(v, 3) for k, v in cold.items()}
    results["largest_figure_bytes"] = largest
    for name, seconds in p95.items():
        print(
            f"callback {name:20} p95 {seconds * 1000:7.1f} ms (target < 150 ms); "
            f"slowest first use {cold[name] * 1000:7.1f} ms"
        )
    print(f"largest figure: {largest / 1024:,.0f} KB of JSON (target < 300 KB)")
    (OUT / "dashboard_speed.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
