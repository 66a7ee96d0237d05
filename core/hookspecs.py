"""The hooks a gongwen plugin can implement.

A plugin is a module registered under the ``gongwen`` entry-point group::

    [project.entry-points.gongwen]
    my_plugin = "gongwen_my_plugin"

It imports only :mod:`gongwen.api`, sets ``GONGWEN_API = 2`` (the API version it was
written for) and implements hooks with the :data:`hookimpl` marker.  Built-in plugins use
exactly this path.

Versioning: :data:`API_VERSION` names the whole of :mod:`gongwen.api` (its ``__all__``) and
these hooks.  It changes only when one of them changes incompatibly (a name removed, a
parameter or a return value changed); adding a name, an optional field or a hook keeps it.
A plugin whose ``GONGWEN_API`` differs is not loaded, and ``gongwen plugins`` names both versions.  A plugin without
``GONGWEN_API`` is assumed to match.

The API is deliberately one hook: everything a document type is -- its questions, sections,
outline and builders -- is data on the :class:`~gongwen.doctype.DocumentType` it returns.
See docs/plugins.md for the author's guide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .doctype import DocumentType

#: The version of this hook API.  Bumped when a hook changes incompatibly.
API_VERSION = 2

hookspec = pluggy.HookspecMarker("gongwen")
hookimpl = pluggy.HookimplMarker("gongwen")


@hookspec
def gongwen_document_types() -> list[DocumentType]:
    """Return the document types this plugin adds.

    Called once per process, when the CLI first needs the list of types.  Keep the
    module import light: import heavy libraries inside your build function.
    """
