"""Issue 17, item 4: the project's own exports import again as an update (export, correct
in a spreadsheet, re-import). Changed claims are updated in place with the change in the
audit log; review columns in the file are compared, never applied; the formula guard an
export added comes off; exports made with older HXL tags still import. SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import load_workbook

from indicators.store import Store
from tests.test_mappings import run


def _export(capsys, url: str, path: Path, fmt: str) -> Path:
    code, out, err = run(
        capsys, "--database", url, "export", "--table", "casualties", "--format", fmt,
        "-o", str(path),
    )  # fmt: skip
    assert code == 0, out + err
    return path


def _claim(store: Store, claim_id: str) -> dict:
    return store.read("casualties", claim_ids=[claim_id], statuses=None).iloc[0].to_dict()


def _updates(store: Store) -> list[dict]:
    audit = store.audit()
    entries = audit[audit["action"] == "import_update"]["details"]
    return [d if isinstance(d, dict) else json.loads(d) for d in entries]


def test_an_own_export_imports_again_unchanged(default_store: Store, tmp_path, capsys) -> None:
    url = default_store.url
    for fmt, name in (("hxl", "casualties.csv"), ("csv", "plain.csv"), ("xlsx", "book.xlsx")):
        path = _export(capsys, url, tmp_path / name, fmt)
        before = default_store.counts()
        code, out, err = run(capsys, "--database", url, "import", str(path))
        assert code == 0, out + err
        assert "the project's own 'casualties' table" in out
        assert "nothing new to import: 0 new, 0 changed, 72 unchanged" in out, name
        assert default_store.counts() == before


def test_an_export_corrected_in_a_spreadsheet_updates_the_claims_it_changed(
    default_store: Store, tmp_path, capsys
) -> None:
    """An HXL export with its outcome column tagged as an older version tagged it, one
    figure corrected and another claim marked rejected in the file: the figure is updated
    (pending review again, before and after in the audit log), the file's review status is
    compared and said, never applied."""
    url = default_store.url
    path = _export(capsys, url, tmp_path / "casualties.csv", "hxl")
    with path.open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    header = table[0]
    table[1][header.index("outcome")] = "#affected+outcome"  # the tag before version 0.9
    rows = {r[header.index("claim_id")]: r for r in table[2:]}
    fixed = rows["rf-011"]
    for column in ("value_low", "value_best", "value_high"):
        fixed[header.index(column)] = "58"
    rows["rf-008"][header.index("review_status")] = "rejected"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(table)
    count = default_store.counts()
    code, out, err = run(capsys, "--database", url, "import", str(path))
    assert code == 0, out + err
    assert "imported 0 rows into 'casualties'" in out and "0 new, 1 changed, 71 unchanged" in out
    assert "1 rows give another review status than the store's" in out
    assert "an import never sets review" in out
    claim = _claim(default_store, "rf-011")
    assert claim["value_best"] == 58 and claim["value_low"] == 58
    assert claim["review_status"] == "pending"  # nobody has reviewed the corrected figure
    assert _claim(default_store, "rf-008")["review_status"] == "accepted"  # not applied
    [update] = _updates(default_store)
    assert update["claim_id"] == "rf-011" and update["review_was"] == "accepted"
    assert update["before"] == {"value_low": 56, "value_best": 56, "value_high": 56}
    assert update["after"] == {"value_low": 58, "value_best": 58, "value_high": 58}
    assert default_store.counts()["casualties"] == count["casualties"]  # updated, not added


def test_a_workbook_export_loses_its_formula_guard_on_the_way_in(
    default_store: Store, tmp_path, capsys
) -> None:
    """A note that starts like a formula is written '-3 ... in the workbook (so Excel does
    not run it); imported again, the guard comes off and the note is stored as written;
    the reader's 'figure' column the workbook adds is not asked about."""
    url = default_store.url
    path = _export(capsys, url, tmp_path / "book.xlsx", "xlsx")
    book = load_workbook(path)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    assert "figure" in header
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("claim_id")].value == "rf-010":
            row[header.index("notes")].value = "'-3 since the last report"
    book.save(path)
    code, out, err = run(capsys, "--database", url, "import", str(path), "--accept")
    assert code == 0, out + err
    assert "0 new, 1 changed, 71 unchanged" in out
    claim = _claim(default_store, "rf-010")
    assert claim["notes"] == "-3 since the last report"
    assert claim["review_status"] == "accepted"  # --accept: the importer reviewed it now
    [update] = _updates(default_store)
    assert update["after"] == {"notes": "-3 since the last report"}
    again = _export(capsys, url, tmp_path / "again.csv", "csv").read_text(encoding="utf-8")
    assert "'-3 since the last report" in again  # guarded again on the way out


def test_a_changed_row_with_an_error_writes_nothing(default_store: Store, tmp_path, capsys):
    url = default_store.url
    path = _export(capsys, url, tmp_path / "casualties.csv", "csv")
    with path.open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    header = table[0]
    table[3][header.index("value_best")] = "fifty-eight"
    table[4][header.index("value_best")] = "12"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(table)
    audit = len(default_store.audit())
    code, out, err = run(capsys, "--database", url, "import", str(path))
    assert code == 1
    assert "row 4, column 'value_best', value 'fifty-eight'" in out
    assert "nothing was written" in err
    assert len(default_store.audit()) == audit


def test_a_reimport_never_reopens_a_claim_a_reviewer_corrected(
    default_store: Store, tmp_path, capsys
) -> None:
    """A reviewer corrected an attack's deaths; WHO's next export changes that attack too:
    the stored original takes WHO's figures but stays superseded, and the reviewer's
    correction stands, accepted."""
    from indicators.review import correct
    from tests.test_mappings import WHO_CSV

    url = default_store.url
    corrected = correct(default_store, "who-ssa-SYR012213", {"attack_killed": "1"}, actor="amina")
    with WHO_CSV.open(newline="") as handle:
        table = list(csv.reader(handle))
    table[1][7] = "5"  # Total Death of the same attack, revised by WHO
    path = tmp_path / "ssa-changed.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(table)
    code, out, err = run(capsys, "--database", url, "import", str(path))
    assert code == 0, out + err
    assert "0 new, 1 changed" in out
    rows = default_store.read(
        "hospital_strain", claim_ids=["who-ssa-SYR012213", corrected], statuses=None
    ).set_index("claim_id")
    assert rows.loc["who-ssa-SYR012213", "review_status"] == "superseded"
    assert rows.loc["who-ssa-SYR012213", "attack_killed"] == 5
    assert rows.loc[corrected, "review_status"] == "accepted"
    assert rows.loc[corrected, "attack_killed"] == 1
    [update] = _updates(default_store)
    assert update["review_was"] == "superseded"
