"""Benchmark: how fast figures are, as ratios to the least a Dash server and a browser do,
over a SYNTHETIC store of 1,000,000 claims (issue 15).

Targets, measured side by side in one run:

- a chart callback (the Casualties chart and its notes, over HTTP, filters varied as a
  person varies them) within 10x an echo callback on the same server, at the median;
- every page's first render within 1.5x a bare one-graph Dash page in the same browser
  (a page is rendered when its heading is there, every chart is drawn and no callback is
  in flight: the same rule for both).

The store is ``dashboard_speed``'s (benchmarks/out/dashboard-<n>.sqlite, git-ignored: its
claims are made by code, source ``synthetic-benchmark``, notes ``SYNTHETIC``). The
dashboard runs as ``impact-monitor serve`` runs it (gunicorn, one worker), with one echo
callback added to the very same app; the bare page is a Dash app of one heading and one
graph under the same gunicorn settings on another port.

    .venv/bin/python benchmarks/figure_speed.py [--claims 1000000] [--calls 60] [--rounds 5]
        [--pages /hospitals /casualties]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dashboard_speed import AS_OF, PAGES, READY, build, free_port  # noqa: E402

ECHO_IN, ECHO_OUT = "benchmark-echo-in", "benchmark-echo-out"
CHART_TARGET = 10.0
RENDER_TARGET = 1.5


def with_echo(app):
    """The dashboard's own app with one callback that returns its input: the least a
    callback costs on this server (routing, JSON, the security checks)."""
    from dash import Input, Output

    app.callback(Output(ECHO_OUT, "children"), Input(ECHO_IN, "value"))(lambda value: value)
    return app


def bare_app():
    """A Dash page of one heading and one small graph, nothing else."""
    from dash import Dash, dcc, html

    app = Dash("bare", serve_locally=True, update_title=None)
    days = [f"2024-11-{d:02d}" for d in range(1, 31)]
    app.layout = html.Div(
        [
            html.H1("One graph"),
            dcc.Graph(
                figure={
                    "data": [{"type": "scatter", "x": days, "y": list(range(30))}],
                    "layout": {"height": 400},
                },
                config={"responsive": True},
            ),
        ],
        id="content",
    )
    return app


def serve_child(kind: str, url: str, port: int) -> None:
    from dashboard.cli import run_gunicorn, serve

    if kind == "dashboard":
        serve(url, host="127.0.0.1", port=port, workers=1, threads=4, app=with_echo)
    else:
        run_gunicorn(lambda: bare_app().server, host="127.0.0.1", port=port, workers=1, threads=4)


def start(kind: str, url: str, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    sink = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, __file__, "--serve", kind, "--url", url, "--port", str(port)],
        stdout=sink,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    probe = "/api/v1/status.json" if kind == "dashboard" else "/"
    deadline = time.monotonic() + 600
    while True:
        try:
            with urllib.request.urlopen(base + probe, timeout=600) as r:
                r.read()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.3)


def post(base: str, body: dict) -> float:
    """Seconds of one callback over HTTP, as the browser sends it."""
    data = json.dumps(body).encode()
    request = urllib.request.Request(
        f"{base}/_dash-update-component",
        data=data,
        headers={"Content-Type": "application/json", "Origin": base},
    )
    t = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as r:
        r.read()
        assert r.status == 200
    return time.perf_counter() - t


def echo_body(value: str) -> dict:
    return {
        "output": f"{ECHO_OUT}.children",
        "outputs": {"id": ECHO_OUT, "property": "children"},
        "inputs": [{"id": ECHO_IN, "property": "value", "value": value}],
        "changedPropIds": [f"{ECHO_IN}.value"],
        "state": [],
    }


def chart_body(start: str, admin1: list[str], group: str | None) -> dict:
    """The Casualties chart callback with the filter bar as a person left it."""
    values = {
        ("casualties-indicator", "value"): "killed",
        ("filter-dates", "start_date"): start,
        ("filter-dates", "end_date"): AS_OF,
        ("filter-admin1", "value"): admin1,
        ("filter-admin2", "value"): [],
        ("filter-group", "value"): group,
        ("filter-as-of", "date"): AS_OF,
        ("filter-country", "value"): None,
    }
    return {
        "output": "..casualties-chart.figure...casualties-notes.children..",
        "outputs": [
            {"id": "casualties-chart", "property": "figure"},
            {"id": "casualties-notes", "property": "children"},
        ],
        "inputs": [{"id": i, "property": p, "value": v} for (i, p), v in values.items()],
        "changedPropIds": ["filter-admin1.value"],
        "state": [],
    }


def callback_ratio(base: str, calls: int) -> dict[str, float]:
    """Median seconds of the chart and the echo callbacks, interleaved, and their ratio."""
    from indicators.places import gazetteer

    codes = sorted(gazetteer().admin1_codes)
    rng = random.Random(15)
    draws = [
        chart_body(
            f"2024-{rng.randint(6, 10):02d}-{rng.randint(1, 28):02d}",
            rng.sample(codes, rng.choice([0, 1, 2])),
            rng.choice([None, "civilians", "children"]),
        )
        for _ in range(calls)
    ]
    for body in draws[:5]:  # every grouping read once, as after a few clicks
        post(base, body)
    post(base, echo_body("warm"))
    chart, echo = [], []
    for i, body in enumerate(draws):
        echo.append(post(base, echo_body(f"value {i}")))
        chart.append(post(base, body))
    out = {"chart_median_s": statistics.median(chart), "echo_median_s": statistics.median(echo)}
    out["ratio"] = out["chart_median_s"] / out["echo_median_s"]
    return out


COUNT_REQUESTS = """
window.__inflight = 0; window.__settledAt = performance.now();
const asked = window.fetch.bind(window);
window.fetch = (...args) => {
  window.__inflight++;
  return asked(...args).finally(() => {
    window.__inflight--;
    window.__settledAt = performance.now();
  });
};
"""
"""Counts the callbacks in flight: a page is drawn when its charts are, and when no callback
is pending (a page without charts is otherwise 'ready' before its callbacks answer)."""
SETTLED = (
    "if (window.__inflight !== 0 || performance.now() - window.__settledAt < 30) return false;"
    + READY
)


def render_ratios(
    dashboard: str, bare: str, rounds: int, pages: tuple[str, ...] = PAGES
) -> dict[str, dict[str, float]]:
    """Median seconds from navigation to a drawn page, for every page and for the bare
    page, alternated in one browser (each loaded once first, as by a returning user)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_REQUESTS})

    def render(address: str) -> float:
        driver.get("about:blank")
        t = time.perf_counter()
        driver.get(address)
        while not driver.execute_script(SETTLED):
            if time.perf_counter() - t > 60:
                break
            time.sleep(0.01)
        return time.perf_counter() - t

    out = {}
    try:
        render(f"{bare}/")
        for page in pages:
            address = f"{dashboard}{page}?as_of={AS_OF}"
            render(address)
            mine, base = [], []
            for _ in range(rounds):
                base.append(render(f"{bare}/"))
                mine.append(render(address))
            m, b = statistics.median(mine), statistics.median(base)
            out[page] = {"page_s": m, "bare_s": b, "ratio": m / b}
    finally:
        driver.quit()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=60, help="chart callbacks timed")
    parser.add_argument("--rounds", type=int, default=5, help="renders of each page timed")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--pages", nargs="+", default=list(PAGES), help="the pages whose first render is timed"
    )
    parser.add_argument("--serve", choices=("dashboard", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_child(args.serve, args.url, args.port)
        return 0
    path = OUT / f"dashboard-{args.claims}.sqlite"
    if args.rebuild or not path.exists():
        t = time.perf_counter()
        build(args.claims, path)
        took = time.perf_counter() - t
        print(f"built {path.name}: {args.claims:,} synthetic claims in {took:.0f} s")
    url = f"sqlite:///{path}"
    from indicators.store import Store

    Store.open(url)  # a store built by an earlier version: migrated to this one first
    OUT.mkdir(parents=True, exist_ok=True)
    dashboard, dashboard_base = start("dashboard", url, OUT / "figure-speed-dashboard.log")
    bare, bare_base = start("bare", url, OUT / "figure-speed-bare.log")
    try:
        calls = callback_ratio(dashboard_base, args.calls)
        renders = render_ratios(dashboard_base, bare_base, args.rounds, tuple(args.pages))
    finally:
        for process in (dashboard, bare):
            process.terminate()
            process.wait(timeout=30)
    verdict = {True: "PASS", False: "FAIL"}
    print(
        f"chart callback {calls['chart_median_s'] * 1000:.1f} ms, echo "
        f"{calls['echo_median_s'] * 1000:.1f} ms (medians of {args.calls}): "
        f"{calls['ratio']:.1f}x (target <= {CHART_TARGET:g}x) "
        f"{verdict[calls['ratio'] <= CHART_TARGET]}"
    )
    for page, r in renders.items():
        print(
            f"first render {page:14} {r['page_s']:.2f} s, bare page {r['bare_s']:.2f} s: "
            f"{r['ratio']:.2f}x (target <= {RENDER_TARGET:g}x) "
            f"{verdict[r['ratio'] <= RENDER_TARGET]}"
        )
    result = {"claims": args.claims, "callback": calls, "first_render": renders}
    (OUT / "figure_speed.json").write_text(json.dumps(result, indent=1))
    passed = calls["ratio"] <= CHART_TARGET and all(
        r["ratio"] <= RENDER_TARGET for r in renders.values()
    )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
