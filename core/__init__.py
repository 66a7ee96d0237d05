"""gongwen: a guided questionnaire that writes Chinese Party-organisation documents.

Plugin authors import everything from :mod:`gongwen.api`; the console command starts in
:mod:`gongwen.main`.
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
