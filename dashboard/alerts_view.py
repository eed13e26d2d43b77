"""What the Alerts page shows and does, as plain functions (tests call them without an
app): the alerts as of a day, the history, and a person's acknowledge, silence or
resolve."""

from __future__ import annotations

from datetime import date

from dash import html

from dashboard import components as ui
from dashboard import state
from indicators.accounts import Account
from indicators.alerts import wording
from indicators.alerts.evaluate import unit_name
from indicators.alerts.lifecycle import acknowledge, all_alerts, history, resolve, silence
from indicators.errors import InputError, StoreError


def open_alerts_view(
    as_of: date, country: str | None = None, who: Account | None = None
) -> html.Div:
    """The open alerts (or, for an earlier day, the rules' verdicts then), of the rules
    that watch ``country`` when one is given."""
    current, live = state.current_alerts(as_of)
    if country and not current.empty:
        watching = {r.rule_id for r in state.model().rules if r.country_code == country}
        current = current[current["rule_id"].isin(watching)]
    note = (
        None
        if live
        else html.P(
            f"These are the rules' verdicts as of {ui.day_text(as_of)}, evaluated for this "
            "view: nothing is stored or changed. Open the page without an as-of day to act "
            "on the current alerts.",
            className="banner",
        )
    )
    if current.empty:
        return html.Div(
            [
                note,
                ui.empty_state(
                    "No alerts as of this day. Set or lower a threshold below to watch a figure."
                ),
            ]
        )
    by_id = state.model().rules_by_id
    rows = []
    for row in current.itertuples(index=False):
        rule = by_id.get(row.rule_id)
        rows.append(
            html.Tr(
                [
                    html.Td(html.Span(row.state.upper(), className=f"badge {row.state}")),
                    html.Td(
                        [
                            html.Strong(rule.name if rule else row.rule_id),
                            html.Br(),
                            html.Small(
                                (f"alert #{int(row.alert_id)} · " if live else "")
                                + f"{row.status}"
                                + (
                                    f" · silenced until {row.silenced_until}: {row.silence_reason}"
                                    if row.silenced
                                    else ""
                                )
                            ),
                        ]
                    ),
                    html.Td(unit_name(row.unit, rule.country_code if rule else None)),
                    html.Td(
                        f"{wording.measured(rule)}: "
                        f"{wording.value(rule, row.value, row.low, row.high)}"
                    ),
                    html.Td(wording.value(rule, row.threshold)),
                    html.Td(
                        row.certainty if isinstance(row.certainty, str) else "",
                        title=wording.certainty(row.certainty),
                    ),
                    html.Td(ui.day_text(row.since) if row.since is not None else "never reported"),
                    html.Td(f"{len(row.claim_ids or [])}"),
                    html.Td(
                        None
                        if not live or who is None or not who.may("alerts")
                        else [
                            _act("Acknowledge", "ack", row, disabled=row.status != "new"),
                            _act("Silence", "silence", row),
                            _act("Resolve", "resolve", row, primary=True),
                        ]
                    ),
                ],
                id=f"alert-row-{int(row.alert_id)}"
                if live
                else f"alert-row-{row.rule_id}-{row.unit}",
            )
        )
    header = ["State", "Rule", "Place", "Value", "Level", "Certainty", "Since", "Claims", "Act"]
    return html.Div(
        [
            note,
            html.Div(
                html.Table(
                    [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)],
                    id="alerts-table",
                ),
                className="table-wrap",
            ),
            ui.certainty_legend(),
        ]
    )


def _act(label: str, action: str, row, *, disabled=False, primary=False) -> html.Button:
    """A button acting on one stored alert (the page's callback reads its id)."""
    return html.Button(
        label,
        id={"type": "alert-act", "action": action, "alert": int(row.alert_id)},
        className=None if primary else "secondary",
        disabled=disabled,
    )


def history_view() -> html.Div:
    events = history(state.store())
    if events.empty:
        return html.P("Nothing has happened to any alert yet.", className="hint")
    alerts = all_alerts(state.store()).set_index("alert_id")
    names = state.model().rule_names()
    rows = [
        html.Tr(
            [
                html.Td(str(e.at)[:16]),
                html.Td(f"#{e.alert_id}"),
                html.Td(names.get(alerts["rule_id"].get(e.alert_id), "")),
                html.Td(unit_name(alerts["unit"].get(e.alert_id, ""))),
                html.Td(e.action),
                html.Td(e.actor),
                html.Td(e.comment if isinstance(e.comment, str) else ""),
            ]
        )
        for e in events.sort_values("event_id", ascending=False).head(100).itertuples(index=False)
    ]
    header = ["When (UTC)", "Alert", "Rule", "Place", "What", "Who", "Comment"]
    return html.Div(
        html.Table([html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)]),
        className="table-wrap",
    )


def act(action: str, alert_id: int, who: Account | None, comment: str | None, until: str | None):
    """Acknowledge, silence or resolve an alert as the signed-in account; a message."""
    if missing := ui.refused(who, "alerts", "change to an alert"):
        return missing
    actor = who.username
    try:
        if action == "ack":
            acknowledge(state.store(), alert_id, actor=actor, comment=comment or None)
        elif action == "resolve":
            resolve(state.store(), alert_id, actor=actor, comment=comment or None)
        else:
            if not until:
                raise InputError("choose the day the silence ends")
            silence(
                state.store(),
                alert_id,
                until=date.fromisoformat(until[:10]),
                reason=comment or "",
                actor=actor,
            )
    except (InputError, StoreError) as err:
        return ui.error_box(f"Alert #{alert_id}: {err}")
    done = {"ack": "acknowledged", "resolve": "resolved", "silence": "silenced"}[action]
    return html.Div(f"Alert #{alert_id} {done} by {actor}.", className="banner ok")
