"""Where a long title breaks (GB/T 9704 7.3.3: 回行时词意完整，排列对称，长短适宜，梯形或菱形).

A title in 2号小标宋 holds about 20 characters a line on the 156 mm text width.  A longer
title is cut at word boundaries into the fewest lines that fit, as even as possible, never:
inside a word of the genre (习近平新时代中国特色社会主义思想, 专题民主生活会, 实施方案…), inside a
run of characters no word of the genre covers (a unit's name: 县市场监督管理局), inside a number
with its 年/年度, before 的/和/及 or a closing mark, after 关于 or an opening mark, or leaving a line
of one or two characters.

The words are a list of the genre's vocabulary, not a general segmenter: a segmenter's
dictionary costs more start-up time than a whole render, and titles of this genre are made of
few words.  The tests check the breaks against a general segmenter (rjieba) on many titles.
"""

from __future__ import annotations

import functools
import math
import re

from .model import text_chars

CAPACITY = 20  # characters of 2号 (22 pt) on the 156 mm text width

#: Words of the genre's titles, longest first when matched (a phrase that must not be split).
WORDS = [
    "习近平新时代中国特色社会主义思想", "中国特色社会主义", "新时代", "习近平",
    "学习贯彻", "深入学习贯彻", "主题教育", "党史学习教育", "学习教育",
    "专题民主生活会", "民主生活会", "专题组织生活会", "组织生活会", "民主评议党员",
    "民主评议", "问题整改", "整改落实", "整改工作", "整改进展", "落实情况",
    "进展情况", "召开情况", "整改情况", "情况通报", "整改任务清单", "任务清单",
    "实施方案", "工作方案", "行动方案", "专项行动", "专项整治", "专项巡视",
    "专项巡察", "基层党建", "党建工作", "巡视整改", "巡察整改", "反馈意见",
    "反馈问题", "巡视反馈", "巡察反馈", "领导班子", "班子成员", "党员干部",
    "年度", "工作", "问题", "专题", "整改", "落实", "方案", "通报",
    "通知", "报告", "情况", "实施", "意见", "决定", "办法", "规定",
    "安排", "要点", "总结", "计划", "请示", "批复", "函", "纪要",
    "关于", "召开", "开展", "做好", "进一步", "加强", "推进", "印发",
    "转发", "中共", "党委", "党组", "党工委", "党总支", "党支部",
    "机关党委", "委员会", "县委", "市委", "省委", "区委", "州委", "旗委",
    "巡视组", "巡察组", "指导组", "县", "市", "区", "省", "镇", "乡",
    "局", "厅", "委", "办", "院", "校", "所", "站", "办公室",
    "人民政府", "政府", "人民医院", "中学", "小学", "学校", "街道", "社区",
    "村",
]

_NUMBER = re.compile(r"\d+(?:年度|年|月|日|号)?|[A-Za-z]+")
_GROUP = re.compile(r"第[一二三四五六七八九十]+(?:巡视|巡察|指导)组")
_OPENING, _CLOSING = "（《“‘〔【", "）》”’〕】，、。；：！？"
_NO_LINE_START = "的和及与之" + _CLOSING
_NO_LINE_END = ("关于", "对", "在", "为") + tuple(_OPENING)


@functools.cache
def _lexicon() -> tuple[frozenset[str], int]:
    return frozenset(WORDS), max(map(len, WORDS))


def tokens(title: str) -> list[tuple[str, bool]]:
    """The title as (piece, known): numbers, groups and genre words whole, other characters one by one."""
    words, longest = _lexicon()
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(title):
        m = _NUMBER.match(title, i) or _GROUP.match(title, i)
        if m:
            out.append((m.group(), True))
            i = m.end()
            continue
        for size in range(min(longest, len(title) - i), 0, -1):
            piece = title[i:i + size]
            if piece in words:
                out.append((piece, True))
                i += size
                break
        else:
            out.append((title[i], False))
            i += 1
    return out


_ASCII_RUN = re.compile(r"[\x21-\x7e]+")


def width(text: str) -> float:
    """Characters a line holds: a digit or Latin letter is half a character, and Word and
    LibreOffice set a quarter of one between a run of them and the Chinese on either side
    ("2023年…" is 2.25 characters before 年, not 2)."""
    runs = sum(0.25 * ((m.start() > 0) + (m.end() < len(text))) for m in _ASCII_RUN.finditer(text))
    return text_chars(text) + runs


def _cut_cost(left: tuple[str, bool], right: tuple[str, bool]) -> float:
    """How bad a break between two pieces is (math.inf: never)."""
    if right[0][0] in _NO_LINE_START or left[0].endswith(_NO_LINE_END):
        return math.inf
    if not left[1] and not right[1]:
        return 1000.0  # inside a name no word covers
    return 0.0


def title_lines(title: str, capacity: float = CAPACITY) -> list[str]:
    """The title in lines, as it should break (one line when it fits)."""
    title = title.strip()
    if width(title) <= capacity:
        return [title]
    pieces = tokens(title)
    n = len(pieces)
    best: tuple[float, list[str]] | None = None
    least = math.ceil(width(title) / capacity)
    for lines in range(least, least + 2):
        found = _split(pieces, n, lines, capacity, width(title) / lines)
        if found is not None:
            found = (found[0] + 50 * (lines - least), found[1])  # a line more only to avoid a bad break
            if best is None or found[0] < best[0]:
                best = found
    return best[1] if best is not None and best[0] < math.inf else [title]


def _split(pieces: list[tuple[str, bool]], n: int, lines: int, capacity: float,
           even: float) -> tuple[float, list[str]] | None:
    """The cheapest cut of ``pieces`` into ``lines`` lines (dynamic programming over boundaries)."""
    @functools.cache
    def best(start: int, left: int) -> tuple[float, tuple[int, ...]]:
        if left == 1:
            text = "".join(p for p, _ in pieces[start:])
            return (_line_cost(text, capacity, even), ()) if text else (math.inf, ())
        result: tuple[float, tuple[int, ...]] = (math.inf, ())
        for end in range(start + 1, n):
            text = "".join(p for p, _ in pieces[start:end])
            if width(text) > capacity:
                break
            cost = _line_cost(text, capacity, even) + _cut_cost(pieces[end - 1], pieces[end])
            if cost >= result[0]:
                continue
            rest, cuts = best(end, left - 1)
            if cost + rest < result[0]:
                result = (cost + rest, (end, *cuts))
        return result

    cost, cuts = best(0, lines)
    if cost == math.inf:
        return None
    bounds = (0, *cuts, n)
    return cost, ["".join(p for p, _ in pieces[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _line_cost(text: str, capacity: float, even: float) -> float:
    w = width(text)
    if w > capacity:
        return math.inf
    if w <= 2:
        return 10000.0  # a lone character or two
    return (w - even) ** 2
