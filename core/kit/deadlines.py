"""Deadlines and date rules.

- a *deadline* answer (落实时限): a date, a month-level date, a phrase (即知即改、长期坚持)
  or both (2022年12月底取得实效); the date part is checked and stored normalised;
- date rules between answers: in order (:func:`dates_in_order`), not before another
  (:func:`not_before`), not after another (:func:`not_after`, 会前 steps by the meeting);
- dates written relative to a reference date (:func:`short_date`: 8月10日 in the meeting's year);
- defaults counted from another answer (:func:`date_from`: 会前 steps back from the meeting).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import questions as q
from ..dates import (
    Date,
    DateError,
    DateRange,
    DateValue,
    days_in_month,
    format_cn,
    is_after,
    months_later,
    parse_date,
    sort_key_start,
    to_storage,
)
from ..errors import Problem
from ..questions import Answers, Question

# ---------------------------------------------------------------- deadlines

#: Characters a written date may consist of: digits, units, parts, range words.
_DATE_CHARS = r"[0-9年月日号初底末上中下旬至到—~\-/.以后]"
_DATE_RUN = re.compile(rf"[0-9]{_DATE_CHARS}*")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９－．／～", "0123456789-./~")
_PLACEHOLDER = re.compile(r"[XＸ×]|某某")
DEADLINE_HINT = "可写日期（2022年12月底）、日期加说明（2022年底前、2022年12月底取得实效）或“即知即改，长期坚持”"


@dataclass(frozen=True)
class Deadline:
    """A deadline answer split into ``head`` (phrase before the date), the date, ``tail``."""

    head: str
    date: DateValue | None
    tail: str

    def storage(self) -> str:
        """``2022-12-底取得实效``: the date part in the core's stored form."""
        return self.head + (to_storage(self.date) if self.date else "") + self.tail

    def official(self) -> str:
        """``2022年12月底取得实效``: the date part in official Chinese style."""
        return self.head + (format_cn(self.date) if self.date else "") + self.tail


def parse_deadline(value: Any) -> Deadline:
    """Read a deadline; raises :class:`DateError` with a Chinese message.

    A phrase without digits is taken as written; text with digits must hold exactly one
    date (or date range) that :func:`gongwen.dates.parse_date` accepts.
    """
    if not isinstance(value, str):
        raise DateError(f"落实时限应为文字。{DEADLINE_HINT}")
    text = value.translate(_HALF_WIDTH).strip()
    if not text:
        raise DateError(f"落实时限不能为空。{DEADLINE_HINT}")
    if _PLACEHOLDER.search(text):
        raise DateError(f"落实时限“{text}”中还有占位符，请填写实际时限。{DEADLINE_HINT}")
    runs = list(_DATE_RUN.finditer(text))
    if not runs:
        return Deadline(text, None, "")
    if len(runs) > 1:
        raise DateError(f"落实时限“{text}”中只能有一个日期（或日期范围）。{DEADLINE_HINT}")
    run = runs[0]
    try:
        date = parse_date(run.group())
    except DateError as exc:  # said once: not "落实时限“…”有误：日期“…”有误：…"
        raise DateError(f"落实时限“{text}”有误：{exc.reason}") from None
    return Deadline(text[: run.start()], date, text[run.end():])


def check_deadline(value: Any, answers: Answers | None = None) -> str | None:
    """Question validator: the Chinese message, or None."""
    try:
        parse_deadline(value)
    except DateError as exc:
        return str(exc)
    return None


def normalize_deadline(value: str) -> str:
    return parse_deadline(value).storage()


def format_deadline(value: str) -> str:
    """A stored deadline in official style (text that does not parse is shown as is)."""
    try:
        return parse_deadline(value).official()
    except DateError:
        return value


def deadline(key: str, label: str, default: Any = "即知即改，长期坚持", **kw: Any) -> Question:
    """A 落实时限 question: a date, a month-level date, a phrase, or a phrase with a date."""
    return q.text(key, label, default, validate=check_deadline, normalize=normalize_deadline,
                  display=format_deadline, help=DEADLINE_HINT, **kw)




# ---------------------------------------------------------------- date rules


def later_than(value: Any, limit: Any) -> bool:
    """Whether the date ``value`` lies wholly after ``limit`` (False when either does not parse)."""
    try:
        return is_after(parse_date(value), parse_date(limit))
    except DateError:
        return False


def dates_in_order(pairs: Sequence[tuple[str, str, str]], answers: Answers) -> list[Problem]:
    """Dated answers that must come in order: ``(earlier_key, later_key, what)`` triples.

    A problem (at the later key) names both dates.
    """
    problems = []
    for early_key, late_key, what in pairs:
        early, late = answers.get(early_key), answers.get(late_key)
        if not early or not late:
            continue
        try:
            a, b = parse_date(early), parse_date(late)
        except DateError:
            continue
        if sort_key_start(b) < sort_key_start(a):
            problems.append(Problem(late_key, f"{what}：“{format_cn(b)}”早于“{format_cn(a)}”", (early_key, late_key)))
    return problems


def not_before(earlier_key: str, message: str):
    """Question validator: the date may not lie wholly before the answer ``earlier_key``
    (a 整改完成日期 before the meeting).  ``message`` has ``{date}`` and ``{earlier}`` fields."""
    def check(value: Any, answers: Answers) -> str | None:
        earlier = answers.get(earlier_key)
        if not value or not earlier:
            return None
        try:
            too_early = is_after(parse_date(earlier), parse_date(value))
        except DateError:
            return None  # an unreadable date is reported by its own question
        if not too_early:
            return None
        return message.replace("{date}", format_cn(value)).replace("{earlier}", format_cn(earlier))
    return check


def date_from(key: str, days: int = 0, months: int = 0):
    """A computed default: the day ``days`` (negative: before) and ``months`` after the answer
    ``key`` (a day the later month lacks becomes its last: 8月31日 + 3 months is 11月30日); empty
    while that answer is not one day of a known year (8月上旬), so nothing is guessed."""
    def default(answers: Answers) -> str:
        try:
            d = parse_date(answers.get(key) or "")
        except DateError:
            return ""
        if not isinstance(d, Date) or None in (d.year, d.month, d.day):
            return ""
        year, month = months_later(d.year, d.month, months)
        day = _dt.date(year, month, min(d.day, days_in_month(year, month))) + _dt.timedelta(days=days)
        return day.isoformat()

    default.reads = (key,)  # type: ignore[attr-defined]  # what it depends on (gongwen.screen)
    return default


def not_after(limit_key: str, message: str):
    """Question validator: the date may not lie after the answer ``limit_key`` (a 会前 step
    due after the meeting).  ``message`` has ``{date}`` and ``{limit}`` fields."""
    def check(value: Any, answers: Answers) -> str | None:
        limit = answers.get(limit_key)
        if not value or not limit or not later_than(value, limit):
            return None
        return message.replace("{date}", format_cn(value)).replace("{limit}", format_cn(limit))
    return check


_OPEN_PARTS = ("初", "上旬", "中旬", "下旬")


def due_phrase(value: Any, reference: Any = None) -> str:
    """When something is due, as a sentence writes it before 完成: "8月10日前", "8月底前",
    "2月初" and "8月上旬" (no 前 after a part that is already a span), "8月1日至10日"."""
    d = parse_date(value)
    shown = short_date(d, reference) if reference else format_cn(d)
    if isinstance(d, Date) and d.part not in _OPEN_PARTS:
        return shown + "前"
    return shown


def short_date(value: Any, reference: Any) -> str:
    """A date in the year of ``reference`` (the meeting) is written without the year (8月10日)."""
    d = parse_date(value)
    try:
        ref = parse_date(reference or "")
    except DateError:
        ref = None
    year = ref.year if isinstance(ref, Date) else None
    if isinstance(d, Date) and d.year is not None and d.year == year and d.month:
        return format_cn(Date(None, d.month, d.day, d.part))
    if isinstance(d, DateRange) and d.start.year == year and d.start.month and d.end is not None \
            and d.end.year in (None, year):
        return format_cn(d).removeprefix(f"{year}年")  # 2月1日至10日
    return format_cn(d)
