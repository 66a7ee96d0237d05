"""基层党建问题整改专项行动方案 (document type ``grassroots-special-action``).

Each problem item carries its measure group, so 整改问题 (一是…二是…) and 整改措施
(1. … ①②③) always match one to one; 时间步骤 are phases with checked date ranges.
"""

from __future__ import annotations

import datetime as _dt

from gongwen import questions as q
from gongwen.common import (
    closing,
    closing_questions,
    end_sentence,
    phase_questions,
    phase_sections,
    titled_group,
    titled_sections,
)
from gongwen.dates import normalize
from gongwen.doctype import DocumentType, Draft, S
from gongwen.model import Paragraph, Section, enumerate_items

from . import wording as w

TODAY = _dt.date.today()


def _fill(text: str, a: dict, **extra: object) -> str:
    return text.format_map({"scope": a.get("scope", ""), "source": a.get("source", ""), **extra})


def _phases(a: dict) -> list[dict]:
    return [{"name": p["name"], "period": normalize(p["period"].format(year=a["year"])), "text": p["text"]}
            for p in w.PHASES]


QUESTIONS = [
    q.integer("year", "专项行动开始年份", TODAY.year, min=2000, max=2100),
    q.text("scope", "实施范围（如“全县”“全区”）", "全县"),
    q.text("source", "问题来源（如“省委专项巡视”）", "上级巡视巡察"),
    q.text("title", "文件标题", "基层党建问题整改专项行动方案"),
    q.text("subtitle", "副标题（如“（县、区）”，可留空）", "", optional=True),
    q.multiline("preamble", "开头段落", lambda a: _fill(w.PREAMBLE, a)),
    q.multiline("general", "总体要求", lambda a: _fill(w.GENERAL, a), section="general"),
    q.group("problems", "整改问题及其措施（每个问题一组措施）", (
        q.text("problem", "问题（列入“整改问题”的一句话）"),
        q.text("title", "对应整改措施的标题（如“加强理想信念教育”）"),
        q.listof("measures", "具体措施（每条一句，编为①②③）", min_items=1),
    ), [dict(p) for p in w.PROBLEMS], summary="problem", item="个问题", min_items=1),
    phase_questions(_phases, section="steps"),
    titled_group("requirements", "工作要求", [dict(r) for r in w.REQUIREMENTS], item="条要求",
                 section="requirements"),
    *closing_questions(),
]

OUTLINE = [
    S("general", "总体要求"),
    S("problems", "整改问题"),
    S("measures", "整改措施"),
    S("steps", "时间步骤"),
    S("requirements", "工作要求"),
]


def build(a: dict) -> Draft:
    items = a.get("problems", [])
    listed = enumerate_items([p["problem"] for p in items], "yishi")
    measures: list = [Paragraph(_fill(w.MEASURES_LEAD, a))]
    measures += [
        Section(end_sentence(p["title"]), [Paragraph(enumerate_items(p["measures"], "circled"))],
                level=3, run_in=True)
        for p in items
    ]
    return Draft(
        title=a["title"],
        subtitle=a.get("subtitle", ""),
        preamble=[Paragraph(a["preamble"])] if a.get("preamble") else [],
        content={
            "general": [Paragraph(a.get("general", ""))],
            "problems": [Paragraph(_fill(w.PROBLEMS_LEAD, a, count=len(items)) + listed)],
            "measures": measures,
            "steps": phase_sections(a.get("phases", [])),
            "requirements": titled_sections(a.get("requirements", [])),
        },
        **closing(a),
    )


DOCTYPE = DocumentType(
    id="grassroots-special-action",
    name="基层党建问题整改专项行动方案",
    questions=QUESTIONS,
    outline=OUTLINE,
    build=build,
    description="针对巡视巡察等反馈的基层党建问题制定的专项行动方案：总体要求、整改问题、逐条整改措施、"
                "分阶段的时间步骤和工作要求。",
)
