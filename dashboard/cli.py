"""The ``impact-monitor`` console script: the core commands plus ``serve``."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from collections.abc import Sequence

from indicators import cli as core_cli
from indicators.errors import InputError

UPKEEP_SECONDS = 5.0
"""How often a worker looks for writes made elsewhere to bring the stored alerts up to date."""


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    loopback = is_loopback(args.host)
    if not loopback:
        print(
            f"NOTE: serving on {args.host}: anyone who can reach this address can view and "
            "download (close it with 'impact-monitor users anonymous-viewing closed'); "
            "changes need an account. Serve over HTTPS through a proxy (README, Security).",
            file=sys.stderr,
        )
    if args.workers < 1:
        raise InputError(f"--workers must be at least 1, not {args.workers}")
    # Migrate and fill a new store once, before any worker starts.
    with open_store(args.database, actor=args.actor) as store:
        url, shown = store.url, store.display_url
        secret = accounts.first_admin(store, actor=args.actor) if loopback else None
        none_yet = not loopback and accounts.count(store) == 0
    address = f"http://{args.host}:{args.port}"
    print(
        f"impact-monitor: serving {shown} on {address}/ "
        f"({args.workers} worker{'s' if args.workers != 1 else ''}); stop with Ctrl-C",
        flush=True,
    )
    if secret:
        print(
            "A first admin account was made. Sign in once with this link (it works once, "
            f"for 24 hours), then set a password:\n  {address}/sign-in/{secret}",
            flush=True,
        )
    if none_yet:
        print(
            "No account exists: make one with 'impact-monitor users add NAME --role admin'.",
            flush=True,
        )
    serve(url, host=args.host, port=args.port, workers=args.workers, threads=args.threads)
    return 0


def serve(url: str, *, host: str, port: int, workers: int, threads: int, app=None) -> None:
    """Run the dashboard under gunicorn: ``workers`` processes sharing one store, each
    with its own connections and its own snapshot, re-read when the store changes.
    ``app``: a function of the Dash app made for the store, returning the Dash app to serve
    (the benchmarks add a callback of their own to the very same app)."""

    def load():
        from dashboard.app import create_app
        from indicators.store import Store

        made = create_app(Store(url), upkeep_every=UPKEEP_SECONDS, hosts=(host,))
        return (app(made) if app else made).server

    run_gunicorn(load, host=host, port=port, workers=workers, threads=threads)


def run_gunicorn(load, *, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the WSGI app ``load()`` returns (made in each worker) under gunicorn's
    threaded workers, the way the dashboard is served."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", 120)
            self.cfg.set("accesslog", None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")

        def load(self):
            return load()

    Server().run()


def add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the dashboard (loopback only by default)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--workers", type=int, default=1, help="processes serving requests (gunicorn)")
    p.add_argument("--threads", type=int, default=4, help="threads per worker")
    p.set_defaults(run=cmd_serve)


def build_parser() -> argparse.ArgumentParser:
    return core_cli.build_parser(add_serve)


def main(argv: Sequence[str] | None = None) -> int:
    return core_cli.main(argv, build_parser())


if __name__ == "__main__":
    raise SystemExit(main())
