"""The guided questionnaire (questionary), driven by the question model.

Every prompt shows its default, so pressing Enter throughout gives a complete
draft.  Invalid input is refused with the Chinese message from the model and the
question stays open.  :attr:`Questionnaire.raw` always holds every answer given so
far, so an interrupted run can be saved and resumed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

import questionary
from questionary import Choice

from .doctype import DocumentType, OutlineEntry
from .kinds import KINDS, item_summary
from .kit.words import fill_known
from .outline import heading_title, is_default, outline_lines, outline_to_raw, parse_outline
from .paste_ask import PASTE, paste_items
from .questions import Answers, Question, check_value, new_item, resolve, show_value
from .terminal import shorten

DONE = "__done__"
REVIEW = "review"  # position of an interrupted run that was at the review step
STYLE = questionary.Style([("qmark", "fg:#c00000 bold"), ("answer", "fg:#005f87 bold")])
#: What a multi-line prompt shows after its Chinese hint (questionary's own says it in English):
#: the answer starts on a line of its own.
MULTILINE_INSTRUCTION = "\n›"


def select(message: str, choices: list, **kwargs: Any) -> questionary.Question:
    """questionary.select with our style and a Chinese key hint instead of "(Use arrow keys)"."""
    kwargs.setdefault("instruction", "（↑↓ 选择，回车确认）")
    kwargs.setdefault("style", STYLE)
    return questionary.select(message, choices=choices, **kwargs)


def say(text: str, style: str = "") -> None:
    questionary.print(text, style=style)


class Questionnaire:
    """Ask a type's questions; ``raw`` holds the answers as the answers file keeps them.

    Lists and group items are attached to ``raw`` while they are being filled in, so
    after an interrupt :meth:`partial` holds every answer typed so far (an item being
    added keeps the fields already answered) and ``position`` names the question that
    was open (``REVIEW`` at the review step).
    """

    def __init__(self, doctype: DocumentType, raw: Answers | None = None,
                 keep: set[str] | None = None) -> None:
        self.doctype = doctype
        self.raw: Answers = {"type": doctype.id, **(raw or {})}
        self.keep = set(keep or ())  # keys already answered (prefilled): not asked again
        self.answers: Answers = {}
        self.position: str = ""
        self._outline_draft: list[OutlineEntry] | None = None
        #: Answers taken as their computed default: not written to ``raw`` (so that they keep
        #: following the answers they derive from) but recomputed after every change.
        self.derived: set[str] = set()

    def partial(self) -> tuple[Answers, str]:
        """The answers given so far (a copy) and where the run stopped."""
        raw = self.keep_today_defaults(copy.deepcopy(self.raw))
        if self._outline_draft is not None:
            raw["outline"] = outline_to_raw(self._outline_draft, self.doctype)
        return raw, self.position

    # ------------------------------------------------------------ flow

    def run(self) -> Answers:
        """Ask everything, then review until the answers have no problem; the raw answers.

        Defaults derived from other answers stay out of ``raw``; one that reads today's date
        (a year, a meeting a month ahead) is written in, so the file means the same next year.
        """
        self.ask_all()
        self.position = REVIEW
        self.review()
        self.position = ""
        return self.keep_today_defaults(self.raw)

    def keep_today_defaults(self, raw: Answers) -> Answers:
        """``raw`` with the defaults read from today's date that were accepted (the year, a
        meeting date): written in, finished or interrupted, so the file means the same next year."""
        for q in self.doctype.questions:
            if q.key in self.derived and q.key in self.answers and not q.computed:
                raw[q.key] = self.answers[q.key]
        return raw

    def outline(self) -> list[OutlineEntry]:
        return parse_outline(self.raw.get("outline"), self.doctype, self.answers)[0]

    def kept(self) -> set[str]:
        return {e.key for e in self.outline() if e.key}

    def ask_all(self) -> None:
        say(f"开始填写：{self.doctype.name}（直接回车即采用括号内或已填好的默认值，Ctrl-C 可中断并保存）",
            "bold")
        from .screen import screens

        for run in screens(self.doctype.questions, self.keep):
            if len(run) > 1:
                self.ask_screen(run)
            else:
                self.ask_one(run[0])

    def ask_one(self, q: Question) -> None:
        """A question asked alone (or taken as given before: resume, ``--from``)."""
        if not q.applies(self.answers, self.kept()):
            return
        if q.key in self.keep and q.key not in self.raw:  # taken as its default before (resume, --from)
            self.answers[q.key] = q.default_for(self.answers)
            if callable(q.default):
                self.derived.add(q.key)
            return
        if q.key in self.keep and q.key in self.raw:
            value, error = check_value(q, self.raw[q.key], self.answers)
            if not error:
                self.answers[q.key] = value
                return
            say(f"“{q.label}”原答案有误：{error}，请重新回答。", "fg:ansired")
        self.ask_top(q)
        self.check_as_you_go(q)

    def ask_screen(self, questions: list[Question]) -> None:
        """Several short questions on one screen (:mod:`gongwen.screen`).  Interrupted, the
        answers edited on it so far are kept; ``position`` is its first question."""
        from .screen import Screen

        given = {q.key: self.raw[q.key] for q in questions if q.key in self.raw}
        screen = Screen(questions, self.answers, self.kept(), given, self.screen_title(*questions))
        shown = screen.shown()
        if not shown:
            return
        back = self.position
        self.position = shown[0].key
        try:
            values = screen.run()
        except (KeyboardInterrupt, EOFError):
            self.raw.update(screen.typed())
            raise
        for q in questions:
            if q.key in values:
                self.answer(q, values[q.key], q.default_for(self.answers))
        self.position = back
        self.check_as_you_go(*(q for q in questions if q.key in values))

    def screen_title(self, *questions: Question) -> str:
        """What a screen of questions is about: their sections' titles as the document will head
        them (the outline's, its ``{word}`` fields filled: 查摆巡察反馈问题; 基本情况 outside
        sections; "会议时间、会议地点"; titles with a comma apart by "；"; the first and 等 past
        three or 30 characters), without the full stop a run-in title ends with (it is followed
        by "：")."""
        words = self.doctype.words(self.answers)
        entries = {e.key: heading_title(e, words) for e in self.outline() if e.key}
        titles = {s.key: fill_known(s.title, words) for s in self.doctype.sections} | entries
        shown = [q for q in questions if not q.section or q.section in entries] or list(questions)
        names = list(dict.fromkeys(titles.get(q.section, "基本情况").rstrip("。．.") for q in shown))
        joined = ("；" if any("，" in n for n in names) else "、").join(names)
        return joined if len(names) <= 3 and len(joined) <= 30 else f"{names[0]}等"

    def ask_top(self, q: Question) -> None:
        default = q.default_for(self.answers)
        current = self.raw.get(q.key) if q.key in self.raw else default
        back = self.position
        self.position = q.key
        value = self.ask(q, current, self.answers, attach=lambda v: self.raw.__setitem__(q.key, v))
        self.answer(q, value, default)
        self.position = back

    def answer(self, q: Question, value: Any, default: Any) -> None:
        """Record an answer; one equal to its computed default stays derived (out of ``raw``)."""
        self.answers[q.key] = value
        if callable(q.default) and value == default:  # accepted as computed: stays derived
            self.raw.pop(q.key, None)
            self.derived.add(q.key)
        else:
            self.raw[q.key] = value
            self.derived.discard(q.key)

    # ------------------------------------------------------------ checks across answers

    def problems(self) -> list:
        """Every problem the answers given so far have (fields, outline, cross-field checks)."""
        from .pipeline import prepare

        return prepare(self.doctype, self.raw).problems

    def check_as_you_go(self, *asked: Question) -> None:
        """Once the last answer a cross-field check involves is given (a total and its parts),
        tell its problem at once and offer to answer those questions again (``asked``: the
        questions just answered, alone or on one screen)."""
        given = {q.key for q in asked}
        while True:
            found = [p for p in self.problems() if p.keys and given & set(p.involved())
                     and all(k in self.answers for k in p.involved())]
            if not found:
                return
            for p in found:
                say(f"  {p.message}", "fg:ansired")
            again = select("这几项需要一致：", choices=[
                Choice("✎ 重新填写这几项", True), Choice("先继续，核对时再改", False)]).unsafe_ask()
            if not again:
                return
            keys = dict.fromkeys(k for p in found for k in p.involved())
            for other in self.doctype.questions:
                if other.key in keys and other.key in self.answers:
                    self.ask_top(other)

    def rederive(self) -> None:
        """Recompute the answers from ``raw``: derived defaults follow what they derive from."""
        answers: Answers = {}
        kept = self.kept()
        for q in self.doctype.questions:
            if not q.applies(answers, kept):
                continue
            if q.key in self.raw:
                value, error = check_value(q, self.raw[q.key], answers)
                answers[q.key] = self.answers.get(q.key) if error else value
            elif q.key in self.answers:
                try:
                    answers[q.key] = q.default_for(answers)
                except Exception:  # noqa: BLE001 - a plugin's default meeting odd answers: keep the old value
                    answers[q.key] = self.answers[q.key]
        self.answers = answers

    # ------------------------------------------------------------ one question

    def ask(self, q: Question, current: Any, scope: Answers,
            attach: Callable[[Any], None] | None = None) -> Any:
        """Ask one question of any kind; returns the checked value.

        ``attach(live)`` receives the list a list/group question is editing, before the
        first prompt, so that an interrupted run still sees what was typed.
        """
        return KINDS[q.kind].ask(self, q, current, scope, attach)

    # ------------------------------------------------------------ lists and groups

    def edit_group(self, q: Question, current: Any, scope: Answers, attach=None) -> list:
        """The group kind's prompt: a menu over the items, each asked field by field."""
        items = [copy.deepcopy(i) for i in current or []]
        if attach:
            attach(items)

        def edit(index: int) -> None:
            items[index] = copy.deepcopy(items[index])  # the live copy being edited
            self._ask_item(q, items[index], scope)

        def new() -> None:
            items.append(new_item(q, items))
            self._ask_item(q, items[-1], scope)

        return self.repeat(q, items, scope, show=lambda item: item_summary(q, item), edit=edit, new=new,
                           unit=q.item, faulty=lambda: self._first_faulty(q, items, scope))

    def _ask_item(self, q: Question, item: dict, scope: Answers) -> dict:
        """Ask every field of one group item, in place (its current values as defaults).

        Fields not yet reached keep their values, so an interrupt loses nothing; fields
        whose condition no longer holds are dropped at the end.
        """
        inner = dict(scope)
        asked: set[str] = set()
        for f in q.fields:
            if not f.applies(inner):
                continue
            cur = item[f.key] if f.key in item else f.default_for(inner)
            item[f.key] = self.ask(f, cur, inner, attach=lambda v, k=f.key: item.__setitem__(k, v))
            inner[f.key] = item[f.key]
            asked.add(f.key)
        for key in [k for k in item if k not in asked]:
            del item[key]
        return item

    def _first_faulty(self, q: Question, items: list, scope: Answers) -> int | None:
        """Index of the first group item with a problem (said to the user), or None."""
        for i, item in enumerate(items):
            problems = resolve(q.fields, item, scope=scope).problems + _unanswered(q, item, scope)
            if problems:
                say(f"  第 {i + 1} 项还需补充：" + "；".join(map(str, problems)), "fg:ansired")
                return i
        return None

    def repeat(self, q: Question, items: list, scope: Answers, show, edit, new, unit: str = "条",
               faulty: Callable[[], int | None] | None = None) -> list:
        """A menu over a list: keep, edit one, add, delete — until the user continues.

        ``unit`` counts the items; ``faulty()`` gives the index of an item that still
        needs answers (opened for editing instead of continuing), or None.
        """
        while True:
            say(f"{q.label}：共 {len(items)} {unit}", "bold")
            for i, item in enumerate(items, 1):
                say(f"  {i}. {shorten(show(item), 40)}")
            choices = [Choice(keep_label(q, items, scope, unit), DONE)]
            choices += [Choice(f"✎ 修改第 {i} 项：{shorten(show(it), 24)}", ("edit", i - 1))
                        for i, it in enumerate(items, 1)]
            choices.append(Choice("＋ 新增一项", ("add", None)))
            if items:
                choices.append(Choice("－ 删除一项", ("delete", None)))
            choices.append(Choice(PASTE, ("paste", None)))
            action = select(f"{q.label}：请选择", choices=choices).unsafe_ask()
            if action == DONE:
                value, error = check_value(q, items, scope)
                if error:
                    say(f"  {error}", "fg:ansired")
                    continue
                first = faulty() if faulty else None
                if first is None:
                    return value
                action = ("edit", first)
            verb, index = action
            if verb == "edit":
                edit(index)
            elif verb == "add":
                new()
            elif verb == "paste":
                paste_items(q, items, scope)
            else:
                gone = select(
                    "删除哪一项？",
                    choices=[Choice(f"{i}. {shorten(show(it), 30)}", i - 1)
                             for i, it in enumerate(items, 1)] + [Choice("（取消）", -1)],
                ).unsafe_ask()
                if gone >= 0:
                    items.pop(gone)

    # ------------------------------------------------------------ review

    def review(self) -> None:
        """List every answer; let the user change any of them or the outline."""
        problems: list = []
        while True:
            self.rederive()
            asked = [q for q in self.doctype.questions if q.key in self.answers
                     and q.applies(self.answers, self.kept())]
            say("\n请核对以下回答：", "bold")
            for i, q in enumerate(asked, 1):
                auto = "（自动生成）" if q.key in self.derived and q.computed else ""
                say(f"  {i:>2}. {q.label}{auto}：{show_value(q, self.answers[q.key])}")
            say("  提纲：")
            for line in outline_lines(self.outline(), self.doctype.words(self.answers)):
                say(f"      {line}")
            labels = {q.key: q.label for q in self.doctype.questions}
            for p in problems:
                root = p.path.split(".")[0].split("[")[0]
                say(f"  ✘ {labels.get(root, p.path)}：{p.message}", "fg:ansired")
            wrong = {k for p in problems for k in p.involved()}
            choices = [Choice("✔ 确认无误，生成文档", DONE)]
            choices += [Choice(f"{'✘' if q.key in wrong else '✎'} {i}. {q.label}", q.key)
                        for i, q in enumerate(asked, 1)]
            choices.append(Choice("✎ 调整提纲（删除、改名、调序、新增章节）", "__outline__"))
            picked = select("要修改哪一项？", choices=choices).unsafe_ask()
            if picked == DONE:
                problems = self.problems()
                if not problems:
                    return
                say(f"还有 {len(problems)} 处问题，请修改后再确认（回答已保留）：", "fg:ansired")
                continue
            if picked == "__outline__":
                self.edit_outline()
                continue
            q = next(x for x in asked if x.key == picked)
            self.ask_top(q)
            self._ask_newly_applicable()

    def _ask_newly_applicable(self) -> None:
        """After a change, ask questions that now apply and have no answer yet."""
        for q in self.doctype.questions:
            if q.key not in self.answers and q.applies(self.answers, self.kept()):
                self.ask_top(q)

    def edit_outline(self) -> None:
        entries = self.outline()
        self._outline_draft = entries
        words = self.doctype.words(self.answers)
        while True:
            lines = outline_lines(entries, words)
            choices = [Choice("✔ 提纲调整完毕", DONE)]
            choices += [Choice(line, i) for i, line in enumerate(lines)]
            choices.append(Choice("＋ 在末尾新增一章", "append"))
            picked = select("选择要调整的章节：", choices=choices).unsafe_ask()
            if picked == DONE:
                break
            if picked == "append":
                entries.append(self._new_entry(1))
                continue
            entry = entries[picked]
            action = select(
                f"对“{heading_title(entry, words)}”：",
                choices=["改名", "删除", "上移", "下移", "在其后新增章节", "（返回）"],
            ).unsafe_ask()
            if action == "改名":
                entry.title = questionary.text(
                    "新标题：", default=heading_title(entry, words), style=STYLE,
                    validate=lambda t: bool(t.strip()) or "标题不能为空",
                ).unsafe_ask().strip()
            elif action == "删除":
                entries.pop(picked)
            elif action == "上移" and picked > 0:
                entries[picked - 1], entries[picked] = entries[picked], entries[picked - 1]
            elif action == "下移" and picked < len(entries) - 1:
                entries[picked + 1], entries[picked] = entries[picked], entries[picked + 1]
            elif action == "在其后新增章节":
                entries.insert(picked + 1, self._new_entry(entry.level))
        self._outline_draft = None
        if is_default(entries, self.doctype, self.answers):
            self.raw.pop("outline", None)
        else:
            self.raw["outline"] = outline_to_raw(entries, self.doctype)
        self._ask_newly_applicable()

    def _new_entry(self, level: int) -> OutlineEntry:
        title = questionary.text("新章节标题：", style=STYLE,
                                 validate=lambda t: bool(t.strip()) or "标题不能为空").unsafe_ask()
        lvl = select("层级：", default=str(level), choices=[
            Choice("1（一、）", "1"), Choice("2（（一））", "2"), Choice("3（1.）", "3"),
            Choice("4（（1））", "4"), Choice("5（①）", "5"),
        ]).unsafe_ask()
        body = questionary.text("正文（每行一段；按 Esc 再按回车 完成）", multiline=True,
                                instruction=MULTILINE_INSTRUCTION, style=STYLE).unsafe_ask()
        paras = [p.strip() for p in body.splitlines() if p.strip()]
        return OutlineEntry("", title.strip(), int(lvl), paragraphs=paras)


def keep_label(q: Question, items: list, scope: Answers, unit: str) -> str:
    """The menu's first choice: "✔ 保留默认的基本原则（4条），继续" while the items are the
    default ones (a whole default group kept with one Enter), else "✔ 就用这些，继续"."""
    if not items or items != q.default_for(scope):
        return "✔ 就用这些，继续"
    name = re.split(r"[（(]", q.label)[0]
    if len(name) > 10 or re.search("怎样|哪些|什么|谁", name):  # a question, not a name
        return f"✔ 保留默认的这{len(items)}{unit}，继续"
    return f"✔ 保留默认的{name}（{len(items)}{unit[:1]}），继续"


def _unanswered(q: Question, item: dict, scope: Answers) -> list[str]:
    """Fields of an item (e.g. one added before an interrupt) missing although required."""
    inner = {**scope, **item}
    missing = []
    for f in q.fields:
        if f.key in item or not f.applies(inner):
            continue
        error = check_value(f, f.default_for(inner), inner)[1]
        if error:
            missing.append(f"{f.label}：{error}")
    return missing
