"""How much a clerk answers: prompts and keystrokes per document type, from scratch and from
last year's answers (``gongwen new TYPE --from last.toml``).

    python benchmarks/questionnaire.py            # a Markdown table

Each type is driven through the real questionnaire (prompt_toolkit pipe input) three ways:

- **from scratch**, typing the facts of ``examples/TYPE.toml`` wherever they differ from the
  default the clerk is shown (derived from the example's answers before it): names, dates,
  figures, the problems and their measures (one-line answers), lists and groups item by item
  (:func:`facts`).  Default wording is kept: the long paragraphs, the groups of titled
  paragraphs (principles, requirements) and the answers of :data:`WORDING`, where the example
  words differently what the default already says.  Keystrokes: the characters typed, and
  Enter at every prompt;
- **from last year**, starting from the example carried forward one year, and typing a new
  meeting date where the type has one (the problems found are kept as they were, to be edited
  only where they changed);
- **pasting the lists** a clerk has on paper (:data:`PASTED`: a plan's problems, a report's
  agenda, the inspection feedback), as from scratch except that each such list is not typed
  item by item: the example's items, written out as a clerk's numbered list
  (:func:`clerk_list`), are pasted at the list's menu (📋 粘贴一份清单) in one action and kept.
  The run checks that the pasted items are the example's.

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
from gongwen.kinds import KINDS, summary_field
from gongwen.paste import grouping_field, label_names, titled_text
from gongwen.questions import check_value, new_item, resolve
from gongwen.testing import get_type

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["theme-education-rectification", "theme-education-report", "party-history-rectification",
         "grassroots-special-action", "patrol-meeting-plan", "rectification-report"]
CHARS_PER_MINUTE, SECONDS_PER_PROMPT, SECONDS_PER_LINE = 40, 2, 1
TYPED = ("text", "integer", "date")  # answers typed in (cleared with Ctrl-U first), not picked
#: The lists a clerk has on paper already (pasted in the third scenario), and where they are:
#: the problems of a plan, the feedback a patrol plan answers, the agenda and the rest of a report.
PASTED = {
    "theme-education-rectification": {"aspects": "对照检查材料的问题清单"},
    "theme-education-report": {"study_materials": "上级通知列出的学习篇目", "agenda": "会议议程",
                               "early_fixes": "即知即改清单"},
    "party-history-rectification": {"aspects": "对照检查材料的问题清单"},
    "grassroots-special-action": {"problems": "上级反馈的问题清单"},
    "patrol-meeting-plan": {"feedback_areas": "巡察反馈意见"},
    "rectification-report": {"items": "整改方案的任务清单"},
}
#: Answers where the example differs from the default the clerk is shown only in its wording,
#: not in a fact: the title the tool composes (the seed's leaves out the unit, or words it
#: otherwise), the report's headings, the same five agenda steps, the same five Party-history
#: topics in the notice's long form.  A clerk typing from scratch keeps these defaults, as the
#: long paragraphs (``group.field`` names a field of every item of a group).
WORDING = {
    "theme-education-rectification": {"title"},
    "theme-education-report": {"title", "agenda", "rectify_title", "life_title", "solve_title", "rules_title"},
    "party-history-rectification": {"aspects.title"},
    "grassroots-special-action": {"title", "subtitle"},
    "patrol-meeting-plan": set(),
    "rectification-report": {"plan_title"},
}
#: Keys of a paste besides the Enter of each prompt: ↑ (the menu's last choice), the paste, Esc.
PASTE_KEYS = 3
CN = "一二三四五六七八九十"
NUMBERS = (lambda n: f"{CN[n - 1]}、", lambda n: f"{n}. ", lambda n: f"（{n}）")


def typed_chars(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(typed_chars(v) for v in value)
    if isinstance(value, dict):
        return sum(typed_chars(v) for v in value.values())
    return len(str(value))


def titled_paragraphs(q) -> bool:
    """A group of titled paragraphs (principles, requirements): wording, like a paragraph."""
    return q.kind == "group" and len(q.fields) == 2 and titled_text(q) is not None


def facts(q, value: object, default: object = None, kept: frozenset[str] = frozenset()) -> int:
    """What a clerk types for real content: names, dates, figures and the problems with their
    measures, keeping the default wording of the long paragraphs (multi-line answers).  A list
    or group shows its default items and is edited item by item: an item already there is kept
    (in any order); a group item's fields equal to the default item's at its place are kept, and
    an item added after the defaults starts from what the item above passes down (``copy_down``);
    the rest is typed.  Fields named in ``kept`` keep their default wording."""
    if q.kind == "multiline" or titled_paragraphs(q):
        return 0
    if KINDS[q.kind].nested and isinstance(value, list):
        shown = default if isinstance(default, list) else []
        typed = 0
        for n, item in enumerate(value):
            if not isinstance(item, dict):
                continue
            was = shown[n] if n < len(shown) and isinstance(shown[n], dict) else new_item(q, value[:n])
            typed += sum(facts(f, item[f.key], was.get(f.key)) for f in q.fields
                         if f.key not in kept and f.key in item and item[f.key] != was.get(f.key))
        return typed
    if isinstance(value, list) and isinstance(default, list):
        left, typed = list(default), 0
        for v in value:
            if v in left:
                left.remove(v)  # kept as shown
            else:
                typed += typed_chars(v)
        return typed
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


def run(type_id: str, raw: dict, keep: set[str], keep_raw: bool = False):
    """Prompts the questionnaire shows when every one is answered with Enter (and, with
    ``keep_raw``, the answers it gave)."""
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
        got = q.run()
    return (count, got) if keep_raw else count


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


def normalized(dt, example: dict) -> dict:
    """The example's answers as the questionnaire stores them (dates as 2023-08-10)."""
    return {**example, **{q.key: check_value(q, example[q.key], example)[0] for q in dt.questions
                          if q.key in example}}


def shown_defaults(dt, example: dict) -> dict:
    """Each question's default as the clerk sees it: derived from the example's answers
    before it (a title from the unit typed, deadlines from the meeting date)."""
    out, given = {}, {}
    for q in dt.questions:
        out[q.key] = resolve(dt.questions, given).answers.get(q.key)
        if q.key in example:
            given[q.key] = example[q.key]
    return out


def kept_fields(wording: set[str], key: str) -> frozenset[str]:
    """The fields of group ``key`` that :data:`WORDING` keeps at their default."""
    return frozenset(name.split(".", 1)[1] for name in wording if name.startswith(f"{key}."))


def measure(type_id: str) -> dict:
    dt = get_type(type_id)
    example = read_answers(ROOT / "examples" / f"{type_id}.toml")
    stored = normalized(dt, example)
    defaults = shown_defaults(dt, stored)
    wording = WORDING[type_id]
    changed = {q.key for q in dt.questions if q.key in stored and stored[q.key] != defaults.get(q.key)
               and q.key not in wording and not titled_paragraphs(q)}
    typed = {q.key for q in dt.questions if q.key in changed and q.kind in TYPED}
    scratch = run(type_id, {}, set())
    scratch_chars = sum(facts(q, example[q.key], defaults.get(q.key), kept_fields(wording, q.key))
                        for q in dt.questions if q.key in changed)
    carried, keep = next_year(dt, example)
    last = run(type_id, carried, keep)
    last_chars = 10 if any(q.key == "meeting_date" for q in dt.questions) else 0
    last_typed = {"meeting_date"} if last_chars else set()
    return {"type": type_id, "scratch": scratch, "scratch_chars": scratch_chars,
            "scratch_keys": scratch.keys(changed, typed, scratch_chars),
            "last": last, "last_chars": last_chars, "last_keys": last.keys(last_typed, last_typed, last_chars),
            "pasted": measure_pasted(type_id, scratch_chars, changed, typed, defaults)}


def clerk_list(q, items: list[dict], depth: int = 0) -> list[str]:
    """Group items as a clerk's numbered list: "一、理论学习方面" / "1. 问题……" /
    "整改措施：一是……；二是……。" / "责任领导：……" (one line per field)."""
    if q.kind == "list":  # a plain list: one numbered line an item
        return [NUMBERS[depth](n) + item for n, item in enumerate(items, 1)]
    by = grouping_field(q)
    if by is None or not any(it.get(by.key) for it in items):
        return _clerk_items(q, items, depth)
    heads: dict[str, list[dict]] = {}
    for it in items:
        heads.setdefault(it.get(by.key, ""), []).append(it)
    out = []
    for n, (head, under) in enumerate(heads.items(), 1):
        out += [NUMBERS[depth](n) + head, *_clerk_items(q, under, depth + 1, skip=by.key)]
    return out


def _clerk_items(q, items: list[dict], depth: int, skip: str = "") -> list[str]:
    summary, text, out = summary_field(q), titled_text(q), []
    for n, it in enumerate(items, 1):
        run_on = text is not None and text.key in it
        out.append(NUMBERS[depth](n) + it[summary.key] + (f"。{it[text.key]}" if run_on else ""))
        for f in q.fields:
            value = it.get(f.key)
            if f is summary or (run_on and f is text) or f.key == skip or value in (None, "", []):
                continue
            if f.kind == "group":
                out += clerk_list(f, value, depth + 1)
            elif f.kind == "list":
                parts = [f"{CN[k]}是{v}" for k, v in enumerate(value)] if len(value) > 1 else value
                out.append(f"{label_names(f)[0]}：{'；'.join(parts)}。")
            else:
                out.append(f"{label_names(f)[0]}：{value}")
    return out


def run_pasted(type_id: str, texts: dict[str, str]) -> tuple[Count, dict]:
    """From scratch, with ``texts[key]`` pasted at the first menu of each list or group ``key``
    (and kept)."""
    import gongwen.paste_ask as paste_ask

    repeat, ask_text = Questionnaire.repeat, paste_ask.ask_text
    done: set[str] = set()

    def pasted_once(self, q, items, scope, *a, **k):
        if q.key in texts and q.key not in done:
            done.add(q.key)
            paste_ask.paste_items(q, items, scope)
        return repeat(self, q, items, scope, *a, **k)

    Questionnaire.repeat, paste_ask.ask_text = pasted_once, lambda q, scope: texts[q.key]
    try:
        count, raw = run(type_id, {}, set(), keep_raw=True)
    finally:
        Questionnaire.repeat, paste_ask.ask_text = repeat, ask_text
    count.prompts += 3 * len(texts)  # each: the menu once more, the paste, keeping it
    return count, raw


def measure_pasted(type_id: str, scratch_chars: int, changed: set[str], typed: set[str],
                   defaults: dict) -> dict:
    """The third scenario: the lists of :data:`PASTED` pasted, the rest typed as from scratch."""
    dt = get_type(type_id)
    example = read_answers(ROOT / "examples" / f"{type_id}.toml")
    lists = {q.key: q for q in dt.questions if q.key in PASTED[type_id]}
    texts = {key: "\n".join(clerk_list(q, example[key])) for key, q in lists.items()}
    count, raw = run_pasted(type_id, texts)
    for key, q in lists.items():
        if check_value(q, raw[key], example)[0] != check_value(q, example[key], example)[0]:
            raise AssertionError(f"{type_id}: the pasted list did not give the example's {key}")
    chars = scratch_chars - sum(facts(q, example[key], defaults[key], kept_fields(WORDING[type_id], key))
                                for key, q in lists.items() if key in changed)
    return {"count": count, "chars": chars, "keys": count.keys(changed - set(lists), typed, chars)
            + PASTE_KEYS * len(lists), "pasted": sum(map(len, texts.values()))}


def minutes(count: Count, chars: int) -> float:
    """Typing, plus reading: a prompt, and each further line of a screen."""
    extra_lines = sum(len(keys) - 1 for keys in count.screens)
    return chars / CHARS_PER_MINUTE + (count.prompts * SECONDS_PER_PROMPT + extra_lines * SECONDS_PER_LINE) / 60


def main() -> int:
    print("| 文种 | 从头：屏数（问题数） | 从头：按键数（其中输入字数） | 从头：约几分钟 "
          "| 从去年：屏数（问题数） | 从去年：按键数（其中输入字数） | 从去年：约几分钟 "
          "| 粘贴清单：屏数（问题数） | 粘贴清单：按键数（其中输入字数） | 粘贴清单：约几分钟 | 粘贴的字数 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for type_id in TYPES:
        m = measure(type_id)
        s, last, p = m["scratch"], m["last"], m["pasted"]
        pasted = "— | — | — | —" if p is None else (
            f"{p['count'].prompts}（{p['count'].questions}） | {p['keys']}（{p['chars']}） | "
            f"{minutes(p['count'], p['chars']):.1f} | {p['pasted']}")
        print(f"| {type_id} | {s.prompts}（{s.questions}） | {m['scratch_keys']}（{m['scratch_chars']}） | "
              f"{minutes(s, m['scratch_chars']):.1f} | {last.prompts}（{last.questions}） | "
              f"{m['last_keys']}（{m['last_chars']}） | {minutes(last, m['last_chars']):.1f} | {pasted} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
