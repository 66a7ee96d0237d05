"""Lists and short texts as official documents write them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from .. import questions as q
from ..model import Block, Enumeration, Paragraph, Section, circled
from ..questions import Answers, Question

#: How ``items`` are written (an outline entry's ``item_style``), with their Chinese names.
ITEM_STYLES = {
    "circled": "分行编号",  # ①…  ②…  one paragraph each
    "yishi": "一句列举",  # 一是…；二是…。 in one paragraph
    "lines": "分行",  # one paragraph each, no number
    "headings": "小标题",  # numbered sub-headings one level down ("（一）标题。正文")
}
ITEM_STYLE_NAMES = {**{v: k for k, v in ITEM_STYLES.items()}, **{k: k for k in ITEM_STYLES}}
#: A list answer may also be written in one sentence, joined with 、.
INLINE = "一句话"
#: The choices of a list-style question: the item styles' Chinese names and 一句话.
LIST_STYLES = (*ITEM_STYLES.values(), INLINE)
LIST_STYLE_HELP = "分行编号：①…分行；分行：每项一段；一句列举：一是…；二是…；小标题：（一）…；一句话：用顿号连成一句"
#: What each list style yields, shown beside the choice.
LIST_STYLE_HINTS = {"分行编号": "①第一项。②第二项。（每项一段）", "一句列举": "一是第一项；二是第二项。",
                    "分行": "第一项。第二项。（每项一段，不编号）",
                    "小标题": "（一）第一项。（二）第二项。（各为小标题）",
                    INLINE: "第一项、第二项……（连成一句）"}


@dataclasses.dataclass
class Item(Paragraph):
    """A list item written as its own paragraph (①… or a plain line).

    A ``field``/``yishi`` lead never runs into it: "会议议程：" stands on its own line.
    """


def full_stop(text: str) -> str:
    """The text ending in a full stop (or the ！？： it already ends with)."""
    text = text.strip()
    return text if text[-1:] in "。！？：" else text.rstrip("，,；;") + "。"


def end_sentence(text: str) -> str:
    """The text with one full stop at the end (headings that run into their paragraph)."""
    text = text.strip().rstrip("。.；;，,：:")
    return text + "。" if text else text


def clause(text: str) -> str:
    """An item to be joined into a sentence: no closing punctuation."""
    return text.strip().rstrip("。；;")


def paragraphs(text: str) -> list[Block]:
    """A multi-line answer as paragraphs, one per non-empty line."""
    return [Paragraph(p.strip()) for p in (text or "").split("\n") if p.strip()]


def item_blocks(items: Sequence[str], style: str = "circled") -> list[Block | Section]:
    """A list as the documents write it: ①… lines, "一是…；二是…。", plain lines or sub-headings.

    A sub-heading item "标题。正文" runs into its text after the first full stop.
    """
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        return []
    style = ITEM_STYLE_NAMES.get(style, style)
    if style == "yishi":
        return [Enumeration(items, "yishi")]
    if style == "lines":
        return [Item(full_stop(i)) for i in items]
    if style == "headings":
        out: list[Block | Section] = []
        for i in items:
            head, _, rest = full_stop(i).partition("。")
            out.append(Section(head + "。", [Paragraph(rest)] if rest else [], run_in=True))
        return out
    return [Item(f"{circled(n)}{full_stop(i)}") for n, i in enumerate(items, 1)]


def list_blocks(items: Sequence[str], style: str, sentence: str = "{items}。", joiner: str = "、") -> list:
    """A list answer in a :data:`LIST_STYLES` style; 一句话 puts the items into ``sentence``."""
    items = [clause(i) for i in items if i.strip()]
    if not items:
        return []
    if style == INLINE:
        return [Paragraph(sentence.replace("{items}", joiner.join(items)))]
    return item_blocks(items, ITEM_STYLE_NAMES.get(style, "circled"))


def list_style(key: str, label: str, default: str, **kw: Any) -> Question:
    """A choice of how a list answer is written (:data:`LIST_STYLES`)."""
    return q.choice(key, f"{label}的写法", LIST_STYLES, default, help=LIST_STYLE_HELP, hints=LIST_STYLE_HINTS, **kw)


# ---------------------------------------------------------------- titled items

TITLED_FIELDS = (q.text("title", "标题"), q.multiline("text", "内容"))


def titled_group(key: str, label: str, default: Any, item: str = "条", **kw: Any) -> Question:
    """A repeating group of titled paragraphs (principles, requirements, safeguards)."""
    return q.group(key, label, TITLED_FIELDS, default, summary="title", item=item, **kw)


def titled_sections(items: Sequence[Answers], level: int | None = None) -> list[Section]:
    """Run-in headings: "（一）始终坚持政治引领。坚持把…"."""
    return [Section(end_sentence(i["title"]), [Paragraph(i.get("text", ""))] if i.get("text") else [],
                    level=level, run_in=True)
            for i in items]


def measures_text(measures: Sequence[str] | str) -> str:
    """Measures as one paragraph: a single one as written, several as "一是…；二是…。"."""
    from ..model import enumerate_items

    if isinstance(measures, str):
        return measures.strip()
    items = [m for m in measures if m.strip()]
    if len(items) == 1:
        return end_sentence(items[0])
    return enumerate_items(items, "yishi")
