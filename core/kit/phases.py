"""Phases of a campaign with date ranges (集中整改 2020年4月至9月 …), their questions,
their run-in headings and the check that they follow each other without overlap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import questions as q
from ..dates import DateError, DateRange, DateValue, format_cn, parse_date, sort_key_start
from ..model import Paragraph, Section
from ..questions import Answers, Question

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



