"""Mappings: how a table as its publisher publishes it becomes claims of one of the project's
tables (issue 17).

A mapping is a small, named, versioned YAML file (the built-in ones are in
``data/mappings/``; anyone can write their own). It says which of the file's columns, found
by HXL hashtag (with attributes) where the file has a hashtag row, else by header, fill which
of the table's columns; what every row holds whatever the file says (``fixed``); the source
the rows come from, with its publisher, licence and attribution; and which columns it leaves
aside on purpose (``ignored``), so that every other column can be listed as not placed.

    name: who-ssa-dashboard
    version: 1
    title: WHO Surveillance System for Attacks on Health Care, "Dashboard Report" export
    table: hospital_strain
    recognise: [Attack ID, Attack Date, Certainty Level]   # all present: this layout
    source: {source_id: ..., publisher: ..., licence: ..., attribution: ...}
    columns:
      claim_id: {template: "who-ssa-{Attack ID}"}
      date_end: {column: Attack Date, kind: date}
      attack_killed: {column: Total Death, kind: integer}
      attack_certainty: {column: Certainty Level, values: {Confirmed: confirmed}}
      notes: {kind: flags, flags: {HC Facilities: facilities}, prefix: "hit: "}
      admin1_pcode: {hxl: "#adm1+code"}
    place: {names: [{hxl: "#adm2+name"}, {hxl: "#adm1+name"}]}   # resolved to p-codes
    fixed: {measure: attacks_on_health_care, value_best: 1}
    ignored: [Attack Time]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from indicators.errors import InputError
from indicators.paths import data_dir

KINDS = ("text", "date", "integer", "number", "country", "flags")
"""How a cell is read: as text; as a day (a date-time keeps its day; an Excel serial day is
read too); as a whole number or a number (separators, spaces and a trailing '.0' allowed);
as a country (its name or code, through the country catalogue); ``flags``: the labels of the
columns that say YES, joined."""

_FIELD_KEYS = {"column", "hxl", "template", "kind", "values", "flags", "prefix", "required"}
_MAPPING_KEYS = {
    "name", "version", "title", "table", "recognise", "source", "columns", "fixed",
    "ignored", "description", "place", "claims",
}  # fmt: skip
_SECTION_KEYS = {"name", "table", "when", "columns", "fixed"}
_SOURCE_KEYS = {
    "source_id", "publisher", "original_publisher", "title", "url", "published", "language",
    "source_type", "reliability", "notes", "licence", "attribution",
}  # fmt: skip


def folded(text: str) -> str:
    """A header as it is compared: case, spaces and line breaks folded ('Total  Death ')."""
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


@dataclass(frozen=True)
class Field:
    """How one column of the project's table is filled from a row of the file."""

    column: str | None = None
    hxl: str | None = None
    template: str | None = None
    kind: str = "text"
    values: dict[str, object] | None = None
    flags: dict[str, str] | None = None
    prefix: str = ""
    required: bool = False

    def columns_read(self) -> list[str]:
        """The file's columns (headers) this field reads."""
        read = [self.column] if self.column else []
        read += [n.rstrip("?") for n in re.findall(r"\{([^{}]+)\}", self.template or "")]
        read += list(self.flags or {})
        return read


@dataclass(frozen=True)
class Section:
    """One claim a row becomes: its table, the columns and fixed values it adds to the
    mapping's shared ones, and the column whose cell says whether the row has it (a number
    above 0, or any text but 'no'); without ``when`` every row has it."""

    table: str
    columns: dict[str, Field] = field(default_factory=dict)
    fixed: dict[str, object] = field(default_factory=dict)
    when: Field | None = None
    name: str = ""


@dataclass(frozen=True)
class Mapping:
    name: str
    version: int
    title: str
    recognise: tuple[str, ...]
    source: dict[str, str]
    columns: dict[str, Field]
    """Columns every claim of a row shares (all of a one-table mapping's columns)."""
    sections: tuple[Section, ...]
    """The claims one row becomes: one for a one-table mapping (``table``), several where
    the mapping lists ``claims`` (an incident's attack, its facilities hit, its health
    workers killed...)."""
    fixed: dict[str, object] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    path: Path | None = None
    place_names: tuple[Field, ...] = ()
    """Columns naming the place (the most precise first: district, then governorate), read
    together and resolved to p-codes in the row's country."""

    @property
    def label(self) -> str:
        return f"{self.name} v{self.version} ({self.title})"

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.table for s in self.sections))

    @property
    def table(self) -> str:
        """The table (or tables, named together) the rows go into."""
        return " and ".join(self.tables)

    def fields(self) -> list[Field]:
        """Every field that reads the file: shared, each claim's, the place's."""
        own = [f for s in self.sections for f in (*s.columns.values(), s.when) if f]
        return [*self.columns.values(), *own, *self.place_names]


def load(path: Path) -> Mapping:
    """A mapping from its YAML file; an error names the file and the key that is wrong."""
    name = path.name
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise InputError(f"{name}: not a readable mapping ({err})") from err
    if not isinstance(spec, dict):
        raise InputError(f"{name}: a mapping is a YAML mapping of keys, not {type(spec).__name__}")
    unknown = set(spec) - _MAPPING_KEYS
    if unknown:
        raise InputError(f"{name}: unknown keys {', '.join(sorted(unknown))}")
    for key in ("name", "version", "title", "recognise", "source", "columns"):
        if key not in spec:
            raise InputError(f"{name}: the key '{key}' is missing")
    if "table" not in spec and "claims" not in spec:
        raise InputError(f"{name}: say the table the rows go into ('table'), or 'claims'")
    if "claims" in spec:
        if not isinstance(spec["claims"], list) or not spec["claims"]:
            raise InputError(f"{name}: claims: a list of the claims one row becomes")
        sections = tuple(_section(name, i, one) for i, one in enumerate(spec["claims"], 1))
    else:
        sections = (Section(_table(name, spec["table"])),)
    tables = [s.table for s in sections]
    source = dict(spec["source"] or {})
    if set(source) - _SOURCE_KEYS or "source_id" not in source or "publisher" not in source:
        raise InputError(
            f"{name}: source needs source_id and publisher, and knows only "
            f"{', '.join(sorted(_SOURCE_KEYS))}"
        )
    place = spec.get("place") or {}
    if not isinstance(place, dict) or set(place) - {"names"}:
        raise InputError(f"{name}: place: use 'names', a list of columns naming the place")
    place_names = []
    for how in place.get("names") or ():
        how = {"column": how} if isinstance(how, str) else how
        if not isinstance(how, dict) or set(how) - {"column", "hxl"}:
            raise InputError(f"{name}: place: names: each is a column or an hxl tag")
        place_names.append(Field(**how))
    return Mapping(
        name=str(spec["name"]),
        version=int(spec["version"]),
        title=str(spec["title"]),
        recognise=tuple(str(r) for r in spec["recognise"]),
        source={k: str(v) for k, v in source.items() if v is not None},
        columns=_fields(name, "columns", spec["columns"], tables),
        sections=sections,
        fixed=_fixed(name, "fixed", spec.get("fixed"), tables),
        ignored=tuple(str(i) for i in spec.get("ignored") or ()),
        path=path,
        place_names=tuple(place_names),
    )


def _table(name: str, table: object) -> str:
    from indicators.schemas import CLAIM_TABLES

    if table not in CLAIM_TABLES:
        raise InputError(f"{name}: table '{table}' is not one of {', '.join(CLAIM_TABLES)}")
    return str(table)


def _section(name: str, number: int, spec: object) -> Section:
    if not isinstance(spec, dict) or set(spec) - _SECTION_KEYS or "table" not in spec:
        raise InputError(
            f"{name}: claims: claim {number}: give its table, and only "
            f"{', '.join(sorted(_SECTION_KEYS))}"
        )
    table = _table(name, spec["table"])
    where = f"claims: {spec.get('name') or number}: "
    when = spec.get("when")
    when = {"column": when} if isinstance(when, str) else when
    return Section(
        table=table,
        columns=_fields(name, where + "columns", spec.get("columns"), [table]),
        fixed=_fixed(name, where + "fixed", spec.get("fixed"), [table]),
        when=_field(name, where + "when", when) if when else None,
        name=str(spec.get("name") or f"claim {number}"),
    )


def _known(tables: list[str]) -> set[str]:
    """The columns every one of ``tables`` has."""
    from indicators.schemas import columns

    return set.intersection(*({c.name for c in columns(t)} for t in tables))


def _fields(name: str, where: str, spec: object, tables: list[str]) -> dict[str, Field]:
    known = _known(tables)
    fields = {}
    for target, how in (spec or {}).items():
        if target not in known:
            raise InputError(
                f"{name}: {where}: '{target}' is not a column of {' and '.join(tables)}"
            )
        fields[target] = _field(name, f"{where}: {target}", how)
    return fields


def _field(name: str, where: str, how: object) -> Field:
    if isinstance(how, str):
        how = {"column": how}
    if not isinstance(how, dict) or set(how) - _FIELD_KEYS:
        raise InputError(f"{name}: {where}: use the keys {', '.join(sorted(_FIELD_KEYS))}")
    one = Field(**how)
    if one.kind not in KINDS:
        raise InputError(f"{name}: {where}: kind '{one.kind}' is not one of {KINDS}")
    if not (one.column or one.hxl or one.template or one.flags):
        raise InputError(f"{name}: {where}: says neither column, hxl nor template")
    return one


def _fixed(name: str, where: str, spec: object, tables: list[str]) -> dict[str, object]:
    fixed = dict(spec or {})
    known = _known(tables)
    for target in fixed:
        if target not in known:
            raise InputError(
                f"{name}: {where}: '{target}' is not a column of {' and '.join(tables)}"
            )
    return fixed


def builtin_dir() -> Path:
    return data_dir() / "mappings"


def builtin() -> list[Mapping]:
    """The mappings shipped with the project, by name."""
    return [load(p) for p in sorted(builtin_dir().glob("*.yaml"))]


def named(name: str) -> Mapping:
    """A built-in mapping by name, or a mapping file by its path."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.is_file():
        return load(path)
    found = {m.name: m for m in builtin()}
    if name not in found:
        raise InputError(
            f"no mapping named '{name}'; the built-in ones are {', '.join(sorted(found))} "
            "(or give the path of a mapping file)"
        )
    return found[name]
