"""Tests for gongwen.dates: parsing clerks' dates, stored form, official Chinese style."""

from __future__ import annotations

import datetime
import re

import pytest
from gongwen.dates import (
    MONTH_PARTS,
    YEAR_PARTS,
    Date,
    DateError,
    DateRange,
    format_cn,
    is_after,
    normalize,
    parse_date,
    sort_key_end,
    sort_key_start,
    to_storage,
)
from hypothesis import given
from hypothesis import strategies as st

# (input, stored form, official style)
CASES = [
    # days
    ("2023年8月20日", "2023-08-20", "2023年8月20日"),
    ("2023年8月底前", "2023-08-底", "2023年8月底"),  # "by": the date; a sentence adds 前 once
    ("6月20日以前", "--06-20", "6月20日"),
    ("2023年08月20号", "2023-08-20", "2023年8月20日"),
    ("2023-8-20", "2023-08-20", "2023年8月20日"),
    ("2023/08/20", "2023-08-20", "2023年8月20日"),
    ("2023.8.20", "2023-08-20", "2023年8月20日"),
    ("20230820", "2023-08-20", "2023年8月20日"),
    ("2023年8月20", "2023-08-20", "2023年8月20日"),
    ("２０２３年８月２０日", "2023-08-20", "2023年8月20日"),
    ("  2023－08－20　", "2023-08-20", "2023年8月20日"),
    ("２０２３．８．２０", "2023-08-20", "2023年8月20日"),
    ("2023 年 8 月 20 日。", "2023-08-20", "2023年8月20日"),
    ("二〇二三年八月二十日", "2023-08-20", "2023年8月20日"),
    ("2024年2月29日", "2024-02-29", "2024年2月29日"),
    # months
    ("2023年8月", "2023-08", "2023年8月"),
    ("2023年8月份", "2023-08", "2023年8月"),
    ("2023-08", "2023-08", "2023年8月"),
    ("2023.8", "2023-08", "2023年8月"),
    ("2023/8", "2023-08", "2023年8月"),
    ("2023年12月", "2023-12", "2023年12月"),
    # parts of a month
    ("2022年12月底", "2022-12-底", "2022年12月底"),
    ("2022年12月末", "2022-12-底", "2022年12月底"),
    ("2023年8月上旬", "2023-08-上旬", "2023年8月上旬"),
    ("8月中旬", "--08-中旬", "8月中旬"),
    ("8月下旬", "--08-下旬", "8月下旬"),
    ("2023年3月初", "2023-03-初", "2023年3月初"),
    ("3月上旬", "--03-上旬", "3月上旬"),
    # year unknown
    ("8月20日", "--08-20", "8月20日"),
    ("8月20号", "--08-20", "8月20日"),
    ("2月29日", "--02-29", "2月29日"),
    # years
    ("2022年", "2022", "2022年"),
    ("2022年底", "2022-底", "2022年底"),
    ("2022年年底", "2022-底", "2022年底"),
    ("2022年末", "2022-底", "2022年底"),
    ("2022年初", "2022-初", "2022年初"),
    # ranges
    ("2020年4月至9月", "2020-04/2020-09", "2020年4月至9月"),
    ("2023年4月—6月", "2023-04/2023-06", "2023年4月至6月"),
    ("2023年4月——6月", "2023-04/2023-06", "2023年4月至6月"),
    ("2023年4月–6月", "2023-04/2023-06", "2023年4月至6月"),
    ("2023年4月-6月", "2023-04/2023-06", "2023年4月至6月"),
    ("2023年4月~6月", "2023-04/2023-06", "2023年4月至6月"),
    ("2023年4月～6月", "2023-04/2023-06", "2023年4月至6月"),
    ("2023年4月到6月", "2023-04/2023-06", "2023年4月至6月"),
    ("2020年4月至2021年3月", "2020-04/2021-03", "2020年4月至2021年3月"),
    ("2023年8月1日至15日", "2023-08-01/2023-08-15", "2023年8月1日至15日"),
    ("2023年8月1日至9月15日", "2023-08-01/2023-09-15", "2023年8月1日至9月15日"),
    ("2023年8月1日至2023年8月15日", "2023-08-01/2023-08-15", "2023年8月1日至15日"),
    ("2023.8.1-15", "2023-08-01/2023-08-15", "2023年8月1日至15日"),
    ("2023/4/1-2023/6/30", "2023-04-01/2023-06-30", "2023年4月1日至6月30日"),
    ("2023.4-6", "2023-04/2023-06", "2023年4月至6月"),
    ("2020-2022", "2020/2022", "2020年至2022年"),
    ("2022年12月至2023年1月", "2022-12/2023-01", "2022年12月至2023年1月"),
    ("2023年8月上旬至中旬", "2023-08-上旬/2023-08-中旬", "2023年8月上旬至8月中旬"),
    ("2023年8月至年底", "2023-08/2023-底", "2023年8月至2023年底"),
    ("8月1日至15日", "--08-01/--08-15", "8月1日至15日"),
    ("从2023年4月到6月", "2023-04/2023-06", "2023年4月至6月"),
    # open ranges
    ("2020年12月以后", "2020-12/", "2020年12月以后"),
    ("2020年12月以来", "2020-12/", "2020年12月以后"),
    ("自2020年12月起", "2020-12/", "2020年12月以后"),
    ("2020年12月至今", "2020-12/", "2020年12月以后"),
    # stored forms read back
    ("2022-12-底", "2022-12-底", "2022年12月底"),
    ("--08-中旬", "--08-中旬", "8月中旬"),
    ("2020-04/2020-09", "2020-04/2020-09", "2020年4月至9月"),
    ("2020-12/", "2020-12/", "2020年12月以后"),
]

EXPECTED_VALUES = {
    "2023年8月20日": Date(2023, 8, 20),
    "2022年12月末": Date(2022, 12, None, "底"),
    "8月中旬": Date(None, 8, None, "中旬"),
    "2022年年底": Date(2022, None, None, "底"),
    "2023年8月1日至15日": DateRange(Date(2023, 8, 1), Date(2023, 8, 15)),
    "2020年4月至9月": DateRange(Date(2020, 4), Date(2020, 9)),
    "2020年12月以后": DateRange(Date(2020, 12), None, open_end=True),
}


@pytest.mark.parametrize(("text", "stored", "official"), CASES)
def test_parse_store_format(text: str, stored: str, official: str) -> None:
    value = parse_date(text)
    assert to_storage(value) == stored
    assert format_cn(value) == official
    assert normalize(text) == stored


@pytest.mark.parametrize(("text", "stored", "official"), CASES)
def test_round_trips(text: str, stored: str, official: str) -> None:
    value = parse_date(text)
    assert parse_date(to_storage(value)) == value
    assert parse_date(official) == value


@pytest.mark.parametrize(("text", "expected"), EXPECTED_VALUES.items())
def test_parsed_values(text: str, expected: Date | DateRange) -> None:
    assert parse_date(text) == expected


def test_mo_is_stored_as_di() -> None:
    assert Date(2022, 12, None, "末") == Date(2022, 12, None, "底")
    assert Date(2022, 12, None, "末").part == "底"


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        (datetime.date(2023, 8, 20), "2023-08-20"),
        (datetime.date(2024, 2, 29), "2024-02-29"),
        (datetime.datetime(2023, 8, 20, 9, 30), "2023-08-20"),
        (20230820, "2023-08-20"),
        (2022, "2022"),
        (Date(2023, 8), "2023-08"),
        (DateRange(Date(2020, 4), Date(None, 9)), "2020-04/2020-09"),
    ],
)
def test_non_text_inputs(value: object, stored: str) -> None:
    assert normalize(value) == stored  # type: ignore[arg-type]


def test_range_end_inherits_year_and_month() -> None:
    r = parse_date("2023年8月1日至15日")
    assert isinstance(r, DateRange)
    assert r.end == Date(2023, 8, 15)
    r = parse_date("2020年4月至9月")
    assert isinstance(r, DateRange)
    assert r.end == Date(2020, 9)
    # constructing directly inherits the year too
    assert DateRange(Date(2020, 4), Date(None, 9)).end == Date(2020, 9)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("", "不能为空"),
        ("   ", "不能为空"),
        ("abc", "无法识别"),
        ("2023年13月", "月份"),
        ("2023-13-01", "月份"),
        ("2023年2月30日", "只有 28 天"),
        ("2023年2月29日", "只有 28 天"),
        ("2023年4月31日", "只有 30 天"),
        ("2月30日", "最多只有 29 天"),
        ("2023年4月至13月", "月份"),
        ("15日", "无法识别"),
        ("中旬", "无法识别"),
        ("2023年20日", "无法识别"),
        ("2023年8月至15日", "无法识别"),
        ("2023-08-", "无法识别"),
    ],
)
def test_rejections(text: str, word: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert word in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unrecognised_message_gives_examples() -> None:
    with pytest.raises(DateError) as info:
        parse_date("abc")
    msg = str(info.value)
    assert "“abc”" in msg
    assert "2023年8月20日" in msg and "2020年4月至9月" in msg


@pytest.mark.parametrize(
    ("text", "end_cn", "start_cn"),
    [
        ("2023年9月至4月", "2023年4月", "2023年9月"),
        ("2023年8月15日至1日", "2023年8月1日", "2023年8月15日"),
        ("2021年3月至2020年4月", "2020年4月", "2021年3月"),
    ],
)
def test_range_end_before_start(text: str, end_cn: str, start_cn: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    msg = str(info.value)
    assert "早于" in msg
    assert f"“{end_cn}”早于开始日期“{start_cn}”" in msg


def test_range_not_allowed() -> None:
    with pytest.raises(DateError, match="而不是日期范围"):
        parse_date("2020年4月至9月", allow_range=False)
    with pytest.raises(DateError, match="而不是日期范围"):
        parse_date(DateRange(Date(2020, 4), None, open_end=True), allow_range=False)
    assert parse_date("2023年8月20日", allow_range=False) == Date(2023, 8, 20)


@pytest.mark.parametrize(
    "args",
    [
        (2023, 13),
        (2023, 0),
        (2023, 2, 29),
        (None, None),
        (None, None, None, "底"),
        (2023, None, 5),
        (2023, None, None, "中旬"),
        (2023, 8, 20, "底"),
        (2023, 8, None, "前"),
        (99, 8),
    ],
)
def test_date_constructor_validates(args: tuple) -> None:
    with pytest.raises(DateError):
        Date(*args)


def test_daterange_constructor_validates() -> None:
    with pytest.raises(DateError, match="早于"):
        DateRange(Date(2023, 9), Date(2023, 4))
    with pytest.raises(DateError):
        DateRange(Date(2023, 9), None)
    with pytest.raises(DateError):
        DateRange(Date(2023, 9), Date(2023, 10), open_end=True)
    with pytest.raises(DateError, match="缺少年份"):
        DateRange(Date(None, 9), Date(2023, 10))
    with pytest.raises(DateError):  # 2月29日 inherits 2023, which has no such day
        DateRange(Date(2023, 1), Date(None, 2, 29))


def test_leap_years() -> None:
    assert parse_date("2024年2月29日") == Date(2024, 2, 29)
    with pytest.raises(DateError, match="28"):
        parse_date("2023年2月29日")
    assert parse_date("2000-02-29") == Date(2000, 2, 29)
    with pytest.raises(DateError):
        parse_date("1900-02-29")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2022年12月底", (2022, 12, 21), (2022, 12, 31)),
        ("2023年2月", (2023, 2, 1), (2023, 2, 28)),
        ("2024年2月", (2024, 2, 1), (2024, 2, 29)),
        ("2023年2月底", (2023, 2, 21), (2023, 2, 28)),
        ("2023年4月", (2023, 4, 1), (2023, 4, 30)),
        ("2023年8月上旬", (2023, 8, 1), (2023, 8, 10)),
        ("2023年8月中旬", (2023, 8, 11), (2023, 8, 20)),
        ("2023年8月下旬", (2023, 8, 21), (2023, 8, 31)),
        ("2023年3月初", (2023, 3, 1), (2023, 3, 10)),
        ("2023年8月20日", (2023, 8, 20), (2023, 8, 20)),
        ("2022年", (2022, 1, 1), (2022, 12, 31)),
        ("2022年底", (2022, 12, 1), (2022, 12, 31)),
        ("2022年初", (2022, 1, 1), (2022, 1, 31)),
    ],
)
def test_first_and_last_day(text: str, first: tuple, last: tuple) -> None:
    d = parse_date(text)
    assert isinstance(d, Date)
    assert d.first_day() == first
    assert d.last_day() == last


def test_first_last_day_without_year() -> None:
    d = parse_date("2月")
    assert isinstance(d, Date)
    assert d.first_day(2023) == (2023, 2, 1)
    assert d.last_day(2023) == (2023, 2, 28)
    assert d.last_day(2024) == (2024, 2, 29)
    assert d.first_day() == (1, 2, 1)


def test_sort_keys() -> None:
    r = parse_date("2020年4月至9月")
    assert sort_key_start(r) == (2020, 4, 1)
    assert sort_key_end(r) == (2020, 9, 30)
    open_r = parse_date("2020年12月以后")
    assert sort_key_start(open_r) == (2020, 12, 1)
    assert sort_key_end(open_r) == (9999, 12, 31)
    assert sort_key_start(parse_date("8月中旬"), default_year=2023) == (2023, 8, 11)
    assert sort_key_end(parse_date("8月中旬"), default_year=2023) == (2023, 8, 20)
    texts = ["2023年8月20日", "2022年底", "2023年8月上旬", "2023年3月", "2020年4月至9月"]
    ordered = sorted(texts, key=lambda t: sort_key_start(parse_date(t)))
    assert ordered == ["2020年4月至9月", "2022年底", "2023年3月", "2023年8月上旬", "2023年8月20日"]


@pytest.mark.parametrize(
    ("deadline", "meeting", "after"),
    [
        ("2023年9月底", "2023年8月20日", True),  # 完成时限 after the meeting
        ("2023年8月底", "2023年8月20日", True),
        ("8月底", "2023年8月20日", True),  # year-less deadline borrows the meeting's year
        ("2023年8月21日", "2023年8月20日", True),
        ("2023年8月20日", "2023年8月20日", False),  # strict
        ("2023年8月中旬", "2023年8月20日", False),
        ("2023年8月", "2023年8月20日", False),  # 8月 may start before the 20th
        ("2023年8月上旬", "2023年8月20日", False),
        ("2023年7月", "2023年8月20日", False),
        ("2024年1月", "2023年12月底", True),
        ("2023年10月", "2023年4月至9月", True),
        ("2023年9月", "2023年4月至9月", False),
        ("2030年1月", "2020年12月以后", False),  # an open range never ends
        ("2023年8月21日", "8月20日", True),  # year-less meeting borrows the deadline's year
    ],
)
def test_is_after(deadline: str, meeting: str, after: bool) -> None:
    assert is_after(parse_date(deadline), parse_date(meeting)) is after


# ---------------------------------------------------------------- properties


@st.composite
def dates(draw: st.DrawFn) -> Date:
    year = draw(st.one_of(st.none(), st.integers(1000, 9998)))
    if year is not None and draw(st.booleans()) and draw(st.booleans()):
        return Date(year, None, None, draw(st.sampled_from((None, *YEAR_PARTS))))
    month = draw(st.integers(1, 12))
    kind = draw(st.sampled_from(("month", "day", "part")))
    if kind == "month":
        return Date(year, month)
    if kind == "part":
        return Date(year, month, None, draw(st.sampled_from(MONTH_PARTS)))
    probe = year if year is not None else 2000
    last = (datetime.date(probe + (month == 12), month % 12 + 1, 1) - datetime.timedelta(1)).day
    return Date(year, month, draw(st.integers(1, last)))


@st.composite
def ranges(draw: st.DrawFn) -> DateRange:
    start = draw(dates())
    if draw(st.integers(0, 4)) == 0:
        return DateRange(start, None, open_end=True)
    end = draw(dates())
    if start.year is None:
        end = Date(None, end.month, end.day, end.part) if end.month else start
    elif end.year is not None and end.year < start.year:
        start, end = end, start
    try:
        return DateRange(start, end)
    except DateError:
        return DateRange(start, start)


STORED_DATE = re.compile(
    r"^(?:\d{4}|-)(?:-(?:初|底)|-\d{2}(?:-(?:\d{2}|初|上旬|中旬|下旬|底))?)?$"
)


@given(dates())
def test_property_date_round_trips(d: Date) -> None:
    stored = to_storage(d)
    assert STORED_DATE.match(stored), stored
    assert parse_date(stored) == d
    assert parse_date(format_cn(d)) == d
    assert d.first_day() <= d.last_day()
    assert not is_after(d, d)


@given(ranges())
def test_property_range_round_trips(r: DateRange) -> None:
    stored = to_storage(r)
    assert parse_date(stored) == r
    assert parse_date(format_cn(r)) == r
    assert sort_key_start(r) <= sort_key_end(r)
    if r.open_end:
        assert stored.endswith("/") and format_cn(r).endswith("以后")
    else:
        assert "/" in stored and "至" in format_cn(r)


@given(dates())
def test_property_datetime_date_matches_text(d: Date) -> None:
    if d.year is None or d.day is None:
        return
    assert parse_date(datetime.date(d.year, d.month, d.day)) == d  # type: ignore[arg-type]
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert parse_date(f"{d.year}-{d.month}-{d.day}") == d
