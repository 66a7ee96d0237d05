"""基层党建问题整改专项行动方案 (grassroots-special-action, seed 003)."""

import pytest
from conftest import example
from gongwen.model import document_text, flatten
from gongwen.pipeline import prepare
from gongwen.testing import (
    CTRL_U,
    DOWN,
    ENTER,
    build_document,
    get_type,
    headings,
    placeholders,
    render_text,
    run_questionnaire,
)
from seeds import expected_headings, norm

DT = "grassroots-special-action"

def test_example_headings_match_the_seed():
    expected = expected_headings("003")
    assert len(expected) == 17
    assert [norm(h) for h in headings(DT, example(DT))] == [norm(h) for h in expected]


def test_example_renders_like_the_seed():
    doc = build_document(DT, example(DT))
    assert doc.subtitle == "（县、区）"
    text = document_text(doc)
    assert placeholders(text) == []
    assert "主要存在以下6个方面的问题：一是理想信念教育流于形式；二是" in text
    assert "六是农村软弱涣散问题突出。" in text
    paras = flatten(doc)
    measure = next(p for p in paras if p.kind == "heading" and p.text == "加强理想信念教育。")
    assert measure.number == "1." and measure.level == 3  # "1." directly under "三、"
    assert measure.rest.startswith("①推进") and "；②加大" in measure.rest and "；③按照" in measure.rest
    assert "（三）融入经常阶段（2020年12月以后）。" in text


def test_dropping_a_problem_renumbers_list_and_measures():
    answers = example(DT)
    dropped = answers["problems"].pop(2)
    assert dropped["title"] == "聚焦党建重点工作"
    text = render_text(DT, answers)
    assert "以下5个方面的问题" in text and "三是抓党建思想认识不到位" in text
    heads = headings(DT, answers)
    assert "3.压实党建工作责任。" in heads and "5.全面夯实基层基础。" in heads
    assert not any(h.startswith("6.") for h in heads)


@pytest.mark.parametrize("change, path, words", [
    ({1: {"period": "2020年12月至9月"}}, "phases[2].period", ["早于开始日期"]),
    ({1: {"period": "2020年3月至8月"}}, "phases", ["顺序", "持续推进阶段", "2020年3月至8月", "集中整改阶段"]),
    ({1: {"period": "2020年8月至12月"}}, "phases", ["重叠", "2020年8月至12月", "至2020年9月"]),
    ({2: {"period": "2020年11月以后"}}, "phases", ["重叠", "融入经常阶段", "2020年11月以后"]),
])
def test_phase_ranges_are_checked(change, path, words):
    answers = example(DT)
    for index, fields in change.items():
        answers["phases"][index].update(fields)
    problems = prepare(get_type(DT), answers).problems
    assert [p.path for p in problems] == [path]
    for word in words:
        assert word in problems[0].message


def test_phase_after_an_open_end_is_refused():
    answers = example(DT)
    answers["phases"].append({"name": "巩固提升", "period": "2021年1月至6月", "text": "巩固成果。"})
    [problem] = prepare(get_type(DT), answers).problems
    assert "没有结束时间" in problem.message and "巩固提升" in problem.message


def test_enter_through_the_questionnaire_gives_a_complete_draft():
    raw = run_questionnaire(DT, ENTER * 40)
    assert prepare(get_type(DT), raw).problems == []
    text = render_text(DT, raw)
    assert placeholders(text) == []
    assert headings(DT, raw)[:5] == ["一、总体要求", "二、整改问题", "三、整改措施", "1.加强理想信念教育。",
                                     "2.严肃党内政治生活。"]
    assert "五、工作要求" in headings(DT, raw) and "融入经常阶段" in text


def test_questionnaire_refuses_overlapping_phases_until_fixed():
    prefill = {k: v for k, v in prepare(get_type(DT), {"year": 2020}).answers.items() if k != "phases"}
    edit_second = DOWN * 2 + ENTER + ENTER  # phases menu: edit phase 2; name: keep
    keys = edit_second + CTRL_U + "2020年8月至12月" + ENTER + ENTER  # period; text: keep
    keys += ENTER  # continue: refused (overlap), the menu stays
    keys += edit_second + CTRL_U + "2020年10月至12月" + ENTER + ENTER
    keys += ENTER + ENTER  # continue, review: done
    raw = run_questionnaire(DT, keys, prefill=prefill)
    assert [p["period"] for p in raw["phases"]] == ["2020-04/2020-09", "2020-10/2020-12", "2020-12/"]
    assert "（二）持续推进阶段（2020年10月至12月）。" in render_text(DT, raw)


def test_signature_and_issue_date_close_the_document():
    answers = dict(example(DT), signature="中共宁远县委组织部", issue_date="2020年3月5日")
    doc = build_document(DT, answers)
    assert (doc.signature, doc.date) == ("中共宁远县委组织部", "2020年3月5日")
    assert prepare(get_type(DT), answers).answers["issue_date"] == "2020-03-05"
    [problem] = prepare(get_type(DT), dict(answers, issue_date="2020年3月至4月")).problems
    assert problem.path == "issue_date"
    assert build_document(DT, example(DT)).date == ""  # left empty: no date line


def test_the_default_measures_speak_of_the_scope_chosen():
    """实施范围 全区: the default measures name 区级 leaders, not the county's."""
    text = render_text("grassroots-special-action", {"scope": "全区", "year": 2024})
    assert "落实区级领导联系" in text and "县级" not in text
    assert "落实县级领导联系" in render_text("grassroots-special-action", {"scope": "全县", "year": 2024})


def test_a_plan_drafted_late_in_the_year_starts_its_phases_next_month(monkeypatch):
    """Drafted on 2026年11月28日 for 2026, the default phases run from December, not from an
    April already past; a plan for another year starts in April as before."""
    monkeypatch.setenv("GONGWEN_TODAY", "2026-11-28")
    text = render_text("grassroots-special-action", {"year": 2026})
    assert "2026年12月至2027年5月" in text and "2026年4月" not in text
    assert "2025年4月至9月" in render_text("grassroots-special-action", {"year": 2025})
