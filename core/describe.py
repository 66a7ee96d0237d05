"""``gongwen show TYPE``: what a type asks, which sections it can write, and from what.

Each built-in section is listed with its key (what the outline names), its default title, a
sample of what it writes with the default answers, the answers its builder reads, and the
sentences no answer changes (to change those, give the section your own ``paragraphs``).
"""

from __future__ import annotations

import re
from typing import Any

from .doctype import Context, DocumentType
from .kinds import KINDS
from .model import Section, number_sections
from .outline import heading_title, outline_lines
from .questions import iter_questions, resolve, show_value

_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


class _Reads(dict):
    """Answers that remember which of them were read."""

    def __init__(self, answers: dict) -> None:
        super().__init__(answers)
        self.read: list[str] = []

    def __getitem__(self, key: str) -> Any:
        self.read.append(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.append(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.append(str(key))
        return super().__contains__(key)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if len(value) >= 2 else []
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return [str(value)] if isinstance(value, int) and not isinstance(value, bool) else []


def section_lines(dt: DocumentType) -> list[str]:
    """Every built-in section: key, title, a sample, the answers it reads, its fixed sentences."""
    from .clock import today

    keys = {s.key for s in dt.sections}
    answers = resolve(dt.questions, {}, keys).answers
    words = dt.words(answers)
    default_keys = {e.key for e in dt.base_outline(answers)}
    lines = []
    for s in dt.sections:
        entry = dt.known_keys()[s.key]
        title = heading_title(entry, words)
        where = "默认提纲中有" if s.key in default_keys else "可加入提纲"
        lines.append(f"  {s.key}  {title}（{'一二三四五'[s.level - 1]}级标题；{where}）")
        if s.build is None:
            lines.append("      只是标题，内容为其下各章节")
            continue
        reads = _Reads(answers)
        try:
            content = list(s.build(Context(reads, words, today(), s.key, title, frozenset(keys))))
        except Exception as exc:  # noqa: BLE001 - a description must not fail on one section
            lines.append(f"      （无法用默认回答生成：{type(exc).__name__}）")
            continue
        paras = number_sections([Section(title, [c for c in content if not isinstance(c, Section)],
                                         [c for c in content if isinstance(c, Section)])])
        text = "".join(p.lead + p.text + p.rest for p in paras[1:])
        sample = text if len(text) <= 60 else text[:58] + "……"
        lines.append(f"      生成：{sample or '（默认回答下没有内容：其下没有章节时，这一章节不写）'}")
        used = [k for k in dict.fromkeys(reads.read) if k in answers]
        if used:
            lines.append(f"      用到的回答：{'、'.join(used)}")
        given = [v for k in used for v in _strings(answers[k])]
        fixed = [sent for m in _SENTENCE.finditer(text) if (sent := m.group().strip())
                 and not any(v in sent or sent.rstrip("。！？；") in v for v in given)]
        if fixed:
            lines.append(f"      固定的句子：{''.join(fixed)[:80]}")
    return lines


def describe_type(dt: DocumentType) -> list[str]:
    """The whole of ``gongwen show``."""
    defaults = resolve(dt.questions, {}).answers
    out = [f"{dt.name}（{dt.id}，插件 {dt.plugin}）"]
    if dt.description:
        out.append(dt.description)
    out.append("\n问题：")
    for path, q in iter_questions(dt.questions):
        depth = path.count("[]")
        pad = "  " * (depth + 1)
        extra = []
        if q.when is not None:
            extra.append(f"{q.describe_when()}才问")
        if q.section:
            extra.append(f"章节 {q.section} 在提纲中时才问")
        if q.computed:
            extra.append("默认值由前面的回答生成，随之更新")
        note = f"（{'；'.join(extra)}）" if extra else ""
        out.append(f"{pad}{path.split('.')[-1]}  {q.label}  [{KINDS[q.kind].name}]{note}")
        if depth == 0 and q.key in defaults:
            out.append(f"{pad}    默认：{show_value(q, defaults[q.key])}")
    out.append("\n默认提纲：")
    out += [f"  {line}" for line in outline_lines(dt.base_outline(defaults), dt.words(defaults))]
    out.append("\n章节（提纲中写 { key = \"…\" }，可改名、调序、删除；写 paragraphs 则用自己的段落代替）：")
    out += section_lines(dt)
    return out
