"""The default data: real figures only, each with its source, and the seed's figures quoted."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from indicators.paths import default_tables_dir
from indicators.schemas import TABLES
from indicators.store import Store
from tests.conftest import IN_CI, ROOT, SHARED
from tests.tables import SEED_FLED, SEED_KILLED, SEED_STRAIN

FIGURES = SHARED / "data" / "syria-2024-reported-figures.csv"


def needs_shared() -> None:
    if not FIGURES.exists():
        if IN_CI:
            pytest.fail(f"shared data must be present under CI: {FIGURES}")
        pytest.skip("shared/ is not beside the checkout")


def table(name: str) -> pd.DataFrame:
    return pd.read_csv(default_tables_dir() / f"{name}.csv", dtype=str, keep_default_na=False)


def test_the_default_tables_are_exactly_what_the_build_script_makes(tmp_path: Path) -> None:
    needs_shared()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "build_default_data.py"),
            "--shared",
            str(SHARED),
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    for name in TABLES:
        assert filecmp.cmp(
            tmp_path / f"{name}.csv", default_tables_dir() / f"{name}.csv", shallow=False
        ), name


def test_the_seed_reports_are_copied_unchanged() -> None:
    needs_shared()
    for seed in (SHARED / "seeds").iterdir():
        assert (ROOT / "seeds" / seed.name).read_bytes() == seed.read_bytes()


def test_every_reported_figure_is_kept_with_its_value_and_source() -> None:
    needs_shared()
    figures = pd.read_csv(FIGURES, dtype=str, keep_default_na=False)
    claims = pd.concat([table(t) for t in ("casualties", "displacement", "hospital_strain")])
    claims = claims[claims["claim_id"].str.startswith("rf-")].set_index("claim_id")
    sources = table("sources").set_index("source_id")
    assert len(claims) == len(figures) == 115
    for n, row in enumerate(figures.itertuples(), 1):
        claim = claims.loc[f"rf-{n:03d}"]
        factor = 5.0 if row.unit in ("households", "families") else 1.0
        stated = claim["value_low"] or claim["value_best"] or claim["value_high"]
        assert float(stated) == float(row.value) * factor, n
        assert sources.loc[claim["source_id"], "url"] == row.source_url
        if factor != 1.0:
            assert claim["value_derived"] == "True" and claim["unit_stated"] == row.unit


def test_the_who_attack_table_is_kept_one_row_per_attack() -> None:
    needs_shared()
    who = pd.read_csv(SHARED / "data" / "who-ssa-syria-attacks-on-health-care-2020-2024.csv")
    strain = table("hospital_strain")
    attacks = strain[strain["claim_id"].str.startswith("who-ssa-")]
    assert len(attacks) == len(who) == 186
    assert (attacks["place_precision"] == "country").all()  # no governorate in the export
    late_2024 = attacks[attacks["date_end"].between("2024-11-27", "2024-12-31")]
    assert len(late_2024) == 69


def test_the_seed_figures_come_from_extraction_and_review_with_their_span() -> None:
    sources = table("sources").set_index("source_id")
    claims = pd.concat([table(t) for t in ("casualties", "displacement", "hospital_strain")])
    seed_rows = claims[
        claims["source_id"] == sources.index[sources["publisher"] == "Associated Press"][0]
    ]
    assert set(seed_rows["method"]) == {"extracted", "manual"}  # manual: the corrections
    assert set(seed_rows["review_status"]) == {"accepted", "rejected", "superseded"}
    corrected = seed_rows[seed_rows["method"] == "manual"]
    assert set(corrected["supersedes"]) <= set(seed_rows["claim_id"])
    text = (ROOT / "seeds" / "000_8cf0bdad4354889b.txt").read_text(encoding="utf-8")
    for row in seed_rows.itertuples():
        assert text[int(row.char_start) : int(row.char_end)] == row.quote


def test_the_seed_casualty_figure_is_at_least_20_fighters_in_aleppo_on_30_november() -> None:
    cas = table("casualties").set_index("claim_id").loc[SEED_KILLED]
    assert (cas["qualifier"], cas["value_low"], cas["value_high"]) == ("at_least", "20.0", "")
    assert (cas["population_group"], cas["admin1_pcode"], cas["date_end"]) == (
        "fighters",
        "SY02",
        "2024-11-30",
    )


def test_words_without_numbers_stay_without_numbers() -> None:
    strain = table("hospital_strain").set_index("claim_id").loc[SEED_STRAIN]
    assert strain["strain_level"] == "overwhelmed"
    assert strain["value_best"] == strain["value_low"] == ""
    fled = table("displacement").set_index("claim_id").loc[SEED_FLED]
    assert (fled["qualifier"], fled["value_text"], fled["value_best"]) == ("vague", "many", "")


def test_regional_figures_keep_their_precision_and_sub_counts_their_total() -> None:
    cas = table("casualties").set_index("claim_id")
    assert cas.loc["rf-006", "place_precision"] == "region"  # north-west Syria
    assert cas.loc["rf-006", "admin1_pcode"] == ""
    assert cas.loc["rf-007", "subset_of"] == "rf-006"  # 26 children of the 69
    assert cas.loc["rf-011", "admin1_pcodes_spanned"] == "SY07;SY02"


def test_a_new_store_shows_the_default_data_on_both_backends(default_store: Store) -> None:
    cas = default_store.read("casualties")
    assert SEED_KILLED in set(cas["claim_id"])


def test_the_data_dictionary_document_is_current() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == module.render()


def test_a_new_store_holds_the_seed_text_its_quotes_point_into(default_store: Store) -> None:
    from indicators.report_ingest import claims_of  # noqa: F401 - the seed is the extractor's input
    from tests.tables import SEED_KILLED

    claim = default_store.read("casualties").set_index("claim_id").loc[SEED_KILLED]
    text = default_store.report_text(claim["source_id"])
    assert text is not None
    assert text[int(claim["char_start"]) : int(claim["char_end"])] == claim["quote"]
