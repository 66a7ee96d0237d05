"""What a plugin declares for one document type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .errors import Problem
from .model import Block, Section
from .questions import Answers, Question


@dataclass
class OutlineEntry:
    """One heading of an outline, in reading order; ``level`` 1 is 一、.

    A built-in entry has a ``key`` whose content the type builds; a user's own entry
    has no key and carries its ``paragraphs``.  A built-in title may use
    ``{word}`` fields filled from the type's vocabulary (巡视/巡察, 党委/党组…).

    ``style`` says how the heading is written (see :data:`gongwen.outline.STYLES`):
    ``heading`` (a numbered heading, the default), ``field`` ("会议时间：…" run into its
    first paragraph), ``yishi`` ("一是认真组织学习。…", counted among its siblings) or
    ``plain`` (no heading: the content joins the parent section).  ``items`` (with
    ``item_style``) is a list written after the paragraphs: ①… lines, "一是…；二是…。",
    plain lines or numbered sub-headings.  ``paragraphs``/``items`` replace a built-in
    section's own content.
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


def S(key: str, title: str, level: int = 1, **kw) -> OutlineEntry:  # noqa: N802
    """Shorthand for a built-in outline entry."""
    return OutlineEntry(key, title, level, **kw)


Content = list[Block | Section]


@dataclass
class Draft:
    """What a type builds from answers: the fixed parts and each section's content."""

    title: str
    content: dict[str, Content] = field(default_factory=dict)
    subtitle: str = ""
    recipient: str = ""
    preamble: list[Block] = field(default_factory=list)
    signature: str = ""
    date: str = ""
    appendices: list[Section] = field(default_factory=list)
    #: Text added to a section's heading whatever the user calls it, e.g. a deadline
    #: ``{"study": "（8月10日前）"}``; it goes before a closing "。" or "：".
    suffixes: dict[str, str] = field(default_factory=dict)


@dataclass
class DocumentType:
    """A document type: its questions, default outline and how answers become a draft.

    ``validate(answers)`` returns cross-field problems (totals, date order).
    ``presets`` are named alternative outlines; the answer ``outline_preset`` picks one.
    ``vocabulary(answers)`` gives the words substituted into default titles.
    ``sections``: further built-in sections that no preset uses but a user may add to
    the outline by key.
    """

    id: str
    name: str
    questions: Sequence[Question]
    outline: Sequence[OutlineEntry]
    build: Callable[[Answers], Draft]
    validate: Callable[[Answers], list[Problem]] | None = None
    presets: dict[str, Sequence[OutlineEntry]] = field(default_factory=dict)
    vocabulary: Callable[[Answers], dict[str, str]] | None = None
    description: str = ""
    template: str = "gongwen.docx"
    plugin: str = ""
    sections: Sequence[OutlineEntry] = ()

    def words(self, answers: Answers) -> dict[str, str]:
        return self.vocabulary(answers) if self.vocabulary else {}

    def base_outline(self, answers: Answers) -> list[OutlineEntry]:
        """The default outline, or the preset the answers pick."""
        preset = answers.get("outline_preset")
        entries = self.presets.get(preset, self.outline) if isinstance(preset, str) else self.outline
        return [_copy_entry(e) for e in entries]

    def known_keys(self) -> dict[str, OutlineEntry]:
        """Every built-in section key across the default outline and all presets."""
        keys: dict[str, OutlineEntry] = {}
        for entries in (self.outline, *self.presets.values(), self.sections):
            for e in entries:
                keys.setdefault(e.key, e)
        return keys


def _copy_entry(e: OutlineEntry) -> OutlineEntry:
    fields = {k: list(v) if isinstance(v, list) else v for k, v in vars(e).items()}
    return OutlineEntry(**fields)
