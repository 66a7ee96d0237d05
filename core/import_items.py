"""A repeating group of the type's general questions read back from a section's sub-headings.

A section may be written from a group that is not its own question (a report's 二、 lists
the ``items`` its opening also counts).  Its sub-headings are the items -- or, when they hold
sub-headings of their own, the headings below them, grouped under them (“（一）理论学习方面”
above “1.……”), the group's title going into the item field the type groups items by.  Each
item's fields are then read the way :mod:`gongwen.import_fill` reads a section: the type
writes the item with a marker in each field, once for each value of its choices (a 整改状态),
and what stands where a marker stood is the field's answer.  The reading in which the type's
own wording explains most of the item's text is kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from .doctype import DocumentType
from .import_marks import CAPTURE, Slots, invert, marked, slot_for, unmarked_length
from .import_parse import Node
from .kinds import KINDS
from .questions import Answers, Question

#: Most combinations of an item's choices tried.
MAX_COMBINATIONS = 64

#: A section's lines (numbers left out) for some answers; None when the type fails on them.
Lines = Callable[[Answers], "list[str] | None"]


def top_groups(dt: DocumentType, raw: Answers) -> list[Question]:
    """Repeating groups among the type's general questions that the document has not answered."""
    return [q for q in dt.questions if not q.section and KINDS[q.kind].nested and q.key not in raw]


def item_nodes(node: Node) -> list[tuple[str, Node]]:
    """(title of the heading grouping it or "", heading) of each item below ``node``."""
    subs = [c for c in node.children if c.style == "heading"]
    if subs and all(c.children and not c.blocks for c in subs):
        return [(c.title, leaf) for c in subs for leaf in c.children]
    return [("", c) for c in subs]


def _summary(q: Question) -> Question | None:
    return next((f for f in q.fields if f.key == q.summary), None) or next(
        (f for f in q.fields if f.kind == "text"), None)


def read_items(q: Question, node: Node, lines: Lines, item_lines: Callable[[Node], list[str]]) -> list[dict] | None:
    """Items of group ``q`` with which ``lines`` (the section, built) writes each item below
    ``node`` as the document has it; None when some item cannot be read."""
    pairs = item_nodes(node)
    title = _summary(q)
    if not pairs or title is None or any(leaf.children for _, leaf in pairs):
        return None
    items: list[dict[str, Any]] = [{title.key: leaf.title.strip().removesuffix("。")} for _, leaf in pairs]
    by = _group_field(q, title, pairs, items, lines) or ""  # ungrouped items leave it unanswered
    if any(parent for parent, _ in pairs):
        if not by:
            return None
        for item, (parent, _) in zip(items, pairs, strict=True):
            item[by] = parent
    for i, (_, leaf) in enumerate(pairs):
        got = _read_item(q, items, i, item_lines(leaf), lines, by)
        if got is None:
            return None
        items[i] = got
    return items


def _group_field(q: Question, title: Question, pairs: list[tuple[str, Node]], items: list[dict],
                 lines: Lines) -> str | None:
    """The text field whose value the type writes as the heading above its items."""
    parents = list(dict.fromkeys(parent for parent, _ in pairs))
    for f in q.fields:
        if f.kind != "text" or f is title:
            continue
        slots = {p: slot_for(f, n) for n, p in enumerate(parents, 1)}
        if any(s is None or s.kind != "text" for s in slots.values()):
            continue
        trial = [{**item, f.key: slots[parent].value} for item, (parent, _) in zip(items, pairs, strict=True)]
        got = lines({q.key: trial})
        if got is not None and all(s.text in got for s in slots.values()):
            return f.key
    return None


def _read_item(q: Question, items: list[dict], i: int, target: list[str], lines: Lines, by: str) -> dict | None:
    """Item ``i`` with its fields read from ``target`` (its heading's lines); the field ``by``
    (the heading it is grouped under) stays as it is."""
    choices = [f for f in q.fields if f.kind in ("choice", "confirm")]
    kinds = {f.key: f.kind for f in q.fields}
    options = [_options(f, items[i]) for f in choices]
    best: tuple[int, dict] | None = None
    for combo in itertools.islice(itertools.product(*options), MAX_COMBINATIONS):
        item = {**items[i], **{f.key: v for f, v in zip(choices, combo, strict=True)}}
        every: Slots = {}
        for n, f in enumerate(q.fields, 1):  # one item is marked at a time
            slot = slot_for(f, n, item) if f.key != by and f.kind in CAPTURE else None
            if slot is not None:
                every[f.key] = slot
        # a field marked by a date in place of its text (a 落实时限) may be one the text omits
        for slots in (every, {k: v for k, v in every.items() if v.kind == kinds[k]}):
            got = lines({q.key: [*items[:i], {**item, **{k: v.value for k, v in slots.items()}}, *items[i + 1:]]})
            if got is None:
                continue
            template = "\n".join(x for x in got if marked(x, slots))
            found = invert(template, "\n".join(target), slots)
            if found is not None and (best is None or unmarked_length(template, slots) > best[0]):
                best = (unmarked_length(template, slots), {**item, **found})
    return best[1] if best else None


def _options(f: Question, item: dict) -> list[Any]:
    """The values of a choice, the item's own (or the default) first."""
    values = list(f.choices) if f.kind == "choice" else [True, False]
    first = item.get(f.key, f.default if not callable(f.default) else None)
    return [first, *(v for v in values if v != first)] if first in values else values
