"""Built-in plugin: Party-history education (党史学习教育) — the rectification plan with its ledger."""

from __future__ import annotations

from gongwen.api import hookimpl

GONGWEN_API = 2


@hookimpl
def gongwen_document_types():
    from .rectification import DOCTYPE

    return [DOCTYPE]
