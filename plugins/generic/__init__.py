"""Built-in plugin: a generic 公文 (通知、方案、报告……) whose whole body is the user's own outline."""

from __future__ import annotations

from gongwen.api import hookimpl

GONGWEN_API = 2


@hookimpl
def gongwen_document_types():
    from .document import DOCTYPE

    return [DOCTYPE]
