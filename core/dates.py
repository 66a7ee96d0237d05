"""Dates as office clerks type them: parsing, a normal stored form, Chinese official style.

Clerks write ``2023年8月20日``, ``2023-8-20``, ``2023年8月``, ``2022年12月底``,
``8月中旬``, ``2020年4月至9月`` or ``2020年12月以后`` (full-width digits and punctuation
welcome).  :func:`parse_date` turns any of these into a :class:`Date` or a
:class:`DateRange`; :func:`to_storage` writes the ISO-8601-like form the answers file
keeps (``2023-08-20``, ``2022-12-底``, ``--08-中旬``, ``2020-04/2020-09``, ``2020-12/``)
and :func:`format_cn` the form printed in the document (``2023年8月20日``,
``2020年4月至9月``, ``2023年8月1日至15日``, ``2020年12月以后``).

Vague parts of a month or a year cover these days (used by :meth:`Date.first_day`,
:meth:`Date.last_day`, the sort keys and :func:`is_after`): ``初``/``上旬`` 1–10,
``中旬`` 11–20, ``下旬``/``底`` 21 to the month's end; ``年初`` January, ``年底`` December.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, replace

__all__ = [
    "DateError",
    "Date",
    "DateRange",
    "DateValue",
    "MONTH_PARTS",
    "YEAR_PARTS",
    "parse_date",
    "to_storage",
    "format_cn",
    "normalize",
    "sort_key_start",
    "sort_key_end",
    "is_after",
]

MONTH_PARTS = ("初", "上旬", "中旬", "下旬", "底")
"""Parts a month-level date may carry ("末" is stored as "底")."""

YEAR_PARTS = ("初", "底")
"""Parts a year-level date may carry (年初, 年底; "年末" is stored as "底")."""

MIN_YEAR = 1000
MAX_YEAR = 9999
OPEN_END = (9999, 12, 31)

_HINT = "可写作 2023年8月20日、2023-8-20、2023年8月、2022年12月底 或 2020年4月至9月"

# Year used for month lengths when the year is unknown: a leap year, so 2月29日 is allowed.
_LEAP_YEAR = 2000


class DateError(ValueError):
    """A date that cannot be read or does not exist; ``str(e)`` is a Chinese message, and
    ``reason`` what is wrong without naming the date ("2023年2月只有 28 天，没有 30 日"), for a
    message that names it in its own words."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = message if reason is None else reason


# ---------------------------------------------------------------- values


def months_later(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after ``month`` of ``year`` (2026年11月 + 3 → 2027年2月)."""
    n = year * 12 + month - 1 + months
    return n // 12, n % 12 + 1


def days_in_month(year: int | None, month: int) -> int:
    """How many days ``month`` has (in a leap year when the year is unknown)."""
    year = year if year is not None else _LEAP_YEAR
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.date(year, month, 1)).days


@dataclass(frozen=True)
class Date:
    """A day, a month, a part of a month, a year or a part of a year; the year may be unknown."""

    year: int | None
    month: int | None
    day: int | None = None
    part: str | None = None

    def __post_init__(self) -> None:
        if self.part == "末":
            object.__setattr__(self, "part", "底")
        for name in ("year", "month", "day"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                raise DateError(f"日期的{_FIELD_CN[name]}应为整数，而不是“{v}”")
        y, m, d, p = self.year, self.month, self.day, self.part
        if y is not None and not MIN_YEAR <= y <= MAX_YEAR:
            raise DateError(f"年份应为四位数（{MIN_YEAR}—{MAX_YEAR}），而不是 {y}")
        if m is None:
            if y is None:
                raise DateError("日期至少要写出年份或月份")
            if d is not None:
                raise DateError("写了日就要写月份")
            if p is not None and p not in YEAR_PARTS:
                raise DateError(f"年份后面只能跟“初”或“底”，而不是“{p}”")
            return
        if not 1 <= m <= 12:
            raise DateError(f"月份应在 1 至 12 之间，而不是 {m}")
        if p is not None and p not in MONTH_PARTS:
            raise DateError(f"月份后面只能跟“初”“上旬”“中旬”“下旬”或“底”，而不是“{p}”")
        if d is not None:
            if p is not None:
                raise DateError(f"具体到日的日期不能再写“{p}”")
            n = days_in_month(y, m)
            if not 1 <= d <= n:
                where = f"{y}年{m}月只有 {n} 天" if y is not None else f"{m}月最多只有 {n} 天"
                raise DateError(f"{where}，没有 {d} 日" if d > 0 else f"没有 {d} 日")

    def _y(self, default_year: int | None) -> int:
        if self.year is not None:
            return self.year
        return default_year if default_year is not None else 1

    def first_day(self, default_year: int | None = None) -> tuple[int, int, int]:
        """The earliest day this date can mean, as ``(year, month, day)``.

        An unknown year is taken from ``default_year``, else 1.
        """
        y = self._y(default_year)
        if self.month is None:
            return (y, 12, 1) if self.part == "底" else (y, 1, 1)
        if self.day is not None:
            return (y, self.month, self.day)
        start = {"中旬": 11, "下旬": 21, "底": 21}.get(self.part or "", 1)
        return (y, self.month, start)

    def last_day(self, default_year: int | None = None) -> tuple[int, int, int]:
        """The latest day this date can mean (calendar-correct month ends, leap years).

        An unknown year is taken from ``default_year``, else 1 (month lengths then assume a
        leap year, so the last day of 2月 is 29).
        """
        y = self._y(default_year)
        if self.month is None:
            return (y, 1, 31) if self.part == "初" else (y, 12, 31)
        if self.day is not None:
            return (y, self.month, self.day)
        if self.part in ("初", "上旬"):
            return (y, self.month, 10)
        if self.part == "中旬":
            return (y, self.month, 20)
        known = self.year if self.year is not None else default_year
        return (y, self.month, days_in_month(known, self.month))


_FIELD_CN = {"year": "年份", "month": "月份", "day": "日"}


@dataclass(frozen=True)
class DateRange:
    """From ``start`` to ``end`` (both included); ``end`` is None for an open range (以后).

    An end without a year takes the start's year.  The end may not lie before the start.
    """

    start: Date
    end: Date | None
    open_end: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.start, Date):
            raise DateError("日期范围的开始应为一个日期")
        if self.open_end:
            if self.end is not None:
                raise DateError("“以后”的日期范围不能再写结束日期")
            return
        if not isinstance(self.end, Date):
            raise DateError("日期范围缺少结束日期")
        if self.end.year is None and self.start.year is not None:
            object.__setattr__(self, "end", replace(self.end, year=self.start.year))
        end = self.end
        assert end is not None
        if self.start.year is None and end.year is not None:
            raise DateError("日期范围的开始缺少年份")
        if end.last_day() < self.start.first_day():
            raise DateError(
                f"结束日期“{format_cn(end)}”早于开始日期“{format_cn(self.start)}”"
            )


DateValue = Date | DateRange


# ---------------------------------------------------------------- parsing


class _Pattern:
    """A regular expression compiled on first use: importing this module compiled nine of
    them (about 4 ms), and most processes meet only the stored forms (``2023-08-20``)."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, source: str) -> None:
        self._source = source
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):  # match, sub, finditer, …
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return getattr(self._compiled, name)


_PART_RE = r"年?[初底末]|上旬|中旬|下旬|月[初底末]"

_CN_RE = _Pattern(
    r"^(?:(?P<y>\d{4})年)?"
    r"(?:(?P<m>\d{1,2})月份?)?"
    rf"(?:(?P<d>\d{{1,2}})(?P<ds>[日号])?|(?P<p>{_PART_RE}))?$"
)
_ISO_RE = _Pattern(
    r"^(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})"
    r"(?:(?P=s)(?:(?P<d>\d{1,2})|(?P<p>初|上旬|中旬|下旬|底|末)))?$"
)
_NOYEAR_RE = _Pattern(
    r"^--(?P<m>\d{1,2})(?:-(?:(?P<d>\d{1,2})|(?P<p>初|上旬|中旬|下旬|底|末)))?$"
)
_YEAR_RE = _Pattern(r"^(?P<y>\d{4})(?:-(?P<p>[初底末]))?$")
_COMPACT_RE = _Pattern(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")

_SEP_RE = _Pattern(r"至|到|—|~|-|/")
_OPEN_RE = _Pattern(r"^(?:自|从|由)?(?P<body>.+?)(?:以后|以来|之后|起至今|至今|开始|起)$")
_PREFIX_RE = _Pattern(r"^(?:自|从|由)")

_DASHES = str.maketrans(dict.fromkeys("―–−‐‑‒﹘", "—") | {"〜": "~", "。": "", "○": "〇"})
_CN_NUM_RE = _Pattern(r"[〇零一二三四五六七八九十]+(?=[年月日号])")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


@dataclass(frozen=True)
class _Fields:
    """What one piece of text says, before it is checked or completed from a range start."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None
    year_part: bool = False  # part belongs to the year (年初/年底)
    bare: bool = False  # a lone number, only meaningful as a range end ("2023.8.1-15")

    @property
    def standalone(self) -> bool:
        """True when the text is a complete date by itself (not just "15日" or "中旬")."""
        if self.bare:
            return False
        if self.month is not None:
            return True
        return self.year is not None and self.day is None


def _cn_numerals(text: str) -> str:
    """二〇二三年八月二十日 → 2023年8月20日 (numerals directly before 年/月/日/号)."""

    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if "十" not in s:
            return "".join(str(_CN_DIGIT[c]) for c in s)
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1 or "十" in ones:
            return s
        return str((_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0))

    return _CN_NUM_RE.sub(repl, text)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"—+", "—", text)
    return _cn_numerals(text)


def _int(s: str | None) -> int | None:
    return int(s) if s is not None else None


def _fields(text: str) -> _Fields | None:
    """Read one date-like piece of text, or None when it has no recognised shape."""
    if not text:
        return None
    m = _YEAR_RE.match(text)
    if m:
        return _Fields(year=int(m["y"]), part=m["p"], year_part=m["p"] is not None)
    m = _COMPACT_RE.match(text)
    if m:
        return _Fields(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _ISO_RE.match(text) or _NOYEAR_RE.match(text)
    if m:
        y = _int(m["y"]) if "y" in m.re.groupindex else None
        return _Fields(y, int(m["m"]), _int(m["d"]), m["p"])
    m = _CN_RE.match(text)
    if not m:
        return None
    y, mo, d, p = _int(m["y"]), _int(m["m"]), _int(m["d"]), m["p"]
    if y is None and mo is None and d is None and p is None:
        return None
    if d is not None:
        if mo is None and y is not None:
            return None  # 2023年20日
        if mo is None:
            return _Fields(day=d, bare=m["ds"] is None)
        return _Fields(y, mo, d)
    if p is None:
        return _Fields(y, mo)
    if p.startswith("年"):
        return None if mo is not None else _Fields(y, None, None, p[1:], year_part=True)
    if p.startswith("月"):
        if y is not None and mo is None:
            return None  # 2023年月底
        return _Fields(y, mo, None, p[1:])
    if mo is not None:
        return _Fields(y, mo, None, p)
    if p in ("初", "底", "末"):
        return _Fields(y, None, None, p, year_part=True) if y is not None else None
    return None if y is not None else _Fields(part=p)  # "中旬" alone: a range end


def _single(f: _Fields) -> Date:
    return Date(f.year, f.month, f.day, f.part)


def _end(f: _Fields, start: Date) -> Date | None:
    """Complete a range end from its start ("8月1日至15日"); None when it cannot be an end."""
    if f.standalone:
        year = f.year if f.year is not None else start.year
        return Date(year, f.month, f.day, f.part)
    if f.bare:
        assert f.day is not None
        if start.day is not None:
            return Date(start.year, start.month, f.day)
        if start.month is not None:
            return Date(start.year, f.day)
        return None
    if f.year_part:  # 年底 after a start with a year
        return Date(start.year, None, None, f.part) if start.year is not None else None
    if start.month is None or (f.day is not None and start.day is None):
        return None
    return Date(start.year, start.month, f.day, f.part)  # "8月1日至15日" or "8月上旬至中旬"


def _wrap(err: DateError, text: str) -> DateError:
    return DateError(f"日期“{text}”有误：{err}", reason=err.reason)


def _parse_text(raw: str) -> DateValue:
    shown = raw.strip()
    text = _clean(raw)
    if len(text) > 2 and text.endswith("前"):  # "6月20日前", "年底前": by that date
        text = text.removesuffix("前").removesuffix("以").removesuffix("之")
    if not text:
        raise DateError("日期不能为空。" + _HINT)

    f = _fields(text)
    if f is not None and f.standalone:
        try:
            return _single(f)
        except DateError as e:
            raise _wrap(e, shown) from None

    m = _OPEN_RE.match(text)
    if m:
        f = _fields(m["body"])
        if f is not None and f.standalone:
            try:
                return DateRange(_single(f), None, open_end=True)
            except DateError as e:
                raise _wrap(e, shown) from None

    body = _PREFIX_RE.sub("", text)
    found: list[DateRange] = []
    errors: list[DateError] = []
    for sep in _SEP_RE.finditer(body):
        left, right = body[: sep.start()], body[sep.end() :]
        lf = _fields(left)
        if lf is None or not lf.standalone:
            continue
        if not right:
            if sep.group() == "/":  # stored open range "2020-12/"
                try:
                    found.append(DateRange(_single(lf), None, open_end=True))
                except DateError as e:
                    errors.append(e)
            continue
        rf = _fields(right)
        if rf is None:
            continue
        try:
            start = _single(lf)
            end = _end(rf, start)
            if end is not None:
                found.append(DateRange(start, end))
        except DateError as e:
            errors.append(e)
    if len(set(found)) == 1:
        return found[0]
    if found:
        shown_all = "、".join(f"“{format_cn(r)}”" for r in dict.fromkeys(found))
        raise DateError(f"日期范围“{shown}”有歧义，可能是 {shown_all}；请用“至”分隔开始和结束")
    if errors:
        raise DateError(f"日期范围“{shown}”有误：{errors[0]}")
    raise DateError(f"无法识别的日期：“{shown}”。{_HINT}")


def parse_date(
    value: str | int | datetime.date | Date | DateRange, *, allow_range: bool = True
) -> DateValue:
    """Read a date, a date range or an open range in any common clerk's spelling.

    Also takes ``datetime.date`` (TOML native dates), an integer such as ``20230820``, and
    already-parsed values.  Raises :class:`DateError` with a Chinese message.
    """
    if isinstance(value, (Date, DateRange)):
        result: DateValue = value
    elif isinstance(value, datetime.date):
        result = Date(value.year, value.month, value.day)
    elif isinstance(value, int) and not isinstance(value, bool):
        result = _parse_text(str(value))
    elif isinstance(value, str):
        result = _parse_text(value)
    elif value is None:
        raise DateError("日期不能为空。" + _HINT)
    else:
        raise DateError(f"无法识别的日期：“{value}”。{_HINT}")
    if not allow_range and isinstance(result, DateRange):
        raise DateError(f"此处需要一个日期，而不是日期范围：“{format_cn(result)}”")
    return result


# ---------------------------------------------------------------- writing


def _storage_date(d: Date) -> str:
    head = f"{d.year:04d}" if d.year is not None else "-"
    if d.month is None:
        return head + (f"-{d.part}" if d.part else "")
    out = f"{head}-{d.month:02d}"
    if d.day is not None:
        return f"{out}-{d.day:02d}"
    return f"{out}-{d.part}" if d.part else out


def to_storage(value: DateValue) -> str:
    """The normal stored form: ``2023-08-20``, ``2023-08``, ``2022``, ``2022-12-底``,
    ``2022-底``, ``--08-20``, ``--08-中旬``, ``2020-04/2020-09``, ``2020-12/``."""
    if isinstance(value, DateRange):
        end = _storage_date(value.end) if value.end is not None else ""
        return f"{_storage_date(value.start)}/{end}"
    if isinstance(value, Date):
        return _storage_date(value)
    raise DateError(f"无法识别的日期：“{value}”。{_HINT}")


def _cn_date(d: Date, *, year: bool = True, month: bool = True) -> str:
    out = f"{d.year}年" if year and d.year is not None else ""
    if d.month is None:
        return out + (d.part or "")
    if month:
        out += f"{d.month}月"
    if d.day is not None:
        out += f"{d.day}日"
    return out + (d.part or "")


def format_cn(value: str | int | datetime.date | DateValue) -> str:
    """Official style with Arabic numerals: ``2023年8月20日``, ``2022年12月底``, ``8月中旬``,
    ``2020年4月至9月``, ``2023年8月1日至15日``, ``2020年12月以后``.

    Takes a stored answer (or anything :func:`parse_date` reads) as well as a parsed value.
    """
    value = parse_date(value)
    if isinstance(value, Date):
        return _cn_date(value)
    start, end = value.start, value.end
    if end is None:
        return _cn_date(start) + "以后"
    if end.month is None or start.year != end.year:
        return f"{_cn_date(start)}至{_cn_date(end)}"
    same_month = (
        start.day is not None and end.day is not None and start.month == end.month
    )
    return f"{_cn_date(start)}至{_cn_date(end, year=False, month=not same_month)}"


def normalize(
    value: str | int | datetime.date | Date | DateRange, *, allow_range: bool = True
) -> str:
    """``to_storage(parse_date(value))``."""
    return to_storage(parse_date(value, allow_range=allow_range))


# ---------------------------------------------------------------- comparing


def sort_key_start(value: DateValue, default_year: int | None = None) -> tuple[int, int, int]:
    """The earliest day a date or range can mean, as ``(year, month, day)``."""
    start = value.start if isinstance(value, DateRange) else value
    return start.first_day(default_year)


def sort_key_end(value: DateValue, default_year: int | None = None) -> tuple[int, int, int]:
    """The latest day a date or range can mean; an open range ends at ``(9999, 12, 31)``."""
    if isinstance(value, DateRange):
        if value.end is None:
            return OPEN_END
        return value.end.last_day(default_year)
    return value.last_day(default_year)


def _a_year(value: DateValue, prefer_end: bool) -> int | None:
    if isinstance(value, Date):
        return value.year
    ends = [value.end, value.start] if prefer_end else [value.start, value.end]
    return next((d.year for d in ends if d is not None and d.year is not None), None)


def is_after(a: DateValue, b: DateValue) -> bool:
    """True when ``a``'s earliest day is strictly after ``b``'s latest day.

    A value without a year borrows the other's year (``8月底`` is after ``2023年8月20日``).
    """
    a_first = sort_key_start(a, default_year=_a_year(b, prefer_end=True))
    b_last = sort_key_end(b, default_year=_a_year(a, prefer_end=False))
    return a_first > b_last
