"""The four responsibility fields (责任领导, 牵头单位, 责任单位, 落实时限), problem sections
carrying them, and the rectification ledger (整改任务清单) built from the same items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import questions as q
from ..model import Block, Fields, Paragraph, Section, Table
from ..questions import Answers, Question
from .deadlines import deadline, format_deadline
from .lists import end_sentence, measures_text

# ---------------------------------------------------------------- responsibility fields

#: (answer key, label) of the responsibility fields, in the order documents print them.
RESPONSIBILITY = (("leader", "责任领导"), ("lead_unit", "牵头单位"), ("units", "责任单位"),
                  ("deadline", "落实时限"))


def responsibility_questions(leader: Any = "班子全体成员", lead_unit: Any = "办公室",
                             units: Any = "各部门", deadline_default: Any = "即知即改，长期坚持") -> list[Question]:
    """The four responsibility fields as group fields (defaults may be functions); a new item
    starts from the item above's (``copy_down``)."""
    return [
        q.text("leader", "责任领导", leader, copy_down=True),
        q.text("lead_unit", "牵头单位", lead_unit, copy_down=True),
        q.text("units", "责任单位", units, copy_down=True),
        deadline("deadline", "落实时限", deadline_default, copy_down=True),
    ]


def responsibility_values(item: Answers) -> list[str]:
    """The four values of an item as printed (deadline in official style)."""
    return [format_deadline(item.get(k, "")) if k == "deadline" else str(item.get(k, ""))
            for k, _ in RESPONSIBILITY]


def responsibility_fields(item: Answers) -> Fields:
    """责任领导：… / 牵头单位：… / 责任单位：… / 落实时限：… (empty values left out)."""
    pairs = zip((label for _, label in RESPONSIBILITY), responsibility_values(item), strict=True)
    return Fields([(label, value) for label, value in pairs if value])



# ---------------------------------------------------------------- problems and measures

MEASURES_LEAD = "整改措施："


def problem_section(item: Answers, counter: str = "problem", level: int | None = None,
                    problem_key: str = "problem", measures_key: str = "measures", fields: bool = True) -> Section:
    """One problem with its measures and responsibility fields::

        1.理论学习的系统性还不足。
        整改措施：一是……；二是……。
        责任领导：… 牵头单位：… 责任单位：… 落实时限：…

    Problems sharing ``counter`` are numbered continuously across their parents; ``fields=False``
    leaves the four fields to an appended ledger.
    """
    blocks: list[Block] = []
    measures = measures_text(item.get(measures_key, []))
    if measures:
        blocks.append(Paragraph(measures, lead=MEASURES_LEAD))
    lines = responsibility_fields(item)
    if fields and lines.items:
        blocks.append(lines)
    return Section(end_sentence(item[problem_key]), blocks, level=level, counter=counter)


LEDGER_COLUMNS = ("序号", "问题", "整改措施", "责任领导", "牵头单位", "责任单位", "落实时限")
#: Relative widths: the measures column takes the room; 序号 just wide enough for its two characters.
LEDGER_WIDTHS = (0.6, 2.0, 4.4, 1.0, 1.0, 1.0, 1.0)


def ledger_table(items: Sequence[Answers], title: str = "", problem_key: str = "problem",
                 measures_key: str = "measures") -> Table:
    """The rectification ledger (整改任务清单): one row per problem, numbered by position."""
    rows = [
        [str(n), item[problem_key].strip().rstrip("。"), measures_text(item.get(measures_key, [])),
         *responsibility_values(item)]
        for n, item in enumerate(items, 1)
    ]
    return Table(list(LEDGER_COLUMNS), rows, list(LEDGER_WIDTHS), title)



