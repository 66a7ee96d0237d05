"""落款 (the issuing organ's name) and 成文日期 (the date of the document)."""

from __future__ import annotations

from typing import Any

from .. import questions as q
from ..dates import format_cn
from ..questions import Answers, Question


def org_signature(answers: Answers) -> str:
    """The usual 落款 default: "中共" + unit + organisation kind (中共某县教育局党委)."""
    return f"中共{answers['unit']}{answers['org_kind']}"


def closing_questions(signature: Any = "", issue_date: Any = "") -> list[Question]:
    """The 落款 and 成文日期 questions (answers ``signature``, ``issue_date``), both optional;
    defaults may be functions of earlier answers."""
    return [q.text("signature", "落款（发文机关署名，可留空）", signature, optional=True),
            q.date("issue_date", "成文日期（可留空）", issue_date, optional=True)]


def closing(answers: Answers | Any) -> dict[str, str]:
    """``Draft(…, **closing(a))``: the 落款 and the 成文日期 in official style ("" when not given)."""
    issued = answers.get("issue_date")
    return {"signature": answers.get("signature", ""), "date": format_cn(issued) if issued else ""}
