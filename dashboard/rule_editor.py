"""The threshold editor: the rules, a form to create, edit or disable one with every
problem named, and a back-test preview before saving."""

from __future__ import annotations

from datetime import date

from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import auth, rule_form, state
from dashboard import components as ui
from indicators.accounts import Account
from indicators.alerts import wording
from indicators.alerts.lifecycle import save_rule
from indicators.alerts.rules import CONDITIONS, GROUPINGS, UNCERTAINTY, WINDOWS, AlertRule
from indicators.catalogue import INDICATORS
from indicators.errors import InputError, StoreError
from indicators.places import gazetteer
from indicators.vocab import POPULATION_GROUPS, STRAIN_DERIVED, STRAIN_DERIVED_LABEL

NEW = "__new__"
PER = {
    "admin1": "governorate",
    "admin2": "district",
    "facility": "facility",
    "all": "whole country",
}
FIELD_IDS = {name: f"rule-{name.replace('_', '-')}" for name in rule_form.FORM_FIELDS}


def _field(name: str, label: str, control) -> html.Div:
    style = dict(zip(ONLY_FOR, fields_shown(None), strict=True)).get(name)  # the first form
    return html.Div(
        [html.Label(label, htmlFor=FIELD_IDS[name]), control], id=f"field-{name}", style=style
    )


ONLY_FOR = {
    "window": ("level", "rise"),
    "uncertainty": ("level", "rise"),
    "recovery": ("level", "rise"),
    "rise_floor": ("rise",),
    "activity_indicator": ("no_data",),
    "activity_days": ("no_data",),
}
"""Fields that mean something for some conditions only: the others never show them."""


def fields_shown(condition: str | None) -> list[dict]:
    """The style of each field of ``ONLY_FOR``: shown for the chosen condition, else hidden."""
    chosen = condition or "level"
    return [{} if chosen in conditions else {"display": "none"} for conditions in ONLY_FOR.values()]


def _select(name: str, options, value=None, clearable=False) -> dcc.Dropdown:
    return dcc.Dropdown(
        id=FIELD_IDS[name],
        options=[{"label": str(o).replace("_", " "), "value": o} for o in options]
        if options and not isinstance(options[0], dict)
        else options,
        value=value,
        clearable=clearable,
    )


def editor() -> html.Section:
    default = AlertRule(rule_id="", name="", indicator="killed")
    indicator_options = [
        {"label": f"{w.label} ({w.unit})", "value": w.name} for w in INDICATORS.values()
    ] + [
        {  # read from each place's evidence, as the Hospitals page shows it
            "label": f"{STRAIN_DERIVED_LABEL} (level: 1 strained, 2 overwhelmed)",
            "value": STRAIN_DERIVED,
        }
    ]
    number = lambda name, step="any": dcc.Input(  # noqa: E731
        id=FIELD_IDS[name], type="text", inputMode="decimal", value=getattr(default, name)
    )
    return html.Section(
        [
            html.H3("Create or edit a rule"),
            html.Div(
                [
                    html.Label("Rule", htmlFor="rule-pick"),
                    dcc.Dropdown(
                        id="rule-pick", options=rule_options(), value=NEW, clearable=False
                    ),
                ],
                className="filter wide",
            ),
            html.Div(
                [
                    _field(
                        "rule_id",
                        "Id (letters, digits, - or _)",
                        dcc.Input(id=FIELD_IDS["rule_id"], type="text"),
                    ),
                    _field("name", "Name", dcc.Input(id=FIELD_IDS["name"], type="text")),
                    _field(
                        "indicator", "Indicator", _select("indicator", indicator_options, "killed")
                    ),
                    _field("condition", "Condition", _select("condition", CONDITIONS, "level")),
                    _field("window", "Window", _select("window", WINDOWS, "latest")),
                    _field("window_days", "Window (days)", number("window_days")),
                    _field(
                        "group_by",
                        "One alert per",
                        _select(
                            "group_by",
                            [{"label": PER[g], "value": g} for g in GROUPINGS],
                            "admin1",
                        ),
                    ),
                    _field(
                        "country",
                        "Country",
                        dcc.Dropdown(
                            id=FIELD_IDS["country"],
                            options=ui.country_options(),
                            placeholder="the default country",
                        ),
                    ),
                    _field(
                        "scope_admin1",
                        "Only these governorates",
                        dcc.Dropdown(
                            id=FIELD_IDS["scope_admin1"], options=ui.admin1_options(), multi=True
                        ),
                    ),
                    html.Div(
                        [
                            _field(
                                "population_group",
                                "Population group (casualties)",
                                _select(
                                    "population_group", POPULATION_GROUPS, None, clearable=True
                                ),
                            ),
                            html.Small(
                                "Empty or 'all': figures for all people; where a day has none, "
                                "the largest group's figure counts as a lower bound (at least "
                                "that many). A group watches its own figures only.",
                                className="hint",
                            ),
                        ]
                    ),
                    _field("warning", "Warning level", number("warning")),
                    _field("critical", "Critical level", number("critical")),
                    _field(
                        "uncertainty",
                        "Where sources disagree",
                        _select("uncertainty", UNCERTAINTY, "range"),
                    ),
                    _field("rise_floor", "Rise: at least this many more", number("rise_floor")),
                    _field("pending_days", "Pending period (days)", number("pending_days")),
                    _field("cooldown_days", "Cooldown (days)", number("cooldown_days")),
                    _field(
                        "recovery",
                        "Recovery level (default: 80 % of the warning level)",
                        number("recovery"),
                    ),
                    _field(
                        "activity_indicator",
                        "No data: only where this shows activity",
                        _select("activity_indicator", list(INDICATORS), None, clearable=True),
                    ),
                    _field("activity_days", "Activity window (days)", number("activity_days")),
                    _field(
                        "facility",
                        "Facility (optional)",
                        dcc.Input(id=FIELD_IDS["facility"], type="text"),
                    ),
                    _field(
                        "reason",
                        "Why this rule (shown to everyone)",
                        dcc.Input(id=FIELD_IDS["reason"], type="text"),
                    ),
                    _field(
                        "enabled",
                        "Enabled",
                        dcc.Checklist(
                            id=FIELD_IDS["enabled"],
                            options=[{"label": " enabled", "value": "enabled"}],
                            value=["enabled"],
                        ),
                    ),
                ],
                className="form-grid",
            ),
            html.Div(
                [
                    html.Button("Preview (back-test)", id="rule-preview", className="secondary"),
                    ui.only_for(auth.current(), "alerts", html.Button("Save rule", id="rule-save")),
                ]
            ),
            dcc.Loading(html.Div(id="rule-result", role="status"), delay_show=300),
        ],
        className="editor",
    )


def rules_view() -> html.Div:
    found = state.model().rules
    if not found:
        return ui.empty_state("No rules yet: create one with the editor below.")
    rows = [
        html.Tr(
            [
                html.Td(r.name),
                html.Td(
                    INDICATORS[r.indicator].label
                    if r.indicator in INDICATORS
                    else STRAIN_DERIVED_LABEL
                    if r.indicator == STRAIN_DERIVED
                    else r.indicator
                ),
                html.Td(wording.describe(r), className="describe"),
                html.Td(wording.value(r, r.warning)),
                html.Td(wording.value(r, r.critical)),
                html.Td(PER[r.group_by]),
                html.Td(gazetteer().country_name(r.country_code)),
                html.Td("yes" if r.enabled else "disabled"),
                html.Td(f"v{r.version}"),
            ]
        )
        for r in found
    ]
    header = [
        "Rule", "Indicator", "What it weighs", "Warning", "Critical", "Per", "Country", "Enabled",
        "Version",
    ]  # fmt: skip
    return html.Div(
        html.Table(
            [html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)], id="rules-table"
        ),
        className="table-wrap",
    )


def rule_options() -> list[dict[str, str]]:
    return [{"label": "New rule…", "value": NEW}] + [
        {"label": f"{r.name} ({r.rule_id})", "value": r.rule_id} for r in state.model().rules
    ]


# -- the rule editor -------------------------------------------------------------------------


def preview(values: dict, as_of: date) -> html.Div:
    """What a draft would have raised over the stored history; nothing saved."""
    draft, errors = rule_form.from_form(values)
    if draft is None:
        return _errors(errors)
    raised = state.model().evaluator.backtest(draft, end=as_of)
    now = [s for s in state.model().evaluator.evaluate(draft, as_of) if s.firing]
    blind = state.model().evaluator.blind_spots(draft)
    items = [
        html.Li(
            f"{ui.day_text(a['raised'])}: "
            + wording.sentence(
                draft,
                state=a["state"],
                sure=a["certainty"],
                place=a["unit_name"],
                amount=a["value"],
                threshold=a["threshold"],
            )
            + f" ({a['why']})"
            + (
                f"; recovered {ui.day_text(a['resolved'])} ({a['resolved_why']})"
                if a["resolved"]
                else "; still open"
            )
        )
        for a in raised[:30]
    ]
    return html.Div(
        [
            html.P(
                html.Strong(
                    f"Not saved. Over the stored history this rule would have raised "
                    f"{len(raised)} alert{'s' if len(raised) != 1 else ''}; as of "
                    f"{ui.day_text(as_of)} it would fire for {len(now)} place"
                    f"{'s' if len(now) != 1 else ''}."
                )
            ),
            *[html.P(sentence, className="banner stale", id="rule-blind") for sentence in blind],
            html.Ul(items),
            html.P(f"and {len(raised) - 30} more", className="hint") if len(raised) > 30 else None,
            ui.certainty_legend() if raised else None,
        ],
        className="banner",
        id="rule-preview-result",
    )


def save(values: dict, who: Account | None) -> tuple[html.Div, bool]:
    """Save a rule as its next version as the signed-in account; a message, and whether it
    was saved."""
    if missing := ui.refused(who, "alerts", "change to a rule"):
        return missing, False
    draft, errors = rule_form.from_form(values)
    if draft is None:
        return _errors(errors), False
    try:
        saved = save_rule(state.store(), draft, actor=who.username)
    except (InputError, StoreError) as err:
        return ui.error_box(str(err)), False
    state.after_write()
    blind = state.model().evaluator.blind_spots(saved)
    return (
        html.Div(
            [
                f"Saved '{saved.name}' as version {saved.version}. The charts and alerts use it "
                "now.",
                *[html.P(sentence, className="hint") for sentence in blind],
            ],
            className="banner ok",
            id="rule-saved",
        ),
        True,
    )


def _errors(errors: list[str]) -> html.Div:
    return html.Div(
        [html.Strong("The rule cannot be saved:"), html.Ul([html.Li(e) for e in errors])],
        className="banner error",
        role="alert",
        id="rule-errors",
    )


def register_callbacks() -> None:
    """The editor's callbacks; called by the Alerts page's module, which Dash runs for
    each app (this module is imported once)."""

    @callback(
        Output(FIELD_IDS["scope_admin1"], "options"),
        Input(FIELD_IDS["country"], "value"),
        prevent_initial_call=True,
    )
    def governorates_of(country):
        """The rule's country: its governorates to scope the rule to."""
        return ui.admin1_options(country or None)

    @callback(
        *[Output(f"field-{n}", "style") for n in ONLY_FOR],
        Input(FIELD_IDS["condition"], "value"),
        prevent_initial_call=True,  # the form comes with the fields of its first condition
    )
    def only_what_the_condition_uses(condition):
        return fields_shown(condition)

    @callback(
        *[Output(FIELD_IDS[n], "value") for n in rule_form.FORM_FIELDS],
        Input("rule-pick", "value"),
        prevent_initial_call=True,
    )
    def load_rule(rule_id):
        if rule_id in (None, NEW):
            values = rule_form.to_form(AlertRule(rule_id="", name="", indicator="killed"))
        else:
            found = state.model().rule(rule_id)
            if found is None:
                return [no_update] * len(rule_form.FORM_FIELDS)
            values = rule_form.to_form(found)
        return [values.get(n) for n in rule_form.FORM_FIELDS]

    @callback(
        Output("rule-result", "children"),
        Output("alerts-refresh", "data", allow_duplicate=True),
        Input("rule-preview", "n_clicks"),
        Input("rule-save", "n_clicks"),
        *[State(FIELD_IDS[n], "value") for n in rule_form.FORM_FIELDS],
        State("alerts-as-of", "data"),
        State("alerts-refresh", "data"),
        prevent_initial_call=True,
    )
    def on_rule(_preview, _save, *args):
        *fields, as_of, refresh_count = args
        values = dict(zip(rule_form.FORM_FIELDS, fields, strict=True))
        if ctx.triggered_id == "rule-save":
            message, saved = save(values, auth.current())
            return message, (refresh_count or 0) + 1 if saved else no_update
        return preview(values, date.fromisoformat(as_of)), no_update
