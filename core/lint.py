"""``gongwen lint``: what a reviewing leader would circle in a 公文, for any DOCX.

Two kinds of checks, both pure functions returning :class:`Finding` lists:

* :func:`text_findings` reads the paragraphs as strings (headings included, table rows as
  tab-joined cells: what ``gongwen.model.document_text(doc).splitlines()`` gives) and finds
  repeated sentences and clauses, broken punctuation, a doubled "前", leftover placeholders,
  numbering gaps, a 成文日期 without a year, headings without content and sentences that end
  in a dangling word;
* :func:`layout_findings` reads the page setup and the body text's font, size and line
  spacing from the DOCX and compares them with GB/T 9704-2012.

:func:`lint_docx` does both for a file.  A DOCX has no pages: a finding names the paragraph
("第N段", counting non-empty paragraphs and table rows) and the heading it falls under, and
the page only when Word saved its page breaks (``w:lastRenderedPageBreak``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GongwenError
from .model import heading_number

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


@dataclass(frozen=True)
class Finding:
    """One thing to correct: ``para`` is 1-based (0: the whole document's layout), ``check``
    a short English name of the rule, ``message`` the Chinese text a user reads."""

    para: int
    check: str
    message: str
    heading: str = ""
    page: int | None = None

    def location(self) -> str:
        if not self.para:
            return "版式"
        where = f"第{self.page}页 第{self.para}段" if self.page else f"第{self.para}段"
        return f"{where}（“{self.heading}”下）" if self.heading else where

    def __str__(self) -> str:
        return f"{self.location()}：{self.message}"


def report(findings: list[Finding]) -> list[str]:
    """The lines ``gongwen lint`` prints: one a finding, then a count."""
    return [str(f) for f in findings] + [f"共 {len(findings)} 处问题。" if findings else "未发现问题。"]


# ------------------------------------------------------------ reading the paragraphs

CN_NUM = "〇一二三四五六七八九十百零"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: GB/T 9704 heading numbers by level (一、 （一） 1. （1） ①), with the spellings writers use.
NUMBER = re.compile(
    rf"^(?:(?P<l1>[{CN_NUM}]+)、|[（(](?P<l2>[{CN_NUM}]+)[）)]|(?P<l3>\d+)[.．、](?!\d)"
    rf"|[（(](?P<l4>\d+)[）)]|(?P<l5>[{CIRCLED}]))"
)
APPENDIX_LABEL = re.compile(r"^附件[\d一二三四五六七八九十]*$")
ATTACHMENTS = re.compile(r"^附件[：:]")
SENTENCE_END = "。！？"


def cn_int(s: str) -> int:
    """一 → 1, 十四 → 14, 二十 → 20, 一百零五 → 105."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total, current = 0, 0
    for c in s:
        if c == "百":
            total, current = total + max(current, 1) * 100, 0
        elif c == "十":
            total, current = total + max(current, 1) * 10, 0
        else:
            current = digits[c]
    return total + current


@dataclass
class Line:
    """A paragraph as the checks see it: its number (``n``, 1-based), text, and when it
    starts with a heading number, its level (1-5), the number's value and the rest."""

    n: int
    text: str
    level: int = 0
    value: int = 0
    mark: str = ""
    title: str = ""
    table: bool = False

    @property
    def heading(self) -> bool:
        return 1 <= self.level <= 4

    def label(self) -> str:
        """The heading as a location names it: number and title up to its first stop."""
        head = re.split(r"[。：:；]", self.title, maxsplit=1)[0]
        short = head if len(head) <= 16 else head[:15] + "…"
        return self.mark + short


def parse(paragraphs: list[str]) -> list[Line]:
    """The paragraphs as :class:`Line` s, heading numbers read (not in table rows, nor in the
    list of names under "附件：")."""
    lines, in_attachments = [], False
    for n, raw in enumerate(paragraphs, 1):
        text = raw.strip()
        line = Line(n, text, table="\t" in text)
        # the names listed under "附件：" are numbered 1. 2. like headings, but are not
        in_attachments = bool(ATTACHMENTS.match(text) or (in_attachments and re.match(r"^\d+[.．]", text)))
        m = NUMBER.match(text)
        if m and not line.table and not in_attachments:
            level = int(m.lastgroup[1])
            digits = m.group(m.lastgroup)
            line.level, line.mark, line.title = level, m.group(), text[m.end():]
            line.value = (CIRCLED.index(digits) + 1 if level == 5 else int(digits) if digits.isdecimal()
                          else cn_int(digits))
        lines.append(line)
    return lines


def sentences(line: Line) -> list[str]:
    """The sentences of a paragraph's prose (a heading's own title left out), each with its
    closing mark; the last one may have none."""
    if line.table:
        return []
    text = line.text
    if line.heading:
        stop = re.search(r"[。：:]", line.title)
        text = line.title[stop.end():] if stop else ""
    return [s for s in re.findall(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}]?", text) if s.strip()]


def context(text: str, start: int, end: int, width: int = 8) -> str:
    before = ("…" if start > width else "") + text[max(0, start - width):start]
    after = text[end:end + width] + ("…" if end + width < len(text) else "")
    return f"“{before}{text[start:end]}{after}”"


# ------------------------------------------------------------ text checks


def duplicate_sentences(lines: list[Line]) -> Iterator[Finding]:
    """The same sentence (10 characters or more, ending in 。！？) twice in the document."""
    seen: dict[str, int] = {}
    for line in lines:
        for s in sentences(line):
            key = re.sub(r"\s+", "", s)
            if key[-1] not in SENTENCE_END or len(key) < 11:
                continue
            if key in seen and seen[key] != line.n:
                yield Finding(line.n, "duplicate", f"句子与第{seen[key]}段重复：“{shorten(key)}”")
            elif key in seen:
                yield Finding(line.n, "duplicate", f"同一段中句子重复：“{shorten(key)}”")
            seen.setdefault(key, line.n)


def shorten(s: str, width: int = 30) -> str:
    return s if len(s) <= width else s[:width - 1] + "…"


#: Phrases that open a clause and should not open the next one: "根据…，根据…".
LEADS = ("根据", "按照", "依据", "依照", "遵照", "为了")
#: Facts said once: "会议由…主持" twice in a row is one sentence too many.
FRAMES = {"主持": re.compile(r"由[^，。；：、]{1,20}?主持|主持(?:会议|本次会议)")}


def clause_lead(clause: str) -> str:
    clause = re.sub(r"^(?:现|并|同时|特|再)", "", clause.strip())
    return next((w for w in LEADS if clause.startswith(w)), "")


def repeated_clauses(lines: list[Line]) -> Iterator[Finding]:
    """A lead phrase (根据、按照…) opening two clauses of one sentence or two sentences in a
    row; a fact such as "会议由…主持" stated in two sentences in a row."""
    previous: tuple[str, set[str]] | None = None  # the last sentence's lead and frames
    for line in lines:
        if line.heading or line.table or not line.text:
            previous = None
        for s in sentences(line):
            clauses = re.split(r"[，；：,;]", s)
            leads = [clause_lead(c) for c in clauses]
            frames = {name for name, rx in FRAMES.items() if rx.search(s)}
            twice = next((w for w, k in Counter(filter(None, leads)).items() if k > 1), "")
            if twice:
                yield Finding(line.n, "repeat", f"一句中两次以“{twice}”开头：“{shorten(s)}”")
            elif previous and leads[0] and leads[0] == previous[0]:
                yield Finding(line.n, "repeat", f"连续两句都以“{leads[0]}”开头：“{shorten(s)}”")
            for name in frames & (previous[1] if previous else set()):
                yield Finding(line.n, "repeat", f"与上一句重复交代“{name}”：“{shorten(s)}”")
            previous = (leads[0], frames)


PUNCT = "，。；：、！？,;:"
COLLIDING = re.compile(rf"[，。；：、！？][{PUNCT}]|[,;:][，。；：、！？]")
EMPTY_PAIR = re.compile(r"《\s*》|“\s*”|‘\s*’|（\s*）|\(\s*\)|【\s*】|\[\s*\]")
PAIRS = (("“", "”", "引号"), ("《", "》", "书名号"), ("（(", "）)", "括号"))
#: a field's label: "责任领导：…" (not a lead-in such as "通报如下：")
FIELD = re.compile(r"^(?![^：:]*[如以]下[：:])[^，。；：:、\s]{1,8}[：:]")


def broken_punctuation(lines: list[Line]) -> Iterator[Finding]:
    """Colliding or doubled marks (：。 ，。 。。 、、), empty brackets or quotes, quotes and
    brackets that do not pair, and a heading or field ending in "：" with nothing after."""
    for i, line in enumerate(lines):
        text = line.text
        for rx, what in ((COLLIDING, "标点连用"), (EMPTY_PAIR, "空的括号或引号")):
            m = rx.search(text)
            if m:
                yield Finding(line.n, "punctuation", f"{what}“{m.group()}”：{context(text, m.start(), m.end())}")
        for opening, closing, name in PAIRS:
            at = unpaired(text, opening, closing)
            if at is not None:
                yield Finding(line.n, "punctuation", f"{name}不配对：{context(text, at, at + 1)}")
        if text.endswith(("：", ":")) and empty_after(line, lines[i + 1:]):
            yield Finding(line.n, "punctuation", f"“{shorten(text, 24)}”冒号后没有内容")


def unpaired(text: str, opening: str, closing: str) -> int | None:
    """Where a pair breaks: a closing mark with no opening one, or the last opening left open."""
    stack = []
    for i, c in enumerate(text):
        if c in opening:
            stack.append(i)
        elif c in closing:
            if not stack:
                return i
            stack.pop()
    return stack[-1] if stack else None


def empty_after(line: Line, rest: list[Line]) -> bool:
    """Whether what follows a line ending in "：" leaves it empty: the end, a heading at its level
    or above (after a heading), another field or a 一、 heading (after a short "label：" field)."""
    nxt = next((x for x in rest if x.text), None)
    if nxt is None or APPENDIX_LABEL.match(nxt.text):
        return True
    if line.heading:
        return nxt.heading and nxt.level <= line.level
    return bool(FIELD.match(line.text)) and (nxt.level == 1 or bool(FIELD.match(nxt.text)))


DOUBLE_QIAN = re.compile(r"前前(?![后往任进])")


def first_match(lines: list[Line], rx: re.Pattern, check: str, what: str) -> Iterator[Finding]:
    """A finding for each paragraph where ``rx`` matches, showing the first match."""
    for line in lines:
        m = rx.search(line.text)
        if m:
            yield Finding(line.n, check, f"{what}：{context(line.text, m.start(), m.end())}")


def doubled_qian(lines: list[Line]) -> Iterator[Finding]:
    """"前前" ("2月初前前", "月底前前完成"), not "前前后后"、"前前往"."""
    return first_match(lines, DOUBLE_QIAN, "qian", "“前”字重复")


PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[Xx]+(?![A-Za-z光])|×{2,}|(?<!\d)×(?!\d)|某某|□{2,}|\{\{|\}\}|\{%|%\}"
    r"|此处(?:输入|填写)|请(?:在此)?填写"
)


def placeholders(lines: list[Line]) -> Iterator[Finding]:
    """XX, xx, X, ××, 某某, □□, {{ }}, {% %}, "此处输入文字", or a paragraph of only "……"."""
    for line in lines:
        found = list(dict.fromkeys(m.group() for m in PLACEHOLDER.finditer(line.text)))
        if re.fullmatch(r"[.…。\s]*…[.…。\s]*", line.title if line.level else line.text):
            found.append("……")
        if found:
            marks = "".join(f"“{x}”" for x in found)
            yield Finding(line.n, "placeholder", f"未替换的占位符{marks}：“{shorten(line.text, 24)}”")


def numbering(lines: list[Line]) -> Iterator[Finding]:
    """Numbers at each level go 1, 2, 3 under one parent (the nearest heading of a higher
    level); under a new parent they restart at 1 or go on from the last one (problems 1…14
    across five aspects).  A ① list may restart anywhere.  "附件" starts afresh."""
    last: dict[int, tuple[int, int]] = {}  # level -> (value, parent line)
    recent: dict[int, int] = {}  # level -> line of its latest heading
    for line in lines:
        if APPENDIX_LABEL.match(line.text):
            last, recent = {}, {}
        if not line.level:
            continue
        level, value = line.level, line.value
        parent = max((n for lv, n in recent.items() if lv < level), default=0)
        prev = last.get(level)
        same_parent = prev is not None and prev[1] == parent
        allowed = {prev[0] + 1} if same_parent else {1} | ({prev[0] + 1} if prev else set())
        if level == 5:
            allowed.add(1)
        if value not in allowed:
            yield Finding(line.n, "numbering", numbering_message(line, prev, same_parent, allowed))
        last[level], recent[level] = (value, parent), line.n


def numbering_message(line: Line, prev: tuple[int, int] | None, same_parent: bool, allowed: set[int]) -> str:
    mark = line.mark
    want = "或".join(f"“{heading_number(line.level, v)}”" for v in sorted(allowed))
    if not same_parent:
        return f"序号“{mark}”应为{want}"
    before = heading_number(line.level, prev[0])
    if line.value == 1:
        return f"序号重新从“{mark}”开始（上一个同级序号是“{before}”，应为{want}）"
    if line.value == prev[0]:
        return f"序号“{mark}”与上一个同级序号重复（应为{want}）"
    what = "跳号" if line.value > prev[0] else "倒退"
    return f"序号{what}：“{before}”之后是“{mark}”（应为{want}）"


DATE_LINE = re.compile(
    r"^(?:(?P<year>[\dXx×]+|[〇零一二三四五六七八九○]+)年)?"
    r"(?:[\dXx×]{1,2}|[一二三四五六七八九十]{1,3})月(?:[\dXx×]{1,2}|[一二三四五六七八九十]{1,3})日$"
)


def date_without_year(lines: list[Line]) -> Iterator[Finding]:
    """The 成文日期 without a full year: a date alone on its line, under a 落款 (a short line
    that is neither a heading nor a sentence) or closing the text."""
    texts = [x for x in lines if x.text and not x.table]
    for i, line in enumerate(texts):
        m = DATE_LINE.match(re.sub(r"\s+", "", line.text))
        if not m:
            continue
        before = texts[i - 1] if i else None
        after = texts[i + 1] if i + 1 < len(texts) else None
        signed = before is not None and not before.level and len(before.text) <= 30 and not re.search(
            r"[。，；：:！？]", before.text)
        if not (signed or after is None or APPENDIX_LABEL.match(after.text)):
            continue
        year = m.group("year")
        if not year:
            yield Finding(line.n, "date", f"成文日期“{line.text}”没有年份")
        elif year.isdigit() and len(year) != 4:
            yield Finding(line.n, "date", f"成文日期“{line.text}”的年份不完整")


def empty_headings(lines: list[Line]) -> Iterator[Finding]:
    """A heading that is only a number, or a heading (a title only, no prose on its line)
    followed at once by a heading of its level or above, or by nothing."""
    texts = [x for x in lines if x.text]
    for i, line in enumerate(texts):
        if not line.heading:
            continue
        if not re.sub(r"[\s。．.，,：:；;、]", "", line.title):
            yield Finding(line.n, "heading", f"标题“{line.mark}”只有序号，没有文字")
            continue
        if re.search(r"[。；！？：:]", line.title.rstrip("：:")):
            continue  # the heading runs into its paragraph, or is a sentence of a list
        nxt = texts[i + 1] if i + 1 < len(texts) else None
        if nxt is None or APPENDIX_LABEL.match(nxt.text) or (nxt.heading and nxt.level <= line.level):
            yield Finding(line.n, "heading", f"标题“{line.label()}”下没有内容")


#: Words a sentence cannot end on: "切实做到。"; "一是；" (an enumeration item left empty).
DANGLING = re.compile(
    r"(?:(?<!说到)做到|确保|按照|围绕|针对|以及|及其|包括|例如|为了|以便|关于|进一步|切实)[。；！？]"
    r"|(?<![统唯第之其])[一二三四五六七八九十]是[；。]|[①-⑳][；。]"
)


def dangling_words(lines: list[Line]) -> Iterator[Finding]:
    return first_match(lines, DANGLING, "dangling", "句子没有说完")


TEXT_CHECKS = (duplicate_sentences, repeated_clauses, broken_punctuation, doubled_qian, placeholders,
               numbering, date_without_year, empty_headings, dangling_words)


def text_findings(paragraphs: list[str]) -> list[Finding]:
    """Every text finding, in reading order, each with the heading its paragraph falls under."""
    lines = parse(paragraphs)
    under, open_headings = {}, {}  # level -> label of the latest heading at that level
    for line in lines:
        if APPENDIX_LABEL.match(line.text):
            open_headings = {0: line.text}
        above = [lv for lv in open_headings if not line.heading or lv < line.level]
        under[line.n] = open_headings[max(above)] if above else ""
        if line.heading:
            open_headings = {lv: h for lv, h in open_headings.items() if lv < line.level} | {line.level: line.label()}
    found = [f for check in TEXT_CHECKS for f in check(lines)]
    found.sort(key=lambda f: f.para)  # stable: within a paragraph, in the order of TEXT_CHECKS
    return [Finding(f.para, f.check, f.message, under.get(f.para, "")) for f in found]


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
    elif abs(size[0].mm - A4[0]) > TOLERANCE_MM or abs(size[1].mm - A4[1]) > TOLERANCE_MM:
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


def lint_docx(path: Path) -> list[Finding]:
    """Text findings (with pages when Word saved them), then layout findings."""
    document = read_docx(path)
    paragraphs, pages = docx_paragraphs(document)
    text = [Finding(f.para, f.check, f.message, f.heading, pages[f.para - 1]) for f in text_findings(paragraphs)]
    return text + layout_findings(document)
