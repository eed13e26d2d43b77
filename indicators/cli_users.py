"""Command-line verbs for accounts: add, list, disable, set-role, reset-password, and the
settings an admin keeps (anonymous viewing)."""

from __future__ import annotations

import argparse
import sys

from indicators.errors import InputError

ROLES = ("viewer", "editor", "alert_manager", "admin")  # as indicators.accounts.ROLES
LINK_HINT = (
    "one-time sign-in link (valid 24 hours; open it on the dashboard's address, e.g. "
    "http://127.0.0.1:8050{path}):\n  {path}"
)


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="accounts and roles: add, list, disable, set-role...")
    verbs = p.add_subparsers(dest="users_command", required=True, metavar="VERB")
    add = verbs.add_parser("add", help="a new account; prints a one-time sign-in link")
    add.add_argument("username")
    add.add_argument(
        "--role", required=True, choices=("viewer", "editor", "alert_manager", "admin")
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.set_defaults(run=cmd_add)
    listing = verbs.add_parser("list", help="every account, its role and state")
    listing.set_defaults(run=cmd_list)
    off = verbs.add_parser("disable", help="disable an account (its sessions end at once)")
    off.add_argument("username")
    off.add_argument("--enable", action="store_true", help="enable it again")
    off.set_defaults(run=cmd_disable)
    role = verbs.add_parser("set-role", help="give an account another role")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    role.set_defaults(run=cmd_set_role)
    reset = verbs.add_parser(
        "reset-password", help="a new one-time sign-in link (or a password from stdin)"
    )
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    reset.set_defaults(run=cmd_reset)
    token = verbs.add_parser("token-add", help="a read-only API token for downloads (printed once)")
    token.add_argument("name", help="who or what uses it (e.g. hdx-feed)")
    token.set_defaults(run=cmd_token_add)
    revoke = verbs.add_parser("token-revoke", help="stop a token from working")
    revoke.add_argument("name")
    revoke.set_defaults(run=cmd_token_revoke)
    viewing = verbs.add_parser(
        "anonymous-viewing", help="open (default) or close viewing to visitors not signed in"
    )
    viewing.add_argument("state", choices=("open", "closed"))
    viewing.set_defaults(run=cmd_viewing)


def _password() -> str:
    text = sys.stdin.readline().rstrip("\n")
    if not text:
        raise InputError("no password on standard input")
    return text


def cmd_add(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        password = _password() if args.password_stdin else None
        made = accounts.add(store, args.username, args.role, actor=args.actor, password=password)
        print(f"added {made.username} ({made.role})")
        if password is None:
            secret = accounts.sign_in_link(store, made.username, actor=args.actor)
            print(LINK_HINT.format(path=f"/sign-in/{secret}"))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        for a in accounts.listing(store):
            state = "disabled" if a.disabled else "active"
            password = "password set" if a.has_password else "no password yet"
            print(f"{a.username}\t{a.role}\t{state}\t{password}")
    return 0


def cmd_disable(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        accounts.disable(store, args.username, actor=args.actor, disabled=not args.enable)
    print(f"{args.username}: {'enabled' if args.enable else 'disabled'}")
    return 0


def cmd_set_role(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        accounts.set_role(store, args.username, args.role, actor=args.actor)
    print(f"{args.username}: now {args.role}")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        if accounts.get(store, args.username) is None:
            raise InputError(f"no account named '{args.username}'")
        if args.password_stdin:
            accounts.set_password(store, args.username, _password(), actor=args.actor)
            print(f"{args.username}: password set")
        else:
            secret = accounts.sign_in_link(store, args.username, actor=args.actor)
            print(LINK_HINT.format(path=f"/sign-in/{secret}"))
    return 0


def cmd_token_add(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        secret = accounts.add_token(store, args.name, actor=args.actor)
    print(
        f"read-only token '{args.name}' (shown once; send it as 'Authorization: Bearer ...' "
        f"or add '?token=...' to a download address):\n  {secret}"
    )
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        accounts.revoke_token(store, args.name, actor=args.actor)
    print(f"token '{args.name}' revoked")
    return 0


def cmd_viewing(args: argparse.Namespace) -> int:
    from indicators import accounts
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        accounts.set_setting(store, accounts.ANONYMOUS_VIEWING, args.state, actor=args.actor)
    print(f"anonymous viewing: {args.state}")
    return 0
