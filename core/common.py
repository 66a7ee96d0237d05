"""Building blocks that several document types share (rectification plans in particular).

- the four responsibility fields (责任领导, 牵头单位, 责任单位, 落实时限) as group fields,
  and their rendering as a :class:`~gongwen.model.Fields` block;
- a *deadline* answer (落实时限): a date, a month-level date, a phrase (即知即改、长期坚持)
  or both (2022年12月底取得实效); the date part is checked and stored normalised;
- titled items (principles, requirements) as questions and as run-in sections;
- problem/measure blocks, numbered continuously across parents by a shared counter;
- the ledger (整改任务清单) table built from the same problem items;
- phases with date ranges (集中整改 2020年4月至9月 …) and their order/overlap check.
- the closing 落款 and 成文日期: questions, and the Draft fields they fill.

Plugins use these so that every type words and checks them the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import questions as q
from .dates import DateError, DateRange, DateValue, format_cn, is_after, parse_date, sort_key_start, to_storage
from .errors import Problem
from .model import Block, Fields, Paragraph, Section, Table, enumerate_items
from .questions import Answers, Question

# ---------------------------------------------------------------- deadlines

#: Characters a written date may consist of: digits, units, parts, range words.
_DATE_CHARS = r"[0-9年月日号初底末上中下旬至到—~\-/.以后]"
_DATE_RUN = re.compile(rf"[0-9]{_DATE_CHARS}*")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９－．／～", "0123456789-./~")
_PLACEHOLDER = re.compile(r"[XＸ×]|某某")
DEADLINE_HINT = "可写日期（2022年12月底）、日期加说明（2022年底前、2022年12月底取得实效）或“即知即改，长期坚持”"


@dataclass(frozen=True)
class Deadline:
    """A deadline answer split into ``head`` (phrase before the date), the date, ``tail``."""

    head: str
    date: DateValue | None
    tail: str

    def storage(self) -> str:
        """``2022-12-底取得实效``: the date part in the core's stored form."""
        return self.head + (to_storage(self.date) if self.date else "") + self.tail

    def official(self) -> str:
        """``2022年12月底取得实效``: the date part in official Chinese style."""
        return self.head + (format_cn(self.date) if self.date else "") + self.tail


def parse_deadline(value: Any) -> Deadline:
    """Read a deadline; raises :class:`DateError` with a Chinese message.

    A phrase without digits is taken as written; text with digits must hold exactly one
    date (or date range) that :func:`gongwen.dates.parse_date` accepts.
    """
    if not isinstance(value, str):
        raise DateError(f"落实时限应为文字。{DEADLINE_HINT}")
    text = value.translate(_HALF_WIDTH).strip()
    if not text:
        raise DateError(f"落实时限不能为空。{DEADLINE_HINT}")
    if _PLACEHOLDER.search(text):
        raise DateError(f"落实时限“{text}”中还有占位符，请填写实际时限。{DEADLINE_HINT}")
    runs = list(_DATE_RUN.finditer(text))
    if not runs:
        return Deadline(text, None, "")
    if len(runs) > 1:
        raise DateError(f"落实时限“{text}”中只能有一个日期（或日期范围）。{DEADLINE_HINT}")
    run = runs[0]
    try:
        date = parse_date(run.group())
    except DateError as exc:
        raise DateError(f"落实时限“{text}”有误：{exc}") from None
    return Deadline(text[: run.start()], date, text[run.end():])


def check_deadline(value: Any, answers: Answers | None = None) -> str | None:
    """Question validator: the Chinese message, or None."""
    try:
        parse_deadline(value)
    except DateError as exc:
        return str(exc)
    return None


def normalize_deadline(value: str) -> str:
    return parse_deadline(value).storage()


def format_deadline(value: str) -> str:
    """A stored deadline in official style (text that does not parse is shown as is)."""
    try:
        return parse_deadline(value).official()
    except DateError:
        return value


def deadline(key: str, label: str, default: Any = "即知即改，长期坚持", **kw: Any) -> Question:
    """A 落实时限 question: a date, a month-level date, a phrase, or a phrase with a date."""
    return q.text(key, label, default, validate=check_deadline, normalize=normalize_deadline,
                  help=DEADLINE_HINT, **kw)


# ---------------------------------------------------------------- responsibility fields

#: (answer key, label) of the responsibility fields, in the order documents print them.
RESPONSIBILITY = (("leader", "责任领导"), ("lead_unit", "牵头单位"), ("units", "责任单位"),
                  ("deadline", "落实时限"))


def responsibility_questions(leader: Any = "班子全体成员", lead_unit: Any = "办公室",
                             units: Any = "各部门", deadline_default: Any = "即知即改，长期坚持") -> list[Question]:
    """The four responsibility fields as group fields (defaults may be functions)."""
    return [
        q.text("leader", "责任领导", leader),
        q.text("lead_unit", "牵头单位", lead_unit),
        q.text("units", "责任单位", units),
        deadline("deadline", "落实时限", deadline_default),
    ]


def responsibility_values(item: Answers) -> list[str]:
    """The four values of an item as printed (deadline in official style)."""
    return [format_deadline(item.get(k, "")) if k == "deadline" else str(item.get(k, ""))
            for k, _ in RESPONSIBILITY]


def responsibility_fields(item: Answers) -> Fields:
    """责任领导：… / 牵头单位：… / 责任单位：… / 落实时限：… (empty values left out)."""
    pairs = zip((label for _, label in RESPONSIBILITY), responsibility_values(item), strict=True)
    return Fields([(label, value) for label, value in pairs if value])


# ---------------------------------------------------------------- titled items

TITLED_FIELDS = (q.text("title", "标题"), q.multiline("text", "内容"))


def titled_group(key: str, label: str, default: Any, item: str = "条", **kw: Any) -> Question:
    """A repeating group of titled paragraphs (principles, requirements, safeguards)."""
    return q.group(key, label, TITLED_FIELDS, default, summary="title", item=item, **kw)


def end_sentence(text: str) -> str:
    """The text with one full stop at the end (headings that run into their paragraph)."""
    text = text.strip().rstrip("。.；;，,")
    return text + "。" if text else text


def titled_sections(items: Sequence[Answers], level: int | None = None) -> list[Section]:
    """Run-in headings: "（一）始终坚持政治引领。坚持把…"."""
    return [Section(end_sentence(i["title"]), [Paragraph(i.get("text", ""))] if i.get("text") else [],
                    level=level, run_in=True)
            for i in items]


# ---------------------------------------------------------------- problems and measures

MEASURES_LEAD = "整改措施："


def measures_text(measures: Sequence[str] | str) -> str:
    """Measures as one paragraph: a single one as written, several as "一是…；二是…。"."""
    if isinstance(measures, str):
        return measures.strip()
    items = [m for m in measures if m.strip()]
    if len(items) == 1:
        return end_sentence(items[0])
    return enumerate_items(items, "yishi")


def problem_section(item: Answers, counter: str = "problem", level: int | None = None,
                    problem_key: str = "problem", measures_key: str = "measures") -> Section:
    """One problem with its measures and responsibility fields::

        1.理论学习的系统性还不足。
        整改措施：一是……；二是……。
        责任领导：… 牵头单位：… 责任单位：… 落实时限：…

    Problems sharing ``counter`` are numbered continuously across their parents.
    """
    blocks: list[Block] = []
    measures = measures_text(item.get(measures_key, []))
    if measures:
        blocks.append(Paragraph(measures, lead=MEASURES_LEAD))
    fields = responsibility_fields(item)
    if fields.items:
        blocks.append(fields)
    return Section(end_sentence(item[problem_key]), blocks, level=level, counter=counter)


LEDGER_COLUMNS = ("序号", "问题", "整改措施", "责任领导", "牵头单位", "责任单位", "落实时限")
#: Relative widths: the measures column takes the room; 序号 just wide enough for its two characters.
LEDGER_WIDTHS = (1.0, 1.9, 3.5, 1.1, 1.3, 1.3, 1.2)


def ledger_table(items: Sequence[Answers], title: str = "", problem_key: str = "problem",
                 measures_key: str = "measures") -> Table:
    """The rectification ledger (整改任务清单): one row per problem, numbered by position."""
    rows = [
        [str(n), item[problem_key].strip().rstrip("。"), measures_text(item.get(measures_key, [])),
         *responsibility_values(item)]
        for n, item in enumerate(items, 1)
    ]
    return Table(list(LEDGER_COLUMNS), rows, list(LEDGER_WIDTHS), title)


# ---------------------------------------------------------------- phases


def phase_questions(default: Any, key: str = "phases", label: str = "时间步骤（各阶段）", **kw: Any) -> Question:
    """Phases, each with a name, a date range (an open end is written "2020年12月以后") and its work."""
    return q.group(key, label, (
        q.text("name", "阶段名称（如“集中整改”）"),
        q.date("period", "起止时间（如“2020年4月至9月”“2020年12月以后”）", allow_range=True),
        q.multiline("text", "主要工作"),
    ), default, summary="name", item="个阶段", min_items=1, validate=check_phases, **kw)


def phase_name(name: str) -> str:
    """集中整改 → 集中整改阶段 (a name already ending in 阶段 stays)."""
    name = name.strip()
    return name if name.endswith("阶段") else name + "阶段"


def phase_sections(items: Sequence[Answers], level: int | None = None) -> list[Section]:
    """Run-in headings: "（一）集中整改阶段（2020年4月至9月）。针对…"."""
    out = []
    for p in items:
        period = format_cn(p["period"])
        text = p.get("text", "")
        out.append(Section(f"{phase_name(p['name'])}（{period}）。", [Paragraph(text)] if text else [],
                           level=level, run_in=True))
    return out


def phase_order_errors(items: Sequence[Answers]) -> list[str]:
    """Every order/overlap problem of the phases, in Chinese, naming phases and dates.

    A phase may begin in the unit its predecessor ends in ("4月至9月" then "9月至12月");
    it may not begin earlier, nor follow a phase that has no end ("12月以后").  Periods
    that do not parse are left to the field check.
    """
    parsed: list[tuple[str, DateValue]] = []
    for p in items:
        try:
            parsed.append((phase_name(str(p.get("name", ""))), parse_date(p.get("period", ""))))
        except DateError:
            continue
    starts = [v.start if isinstance(v, DateRange) else v for _, v in parsed]
    year = next((d.year for d in starts if d.year is not None), None)
    errors = []
    for (prev_name, prev), (name, cur) in zip(parsed, parsed[1:], strict=False):
        shown_prev, shown = f"“{prev_name}”（{format_cn(prev)}）", f"“{name}”（{format_cn(cur)}）"
        start, prev_start = sort_key_start(cur, year), sort_key_start(prev, year)
        if start < prev_start:
            errors.append(f"阶段顺序有误：{shown}开始早于前一阶段{shown_prev}，请按时间先后排列")
            continue
        end = prev.end if isinstance(prev, DateRange) else prev
        if end is None:
            errors.append(f"{shown_prev}没有结束时间，其后不能再安排{shown}")
        elif start < sort_key_start(end, year):
            errors.append(f"阶段时间重叠：{shown}开始时，前一阶段{shown_prev}尚未结束"
                          f"（至{format_cn(end)}）")
    return errors


def check_phases(items: Any, answers: Answers | None = None) -> str | None:
    """Group validator for :func:`phase_questions`: the first problem, or None."""
    if not isinstance(items, list):
        return None
    errors = phase_order_errors([i for i in items if isinstance(i, dict)])
    return "；".join(errors) if errors else None


def dates_in_order(pairs: Sequence[tuple[str, str, str]], answers: Answers) -> list[Problem]:
    """Dated answers that must come in order: ``(earlier_key, later_key, what)`` triples.

    A problem (at the later key) names both dates.
    """
    problems = []
    for early_key, late_key, what in pairs:
        early, late = answers.get(early_key), answers.get(late_key)
        if not early or not late:
            continue
        try:
            a, b = parse_date(early), parse_date(late)
        except DateError:
            continue
        if sort_key_start(b) < sort_key_start(a):
            problems.append(Problem(late_key, f"{what}：“{format_cn(b)}”早于“{format_cn(a)}”"))
    return problems


def not_before(earlier_key: str, message: str):
    """Question validator: the date may not lie wholly before the answer ``earlier_key``
    (a 整改完成日期 before the meeting).  ``message`` has ``{date}`` and ``{earlier}`` fields."""
    def check(value: Any, answers: Answers) -> str | None:
        earlier = answers.get(earlier_key)
        if not value or not earlier:
            return None
        try:
            too_early = is_after(parse_date(earlier), parse_date(value))
        except DateError:
            return None  # an unreadable date is reported by its own question
        return message.format(date=format_cn(value), earlier=format_cn(earlier)) if too_early else None
    return check


# ---------------------------------------------------------------- 落款 and 成文日期


def org_signature(answers: Answers) -> str:
    """The usual 落款 default: "中共" + unit + organisation kind (中共某县教育局党委)."""
    return f"中共{answers['unit']}{answers['org_kind']}"


def closing_questions(signature: Any = "", issue_date: Any = "") -> list[Question]:
    """The 落款 and 成文日期 questions (answers ``signature``, ``issue_date``), both optional;
    defaults may be functions of earlier answers."""
    return [q.text("signature", "落款（发文机关署名，可留空）", signature, optional=True),
            q.date("issue_date", "成文日期（可留空）", issue_date, optional=True)]


def closing(answers: Answers) -> dict[str, str]:
    """``Draft(…, **closing(a))``: the 落款 and the 成文日期 in official style ("" when not given)."""
    issued = answers.get("issue_date")
    return {"signature": answers.get("signature", ""), "date": format_cn(issued) if issued else ""}
