"""Built-in plugin: the report on rectification progress (整改落实情况报告) to the higher Party committee.

``from_items(source_type, source_answers)`` makes its answers from any type with rectification
items (a plan and the statuses of its ledger).
"""

from __future__ import annotations

from gongwen.api import hookimpl

GONGWEN_API = 2


@hookimpl
def gongwen_document_types():
    from .report import DOCTYPE

    return [DOCTYPE]


def from_items(source_type, source_answers: dict) -> dict:
    """The report's answers (as an answers file holds them) from a plan's answers file: see
    :func:`gongwen_plugins.rectification_report.sources.from_items`."""
    from .sources import from_items as make

    return make(source_type, source_answers)
