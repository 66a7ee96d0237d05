"""The parts a type words by itself (title, opening, 落款, appendices) read backwards: which
answers to its general questions make its Draft say what the document says.

Each answer a marker can stand for gets one (:mod:`gongwen.import_marks`); choices and yes/no
answers are tried one value at a time, and an optional answer is also tried left empty (an
opening that names no meeting).  Answers the document took as written but that the type
would also word itself from other answers (a title from the unit, the meeting and the
stage) are read backwards the same way.  A list the text only counts is filled with that
many placeholders (:mod:`gongwen.import_counts`).
"""

from __future__ import annotations

from typing import Any

from .doctype import DocumentType
from .import_counts import count_marks, spread
from .import_fill import draft_of, draft_texts, norm_text, resolved
from .import_marks import CAPTURE, invert, marked, sentinel_answers
from .questions import Answers, Question


def invert_draft(dt: DocumentType, raw: Answers, targets: dict[str, str], fixed: set[str],
                 kept: frozenset[str]) -> dict[str, Any]:
    """Answers to the type's general questions (not in ``fixed``) that make its Draft say
    ``targets`` (part → text); see the module's doc."""
    top = [q for q in dt.questions if not q.section]
    free = [q.key for q in top if q.key not in fixed and q.kind in CAPTURE]
    defaults = _default_targets(top, raw, fixed)
    goals = {**{f"default:{q.key}": raw[q.key] for q in defaults}, **targets}

    def attempt(values: Answers, blank: frozenset[str]) -> tuple[int, dict]:
        answers = resolved(dt, values, kept)
        best: tuple[int, dict] = (0, {})
        marked_answers, marks = sentinel_answers(dt.questions, answers, [k for k in free if k not in blank])
        for counting in (False, True):  # a part may count a list it does not write out
            with_marks, slots = marked_answers, marks
            if counting:
                with_marks, counts = count_marks(top, marked_answers)
                if not counts:  # nothing counted: the same Draft as the first pass
                    break
                slots = {**marks, **counts}
            draft = draft_of(dt, with_marks, kept)
            if draft is None:
                continue
            texts = {**{f"default:{q.key}": _default_text(q, with_marks) for q in defaults}, **draft_texts(draft)}
            found: dict[str, Any] = {}
            score = 0
            for part, target in goals.items():
                template = norm_text(texts.get(part, ""))
                if marked(template, slots):
                    got = invert(template, norm_text(target), slots)
                    if got is not None:
                        found.update(got)
                        score += 1
                elif template == norm_text(target):
                    score += 1
            if score > best[0]:
                best = (score, found)
            if score == len(goals):
                break
        return best

    base, blank = dict(raw), frozenset[str]()
    best_score, best = attempt(base, blank)
    for q in top:
        if q.kind in ("choice", "confirm") and q.key not in fixed:
            options = [(v, blank) for v in (list(q.choices) if q.kind == "choice" else [True, False])]
        elif q.optional and q.key in free:
            options = [("", blank | {q.key})]
        else:
            continue
        for option, blanks in options:
            trial = {**base, q.key: option}
            score, found = attempt(trial, blanks)
            if score > best_score:
                best_score, best, base, blank = score, {**found, q.key: option}, trial, blanks
    return spread(raw, {**{k: base[k] for k in base if k not in raw or base[k] != raw[k]}, **best})


def _default_targets(top: list[Question], raw: Answers, fixed: set[str]) -> list[Question]:
    """Answers taken from the document that the type would also word itself from other
    answers: read backwards like the parts."""
    return [q for q in top if q.key in fixed and q.kind == "text" and callable(q.default)
            and isinstance(raw.get(q.key), str) and raw[q.key].strip()]


def _default_text(q: Question, answers: Answers) -> str:
    try:
        value = q.default(answers)
    except Exception:  # noqa: BLE001 - a default meeting marker values
        return ""
    return value if isinstance(value, str) else ""
