"""Command-line verbs for the place reference: list the country folders, add a country."""

from __future__ import annotations

import argparse
from pathlib import Path

from indicators.errors import InputError


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("places", help="the countries whose places are known; add a country")
    verbs = p.add_subparsers(dest="places_command", required=True, metavar="VERB")
    listing = verbs.add_parser("list", help="every country folder, its files and their state")
    listing.set_defaults(run=cmd_list)
    add = verbs.add_parser(
        "add-country",
        help="make a country's folder from the global p-codes list (admin 1 and 2)",
        description="Make data/reference/places/ISO3 from the OCHA global p-codes list: "
        "admin 1 and 2 p-codes and English names, and a manifest with the source, date, "
        "licence and checksums. Aliases (aliases.csv) and boundaries "
        "(boundaries-admin1.geojson) can be put in the folder afterwards; run "
        "'places add-country ISO3 --replace' again to record their checksums.",
    )
    add.add_argument("iso3", metavar="ISO3", help="the country's ISO 3166 alpha-3 code (LBN)")
    add.add_argument(
        "--pcodes",
        type=Path,
        default=None,
        metavar="CSV",
        help="the global p-codes list (default: ../shared/reference/"
        "global-pcodes-adm1-adm2.csv beside the project)",
    )
    add.add_argument(
        "--neighbours", default="", metavar="ISO3,...", help="countries it borders, by ISO3"
    )
    add.add_argument("--replace", action="store_true", help="make the folder again")
    add.set_defaults(run=cmd_add_country)


def cmd_list(args: argparse.Namespace) -> int:
    from indicators.paths import reference_dir
    from indicators.place_folders import folders

    for folder in folders(reference_dir() / "places"):
        files = ", ".join(folder.manifest.get("files", {})) or "no files"
        state = "; ".join(folder.problems()) or "checksums match"
        kind = "curated" if folder.curated else "from the global p-codes"
        mark = " (default)" if folder.manifest.get("default") else ""
        print(f"{folder.iso3}{mark}  {folder.name}: {kind}; {files}; {state}")
    return 0


def cmd_add_country(args: argparse.Namespace) -> int:
    from indicators.countries import countries
    from indicators.paths import PROJECT_ROOT, reference_dir
    from indicators.place_folders import FolderError, build_folder

    known = countries().get(args.iso3)
    if known is None or len(args.iso3.strip()) != 3:
        raise InputError(f"'{args.iso3}' is not an ISO3 country code in the countries table")
    pcodes = args.pcodes or PROJECT_ROOT.parent / "shared/reference/global-pcodes-adm1-adm2.csv"
    if not pcodes.exists():
        raise InputError(f"{pcodes}: the global p-codes list is not there (give --pcodes)")
    neighbours = tuple(n.strip().upper() for n in args.neighbours.split(",") if n.strip())
    unknown = [n for n in neighbours if countries().get(n) is None]
    if unknown:
        raise InputError(f"--neighbours: unknown country code {', '.join(unknown)}")
    try:
        folder = build_folder(
            known.iso3,
            pcodes,
            reference_dir() / "places",
            name=known.short_name,
            neighbours=neighbours,
            replace=args.replace,
        )
    except FolderError as error:
        raise InputError(str(error)) from error
    rows = {k: v.get("rows") for k, v in folder.manifest["files"].items()}
    print(f"wrote {folder.path}: {rows.get('admin1.csv')} admin 1 and "
          f"{rows.get('admin2.csv')} admin 2 p-codes of {folder.name}")  # fmt: skip
    return 0
