"""A report's answers made from the plan it reports on (``gongwen new rectification-report --from 方案.toml``)."""

from __future__ import annotations

import contextlib
from typing import Any

from gongwen.api import ORG_KINDS, STATUSES, DateError, DocumentType, parse_date, read_ledger

from . import wording as w

REPORT = "rectification-report"
DONE = STATUSES[2]
#: What an item carries into the report (the ledger's id stays behind: the report keeps no ledger).
ITEM_KEYS = ("aspect", "problem", "measures", "leader", "lead_unit", "units", "deadline", "status", "progress")


def from_items(source_type: DocumentType, source_answers: dict[str, Any]) -> dict[str, Any]:
    """Answers of a ``rectification-report`` from the answers file of a type with rectification
    items: unit, organisation, meeting and plan title, and every item with the status, progress
    note and completion date its ledger holds (``[[ledger_status]]``).  Pure: reads nothing else.

    Raises the usual error when the source answers are invalid or its type has no items.
    """
    ledger = read_ledger(source_type, source_answers)
    a = ledger.answers
    out: dict[str, Any] = {"type": REPORT}
    if isinstance(a.get("year"), int):
        out["year"] = a["year"]
    elif a.get("meeting_date"):  # a plan without 年度 (the patrol plan): the meeting's year
        with contextlib.suppress(DateError):
            met = parse_date(a["meeting_date"])
            year = getattr(met, "start", met).year  # a range's first day
            if year:
                out["year"] = year
    for key in ("unit", "superior"):
        if isinstance(a.get(key), str) and a[key].strip():
            out[key] = a[key].strip()
    if a.get("org_kind") in ORG_KINDS:
        out["org_kind"] = a["org_kind"]
    meeting = w.MEETINGS.get(source_type.id) or a.get("meeting_name") or ""
    out["meeting_name"] = meeting
    if meeting and a.get("meeting_date"):
        out["meeting_date"] = a["meeting_date"]
    if isinstance(a.get("title"), str) and a["title"].strip():
        out["plan_title"] = a["title"].strip()
    items = []
    for item in ledger.items:
        made = {k: item[k] for k in ITEM_KEYS if item.get(k) not in (None, "")}
        if item["status"] == DONE and item.get("done_date"):
            made["done_date"] = item["done_date"]
        items.append(made)
    out["items"] = items
    return out
