"""gongwen: a guided questionnaire that writes Chinese Party-organisation documents.

Plugin authors import :data:`hookimpl` from here; the rest of the API lives in
:mod:`gongwen.questions` (question kinds), :mod:`gongwen.doctype` (the type
declaration) and :mod:`gongwen.model` (the document model).
"""

from .hookspecs import API_VERSION, hookimpl

__version__ = "0.1.0"
__all__ = ["API_VERSION", "hookimpl", "__version__"]
