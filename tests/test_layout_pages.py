"""What a reader sees on the pages (issue 13): titles broken between words, and the 落款 and
成文日期 never alone on the last page (GB/T 9704 7.3.5).  LibreOffice lays the pages out."""

from __future__ import annotations

import io
import re
import subprocess

import docx
import pytest
from conftest import EXAMPLES
from gongwen.answers import read_answers
from gongwen.docx_template import keep_closing_with_text
from gongwen.testing import docx_paragraphs, render_docx_bytes
from test_docx_output import _need

SIGNED = {"signature": "中共某县教育局委员会", "issue_date": "2023-09-01"}


def pages(data: bytes, tmp_path) -> list[str]:
    soffice, pdftotext = _need("soffice"), _need("pdftotext")
    (tmp_path / "d.docx").write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(tmp_path / "d.docx")], check=True, capture_output=True,
                   timeout=240)
    text = subprocess.run([pdftotext, str(tmp_path / "d.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")


def test_the_last_text_paragraph_keeps_with_the_signature():
    xml = ('<w:p><w:pPr><w:pStyle w:val="GWBody"/></w:pPr><w:r><w:t>正文。</w:t></w:r></w:p>'
           '<w:p><w:pPr><w:pStyle w:val="GWHeading2"/><w:keepNext w:val="0"/></w:pPr>'
           '<w:r><w:t>（三）末段。</w:t></w:r></w:p>'
           '<w:p><w:pPr><w:pStyle w:val="GWSignature"/></w:pPr><w:r><w:t>中共某县委</w:t></w:r></w:p>'
           '<w:p><w:pPr><w:pStyle w:val="GWDate"/></w:pPr><w:r><w:t>2023年9月1日</w:t></w:r></w:p>')
    out = keep_closing_with_text(xml)
    paras = re.findall(r"<w:p>.*?</w:p>", out)
    assert "<w:keepNext/>" not in paras[0]
    assert "<w:keepNext/>" in paras[1] and 'w:keepNext w:val="0"' not in paras[1]
    assert "<w:keepNext/>" not in paras[3]


def test_a_long_title_breaks_between_words_in_the_docx():
    data = render_docx_bytes("party-history-rectification", {"unit": "新城区政府"})
    title = docx.Document(io.BytesIO(data)).paragraphs[0].text
    assert title.split("\n") == ["新城区政府党组党史学习教育", "专题民主生活会整改落实方案"]
    assert docx_paragraphs(data)[0] == "新城区政府党组党史学习教育专题民主生活会整改落实方案"  # read as one


@pytest.mark.parametrize("type_id", ["grassroots-special-action", "theme-education-report",
                                     "theme-education-rectification", "party-history-rectification"])
def test_the_page_with_the_date_also_holds_text(type_id, tmp_path):
    raw = read_answers(EXAMPLES / f"{type_id}.toml")
    raw.pop("type")
    data = render_docx_bytes(type_id, {**raw, **SIGNED})
    page = next(p for p in pages(data, tmp_path) if "中共某县教育局委员会" in p)
    lines = [line for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    assert len(lines) > 3, lines  # the 落款, the date and at least two lines of text


def test_a_wide_ledger_goes_on_landscape_pages_with_whole_header_words(tmp_path):
    from docx.enum.section import WD_ORIENT

    raw = read_answers(EXAMPLES / "party-history-rectification.toml")
    raw.pop("type")
    data = render_docx_bytes("party-history-rectification", {**raw, **SIGNED})
    d = docx.Document(io.BytesIO(data))
    body, annex = d.sections
    assert body.orientation != WD_ORIENT.LANDSCAPE and annex.orientation == WD_ORIENT.LANDSCAPE
    assert round(annex.page_width.mm) == 297 and round(annex.page_height.mm) == 210
    grid = [int(g.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
            for g in d.tables[-1]._tbl.tblGrid]
    assert abs(sum(grid) / 56.7 - 243) < 1  # as wide as the landscape text (297 − 28 − 26 mm)
    pdf_pages = pages(data, tmp_path)
    annex_pages = [p for p in pdf_pages if "序号" in p]
    assert len(annex_pages) >= 2
    for page in annex_pages:  # the header repeats, its words whole on one line
        lines = [line.strip() for line in page.splitlines()]
        assert "牵头单位" in " ".join(lines) and "牵头单" not in lines
    signed = next(i for i, p in enumerate(pdf_pages) if "中共某县教育局委员会" in p)
    assert signed < pdf_pages.index(annex_pages[0])  # the 落款 stays on the upright pages before the annex


def test_the_clerk_chooses_whether_the_body_repeats_the_ledgers_fields():
    from gongwen.testing import render_text

    raw = read_answers(EXAMPLES / "party-history-rectification.toml")
    raw.pop("type")
    both = render_text("party-history-rectification", raw)
    ledger_only = render_text("party-history-rectification", {**raw, "fields_in_body": False})
    body = lambda text: text.split("\n附件\n")[0]  # noqa: E731
    assert body(both).count("责任领导：") == 14 and body(ledger_only).count("责任领导：") == 0
    assert "区政府办公室" in ledger_only.split("\n附件\n")[1]  # still in the ledger
