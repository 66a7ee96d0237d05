"""Filling a type's questions from what an imported document says, checked by rendering.

The type's own code is the only description of how its answers become text, so it is used
backwards: each question the type's text is made from is given a unique marker value (a
*sentinel*), the Draft or a section is built, and the result -- the type's wording with
markers where the answers go -- is matched against the document's text.  What stands where
a marker stood is the answer.  Repeating groups are filled from the document's sub-headings
(an item per sub-heading, its fields from the sub-heading's title, its "标签：值" lines, its
sub-headings and its paragraphs).  Whatever is filled is kept only when the type, built with
it, gives back the document's own text; otherwise the importer keeps the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .clock import today
from .derive import complete_years
from .doctype import Context, DocumentType, Draft
from .import_items import read_items, top_groups
from .import_marks import CAPTURE, invert, marked, sentinel_answers
from .import_parse import Node, Table, run_in_items
from .kinds import KINDS, summary_field
from .model import Block, Paragraph, Section, cn_number, number_sections
from .model import Table as ModelTable
from .paste import label_names
from .questions import Answers, Question, resolve

_SPACES = re.compile(r"[\s\u3000]")


# ---------------------------------------------------------------- running the type


def resolved(dt: DocumentType, raw: Answers, kept: Iterable[str]) -> Answers:
    """Answers with defaults filled and dates given their year (problems ignored)."""
    res = resolve(dt.questions, {k: v for k, v in raw.items() if k != "outline"}, set(kept))
    return complete_years(dt.questions, res.answers)


def words_of(dt: DocumentType, answers: Answers) -> dict[str, str] | None:
    try:
        return dt.words(answers)
    except Exception:  # noqa: BLE001 - a type meeting marker values: then nothing is inverted
        return None


def draft_of(dt: DocumentType, answers: Answers, kept: frozenset[str]) -> Draft | None:
    words = words_of(dt, answers)
    if words is None:
        return None
    try:
        draft = dt.build(Context(answers, words, today(), kept=kept))
    except Exception:  # noqa: BLE001
        return None
    return draft if isinstance(draft, Draft) else None


def section_content(dt: DocumentType, key: str, answers: Answers, kept: frozenset[str], title: str) -> list | None:
    sd = dt.by_key.get(key)
    if sd is None or sd.build is None:
        return None
    words = words_of(dt, answers)
    if words is None:
        return None
    try:
        return list(sd.build(Context(answers, words, today(), key, title, kept)))
    except Exception:  # noqa: BLE001
        return None


# ---------------------------------------------------------------- text to compare


def lines_of(blocks: Sequence[Block | Section]) -> list[str]:
    """Blocks and sub-headings as the document's lines: numbers left out, spaces removed."""
    sec = Section("", [b for b in blocks if not isinstance(b, Section)], [b for b in blocks if isinstance(b, Section)])
    out = []
    for p in number_sections([sec])[1:]:
        if p.kind == "table":
            out += ["\t".join(r) for r in [p.columns, *p.rows]]
        else:
            out.append(p.lead + p.text + p.rest)
    return [_SPACES.sub("", x) for x in out if _SPACES.sub("", x)]


def node_blocks(node: Node) -> list[Block | Section]:
    """A source heading's content as the document model has it (sub-headings as sections,
    "一是" sub-headings as leads)."""
    out: list[Block | Section] = [_model_block(b) for b in node.blocks]
    for child in node.children:
        if child.style == "yishi":
            first, *rest = child.blocks or [""]
            n = child.number or 1
            out.append(Paragraph(first if isinstance(first, str) else "", lead=f"{cn_number(n)}是{child.title}"))
            out += [_model_block(b) for b in rest]
            out += node_blocks(Node("", 0, children=child.children))
        else:
            inner = node_blocks(child)
            out.append(Section(child.title, [b for b in inner if not isinstance(b, Section)],
                               [b for b in inner if isinstance(b, Section)], level=child.level, run_in=child.run_in))
    return out


def _model_block(b: str | Table) -> Block:
    if isinstance(b, Table):
        return ModelTable(list(b.columns), [list(r) for r in b.rows])
    lead = getattr(b, "lead", "")
    return Paragraph(b[len(lead):], lead=lead)


def node_lines(node: Node) -> list[str]:
    return lines_of(node_blocks(node))


# ---------------------------------------------------------------- the Draft


def draft_texts(draft: Draft) -> dict[str, str]:
    """The parts of a Draft as text, one key per part."""
    out = {"title": draft.title, "subtitle": draft.subtitle, "recipient": draft.recipient,
           "preamble": "\n".join(lines_of(list(draft.preamble))), "signature": draft.signature, "date": draft.date}
    for i, a in enumerate(draft.appendices):
        out[f"appendix{i}"] = a.title
        out[f"appendix{i}.body"] = "\n".join(lines_of([*a.blocks, *a.children]))
    out["appendices"] = str(len(draft.appendices))
    out["attachments"] = "\n".join(draft.attachments or [a.title for a in draft.appendices])
    return out


def norm_text(text: str) -> str:
    return "\n".join(x for x in (_SPACES.sub("", line) for line in text.split("\n")) if x)


# ---------------------------------------------------------------- sections


def split_yishi(text: str) -> list[str]:
    """"一是……；二是……。" → its items (one item when it is not such a list): the same reading
    as a pasted line's (:func:`gongwen.import_parse.run_in_items`)."""
    return [p.rstrip("。；;，,") for p in run_in_items(text)] or [text]


def fill_group(q: Question, nodes: list[Node]) -> list[list[dict]]:
    """Candidate items of group ``q``, one per node: each candidate a different reading of
    the fields (the verification keeps the one the type renders back)."""
    candidates: list[list[dict]] = [[], []]
    for node in nodes:
        readings = _items(q, node)
        for c, item in zip(candidates, readings, strict=True):
            c.append(item)
    return candidates


def _items(q: Question, node: Node) -> list[dict]:
    """Two readings of one item: lists split at "一是/二是", and lists taken whole."""
    fields = list(q.fields)
    title_field = summary_field(q)
    paras = [b for b in node.blocks if isinstance(b, str)]
    labelled: dict[str, str] = {}
    rest: list[str] = []
    labels = {name: f for f in fields if f is not title_field for name in label_names(f)}
    for p in paras:
        m = re.match(r"^([^：:，。]{2,8})[：:](.*)$", p, flags=re.S)
        if m and m.group(1) in labels and labels[m.group(1)].key not in labelled:
            labelled[labels[m.group(1)].key] = m.group(2).strip()
        else:
            rest.append(p)
    readings = []
    for split in (True, False):
        item: dict[str, Any] = {}
        if title_field is not None:
            title = node.title.strip()
            item[title_field.key] = title[:-1] if title.endswith("。") else title
        leftover = list(rest)
        for f in fields:
            if f is title_field:
                continue
            if KINDS[f.kind].nested:
                item[f.key] = fill_group(f, node.children)[0 if split else 1]
            elif f.key in labelled:
                value = labelled[f.key]
                item[f.key] = (split_yishi(value) if split else [value]) if f.kind == "list" else value
            elif f.kind in ("multiline", "text") and leftover and f.key not in item:
                item[f.key] = "\n".join(leftover)
                leftover = []
            elif f.kind == "list" and leftover:
                item[f.key] = leftover if not split else [y for x in leftover for y in split_yishi(x)]
                leftover = []
        readings.append(item)
    return readings


def rows_of(q: Question, table: Table) -> list[dict] | None:
    """Items of group ``q`` from a table whose header names its fields (a ledger: 问题, 整改措施,
    责任领导…; the number column left out); None when fewer than two columns are fields."""
    fields = {name: f for f in q.fields if not KINDS[f.kind].nested for name in label_names(f)}
    columns = {i: fields[c.strip()] for i, c in enumerate(table.columns) if c.strip() in fields}
    if len(columns) < 2 or not table.rows:
        return None
    items = []
    for row in table.rows:
        item: dict[str, Any] = {}
        for i, f in columns.items():
            value = row[i].strip() if i < len(row) else ""
            item[f.key] = split_yishi(value) if f.kind == "list" else value
        items.append(item)
    return items


def fill_section(dt: DocumentType, key: str, node: Node, raw: Answers, kept: frozenset[str]) -> dict | None:
    """Answers to section ``key``'s questions with which its builder gives back ``node``'s
    content (None when no reading does)."""
    sd = dt.by_key[key]
    target = node_lines(node)
    if not target or sd.build is None:
        return None
    questions = list(sd.questions)
    groups = [q for q in questions if KINDS[q.kind].nested]
    scalars = [q.key for q in questions if q.kind in CAPTURE]
    group_readings: list[dict] = [{}]
    if groups:
        subs = [c for c in node.children if c.style == "heading"]
        if len(groups) == 1 and subs:
            group_readings = [{groups[0].key: c} for c in fill_group(groups[0], subs)]
        elif len(groups) == 1 and node.children:
            group_readings = [{groups[0].key: c} for c in fill_group(groups[0], node.children)]
        else:
            group_readings = [{g.key: [] for g in groups}]
    else:  # a general group the section is written from (items under headings or listed by name)
        group_readings = [*_general_groups(dt, key, node, raw, kept), {}]
    choices = [q for q in questions if q.kind in ("choice", "confirm")]
    for reading in group_readings:
        values = {**raw, **reading}
        found = _try(dt, key, node, values, scalars, kept, target)
        if found is not None:
            return {**reading, **found}
        for q in choices:  # the wording may depend on a style choice of the section
            for option in list(q.choices) if q.kind == "choice" else [True, False]:
                found = _try(dt, key, node, {**values, q.key: option}, scalars, kept, target)
                if found is not None:
                    return {**reading, q.key: option, **found}
    return None


def _general_groups(dt: DocumentType, key: str, node: Node, raw: Answers, kept: frozenset[str]) -> list[dict]:
    """A reading of a general repeating group from the section's sub-headings, when the
    section is written from one (:mod:`gongwen.import_items`)."""
    def lines(values: Answers) -> list[str] | None:
        content = section_content(dt, key, resolved(dt, {**raw, **values}, kept), kept, node.title)
        return None if content is None else lines_of(content)

    for q in top_groups(dt, raw):
        items = read_items(q, node, lines, node_lines)
        if items is not None:
            return [{q.key: items}]
    return []


def _try(dt: DocumentType, key: str, node: Node, values: Answers, scalars: list[str], kept: frozenset[str],
         target: list[str]) -> dict | None:
    answers = resolved(dt, values, kept)
    found: dict[str, Any] = {}
    if scalars:
        with_marks, slots = sentinel_answers(dt.questions, answers, scalars)
        content = section_content(dt, key, with_marks, kept, node.title)
        if content is None:
            return None
        template = "\n".join(lines_of(content))
        if marked(template, slots):
            got = invert(template, "\n".join(target), slots)
            if got is not None:
                found = got
                answers = resolved(dt, {**values, **found}, kept)
    content = section_content(dt, key, answers, kept, node.title)
    if content is None or lines_of(content) != target:
        return None
    return found
