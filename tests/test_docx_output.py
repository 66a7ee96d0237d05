"""The Word output: GB/T 9704 layout, styles, footers, tables, literal text, the template."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from gongwen.model import (
    Document,
    Enumeration,
    Fields,
    Paragraph,
    Section,
    Table,
    flatten,
)
from gongwen.render_docx import clean_text, default_template, render_docx

SPECIAL = "& < > \" ' {{ x }} {% if %} ]]> {_{ y }_}"
TITLE = "中共某某县委员会关于主题教育专题民主生活会问题整改的实施方案"
COLUMNS = ["序号", "问题", "整改措施", "责任领导", "牵头单位", "责任单位", "落实时限"]
WIDTHS = [0.6, 2, 3, 1, 1, 1, 1.2]


def sample_document() -> Document:
    rows = [[str(i), f"问题{i}：理论学习不够深入系统", "每月开展集中学习研讨", "张三",
             "办公室", "各科室", "2023年12月底"] for i in range(1, 21)]
    rows[3][1] = SPECIAL
    deep = Section("具体措施", children=[
        Section("每月集中学习", blocks=[Paragraph("每月至少一次。")]),
    ])
    return Document(
        title=TITLE,
        recipient="各乡镇党委，县直各单位党组（党委）",
        preamble=[Paragraph("根据上级要求，制定如下方案。" + SPECIAL)],
        sections=[
            Section("总体要求", blocks=[Paragraph("以习近平新时代中国特色社会主义思想为指导。" * 4)],
                    children=[
                        Section("抓好立改立行", run_in=True,
                                blocks=[Paragraph("深刻把握整改工作的重要意义。")]),
                        Section("明确整改目标", children=[
                            Section("理论学习方面",
                                    blocks=[Enumeration(["学习不够系统", "研讨不够深入"])],
                                    children=[deep]),
                        ]),
                    ]),
            Section("组织领导", blocks=[
                Fields([("责任领导", "张三"), ("牵头单位", "办公室")]),
                Table(COLUMNS, rows, widths=WIDTHS, title="整改台账"),
            ]),
        ],
        signature="中共某某县委员会",
        date="2023年8月20日",
        appendices=[Section("整改任务清单", blocks=[
            Table(["序号", "任务", "时限"], [["1", "任务一", "9月"], ["2", "任务二", "10月"]]),
        ])],
    )


@pytest.fixture(autouse=True)
def private_bytecode_cache(tmp_path, monkeypatch):
    """Compiled templates go to this test's folder, not the user's cache."""
    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(tmp_path / "bytecode-cache"))


# ------------------------------------------------------------ helpers


def render_to(tmp: Path, doc: Document, name: str = "out.docx") -> Path:
    out = tmp / name
    render_docx(doc, out)
    return out


def style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def east_asia_font(style) -> str | None:
    """The w:eastAsia font a paragraph style resolves to (own or inherited)."""
    for s in style_chain(style):
        rpr = s.element.rPr
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    return None


def resolved(style, attr: str, group: str = "font"):
    for s in style_chain(style):
        value = getattr(getattr(s, group), attr)
        if value is not None:
            return value
    return None


def styled(docx, prefix: str) -> list:
    return [p for p in docx.paragraphs if p.style.name.startswith(prefix)]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return render_to(tmp_path_factory.mktemp("docx"), sample_document())


@pytest.fixture(scope="module")
def docx(sample):
    return open_docx(str(sample))


# ------------------------------------------------------------ layout


def test_page_is_a4_with_gbt9704_margins(docx):
    section = docx.sections[0]
    for value, mm in ((section.page_width, 210), (section.page_height, 297),
                      (section.top_margin, 37), (section.bottom_margin, 35),
                      (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(value.mm - mm) < 0.1
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"


def test_styles_fonts_sizes_and_line_spacing(docx):
    expect = {
        "GW Title": ("方正小标宋简体", 22),
        "GW Body": ("仿宋_GB2312", 16),
        "GW Heading 1": ("黑体", 16),
        "GW Heading 2": ("楷体_GB2312", 16),
        "GW Heading 3": ("仿宋_GB2312", 16),
        "GW Heading 4": ("仿宋_GB2312", 16),
        "GW Heading 5": ("仿宋_GB2312", 16),
        "GW Signature": ("仿宋_GB2312", 16),
        "GW Date": ("仿宋_GB2312", 16),
        "GW Appendix Label": ("黑体", 16),
        "GW Appendix Title": ("方正小标宋简体", 22),
    }
    used = {p.style.name for p in docx.paragraphs}
    assert set(expect) <= used
    for name, (font, size) in expect.items():
        style = docx.styles[name]
        assert east_asia_font(style) == font, name
        assert resolved(style, "size").pt == size, name
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:hint")) == "eastAsia"
        assert fonts.get(qn("w:ascii")) == "Times New Roman"
    for name in ("GW Body", *(f"GW Heading {n}" for n in range(1, 6))):
        style = docx.styles[name]
        assert resolved(style, "line_spacing", "paragraph_format").pt == pytest.approx(28.95)
        assert resolved(style, "line_spacing_rule", "paragraph_format") == WD_LINE_SPACING.EXACTLY
        assert resolved(style, "first_line_indent", "paragraph_format").pt == 32
    assert resolved(docx.styles["GW Heading 3"], "bold") is True
    assert docx.styles["GW Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert docx.styles["GW Body"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    date = docx.styles["GW Date"].paragraph_format
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT and date.right_indent.pt == 64
    label = docx.styles["GW Appendix Label"].paragraph_format
    assert label.page_break_before and not label.first_line_indent


def test_footers_page_numbers_odd_right_even_left(docx):
    assert docx.settings.odd_and_even_pages_header_footer
    section = docx.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        assert not footer.is_linked_to_previous
        (para,) = footer.paragraphs
        assert para.alignment == align
        assert para.text == "— 1 —"
        xml = para._p.xml
        assert "PAGE" in "".join(t.text for t in para._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert east_asia_font(para.style) == "宋体" and para.style.font.size.pt == 14


# ------------------------------------------------------------ content


def test_paragraph_order_and_heading_numbers(docx):
    doc = sample_document()
    expected = []
    for p in flatten(doc):
        if p.kind == "heading":
            expected.append(p.heading + p.rest)  # a run-in title carries its "。" (model.flatten)
    headings = styled(docx, "GW Heading")
    assert [p.text for p in headings] == expected
    assert [p.style.name[-1] for p in headings] == ["1", "2", "2", "3", "4", "5", "1"]
    assert expected[1] == "（一）抓好立改立行。深刻把握整改工作的重要意义。"
    title_lines = ["中共某某县委员会关于主题教育", "专题民主生活会问题整改的实施方案"]  # broken between words
    assert [p.text.split("\n") for p in styled(docx, "GW Title")] == [title_lines]
    assert styled(docx, "GW Signature")[0].text == "\t中共某某县委员会"
    assert styled(docx, "GW Date")[0].text == "2023年8月20日"
    assert [p.text for p in styled(docx, "GW Appendix")] == ["附件", "整改任务清单"]


def test_run_in_heading_and_lead_runs(docx):
    runin = styled(docx, "GW Heading 2")[0]
    head, rest = runin.runs
    assert head.text == "（一）抓好立改立行。" and head.style.name != "GW Run-in Text"
    assert rest.style.name == "GW Run-in Text" and rest.bold is False
    assert east_asia_font(rest.style) == "仿宋_GB2312"
    # a standalone heading stays with its text; a run-in one is a paragraph of text
    assert docx.styles["GW Heading 2"].paragraph_format.keep_with_next
    assert runin.paragraph_format.keep_with_next is False
    assert len(styled(docx, "GW Heading 2")[1].runs) == 1
    field = next(p for p in styled(docx, "GW Body") if p.text.startswith("责任领导"))
    lead, text = field.runs
    assert (lead.text, text.text) == ("责任领导：", "张三")
    assert lead.style.name == "GW Lead" and lead.style.font.bold


def test_special_characters_verbatim(docx):
    body = [p.text for p in styled(docx, "GW Body")]
    assert "根据上级要求，制定如下方案。" + SPECIAL in body
    cells = [c.text for row in docx.tables[0].rows for c in row.cells]
    assert SPECIAL in cells


def test_control_characters_are_dropped(tmp_path):
    assert clean_text("a\x00b\x0bc\td\r\ne\x0c\ud800f") == "abc\td\nef"
    doc = Document(title="标题\x07", preamble=[Paragraph("正\x01文")])
    out = open_docx(str(render_to(tmp_path, doc)))
    assert [p.text for p in out.paragraphs] == ["标题", "正文"]


def test_tables(docx):
    ledger, appendix = docx.tables
    assert len(ledger.rows) == 21 and len(ledger.columns) == 7
    assert [c.text for c in ledger.rows[0].cells] == COLUMNS
    assert ledger.style.name == "GW Table"
    first = ledger.rows[0]._tr.trPr
    assert first.find(qn("w:tblHeader")) is not None
    assert ledger.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert ledger.rows[0].cells[0].paragraphs[0].style.name == "GW Table Header"
    assert ledger.rows[1].cells[1].paragraphs[0].style.name == "GW Table Text"
    assert resolved(docx.styles["GW Table Text"], "size").pt == 12
    assert east_asia_font(docx.styles["GW Table Header"]) == "黑体"
    widths = [int(g.get(qn("w:w"))) for g in ledger._tbl.tblGrid.iter(qn("w:gridCol"))]
    assert abs(sum(widths) / 56.7 - 156) < 0.5  # twips → mm
    for w, head in zip(widths, COLUMNS, strict=True):  # every header word fits its column whole
        assert w >= len(head) * 240 + 240
    assert widths[0] == 720  # 序号 widened from its share (0.6) to hold its two characters
    assert len(appendix.rows) == 3 and len(appendix.columns) == 3
    caption = styled(docx, "GW Table Caption")
    assert [p.text for p in caption] == ["整改台账"]


def test_render_to_bytes_io():
    import io

    buf = io.BytesIO()
    render_docx(Document(title="标题"), buf)
    assert buf.getvalue()[:2] == b"PK"


def test_module_imports_no_docx_libraries():
    code = ("import sys, gongwen.render_docx; "
            "print([m for m in ('docx', 'docxtpl', 'jinja2', 'lxml') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("name", "style", "indent"), [
    ("中共安平县自然资源局党组巡察办", "GW Signature", None),  # 14 characters: centred over the date
    ("中共安平县自然资源局党组巡察整改工作领导小组", "GW Signature Right", 2),
    ("中共安平县自然资源和规划局党组巡察整改工作领导小组办公室", "GW Signature Flush", 0),
])
def test_a_long_signature_stays_inside_the_right_margin(name, style, indent, tmp_path):
    """A 落款 centred over the date fits up to about 15 characters; a longer one ends two
    characters from the right margin, and one too long for that at the margin, never past it."""
    doc = Document(title="关于巡察整改进展情况的通报", sections=[Section("总体情况", [Paragraph("正文。")])],
                   signature=name, date="2024年6月5日")
    [para] = styled(open_docx(str(render_to(tmp_path, doc))), "GW Signature")
    assert para.style.name == style
    assert para.text == ("\t" + name if indent is None else name)
    if indent is not None:
        assert para.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        ind = para.style.element.pPr.find(qn("w:ind"))
        assert (ind is not None and ind.get(qn("w:rightChars")) == str(indent * 100)) or indent == 0


def test_the_note_is_the_line_under_the_date_two_characters_in(tmp_path):
    """附注 (GB/T 9704 7.3.6): under the 成文日期, two characters in, as written."""
    doc = Document(title="关于开展排查工作的通知", sections=[Section("排查范围", [Paragraph("全体党员。")])],
                   signature="中共某某县委组织部", date="2024年3月5日", note="（此件公开发布）")
    paragraphs = [p for p in open_docx(str(render_to(tmp_path, doc))).paragraphs if p.text.strip()]
    assert [(p.style.name, p.text) for p in paragraphs[-2:]] == [("GW Date", "2024年3月5日"),
                                                                 ("GW Note", "（此件公开发布）")]
    ind = paragraphs[-1].style.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"


def test_a_column_is_wide_enough_for_the_names_in_it():
    """A 牵头单位 column holding 区自然资源局 is at least six characters wide, so the name does
    not break as 区自 / 然资源局; the room comes from the wide columns and the table keeps its width."""
    from gongwen.docx_table import _column_widths

    rows = [["1", "问题", "措施" * 40, "分管副区长", "区民政局、区自然资源局", "各镇办", "即知即改，长期坚持"]]
    before = _column_widths(WIDTHS, 7, 12757, COLUMNS)
    after = _column_widths(WIDTHS, 7, 12757, COLUMNS, rows)
    assert before[4] < 6 * 240 + 240 <= after[4]
    assert after[6] >= 4 * 240 + 240 and sum(after) == sum(before) == 12757
    assert after[2] < before[2] and after[2] == max(after)  # the measures keep the widest column


def test_a_paragraph_ending_in_a_colon_keeps_with_what_it_introduces(tmp_path):
    """"参加人员：" never ends a page alone: it keeps with the list under it; other paragraphs do not."""
    doc = Document(title="实施方案", sections=[Section("会议安排", [
        Paragraph("会议时间：定于4月26日召开。"), Paragraph("参加人员："), Paragraph("班子成员4人。")])])
    paragraphs = {p.text: p for p in open_docx(str(render_to(tmp_path, doc))).paragraphs}
    assert paragraphs["参加人员："].paragraph_format.keep_with_next is True
    assert paragraphs["会议时间：定于4月26日召开。"].paragraph_format.keep_with_next is not True


def test_a_short_cell_breaks_between_names_not_inside_one():
    """"各镇办，区政府各部门" in a column six characters wide breaks after the comma; a name too
    long for a line has lines of its own; prose and cells that fit are left alone."""
    from gongwen.docx_table import phrase_lines

    six = 6 * 240 + 240
    assert phrase_lines("各镇办，区政府各部门", six) == "各镇办，\n区政府各部门"
    assert phrase_lines("区民政局、区自然资源局、区住建局", six) == "区民政局、\n区自然资源局、\n区住建局"
    assert phrase_lines("区政府办公室", six) == "区政府办公室"
    prose = "深化“放管服”改革，巩固改革成果，推行“一件事一次办”。"
    assert phrase_lines(prose, six) == prose


# ------------------------------------------------------------ the template itself


def test_template_is_up_to_date(tmp_path):
    from gongwen.templates.build import build_template

    fresh = build_template(tmp_path / "gongwen.docx")
    with zipfile.ZipFile(fresh) as new, zipfile.ZipFile(default_template()) as old:
        parts = [n for n in new.namelist() if n.startswith("word/")]
        assert {"word/document.xml", "word/styles.xml", "word/footer1.xml"} <= set(parts)
        assert sorted(parts) == sorted(n for n in old.namelist() if n.startswith("word/"))
        for name in parts:
            assert new.read(name) == old.read(name), (
                f"{name} differs: run `python -m gongwen.templates.build`")


def test_template_build_is_deterministic(tmp_path):
    from gongwen.templates.build import build_template

    a = build_template(tmp_path / "a.docx").read_bytes()
    b = build_template(tmp_path / "b.docx").read_bytes()
    assert a == b


# ------------------------------------------------------------ LibreOffice


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{tool} is required on CI")
    pytest.skip(f"{tool} not installed")


def test_libreoffice_renders_pdf(sample, tmp_path):
    soffice = _need("soffice")
    pdftotext = _need("pdftotext")
    outdir = tmp_path / "tmp"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(sample)],
                   check=True, capture_output=True, timeout=240)
    pdf = outdir / "out.pdf"
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert text.count("\f") >= 2
    flat = "".join(text.split())
    assert TITLE in flat
    assert "—1—" in flat and "—2—" in flat
