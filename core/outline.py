"""The outline belongs to the user.

In the answers file ``outline`` is a list of entries in reading order::

    outline = [
        { key = "leadership" },                        # a built-in section, default title
        { key = "principles", title = "工作原则" },     # renamed
        { title = "经费保障", level = 2, paragraphs = ["……"] },  # the user's own
        { key = "time", title = "会议时间", level = 2, style = "field" },  # "会议时间：……"
        { title = "参会人员", level = 2, items = ["……", "……"], item_style = "circled" },
        { title = "整改台账", level = 2, table = [["序号", "问题"], ["1", "……"]] },  # a table
        { title = "理论学习不系统。", level = 3, counter = "问题" },  # numbered on across parents
    ]

Leaving an entry out drops the section; moving it reorders; every number follows,
because numbers are computed by position when the document is assembled.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .doctype import Content, DocumentType, Draft, OutlineEntry
from .errors import Problem
from .kit.lists import ITEM_STYLE_NAMES, ITEM_STYLES, Item, item_blocks
from .kit.words import fill_known
from .model import Document, Enumeration, Paragraph, Section, Table, cn_number, number_sections
from .questions import Answers

ENTRY_KEYS = {"key", "title", "level", "paragraphs", "run_in", "numbered", "style", "items", "item_style",
              "counter", "table"}
ENTRY_HINT = '每个章节应写作 { key = "…" } 或 { title = "…", level = 1, paragraphs = ["…"] }'

#: How an entry's heading is written (``style``), with the Chinese names also accepted.
STYLES = {
    "heading": "标题",  # 一、… / （一）… numbered by position
    "field": "要素",  # 会议时间：…… (the title as a bold lead of the first paragraph)
    "yishi": "一是",  # 一是认真组织学习。…… (counted among its siblings)
    "plain": "并入",  # no heading: the content joins the parent section
}
_STYLE_NAMES = {**{v: k for k, v in STYLES.items()}, **{k: k for k in STYLES}}


#: A user's own entry: every attribute not written takes the OutlineEntry default.
_OWN = OutlineEntry(key="", title="")


def _names(table: dict[str, str]) -> str:
    return "、".join(f"{k}（{v}）" for k, v in table.items())


def _style(names: dict[str, str], value: Any) -> str | None:
    """The style an entry names (English or Chinese), or None when it names none."""
    return names.get(value) if isinstance(value, str) else None


def _texts(value: Any) -> bool:
    """Whether ``value`` is absent or a list of strings (``paragraphs``, ``items``)."""
    return value is None or isinstance(value, list) and all(isinstance(v, str) for v in value)


def with_suffix(title: str, suffix: str) -> str:
    """``深化学习研讨。`` + ``（8月10日前）`` → ``深化学习研讨（8月10日前）。``"""
    if not suffix:
        return title
    if title[-1:] in "。：:":
        return title[:-1] + suffix + title[-1]
    return title + suffix


def parse_outline(raw: Any, doctype: DocumentType, answers: Answers) -> tuple[list[OutlineEntry], list[Problem]]:
    """The user's outline from the answers file (or the default when absent)."""
    if raw is None:
        return doctype.base_outline(answers), []
    problems: list[Problem] = []
    if not isinstance(raw, list):
        return doctype.base_outline(answers), [Problem("outline", "应为章节列表（outline = [ {...}, ... ]）")]
    known = doctype.known_keys()
    entries: list[OutlineEntry] = []
    seen: set[str] = set()
    for i, item in enumerate(raw, 1):
        where = f"outline[{i}]"
        if not isinstance(item, dict):
            problems.append(Problem(where, ENTRY_HINT))
            continue
        for extra in sorted(set(item) - ENTRY_KEYS):
            problems.append(Problem(f"{where}.{extra}", f"章节不认识“{extra}”，可用：{'、'.join(sorted(ENTRY_KEYS))}"))
        key = item.get("key", "")
        if not isinstance(key, str):
            problems.append(Problem(f"{where}.key", '章节 key 应为文字，如 key = "leadership"'))
            continue
        base = known.get(key) if key else None
        if key and base is None:
            problems.append(Problem(f"{where}.key", f"本文种没有章节“{key}”，可用：{'、'.join(known)}"))
            continue
        if key in seen:
            problems.append(Problem(f"{where}.key", f"章节“{key}”重复出现"))
            continue
        if key:
            seen.add(key)
        ref = base or _OWN
        title = item.get("title", ref.title)
        if not isinstance(title, str) or not title.strip():
            problems.append(Problem(f"{where}.title", "自定义章节需要标题（title）"))
            continue
        level = item.get("level", ref.level)
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            problems.append(Problem(f"{where}.level", "层级应为 1 到 5 的整数（1 即“一、”，2 即“（一）”）"))
            continue
        paragraphs = item.get("paragraphs")
        if not _texts(paragraphs):
            problems.append(Problem(f"{where}.paragraphs", "应为文字列表，每项一段"))
            continue
        style = _style(_STYLE_NAMES, item.get("style", ref.style))
        if style is None:
            problems.append(Problem(f"{where}.style", f"写法应为以下之一：{_names(STYLES)}"))
            continue
        items = item.get("items")
        if not _texts(items):
            problems.append(Problem(f"{where}.items", "应为文字列表，每项一条"))
            continue
        item_style = _style(ITEM_STYLE_NAMES, item.get("item_style", ref.item_style))
        if item_style is None:
            problems.append(Problem(f"{where}.item_style", f"条目写法应为以下之一：{_names(ITEM_STYLES)}"))
            continue
        counter = item.get("counter", "")
        if not isinstance(counter, str):
            problems.append(Problem(f"{where}.counter", "连续编号的名称应为文字（同名的章节接续编号）"))
            continue
        table = item.get("table")
        if table is not None and not (isinstance(table, list) and table and all(_texts(r) and r for r in table)):
            problems.append(Problem(f"{where}.table", "表格应为行的列表，每行是文字列表，第一行为表头"))
            continue
        if base is None and paragraphs is None:
            paragraphs = []
        entries.append(OutlineEntry(
            key=key, title=title.strip(), level=level, user_title="title" in item,
            run_in=bool(item.get("run_in", ref.run_in)), numbered=bool(item.get("numbered", ref.numbered)),
            paragraphs=paragraphs, style=style, items=items, item_style=item_style, counter=counter,
            table=[list(r) for r in table] if table is not None else None,
        ))
    return entries, problems


def outline_to_raw(entries: list[OutlineEntry], doctype: DocumentType) -> list[dict]:
    """Entries as the answers file keeps them: only what differs from the built-in."""
    known = doctype.known_keys()
    out = []
    for e in entries:
        base = known.get(e.key) if e.key else None
        item: dict[str, Any] = {"key": e.key} if e.key else {}
        if base is None or e.title != base.title:
            item["title"] = e.title
        if base is None or e.level != base.level:
            item["level"] = e.level
        for name in ("run_in", "numbered", "style", "item_style"):
            value = getattr(e, name)
            if value != getattr(base or _OWN, name):
                item[name] = value
        if e.paragraphs is not None:
            item["paragraphs"] = list(e.paragraphs)
        if e.items is not None:
            item["items"] = list(e.items)
        if e.counter:
            item["counter"] = e.counter
        if e.table is not None:
            item["table"] = [list(r) for r in e.table]
        out.append(item)
    return out


def is_default(entries: list[OutlineEntry], doctype: DocumentType, answers: Answers) -> bool:
    return outline_to_raw(entries, doctype) == outline_to_raw(doctype.base_outline(answers), doctype)


def _content(content: dict[str, Content], e: OutlineEntry) -> Content:
    if e.paragraphs is None and e.items is None and e.table is None:
        return list(content.get(e.key, []))
    content: Content = [Paragraph(p) for p in e.paragraphs or [] if p.strip()]
    table = [Table(list(e.table[0]), [list(r) for r in e.table[1:]])] if e.table else []
    return content + item_blocks(e.items or [], e.item_style) + table


def _as_line(sec: Section) -> Item:
    """A run-in sub-heading ("（一）标题。正文") written as a line of its parent ("标题。正文")."""
    rest = "".join(b.text for b in sec.blocks if isinstance(b, Paragraph))
    return Item(sec.title + rest)


def _lead(blocks: list, lead: str) -> None:
    """Set ``lead`` before the first paragraph (or alone when the content starts otherwise)."""
    first = blocks[0] if blocks else None
    if isinstance(first, (Paragraph, Enumeration)) and not isinstance(first, Item) and not first.lead:
        first.lead = lead
    else:
        blocks.insert(0, Paragraph("", lead=lead))


def heading_title(e: OutlineEntry, words: dict[str, str]) -> str:
    """The entry's title: a type's own default title has its ``{word}`` fields filled; a
    title the user wrote is text and stays exactly as written."""
    return e.title if e.user_title else fill_known(e.title, words)


def assemble(draft: Draft, content: dict[str, Content], entries: list[OutlineEntry],
             words: dict[str, str]) -> Document:
    """Hang each entry's content under its heading and nest entries by level.

    An entry in ``field``/``yishi``/``plain`` style has no heading of its own: its
    content (with the title as a lead) joins the nearest entry above it of a lower level
    (the preamble when there is none); its sub-sections become that entry's children.
    """
    roots: list[Section] = []
    stack: list[Section] = []
    preamble = list(draft.preamble)
    yishi: dict[int, int] = {}
    for e in entries:
        title = with_suffix(heading_title(e, words), draft.suffixes.get(e.key, "") if e.key else "")
        own = [dataclasses.replace(c) for c in _content(content, e)]
        blocks = [c for c in own if not isinstance(c, Section)]
        children = [c for c in own if isinstance(c, Section)]
        while stack and (stack[-1].level or 1) >= e.level:
            stack.pop()
        parent = stack[-1] if stack else None
        if e.style == "heading":
            sec = Section(title=title, key=e.key, level=e.level, run_in=e.run_in, numbered=e.numbered,
                          blocks=blocks, children=children, counter=e.counter)
            (parent.children if parent else roots).append(sec)
            stack.append(sec)
            continue
        if e.style in ("field", "yishi"):  # no heading to hang run-in sub-headings from: they stay in place
            blocks += [_as_line(c) for c in children if c.run_in and not c.children]
            children = [c for c in children if not (c.run_in and not c.children)]
        if e.style == "field":  # "会议时间：……", or a bold first sentence "坚持问题导向。……"
            _lead(blocks, title if title[-1:] in "：:。" else title + "：")
        elif e.style == "yishi":
            n = yishi[id(parent)] = yishi.get(id(parent), 0) + 1
            _lead(blocks, f"{cn_number(n)}是{title if title[-1:] in '。：:' else title + '。'}")
        (parent.blocks if parent else preamble).extend(blocks)
        (parent.children if parent else roots).extend(children)
    return Document(
        title=draft.title, subtitle=draft.subtitle, recipient=draft.recipient,
        preamble=preamble, sections=roots, signature=draft.signature,
        date=draft.date, note=draft.note, appendices=draft.appendices, attachments=list(draft.attachments),
    )


def prune(sections: list[Section]) -> list[Section]:
    """Built-in sections that came out empty (an optional answer left blank, nothing under
    them) are left out, so that no heading stands alone; a user's own heading stays."""
    kept = []
    for sec in sections:
        sec.children = prune(sec.children)
        if sec.blocks or sec.children or not sec.key:
            kept.append(sec)
    return kept


def outline_lines(entries: list[OutlineEntry], words: dict[str, str]) -> list[str]:
    """Numbered headings of an outline, indented by level (``show`` and review)."""
    doc = assemble(Draft(title=""), {}, entries, words)
    return ["  " * (p.level - 1) + p.heading for p in number_sections(doc.sections) if p.kind == "heading"]
