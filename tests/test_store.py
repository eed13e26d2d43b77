"""The store on a real SQLite file and a real PostgreSQL: migrations, atomic writes, audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from indicators.defaults import open_store
from indicators.errors import StoreError
from indicators.paths import default_tables_dir
from indicators.store import Store, TableWrite
from indicators.store.tables import metadata
from indicators.tabular import read_table
from indicators.validation import validate
from tests.tables import SOURCE, casualty, write_rows


def load(store: Store, tmp_path: Path, table: str, rows: list[dict]) -> None:
    report = validate(
        read_table(write_rows(tmp_path / f"{table}.csv", rows)), table, store.context(table)
    )
    assert report.ok, report.lines()
    store.write([TableWrite(table, report.frame, report.warnings)], actor="tester")


def test_a_new_store_is_migrated_and_filled_with_the_default_data(default_store: Store) -> None:
    assert default_store.revision() == Store.head_revision()
    counts = default_store.counts()
    for table in ("sources", "casualties", "displacement", "hospital_strain"):
        expected = len(pd.read_csv(default_tables_dir() / f"{table}.csv"))
        assert counts[table] == expected > 0
    actions = default_store.audit()["action"].unique().tolist()
    assert actions == ["load_defaults", "rule_saved"]  # the tables, then the default rules


def test_reopening_a_store_neither_reloads_nor_loses_rows(default_store: Store) -> None:
    before = default_store.counts()
    again = open_store(default_store.url)
    assert again.counts() == before
    again.engine.dispose()


def test_migrations_produce_exactly_the_tables_the_code_defines(empty_store: Store) -> None:
    with empty_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_upgrading_an_existing_store_keeps_its_rows(store_url: str) -> None:
    store = Store(store_url)
    store.upgrade("0001")
    assert store.revision() == "0001"
    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "insert into sources (source_id, publisher, source_type, reliability) "
                "values ('s-old', 'OCHA', 'un_agency', 'unrated')"
            )
        )
        conn.execute(
            sa.text(
                "insert into casualties (claim_id, source_id, method, review_status, "
                "place_precision, date_precision, value_best, unit, value_derived, count_kind, "
                "outcome, population_group) values ('c-old', 's-old', 'manual', 'accepted', "
                "'unknown', 'unknown', 12, 'people', false, 'new', 'killed', 'all')"
            )
        )
    store.upgrade()
    assert store.revision() == Store.head_revision()
    rows = store.read("casualties")
    assert rows["claim_id"].tolist() == ["c-old"]
    assert rows["value_best"].tolist() == [12.0]
    # claims stored before countries were known are Syria's, and say so
    assert rows[["country", "country_basis"]].values.tolist() == [["SYR", "migration"]]
    assert store.read("sources")["source_id"].tolist() == ["s-old"]
    store.engine.dispose()


def test_a_store_at_0014_upgrades_with_licence_and_attribution_moved_out_of_the_notes(
    store_url: str,
) -> None:
    """Before 0015 a mapping's import wrote licence and attribution into the source's notes;
    the upgrade keeps every row and moves them into columns of their own."""
    store = Store(store_url)
    store.upgrade("0014")
    with store.engine.begin() as conn:
        insert = sa.text(
            "insert into sources (source_id, publisher, source_type, reliability, notes) "
            "values (:id, :publisher, 'monitoring_group', 'unrated', :notes)"
        )
        for source_id, notes in (
            ("ucdp", "events coded from news; licence: CC BY 4.0; attribution: Source: UCDP"),
            ("who", "licence: WHO terms (public data; cite WHO); attribution: Source: WHO"),
            ("plain", "a remark with no licence"),
            ("none", None),
        ):
            conn.execute(insert, {"id": source_id, "publisher": source_id, "notes": notes})
        conn.execute(
            sa.text(
                "insert into casualties (claim_id, source_id, method, review_status, "
                "place_precision, date_precision, value_best, unit, value_derived, count_kind, "
                "outcome, population_group, country, country_basis, record_type) values "
                "('c-old', 'ucdp', 'import', 'accepted', 'country', 'day', 3, 'people', false, "
                "'new', 'killed', 'all', 'SYR', 'stated', 'event')"
            )
        )
    store.upgrade()
    assert store.revision() == Store.head_revision()
    sources = store.read("sources").set_index("source_id")
    got = sources[["notes", "licence", "attribution"]].astype(object)
    got = got.where(got.notna(), None)
    assert got.loc["ucdp"].tolist() == ["events coded from news", "CC BY 4.0", "Source: UCDP"]
    assert got.loc["who"].tolist() == [None, "WHO terms (public data; cite WHO)", "Source: WHO"]
    assert got.loc["plain"].tolist() == ["a remark with no licence", None, None]
    assert got.loc["none"].tolist() == [None, None, None]
    assert store.read("casualties")["claim_id"].tolist() == ["c-old"]
    store.engine.dispose()


def test_a_write_stores_typed_rows_warnings_and_an_audit_entry(
    empty_store: Store, tmp_path: Path
) -> None:
    load(empty_store, tmp_path, "sources", [SOURCE])
    load(
        empty_store,
        tmp_path,
        "casualties",
        [
            casualty(value_low="242", value_best="242", date_end="2024-11-29"),
            casualty(claim_id="c2", value_low="200", value_best="200", date_end="2024-11-30"),
        ],
    )
    rows = empty_store.read("casualties")
    assert rows["value_best"].tolist() == [242.0, 200.0]
    assert rows["date_end"].tolist() == [pd.Timestamp("2024-11-29"), pd.Timestamp("2024-11-30")]
    warnings = empty_store.warnings("casualties")
    assert warnings[["claim_id", "rule"]].values.tolist() == [["c2", "W0201"]]
    audit = empty_store.audit()
    assert audit["actor"].tolist() == ["tester", "tester"]
    assert audit["table_name"].tolist() == ["sources", "casualties"]
    assert audit["row_count"].tolist() == [1, 2]
    assert audit["details"].iloc[1]["first_id"] == "c1"


def test_a_write_that_fails_at_its_last_row_leaves_the_store_exactly_as_it_was(
    default_store: Store, tmp_path: Path
) -> None:
    before = {t: default_store.read(t, statuses=None) for t in ("sources", "casualties")}
    audit_before = len(default_store.audit())
    rows = [casualty(claim_id=f"bulk-{i}", source_id="src-test") for i in range(10_000)]
    report = validate(read_table(write_rows(tmp_path / "bulk.csv", rows)), "casualties")
    frame = report.frame.copy()
    # Row 9,999 names a source the store does not hold: only the database can refuse it,
    # after 9,998 rows have gone in within the same transaction.
    frame.loc[frame.index[9_998], "source_id"] = "no-such-source"
    frame.loc[frame.index[:9_998], "source_id"] = before["sources"]["source_id"].iloc[0]
    with pytest.raises(StoreError, match="nothing was written"):
        default_store.write([TableWrite("casualties", frame)], actor="tester")
    for table, frame_before in before.items():
        pd.testing.assert_frame_equal(default_store.read(table, statuses=None), frame_before)
    assert len(default_store.audit()) == audit_before


def test_reads_filter_by_governorate_including_figures_that_span_several(
    default_store: Store,
) -> None:
    aleppo = default_store.read("casualties", admin1=["SY02"])
    assert set(aleppo["admin1_pcode"].dropna()) == {"SY02"}
    spanning = aleppo[aleppo["admin1_pcode"].isna()]
    assert len(spanning) > 0
    assert all("SY02" in s.split(";") for s in spanning["admin1_pcodes_spanned"])


def test_reads_filter_by_overlapping_period_and_review_status(default_store: Store) -> None:
    rows = default_store.read("casualties", date_from=date(2024, 12, 2), date_to=date(2024, 12, 3))
    assert len(rows) > 0
    assert (rows["date_end"] >= pd.Timestamp("2024-12-02")).all()
    assert (rows["date_start"].fillna(rows["date_end"]) <= pd.Timestamp("2024-12-03")).all()
    assert default_store.read("casualties", statuses=("pending",)).empty


def test_an_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(f"sqlite:///{tmp_path / 'missing-folder' / 'x.sqlite'}")


def test_a_store_from_a_newer_version_is_refused_with_a_reason(store_url: str) -> None:
    store = Store.open(store_url)
    with store.engine.begin() as conn:
        conn.execute(sa.text("update alembic_version set version_num = '9999'"))
    with pytest.raises(StoreError, match="schema is not one this version knows"):
        store.upgrade()
    store.close()


def test_processes_creating_one_new_store_at_once_take_turns(store_url: str) -> None:
    """Four processes open the same new store together (four workers starting): one creates
    and fills it, the others wait and find it made; none prints a traceback."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom indicators.defaults import open_store\n"
        "store = open_store(sys.argv[1])\nprint(len(store.read('sources')))"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", code, store_url], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]  # fmt: skip
    results = [(p.wait(timeout=120), *p.communicate()) for p in runs]
    assert [code for code, _, _ in results] == [0] * 4, [err for _, _, err in results]
    assert len({out for _, out, _ in results}) == 1  # each sees the one store, filled once
    with Store(store_url) as store, store.engine.connect() as conn:
        log = sa.table("audit_log", sa.column("action"), sa.column("table_name"))
        fills = conn.scalar(
            sa.select(sa.func.count()).select_from(log)
            .where(log.c.action == "load_defaults", log.c.table_name == "sources")
        )  # fmt: skip
    assert fills == 1
