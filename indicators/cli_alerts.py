"""Command-line verbs for alerts: evaluate, acknowledge, silence, resolve; and rules."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date

from indicators.errors import InputError

RULE_FLAGS = {  # flag: (field, type)
    "--name": ("name", str),
    "--indicator": ("indicator", str),
    "--condition": ("condition", str),
    "--warning": ("warning", float),
    "--critical": ("critical", float),
    "--window": ("window", str),
    "--days": ("window_days", int),
    "--group-by": ("group_by", str),
    "--facility": ("facility", str),
    "--group": ("population_group", str),
    "--floor": ("rise_floor", float),
    "--uncertainty": ("uncertainty", str),
    "--pending": ("pending_days", int),
    "--cooldown": ("cooldown_days", int),
    "--recovery": ("recovery", float),
    "--activity": ("activity_indicator", str),
    "--activity-days": ("activity_days", int),
    "--reason": ("reason", str),
    "--country": ("country", str),
}


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("alerts", help="evaluate the rules and list active alerts; act on one")
    p.add_argument(
        "--as-of",
        default=None,
        metavar="DATE",
        help="evaluate as of this day (YYYY-MM-DD or 'today'); default: the current day, as "
        "on the dashboard (today, or the newest figure's day when it is over a week old)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=cmd_alerts)
    verbs = p.add_subparsers(dest="verb", required=False, metavar="VERB")
    v = verbs.add_parser("ack", help="acknowledge an alert")
    v.add_argument("alert_id", type=int)
    v.add_argument("--comment")
    v.set_defaults(run=cmd_alert_change, change="ack")
    v = verbs.add_parser("silence", help="silence an alert until a day")
    v.add_argument("alert_id", type=int)
    v.add_argument("--until", required=True, metavar="DATE")
    v.add_argument("--reason", required=True)
    v.set_defaults(run=cmd_alert_change, change="silence")
    v = verbs.add_parser("resolve", help="resolve an alert")
    v.add_argument("alert_id", type=int)
    v.add_argument("--comment")
    v.set_defaults(run=cmd_alert_change, change="resolve")
    v = verbs.add_parser("history", help="what happened to alerts, oldest first")
    v.add_argument("alert_id", type=int, nargs="?")
    v.set_defaults(run=cmd_alert_history)

    p = sub.add_parser("rules", help="list, add, edit, disable or back-test alert rules")
    verbs = p.add_subparsers(dest="verb", required=True, metavar="VERB")
    v = verbs.add_parser("list", help="every rule, current version")
    v.set_defaults(run=cmd_rules_list)
    for name, helptext in (
        ("add", "add a rule"),
        ("edit", "change a rule (a new version)"),
        ("backtest", "the alerts a draft rule would have raised; no save"),
    ):
        v = verbs.add_parser(name, help=helptext)
        v.add_argument("rule_id")
        for flag, (_, kind) in RULE_FLAGS.items():
            v.add_argument(flag, type=kind, default=None)
        v.add_argument("--admin1", action="append", default=None, metavar="CODE")
        v.add_argument("--admin2", action="append", default=None, metavar="CODE")
        if name == "backtest":
            v.add_argument("--from", dest="date_from", metavar="DATE")
            v.add_argument("--to", dest="date_to", metavar="DATE")
        v.set_defaults(
            run={"add": cmd_rules_add, "edit": cmd_rules_edit, "backtest": cmd_rules_backtest}[name]
        )
    v = verbs.add_parser("disable", help="stop a rule (kept, as a new version)")
    v.add_argument("rule_id")
    v.set_defaults(run=cmd_rules_disable)


def _day(text: str | None, label: str) -> date | None:
    if text is None:
        return None
    if text == "today":
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{label} '{text}' is not a date in the form YYYY-MM-DD") from None


def _changes(args: argparse.Namespace) -> dict[str, object]:
    changes = {
        field: getattr(args, flag[2:].replace("-", "_")) for flag, (field, _) in RULE_FLAGS.items()
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if args.admin1 is not None:
        changes["scope_admin1"] = tuple(args.admin1)
    if args.admin2 is not None:
        changes["scope_admin2"] = tuple(args.admin2)
    return changes


def cmd_alerts(args: argparse.Namespace) -> int:
    from indicators.alerts.evaluate import Evaluator, unit_name
    from indicators.alerts.lifecycle import rules, sync
    from indicators.alerts.upkeep import alerts_as_of, current_day
    from indicators.defaults import open_store

    asked = _day(args.as_of, "--as-of")
    with open_store(args.database, actor=args.actor) as store:
        active = rules(store, include_disabled=False)
        evaluator = Evaluator.from_store(store)
        newest = evaluator.newest_day()
        live = current_day(newest)
        as_of = asked or live
        states = evaluator.evaluate_all(active, as_of)
        if as_of == live:  # the stored alerts, which people act on, follow the current day
            sync(store, states, active, as_of=as_of)
        current = alerts_as_of(store, states, as_of=as_of, live=as_of == live)
    by_id = {r.rule_id: r for r in active}
    no_data = [s for s in states if s.state == "no_data"]
    if args.format == "json":
        if not current.empty:
            said = [_sentence(row, by_id, unit_name) for row in current.itertuples(index=False)]
            current = current.assign(sentence=said)
        records = (
            []
            if current.empty
            else json.loads(current.to_json(orient="records", date_format="iso"))
        )
        print(
            json.dumps(
                {
                    "as_of": as_of.isoformat(),
                    "newest_claim": newest.isoformat() if newest else None,
                    "alerts": records,
                    "no_data": [
                        {"rule_id": s.rule_id, "unit": s.unit, "detail": s.detail} for s in no_data
                    ],
                },
                indent=1,
            )
        )
        return 0
    if as_of == live and newest is not None and as_of == newest and as_of < date.today():
        print(
            f"NOTE: an archive: the newest accepted figure is from {newest}, over a week ago; "
            "alerts are shown as of that day (--as-of today for today)."
        )
    elif as_of != live:
        print(
            f"NOTE: {as_of} is not the current day ({live}): the rules' verdicts then are "
            "shown; stored alerts are neither raised nor changed."
        )
    print(f"Alerts as of {as_of} ({len(active)} rules):")
    if current.empty:
        print("  none")
    for row in current.itertuples(index=False):
        flag = (
            f" (silenced until {row.silenced_until}: {row.silence_reason})" if row.silenced else ""
        )
        number = f"#{row.alert_id}" if row.alert_id is not None else "(then)"
        said = _sentence(row, by_id, unit_name)
        print(f"  {number} {said}; {len(row.claim_ids)} claims; {row.status}{flag}")
    if not current.empty:
        from indicators.alerts import wording

        for word, meaning in wording.CERTAINTY.items():
            print(f"  ({word}: {meaning})")
    return 0


def cmd_alert_change(args: argparse.Namespace) -> int:
    from indicators.alerts.lifecycle import acknowledge, resolve, silence
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        if args.change == "ack":
            acknowledge(store, args.alert_id, actor=args.actor, comment=args.comment)
        elif args.change == "resolve":
            resolve(store, args.alert_id, actor=args.actor, comment=args.comment)
        else:
            until = _day(args.until, "--until")
            silence(store, args.alert_id, until=until, reason=args.reason, actor=args.actor)
    print(f"alert {args.alert_id}: {args.change} recorded for {args.actor}")
    return 0


def cmd_alert_history(args: argparse.Namespace) -> int:
    from indicators.alerts.lifecycle import history
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        events = history(store, args.alert_id)
    for row in events.itertuples(index=False):
        comment = row.comment if isinstance(row.comment, str) else ""
        print(f"{row.at}  #{row.alert_id}  {row.action:12} {row.actor}  {comment}")
    return 0


def cmd_rules_list(args: argparse.Namespace) -> int:
    from indicators.alerts import wording
    from indicators.alerts.lifecycle import rules
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        for r in rules(store):
            levels = f"warning {r.warning:g}" if r.warning is not None else ""
            if r.critical is not None:
                levels += f", critical {r.critical:g}"
            state = "" if r.enabled else " [disabled]"
            print(
                f"{r.rule_id} v{r.version}{state}: {r.name} - {r.indicator} {r.condition} "
                f"({r.window} over {r.window_days} days, by {r.group_by}; {levels})"
            )
            print(f"    {wording.describe(r)}")
    return 0


def cmd_rules_add(args: argparse.Namespace) -> int:
    from indicators.alerts.lifecycle import rules, save_rule
    from indicators.alerts.rules import AlertRule
    from indicators.defaults import open_store

    changes = _changes(args)
    for needed in ("name", "indicator"):
        if needed not in changes:
            raise InputError(f"a new rule needs --{needed}")
    with open_store(args.database, actor=args.actor) as store:
        if any(r.rule_id == args.rule_id for r in rules(store)):
            raise InputError(f"rule '{args.rule_id}' exists: use 'rules edit'")
        saved = save_rule(store, AlertRule(rule_id=args.rule_id, **changes), actor=args.actor)
    print(f"rule {saved.rule_id} saved as version {saved.version}")
    return 0


def cmd_rules_edit(args: argparse.Namespace) -> int:
    from indicators.alerts.lifecycle import rule, save_rule
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        saved = save_rule(
            store, replace(rule(store, args.rule_id), **_changes(args)), actor=args.actor
        )
    print(f"rule {saved.rule_id} saved as version {saved.version}")
    return 0


def cmd_rules_disable(args: argparse.Namespace) -> int:
    from indicators.alerts.lifecycle import rule, save_rule
    from indicators.defaults import open_store

    with open_store(args.database, actor=args.actor) as store:
        saved = save_rule(
            store, replace(rule(store, args.rule_id), enabled=False), actor=args.actor
        )
    print(f"rule {saved.rule_id} disabled (version {saved.version})")
    return 0


def cmd_rules_backtest(args: argparse.Namespace) -> int:
    from indicators.alerts import wording
    from indicators.alerts.evaluate import Evaluator
    from indicators.alerts.lifecycle import rules
    from indicators.alerts.rules import AlertRule, check
    from indicators.defaults import open_store

    changes = _changes(args)
    with open_store(args.database, actor=args.actor) as store:
        existing = {r.rule_id: r for r in rules(store)}
        if args.rule_id in existing:
            draft = replace(existing[args.rule_id], **changes)
        else:
            draft = AlertRule(rule_id=args.rule_id, **{"name": args.rule_id, **changes})
        check(draft)
        evaluator = Evaluator.from_store(store)
        raised = evaluator.backtest(
            draft, _day(args.date_from, "--from"), _day(args.date_to, "--to")
        )
        blind = evaluator.blind_spots(draft)
    for sentence in blind:
        print(f"NOTE: {sentence}")
    print(f"rule {draft.rule_id} (not saved) would have raised {len(raised)} alerts:")
    for a in raised:
        resolved = (
            f", recovered {a['resolved']} ({a['resolved_why']})"
            if a["resolved"]
            else ", still open"
        )
        if a.get("escalated"):
            resolved = f", critical from {a['escalated']}{resolved}"
        said = wording.sentence(
            draft,
            state=a["state"],
            sure=a["certainty"],
            place=a["unit_name"],
            amount=a["value"],
            threshold=a["threshold"],
        )
        print(f"  {a['raised']}: {said}: {a['why']}{resolved}")
    return 0


def _sentence(row, by_id: dict, unit_name) -> str:
    """An alert in the words every page uses (indicators.alerts.wording)."""
    from indicators.alerts import wording

    return wording.of_alert(
        by_id.get(row.rule_id),
        row,
        unit_name(row.unit),
        rule_name=None if row.rule_id in by_id else row.rule_id,
    )


def _g(value: float | None) -> str:
    """A number as a person reads it; '-' where it is not known (never 0)."""
    return "-" if value is None or value != value else f"{value:g}"
