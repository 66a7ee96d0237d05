"""``gongwen new TYPE --from FILE``: start from answers a clerk already has.

- **Next year's document of the same type**: the year advances, every date answer moves on a
  year, derived text follows by itself (it is recomputed, never saved), and only the questions a
  type marks ``yearly`` (the meeting date, the problems found, the figures) are asked again,
  last year's answers as their defaults.  Unit, people, wording choices and outline are kept.
- **Another type's answers**: the facts the built-in types share under one vocabulary
  (:data:`SHARED`) are taken over; a type that can do more declares ``carry_from`` (e.g. the
  progress report takes a plan's items and their ledger statuses).
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from . import keys
from .dates import Date, DateError, DateRange, parse_date, to_storage
from .derive import map_answers
from .doctype import DocumentType
from .questions import Answers, Question

#: Answer keys with one meaning across the built-in types, taken over between types.
SHARED = {
    "unit": "单位名称（简称）",
    "org_kind": "党组织类别（党委、党组、党总支、党支部）",
    "year": "年度",
    "meeting_date": "民主生活会（会议）召开日期",
    "superior": "上级党委（县委、市委…）",
    "inspect": "巡视或巡察",
    "inspection_group": "巡视（巡察）组",
    "scope": "实施范围（全县、全区…）",
}


def _later(d: Date | None, years: int) -> Date | None:
    if d is None or d.year is None:
        return d
    try:
        return dataclasses.replace(d, year=d.year + years)
    except DateError:  # 29 February
        return dataclasses.replace(d, year=d.year + years, day=28)


def shift_date(value: Any, years: int = 1) -> Any:
    """A stored date (or range) ``years`` later; anything else as it is."""
    try:
        parsed = parse_date(value)
    except DateError:
        return value
    if isinstance(parsed, DateRange):
        return to_storage(dataclasses.replace(parsed, start=_later(parsed.start, years),
                                              end=_later(parsed.end, years)))
    return to_storage(_later(parsed, years))


#: A year in text ("2022年6月底") or at the head of a stored month or deadline ("2022-06-底").
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(\d{4})(?=年|-\d)")


def shift_years_in_text(text: str, year: int | None, years: int = 1) -> str:
    """"2021年度…2022年6月底前" one year on, for the years next to the document's (``year``);
    a year further away is history ("1921年") and stays.  A deadline stored as "2022-06-底" moves
    the same way."""
    if year is None:
        return text
    return _YEAR_IN_TEXT.sub(lambda m: str(int(m[1]) + years) if abs(int(m[1]) - year) <= 1 else m[1], text)


#: A document number as a whole answer: "县巡领发〔2023〕6号".
_DOC_NUMBER = re.compile(r"^\S*[〔［\[(（]\d{4}[〕］\])）]\d+号$")


def _shift(questions: Sequence[Question], raw: Answers, years: int, year: int | None) -> Answers:
    """Dates ``years`` later, and the years next to ``year`` in kept text likewise; last year's
    document numbers left blank (this year's notice has a number nobody can know yet)."""
    def change(q: Question, value: Any) -> Any:
        if q.kind == "date" and isinstance(value, str) and value:
            return shift_date(value, years)
        if isinstance(value, str) and _DOC_NUMBER.match(value.strip()):
            return ""
        if isinstance(value, str):
            return shift_years_in_text(value, year, years)
        if isinstance(value, list):
            return [shift_years_in_text(v, year, years) if isinstance(v, str) else v for v in value]
        return value

    return map_answers(questions, raw, change)


def next_year(doctype: DocumentType, raw: Answers) -> tuple[Answers, set[str]]:
    """Last year's raw answers carried forward, and the keys not to ask again."""
    raw = {k: v for k, v in raw.items() if k not in (keys.TYPE, keys.UNFINISHED) and k != "ledger_status"}
    year = raw.get("year") if isinstance(raw.get("year"), int) and not isinstance(raw.get("year"), bool) else None
    if year is None:  # the meeting's year, when the type has no 年度
        with contextlib.suppress(DateError, AttributeError):
            year = parse_date(raw.get("meeting_date") or "").year
    raw = _shift(doctype.questions, raw, 1, year)
    if "year" in raw and isinstance(raw["year"], int) and not isinstance(raw["year"], bool):
        raw["year"] += 1
    return raw, {q.key for q in doctype.questions if not q.yearly}


def across(target: DocumentType, source: DocumentType, raw: Answers) -> tuple[Answers, set[str]]:
    """Another type's raw answers made into the target's: the shared facts, or the target's own
    ``carry_from``.  Nothing is kept from asking: the questionnaire shows them as defaults."""
    if target.carry_from is not None:
        made = dict(target.carry_from(source, raw))
    else:
        made = {k: raw[k] for k in SHARED if k in raw}
    made.pop(keys.TYPE, None)
    return made, set()
