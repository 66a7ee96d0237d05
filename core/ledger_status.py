"""``gongwen ledger status``: where the rectification work stands — the items counted by status,
aspect and lead unit, and the overdue ones listed (rich tables for the terminal)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .dates import DateError, format_cn, sort_key_end
from .kit.deadlines import format_deadline, parse_deadline
from .kit.ledger import DONE, IN_PROGRESS, NOT_STARTED, ONGOING, STATUSES, Ledger, completion_rate, status_counts
from .terminal import shorten


def deadline_end(deadline: str) -> _dt.date | None:
    """The last day of a deadline's date (None for a phrase such as 长期坚持, or an open end)."""
    try:
        d = parse_deadline(deadline).date
    except DateError:
        return None
    if d is None:
        return None
    y, m, day = sort_key_end(d)
    return None if y >= 9999 else _dt.date(y, m, day)


def overdue(items: Iterable[Mapping[str, Any]], on: _dt.date) -> list[tuple[Mapping[str, Any], int]]:
    """Items not done (未启动, 推进中) whose deadline passed before ``on``, with the days since."""
    out = []
    for item in items:
        if item.get("status") not in (NOT_STARTED, IN_PROGRESS):
            continue
        end = deadline_end(item.get("deadline", ""))
        if end is not None and end < on:
            out.append((item, (on - end).days))
    return out


_UNIT_SPLIT = re.compile(r"[、，,；;／/]+")


def lead_units(item: Mapping[str, Any]) -> list[str]:
    """The lead units of an item (区科技局、区工信局 are two)."""
    return [u.strip() for u in _UNIT_SPLIT.split(item.get("lead_unit", "")) if u.strip()] or ["（未填写）"]


def tally(items: Iterable[Mapping[str, Any]], keys_of: Callable[[Mapping[str, Any]], list[str]]
          ) -> dict[str, dict[str, int]]:
    """Status counts per key (an aspect, a lead unit), keys in the order they first appear."""
    out: dict[str, dict[str, int]] = {}
    for item in items:
        for key in keys_of(item):
            out.setdefault(key, dict.fromkeys(STATUSES, 0))[item.get("status") or NOT_STARTED] += 1
    return out




def status_report(ledger: Ledger, on: _dt.date) -> list[Any]:
    """The rich renderables of ``gongwen ledger status``: counts by status, aspect and lead
    unit, and the overdue items."""
    from rich.table import Table
    from rich.text import Text

    items = ledger.items
    counts = status_counts(items)
    plan = str(ledger.answers.get("title") or "").strip()
    out: list[Any] = [Text(f"{'《' + plan + '》' if plan else ''}整改台账（截至{format_cn(on)}）：共 {len(items)} 项，"
                           f"已完成 {counts[DONE]} 项，完成率 {completion_rate(items)}", style="bold")]

    by_status = Table(title="按整改状态", title_justify="left")
    by_status.add_column("整改状态")
    by_status.add_column("项数", justify="right")
    by_status.add_column("占比", justify="right")
    for status in STATUSES:
        share = f"{round(100 * counts[status] / len(items), 1):g}%" if items else "0%"
        by_status.add_row(status, str(counts[status]), share)
    by_status.add_row("合计", str(len(items)), "100%" if items else "0%", style="bold")
    out.append(by_status)

    for title, head, keyed in (("按方面", "方面", lambda i: [i["aspect"] or "（未分方面）"]),
                               ("按牵头单位（一项有几个牵头单位时各计一次）", "牵头单位", lead_units)):
        table = Table(title=title, title_justify="left")
        table.add_column(head, overflow="fold")
        for column in ("合计", *STATUSES):
            table.add_column(column, justify="right")
        rows = tally(items, keyed)
        for key, by in rows.items():
            table.add_row(shorten(key, 28), str(sum(by.values())), *(str(by[s]) for s in STATUSES))
        out.append(table)

    late = overdue(items, on)
    if not late:
        out.append(Text(f"超期未完成：无（{ONGOING}的事项不计超期）"))
        return out
    numbers = {item["id"]: n for n, item in enumerate(items, 1)}
    table = Table(title=f"超期未完成：{len(late)} 项", title_justify="left", title_style="bold red")
    for column, justify in (("序号", "right"), ("问题", "left"), ("牵头单位", "left"), ("落实时限", "left"),
                            ("整改状态", "left"), ("超期天数", "right")):
        table.add_column(column, justify=justify, overflow="fold")
    for item, days in late:
        table.add_row(str(numbers[item["id"]]), shorten(item["problem"], 30), item["lead_unit"],
                      format_deadline(item["deadline"]), item["status"], str(days))
    out.append(table)
    return out
