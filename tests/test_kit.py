"""The genre kit: deadlines, responsibility fields, problems, ledger, phases."""

import pytest
from gongwen import questions as q
from gongwen.dates import DateError
from gongwen.kit.deadlines import dates_in_order, deadline, format_deadline, parse_deadline
from gongwen.kit.lists import titled_sections
from gongwen.kit.phases import phase_order_errors, phase_questions, phase_sections
from gongwen.kit.responsibility import LEDGER_COLUMNS, ledger_table, problem_section, responsibility_fields
from gongwen.model import Section, number_sections


@pytest.mark.parametrize("text, stored, official", [
    ("即知即改，长期坚持", "即知即改，长期坚持", "即知即改，长期坚持"),
    ("2022年12月", "2022-12", "2022年12月"),
    ("2022年12月底取得实效", "2022-12-底取得实效", "2022年12月底取得实效"),
    ("2022年底前", "2022-底前", "2022年底前"),
    ("２０２２年６月３０日前完成", "2022-06-30前完成", "2022年6月30日前完成"),
    ("2022/6/30", "2022-06-30", "2022年6月30日"),
    ("于2022年6月底前完成", "于2022-06-底前完成", "于2022年6月底前完成"),
    ("2022年3月至6月", "2022-03/2022-06", "2022年3月至6月"),
])
def test_deadline_forms_are_stored_normalised(text, stored, official):
    d = parse_deadline(text)
    assert d.storage() == stored
    assert d.official() == official
    assert parse_deadline(stored).official() == official  # the stored form reads back


@pytest.mark.parametrize("text, word", [
    ("2022年13月底", "13"),
    ("2022年2月30日前", "30"),
    ("2022年底和2023年底", "只能有一个日期"),
    ("X年底前", "占位符"),
    ("XX", "占位符"),
    ("  ", "不能为空"),
])
def test_bad_deadlines_are_refused_in_chinese(text, word):
    with pytest.raises(DateError, match=word) as refused:
        parse_deadline(text)
    assert str(refused.value).count("有误") <= 1  # the reason said once, not wrapped twice


def test_deadline_question_checks_and_normalises():
    question = deadline("deadline", "落实时限")
    assert q.check_value(question, "2022年12月底前", {}) == ("2022-12-底前", None)
    value, error = q.check_value(question, "2022年13月底前", {})
    assert error and "月份应在 1 至 12 之间" in error
    res = q.resolve([question], {})
    assert res.answers["deadline"] == "即知即改，长期坚持"


ITEM = {"problem": "调查研究还不够深入有效。", "measures": ["多到基层去", "提高决策的精准性"],
        "leader": "区长", "lead_unit": "区政府办公室", "units": "各镇办", "deadline": "2022-12-底前"}


def test_responsibility_fields_in_document_order():
    assert responsibility_fields(ITEM).items == [
        ("责任领导", "区长"), ("牵头单位", "区政府办公室"), ("责任单位", "各镇办"), ("落实时限", "2022年12月底前")]
    assert format_deadline("即知即改，长期坚持") == "即知即改，长期坚持"


def test_problems_are_numbered_continuously_across_parents():
    first = Section("甲方面", children=[problem_section(ITEM), problem_section(dict(ITEM, problem="乙"))])
    second = Section("丙方面", children=[problem_section(dict(ITEM, problem="丁"))])
    paras = number_sections([Section("整改重点", children=[first, second])])
    heads = [p.heading for p in paras if p.kind == "heading"]
    assert heads == ["一、整改重点", "（一）甲方面", "1.调查研究还不够深入有效。", "2.乙。", "（二）丙方面", "3.丁。"]
    body = [p.lead + p.text for p in paras if p.kind == "body"]
    assert body[:2] == ["整改措施：一是多到基层去；二是提高决策的精准性。", "责任领导：区长"]


def test_ledger_rows_follow_the_items():
    table = ledger_table([ITEM, dict(ITEM, problem="乙", measures=["只一条"], deadline="即知即改")])
    assert table.columns == list(LEDGER_COLUMNS)
    assert len(table.widths) == len(table.columns)
    assert table.rows[0] == ["1", "调查研究还不够深入有效", "一是多到基层去；二是提高决策的精准性。",
                             "区长", "区政府办公室", "各镇办", "2022年12月底前"]
    assert table.rows[1][:3] == ["2", "乙", "只一条。"] and table.rows[1][-1] == "即知即改"


SEED_PHASES = [
    {"name": "集中整改", "period": "2020年4月至9月", "text": "甲"},
    {"name": "持续推进", "period": "2020年9月至12月", "text": "乙"},
    {"name": "融入经常", "period": "2020年12月以后", "text": "丙"},
]


def test_seed_phases_are_in_order_and_render_run_in():
    assert phase_order_errors(SEED_PHASES) == []
    heads = [p.heading + p.rest for p in number_sections([Section("时间步骤", children=phase_sections(SEED_PHASES))])
             if p.kind == "heading"]
    assert heads[1:] == ["（一）集中整改阶段（2020年4月至9月）。甲", "（二）持续推进阶段（2020年9月至12月）。乙",
                         "（三）融入经常阶段（2020年12月以后）。丙"]


def test_phases_out_of_order():
    phases = [SEED_PHASES[1], SEED_PHASES[0]]
    [error] = phase_order_errors(phases)
    assert "顺序" in error and "“集中整改阶段”（2020年4月至9月）" in error
    assert "“持续推进阶段”（2020年9月至12月）" in error


def test_phases_overlap():
    phases = [SEED_PHASES[0], dict(SEED_PHASES[1], period="2020年8月至12月")]
    [error] = phase_order_errors(phases)
    assert "重叠" in error and "2020年8月至12月" in error and "至2020年9月" in error


def test_nothing_may_follow_an_open_ended_phase():
    phases = [*SEED_PHASES, {"name": "巩固提升", "period": "2021年3月至6月", "text": ""}]
    [error] = phase_order_errors(phases)
    assert "“融入经常阶段”（2020年12月以后）没有结束时间" in error and "巩固提升" in error


def test_phase_questions_refuse_reversed_and_disordered_ranges():
    question = phase_questions(SEED_PHASES)
    reversed_range = [dict(SEED_PHASES[0], period="2020年9月至4月")]
    problems = q.resolve([question], {"phases": reversed_range}).problems
    assert [p.path for p in problems] == ["phases[1].period"]
    assert "早于开始日期" in problems[0].message
    problems = q.resolve([question], {"phases": [SEED_PHASES[2], SEED_PHASES[0]]}).problems
    assert [p.path for p in problems] == ["phases"] and "融入经常" in problems[0].message
    res = q.resolve([question], {"phases": SEED_PHASES})
    assert res.problems == [] and res.answers["phases"][2]["period"] == "2020-12/"


def test_titled_sections_run_in_with_one_full_stop():
    [sec] = titled_sections([{"title": "强化组织领导", "text": "主要负责同志负总责。"}])
    assert sec.title == "强化组织领导。" and sec.run_in


def test_dates_in_order_names_both_dates():
    answers = {"a": "2022-12-底", "b": "2022-06-底"}
    [problem] = dates_in_order([("a", "b", "全年报送早于半年报送")], answers)
    assert problem.path == "b" and "2022年6月底" in problem.message and "2022年12月底" in problem.message
    assert dates_in_order([("b", "a", "x")], answers) == []


@pytest.mark.parametrize("unit, superior", [
    ("县农业农村局", "县委"), ("市交通运输局", "市委"), ("武汉市江岸区教育局", "区委"), ("青山县青山镇", "县委"),
    ("县市场监督管理局", "县委"), ("市政府办公室", "市委"), ("省教育厅", "省委"), ("某某自治州民政局", "州委"),
    ("区社区服务中心", "区委"), ("青山镇", "县委"), ("县第一中学", "县委"),
    ("城关区政府", "区委"), ("新城区政府", "区委"), ("某某市政府", "市委"),  # the 党组 of a government
])
def test_the_superior_committee_is_read_from_the_unit_name(unit, superior):
    from gongwen.kit.words import superior_of

    assert superior_of(unit) == superior


def test_a_city_unit_reports_to_the_city_committee_in_every_type_that_asks():
    from gongwen.testing import render_text

    report = render_text("rectification-report", {"unit": "市交通运输局"})
    assert "市委：" in report.splitlines()[1]  # 主送
    briefing = render_text("theme-education-report", {"unit": "市交通运输局"})
    assert "市委主题教育指导组" in briefing and "县委" not in briefing
    plan = render_text("patrol-meeting-plan", {"unit": "市交通运输局"})
    assert "市委第一巡察组" in plan and "县委" not in plan


def test_a_deadline_is_shown_and_edited_in_official_form_and_stored_normalised():
    from gongwen.kinds import KINDS
    from gongwen.questions import check_value

    q_ = deadline("deadline", "落实时限")
    stored = check_value(q_, "2024年6月底取得实效", {})[0]
    assert stored == "2024-06-底取得实效"
    kind = KINDS[q_.kind]
    assert kind.prompt_default(q_, stored) == "2024年6月底取得实效" == kind.show(q_, stored)
    assert check_value(q_, kind.prompt_default(q_, stored), {})[0] == stored  # Enter keeps it
    assert kind.prompt_default(q_, "即知即改，长期坚持") == "即知即改，长期坚持"

