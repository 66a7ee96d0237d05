"""The hooks a gongwen plugin can implement.

A plugin is a module registered under the ``gongwen`` entry-point group::

    [project.entry-points.gongwen]
    my_plugin = "gongwen_my_plugin"

It sets ``GONGWEN_API = 1`` (the hook API version it was written for; a plugin
for another major version is refused with a message naming both) and implements
hooks with the :data:`hookimpl` marker.  Built-in plugins use exactly this path.
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
