"""Facts an imported document states, for the questions many types share.

A type that declares a question under one of these keys (``unit``, ``org_kind``, ``year``,
``meeting_date``, ``inspect``, ``inspection_group``, ``superior``) has it filled from the
document's title, opening, 落款 and text, as docs/plugins.md ("Importing documents") lists.
A fact the type's checks refuse is dropped again by the importer; nothing here is
specific to one type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from .import_parse import Parsed, Table
from .questions import Question

_ORG = ("党总支", "党支部", "党工委", "党委", "党组")
_GROUP = re.compile(r"((中央|省委|市委|州委|盟委|县委|区委|旗委)"
                    r"(?:第[一二三四五六七八九十]+|[一二三四五六七八九十]+|[xX]{2})?轮?(?:巡视|巡察)组)")
_DATE = re.compile(r"((?:\d{4}年)?\d{1,2}月\d{1,2}日)")
_NOT_UNIT = ("主题教育", "专题", "民主生活会", "巡视", "巡察", "整改", "学习教育", "年度", "关于")


def _texts(parsed: Parsed) -> list[str]:
    out = [parsed.title, *parsed.front, *(b for b in parsed.preamble if isinstance(b, str))]
    for node in parsed.nodes():
        out.append(node.title)
        out += [b for b in node.blocks if isinstance(b, str)]
    return out + [parsed.signature]


def _whole(parsed: Parsed) -> str:
    return "\n".join(_texts(parsed))


def _count(text: str, word: str) -> int:
    """Occurrences of an organisation kind ("党组", not the "党组" of "党组织")."""
    return len(re.findall(re.escape(word) + ("(?!织)" if word == "党组" else ""), text))


def org_kind(parsed: Parsed, q: Question) -> str | None:
    choices = [c for c in q.choices if c]
    for source in (parsed.title, parsed.signature):
        found = [c for c in choices if _count(source, c)]
        if found:
            return max(found, key=len)
    text = _whole(parsed)
    counts = {c: _count(text, c) for c in choices}
    best = max(counts, key=lambda c: counts[c], default=None)
    return best if best and counts[best] else None


def unit(parsed: Parsed, q: Question) -> str | None:
    sig = parsed.signature.split("\n")[0]
    m = re.match(r"^(?:中共)?(.{2,30}?)(?:" + "|".join(_ORG) + ")$", sig)
    if m:
        return m.group(1)
    m = re.match(r"^(?:\d{4}年度?)?(?:中共)?(.{2,20}?)(?:" + "|".join(_ORG) + ")", parsed.title)
    if m and not any(w in m.group(1) for w in _NOT_UNIT) and not re.search(r"[xX×]{2}", m.group(1)):
        return m.group(1)
    return None


def year(parsed: Parsed, q: Question) -> int | None:
    m = re.search(r"(20\d{2}|19\d{2})年", parsed.title)
    return int(m.group(1)) if m else None


def inspect(parsed: Parsed, q: Question) -> str | None:
    choices = [c for c in q.choices if c]
    for source in (parsed.title, _whole(parsed)):
        counts = sorted(((source.count(c), c) for c in choices), reverse=True)
        if counts and counts[0][0] and (len(counts) == 1 or counts[0][0] > counts[1][0]):
            return counts[0][1]
    return None


def inspection_group(parsed: Parsed, q: Question) -> str | None:
    m = _GROUP.search(_whole(parsed))
    return m.group(1) if m else None


def superior(parsed: Parsed, q: Question) -> str | None:
    m = _GROUP.search(_whole(parsed))
    return m.group(2) if m else None


#: A date (or 上旬/中旬/下旬 of a month) with "召开" after it in the same clause: "拟于2024年4月中旬召开".
_HELD_ON = re.compile(r"((?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|[上中下]旬))[^，。；]{0,12}召开")


def meeting_date(parsed: Parsed, q: Question) -> str | None:
    """The date a meeting was or will be held on: the date before "召开" in a clause, else the
    date of the first sentence that says 召开 or 会议时间 — not a date beside a document's title
    that holds the word (《关于召开……的通知》)."""
    sentences = [re.sub(r"《[^》]*》", "", s) for text in _texts(parsed) for s in re.split(r"[。；]", text)]
    for sentence in sentences:
        m = _HELD_ON.search(sentence)
        if m:
            return m.group(1)
    for sentence in sentences:
        if "召开" in sentence or "会议时间" in sentence:
            m = _DATE.search(sentence)
            if m:
                return m.group(1)
    return None


#: answer key → how the document states it.
FACTS: dict[str, Callable[[Parsed, Question], Any]] = {
    "year": year,
    "unit": unit,
    "org_kind": org_kind,
    "inspect": inspect,
    "inspection_group": inspection_group,
    "superior": superior,
    "meeting_date": meeting_date,
}
_KINDS = {"year": ("integer",), "unit": ("text",), "org_kind": ("choice",), "inspect": ("choice",),
          "inspection_group": ("text",), "superior": ("text",), "meeting_date": ("date",)}


def recognise(parsed: Parsed, questions: list[Question],
              declared: Mapping[str, str | Callable[[str], Any]] | None = None) -> dict[str, Any]:
    """The facts the document states, for those of ``questions`` (top level) that take them:
    first as the type declares (``DocumentType.recognise``), then the well-known keys."""
    out: dict[str, Any] = {}
    text = _whole(parsed)
    keys = {q.key for q in questions}
    for key, how in (declared or {}).items():
        if key not in keys:
            continue
        if isinstance(how, str):
            m = re.search(how, text)
            value = (m.group(1) if m.groups() else m.group(0)) if m else None
        else:
            try:
                value = how(text)
            except Exception:  # noqa: BLE001 - a plugin's recogniser failing costs only its fact
                value = None
        if value is not None:
            out[key] = value
    for q in questions:
        fact = FACTS.get(q.key)
        if q.key in out or fact is None or q.kind not in _KINDS[q.key]:
            continue
        value = fact(parsed, q)
        if value is not None and (q.kind != "choice" or value in q.choices):
            out[q.key] = value
    return out


def table_text(table: Table) -> list[str]:
    """A table as lines of text (where only text can go)."""
    return ["\t".join(r) for r in [table.columns, *table.rows]]
