"""What a plugin declares for one document type: its sections, questions and outline.

A **section** is one declaration (:func:`section`): its key, default title and level, the
questions asked only while the outline keeps it, and its builder -- a function of a
:class:`Context` returning the section's content.  The outline and every preset name
sections by key; the core calls a builder only for the sections the user's outline keeps.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .kit.words import fill
from .model import Block, Section
from .questions import Answers, Question, iter_questions

Content = list[Block | Section]
#: A type id: lower-case letters and digits in hyphen-separated words (file names, commands).
TYPE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class OutlineEntry:
    """One heading of an outline, in reading order; ``level`` 1 is 一、.

    A built-in entry has a ``key`` whose content the type builds; a user's own entry
    has no key and carries its ``paragraphs``.  A built-in default title may use
    ``{word}`` fields filled from the type's vocabulary (巡视/巡察, 党委/党组…); a title the
    user wrote is never filled.

    ``style`` says how the heading is written (see :data:`gongwen.outline.STYLES`):
    ``heading`` (a numbered heading, the default), ``field`` ("会议时间：…" run into its
    first paragraph), ``yishi`` ("一是认真组织学习。…", counted among its siblings) or
    ``plain`` (no heading: the content joins the parent section).  ``items`` (with
    ``item_style``) is a list written after the paragraphs: ①… lines, "一是…；二是…。",
    plain lines or numbered sub-headings.  ``paragraphs``/``items`` replace a built-in
    section's own content.  ``table`` (rows, the first the header) is a table after them;
    ``counter`` numbers the entry on from the last entry with the same counter.
    """

    key: str
    title: str
    level: int = 1
    run_in: bool = False
    numbered: bool = True
    paragraphs: list[str] | None = None
    style: str = "heading"
    items: list[str] | None = None
    item_style: str = "circled"
    #: The title was written by the user: text, never filled.
    user_title: bool = False
    #: Entries sharing a counter are numbered on across their parents (1…14 under five aspects).
    counter: str = ""
    #: A table after the paragraphs and items: its rows, the first one the header.
    table: list[list[str]] | None = None

    def copy(self, **changes: Any) -> OutlineEntry:
        fields = {k: list(v) if isinstance(v, list) else v for k, v in vars(self).items()}
        return OutlineEntry(**{**fields, **changes})


@dataclass
class Context:
    """What a builder sees: the resolved answers, the type's vocabulary, today's date, the
    sections the outline keeps and, for a section builder, its key and title as the outline has it.

    It reads like the answers themselves (``c["unit"]``, ``c.get("year")``, ``"x" in c``);
    :meth:`fill` fills a wording string's ``{word}`` fields from the vocabulary.
    """

    answers: Answers
    words: Mapping[str, str]
    today: _dt.date
    key: str = ""
    title: str = ""
    #: The keys of the built-in sections the outline keeps (a builder may leave out a
    #: sentence another kept section already says).
    kept: frozenset[str] = frozenset()

    def __getitem__(self, key: str) -> Any:
        return self.answers[key]

    def __contains__(self, key: object) -> bool:
        return key in self.answers

    def get(self, key: str, default: Any = None) -> Any:
        return self.answers.get(key, default)

    def fill(self, text: str, **extra: object) -> str:
        """``text`` with ``{word}`` fields filled from the vocabulary and ``extra``; a field
        with no value raises (the core reports it naming the plugin and the section)."""
        return fill(text, self.words, **extra)


Builder = Callable[[Context], Sequence[Block | Section]]


@dataclass(frozen=True)
class SectionDef:
    """A built-in section: see :func:`section`."""

    key: str
    title: str
    level: int = 1
    questions: tuple[Question, ...] = ()
    build: Builder | None = None
    entry: OutlineEntry = field(default=None, repr=False)  # type: ignore[assignment]


def section(key: str, title: str, level: int = 1, *, questions: Sequence[Question] = (),
            build: Builder | None = None, **entry: Any) -> SectionDef:
    """Declare a section.

    ``questions`` are asked only while the outline keeps the section.  ``build(ctx)``
    returns its content (paragraphs, lists, sub-headings); a section without ``build`` is a
    heading whose content is the sections under it.  ``entry`` sets how the heading is
    written by default (``run_in=True``, ``style="field"``…, see :class:`OutlineEntry`).
    """
    scoped = tuple(dataclasses.replace(q, section=key) for q in questions)
    return SectionDef(key, title, level, scoped, build, OutlineEntry(key, title, level, **entry))


def entry(key: str, title: str | None = None, level: int | None = None, **kw: Any) -> EntryRef:
    """An outline entry naming a declared section, with what this outline changes
    (another title or level, a style): ``entry("meeting", "会议时间、地点和参会人员")``."""
    changes = {k: v for k, v in (("title", title), ("level", level)) if v is not None}
    return EntryRef(key, {**changes, **kw})


@dataclass(frozen=True)
class EntryRef:
    """An outline entry by key, completed from its section's declaration."""

    key: str
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Draft:
    """The parts of a document outside its sections (what a type's ``build`` returns)."""

    title: str
    subtitle: str = ""
    recipient: str = ""
    preamble: list[Block] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    #: 附注 under the date: "（此件公开发布）".
    note: str = ""
    appendices: list[Section] = field(default_factory=list)
    #: Text added to a section's heading whatever the user calls it, e.g. a deadline
    #: ``{"study": "（8月10日前）"}``; it goes before a closing "。" or "：".
    suffixes: dict[str, str] = field(default_factory=dict)
    #: The 附件说明 names when they are not the appendices' titles (attachments not printed here).
    attachments: list[str] = field(default_factory=list)


OutlineSpec = Sequence["str | EntryRef | OutlineEntry"]


@dataclass
class DocumentType:
    """A document type.

    ``questions`` are asked first, then each kept section's own questions (in the order of
    ``sections``), then ``after`` (落款, 成文日期…).  ``outline`` lists section keys (or
    :func:`entry` changes) in reading order; ``presets`` are named alternative outlines the
    answer ``outline_preset`` picks.  ``build(ctx)`` returns the :class:`Draft` (title,
    preamble, 落款…); each section's content comes from its own builder.
    ``validate(answers)`` returns cross-field problems (totals, date order);
    ``vocabulary(answers)`` the words filled into default titles and wording.
    ``items(answers)``: the rectification items of a set of answers (:func:`gongwen.api.ledger_item`
    dicts, in reading order), for types that have them: the ledger and the progress report use it.
    ``carry_from(source_type, source_raw)``: this type's raw answers made from another type's
    answers file (``gongwen new TYPE --from FILE``); without it the shared facts are taken;
    ``recognise`` tells ``gongwen import`` how to find answers in a document's text.
    """

    id: str
    name: str
    questions: Sequence[Question]
    sections: Sequence[SectionDef]
    outline: OutlineSpec
    build: Callable[[Context], Draft]
    after: Sequence[Question] = ()
    validate: Callable[[Answers], list[Problem]] | None = None
    presets: Mapping[str, OutlineSpec] = field(default_factory=dict)
    vocabulary: Callable[[Answers], dict[str, str]] | None = None
    description: str = ""
    template: str = "gongwen.docx"
    plugin: str = ""
    items: Callable[[Answers], list[dict]] | None = None
    carry_from: Callable[[DocumentType, Answers], Answers] | None = None
    #: How ``gongwen import`` finds answers in a document's text, beyond what it recognises
    #: by itself: question key → a regular expression (its first group, else the whole match,
    #: is the answer) or a function of the text returning the answer or None.
    recognise: Mapping[str, str | Callable[[str], Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sections = tuple(self.sections)
        self.by_key: dict[str, SectionDef] = {s.key: s for s in self.sections}
        self.questions = (*self.questions, *(q for s in self.sections for q in s.questions), *self.after)
        self.after = ()
        self.outline = self._entries(self.outline)
        self.presets = {name: self._entries(spec) for name, spec in self.presets.items()}

    def _entries(self, spec: OutlineSpec) -> list[OutlineEntry]:
        out = []
        for e in spec:
            if isinstance(e, str):
                e = EntryRef(e)
            if isinstance(e, EntryRef):
                base = self.by_key.get(e.key)
                e = base.entry.copy(**e.changes) if base else OutlineEntry(e.key, e.key)
            out.append(e)
        return out

    def check(self) -> list[str]:
        """What is wrong with the declaration (checked when the plugin loads): a bad id, or
        sections that the outline, a preset or a question names but the type does not declare."""
        problems = []
        if not isinstance(self.id, str) or not TYPE_ID.fullmatch(self.id):
            problems.append("标识应为小写字母、数字和连字符（如 my-notice）")
        for name, entries in (("outline", self.outline), *((f"预设提纲“{n}”", p) for n, p in self.presets.items())):
            problems += [f"{name} 中的章节“{e.key}”没有声明" for e in entries if e.key and e.key not in self.by_key]
        for path, q in iter_questions(self.questions):
            if q.section and q.section not in self.by_key:
                problems.append(f"问题 {path} 所属的章节“{q.section}”没有声明")
        for key in [s.key for s in self.sections]:
            if sum(s.key == key for s in self.sections) > 1:
                problems.append(f"章节“{key}”声明了多次")
        return list(dict.fromkeys(problems))

    def words(self, answers: Answers) -> dict[str, str]:
        return self.vocabulary(answers) if self.vocabulary else {}

    def base_outline(self, answers: Answers) -> list[OutlineEntry]:
        """The default outline, or the preset the answers pick."""
        preset = answers.get("outline_preset")
        entries = self.presets.get(preset, self.outline) if isinstance(preset, str) else self.outline
        return [e.copy() for e in entries]

    def known_keys(self) -> dict[str, OutlineEntry]:
        """Every built-in section key with its default entry."""
        return {s.key: s.entry for s in self.sections}
