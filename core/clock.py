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
    """A default: the current year (kept once accepted, unlike one derived from answers)."""
    return today().year


this_year.from_today = True  # type: ignore[attr-defined]


def last_year(_answers: object = None) -> int:
    """A default: the year before this one, the 年度 of a meeting reported on this year (the
    2025年度 民主生活会 is held in January 2026 and its progress reported through 2026)."""
    return today().year - 1


last_year.from_today = True  # type: ignore[attr-defined]


def issued_today(_answers: object = None) -> str:
    """A default 成文日期: today (kept once accepted)."""
    return today().isoformat()


issued_today.from_today = True  # type: ignore[attr-defined]


def days_from_today(days: int):
    """A computed default: the ISO date ``days`` from today (e.g. a meeting a month ahead)."""
    def default(_answers: object = None) -> str:
        return (today() + _dt.timedelta(days=days)).isoformat()

    default.__doc__ = f"今天起 {days} 天后"
    default.from_today = True  # type: ignore[attr-defined]
    return default


def today_in_year(year_key: str = "year"):
    """A default date: today, moved into the year the answer ``year_key`` names (a meeting of
    an earlier 年度 is not dated today).  Kept once accepted, like every date read from today."""
    def default(answers: dict) -> str:
        day, year = today(), answers.get(year_key)
        if not isinstance(year, int) or isinstance(year, bool) or year == day.year:
            return day.isoformat()
        try:
            return day.replace(year=year).isoformat()
        except ValueError:  # 29 February
            return day.replace(year=year, day=28).isoformat()

    default.__doc__ = "今天（年度不同时取该年度的同月同日）"
    default.from_today = True  # type: ignore[attr-defined]
    return default
