"""Which layout a table file has: a layout a mapping knows (found by HXL tag or header),
the project's own table, or none, with the file's columns that nothing places (issue 17)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from indicators.mapping import Field, Mapping, builtin, folded
from indicators.schemas import CLAIM_TABLES, EXPORT_ONLY_COLUMNS, READER_ONLY_COLUMNS, columns
from indicators.tabular import RawTable


@dataclass
class Layout:
    """What a file is: a layout a mapping knows, or the project's own table, and its columns
    that nothing places."""

    mapping: Mapping | None
    own_table: str | None
    unplaced: list[str]

    def describe(self) -> str:
        if self.mapping is not None:
            what = f"layout {self.mapping.label}, into '{self.mapping.table}'"
        elif self.own_table is not None:
            what = f"the project's own '{self.own_table}' table"
        elif not self.unplaced:
            what = (
                "the project's own columns, but not which table (no outcome, category or "
                "measure column): name it with --table"
            )
        else:
            what = "no known layout"
        if self.unplaced:
            what += f"; columns not placed: {', '.join(repr(c) for c in self.unplaced)}"
        return what


def _headers(raw: RawTable) -> dict[str, int]:
    return _known(raw)[0]


def _known(raw: RawTable) -> tuple[dict[str, int], dict[object, object]]:
    """The file's columns by folded header, and the columns found for fields so far: made
    once per file (they are asked for at every cell). Only the last two files are kept (a
    server must not hold on to uploads)."""
    made = _KNOWN.get(id(raw))
    if made is None or made[0] is not raw:
        headers: dict[str, int] = {}
        for i, header in enumerate(raw.header):
            headers.setdefault(folded(header), i)
        made = _KNOWN[id(raw)] = (raw, headers, {})
        if len(_KNOWN) > 2:
            _KNOWN.pop(next(iter(_KNOWN)))
    return made[1], made[2]


_KNOWN: dict[int, tuple[RawTable, dict[str, int], dict[object, object]]] = {}


def _hxl_columns(raw: RawTable) -> list:
    """The file's hashtag row as the HXL standard's library reads it (``hxl.model.Column``:
    tag and attributes, in any case and spacing), made once per file. The cells come from
    the project's own reader, so its size and inflation limits hold for XLSX too."""
    made = _known(raw)[1]
    if "hxl" not in made:
        import hxl.model  # the HXL standard's library; loaded for files with a hashtag row

        made["hxl"] = [
            hxl.model.Column.parse(tag.strip(), header=header) if tag and tag.strip() else None
            for tag, header in zip(raw.hashtags, raw.header, strict=False)
        ]
    return made["hxl"]


@cache
def _pattern(tag: str):
    """A mapping's tag as a pattern (``#affected+killed`` matches ``#affected +killed
    +num``: the file's tag may carry more attributes)."""
    import hxl.model

    return hxl.model.TagPattern.parse(tag)


def find(raw: RawTable, how: Field) -> int | None:
    """The file's column a field reads: by HXL hashtag (the file's tag has the same name and
    at least the attributes asked for) where the file has a hashtag row, else by header."""
    found = _known(raw)[1]
    key = (how.hxl, how.column)
    if key not in found:
        found[key] = _find(raw, how)
    return found[key]


def _find(raw: RawTable, how: Field) -> int | None:
    if how.hxl and raw.hashtags:
        for i, column in enumerate(_hxl_columns(raw)):
            if column is not None and _pattern(how.hxl).match(column):
                return i
    if how.column:
        return _headers(raw).get(folded(how.column))
    return None


def _has(raw: RawTable, key: str) -> bool:
    if key.startswith("#"):
        return find(raw, Field(hxl=key)) is not None
    return folded(key) in _headers(raw)


def _read_by(mapping: Mapping) -> set[str]:
    fields = mapping.fields()
    read = {folded(c) for f in fields for c in f.columns_read()}
    return read | {folded(c) for c in mapping.ignored}


def recognise(raw: RawTable, mappings: list[Mapping] | None = None) -> Layout:
    """The layout of a file: the mapping whose recognising columns are all there (the one
    that recognises by the most), else the project's own table whose columns the header
    holds, else none; with the file's columns that nothing places."""
    mappings = builtin() if mappings is None else mappings
    fits = [m for m in mappings if all(_has(raw, k) for k in m.recognise)]
    if fits:
        best = max(fits, key=lambda m: len(m.recognise))
        return layout_of(raw, best)
    own = own_table(raw)
    if own is not None:
        return Layout(None, own, [])
    named = [columns_of(t) for t in (*CLAIM_TABLES, "sources")]
    known = set().union(*named)
    return Layout(None, None, [h for h in raw.header if h and folded(h) not in known])


def layout_of(raw: RawTable, mapping: Mapping) -> Layout:
    """A file read with a mapping, and the file's columns the mapping does not place."""
    read = _read_by(mapping)
    fields = mapping.fields()
    placed_by_tag = {find(raw, f) for f in fields if f.hxl}
    unplaced = [
        h
        for i, h in enumerate(raw.header)
        if h and folded(h) not in read and i not in placed_by_tag
    ]
    return Layout(mapping, None, unplaced)


def columns_of(table: str) -> set[str]:
    return {folded(c.name) for c in columns(table)}


def own_table(raw: RawTable) -> str | None:
    """The project's table a file holds: every named column is one of the table's, and it
    has the column that tells the tables apart (source_id for sources, the identity column,
    outcome, category or measure, for a claim table)."""
    headers = {folded(h) for h in raw.header if h} - {
        folded(c) for c in (*EXPORT_ONLY_COLUMNS, *READER_ONLY_COLUMNS)
    }  # what an export adds for its reader
    if "claim_id" not in headers and headers <= columns_of("sources"):
        return "sources" if "source_id" in headers else None
    for table in CLAIM_TABLES:
        if headers <= columns_of(table) and _identity(table) in headers:
            return table
    return None


def _identity(table: str) -> str:
    from indicators.catalogue import IDENTITY_COLUMNS

    return IDENTITY_COLUMNS[table]
