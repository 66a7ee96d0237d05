"""The "📋 粘贴一份清单" choice of a list or group menu: ask for the pasted text, say what was
recognised (:mod:`gongwen.paste`), and replace the items only when the clerk keeps it."""

from __future__ import annotations

from typing import Any

from .questions import Answers, Question
from .terminal import shorten

PASTE = "📋 粘贴一份清单（从 Word 复制，替换以上各项）"
PASTE_LABEL = "请粘贴清单"
PASTE_HINT = "（可多行：直接粘贴，如“一、……方面”“1. 问题……”“整改措施：一是……；二是……”；按 Esc 再按回车 完成）"


def ask_text(q: Question, scope: Answers) -> str:
    """The pasted text, asked as a multi-line answer is."""
    from .kinds import KINDS

    prompt = Question("paste", PASTE_LABEL, "multiline", optional=True)
    return KINDS["multiline"].type_in(prompt, "", scope, PASTE_HINT, multiline=True)


def preview(q: Question, value: list[Any], depth: int = 0) -> list[str]:
    """The recognised items as indented lines: an item, the items below it."""
    from .kinds import item_summary
    from .paste import child_field

    lines = []
    child = child_field(q) if q.kind == "group" else None
    for n, it in enumerate(value, 1):
        shown = item_summary(q, it) if q.kind == "group" else it
        lines.append(f"{'    ' * depth}  {n}. {shorten(shown, 50 - 2 * depth)}")
        if child is not None and isinstance(it, dict):
            lines += preview(child, it.get(child.key) or [], depth + 1)
    return lines


def paste_items(q: Question, items: list, scope: Answers) -> None:
    """Ask for a pasted list; when kept, ``items`` holds what it gives (in place)."""
    import questionary

    from .ask import say, select
    from .paste import parse_paste, recognised

    value = parse_paste(ask_text(q, scope), q)
    if not value:
        say("  没有识别出任何条目，原有各项不变。", "fg:ansired")
        return
    say(f"{recognised(q, value)}：", "bold")
    for line in preview(q, value):
        say(line)
    keep = select("保留识别出的这些条目吗？", choices=[
        questionary.Choice(f"✔ 保留，替换原有的 {len(items)} 项", True),
        questionary.Choice("✘ 不保留，返回（原有各项不变）", False)]).unsafe_ask()
    if keep:
        items[:] = value
