"""The one document model every type produces, and its flattening for the renderers.

A plugin turns answers into a :class:`Document`; the core numbers the sections by
position (一、 → （一） → 1. → （1） → ①) and flattens the tree into a list of
:class:`Para` that the DOCX template and the Markdown writer both consume.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CN_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 105 → 一百零五."""
    if n <= 0:
        raise ValueError(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = CN_DIGITS[n // 100] + "百" if n < 1000 else str(n // 100) + "百"
    if not rest:
        return head
    return head + ("零" + CN_DIGITS[rest] if rest < 10 else ("一" if rest < 20 else "") + cn_number(rest))


def circled(n: int) -> str:
    return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else f"({n})"


def heading_number(level: int, n: int) -> str:
    """The typed number of the n-th heading at a level (GB/T 9704 order)."""
    if level == 1:
        return f"{cn_number(n)}、"
    if level == 2:
        return f"（{cn_number(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return circled(n)


def enumerate_items(items: list[str], style: str = "yishi") -> str:
    """Join items the way official prose lists them in one paragraph.

    ``yishi``: 一是…；二是…。  ``circled``: ①…；②…。  ``arabic``: 1.…；2.…。
    """
    parts = []
    for i, item in enumerate(items, 1):
        item = item.rstrip("。；;，,. ")
        if style == "yishi":
            parts.append(f"{cn_number(i)}是{item}")
        elif style == "circled":
            parts.append(f"{circled(i)}{item}")
        else:
            parts.append(f"{i}.{item}")
    return "；".join(parts) + "。" if parts else ""


# ---------------------------------------------------------------- blocks


@dataclass
class Paragraph:
    """A body paragraph; ``lead`` is a run-in phrase set in bold before the text."""

    text: str
    lead: str = ""


@dataclass
class Enumeration:
    """Items written in one paragraph: "一是…；二是…。" (or ①②③, 1.2.3.)."""

    items: list[str]
    style: Literal["yishi", "circled", "arabic"] = "yishi"
    lead: str = ""


@dataclass
class Fields:
    """Label/value lines such as 责任领导：…, one paragraph each."""

    items: list[tuple[str, str]]


@dataclass
class Table:
    """A table; ``widths`` are relative column widths, the header repeats on every page."""

    columns: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None
    title: str = ""


Block = Paragraph | Enumeration | Fields | Table


@dataclass
class Section:
    """A numbered heading with its blocks and sub-sections.

    ``level`` is normally the parent's level + 1 (None); an explicit level lets a
    writer skip one (the seeds put "1." directly under "三、").  ``counter``: sections
    that share a counter name are numbered continuously across parents (problems
    1…14 across five aspects).  ``run_in``: the heading and the first paragraph
    share one line: "（一）抓好立改立行。深刻把握…".
    """

    title: str
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    key: str = ""
    level: int | None = None
    run_in: bool = False
    numbered: bool = True
    counter: str = ""


@dataclass
class Document:
    title: str
    subtitle: str = ""
    recipient: str = ""
    preamble: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    #: 附注 under the date (GB/T 9704 7.3.6), in brackets: "（此件公开发布）".
    note: str = ""
    appendices: list[Section] = field(default_factory=list)
    #: 附件说明 names when they differ from the appendices' titles (or there are none).
    attachments: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- flattening

#: A run-in heading that already ends with one of these gets no "。".
HEADING_END = tuple("。．.：:；;！!？?")

ParaKind = Literal[
    "title", "subtitle", "recipient", "body", "heading", "table",
    "attachments", "signature", "date", "note", "appendix_label", "appendix_title",
]


@dataclass
class Para:
    """One paragraph (or table) of output, in reading order.

    ``heading``: ``level`` 1-5, ``number`` ("一、"), ``text`` the title, ``rest`` the
    run-in paragraph text after it (may be empty; when it is not, ``text`` ends with a
    stop).  ``body``: ``lead`` + ``text``.
    ``table``: ``columns``, ``rows``, ``widths``.  ``attachments``: the 附件说明 under the
    text, ``lead`` "附件：" and ``text`` the names, one per line ("1.…" when there are several;
    plain, not bold like a body lead).  ``signature``: ``level`` is :func:`signature_setting`.
    ``appendix_label`` starts a new page.
    """

    kind: ParaKind
    text: str = ""
    lead: str = ""
    level: int = 0
    number: str = ""
    rest: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return self.number + self.text


def text_chars(text: str) -> float:
    """Width of ``text`` in characters of its Chinese font: a digit or Latin letter is half of
    one; everything else, “” and — included, a whole one."""
    return sum(0.5 if c.isascii() else 1 for c in text)


def signature_setting(name: str) -> int:
    """How the 落款 is set on the 28-character line (GB/T 9704 7.3.5), by its widest line:
    1, centred over a date that ends four characters from the right margin (it fits within
    2 × 7.875 characters); 2, too wide for that, ending two characters from the right margin;
    3, wider still, at the margin."""
    width = max(text_chars(line) for line in name.split("\n"))
    return 1 if width <= 15.75 else 2 if width <= 26 else 3


def _lines(text: str) -> list[str]:
    """A text's paragraphs: a line break typed in an answer starts a new paragraph."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _body(text: str, lead: str = "") -> list[Para]:
    first, *rest = _lines(text) or [""]
    return [Para("body", text=first, lead=lead), *(Para("body", text=line) for line in rest)]


def _block_paras(block: Block) -> list[Para]:
    if isinstance(block, Paragraph):
        return _body(block.text, block.lead)
    if isinstance(block, Enumeration):
        return _body(enumerate_items(block.items, block.style), block.lead)
    if isinstance(block, Fields):
        return [Para("body", text=value, lead=f"{label}：") for label, value in block.items]
    if isinstance(block, Table):
        n = len(block.columns)
        widths = list(block.widths or [1.0] * n)
        return [Para("table", text=block.title, columns=list(block.columns),
                     rows=[list(r) for r in block.rows], widths=widths)]
    raise TypeError(f"unknown block {block!r}")


def _section_paras(sections: list[Section], parent_level: int, counters: dict) -> list[Para]:
    out: list[Para] = []
    local: dict[int, int] = {}
    for sec in sections:
        level = sec.level or parent_level + 1
        number = ""
        if sec.numbered:
            if sec.counter:
                counters[sec.counter] = counters.get(sec.counter, 0) + 1
                n = counters[sec.counter]
            else:
                local[level] = local.get(level, 0) + 1
                n = local[level]
            number = heading_number(level, n)
        blocks = list(sec.blocks)
        title, rest, more = sec.title.strip(), "", []
        if sec.run_in and blocks and isinstance(blocks[0], Paragraph) and not blocks[0].lead:
            rest, *lines = _lines(blocks.pop(0).text) or [""]
            more = [Para("body", text=line) for line in lines]
        if rest and not title.endswith(HEADING_END):
            title += "。"  # a title that runs into its paragraph ends with a full stop
        out.append(Para("heading", text=title, level=level, number=number, rest=rest))
        out.extend(more)
        for b in blocks:
            out.extend(_block_paras(b))
        out.extend(_section_paras(sec.children, level, counters))
    return out


def number_sections(sections: list[Section]) -> list[Para]:
    """Number a section tree by position and flatten it (used for outlines too)."""
    return _section_paras(sections, 0, {})


def flatten(doc: Document) -> list[Para]:
    """The document as paragraphs in reading order, numbers computed by position."""
    paras = [Para("title", text=doc.title)]
    if doc.subtitle:
        paras.append(Para("subtitle", text=doc.subtitle))
    if doc.recipient:
        paras.append(Para("recipient", text=f"{doc.recipient}："))
    for b in doc.preamble:
        paras.extend(_block_paras(b))
    paras.extend(number_sections(doc.sections))
    if doc.appendices or doc.attachments:
        names = list(doc.attachments) or [a.title for a in doc.appendices]
        listed = names if len(names) == 1 else [f"{i}.{n}" for i, n in enumerate(names, 1)]
        paras.append(Para("attachments", lead="附件：", text="\n".join(listed)))
    if doc.signature:
        paras.append(Para("signature", text=doc.signature, level=signature_setting(doc.signature)))
    if doc.date:
        paras.append(Para("date", text=doc.date))
    paras.extend(Para("note", text=line) for line in _lines(doc.note))
    for i, app in enumerate(doc.appendices, 1):
        label = "附件" if len(doc.appendices) == 1 else f"附件{i}"
        paras.append(Para("appendix_label", text=label))
        paras.append(Para("appendix_title", text=app.title))
        for b in app.blocks:
            paras.extend(_block_paras(b))
        paras.extend(_section_paras(app.children, 0, {}))
    return paras


def document_text(doc: Document) -> str:
    """Plain text of the whole document (tests and placeholder checks)."""
    lines = []
    for p in flatten(doc):
        if p.kind == "heading":
            lines.append(p.heading + p.rest)
        elif p.kind == "table":
            lines.append("\t".join(p.columns))
            lines.extend("\t".join(r) for r in p.rows)
        else:
            lines.append(p.lead + p.text)
    return "\n".join(lines)
