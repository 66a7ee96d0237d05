"""gongwen plugin gongwen-zuzhishenghuohui.

It adds the document type ``zuzhishenghuohui-notice``: 召开年度组织生活会和开展民主评议党员的通知.
"""

from __future__ import annotations

from gongwen.api import hookimpl

#: The gongwen plugin API this plugin is written for; gongwen refuses it if the API changes.
GONGWEN_API = 2


@hookimpl
def gongwen_document_types():
    from .notice import DOCTYPE  # imported here so that loading the plugin stays cheap

    return [DOCTYPE]
