"""Helpers for testing document types (ours and third-party plugins').

    from gongwen.testing import render_text, docx_paragraphs, run_questionnaire, ENTER

``run_questionnaire`` drives the real questionary prompts through a prompt_toolkit
pipe input, so a test exercises exactly what a user at a terminal would.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .doctype import DocumentType
from .model import Document, document_text
from .questions import Answers

if TYPE_CHECKING:
    from .ask import Questionnaire

TITLE_STYLES = ("GW Title", "GW Appendix Title")
ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
RIGHT = "\x1b[C"  # the next choice on a screen of several questions
LEFT = "\x1b[D"
SPACE = " "
CTRL_U = "\x15"  # clear the line before the cursor (then type a new answer)
ESC_ENTER = "\x1b\r"  # finish a multi-line answer
CTRL_C = "\x03"


def get_type(type_id: str) -> DocumentType:
    from .loader import get_registry

    return get_registry().types[type_id]


def _doctype(t: DocumentType | str) -> DocumentType:
    return get_type(t) if isinstance(t, str) else t


def build_document(doctype: DocumentType | str, answers: Answers) -> Document:
    """The document for raw answers (as in an answers file); raises AnswersInvalid."""
    from .pipeline import build, prepare

    return build(prepare(_doctype(doctype), answers))


def render_text(doctype: DocumentType | str, answers: Answers) -> str:
    """Plain text of the document: one line per paragraph, headings with numbers."""
    return document_text(build_document(doctype, answers))


def headings(doctype: DocumentType | str, answers: Answers) -> list[str]:
    """The numbered headings in reading order, e.g. ["一、组织领导", "（一）基本原则"]."""
    from .model import flatten

    return [p.heading for p in flatten(build_document(doctype, answers)) if p.kind == "heading"]


def render_docx_bytes(doctype: DocumentType | str, answers: Answers,
                      template: Path | None = None) -> bytes:
    from .pipeline import document_bytes

    return document_bytes(build_document(doctype, answers), "docx", template)


def docx_paragraphs(data: bytes | Path) -> list[str]:
    """Every paragraph's text of a DOCX (tables' cells included, in order)."""
    import docx

    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    d = docx.Document(source)
    # a title broken over lines (a line break run) reads as the one title it is
    out = [p.text.replace("\n", "") if p.style.name in TITLE_STYLES else p.text for p in d.paragraphs]
    for table in d.tables:  # a cell's line breaks are layout (docx_table.phrase_lines), not text
        for row in table.rows:
            out.extend(cell.text.replace("\n", "") for cell in row.cells)
    return out


def run_questionnaire(doctype: DocumentType | str, keys: str | Iterable[str],
                      prefill: Answers | None = None) -> Answers:
    """Answer the questionnaire with scripted keystrokes; returns the raw answers.

    Pass e.g. ``ENTER * 40`` to accept every default.  Running out of keys raises
    EOFError rather than hanging.
    """
    return _driven(doctype, keys, prefill, finish=True).raw


def drive_questionnaire(doctype: DocumentType | str, keys: str | Iterable[str], prefill: Answers | None = None,
                        given: Answers | None = None) -> Questionnaire:
    """The questionnaire itself after scripted keystrokes, wherever they left it (finished,
    interrupted with Ctrl-C, or out of keys): ``prefill`` is not asked, ``given`` is asked with
    its answers as the current ones."""
    return _driven(doctype, keys, prefill, given)


def _driven(doctype: DocumentType | str, keys: str | Iterable[str], prefill: Answers | None,
            given: Answers | None = None, finish: bool = False) -> Questionnaire:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from .ask import Questionnaire

    text = keys if isinstance(keys, str) else "".join(keys)
    q = Questionnaire(_doctype(doctype), {**(prefill or {}), **(given or {})}, keep=set(prefill or ()))
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(text)
        pipe.close()
        if finish:  # running out of keys raises EOFError rather than hanging
            q.run()
        else:
            with contextlib.suppress(KeyboardInterrupt, EOFError):
                q.run()
    return q


def placeholders(text: str) -> list[str]:
    """Leftover placeholders a draft must not contain (XX, X, {{, None, 某某)."""
    import re

    found = re.findall(r"XX+|(?<![A-Za-z])X(?![A-Za-z])|\{\{|\{%|None|某某|××", text)
    return found


