"""The one module a gongwen plugin imports.

Everything a document type is made of -- questions, sections, outline, the document model
and the genre kit -- is here, and nothing else of gongwen is a plugin's to import::

    from gongwen.api import DocumentType, Draft, Paragraph, hookimpl, section, text

What :data:`__all__` names is the plugin API of version :data:`API_VERSION`.  Within a
version, names are only added; removing or changing one (a parameter, what a function
returns, what a hook must return) is a new version, and gongwen then refuses a plugin that
declares the old one (``GONGWEN_API``) with a message naming both versions.  See
docs/plugins.md.

A plugin's tests use :mod:`gongwen.api.testing` (render a type's text, drive its
questionnaire with keystrokes, read a DOCX back).
"""

from __future__ import annotations

from ..clock import days_from_today, issued_today, last_year, this_year, today, today_in_year
from ..dates import Date, DateError, DateRange, format_cn, is_after, months_later, normalize, parse_date, sort_key_start
from ..doctype import Content, Context, DocumentType, Draft, EntryRef, OutlineEntry, SectionDef, entry, section
from ..errors import Problem
from ..hookspecs import API_VERSION, hookimpl
from ..kit.closing import closing, closing_questions, org_signature
from ..kit.counts import count, not_more_than, remainder, sum_equals, total_of
from ..kit.deadlines import (
    DEADLINE_HINT,
    date_from,
    dates_in_order,
    deadline,
    due_phrase,
    format_deadline,
    later_than,
    normalize_deadline,
    not_after,
    not_before,
    parse_deadline,
    short_date,
)
from ..kit.ledger import (
    STATUSES,
    Ledger,
    by_aspect,
    completion_rate,
    ledger_item,
    parse_status,
    read_ledger,
    status_counts,
)
from ..kit.lists import (
    INLINE,
    ITEM_STYLES,
    LIST_STYLES,
    clause,
    end_sentence,
    full_stop,
    item_blocks,
    list_blocks,
    list_style,
    measures_text,
    paragraphs,
    titled_group,
    titled_sections,
)
from ..kit.phases import phase_name, phase_questions, phase_sections
from ..kit.responsibility import (
    LEDGER_COLUMNS,
    RESPONSIBILITY,
    ledger_table,
    problem_section,
    responsibility_fields,
    responsibility_questions,
)
from ..kit.words import ORG_KINDS, WordingError, doc_number, fill, org_words, quoted, superior_of
from ..model import Enumeration, Fields, Paragraph, Table, circled, cn_number, enumerate_items
from ..model import Section as Heading
from ..questions import (
    Answers,
    Question,
    choice,
    confirm,
    date,
    group,
    integer,
    listof,
    multichoice,
    multiline,
    text,
)

__all__ = [
    # hooks
    "API_VERSION", "hookimpl",
    # declaring a type
    "DocumentType", "Draft", "Context", "section", "SectionDef", "entry", "EntryRef", "OutlineEntry", "Content",
    # questions
    "Question", "Answers", "Problem", "text", "multiline", "choice", "multichoice", "confirm", "integer", "date",
    "listof", "group", "count",
    # the document model
    "Paragraph", "Enumeration", "Fields", "Table", "Heading", "cn_number", "circled", "enumerate_items",
    # kit: words
    "ORG_KINDS", "org_words", "fill", "WordingError", "doc_number", "superior_of", "quoted",
    # kit: lists
    "INLINE", "ITEM_STYLES", "LIST_STYLES", "clause", "end_sentence", "full_stop", "item_blocks", "list_blocks",
    "list_style", "measures_text", "paragraphs", "titled_group", "titled_sections",
    # kit: deadlines and date rules
    "DEADLINE_HINT", "deadline", "parse_deadline", "format_deadline", "normalize_deadline", "dates_in_order",
    "not_before", "not_after", "later_than", "short_date", "due_phrase", "date_from",
    # kit: responsibility fields and ledger
    "RESPONSIBILITY", "LEDGER_COLUMNS", "responsibility_questions", "responsibility_fields", "problem_section",
    "ledger_table",
    # kit: the rectification cycle (ledger statuses, progress figures)
    "STATUSES", "ledger_item", "read_ledger", "Ledger", "parse_status", "status_counts", "completion_rate",
    "by_aspect",
    # kit: phases, counts, closing
    "phase_questions", "phase_sections", "phase_name", "sum_equals", "not_more_than", "remainder", "total_of",
    "closing", "closing_questions", "org_signature",
    # dates
    "Date", "DateRange", "DateError", "parse_date", "format_cn", "normalize", "is_after", "sort_key_start",
    "months_later",
    # today, read when needed
    "today", "this_year", "last_year", "issued_today", "days_from_today", "today_in_year",
]
