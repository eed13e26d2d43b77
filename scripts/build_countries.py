"""Build data/reference/countries.csv from OCHA's countries and territories taxonomy.

The taxonomy is the one bundled with `hdx-python-country` (OCHA's own library), read with
live look-ups off: ISO3 and ISO2 codes, the preferred term, the short names reports use
("Syria", "oPt", "DR Congo"), the Arabic short name, and the taxonomy's pattern that
recognises a country's common forms in text ("turkey|t(ü|u)rkiye"). Shipping the table
keeps a worker from loading the library (a second per process) to read a country's name.

Run:  .venv/bin/python scripts/build_countries.py [--out data/reference/countries.csv]
A test checks the shipped table is what this script makes from the installed library.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("iso3", "iso2", "name", "short_name", "arabic_name", "pattern")


def rows() -> list[dict[str, str]]:
    from hdx.location.country import Country

    data = Country.countriesdata(use_live=False)
    out = []
    for iso3 in sorted(data["countries"]):
        info = data["countries"][iso3]
        if (info.get("Deprecated") or "N") == "Y":
            continue
        name = info.get("Preferred Term") or ""
        short = info.get("RW Short Name") or info.get("English Short") or name
        out.append(
            {
                "iso3": iso3,
                "iso2": info.get("ISO 3166-1 Alpha 2-Codes") or "",
                "name": name,
                "short_name": short,
                "arabic_name": info.get("Arabic Short") or "",
                "pattern": info.get("Regex") or "",
            }
        )
    return out


def render() -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data/reference/countries.csv")
    args = parser.parse_args(argv)
    args.out.write_text(render(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
