"""党史学习教育专题民主生活会整改落实方案 (document type ``party-history-rectification``).

Problems are numbered continuously across the aspects (counter ``problem``), each with its
measures and the four responsibility fields; the same items make the appended ledger.
"""

from __future__ import annotations

import datetime as _dt

from gongwen import questions as q
from gongwen.common import (
    closing,
    closing_questions,
    dates_in_order,
    ledger_table,
    normalize_deadline,
    org_signature,
    problem_section,
    responsibility_questions,
    titled_group,
    titled_sections,
)
from gongwen.dates import format_cn
from gongwen.doctype import DocumentType, Draft, S
from gongwen.model import Paragraph, Section
from gongwen.vocab import ORG_KINDS, org_words

from . import wording as w

TODAY = _dt.date.today()


def _words(a: dict) -> dict[str, str]:
    year = int(a.get("year") or TODAY.year)
    return {**org_words(a.get("org_kind", "党组"), a.get("unit", "")), "year": str(year),
            "next_year": str(year + 1)}


def _fill(text: str, a: dict, **extra: str) -> str:
    return text.format_map({**_words(a), **extra})


def _problem(p: dict, a: dict) -> dict:
    return {
        "problem": p["problem"],
        "measures": [_fill(m, a) for m in p["measures"]],
        "leader": w.LEADER,
        "lead_unit": _fill(w.LEAD_UNIT, a),
        "units": w.UNITS,
        "deadline": normalize_deadline(_fill(w.DEADLINES[p["deadline"]], a)),
    }


def _aspects(a: dict) -> list[dict]:
    return [{"title": asp["title"], "problems": [_problem(p, a) for p in asp["problems"]]} for asp in w.ASPECTS]


def _safeguards(a: dict) -> list[dict]:
    reports = {
        "half_report": format_cn(a["half_report"]),
        "annual_report": format_cn(a["annual_report"]),
        "report_to": a["report_to"],
    }
    return [{"title": s["title"], "text": _fill(s["text"], a, **reports)} for s in w.SAFEGUARDS]


PROBLEM_FIELDS = (
    q.text("problem", "问题（一句话）"),
    q.listof("measures", "整改措施（每条一句；多条时写成“一是……二是……”）", min_items=1),
    *responsibility_questions(
        leader=w.LEADER,
        lead_unit=lambda a: _fill(w.LEAD_UNIT, a),
        units=w.UNITS,
    ),
)

QUESTIONS = [
    q.integer("year", "民主生活会年度", TODAY.year, min=2000, max=2100),
    q.text("unit", "单位名称（简称，如“区政府”）", "区政府"),
    q.choice("org_kind", "党组织类别", ORG_KINDS, "党组"),
    q.text("title", "文件标题", lambda a: f"{a['unit']}{a['org_kind']}党史学习教育专题民主生活会整改落实方案"),
    q.multiline("preamble", "开头段落", lambda a: _fill(w.PREAMBLE, a)),
    q.multiline("general", "总体要求", lambda a: _fill(w.GENERAL, a), section="general"),
    q.multiline("goals", "整改目标", lambda a: _fill(w.GOALS, a), section="goals"),
    titled_group("principles", "整改原则", lambda a: [
        {"title": p["title"], "text": _fill(p["text"], a)} for p in w.PRINCIPLES], item="条原则",
        section="principles"),
    q.text("chief", "对整改工作负总责的领导", lambda a: f"{a['org_kind']}主要负责同志", section="focus"),
    q.multiline("focus_intro", "整改重点和整改方向（导语）",
                lambda a: _fill(w.FOCUS_INTRO, a, chief=a["chief"]), section="focus"),
    q.group("aspects", "整改重点（各方面及其问题）", (
        q.text("title", "方面（如“在带头……方面”）"),
        q.group("problems", "该方面的问题", PROBLEM_FIELDS, summary="problem", item="个问题", min_items=1),
    ), _aspects, summary="title", item="个方面", min_items=1, section="focus"),
    q.date("half_report", "半年整改情况报送时间", lambda a: f"{a['year'] + 1}-06-底", section="safeguards"),
    q.date("annual_report", "全年整改情况报送时间", lambda a: f"{a['year'] + 1}-12-底", section="safeguards"),
    q.text("report_to", "整改情况报送给", "办公室", section="safeguards"),
    titled_group("safeguards", "保障措施", _safeguards, item="条措施", section="safeguards"),
    q.confirm("ledger", "文末是否附整改任务清单（台账）", True),
    q.text("ledger_title", "整改任务清单标题", "整改任务清单", when=("ledger", True)),
    *closing_questions(org_signature),
]

OUTLINE = [
    S("general", "总体要求"),
    S("goals", "整改目标"),
    S("principles", "整改原则"),
    S("focus", "整改重点和整改方向"),
    S("safeguards", "保障措施"),
]


def problems(a: dict) -> list[dict]:
    """Every problem in reading order (the ledger's rows)."""
    return [p for asp in a.get("aspects", []) for p in asp["problems"]]


def build(a: dict) -> Draft:
    focus: list = [Paragraph(a["focus_intro"])] if a.get("focus_intro") else []
    focus += [
        Section(asp["title"].rstrip("。") + "。", children=[problem_section(p) for p in asp["problems"]])
        for asp in a.get("aspects", [])
    ]
    appendices = []
    if a.get("ledger") and a.get("aspects"):
        appendices.append(Section(a["ledger_title"], blocks=[ledger_table(problems(a))]))
    return Draft(
        title=a["title"],
        preamble=[Paragraph(a["preamble"])] if a.get("preamble") else [],
        content={
            "general": [Paragraph(a.get("general", ""))],
            "goals": [Paragraph(a.get("goals", ""))],
            "principles": titled_sections(a.get("principles", [])),
            "focus": focus,
            "safeguards": titled_sections(a.get("safeguards", [])),
        },
        **closing(a),
        appendices=appendices,
    )


def validate(a: dict) -> list:
    return dates_in_order([("half_report", "annual_report", "全年整改情况报送时间早于半年报送时间")], a)


DOCTYPE = DocumentType(
    id="party-history-rectification",
    name="党史学习教育专题民主生活会整改落实方案",
    questions=QUESTIONS,
    outline=OUTLINE,
    build=build,
    validate=validate,
    vocabulary=_words,
    description="专题民主生活会后的整改落实方案：总体要求、目标、原则，分方面逐条列出问题、整改措施和"
                "责任领导、牵头单位、责任单位、落实时限，保障措施，文末附整改任务清单（台账）。",
)
