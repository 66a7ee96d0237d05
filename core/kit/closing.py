"""落款 (the issuing organ's name) and 成文日期 (the date of the document)."""

from __future__ import annotations

from typing import Any

from .. import questions as q
from ..dates import Date, DateError, format_cn, parse_date
from ..questions import Answers, Question


def org_signature(answers: Answers) -> str:
    """The usual 落款 default: "中共" + unit + organisation kind (中共某县教育局党委)."""
    return f"中共{answers['unit']}{answers['org_kind']}"


def a_day(value: Any, answers: Answers | None = None) -> str | None:
    """成文日期 is a day (GB/T 9704 7.3.5: 年、月、日 in Arabic numerals), not a month or a span; the
    year may be left to the context (the meeting's year)."""
    try:
        d = parse_date(value) if value else None
    except DateError:
        return None  # told by the date kind itself
    if d is None or (isinstance(d, Date) and d.month and d.day):
        return None
    return "成文日期应写到具体的某一天（如2023年8月20日）"


def closing_questions(signature: Any = "", issue_date: Any = "") -> list[Question]:
    """The 落款, 成文日期 and 附注 questions (answers ``signature``, ``issue_date``, ``note``), all
    optional; defaults may be functions of earlier answers."""
    return [q.text("signature", "落款（发文机关署名，可留空）", signature, optional=True),
            q.date("issue_date", "成文日期（可留空）", issue_date, optional=True, validate=a_day),
            q.text("note", "附注（成文日期下一行，如“（此件公开发布）”；一般留空）", "", optional=True,
                   normalize=bracketed)]


def bracketed(note: str) -> str:
    """A 附注 in its brackets (GB/T 9704 7.3.6): "此件公开发布" → "（此件公开发布）"."""
    note = note.strip()
    return note if not note or (note[0] in "（(" and note[-1] in "）)") else f"（{note}）"


def closing(answers: Answers | Any) -> dict[str, str]:
    """``Draft(…, **closing(a))``: the 落款, the 成文日期 in official style and the 附注 ("" when
    not given)."""
    issued = answers.get("issue_date")
    return {"signature": answers.get("signature", ""), "date": format_cn(issued) if issued else "",
            "note": answers.get("note", "")}
