"""Command-line verbs for the store as a whole: backup and restore."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup", help="save the whole store (claims, reports, rules, alerts, users, audit log)"
    )
    p.add_argument("file", help="the backup file to write (a zip archive)")
    p.set_defaults(run=cmd_backup)
    p = sub.add_parser("restore", help="load a backup into the store, all of it or nothing")
    p.add_argument("file", help="a file written by 'impact-monitor backup'")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace everything the store holds (without it, only an empty store is filled)",
    )
    p.set_defaults(run=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from indicators.store import Store
    from indicators.store.backup import backup

    with Store(args.database) as store:  # as it is: a backup never migrates the store
        done = backup(store, args.file)
    print(f"saved {done.line()} (schema {done.revision})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from indicators.store import Store
    from indicators.store.backup import restore

    with Store(args.database) as store:
        done = restore(store, args.file, replace=args.replace, actor=args.actor)
    print(f"restored {done.line()} into {store.display_url}")
    return 0
