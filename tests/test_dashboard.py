"""The dashboard through the Flask test client, and its callbacks called as plain functions.

Browser journeys are in test_browser.py; these run on a real SQLite file (and PostgreSQL
where a store fixture is parametrised)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import html

from dashboard import query, state, strain_view, views
from dashboard.app import create_app, nav
from indicators import exports
from indicators.alerts.lifecycle import rules
from indicators.review import claims
from indicators.store import Store
from tests.conftest import ROOT
from tests.tables import ALERT_MANAGER, EDITOR, SEED_KILLED, VIEWER

PEAK = "2024-12-05"  # the offensive as it stood; the default data runs to 31 Dec 2024


@pytest.fixture
def app(default_store: Store):
    return create_app(default_store)


@pytest.fixture
def served(default_store: Store) -> Store:
    """The default store served by this process, without a Dash app: the view functions of
    Review, Data and Alerts need no app."""
    state.use(default_store)
    return default_store


@pytest.fixture
def client(app):
    return app.server.test_client()


def drawn(fig: dict) -> go.Figure:
    """A figure dict as plotly objects: its traces read by attribute, and every property
    the dict sets checked by plotly's validators (a misspelt one raises)."""
    assert isinstance(fig, dict), "figures are plain dicts (issue 15)"
    return go.Figure(fig)


def levels_of(fig: go.Figure) -> set[float]:
    """The levels of the rules drawn on a trend chart."""
    return {t.y[0] for t in fig.data if getattr(t, "mode", None) == "lines+text"}


def text_of(component) -> str:
    """Every string in a component tree (what a reader would see), joined."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(text_of(c) for c in component)
    return text_of(getattr(component, "children", None))


def _all(component) -> list:
    """Every component in a tree, depth first."""
    if isinstance(component, (list, tuple)):
        return [x for c in component for x in _all(c)]
    if not hasattr(component, "to_plotly_json"):
        return []
    return [component, *_all(getattr(component, "children", None))]


def ids_of(component) -> set[str]:
    found: set[str] = set()

    def walk(c):
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif hasattr(c, "to_plotly_json"):
            cid = getattr(c, "id", None)
            if isinstance(cid, str):
                found.add(cid)
            walk(getattr(c, "children", None))

    walk(component)
    return found


# -- every page answers ------------------------------------------------------------------------


def test_every_page_answers_through_the_flask_client(client) -> None:
    for _, path in nav():
        response = client.get(path)
        assert response.status_code == 200, path
        assert "impact-monitor" in response.get_data(as_text=True)
    layout = json.dumps(client.get("/_dash-layout").get_json())
    names = ["Overview", "Casualties", "Displacement", "Hospitals", "Alerts", "Review", "Data"]
    assert [name for name, _ in nav()] == names  # from Dash's page registry, in order
    for label, _ in nav():
        assert f"nav-{label.lower()}" in layout


def test_every_page_layout_renders_with_and_without_filters(app) -> None:
    import dash

    for page in dash.page_registry.values():
        for params in ({}, {"as_of": PEAK, "admin1": "SY02", "from": "2024-11-27"}):
            rendered = page["layout"](**params)
            assert rendered is not None, page["path"]


def test_assets_are_served_locally_with_no_cdn(client) -> None:
    page = client.get("/").get_data(as_text=True)
    assert "unpkg" not in page and "cdn" not in page.lower()
    scripts = [part.split('"')[0] for part in page.split('src="')[1:]]
    assert scripts
    for script in scripts:
        assert script.startswith("/"), script  # from this server
        with client.get(script) as answer:  # a file from assets/ is sent as an open file
            assert answer.status_code == 200, script


def test_a_server_error_shows_no_traceback(app, monkeypatch) -> None:
    from dashboard import api

    def boom():
        raise RuntimeError("secret internals")

    monkeypatch.setattr(api, "status_payload", boom)
    response = app.server.test_client().get("/api/v1/status.json")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and "secret internals" not in body
    assert "Nothing you entered was saved" in body


# -- the address bar ---------------------------------------------------------------------------


def test_filters_round_trip_through_the_address() -> None:
    search = query.search(
        "2024-11-27", "2024-12-10", ["SY02", "SY07"], ["SY0200"], "children", PEAK
    )
    view = query.parse(search)
    assert view.filters.date_from == date(2024, 11, 27)
    assert view.filters.date_to == date(2024, 12, 10)
    assert view.filters.admin1 == ("SY02", "SY07")
    assert view.filters.admin2 == ("SY0200",)
    assert view.filters.group == "children"
    assert view.as_of == date(2024, 12, 5)
    assert view.problems == ()
    assert query.search() == ""


def test_an_address_that_cannot_be_read_is_named_not_guessed() -> None:
    view = query.parse("from=yesterday&admin1=SY99&group=martians")
    assert view.filters.date_from is None and view.filters.admin1 == ()
    assert any("'from=yesterday'" in p for p in view.problems)
    assert any("SY99" in p for p in view.problems)
    assert any("martians" in p for p in view.problems)


# -- overview ----------------------------------------------------------------------------------


def test_overview_shows_alerts_first_then_the_seed_offensive_headlines(app) -> None:
    from dashboard.pages import overview

    page = overview.layout(as_of=PEAK)
    shown = text_of(page)
    assert shown.index("Alerts as they stood") < shown.index("Headline figures")
    assert "Death toll across the country" in shown
    # the national toll with its spread (the regions' 514 is a region's, drawn apart)
    assert "412" in shown and "range 412 to 500" in shown
    assert "overwhelmed" in shown  # Aleppo's hospitals, from the seed report
    assert "694 days" not in shown or "archive" in shown
    assert "archive, not today's situation" in shown  # the 2024 data is never passed off as today


def test_a_headline_is_unknown_not_zero_when_nothing_is_reported(empty_store: Store) -> None:
    create_app(empty_store)  # before the page: Dash registers pages on an app
    from dashboard.pages import overview

    shown = text_of(overview.layout())
    assert "unknown" in shown
    assert "no country-wide figure yet" in shown
    assert "holds no accepted figures" in shown


# -- trend pages -------------------------------------------------------------------------------


def test_trend_keeps_tolls_and_new_counts_on_separate_axes_with_bands_and_lines(app) -> None:
    fig = drawn(views.trend_view("killed", query.parse(f"as_of={PEAK}"))[0])
    layout = fig.layout
    titles = [a.text for a in layout.annotations if a.text]
    assert any("Cumulative" in t for t in titles) and any("New in the period" in t for t in titles)
    # the toll's disagreement (412 vs 500 on 2 Dec) is drawn: a bar on the day, and a band
    # only over consecutive reported days
    assert any(t.fill == "toself" for t in fig.data)
    assert any(t.error_y is not None and t.error_y.array is not None for t in fig.data)
    # the national rule's warning and critical levels are drawn
    assert {100.0, 500.0} <= levels_of(fig)
    # the alert that fires shows as a marker
    assert any(t.name == "critical alert" for t in fig.data)
    assert len(fig.to_json()) < 300_000


def test_trend_leaves_gaps_where_nothing_was_reported(app) -> None:
    import numpy as np

    fig = drawn(
        views.trend_view("displaced_new", query.parse("as_of=2024-12-31&from=2024-11-26"))[0]
    )
    lines = [t for t in fig.data if t.customdata is not None]
    assert lines
    values = [np.asarray(t.y, dtype=float) for t in lines]
    assert any(np.isnan(v).any() for v in values)  # days with no report are gaps
    assert not any((v == 0).any() for v in values)  # never zeros
    assert all(t.connectgaps is False for t in lines)
    assert all(t.dx == 86_400_000 for t in lines)  # one value per calendar day


def test_clicking_a_point_lists_every_claim_with_its_quote_and_link(app) -> None:
    view = query.parse(f"as_of={PEAK}&admin1=SY02")
    fig = drawn(views.trend_view("killed", view)[0])
    line = next(t for t in fig.data if t.name == "Aleppo" and t.customdata is not None)
    ref = next(row for row in line.customdata if row[0])
    listing = views.claims_view("killed", view, {"points": [{"customdata": list(ref)}]})
    shown = text_of(listing)
    assert "behind this point" in shown
    assert "claim " in shown
    assert views.claims_view("killed", view, None) is not None  # a hint before any click


def test_seed_claim_is_behind_a_point_of_the_casualties_chart(app) -> None:
    # the seed report's figure: at least 20 fighters killed in Aleppo on 30 Nov
    view = query.parse(f"as_of={PEAK}&admin1=SY02&group=fighters")
    fig = drawn(views.trend_view("killed", view)[0])
    refs = [row[0] for t in fig.data if t.customdata is not None for row in t.customdata if row[0]]
    found = []
    for ref in refs:
        listing = text_of(views.claims_view("killed", view, {"points": [{"customdata": [ref]}]}))
        found.append(SEED_KILLED in listing)
    assert any(found)
    everyone = query.parse(f"as_of={PEAK}&admin1=SY02")  # a fighters' count is not everyone's
    fig = drawn(views.trend_view("killed", everyone)[0])
    assert not any(20.0 in list(t.y) for t in fig.data if t.y is not None and t.name == "Aleppo")


def test_an_empty_selection_says_what_to_do(app) -> None:
    fig, notes = views.trend_view("missing", query.parse(f"as_of={PEAK}&admin1=SY13"))
    fig = drawn(fig)
    assert "No accepted figures" in fig.layout.annotations[0].text
    assert "Review pending claims" in text_of(notes)


def test_hospitals_page_shows_strain_attacks_and_says_when_occupancy_is_unknown(app) -> None:
    from dashboard.pages import hospitals

    strain, occupancy, facilities = hospitals.hospital_view(query.parse(f"as_of={PEAK}"))
    assert "Aleppo" in text_of(strain[0])
    # issue 18: a panel with no data is one sentence saying what would fill it, no chart
    assert isinstance(occupancy, html.P)
    assert "No bed-occupancy figures yet" in text_of(occupancy)
    assert "beds_staffed and beds_occupied" in text_of(occupancy)
    assert "No facility-level reports" in text_of(facilities)  # a sentence, not an empty grid
    facility = pd.DataFrame(
        {"facility_name": ["Al-Razi hospital"], "date_end": [pd.Timestamp("2024-12-01")],
         "occupancy_pct": [None]}
    )  # fmt: skip
    listed = text_of(hospitals.facilities_block(facility))
    assert "Al-Razi hospital" in listed and "1 Dec 2024" in listed and "nan" not in listed


# -- alerts and thresholds ---------------------------------------------------------------------


def _rule_form(**changes) -> dict:
    values = {
        "rule_id": "aleppo-killed",
        "name": "Killed in Aleppo",
        "indicator": "killed",
        "condition": "level",
        "window": "max",
        "window_days": "14",
        "group_by": "admin1",
        "scope_admin1": ["SY02"],
        "population_group": None,
        "warning": "5",
        "critical": "30",
        "uncertainty": "range",
        "rise_floor": "0",
        "pending_days": "0",
        "cooldown_days": "0",
        "recovery": None,
        "activity_indicator": None,
        "activity_days": "14",
        "facility": None,
        "reason": "test",
        "enabled": ["enabled"],
    }
    values.update(changes)
    return values


def test_a_rule_is_previewed_before_saving_and_nothing_is_saved(default_store: Store, app) -> None:
    from dashboard import rule_editor as editor

    before = len(rules(default_store))
    shown = text_of(editor.preview(_rule_form(), date(2024, 12, 5)))
    assert "Not saved" in shown and "would have raised" in shown
    assert len(rules(default_store)) == before


def test_a_bad_rule_is_refused_with_every_reason(default_store: Store, app) -> None:
    from dashboard import rule_editor as editor

    message, saved = editor.save(
        _rule_form(warning="ten", critical="3", window_days="-1"), ALERT_MANAGER
    )
    shown = text_of(message)
    assert not saved
    assert "Warning level: 'ten' is not a number" in shown
    message, saved = editor.save(_rule_form(warning="50", critical="3"), ALERT_MANAGER)
    assert "below the warning level" in text_of(message) and not saved
    message, saved = editor.save(_rule_form(), None)
    assert "Sign in" in text_of(message) and not saved
    message, saved = editor.save(_rule_form(), EDITOR)  # an editor does not set thresholds
    assert "needs the alert manager role" in text_of(message) and not saved
    assert "aleppo-killed" not in {r.rule_id for r in rules(default_store)}


def test_a_saved_threshold_shows_at_once_in_the_chart_and_the_alerts(
    default_store: Store, app
) -> None:
    from dashboard import rule_editor as editor

    message, saved = editor.save(_rule_form(), ALERT_MANAGER)
    assert saved and "version 1" in text_of(message)
    view = query.parse(f"as_of={PEAK}&admin1=SY02")
    fig = drawn(views.trend_view("killed", view)[0])
    assert {5.0, 30.0} <= levels_of(fig)
    current, _ = state.current_alerts(date(2024, 12, 5))
    assert "aleppo-killed" in set(current["rule_id"])


def test_alerts_are_acknowledged_silenced_and_resolved_with_who(
    default_store: Store, served
) -> None:
    from dashboard import alerts_view as alerts
    from dashboard import rule_editor as editor

    day = state.default_as_of()
    editor.preview(_rule_form(window="max", window_days="60"), day)
    editor.save(
        _rule_form(rule_id="toll-any", name="Any toll", window_days="60", scope_admin1=[]),
        ALERT_MANAGER,
    )
    current, live = state.current_alerts(day)
    assert live and not current.empty
    alert_id = int(current["alert_id"].iloc[0])

    def act(action, alert_id, who, comment, until):
        return alerts.act(action, alert_id, who, comment, until)

    manager = ALERT_MANAGER
    assert "Sign in" in text_of(act("ack", alert_id, None, None, None))
    assert "needs the alert manager role" in text_of(act("ack", alert_id, EDITOR, None, None))
    assert "acknowledged by Amina" in text_of(act("ack", alert_id, manager, "seen", None))
    assert "say why" in text_of(act("silence", alert_id, manager, "", "2030-01-01"))
    assert "silenced" in text_of(act("silence", alert_id, manager, "known", "2030-01-01"))
    assert "resolved" in text_of(act("resolve", alert_id, manager, "done", None))
    assert "already resolved" in text_of(act("resolve", alert_id, manager, None, None))
    shown = text_of(alerts.history_view())
    assert "acknowledged" in shown and "Amina" in shown


def test_a_look_at_an_earlier_day_changes_no_stored_alert(default_store: Store, app) -> None:
    from indicators.alerts.lifecycle import all_alerts

    before = all_alerts(default_store)
    current, live = state.current_alerts(date(2024, 12, 5))
    assert not live and not current.empty
    assert len(all_alerts(default_store)) == len(before)


# -- review ------------------------------------------------------------------------------------


REPORT = (
    "Airstrikes on Saraqib in Idleb governorate killed at least 12 civilians on "
    "3 December 2024, the health directorate said.\n"
)


def test_a_pasted_report_is_ingested_and_its_claim_accepted_into_the_chart(
    default_store: Store, served
) -> None:
    from dashboard import review_view as review

    meta = {"publisher": "Test wire", "title": "t", "url": None, "published": "2024-12-04"}
    shown = text_of(review.add_report(REPORT, "pasted.txt", EDITOR, meta))
    assert "waiting for review" in shown
    pending = claims(default_store)
    assert len(pending) == 1
    claim_id = pending["claim_id"].iloc[0]
    _facts, text, _form = review.detail(claim_id)
    assert "12" in text_of(text) and "Airstrikes" in text_of(text)  # the text, figure marked
    assert "already stored" in text_of(review.add_report(REPORT, "again.txt", EDITOR, meta))
    shown = text_of(review.review_action("accept", claim_id, EDITOR, None, {}))
    assert "Accepted" in shown
    # a second reviewer who still had the claim on screen is told, and changes nothing
    late = text_of(review.review_action("reject", claim_id, EDITOR, "dup", {}))
    assert "Nothing was changed" in late and "was accepted by Amina" in late
    assert "reload" in late
    fig = drawn(
        views.trend_view("killed", query.parse("as_of=2024-12-05&admin1=SY07&group=civilians"))[0]
    )
    assert any(12.0 in list(t.y) for t in fig.data if t.y is not None)


def test_a_correction_keeps_the_original_and_a_bad_one_changes_nothing(
    default_store: Store, served
) -> None:
    from dashboard import review_view as review

    meta = {"publisher": "Test wire", "title": None, "url": None, "published": None}
    review.add_report(REPORT, "r.txt", EDITOR, meta)
    claim_id = claims(default_store)["claim_id"].iloc[0]
    _, _, form = review.detail(claim_id)
    values = dict(zip([n for n, _ in review.CORRECTABLE], form, strict=True))
    assert "Nothing was changed" in text_of(
        review.review_action("correct", claim_id, EDITOR, None, values)
    )
    bad = {**values, "date_end": "3rd of December"}
    assert "Nothing was changed" in text_of(
        review.review_action("correct", claim_id, EDITOR, None, bad)
    )
    assert claims(default_store)["claim_id"].tolist() == [claim_id]
    good = {**values, "value_best": "14", "value_low": "14"}
    assert "superseded" in text_of(review.review_action("correct", claim_id, EDITOR, None, good))
    statuses = claims(default_store, statuses=None, table="casualties").set_index("claim_id")
    assert statuses.loc[claim_id, "review_status"] == "superseded"
    assert statuses.loc[f"{claim_id}-c1", "review_status"] == "accepted"


def test_review_cannot_act_on_a_claim_the_reviewer_did_not_choose(
    default_store: Store, served
) -> None:
    """Issue 15: reject worked with an empty reason, the list then moved to another claim,
    and the next click rejected a claim the reviewer never chose; a bad correction showed
    'row 2 ... error E0010'."""
    from dashboard import review_view as review

    meta = {"publisher": "Test wire", "title": None, "url": None, "published": "2024-12-04"}
    review.add_report(REPORT + " Another strike killed 3 people in Ariha on 4 December 2024.",
                      "r.txt", EDITOR, meta)  # fmt: skip
    first, second = claims(default_store)["claim_id"].tolist()[:2]
    # nothing is chosen until the reviewer chooses
    assert review.pending_choices(None)[1] is None
    said = text_of(review.review_action("reject", first, EDITOR, "  ", {}, shown=first))
    assert "say why you reject" in said and first in said and "12" in said
    assert first in claims(default_store)["claim_id"].tolist()  # still pending
    # the page showed one claim while the choice pointed at another: refused
    said = text_of(review.review_action("accept", second, EDITOR, None, {}, shown=first))
    assert "not the one shown" in said
    assert claims(default_store)["claim_id"].tolist()[:2] == [first, second]
    said = text_of(review.review_action("reject", first, EDITOR, "duplicate", {}, shown=first))
    assert said.startswith("Rejected") and first in said and "duplicate" in said
    # done: the choice does not move on to the next claim by itself
    assert review.pending_choices(first)[1] is None
    assert "Choose a claim first" in text_of(review.review_action("reject", None, EDITOR, "x", {}))
    # a bad correction is told in words, naming the field as the form labels it
    _, _, form = review.detail(second)
    values = dict(zip([n for n, _ in review.CORRECTABLE], form, strict=True))
    twelve = {**values, "value_best": "twelve"}
    said = text_of(review.review_action("correct", second, EDITOR, None, twelve, shown=second))
    assert "Best value 'twelve': not a number" in said and "row 2" not in said


# -- data and downloads ------------------------------------------------------------------------


def test_every_table_downloads_in_every_format_whole_and_filtered(client) -> None:
    from indicators.formats import FORMATS

    for table in ("sources", "casualties", "displacement", "hospital_strain"):
        for fmt in FORMATS.values():
            response = client.get(f"/api/v1/tables/{table}{fmt.suffix}")
            assert response.status_code == 200, (table, fmt.suffix)
            assert "attachment" in response.headers["Content-Disposition"]
            assert response.headers["Content-Type"] == fmt.media_type  # charset once
    whole = pd.read_csv(io.BytesIO(client.get("/api/v1/tables/casualties.csv").data))
    part = pd.read_csv(
        io.BytesIO(
            client.get(
                "/api/v1/tables/casualties.csv?admin1=SY02&from=2024-11-27&to=2024-12-10"
            ).data
        )
    )
    assert 0 < len(part) < len(whole)
    assert set(part["admin1_pcode"].dropna()) <= {"SY02"}
    hxl = client.get("/api/v1/tables/casualties.hxl.csv").get_data(as_text=True).splitlines()
    assert hxl[1].startswith("#")
    workbook = pd.ExcelFile(
        io.BytesIO(client.get("/api/v1/tables/casualties.xlsx").data), engine="calamine"
    )
    assert {"data", "dictionary", "sources"} <= set(workbook.sheet_names)
    payload = client.get("/api/v1/tables/displacement.json").get_json()
    assert payload["meta"]["table"] == "displacement" and payload["data"]


def test_a_wrong_download_address_says_what_is_wrong(client) -> None:
    for address, words in (
        ("/api/v1/tables/deaths.csv", "unknown table 'deaths'"),
        ("/api/v1/tables/casualties.pdf", "unknown format"),
        ("/api/v1/tables/casualties.csv?admin1=SY99", "SY99"),
        ("/api/v1/tables/casualties.csv?from=tomorrow", "'tomorrow' is not a date"),
        ("/api/v1/alerts.json?as_of=soon", "'soon' is not a date"),
    ):
        response = client.get(address)
        assert response.status_code == 400, address
        assert words in response.get_data(as_text=True), address


def test_alerts_json_lists_open_alerts_with_their_claims(client) -> None:
    payload = client.get(f"/api/v1/alerts.json?as_of={PEAK}").get_json()
    assert payload["as_of"] == PEAK
    names = {a["rule_name"] for a in payload["alerts"]}
    assert "Death toll across the country" in names
    assert all(a["claim_ids"] is not None for a in payload["alerts"])


def test_browse_gives_rows_and_filtered_download_links(served) -> None:
    from dashboard import data_view as data

    rows, defs, count, links = data.browse("casualties", ["SY02"], "2024-11-27", None)
    assert rows and defs[0]["field"] == "location_text"  # where, what, how many, when first
    fields = [d["field"] for d in defs]
    assert fields.index("figure") < fields.index("date_end") < fields.index("quote")
    assert fields.index("quote") < fields.index("value_best")
    assert fields.index("quote") < fields.index("claim_id") and fields[-1] in exports.READING_LAST
    assert "rows" in count
    hrefs = [c.href for c in links if isinstance(c, html.A)]
    assert "/api/v1/tables/casualties.csv?admin1=SY02&from=2024-11-27" in hrefs
    assert "/api/v1/tables/casualties.csv" in hrefs  # the whole table too


def _upload(text: str) -> str:
    import base64

    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def test_an_upload_with_a_bad_row_shows_it_and_writes_nothing(default_store: Store, served) -> None:
    from dashboard import data_view as data

    before = default_store.counts()
    audit = len(default_store.audit())
    bad = (
        "source_id,outcome,count_kind,value_low,value_best,value_high,unit,qualifier,"
        "admin1_pcode,date_end\n"
        "afp-2024-11-29-3697b4,killed,new,12,12,12,people,exact,SY02,2024-12-03\n"
        "afp-2024-11-29-3697b4,killed,new,12,twelve,12,people,exact,SY02,2024-12-03\n"
    )
    shown = text_of(data.upload(_upload(bad), "bad.csv", "casualties", EDITOR, False))
    assert "Nothing was written" in shown
    assert "3" in shown and "value_best" in shown and "twelve" in shown
    assert default_store.counts() == before and len(default_store.audit()) == audit
    good = "\n".join(bad.splitlines()[:2]) + "\n"
    shown = text_of(data.upload(_upload(good), "good.csv", "casualties", EDITOR, False))
    assert "imported 1 rows" in shown and "pending review" in shown
    assert "Sign in" in text_of(data.upload(_upload(good), "g.csv", "casualties", None, False))
    refused = data.upload(_upload(good), "g.csv", "casualties", VIEWER, False)
    assert "needs the editor role" in text_of(refused)
    garbage = "data:text/csv;base64,@@@"
    assert "damaged" in text_of(data.upload(garbage, "x.csv", "casualties", EDITOR, False))


def test_an_upload_in_a_publishers_layout_is_recognised(default_store: Store, served) -> None:
    """Issue 17: WHO's attacks on health care export, uploaded on the Data page whatever
    table is chosen, is read through its mapping and says so; a file of no known layout is
    told which columns could not be placed, not one error per column."""
    from dashboard import data_view as data
    from tests.test_mappings import WHO_HEADER, who_row

    rows = [who_row("SYR77", "2024-12-04 08:00:00"), who_row("SYR78", "2024-12-05")]
    text = ",".join(WHO_HEADER) + "\n" + "\n".join(",".join(r[h] for h in WHO_HEADER) for r in rows)
    before = default_store.counts()
    shown = text_of(data.upload(_upload(text + "\n"), "ssa.csv", "casualties", EDITOR, False))
    assert (
        "layout who-ssa-dashboard v1" in shown
        and "Imported into 'hospital_strain'" in shown
        and ": 2 new, 0 changed" in shown
    )
    ids = set(default_store.read("hospital_strain", statuses=None)["claim_id"])
    assert {"who-ssa-SYR77", "who-ssa-SYR78"} <= ids
    odd = "Incident,When,Dead\nx,2024-12-01,3\n"
    shown = text_of(data.upload(_upload(odd), "mine.csv", "casualties", EDITOR, False))
    assert "Nothing was written" in shown
    assert "columns not placed: 'Incident', 'When', 'Dead'" in shown
    assert default_store.counts()["casualties"] == before["casualties"]


def test_a_failing_callback_shows_a_plain_message_and_logs_it(app, caplog) -> None:
    from dash._callback_context import context_value
    from dash._utils import AttributeDict

    from dashboard.app import show_error

    context_value.set(AttributeDict(updated_props={}))
    show_error(RuntimeError("secret internals"))
    assert "secret internals" in caplog.text  # for whoever runs the server
    shown = str(context_value.get().updated_props)
    assert "Nothing you entered was lost" in shown and "secret internals" not in shown


@pytest.mark.parametrize(
    ("admin1", "start", "end"),
    [((), None, None), (("SY02",), None, None), (("SY02", "SY07"), "2024-11-28", "2024-12-02")],
)
def test_rows_counted_in_memory_match_the_store(default_store: Store, app, admin1, start, end):
    from indicators.trends import filtered_ids

    first = date.fromisoformat(start) if start else None
    last = date.fromisoformat(end) if end else None
    for table in ("casualties", "displacement", "hospital_strain"):
        total, ids = filtered_ids(state.model(), table, admin1, first, last, 10_000)
        stored = default_store.read(table, admin1=admin1, date_from=first, date_to=last)
        assert (
            total
            == len(stored)
            == default_store.count(table, admin1=admin1, date_from=first, date_to=last)
        )
        assert ids == stored["claim_id"].tolist()


def test_with_no_place_chosen_the_busiest_governorates_are_drawn_and_the_rest_named(
    app,
) -> None:
    from indicators import trends

    snap = state.model()
    filters = trends.Filters(date_from=date(2024, 11, 1), date_to=date(2024, 12, 31))
    everything = trends.trend(snap, "attacks_on_health_care", filters)
    drawn = trends.trend(snap, "attacks_on_health_care", filters, max_places=1)
    local = sorted(set(everything["unit"]) - {trends.WIDE})
    assert len(local) >= 1
    assert set(drawn["unit"]) - {trends.WIDE} == set(local[:1]) or len(local) == 1
    assert len(drawn.attrs["hidden"]) == len(local) - 1
    assert trends.WIDE in set(drawn["unit"])  # the country-wide line always stays
    chosen = trends.Filters(admin1=("SY02",), date_to=date(2024, 12, 31))
    assert trends.trend(snap, "killed", chosen, max_places=1).attrs["hidden"] == []


def test_the_overview_offers_another_day(app) -> None:
    from dashboard.pages import overview

    assert overview.another_day("2024-12-05", None) == "/?as_of=2024-12-05"
    assert overview.another_day("2024-12-05", "LBN") == "/?country=LBN&as_of=2024-12-05"
    assert overview.another_day(None, None) == "/"
    assert {"overview-as-of", "overview-country"} <= ids_of(overview.layout())


def test_the_band_is_never_drawn_across_a_day_with_no_report() -> None:
    from dashboard.figures_trend import band as _band

    daily = pd.DataFrame(
        {
            "day": ["2024-12-01", "2024-12-02", "2024-12-03", "2024-12-04", "2024-12-05"],
            "low": [10.0, 12.0, None, 20.0, 30.0],
            "high": [15.0, 18.0, None, 25.0, 30.0],
        }
    )
    xs, _ys = _band(daily)
    shapes = [[]]
    for x in xs:
        if x is None:
            shapes.append([])
        else:
            shapes[-1].append(x)
    shapes = [set(s) for s in shapes if s]
    assert shapes == [{"2024-12-01", "2024-12-02"}, {"2024-12-04", "2024-12-05"}]
    assert all("2024-12-03" not in s for s in shapes)


def test_responses_are_compressed_for_slow_connections(client) -> None:
    page = client.get("/data").get_data(as_text=True)  # a page with a table
    script = next(p.split('"')[0] for p in page.split('src="')[1:] if "ag_grid" in p)
    plain = client.get(script)
    packed = client.get(script, headers={"Accept-Encoding": "gzip"})
    assert packed.headers.get("Content-Encoding") in ("gzip", "br", "zstd", "deflate")
    assert len(packed.data) < len(plain.data) / 2


def test_the_view_functions_of_review_data_and_alerts_need_no_app(tmp_path: Path) -> None:
    """Their logic lives outside the page modules: importing and calling it builds no app
    (importing a page module before an app exists raises in Dash)."""
    code = (
        "import dash\n"
        "from dashboard import alerts_view, data_view, review_view, state\n"
        "from indicators.defaults import open_store\n"
        f"state.use(open_store('sqlite:///{tmp_path / 'v.sqlite'}'))\n"
        "options, value, count = review_view.pending_choices(None)\n"
        "rows, defs, _, _ = data_view.browse('casualties', [], None, None)\n"
        "alerts_view.history_view()\n"
        "assert dash.page_registry == {} and rows and defs, 'an app was built'\n"
        "print(count)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Nothing waits for review" in result.stdout


def test_a_new_worker_has_its_callbacks_before_its_first_request(default_store: Store) -> None:
    """Dash moves callbacks into the app at the first request: the first requests of a
    worker arriving together answered 500 ('Callback function not found')."""
    from concurrent.futures import ThreadPoolExecutor

    app = create_app(default_store, upkeep=False)
    [key] = [k for k in app.callback_map if "hospitals-strain-block.children" in k]  # at once
    spec = app.callback_map[key]
    body = {
        "output": key,
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]}
                    for o in key.strip(".").split("...")],
        "inputs": [{**i, "value": None} for i in spec["inputs"]],
        "state": [{**s, "value": None} for s in spec["state"]],
        "changedPropIds": [],
    }  # fmt: skip
    client = app.server.test_client()

    def first(_: int) -> int:
        answer = client.post(
            "/_dash-update-component", json=body, headers={"Origin": "http://localhost"}
        )
        return answer.status_code

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(first, range(8))) == [200] * 8


def _links(component) -> dict[str, str]:
    """Every link in a component tree: its text, its address."""
    found: dict[str, str] = {}
    if isinstance(component, (list, tuple)):
        for c in component:
            found.update(_links(c))
    elif isinstance(component, html.A):
        found[text_of(component)] = component.href
    elif component is not None and not isinstance(component, (str, int, float)):
        found.update(_links(getattr(component, "children", None)))
    return found


def test_every_link_between_pages_keeps_the_day(app) -> None:
    """The Overview listed six alerts as of 5 December; its 'All 6 open alerts' link dropped
    the day, and the Alerts page then said there were none."""
    from dashboard import alerts_view
    from dashboard.app import nav_links
    from dashboard.pages import overview

    day = date(2024, 12, 5)
    with app.server.test_request_context("/"):
        links = nav_links("?as_of=2024-12-05&country=SYR&admin1=SY02")
    assert links and all(a.href.endswith("?as_of=2024-12-05&country=SYR") for a in links)
    section = overview.alerts_section(day, "SYR")
    [(label, href)] = [(t, h) for t, h in _links(section).items() if "open alerts" in t]
    assert href == "/alerts?country=SYR&as_of=2024-12-05"
    shown = int(label.split()[1])
    view = query.parse(href.split("?")[1])
    listed = alerts_view.open_alerts_view(views.as_of(view), view.filters.country)
    rows = [i for i in ids_of(listed) if str(i).startswith("alert-row-")]
    assert shown >= 1 and len(rows) >= shown  # the same alerts (the silenced ones besides)


def test_the_editor_says_before_saving_what_a_sum_cannot_see(app) -> None:
    """A rule over a 7-day sum of people killed ignored every toll, and the back-test showed
    0 alerts with no word why."""
    from dashboard import rule_editor as editor

    summed = _rule_form(window="sum", window_days="7", scope_admin1=[], group_by="all")
    shown = text_of(editor.preview(summed, date(2024, 12, 5)))
    assert "adds up new counts only" in shown and "tolls (cumulative)" in shown
    assert "choose the window 'latest'" in shown
    latest = text_of(editor.preview(_rule_form(window="latest"), date(2024, 12, 5)))
    assert "adds up new counts only" not in latest


def test_the_rule_editor_shows_only_the_fields_of_the_chosen_condition(app) -> None:
    from dashboard import rule_editor as editor

    shown = dict(zip(editor.ONLY_FOR, editor.fields_shown("no_data"), strict=True))
    assert shown["activity_indicator"] == {} and shown["rise_floor"] == {"display": "none"}
    assert shown["window"] == {"display": "none"}
    rise = dict(zip(editor.ONLY_FOR, editor.fields_shown("rise"), strict=True))
    assert rise["rise_floor"] == {} and rise["activity_days"] == {"display": "none"}
    ids = ids_of(editor.editor())
    assert {f"field-{n}" for n in editor.ONLY_FOR} <= ids  # each field can be hidden


def test_an_alert_reads_the_same_on_every_surface(app, default_store: Store, capsys) -> None:
    """An alert said 'range 25,000-664,000 (possible)' on the Alerts page where the Overview's
    card said 'sources agree' and the preview said 'confirmed 882,000': the Overview, the
    Alerts page, the API and the CLI now give each alert the one sentence of
    indicators.alerts.wording, and say what confirmed and possible mean."""
    from dashboard import alerts_view
    from dashboard.api import alerts_payload
    from dashboard.pages import overview
    from indicators.alerts import wording
    from indicators.cli import main

    day = date(2024, 12, 5)
    payload = alerts_payload(day)
    assert payload["certainty"] == wording.CERTAINTY
    said = {a["rule_id"] + "/" + a["unit"]: a["sentence"] for a in payload["alerts"]}
    assert said, "the default data raises alerts on 5 December"
    section = text_of(overview.alerts_section(day))
    listed = text_of(alerts_view.open_alerts_view(day, None))
    main(["--database", default_store.url, "alerts", "--as-of", day.isoformat()])
    printed = capsys.readouterr().out
    for sentence in said.values():
        body = sentence.split(" · ", 1)[1]  # the pages show the state as a badge
        assert body in section or len(said) > 8  # the Overview lists the first eight
        assert sentence in printed
        assert sentence.split(" · ")[3].split(" against ")[0] in listed
    assert wording.CERTAINTY["possible"] in listed and wording.CERTAINTY["possible"] in printed
    # no alert reads 'level' for days without a report: it names what it counts
    assert "(level" not in printed


def test_the_headline_card_never_says_sources_agree_of_one_source(app) -> None:
    from dashboard.pages import overview

    with app.server.test_request_context("/"):
        cards = [
            text_of(overview.headline_card(state.model(), name, date(2024, 12, 5), "SYR"))
            for name in ("killed", "displaced_new")
        ]
    for card in cards:
        assert "sources agree" not in card or not card.split("sources agree")[0].endswith("1 ")
    assert any("one source" in c or "sources agree" in c or "range" in c for c in cards)


def test_every_tile_says_how_fresh_it_is_and_reports_read_as_titles(app) -> None:
    """Issue 15: the 'worst governorate' tile showed a 31-day-old report with no stale mark;
    report titles were address fragments ('...2471518 html', '?amp=1'); '1 figures'."""
    from dashboard.components import source_title
    from dashboard.pages import overview

    day = date(2024, 12, 31)
    with app.server.test_request_context("/"):
        strain = text_of(overview.strain_card(state.model(), day, "SYR"))
        # past every window of the strain rule: unknown, and the last report marked stale
        faded = text_of(overview.strain_card(state.model(), date(2025, 1, 31), "SYR"))
        killed = text_of(overview.headline_card(state.model(), "killed", day, "SYR"))
        reports = text_of(overview.latest_reports(state.model(), date(2024, 12, 5), "SYR"))
    # 141 facilities affected in Aleppo and Idleb together (24 Dec) raise neither: no
    # evidence left in the rule's windows, and the last report is 31 days old
    assert "unknown" in strain and "last report: Aleppo overwhelmed" in strain
    assert "stale: 31 days old" in strain
    assert "unknown" in faded and "stale: 62 days old" in faded
    assert "stale:" in killed and "days old" in killed
    assert "?amp=1" not in reports and "html" not in reports and "2471518" not in reports
    assert " 1 figures" not in reports
    assert source_title("?amp=1", "AFP", "2024-11-29") == "AFP, report of 29 Nov 2024"
    assert source_title("rebels take aleppo 4780681", "AFP", None) == "Rebels take aleppo"
    assert source_title("x8hsa9b62nyix", "Reuters", None) == "Reuters, undated report"


def test_a_workbook_a_reader_can_use_named_for_what_it_holds(client) -> None:
    """Issue 15: XLSX held dates and booleans as text, no frozen header, no filter; every
    download was named casualties-<today> whatever the filter."""
    import openpyxl

    address = "/api/v1/tables/casualties.xlsx?admin1=SY02&from=2024-11-27&to=2024-12-10"
    response = client.get(address)
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert 'filename="casualties-SY02-2024-11-27-to-2024-12-10.xlsx"' in disposition
    sheet = openpyxl.load_workbook(io.BytesIO(response.data))["data"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["location_text", "admin1_pcode", "admin2_pcode", "country"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    day = sheet.cell(row=2, column=header.index("date_end") + 1)
    assert day.is_date and day.number_format == "yyyy-mm-dd"
    derived = sheet.cell(row=2, column=header.index("value_derived") + 1)
    assert derived.data_type == "b"
    assert sheet.column_dimensions["A"].width > len("location_text")
    whole = client.get("/api/v1/tables/sources.csv").headers["Content-Disposition"]
    assert 'filename="sources-to-' in whole


def test_strain_by_day_names_its_sources_and_a_click_lists_the_claims(app) -> None:
    """Issue 15: the strain heat map had no source on hover and nothing on click. Issue 18:
    it showed only stated levels; each day is now the rule's level, stated solid, derived
    hatched, unknown grey, never drawn as normal."""
    from dashboard.pages import hospitals
    from dashboard.strain_days import HATCH, NO_EVIDENCE, RUN_ID
    from dashboard.strain_map import COLOURS, UNKNOWN

    view = query.parse("as_of=2024-12-12&from=2024-11-27")
    [rows, unknown] = hospitals.hospital_view(view)[0]
    tracks = {c.id["place"]: c for c in _all(rows) if isinstance(getattr(c, "id", None), dict)}
    assert set(tracks) == {"SY02", "SY07"} and {t.id["type"] for t in tracks.values()} == {RUN_ID}
    aleppo = tracks["SY02"]
    # the days of one level are one band: 27-29 Nov unknown (3 of 16 days), 30 Nov-7 Dec
    # stated overwhelmed, then derived overwhelmed, hatched in a layer of its own
    paint = aleppo.style["background"]
    unknown_days = f"{UNKNOWN} 0.000% {3 / 16 * 100:.3f}%"
    stated = f"{COLOURS['overwhelmed']} {3 / 16 * 100:.3f}% {11 / 16 * 100:.3f}%"
    assert unknown_days in paint and stated in paint
    assert paint.startswith(HATCH) and f"/ {5 / 16 * 100:.3f}% 100% no-repeat" in paint
    assert COLOURS["normal"] not in paint  # Aleppo is never drawn as normal
    # its tooltip names each run: days, level, reason, sources; and the grey days
    said = aleppo.title
    assert "Aleppo, 30 Nov to 7 Dec 2024: overwhelmed (stated, confirmed)." in said
    assert "On 7 Dec: Stated overwhelmed 7 days ago" in said and "(30 Nov 2024)" in said
    assert "Aleppo, 8 Dec to 12 Dec 2024: overwhelmed (derived, possible)." in said
    assert NO_EVIDENCE in said and "Click for the claims" in said
    # Idleb's one derived "normal" (2 injured, 10 Dec) is hatched like every derived level
    assert tracks["SY07"].style["background"].startswith(HATCH)
    # the governorates with no evidence on any day are named below, as unknown, not normal
    said = text_of(unknown)
    assert "Hama" in said and "not normal" in said
    # a click on a place: each run of known days, newest first, with the claims behind it
    shown = text_of(strain_view.place_days_claims(view, "SY02"))
    assert shown.index("8 Dec 2024 to 12 Dec 2024: overwhelmed (possible)") < shown.index(
        "30 Nov 2024 to 7 Dec 2024: overwhelmed (confirmed)"
    )
    assert "1 claim behind these days" in shown and "Stated overwhelmed" in shown
    assert "unknown, not normal" in text_of(strain_view.place_days_claims(view, "SY05"))
    assert "unknown, not normal" in text_of(strain_view.place_days_claims(view, None))


def test_strain_by_day_with_no_level_anywhere_is_one_sentence(app) -> None:
    from dashboard.pages import hospitals
    from dashboard.strain_days import NONE

    [said] = hospitals.hospital_view(query.parse("as_of=2024-11-20&from=2024-11-01"))[0]
    assert text_of(said) == NONE and said.id == "hospitals-strain-empty"


def test_a_toll_reads_as_a_line_through_its_reports_with_a_short_legend(app) -> None:
    """Issue 15: a cumulative toll reported every few days was scattered dots; 11 legend
    entries with repeated colours."""
    fig = drawn(views.trend_view("killed", query.parse("as_of=2024-12-05&from=2024-11-27"))[0])
    lines = [t for t in fig.data if t.type == "scatter"]
    joined = [t for t in lines if t.line and t.line.dash == "dot" and t.connectgaps]
    assert joined, "reports of a toll are joined by a dotted line"
    assert any(311.0 in [v for v in t.y if v == v] for t in joined)
    entries = [t for t in fig.data if t.showlegend is not False and t.name]
    assert len(entries) <= 7 and not any("range of sources" in t.name for t in entries)


def test_counts_for_a_period_are_bars_spanning_it_and_a_single_week_is_drawn(app) -> None:
    """Issue 15: a single week's attacks bar for Aleppo was not drawn (blank chart although
    one attack exists)."""
    from dashboard.figures import DAY_MS

    # the one attack on Aleppo's university hospital (1 Dec): one bar, drawn, within its day
    fig = drawn(
        views.trend_view("attacks_on_health_care", query.parse(f"as_of={PEAK}&admin1=SY02"))[0]
    )
    [bar] = [t for t in fig.data if t.type == "bar"]
    assert list(bar.y) == [1.0]
    start = np.asarray(bar.offset)
    assert (start >= 0).all() and (start + np.asarray(bar.width) <= DAY_MS).all()
    assert (np.asarray(bar.width) >= 0.5 * DAY_MS).all()  # most of the day, not a hairline
    # new counts on the trend chart: a bar within each reported day
    fig = drawn(views.trend_view("killed", query.parse(f"as_of={PEAK}&admin1=SY02"))[0])
    bars = [t for t in fig.data if t.type == "bar"]
    assert bars
    for t in bars:
        start, end = np.asarray(t.offset), np.asarray(t.offset) + np.asarray(t.width)
        assert (start >= 0).all() and (end <= DAY_MS).all()
    # a day only one place reported is one wide bar, not a sliver among empty slots
    assert any(np.asarray(t.width).max() >= 0.8 * DAY_MS for t in bars)
    # a day nobody reported has no bar at all (plotly draws one for every value given)
    for t in bars:
        assert not np.isnan(np.asarray(t.y, dtype=float)).any()
        assert len(t.x) == len(t.width) == len(t.offset) == len(t.customdata)


def test_a_rules_levels_are_drawn_only_over_the_line_it_watches(app) -> None:
    """Issue 15: the national rule's 100/500 lines were drawn across governorate lines."""
    from dashboard.figures_trend import series_group
    from indicators.trends import WIDE

    fig = drawn(views.trend_view("killed", query.parse(f"as_of={PEAK}&from=2024-11-27"))[0])
    levels = [t for t in fig.data if getattr(t, "mode", None) == "lines+text"]
    national = [t for t in levels if "whole country" in t.name]
    assert {t.y[0] for t in national} == {100.0, 500.0}
    # it hides with the whole-country line, and spans only that line's days
    assert all(t.legendgroup == series_group(WIDE) for t in national)
    country = [
        t for t in fig.data if t.legendgroup == series_group(WIDE) and t.customdata is not None
    ]
    first = min(t.x[0] if t.x0 is None else t.x0 for t in country)  # bars: days reported
    assert all(t.x[0] >= str(pd.Timestamp(first) - pd.Timedelta(days=1)) for t in national)
    # a governorate chosen: the national rule's levels are not drawn over it
    fig, _ = views.trend_view("killed", query.parse(f"as_of={PEAK}&admin1=SY02"))
    assert not any("whole country" in t.get("name", "") for t in fig["data"])


def test_a_chart_callback_reads_no_table_and_asks_the_store_once(default_store: Store) -> None:
    """Issue 15: a chart callback queried the rules on every call, on top of the plotly
    objects it built; now the rules come from the read model and the figure is a plain dict:
    a request asks the store its version once, and reads nothing else."""
    import sqlalchemy as sa

    app = create_app(default_store, upkeep=False)
    [key] = [k for k in app.callback_map if "casualties-chart.figure" in k]
    spec = app.callback_map[key]
    values = {"casualties-indicator": "killed", "filter-as-of": PEAK}
    body = {
        "output": key,
        "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]}
                    for o in key.strip(".").split("...")],
        "inputs": [{**i, "value": values.get(i["id"])} for i in spec["inputs"]],
        "state": [],
        "changedPropIds": ["filter-admin1.value"],
    }  # fmt: skip
    client = app.server.test_client()
    client.post("/_dash-update-component", json=body, headers={"Origin": "http://localhost"})
    said: list[str] = []

    def heard(_conn, _cursor, statement, *_args) -> None:
        said.append(statement)

    sa.event.listen(default_store.engine, "before_cursor_execute", heard)
    try:
        answer = client.post(
            "/_dash-update-component", json=body, headers={"Origin": "http://localhost"}
        )
    finally:
        sa.event.remove(default_store.engine, "before_cursor_execute", heard)
    assert answer.status_code == 200
    figure = answer.get_json()["response"]["casualties-chart"]["figure"]
    assert figure["data"] and "template" not in figure["layout"]  # no template copied in
    assert len(said) <= 1 and all("audit_log" in s for s in said), said  # the version only


# -- the first page sent whole (issue 15: first render) ---------------------------------------


def _components(node, found: dict | None = None) -> dict:
    """Every component of a layout as Dash sends it, by id."""
    found = {} if found is None else found
    if isinstance(node, dict) and "props" in node:
        if isinstance(node["props"].get("id"), str):
            found[node["props"]["id"]] = node
        for value in node["props"].values():
            _components(value, found)
    elif isinstance(node, list):
        for value in node:
            _components(value, found)
    return found


def test_the_layout_asked_with_a_pages_address_holds_the_page(client) -> None:
    """Dash sent an empty page container and the page in a second request, made once the
    browser had mounted the layout: every page waited a round trip more than a one-page Dash
    app before its first chart. Asked with the page's address, the layout holds the page,
    and the address props that would call Dash's router on mount are already set."""
    from dashboard.first_page import PAGE_ADDRESS

    bare = _components(client.get("/_dash-layout").get_json())
    assert "casualties-chart" not in bare and "_pages_content" in bare  # Dash's own way
    address = f"/casualties?as_of={PEAK}&admin1=SY02"
    sent = _components(client.get("/_dash-layout", headers={PAGE_ADDRESS: address}).get_json())
    assert "casualties-chart" in sent and sent["casualties-chart"]["props"]["figure"]["data"]
    location = sent["_pages_location"]["props"]
    assert (location["pathname"], location["search"]) == (
        "/casualties",
        f"?as_of={PEAK}&admin1=SY02",
    )
    assert sent["filter-admin1"]["props"]["value"] == ["SY02"]  # the query reaches the page
    assert sent["_pages_store"]["props"]["data"] == {"title": "impact-monitor"}
    for elsewhere in ("/nowhere", "//elsewhere.example/casualties", "https://x.example/", "x"):
        answer = _components(
            client.get("/_dash-layout", headers={PAGE_ADDRESS: elsewhere}).get_json()
        )
        assert "casualties-chart" not in answer and "_pages_location" in answer, elsewhere
        assert "pathname" not in answer["_pages_location"]["props"], elsewhere


def test_pages_with_charts_ask_for_plotly_at_once_and_say_their_address(client) -> None:
    """A page that draws charts asks for plotly.js with its first bytes; one that draws none
    does not fetch it at all; every page sends its address with the request for its layout
    (the script is served from assets/, allowed by the content security policy)."""
    from dashboard.first_page import PAGE_ADDRESS, plotly_js

    for path, charts in (("/", True), ("/casualties", True), ("/hospitals", True),
                         ("/review", False), ("/data", False), ("/alerts", False)):  # fmt: skip
        page = client.get(f"{path}?as_of={PEAK}").get_data(as_text=True)
        assert ('rel="preload"' in page and plotly_js() in page) is charts, path
        assert "page_address.js" in page, path
    script = (ROOT / "dashboard" / "assets" / "page_address.js").read_text()
    assert f'"{PAGE_ADDRESS}"' in script
    # plotly.js under a name that changes with it: kept a year, never asked for again
    sent = client.get(f"/_dash-component-suites/{plotly_js()}")
    assert sent.status_code == 200 and sent.cache_control.max_age >= 86400 * 365
    assert plotly_js().startswith("plotly/package_data/plotly.") and plotly_js() != (
        "plotly/package_data/plotly.min.js"
    )


def test_a_page_opened_again_is_sent_as_made_until_the_store_changes(client, monkeypatch) -> None:
    """Issue 15 (first render): every opening of the Casualties page made its chart and
    breakdown again (two thirds of the time the server took to send it); they are made once
    per version of the store and view, and made anew when either changes."""
    from types import SimpleNamespace

    from dashboard.first_page import PAGE_ADDRESS

    made = []
    real = views.trend_view
    monkeypatch.setattr(views, "trend_view", lambda *a: made.append(a[0]) or real(*a))
    address = {PAGE_ADDRESS: f"/casualties?as_of={PEAK}"}
    first = client.get("/_dash-layout", headers=address).get_json()
    assert client.get("/_dash-layout", headers=address).get_json() == first
    assert len(made) == 1 and "casualties-chart" in _components(first)
    chosen = {PAGE_ADDRESS: f"/casualties?as_of={PEAK}&group=children"}
    client.get("/_dash-layout", headers=chosen)
    assert len(made) == 2  # another view: made for it
    monkeypatch.setattr(state, "model", lambda: SimpleNamespace(version=-1))
    assert state.once_per_version(("k",), lambda: 1) == 1
    assert state.once_per_version(("k",), lambda: 2) == 1
    monkeypatch.setattr(state, "model", lambda: SimpleNamespace(version=-2))
    assert state.once_per_version(("k",), lambda: 2) == 2  # another version: made anew


def test_assets_named_with_their_file_time_are_kept_by_the_browser(client) -> None:
    """Issue 15 (first render): every page asked again for its stylesheet and script, and
    waited for 'not modified'; Dash names them with their file's time (``?m=``), so a
    changed file has another address and the browser may keep what it has."""
    import re

    page = client.get(f"/casualties?as_of={PEAK}").get_data(as_text=True)
    named = re.findall(r'(?:href|src)="(/assets/[^"]+\?m=[^"]+)"', page)
    assert any("base.css" in a for a in named) and any("page_address.js" in a for a in named)
    for address in named:
        with client.get(address) as sent:  # a file sent as a stream: closed after
            assert sent.status_code == 200 and sent.cache_control.max_age >= 86400 * 365
    with client.get("/assets/base.css") as plain:  # not named by its time: asked again
        assert "max-age" not in plain.headers.get("Cache-Control", "")


def test_the_parts_a_page_always_shows_are_fetched_with_its_first_bytes(client) -> None:
    """Issue 15 (first render): the parts of Dash's components loaded only when first drawn
    (a chart, a menu, a date picker) were fetched one after another once the layout was in;
    a page that always shows them asks for them with its first bytes, and they are there."""
    import dash

    asked = 0
    for page in dash.page_registry.values():
        sent = client.get(f"{page['path']}?as_of={PEAK}").get_data(as_text=True)
        for part in page.get("lazy", ()):
            address = f"/_dash-component-suites/dash/dcc/async-{part}.js"
            assert f'<link rel="preload" href="{address}" as="script">' in sent, page["path"]
            assert client.get(address).status_code == 200, address
            asked += 1
    assert asked >= 10
    trend = client.get(f"/casualties?as_of={PEAK}").get_data(as_text=True)
    assert "async-graph.js" in trend and "async-dropdown.js" in trend
    assert "async-" not in client.get(f"/review?as_of={PEAK}").get_data(as_text=True)


def test_only_pages_with_tables_load_the_table_script(client) -> None:
    """Issue 15 (first render): the table component's 1.3 MB script was run on every page,
    tables or not. A page registered with ``grids=True`` loads it; the others do not; and a
    page that shows a table (a module that uses the component) is registered so."""
    import inspect

    import dash

    for page in dash.page_registry.values():
        source = inspect.getsource(inspect.getmodule(page["layout"]))
        assert ("import dash_ag_grid" in source) is bool(page.get("grids")), page["path"]
        if page.get("admin_only"):
            continue
        sent = client.get(f"{page['path']}?as_of={PEAK}").get_data(as_text=True)
        assert ("dash_ag_grid.v" in sent) is bool(page.get("grids")), page["path"]
    for module in (ROOT / "dashboard").glob("*.py"):  # no view outside a page makes a table
        assert "import dash_ag_grid" not in module.read_text(), module.name


def test_a_breakdown_nobody_reported_is_a_sentence_not_an_empty_chart(client) -> None:
    """Issue 15 (first render): a page drew an empty chart under "Breakdown by group" when
    no report broke a toll down; it says so in one sentence, and draws the chart when one
    did."""
    from dashboard.first_page import PAGE_ADDRESS

    def breakdown(as_of: str) -> dict:
        address = f"/casualties?as_of={as_of}&from=2024-11-27"
        sent = client.get("/_dash-layout", headers={PAGE_ADDRESS: address}).get_json()
        return _components(sent)["casualties-breakdown"]

    before = json.dumps(breakdown("2024-11-28"))
    assert "No report broke a toll" in before and '"Graph"' not in before
    after = json.dumps(breakdown(PEAK))
    # drawn as plain bars (no second chart to load and draw: first render, issue 15)
    assert "breakdown-bars" in after and "civilians" in after and '"Graph"' not in after


def test_a_country_filter_offers_the_countries_with_figures_not_all_156(client) -> None:
    """With every country of the global list shipped, the filters listed 156 countries, most
    with nothing to show (and Syria lay far down a scrolled menu); they offer the countries
    some accepted claim is about, and the default country. A rule may still name any."""
    from dashboard import components as ui
    from dashboard.first_page import PAGE_ADDRESS

    sent = _components(
        client.get("/_dash-layout", headers={PAGE_ADDRESS: "/displacement"}).get_json()
    )
    offered = {o["value"] for o in sent["filter-country"]["props"]["options"]}
    assert offered == {"SYR", "IRQ", "LBN"} | offered & {"TUR"}  # the default data's
    assert len(ui.country_options()) >= 150  # the rule editor: every country


def test_the_strain_evidence_has_a_stable_address_and_refuses_bad_input(client) -> None:
    """Issue 18: the evidence downloads like every table, from a stable address."""
    answer = client.get("/api/v1/tables/strain_evidence.csv?as_of=2024-12-05&country=SYR")
    assert answer.status_code == 200
    assert (
        'filename="strain-evidence-SYR-admin1-as-of-2024-12-05.csv"'
        in (answer.headers["Content-Disposition"])
    )
    assert "strain_evidence.csv.attribution.txt?as_of=2024-12-05" in answer.headers["Link"]
    rows = pd.read_csv(io.BytesIO(answer.data))
    assert rows.loc[rows["place"] == "SY02", "attacks_7d_claims"].item() == "rf-078"
    payload = client.get("/api/v1/tables/strain_evidence.json?as_of=2024-12-05").get_json()
    assert payload["meta"]["table"] == "strain_evidence" and len(payload["data"]) == 14
    districts = client.get("/api/v1/tables/strain_evidence.csv?as_of=2024-12-05&admin_level=admin2")
    assert districts.status_code == 200 and b"SY0200" in districts.data
    # the districts of the governorates chosen, as the page shows them, named in the file
    chosen = client.get(
        "/api/v1/tables/strain_evidence.csv?as_of=2024-12-05&admin_level=admin2&admin1=SY02"
    )
    assert (
        "strain-evidence-SYR-admin2-SY02-as-of-2024-12-05.csv"
        in (chosen.headers["Content-Disposition"])
    )
    places = pd.read_csv(io.BytesIO(chosen.data))["place"]
    assert len(places) and places.str.startswith("SY02").all()
    assert "admin1=SY02" in chosen.headers["Link"]
    cite = client.get("/api/v1/tables/strain_evidence.csv.attribution.txt?as_of=2024-12-05")
    assert cite.status_code == 200 and "None of the 2 sources" in cite.get_data(as_text=True)
    for query_, said in (
        ("as_of=2024-13-01", "is not a date"),
        ("as_of=2999-01-01", "outside the days"),
        ("country=ZZZ", "country 'ZZZ' has no place list"),
        ("admin_level=admin9", "admin_level 'admin9' is not one of admin1, admin2"),
        ("admin1=SY99", "admin1 'SY99' is not a place of SYR"),
        ("admin2=SY0200", "admin2 chooses districts"),
        ("admin_level=admin2&admin2=SY02", "admin2 'SY02' is not a place of SYR"),
    ):
        bad = client.get(f"/api/v1/tables/strain_evidence.csv?{query_}")
        assert bad.status_code == 400 and said in bad.get_data(as_text=True), query_


def test_the_hospitals_page_opens_on_each_places_evidence(app) -> None:
    """Issue 18: Hospitals opens on the evidence by place: worst first, each figure a
    button to its claims, unknown places said to be unknown, the rule, the downloads."""
    from dashboard import strain_view

    view = query.parse(f"as_of={PEAK}")
    with app.server.test_request_context("/"):
        section = html.Div(strain_view.evidence_section(view, date(2024, 12, 5)))
        shown = text_of(section)
        ids = ids_of(section)
        claims = text_of(strain_view.evidence_claims(view, date(2024, 12, 5), "SY02", "attacks_7d"))
        national = text_of(strain_view.evidence_claims(view, date(2024, 12, 5), "", "not_placed"))
        by_district = html.Div(
            strain_view.evidence_section(
                query.parse(f"as_of={PEAK}&admin1=SY02"), date(2024, 12, 5)
            )
        )
        districts = text_of(by_district)  # fmt: skip
    assert "Hospital strain by governorate, as of 5 Dec 2024" in shown
    assert "Aleppo: overwhelmed (confirmed, stated)" in shown
    assert "13 governorates unknown" in shown and "unknown is not normal" in shown
    assert shown.index("Aleppo") < shown.index("Al-Hasakeh")  # worst first
    assert "hospitals-strain-map" in ids and "strain-row-SY02" in ids
    # a place's row: its level with why, then its evidence a line per kind reported and
    # one line naming what no report gave (three columns: a phone reads it down)
    aleppo = next(c for c in _all(section) if getattr(c, "id", None) == "strain-row-SY02")
    assert len(aleppo.children) == 3
    said = text_of(aleppo)
    assert "Attacks on health care: " in said and "No report: " in said
    assert "bed occupancy (7 days)" in said.split("No report: ")[1]
    # the places with nothing in any cell are one row, each named, unknown, never normal
    silent = next(c for c in _all(section) if getattr(c, "id", None) == "strain-row-unknown")
    assert "Hama" in text_of(silent) and "13 governorates unknown" in text_of(silent)
    assert "strain-row-SY05" not in ids
    assert "claim rf-078" in claims and "1 claim behind Aleppo" in claims
    assert "who-ssa-" in national and "whole country" in national
    assert "Hospital strain by district" in districts and "Jebel Saman" in districts
    # its download is the table as shown: Aleppo's districts, not every district
    links = [a.href for a in _all(by_district) if getattr(a, "href", None)]
    assert links and all("admin_level=admin2" in h and "admin1=SY02" in h for h in links)


def test_the_overview_tile_names_the_place_its_level_evidence_and_age(app) -> None:
    """Issue 18: the Overview tile names the place, its level, the strongest piece of
    evidence and its age (it was the one month-old report, with nothing of why)."""
    from dashboard.pages import overview

    with app.server.test_request_context("/"):
        card = " ".join(
            text_of(overview.strain_card(state.model(), date(2024, 12, 5), "SYR")).split()
        )
    assert "Aleppo: overwhelmed (confirmed)" in card
    assert "Stated in a report by Associated Press (30 Nov 2024)" in card
    assert "stated 30 Nov 2024" in card and "stale" not in card


def test_the_strain_map_draws_a_country_where_every_place_is_unknown(app) -> None:
    """Every governorate unknown (no certainty anywhere) is a map of unknowns, not an error."""
    from dashboard import state, strain_map

    with app.server.test_request_context("/"):
        rows = state.strain_evidence(date(2025, 1, 31), "SYR")
    assert set(rows["level"]) == {"unknown"}
    drawn = strain_map.svg(rows, "SYR")
    assert drawn.count("<path") == 14 and drawn.count(f'fill="{strain_map.UNKNOWN}"') == 14
    assert "Aleppo: unknown" in drawn
    shown = text_of(strain_map.strain_map(rows, "SYR", date(2025, 1, 31)))
    assert "unknown: no evidence" in shown and "stated" not in shown


def test_the_strain_map_comes_from_its_own_address_after_the_text(client) -> None:
    """The picture is fetched by the page after its text (a slow phone shows the table
    first); its address draws the day asked for and refuses a bad one."""
    from dashboard import strain_map

    answer = client.get("/api/v1/maps/strain.svg?as_of=2024-12-05&country=SYR")
    assert answer.status_code == 200 and answer.mimetype == "image/svg+xml"
    drawn = answer.get_data(as_text=True)
    assert drawn.startswith("<svg") and "Aleppo: overwhelmed, confirmed" in drawn
    assert f'fill="{strain_map.COLOURS["overwhelmed"]}"' in drawn
    assert client.get("/api/v1/maps/strain.svg?as_of=2024-13-01").status_code == 400
    assert client.get("/api/v1/maps/strain.svg?country=ZZZ").status_code == 400
    figure = strain_map.strain_map(
        pd.DataFrame({"place_name": ["Aleppo"], "level": ["overwhelmed"],
                      "certainty": ["confirmed"]}), "SYR", date(2024, 12, 5),
    )  # fmt: skip
    [img] = [c for c in _all(figure) if type(c).__name__ == "Img"]
    assert img.src == "/api/v1/maps/strain.svg?as_of=2024-12-05&country=SYR"
    assert "Aleppo: overwhelmed (confirmed)" in img.alt
