"""Build the default tables in data/default from the shared real data and the curation files.

Inputs (read-only):
  ../shared/data/syria-2024-reported-figures.csv         115 figures, one per row
  ../shared/data/who-ssa-syria-attacks-on-health-care-2020-2024.csv   WHO SSA export
  seeds/*.txt + seeds/README.md                            the seed report and its metadata
  data/curation/reported-figures-annotations.csv           per-row: table, kind of count,
                                                           group, sub-count links (by hand)
  data/curation/seed-claims.csv                            the seed's figures, entered by hand

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

from indicators.places import gazetteer  # noqa: E402
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


def bounds(qualifier: str, value: float, high: float | None) -> tuple:
    """low, best, high for a stated value and its qualifier (domain notes, section 1)."""
    if qualifier == "exact":
        return value, value, value
    if qualifier in ("at_least", "more_than"):
        return value, value, None
    if qualifier == "about":
        return None, value, None
    if qualifier == "up_to":
        return None, value, value
    if qualifier == "range":
        return value, None, high
    raise ValueError(f"unknown qualifier {qualifier}")


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
    return out


def build_sources(figures: pd.DataFrame, seed_text: bytes) -> pd.DataFrame:
    rows = []
    for (publisher, url, published), _ in figures.groupby(
        ["source_publisher", "source_url", "published"], sort=False
    ):
        rows.append(
            {
                "source_id": source_id(publisher, published, url),
                "publisher": publisher,
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
            "text_sha256": hashlib.sha256(seed_text).hexdigest(),
            "notes": f"seed report seeds/{SEED_FILE}; the text ends with the line 'apnews.com'",
        }
    )
    return pd.DataFrame(rows)


def who_source_id() -> str:
    return source_id("WHO SSA", "", "who-ssa-syria-2020-2024")


def seed_source_id() -> str:
    return source_id("Associated Press", "2024-11-30", SEED_FILE)


def base_claim(claim_id: str, source: str) -> dict:
    return {
        "claim_id": claim_id,
        "source_id": source,
        "method": "import",
        "review_status": "accepted",
        "reviewed_by": CURATED_BY,
        "reviewed_at": CURATED_AT,
        "value_derived": False,
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
        term = {"new": "displaced", "present": "displaced", "returned": "returned"}[note.kind]
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
                "date_start": day,
                "date_end": day,
                "date_precision": "day",
                "qualifier": "exact",
                "value_low": 1.0,
                "value_best": 1.0,
                "value_high": 1.0,
                "unit": "attacks",
                "count_kind": "new",
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


def seed_claims(seed: str, text: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"casualties": [], "displacement": [], "hospital_strain": []}
    for n, row in enumerate(pd.read_csv(seed, dtype=str, keep_default_na=False).itertuples(), 1):
        start = text.index(row.quote)  # raises if the quote is not in the seed, word for word
        claim = base_claim(f"seed-{n:03d}", seed_source_id())
        claim.update(
            {
                "method": "manual",
                "quote": row.quote,
                "char_start": start,
                "char_end": start + len(row.quote),
                "location_text": row.location_text,
                "admin1_pcode": row.admin1_pcode or None,
                "admin2_pcode": row.admin2_pcode or None,
                "place_precision": row.place_precision,
                "date_start": row.date,
                "date_end": row.date,
                "date_precision": "day",
                "value_text": row.value_text or None,
                "qualifier": row.qualifier or None,
                "count_kind": row.count_kind,
                "notes": row.comment or None,
            }
        )
        if row.value:
            low, best, high = bounds(row.qualifier, float(row.value), None)
            claim.update({"value_low": low, "value_best": best, "value_high": high})
        if row.table == "casualties":
            claim.update(
                {
                    "outcome": row.kind,
                    "population_group": row.population_group,
                    "cause": row.cause or None,
                    "unit": "people",
                }
            )
        elif row.table == "displacement":
            claim.update(
                {
                    "category": row.kind,
                    "term": "fled",
                    "unit": "people",
                    "origin_text": row.origin_text or None,
                    "origin_admin1_pcode": admin1_of(row.origin_text),
                }
            )
        else:
            claim.update(
                {
                    "measure": row.kind,
                    "strain_level": row.strain_level,
                    "strain_basis": "stated",
                    "facility_type": "hospital",
                }
            )
        out[row.table].append(claim)
    return out


def write(frame_rows: list[dict] | pd.DataFrame, table: str, out: Path) -> None:
    names = [c.name for c in columns(table)]
    frame = pd.DataFrame(frame_rows).reindex(columns=names)
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
    seed_bytes = (ROOT / "seeds" / SEED_FILE).read_bytes()
    if len(notes) != len(figures):
        raise SystemExit(f"annotations cover {len(notes)} rows; the figures have {len(figures)}")

    tables: dict[str, list[dict]] = seed_claims(
        str(ROOT / "data" / "curation" / "seed-claims.csv"), seed_bytes.decode("utf-8")
    )
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
    write(build_sources(figures, seed_bytes), "sources", args.out)
    for table, rows in tables.items():
        write(rows, table, args.out)
    print(f"wrote {args.out}: " + ", ".join(f"{t} {len(r)}" for t, r in tables.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
