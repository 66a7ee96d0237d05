"""通用公文 (document type ``generic``): any 公文 laid out in GB/T 9704.

The type declares no sections of its own: the body is the user's outline (own headings with
their paragraphs, lists and tables, see docs/plugins.md "The outline").  Its questions are the
parts around the body: title, subtitle, 主送机关, the opening paragraphs, the 附件说明 and the
appendices printed after the 落款, the 落款 and the 成文日期.  ``gongwen import`` writes a
document of any kind into this type when no built-in type fits, so that nothing is lost.
"""

from __future__ import annotations

from gongwen.api import (
    Context,
    DocumentType,
    Draft,
    Heading,
    OutlineEntry,
    Table,
    closing,
    closing_questions,
    group,
    listof,
    multiline,
    paragraphs,
    text,
)

APPENDIX_FIELDS = (
    text("title", "附件标题"),
    multiline("text", "附件正文（可留空）", "", optional=True),
    listof("columns", "附件中表格的表头（每列一项，可留空）", []),
    group("rows", "表格各行", (listof("cells", "这一行的单元格（每格一项）"),), [], item="行"),
    multiline("after", "表格之后的文字（可留空）", "", optional=True),
)

QUESTIONS = [
    text("title", "文件标题", "关于做好近期重点工作的通知"),
    text("subtitle", "副标题（可留空）", "", optional=True),
    text("recipient", "主送机关（可留空，如“各党支部”）", "", optional=True),
    multiline("preamble", "开头段落（可留空）", "为做好近期各项重点工作，现将有关事项通知如下。", optional=True),
]

AFTER = [
    listof("attachments", "附件说明：附件名称（每个一项，可留空；留空时列出下面附件正文的标题）", []),
    group("appendices", "附件正文（排在落款之后，每个附件另起一页）", APPENDIX_FIELDS, [], summary="title",
          item="个附件"),
    *closing_questions(),
]

#: The default body: three headings of the user's own, renamed, reordered or replaced at will.
OUTLINE = [
    OutlineEntry("", "工作目标", paragraphs=["明确本项工作的目标和完成时限。"]),
    OutlineEntry("", "主要任务", paragraphs=["逐项列出主要任务、责任单位和完成时限。"]),
    OutlineEntry("", "工作要求", paragraphs=["各单位要高度重视，加强组织领导，确保各项任务按时完成。"]),
]


def _appendix(a: dict) -> Heading:
    blocks: list = paragraphs(a.get("text", ""))
    columns = [c for c in a.get("columns", [])]
    rows = [list(r.get("cells", [])) for r in a.get("rows", [])]
    if columns or rows:
        width = max([len(columns), *(len(r) for r in rows)])
        blocks.append(Table(columns + [""] * (width - len(columns)), [r + [""] * (width - len(r)) for r in rows]))
    blocks += paragraphs(a.get("after", ""))
    return Heading(a["title"], blocks)


def build(c: Context) -> Draft:
    appendices = [_appendix(a) for a in c.get("appendices", []) if a.get("title", "").strip()]
    return Draft(title=c["title"], subtitle=c.get("subtitle", ""), recipient=c.get("recipient", ""),
                 preamble=paragraphs(c.get("preamble", "")), appendices=appendices,
                 attachments=[a for a in c.get("attachments", []) if a.strip()], **closing(c))


DOCTYPE = DocumentType(
    id="generic",
    name="通用公文",
    questions=QUESTIONS,
    sections=[],
    outline=OUTLINE,
    after=AFTER,
    build=build,
    description="任意公文（通知、方案、报告、通报等）：标题、主送机关、开头段落，正文全部是自己的提纲（标题、"
                "段落、列表、表格），附件说明、落款和成文日期，按 GB/T 9704 排版；gongwen import 把不属于其他文种的"
                "文件导入为此文种。",
)
