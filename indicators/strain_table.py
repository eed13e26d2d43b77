"""The hospital strain evidence table as a download (CSV, HXL, XLSX, JSON): the rows of
``indicators.strain_evidence`` with every cell's claims and sources, its columns described
and tagged, and the sources those claims cite with their licence and attribution.

A table derived from claims, not stored: made for a day, a country and a level of place,
so its file name says all three (``strain-evidence-SYR-admin1-as-of-2024-12-05.csv``).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from indicators.exports import Export, ExportFilter
from indicators.schemas import ColumnSpec
from indicators.strain_evidence import CELLS, COLUMNS, strain_evidence
from indicators.strain_rule import rule_lines
from indicators.trends import country_or_default

NAME = "strain_evidence"
"""Its name in a stable address: /api/v1/tables/strain_evidence.csv?as_of=...&country=..."""

_CELL_WORDS = {
    "stated": "the stated level",
    "attacks_7d": "attacks_7d",
    "attacks_30d": "attacks_30d",
    "injured_7d": "injured_7d",
    "facilities": "facilities_down",
    "occupancy": "occupancy_pct",
}
_HXL = {
    "place_name": "#{adm}+name",
    "place": "#{adm}+code",
    "admin_level": "#meta+admin_level",
    "as_of": "#date+as_of",
    "level": "#status+strain",
    "certainty": "#status+certainty",
    "strain_basis": "#meta+strain_basis",
    "derived_level": "#status+strain+derived",
    "derived_from": "#description+derived_from",
    "reason": "#description+reason",
    "evidence_age_days": "#indicator+evidence_age_days+num",
    "stated_level": "#status+strain+stated",
    "stated_day": "#date+stated",
    "stated_age_days": "#indicator+stated_age_days+num",
    "attacks_7d": "#event+attacks+health+days7+num",
    "attacks_30d": "#event+attacks+health+days30+num",
    "injured_7d": "#affected+injured+days7+num",
    "facilities_down": "#indicator+facilities_down+num",
    "facilities_detail": "#description+facilities",
    "occupancy_pct": "#indicator+bed_occupancy+pct",
    "occupancy_day": "#date+occupancy",
    "not_placed": "#description+not_placed",
}
_TYPES = {
    "as_of": "datetime64[ns]",
    "stated_day": "datetime64[ns]",
    "occupancy_day": "datetime64[ns]",
    "stated_age_days": "Int64",
    "evidence_age_days": "Int64",
    **dict.fromkeys(
        ("attacks_7d", "attacks_30d", "injured_7d", "facilities_down", "occupancy_pct"), "Float64"
    ),
}
FIRST = ("place_name", "place")


def specs(admin_level: str = "admin1") -> list[ColumnSpec]:
    """The columns of the download, in order: place, the level and why, the evidence, then
    each cell's claims and sources."""
    adm = "adm1" if admin_level == "admin1" else "adm2"
    names = [*FIRST, *(c for c in COLUMNS if c not in FIRST)]
    out = [_spec(n, COLUMNS[n], _HXL[n].format(adm=adm), _TYPES.get(n, "str")) for n in names]
    for cell in CELLS:
        what = _CELL_WORDS[cell]
        out.append(_spec(f"{cell}_claims", f"The ids of the claims behind {what} ('; ' between).",
                         f"#meta+claims+{cell}", "str"))  # fmt: skip
        out.append(_spec(f"{cell}_sources", f"Who said the claims behind {what}.",
                         f"#meta+source+{cell}", "str"))  # fmt: skip
    return out


def _spec(name: str, description: str, hxl: str, dtype: str) -> ColumnSpec:
    return ColumnSpec(
        name=name, dtype=dtype, nullable=True, description=description, hxl=hxl,
        hxl_formerly=(), input="derived", default=None, allowed=None, unique=False,
    )  # fmt: skip


def evidence_export(
    snapshot, as_of: date, country: str | None = None, admin_level: str = "admin1"
) -> Export:
    """The evidence of every place of ``country`` as of ``as_of``, ready for any writer."""
    country = country_or_default(country)
    rows = strain_evidence(snapshot, as_of, country, admin_level)
    return export_of(snapshot, rows, as_of, country, admin_level)


def export_of(
    snapshot,
    rows: pd.DataFrame,
    as_of: date,
    country: str,
    admin_level: str,
    within: tuple[str, ...] = (),
) -> Export:
    """``rows`` (from :func:`strain_evidence`) as an export: claim ids joined as text, the
    sources their claims cite. ``within``: the places chosen (p-codes), named in the file
    name and the metadata."""
    columns = [s.name for s in specs(admin_level)]
    frame = rows.copy()
    cited: set[str] = set()
    for cell in CELLS:
        ids = frame[f"{cell}_claims"]
        cited.update(i for found in ids for i in found)
        frame[f"{cell}_claims"] = ids.map(lambda found: "; ".join(found) or None).astype("str")
        frame[f"{cell}_sources"] = frame[f"{cell}_sources"].astype(object).astype("str")
    frame["facilities_detail"] = frame["facilities_detail"].astype(object).astype("str")
    frame = frame[columns]
    sources = snapshot.sources
    claim_sources = _sources_of(snapshot, cited)
    sources = sources[sources["source_id"].isin(claim_sources)].reset_index(drop=True)
    return Export(
        NAME,
        frame.reset_index(drop=True),
        sources,
        ExportFilter(country=country, date_to=as_of),
        specs=specs(admin_level),
        stem="-".join(
            ["strain-evidence", country, admin_level, *within, "as-of", as_of.isoformat()]
        ),
        about={
            "as_of": as_of.isoformat(),
            "admin_level": admin_level,
            "within": list(within),
            "rule": rule_lines(),
        },
    )


def _sources_of(snapshot, claim_ids: set[str]) -> set[str]:
    found: set[str] = set()
    for frame in snapshot.tables.values():
        hit = frame[frame["claim_id"].isin(claim_ids)]
        found.update(hit["source_id"].dropna().astype(str))
    return found
