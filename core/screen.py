"""One screen for several short questions (a small prompt_toolkit form).

Short questions (a kind whose ``on_screen`` is set: one-line text, integer, date, choice, 是/否;
or a list of short names declared ``on_screen``, its items split by "；") of a section and the
sections after it are shown together (:func:`screens`), each with its current value.  Enter takes
them all; ↑↓ (or Tab) moves to a line, where the answer is edited in place (Ctrl-U clears it)
or, for a choice, changed with ← →.  Each answer is checked as a question asked alone would be
(the kind's reading, the plugin's ``validate``): a wrong one is refused with its reason and the
screen stays open on that line.  Lines whose default is derived from earlier answers (a title
from the unit and year) follow those answers until they are edited; lines whose condition no
longer holds disappear.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.key_binding.defaults import load_key_bindings
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, VSplit, Window
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl, UIControl
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.styles import Style, merge_styles
from prompt_toolkit.utils import get_cwidth

from .answers import clean_text
from .kinds import KINDS
from .questions import Answers, Question, check_value

#: At most this many questions on one screen (a longer run of short questions is cut).
MAX_LINES = 8
#: A label wider than this (in terminal columns) is shown without its （…） explanation, which
#: the hint line under the screen gives in full while the line is selected.
LABEL_COLUMNS = 34
HELP = "  回车：全部采用并继续　↑↓：移到某项，直接修改（Ctrl-U 清空）　←→：切换选项　Ctrl-C：中断并保存"
EXTRA_STYLE = Style([("error", "fg:ansired"), ("help", "fg:ansibrightblack"), ("at", "fg:#c00000 bold"),
                     ("choice", "fg:#005f87 bold")])


def screens(questions: Sequence[Question], keep: set[str]) -> list[list[Question]]:
    """``questions`` in the order asked, cut into screens: the short questions of a section not
    answered already (not in ``keep``), with those of the sections after it, at most
    :data:`MAX_LINES` each; every other question is a screen of its own.  A short question after
    a list or a long text joins the screen before them when the questions between are of its
    own section and it cannot depend on them (:func:`independent`): the 学习研讨 screen holds its
    导语, the list's 写法 and the 完成时限, then the list is asked.  Outside sections (the
    document's general questions) only consecutive short questions share a screen."""
    out: list[list[Question]] = []
    run: list[Question] = []  # the screen open
    between: dict[str, str] = {}  # the questions asked alone since it opened, with their sections
    for q in questions:
        if not (KINDS[q.kind].on_screen or q.on_screen) or q.key in keep:
            out.append([q])
            between[q.key] = q.section
            run = run if q.section else []
        elif run and len(run) < MAX_LINES and joins(run, q, between):
            run.append(q)
        else:
            run, between = [q], {}
            out.append(run)
    return out


def joins(run: list[Question], q: Question, between: dict[str, str]) -> bool:
    """Whether short question ``q`` joins the open screen ``run``; ``between``: the questions
    asked alone since it opened, with their sections."""
    if not (q.section and run[-1].section):
        return not between and q.section == run[-1].section
    own = q.section == run[-1].section or set(between.values()) <= {q.section}
    return own and (not between or independent(q, set(between)))


def independent(q: Question, keys: set[str]) -> bool:
    """Whether ``q`` may be asked before the questions ``keys``: its default is a value or a
    function declaring what it reads (``reads``, as :func:`gongwen.kit.deadlines.date_from`
    does), none of them in ``keys``, and its condition, if any, names another answer."""
    if callable(q.default) and set(getattr(q.default, "reads", keys)) & keys:
        return False
    return not callable(q.when) and (q.when is None or q.when[0] not in keys)


def screen_label(label: str) -> str:
    """``label`` as the screen's left column shows it: a long one without the explanation in
    brackets it ends with ("巡视还是巡察（省级以上为巡视，市县为巡察）" → "巡视还是巡察"), which the
    hint line gives in full."""
    if get_cwidth(label) <= LABEL_COLUMNS or not label.endswith("）"):
        return label
    depth = 0
    for i in range(len(label) - 1, 0, -1):  # back to the bracket that opens the last one
        depth += {"）": 1, "（": -1}.get(label[i], 0)
        if depth == 0:
            return label[:i]
    return label


class Line:
    """One question on the screen: its value typed in a buffer, or one of its ``options``."""

    def __init__(self, q: Question, on_change: Callable[[Line], None]) -> None:
        self.q = q
        self.label = screen_label(q.label)
        self.options = KINDS[q.kind].options(q)
        self.buffer = None if self.options else Buffer(multiline=False, on_text_changed=lambda _b: on_change(self))
        self.choice = 0
        self.touched = False  # edited (or given before): no longer follows its derived default
        self.shown = True
        self.error = ""

    def value(self) -> Any:
        """What the line holds, as a prompt would have read it."""
        if self.options:
            return self.options[self.choice][0]
        return KINDS[self.q.kind].read_line(self.q, clean_text(self.buffer.text))

    def put(self, value: Any) -> None:
        if self.options:
            self.choice = next((i for i, (v, _) in enumerate(self.options) if v == value), self.choice)
        else:
            text = KINDS[self.q.kind].prompt_default(self.q, value)
            if text != self.buffer.text:
                self.buffer.set_document(Document(text, len(text)), bypass_readonly=True)

    def cycle(self, step: int) -> None:
        self.choice = (self.choice + step) % len(self.options)
        self.touched = True


class Screen:
    """The screen of ``questions`` (answered in ``scope``, with the outline keeping
    ``sections``); ``given``: answers given before (kept as they are, not re-derived)."""

    def __init__(self, questions: Sequence[Question], scope: Answers, sections: set[str] | None,
                 given: Answers, title: str) -> None:
        self.scope, self.sections, self.title = scope, sections, title
        self._quiet = False
        self.lines = [Line(q, self._changed) for q in questions]
        self._quiet = True
        for line in self.lines:
            if line.q.key in given:
                line.put(given[line.q.key])
                line.touched = True
        self._quiet = False
        self.refresh()
        self.at = next((i for i, line in enumerate(self.lines) if line.shown), 0)
        self.controls: list[UIControl] = []
        self.aborted = False

    # ------------------------------------------------------------ values

    def shown(self) -> list[Question]:
        return [line.q for line in self.lines if line.shown]

    def _walk(self, fill: bool = False) -> Iterator[tuple[int, Line, Any, str | None]]:
        """Each shown line with its checked value and error, read with the answers above it;
        ``fill``: first decide whether it is shown and put its derived default if not edited."""
        context = dict(self.scope)
        for i, line in enumerate(self.lines):
            if fill:
                line.shown = line.q.applies(context, self.sections)
                if line.shown and not line.touched:
                    with contextlib.suppress(Exception):  # a plugin's default meeting unfinished answers
                        line.put(line.q.default_for(context))
            if not line.shown:
                continue
            value, error = check_value(line.q, line.value(), context)
            if not error:
                context[line.q.key] = value
            yield i, line, value, error

    def refresh(self) -> None:
        """Conditions and derived defaults, from the answers above each line; after a change,
        no line keeps the reason it was refused (checked again at the next Enter)."""
        self._quiet = True
        try:
            for line in self.lines:
                line.error = ""
            for _ in self._walk(fill=True):
                pass
        finally:
            self._quiet = False

    def check(self) -> tuple[Answers, int | None]:
        """The checked answers of the shown lines, and the index of the first wrong one (its
        ``error`` set) or None."""
        values = {}
        for i, line, value, error in self._walk():
            line.error = error or ""
            if error:
                return values, i
            values[line.q.key] = value
        return values, None

    def typed(self) -> Answers:
        """The valid answers edited on the screen (kept when it is interrupted)."""
        return {line.q.key: value for _, line, value, error in self._walk() if line.touched and not error}

    def _changed(self, line: Line) -> None:
        if self._quiet:
            return
        line.touched = True
        self.refresh()

    # ------------------------------------------------------------ the prompt

    def run(self) -> Answers:
        """Show the screen until its answers are all valid; the checked answers."""
        return self._app().run()

    def _move(self, step: int) -> None:
        i = self.at + step
        while 0 <= i < len(self.lines) and not self.lines[i].shown:
            i += step
        if 0 <= i < len(self.lines):
            self.at = i
            get_app().layout.focus(self.controls[i])

    def _submit(self) -> None:
        values, wrong = self.check()
        if wrong is None:
            get_app().exit(result=values)
        else:
            self.at = wrong
            get_app().layout.focus(self.controls[wrong])

    def _bindings(self) -> KeyBindings:
        kb = KeyBindings()
        on_options = Condition(lambda: bool(self.lines[self.at].options))
        on_confirm = Condition(lambda: self.lines[self.at].q.kind == "confirm")
        kb.add("down")(lambda _e: self._move(1))
        kb.add("tab")(lambda _e: self._move(1))
        kb.add("up")(lambda _e: self._move(-1))
        kb.add("s-tab")(lambda _e: self._move(-1))
        kb.add("enter")(lambda _e: self._submit())
        kb.add("c-c")(lambda _e: self._abort(KeyboardInterrupt))
        nothing_typed = Condition(lambda: not (self.lines[self.at].buffer and self.lines[self.at].buffer.text))
        kb.add("c-d", filter=nothing_typed)(lambda _e: self._abort(EOFError))  # as at a question asked alone
        for key, step in (("right", 1), ("space", 1), ("left", -1)):
            kb.add(key, filter=on_options)(lambda _e, s=step: self._cycle(s))
        for key, value in (("y", True), ("n", False)):
            kb.add(key, filter=on_confirm)(lambda _e, v=value: self._set(v))
        return kb

    def _abort(self, why: type[BaseException]) -> None:
        self.aborted = True
        get_app().exit(exception=why, style="class:aborting")

    def _cycle(self, step: int) -> None:
        self.lines[self.at].cycle(step)
        self.refresh()

    def _set(self, value: Any) -> None:
        line = self.lines[self.at]
        line.put(value)
        line.touched = True
        self.refresh()

    def _app(self) -> Application:
        from .ask import STYLE

        width = min(46, max(get_cwidth(line.label) for line in self.lines) + 6)
        rows = [self._row(i, line, width) for i, line in enumerate(self.lines)]
        done = Condition(lambda: get_app().is_done)
        body = HSplit([
            Window(FormattedTextControl(self._header), dont_extend_height=True),
            ConditionalContainer(Window(FormattedTextControl([("class:help", HELP)]), height=1), ~done),
            *rows,
            ConditionalContainer(Window(FormattedTextControl(self._hint), height=1), ~done),
        ])
        return Application(layout=Layout(body, focused_element=self.controls[self.at]),
                           key_bindings=merge_key_bindings([load_key_bindings(), self._bindings()]),
                           style=merge_styles([STYLE, EXTRA_STYLE]), full_screen=False, mouse_support=False)

    def _row(self, i: int, line: Line, width: int) -> ConditionalContainer:
        control: UIControl
        if line.buffer is not None:
            control = BufferControl(line.buffer)
        else:
            control = FormattedTextControl(lambda: self._option(line), focusable=True, show_cursor=False)
        self.controls.append(control)
        label = Window(FormattedTextControl(lambda: self._label(i)), width=Dimension.exact(width),
                       wrap_lines=True, dont_extend_width=True, dont_extend_height=True)
        value = Window(control, wrap_lines=True, dont_extend_height=True, style="class:answer")
        error = ConditionalContainer(
            Window(FormattedTextControl(lambda: [("class:error", f"{' ' * width}✘ {line.error}")]), height=1),
            Condition(lambda: bool(line.error)))
        return ConditionalContainer(HSplit([VSplit([label, value]), error]), Condition(lambda: line.shown))

    def _header(self) -> list[tuple[str, str]]:
        if get_app().is_done:
            return [("class:error", f"✘ {self.title}（已中断）")] if self.aborted else [
                ("class:qmark", "✔ "), ("class:question", self.title)]
        n = sum(line.shown for line in self.lines)
        return [("class:qmark", "? "), ("class:question", f"{self.title}：以下 {n} 项，回车全部采用")]

    def _label(self, i: int) -> list[tuple[str, str]]:
        mark = "› " if i == self.at and not get_app().is_done else "  "
        return [("class:at", mark), ("", f"{self.lines[i].label}：")]

    def _option(self, line: Line) -> list[tuple[str, str]]:
        label = line.options[line.choice][1]
        if get_app().is_done:
            return [("class:answer", label)]
        return [("class:choice", f"‹ {label} ›"), ("class:help", f"  （共 {len(line.options)} 项，←→ 切换）")]

    def _hint(self) -> list[tuple[str, str]]:
        line = self.lines[self.at]
        q = line.q
        hint = KINDS[q.kind].hint(q) or q.help
        if not hint and line.label == q.label:
            return []
        return [("class:help", f"  {q.label}{'：' + hint if hint and hint[0] not in '：（' else hint}")]
