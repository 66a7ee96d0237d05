"""Errors a user sees: one Chinese message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class GongwenError(Exception):
    """An error whose message is meant for the user (Chinese, says what to do)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a set of answers: where (a key path) and what.

    ``keys``: the answers a cross-field problem involves (a total and its parts), so that
    the questionnaire can ask them again together; empty means just ``path``.
    """

    path: str
    message: str
    keys: tuple[str, ...] = ()

    def involved(self) -> tuple[str, ...]:
        """The top-level answer keys to ask again to fix this problem."""
        paths = self.keys or (self.path,)
        return tuple(dict.fromkeys(p.split(".")[0].split("[")[0] for p in paths if p))

    def __str__(self) -> str:
        return f"{self.path}：{self.message}" if self.path else self.message


class AnswersInvalid(GongwenError):
    """Answers that cannot be rendered; carries every problem found in one pass."""

    def __init__(self, problems: list[Problem], source: str = "") -> None:
        self.problems = problems
        self.source = source
        head = f"{source} 中有 {len(problems)} 处问题：" if source else f"有 {len(problems)} 处问题："
        if len(problems) == 1:  # one line
            super().__init__(f"{head}{problems[0]}")
        else:
            super().__init__("\n".join([head, *(f"  - {p}" for p in problems)]))


def printable(text: object) -> str:
    """Text from a plugin or a file, safe on a terminal: control characters (escape
    sequences) are shown as ``\\x1b`` instead of acting."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))
