"""``gongwen lint``: what a reviewing leader would circle in a 公文, for any DOCX.

Two kinds of checks, both pure functions returning :class:`Finding` lists:

* :func:`text_findings` reads the paragraphs as strings (headings included, table rows as
  tab-joined cells: what ``gongwen.model.document_text(doc).splitlines()`` gives) and finds
  repeated sentences and clauses, broken punctuation, a doubled "前", leftover placeholders,
  numbering gaps, a 成文日期 without a year, headings without content and sentences that end
  in a dangling word;
* :func:`layout_findings` reads the page setup and the body text's font, size and line
  spacing from the DOCX and compares them with GB/T 9704-2012.

:func:`lint_docx` does both for a file.  A DOCX has no pages: a finding names the paragraph
("第N段", counting non-empty paragraphs and table rows) and the heading it falls under, and
the page only when Word saved its page breaks (``w:lastRenderedPageBreak``).
"""

from __future__ import annotations

from pathlib import Path

from .lint_layout import docx_paragraphs, layout_findings, read_docx
from .lint_text import Finding, report, text_findings

__all__ = ["Finding", "lint_docx", "report", "text_findings"]


def lint_docx(path: Path) -> list[Finding]:
    """Text findings (with pages when Word saved them), then layout findings."""
    document = read_docx(path)
    paragraphs, pages = docx_paragraphs(document)
    text = [Finding(f.para, f.check, f.message, f.heading, pages[f.para - 1]) for f in text_findings(paragraphs)]
    return text + layout_findings(document)
