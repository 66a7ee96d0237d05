"""Today's date, read when it is needed (never at import).

``GONGWEN_TODAY=2023-08-01`` fixes it, so that a test or a demonstration renders the same
draft on any day.
"""

from __future__ import annotations

import datetime as _dt
import os


def today() -> _dt.date:
    """Today, or the date in ``GONGWEN_TODAY`` (ISO form) when that is set and valid."""
    fixed = os.environ.get("GONGWEN_TODAY", "")
    if fixed:
        try:
            return _dt.date.fromisoformat(fixed)
        except ValueError:
            pass
    return _dt.date.today()


def this_year(_answers: object = None) -> int:
    """A computed default: the current year."""
    return today().year


def days_from_today(days: int):
    """A computed default: the ISO date ``days`` from today (e.g. a meeting a month ahead)."""
    def default(_answers: object = None) -> str:
        return (today() + _dt.timedelta(days=days)).isoformat()

    default.__doc__ = f"今天起 {days} 天后"
    return default
