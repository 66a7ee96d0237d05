"""The paragraphs as ``gongwen lint`` reads them: each a :class:`Line` with its heading number
(GB/T 9704 levels 一、 （一） 1. （1） ①) read and its value known, and a paragraph's sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import CIRCLED
from .terminal import shorten

CN_NUM = "〇一二三四五六七八九十百零"
#: GB/T 9704 heading numbers by level (一、 （一） 1. （1） ①), with the spellings writers use.
NUMBER = re.compile(
    rf"^(?:(?P<l1>[{CN_NUM}]+)、|[（(](?P<l2>[{CN_NUM}]+)[）)]|(?P<l3>\d+)[.．、](?!\d)"
    rf"|[（(](?P<l4>\d+)[）)]|(?P<l5>[{CIRCLED}]))"
)
APPENDIX_LABEL = re.compile(r"^附件[\d一二三四五六七八九十]*$")
ATTACHMENTS = re.compile(r"^附件[：:]")
SENTENCE_END = "。！？"


def cn_int(s: str) -> int:
    """一 → 1, 十四 → 14, 二十 → 20, 一百零五 → 105."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total, current = 0, 0
    for c in s:
        if c == "百":
            total, current = total + max(current, 1) * 100, 0
        elif c == "十":
            total, current = total + max(current, 1) * 10, 0
        else:
            current = digits[c]
    return total + current


@dataclass
class Line:
    """A paragraph as the checks see it: its number (``n``, 1-based), text, and when it
    starts with a heading number, its level (1-5), the number's value and the rest."""

    n: int
    text: str
    level: int = 0
    value: int = 0
    mark: str = ""
    title: str = ""
    table: bool = False

    @property
    def heading(self) -> bool:
        return 1 <= self.level <= 4

    def label(self) -> str:
        """The heading as a location names it: number and title up to its first stop."""
        head = re.split(r"[。：:；]", self.title, maxsplit=1)[0]
        short = shorten(head, 16)
        return self.mark + short


def parse(paragraphs: list[str]) -> list[Line]:
    """The paragraphs as :class:`Line` s, heading numbers read (not in table rows, nor in the
    list of names under "附件：")."""
    lines, in_attachments = [], False
    for n, raw in enumerate(paragraphs, 1):
        text = raw.strip()
        line = Line(n, text, table="\t" in text)
        # the names listed under "附件：" are numbered 1. 2. like headings, but are not
        in_attachments = bool(ATTACHMENTS.match(text) or (in_attachments and re.match(r"^\d+[.．]", text)))
        m = NUMBER.match(text)
        if m and not line.table and not in_attachments:
            level = int(m.lastgroup[1])
            digits = m.group(m.lastgroup)
            line.level, line.mark, line.title = level, m.group(), text[m.end():]
            line.value = (CIRCLED.index(digits) + 1 if level == 5 else int(digits) if digits.isdecimal()
                          else cn_int(digits))
        lines.append(line)
    return lines


def sentences(line: Line) -> list[str]:
    """The sentences of a paragraph's prose (a heading's own title left out), each with its
    closing mark; the last one may have none."""
    if line.table:
        return []
    text = line.text
    if line.heading:
        stop = re.search(r"[。：:]", line.title)
        text = line.title[stop.end():] if stop else ""
    return [s for s in re.findall(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}]?", text) if s.strip()]
