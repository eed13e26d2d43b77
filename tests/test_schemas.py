"""Every column of every table is documented: a description (with its unit) and an HXL tag."""

from __future__ import annotations

import pandera.pandas as pa
import pytest
from pandera.typing import Series

from indicators.hxl import normalise_tag
from indicators.schemas import MODELS, TABLES, columns
from indicators.schemas.columns import column

NUMERIC_UNIT_WORDS = ("unit", "people", "beds", "percent", "characters", "persons", "attacks")


def undocumented(model: type[pa.DataFrameModel]) -> list[str]:
    """Columns lacking a description or an HXL tag."""
    schema = model.to_schema()
    return [
        name
        for name, col in schema.columns.items()
        if not (col.description or "").strip() or not (col.metadata or {}).get("hxl")
    ]


@pytest.mark.parametrize("table", TABLES)
def test_every_column_has_a_description_and_an_hxl_tag(table: str) -> None:
    assert undocumented(MODELS[table]) == []


def test_the_documentation_check_catches_a_bare_column() -> None:
    class Bare(pa.DataFrameModel):
        documented: Series[str] = column("A documented column.", "#meta+ok")
        bare: Series[str] = pa.Field()

    assert undocumented(Bare) == ["bare"]


@pytest.mark.parametrize("table", TABLES)
def test_hxl_tags_are_unique_within_a_table(table: str) -> None:
    tags = [normalise_tag(c.hxl) for c in columns(table)]
    assert len(tags) == len(set(tags))


@pytest.mark.parametrize("table", TABLES)
def test_numeric_columns_state_their_unit(table: str) -> None:
    for spec in columns(table):
        if spec.dtype in ("Float64", "Int64"):
            assert any(w in spec.description for w in NUMERIC_UNIT_WORDS), spec.name


def test_claim_tables_share_provenance_place_period_and_value_columns() -> None:
    shared = {
        "source_id",
        "quote",
        "char_start",
        "char_end",
        "method",
        "review_status",
        "reviewed_by",
        "reviewed_at",
        "location_text",
        "admin1_pcode",
        "admin2_pcode",
        "place_precision",
        "date_start",
        "date_end",
        "date_precision",
        "value_text",
        "qualifier",
        "value_low",
        "value_best",
        "value_high",
        "unit",
        "count_kind",
        "subset_of",
    }
    for table in ("casualties", "displacement", "hospital_strain"):
        assert shared <= {c.name for c in columns(table)}


def test_family_columns() -> None:
    names = {t: {c.name for c in columns(t)} for t in TABLES}
    assert {"outcome", "population_group", "cause"} <= names["casualties"]
    assert {"category", "term", "origin_text", "destination_text"} <= names["displacement"]
    assert {
        "facility_name",
        "functionality",
        "damage",
        "facility_status",
        "beds_staffed",
        "beds_occupied",
        "occupancy_pct",
        "attack_type",
        "strain_level",
        "strain_basis",
    } <= names["hospital_strain"]
    assert {
        "source_id",
        "publisher",
        "title",
        "url",
        "published",
        "language",
        "source_type",
        "reliability",
        "text_sha256",
    } <= names["sources"]
