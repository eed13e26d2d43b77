"""Licence and attribution travel with the rows (issue 17): which sources of a download set
terms of use or ask to be cited, and the words every format carries them in.

XLSX and JSON carry them inside (the sources sheet and the about sheet; ``meta.attribution``
and the sources list). A CSV stays a clean table, one header row (and the HXL hashtag row):
a ``#`` comment line would break pandas, R, Excel's column guess and every HXL tool. Its
attribution travels as a companion text, ``<file>.attribution.txt``, written beside the file
by ``impact-monitor export`` and served at the download's address plus that suffix (linked
from the CSV's ``Link`` header), or packed with the file in one zip (``<file>.zip``).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import pandas as pd

COMPANION_SUFFIX = ".attribution.txt"
"""What a download's companion text adds to its file name."""
BUNDLE_SUFFIX = ".zip"
"""What a download packed with its companion adds to its file name."""


@dataclass(frozen=True)
class Credit:
    """A source that sets terms of use or asks to be cited."""

    source_id: str
    publisher: str
    licence: str | None
    attribution: str | None

    def line(self) -> str:
        """What to cite, in one line: the attribution as the publisher asks for it (else
        the publisher's name), then the licence."""
        said = self.attribution or self.publisher
        return f"{said} (licence: {self.licence})" if self.licence else said

    def record(self) -> dict[str, str | None]:
        return {
            "source_id": self.source_id,
            "publisher": self.publisher,
            "licence": self.licence,
            "attribution": self.attribution,
        }


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None


def credits(sources: pd.DataFrame) -> list[Credit]:
    """The sources in ``sources`` with a licence or an attribution line, by source id.
    A frame without the columns (read before they existed) has none."""
    if sources.empty or not {"licence", "attribution"} & set(sources.columns):
        return []
    found = {}
    for row in sources.to_dict("records"):
        licence, attribution = _text(row.get("licence")), _text(row.get("attribution"))
        if licence or attribution:
            source_id = str(row["source_id"])
            found[source_id] = Credit(
                source_id, _text(row.get("publisher")) or source_id, licence, attribution
            )
    return [found[k] for k in sorted(found)]


def companion_text(export, file_name: str, sources_address: str | None = None) -> str:
    """The companion of a download named ``file_name``: what to cite and the terms its
    sources set, in plain text a person reads (UTF-8, one credit a paragraph)."""
    from indicators import __version__

    cited = credits(export.sources)
    count = len(export.sources)
    lines = [f"What to cite: {file_name}", ""]
    if cited:
        lines += [
            f"The rows of {file_name} come from {count:,} source{'s' if count != 1 else ''}. "
            + (
                f"These {len(cited)} set terms of use or ask to be cited"
                if len(cited) > 1
                else "This one sets terms of use or asks to be cited"
            )
            + ": keep to them, and keep this text with the file when you pass it on.",
            "",
        ]
        for credit in cited:
            lines.append(f"- {credit.attribution or credit.publisher}")
            lines.append(f"  publisher: {credit.publisher} (source_id {credit.source_id})")
            lines.append(f"  licence: {credit.licence or 'not stated'}")
            lines.append("")
    else:
        lines += [
            f"None of the {count:,} sources of the rows of {file_name} states a licence or an "
            "attribution line that this store knows.",
            "",
        ]
    where = f" ({sources_address})" if sources_address else ""
    lines += [
        "Every row names its source (source_id, source_publisher, source_url); the sources "
        f"table{where} describes each one. Figures are claims as the sources stated them, "
        "not verified facts.",
        f"Made by impact-monitor {__version__} at "
        f"{export.generated_at.strftime('%Y-%m-%dT%H:%M:%SZ')}.",
    ]
    return "\n".join(lines) + "\n"


def bundle(file_name: str, body: bytes, companion: str) -> bytes:
    """A zip holding the download and its companion text, side by side."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(file_name, body)
        archive.writestr(file_name + COMPANION_SUFFIX, companion.encode("utf-8"))
    return buffer.getvalue()
