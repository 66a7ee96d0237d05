"""Built-in plugin: theme education (主题教育).

Two types: the rectification plan after the meeting and the report on how it was held.
"""

from __future__ import annotations

from gongwen.api import hookimpl

GONGWEN_API = 2


@hookimpl
def gongwen_document_types():
    from . import rectification, report

    return [rectification.DOCTYPE, report.DOCTYPE]
