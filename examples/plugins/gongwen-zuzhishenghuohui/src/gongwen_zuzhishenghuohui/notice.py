"""召开年度组织生活会和开展民主评议党员的通知 (document type ``zuzhishenghuohui-notice``)."""

from __future__ import annotations

from gongwen.api import (
    Context,
    DocumentType,
    Draft,
    Paragraph,
    choice,
    closing,
    closing_questions,
    confirm,
    date,
    fill,
    format_cn,
    integer,
    item_blocks,
    listof,
    multiline,
    normalize,
    section,
    text,
    titled_group,
    titled_sections,
    today,
)

from . import wording as w


def default_year(_a: dict | None = None) -> int:
    """Meetings on a year are held at its end or early the next year."""
    return today().year if today().month >= 10 else today().year - 1


def words(a: dict) -> dict[str, str]:
    return {"year": str(a.get("year", default_year())), "unit": a.get("unit", ""), "scope": a.get("scope", "")}


def _titled(items: list[dict], a: dict) -> list[dict]:
    return [{"title": i["title"], "text": fill(i["text"], words(a))} for i in items]


def _attendance(c: Context) -> list:
    out = [Paragraph(c["attendance"])]
    if c.get("guidance") and c.get("guidance_by"):
        out.append(Paragraph(f"{c['guidance_by']}分别到联系点党支部参加会议，加强指导。"))
    return out


def _requirements(c: Context) -> list:
    items = list(c["requirements"])
    if c.get("report") and c.get("materials"):
        listed = "、".join(c["materials"][:-1]) + "和" + c["materials"][-1] if len(c["materials"]) > 1 \
            else c["materials"][0]
        contact = f"联系人及电话：{c['contact']}。" if c.get("contact") else ""
        items.append({"title": w.REPORT_TITLE,
                      "text": c.fill(w.REPORT, date=format_cn(c["report_date"]), materials=listed) + contact})
    return titled_sections(items)


SECTIONS = [
    section("theme", "会议主题", build=lambda c: [Paragraph(c["theme"])], questions=[
        multiline("theme", "会议主题", lambda a: fill(w.THEME, words(a)))]),
    section("attendance", "参加范围", build=_attendance, questions=[
        multiline("attendance", "参加范围", w.ATTENDANCE),
        confirm("guidance", "是否派员到会指导", True),
        text("guidance_by", "到会指导的同志", lambda a: f"{a['unit']}班子成员和机关党员干部", when=("guidance", True)),
    ]),
    section("period", "召开时间", build=lambda c: [Paragraph(c.fill(w.PERIOD, period=format_cn(c["period"])))],
            questions=[date("period", "召开时间（如“2025年1月至2月”）",
                            lambda a: normalize(f"{a['year'] + 1}年1月至2月"), allow_range=True)]),
    section("preparation", "会前准备", build=lambda c: titled_sections(c["preparations"]), questions=[
        titled_group("preparations", "会前准备（各步骤）", lambda a: _titled(w.PREPARATIONS, a), item="个步骤")]),
    section("agenda", "会议议程", build=lambda c: item_blocks(c["agenda"], "circled"), questions=[
        listof("agenda", "会议议程（每条一项，编为①②③）", w.AGENDA, min_items=1)]),
    section("evaluation", "民主评议党员", build=lambda c: [Paragraph(c["evaluation"])], questions=[
        multiline("evaluation", "民主评议党员", w.EVALUATION)]),
    section("requirements", "工作要求", build=_requirements, questions=[
        titled_group("requirements", "工作要求", lambda a: _titled(w.REQUIREMENTS, a), item="条要求"),
        confirm("report", "是否要求报送会议材料", True),
        date("report_date", "材料报送截止日期", lambda a: f"{a['year'] + 1}-03-10", when=("report", True)),
        listof("materials", "报送材料", w.MATERIALS, min_items=1, when=("report", True)),
        text("contact", "联系人及电话（可留空）", "", optional=True, when=("report", True)),
    ]),
]

QUESTIONS = [
    integer("year", "组织生活会所属年度", default_year, min=2000, max=2100),
    text("unit", "发文单位（如“县委组织部”“机关党委”）", "县委组织部"),
    text("scope", "范围（如“全县”“全局”）", "全县"),
    text("title", "文件标题", lambda a: f"关于召开{a['year']}年度组织生活会和开展民主评议党员工作的通知",
         help="默认由年度生成"),
    choice("recipient", "主送单位", ("各基层党组织", "各党支部", "各乡镇党委，县直各党（工）委、党组")),
    multiline("preamble", "开头段落", lambda a: fill(w.PREAMBLE, words(a))),
]


def build(c: Context) -> Draft:
    return Draft(title=c["title"], recipient=c["recipient"],
                 preamble=[Paragraph(c["preamble"])] if c.get("preamble") else [], **closing(c))


DOCTYPE = DocumentType(
    id="zuzhishenghuohui-notice",
    name="召开年度组织生活会和开展民主评议党员的通知",
    questions=QUESTIONS,
    sections=SECTIONS,
    outline=["theme", "attendance", "period", "preparation", "agenda", "evaluation", "requirements"],
    after=closing_questions(lambda a: f"中共{a['unit']}", lambda a: today().isoformat()),
    build=build,
    vocabulary=words,
    description="上级党组织部署基层党组织召开年度组织生活会、开展民主评议党员的通知：会议主题、参加范围、"
                "召开时间、会前准备、会议议程、民主评议党员和工作要求。",
)
