"""The export formats, as a registry: one record per format, read by the command line, the
stable addresses and the Data page. A new format is one record here and its writer in
``indicators.exports`` (a test renders every record, so a missing writer fails there, not
when a user downloads).

This module stands above ``indicators.exports`` and imports it only to write: the command
line lists the formats without loading pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from indicators.errors import InputError

if TYPE_CHECKING:
    from indicators.exports import Export


@dataclass(frozen=True)
class ExportFormat:
    """One way to download a table."""

    name: str
    """What the command line and the API call it (``--format hxl``)."""
    suffix: str
    """How a file (and a stable address) in it ends."""
    media_type: str
    """The HTTP Content-Type of a download."""
    label: str
    """What the Data page calls it."""
    writer: str
    """The function of ``indicators.exports`` that writes an export in it."""

    def write(self, export: Export) -> bytes:
        """The export in this format, as bytes."""
        from indicators import exports

        return getattr(exports, self.writer)(export)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("csv", ".csv", "text/csv; charset=utf-8", "CSV", "write_csv"),
        ExportFormat("hxl", ".hxl.csv", "text/csv; charset=utf-8", "HXL CSV", "write_hxl"),
        ExportFormat(
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel (data, dictionary, sources)",
            "write_xlsx",
        ),
        ExportFormat("json", ".json", "application/json", "JSON", "write_json"),
    )
}


def get(name: str) -> ExportFormat:
    """The format called ``name``; InputError naming the formats when there is none."""
    if name not in FORMATS:
        raise InputError(f"unknown format '{name}': choose one of {', '.join(FORMATS)}")
    return FORMATS[name]


def render(export: Export, name: str) -> bytes:
    """The export in the format called ``name``, as bytes."""
    return get(name).write(export)


def split_suffix(file_name: str) -> tuple[str, ExportFormat]:
    """'casualties.hxl.csv' -> ('casualties', the HXL format); InputError when no format's
    suffix ends the name. The longest suffix wins ('.hxl.csv' before '.csv')."""
    for fmt in sorted(FORMATS.values(), key=lambda f: -len(f.suffix)):
        if file_name.endswith(fmt.suffix):
            return file_name[: -len(fmt.suffix)], fmt
    suffixes = ", ".join(f.suffix for f in FORMATS.values())
    raise InputError(f"unknown format in '{file_name}': end the address with one of {suffixes}")
