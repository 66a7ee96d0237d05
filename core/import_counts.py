"""Lists a document gives only by number ("共列出整改问题8个、整改措施13条" with no measure
written out): the type's text counts a list field of a repeating group's items, the import
finds the number where the count stands and fills the field with that many placeholders,
so that the type counts the same again.  The clerk replaces them (the import says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .import_marks import Slot, Slots
from .kinds import KINDS
from .questions import Answers, Question

#: What stands for an entry the document does not write out.
UNLISTED = "（原文未列出）"
#: The first number a counted list is marked with (far from other markers and figures).
_FIRST = 9001


def _counted(questions: Sequence[Question], answers: Answers):
    """(group, list field) of each general group whose items all leave that list empty."""
    for q in questions:
        items = answers.get(q.key)
        if q.section or not KINDS[q.kind].nested or not isinstance(items, list) or not items:
            continue
        for f in q.fields:
            if f.kind == "list" and all(isinstance(i, dict) and not i.get(f.key) for i in items):
                yield q, f


def count_marks(questions: Sequence[Question], answers: Answers) -> tuple[Answers, Slots]:
    """``answers`` with the first item of each such group holding a marker number of entries."""
    out = dict(answers)
    slots: Slots = {}
    for n, (q, f) in enumerate(_counted(questions, answers), _FIRST):
        items = [dict(i) for i in out[q.key]]
        items[0][f.key] = [UNLISTED] * n
        out[q.key] = items
        slots[f"{q.key}[].{f.key}"] = Slot("integer", n, str(n))
    return out, slots


def spread(raw: Answers, found: dict[str, Any]) -> dict[str, Any]:
    """Found counts (``group[].field``: number) as that many placeholders over the group's
    items, one each in turn; the other answers as found."""
    out = {k: v for k, v in found.items() if "[]." not in k}
    for path, n in found.items():
        if "[]." not in path:
            continue
        key, field = path.split("[].")
        items = [dict(i) for i in out.get(key, raw.get(key, []))]
        for i, item in enumerate(items):
            share = n // len(items) + (1 if i < n % len(items) else 0)
            if share:
                item[field] = [UNLISTED] * share
        out[key] = items
    return out


def unlisted(questions: Sequence[Question], raw: Answers) -> list[tuple[Question, Question, int]]:
    """(group, field, how many) of the placeholders in ``raw``, for the import's report."""
    out = []
    for q in questions:
        items = raw.get(q.key)
        if q.section or not KINDS[q.kind].nested or not isinstance(items, list):
            continue
        for f in q.fields:
            n = sum(1 for i in items if isinstance(i, dict) for v in i.get(f.key) or () if v == UNLISTED)
            if n and f.kind == "list":
                out.append((q, f, n))
    return out
