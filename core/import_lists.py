"""Items a document lists together in one run-in paragraph, by name in quotation marks:
"“理论学习不够系统”“学用结合不够”2个问题，整改尚未启动，已列为下一阶段的重点任务。"

Only the names are taken here; whether the rest of the paragraph is the type's own sentence
for those items (their count, their shared status) is checked by rendering the type with
them (:mod:`gongwen.import_items`), so a paragraph the type would not write stays as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_RUN = re.compile(r"^(?:“[^“”\n]+”)+")
_NAME = re.compile(r"“([^“”\n]+)”")
#: A quotation inside a quotation is written with single marks; the name said alone has double ones.
_NESTED = str.maketrans("‘’", "“”")


def listed_names(text: object) -> list[str]:
    """The quoted names a paragraph begins with ([] when it does not begin with one)."""
    if not isinstance(text, str):
        return []
    m = _RUN.match(text.strip())
    return _NAME.findall(m.group(0)) if m else []


def unnested(names: list[str], same: Callable[[list[str]], bool]) -> list[str]:
    """``names`` with the single quotation marks a name had to take inside the list's own
    quotation marks made double again, where ``same`` (the names rendered) says the type
    writes them alike."""
    restored = [n.translate(_NESTED) for n in names]
    return restored if restored != names and same(restored) else names
