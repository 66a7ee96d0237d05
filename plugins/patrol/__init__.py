"""Built-in plugin: patrol rectification (巡视/巡察整改).

One type: the plan of the special democratic life meeting held after an inspection
group's feedback (``patrol-meeting-plan``).
"""

from __future__ import annotations

from gongwen.api import hookimpl

GONGWEN_API = 2


@hookimpl
def gongwen_document_types():
    from .meeting_plan import DOCTYPE

    return [DOCTYPE]
