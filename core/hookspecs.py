"""The hooks a gongwen plugin can implement.

A plugin is a module registered under the ``gongwen`` entry-point group::

    [project.entry-points.gongwen]
    my_plugin = "gongwen_my_plugin"

It sets ``GONGWEN_API = 1`` (the hook API version it was written for) and implements
hooks with the :data:`hookimpl` marker.  Built-in plugins use exactly this path.

Versioning: :data:`API_VERSION` changes only when a hook, or what a hook must return
(:class:`gongwen.doctype.DocumentType` and the classes it uses), changes incompatibly;
adding an optional field or a new hook keeps it.  A plugin whose ``GONGWEN_API``
differs is not loaded, and ``gongwen plugins`` names both versions.  A plugin without
``GONGWEN_API`` is assumed to match.

The API is deliberately one hook: everything a document type is -- its questions, outline
and build function -- is data on the :class:`~gongwen.doctype.DocumentType` it returns.
See docs/plugins.md for the author's guide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .doctype import DocumentType

#: The version of this hook API.  Bumped when a hook changes incompatibly.
API_VERSION = 1

hookspec = pluggy.HookspecMarker("gongwen")
hookimpl = pluggy.HookimplMarker("gongwen")


@hookspec
def gongwen_document_types() -> list[DocumentType]:
    """Return the document types this plugin adds.

    Called once per process, when the CLI first needs the list of types.  Keep the
    module import light: import heavy libraries inside your build function.
    """
