"""A repeating group of the type's general questions read back from a section's sub-headings.

A section may be written from a group that is not its own question (a report's 二、 lists
the ``items`` its opening also counts).  Its sub-headings are the items -- or, when they hold
sub-headings of their own, the headings below them, grouped under them (“（一）理论学习方面”
above “1.……”), the group's title going into the item field the type groups items by.  Items
the type lists together in one run-in paragraph by their quoted names ("“A”“B”2个问题，……",
:mod:`gongwen.import_lists`) are read as a run of items sharing that paragraph.  Each item's
fields are then read the way :mod:`gongwen.import_fill` reads a section: the type writes the
item (or the run) with a marker in each field, once for each value of its choices (a 整改状态)
and once with each optional field left at its default (an item without a progress note), and
what stands where a marker stood is the field's answer; the items of a run share every field
but their names.  The reading in which the type's own wording explains most of the text is kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .doctype import DocumentType
from .import_lists import listed_names, unnested
from .import_marks import CAPTURE, Slot, Slots, invert, marked, slot_for, unmarked_length
from .import_parse import Node
from .kinds import KINDS, summary_field
from .questions import Answers, Question

#: Most combinations of an item's choices tried.
MAX_COMBINATIONS = 64
#: The first marker number of the names in a run (after those of the fields).
_NAMES_FROM = 100

#: A section's lines (numbers left out) for some answers; None when the type fails on them.
Lines = Callable[[Answers], "list[str] | None"]


@dataclass
class Unit:
    """One item written under its own heading (``names`` empty), or several listed by name
    in one paragraph (``node`` holding that paragraph alone); ``parent``: the heading above."""

    parent: str
    node: Node
    names: list[str]

    def titles(self) -> list[str]:
        return self.names or [self.node.title.strip().removesuffix("。")]


def top_groups(dt: DocumentType, raw: Answers) -> list[Question]:
    """Repeating groups among the type's general questions that the document has not answered."""
    return [q for q in dt.questions if not q.section and KINDS[q.kind].nested and q.key not in raw]


def _lists(parent: str, node: Node) -> list[Unit]:
    return [Unit(parent, Node("", 0, blocks=[b]), names) for b in node.blocks if (names := listed_names(b))]


def _grouping(c: Node) -> bool:
    """Whether heading ``c`` groups items: headings below it, or only run-in lists of items."""
    return bool(c.children) or (not c.run_in and bool(c.blocks) and all(listed_names(b) for b in c.blocks))


def item_units(node: Node) -> list[Unit]:
    """The items below ``node``, each with the title of the heading grouping it (or "")."""
    subs = [c for c in node.children if c.style == "heading"]
    out = _lists("", node)
    if subs and all(_grouping(c) for c in subs):
        for c in subs:
            out += [*_lists(c.title, c), *(Unit(c.title, leaf, []) for leaf in c.children)]
        return out
    return out + [Unit("", c, []) for c in subs]


def listed_count(node: Node) -> int:
    """How many items below ``node`` are listed by name in a run-in paragraph."""
    return sum(len(u.names) for u in item_units(node))


def read_items(q: Question, node: Node, lines: Lines, unit_lines: Callable[[Node], list[str]]) -> list[dict] | None:
    """Items of group ``q`` with which ``lines`` (the section, built) writes each item below
    ``node`` as the document has it; None when some item cannot be read.  ``unit_lines``
    gives the document's lines of a node's content."""
    units = item_units(node)
    title = summary_field(q)
    if not units or title is None or any(u.node.children for u in units):
        return None
    items: list[dict[str, Any]] = [{title.key: t} for u in units for t in u.titles()]
    parents = [u.parent for u in units for _ in u.titles()]
    by = _group_field(q, title, parents, items, lines) or ""  # ungrouped items leave it unanswered
    if any(parents):
        if not by:
            return None
        for item, parent in zip(items, parents, strict=True):
            item[by] = parent
    i = 0
    for u in units:
        target = unit_lines(u.node if u.names else Node("", 0, children=[u.node]))
        got = _read_run(q, items, i, len(u.titles()), target, lines, (by, title.key))
        if got is None:
            return None
        if u.names:
            got = _unnest(title.key, q.key, items, i, got, lines)
        items[i:i + len(got)] = got
        i += len(got)
    return items


def _group_field(q: Question, title: Question, parents: list[str], items: list[dict], lines: Lines) -> str | None:
    """The text field whose value the type writes as the heading above its items."""
    distinct = list(dict.fromkeys(parents))
    for f in q.fields:
        if f.kind != "text" or f is title:
            continue
        slots = {p: slot_for(f, n) for n, p in enumerate(distinct, 1)}
        if any(s is None or s.kind != "text" for s in slots.values()):
            continue
        trial = [{**item, f.key: slots[parent].value} for item, parent in zip(items, parents, strict=True)]
        got = lines({q.key: trial})
        if got is not None and all(s.text in got for s in slots.values()):
            return f.key
    return None


def _read_run(q: Question, items: list[dict], i: int, k: int, target: list[str], lines: Lines,
              keys: tuple[str, str]) -> list[dict] | None:
    """Items ``i`` … ``i + k - 1`` with their fields read from ``target`` (their lines): the
    field ``keys[0]`` (the heading they are grouped under) stays as it is, ``keys[1]`` (the
    name) is each item's own, every other field is shared."""
    by, name = keys
    choices = [f for f in q.fields if f.kind in ("choice", "confirm")]
    options = [_options(f, items[i]) for f in choices]
    best: tuple[int, list[dict]] | None = None
    for combo in itertools.islice(itertools.product(*options), MAX_COMBINATIONS):
        item = {**items[i], **{f.key: v for f, v in zip(choices, combo, strict=True)}}
        names = {f"{name}#{j}": slot for j in range(k) if (slot := _name_slot(q, name, j, item)) is not None}
        for shared in _variants(q, item, by, name):
            slots = {**shared, **names}
            run = [{**item, **{key: s.value for key, s in shared.items()}, name: names[f"{name}#{j}"].value}
                   for j in range(k)]
            got = lines({q.key: [*items[:i], *run, *items[i + k:]]})
            if got is None:
                continue
            template = "\n".join(x for x in got if marked(x, slots))
            found = invert(template, "\n".join(target), slots)
            length = unmarked_length(template, slots) if found is not None else 0
            if found is not None and (best is None or length > best[0]):
                values = {key: v for key, v in found.items() if key in shared}
                best = (length, [
                    {**item, **values, name: found.get(f"{name}#{j}", items[i + j][name])} for j in range(k)])
    return best[1] if best else None


def _name_slot(q: Question, name: str, j: int, item: dict) -> Slot | None:
    f = next(f for f in q.fields if f.key == name)
    return slot_for(f, _NAMES_FROM + j, item)


def _variants(q: Question, item: dict, by: str, name: str) -> list[Slots]:
    """Markers for the fields other than ``by`` and ``name``: all of them; without those
    marked by a date in place of their text (a 落实时限 the text may omit); and without each
    optional field in turn (left at its default: an item with no progress note)."""
    kinds = {f.key: f.kind for f in q.fields}
    every: Slots = {}
    for n, f in enumerate(q.fields, 1):  # one item (or run) is marked at a time
        slot = slot_for(f, n, item) if f.key not in (by, name) and f.kind in CAPTURE else None
        if slot is not None:
            every[f.key] = slot
    out = [every, {k: v for k, v in every.items() if v.kind == kinds[k]}]
    out += [{k: v for k, v in every.items() if k != f.key} for f in q.fields if f.optional and f.key in every]
    return out


def _unnest(key: str, group: str, items: list[dict], i: int, run: list[dict], lines: Lines) -> list[dict]:
    """A run's names (field ``key``) with the double quotation marks they had before the
    list quoted them."""
    def render(names: list[str]) -> list[str] | None:
        trial = [{**item, key: n} for item, n in zip(run, names, strict=True)]
        return lines({group: [*items[:i], *trial, *items[i + len(run):]]})

    written = [item[key] for item in run]
    restored = unnested(written, lambda names: render(names) == render(written))
    return [{**item, key: n} for item, n in zip(run, restored, strict=True)]


def _options(f: Question, item: dict) -> list[Any]:
    """The values of a choice, the item's own (or the default) first."""
    values = list(f.choices) if f.kind == "choice" else [True, False]
    first = item.get(f.key, f.default if not callable(f.default) else None)
    return [first, *(v for v in values if v != first)] if first in values else values
