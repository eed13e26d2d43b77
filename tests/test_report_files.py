"""Issue 16: reports as they come. A web page (.html) is read as its main text (no menus, no
cookie notice, no footer); a PDF as its text layer, repaired (words broken across lines
joined, footnote markers and the lines every page repeats dropped). The text read is the text
stored and quoted; the file's own bytes are hashed and the hash kept. A PDF without text, a
file that is not what its name says, one over the limits: refused with a sentence, and
nothing stored. Every file here is made by the test."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from indicators.errors import InputError
from indicators.report_files import read_file, repair
from indicators.report_ingest import claims_of, ingest
from indicators.reports import read_report

ARTICLE = (
    "Hostilities escalated across Idleb governorate on Tuesday. At least 14 civilians were "
    "killed and 40 others were injured when markets in Sarmada were shelled, according to "
    "health authorities. Some 6,000 people fled towards camps near the border."
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Syria: shelling in Idleb kills 14 civilians | Relief News</title>
<meta property="og:site_name" content="Relief News">
<meta property="article:published_time" content="2024-12-04T09:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/contact">Contact us for 24 hours support</a></li></ul></nav></header>
<div class="cookie">We use 3 cookies. Accept cookies</div>
<main><article>
<h1>Shelling in Idleb kills 14 civilians</h1>
<p>{ARTICLE}</p>
<p>Two hospitals in the area were damaged, and partners said they were overwhelmed by the
number of wounded arriving from the countryside.</p>
</article></main>
<aside><h3>Most read</h3><p>Floods displace 90,000 people in another region.</p></aside>
<footer><p>Copyright 2024 Relief News. 12 offices worldwide.</p></footer>
</body></html>
"""


def test_a_web_page_is_read_as_its_article_without_menus_or_footers(tmp_path: Path) -> None:
    path = tmp_path / "idleb.html"
    path.write_text(PAGE, encoding="utf-8")
    report = read_report(path)
    assert "At least 14 civilians were killed" in report.text
    for boilerplate in ("Accept cookies", "Contact us", "Copyright", "12 offices"):
        assert boilerplate not in report.text, boilerplate
    assert report.title and "Idleb" in report.title
    assert report.file_kind == "html"
    assert report.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    found = {(c.indicator, c.value_best) for c in claims_of(report)}
    assert {("killed", 14), ("injured", 40), ("displaced_new", 6000)} <= found
    assert ("displaced_new", 90000) not in found  # the sidebar is not the article


def _pdf(path: Path, pages: list[list[str]], *, header: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        if header:
            pdf.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 7, f"Page {number} of {len(pages)}", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_pdf_is_read_as_its_text_repaired(tmp_path: Path) -> None:
    path = _pdf(
        tmp_path / "flash.pdf",
        [
            ["North-west Syria1: escalation of hostilities", "At least 20 people were in-",
             "jured in the attack on the market in Idleb."],
            ["Some 3,500 families fled their homes in Hama.", "More than 12 civilians were",
             "killed in Aleppo on 2 December."],
            ["Partners report that 4 hospitals were damaged."],
        ],
        header="OCHA Flash Update No. 3",
    )  # fmt: skip
    report = read_report(path, published="2024-12-05")
    text = report.text
    assert "injured in the attack" in text  # a word broken across lines, joined
    assert "Syria:" in text and "Syria1" not in text  # a footnote marker glued to a word
    assert "OCHA Flash Update No. 3" not in text and "Page 2 of 3" not in text
    assert report.file_kind == "pdf"
    assert report.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    claims = claims_of(report)
    found = {(c.indicator, c.value_best) for c in claims}
    assert {("injured", 20), ("displaced_new", 17500), ("killed", 12)} <= found
    for claim in claims:  # every quote points at its span of the stored text
        assert text[claim.char_start : claim.char_end] == claim.quote


def test_a_pdf_ingested_keeps_its_files_hash_and_is_stored_as_its_text(
    empty_store, tmp_path: Path
) -> None:
    path = _pdf(tmp_path / "update.pdf", [["At least 9 people were killed in Homs."]])
    report = read_report(path, published="2024-12-05", publisher="Test agency")
    done = ingest(empty_store, report, actor="tester")
    assert done.new
    assert empty_store.report_text(done.source_id) == report.text
    assert empty_store.report_file(done.source_id) == (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        "pdf",
    )


def test_a_pdf_without_a_text_layer_is_refused_with_a_sentence(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(InputError, match=r"scan.pdf: the PDF has no text layer .*reads text"):
        read_report(path)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("broken.pdf", b"%PDF-1.4 this is not a PDF at all", "not a PDF that can be read"),
        ("empty.html", b"<html><body><nav>Home | News</nav></body></html>", "no article text"),
        ("report.docx", b"PK\x03\x04", "not a web page or a PDF"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(name, data, says) -> None:
    with pytest.raises(InputError, match=says):
        read_file(data, name)


def test_files_fall_under_the_upload_and_report_limits(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("IMPACT_MONITOR_MAX_UPLOAD_MB", "0.001")
    with pytest.raises(InputError, match=r"big.pdf: .* over the 0.001 MB limit"):
        read_file(b"%PDF" + b"0" * 5000, "big.pdf")
    monkeypatch.delenv("IMPACT_MONITOR_MAX_UPLOAD_MB")
    monkeypatch.setenv("IMPACT_MONITOR_MAX_REPORT_KB", "1")
    long_page = PAGE.replace(ARTICLE, " ".join([ARTICLE] * 20))
    with pytest.raises(InputError, match=r"long.html \(its text\): .* over the 1 KB limit"):
        read_file(long_page.encode(), "long.html")


def test_repair_keeps_what_a_page_says_once() -> None:
    pages = [
        f"Header line\nText of page {n}, with a hyphen-\nated word {n}.\n{n}" for n in (1, 2, 3)
    ]
    text = repair(pages)
    assert "Header line" not in text and "hyphenated word" in text
    assert "Text of page 1" in text and "Text of page 3" in text
    assert repair(["Only page\nHeader"]) == "Only page\nHeader\n"  # one page: nothing repeats


def test_the_review_page_takes_a_pdf_and_a_web_page(empty_store, tmp_path: Path) -> None:
    from dashboard import review_view, state
    from indicators import accounts

    state.use(empty_store)
    who = accounts.Account("rita", "editor", disabled=False, has_password=True, session_epoch=0)
    path = _pdf(tmp_path / "flash.pdf", [["At least 31 people were killed in Hama."]])
    sent = "data:application/pdf;base64," + base64.b64encode(path.read_bytes()).decode()
    message = review_view.add_uploaded_report(
        sent, "flash.pdf", who, {"published": "2024-12-05", "publisher": "OCHA"}
    )
    assert message.className == "banner ok", message.children
    assert "the PDF's text" in message.children
    page = "data:text/html;base64," + base64.b64encode(PAGE.encode()).decode()
    message = review_view.add_uploaded_report(page, "idleb.html", who, {})
    assert message.className == "banner ok" and "main text" in message.children
    scan = "data:application/pdf;base64," + base64.b64encode(b"%PDF-1.4 nothing").decode()
    refused = review_view.add_uploaded_report(scan, "x.pdf", who, {})
    assert "Nothing was stored" in str(refused.children)


def test_the_same_page_read_twice_gives_the_same_text() -> None:
    """trafilatura's deduplication remembers paragraphs across calls: the second reading of
    a page (the same report ingested again, two reports sharing a paragraph) came out empty."""
    first = read_file(PAGE.encode(), "a.html").text
    assert read_file(PAGE.encode(), "b.html").text == first
