"""Issue 17, item 2: the built-in layouts whose one row becomes several claims, with files
made here in the publishers' layouts (tolerant of extra columns, column order, blank rows,
Excel dates, text in number cells, leading spaces): Insecurity Insight's attacks on health
care (an incident, its facilities hit and its health workers killed or injured, in two
tables) and HDX's conflict events by admin 2 and month (people killed and conflict
events, a number of events, not people)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from indicators import catalogue
from indicators.store import Store
from tests.test_mappings import run

II_HEADER = [
    "Date", "Event Description", "Country", "Country ISO", "Admin 1", "Latitude", "Longitude",
    "Geo Precision", "Reported Perpetrator", "Weapon Carried/Used", "Location",
    "Health Facilities Destroyed", "Health Facilities Damaged", "Health Workers Killed",
    "Health Workers Injured", "Health Workers Kidnapped", "Health Workers Arrested",
    "SiND Event ID",
]  # fmt: skip
II_TAGS = [
    "#date", "", "#country +name", "#country +iso", "#admin1", "#lat", "#long", "", "", "",
    "#loc", "#indicator +health_facility +destroyed +num",
    "#indicator +health_facility +damaged +num", "#affected +healthworker +killed",
    "#affected +healthworker +injured", "#affected +healthworker +kidnapped",
    "#affected +healthworker +arrested", "",
]  # fmt: skip
ALEPPO = (
    "On 30 November 2024 an airstrike hit the University Hospital in Aleppo city, killing two "
    "health workers and injuring five."
)


def ii_row(event_id, day, text, iso, admin1, location, destroyed, damaged, killed, injured):
    return {
        "Date": day, "Event Description": text, "Country": iso, "Country ISO": iso,
        "Admin 1": admin1, "Latitude": 36.2, "Longitude": 37.1, "Geo Precision": "City",
        "Reported Perpetrator": "Unknown", "Weapon Carried/Used": "Aerial bomb",
        "Location": location, "Health Facilities Destroyed": destroyed,
        "Health Facilities Damaged": damaged, "Health Workers Killed": killed,
        "Health Workers Injured": injured, "Health Workers Kidnapped": 0,
        "Health Workers Arrested": 0, "SiND Event ID": event_id,
    }  # fmt: skip


II_ROWS = [
    ii_row(90001, datetime(2024, 11, 30), ALEPPO, "SYR", "Aleppo", "Aleppo", 0, 1, " 2 ", 5),
    ii_row(90002, "2024-12-02", "A health worker was arrested at a clinic in Idleb.", "SYR",
           " Idleb", "Idleb", None, None, 0, 0),
    ii_row(90003, datetime(2024, 12, 3), "A hospital was destroyed in El Fasher.", "SDN",
           "North Darfur", "El Fasher", 1, 0, 0, 0),
]  # fmt: skip


def ii_xlsx(path: Path, rows: list[dict]) -> Path:
    """Insecurity Insight's workbook: a header row and an HXL row (tags with spaces), the
    columns in another order, a column it may add, a blank row, real dates, a second sheet
    of notes."""
    header = [*reversed(II_HEADER), "Verified (added later)"]
    tags = dict(zip(II_HEADER, II_TAGS, strict=True))
    book = Workbook()
    sheet = book.active
    sheet.title = "Incident Data"
    sheet.append(header)
    sheet.append([tags.get(h, "") for h in header])
    for i, row in enumerate(rows):
        if i == 2:
            sheet.append([None] * len(header))
        sheet.append([row.get(h, "yes") for h in header])
    book.create_sheet("Notes")["A1"] = "Insecurity Insight: how incidents are coded"
    book.save(path)
    return path


def claims(url: str, table: str) -> pd.DataFrame:
    with Store.open(url) as store:
        return store.read(table, statuses=None).set_index("claim_id")


def test_an_insecurity_insight_incident_becomes_its_attack_facilities_and_health_workers(
    tmp_path: Path, capsys
) -> None:
    path = ii_xlsx(tmp_path / "ii.xlsx", II_ROWS)
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, out, err = run(capsys, "--database", url, "import", str(path), "--no-default-data")
    assert code == 0, out + err
    assert "layout insecurity-insight-health v1" in out
    assert "into 'hospital_strain and casualties'" in out
    assert "columns not placed: 'Verified (added later)'" in out  # listed, not dropped
    assert "hospital_strain: 6 new" in out and "casualties: 2 new" in out
    strain = claims(url, "hospital_strain")
    attack = strain.loc["ii-hc-90001"]
    assert attack["measure"] == "attacks_on_health_care" and attack["value_best"] == 1
    assert attack["quote"] == ALEPPO  # the event description is the claim's quote
    assert (attack["admin1_pcode"], str(attack["date_end"])[:10]) == ("SY02", "2024-11-30")
    damaged = strain.loc["ii-hc-90001-facilities-damaged"]
    assert (damaged["measure"], damaged["damage"], damaged["value_best"]) == (
        "facilities_damaged", "partial", 1,
    )  # fmt: skip
    assert strain.loc["ii-hc-90001-health-workers-killed", "value_best"] == 2  # " 2 " read
    assert strain.loc["ii-hc-90003-facilities-destroyed", "damage"] == "full"
    assert strain.loc["ii-hc-90003", "country"] == "SDN"  # another country, its own p-codes
    assert strain.loc["ii-hc-90002", "admin1_pcode"] == "SY07"
    assert "ii-hc-90002-facilities-damaged" not in strain.index  # no count, no claim
    people = claims(url, "casualties")
    killed = people.loc["ii-hc-90001-killed"]
    assert (killed["outcome"], killed["population_group"], killed["value_best"]) == (
        "killed", "health_workers", 2,
    )  # fmt: skip
    assert people.loc["ii-hc-90001-injured", "value_best"] == 5
    assert (strain["record_type"] == "event").all() and (people["count_kind"] == "new").all()
    # a newer export in which the incident's toll rose: both of its counts are updated
    II_ROWS[0]["Health Workers Killed"] = 3
    newer = ii_xlsx(tmp_path / "ii-newer.xlsx", II_ROWS)
    code, out, err = run(capsys, "--database", url, "import", str(newer), "--no-default-data")
    II_ROWS[0]["Health Workers Killed"] = " 2 "
    assert code == 0, out + err
    assert "hospital_strain: 0 new, 1 changed, 5 unchanged" in out
    assert "casualties: 0 new, 1 changed, 1 unchanged" in out
    assert claims(url, "casualties").loc["ii-hc-90001-killed", "value_best"] == 3


CE_LINES = [
    "location_code,has_hrp,in_gho,provider_admin1_name,provider_admin2_name,admin1_code,"
    "admin1_name,admin2_code,admin2_name,admin_level,event_type,events,fatalities,"
    "reference_period_start,reference_period_end,dataset_hdx_id,resource_hdx_id,warning,error",
    "#country+code,,,,,#adm1+code,#adm1+name,#adm2+code,#adm2+name,,#event+type,"
    "#indicator+event+num,#affected+killed,#date+start,#date+end,,,,",
    "SYR,True,True,Aleppo,Jebel Saman,SY02,Aleppo,SY0200,Jebel Saman,2,political_violence,41,"
    "123,2024-11-01,2024-11-30,d,r,,",
    "SYR,True,True,Aleppo,Jebel Saman,SY02,Aleppo,SY0200,Jebel Saman,2,civilian_targeting,12,"
    "60,2024-11-01,2024-11-30,d,r,,",
    "SYR,True,True,Aleppo,Jebel Saman,SY02,Aleppo,SY0200,Jebel Saman,2,demonstration,3,0,"
    "2024-11-01,2024-11-30,d,r,,",
    "SYR,True,True,Hama,,SY05,Hama,,,1,political_violence,17,40,2024-11-01,2024-11-30,d,r,,",
    "LBN,True,True,Beirut,,LB11,Beirut,,,1,political_violence,5,9,2024-11-01,2024-11-30,d,r,,",
]


def test_hdx_conflict_events_become_people_killed_and_conflict_events(
    tmp_path: Path, capsys
) -> None:
    """Fatalities are people killed in the place and month (civilian targeting, which
    ACLED also counts under political violence, as civilians killed, a group within them);
    events become conflict events, in events, not people; rows already p-coded."""
    path = tmp_path / "conflict-events.csv"
    path.write_text("\n".join(CE_LINES) + "\n")
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, out, err = run(
        capsys, "--database", url, "import", str(path), "--no-default-data", "--country", "SYR"
    )
    assert code == 0, out + err
    assert "layout hdx-conflict-events v1" in out and "columns not placed" not in out
    assert ": 7 new" in out and "1 rows of other countries skipped" in out
    rows = claims(url, "casualties")
    killed = rows[(rows["outcome"] == "killed") & (rows["population_group"] == "all")]
    assert sorted(killed["value_best"]) == [0, 40, 123]  # civilian targeting not added again
    civilians = rows[rows["population_group"] == "civilians"]
    assert list(civilians["value_best"]) == [60] and (civilians["outcome"] == "killed").all()
    events = rows[rows["outcome"] == "conflict_events"]
    assert sorted(events["value_best"]) == [3, 17, 41] and (events["unit"] == "events").all()
    aleppo = rows.loc["hdx-ce-SYR-SY02-SY0200-political_violence-2024-11-01-killed"]
    assert (aleppo["admin2_pcode"], aleppo["date_precision"]) == ("SY0200", "month")
    assert aleppo["notes"] == "event type: political_violence"
    assert (rows["record_type"] == "event").all() and (rows["count_kind"] == "new").all()


def test_a_conflict_event_type_nobody_mapped_is_named_and_nothing_is_written(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "conflict-events.csv"
    odd = CE_LINES[2].replace("political_violence", "strategic_development")
    path.write_text("\n".join([*CE_LINES[:2], odd]) + "\n")
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code, _, err = run(capsys, "--database", url, "import", str(path), "--no-default-data")
    assert code == 1
    assert "row 3, column 'event_type': 'strategic_development' is not one of" in err
    assert "nothing was written" in err


def test_conflict_events_are_context_on_the_casualties_page_never_people() -> None:
    events = catalogue.INDICATORS["conflict_events"]
    assert events.page == "casualties" and events.unit == "events" and not events.headline
    assert "not people" in events.label and not events.words  # never read from a report


def test_a_count_for_a_month_is_drawn_across_its_month_not_on_its_last_day(
    tmp_path: Path, capsys
) -> None:
    """Tried as a reader would: HDX's November fatalities for Aleppo (123) were one bar on
    30 November, read as 123 killed that day. Drawn across November, pale, the hover
    saying which days it counts; a day's own count stays a bar within its day."""
    from dashboard.figures_trend import trend_figure
    from indicators.read_model import ReadModel
    from indicators.trends import Filters, trend

    path = tmp_path / "conflict-events.csv"
    path.write_text("\n".join(CE_LINES) + "\n")
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert run(capsys, "--database", url, "import", str(path), "--accept")[0] == 0
    with Store.open(url) as store:
        model = ReadModel.read(store)
    points = trend(model, "killed", Filters(admin1=("SY02",), country="SYR"))
    month = points[points["span"] == 30]
    assert list(month["value"]) == [123] and str(month["day"].iloc[0])[:10] == "2024-11-30"
    figure = trend_figure(points, unit="people")
    bars = [t for t in figure["data"] if t.get("type") == "bar"]
    day_ms = 86_400_000
    widths = [w for t in bars for w in list(t["width"])]
    offsets = [o for t in bars for o in list(t["offset"])]
    assert max(widths) > 29 * day_ms and min(offsets) < -28 * day_ms  # 1 to 30 November
    assert min(widths) <= 0.8 * day_ms  # a day's own count: within its day
    hover = [c for t in bars for row in t["customdata"] for c in row]
    assert any("a count for the 30 days to this day" in c for c in hover)
    assert figure["layout"]["xaxis"]["range"][0][:10] <= "2024-11-01"
