"""Bounded work: every limit a named setting, every refusal one sentence, nothing stored
when work is refused or stopped. The figures (time and peak memory of each refusal) come
from benchmarks/bounded_work.py."""

from __future__ import annotations

import base64
from datetime import date, timedelta
from pathlib import Path

import pytest

from dashboard import query, state
from dashboard.app import create_app
from indicators.errors import InputError
from indicators.limits import MAX_PERIOD_DAYS, Deadline
from indicators.report_ingest import ingest
from indicators.reports import read_report
from indicators.review import claims
from indicators.store import Store
from tests.tables import EDITOR, casualty, rows_to_csv

SENTENCE = (
    "On {d} December 2024, {n} civilians were killed in Aleppo, the health directorate said.\n"
)


def _report(path: Path, sentences: int) -> Path:
    text = "".join(SENTENCE.format(d=1 + i % 9, n=10 + i) for i in range(sentences))
    path.write_text("---\npublisher: Test wire\npublished: 2024-12-10\n---\n" + text)
    return path


def _stored(store: Store) -> tuple[int, int]:
    return store.version(), len(store.read("sources"))


def test_a_report_beyond_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("IMPACT_MONITOR_MAX_REPORT_KB", "4")
    expected = r"big.txt: [\d.]+ KB is over the 4 KB limit .*MAX_REPORT_KB.*is it a report\?"
    with pytest.raises(InputError, match=expected):
        read_report(_report(tmp_path / "big.txt", 60))


def test_a_report_with_more_figures_than_the_limit_stores_nothing(
    empty_store: Store, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("IMPACT_MONITOR_MAX_CLAIMS_PER_REPORT", "20")
    before = _stored(empty_store)
    report = read_report(_report(tmp_path / "many.txt", 40))
    with pytest.raises(InputError, match=r"the report: 21 claims is over the 20 claims limit"):
        ingest(empty_store, report, actor="t")
    assert _stored(empty_store) == before


def test_extraction_past_its_deadline_stops_with_a_sentence_and_stores_nothing(
    empty_store: Store, tmp_path: Path
) -> None:
    before = _stored(empty_store)
    report = read_report(_report(tmp_path / "slow.txt", 5))
    expected = r"took longer than 0 seconds and was stopped; nothing was stored"
    with pytest.raises(InputError, match=expected):
        ingest(empty_store, report, actor="t", deadline=Deadline(0))
    assert _stored(empty_store) == before
    assert ingest(empty_store, report, actor="t", deadline=Deadline(60)).new  # in time: stored


def test_a_bad_setting_is_named() -> None:
    import os

    os.environ["IMPACT_MONITOR_MAX_COUNT"] = "lots"
    try:
        from indicators.limits import MAX_COUNT

        with pytest.raises(InputError, match="IMPACT_MONITOR_MAX_COUNT='lots' is not a number"):
            MAX_COUNT.value()
    finally:
        del os.environ["IMPACT_MONITOR_MAX_COUNT"]


# -- the dashboard ---------------------------------------------------------------------------


def test_an_upload_over_the_limit_is_refused_in_a_sentence(
    default_store: Store, monkeypatch
) -> None:
    from dashboard import data_view
    from tests.test_dashboard import text_of

    state.use(default_store)
    monkeypatch.setenv("IMPACT_MONITOR_MAX_UPLOAD_MB", "0.01")
    body = rows_to_csv([casualty(claim_id=f"c{i}") for i in range(100)]).encode()
    contents = "data:text/csv;base64," + base64.b64encode(body).decode()
    shown = text_of(data_view.upload(contents, "big.csv", "casualties", EDITOR, False))
    assert "Nothing was written. big.csv:" in shown and "over the 0.01 MB limit" in shown


def test_long_non_latin_file_names_are_kept_and_shown(default_store: Store) -> None:
    from dashboard import data_view, review_view
    from tests.test_dashboard import text_of

    state.use(default_store)
    name = "تقرير-" * 40 + ".txt"  # 241 letters, 437 bytes: longer than a file name may be
    assert len(name.encode()) > 255
    text = SENTENCE.format(d=3, n=12)
    meta = {"publisher": "Test wire", "title": None, "url": None, "published": "2024-12-04"}
    shown = text_of(review_view.add_report(text, name, EDITOR, meta))
    assert f"{name}: stored as" in shown
    source = claims(default_store)["source_id"].iloc[0]  # the report just stored
    body = rows_to_csv([casualty(claim_id="arabic-1", source_id=source)]).encode()
    contents = "data:text/csv;base64," + base64.b64encode(body).decode()
    table = name.replace(".txt", ".csv")
    shown = text_of(data_view.upload(contents, table, "casualties", EDITOR, False))
    assert "Something went wrong" not in shown and table in shown
    assert "arabic-1" in set(claims(default_store)["claim_id"])


def test_a_period_longer_than_the_limit_is_shortened_and_said() -> None:
    view = query.parse("from=1950-01-01&to=2024-12-05")
    longest = int(MAX_PERIOD_DAYS.value())
    assert view.filters.date_to == date(2024, 12, 5)
    assert view.filters.date_from == date(2024, 12, 5) - timedelta(days=longest - 1)
    assert any("longer than 3,660 days" in p for p in view.problems)


def test_days_no_figure_is_about_are_ignored_and_said() -> None:
    view = query.parse("from=1678-01-01&to=2261-12-31&as_of=0001-01-01")
    assert view.filters.date_from is None and view.filters.date_to is None
    assert view.as_of is None
    assert sum("outside the days figures are about" in p for p in view.problems) == 3


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/alerts.json?as_of=0001-01-01",
        "/api/v1/alerts.json?as_of=9999-12-31",
        "/api/v1/tables/casualties.csv?from=1678-01-01",
        "/api/v1/tables/casualties.csv?to=2261-12-31",
    ],
)
def test_the_api_answers_400_with_a_sentence_for_days_out_of_range(
    default_store: Store, address: str
) -> None:
    client = create_app(default_store, upkeep=False).server.test_client()
    answer = client.get(address)
    assert answer.status_code == 400
    assert "outside the days figures are about (1900-01-01 to" in answer.get_data(as_text=True)


def test_a_request_body_beyond_the_largest_upload_is_not_read(default_store: Store) -> None:
    app = create_app(default_store, upkeep=False)
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    answer = app.server.test_client().post(
        "/_dash-update-component",
        data=b"x" * (limit + 1),
        headers={"Content-Type": "application/json", "Origin": "http://localhost"},
    )
    assert answer.status_code == 413
    assert "is over the" in answer.get_data(as_text=True)
