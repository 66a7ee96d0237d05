"""Test helpers for plugin authors: render a type's text or DOCX, list its headings, drive its
questionnaire with scripted keystrokes, read a DOCX back::

    from gongwen.api.testing import ENTER, render_text, run_questionnaire
"""

from __future__ import annotations

from ..testing import (
    CTRL_C,
    CTRL_U,
    DOWN,
    ENTER,
    ESC_ENTER,
    LEFT,
    RIGHT,
    SPACE,
    UP,
    build_document,
    docx_paragraphs,
    get_type,
    headings,
    placeholders,
    render_docx_bytes,
    render_text,
    run_questionnaire,
)

__all__ = ["CTRL_C", "CTRL_U", "DOWN", "ENTER", "ESC_ENTER", "LEFT", "RIGHT", "SPACE", "UP", "build_document",
           "docx_paragraphs", "get_type", "headings", "placeholders", "render_docx_bytes", "render_text",
           "run_questionnaire"]
