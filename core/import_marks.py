"""Marker values (*sentinels*) standing for answers, and reading answers back where they stood.

A type's builder is run with a unique marker in each answer to be found; the text it writes
is then a template of the document: what stands in the document where a marker stood is the
answer (:func:`invert`).  See :mod:`gongwen.import_fill`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .dates import format_cn
from .questions import Answers, Question, check_value

#: How the text a marker becomes is matched, by the kind of answer it stands for.
CAPTURE = {"text": r"[^\n]*?", "multiline": r".*?", "date": r"[^\n]*?", "integer": r"\d+"}
_SENTINEL = "\ue000{}\ue001"


class Slot(NamedTuple):
    """A marker: how its text is matched (a ``CAPTURE`` kind), its value, the text it becomes."""

    kind: str
    value: Any
    text: str


Slots = dict[str, Slot]


def slot_for(q: Question, i: int, scope: Answers | None = None) -> Slot | None:
    """Marker ``i`` for question ``q`` (None for a kind no marker stands for).  A text answer
    the question's check refuses as text (a 落实时限 must hold a date) is marked by a date."""
    date = f"{1900 + i:04d}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
    if q.kind in ("text", "multiline"):
        value = _SENTINEL.format(i)
        if q.validate is None or not check_value(q, value, dict(scope or {}))[1]:
            return Slot(q.kind, value, value)
        if not check_value(q, date, dict(scope or {}))[1]:
            return Slot("date", date, format_cn(date))
        return None
    if q.kind == "date":
        return Slot("date", date, format_cn(date))
    if q.kind == "integer":
        return Slot("integer", 7000 + i, str(7000 + i))
    return None


def invert(template: str, target: str, slots: Slots) -> dict[str, Any] | None:
    """The values that make ``template`` (text with the markers of ``slots``) read as ``target``."""
    pattern, order, pos = [], [], 0
    marks = sorted(((m.start(), m.end(), key) for key, m in _find(template, slots)), key=lambda t: t[0])
    seen: dict[str, int] = {}
    for start, end, key in marks:
        if start < pos:
            continue
        pattern.append(re.escape(template[pos:start]))
        if key in seen:
            pattern.append(f"(?P=g{seen[key]})")
        else:
            seen[key] = len(order)
            pattern.append(f"(?P<g{len(order)}>{CAPTURE[slots[key].kind]})")
            order.append(key)
        pos = end
    if not order:
        return None
    pattern.append(re.escape(template[pos:]))
    m = re.fullmatch("".join(pattern), target, flags=re.S)
    if m is None:
        return None
    out: dict[str, Any] = {}
    for i, key in enumerate(order):
        value = m.group(f"g{i}").strip()
        out[key] = int(value) if slots[key].kind == "integer" else value
    return out


def _find(template: str, slots: Slots):
    for key, slot in slots.items():
        for m in re.finditer(re.escape(slot.text), template):
            yield key, m


def marked(template: str, slots: Slots) -> bool:
    """Whether a marker shows in ``template``."""
    return any(slot.text in template for slot in slots.values())


def unmarked_length(template: str, slots: Slots) -> int:
    """How much of ``template`` is the type's own wording (markers taken out)."""
    for slot in slots.values():
        template = template.replace(slot.text, "")
    return len(template)


def sentinel_answers(questions: Sequence[Question], answers: Answers, keys: Iterable[str]) -> tuple[Answers, Slots]:
    """``answers`` with a marker for each of ``keys`` that a marker can stand for (numbered
    from 1)."""
    out = dict(answers)
    slots: Slots = {}
    by_key = {q.key: q for q in questions}
    for i, key in enumerate(keys, 1):
        q = by_key.get(key)
        slot = slot_for(q, i, answers) if q is not None else None
        if slot is None:
            continue
        out[key] = slot.value
        slots[key] = slot
    return out, slots
