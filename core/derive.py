"""Values the pipeline derives after resolving, so that what the document prints follows the
answers it comes from.

- every date answer gets a year: a clerk writes "2月5日" for 成文日期 or "8月10日" for a
  deadline; the document prints a year, resolved from the context (the year of the meeting
  date when there is one, else the answer ``year`` (年度), else this year).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from .clock import today
from .dates import Date, DateError, DateRange, parse_date, to_storage
from .kinds import KINDS
from .questions import Answers, Question


def context_year(answers: Answers) -> int:
    """The year a date without one belongs to: the meeting's, the 年度, or this year."""
    try:
        meeting = parse_date(answers.get("meeting_date") or "")
    except DateError:
        meeting = None
    start = meeting.start if isinstance(meeting, DateRange) else meeting
    if isinstance(start, Date) and start.year is not None:
        return start.year
    year = answers.get("year")
    return year if isinstance(year, int) and not isinstance(year, bool) else today().year


def _dated(d: Date | None, year: int) -> Date | None:
    return dataclasses.replace(d, year=year) if d is not None and d.year is None else d


def with_year(value: Any, year: int) -> Any:
    """A stored date (or range) with ``year`` filled in where it has none; other values as they are."""
    try:
        parsed = parse_date(value)
    except DateError:
        return value
    try:
        if isinstance(parsed, DateRange):  # an end without a year takes the start's
            return to_storage(dataclasses.replace(parsed, start=_dated(parsed.start, year)))
        return to_storage(_dated(parsed, year))
    except DateError:
        return value


def map_answers(questions: Sequence[Question], answers: Answers,
                change: Callable[[Question, Any], Any]) -> Answers:
    """``answers`` with ``change(question, value)`` applied to every answer present, group items'
    fields included (the items themselves are walked, not changed)."""
    out = dict(answers)
    for q in questions:
        if q.key not in out:
            continue
        value = out[q.key]
        if KINDS[q.kind].nested and isinstance(value, list):
            out[q.key] = [map_answers(q.fields, item, change) if isinstance(item, dict) else item for item in value]
        else:
            out[q.key] = change(q, value)
    return out


def complete_years(questions: Sequence[Question], answers: Answers, year: int | None = None) -> Answers:
    """``answers`` with every date answer (in groups too) given a year from the context."""
    year = context_year(answers) if year is None else year
    return map_answers(questions, answers, lambda q, value: with_year(value, year)
                       if q.kind == "date" and isinstance(value, str) and value else value)
