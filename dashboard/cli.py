"""The ``impact-monitor`` console script: the core commands plus ``serve``."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from collections.abc import Sequence

from indicators import cli as core_cli


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboard.app import create_app
    from indicators.store import Store

    if not is_loopback(args.host):
        print(
            f"WARNING: serving on {args.host}: anyone who can reach this address can read "
            "and change the store. There is no access control yet; prefer 127.0.0.1 behind "
            "a proxy that checks who is asking.",
            file=sys.stderr,
        )
    store = Store.open(args.database, actor=args.actor)
    app = create_app(store)
    print(f"impact-monitor: serving {store.display_url} on http://{args.host}:{args.port}/")
    app.run(host=args.host, port=args.port, debug=False)
    return 0


def add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the dashboard (loopback only by default)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.set_defaults(run=cmd_serve)


def build_parser() -> argparse.ArgumentParser:
    return core_cli.build_parser(add_serve)


def main(argv: Sequence[str] | None = None) -> int:
    return core_cli.main(argv, build_parser())


if __name__ == "__main__":
    raise SystemExit(main())
