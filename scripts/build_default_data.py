"""Build the default tables in data/default from the shared real data and the curation files.

Inputs (read-only):
  ../shared/data/syria-2024-reported-figures.csv         115 figures, one per row
  ../shared/data/who-ssa-syria-attacks-on-health-care-2020-2024.csv   WHO SSA export
  seeds/*.txt + seeds/README.md                            the seed report and its metadata
  data/curation/reported-figures-annotations.csv           per-row: table, kind of count,
                                                           group, sub-count links (by hand)
  data/curation/seed-review.csv                            review of what the extractor reads
                                                           in the seed (accept/correct/reject)

Run:  .venv/bin/python scripts/build_default_data.py [--shared ../shared] [--out data/default]
The output is deterministic; a test checks data/default is what this script makes.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indicators.countries import countries  # noqa: E402
from indicators.extraction.numbers import bounds  # noqa: E402
from indicators.places import gazetteer  # noqa: E402
from indicators.report_ingest import claims_of, table_row  # noqa: E402
from indicators.reports import read_report  # noqa: E402
from indicators.schemas import columns  # noqa: E402
from indicators.vocab import HOUSEHOLD_SIZE_DEFAULT  # noqa: E402

CURATED_BY = "impact-monitor curators"
CURATED_AT = "2026-11-25T00:00:00"
SEED_FILE = "000_8cf0bdad4354889b.txt"

SOURCE_TYPES = {
    "OCHA": "un_agency",
    "UNHCR": "un_agency",
    "UNICEF": "un_agency",
    "UN News": "un_agency",
    "WHO via Keystone-SDA": "news_agency",
    "ACAPS": "ngo",
    "Danish Refugee Council": "ngo",
    "Humanity & Inclusion": "ngo",
    "AFP": "news_agency",
    "dpa": "news_agency",
    "EFE": "news_agency",
    "EPA": "news_agency",
    "IANS": "news_agency",
    "Reuters reprint": "news_agency",
    "Associated Press": "news_agency",
    "Kurdistan24": "media",
    "RT": "media",
    "Sputnik": "media",
    "CNN reprint": "media",
}
ORIGINAL_PUBLISHERS = {
    "Reuters reprint": "Reuters",
    "CNN reprint": "CNN",
    "WHO via Keystone-SDA": "WHO",
}
"""Outlets that carry another publisher's story, as the figures file names them: their
figures are that publisher's story, counted once however many outlets carry it."""
GROUP_OF_CERTAINTY = {"Confirmed": "confirmed", "Probable": "probable", "Possible": "possible"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def source_id(publisher: str, published: str, key: str) -> str:
    digest = hashlib.sha1(key.encode()).hexdigest()[:6]
    return f"{slug(publisher)}-{published or 'undated'}-{digest}"


def title_from_url(url: str) -> str:
    last = url.rstrip("/").rsplit("/", 1)[-1]
    words = re.sub(r"[-_]+", " ", last).strip()
    return words[:1].upper() + words[1:] if words else url


def place(location: str, admin1_names: str) -> dict:
    """Codes from the curated governorate names; precision from the place text."""
    g = gazetteer()
    match = g.resolve(location) if location else None
    names = [n for n in admin1_names.split(";") if n]
    codes = [g.lookup(n)[0].admin1_pcode for n in names]
    out = {
        "location_text": location or None,
        "admin1_pcode": None,
        "admin2_pcode": None,
        "admin1_pcodes_spanned": None,
    }
    if len(codes) > 1:
        out["admin1_pcodes_spanned"] = ";".join(codes)
        out["place_precision"] = "multiple_admin1"
    elif len(codes) == 1:
        out["admin1_pcode"] = codes[0]
        same = match is not None and match.admin1_pcode == codes[0]
        out["admin2_pcode"] = match.admin2_pcode if same else None
        out["place_precision"] = match.precision if same else "admin1"
    elif match is not None and match.precision in ("region", "country"):
        out["place_precision"] = match.precision
    else:
        out["place_precision"] = "unknown"
    country = g.country_of.get(codes[0]) if codes else match.country if match else None
    if country:
        out.update(country=country, country_basis="place")
    return out


WHO_ATTRIBUTION = "WHO Surveillance System for Attacks on Health Care"
"""The attribution ../shared/data/README.md gives the WHO SSA export. No source of the
default data has a licence there: the reported figures are facts compiled by hand from
public reports, and the seed report's metadata names none."""


def build_sources(figures: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (publisher, url, published), _ in figures.groupby(
        ["source_publisher", "source_url", "published"], sort=False
    ):
        rows.append(
            {
                "source_id": source_id(publisher, published, url),
                "publisher": publisher,
                "original_publisher": ORIGINAL_PUBLISHERS.get(publisher),
                "title": title_from_url(url),
                "url": url,
                "published": published or None,
                "language": None,
                "source_type": SOURCE_TYPES.get(publisher, "other"),
                "reliability": "unrated",
                "text_sha256": None,
                "notes": "title read from the address; figures from "
                "shared/data/syria-2024-reported-figures.csv",
            }
        )
    rows.append(
        {
            "source_id": who_source_id(),
            "publisher": "WHO Surveillance System for Attacks on Health Care",
            "title": "Attacks on health care in the Syrian Arab Republic, 2020-2024 (SSA export)",
            "url": "https://extranet.who.int/ssa/",
            "published": None,
            "language": "en",
            "source_type": "un_agency",
            "reliability": "unrated",
            "text_sha256": None,
            "notes": "country-level export: no governorate is given for any attack",
            # as ../shared/data/README.md asks; it names no licence, so none is given
            "attribution": WHO_ATTRIBUTION,
        }
    )
    rows.append(
        {
            "source_id": seed_source_id(),
            "publisher": "Associated Press",
            "title": None,
            "url": None,
            "published": "2024-11-30",
            "language": "en",
            "source_type": "news_agency",
            "reliability": "unrated",
            "text_sha256": seed_report().sha256,
            "notes": f"seed report seeds/{SEED_FILE}; the text ends with the line 'apnews.com'",
        }
    )
    return pd.DataFrame(rows)


def who_source_id() -> str:
    return source_id("WHO SSA", "", "who-ssa-syria-2020-2024")


def seed_source_id() -> str:
    return seed_report().source_id


def base_claim(claim_id: str, source: str) -> dict:
    return {
        "claim_id": claim_id,
        "source_id": source,
        "method": "import",
        "review_status": "accepted",
        "reviewed_by": CURATED_BY,
        "reviewed_at": CURATED_AT,
        "value_derived": False,
        "record_type": "figure",
    }


def figure_claim(row: pd.Series, note: pd.Series, number: int) -> dict:
    value = float(row.value)
    high = float(row.value_high) if row.value_high else None
    low, best, top = bounds(row.qualifier, value, high)
    claim = base_claim(
        f"rf-{number:03d}", source_id(row.source_publisher, row.published, row.source_url)
    )
    claim.update(place(row.location_text, row.admin1))
    claim.update(
        {
            "qualifier": row.qualifier,
            "value_low": low,
            "value_best": best,
            "value_high": top,
            "unit": row.unit,
        }
    )
    if row.unit in ("households", "families"):
        size = HOUSEHOLD_SIZE_DEFAULT
        claim.update(
            {
                "unit": "people",
                "unit_stated": row.unit,
                "value_derived": True,
                "household_size": size,
                "value_low": None if low is None else low * size,
                "value_best": None if best is None else best * size,
                "value_high": None if top is None else top * size,
            }
        )
    day = row.date_of_figure or None
    kind = note.count_kind
    start = note.date_start or (day if kind in ("new", "stock") else None)
    end = note.date_end or day
    claim.update(
        {
            "count_kind": kind,
            "date_start": start,
            "date_end": end,
            "date_precision": note.date_precision or ("day" if end else "unknown"),
            "subset_of": f"rf-{int(note.subset_of_row):03d}" if note.subset_of_row else None,
            "notes": "; ".join(dict.fromkeys(t for t in (row.notes, note.comment) if t)) or None,
        }
    )
    if note.table == "casualties":
        claim.update(
            {
                "outcome": note.kind,
                "population_group": note.population_group or "all",
                "cause": note.cause or None,
            }
        )
    elif note.table == "displacement":
        term = {
            "new": "displaced",
            "present": "displaced",
            "returned": "returned",
            "arrived_from_abroad": "arrived",
            "left_for_abroad": "left",
        }[note.kind]
        claim.update(
            {
                "category": note.kind,
                "term": term,
                "origin_text": note.origin or None,
                "origin_admin1_pcode": admin1_of(note.origin),
                "destination_text": note.destination or None,
                "destination_admin1_pcode": admin1_of(note.destination),
            }
        )
    else:
        claim.update({"measure": note.kind})
    return claim


def admin1_of(text: str) -> str | None:
    if not text:
        return None
    match = gazetteer().resolve(text)
    return match.admin1_pcode


def who_claims(who: pd.DataFrame) -> list[dict]:
    claims = []
    for row in who.itertuples(index=False):
        day = str(row[1])[:10]
        hit = [
            label
            for label, flag in (
                ("facilities", row[8]),
                ("transport", row[9]),
                ("personnel", row[10]),
                ("supplies and assets", row[11]),
                ("warehouse", row[12]),
                ("patients", row[13]),
            )
            if flag == "YES"
        ]
        claim = base_claim(f"who-ssa-{row[0]}", who_source_id())
        claim.update(
            {
                "measure": "attacks_on_health_care",
                "location_text": row[3],
                "place_precision": "country",
                "country": countries().iso3(row[3]),
                "country_basis": "stated",
                "date_start": day,
                "date_end": day,
                "date_precision": "day",
                "qualifier": "exact",
                "value_low": 1.0,
                "value_best": 1.0,
                "value_high": 1.0,
                "unit": "attacks",
                "count_kind": "new",
                "record_type": "event",  # one row, one attack: a day's attacks are added up
                "attack_type": row[5].strip(),
                "attack_certainty": GROUP_OF_CERTAINTY[row[4]],
                "attack_killed": int(row[7]),
                "attack_injured": int(row[6]),
                "facility_type": row[15] or None,
                "notes": ("hit: " + ", ".join(hit)) if hit else None,
            }
        )
        claims.append(claim)
    return claims


def seed_claims(review_file: Path) -> dict[str, list[dict]]:
    """The seed's figures as the extractor reads them, with the curators' review applied.

    Every extracted claim needs a decision, and every decision an extracted claim: the build
    fails when the two drift apart (after a change to the extractor, say)."""
    report = seed_report()
    claims = {c.claim_id: c for c in claims_of(report)}
    decisions = pd.read_csv(review_file, dtype=str, keep_default_na=False).set_index("claim_id")
    if set(claims) != set(decisions.index):
        raise SystemExit(
            f"seed review out of step with the extractor: extracted "
            f"{sorted(claims)}, reviewed {sorted(decisions.index)}"
        )
    out: dict[str, list[dict]] = {"casualties": [], "displacement": [], "hospital_strain": []}
    for claim_id, claim in claims.items():
        decision = decisions.loc[claim_id]
        if (decision.indicator, decision.value_text) != (claim.indicator, claim.value_text):
            raise SystemExit(f"{claim_id}: the review is of another claim")
        row = table_row(claim, report.source_id)
        row.update(reviewed_by=CURATED_BY, reviewed_at=CURATED_AT)
        if decision.decision == "accept":
            row.update(review_status="accepted", notes=_note(row, decision.reason))
            out[claim.table].append(row)
        elif decision.decision == "reject":
            row.update(review_status="rejected", notes=_note(row, decision.reason))
            out[claim.table].append(row)
        else:
            fixed = dict(row)
            fixed.update(dict(c.split("=", 1) for c in decision.changes.split(";")))
            fixed.update(
                claim_id=f"{claim_id}-c1",
                method="manual",
                review_status="accepted",
                supersedes=claim_id,
                notes=_note(row, decision.reason),
            )
            row.update(review_status="superseded")
            out[claim.table] += [row, fixed]
    return out


def _note(row: dict, reason: str) -> str:
    return "; ".join(t for t in (row.get("notes"), f"review: {reason}") if t)


def seed_report():
    return read_report(
        ROOT / "seeds" / SEED_FILE,
        published="2024-11-30",
        publisher="Associated Press",
        language="en",
    )


DATASET_COUNTRY = "SYR"
"""The country the shared figures are about (a Syria dataset): a row whose place names no
country has it from its source."""


def write(frame_rows: list[dict] | pd.DataFrame, table: str, out: Path) -> None:
    names = [c.name for c in columns(table)]
    frame = pd.DataFrame(frame_rows).reindex(columns=names)
    if "country" in frame:
        unknown = frame["country"].isna()
        frame.loc[unknown, "country"] = DATASET_COUNTRY
        frame.loc[unknown, "country_basis"] = "source"
    for spec in columns(table):
        if spec.dtype in ("Float64", "Int64"):
            frame[spec.name] = frame[spec.name].astype(spec.dtype)
    frame.to_csv(out / f"{table}.csv", index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "default")
    args = parser.parse_args(argv)
    figures = pd.read_csv(
        args.shared / "data" / "syria-2024-reported-figures.csv", dtype=str, keep_default_na=False
    )
    notes = pd.read_csv(
        ROOT / "data" / "curation" / "reported-figures-annotations.csv",
        dtype=str,
        keep_default_na=False,
    ).set_index("row")
    who = pd.read_csv(
        args.shared / "data" / "who-ssa-syria-attacks-on-health-care-2020-2024.csv",
        dtype=str,
        keep_default_na=False,
    )
    if len(notes) != len(figures):
        raise SystemExit(f"annotations cover {len(notes)} rows; the figures have {len(figures)}")

    tables = seed_claims(ROOT / "data" / "curation" / "seed-review.csv")
    for number, row in enumerate(figures.itertuples(index=False), 1):
        note = notes.loc[str(number)]
        if note.table == "hospital_strain" and row.indicator not in (
            "health_attacks",
            "hospitals_affected",
            "injured",
        ):
            raise SystemExit(f"row {number}: {row.indicator} cannot go to hospital_strain")
        tables[note.table].append(figure_claim(pd.Series(row._asdict()), note, number))
    tables["hospital_strain"] += who_claims(who)

    args.out.mkdir(parents=True, exist_ok=True)
    write(build_sources(figures), "sources", args.out)
    for table, rows in tables.items():
        write(rows, table, args.out)
    print(f"wrote {args.out}: " + ", ".join(f"{t} {len(r)}" for t, r in tables.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
