"""Build ``templates/gongwen.docx``, the Word template every document type renders into.

Run ``python -m gongwen.templates.build`` (or ``python templates/build.py``) after changing
this file and commit the result; ``tests/test_docx_output.py`` checks the committed file is
current.  The layout follows GB/T 9704-2012 (党政机关公文格式): A4, text block 156 × 225 mm,
22 lines of 28 characters, 3号仿宋 body, 2号小标宋 title, "— 1 —" page numbers.

The body is a docxtpl loop over ``paras`` (see ``gongwen.render_docx``): one branch per
paragraph kind, each branch a paragraph in a named style ("GW Body", "GW Heading 1", …), so a
user can restyle the template in Word or WPS by editing those styles.
"""

from __future__ import annotations

import io
import math
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm, Pt, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

TEMPLATE_PATH = Path(__file__).with_name("gongwen.docx")
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

# ------------------------------------------------------------ GB/T 9704-2012 measures

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM = Mm(37), Mm(35)
MARGIN_LEFT, MARGIN_RIGHT = Mm(28), Mm(26)
HEADER_DISTANCE = Mm(15)
# The "一字线" of the page number sits 7 mm under the text block; its line is ~5 mm high.
FOOTER_DISTANCE = Mm(25)
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
TABLE_SIZE = Pt(12)  # 小4号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
TITLE_LINE = Pt(35)  # fixed line height of the 22 pt titles

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

# Fonts a typical Windows machine lacks, with the font Word/WPS should fall back to.
FONT_FALLBACKS = {
    FANGSONG: "仿宋",
    KAITI: "楷体",
    XIAOBIAOSONG: "宋体",
    HEITI: "SimHei",
    SONGTI: "SimSun",
}


def text_width() -> Length:
    """Width of the text block (156 mm) as Word will compute it from the twips margins."""
    return Twips(PAGE_WIDTH.twips - MARGIN_LEFT.twips - MARGIN_RIGHT.twips)


def line_pitch() -> Length:
    """The largest whole-twip line height that fits 22 lines in 225 mm: 579 twips = 28.95 pt."""
    height = PAGE_HEIGHT.twips - MARGIN_TOP.twips - MARGIN_BOTTOM.twips
    return Twips(height // LINES_PER_PAGE)


def char_spacing() -> int:
    """Character spacing (1/20 pt, negative = condensed) that fits 28 3号 characters a line.

    Word's "lines and characters" grid would do the same, but LibreOffice lays such a grid
    out cell by cell and then puts one 16 pt character in two 15.8 pt cells; a slightly
    condensed font gives 28 characters everywhere.
    """
    pitch_pt = text_width().pt / CHARS_PER_LINE
    return math.floor((pitch_pt - BODY_SIZE.pt) * 20)


LINE = line_pitch()


# ------------------------------------------------------------ low-level helpers


def set_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Name the East Asian font (w:eastAsia, hint eastAsia) and the Latin/digit font."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia),
                        ("w:cs", latin), ("w:hint", "eastAsia")):
        rfonts.set(qn(attr), value)


def set_char_indent(ppr, *, first: int = 0, left: int = 0, right: int = 0, hanging: int = 0,
                    size: Length = BODY_SIZE) -> None:
    """Indent in characters (w:*Chars for Word/WPS) with the same twips for other readers.

    ``hanging`` (instead of ``first``) starts the first line that many characters left of the others.
    """
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    char = size.twips
    first_line = ("hanging", hanging) if hanging else ("firstLine", first)
    for attr, chars in (first_line, ("left", left), ("right", right)):
        ind.set(qn(f"w:{attr}"), str(chars * char))
        ind.set(qn(f"w:{attr}Chars"), str(chars * 100))


def set_on_off(parent, tag: str, on: bool) -> None:
    """Add or replace a w:xxx on/off element (w:val="0" when off)."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    el = OxmlElement(tag)
    if not on:
        el.set(qn("w:val"), "0")
    parent.append(el)


def add_field(paragraph: Paragraph, instr: str, placeholder: str) -> None:
    """A complex field (fldChar begin/instrText/separate/result/end), e.g. PAGE."""
    def run_with(child) -> None:
        r = paragraph.add_run()._r
        r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instr} "
    run_with(text)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# ------------------------------------------------------------ page setup


def setup_page(doc: DocxDocument) -> None:
    """A4, GB/T 9704 margins, a 22-line document grid (28 characters: see char_spacing)."""
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance, section.footer_distance = HEADER_DISTANCE, FOOTER_DISTANCE
    section.gutter = 0
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE.twips))


def setup_settings(doc: DocxDocument) -> None:
    """Different odd/even footers, Word 2013+ layout, Chinese theme fonts."""
    doc.settings.odd_and_even_pages_header_footer = True
    settings = doc.settings.element
    mode = settings.find(f"{qn('w:compat')}/{qn('w:compatSetting')}[@{qn('w:name')}="
                         "'compatibilityMode']")
    mode.set(qn("w:val"), "15")
    settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")


#: Parts of python-docx's blank document that the template does not use: every render
#: would open, serialise and compress them again (about 2 ms of a render).  Word and WPS
#: add numbering and web settings themselves when a user restyling the template needs them.
UNUSED_PARTS = (STYLES_WITH_EFFECTS, RT.CUSTOM_XML, RT.WEB_SETTINGS, RT.NUMBERING)


def clean_package(doc: DocxDocument) -> None:
    """Drop python-docx's leftovers (letter-size thumbnail, Word 2010 style copy, a
    bibliography store, empty numbering and web settings) and fix the file properties,
    dates included, so that every build gives the same bytes."""
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg_rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in UNUSED_PARTS:
            del doc.part.rels[rid]
    props = doc.core_properties
    props.author = props.last_modified_by = "gongwen"
    props.comments = "GB/T 9704-2012 公文模板，由 templates/build.py 生成"
    props.title = props.subject = props.keywords = props.category = ""
    props.revision = 1
    props.created = props.modified = datetime(2024, 1, 1, tzinfo=timezone.utc)


def register_fonts(doc: DocxDocument) -> None:
    """List the standard fonts in fontTable.xml with GB2312 charset and a fallback name."""
    part = next(rel.target_part for rel in doc.part.rels.values()
                if rel.reltype == RT.FONT_TABLE)
    fonts = parse_xml(part.blob)
    for name, alt in FONT_FALLBACKS.items():
        fonts.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/>'
            "</w:font>"
        ))
    # fontTable is a plain Part to python-docx: its bytes are all it has
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


# ------------------------------------------------------------ styles


@dataclass(frozen=True)
class ParaStyle:
    """A named paragraph style; the line height is exact (``LINE`` = 28.95 pt) unless None."""

    name: str
    font: str
    size: Length = BODY_SIZE
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_chars: int = 0
    hanging_chars: int = 0
    left_chars: int = 0
    right_chars: int = 0
    line: Length | None = LINE
    before: Length = Pt(0)
    after: Length = Pt(0)
    keep_next: bool = False
    page_break: bool = False
    outline: int | None = None
    snap_to_grid: bool = True
    base: str = "Normal"
    latin: str = LATIN


CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT

HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True),
                 4: (FANGSONG, False), 5: (FANGSONG, False)}

PARAGRAPH_STYLES = [
    ParaStyle("GW Body", FANGSONG, first_chars=2),
    ParaStyle("GW Title", XIAOBIAOSONG, TITLE_SIZE, align=CENTER, line=TITLE_LINE, after=LINE,
              keep_next=True, snap_to_grid=False),
    ParaStyle("GW Subtitle", KAITI, align=CENTER, after=LINE, keep_next=True),
    ParaStyle("GW Recipient", FANGSONG, align=LEFT, keep_next=True),
    *(ParaStyle(f"GW Heading {level}", font, bold=bold, first_chars=2, keep_next=True,
                outline=level - 1, base="GW Body")
      for level, (font, bold) in HEADING_FONTS.items()),
    # 落款 centred over the date (GB/T 9704 7.3.5.1): a centre tab stop, see add_tab_stops().
    ParaStyle("GW Signature", FANGSONG, align=LEFT, before=Twips(2 * LINE.twips),
              keep_next=True),
    # A 落款 too wide to centre over the date: two characters from the right margin, or at it.
    ParaStyle("GW Signature Right", FANGSONG, align=RIGHT, right_chars=2, before=Twips(2 * LINE.twips),
              keep_next=True),
    ParaStyle("GW Signature Flush", FANGSONG, align=RIGHT, before=Twips(2 * LINE.twips), keep_next=True),
    ParaStyle("GW Date", FANGSONG, align=RIGHT, right_chars=4),
    # 附注 (GB/T 9704 7.3.6): the line under the date, two characters in, in brackets.
    ParaStyle("GW Note", FANGSONG, align=LEFT, first_chars=2),
    # 附件说明 (GB/T 9704 7.3.4): a blank line under the text, "附件：" two characters in, each
    # further attachment (and a wrapped name) aligned under the first name.
    ParaStyle("GW Attachments", FANGSONG, align=LEFT, left_chars=5, hanging_chars=3, before=LINE),
    ParaStyle("GW Appendix Label", HEITI, align=LEFT, page_break=True, keep_next=True),
    ParaStyle("GW Appendix Title", XIAOBIAOSONG, TITLE_SIZE, align=CENTER, line=TITLE_LINE,
              before=LINE, after=LINE, keep_next=True, snap_to_grid=False),
    ParaStyle("GW Table Caption", HEITI, align=CENTER, keep_next=True),
    ParaStyle("GW Table Text", FANGSONG, TABLE_SIZE, align=LEFT, line=None, snap_to_grid=False),
    ParaStyle("GW Table Header", HEITI, TABLE_SIZE, bold=True, align=CENTER, line=None,
              keep_next=True, snap_to_grid=False, base="GW Table Text"),
    ParaStyle("GW Page Number", SONGTI, PAGE_NUMBER_SIZE, align=RIGHT, line=None,
              snap_to_grid=False, latin=SONGTI),
]

# Where the signature's centre tab sits: over the middle of a date such as "2023年8月20日"
# (about 7.75 characters wide with the spaces Word puts around digits) that ends 4
# characters from the right margin.
SIGNATURE_TAB = Twips(text_width().twips - int((4 + 7.75 / 2) * BODY_SIZE.twips))


def setup_defaults(doc: DocxDocument) -> None:
    """Document defaults: 16 pt 仿宋_GB2312 / Times New Roman, Chinese, no paragraph spacing."""
    styles = doc.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, FANGSONG)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(int(BODY_SIZE.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:eastAsia"), "zh-CN")
    ppr = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    # Word and LibreOffice size the character grid from Normal's own font size.
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    set_fonts(normal.element.get_or_add_rPr(), FANGSONG)


def add_paragraph_style(doc: DocxDocument, spec: ParaStyle) -> None:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[spec.base]
    style.quick_style = True
    style.font.size = spec.size
    if spec.bold:
        style.font.bold = True
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, spec.font, spec.latin)
    if spec.size == BODY_SIZE and spec.base == "Normal":  # styles based on these inherit it
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(char_spacing()))
        rpr.find(qn("w:sz")).addprevious(spacing)
    pf = style.paragraph_format
    pf.alignment = spec.align
    pf.space_before, pf.space_after = spec.before, spec.after
    if spec.line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing = spec.line
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if spec.keep_next:
        pf.keep_with_next = True
    if spec.page_break:
        pf.page_break_before = True
    pf.widow_control = False  # keep every page at exactly 22 lines
    ppr = style.element.get_or_add_pPr()
    set_char_indent(ppr, first=spec.first_chars, left=spec.left_chars, right=spec.right_chars,
                    hanging=spec.hanging_chars,
                    size=spec.size)
    set_on_off(ppr, "w:snapToGrid", spec.snap_to_grid)
    if spec.outline is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(spec.outline))
        ppr.append(outline)
    _ordered(ppr)


# CT_PPrBase child order (ECMA-376 17.3.1.26); Word rejects out-of-order pPr children.
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]


def _ordered(ppr):
    children = sorted(ppr, key=lambda el: _PPR_ORDER.index(el.tag.split("}")[1]))
    for child in children:
        ppr.append(child)  # re-appending moves it to the end, in sorted order
    return ppr


def add_tab_stops(doc: DocxDocument) -> None:
    """The signature's centre tab: the 落款 is centred over the 成文日期."""
    style = doc.styles["GW Signature"]
    style.paragraph_format.tab_stops.add_tab_stop(SIGNATURE_TAB, alignment=1)  # CENTER
    _ordered(style.element.pPr)


def add_character_styles(doc: DocxDocument) -> None:
    """"GW Lead" (bold run-in phrase) and "GW Run-in Text" (body text after a heading)."""
    lead = doc.styles.add_style("GW Lead", WD_STYLE_TYPE.CHARACTER)
    lead.font.bold = True
    runin = doc.styles.add_style("GW Run-in Text", WD_STYLE_TYPE.CHARACTER)
    runin.font.bold = False
    set_fonts(runin.element.get_or_add_rPr(), FANGSONG)
    for style in (lead, runin):
        style.quick_style = True


def add_table_style(doc: DocxDocument) -> None:
    """"GW Table": single borders, centred, cells vertically centred, small cell margins."""
    style = doc.styles.add_style("GW Table", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
    ))
    style.element.append(parse_xml(f'<w:tcPr {nsdecls("w")}><w:vAlign w:val="center"/></w:tcPr>'))


def setup_styles(doc: DocxDocument) -> None:
    setup_defaults(doc)
    for spec in PARAGRAPH_STYLES:
        add_paragraph_style(doc, spec)
    add_tab_stops(doc)
    add_character_styles(doc)
    add_table_style(doc)


# ------------------------------------------------------------ footers


def setup_footers(doc: DocxDocument) -> None:
    """"— 1 —" in 4号宋体: odd pages right, even pages left, one character from the margin."""
    section = doc.sections[0]
    for footer, align in ((section.footer, RIGHT), (section.even_page_footer, LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles["GW Page Number"]
        paragraph.alignment = align
        ppr = paragraph._p.get_or_add_pPr()
        if align == RIGHT:
            set_char_indent(ppr, right=1, size=PAGE_NUMBER_SIZE)
        else:
            set_char_indent(ppr, left=1, size=PAGE_NUMBER_SIZE)
        _ordered(ppr)
        paragraph.add_run("— ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")


# ------------------------------------------------------------ body: the docxtpl loop


def _tag(doc: DocxDocument, text: str) -> None:
    """A control paragraph ({%p …%}); docxtpl removes it when rendering."""
    doc.add_paragraph(text, style="Normal")


def _simple(style: str, expr: str = "p.text") -> Callable[[DocxDocument], None]:
    def build(doc: DocxDocument) -> None:
        doc.add_paragraph(f"{{{{ {expr} }}}}", style=style)

    return build


def _body(doc: DocxDocument) -> None:
    """Bold run-in lead ("责任领导：") then the text."""
    paragraph = doc.add_paragraph(style="GW Body")
    paragraph.add_run("{{ p.lead }}", style="GW Lead")
    paragraph.add_run("{{ p.text }}")


def _heading(level: int, run_in: bool) -> Callable[[DocxDocument], None]:
    def build(doc: DocxDocument) -> None:
        """Number and title in the heading font; a run-in heading goes on in the body font
        ("（一）抓好立改立行。深刻把握…") and, being a paragraph of text, is not kept with
        the next one (a chain of them would leave half-empty pages)."""
        paragraph = doc.add_paragraph(style=f"GW Heading {level}")
        paragraph.add_run("{{ p.heading }}")
        if run_in:
            paragraph.paragraph_format.keep_with_next = False
            rest = paragraph.add_run("{{ p.rest }}", style="GW Run-in Text")
            rest.bold = False  # bold is a toggle: only direct formatting undoes a bold style

    return build


def _table(doc: DocxDocument) -> None:
    """Optional caption, the table (built by the renderer in "GW Table" style), then a
    small empty paragraph: text does not touch the bottom border, two tables in a row stay
    two tables, and the document never ends with a table (Word wants a paragraph last)."""
    _tag(doc, "{%p if p.text %}")
    _simple("GW Table Caption")(doc)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{{p p.table }}")
    doc.add_paragraph(style="GW Table Text")


def _signature(doc: DocxDocument) -> None:
    doc.add_paragraph("\t{{ p.text }}", style="GW Signature")


BRANCHES: list[tuple[str, Callable[[DocxDocument], None]]] = [
    ("p.kind == 'title'", _simple("GW Title")),
    ("p.kind == 'subtitle'", _simple("GW Subtitle")),
    ("p.kind == 'recipient'", _simple("GW Recipient")),
    ("p.kind == 'body'", _body),
    *((f"p.kind == 'heading' and p.level == {n} and {'' if run_in else 'not '}p.rest",
       _heading(n, run_in)) for n in range(1, 6) for run_in in (True, False)),
    ("p.kind == 'table'", _table),
    ("p.kind == 'attachments'", _simple("GW Attachments", "p.lead + p.text")),
    ("p.kind == 'signature' and p.level == 1", _signature),
    ("p.kind == 'signature' and p.level == 2", _simple("GW Signature Right")),
    ("p.kind == 'signature' and p.level == 3", _simple("GW Signature Flush")),
    ("p.kind == 'date'", _simple("GW Date")),
    ("p.kind == 'note'", _simple("GW Note")),
    ("p.kind == 'appendix_label'", _simple("GW Appendix Label")),
    ("p.kind == 'appendix_title'", _simple("GW Appendix Title")),
]


def add_body_loop(doc: DocxDocument) -> None:
    """{%p for p in paras %} {%p if …kind… %} one paragraph per kind {%p endif %} {%p endfor %}"""
    _tag(doc, "{%p for p in paras %}")
    for i, (condition, build) in enumerate(BRANCHES):
        _tag(doc, f"{{%p {'if' if i == 0 else 'elif'} {condition} %}}")
        build(doc)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")


# ------------------------------------------------------------ assembling


def prune_styles(doc: DocxDocument) -> None:
    """Keep only the styles the template uses: the "GW" styles, the defaults, the styles the
    body, headers and footers name, and what those are based on or linked to.

    python-docx's blank document brings 185 styles (most of them table styles) in a 360 kB
    styles.xml that every render would parse, serialise and compress again; Word and WPS
    still offer their built-in styles to a user restyling the template.
    """
    styles = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"))}
    xml = b"".join(etree.tostring(part.element) for part in
                   [doc.part, *(rel.target_part for rel in doc.part.rels.values()
                                if rel.reltype in (RT.HEADER, RT.FOOTER))])
    wanted = {sid for sid, s in by_id.items()
              if s.get(qn("w:default")) == "1" or s.findtext(qn("w:name")) is None
              or (s.find(qn("w:name")).get(qn("w:val")) or "").startswith("GW")}
    wanted |= {m.decode() for m in re.findall(rb'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', xml)}
    todo = list(wanted)
    while todo:  # what the kept styles are based on, followed by or linked to
        style = by_id.get(todo.pop())
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag)) if style is not None else None
            if ref is not None and ref.get(qn("w:val")) not in wanted:
                wanted.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in wanted:
            styles.remove(style)


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so every build gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def build_template(out: Path = TEMPLATE_PATH) -> Path:
    """Write the template to ``out`` and return it."""
    doc = Document()
    clean_package(doc)
    setup_page(doc)
    setup_settings(doc)
    register_fonts(doc)
    setup_styles(doc)
    setup_footers(doc)
    add_body_loop(doc)
    prune_styles(doc)
    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(deterministic_zip(buf.getvalue()))
    return out


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    out = build_template(Path(args[0]) if args else TEMPLATE_PATH)
    print(out)


if __name__ == "__main__":
    main()
