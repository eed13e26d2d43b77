"""The hospital-strain table: facility status, beds, attacks on health care and strain level."""

from __future__ import annotations

import pandas as pd
from pandera.typing import Series

from indicators import catalogue, checks, vocab
from indicators.schemas.claims import ClaimModel
from indicators.schemas.columns import REQUIRED, TEXT, column, row_rule


class HospitalStrainModel(ClaimModel):
    """Claims about hospitals: what is measured, the facility when named, and its strain."""

    measure: Series[TEXT] = column(
        "What the row states (the indicator). The value columns count it in the row's unit "
        "(attacks, facilities, people, percent).",
        "#indicator+code+measure",
        hxl_formerly=("#indicator+measure",),
        nullable=False,
        input=REQUIRED,
        isin=catalogue.allowed_values("hospital_strain"),
    )
    facility_name: Series[TEXT] = column(
        "Name of the facility, when the claim is about one.", "#loc+facility+name"
    )
    facility_type: Series[TEXT] = column(
        "Type of facility (hospital, primary care centre, mobile clinic...).",
        "#loc+facility+type",
    )
    functionality: Series[TEXT] = column(
        "Functionality of the facility (WHO HeRAMS).",
        "#status+functionality",
        isin=vocab.FUNCTIONALITY,
    )
    damage: Series[TEXT] = column(
        "Building damage of the facility (WHO HeRAMS).",
        "#status+damage",
        isin=vocab.DAMAGE,
    )
    facility_status: Series[TEXT] = column(
        "Facility status (OASIS EDXL-HAVE).",
        "#status+facility",
        isin=vocab.FACILITY_STATUS,
    )
    beds_staffed: Series[pd.Int64Dtype] = column(
        "Beds with staff to run them (beds).", "#capacity+beds+staffed", ge=0
    )
    beds_occupied: Series[pd.Int64Dtype] = column(
        "Beds occupied (beds).", "#capacity+beds+occupied", ge=0
    )
    occupancy_pct: Series[pd.Float64Dtype] = column(
        "Bed occupancy: beds occupied / beds staffed x 100 (percent; above 85 is the usual "
        "safety line, above 100 a surge).",
        "#capacity+beds+occupancy_pct",
        ge=0,
    )
    attack_type: Series[TEXT] = column(
        "Type of attack on health care, as the surveillance system words it.",
        "#event+attack+type",
    )
    attack_certainty: Series[TEXT] = column(
        "Certainty of an attack record, as the surveillance system grades it.",
        "#event+attack+certainty",
        isin=vocab.ATTACK_CERTAINTY,
    )
    attack_killed: Series[pd.Int64Dtype] = column(
        "People killed in the attack on health care (people).", "#affected+killed+attack", ge=0
    )
    attack_injured: Series[pd.Int64Dtype] = column(
        "People injured in the attack on health care (people).",
        "#affected+injured+attack",
        ge=0,
    )
    strain_level: Series[TEXT] = column(
        "Ordinal strain level, from normal to not functioning.",
        "#status+strain",
        isin=vocab.STRAIN_LEVELS,
    )
    strain_basis: Series[TEXT] = column(
        "What the strain level rests on (stated in words, or computed).",
        "#status+strain+basis",
        isin=vocab.STRAIN_BASES,
    )

    @row_rule("E0111")
    def _occupancy_consistent(cls, df: pd.DataFrame) -> pd.Series:
        return checks.occupancy_consistent(df)

    @row_rule("E0113")
    def _strain_consistent(cls, df: pd.DataFrame) -> pd.Series:
        return checks.strain_consistent(df)

    class Config:
        name = "hospital_strain"
