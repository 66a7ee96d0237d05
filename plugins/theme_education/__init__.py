"""Built-in plugin: theme education (主题教育) — the rectification plan after the meeting."""

from __future__ import annotations

from gongwen import hookimpl

GONGWEN_API = 1


@hookimpl
def gongwen_document_types():
    from .rectification import DOCTYPE

    return [DOCTYPE]
