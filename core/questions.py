"""The question model: one declaration drives the prompt, its validation, its default
and the answers file (the copier idea).

A document type lists :class:`Question` objects.  :func:`resolve` checks a set of
answers against them, fills defaults (which may be computed from earlier answers)
and reports every problem at once with its key path.  What each kind of question
means (reading, checking, showing, asking) is its entry in :data:`gongwen.kinds.KINDS`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .keys import RESERVED as RESERVED_KEYS
from .kinds import KIND_NAMES as KIND_NAMES
from .kinds import KINDS as KINDS
from .kinds import OTHER as OTHER
from .kinds import item_summary as item_summary

Answers = dict[str, Any]
Condition = tuple[str, Any] | Callable[[Answers], bool]


@dataclass
class Question:
    """One question.  ``default`` may be a value or ``f(answers_so_far)``.

    ``when`` makes it conditional: ``("key", value)`` (asked when that answer equals
    value) or a function of the answers.  ``section``: asked only while that outline
    section is kept.  ``validate(value, answers)`` returns a Chinese message or None.
    A ``group`` is a repeating group of ``fields`` (groups nest); ``summary`` names the
    field that identifies an item in lists.
    """

    key: str
    label: str
    kind: str = "text"
    default: Any = None
    help: str = ""
    choices: Sequence[str] = ()
    other: bool = False
    min: int | None = None
    max: int | None = None
    when: Condition | None = None
    validate: Callable[[Any, Answers], str | None] | None = None
    fields: Sequence[Question] = ()
    summary: str = ""
    item: str = "项"
    section: str = ""
    allow_range: bool = False
    optional: bool = False
    min_items: int = 0
    normalize: Callable[[Any], Any] | None = None  # stored form of a valid answer
    display: Callable[[Any], str] | None = None  # a stored answer as the clerk reads and edits it
    #: Asked again when next year's document starts from this year's (meeting date, problems,
    #: figures); the others are carried over (``gongwen new TYPE --from last.toml``).
    yearly: bool = False
    #: A list of short names (units, people): a line of its section's screen, items split by
    #: "；", rather than a menu of its own.
    on_screen: bool = False
    #: A field of a group: a new item starts from the answer of the item above it (责任领导,
    #: 牵头单位, 落实时限 usually repeat down a list of problems).
    copy_down: bool = False
    #: For a choice: a one-line example of the text each choice yields, shown beside it.
    hints: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown question kind {self.kind!r} for {self.key!r}")

    def applies(self, answers: Answers, sections: set[str] | None = None) -> bool:
        """Whether the question is asked, given earlier answers and kept sections."""
        if self.section and sections is not None and self.section not in sections:
            return False
        if self.when is None:
            return True
        if callable(self.when):
            return bool(self.when(answers))
        key, value = self.when
        return answers.get(key) == value

    def default_for(self, answers: Answers) -> Any:
        """The default, computed from earlier answers when it is a function."""
        value = self.default(answers) if callable(self.default) else self.default
        if value is None:
            value = KINDS[self.kind].empty()
        return _copy(value)

    @property
    def computed(self) -> bool:
        """The default is derived from other answers (a title from the unit and year): it is
        recomputed whenever they change and not saved as a fixed answer.  A default that only
        reads today's date (:func:`gongwen.clock.this_year`) is not: once accepted, it is kept."""
        return callable(self.default) and not getattr(self.default, "from_today", False)

    def describe_when(self) -> str:
        if self.when is None:
            return ""
        if callable(self.when):
            return getattr(self.when, "__doc__", None) or "视前面的回答而定"
        key, value = self.when
        shown = {True: "是", False: "否"}.get(value, value) if isinstance(value, bool) else value
        return f"当 {key} 为“{shown}”时"


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


# ------------------------------------------------------------ constructors
# Short names so a plugin's question list reads like data.

def new_item(q: Question, items: Sequence[Answers]) -> Answers:
    """A new item of group ``q`` added after ``items``: the ``copy_down`` fields of the item
    above it, the others left to their defaults."""
    above = items[-1] if items else {}
    return {f.key: copy.deepcopy(above[f.key]) for f in q.fields if f.copy_down and f.key in above}


def text(key: str, label: str, default: Any = "", **kw: Any) -> Question:
    return Question(key, label, "text", default, **kw)


def multiline(key: str, label: str, default: Any = "", **kw: Any) -> Question:
    return Question(key, label, "multiline", default, **kw)


def choice(key: str, label: str, choices: Sequence[str], default: Any = None, **kw: Any) -> Question:
    return Question(key, label, "choice", default if default is not None else choices[0],
                    choices=tuple(choices), **kw)


def multichoice(key: str, label: str, choices: Sequence[str], default: Any = (), **kw: Any) -> Question:
    kw.setdefault("other", True)
    return Question(key, label, "multichoice", list(default), choices=tuple(choices), **kw)


def confirm(key: str, label: str, default: bool = True, **kw: Any) -> Question:
    return Question(key, label, "confirm", default, **kw)


def integer(key: str, label: str, default: Any = 0, **kw: Any) -> Question:
    return Question(key, label, "integer", default, **kw)


def date(key: str, label: str, default: Any = "", **kw: Any) -> Question:
    return Question(key, label, "date", default, **kw)


def listof(key: str, label: str, default: Any = (), **kw: Any) -> Question:
    return Question(key, label, "list", list(default) if not callable(default) else default, **kw)


def group(key: str, label: str, fields: Sequence[Question], default: Any = (), **kw: Any) -> Question:
    if not callable(default):
        default = [dict(d) for d in default]
    return Question(key, label, "group", default, fields=tuple(fields), **kw)


# ------------------------------------------------------------ values


def check_value(q: Question, value: Any, answers: Answers) -> tuple[Any, str | None]:
    """Coerce a raw value (from TOML or a prompt) to the kind; return (value, error)."""
    value, error = KINDS[q.kind].coerce(q, value)
    if error is None and q.validate is not None:
        error = q.validate(value, answers)
    if error is None and q.normalize is not None:
        value = q.normalize(value)
    return value, error


def show_value(q: Question, value: Any) -> str:
    """A one-line Chinese rendering of an answer (review step, ``show``)."""
    return KINDS[q.kind].show(q, value)


# ------------------------------------------------------------ resolution


@dataclass
class Resolution:
    """Answers checked against questions: full values, problems, unknown-key warnings."""

    answers: Answers = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _default_or_problem(q: Question, context: Answers, where: str, res: Resolution) -> Any:
    """The question's default; a computed default that fails on unusual earlier answers is
    reported as a problem (never a crash) and the kind's empty value is used."""
    try:
        return q.default_for(context)
    except Exception:  # noqa: BLE001 - a plugin's default function meeting answers it did not expect
        if not res.problems:  # the cause is usually a problem already reported
            res.problems.append(Problem(where, "无法根据前面的回答计算默认值，请直接填写此项"))
        return KINDS[q.kind].empty()


def resolve(
    questions: Sequence[Question],
    raw: Answers,
    sections: set[str] | None = None,
    path: str = "",
    scope: Answers | None = None,
) -> Resolution:
    """Check ``raw`` against ``questions``; missing answers take their defaults.

    ``scope`` holds the answers visible to computed defaults and conditions (for a
    group item: the outer answers plus the item's own fields so far).
    """
    res = Resolution()
    known = {q.key for q in questions}
    context: Answers = dict(scope or {})
    for q in questions:
        where = f"{path}{q.key}"
        if not q.applies(context, sections):
            continue
        if q.key in raw:
            value, error = check_value(q, raw[q.key], context)
            if error:
                res.problems.append(Problem(where, error))
                # Later defaults and conditions see the default, not the bad value.
                value = _default_or_problem(q, context, where, res)
        else:
            value = _default_or_problem(q, context, where, res)
            if path and KINDS[q.kind].is_empty(value) and check_value(q, value, context)[1]:
                res.problems.append(Problem(where, "未填写（此项必填）"))  # a group item missing a field
        if KINDS[q.kind].nested and isinstance(value, list):
            items = []
            for i, item in enumerate(value, 1):
                if not isinstance(item, dict):
                    continue
                sub = resolve(q.fields, item, sections, f"{where}[{i}].", context)
                res.problems.extend(sub.problems)
                res.warnings.extend(sub.warnings)
                items.append(sub.answers)
            value = items
        res.answers[q.key] = value
        context[q.key] = value
    for key in raw:
        if key not in known and key not in RESERVED_KEYS:
            res.warnings.append(Problem(f"{path}{key}", "不是本文种的问题，已忽略（是否拼写有误？）"))
    return res



def iter_questions(questions: Sequence[Question], prefix: str = ""):
    """Every question with its dotted path (group fields as ``key[].field``)."""
    for q in questions:
        yield prefix + q.key, q
        if KINDS[q.kind].nested:
            yield from iter_questions(q.fields, f"{prefix}{q.key}[].")
