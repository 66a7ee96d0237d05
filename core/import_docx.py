"""A DOCX (Word, WPS, LibreOffice) read into :class:`~gongwen.import_read.Line`s.

Paragraphs and tables in reading order (content controls opened, text boxes read before the
paragraph they sit in, deleted text left out); Word's automatic numbering written out as the
number it shows; a paragraph's style telling its role (title, heading level, 落款…); the
leading run group kept as the line's ``lead`` when the paragraph's runs are formatted in more
than one way (a bold "（一）标题。" before the text).
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import GongwenError
from .import_read import NUMBERED, SENTENCE_END, SPACE, Line, clean, join_broken
from .model import CIRCLED, cn_number

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: Style names (English, Chinese, ours) and the role they give a paragraph.
_ROLES = {
    "title": "title", "标题": "title", "gw title": "title",
    "subtitle": "subtitle", "副标题": "subtitle", "gw subtitle": "subtitle",
    "gw recipient": "recipient", "gw signature": "signature", "gw date": "date",
    "gw attachments": "attachments", "gw appendix label": "appendix_label", "gw appendix title": "appendix_title",
}
_HEADING_STYLE = re.compile(r"^(?:gw heading|heading|标题)\s*([1-5])$")


def read_docx(data: bytes, path: Path) -> list[Line]:
    import io

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - a damaged or protected file: one message for every cause
        raise GongwenError(f"无法打开“{path}”：不是有效的 Word 文档（可能已损坏或加密）。"
                           "请用 Word/WPS 打开后另存为 .docx 再导入。") from None
    numbering = Numbering(document)
    styles = _StyleInfo(document)
    out: list[Line] = []
    for el in _body_elements(document.element.body):
        try:
            if el.tag == _W + "tbl":
                rows = _table_rows(el)
                if any(any(c for c in r) for r in rows):
                    out.append(Line("", rows=rows))
                continue
            out.extend(_paragraph_lines(el, numbering, styles))
        except (ValueError, TypeError, KeyError, AttributeError):  # markup we do not expect: keep the words
            text = clean("".join(t.text or "" for t in el.iter(_W + "t")))
            if text:
                out.append(Line(text))
    return join_broken(out)


def _body_elements(body):
    """Paragraphs and tables of the body in order (content controls opened)."""
    for el in body:
        if el.tag in (_W + "p", _W + "tbl"):
            yield el
        elif el.tag == _W + "sdt":
            content = el.find(_W + "sdtContent")
            if content is not None:
                yield from _body_elements(content)


def _table_rows(tbl) -> list[list[str]]:
    """The cells' texts row by row on the table's grid: a cell merged across columns
    (``gridSpan``) holds its text in the first and leaves the others empty; one merged down
    (``vMerge``) repeats its text in every row it covers (the 责任单位 of two problems is both
    problems' unit).  A header of two rows whose first merges columns ("整改情况" over "进展",
    "是否完成") becomes one row: "整改情况（进展）", "整改情况（是否完成）"."""
    rows: list[list[str]] = []
    merged_across = False  # the first row has a cell merged across columns
    for tr in tbl.findall(_W + "tr"):
        cells: list[str] = []
        for tc in tr.findall(_W + "tc"):
            pr = tc.find(_W + "tcPr")
            span = pr.find(_W + "gridSpan") if pr is not None else None
            merge = pr.find(_W + "vMerge") if pr is not None else None
            texts = [clean(_runs_text(p)[0]).replace("\n", "") for p in tc.iter(_W + "p")]
            text = "\n".join(t for t in texts if t)
            if merge is not None and merge.get(_W + "val", "continue") == "continue" and rows \
                    and len(cells) < len(rows[-1]):
                text = rows[-1][len(cells)]
            width = int(span.get(_W + "val", "1")) if span is not None else 1
            merged_across |= not rows and width > 1
            cells += [text] + [""] * (width - 1)
        rows.append(cells)
    if merged_across and len(rows) > 1 and sum(1 for c in rows[0] if c) > 1:  # not a title across the table
        rows[:2] = [_joined_header(rows[0], rows[1])]
    return rows


def _joined_header(top: list[str], under: list[str]) -> list[str]:
    """Two header rows as one: a column under a merged heading is named "heading（its own）"."""
    out, parent = [], ""
    for i, name in enumerate(under):
        head = top[i] if i < len(top) else ""
        parent = head or parent
        if name == head or not name:  # merged down through both rows
            out.append(head)
        else:
            out.append(f"{parent}（{name}）")
    return out


def _on(el) -> bool | None:
    """A w:b-like toggle: None when absent."""
    if el is None:
        return None
    return el.get(_W + "val", "true") not in ("0", "false", "off", "none")


def _run_format(r, styles: _StyleInfo, para_bold: bool) -> tuple:
    """What makes a run look different: bold, font, size, colour, character style."""
    rpr = r.find(_W + "rPr")
    if rpr is None:
        return (para_bold, None, None, None, None)
    style = rpr.find(_W + "rStyle")
    style_id = style.get(_W + "val") if style is not None else None
    bold = _on(rpr.find(_W + "b"))
    if bold is None:
        bold = styles.char_bold(style_id) if style_id else None
    fonts = rpr.find(_W + "rFonts")
    size = rpr.find(_W + "sz")
    color = rpr.find(_W + "color")
    return (para_bold if bold is None else bold,
            fonts.get(_W + "eastAsia") if fonts is not None else None,
            size.get(_W + "val") if size is not None else None,
            color.get(_W + "val") if color is not None else None,
            style_id)


_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Runs under these are not the paragraph's text: deleted, moved away, in a text box (read
#: apart), or Word's fallback copy of a drawing.
_SKIPPED = (_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback")


def _ancestors(el, stop):
    for a in el.iterancestors():
        if a is stop:
            return
        yield a


def _runs_text(p, styles: _StyleInfo | None = None, para_bold: bool = False) -> tuple[str, str]:
    """The paragraph's text (soft breaks as "\\n") and the text of its leading run group when
    the paragraph's runs are formatted in more than one way."""
    parts: list[str] = []
    groups: list[tuple[tuple, int]] = []  # (format, length of text before the group)
    length = 0
    for r in p.iter(_W + "r"):
        if any(a.tag in _SKIPPED for a in _ancestors(r, p)):
            continue
        text = []
        for child in r:
            tag = child.tag
            if tag == _W + "t":
                text.append(child.text or "")
            elif tag == _W + "tab" or tag == _W + "ptab":
                text.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                if child.get(_W + "type") not in ("page", "column"):
                    text.append("\n")
            elif tag == _W + "noBreakHyphen":
                text.append("-")
        chunk = "".join(text)
        if not chunk:
            continue
        if styles is not None and chunk.strip(SPACE):
            fmt = _run_format(r, styles, para_bold)
            if not groups or groups[-1][0] != fmt:
                groups.append((fmt, length))
        parts.append(chunk)
        length += len(chunk)
    whole = "".join(parts)
    if len(groups) > 2 and NUMBERED.fullmatch(whole[: groups[1][1]].strip(SPACE)):
        groups = groups[1:]  # a number typed in a run of its own: the lead is the title after it
    lead = whole[: groups[1][1]] if len(groups) > 1 else ""
    if len(groups) == 1 and groups[0][0][0] and not para_bold:  # the whole paragraph in bold
        lead = whole
    return whole, lead


class _StyleInfo:
    """Paragraph style names, their bold, heading level and numbering, read once."""

    def __init__(self, document) -> None:
        self.names: dict[str, str] = {}
        self.bold: dict[str, bool | None] = {}
        self.num: dict[str, tuple[str, int]] = {}
        self.outline: dict[str, int] = {}
        self.based: dict[str, str] = {}
        styles = document.styles.element
        for s in styles.findall(_W + "style"):
            sid = s.get(_W + "styleId")
            name = s.find(_W + "name")
            self.names[sid] = (name.get(_W + "val") if name is not None else sid) or ""
            based = s.find(_W + "basedOn")
            if based is not None:
                self.based[sid] = based.get(_W + "val")
            rpr = s.find(_W + "rPr")
            self.bold[sid] = _on(rpr.find(_W + "b")) if rpr is not None else None
            ppr = s.find(_W + "pPr")
            if ppr is not None:
                num = ppr.find(_W + "numPr")
                if num is not None:
                    nid = num.find(_W + "numId")
                    lvl = num.find(_W + "ilvl")
                    if nid is not None:
                        self.num[sid] = (nid.get(_W + "val"), int(lvl.get(_W + "val")) if lvl is not None else 0)
                ol = ppr.find(_W + "outlineLvl")
                if ol is not None:
                    self.outline[sid] = int(ol.get(_W + "val"))

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based.get(sid)

    def para_bold(self, sid: str | None) -> bool:
        return next((b for s in self._chain(sid) if (b := self.bold.get(s)) is not None), False)

    def char_bold(self, sid: str | None) -> bool | None:
        return next((b for s in self._chain(sid) if (b := self.bold.get(s)) is not None), None)

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        return next((self.num[s] for s in self._chain(sid) if s in self.num), None)

    def role(self, sid: str | None) -> str:
        name = self.names.get(sid or "", "").strip().lower()
        if name in _ROLES:
            return _ROLES[name]
        m = _HEADING_STYLE.match(name)
        if m:
            return f"heading{m.group(1)}"
        level = next((self.outline[s] for s in self._chain(sid) if s in self.outline), None)
        return f"heading{level + 1}" if level is not None and level < 5 else ""


def _paragraph_lines(p, numbering: Numbering, styles: _StyleInfo) -> list[Line]:
    boxes = []  # text boxes anchored in the paragraph come before it (a 红头, a note)
    for box in p.iter(_W + "txbxContent"):
        if not any(a.tag == _MC + "Fallback" for a in _ancestors(box, p)):
            for inner in box.findall(_W + "p"):
                boxes += _paragraph_lines(inner, numbering, styles)
    return boxes + _own_lines(p, numbering, styles)


def _own_lines(p, numbering: Numbering, styles: _StyleInfo) -> list[Line]:
    ppr = p.find(_W + "pPr")
    sid = None
    num = None
    if ppr is not None:
        ps = ppr.find(_W + "pStyle")
        sid = ps.get(_W + "val") if ps is not None else None
        numpr = ppr.find(_W + "numPr")
        if numpr is not None:
            nid = numpr.find(_W + "numId")
            lvl = numpr.find(_W + "ilvl")
            if nid is not None:
                num = (nid.get(_W + "val"), int(lvl.get(_W + "val")) if lvl is not None else None)
    if num is None or num[1] is None:
        inherited = styles.numbering(sid)
        if num is None:
            num = inherited
        elif inherited is not None:
            num = (num[0], inherited[1])
        else:
            num = (num[0], 0)
    text, lead = _runs_text(p, styles, styles.para_bold(sid))
    role = styles.role(sid)
    if not text.strip(SPACE + "\n"):
        return []
    label = numbering.label(*num) if num is not None and num[0] != "0" else ""
    if label:
        text = label + text.lstrip(SPACE)
        lead = label + lead.lstrip(SPACE) if lead else ""
    if role in ("signature", "attachments") or "\n" not in text.strip():
        return [Line(clean(text).replace("\n\t", "\n"), clean(lead), role)]
    return _split_soft_breaks(text, lead, role)


def _split_soft_breaks(text: str, lead: str, role: str) -> list[Line]:
    """A soft line break ends the paragraph after a sentence or before a numbered line;
    elsewhere (a line wrapped by hand) the pieces are joined."""
    pieces = [clean(x) for x in text.split("\n")]
    pieces = [x for x in pieces if x]
    merged: list[str] = []
    for piece in pieces:
        if merged and not (merged[-1][-1:] in SENTENCE_END or NUMBERED.match(piece)):
            merged[-1] += piece
        else:
            merged.append(piece)
    lead = clean(lead)
    out = []
    for i, m in enumerate(merged):
        out.append(Line(m, lead if i == 0 and lead and m.startswith(lead) else "", role if i == 0 else ""))
    return out


# ---------------------------------------------------------------- automatic numbering

def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """The counter ``n`` in a Word number format (``w:numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital", "chineseLegalSimplified"):
        return cn_number(n) if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).lower() if fmt == "lowerRoman" else _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Word's automatic numbering: the number each numbered paragraph shows, counted in
    reading order per list (``w:abstractNum``), restarting where a ``w:num`` says so."""

    def __init__(self, document) -> None:
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for a in root.findall(_W + "abstractNum"):
            levels = {}
            for lvl in a.findall(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                start = lvl.find(_W + "start")
                levels[ilvl] = (fmt.get(_W + "val") if fmt is not None else "decimal",
                                text.get(_W + "val") if text is not None else "",
                                int(start.get(_W + "val")) if start is not None else 1)
            self.abstract[a.get(_W + "abstractNumId")] = levels
        for n in root.findall(_W + "num"):
            aid = n.find(_W + "abstractNumId")
            overrides = {}
            for o in n.findall(_W + "lvlOverride"):
                so = o.find(_W + "startOverride")
                if so is not None:
                    overrides[int(o.get(_W + "ilvl", "0"))] = int(so.get(_W + "val"))
            if aid is not None:
                self.nums[n.get(_W + "numId")] = (aid.get(_W + "val"), overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The text Word shows before the paragraph (the counter advances)."""
        if num_id not in self.nums:
            return ""
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started and overrides:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""

        def repl(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl_fmt, _, lvl_start = levels.get(k, ("decimal", "", 1))
            return format_number(counters.get(k, lvl_start), lvl_fmt)

        return re.sub(r"%([1-9])", repl, text)
