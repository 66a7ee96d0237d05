"""主题教育专题民主生活会问题整改实施方案 (document type ``theme-education-rectification``)."""

from __future__ import annotations

import datetime as _dt

from gongwen import questions as q
from gongwen.common import closing, closing_questions, not_before, org_signature, titled_group, titled_sections
from gongwen.dates import format_cn, parse_date
from gongwen.doctype import DocumentType, Draft, S
from gongwen.model import Enumeration, Paragraph, Section
from gongwen.vocab import ORG_KINDS, org_words

from . import wording as w

STANDARD_ASPECTS = tuple(w.ASPECTS)
TODAY = _dt.date.today()


def words(a: dict) -> dict[str, str]:
    """The vocabulary of both theme-education types (党委/党组… and the unit)."""
    return org_words(a.get("org_kind", "党委"), a.get("unit", ""))


def fill(text: str, a: dict, **extra: object) -> str:
    return text.format_map({**words(a), **extra})


def _aspect_default(name: str, a: dict) -> dict:
    """Default problems and measures of an aspect (empty for the user's own aspect)."""
    data = w.ASPECTS.get(name, {"problems": [], "measures": []})
    return {
        "name": name,
        "problems": [fill(p, a) for p in data["problems"]],
        "measures": [{"title": m["title"], "text": fill(m["text"], a)} for m in data["measures"]],
    }


def filled_titles(items: list[dict], a: dict) -> list[dict]:
    """Titled items from the wording, their text filled with the vocabulary."""
    return [{"title": i["title"], "text": fill(i["text"], a)} for i in items]


def _year_end_after_meeting(a: dict) -> str:
    """The default 整改完成日期: the end of the year the meeting is held in."""
    return f"{parse_date(a['meeting_date']).year or a['year']}-12-底"


QUESTIONS = [
    q.integer("year", "年度", TODAY.year, min=2000, max=2100),
    q.text("unit", "单位名称（简称，如“县农业农村局”）", "县农业农村局"),
    q.choice("org_kind", "党组织类别", ORG_KINDS, "党委"),
    q.text("title", "文件标题", lambda a: (
        f"{a['year']}年主题教育专题{a['org_kind']}民主生活会问题整改实施方案"),
        help="默认由年度和党组织类别生成"),
    q.date("meeting_date", "民主生活会召开日期", TODAY.isoformat()),
    q.text("group_leader", "整改领导小组组长", lambda a: words(a)["secretary"]),
    q.text("group_deputy", "副组长（可留空）", lambda a: words(a)["deputy"], optional=True),
    q.text("group_members", "领导小组成员", lambda a: f"{a['org_kind']}班子其他成员"),
    q.confirm("has_office", "领导小组是否下设办公室", True),
    q.text("office_name", "办公室名称", "整改工作办公室", when=("has_office", True)),
    q.choice("report_cadence", "整改进展报告频次", ("每月", "每季度", "每半年"), "每季度"),
    titled_group("principles", "基本原则", lambda a: filled_titles(w.PRINCIPLES, a), item="条原则",
                 section="principles"),
    q.multiline("goals", "整改目标", lambda a: fill(w.GOALS, a), section="goals"),
    q.choice("deadline_kind", "整改时限", ("至下次民主生活会召开前", "指定日期"),
             section="deadline"),
    q.date("deadline_date", "整改完成日期（如 2023年12月底）", _year_end_after_meeting,
           when=("deadline_kind", "指定日期"), section="deadline",
           validate=not_before("meeting_date", "整改完成日期{date}早于民主生活会召开日期{earlier}，请改为会后的日期")),
    q.multichoice("aspect_names", "整改涉及哪些方面", STANDARD_ASPECTS, STANDARD_ASPECTS,
                  min_items=1, section="measures"),
    q.group("aspects", "各方面的问题和措施", (
        q.text("name", "方面名称（如“理论学习”）"),
        q.listof("problems", "整改问题（每条一句）", min_items=1),
        titled_group("measures", "整改措施", (), item="条措施", min_items=1),
    ), lambda a: [_aspect_default(n, a) for n in a["aspect_names"]],
        summary="name", item="个方面", min_items=1, section="measures"),
    q.multiline("requirements_intro", "有关要求（导语）", lambda a: fill(w.REQUIREMENTS_INTRO, a),
                section="requirements"),
    titled_group("requirements", "有关要求（各条）", lambda a: filled_titles(w.REQUIREMENTS, a), item="条要求",
                 section="requirements"),
    *closing_questions(org_signature, lambda a: a["meeting_date"]),
]

OUTLINE = [
    S("leadership", "组织领导"),
    S("principles_goals", "基本原则和整改目标"),
    S("principles", "基本原则", 2),
    S("goals", "整改目标", 2),
    S("deadline", "整改时限"),
    S("measures", "针对存在问题制定的整改措施"),
    S("requirements", "有关要求"),
]


def _deadline(a: dict) -> str:
    if a.get("deadline_kind") == "指定日期" and a.get("deadline_date"):
        return f"自即日起至{format_cn(a['deadline_date'])}。"
    return w.DEADLINE


def build(a: dict) -> Draft:
    wd = words(a)
    deputy = f"、{a['group_deputy']}为副组长" if a.get("group_deputy") else ""
    group = (f"成立以{a['group_leader']}为组长{deputy}、{a['group_members']}为成员的问题整改领导小组。"
             + fill(w.LEADERSHIP_GROUP, a))
    leadership = [Paragraph(group)]
    if a.get("has_office"):
        office = fill(w.LEADERSHIP_OFFICE, a).replace("领导小组下设办公室", f"领导小组下设{a['office_name']}")
        leadership.append(Paragraph(office
                                    + f"各责任人{a['report_cadence']}向{a['office_name']}报告整改落实情况。"))
    else:
        leadership.append(Paragraph(f"各责任人{a['report_cadence']}向领导小组报告整改落实情况。"))
    aspects = [
        Section(f"{asp['name']}方面", [
            Enumeration(asp["problems"], lead="【整改问题】："),
            Paragraph("", lead="【整改措施】："),
            *(Paragraph(m["text"], lead=f"{m['title']}。") for m in asp["measures"]),
        ])
        for asp in a.get("aspects", [])
    ]
    meeting = format_cn(a["meeting_date"])
    return Draft(
        title=a["title"],
        preamble=[Paragraph(w.PREAMBLE.format_map({**wd, "meeting_date": meeting}))],
        content={
            "leadership": leadership,
            "principles": [Paragraph(p["text"], lead=f"{p['title']}。") for p in a.get("principles", [])],
            "goals": [Paragraph(a.get("goals", ""))],
            "deadline": [Paragraph(_deadline(a))],
            "measures": aspects,
            "requirements": [
                Paragraph(a.get("requirements_intro", "")),
                *titled_sections(a.get("requirements", [])),
            ],
        },
        **closing(a),
    )


DOCTYPE = DocumentType(
    id="theme-education-rectification",
    name="主题教育专题民主生活会问题整改实施方案",
    questions=QUESTIONS,
    outline=OUTLINE,
    build=build,
    vocabulary=words,
    description="民主生活会后，针对查摆出的问题制定的整改实施方案：组织领导、原则目标、时限、分方面的问题和措施、有关要求。",
)
