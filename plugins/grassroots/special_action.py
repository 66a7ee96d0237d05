"""基层党建问题整改专项行动方案 (document type ``grassroots-special-action``).

Each problem item carries its measure group, so 整改问题 (一是…二是…) and 整改措施
(1. … ①②③) always match one to one; 时间步骤 are phases with checked date ranges.
"""

from __future__ import annotations

from gongwen.api import (
    Context,
    Date,
    DateRange,
    DocumentType,
    Draft,
    Heading,
    Paragraph,
    closing,
    closing_questions,
    end_sentence,
    enumerate_items,
    fill,
    group,
    integer,
    ledger_item,
    listof,
    months_later,
    multiline,
    normalize,
    normalize_deadline,
    parse_date,
    phase_questions,
    phase_sections,
    section,
    text,
    this_year,
    titled_group,
    titled_sections,
    today,
)

from . import wording as w


def words(a: dict) -> dict[str, str]:
    scope = a.get("scope", "")
    level = f"{scope[-1]}级" if scope.startswith("全") and len(scope) == 2 else "各级"  # 全区 → 区级
    return {"scope": scope, "source": a.get("source", ""), "level": level}


def default_problems(a: dict) -> list[dict]:
    """The default problems, their measures in the words of the scope (区级领导 for 全区)."""
    return [{**p, "measures": [fill(m, words(a)) for m in p["measures"]]} for p in w.PROBLEMS]


def _phases(a: dict) -> list[dict]:
    """The default phases from April of the action's year, or from next month when the plan is
    written later in that year (a plan drafted in November does not open with April to September)."""
    day = today()
    year, month = (day.year, day.month + 1) if a["year"] == day.year and day.month >= 4 else (a["year"], 4)
    out = []
    for p in w.PHASES:
        start, end = (months_later(year, month, m) if m is not None else None for m in p["months"])
        if end is None:
            period = f"{start[0]}年{start[1]}月以后"
        else:
            period = f"{start[0]}年{start[1]}月至" + (f"{end[1]}月" if end[0] == start[0] else f"{end[0]}年{end[1]}月")
        out.append({"name": p["name"], "period": normalize(period), "text": p["text"]})
    return out


def _problems(c: Context) -> list:
    items = c.get("problems", [])
    listed = enumerate_items([p["problem"] for p in items], "yishi")
    return [Paragraph(c.fill(w.PROBLEMS_LEAD, count=len(items)) + listed)]


def _measures(c: Context) -> list:
    return [Paragraph(c.fill(w.MEASURES_LEAD)), *(
        Heading(end_sentence(p["title"]), [Paragraph(enumerate_items(p["measures"], "circled"))],
                level=3, run_in=True)
        for p in c.get("problems", []))]


SECTIONS = [
    section("general", "总体要求", build=lambda c: [Paragraph(c["general"])], questions=[
        multiline("general", "总体要求", lambda a: fill(w.GENERAL, words(a)))]),
    section("problems", "整改问题", build=_problems),
    section("measures", "整改措施", build=_measures),
    section("steps", "时间步骤", build=lambda c: phase_sections(c["phases"]), questions=[phase_questions(_phases)]),
    section("requirements", "工作要求", build=lambda c: titled_sections(c["requirements"]), questions=[
        titled_group("requirements", "工作要求", [dict(r) for r in w.REQUIREMENTS], item="条要求")]),
]

QUESTIONS = [
    integer("year", "专项行动开始年份", this_year, min=2000, max=2100),
    text("scope", "实施范围（如“全县”“全区”）", "全县"),
    text("source", "问题来源（如“省委专项巡视”）", "上级巡视巡察"),
    text("title", "文件标题", lambda a: f"{a['scope']}基层党建问题整改专项行动方案", help="默认由实施范围生成"),
    text("subtitle", "副标题（标题下一行括号中的说明，如“（县、区）”表示适用于县、区；可留空）", "", optional=True),
    multiline("preamble", "开头段落", lambda a: fill(w.PREAMBLE, words(a))),
    group("problems", "整改问题及其措施（每个问题一组措施）", (
        text("problem", "问题（列入“整改问题”的一句话）"),
        text("title", "对应整改措施的标题（如“加强理想信念教育”）"),
        listof("measures", "具体措施（每条一句，编为①②③）", min_items=1),
    ), default_problems, summary="problem", item="个问题", min_items=1, yearly=True),
]


def _first_phase_end(a: dict) -> str:
    """落实时限 of the items: the end of the first phase (集中整改), "即知即改，长期坚持" without one."""
    phases = a.get("phases") or []
    period = parse_date(phases[0]["period"]) if phases else None
    end = period.end if isinstance(period, DateRange) else period
    if not isinstance(end, Date) or end.year is None or end.month is None:
        return w.LONG_TERM
    day = f"{end.day}日" if end.day else "底"
    return normalize_deadline(f"{end.year}年{end.month}月{day}前")


def items(a: dict) -> list[dict]:
    """The rectification items: one per problem, its measure group as 整改措施 (no aspects)."""
    due = _first_phase_end(a)
    return [ledger_item("", p["problem"], p["measures"], w.LEADER, w.LEAD_UNIT, w.UNITS, due)
            for p in a.get("problems", [])]


def build(c: Context) -> Draft:
    return Draft(title=c["title"], subtitle=c.get("subtitle", ""),
                 preamble=[Paragraph(c["preamble"])] if c.get("preamble") else [], **closing(c))


DOCTYPE = DocumentType(
    id="grassroots-special-action",
    name="基层党建问题整改专项行动方案",
    questions=QUESTIONS,
    sections=SECTIONS,
    outline=["general", "problems", "measures", "steps", "requirements"],
    after=closing_questions(),
    build=build,
    vocabulary=words,
    items=items,
    description="针对巡视巡察等反馈的基层党建问题制定的专项行动方案：总体要求、整改问题、逐条整改措施、"
                "分阶段的时间步骤和工作要求。",
)
