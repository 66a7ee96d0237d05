"""A stream of source lines parsed into the parts of a 公文: title, 主送, preamble, the tree of
numbered headings with their paragraphs and tables, 附件说明, 落款, 成文日期 and appendices.

Heading levels come from the form of the number, as GB/T 9704 orders them: ``一、`` 1,
``（一）`` 2, ``1.`` 3, ``（1）`` 4 (half-width brackets and dots too).  ``①`` lines are list
items, not headings.  A heading that runs into its paragraph ("（一）标题。正文") ends at the
end of its bold run, else at its first full stop (or at a short label's "：", "时间：……").
Paragraphs "一是……。" "二是……。" in a row under a heading are run-in sub-headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .import_read import Line
from .model import CIRCLED, cn_number

CN_DIGITS = "零〇一二三四五六七八九十百两"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

#: (level, pattern) of the typed heading numbers; group 1 is the number.
NUMBERS = (
    (1, re.compile(r"^([一二三四五六七八九十百零〇]+)\s*[、.．]")),
    (2, re.compile(r"^[（(]\s*([一二三四五六七八九十百零〇]+)\s*[）)]\s*[、.．]?")),
    # not "1、2月份" (January and February) nor "1.5万": numbers, not a heading's
    (3, re.compile(r"^(\d{1,3})\s*(?:[.．](?![\d０-９])|、(?![\d０-９]{1,2}\s*(?:月|季度|日|号)))")),
    (4, re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?")),
)
_STOPS = "。！？!?"
_COLONS = "：:"
#: How far into a heading a "：" may end a label such as "会议时间：".
LABEL_MAX = 12
GENRES = ("方案", "通知", "通报", "报告", "意见", "办法", "规定", "决定", "请示", "批复", "函", "纪要", "计划",
          "规划", "总结", "要点", "细则", "制度", "决议", "公告", "通告", "讲话", "提纲", "材料", "清单", "台账",
          "安排", "预案", "章程", "条例", "倡议书", "说明", "实施意见", "工作要点", "情况")
DATE_LINE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                       r"\s*[\d一二三四五六七八九十]{1,3}\s*日$")
APPENDIX_LABEL = re.compile(r"^附件\s*([\d一二三四五六七八九十]*)\s*[:：]?$")
ATTACHMENTS = re.compile(r"^附\s*件\s*[:：]\s*(.*)$")
_ORG_END = ("委", "组", "会", "局", "厅", "部", "室", "处", "办", "院", "府", "司", "所", "中心", "支部", "总支",
            "公司", "学校", "小组", "署", "站", "队", "馆", "社", "团", "党委", "党组")
_NOT_RECIPIENT = ("根据", "为", "按照", "现", "经", "近期", "今年", "关于", "依据", "遵照", "结合", "在")


def cn_value(s: str) -> int | None:
    """一 → 1, 十四 → 14, 二十 → 20, 一百零五 → 105 (None when not a numeral)."""
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _CN_VALUE:
            current = _CN_VALUE[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current or None


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]


class Text(str):
    """A paragraph whose first words are set apart (bold): ``lead``, e.g. "会议时间：" or
    "坚持问题导向。"; the text is the whole paragraph."""

    lead: str = ""

    @classmethod
    def of(cls, text: str, lead: str) -> str:
        if not lead:
            return text
        t = cls(text)
        t.lead = lead
        return t


#: A bold run at the start of a paragraph is its lead when it ends so and is this short.
LEAD_ENDS = "：:。"
LEAD_MAX = 40

Block = str | Table


@dataclass
class Node:
    """A heading of the source with what is under it.  When ``run_in`` the heading's own
    line went on after the title: that text is ``blocks[0]``."""

    title: str
    level: int
    number: int | None = None
    numbered: bool = True
    run_in: bool = False
    blocks: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    counter: str = ""
    style: str = "heading"  # or "yishi": 一是……。 run into its paragraph
    written: str = ""  # the heading as the source wrote it (for the report)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Appendix:
    label: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Parsed:
    title: str = ""
    subtitle: str = ""
    recipient: str = ""
    front: list[str] = field(default_factory=list)  # lines before the title
    header: list[str] = field(default_factory=list)  # 版头 above the title: 红头, 发文字号, 签发人
    preamble: list[Block] = field(default_factory=list)
    sections: list[Node] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    appendices: list[Appendix] = field(default_factory=list)
    tail: list[Block] = field(default_factory=list)  # after the date, not an appendix (版记…)

    def nodes(self):
        for s in self.sections:
            yield from s.walk()

    def headings(self) -> list[Node]:
        return [n for n in self.nodes() if n.style == "heading"]


# ---------------------------------------------------------------- headings


def heading_number(text: str) -> tuple[int, int | None, int] | None:
    """(level, number value, length of the number) of a line that starts with a heading number."""
    for level, pattern in NUMBERS:
        m = pattern.match(text)
        if m and m.end() < len(text):
            if level == 1 and text[m.end() - 1] in ".．" and not re.match(r"[^\d]", text[m.end():]):
                continue
            return level, cn_value(m.group(1)), m.end()
    return None




def item_number(text: str) -> tuple[int, int | None, int] | None:
    """:func:`heading_number`, and a list item's ``①``…``⑳`` as level 5."""
    if text[:1] in CIRCLED and len(text) > 1:
        return 5, CIRCLED.index(text[0]) + 1, 1
    return heading_number(text)


def split_title(body: str, level: int, lead: str = "") -> tuple[str, str]:
    """A heading's title and the text that runs on after it on the same line."""
    body = body.strip()
    if lead and body.startswith(lead) and 0 < len(lead) < len(body) and lead[-1] in "。：:．.；;！？":
        return lead, body[len(lead):].strip()
    stop = min((i for i in (body.find(c) for c in _STOPS) if i >= 0), default=-1)
    colon = min((i for i in (body.find(c) for c in _COLONS) if i >= 0), default=-1)
    if 0 < colon < len(body) - 1 and (stop < 0 or colon < stop) and colon <= LABEL_MAX and (level >= 2 or stop >= 0):
        return body[: colon + 1], body[colon + 1:].strip()
    if 0 <= stop < len(body) - 1:
        return body[: stop + 1], body[stop + 1:].strip()
    return body, ""


def parse_heading(line: Line) -> Node | None:
    found = heading_number(line.text)
    role_level = int(line.role[-1]) if line.role.startswith("heading") else None
    if found is None:
        if role_level is None or len(line.text) > 60:
            return None
        title, rest = split_title(line.text, role_level, line.lead)
        return Node(title, role_level, None, numbered=False, run_in=bool(rest), blocks=[rest] if rest else [],
                    written=line.text)
    level, value, end = found
    lead = line.lead[end:] if line.lead.startswith(line.text[:end]) else ""
    title, rest = split_title(line.text[end:], level, lead.strip())
    return Node(title, level, value, run_in=bool(rest), blocks=[rest] if rest else [],
                written=line.text[:end] + title)


# ---------------------------------------------------------------- front and end matter


def _is_heading(text: str) -> bool:
    return heading_number(text) is not None


#: Lines above a title that are not the title: 发文字号, the 红头 "…文件", 签发人.
HEADER_LINE = re.compile(r".*[〔\[［(（]\d{4}[〕\]］)）]\s*第?\d+\s*号|.{2,30}文件|签发人[:：].*")


def title_like(text: str) -> bool:
    """Whether a line at the top can be (part of) the title: short, no sentence, no number."""
    t = re.sub(r"\s", "", text)
    if HEADER_LINE.fullmatch(t) or not 2 <= len(t) <= 80 or "。" in t or "：" in t:
        return False
    if t[-1] in "：:，,；;！!？?、" or _is_heading(t) or t.startswith("附件") or DATE_LINE.match(t):
        return False
    return not t[0].isdigit() or bool(re.match(r"\d{4}年", t))


def _genre(text: str) -> bool:
    return re.sub(r"[（(][^）)]*[）)]$", "", text).endswith(GENRES)


def _front(lines: list[Line], out: Parsed) -> int:
    """Title, subtitle and 主送 at the start; returns the index of the first body line."""
    i = 0
    roles = [k for k, ln in enumerate(lines[:6]) if ln.role == "title"]
    if roles:
        start = roles[0]
        end = start
        while end + 1 < len(lines) and lines[end + 1].role == "title":
            end += 1
        out.front = [ln.text for ln in lines[:start] if not ln.rows]
        out.title = "".join(ln.text for ln in lines[start:end + 1])
        i = end + 1
    else:
        limit = 0
        while limit < min(len(lines), 6) and not lines[limit].rows and len(lines[limit].text) <= 60 \
                and not _is_heading(lines[limit].text):
            limit += 1
        candidates = [k for k in range(limit) if title_like(lines[k].text)]
        if candidates:
            first = candidates[0]
            last = first
            while last + 1 in candidates:
                last += 1
            run = [lines[k].text for k in range(first, last + 1)]
            # two titles in a row (a page title above the document's own): keep the document's
            pick = first
            parts = [run[0]]
            for k, text in enumerate(run[1:], first + 1):
                if _genre(parts[-1]) and _genre(text):
                    pick, parts = k, [text]
                elif not _genre(parts[-1]):
                    parts.append(text)
                else:
                    break
            out.front = [ln.text for ln in lines[:pick]]
            out.title = "".join(parts)
            i = pick + len(parts)
    if out.title:
        if i < len(lines) and (lines[i].role == "subtitle" or re.fullmatch(r"[（(][^（()）]{1,30}[）)]", lines[i].text)
                               and not _is_heading(lines[i].text) or lines[i].text.startswith("——")):
            out.subtitle = lines[i].text
            i += 1
        if i < len(lines) and _recipient(lines[i]):
            out.recipient = lines[i].text.rstrip("：:")
            i += 1
    out.header = [t for t in out.front if HEADER_LINE.fullmatch(re.sub(r"\s", "", t))]
    out.front = [t for t in out.front if t not in out.header]
    return i


def _recipient(line: Line) -> bool:
    t = line.text
    if line.role == "recipient":
        return True
    return (t[-1:] in "：:" and len(t) <= 60 and "。" not in t and not _is_heading(t)
            and not t.startswith(_NOT_RECIPIENT) and "如下" not in t and not t.startswith("附件"))


def _signature_like(line: Line) -> bool:
    t = line.text
    if line.role == "signature":
        return True
    return (len(t) <= 30 and not re.search(r"[。，,；;：:！？、]", t) and not _is_heading(t)
            and t.endswith(_ORG_END) and not t.startswith("特此"))


def _date_like(line: Line) -> bool:
    return not line.rows and (line.role == "date" or bool(DATE_LINE.match(re.sub(r"\s", "", line.text))))


def _end(lines: list[Line], start: int, out: Parsed) -> int:
    """落款, 成文日期, 附件说明 and appendices at the end; returns where the body stops."""
    end = len(lines)
    # appendices: a "附件1" line after the date or the signature (or in our own label style)
    for k in range(start, len(lines)):
        ln = lines[k]
        if ln.rows or not (ln.role == "appendix_label" or APPENDIX_LABEL.match(ln.text)):
            continue
        before = lines[max(start, k - 3):k]
        if ln.role == "appendix_label" or any(_date_like(b) or b.role == "signature" for b in before):
            _appendices(lines[k:], out)
            end = k
            break
    # the date (a few 版记 lines may follow it), then the signature lines above it
    body_end = end
    dated = next((k for k in range(end - 1, max(start, end - 4) - 1, -1) if _date_like(lines[k])), None)
    if dated is not None:
        out.date = re.sub(r"\s", "", lines[dated].text)
        out.tail = [_block(ln) for ln in lines[dated + 1:end]]
        sig: list[str] = []
        j = dated - 1
        while j >= start and len(sig) < 3 and not lines[j].rows and _signature_like(lines[j]):
            sig.insert(0, lines[j].text)
            j -= 1
        out.signature = "\n".join(sig)
        body_end = j + 1
    elif end - 1 >= start and lines[end - 1].role == "signature":
        out.signature = lines[end - 1].text
        body_end = end - 1
    # 附件说明 right above the signature (or the end of the body)
    j = body_end - 1
    names: list[str] = []
    while j >= start and not lines[j].rows:
        m = ATTACHMENTS.match(lines[j].text)
        if m:
            first = m.group(1).strip()
            rest = [ln.text for ln in lines[j + 1:body_end]]
            names = [n for n in [first, *rest] if n]
            if lines[j].role == "attachments" or all(_attachment_name(n) for n in names):
                out.attachments = [re.sub(r"^\d+\s*[.．、]\s*", "", n) for n in names for n in n.split("\n") if n]
                body_end = j
            break
        if not re.match(r"^\d+\s*[.．、]", lines[j].text) or len(lines[j].text) > 60:
            break
        j -= 1
    return body_end


def _attachment_name(text: str) -> bool:
    return len(text) <= 80 and "。" not in text[:-1]


def _appendices(lines: list[Line], out: Parsed) -> None:
    current: Appendix | None = None
    for ln in lines:
        if not ln.rows and (ln.role == "appendix_label" or APPENDIX_LABEL.match(ln.text)):
            current = Appendix(ln.text, "")
            out.appendices.append(current)
        elif current is None:
            continue
        elif not current.title and not ln.rows:
            current.title = ln.text
        else:
            current.blocks.append(_block(ln))


def _block(ln: Line) -> Block:
    if ln.rows:
        rows = [list(r) for r in ln.rows]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        return Table(rows[0], rows[1:])
    lead = ln.lead.strip()
    if lead and lead[-1] in LEAD_ENDS and len(lead) <= LEAD_MAX and ln.text.startswith(lead) \
            and not YISHI.match(lead):
        return Text.of(ln.text, lead)
    return ln.text


# ---------------------------------------------------------------- the body


def parse(lines: list[Line]) -> Parsed:
    """The parts of a document read from ``lines``."""
    lines = [ln for ln in lines if ln.rows or ln.text.strip()]
    out = Parsed()
    start = _front(lines, out)
    end = _end(lines, start, out)
    stack: list[Node] = []
    for ln in lines[start:end]:
        node = None if ln.rows else parse_heading(ln)
        if node is None:
            block = _block(ln)
            (stack[-1].blocks if stack else out.preamble).append(block)
            continue
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else out.sections).append(node)
        stack.append(node)
    for node in list(out.nodes()):
        _yishi(node)
    _counters(out.sections)
    return out


YISHI = re.compile(r"^([一二三四五六七八九十]+)是")
YISHI_TITLE_MAX = 40


_SEPARATORS = "；;。，,：: \t\u3000"


def run_in_items(text: str) -> list[str]:
    """The parts of a run-in enumeration "一是……；二是……；三是……。" (each without its "一是"),
    or [] when ``text`` does not start so or has no "二是"."""
    m = YISHI.match(text)
    if not m or cn_value(m.group(1)) != 1:
        return []
    starts, ends = [m.end()], []
    for n in range(2, 100):
        word = f"{cn_number(n)}是"
        at = next((i for i in range(starts[-1], len(text)) if text.startswith(word, i)
                   and text[i - 1] in _SEPARATORS), -1)
        if at < 0:
            break
        ends.append(at)
        starts.append(at + len(word))
    if len(starts) < 2:
        return []
    return [text[s:e].strip() for s, e in zip(starts, [*ends, len(text)], strict=True)]


def _yishi(node: Node) -> None:
    """Paragraphs "一是……。" "二是……。" in a row become run-in sub-headings of ``node``."""
    first = 1 if node.run_in else 0
    items: list[int] = []
    for k, b in enumerate(node.blocks[first:], first):
        if not isinstance(b, str):
            continue
        m = YISHI.match(b)
        if m and cn_value(m.group(1)) == len(items) + 1:
            items.append(k)
    if len(items) < 2:
        return
    heads = []
    for k in items:
        text = node.blocks[k][len(YISHI.match(node.blocks[k]).group(0)):]
        stop = text.find("。")
        if stop < 0 or stop > YISHI_TITLE_MAX or "；" in text[:stop] or "是" in text[:2]:
            return
        heads.append((text[: stop + 1], text[stop + 1:].strip()))
    subs = []
    for n, (k, (title, rest)) in enumerate(zip(items, heads, strict=True)):
        stop = items[n + 1] if n + 1 < len(items) else len(node.blocks)
        blocks: list[Block] = ([rest] if rest else []) + node.blocks[k + 1:stop]
        subs.append(Node(title, node.level + 1, n + 1, run_in=True, blocks=blocks, style="yishi",
                         written=node.blocks[k][: len(YISHI.match(node.blocks[k]).group(0)) + len(title)]))
    node.blocks = node.blocks[: items[0]]
    node.children = subs + node.children


def _counters(sections: list[Node]) -> None:
    """Headings numbered on across their parents (problems 1…14 under five aspects) share a
    counter, so that renumbering by position keeps their numbers."""
    runs: dict[int, list[list[Node]]] = {}

    def visit(nodes: list[Node]) -> None:
        by_level: dict[int, list[Node]] = {}
        for n in nodes:
            if n.style == "heading" and n.numbered:
                by_level.setdefault(n.level, []).append(n)
        for level, group in by_level.items():
            runs.setdefault(level, []).append(group)
        for n in nodes:
            visit(n.children)

    visit(sections)
    count = 0
    for _, groups in sorted(runs.items()):
        chain: list[list[Node]] = []
        for group in groups:
            first = group[0].number
            if chain and first is not None and first > 1 and chain[-1][-1].number == first - 1:
                chain.append(group)
                continue
            if len(chain) > 1:
                count += 1
                for g in chain:
                    for n in g:
                        n.counter = f"c{count}"
            chain = [group]
        if len(chain) > 1:
            count += 1
            for g in chain:
                for n in g:
                    n.counter = f"c{count}"
