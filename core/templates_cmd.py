"""``gongwen template …``: hand a document type's Word template to the user to restyle.

The exported file is the template itself (a DOCX whose body is a docxtpl loop over
``paras``).  A user changes its styles ("GW Body", "GW Heading 1", …) in Word or WPS, may add
a 红头 letterhead above the loop, and renders with ``--template`` or ``template = "…"`` in
the answers file; :mod:`gongwen.render_template` checks the edited file before using it.
"""

from __future__ import annotations

from pathlib import Path

from .doctype import DocumentType
from .errors import GongwenError
from .fileio import atomic_write


def template_for(doctype: DocumentType) -> Path:
    """The template file ``doctype`` renders into."""
    from .render_template import default_template, type_template

    return type_template(doctype.template) or default_template()


def export_template(doctype: DocumentType, out: Path, force: bool = False) -> str:
    """Copy the type's template to ``out`` (never over an existing file without ``force``);
    returns what to tell the user."""
    if out.suffix.lower() != ".docx":
        raise GongwenError(f"模板文件名应以 .docx 结尾（例如 {out.with_suffix('.docx').name}），"
                           "Word 或 WPS 修改后也请保存为 .docx 格式。")
    source = template_for(doctype)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise GongwenError(f"无法读取文种“{doctype.id}”的模板 {source}：{exc.strerror or exc}") from None
    atomic_write(out, data, force)
    return "\n".join([
        f"已导出“{doctype.name}”使用的 Word 模板：{out}",
        "可用 Word 或 WPS 打开修改：改样式“GW Body”（正文）、“GW Title”（标题）、“GW Heading 1”至"
        "“GW Heading 5”（各级标题）等即可改变全文的字体、字号和行距，也可在最前面加红头（发文机关标志）。",
        "带有 {{ }}、{% %} 标记的段落不要删改，只改它们的样式。",
        f"使用：gongwen render 答案.toml -o 输出.docx --template {out}",
        f"或在答案文件中写一行：template = \"{out}\"（相对路径从答案文件所在文件夹算起）",
    ])
