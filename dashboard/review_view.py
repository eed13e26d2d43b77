"""What the Review page shows and does, as plain functions (tests call them without an
app): the pending claims, one claim beside its report text, review actions and reports
added by pasting or uploading."""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path

import pandas as pd
from dash import html

from dashboard import components as ui
from dashboard import state
from dashboard.claim_text import (
    highlighted,
    in_words,
    label,
    route_rows,
    sureness,
    what_it_counts,
)
from indicators.accounts import Account
from indicators.errors import InputError, StoreError
from indicators.limits import MAX_REPORT_KB, Deadline
from indicators.places import gazetteer
from indicators.report_files import kind_of
from indicators.report_ingest import ingest
from indicators.reports import read_report
from indicators.review import (
    CorrectionRefusedError,
    claims,
    correct,
    held,
    release,
    set_status,
)

REPORT_FIELDS = (
    ("publisher", "Publisher"),
    ("title", "Title"),
    ("url", "Address (URL)"),
    ("published", "Published (YYYY-MM-DD)"),
    ("country", "Country it is about (name or ISO3)"),
)


CORRECTABLE = (
    ("value_low", "Lowest value"),
    ("value_best", "Best value"),
    ("value_high", "Highest value"),
    ("qualifier", "Qualifier"),
    ("count_kind", "Kind of count (new, cumulative, stock)"),
    ("admin1_pcode", "Governorate p-code"),
    ("admin2_pcode", "District p-code"),
    ("date_start", "From (YYYY-MM-DD)"),
    ("date_end", "To (YYYY-MM-DD)"),
    ("population_group", "Population group (casualties)"),
    ("notes", "Notes"),
)


COUNTRY_BASIS = {
    "place": "from its place",
    "source": "the country its report is about",
    "default": "the default country: nothing in the report said",
    "stated": "as the imported table said",
    "migration": "stored before claims carried a country",
}


def pending() -> pd.DataFrame:
    """The claims waiting for review, the readings the extractor is least sure of first
    (claims entered by hand, which carry no confidence, last)."""
    rows = claims(state.store(), statuses=("pending",))
    if "confidence" not in rows.columns or rows.empty:
        return rows
    return rows.sort_values("confidence", kind="stable", na_position="last").reset_index(drop=True)


def pending_choices(current: str | None) -> tuple[list[dict], str | None, str]:
    """The pending claims as choices, the one to show and how many wait. The choice is the
    reviewer's: the current claim while it is still pending, else none (the list never
    moves to another claim by itself, so no click lands on a claim nobody chose)."""
    rows = pending()
    options = [{"label": label(r), "value": r["claim_id"]} for r in rows.to_dict("records")]
    ids = [o["value"] for o in options]
    value = current if current in ids else None
    count = (
        f"{ui.count(len(ids), 'claim')} waiting for review."
        if ids
        else "Nothing waits for review. Add a report below to read its figures."
    )
    return options, value, count


def detail(claim_id: str | None):
    """The claim's fields, its report text with the figure marked, and the form values."""
    empty_form = [None] * len(CORRECTABLE)
    if not claim_id:
        return (
            html.P("Choose a pending claim above: every action acts on the claim shown.",
                   className="hint"),
            None,
            empty_form,
        )  # fmt: skip
    rows = pending()
    rows = rows[rows["claim_id"] == claim_id]
    if rows.empty:
        return html.P("That claim is no longer pending.", className="hint"), None, empty_form
    row = {k: None if ui._missing(v) else v for k, v in rows.iloc[0].to_dict().items()}
    g = gazetteer()
    facts = [
        ("Figure as written", row.get("value_text")),
        (
            "Low / best / high",
            " / ".join(ui.number(row.get(k)) for k in ("value_low", "value_best", "value_high")),
        ),
        ("What", what_it_counts(row)),
        ("Kind of count", row.get("count_kind")),
        ("Group", row.get("population_group")),
        ("Place as written", row.get("location_text")),
        (
            "Country",
            f"{g.country_name(row.get('country'))} "
            f"({COUNTRY_BASIS.get(row.get('country_basis'), 'basis not recorded')})"
            if row.get("country")
            else "unknown",
        ),
        (
            "Governorate",
            g.admin1_name.get(
                row.get("admin1_pcode"), row.get("admin1_pcodes_spanned") or "unknown"
            ),
        ),
        *route_rows(row),
        ("Period", f"{ui.day_text(row.get('date_start'))} to {ui.day_text(row.get('date_end'))}"),
        ("How sure the reading is", sureness(row.get("confidence"))),
        ("Notes", row.get("notes")),
    ]
    if row.get("repeats"):
        facts.append(
            (
                "Repeats",
                f"claim {row['repeats']}: the same story from another outlet (or said twice); "
                "it is listed among that claim's carriers and never counts again",
            )
        )
    table = html.Table(
        html.Tbody(
            [
                html.Tr([html.Th(k), html.Td(str(v) if v is not None and not pd.isna(v) else "—")])
                for k, v in facts
            ]
        ),
        id="review-facts",
    )
    text = state.store().report_text(row["source_id"])
    shown = highlighted(
        text, row.get("quote"), row.get("char_start"), row.get("char_end"), row.get("value_text")
    )
    form = []
    for name, _ in CORRECTABLE:
        v = row.get(name)
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            form.append(None)
        elif isinstance(v, pd.Timestamp):
            form.append(v.date().isoformat())
        elif isinstance(v, float):
            form.append(f"{v:g}")
        else:
            form.append(str(v))
    return table, shown, form


def acting_on(claim_id: str | None) -> str:
    """The line above the actions: which claim they act on."""
    if not claim_id:
        return "No claim chosen: the actions below do nothing until you choose one."
    rows = pending()
    rows = rows[rows["claim_id"] == claim_id]
    if rows.empty:
        return "That claim is no longer pending."
    return f"Acting on: {in_words(rows.iloc[0].to_dict())}"


def review_action(
    action: str,
    claim_id: str | None,
    who: Account | None,
    reason: str | None,
    values: dict,
    shown: str | None = None,
):
    """Accept, reject or correct a claim as the signed-in account; the message, naming the
    claim. ``shown`` is the claim whose text the page shows: an action on another (the
    choice moved after the page was drawn) is refused."""
    if missing := ui.refused(who, "review", "review"):
        return missing
    if not claim_id:
        return ui.error_box("Choose a claim first: nothing was done.")
    if shown is not None and shown != claim_id:
        return ui.error_box(
            "Nothing was done: the claim chosen is not the one shown. Look at it, then act."
        )
    rows = pending()
    rows = rows[rows["claim_id"] == claim_id]
    words = in_words(rows.iloc[0].to_dict()) if len(rows) else claim_id
    actor = who.username
    try:
        if action == "accept":
            set_status(state.store(), [claim_id], "accepted", actor=actor, expect="pending")
            state.after_write()
            return _done(f"Accepted {words}: it now counts in the charts and alerts.")
        if action == "reject":
            if not (reason or "").strip():
                return ui.error_box(
                    f"Nothing was done: say why you reject {words} (a duplicate, not a "
                    "figure, the wrong place...) in the reason box, then reject."
                )
            set_status(
                state.store(),
                [claim_id],
                "rejected",
                actor=actor,
                reason=reason.strip(),
                expect="pending",
            )
            state.after_write()
            return _done(f"Rejected {words}: {reason.strip()}.")
        _, _, original = detail(claim_id)
        changes = {
            name: (values.get(name) or None)
            for (name, _), before in zip(CORRECTABLE, original, strict=True)
            if (values.get(name) or None) != before
        }
        if not changes:
            return ui.error_box("Nothing was changed: edit a field before saving a correction.")
        new_id = correct(state.store(), claim_id, changes, actor=actor, expect="pending")
        state.after_write()
        return _done(f"Corrected {words} as {new_id} (accepted); the original is kept, superseded.")
    except CorrectionRefusedError as err:
        return ui.error_box(
            [
                f"Nothing was changed: the correction of {words} is not valid.",
                html.Ul([html.Li(_in_words(issue)) for issue in err.issues]),
            ]
        )
    except (InputError, StoreError) as err:
        return ui.error_box(f"Nothing was changed. {err}")


def _done(text: str) -> html.Div:
    return html.Div(text, className="banner ok", role="status")


FIELD_LABELS = dict(CORRECTABLE)


def _in_words(issue) -> str:
    """A refused correction's issue as the reviewer typed it: the field's label, what was
    entered, and what is wrong (the rule id last, for whoever looks it up)."""
    field = FIELD_LABELS.get(issue.column or "", issue.column or "the claim")
    entered = f" '{issue.value}'" if issue.value not in (None, "") else ""
    return f"{field}{entered}: {issue.message} ({issue.rule})"


def held_list(who: Account | None) -> html.Div:
    """Accepted tolls held off the headline, each with why and, for a reviewer, a button
    that releases it."""
    rows = held(state.store())
    if rows.empty:
        return html.P(
            "No figure is held: no accepted count since a start is lower than an earlier one.",
            className="hint",
        )
    reviewer = who is not None and who.may("review")
    items = [
        html.Li(
            [
                html.Div(label(row)),
                html.P(row["held_reason"], className="hint"),
                html.Button(
                    "Release: it counts as it stands",
                    id={"type": "review-release", "claim": row["claim_id"]},
                    className="secondary",
                )
                if reviewer
                else None,
            ]
        )
        for row in rows.to_dict("records")
    ]
    return html.Div(
        [
            html.P(
                f"{len(items)} accepted figures are held off the headline until a reviewer "
                "releases them.",
                className="hint",
            ),
            html.Ul(items, className="claims", id="held-claims"),
        ]
    )


def release_action(claim_id: str | None, who: Account | None):
    """Release a held figure as the signed-in account; the message."""
    if missing := ui.refused(who, "review", "release"):
        return missing
    if not claim_id:
        return ui.error_box("Choose a held figure first.")
    try:
        release(state.store(), [claim_id], actor=who.username)
    except (InputError, StoreError) as err:
        return ui.error_box(f"Nothing was changed. {err}")
    state.after_write()
    return html.Div(
        f"Released {claim_id}: it now counts in the charts and alerts as it stands.",
        className="banner ok",
    )


def add_report(text: str | None, name: str, who: Account | None, meta: dict):
    """Ingest a report's text as the signed-in account; the message for the page."""
    if missing := ui.refused(who, "review", "report added"):
        return missing
    if not (text or "").strip():
        return ui.error_box("The report is empty: paste its text or choose a file.")
    deadline = Deadline()  # from the moment the text arrived
    name = Path(name).name or "report.txt"
    size = len(text.encode("utf-8"))
    if size > MAX_REPORT_KB.bytes():  # before anything is written or read
        return ui.error_box(f"Nothing was stored. {MAX_REPORT_KB.over(size / 2**10, subject=name)}")
    return _read_and_store(text.encode("utf-8"), "txt", name, who, meta, deadline)


def _read_and_store(data: bytes, suffix: str, name: str, who: Account, meta: dict, deadline):
    """Read a report file's bytes as a file of its kind and store it; the message."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"report.{suffix}"  # the sender's name may be long or in any script
        path.write_bytes(data)
        try:
            report = read_report(path, name=name, deadline=deadline, **_options(meta))
            done = ingest(state.store(), report, actor=who.username, deadline=deadline)
        except (InputError, StoreError) as err:
            return ui.error_box(f"Nothing was stored. {err}")
    return _ingested(name, done, report)


def _ingested(name: str, done, report) -> html.Div:
    """What a person is told once a report is read: stored and how many figures wait for
    review, or already there."""
    if not done.new:
        return html.Div(
            f"{name}: already stored as {done.source_id}; nothing changed.", className="banner"
        )
    counts = ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in done.claims.items()) or "no figures"
    read_from = {"html": " (the page's main text)", "pdf": " (the PDF's text)"}.get(
        report.file_kind, ""
    )
    return html.Div(
        f"{name}: stored as {done.source_id}{read_from}; waiting for review: {counts}.",
        className="banner ok",
        id="ingest-ok",
    )


def add_uploaded_report(contents: str, filename: str | None, who: Account | None, meta: dict):
    """Ingest an uploaded report file (as the browser sends it: base64); the message. A web
    page or a PDF is read as the text taken from it."""
    name = Path(filename or "report.txt").name or "report.txt"
    try:
        data = base64.b64decode(contents.partition(",")[2], validate=True)
    except (binascii.Error, ValueError):
        return ui.error_box(f"{name}: the file did not arrive whole; nothing was stored.")
    if kind_of(name) in ("html", "pdf"):
        return add_report_file(data, name, who, meta)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ui.error_box(
            f"{name}: not a UTF-8 text file (nor a web page or a PDF by its name); "
            "nothing was stored."
        )
    return add_report(text, name, who, meta)


def add_report_file(data: bytes, name: str, who: Account | None, meta: dict):
    """Ingest a web page or a PDF report as the signed-in account; the message."""
    if missing := ui.refused(who, "review", "report added"):
        return missing
    return _read_and_store(data, kind_of(name), name, who, meta, Deadline())


def _options(meta: dict) -> dict:
    """The report's details as a person filled them in (blank: not given)."""
    return {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in meta.items()}
