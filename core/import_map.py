"""A parsed document mapped onto a document type: the answers and the outline that render it.

- The type is the one whose name the title matches, or whose sections the headings match
  (``detect_type``); else the generic type (通用公文).
- A heading that matches one of the type's sections becomes that section (renamed where the
  wording differs).  When the type's builder, given answers filled from the section's text
  (:mod:`gongwen.import_fill`), writes that text back, the answers are kept and the builder
  is used; else the section keeps its paragraphs as written.  Everything else becomes the
  user's own sections, with paragraphs, tables and the numbering it had, so nothing is lost.
- Title, 主送, opening, 附件, 落款 and 成文日期 fill the type's questions; facts the text states
  (:mod:`gongwen.import_facts`) fill questions such as the unit or the meeting date.  Answers
  the type's checks refuse are dropped again, so that the result always renders.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import import_fill as fill
from .doctype import DocumentType
from .import_counts import UNLISTED, unlisted
from .import_draft import invert_draft
from .import_facts import recognise, table_text
from .import_items import listed_count, top_groups
from .import_parse import Appendix, Node, Parsed, Table
from .kinds import KINDS
from .kit.words import fill_known
from .questions import Answers, Question, resolve

GENERIC = "generic"
_PUNCT = re.compile(r"[\W_]|[xX]{2,}")
#: How alike a heading and a section title must be to be taken as the same section.
SECTION_MATCH = 0.6
#: How alike a title and a type's name must be for the type to be chosen by its title.
TITLE_MATCH = 0.7


def norm(text: str) -> str:
    return _PUNCT.sub("", text)


def likeness(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    if a in b or b in a:
        ratio = max(ratio, 0.75 + 0.25 * min(len(a), len(b)) / max(len(a), len(b)))
    return ratio


def title_likeness(title: str, name: str) -> float:
    """How much of a type's name the title holds, in order (years and units aside)."""
    t, n = norm(re.sub(r"[（(][^）)]*[）)]", "", title)), norm(re.sub(r"[（(][^）)]*[）)]", "", name))
    if not t or not n:
        return 0.0
    matched = sum(b.size for b in difflib.SequenceMatcher(None, t, n, autojunk=False).get_matching_blocks())
    return matched / len(n)


def section_titles(dt: DocumentType) -> dict[str, str]:
    """Each section's default title with its ``{word}`` fields filled from default answers."""
    try:
        words = dt.words(resolve(dt.questions, {}).answers)
    except Exception:  # noqa: BLE001 - a type whose vocabulary needs real answers
        words = {}
    return {s.key: fill_known(s.title, words) for s in dt.sections}


def detect_type(parsed: Parsed, types: Mapping[str, DocumentType]) -> tuple[DocumentType | None, str]:
    """The type the document is, with the reason (None: no type fits, use the generic one)."""
    best, best_score, why = None, 0.0, ""
    headings = [n for n in parsed.headings() if n.level <= 2]
    for dt in types.values():
        if dt.id == GENERIC or not dt.sections:
            continue
        score_title = title_likeness(parsed.title, dt.name) if parsed.title else 0.0
        titles = list(section_titles(dt).values())
        hits = sum(1 for n in headings if max((likeness(n.title, t) for t in titles), default=0) >= SECTION_MATCH)
        tops = sum(1 for n in headings if n.level == 1) or len(headings)
        score_sections = min(1.0, hits / tops) if tops else 0.0
        score = score_title + 0.5 * score_sections
        if score > best_score:
            best, best_score = dt, score
            why = (f"标题与“{dt.name}”相符" if score_title >= TITLE_MATCH
                   else f"{hits} 个标题与“{dt.name}”的章节相符")
    if best is None:
        return None, ""
    title_ok = parsed.title and title_likeness(parsed.title, best.name) >= TITLE_MATCH
    hits_ok = len(headings) >= 3 and best_score >= 0.5 * 0.6
    return (best, why) if title_ok or (not parsed.title and hits_ok) else (None, "")


# ---------------------------------------------------------------- the result


@dataclass
class Mapped:
    """Answers (with ``outline``) for ``doctype`` and what the report says about them."""

    doctype: DocumentType
    raw: Answers = field(default_factory=dict)
    #: (heading as written, section key, how it was kept: "builder" or "text")
    sections: list[tuple[str, str, str]] = field(default_factory=list)
    own: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)
    kept_aside: list[str] = field(default_factory=list)  # text written into the answers file's comments
    notes: list[str] = field(default_factory=list)
    #: Sections whose builder writes the text, with the source heading it must give back.
    built: dict[str, Node] = field(default_factory=dict)


def short_label(q: Question) -> str:
    """A question's label without the hint in brackets at its end ("单位名称（简称…）" → "单位名称")."""
    return re.sub(r"（[^（）]*）$", "", q.label).strip() or q.label


def _question(dt: DocumentType, key: str, kinds: tuple[str, ...] = ("text", "multiline")) -> Question | None:
    q = next((q for q in dt.questions if q.key == key and not q.section), None)
    return q if q is not None and q.kind in kinds else None


def _strings(blocks: list) -> list[str]:
    return [b for b in blocks if isinstance(b, str)]


# ---------------------------------------------------------------- outline


def _own(node: Node, key: str = "", sd_entry: Any = None) -> list[dict]:
    """Outline entries for ``node``: its own, plus a continuation after each table."""
    ref = sd_entry
    entry: dict[str, Any] = {"key": key} if key else {}
    if ref is None or node.title != ref.title:
        entry["title"] = node.title
    if node.level != (ref.level if ref is not None else 1):
        entry["level"] = node.level
    style = "yishi" if node.style == "yishi" else "heading"
    for name, value, default in (("run_in", node.run_in and style == "heading", False),
                                 ("numbered", node.numbered, True), ("style", style, "heading")):
        if value != (getattr(ref, name) if ref is not None else default):
            entry[name] = value
    if node.counter:
        entry["counter"] = node.counter
    entry["paragraphs"] = []
    out = [entry]
    sub = min(node.level + 1, 5)
    for b in node.blocks:
        last = out[-1]
        if isinstance(b, Table):
            if "table" in last:
                last = {"title": "（续）", "level": sub, "style": "plain", "paragraphs": []}
                out.append(last)
            last["table"] = [list(b.columns), *[list(r) for r in b.rows]]
        elif getattr(b, "lead", "") and sub > node.level:  # "会议时间：……" with its words in bold
            rest = b[len(b.lead):].strip()
            out.append({"title": b.lead, "level": sub, "style": "field", "paragraphs": [rest] if rest else []})
        elif "table" in last or last.get("paragraphs") == [] and last.get("style") == "field":
            # after a table or a lead standing alone ("会议议程："), the text goes on below it
            out.append({"title": "（续）", "level": sub, "style": "plain", "paragraphs": [b]})
        else:
            last["paragraphs"].append(b)
    return out


def _match_sections(nodes: list[Node], dt: DocumentType) -> dict[int, str]:
    """Each source heading (by id) that is one of the type's sections → the section key."""
    titles = section_titles(dt)
    pairs = []
    for n in nodes:
        if not (n.blocks or n.children):
            continue  # an empty built-in section is left out of the document: keep it as the user's
        for sd in dt.sections:
            score = likeness(n.title, titles[sd.key]) - 0.08 * abs(n.level - sd.level)
            if score >= SECTION_MATCH:
                pairs.append((score, id(n), sd.key))
    out: dict[int, str] = {}
    used: set[str] = set()
    for _, nid, key in sorted(pairs, key=lambda p: -p[0]):
        if nid not in out and key not in used:
            out[nid] = key
            used.add(key)
    return out


def build_outline(parsed: Parsed, dt: DocumentType, raw: Answers, m: Mapped,
                  as_text: frozenset[str] = frozenset()) -> list[dict]:
    """Outline entries for the body; sections in ``as_text`` keep their text as written."""
    nodes = list(parsed.nodes())
    keys = _match_sections(nodes, dt)
    kept = frozenset(keys.values())
    outline: list[dict] = []
    skip: set[int] = set()
    for node in nodes:
        if id(node) in skip:
            continue
        key = keys.get(id(node))
        if key is None:
            outline += _own(node)
            m.own.append(node.written or node.title)
            continue
        sd = dt.by_key[key]
        found = None if key in as_text else fill.fill_section(dt, key, node, raw, kept)
        if found is not None:
            raw.update(found)
            entry = _own(Node(node.title, node.level, node.number, node.numbered, node.run_in, [], [],
                              node.counter, node.style), key, sd.entry)[0]
            del entry["paragraphs"]
            outline.append(entry)
            for sub in node.walk():
                skip.add(id(sub))
            m.sections.append((node.written or node.title, key, "builder"))
            m.built[key] = node
            m.notes += _items_read(dt, node, found)
        else:
            outline += _own(node, key, sd.entry)
            m.sections.append((node.written or node.title, key, "text"))
    return outline


def _items_read(dt: DocumentType, node: Node, found: dict) -> list[str]:
    """What the report says of a general group read back item by item from ``node``."""
    out = []
    for q in dt.questions:
        if q.section or not KINDS[q.kind].nested or not isinstance(found.get(q.key), list):
            continue
        listed = listed_count(node)
        out.append(f"“{short_label(q)}”按“{node.written or node.title}”逐项读回 {len(found[q.key])} {q.item}"
                   + (f"（其中 {listed} {q.item}在原文中合并列出）" if listed else ""))
    return out


# ---------------------------------------------------------------- the parts around the body


def _appendix_answer(a: Appendix) -> dict:
    texts = [b for b in a.blocks if isinstance(b, str)]
    tables = [b for b in a.blocks if isinstance(b, Table)]
    item: dict[str, Any] = {"title": a.title}
    if not tables:
        item["text"] = "\n".join(texts)
        return item
    first = a.blocks.index(tables[0])
    item["text"] = "\n".join(b for b in a.blocks[:first] if isinstance(b, str))
    item["columns"] = list(tables[0].columns)
    item["rows"] = [{"cells": list(r)} for r in tables[0].rows]
    after: list[str] = []
    for b in a.blocks[first + 1:]:
        after += table_text(b) if isinstance(b, Table) else [b]
    item["after"] = "\n".join(after)
    return item


def _parts(parsed: Parsed, dt: DocumentType, raw: Answers, outline: list[dict]) -> dict[str, str]:
    """Fill title, subtitle, 主送, opening, 附件 and closing; returns what the type must write
    by itself (parts without a question), for :func:`import_fill.invert_draft`."""
    targets: dict[str, str] = {}
    if parsed.title and _question(dt, "title", ("text",)):
        raw["title"] = parsed.title
    elif parsed.title:
        targets["title"] = parsed.title
    for part in ("subtitle", "recipient"):
        value = getattr(parsed, part)
        if _question(dt, part, ("text",)):
            raw[part] = value
        elif value:
            targets[part] = value
    opening = [*parsed.front, *parsed.preamble]
    texts = _strings(opening)
    first_table = next((i for i, b in enumerate(opening) if isinstance(b, Table)), len(opening))
    q = _question(dt, "preamble")
    if q is not None and (texts or q.optional):
        raw["preamble"] = "\n".join(b for b in opening[:first_table] if isinstance(b, str))
        rest = opening[first_table:]
        if rest:  # a table in the opening: "plain" entries join the opening after its text
            outline[:0] = [{**e, "style": "plain"} for e in _own(Node("（开头）", 1, blocks=rest))]
    elif texts:
        targets["preamble"] = "\n".join(texts)
    if _question(dt, "signature", ("text",)):
        raw["signature"] = parsed.signature
    elif parsed.signature:
        targets["signature"] = parsed.signature
    if _question(dt, "issue_date", ("date",)):
        raw["issue_date"] = parsed.date
    elif parsed.date:
        targets["date"] = parsed.date
    if _question(dt, "appendices", ("group",)):
        raw["appendices"] = [_appendix_answer(a) for a in parsed.appendices]
        titles = [a.title for a in parsed.appendices]
        if _question(dt, "attachments", ("list",)) and parsed.attachments and parsed.attachments != titles:
            raw["attachments"] = list(parsed.attachments)
    else:
        targets["appendices"] = str(len(parsed.appendices))
        if parsed.attachments:
            targets["attachments"] = "\n".join(parsed.attachments)
        for i, a in enumerate(parsed.appendices):
            targets[f"appendix{i}"] = a.title
            targets[f"appendix{i}.body"] = "\n".join(fill.node_lines(Node("", 0, blocks=a.blocks)))
    return targets


# ---------------------------------------------------------------- checking


def _drop_refused(dt: DocumentType, raw: Answers, m: Mapped) -> None:
    """Answers the type refuses are taken out again (the type's defaults stand instead)."""
    from .errors import GongwenError
    from .pipeline import prepare

    labels = {q.key: short_label(q) for q in dt.questions}
    for _ in range(8):
        try:
            problems = prepare(dt, raw).problems
        except GongwenError as exc:  # the type's own check failed on an imported value
            problems = []
            for key in [k for k in m.facts if k in raw]:
                m.notes.append(f"“{labels.get(key, key)}”的导入值未通过本文种的检查（{exc}），已改用默认值")
                del raw[key]
            m.facts.clear()
            continue
        if not problems:
            return
        removed = False
        for p in problems:
            key = re.split(r"[.\[]", p.path)[0]
            if key in raw and key != "outline":
                m.notes.append(f"“{labels.get(key, key)}”的导入值不符合本文种的要求（{p.message}），已改用默认值")
                m.facts.pop(key, None)
                del raw[key]
                removed = True
        if not removed:
            return


def map_document(parsed: Parsed, dt: DocumentType) -> Mapped:
    """Answers and outline with which ``dt`` renders ``parsed``; see the module's doc.

    A section whose builder, with the answers as finally checked, does not give back the
    source's text is mapped again with its text as written."""
    as_text: frozenset[str] = frozenset()
    while True:
        m = _map(parsed, dt, as_text)
        wrong = _not_given_back(dt, m)
        if not wrong:
            return m
        as_text |= wrong


#: The 版记 under the text (GB/T 9704 7.4): 抄送 and the line "某某办公室　2024年3月5日印发".
_IMPRINT = re.compile(r"^(?:抄送|分送|主送)[：:]|印发$")


def _tail(parsed: Parsed, dt: DocumentType, raw: Answers, m: Mapped, outline: list[dict]) -> None:
    """What follows the 成文日期: the 附注 ("（此件公开发布）") into ``note``; the 版记 (抄送, 印发)
    into the answers file's comments, as it belongs to the Word template like the 版头; any
    table or other text after the date as the user's own section at the end."""
    lines = [b.strip() for b in parsed.tail if isinstance(b, str)]
    imprint = [t for t in lines if _IMPRINT.search(t)]
    notes = [t for t in lines if t not in imprint and t[:1] in "（(" and t[-1:] in "）)"]
    rest = [b for b in parsed.tail if not isinstance(b, str) or b.strip() not in imprint + notes]
    if notes and _question(dt, "note", ("text",)):
        raw["note"] = "".join(notes)
    else:
        rest = [*notes, *rest]
    if imprint:
        m.kept_aside.append("版记：" + "\n".join(imprint))
        m.notes.append("成文日期后的版记（" + "、".join(t[:12] for t in imprint)
                       + "）未放入正文，已写在答案文件开头的注释中")
    if rest:
        outline += _own(Node("其他", 1, blocks=rest))
        m.notes.append("成文日期后的其他文字放在了正文末尾的“其他”一节，请核对位置")


def _map(parsed: Parsed, dt: DocumentType, as_text: frozenset[str]) -> Mapped:
    m = Mapped(dt)
    raw: Answers = m.raw
    facts = recognise(parsed, [q for q in dt.questions if not q.section], dt.recognise)
    raw.update(facts)
    outline: list[dict] = []
    targets = _parts(parsed, dt, raw, outline)
    m.facts = dict(facts)
    outline += build_outline(parsed, dt, raw, m, as_text)
    _tail(parsed, dt, raw, m, outline)
    if parsed.header:  # the 版头 belongs to the Word template, not to the text
        m.kept_aside.append("版头：" + "\n".join(parsed.header))
        m.notes.append("标题上方的版头（" + "、".join(parsed.header) + "）未放入正文，已写在答案文件开头的注释中；"
                       "红头和发文字号请做在 Word 模板里（gongwen template export 导出模板后修改）")
    raw["outline"] = outline
    _ledgers(parsed, dt, raw, m)
    if targets:
        kept = frozenset(e["key"] for e in outline if e.get("key"))
        fixed = {k for k in raw if k != "outline"}
        found = invert_draft(dt, raw, targets, fixed, kept)
        raw.update(found)
        m.facts.update({k: v for k, v in found.items() if not isinstance(v, (list, dict))})
    _drop_refused(dt, raw, m)
    _check_parts(dt, raw, targets, m)
    for q, f, n in unlisted(dt.questions, raw):
        m.notes.append(f"原文只写了“{short_label(q)}”中“{short_label(f)}”的条数（{n}），未列出内容，"
                       f"已按条数填入“{UNLISTED}”，请按原方案补全")
    for key in list(m.facts):
        if key not in raw:
            del m.facts[key]
    return m


def _tables(parsed: Parsed) -> list[Table]:
    blocks = [b for n in parsed.nodes() for b in n.blocks] + [b for a in parsed.appendices for b in a.blocks]
    return [b for b in [*parsed.preamble, *blocks] if isinstance(b, Table)]


def _ledgers(parsed: Parsed, dt: DocumentType, raw: Answers, m: Mapped) -> None:
    """A general repeating group the document left unanswered, filled from a table whose
    header names its fields (a ledger's rows)."""
    for q in top_groups(dt, raw):
        for table in _tables(parsed):
            items = fill.rows_of(q, table)
            if items:
                raw[q.key] = items
                m.notes.append(f"“{short_label(q)}”按表格“{'、'.join(table.columns)}”填写了 {len(items)} 项")
                break


def _not_given_back(dt: DocumentType, m: Mapped) -> frozenset[str]:
    """Sections written by their builder whose text differs from the source's."""
    from .errors import GongwenError
    from .pipeline import build, prepare

    if not m.built:
        return frozenset()
    try:
        doc = build(prepare(dt, m.raw))
    except GongwenError:
        return frozenset(m.built)
    found = {}
    stack = list(doc.sections)
    while stack:
        sec = stack.pop()
        if sec.key:
            found[sec.key] = sec
        stack += sec.children
    wrong = set()
    for key, node in m.built.items():
        sec = found.get(key)
        if sec is None or fill.lines_of([*sec.blocks, *sec.children]) != fill.node_lines(node):
            wrong.add(key)
    return frozenset(wrong)


_PART_NAMES = {"title": "标题", "subtitle": "副标题", "recipient": "主送机关", "preamble": "开头段落",
               "signature": "落款", "date": "成文日期", "appendices": "附件", "attachments": "附件说明"}


def _check_parts(dt: DocumentType, raw: Answers, targets: dict[str, str], m: Mapped) -> None:
    """Parts the type writes by itself and could not write as the document has them."""
    if not targets:
        return
    kept = frozenset(e["key"] for e in raw.get("outline", []) if e.get("key"))
    answers = fill.resolved(dt, raw, kept)
    draft = fill.draft_of(dt, answers, kept)
    texts = fill.draft_texts(draft) if draft is not None else {}
    for part, target in targets.items():
        if fill.norm_text(texts.get(part, "")) == fill.norm_text(target):
            continue
        name = _PART_NAMES.get(part.split(".")[0].rstrip("0123456789"), "附件")
        if name in m.lost:
            continue
        m.lost.append(name)
        if part not in ("appendices",) and target.strip():
            m.kept_aside.append(f"原文{name}：{target}")
