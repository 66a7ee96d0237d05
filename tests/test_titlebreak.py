"""Titles break between words, in balanced lines (GB/T 9704 7.3.3; issue 13 item 1).

The breaks are checked against a general segmenter (rjieba), which the breaker itself does not
use: no break falls inside a word it finds."""

from __future__ import annotations

import math

import pytest
from conftest import EXAMPLES
from gongwen.answers import read_answers
from gongwen.loader import get_registry
from gongwen.pipeline import build, prepare
from gongwen.titlebreak import CAPACITY, title_lines, width
from hypothesis import given, settings
from hypothesis import strategies as st

rjieba = pytest.importorskip("rjieba")

UNITS = ["县农业农村局", "市公安局", "新城区政府", "县市场监督管理局", "县商务和投资促进局", "修水县实验中学",
         "县委办公室", "城关镇", "省应急管理厅", "琼海市人民政府", "县第一人民医院", "河口镇"]


def example_titles() -> list[str]:
    titles = []
    for path in sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES / "patrol-variants").glob("*.toml")):
        raw = read_answers(path)
        doc = build(prepare(get_registry().types[raw.pop("type")], raw))
        titles += [doc.title, *(a.title for a in doc.appendices)]
    return titles


def word_inside(title: str, lines: list[str]) -> str:
    """A segmenter word that a break falls inside, or ""."""
    bounds, at = set(), 0
    for word in rjieba.cut(title):
        at += len(word)
        bounds.add(at)
    cut = 0
    for line in lines[:-1]:
        cut += len(line)
        if cut not in bounds:
            return title[max(cut - 4, 0):cut] + "|" + title[cut:cut + 4]
    return ""


def assert_good_breaks(title: str) -> None:
    lines = title_lines(title)
    assert "".join(lines) == title
    assert all(width(line) <= CAPACITY for line in lines), lines
    if len(lines) > 1:
        assert min(len(line) for line in lines) > 2, lines  # no line of one or two characters
        assert len(lines) <= math.ceil(width(title) / CAPACITY) + 1
        assert word_inside(title, lines) == "", (lines, word_inside(title, lines))


@pytest.mark.parametrize("title", example_titles())
def test_every_example_title_breaks_between_words(title):
    assert_good_breaks(title)


def test_known_titles_break_where_a_reader_expects():
    assert title_lines("学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会召开情况通报") == [
        "学习贯彻习近平新时代中国特色社会主义思想", "主题教育专题民主生活会召开情况通报"]
    assert title_lines("中共县农业农村局党组巡察整改专题民主生活会实施方案") == [
        "中共县农业农村局党组巡察整改", "专题民主生活会实施方案"]
    assert title_lines("整改任务清单") == ["整改任务清单"]


@settings(max_examples=150, deadline=None)
@given(type_id=st.sampled_from(sorted(get_registry().types)), unit=st.sampled_from(UNITS),
       org=st.sampled_from(["党委", "党组", "党总支", "党支部"]), year=st.integers(2019, 2030),
       inspect=st.sampled_from(["巡视", "巡察"]))
def test_generated_titles_break_between_words(type_id, unit, org, year, inspect):
    prepared = prepare(get_registry().types[type_id], {"unit": unit, "org_kind": org, "year": year,
                                                       "inspect": inspect, "scope": unit})
    if not prepared.problems:
        assert_good_breaks(build(prepared).title)


def test_a_title_with_a_year_that_only_seems_to_fit_one_line_breaks_between_words():
    """"2023年主题教育民主生活会会议召开情况通报" is 19 characters and four digits: with the space
    Word sets after "2023" it does not fit one line of 20, and breaks between words, not "通 / 报"."""
    assert title_lines("2023年主题教育民主生活会会议召开情况通报") == ["2023年主题教育民主生活会", "会议召开情况通报"]
