"""The rectification cycle after a plan: its items (整改事项) as uniform dicts, their status
as the office tracks it (整改台账), and the figures a progress report states.

A type with rectification items declares ``DocumentType.items(answers)``, returning
:func:`ledger_item` dicts in reading order.  Each item has a stable ``id`` derived from its
aspect and problem text, so that a ledger row is found again after a clerk has sorted or
filtered the sheet.  The statuses live in the answers file under the reserved key
``ledger_status`` (written by ``gongwen ledger update``); :func:`read_ledger` joins them to
the items.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates import DateError, normalize
from ..questions import Answers

#: The statuses of an item, in the order reports count them.
STATUSES = ("未启动", "推进中", "已完成", "长期坚持")
NOT_STARTED, IN_PROGRESS, DONE, ONGOING = STATUSES

#: What clerks type in a status cell, read as one of :data:`STATUSES`.
_STATUS_WORDS = {
    NOT_STARTED: ("未启动", "未开始", "尚未启动", "未开展", "未整改"),
    IN_PROGRESS: ("推进中", "进行中", "正在推进", "整改中", "正在整改", "推进", "持续推进中", "部分完成"),
    DONE: ("已完成", "完成", "已整改", "已整改完成", "整改完成", "已办结", "办结", "已销号", "销号"),
    ONGOING: ("长期坚持", "长期", "持续推进", "长期推进", "常态化推进", "长期整改"),
}
_STATUS_OF = {word: status for status, words in _STATUS_WORDS.items() for word in words}
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = "。．.；;，,：:、 "


def plain(text: Any) -> str:
    """Text compared as a clerk reads it: no spaces, no punctuation at either end."""
    return _SPACE.sub("", str(text or "")).strip(_EDGE_PUNCT)


def item_id(aspect: str, problem: str) -> str:
    """A stable id from the aspect and the problem (spaces and end punctuation ignored)."""
    digest = hashlib.sha1(f"{plain(aspect)}\x1f{plain(problem)}".encode()).hexdigest()
    return digest[:10]


def ledger_item(aspect: str, problem: str, measures: Sequence[str] | str = (), leader: str = "",
                lead_unit: str = "", units: str = "", deadline: str = "") -> dict[str, Any]:
    """One rectification item as every command of the cycle reads it.

    ``aspect`` may be empty (a plan that lists its problems without aspects); ``measures``
    is a list (or one text); ``deadline`` a stored deadline answer (``2022-12-底``,
    ``即知即改，长期坚持``).
    """
    if isinstance(measures, str):
        measures = [measures] if measures.strip() else []
    return {"id": item_id(aspect, problem), "aspect": str(aspect).strip(), "problem": str(problem).strip(),
            "measures": [m.strip() for m in measures if m and m.strip()], "leader": leader.strip(),
            "lead_unit": lead_unit.strip(), "units": units.strip(), "deadline": deadline.strip()}


def unique_ids(items: list[dict]) -> list[dict]:
    """Items whose ids are unique: a repeated problem in one aspect gets ``-2``, ``-3``…"""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        n = seen[item["id"]] = seen.get(item["id"], 0) + 1
        out.append({**item, "id": item["id"] if n == 1 else f"{item['id']}-{n}"})
    return out


def parse_status(text: Any) -> str | None:
    """A status as typed (已完成, 完成, 进行中, 长期…) as one of :data:`STATUSES`; None when
    it is none of them.  An empty cell is :data:`NOT_STARTED`."""
    word = plain(text)
    if not word:
        return NOT_STARTED
    return _STATUS_OF.get(word)


def status_counts(items: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """How many items have each status (every status present, in :data:`STATUSES` order)."""
    counts = dict.fromkeys(STATUSES, 0)
    for item in items:
        counts[item.get("status") or NOT_STARTED] += 1
    return counts


def completion_rate(items: Sequence[Mapping[str, Any]]) -> str:
    """The share of items 已完成, as reports write it: ``50%``, ``57.1%`` (``0%`` for none)."""
    if not items:
        return "0%"
    share = round(100 * status_counts(items)[DONE] / len(items), 1)
    return f"{share:g}%"


def by_aspect(items: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """Items grouped by aspect, the aspects in the order they first appear."""
    out: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        out.setdefault(item.get("aspect", ""), []).append(item)
    return list(out.items())


# ---------------------------------------------------------------- an answers file's ledger


@dataclass
class Ledger:
    """The ledger of one answers file: the resolved answers, every item with its ``status``,
    ``progress`` and ``done_date``, the status entries that match no item any more
    (``orphans``: the problem was reworded or removed) and notes on entries that could not
    be read."""

    answers: Answers
    items: list[dict]
    orphans: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_ledger(doctype: Any, raw: Answers) -> Ledger:
    """The items of answers ``raw`` (as an answers file holds them) with their statuses.

    Raises the usual error listing every problem when the answers are invalid, and a Chinese
    error when the type has no rectification items.
    """
    from .. import keys
    from ..errors import AnswersInvalid, GongwenError
    from ..pipeline import plugin_call, prepare

    if doctype.items is None:
        raise GongwenError(f"文种“{doctype.name}”（{doctype.id}）没有整改问题清单，无法建立整改台账。")
    prep = prepare(doctype, raw)
    if prep.problems:
        raise AnswersInvalid(prep.problems)
    items = unique_ids(list(plugin_call(doctype, "列出整改问题（items）", doctype.items, prep.answers)))
    entries = raw.get(keys.LEDGER) or []
    notes: list[str] = []
    if not isinstance(entries, list):
        notes.append(f"{keys.LEDGER} 应为表格数组（[[{keys.LEDGER}]]），已忽略")
        entries = []
    by_id = {item["id"]: item for item in items}
    matched: dict[str, dict] = {}
    orphans = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, Mapping):
            notes.append(f"{keys.LEDGER}[{n}] 不是表格，已忽略")
            continue
        item = by_id.get(str(entry.get("id", "")))
        if item is None:  # the aspect was renamed: the same problem text still finds it
            same = [i for i in items if plain(i["problem"]) == plain(entry.get("problem", ""))]
            item = same[0] if len(same) == 1 else None
        if item is None or item["id"] in matched:
            orphans.append(dict(entry))
            continue
        matched[item["id"]] = entry
    out = []
    for item in items:
        entry = matched.get(item["id"], {})
        out.append({**item, **_state(entry, notes, item)})
    return Ledger(prep.answers, out, orphans, notes)


def _state(entry: Mapping[str, Any], notes: list[str], item: Mapping[str, Any]) -> dict[str, str]:
    """status, progress, done_date of one status entry (unreadable values noted, never guessed)."""
    status = parse_status(entry.get("status", ""))
    if status is None:
        notes.append(f"问题“{item['problem']}”的整改状态“{entry.get('status')}”无法识别，按“{NOT_STARTED}”统计")
        status = NOT_STARTED
    done = entry.get("done_date") or ""
    if done:
        try:
            done = normalize(done, allow_range=False)
        except DateError as exc:
            notes.append(f"问题“{item['problem']}”的完成日期“{done}”有误：{exc}")
    return {"status": status, "progress": str(entry.get("progress") or "").strip(), "done_date": str(done)}
