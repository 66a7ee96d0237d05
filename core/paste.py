"""A pasted list (a 问题清单 copied from Word) read into the items of a list or group question.

The lines become a tree by their numbering, as the import reads headings
(:func:`gongwen.import_parse.item_number`: ``一、`` ``（一）`` ``1.`` ``（1）`` ``①``, full- or
half-width): the first form met is the outermost level, the next new form one level down.
Where Word's automatic numbering was not copied, a deeper indent (tabs, spaces) is a level
down, and a line that names a field ("整改措施：……", "责任领导：……") belongs to the item above.

The tree is then read by the question's fields: an item's own line is its summary field (an
aspect's title, a problem); the items below it go into its nested group, else its list field
(measures); "整改措施：一是……；二是……" fills the field it names, a run-in enumeration split into
its parts (:func:`gongwen.import_parse.run_in_items`).  Without numbers or indents, lines that
end in "方面" are the outer items of a group whose items hold a group.  The text is only
split, never rewritten: each value is a piece of a pasted line, its end punctuation removed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from .import_parse import item_number, run_in_items, split_title
from .import_read import SPACE, clean
from .kinds import KINDS, summary_field
from .questions import Question

#: "标签：内容" at the start of a line: a field named by its label.
CUE = re.compile(r"^([^：:，,。；;、\s]{1,10})[：:]\s*(.*)$", re.S)
#: A measures cue that a line runs into after its problem: "1. 问题。整改措施：……".
RUN_ON_CUE = re.compile(r"(?<=[。；;\s])(?=(?:整改|具体)?措施[：:])")
_SEPARATOR = "；;，,、 "
_END = "。" + _SEPARATOR
ASPECT = "方面"


@dataclass
class Node:
    """One pasted line with the lines under it: ``body`` (unnumbered lines and field
    cues, in order) and ``children`` (the items a level down)."""

    title: str
    indent: int = 0
    body: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


def parse_paste(text: str, q: Question) -> list[Any]:
    """The items (list of texts, or of group items) that ``text`` gives question ``q``."""
    return values(q, tree(text, q))


# ---------------------------------------------------------------- lines into a tree


def indent_of(raw: str) -> int:
    """How far a line is indented: a tab counts four spaces, a full-width space two."""
    width = 0
    for ch in raw:
        if ch not in SPACE:
            break
        width += {"\t": 4, "\u3000": 2}.get(ch, 1)
    return width


def lines(text: str) -> list[tuple[int, str]]:
    """(indent, cleaned text) of every non-empty line; a measures cue run on after a problem
    ("1. 问题。整改措施：……") starts a line of its own."""
    out = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        indent = indent_of(raw)
        for part in RUN_ON_CUE.split(clean(raw)):
            if part.strip(SPACE):
                out.append((indent, clean(part)))
    return out


def without_lead(found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines without the ones that introduce a numbered list ("会议议程：", "存在的主要问题如下：")."""
    numbered = [number(line) is not None for _, line in found]
    start = 0
    while start < len(found) - 1 and not numbered[start] and found[start][1].endswith(("：", ":")) \
            and any(numbered[start + 1:]):
        start += 1
    return found[start:]


def number(text: str) -> tuple[int, int] | None:
    """(level, length) of the number a line starts with (full-width digits read as digits)."""
    found = item_number(text)  # full-width digits too (\d and the numerals read them)
    return (found[0], found[2]) if found else None


def tree(text: str, q: Question) -> list[Node]:
    """The pasted lines as a tree (see the module's docstring)."""
    names = cue_names(q)
    root = Node("", indent=-1)
    stack: list[tuple[tuple[str, int] | None, Node]] = [(None, root)]
    for indent, line in without_lead(lines(text)):
        found = number(line)
        top_key, top = stack[-1]
        if found is None and cue(line, names):
            top.body.append(line)
            continue
        key = ("n", found[0]) if found else ("u", indent)
        keys = [k for k, _ in stack]
        if found is None and key not in keys and top_key and top_key[0] == "n" and indent <= top.indent:
            top.body.append(line)  # a paragraph under a numbered item, not an item
            continue
        if key in keys:
            del stack[keys.index(key):]
        node = Node(line[found[1]:].strip(SPACE) if found else line, indent)
        stack[-1][1].children.append(node)
        stack.append((key, node))
    return root.children


# ---------------------------------------------------------------- field cues


def label_names(f: Question) -> list[str]:
    """The names a line may give a field: its label before "（", each side of a "/"."""
    core = re.split(r"[（(]", f.label, maxsplit=1)[0].strip()
    return [n for n in core.split("/") if n]


def cue_names(q: Question) -> set[str]:
    """Every field name of ``q``'s items, at any depth, but those that name an item."""
    names: set[str] = set()
    summary = summary_field(q) if q.fields else None
    for f in q.fields:
        if f is not summary:
            names.update(label_names(f))
        names |= cue_names(f)
    return names


def cue(line: str, names: set[str]) -> tuple[str, str] | None:
    """(label, value) of a line "标签：内容" whose label is one of ``names`` or ends as one
    does (存在问题 for 整改问题, 完成时限 for 落实时限)."""
    m = CUE.match(line)
    if not m:
        return None
    label = m.group(1)
    if label in names or any(len(n) >= 2 and label[-2:] == n[-2:] for n in names):
        return label, m.group(2)
    return None


def field_for(q: Question, label: str) -> Question | None:
    """The field of ``q`` a cue's label names: the same name, else one ending alike (not the
    field that names the item)."""
    for f in q.fields:
        if label in label_names(f):
            return f
    summary = summary_field(q)
    return next((f for f in q.fields if f is not summary and any(
        len(n) >= 2 and label[-2:] == n[-2:] for n in label_names(f))), None)


def cues_of(line: str, q: Question) -> list[tuple[Question, str]]:
    """The fields of ``q`` a body line gives, with their values: "责任领导：……" or several
    on one line ("责任领导：区长；牵头单位：区发改委")."""
    names = {n for f in q.fields for n in label_names(f)}
    whole = cue(line, names)
    if whole is None:
        return []
    parts = [p for p in re.split(r"[；;]\s*|\t|\u3000| {2,}", line) if p.strip()]
    found = [cue(p, names) for p in parts]
    pairs = found if len(parts) > 1 and all(found) else [whole]
    out = []
    for label, value in pairs:  # type: ignore[misc]
        f = field_for(q, label)
        if f is not None:
            out.append((f, value))
    return out


# ---------------------------------------------------------------- the tree into values


def child_field(q: Question) -> Question | None:
    """The field the items below an item go into: its group, else its list."""
    nested = [f for f in q.fields if f.kind in ("group", "list")]
    return next((f for f in nested if f.kind == "group"), nested[0] if nested else None)


def titled_text(q: Question) -> Question | None:
    """The multi-line field right after the summary ("标题" then "内容"): the text an item's
    line runs on with after its title ("1. 坚持理论武装。把……")."""
    fields = list(q.fields)
    summary = summary_field(q)
    at = fields.index(summary) + 1 if summary in fields else len(fields)
    return fields[at] if at < len(fields) and fields[at].kind == "multiline" else None


def grouping_field(q: Question) -> Question | None:
    """A text field before the summary ("所属方面" before "问题"): the heading above items."""
    summary = summary_field(q)
    before = list(q.fields)[: list(q.fields).index(summary)] if summary else []
    return next((f for f in before if f.kind == "text"), None)


def trim(text: str) -> str:
    return text.strip(SPACE).rstrip(_END).strip(SPACE)


def parts(text: str) -> list[str]:
    """A line's list items: its run-in parts ("一是……；二是……"), else the line (without the
    "一是" of a list of one)."""
    whole = [text[2:] if text.startswith("一是") else text]
    return [p for p in (trim(x) for x in run_in_items(text) or whole) if p]


def values(q: Question, nodes: list[Node]) -> list[Any]:
    """The value of list or group ``q`` from the pasted ``nodes``."""
    if q.kind != "group":
        own = set(label_names(q))
        return [p for n in nodes for p in node_texts(n, own)]
    nodes = regroup(q, nodes)
    by, child = grouping_field(q), child_field(q)
    headed = any(n.children and (any(c.body or c.children for c in n.children)
                                 or trim(n.title).endswith(ASPECT)) for n in nodes)
    if by is not None and headed:
        return [{by.key: trim(n.title), **item(q, c)} for n in nodes for c in n.children]
    if (child is None or child.kind != "group") and any(c.body or c.children for n in nodes for c in n.children):
        # headings above the items ("一、……方面") where the items have no field for them: the
        # items are the lines under the headings (their measures below them), not the headings
        return [item(q, c) for n in nodes for c in (n.children or [n])]
    return [item(q, n) for n in nodes]


def node_texts(n: Node, own: Collection[str] = ()) -> list[str]:
    """Every list item a node gives: its line, its body lines and the items below it, each
    without a label naming the list (``own``, or a 措施 one)."""
    return [*parts(cue_value(n.title, own)), *(p for b in n.body for p in parts(cue_value(b, own))),
            *(p for c in n.children for p in node_texts(c, own))]


def cue_value(line: str, own: Collection[str] = ()) -> str:
    """A list line without a "整改措施：" label (or one of ``own``)."""
    m = CUE.match(line)
    return m.group(2) if m and ("措施" in m.group(1) or m.group(1) in own) else line


def regroup(q: Question, nodes: list[Node]) -> list[Node]:
    """Unnumbered, unindented lines of a group of groups: those ending in "方面" hold the
    lines after them."""
    child = child_field(q)
    if child is None or child.kind != "group" or any(n.children for n in nodes) \
            or not any(trim(n.title).endswith(ASPECT) for n in nodes):
        return nodes
    out: list[Node] = []
    for n in nodes:
        if trim(n.title).endswith(ASPECT) or not out:
            out.append(n)
        else:
            out[-1].children.append(n)
    return out


def item(q: Question, node: Node) -> dict[str, Any]:
    """One group item from a node: its line, the field cues and the items below it."""
    out: dict[str, Any] = {}
    summary, text_field = summary_field(q), titled_text(q)
    title, rest = split_title(node.title, 3) if text_field is not None else (node.title, "")
    if summary is not None:
        out[summary.key] = trim(title)
    if rest and text_field is not None:
        out[text_field.key] = rest
    child = child_field(q)
    body, children = node.body, node.children
    if child is not None and child.kind == "group" and not children:
        body, children = body_children(q, child, body)
    for line in body:
        given = cues_of(line, q)
        for f, value in given:
            put(out, f, value)
        if given:
            continue
        if child is not None and child.kind == "list":
            out.setdefault(child.key, []).extend(parts(line))
        elif text_field is not None:
            out[text_field.key] = "\n".join(filter(None, [out.get(text_field.key, ""), line]))
    if child is not None and children:
        if child.kind == "group":
            out[child.key] = values(child, children)
        else:
            for c in children:
                out.setdefault(child.key, []).extend(parts(c.title))
                for line in c.body:
                    for f, value in cues_of(line, q) or [(child, line)]:
                        put(out, f, value)
    return out


def body_children(q: Question, child: Question, body: list[str]) -> tuple[list[str], list[Node]]:
    """Body lines that are the items of a nested group (their numbers lost): each line not a
    field cue starts an item, the cue lines after it are its own."""
    own: list[str] = []
    children: list[Node] = []
    for line in body:
        if cues_of(line, q):
            own.append(line)
        elif not cues_of(line, child):
            children.append(Node(line))
        elif children:
            children[-1].body.append(line)
        else:
            own.append(line)
    return own, children


def put(out: dict[str, Any], f: Question, value: str) -> None:
    """A cue's value into field ``f`` of an item."""
    if f.kind == "list":
        out.setdefault(f.key, []).extend(parts(value))
    elif f.kind == "group":
        out.setdefault(f.key, []).extend(item(f, Node(p)) for p in parts(value))
    elif f.kind == "multiline":
        out[f.key] = value.strip(SPACE)
    elif KINDS[f.kind].on_screen:
        out[f.key] = value.strip(SPACE).rstrip(_SEPARATOR).strip(SPACE)


# ---------------------------------------------------------------- what was recognised


def counts(q: Question, value: list[Any]) -> list[tuple[int, str]]:
    """(how many, unit) at each level of ``value``: [(5, "个方面"), (14, "个问题"), (18, "条整改措施")]."""
    name = label_names(q)[0] if label_names(q) else ""
    unit = q.item if q.kind == "group" and q.item != "项" else ("项" if q.kind == "group" else "条") + name
    out = [(len(value), unit)]
    if q.kind != "group":
        return out
    for f in q.fields:
        if f.kind in ("group", "list"):
            inner = [x for it in value for x in (it.get(f.key) or [])]
            if inner:
                out += counts(f, inner)
    return out


def recognised(q: Question, value: list[Any]) -> str:
    """"识别出 5 个方面、14 个问题、18 条整改措施"."""
    return "识别出 " + "、".join(f"{n} {unit}" for n, unit in counts(q, value))
