"""党史学习教育专题民主生活会整改落实方案 (document type ``party-history-rectification``).

Problems are numbered continuously across the aspects (counter ``problem``), each with its
measures and the four responsibility fields; the same items make the appended ledger.
"""

from __future__ import annotations

from gongwen.api import (
    ORG_KINDS,
    Context,
    DocumentType,
    Draft,
    Heading,
    Paragraph,
    choice,
    closing,
    closing_questions,
    confirm,
    date,
    dates_in_order,
    fill,
    format_cn,
    group,
    integer,
    issued_today,
    ledger_item,
    ledger_table,
    listof,
    multiline,
    normalize_deadline,
    org_signature,
    org_words,
    problem_section,
    responsibility_questions,
    section,
    text,
    this_year,
    titled_group,
    titled_sections,
)

from . import wording as w


def words(a: dict) -> dict[str, str]:
    year = int(a["year"]) if isinstance(a.get("year"), int) else this_year()
    return {**org_words(a.get("org_kind", "党组"), a.get("unit", "")), "year": str(year),
            "next_year": str(year + 1)}


def _problem(p: dict, a: dict) -> dict:
    return {
        "problem": p["problem"],
        "measures": [fill(m, words(a)) for m in p["measures"]],
        "leader": w.LEADER,
        "lead_unit": fill(w.LEAD_UNIT, words(a)),
        "units": w.UNITS,
        "deadline": normalize_deadline(fill(w.DEADLINES[p["deadline"]], words(a))),
    }


def _aspects(a: dict) -> list[dict]:
    return [{"title": asp["title"], "problems": [_problem(p, a) for p in asp["problems"]]} for asp in w.ASPECTS]


def _safeguards(a: dict) -> list[dict]:
    reports = {"half_report": format_cn(a["half_report"]), "annual_report": format_cn(a["annual_report"]),
               "report_to": a["report_to"]}
    return [{"title": s["title"], "text": fill(s["text"], words(a), **reports)} for s in w.SAFEGUARDS]


PROBLEM_FIELDS = (
    text("problem", "问题（一句话）"),
    listof("measures", "整改措施（每条一句；多条时写成“一是……二是……”）", min_items=1),
    *responsibility_questions(leader=w.LEADER, lead_unit=lambda a: fill(w.LEAD_UNIT, words(a)), units=w.UNITS),
)


def _focus(c: Context) -> list:
    intro = [Paragraph(c["focus_intro"])] if c.get("focus_intro") else []
    fields = c.get("fields_in_body", True)  # with a ledger appended, the clerk may leave them to it
    return intro + [Heading(asp["title"].rstrip("。") + "。",
                            children=[problem_section(p, fields=fields) for p in asp["problems"]])
                    for asp in c["aspects"]]


SECTIONS = [
    section("general", "总体要求", build=lambda c: [Paragraph(c["general"])], questions=[
        multiline("general", "总体要求", lambda a: fill(w.GENERAL, words(a)))]),
    section("goals", "整改目标", build=lambda c: [Paragraph(c["goals"])], questions=[
        multiline("goals", "整改目标", lambda a: fill(w.GOALS, words(a)))]),
    section("principles", "整改原则", build=lambda c: titled_sections(c["principles"]), questions=[
        titled_group("principles", "整改原则", lambda a: [
            {"title": p["title"], "text": fill(p["text"], words(a))} for p in w.PRINCIPLES], item="条原则")]),
    section("focus", "整改重点和整改方向", build=_focus, questions=[
        text("chief", "对整改工作负总责的领导", lambda a: f"{a['org_kind']}主要负责同志"),
        multiline("focus_intro", "整改重点和整改方向（导语）",
                  lambda a: fill(w.FOCUS_INTRO, words(a), chief=a["chief"])),
        group("aspects", "整改重点（各方面及其问题）", (
            text("title", "方面（如“在带头……方面”）"),
            group("problems", "该方面的问题", PROBLEM_FIELDS, summary="problem", item="个问题", min_items=1),
        ), _aspects, summary="title", item="个方面", min_items=1, yearly=True),
    ]),
    section("safeguards", "保障措施", build=lambda c: titled_sections(c["safeguards"]), questions=[
        date("half_report", "半年整改情况报送时间", lambda a: f"{a['year'] + 1}-06-底"),
        date("annual_report", "全年整改情况报送时间", lambda a: f"{a['year'] + 1}-12-底"),
        text("report_to", "整改情况报送给", lambda a: fill(w.LEAD_UNIT, words(a))),  # 某某区政府办公室
        titled_group("safeguards", "保障措施", _safeguards, item="条措施"),
    ]),
]

QUESTIONS = [
    integer("year", "民主生活会年度", this_year, min=2000, max=2100),
    text("unit", "单位名称（简称，如“区政府”）", "区政府"),
    choice("org_kind", "党组织类别", ORG_KINDS, "党组"),
    text("title", "文件标题", lambda a: f"{a['unit']}{a['org_kind']}党史学习教育专题民主生活会整改落实方案"),
    multiline("preamble", "开头段落", lambda a: fill(w.PREAMBLE, words(a))),
]


def problems(a: Context | dict) -> list[dict]:
    """Every problem in reading order (the ledger's rows)."""
    return [p for asp in a.get("aspects", []) for p in asp["problems"]]


def items(a: dict) -> list[dict]:
    """The rectification items for the ledger and the progress report: every problem of every aspect."""
    return [ledger_item(asp["title"], p["problem"], p["measures"], p["leader"], p["lead_unit"], p["units"],
                        p["deadline"]) for asp in a.get("aspects", []) for p in asp["problems"]]


def build(c: Context) -> Draft:
    appendices = []
    if c.get("ledger") and problems(c):
        appendices.append(Heading(c["ledger_title"], blocks=[ledger_table(problems(c))]))
    return Draft(title=c["title"], preamble=[Paragraph(c["preamble"])] if c.get("preamble") else [],
                 appendices=appendices, **closing(c))


def validate(a: dict) -> list:
    return dates_in_order([("half_report", "annual_report", "全年整改情况报送时间早于半年报送时间")], a)


DOCTYPE = DocumentType(
    id="party-history-rectification",
    name="党史学习教育专题民主生活会整改落实方案",
    questions=QUESTIONS,
    sections=SECTIONS,
    outline=["general", "goals", "principles", "focus", "safeguards"],
    after=[
        confirm("ledger", "文末是否附整改任务清单（台账）", True),
        text("ledger_title", "整改任务清单标题", "整改任务清单", when=("ledger", True)),
        confirm("fields_in_body", "正文也写明各项的责任领导、牵头单位等（附台账时可只在台账中写）",
                True, when=("ledger", True)),
        *closing_questions(org_signature, issued_today),  # a 落款 is dated
    ],
    build=build,
    validate=validate,
    vocabulary=words,
    items=items,
    description="专题民主生活会后的整改落实方案：总体要求、目标、原则，分方面逐条列出问题、整改措施和"
                "责任领导、牵头单位、责任单位、落实时限，保障措施，文末附整改任务清单（台账）。",
)
