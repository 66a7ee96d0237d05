"""主题教育专题民主生活会问题整改实施方案 (document type ``theme-education-rectification``)."""

from __future__ import annotations

from gongwen.api import (
    ORG_KINDS,
    Context,
    DocumentType,
    Draft,
    Enumeration,
    Heading,
    Paragraph,
    choice,
    closing,
    closing_questions,
    confirm,
    date,
    fill,
    format_cn,
    group,
    integer,
    ledger_item,
    listof,
    multichoice,
    multiline,
    not_before,
    org_signature,
    org_words,
    parse_date,
    section,
    text,
    this_year,
    titled_group,
    titled_sections,
    today_in_year,
)

from . import wording as w

STANDARD_ASPECTS = tuple(w.ASPECTS)


def words(a: dict) -> dict[str, str]:
    """The vocabulary of both theme-education types (党委/党组… and the unit)."""
    return org_words(a.get("org_kind", "党委"), a.get("unit", ""))


def filled_titles(items: list[dict], a: dict) -> list[dict]:
    """Titled items from the wording, their text filled with the vocabulary."""
    return [{"title": i["title"], "text": fill(i["text"], words(a))} for i in items]


def _aspect_default(name: str, a: dict) -> dict:
    """Default problems and measures of an aspect (empty for the user's own aspect)."""
    data = w.ASPECTS.get(name, {"problems": [], "measures": []})
    return {"name": name, "problems": [fill(p, words(a)) for p in data["problems"]],
            "measures": filled_titles(data["measures"], a)}


def _year_end_after_meeting(a: dict) -> str:
    """The default 整改完成日期: the end of the year the meeting is held in."""
    return f"{parse_date(a['meeting_date']).year or a['year']}-12-底"


def _leadership(c: Context) -> list:
    deputy = f"、{c['group_deputy']}为副组长" if c.get("group_deputy") else ""
    group_text = (f"成立以{c['group_leader']}为组长{deputy}、{c['group_members']}为成员的问题整改领导小组。"
                  + c.fill(w.LEADERSHIP_GROUP))
    office, to = "", "领导小组"
    if c["has_office"]:
        to = c["office_name"]
        office = c.fill(w.LEADERSHIP_OFFICE).replace("领导小组下设办公室", f"领导小组下设{to}")
    return [Paragraph(group_text), Paragraph(office + f"各责任人{c['report_cadence']}向{to}报告整改落实情况。")]


def _deadline(c: Context) -> str:
    if c["deadline_kind"] == "指定日期" and c.get("deadline_date"):
        return f"自即日起至{format_cn(c['deadline_date'])}。"
    return w.DEADLINE


def _measures(c: Context) -> list:
    return [
        Heading(f"{asp['name']}方面", [
            Enumeration(asp["problems"], lead="【整改问题】："),
            Paragraph("", lead="【整改措施】："),
            *(Paragraph(m["text"], lead=f"{m['title']}。") for m in asp["measures"]),
        ])
        for asp in c["aspects"]
    ]


SECTIONS = [
    section("leadership", "组织领导", build=_leadership, questions=[
        text("group_leader", "整改领导小组组长", lambda a: words(a)["secretary"]),
        text("group_deputy", "副组长（可留空）", lambda a: words(a)["deputy"], optional=True),
        text("group_members", "领导小组成员", lambda a: f"{a['org_kind']}班子其他成员"),
        confirm("has_office", "领导小组是否下设办公室", True),
        text("office_name", "办公室名称", "整改工作办公室", when=("has_office", True)),
        choice("report_cadence", "整改进展报告频次", ("每月", "每季度", "每半年"), "每季度"),
    ]),
    section("principles_goals", "基本原则和整改目标"),
    section("principles", "基本原则", 2, questions=[
        titled_group("principles", "基本原则", lambda a: filled_titles(w.PRINCIPLES, a), item="条原则")],
        build=lambda c: [Paragraph(p["text"], lead=f"{p['title']}。") for p in c["principles"]]),
    section("goals", "整改目标", 2, build=lambda c: [Paragraph(c["goals"])], questions=[
        multiline("goals", "整改目标", lambda a: fill(w.GOALS, words(a)))]),
    section("deadline", "整改时限", build=lambda c: [Paragraph(_deadline(c))]),
    section("measures", "针对存在问题制定的整改措施", build=_measures, questions=[
        multichoice("aspect_names", "整改涉及哪些方面", STANDARD_ASPECTS, STANDARD_ASPECTS, min_items=1, yearly=True),
        group("aspects", "各方面的问题和措施", (
            text("name", "方面名称（如“理论学习”）"),
            listof("problems", "整改问题（每条一句）", min_items=1),
            titled_group("measures", "整改措施", (), item="条措施", min_items=1),
        ), lambda a: [_aspect_default(n, a) for n in a["aspect_names"]],
            summary="name", item="个方面", min_items=1, yearly=True),
    ]),
    section("requirements", "有关要求",
            build=lambda c: [Paragraph(c["requirements_intro"]), *titled_sections(c["requirements"])],
            questions=[
                multiline("requirements_intro", "有关要求（导语）", lambda a: fill(w.REQUIREMENTS_INTRO, words(a))),
                titled_group("requirements", "有关要求（各条）", lambda a: filled_titles(w.REQUIREMENTS, a),
                             item="条要求"),
            ]),
]

QUESTIONS = [
    integer("year", "年度", this_year, min=2000, max=2100),
    text("unit", "单位名称（简称，如“县农业农村局”）", "县农业农村局"),
    choice("org_kind", "党组织类别", ORG_KINDS, "党委"),
    text("title", "文件标题", help="默认由单位、党组织类别和年度生成",
         default=lambda a: f"{a['unit']}{a['org_kind']}{a['year']}年主题教育专题民主生活会问题整改实施方案"),
    date("meeting_date", "民主生活会召开日期", today_in_year("year"), yearly=True),
]


#: 落实时限 of every item when the plan gives no date: the phrase of 整改时限.
UNTIL_NEXT_MEETING = "下次专题民主生活会召开前"


def items(a: dict) -> list[dict]:
    """The rectification items: each problem of each aspect, with its aspect's measures (their
    titles), the leading group as 责任领导 and its office as 牵头单位."""
    leader = a.get("group_leader") or words(a)["secretary"]
    lead_unit = a.get("office_name") if a.get("has_office") else "领导小组"
    due = a["deadline_date"] if a.get("deadline_kind") == "指定日期" and a.get("deadline_date") else UNTIL_NEXT_MEETING
    return [ledger_item(f"{asp['name']}方面", p, [m["title"] for m in asp["measures"]], leader, lead_unit or "办公室",
                        f"{a['org_kind']}班子成员", due)
            for asp in a.get("aspects", []) for p in asp["problems"]]


def build(c: Context) -> Draft:
    preamble = [Paragraph(c.fill(w.PREAMBLE, meeting_date=format_cn(c["meeting_date"])))]
    if "deadline" not in c.kept:  # the section is dropped: the deadline is still stated
        preamble.append(Paragraph(_deadline(c), lead="整改时限："))
    return Draft(title=c["title"], preamble=preamble, **closing(c))


DOCTYPE = DocumentType(
    id="theme-education-rectification",
    name="主题教育专题民主生活会问题整改实施方案",
    questions=QUESTIONS,
    sections=SECTIONS,
    outline=["leadership", "principles_goals", "principles", "goals", "deadline", "measures", "requirements"],
    after=[  # 整改时限 is asked even when its section is dropped: the plan then states it after the opening
        choice("deadline_kind", "整改时限", ("至下次民主生活会召开前", "指定日期")),
        date("deadline_date", "整改完成日期（如 2023年12月底）", _year_end_after_meeting,
             when=("deadline_kind", "指定日期"), validate=not_before(
                 "meeting_date", "整改完成日期{date}早于民主生活会召开日期{earlier}，请改为会后的日期")),
        *closing_questions(org_signature, lambda a: a["meeting_date"]),
    ],
    build=build,
    vocabulary=words,
    items=items,
    description="民主生活会后，针对查摆出的问题制定的整改实施方案：组织领导、原则目标、时限、分方面的问题和措施、有关要求。",
)
