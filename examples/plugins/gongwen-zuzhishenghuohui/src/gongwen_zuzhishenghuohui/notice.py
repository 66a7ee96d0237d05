"""召开年度组织生活会和开展民主评议党员的通知 (document type ``zuzhishenghuohui-notice``)."""

from __future__ import annotations

import datetime as _dt

from gongwen import questions as q
from gongwen.common import closing, closing_questions, titled_group, titled_sections
from gongwen.dates import format_cn, normalize
from gongwen.doctype import DocumentType, Draft, S
from gongwen.model import Paragraph
from gongwen.outline import item_blocks

from . import wording as w

TODAY = _dt.date.today()
# Meetings on a year are held at its end or early the next year.
DEFAULT_YEAR = TODAY.year if TODAY.month >= 10 else TODAY.year - 1


def _fill(text: str, a: dict, **extra: object) -> str:
    return text.format_map({"year": a.get("year", DEFAULT_YEAR), "unit": a.get("unit", ""),
                            "scope": a.get("scope", ""), **extra})


def _titled(items: list[dict], a: dict) -> list[dict]:
    return [{"title": i["title"], "text": _fill(i["text"], a)} for i in items]


QUESTIONS = [
    q.integer("year", "组织生活会所属年度", DEFAULT_YEAR, min=2000, max=2100),
    q.text("unit", "发文单位（如“县委组织部”“机关党委”）", "县委组织部"),
    q.text("scope", "范围（如“全县”“全局”）", "全县"),
    q.text("title", "文件标题", lambda a: f"关于召开{a['year']}年度组织生活会和开展民主评议党员工作的通知",
           help="默认由年度生成"),
    q.choice("recipient", "主送单位", ("各基层党组织", "各党支部", "各乡镇党委，县直各党（工）委、党组")),
    q.multiline("preamble", "开头段落", lambda a: _fill(w.PREAMBLE, a)),
    q.multiline("theme", "会议主题", lambda a: _fill(w.THEME, a), section="theme"),
    q.multiline("attendance", "参加范围", w.ATTENDANCE, section="attendance"),
    q.confirm("guidance", "是否派员到会指导", True, section="attendance"),
    q.text("guidance_by", "到会指导的同志", lambda a: f"{a['unit']}班子成员和机关党员干部",
           when=("guidance", True), section="attendance"),
    q.date("period", "召开时间（如“2025年1月至2月”）", lambda a: normalize(f"{a['year'] + 1}年1月至2月"),
           allow_range=True, section="period"),
    titled_group("preparations", "会前准备（各步骤）", lambda a: _titled(w.PREPARATIONS, a), item="个步骤",
                 section="preparation"),
    q.listof("agenda", "会议议程（每条一项，编为①②③）", w.AGENDA, min_items=1, section="agenda"),
    q.multiline("evaluation", "民主评议党员", w.EVALUATION, section="evaluation"),
    titled_group("requirements", "工作要求", lambda a: _titled(w.REQUIREMENTS, a), item="条要求",
                 section="requirements"),
    q.confirm("report", "是否要求报送会议材料", True, section="requirements"),
    q.date("report_date", "材料报送截止日期", lambda a: f"{a['year'] + 1}-03-10",
           when=("report", True), section="requirements"),
    q.listof("materials", "报送材料", w.MATERIALS, min_items=1, when=("report", True), section="requirements"),
    q.text("contact", "联系人及电话（可留空）", "", optional=True, when=("report", True), section="requirements"),
    *closing_questions(lambda a: f"中共{a['unit']}", TODAY.isoformat()),
]

OUTLINE = [
    S("theme", "会议主题"),
    S("attendance", "参加范围"),
    S("period", "召开时间"),
    S("preparation", "会前准备"),
    S("agenda", "会议议程"),
    S("evaluation", "民主评议党员"),
    S("requirements", "工作要求"),
]


def _materials(items: list[str]) -> str:
    return "、".join(items[:-1]) + "和" + items[-1] if len(items) > 1 else "".join(items)


def build(a: dict) -> Draft:
    attendance = [Paragraph(a.get("attendance", ""))]
    if a.get("guidance") and a.get("guidance_by"):
        attendance.append(Paragraph(f"{a['guidance_by']}分别到联系点党支部参加会议，加强指导。"))
    requirements = list(a.get("requirements", []))
    if a.get("report") and a.get("materials"):
        text = w.REPORT.format(date=format_cn(a["report_date"]), materials=_materials(a["materials"]), unit=a["unit"])
        contact = f"联系人及电话：{a['contact']}。" if a.get("contact") else ""
        requirements.append({"title": w.REPORT_TITLE, "text": text + contact})
    agenda = a.get("agenda", [])
    period = _fill(w.PERIOD, a, period=format_cn(a["period"])) if a.get("period") else ""
    return Draft(
        title=a["title"],
        recipient=a["recipient"],
        preamble=[Paragraph(a["preamble"])] if a.get("preamble") else [],
        content={
            "theme": [Paragraph(a.get("theme", ""))],
            "attendance": attendance,
            "period": [Paragraph(period)],
            "preparation": titled_sections(a.get("preparations", [])),
            "agenda": item_blocks(agenda, "circled"),
            "evaluation": [Paragraph(a.get("evaluation", ""))],
            "requirements": titled_sections(requirements),
        },
        **closing(a),
    )


DOCTYPE = DocumentType(
    id="zuzhishenghuohui-notice",
    name="召开年度组织生活会和开展民主评议党员的通知",
    questions=QUESTIONS,
    outline=OUTLINE,
    build=build,
    description="上级党组织部署基层党组织召开年度组织生活会、开展民主评议党员的通知：会议主题、参加范围、"
                "召开时间、会前准备、会议议程、民主评议党员和工作要求。",
)
