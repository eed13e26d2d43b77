"""The interim dashboard page answers through the Flask test client with the store's counts."""

from __future__ import annotations

import json

from dashboard.app import create_app, overview_layout
from indicators.store import Store


def test_the_page_answers_and_lists_every_table_with_its_rows(sqlite_default_store: Store) -> None:
    client = create_app(sqlite_default_store).server.test_client()
    assert client.get("/").status_code == 200
    layout = json.dumps(client.get("/_dash-layout").get_json())
    counts = sqlite_default_store.counts()
    for table in ("sources", "casualties", "displacement", "hospital_strain"):
        assert f"overview-row-{table}" in layout
        assert f"{counts[table]:,}" in layout


def test_the_layout_is_read_fresh_from_the_store(sqlite_default_store: Store) -> None:
    before = str(overview_layout(sqlite_default_store))
    assert "hospital strain" in before


def test_dash_assets_are_served_locally(sqlite_default_store: Store) -> None:
    client = create_app(sqlite_default_store).server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "unpkg" not in page and "cdn" not in page.lower()
    script = next(part.split('"')[0] for part in page.split('src="')[1:] if "_dash-comp" in part)
    assert client.get(script).status_code == 200


def test_every_row_is_counted_under_one_review_status(sqlite_default_store: Store) -> None:
    layout = str(overview_layout(sqlite_default_store))
    assert "Superseded" in layout  # corrected extractions are kept and shown, not hidden
    summary = sqlite_default_store.summary().set_index("table")
    for table in ("casualties", "displacement", "hospital_strain"):
        row = summary.loc[table]
        statuses = row[["accepted", "pending", "rejected", "superseded"]].sum()
        assert statuses == row["rows"]
