"""The layout checks of ``gongwen lint``: GB/T 9704-2012 page, margins, body font, size and
lines per page, read from any DOCX (and reading a DOCX's paragraphs for the text checks)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GongwenError
from .lint_lines import APPENDIX_LABEL, NUMBER
from .lint_text import Finding

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


# ------------------------------------------------------------ reading a DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def read_docx(path: Path) -> DocxDocument:
    """The document, or one Chinese sentence saying why it cannot be read."""
    import docx

    path = Path(path)
    if not path.is_file():
        raise GongwenError(f"找不到文件“{path}”。")
    try:
        return docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same sentence
        if path.suffix.lower() != ".docx":
            raise GongwenError(f"“{path}”不是 .docx 文档：.doc、.wps 等请先在 Word 或 WPS 中另存为 .docx。") from exc
        raise GongwenError(f"“{path}”不是可读取的 Word 文档（.docx），文件可能已损坏。") from exc


def body_blocks(document: DocxDocument) -> Iterator[tuple[str, object]]:
    """The body in reading order: ("p", paragraph) or ("row", list of cell texts)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    def blocks(parent) -> Iterator[tuple[str, object]]:
        for el in parent:
            if el.tag == f"{W}p":
                yield "p", Paragraph(el, document._body)
            elif el.tag == f"{W}tbl":
                for row in Table(el, document._body).rows:
                    cells = {id(c._tc): c.text.strip() for c in row.cells}  # a merged cell once
                    yield "row", list(cells.values())
            elif el.tag == f"{W}sdt":  # a content control: its paragraphs are part of the text
                yield from blocks(el.iterfind(f"{W}sdtContent/*"))

    yield from blocks(document.element.body)


def docx_paragraphs(document: DocxDocument) -> tuple[list[str], list[int | None]]:
    """Non-empty paragraphs and table rows (cells joined by tabs) with the page each starts
    on, when Word saved its page breaks (None otherwise)."""
    texts, pages = [], []
    rendered = document.element.body.find(f".//{W}lastRenderedPageBreak") is not None
    page = 1
    for kind, block in body_blocks(document):
        text = "\t".join(block) if kind == "row" else block.text
        if kind == "p":
            page, starts = page_of(block._p, page)
        else:
            starts = page
        if text.strip().strip("\t"):
            texts.append(text)
            pages.append(starts if rendered else None)
    return texts, pages


def page_of(p, page: int) -> tuple[int, int]:
    """(the page after this paragraph, the page its text starts on), counting Word's
    rendered page breaks."""
    starts, seen_text = page, False
    for el in p.iter(f"{W}lastRenderedPageBreak", f"{W}t"):
        if el.tag == f"{W}t":
            seen_text = seen_text or bool(el.text)
        else:
            page += 1
            starts = page if not seen_text else starts
    return page, starts


# ------------------------------------------------------------ layout (GB/T 9704)

A4 = (210.0, 297.0)
MARGINS = {"上边距": ("top_margin", 37.0), "下边距": ("bottom_margin", 35.0),
           "左边距": ("left_margin", 28.0), "右边距": ("right_margin", 26.0)}
TOLERANCE_MM = 1.0
BODY_PT = 16.0
LINES_PER_PAGE = 22
#: a font's single line height, in units of its size (CJK fonts in Word: about 1.3)
SINGLE_LINE = 1.3


def is_fangsong(font: str) -> bool:
    return "仿宋" in font or "fangsong" in font.lower()


class Styles:
    """Effective run and paragraph properties: direct formatting, then the character style,
    then the paragraph style (each with its basedOn chain), then the document defaults."""

    def __init__(self, document: DocxDocument) -> None:
        root = document.styles.element
        self.by_id = {s.get(f"{W}styleId"): s for s in root.findall(f"{W}style")}
        self.default_para = next((s.get(f"{W}styleId") for s in root.findall(f"{W}style")
                                  if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true")),
                                 None)
        defaults = root.find(f"{W}docDefaults")
        self.r_default = defaults.find(f"{W}rPrDefault/{W}rPr") if defaults is not None else None
        self.p_default = defaults.find(f"{W}pPrDefault/{W}pPr") if defaults is not None else None
        self.theme = theme_fonts(document)

    def chain(self, style_id: str | None) -> Iterator:
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def _levels(self, p, r, tag: str) -> Iterator:
        """The ``tag`` (rPr or pPr) elements that apply, strongest first."""
        if r is not None:
            yield r.find(f"{W}rPr")
            rstyle = r.find(f"{W}rPr/{W}rStyle")
            for style in self.chain(rstyle.get(f"{W}val") if rstyle is not None else None):
                yield style.find(f"{W}rPr")
        pstyle = p.find(f"{W}pPr/{W}pStyle")
        if tag == "pPr":
            yield p.find(f"{W}pPr")
        for style in self.chain(pstyle.get(f"{W}val") if pstyle is not None else self.default_para):
            yield style.find(f"{W}{tag}")
        yield self.r_default if tag == "rPr" else self.p_default

    def run_font(self, p, r) -> str | None:
        for rpr in self._levels(p, r, "rPr"):
            fonts = rpr.find(f"{W}rFonts") if rpr is not None else None
            if fonts is None:
                continue
            theme = fonts.get(f"{W}eastAsiaTheme")
            if theme:
                return self.theme.get(theme, f"主题字体（{theme}）")
            if fonts.get(f"{W}eastAsia"):
                return fonts.get(f"{W}eastAsia")
        return None

    def run_size(self, p, r) -> float:
        for rpr in self._levels(p, r, "rPr"):
            sz = rpr.find(f"{W}sz") if rpr is not None else None
            if sz is not None and sz.get(f"{W}val"):
                return int(sz.get(f"{W}val")) / 2
        return 10.0  # the size Word uses when nothing says otherwise

    def para_value(self, p, tag: str, attr: str, present: str | None = None) -> str | None:
        """A paragraph property's attribute; ``present``: the value of an element without it
        (an on/off property such as ``<w:snapToGrid/>``)."""
        for ppr in self._levels(p, None, "pPr"):
            el = ppr.find(f"{W}{tag}") if ppr is not None else None
            if el is not None and (el.get(f"{W}{attr}") is not None or present is not None):
                return el.get(f"{W}{attr}", present)
        return None


def theme_fonts(document: DocxDocument) -> dict[str, str]:
    """minorEastAsia / majorEastAsia → the theme's East Asian (simplified Chinese) font."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        theme = etree.fromstring(document.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for kind in ("minor", "major"):
        font = theme.find(f".//{A}{kind}Font")
        if font is None:
            continue
        ea = font.find(f"{A}ea")
        hans = font.find(f"{A}font[@script='Hans']")
        name = (ea.get("typeface") if ea is not None else "") or (hans.get("typeface") if hans is not None else "")
        if name:
            out[f"{kind}EastAsia"] = name
    return out


def body_paragraphs(document: DocxDocument, styles: Styles) -> list:
    """Paragraphs set in the body font: not in tables, not centred (titles), not level-1 or
    level-2 headings (黑体, 楷体), not "附件" labels."""
    out = []
    for p in document.paragraphs:
        text = p.text.strip()
        if not text or APPENDIX_LABEL.match(text) or styles.para_value(p._p, "jc", "val") == "center":
            continue
        m = NUMBER.match(text)
        if m and m.lastgroup in ("l1", "l2"):
            continue
        out.append(p)
    return out


def dominant(weights: Counter):
    return weights.most_common(1)[0][0] if weights else None


def page_setup(section, where: str = "") -> list[str]:
    """Paper size and margins of one section, against A4 and GB/T 9704 (±1 mm)."""
    found = []
    size = (section.page_width, section.page_height)
    if None in size:
        found.append(f"{where}未设置纸张大小（应为 A4：210×297 毫米）")
    elif not any(abs(size[0].mm - w) <= TOLERANCE_MM and abs(size[1].mm - h) <= TOLERANCE_MM
                 for w, h in (A4, A4[::-1])):  # A4 upright, or turned for a wide table (GB/T 9704 10)
        found.append(f"{where}纸张为 {size[0].mm:.0f}×{size[1].mm:.0f} 毫米（应为 A4：210×297 毫米）")
    for name, (attr, want) in MARGINS.items():
        value = abs(getattr(section, attr).mm) if getattr(section, attr) is not None else 0.0
        if abs(value - want) > TOLERANCE_MM:
            found.append(f"{where}{name} {value:.1f} 毫米（应为 {want:.0f} 毫米，允许 ±1 毫米）")
    return found


def body_format(document: DocxDocument, section, page_ok: bool) -> list[str]:
    """The body text's font and size (the ones most of its characters have) and the lines a
    page holds at its line spacing."""
    styles = Styles(document)
    fonts, sizes, spacing = Counter(), Counter(), Counter()
    paragraphs = body_paragraphs(document, styles)
    for p in paragraphs:
        for r in p._p.iter(f"{W}r"):
            text = "".join(t.text or "" for t in r.iter(f"{W}t"))
            cjk = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
            if cjk:
                fonts[styles.run_font(p._p, r) or ""] += cjk
            if text.strip():
                sizes[styles.run_size(p._p, r)] += len(text)
        spacing[(styles.para_value(p._p, "spacing", "lineRule") or "auto",
                 styles.para_value(p._p, "spacing", "line"),
                 styles.para_value(p._p, "snapToGrid", "val", "1") not in ("0", "false", "off"))] += len(p.text)
    if not paragraphs:
        return []
    found = []
    font, size = dominant(fonts), dominant(sizes)
    if font == "":
        found.append("正文没有指定中文字体（应为仿宋_GB2312 或仿宋）")
    elif font and not is_fangsong(font):
        found.append(f"正文字体为“{font}”（应为仿宋_GB2312 或仿宋）")
    if size and abs(size - BODY_PT) > 0.25:
        found.append(f"正文字号为 {size:g} 磅（应为三号，16 磅）")
    return found + lines_per_page(section, dominant(spacing), size or BODY_PT, page_ok)


def lines_per_page(section, spacing: tuple[str, str | None, bool], size_pt: float, margins_ok: bool) -> list[str]:
    """22 lines a page: an exact line height that fits 22 lines in the text block (28.95 pt
    in 225 mm), or single spacing snapped to a document grid whose pitch does.  The text block
    is this section's when its page and margins are right, else GB/T 9704's (a wrong margin
    is a finding of its own, not a second one about lines)."""
    from docx.shared import Mm

    height = (section.page_height.twips - abs(section.top_margin.twips) - abs(section.bottom_margin.twips)
              if margins_ok else Mm(A4[1] - MARGINS["上边距"][1] - MARGINS["下边距"][1]).twips)
    rule, line, snaps = spacing
    line_tw = int(line) if line and line.lstrip("-").isdigit() else 240
    natural = size_pt * 20 * SINGLE_LINE
    grid = section._sectPr.find(f"{W}docGrid")
    pitch = int(grid.get(f"{W}linePitch") or 0) if grid is not None else 0
    gridded = snaps and grid is not None and grid.get(f"{W}type") in ("lines", "linesAndChars", "snapToChars") and pitch
    if rule == "exact":
        how, step = f"正文行距固定值 {line_tw / 20:g} 磅", line_tw
    elif rule == "atLeast":
        how, step = f"正文行距最小值 {line_tw / 20:g} 磅", max(line_tw, natural)
    elif gridded:
        cells = max(1, math.ceil(line_tw / 240 * natural / pitch - 1e-9))
        how, step = f"文档网格行距 {pitch / 20:g} 磅", cells * pitch
    else:
        times = "单倍" if line_tw == 240 else f"{line_tw / 240:g} 倍"
        return [f"每页行数不固定：正文为{times}行距且未设文档网格"
                "（应为每页 22 行：行距固定值 28.95 磅，或文档网格每页 22 行）"]
    lines = int(height // step)
    if lines != LINES_PER_PAGE:
        return [f"每页 {lines} 行（{how}；应为每页 22 行，行距 28.95 磅）"]
    return []


def layout_findings(document: DocxDocument) -> list[Finding]:
    """Page size, margins, the body text's font and size, and the lines a page holds, each
    deviation once with what was found and what GB/T 9704 asks for."""
    sections = list(document.sections)
    if not sections:
        return []
    page = [m for i, section in enumerate(sections, 1)
            for m in page_setup(section, f"第{i}节" if len(sections) > 1 else "")]
    body = body_format(document, sections[0], page_ok=not page)
    return [Finding(0, "layout", message) for message in dict.fromkeys(page + body)]


