"""Importing a table as its publisher publishes it, through a mapping (issue 17): the claims
a file's rows become, what the store already holds of them, and one write of all of them or
none. Which layout a file has is ``indicators.layouts``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from indicators import reimport
from indicators.countries import countries
from indicators.errors import InputError
from indicators.layouts import Layout, find, layout_of
from indicators.mapping import Field, Mapping, folded
from indicators.reimport import Compared, compare
from indicators.store import Store, TableWrite
from indicators.store.store import WriteResult
from indicators.table_import import reviewed_now
from indicators.tabular import RawTable, rows_as_table
from indicators.validation import StoreContext, ValidationReport, validate

SOURCE_COLUMNS = (
    "source_id", "publisher", "original_publisher", "title", "url", "published", "language",
    "source_type", "reliability", "notes",
)  # fmt: skip


@dataclass
class MappedImport:
    """What an import through a mapping did: the rows it could not read (nothing written
    then), the validation of the claims they became, and the write."""

    layout: Layout
    problems: list[str] = field(default_factory=list)
    reports: dict[str, ValidationReport] = field(default_factory=dict)
    """The validation of the claims the rows became, by table."""
    result: WriteResult | None = None
    rows: int = 0
    skipped: int = 0
    source_added: bool = False
    compared: dict[str, Compared] = field(default_factory=dict)
    """The file's claims against the store, by table: new, changed (updated), unchanged."""
    gone: int = 0
    """Claims of this dataset in the store whose rows are no longer in the file (kept)."""

    @property
    def written(self) -> bool:
        return self.result is not None

    @property
    def valid(self) -> bool:
        return not self.problems and bool(self.reports) and all(r.ok for r in self.reports.values())

    @property
    def nothing_new(self) -> bool:
        """Every row already stored as it is: a success that writes nothing."""
        return self.valid and self.result is None

    @property
    def new(self) -> int:
        return sum(len(c.new) for c in self.compared.values())

    @property
    def changed(self) -> int:
        return sum(len(c.changed) for c in self.compared.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.compared.values())

    def lines(self) -> list[str]:
        """What validation said of the claims, every table's."""
        return [line for r in self.reports.values() for line in r.lines()]

    def counts(self) -> str:
        tables = (
            " (" + "; ".join(f"{t}: {c.counts()}" for t, c in self.compared.items()) + ")"
            if len(self.compared) > 1
            else ""
        )
        return (
            f"{self.new:,} new, {self.changed:,} changed (updated, the change in the audit "
            f"log), {self.unchanged:,} unchanged{tables}, {self.gone:,} stored claims of this "
            "dataset no longer in the file (kept)"
        )


_EXCEL_DAY0 = date(1899, 12, 30)


_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*)?")


def _day(text: str) -> str | None:
    text = text.strip()
    iso = _ISO_DAY.fullmatch(text)  # most files: read at once, not through pandas
    if iso:
        try:
            return date(*map(int, iso.groups())).isoformat()
        except ValueError:
            return None
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):  # an Excel serial day left as a number
        return (_EXCEL_DAY0 + timedelta(days=int(float(text)))).isoformat()
    day = pd.to_datetime(text, errors="coerce", dayfirst=not re.match(r"\d{4}-", text))
    return None if pd.isna(day) else day.date().isoformat()


def _number(text: str, whole: bool) -> float | int | None:
    cleaned = re.sub(r"[,\s\u00a0\u202f]", "", text)
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", cleaned):
        return None
    value = float(cleaned)
    if whole:
        return int(value) if value.is_integer() else None
    return value


def _cell(raw: RawTable, row: tuple, how: Field) -> tuple[object, str | None]:
    """A field's value in one row, or the reason it cannot be read."""
    if how.template:
        values = {}
        for name in re.findall(r"\{([^{}]+)\}", how.template):
            at = find(raw, Field(column=name.rstrip("?")))
            cell = None if at is None else row[at]
            if cell is None or pd.isna(cell) or not str(cell).strip():
                if name.endswith("?"):  # may be empty: '{admin2_code?}'
                    values[name] = ""
                    continue
                return None, f"'{name}' is empty"
            values[name] = str(cell).strip()
        return re.sub(r"\{([^{}]+)\}", lambda m: values[m.group(1)], how.template), None
    if how.kind == "flags":
        said = []
        for header, label in (how.flags or {}).items():
            at = find(raw, Field(column=header))
            cell = "" if at is None or pd.isna(row[at]) else str(row[at])
            if cell.strip().upper() in ("YES", "Y", "TRUE", "1"):
                said.append(label)
        return (how.prefix + ", ".join(said)) if said else None, None
    at = find(raw, how)
    cell = None if at is None else row[at]
    if cell is None or pd.isna(cell) or not str(cell).strip():
        return None, None
    text = str(cell).strip()
    if how.values is not None:
        for key, value in how.values.items():
            if folded(key) == folded(text):
                return value, None
        return None, f"'{text}' is not one of {', '.join(map(str, how.values))}"
    if how.kind == "date":
        day = _day(text)
        return (day, None) if day else (None, f"'{text}' is not a date")
    if how.kind in ("integer", "number"):
        value = _number(text, how.kind == "integer")
        if value is None:
            return None, f"'{text}' is not a {'whole ' if how.kind == 'integer' else ''}number"
        return value, None
    if how.kind == "country":
        iso3 = countries().iso3(text)
        return (iso3, None) if iso3 else (None, f"'{text}' is not a country the catalogue knows")
    return how.prefix + text, None


@dataclass
class Claims:
    """The claims a file's rows become, by table, each with its spreadsheet row number; the
    problems that keep rows from being claims; rows skipped as another country's."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    numbers: dict[str, list[int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    skipped: int = 0
    read: int = 0

    def add(self, table: str, claim: dict, number: int) -> None:
        self.rows.setdefault(table, []).append(claim)
        self.numbers.setdefault(table, []).append(number)


def claim_rows(raw: RawTable, mapping: Mapping, country: str | None = None) -> Claims:
    """The claims a file's rows become: each row's shared cells, then each claim it holds
    (a one-table mapping: one; a mapping of ``claims``: those whose ``when`` cell says so)."""
    done = Claims()
    missing = [
        f"'{f.column or f.hxl}'"
        for f in (*mapping.columns.values(), *(f for s in mapping.sections
                                               for f in s.columns.values()))
        if f.required and not f.template and f.kind != "flags" and find(raw, f) is None
    ]  # fmt: skip
    if missing:
        raise InputError(
            f"{raw.name}: the columns {', '.join(missing)} that {mapping.label} needs are not "
            "in the file"
        )
    cells = raw.frame.astype(object).itertuples(index=False, name=None)  # plain tuples: fast
    for number, row in zip(raw.frame.index, cells, strict=True):
        said: list[str] = []
        shared = _fields(raw, row, mapping.columns, number, said)
        if country and shared.get("country") not in (None, country):
            done.skipped += 1  # another country's row: skipped, whatever its cells say
            continue
        done.read += 1
        shared.update(mapping.fixed)
        if mapping.place_names:
            _place(raw, row, mapping, shared)
        for section in mapping.sections:
            if section.when is not None and not _holds(raw, row, section.when, number, said):
                continue
            claim = {**shared, **_fields(raw, row, section.columns, number, said)}
            claim.update(section.fixed)
            if claim.get("date_end") and not claim.get("date_precision"):
                claim["date_precision"] = _precision(claim.get("date_start"), claim["date_end"])
            claim.setdefault("source_id", mapping.source["source_id"])
            _bounds_of_a_stated_value(claim)
            done.add(section.table, claim, int(number))
        done.problems += list(dict.fromkeys(said))  # a column read into two fields: said once
    return done


def _precision(start: object, end: object) -> str:
    """A period's precision: one day, a calendar month, or days."""
    if start is None or start == end:
        return "day"
    first, last = date.fromisoformat(str(start)), date.fromisoformat(str(end))
    if (
        first.day == 1
        and (last + timedelta(days=1)).day == 1
        and first.replace(day=1) == (last.replace(day=1))
    ):
        return "month"
    return "days"


def _fields(raw: RawTable, row: tuple, fields: dict[str, Field], number, said: list[str]):
    """The values of ``fields`` in one row; what cannot be read is added to ``said``."""
    claim: dict[str, object] = {}
    for target, how in fields.items():
        value, problem = _cell(raw, row, how)
        if problem is None and value is None and how.required:
            problem = "it is empty"
        if problem:
            at = find(raw, how)
            where = raw.header[at] if at is not None else (how.column or how.template)
            said.append(f"{raw.name}: row {number}, column '{where}': {problem}")
        claim[target] = value
    return claim


def _holds(raw: RawTable, row: tuple, when: Field, number, said: list[str]) -> bool:
    """Whether a row has a claim: its ``when`` cell is one of the values the mapping names
    (mapped to something true), or else a number above 0 (a count of health workers
    killed), or text other than 'no' / 'none'."""
    if when.values is not None:  # one of the values the mapping names: 'political_violence'
        return bool(_fields(raw, row, {"when": when}, number, said)["when"])
    at = find(raw, when)
    cell = None if at is None else row[at]
    if cell is None or pd.isna(cell) or not str(cell).strip():
        return False
    text = str(cell).strip()
    value = _number(text, whole=False)
    if value is not None:
        return value > 0
    return folded(text) not in ("no", "none", "false", "n", "0", "unknown")


def _place(raw: RawTable, row: tuple, mapping: Mapping, claim: dict) -> None:
    """The place a row names, resolved to p-codes in its country; a place left unresolved
    keeps its names and says why in the notes (the row stays the country's)."""
    from indicators.places import gazetteer

    names = [value for how in mapping.place_names if (value := _cell(raw, row, how)[0])]
    if not names:
        claim.setdefault("place_precision", "country")
        return
    text = ", ".join(str(n) for n in names)
    country = claim.get("country")
    match = gazetteer().resolve(text, (country,) if country else ())
    claim["location_text"] = text
    if match.matched and (country is None or match.country in (None, country)):
        claim["admin1_pcode"] = match.admin1_pcode
        claim["admin2_pcode"] = match.admin2_pcode
        claim["place_precision"] = match.precision
        return
    claim["place_precision"] = "country"
    why = match.reason or f"'{text}' is not a place of {country}"
    claim["notes"] = "; ".join(n for n in (claim.get("notes"), f"place unresolved: {why}") if n)


def _bounds_of_a_stated_value(claim: dict) -> None:
    """A mapping that gives one value and its qualifier ("exact", "at least"...) gets the
    low and high that qualifier means, as a report's figure does."""
    from indicators.extraction.numbers import bounds

    low, high = claim.get("value_low"), claim.get("value_high")
    if claim.get("qualifier") == "range" and low is not None and low == high:
        claim["qualifier"] = "exact"  # a range whose ends are one number is that number
        claim["value_best"] = low
    stated = claim.get("value_best")
    qualifier = claim.get("qualifier")
    if stated is None or qualifier in (None, "range", "vague"):
        return
    if claim.get("value_low") is None and claim.get("value_high") is None:
        claim["value_low"], claim["value_best"], claim["value_high"] = bounds(
            str(qualifier), float(stated)
        )


def source_row(mapping: Mapping) -> dict:
    """The dataset as the claims' source; its licence and attribution travel in its notes
    (the XLSX sources sheet, the JSON's metadata)."""
    source = mapping.source
    row = {c: source.get(c) for c in SOURCE_COLUMNS}
    travel = [
        f"{label}: {source[key]}"
        for key, label in (("licence", "licence"), ("attribution", "attribution"))
        if source.get(key)
    ]
    row["notes"] = "; ".join([*([row["notes"]] if row["notes"] else []), *travel]) or None
    row["title"] = row["title"] or mapping.title
    return row


def _gone(store: Store, mapping: Mapping, table: str, rows: list[dict], country) -> int:
    """Stored claims of the dataset whose rows the file no longer has (they are kept: a
    publisher's export may be a part of its dataset)."""
    mine = store.read(table, statuses=None, only=["claim_id", "source_id", "country"])
    mine = mine[mine["source_id"] == mapping.source["source_id"]]
    if country:
        mine = mine[mine["country"] == country]
    return int((~mine["claim_id"].isin({r["claim_id"] for r in rows})).sum())


def import_mapped(
    store: Store,
    raw: RawTable,
    mapping: Mapping,
    *,
    actor: str,
    accept: bool = False,
    country: str | None = None,
    details: dict | None = None,
) -> MappedImport:
    """Every row of a file read with a mapping, validated, and written in one transaction
    with the dataset's source (when the store does not hold it yet): new claims added,
    claims the store holds with other values updated in place, unchanged ones left alone;
    nothing when any row cannot be read or any claim is invalid."""
    layout = layout_of(raw, mapping)
    claims = claim_rows(raw, mapping, country)
    done = MappedImport(layout, claims.problems, rows=claims.read, skipped=claims.skipped)
    if done.problems or not claims.rows:
        if not done.problems:
            done.problems.append(f"{raw.name}: no row to import")
        return done
    source = source_row(mapping)
    writes = []
    source_ids = store.context("sources").source_ids
    if source["source_id"] not in source_ids:
        where = mapping.path.name if mapping.path else mapping.name
        sources = validate(rows_as_table([source], where), "sources", store.context("sources"))
        if not sources.ok:
            done.problems += [f"the mapping's source: {e}" for e in sources.lines()]
            return done
        writes.append(TableWrite("sources", sources.frame, sources.warnings))
        done.source_added = True
    for table, rows in claims.rows.items():
        table_claims = rows_as_table(rows, raw.name)
        table_claims.frame.index = claims.numbers[table]  # errors name the file's own rows
        in_file = {str(r["claim_id"]) for r in rows}
        context = store.context(table)
        done.reports[table] = report = validate(
            table_claims,
            table,
            StoreContext(
                source_ids=context.source_ids,
                claim_ids=context.claim_ids - in_file,  # a row stored before is an update
                extra_source_ids={source["source_id"]},
            ),
        )
        if not report.ok:
            continue
        given = list(dict.fromkeys(c for r in rows for c in r))
        done.compared[table] = compared = compare(store, table, report.frame, given)
        done.gone += _gone(store, mapping, table, rows, country)
        new = reviewed_now(compared.new, actor if accept else None)
        if len(new):
            writes.append(TableWrite(table, new, report.warnings))
    if not all(r.ok for r in done.reports.values()):
        return done
    if not any(w.table != "sources" for w in writes) and not done.changed:
        return done
    done.result = reimport.write(
        store,
        writes,
        done.compared,
        actor=actor,
        reviewer=actor if accept else None,
        details={"file": raw.name, "mapping": f"{mapping.name} v{mapping.version}",
                 **(details or {})},
    )  # fmt: skip
    return done
