"""Counted items: the consistency checks a type's ``validate(answers)`` declares.

Reports are full of figures (意见 42 条, of which …; 问题 12 个, 即知即改 5 个 …).
The questions ask for each figure (:func:`count` is an integer question that refuses
negatives); these helpers check that the figures agree and return
:class:`~gongwen.errors.Problem` lists whose Chinese messages name every figure::

    def validate(a):
        return [
            *sum_equals(a, "team_total", ["team_quick", "team_stage", "team_long"], LABELS, "班子问题"),
            *not_more_than(a, "team_quick_done", "team_quick", LABELS, "班子问题"),
        ]

Paths are answer keys, dotted for nested tables (``after.problems_done``), with a
1-based index for one group item (``teams[2].total``) or ``[]`` for every item of a
group (``opinion_groups[].count``; its label may be a format string over the item's
fields, e.g. ``"{name}"``).  A check whose figures are not all answered (a dropped
section's questions are not asked) is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .. import questions as q
from ..errors import Problem
from ..questions import Answers, Question

_MISSING = object()
_STEP = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def count(key: str, label: str, default: Any = 0, **kw: Any) -> Question:
    """An integer question for a count: non-negative, default may be computed."""
    kw.setdefault("min", 0)
    return q.integer(key, label, default, **kw)


def value_at(answers: Any, path: str) -> Any:
    """The answer at ``a.b`` or ``a[2].b`` (1-based), or ``None`` when absent."""
    value = answers
    for step in path.split("."):
        m = _STEP.fullmatch(step)
        if m is None or not isinstance(value, Mapping) or m[1] not in value:
            return None
        value = value[m[1]]
        if m[2] is not None:
            index = int(m[2])
            if not isinstance(value, list) or not 1 <= index <= len(value):
                return None
            value = value[index - 1]
    return value


def terms(answers: Answers, path: str, labels: Mapping[str, str] | None = None) -> list[tuple[str, int]] | None:
    """``(label, figure)`` for a path; a ``[]`` path gives one term per group item.

    None when the figure is not answered (or not an integer), so the check is skipped.
    """
    labels = labels or {}
    if "[]." in path:
        group, field = path.split("[].", 1)
        items = value_at(answers, group)
        if not isinstance(items, list):
            return None
        shape = labels.get(path, "第{index}项")
        out = []
        for i, item in enumerate(items, 1):
            if not isinstance(item, Mapping):
                return None
            figure = value_at(item, field)
            if not _is_count(figure):
                return None
            out.append((shape.format_map(_Fields(item, index=i)), figure))
        return out
    figure = value_at(answers, path)
    return [(labels.get(path, path), figure)] if _is_count(figure) else None


def total_of(answers: Answers, path: str) -> int:
    """The sum of the figures at a path (0 when not answered)."""
    return sum(n for _, n in terms(answers, path) or [])


def sum_equals(answers: Answers, total: str, parts: Sequence[str], labels: Mapping[str, str] | None = None,
               what: str = "") -> list[Problem]:
    """The parts must add up to the total (skipped when there are no parts, e.g. an empty group).

    Message: “会后整改：即知即改 5 + 阶段性 3 + 长期 2 = 10，与问题总数 12 不符” (at the total's path).
    """
    whole = terms(answers, total, labels)
    found = [terms(answers, p, labels) for p in parts]
    items = [t for ts in found for t in ts or []]
    if whole is None or len(whole) != 1 or any(t is None for t in found) or not items:
        return []
    total_label, total_figure = whole[0]
    added = sum(n for _, n in items)
    if added == total_figure:
        return []
    shown = " + ".join(f"{label} {n}" for label, n in items)
    return [Problem(total, f"{_head(what)}{shown} = {added}，与{total_label} {total_figure} 不符", (total, *parts))]


def not_more_than(answers: Answers, part: str, whole: str, labels: Mapping[str, str] | None = None,
                  what: str = "") -> list[Problem]:
    """A part (done, returned) may not exceed its whole (total, sent).

    Message: “班子问题：已整改 6 超过即知即改问题 5” (at the part's path).
    """
    a, b = terms(answers, part, labels), terms(answers, whole, labels)
    if not a or not b or len(a) != 1 or len(b) != 1:
        return []
    (part_label, n), (whole_label, m) = a[0], b[0]
    if n <= m:
        return []
    return [Problem(part, f"{_head(what)}{part_label} {n} 超过{whole_label} {m}", (whole, part))]


def remainder(total: str, parts: Sequence[str], floor: int = 0) -> Callable[[Answers], int]:
    """A computed default for the last part: the total minus the parts already answered."""

    def default(answers: Answers) -> int:
        return max(total_of(answers, total) - sum(total_of(answers, p) for p in parts), floor)

    return default


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _head(what: str) -> str:
    return f"{what}：" if what else ""


class _Fields(dict):
    """Format mapping for item labels: a missing field shows as empty."""

    def __init__(self, item: Mapping, **extra: Any) -> None:
        super().__init__(item, **extra)

    def __missing__(self, key: str) -> str:
        return ""
