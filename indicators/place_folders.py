"""A folder per country under the place reference: what the code knows of a country's places.

``data/reference/places/<ISO3>/`` holds ``manifest.json`` (the country, where the files
come from, their date, licence and checksums, its neighbours) and the files it names:
``admin1.csv`` and ``admin2.csv`` (OCHA p-codes and names, in the COD's own columns),
optionally ``aliases.csv`` (other spellings, Arabic names, towns, regions) and
``boundaries-admin1.geojson``. The code finds every folder with a manifest: a new country is
data only, and :func:`build_folder` makes one from the global p-codes list.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
ADMIN1, ADMIN2, ALIASES, BOUNDARIES = (
    "admin1.csv",
    "admin2.csv",
    "aliases.csv",
    "boundaries-admin1.geojson",
)
ADMIN1_COLUMNS = ("ADM1_PCODE", "ADM1_EN", "ADM1_AR", "ADM0_PCODE")
ADMIN2_COLUMNS = ("ADM2_PCODE", "ADM2_EN", "ADM2_AR", "ADM1_PCODE")
GLOBAL_SOURCE = (
    "OCHA Common Operational Datasets (COD-AB) p-codes, admin 1 and 2, as gathered in the "
    "global p-codes list of OCHA's HDX team (global-pcodes-adm1-adm2.csv)"
)
GLOBAL_LICENCE = "CC BY-IGO (the codes and names, from the CODs)"


class FolderError(ValueError):
    """A country folder that cannot be read or made, said plainly."""


@dataclass(frozen=True)
class CountryFolder:
    """One country's place reference."""

    iso3: str
    path: Path
    manifest: dict

    @property
    def name(self) -> str:
        return self.manifest.get("name") or self.iso3

    @property
    def curated(self) -> bool:
        """True when people keep its aliases: its names are then read in any report; the
        names of a folder made from the global list only in reports about its country."""
        return bool(self.manifest.get("curated"))

    @property
    def neighbours(self) -> tuple[str, ...]:
        return tuple(self.manifest.get("neighbours") or ())

    def file(self, name: str) -> Path | None:
        """A file of the folder, when the manifest lists it and it is there."""
        listed = self.manifest.get("files") or {}
        path = self.path / name
        return path if name in listed and path.exists() else None

    def problems(self) -> list[str]:
        """Files whose checksum differs from the manifest's, or that are missing."""
        out = []
        for name, about in (self.manifest.get("files") or {}).items():
            path = self.path / name
            if not path.exists():
                out.append(f"{self.path / MANIFEST}: lists '{name}', which is not there")
            elif about.get("sha256") and about["sha256"] != _sha256(path):
                out.append(f"{path}: checksum differs from the manifest's (edited by hand?)")
        return out


def folders(root: Path) -> list[CountryFolder]:
    """Every country folder under ``root`` (``data/reference/places``), by ISO3."""
    found = []
    for manifest in sorted(root.glob(f"*/{MANIFEST}")):
        try:
            about = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise FolderError(f"{manifest}: cannot be read ({error})") from error
        iso3 = str(about.get("country", "")).upper()
        if iso3 != manifest.parent.name.upper() or len(iso3) != 3:
            raise FolderError(
                f"{manifest}: 'country' is '{about.get('country')}', but the folder is named "
                f"'{manifest.parent.name}' (both must be the same ISO3 code)"
            )
        found.append(CountryFolder(iso3, manifest.parent, about))
    return found


def build_folder(
    iso3: str,
    global_pcodes: Path,
    root: Path,
    *,
    name: str,
    neighbours: tuple[str, ...] = (),
    replace: bool = False,
) -> CountryFolder:
    """Make ``root/ISO3`` from the global p-codes list: admin 1 and 2 codes and English
    names, and a manifest. Facts only: nothing is added that the list does not hold."""
    iso3 = iso3.strip().upper()
    target = root / iso3
    if (target / MANIFEST).exists() and not replace:
        raise FolderError(f"{target}: a folder for {iso3} is already there (--replace)")
    admin1, admin2, valid = [], [], set()
    with global_pcodes.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("Location") or "").upper() != iso3:
                continue
            valid.add(row.get("Valid from date") or "")
            level = (row.get("Admin Level") or "").strip()
            if level == "1":
                admin1.append([row["P-Code"], row["Name"], "", iso3])
            elif level == "2":
                admin2.append([row["P-Code"], row["Name"], "", row["Parent P-Code"]])
    if not admin1:
        raise FolderError(
            f"{global_pcodes}: no admin 1 rows for '{iso3}' (column 'Location'); a country "
            "without a COD cannot be added from this list"
        )
    known = {r[0] for r in admin1}
    orphans = [r[0] for r in admin2 if r[3] not in known]
    if orphans:
        raise FolderError(
            f"{global_pcodes}: admin 2 p-codes of {iso3} whose parent is not among its admin "
            f"1 p-codes: {', '.join(orphans[:5])}"
        )
    target.mkdir(parents=True, exist_ok=True)
    _write(target / ADMIN1, ADMIN1_COLUMNS, sorted(admin1))
    _write(target / ADMIN2, ADMIN2_COLUMNS, sorted(admin2))
    manifest = {
        "country": iso3,
        "name": name,
        "source": GLOBAL_SOURCE,
        "source_file": global_pcodes.name,
        "valid_from": max(valid - {""}, default=None),
        "licence": GLOBAL_LICENCE,
        "curated": False,
        "neighbours": sorted({n.upper() for n in neighbours}),
        "files": {},
    }
    write_manifest(target, manifest)
    return CountryFolder(iso3, target, json.loads((target / MANIFEST).read_text("utf-8")))


def write_manifest(target: Path, manifest: dict) -> None:
    """The manifest with the checksum and row count of every file of the folder."""
    files = {}
    for name in (ADMIN1, ADMIN2, ALIASES, BOUNDARIES):
        path = target / name
        if path.exists():
            about = {"sha256": _sha256(path)}
            if name.endswith(".csv"):
                with path.open(encoding="utf-8") as handle:
                    about["rows"] = sum(1 for _ in csv.reader(handle)) - 1
            files[name] = about
    manifest = {**manifest, "files": files}
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (target / MANIFEST).write_text(text, encoding="utf-8")


def _write(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
