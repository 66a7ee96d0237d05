"""Built-in plugin: grassroots Party building (基层党建) — the special rectification action plan."""

from __future__ import annotations

from gongwen.api import hookimpl

GONGWEN_API = 2


@hookimpl
def gongwen_document_types():
    from .special_action import DOCTYPE

    return [DOCTYPE]
