"""Keys of an answers file that belong to the file itself, not to any question."""

from __future__ import annotations

TYPE = "type"  #: the document type id, ``type = "…"`` on the first line
OUTLINE = "outline"  #: the user's outline
TEMPLATE = "template"  #: a Word template, relative to the answers file
UNFINISHED = "unfinished"  #: set in the file of an interrupted questionnaire: where it stopped
#: ``[[ledger_status]]``: each rectification item's status, progress and completion date,
#: written by ``gongwen ledger update`` (see gongwen.kit.ledger)
LEDGER = "ledger_status"

#: Never a question's key; not reported as unknown.
RESERVED = frozenset({TYPE, OUTLINE, TEMPLATE, UNFINISHED, LEDGER})


def answered(raw: dict) -> dict:
    """The answers of ``raw`` without the file's own keys."""
    return {k: v for k, v in raw.items() if k not in RESERVED}
