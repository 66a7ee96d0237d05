"""A table of the document model as WordprocessingML, in the template's table styles.

Written as text (the XML python-docx would build, ten times faster): a long ledger has
thousands of cells.  The result is :class:`~markupsafe.Markup` that the template places
with ``{{ p.table }}``.
"""

from __future__ import annotations

import re
from html import escape as _html_escape
from typing import TYPE_CHECKING

from .answers import clean_text
from .model import text_chars
from .render_jinja import protect_braces

if TYPE_CHECKING:
    from markupsafe import Markup

    from .model import Para

#: Styles the renderer applies to the tables it builds (the template's ids: ``style_ids``).
TABLE_STYLES = ("GW Table", "GW Table Header", "GW Table Text")

# Columns whose cells are all this short (序号, names, dates) are centred.
_SHORT_CELL = 6

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
             'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')


#: A character of the table text (小四, 12 pt) and a cell's side margins, in twips.
_HEADER_CHAR, _CELL_MARGINS = 240, 240
#: The longest phrase of a cell a column is widened for (characters): 区自然资源局 stays whole;
#: a longer phrase breaks anyway.
_PHRASE_MAX = 6
_PHRASE_SEP = re.compile(r"[、，,；;：:\s/（）()]+")


def _column_widths(widths: list[float], n: int, total: int, headers: list[str] | None = None,
                   rows: list[list[str]] | None = None) -> list[int]:
    """Twips per column, in proportion to ``widths`` (padded/cut to n, bad values → 1), each at
    least as wide as its header word and as the longest phrase of its cells (up to
    :data:`_PHRASE_MAX` characters), so that neither "牵头单位" nor "区自然资源局" breaks inside:
    what a narrow column lacks is taken from the columns with room to spare, in proportion."""
    rel = [w if isinstance(w, (int, float)) and w > 0 else 1.0 for w in widths[:n]]
    rel += [1.0] * (n - len(rel))
    out = [int(total * w / sum(rel)) for w in rel]
    heads = [len(h.strip()) for h in (headers or [])[:n]] + [0] * n
    longest = [max((min(text_chars(x), _PHRASE_MAX) for r in rows or [] if i < len(r)
                    for x in _PHRASE_SEP.split(str(r[i])) if x), default=0) for i in range(n)]
    for chars in ([max(heads[i], longest[i]) for i in range(n)], heads):  # else the headers alone
        need = [int(c * _HEADER_CHAR) + _CELL_MARGINS for c in chars[:n]]
        short = sum(max(0, need[i] - out[i]) for i in range(n))
        spare = {i: out[i] - need[i] for i in range(n) if out[i] > need[i]}
        room = sum(spare.values())
        if room >= short:
            out = [max(out[i], need[i]) - (int(short * spare[i] / room) if i in spare else 0) for i in range(n)]
            break
    out[-1] += total - sum(out)
    return out


def _phrases(text: str) -> list[str]:
    """``text`` cut after each 、，；： that is not inside quotation marks or brackets."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "“‘《（(") - (ch in "”’》）)")
        if depth <= 0 and ch in "、，,；;：:":
            out.append(text[start:i + 1])
            start = i + 1
    return [*out, text[start:]] if start < len(text) else out


def phrase_lines(text: str, width: int) -> str:
    """A short cell's text with a line break where a line would otherwise end inside a name:
    "各镇办，区政府各部门" in a column of six characters is "各镇办，" / "区政府各部门", not
    "各镇办，区政" / "府各部门".  Only for names and short phrases (no "。", at most five
    lines): prose wraps where it must, as in any Chinese paragraph.  A phrase longer than a
    line (its 、 or ， counted: LibreOffice does not let it hang past the line's end) starts a
    line and wraps inside itself, and the next starts a line again."""
    room = (width - _CELL_MARGINS) / _HEADER_CHAR + 0.01
    if "\n" in text or "。" in text or not room < text_chars(text) <= 5 * room:
        return text
    lines: list[str] = []
    for phrase in _phrases(text):
        if lines and text_chars(lines[-1] + phrase) <= room:
            lines[-1] += phrase
        else:
            lines.append(phrase)  # a phrase longer than a line gets lines of its own
    return "\n".join(lines)


def _centred_columns(rows: list[list[str]], n: int) -> list[bool]:
    return [all(len(r[i]) <= _SHORT_CELL for r in rows) for i in range(n)]


def _xml_escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what xml.sax.saxutils.escape does, without its imports)."""
    return _html_escape(text, quote=False)


def _attr(value: str) -> str:
    return _xml_escape(value).replace('"', "&quot;")


def _run_xml(text: str) -> str:
    """A w:r holding ``text`` as python-docx writes it: tabs and line ends as elements."""
    out = []
    for i, chunk in enumerate(re.split(r"([\t\r\n])", text)):
        if i % 2:
            out.append("<w:tab/>" if chunk == "\t" else "<w:br/>")
        elif chunk:
            space = ' xml:space="preserve"' if len(chunk.strip()) < len(chunk) else ""
            out.append(f"<w:t{space}>{_xml_escape(chunk)}</w:t>")
    return f"<w:r>{''.join(out)}</w:r>" if out else "<w:r/>"


def _cell_xml(value: str, width: int, style: str | None, centred: bool) -> str:
    ppr = (f'<w:pStyle w:val="{_attr(style)}"/>' if style else "") + ('<w:jc w:val="center"/>' if centred else "")
    return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/><w:vAlign w:val="center"/></w:tcPr>'
            f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else '<w:pPr/>'}{_run_xml(value)}</w:p></w:tc>")


def build_table(p: Para, text_width: int, style_ids: dict[str, str | None]) -> Markup:
    """The table ``p`` as WordprocessingML, ``text_width`` twips wide, in the template's
    styles (``style_ids``, see :data:`TABLE_STYLES`): "GW Table" (borders, centring),
    "GW Table Header" / "GW Table Text" (cell paragraphs).  The header row repeats on every
    page; rows do not break across pages."""
    from markupsafe import Markup

    n = len(p.columns) or max((len(r) for r in p.rows), default=0)
    if n == 0:
        return Markup("")
    columns = [clean_text(c) for c in (list(p.columns) + [""] * n)[:n]]
    rows = [[clean_text(str(c)) for c in (list(r) + [""] * n)[:n]] for r in p.rows]
    widths = _column_widths(list(p.widths), n, text_width, list(p.columns), rows)
    centred = _centred_columns(rows, n)
    table_style = style_ids.get("GW Table")
    xml = [f'<w:tbl xmlns:w="{_W}"><w:tblPr>',
           f'<w:tblStyle w:val="{_attr(table_style)}"/>' if table_style else "",
           f'<w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:tblLayout w:type="fixed"/>{_TBL_LOOK}</w:tblPr>',
           "<w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    for r, values in enumerate([columns, *rows]):
        header = r == 0
        xml.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>")
        style = style_ids.get("GW Table Header" if header else "GW Table Text")
        xml += [_cell_xml(v if header else phrase_lines(v, widths[i]), widths[i], style, not header and centred[i])
                for i, v in enumerate(values)]
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    return Markup(protect_braces("".join(xml)))
