"""The outline belongs to the user.

In the answers file ``outline`` is a list of entries in reading order::

    outline = [
        { key = "leadership" },                        # a built-in section, default title
        { key = "principles", title = "工作原则" },     # renamed
        { title = "经费保障", level = 2, paragraphs = ["……"] },  # the user's own
    ]

Leaving an entry out drops the section; moving it reorders; every number follows,
because numbers are computed by position when the document is assembled.
"""

from __future__ import annotations

import string
from typing import Any

from .doctype import Content, DocumentType, Draft, OutlineEntry
from .errors import Problem
from .model import Document, Paragraph, Section, number_sections
from .questions import Answers

ENTRY_KEYS = {"key", "title", "level", "paragraphs", "run_in", "numbered"}
ENTRY_HINT = '每个章节应写作 { key = "…" } 或 { title = "…", level = 1, paragraphs = ["…"] }'


def fill_title(title: str, words: dict[str, str]) -> str:
    """Fill ``{word}`` fields of a built-in title; unknown fields stay as written."""
    fields = {name for _, name, _, _ in string.Formatter().parse(title) if name}
    if not fields:
        return title
    return title.format_map({f: words.get(f, "{" + f + "}") for f in fields})


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
            problems.append(Problem(f"{where}.{extra}", f"章节不认识“{extra}”，可用：key、title、level、paragraphs"))
        key = item.get("key", "")
        base = known.get(key) if key else None
        if key and base is None:
            problems.append(Problem(f"{where}.key", f"本文种没有章节“{key}”，可用：{'、'.join(known)}"))
            continue
        if key in seen:
            problems.append(Problem(f"{where}.key", f"章节“{key}”重复出现"))
            continue
        if key:
            seen.add(key)
        title = item.get("title", base.title if base else "")
        if not isinstance(title, str) or not title.strip():
            problems.append(Problem(f"{where}.title", "自定义章节需要标题（title）"))
            continue
        level = item.get("level", base.level if base else 1)
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            problems.append(Problem(f"{where}.level", "层级应为 1 到 5 的整数（1 即“一、”，2 即“（一）”）"))
            continue
        paragraphs = item.get("paragraphs")
        if paragraphs is not None and (
            not isinstance(paragraphs, list) or not all(isinstance(p, str) for p in paragraphs)
        ):
            problems.append(Problem(f"{where}.paragraphs", "应为文字列表，每项一段"))
            continue
        if base is None and paragraphs is None:
            paragraphs = []
        entries.append(OutlineEntry(
            key=key, title=title.strip(), level=level,
            run_in=bool(item.get("run_in", base.run_in if base else False)),
            numbered=bool(item.get("numbered", base.numbered if base else True)),
            paragraphs=paragraphs,
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
        if e.paragraphs is not None:
            item["paragraphs"] = list(e.paragraphs)
        out.append(item)
    return out


def is_default(entries: list[OutlineEntry], doctype: DocumentType, answers: Answers) -> bool:
    return outline_to_raw(entries, doctype) == outline_to_raw(doctype.base_outline(answers), doctype)


def assemble(draft: Draft, entries: list[OutlineEntry], words: dict[str, str]) -> Document:
    """Hang each entry's content under its heading and nest entries by level."""
    roots: list[Section] = []
    stack: list[Section] = []
    for e in entries:
        title = fill_title(e.title, words)
        content: Content
        if e.paragraphs is not None:
            content = [Paragraph(p) for p in e.paragraphs if p.strip()]
        else:
            content = draft.content.get(e.key, [])
        sec = Section(
            title=title, key=e.key, level=e.level, run_in=e.run_in, numbered=e.numbered,
            blocks=[c for c in content if not isinstance(c, Section)],
            children=[c for c in content if isinstance(c, Section)],
        )
        while stack and (stack[-1].level or 1) >= e.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(sec)
        stack.append(sec)
    return Document(
        title=draft.title, subtitle=draft.subtitle, recipient=draft.recipient,
        preamble=draft.preamble, sections=roots, signature=draft.signature,
        date=draft.date, appendices=draft.appendices,
    )


def outline_lines(entries: list[OutlineEntry], words: dict[str, str]) -> list[str]:
    """Numbered headings of an outline, indented by level (``show`` and review)."""
    doc = assemble(Draft(title=""), entries, words)
    return ["  " * (p.level - 1) + p.heading for p in number_sections(doc.sections) if p.kind == "heading"]
