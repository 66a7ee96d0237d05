"""DOCX files with the formatting noise of real ones, built from plain text at test time.

``messy_docx(text)`` saves a document the way clerks' files come: level-1 headings (and,
every other document, level-2 ones) numbered by Word's automatic numbering instead of typed
numbers, level-2 numbers otherwise typed with half-width brackets and a tab, run-in headings
with their title in a bold run, paragraphs indented with tabs, spaces or full-width spaces,
empty paragraphs between them, hand-wrapped lines (a soft line break inside a sentence), and
Markdown's ``**bold**`` as real bold runs.  Which lines are headings is read with the
seeds' own patterns (tests/seeds.py), not with the importer's.
"""

from __future__ import annotations

import io
import re

from seeds import PATROL_NUMBER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUM_ID = "90"
#: Word's numbering for the two upper levels: 一、 and （一）, Chinese counting.
ABSTRACT = f"""<w:abstractNum xmlns:w="{W}" w:abstractNumId="{NUM_ID}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="（%2）"/><w:lvlJc w:val="left"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/>
    <w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num xmlns:w="{W}" w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'
INDENTS = ("\t", "    ", "\u3000\u3000", "")


def _numbering(document) -> None:
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element
    first_num = root.find(f"{{{W}}}num")
    abstract = parse_xml(ABSTRACT)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(NUM))


def _number(paragraph, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = int(NUM_ID)


def _runs(paragraph, text: str, bold_upto: int = 0) -> None:
    """``text`` with its first ``bold_upto`` characters bold, "**x**" bold, a soft line break
    inside the first long sentence (a hand-wrapped line)."""
    if bold_upto:
        paragraph.add_run(text[:bold_upto]).bold = True
        text = text[bold_upto:]
    for i, piece in enumerate(re.split(r"\*\*", text)):
        if not piece:
            continue
        comma = piece.find("，", 20)
        if i % 2 == 0 and comma > 0 and len(piece) > 60:
            run = paragraph.add_run(piece[: comma + 1])
            run.add_break()  # Shift+Enter in the middle of a sentence
            paragraph.add_run(piece[comma + 1:])
        else:
            paragraph.add_run(piece).bold = bool(i % 2)


def _split_run_in(rest: str, colon: bool) -> int:
    """Length of a run-in title as the seed's headings are cut (to the first "。", or to a
    "：" before it with ``colon``), 0 when the heading does not run on."""
    stop = rest.find("。")
    cut = rest.find("：") if colon else -1
    if 0 <= cut < len(rest) - 1 and (stop < 0 or cut < stop):
        return cut + 1
    return stop + 1 if 0 <= stop < len(rest) - 1 else 0


def messy_docx(text: str, auto_level2: bool = True, colon: bool = False) -> bytes:
    """``text`` as a messy Word file; ``colon``: run-in titles also end at "：" (seed 004)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    _numbering(document)
    lines = [line.strip() for line in text.splitlines()]
    first = True
    for n, line in enumerate(lines):
        if not line:
            continue
        if first:  # the title: centred, large, bold, in the Normal style
            first = False
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(line.lstrip("# ").strip())
            run.bold, run.font.size = True, Pt(22)
            document.add_paragraph("")
            continue
        plain = line.replace("**", "")
        m = PATROL_NUMBER.match(plain)
        if m:
            rest = plain[m.end():].strip()
            if m.group(1):  # 一、 by Word's numbering, in the Heading 1 style
                p = document.add_paragraph(style="Heading 1")
                _number(p, 0)
            elif m.group(2) and auto_level2:
                p = document.add_paragraph()
                _number(p, 1)
            elif m.group(2):  # typed, with half-width brackets and a tab
                p = document.add_paragraph()
                p.add_run(f"({m.group(2)})\t")
            else:  # 1. typed, an indent before it
                p = document.add_paragraph()
                p.add_run(f"{INDENTS[n % 3]}{m.group(3)}.")
            _runs(p, rest, _split_run_in(rest, colon))
            continue
        p = document.add_paragraph()
        indent = INDENTS[n % len(INDENTS)]
        lead = re.match(r"^\*\*(.+?)\*\*", line)
        _runs(p, indent + plain, len(indent) + len(lead.group(1)) if lead else 0)
        if n % 3 == 0:
            document.add_paragraph("   ")  # an empty paragraph (spaces only)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
