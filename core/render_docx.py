"""DOCX output: the document model rendered into the GB/T 9704 Word template with docxtpl.

The template (``gongwen.templates/gongwen.docx``, built by ``templates/build.py``) loops over
``paras``, one dict per :class:`~gongwen.model.Para`, with a branch per kind.  Every answer
is literal text: the Jinja environment escapes every value, so ``&``, ``<``, ``{{ x }}`` or
``{% if %}`` typed by a user reach Word verbatim.

docxtpl and python-docx are imported inside the functions so that the CLI starts fast.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Document, Para, flatten

if TYPE_CHECKING:
    from docxtpl import DocxTemplate
    from jinja2 import Environment
    from markupsafe import Markup

TEMPLATE_PACKAGE = "gongwen.templates"
TEMPLATE_NAME = "gongwen.docx"

# Characters XML 1.0 (hence Word) cannot hold; tab and newline are kept.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A run-in heading ends with one of these before its paragraph text, else "。" is added.
_HEADING_END = tuple("。．.：:；;！!？?")
# Columns whose cells are all this short (序号, names, dates) are centred.
_SHORT_CELL = 6


def clean_text(s: str) -> str:
    """``s`` without the characters Word cannot hold; line ends normalised to ``\\n``."""
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL_XML.sub("", s)


def _protect_braces(xml: str) -> str:
    """Write braces as character references: docxtpl turns "{_{" into "{{" after rendering."""
    return xml.replace("{", "&#123;").replace("}", "&#125;")


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}``: cleaned, XML-escaped, braces protected (Markup passes through)."""
    from markupsafe import Markup, escape

    if value is None:
        return ""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(_protect_braces(str(escape(clean_text(value)))))
    return value


def jinja_env() -> Environment:
    """Autoescaping environment; a misspelt variable in a template is an error, not ""."""
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=True, finalize=_finalize, undefined=StrictUndefined)


def default_template() -> Path:
    """The packaged template (a real file: the package is installed unzipped)."""
    return Path(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_NAME)))


def load_template(path: Path | None = None) -> DocxTemplate:
    """A fresh DocxTemplate for ``path`` (default: the packaged template).

    A DocxTemplate can be rendered once; a cache should keep the file's bytes and build a
    new DocxTemplate from them for each render.
    """
    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO(Path(path or default_template()).read_bytes()))


# ------------------------------------------------------------ tables


def _table_width_twips(tpl: DocxTemplate) -> int:
    """The template's text-block width (156 mm for GB/T 9704)."""
    section = tpl.get_docx().sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) // 635


def _column_widths(widths: list[float], n: int, total: int) -> list[int]:
    """Twips per column, in proportion to ``widths`` (padded/cut to n, bad values → 1)."""
    rel = [w if isinstance(w, (int, float)) and w > 0 else 1.0 for w in widths[:n]]
    rel += [1.0] * (n - len(rel))
    out = [int(total * w / sum(rel)) for w in rel]
    out[-1] += total - sum(out)
    return out


def _centred_columns(rows: list[list[str]], n: int) -> list[bool]:
    return [all(len(r[i]) <= _SHORT_CELL for r in rows) for i in range(n)]


def build_table(tpl: DocxTemplate, p: Para) -> Markup:
    """The table as WordprocessingML built with python-docx, in the template's styles:
    "GW Table" (borders, centring), "GW Table Header" / "GW Table Text" (cell paragraphs).
    The header row repeats on every page; rows do not break across pages."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.oxml.table import CT_Tbl
    from docx.shared import Twips
    from docx.table import Table
    from lxml import etree
    from markupsafe import Markup

    n = len(p.columns) or max((len(r) for r in p.rows), default=0)
    if n == 0:
        return Markup("")
    columns = [clean_text(c) for c in (list(p.columns) + [""] * n)[:n]]
    rows = [[clean_text(str(c)) for c in (list(r) + [""] * n)[:n]] for r in p.rows]
    widths = _column_widths(list(p.widths), n, _table_width_twips(tpl))
    centred = _centred_columns(rows, n)

    # A detached w:tbl whose parent is the template's body, so that style names resolve
    # against the template's styles; it is serialised into the rendered XML below.
    body = tpl.get_docx()._body
    table = Table(CT_Tbl.new_tbl(1 + len(rows), n, Twips(sum(widths))), body)
    table.style = "GW Table"
    table.autofit = False
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)

    for r, (row, values) in enumerate(zip(table.rows, [columns, *rows], strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Twips(widths[i])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.style = "GW Table Header" if r == 0 else "GW Table Text"
            if r and centred[i]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(value)
    return Markup(_protect_braces(etree.tostring(table._tbl, encoding="unicode")))


# ------------------------------------------------------------ context


def _heading_text(p: Para) -> str:
    """Number + title; a run-in title gets "。" before its text unless it ends in one."""
    if p.rest and not p.text.rstrip().endswith(_HEADING_END):
        return p.heading + "。"
    return p.heading


def para_context(p: Para, tpl: DocxTemplate) -> dict[str, Any]:
    """The dict the template sees for one paragraph (strings are escaped on output)."""
    text = p.text
    if p.kind == "signature":
        text = text.replace("\n", "\n\t")  # each line of a joint 落款 on the centre tab
    return {
        "kind": p.kind,
        "text": text,
        "lead": p.lead,
        "level": min(max(p.level, 1), 5),
        "number": p.number,
        "rest": p.rest,
        "heading": _heading_text(p),
        "columns": list(p.columns),
        "rows": [list(r) for r in p.rows],
        "widths": list(p.widths),
        "table": build_table(tpl, p) if p.kind == "table" else "",
    }


def build_context(doc: Document, tpl: DocxTemplate) -> dict[str, Any]:
    return {
        "paras": [para_context(p, tpl) for p in flatten(doc)],
        "doc": {"title": doc.title, "signature": doc.signature, "date": doc.date},
    }


def render_docx(doc: Document, out: Path | io.BytesIO, template: Path | None = None) -> None:
    """Render ``doc`` into ``template`` (default: the packaged GB/T 9704 template)."""
    tpl = load_template(template)
    tpl.render(build_context(doc, tpl), jinja_env=jinja_env(), autoescape=True)
    set_properties(tpl, doc)
    tpl.save(str(out) if isinstance(out, Path) else out)


def set_properties(tpl: DocxTemplate, doc: Document) -> None:
    """File properties of the result: its title and today, not the template's."""
    props = tpl.docx.core_properties  # not get_docx(): after render it reloads the template
    props.title = clean_text(doc.title)
    props.comments = ""
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0)
