"""How much a clerk answers: prompts and keystrokes per document type, from scratch and from
last year's answers (``gongwen new TYPE --from last.toml``).

    python benchmarks/questionnaire.py            # a Markdown table

Each type is driven through the real questionnaire (prompt_toolkit pipe input) twice:

- **from scratch**, typing the facts of ``examples/TYPE.toml`` wherever they differ from the
  default: names, dates, figures, the problems and their measures (one-line answers); the long
  paragraphs keep their default wording.  Keystrokes: the characters typed, and Enter at every prompt;
- **from last year**, starting from the example carried forward one year, and typing a new
  meeting date where the type has one (the problems found are kept as they were, to be edited
  only where they changed).

Minutes are estimated at 40 Chinese characters a minute through a pinyin input method and two
seconds to read each prompt: the figures compare versions, they do not time a person.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from gongwen.answers import read_answers
from gongwen.ask import Questionnaire
from gongwen.carry import next_year
from gongwen.kinds import KINDS
from gongwen.questions import resolve
from gongwen.testing import get_type

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["theme-education-rectification", "theme-education-report", "party-history-rectification",
         "grassroots-special-action", "patrol-meeting-plan", "rectification-report"]
CHARS_PER_MINUTE, SECONDS_PER_PROMPT, SECONDS_PER_LINE = 40, 2, 1
TYPED = ("text", "integer", "date")  # answers typed in (cleared with Ctrl-U first), not picked


def typed_chars(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(typed_chars(v) for v in value)
    if isinstance(value, dict):
        return sum(typed_chars(v) for v in value.values())
    return len(str(value))


def facts(q, value: object) -> int:
    """What a clerk types for real content: names, dates, figures and the problems with their
    measures, keeping the default wording of the long paragraphs (multi-line answers)."""
    if q.kind == "multiline":
        return 0
    if KINDS[q.kind].nested and isinstance(value, list):
        return sum(facts(f, item[f.key]) for item in value if isinstance(item, dict) for f in q.fields
                   if f.key in item)
    return typed_chars(value)


class Count:
    """What one run showed: prompts (a question asked alone, a menu, a screen of several), the
    questions on them, and the keys of every screen's lines in order."""

    def __init__(self) -> None:
        self.prompts = 1  # the review step's confirmation
        self.questions = 1
        self.screens: list[list[str]] = []

    def keys(self, changed: set[str], typed: set[str], chars: int) -> int:
        """Keystrokes: Enter at every prompt, the characters typed, Ctrl-U before each typed
        answer, and ↓ on each screen down to the last line whose answer is changed."""
        moves = sum(max((i for i, k in enumerate(keys) if k in changed), default=0) for keys in self.screens)
        return self.prompts + chars + len(typed) + moves


def run(type_id: str, raw: dict, keep: set[str]) -> Count:
    """Prompts the questionnaire shows when every one is answered with Enter."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    q = Questionnaire(get_type(type_id), raw, keep=keep)
    count = Count()
    ask = q.ask

    def one(*a, **k):
        count.prompts += 1
        count.questions += 1
        return ask(*a, **k)

    q.ask = one
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()), counted_screens(count):
        pipe.send_text("\r" * 2000)
        pipe.close()
        q.run()
    return count


@contextlib.contextmanager
def counted_screens(count: Count) -> Iterator[None]:
    """Each screen of several questions (gongwen 0.2 on) counted as one prompt."""
    try:
        import gongwen.screen as screen
    except ImportError:  # gongwen 0.1: one question per prompt
        yield
        return
    shown = screen.Screen.run

    def run(self):
        count.prompts += 1
        count.screens.append([x.key for x in self.shown()])
        count.questions += len(count.screens[-1])
        return shown(self)

    screen.Screen.run = run
    try:
        yield
    finally:
        screen.Screen.run = shown


def measure(type_id: str) -> dict:
    dt = get_type(type_id)
    example = read_answers(ROOT / "examples" / f"{type_id}.toml")
    defaults = resolve(dt.questions, {}).answers
    changed = {q.key for q in dt.questions if q.key in example and example[q.key] != defaults.get(q.key)}
    typed = {q.key for q in dt.questions if q.key in changed and q.kind in TYPED}
    scratch = run(type_id, {}, set())
    scratch_chars = sum(facts(q, example[q.key]) for q in dt.questions if q.key in changed)
    carried, keep = next_year(dt, example)
    last = run(type_id, carried, keep)
    last_chars = 10 if any(q.key == "meeting_date" for q in dt.questions) else 0
    last_typed = {"meeting_date"} if last_chars else set()
    return {"type": type_id, "scratch": scratch, "scratch_chars": scratch_chars,
            "scratch_keys": scratch.keys(changed, typed, scratch_chars),
            "last": last, "last_chars": last_chars, "last_keys": last.keys(last_typed, last_typed, last_chars)}


def minutes(count: Count, chars: int) -> float:
    """Typing, plus reading: a prompt, and each further line of a screen."""
    extra_lines = sum(len(keys) - 1 for keys in count.screens)
    return chars / CHARS_PER_MINUTE + (count.prompts * SECONDS_PER_PROMPT + extra_lines * SECONDS_PER_LINE) / 60


def main() -> int:
    print("| 文种 | 从头：屏数（问题数） | 从头：按键数（其中输入字数） | 从头：约几分钟 "
          "| 从去年：屏数（问题数） | 从去年：按键数（其中输入字数） | 从去年：约几分钟 |")
    print("|---|---|---|---|---|---|---|")
    for type_id in TYPES:
        m = measure(type_id)
        s, last = m["scratch"], m["last"]
        print(f"| {type_id} | {s.prompts}（{s.questions}） | {m['scratch_keys']}（{m['scratch_chars']}） | "
              f"{minutes(s, m['scratch_chars']):.1f} | {last.prompts}（{last.questions}） | "
              f"{m['last_keys']}（{m['last_chars']}） | {minutes(last, m['last_chars']):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
