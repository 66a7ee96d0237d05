"""Question kinds: everything one kind of answer means, in one table entry.

``Question.kind`` is a key of :data:`KINDS`.  The entry says how a raw answer (a TOML
value or typed text) is read and checked, what an unanswered question holds, how an
answer is shown (review step, ``show``), what the answers file notes after the label,
and how the questionnaire asks it.  Adding a kind is adding an entry::

    class Stars(Kind):
        key, name = "stars", "星级"
        ...

    KINDS[Stars.key] = Stars()

The prompts import questionary (through :mod:`gongwen.ask`) only when they run, so
reading an answers file or ``gongwen --help`` does not load it.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ask import Questionnaire
    from .questions import Answers, Question

Attach = Callable[[Any], None] | None
OTHER = "其他（自行填写）"
_INTEGER = re.compile(r"-?\d+")  # \d: the digits int() reads (str.isdigit() also takes ① and ²)
#: A count typed with its measure word, as a clerk writes it: 2021年, 5次, 40小时, 150份.
_COUNTED = re.compile(r"(-?\d+)\s*(?:年度|小时|学时|[年个次人名份条项篇天家所场期户件处类起])")


class Kind:
    """One kind of question; the base is a one-line text, subclasses change what differs."""

    key = ""
    name = ""  # Chinese, for ``show``
    #: The answer is a list of items, each answering ``q.fields`` (an array of tables in
    #: TOML, written after the plain keys); resolution and listings descend into them.
    nested = False
    #: Asked as one line of a screen of several short questions (:mod:`gongwen.screen`).
    on_screen = False

    def empty(self) -> Any:
        """The answer of a question without a default."""
        return ""

    def is_empty(self, value: Any) -> bool:
        """Whether ``value`` means "not answered" (a required field missing from a group item)."""
        return value == self.empty()

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        """A raw value (from TOML or a prompt) in the kind's form, and a Chinese error or None."""
        raise NotImplementedError

    def show(self, q: Question, value: Any) -> str:
        """A one-line Chinese rendering of an answer (review step, ``show``)."""
        shown = (q.display(value) if q.display and value else str(value)).replace("\n", " ")
        return shown if len(shown) <= 60 else shown[:58] + "……"

    def comment(self, q: Question) -> str:
        """What the answers file writes after the label, e.g. ``（可选：党委、党组）``."""
        return ""

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        """Ask ``q`` in the questionnaire ``qn`` (``current`` as default); returns the checked value.

        ``attach(live)`` receives the list a list/group question edits (see ``Questionnaire.ask``).
        """
        return self.type_in(q, current, scope)

    def options(self, q: Question) -> list[tuple[Any, str]] | None:
        """The values a screen line cycles through (← →) with their labels; None: typed in."""
        return None

    def hint(self, q: Question) -> str:
        """What follows the label of a typed prompt: the forms an answer may take."""
        return ""

    def prompt_default(self, q: Question, value: Any) -> str:
        """The text a typed prompt (or a screen line) starts with."""
        if q.display and value:
            return q.display(value)
        return "" if value is None else str(value)

    def read_line(self, q: Question, text: str) -> Any:
        """The answer a screen line's text gives (before it is checked)."""
        return text

    def type_in(self, q: Question, current: Any, scope: Answers, hint: str = "", **kw: Any) -> Any:
        """A typed answer, refused with the Chinese message until valid.  ``hint`` follows the
        label directly (questionary's ``instruction`` would put two spaces before a full-width "（")."""
        import questionary

        from .answers import clean_text
        from .ask import MULTILINE_INSTRUCTION, STYLE
        from .questions import check_value

        if kw.get("multiline"):
            kw.setdefault("instruction", MULTILINE_INSTRUCTION)
        answer = questionary.text(
            q.label + hint, default=self.prompt_default(q, current),
            validate=lambda typed: check_value(q, typed, scope)[1] or True, style=STYLE, **kw,
        ).unsafe_ask()
        return check_value(q, clean_text(answer), scope)[0]


class Text(Kind):
    key, name = "text", "文字"
    #: A line break in a document starts a new paragraph: a one-line answer may not hold one.
    one_line = True
    on_screen = True

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return value, f"应为文字，而不是{type_name(value)}"
        value = self.trim(str(value))
        if not value and not q.optional:
            return value, "不能为空"
        if self.one_line and "\n" in value:
            return value, "应为一行文字，不能换行（换行在文档中就是另起一段；要分段的内容请写在可多行的问题里）"
        return value, None

    def trim(self, value: str) -> str:
        return value.strip()


class Multiline(Text):
    key, name = "multiline", "多行文字"
    one_line = False
    on_screen = False

    def trim(self, value: str) -> str:
        return value.strip("\n")

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        """Show the current text; Enter keeps it, or open it for editing."""
        import questionary

        from .ask import say, select
        from .questions import check_value

        if current:
            say(f"{q.label}（当前内容）：", "bold")
            say(f"  {current}")
            keep = select(f"{q.label}：", choices=[
                questionary.Choice("✔ 就用这段", True), questionary.Choice("✎ 修改", False)]).unsafe_ask()
            if keep:
                return check_value(q, current, scope)[0]
        return self.type_in(q, current, scope, "（可多行；按 Esc 再按回车 完成）", multiline=True)


class _FromChoices(Kind):
    """Answered from ``q.choices`` (mixed in before the kind of the value)."""

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        value, error = super().coerce(q, value)
        return value, error or self.outside(q, value)

    def outside(self, q: Question, value: Any) -> str | None:
        """The error for a well-formed value that is not among the choices."""
        raise NotImplementedError

    def comment(self, q: Question) -> str:
        return f"（可选：{'、'.join(q.choices)}）" if q.choices else ""


class Choice(_FromChoices, Text):
    key, name = "choice", "单选"

    def outside(self, q: Question, value: Any) -> str | None:
        return f"应为以下之一：{'、'.join(q.choices)}" if value and value not in q.choices else None

    def options(self, q: Question) -> list[tuple[Any, str]] | None:
        return [(c, f"{c}——{q.hints[c]}" if c in q.hints else c) for c in q.choices]

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        import questionary

        from .ask import select

        choices = [questionary.Choice(label, value=c) for c, label in self.options(q) or ()]
        default = next((c for c in choices if c.value == current), None)
        return select(q.label, choices=choices, default=default).unsafe_ask()


class Confirm(Kind):
    key, name = "confirm", "是/否"
    on_screen = True

    def empty(self) -> Any:
        return False

    def is_empty(self, value: Any) -> bool:
        return False  # 否 is an answer

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str) and value.strip() in ("是", "否", "yes", "no", "y", "n"):
            return value.strip() in ("是", "yes", "y"), None
        return value, "应为 true 或 false（是/否）"

    def show(self, q: Question, value: Any) -> str:
        return "是" if value else "否"

    def options(self, q: Question) -> list[tuple[Any, str]] | None:
        return [(True, "是"), (False, "否")]

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        """是/否 as a choice list (questionary's confirm answers "Yes"/"No"); y and n still work."""
        import questionary

        from .ask import select

        choices = [questionary.Choice("是", True, shortcut_key="y"), questionary.Choice("否", False, shortcut_key="n")]
        return select(q.label, choices, default=choices[0 if current else 1], use_shortcuts=True,
                      instruction="（↑↓ 或 y/n 选择，回车确认）").unsafe_ask()


class Integer(Kind):
    key, name = "integer", "整数"
    on_screen = True

    def empty(self) -> Any:
        return 0

    def is_empty(self, value: Any) -> bool:
        return False  # 0 is an answer

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str) and (m := _COUNTED.fullmatch(value.strip()) or _INTEGER.fullmatch(value.strip())):
            value = int(m.group(1) if m.re is _COUNTED else m.group())
        if isinstance(value, bool) or not isinstance(value, int):
            return value, f"应为整数，而不是{type_name(value)}"
        if q.min is not None and value < q.min:
            return value, f"不能小于 {q.min}（现为 {value}）"
        if q.max is not None and value > q.max:
            return value, f"不能大于 {q.max}（现为 {value}）"
        return value, None

    def comment(self, q: Question) -> str:
        if q.min is None and q.max is None:
            return ""
        return f"（整数 {'' if q.min is None else q.min}～{'' if q.max is None else q.max}）"


class Date(Kind):
    key, name = "date", "日期"
    on_screen = True

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        from . import dates

        if isinstance(value, str) and not value.strip() and q.optional:
            return "", None
        if not isinstance(value, (str, _dt.date)):
            return value, f"应为日期文字（如“2023年8月20日”），而不是{type_name(value)}"
        try:
            parsed = dates.parse_date(value, allow_range=q.allow_range)
        except dates.DateError as exc:
            return value, str(exc)
        return dates.to_storage(parsed), None

    def show(self, q: Question, value: Any) -> str:
        from . import dates

        if not value:
            return super().show(q, value)
        try:
            return dates.format_cn(dates.parse_date(value))
        except dates.DateError:
            return str(value)

    def comment(self, q: Question) -> str:
        return "（日期，如 2023年8月20日）"

    def prompt_default(self, q: Question, value: Any) -> str:
        return self.show(q, value) if value else super().prompt_default(q, value)

    def hint(self, q: Question) -> str:
        ranges = "、2020年4月至9月" if q.allow_range else ""
        return f"（可写 2023年8月20日、2023-8-20、2023年8月、12月底{ranges}）"

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        return self.type_in(q, current, scope, self.hint(q))


class ListOf(Kind):
    """A list of one-line texts (``q.listof``)."""

    key, name = "list", "条目列表"

    def empty(self) -> Any:
        return []

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str):
            return value, f"应为列表（如 [\"第一项\", \"第二项\"]），而不是{type_name(value)}"
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return value, "应为由文字组成的列表"
        value = [v.strip() for v in value if v.strip()]
        if len(value) < q.min_items:
            return value, f"至少需要 {q.min_items} 项"
        return value, None

    def show(self, q: Question, value: Any) -> str:
        return "；".join(value) if value else "（无）"

    # a list of short names declared ``on_screen`` is a line of a screen, its items split by "；"
    def hint(self, q: Question) -> str:
        return "（多项用“；”分开）"

    def prompt_default(self, q: Question, value: Any) -> str:
        return "；".join(value or [])

    def read_line(self, q: Question, text: str) -> Any:
        return [item.strip() for item in re.split(r"[；;]", text) if item.strip()]

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        """A menu over the items; each is asked as a one-line text."""
        from .questions import Question

        item_q = Question("item", f"{q.label}（一条）", "text")
        items = list(current or [])
        if attach:
            attach(items)

        def edit(index: int) -> None:
            items[index] = qn.ask(item_q, items[index], scope)

        return qn.repeat(q, items, scope, show=lambda v: v, edit=edit,
                         new=lambda: items.append(qn.ask(item_q, "", scope)))


class Multichoice(_FromChoices, ListOf):
    key, name = "multichoice", "多选"

    def outside(self, q: Question, value: Any) -> str | None:
        bad = [] if q.other else [v for v in value if v not in q.choices]
        return f"“{bad[0]}”不在可选项中：{'、'.join(q.choices)}" if bad else None

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        """Tick boxes; with ``q.other``, further items written in (separated by 、)."""
        import questionary

        from .answers import clean_text
        from .ask import STYLE, say
        from .questions import check_value

        current = list(current or [])
        options = list(q.choices) + [c for c in current if c not in q.choices]
        choices = [questionary.Choice(c, checked=c in current) for c in options]
        if q.other:
            choices.append(questionary.Choice(OTHER))
        while True:
            picked = questionary.checkbox(q.label, choices=choices, style=STYLE, erase_when_done=True,
                                          instruction="（空格选择，回车确认）").unsafe_ask()
            # questionary's own answered line is English ("done (6 selections)"): said in Chinese
            say(f"? {q.label}： " + ("、".join(x for x in picked if x != OTHER) or "（未选）"), "bold")
            if OTHER in picked:
                picked.remove(OTHER)
                extra = clean_text(questionary.text("请填写其他项（多项用顿号“、”分隔）", style=STYLE).unsafe_ask())
                picked += [x.strip() for x in extra.replace("，", "、").split("、") if x.strip()]
            value, error = check_value(q, picked, scope)
            if not error:
                return value
            say(f"  {error}", "fg:ansired")


class Group(Kind):
    """A repeating group: items answering ``q.fields`` (groups nest)."""

    key, name = "group", "重复组"
    nested = True

    def empty(self) -> Any:
        return []

    def coerce(self, q: Question, value: Any) -> tuple[Any, str | None]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return value, "应为一组条目（TOML 中写作 [[键名]] 表格数组）"
        if len(value) < q.min_items:
            return value, f"至少需要 {q.min_items} 项"
        return value, None

    def show(self, q: Question, value: Any) -> str:
        names = [item_summary(q, item) for item in value]
        return f"共 {len(value)} 项：" + "；".join(names) if value else "（无）"

    def ask(self, qn: Questionnaire, q: Question, current: Any, scope: Answers, attach: Attach = None) -> Any:
        return qn.edit_group(q, current, scope, attach)


def summary_field(q: Question) -> Question | None:
    """The field that names an item of group ``q`` (its own line in a list or a pasted text):
    ``q.summary``, else its first text field."""
    return next((f for f in q.fields if f.key == q.summary), None) or next(
        (f for f in q.fields if f.kind == "text"), None)


def item_summary(q: Question, item: dict) -> str:
    """What names one group item in lists: its ``q.summary`` field (else its first)."""
    key = q.summary or (q.fields[0].key if q.fields else "")
    return str(item.get(key, "")) or "（未填）"


_TYPE_NAMES = ((bool, "是/否"), (int, "数字"), (float, "小数"), (str, "文字"), (list, "列表"), (dict, "表格"),
               (_dt.date, "日期"), (_dt.time, "时刻"))  # bool before int: True is an int too


def type_name(value: Any) -> str:
    """The Chinese name of a raw value's type, for "应为…，而不是…"."""
    return next((name for cls, name in _TYPE_NAMES if isinstance(value, cls)), type(value).__name__)


#: The table: every kind a question may have, by ``Question.kind``.
KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (Text(), Multiline(), Choice(), Multichoice(), Confirm(), Integer(), Date(), ListOf(), Group())
}


class _Names(Mapping[str, str]):
    """``{kind: Chinese name}``, read from :data:`KINDS` (so a kind added later is in it)."""

    def __getitem__(self, key: str) -> str:
        return KINDS[key].name

    def __iter__(self) -> Iterator[str]:
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


KIND_NAMES: Mapping[str, str] = _Names()
