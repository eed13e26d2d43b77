"""The indicator catalogue: one record per indicator, one spelling everywhere, and a new
indicator that is one record, not eleven files."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from indicators import catalogue
from indicators.schemas import columns
from tests.conftest import ROOT


def test_each_stored_value_names_exactly_one_indicator() -> None:
    for table, column in catalogue.IDENTITY_COLUMNS.items():
        allowed = next(c.allowed for c in columns(table) if c.name == column)
        assert allowed == catalogue.allowed_values(table)
        assert len(set(allowed)) == len(allowed)


def test_earlier_spellings_lead_to_the_catalogues_name() -> None:
    assert catalogue.get("health_attacks").name == "attacks_on_health_care"
    assert catalogue.get("health_facilities_damaged").name == "facilities_damaged"
    assert catalogue.get("hospital_strain").name == "strain_level"
    assert catalogue.get("displaced").name == "displaced_new"
    with pytest.raises(KeyError):
        catalogue.get("schools_damaged")


def test_a_stored_rule_with_an_earlier_spelling_reads_as_todays() -> None:
    from indicators.alerts.rules import AlertRule

    rule = AlertRule.from_record(
        {"rule_id": "r", "name": "r", "indicator": "health_attacks", "warning": 1}
    )
    assert rule.indicator == "attacks_on_health_care"


def test_a_record_cannot_take_a_name_or_a_stored_value_twice() -> None:
    killed = catalogue.INDICATORS["killed"]
    with pytest.raises(ValueError, match="already in the catalogue"):
        catalogue.register(killed)
    with pytest.raises(ValueError, match="unknown table"):
        catalogue.register(catalogue.Indicator("x", "schools", "x", "people", "x"))


SPELLINGS = ("health_attacks", "health_facilities_damaged", "health_facilities_out_of_service")


def test_no_module_spells_an_indicator_the_old_way() -> None:
    """One spelling per indicator: the extractor's own names are gone from the code (the
    catalogue keeps them, as ``formerly``, for old gold files and rules)."""
    found = []
    for path in [*ROOT.glob("indicators/**/*.py"), *ROOT.glob("dashboard/**/*.py")]:
        if path.name == "catalogue.py" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {s}" for s in SPELLINGS if s in text]
    assert found == []


def test_no_module_compares_a_table_name_to_choose_what_an_indicator_does() -> None:
    """`table == "casualties"` style checks were written seven times; the catalogue's record
    (by_group, households, unit) says it once."""
    found = []
    for path in [*ROOT.glob("indicators/**/*.py"), *ROOT.glob("dashboard/**/*.py")]:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value in catalogue.IDENTITY_COLUMNS
                for c in [node.left, *node.comparators]
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


SCHOOLS = textwrap.dedent(
    '''
    """Adding "schools damaged": the one record a contributor writes (here registered before
    anything reads the catalogue, as an entry in catalogue.py would be)."""
    import json
    import sys
    from datetime import date
    from pathlib import Path

    from indicators import catalogue

    catalogue.register(
        catalogue.Indicator(
            "schools_damaged",
            "hospital_strain",
            "schools_damaged",
            "facilities",
            "schools damaged",
            count_kinds=("new", "cumulative", "stock"),
            words=(catalogue.Words(subject=r"schools?", state=r"damaged|destroyed"),),
            page="hospitals",
        )
    )

    from indicators import exports
    from indicators.alerts.evaluate import Evaluator
    from indicators.alerts.rules import AlertRule, check
    from indicators.defaults import open_store
    from indicators.formats import render
    from indicators.reports import read_report
    from indicators.report_ingest import claims_of, ingest
    from indicators.review import set_status

    folder = Path(sys.argv[1])
    report_file = folder / "flash.txt"
    report_file.write_text(
        "---\\npublisher: Test cluster\\npublished: 2024-12-05\\n---\\n"
        "On 3 December, 4 schools were damaged by shelling in Idleb.\\n",
        encoding="utf-8",
    )
    report = read_report(report_file)
    out = {"extracted": [(c.indicator, c.value_best, c.unit) for c in claims_of(report)]}
    with open_store(f"sqlite:///{folder / 'store.sqlite'}") as store:
        done = ingest(store, report, actor="tester")
        out["ingested"] = done.claims
        pending = store.read("hospital_strain", statuses=("pending",))
        ids = list(pending.loc[pending["measure"] == "schools_damaged", "claim_id"])
        set_status(store, ids, "accepted", actor="tester")
        rule = check(AlertRule("schools", "Schools damaged", "schools_damaged", warning=1))
        states = Evaluator.from_store(store).evaluate(rule, date(2024, 12, 5))
        out["alert"] = sorted((s.unit, s.state, s.value) for s in states if s.state != "no_data")
        export = exports.collect(store, "hospital_strain", exports.parse_filter())
        hxl = render(export, "hxl").decode()
        out["exported"] = "schools_damaged" in hxl
        dictionary = exports.dictionary("hospital_strain").set_index("column")
        out["dictionary"] = "schools_damaged" in dictionary.at["measure", "allowed values"]
    out["page"] = "schools_damaged" in catalogue.on_page("hospitals")
    print(json.dumps(out))
    '''
)


def test_adding_an_indicator_is_one_catalogue_record(tmp_path: Path) -> None:
    """ "Schools damaged" (not shipped): with its record alone, the extractor reads it, ingest
    stores it, validation accepts it, an alert rule watches it, exports carry it, the data
    dictionary lists it and the Hospitals page offers it. No migration: the store keeps no
    list of allowed values."""
    script = tmp_path / "schools.py"
    script.write_text(SCHOOLS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    import json

    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["extracted"] == [["schools_damaged", 4, "facilities"]]
    assert out["ingested"] == {"hospital_strain": 1}
    assert out["alert"] == [["SY07", "warning", 4.0]]
    assert out["exported"] and out["dictionary"] and out["page"]


def test_without_the_record_nobody_knows_schools() -> None:
    """The test above can fail: without the record the sentence holds no figure."""
    from indicators.extraction.extractor import extract

    assert extract("On 3 December, 4 schools were damaged by shelling in Idleb.", None) == []
