"""Importing a table as its publisher publishes it, through a mapping (issue 17): the claims
a file's rows become, what the store already holds of them, and one write of all of them or
none. Which layout a file has is ``indicators.layouts``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from indicators.countries import countries
from indicators.errors import InputError
from indicators.layouts import Layout, find, layout_of
from indicators.mapping import Field, Mapping, folded
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
    report: ValidationReport | None = None
    result: WriteResult | None = None
    rows: int = 0
    skipped: int = 0
    source_added: bool = False
    unchanged: int = 0
    """Rows whose claim the store already holds with the same values: not written again."""
    gone: int = 0
    """Claims of this dataset in the store whose rows are no longer in the file (kept)."""

    @property
    def written(self) -> bool:
        return self.result is not None

    @property
    def nothing_new(self) -> bool:
        """Every row already stored as it is: a success that writes nothing."""
        return not self.problems and self.result is None and self.rows == self.unchanged > 0

    def counts(self) -> str:
        return (
            f"{self.rows - self.unchanged:,} new, {self.unchanged:,} unchanged, "
            f"{self.gone:,} stored claims of this dataset no longer in the file (kept)"
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
            at = find(raw, Field(column=name))
            cell = None if at is None else row[at]
            if cell is None or pd.isna(cell) or not str(cell).strip():
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
    return text, None


def claim_rows(
    raw: RawTable, mapping: Mapping, country: str | None = None
) -> tuple[list[dict], list[int], list[str], int]:
    """The claims a file's rows become: (rows, their spreadsheet row numbers, the problems
    that keep them from being claims, rows skipped as another country's)."""
    out, numbers, problems, skipped = [], [], [], 0
    missing = [
        f"'{f.column or f.hxl}'"
        for f in mapping.columns.values()
        if f.required and not f.template and f.kind != "flags" and find(raw, f) is None
    ]
    if missing:
        raise InputError(
            f"{raw.name}: the columns {', '.join(missing)} that {mapping.label} needs are not "
            "in the file"
        )
    cells = raw.frame.astype(object).itertuples(index=False, name=None)  # plain tuples: fast
    for number, row in zip(raw.frame.index, cells, strict=True):
        claim: dict[str, object] = {}
        said: list[str] = []
        for target, how in mapping.columns.items():
            value, problem = _cell(raw, row, how)
            if problem is None and value is None and how.required:
                problem = "it is empty"
            if problem:
                at = find(raw, how)
                where = raw.header[at] if at is not None else (how.column or how.template)
                said.append(f"{raw.name}: row {number}, column '{where}': {problem}")
            claim[target] = value
        if country and claim.get("country") not in (None, country):
            skipped += 1  # another country's row: skipped, whatever its cells say
            continue
        problems += list(dict.fromkeys(said))  # a column read into two fields: said once
        claim.update(mapping.fixed)
        if mapping.place_names:
            _place(raw, row, mapping, claim)
        if claim.get("date_end") and not claim.get("date_precision"):
            claim["date_precision"] = (
                "day" if claim.get("date_start") == claim["date_end"] else "days"
            )
        claim.setdefault("source_id", mapping.source["source_id"])
        _bounds_of_a_stated_value(claim)
        out.append(claim)
        numbers.append(int(number))
    return out, numbers, problems, skipped


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
    """The dataset as the claims' source, with its licence and attribution in columns of
    their own: every download holding its rows carries them (the XLSX sources and about
    sheets, the JSON's meta, a CSV's companion text)."""
    source = mapping.source
    row = {c: source.get(c) for c in (*SOURCE_COLUMNS, "licence", "attribution")}
    row["title"] = row["title"] or mapping.title
    return row


def _already_stored(store, raw, mapping, rows, numbers, context, done, country):
    """The rows whose claims the store does not hold yet. A row already stored with the
    same values is unchanged and left out; one stored with other values stops the import
    (updating stored claims from a newer export is not done yet); stored claims of the
    dataset that the file no longer has are counted, and kept."""
    source_id = mapping.source["source_id"]
    mine = store.read(mapping.table, statuses=None, only=["claim_id", "source_id", "country"])
    mine = mine[mine["source_id"] == source_id]
    if country:
        mine = mine[mine["country"] == country]
    in_file = {r["claim_id"] for r in rows}
    done.gone = int((~mine["claim_id"].isin(in_file)).sum())
    again = [i for i, r in enumerate(rows) if r["claim_id"] in context.claim_ids]
    if not again:
        return rows, numbers
    ids = [rows[i]["claim_id"] for i in again]
    stored = store.read(mapping.table, claim_ids=ids, statuses=None).set_index("claim_id")
    for i in again:
        differ = _differences(rows[i], stored.loc[rows[i]["claim_id"]])
        if differ:
            done.problems.append(
                f"{raw.name}: row {numbers[i]}: claim '{rows[i]['claim_id']}' is stored with "
                f"other values ({differ}); updating stored claims from a newer export is not "
                "done yet, so nothing was written"
            )
    done.unchanged = len(again)
    left = sorted(set(range(len(rows))) - set(again))
    return [rows[i] for i in left], [numbers[i] for i in left]


def _same(mine: object, stored: object) -> bool:
    if mine is None or (not isinstance(mine, str) and pd.isna(mine)):
        return stored is None or bool(pd.isna(stored))
    if stored is None or (not isinstance(stored, str) and pd.isna(stored)):
        return False
    if isinstance(stored, pd.Timestamp):
        return str(mine)[:10] == stored.date().isoformat()
    if isinstance(mine, bool) or isinstance(stored, bool):
        return bool(mine) == bool(stored)
    if isinstance(mine, int | float):
        try:
            return float(mine) == float(stored)
        except (TypeError, ValueError):
            return False
    return str(mine) == str(stored)


def _differences(row: dict, stored: pd.Series) -> str:
    """The columns where a file's row and the stored claim differ, as 'column: stored ->
    file' (empty when they agree)."""
    said = [
        f"{column}: '{stored[column]}' -> '{value}'"
        for column, value in row.items()
        if column in stored.index and not _same(value, stored[column])
    ]
    return "; ".join(said[:3]) + (f"; and {len(said) - 3} more" if len(said) > 3 else "")


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
    with the dataset's source (when the store does not hold it yet); nothing when any row
    cannot be read or any claim is invalid."""
    layout = layout_of(raw, mapping)
    rows, numbers, problems, skipped = claim_rows(raw, mapping, country)
    done = MappedImport(layout, problems, rows=len(rows), skipped=skipped)
    if problems or not rows:
        if not rows and not problems:
            done.problems.append(f"{raw.name}: no row to import")
        return done
    context = store.context(mapping.table)
    rows, numbers = _already_stored(store, raw, mapping, rows, numbers, context, done, country)
    if done.problems or not rows:
        return done
    source = source_row(mapping)
    writes = []
    if source["source_id"] not in context.source_ids:
        where = mapping.path.name if mapping.path else mapping.name
        sources = validate(rows_as_table([source], where), "sources", store.context("sources"))
        if not sources.ok:
            done.problems += [f"the mapping's source: {e}" for e in sources.lines()]
            return done
        writes.append(TableWrite("sources", sources.frame, sources.warnings))
        done.source_added = True
    claims = rows_as_table(rows, raw.name)
    claims.frame.index = numbers  # errors name the file's own rows
    context = StoreContext(
        source_ids=context.source_ids,
        claim_ids=context.claim_ids,
        extra_source_ids={source["source_id"]},
    )
    done.report = validate(claims, mapping.table, context)
    if not done.report.ok:
        return done
    frame = reviewed_now(done.report.frame, actor if accept else None)
    writes.append(TableWrite(mapping.table, frame, done.report.warnings))
    done.result = store.write(
        writes,
        actor=actor,
        action="import",
        details={"file": raw.name, "mapping": f"{mapping.name} v{mapping.version}",
                 **(details or {})},
    )  # fmt: skip
    return done
