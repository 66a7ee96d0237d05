"""``gongwen ledger update``: the statuses, progress notes and completion dates typed in a ledger
workbook read into the answers file's ``[[ledger_status]]`` — each row matched to its item by its
识别码 or its problem text, the old file kept as a backup, the new one written atomically."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import keys
from .dates import DateError
from .fileio import atomic_write
from .kit.ledger import DONE, NOT_STARTED, STATUSES, Ledger, parse_status, plain
from .ledger_sheet import SheetRow, cell_date, cell_text, read_sheet
from .terminal import shorten

_ASPECT_NUMBER = re.compile(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）")


@dataclass
class Update:
    """What ``ledger update`` did: items changed, rows read, and every row it could not use."""

    rows: int = 0  # rows matched to an item
    changed: list[str] = field(default_factory=list)  # problems whose state changed
    unmatched: list[str] = field(default_factory=list)  # rows that name no item
    problems: list[str] = field(default_factory=list)  # rows read in part (a bad status or date)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # items with no row in the sheet
    backup: Path | None = None


def _row_label(row: SheetRow) -> str:
    problem = cell_text(row.cells.get("problem"))
    shown = shorten(problem, 24)
    return f"第 {row.number} 行" + (f"（“{shown}”）" if shown else "")


def _aspect_row(row: SheetRow, aspects: set[str]) -> bool:
    """A row naming an aspect (一、在……方面), as export writes it between the items."""
    return len(row.texts) == 1 and plain(_ASPECT_NUMBER.sub("", row.texts[0])) in aspects


def match_rows(items: Sequence[Mapping[str, Any]], rows: Sequence[SheetRow], result: Update) -> dict[str, SheetRow]:
    """Each item's row: by 识别码, else by its problem text when exactly one item has it.
    Rows that match nothing are recorded in ``result`` (never dropped silently)."""
    by_id = {item["id"]: item for item in items}
    by_problem: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        by_problem.setdefault(plain(item["problem"]), []).append(item)
    aspects = {plain(item["aspect"]) for item in items if item["aspect"]}
    found: dict[str, list[SheetRow]] = {}
    for row in rows:
        if not any(cell_text(row.cells.get(k)) for k in ("id", "problem", "status", "progress", "done_date")):
            continue  # nothing to match or to read: a row holding only a number or a merged heading
        item = by_id.get(cell_text(row.cells.get("id")))
        if item is None:
            same = by_problem.get(plain(cell_text(row.cells.get("problem"))), [])
            item = same[0] if len(same) == 1 else None
        if item is not None:
            found.setdefault(item["id"], []).append(row)
        elif not _aspect_row(row, aspects):
            result.unmatched.append(f"{_row_label(row)}：与答案文件中的问题对不上，未读入")
    out = {}
    for item_id, matched in found.items():
        if len(matched) > 1:
            numbers = "、".join(str(r.number) for r in matched)
            result.unmatched.append(f"第 {numbers} 行都是问题“{by_id[item_id]['problem']}”，无法确定以哪一行为准，"
                                    "均未读入（请删去重复的行）")
            continue
        out[item_id] = matched[0]
    return out


def row_state(row: SheetRow, old: Mapping[str, Any], result: Update) -> dict[str, str]:
    """status, progress and done_date of a row; a cell that cannot be read keeps the old value
    and is recorded in ``result``."""
    label = _row_label(row)
    state = {"status": old.get("status") or NOT_STARTED, "progress": old.get("progress", ""),
             "done_date": old.get("done_date", "")}
    if "status" in row.cells:
        status = parse_status(cell_text(row.cells["status"]))
        if status is None:
            result.problems.append(f"{label}：整改状态“{cell_text(row.cells['status'])}”无法识别"
                                   f"（应为{'、'.join(STATUSES)}），保留原状态“{state['status']}”")
        else:
            state["status"] = status
    if "progress" in row.cells:
        state["progress"] = cell_text(row.cells["progress"])
    if "done_date" in row.cells:
        try:
            state["done_date"] = cell_date(row.cells["done_date"])
        except DateError as exc:
            result.problems.append(f"{label}：完成日期“{cell_text(row.cells['done_date'])}”无法识别（{exc}），"
                                   "保留原日期")
    if state["status"] == DONE and not state["done_date"]:
        result.warnings.append(f"{label}：整改状态为“已完成”，但没有填写完成日期")
    elif state["status"] != DONE and state["done_date"]:
        result.warnings.append(f"{label}：填写了完成日期，但整改状态为“{state['status']}”")
    return state


def _entry(item: Mapping[str, Any], state: Mapping[str, str]) -> dict[str, str]:
    entry = {"id": item["id"], "problem": item["problem"], "status": state["status"]}
    entry.update({k: state[k] for k in ("progress", "done_date") if state[k]})
    return entry


BLANK = {"status": NOT_STARTED, "progress": "", "done_date": ""}


def _same(item: Mapping[str, Any], state: Mapping[str, str]) -> bool:
    return all((item.get(k) or "") == (state[k] or "") for k in ("status", "progress", "done_date"))


def update_answers(path: Path, ledger: Ledger, sheet: Path) -> Update:
    """Read the statuses typed in ``sheet`` into the answers file ``path`` (whose ledger, read
    with :func:`gongwen.kit.ledger.read_ledger`, is ``ledger``)."""
    from .answers import LEDGER_COMMENT, add_ledger_status, decode

    _, rows = read_sheet(sheet)
    result = Update()
    matched = match_rows(ledger.items, rows, result)
    result.rows = len(matched)
    states = {}
    for item in ledger.items:
        if item["id"] not in matched:
            result.missing.append(item["problem"])
            continue
        state = row_state(matched[item["id"]], item, result)
        states[item["id"]] = state
        if not _same(item, state):
            result.changed.append(item["problem"])
    if not result.changed:
        return result
    # every item whose state is not the blank one (未启动, no note, no date), then what the
    # file had that matches no item (kept, never dropped)
    current = [(item, states.get(item["id"], item)) for item in ledger.items]
    entries = [_entry(item, state) for item, state in current if not _same(BLANK, state)]
    entries += ledger.orphans
    import tomlkit

    data = path.read_bytes()
    doc = tomlkit.parse(decode(data, str(path)))
    if keys.LEDGER in doc:  # the statuses written last time go, with their comment
        del doc[keys.LEDGER]
        doc = tomlkit.parse(re.sub(rf"\n*# {re.escape(LEDGER_COMMENT)}\n*", "\n", tomlkit.dumps(doc)))
    add_ledger_status(doc, entries)
    result.backup = backup(path, data)
    atomic_write(path, tomlkit.dumps(doc).encode("utf-8"), force=True)
    return result


def backup(path: Path, data: bytes) -> Path:
    """Keep ``data`` (the file as it was) beside ``path`` as ``NAME.toml.YYYYMMDD-HHMMSS.bak``
    (not ``*.toml``, so that ``gongwen batch 答案/*.toml`` does not take it)."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    atomic_write(target, data)
    return target
