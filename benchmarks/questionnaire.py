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

import sys
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
CHARS_PER_MINUTE, SECONDS_PER_PROMPT = 40, 2


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


def run(type_id: str, raw: dict, keep: set[str]) -> int:
    """Prompts the questionnaire shows when every one is answered with Enter."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    q = Questionnaire(get_type(type_id), raw, keep=keep)
    count = [0]
    ask = q.ask
    q.ask = lambda *a, **k: (count.__setitem__(0, count[0] + 1), ask(*a, **k))[1]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("\r" * 2000)
        pipe.close()
        q.run()
    return count[0] + 1  # + the review step's confirmation


def measure(type_id: str) -> dict:
    dt = get_type(type_id)
    example = read_answers(ROOT / "examples" / f"{type_id}.toml")
    defaults = resolve(dt.questions, {}).answers
    scratch_prompts = run(type_id, {}, set())
    scratch_chars = sum(facts(q, example[q.key]) for q in dt.questions
                        if q.key in example and example[q.key] != defaults.get(q.key))
    carried, keep = next_year(dt, example)
    last_prompts = run(type_id, carried, keep)
    last_chars = 10 if any(q.key == "meeting_date" for q in dt.questions) else 0
    return {"type": type_id, "scratch_prompts": scratch_prompts, "scratch_chars": scratch_chars,
            "last_prompts": last_prompts, "last_chars": last_chars}


def minutes(prompts: int, chars: int) -> float:
    return chars / CHARS_PER_MINUTE + prompts * SECONDS_PER_PROMPT / 60


def main() -> int:
    print("| 文种 | 从头：提示数 | 从头：输入字数 | 从头：约几分钟 "
          "| 从去年：提示数 | 从去年：输入字数 | 从去年：约几分钟 |")
    print("|---|---|---|---|---|---|---|")
    for type_id in TYPES:
        m = measure(type_id)
        print(f"| {type_id} | {m['scratch_prompts']} | {m['scratch_chars']} | "
              f"{minutes(m['scratch_prompts'], m['scratch_chars']):.1f} | {m['last_prompts']} | {m['last_chars']} | "
              f"{minutes(m['last_prompts'], m['last_chars']):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
