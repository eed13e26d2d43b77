"""Issue 17, item 5: a dataset keeps its publisher, licence and attribution line, and every
download holding its rows carries them: the XLSX sources and about sheets, the JSON's meta,
a CSV's companion text (at its address plus .attribution.txt, linked from the CSV, or packed
with it in a zip). A download without the dataset's rows does not cite it."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import state
from dashboard.app import create_app
from dashboard.cli import main
from indicators import exports
from indicators.formats import render
from indicators.layouts import recognise
from indicators.mapped_import import import_mapped
from indicators.store import Store
from indicators.tabular import read_table
from tests.test_mappings import UCDP_HEADER, UCDP_TAGS

UCDP = "Uppsala Conflict Data Program (UCDP)"
CITE = "Source: UCDP Georeferenced Event Dataset"
WHO = "WHO Surveillance System for Attacks on Health Care"


@pytest.fixture
def cited_store(default_store: Store, tmp_path: Path) -> Store:
    """The default store with two UCDP events (Aleppo and Idleb) imported through the
    ucdp-ged-hdx mapping, whose source has a licence and an attribution line, accepted."""
    lines = [
        UCDP_HEADER,
        UCDP_TAGS,
        '501,SYR-1,2024,1,Syria: Government,Government of Syria,HTS,"AFP, 2024",'
        "Strike on market,2,Halab governorate,Jebel Saman district,36.2,37.1,Syria,SYR,"
        "Middle East,1,2024-11-30,2024-11-30,3,3,3,3",
        "502,SYR-2,2024,1,Syria: Government,Government of Syria,HTS,x,Clashes,3,"
        "Idlib governorate,,35.9,36.6,Syria,SYR,Middle East,1,2024-11-28,2024-12-01,0,7,12,5",
    ]
    path = tmp_path / "ged.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = read_table(path)
    done = import_mapped(default_store, raw, recognise(raw).mapping, actor="tester", accept=True)
    assert done.written, done.problems
    return default_store


def whole(store: Store, table: str = "casualties", *admin1: str) -> exports.Export:
    return exports.collect(store, table, exports.parse_filter(list(admin1)))


def test_a_mapped_sources_licence_and_attribution_are_columns_of_its_row(cited_store) -> None:
    sources = cited_store.read("sources").set_index("source_id")
    ucdp = sources.loc["ucdp-ged-hdx"]
    assert ucdp["licence"] == "CC BY 4.0" and ucdp["attribution"].startswith(CITE)
    assert "licence" not in ucdp["notes"]
    # the default data's WHO export carries the attribution ../shared gives it, no licence
    who = sources.loc[sources["publisher"] == WHO].iloc[0]
    assert who["attribution"] == WHO and pd.isna(who["licence"])


def test_the_xlsx_sources_and_about_sheets_carry_them(cited_store) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(whole(cited_store), "xlsx")))
    sheet = book["sources"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(2)]
    [ucdp] = [r for r in rows if r["source_id"] == "ucdp-ged-hdx"]
    assert ucdp["licence"] == "CC BY 4.0" and ucdp["attribution"].startswith(CITE)
    about = [(r[0].value, r[1].value) for r in book["about"].iter_rows(2)]
    cited = [value for field, value in about if field == "attribution"]
    assert len(cited) == 1  # the other sources of these rows state neither
    assert cited[0].startswith(CITE) and "(licence: CC BY 4.0)" in cited[0]
    assert "ucdp-ged-hdx" in cited[0]


def test_the_json_meta_lists_what_to_cite(cited_store) -> None:
    payload = json.loads(render(whole(cited_store), "json"))
    [credit] = payload["meta"]["attribution"]
    assert credit["source_id"] == "ucdp-ged-hdx" and credit["publisher"] == UCDP
    assert credit["licence"] == "CC BY 4.0" and credit["attribution"].startswith(CITE)
    [source] = [s for s in payload["sources"] if s["source_id"] == "ucdp-ged-hdx"]
    assert source["licence"] == "CC BY 4.0"
    # the WHO export is cited by hospital figures, and only there
    strain = json.loads(render(whole(cited_store, "hospital_strain"), "json"))
    assert [c["attribution"] for c in strain["meta"]["attribution"]] == [WHO]


def test_a_download_without_the_datasets_rows_does_not_cite_it(cited_store) -> None:
    hama = whole(cited_store, "casualties", "SY05")  # the UCDP events are in Aleppo and Idleb
    assert len(hama.frame) > 0 and "ucdp-ged-hdx" not in set(hama.frame["source_id"])
    assert json.loads(render(hama, "json"))["meta"]["attribution"] == []
    book = openpyxl.load_workbook(io.BytesIO(render(hama, "xlsx")))
    about = {r[0].value: r[1].value for r in book["about"].iter_rows(2)}
    assert about["attribution"].startswith("none of the sources")


def test_the_csv_stays_a_table_and_its_address_gives_what_to_cite(cited_store) -> None:
    client = create_app(cited_store).server.test_client()
    csv = client.get("/api/v1/tables/casualties.csv?admin1=SY02")
    assert csv.status_code == 200
    assert not any(line.startswith("#") for line in csv.get_data(as_text=True).splitlines())
    frame = pd.read_csv(io.BytesIO(csv.data))
    assert "ucdp-ged-501" in set(frame["claim_id"])
    companion = "/api/v1/tables/casualties.csv.attribution.txt?admin1=SY02"
    assert csv.headers["Link"] == f'<{companion}>; rel="describedby"; type="text/plain"'
    text = client.get(companion)
    assert text.status_code == 200 and text.mimetype == "text/plain"
    assert ".csv.attribution.txt" in text.headers["Content-Disposition"]
    said = text.get_data(as_text=True)
    assert CITE in said and "licence: CC BY 4.0" in said and UCDP in said
    # the HXL CSV, packed with its companion in one zip
    packed = client.get("/api/v1/tables/casualties.hxl.csv.zip?admin1=SY02")
    assert packed.status_code == 200 and packed.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(packed.data)) as archive:
        names = sorted(archive.namelist())
        assert names[0].startswith("casualties-SY02-") and names[0].endswith(".hxl.csv")
        assert names[1] == names[0] + ".attribution.txt"
        body, text = archive.read(names[0]), archive.read(names[1]).decode("utf-8")
    assert body == client.get("/api/v1/tables/casualties.hxl.csv?admin1=SY02").data
    assert body.decode().splitlines()[1].startswith("#")  # the hashtag row, untouched
    assert CITE in text
    # rows without the dataset: the companion says no source of theirs asks for anything
    hama = client.get("/api/v1/tables/casualties.csv.attribution.txt?admin1=SY05")
    assert "states a licence or an attribution line" in hama.get_data(as_text=True)
    assert CITE not in hama.get_data(as_text=True)
    wrong = client.get("/api/v1/tables/casualties.ods.zip")
    assert wrong.status_code == 400 and "unknown format" in wrong.get_data(as_text=True)


def export(store: Store, fmt: str, admin1: str, output: Path) -> int:
    return main(
        ["--database", store.url, "export", "--table", "casualties", "--format", fmt,
         "--admin1", admin1, "-o", str(output)]
    )  # fmt: skip


def test_the_export_command_writes_the_companion_beside_a_csv(
    cited_store, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "aleppo.csv"
    assert export(cited_store, "csv", "SY02", out) == 0
    assert "aleppo.csv.attribution.txt" in capsys.readouterr().out
    assert pd.read_csv(out)["claim_id"].notna().all()
    assert CITE in (tmp_path / "aleppo.csv.attribution.txt").read_text(encoding="utf-8")
    assert export(cited_store, "hxl", "SY02", tmp_path / "aleppo.zip") == 0
    with zipfile.ZipFile(tmp_path / "aleppo.zip") as archive:
        assert sorted(archive.namelist()) == ["aleppo.hxl.csv", "aleppo.hxl.csv.attribution.txt"]
        assert CITE in archive.read("aleppo.hxl.csv.attribution.txt").decode("utf-8")
    # no source of Hama's rows asks for anything: no companion is made up
    assert export(cited_store, "csv", "SY05", tmp_path / "hama.csv") == 0
    assert not (tmp_path / "hama.csv.attribution.txt").exists()


def test_the_data_page_shows_what_to_cite_beside_the_downloads(cited_store) -> None:
    from dashboard import data_view
    from tests.test_dashboard import text_of

    state.use(cited_store)
    *_, links = data_view.browse("casualties", ["SY02"], None, None)
    [block] = [c for c in links if getattr(c, "id", None) == "data-attribution"]
    said = text_of(block)
    assert CITE in said and "(licence: CC BY 4.0)" in said
    hrefs = {c.id: c.href for c in block.children[2].children if hasattr(c, "href")}
    assert hrefs["download-attribution"] == (
        "/api/v1/tables/casualties.csv.attribution.txt?admin1=SY02"
    )
    assert hrefs["download-csv-zip"] == "/api/v1/tables/casualties.csv.zip?admin1=SY02"
    *_, links = data_view.browse("casualties", ["SY05"], None, None)
    [block] = [c for c in links if getattr(c, "id", None) == "data-attribution"]
    assert CITE not in text_of(block) and "None of the sources" in text_of(block)


def test_a_sources_table_with_licence_and_attribution_imports(
    empty_store: Store, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "sources.csv"
    path.write_text(
        "source_id,publisher,licence,attribution\n"
        'partner-x,Partner X,CC BY-IGO,"Source: Partner X, <b>2024</b>"\n'
        "partner-y,Partner Y,,\n",
        encoding="utf-8",
    )
    code = main(["--database", empty_store.url, "import", str(path), "--table", "sources"])
    assert code == 0, capsys.readouterr()
    stored = empty_store.read("sources").set_index("source_id")
    assert stored.loc["partner-x", "licence"] == "CC BY-IGO"
    assert stored.loc["partner-x", "attribution"] == "Source: Partner X, <b>2024</b>"
    assert pd.isna(stored.loc["partner-y", "licence"])
    long = tmp_path / "long.csv"
    long.write_text(f"source_id,publisher,licence\nz,Z,{'x' * 501}\n", encoding="utf-8")
    code = main(["--database", empty_store.url, "import", str(long), "--table", "sources"])
    said = capsys.readouterr().out
    assert code == 1 and "licence" in said and "row 2" in said
