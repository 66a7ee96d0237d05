"""gongwen: a guided questionnaire that writes Chinese Party-organisation documents.

Plugin authors import :data:`hookimpl` from here; the rest of the API lives in
:mod:`gongwen.questions` (question kinds), :mod:`gongwen.doctype` (the type
declaration) and :mod:`gongwen.model` (the document model).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .hookspecs import API_VERSION, hookimpl

__version__ = "0.2.0"
__all__ = ["API_VERSION", "hookimpl", "__version__"]


def __getattr__(name: str) -> Any:
    """``hookimpl`` and ``API_VERSION`` load pluggy on first use, so that ``gongwen --help``
    and ``gongwen --version`` start without it."""
    if name in ("API_VERSION", "hookimpl"):
        from . import hookspecs

        return getattr(hookspecs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
