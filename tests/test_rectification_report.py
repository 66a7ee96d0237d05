"""专题民主生活会整改落实情况报告 (rectification-report, issue 15 part 4): figures counted from the
items' statuses, never asked; made from a plan and its ledger with ``from_items``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import tomlkit
from conftest import EXAMPLES, ROOT, example, run_gongwen
from gongwen.answers import read_answers
from gongwen.errors import AnswersInvalid
from gongwen.kit.ledger import read_ledger, status_counts
from gongwen.pipeline import prepare
from gongwen.testing import (
    CTRL_U,
    DOWN,
    ENTER,
    RIGHT,
    docx_paragraphs,
    get_type,
    headings,
    placeholders,
    render_text,
    run_questionnaire,
)
from gongwen_plugins.rectification_report import from_items
from seeds import norm
from test_ledger import TYPED, clerk_edits, item_rows  # noqa: F401 - the clerk's edits, shared

DT = "rectification-report"
PLAN = "party-history-rectification"
#: The heading structure of a real half-year report of this genre (a county bureau's Party group),
#: written down in our own words.
GENRE = ROOT / "tests" / "fixtures" / "genre-headings" / "rectification-report.txt"


def answers_of(path: Path) -> dict:
    raw = read_answers(path)
    raw.pop("type")
    return raw


def preamble(text: str) -> str:
    return text.splitlines()[2]


# ---------------------------------------------------------------- the example


def test_example_headings_match_a_real_report():
    expected = GENRE.read_text("utf-8").splitlines()
    assert len(expected) == 19
    assert [norm(h) for h in headings(DT, example(DT))] == [norm(h) for h in expected]


def test_example_figures_are_counted_from_its_items():
    text = render_text(DT, example(DT))
    assert placeholders(text) == []
    assert text.splitlines()[:2] == ["县市场监督管理局党组关于2023年度主题教育专题民主生活会整改进展情况的报告",
                                     "县委："]
    assert "于2024年1月18日召开2023年度主题教育专题民主生活会" in text
    assert "共列出整改问题8个、整改措施13条" in text
    assert "截至2024年6月30日，已完成4项、正在推进2项、需长期坚持2项，整改完成率50%。" in text
    assert "对照整改方案确定的8个问题" in text
    assert "新制定制度2项、修订完善制度1项，分别是《党组理论学习中心组学习制度》" in text
    assert "目前尚未完成整改的问题有2项：" in text and "对需长期坚持的2项问题" in text
    assert "学习的系统性明显增强，已于2024年3月29日整改完成。" in text  # the status joins the note's last sentence
    assert "（计划2024年9月底前完成）。" in text  # no next step typed: from the deadline
    assert text.endswith("中共县市场监督管理局党组\n2024年7月5日")


def test_no_figure_is_asked():
    kinds = {q.key: q.kind for q in get_type(DT).questions}
    assert [k for k, kind in kinds.items() if kind == "integer"] == ["year"]


def test_a_changed_status_changes_every_figure():
    answers = example(DT)
    answers["items"][3].update(status="已完成", done_date="2024-06-28")  # 食品安全 done
    answers["items"][7]["status"] = "未启动"
    text = render_text(DT, answers)
    assert "已完成5项、正在推进1项、需长期坚持1项、尚未启动1项，整改完成率62.5%" in text
    assert "目前尚未完成整改的问题有2项：" in text and "对需长期坚持的1项问题" in text
    assert "8.落实“一岗双责”存在层层递减现象。逐级签订" in text and "整改尚未启动" in text


def test_all_done_says_so():
    answers = example(DT)
    for n, item in enumerate(answers["items"], 1):
        item.update(status="已完成", done_date=f"2024-06-{n:02d}")
    text = render_text(DT, answers)
    assert "已完成8项，整改完成率100%" in text and "整改方案确定的8个问题均已整改完成。" in text
    assert "尚未完成" not in text


@pytest.mark.parametrize("change, path, message", [
    ({"status": "已完成", "done_date": ""}, "items[4].done_date", "须填写完成日期"),
    ({"status": "已完成", "done_date": "2024-07-15"}, "items[4].done_date", "晚于统计截至日期2024年6月30日"),
])
def test_done_needs_a_date_by_the_report(change, path, message):
    answers = example(DT)
    answers["items"][3].update(change)
    problems = prepare(get_type(DT), answers).problems
    assert [p.path for p in problems] == [path] and message in problems[0].message


def test_dropping_a_section_renumbers_the_rest():
    answers = dict(example(DT), outline=[{"key": "leadership"}, {"key": "rectify"}, {"key": "next"}])
    heads = [h for h in headings(DT, answers) if re.match("[一二三四]、", h)]
    assert heads == ["一、提高政治站位，压紧压实整改责任", "二、聚焦问题清单，逐项抓好整改落实",
                     "三、存在的不足和下一步打算"]


def test_items_without_aspects_are_numbered_under_the_section():
    answers = example(DT)
    for item in answers["items"]:
        item["aspect"] = ""
    heads = headings(DT, answers)
    assert "（一）理论学习的系统性和深度不够。" in heads and "（八）落实“一岗双责”存在层层递减现象。" in heads


def test_example_renders_through_the_command_to_docx(gw, tmp_path):
    result = gw("render", EXAMPLES / f"{DT}.toml", "-o", "报告.docx")
    assert result.code == 0, result.err
    paras = docx_paragraphs(tmp_path / "报告.docx")
    assert "县委：" in paras and placeholders("\n".join(paras)) == []


# ---------------------------------------------------------------- the questionnaire


def test_enter_through_the_questionnaire_gives_a_complete_draft(monkeypatch):
    monkeypatch.setenv("GONGWEN_TODAY", "2024-06-30")
    raw = run_questionnaire(DT, ENTER * 60)
    assert prepare(get_type(DT), raw).problems == []
    text = render_text(DT, raw)
    assert placeholders(text) == []
    assert text.splitlines()[0] == "县农业农村局党委关于2023年度专题民主生活会整改落实情况的报告"  # reported on in 2024
    assert "已完成3项、正在推进2项、需长期坚持1项，整改完成率50%" in text
    assert [h for h in headings(DT, raw) if re.match("[一二三四]、", h)] == [
        "一、提高政治站位，压紧压实整改责任", "二、聚焦问题清单，逐项抓好整改落实",
        "三、坚持建章立制，巩固拓展整改成果", "四、存在的不足和下一步打算"]
    assert text == render_text(DT, {})  # the defaults, as the answers file would give them
    assert len(text) > 1500


def test_the_questionnaire_takes_a_typed_unit(monkeypatch):
    monkeypatch.setenv("GONGWEN_TODAY", "2024-06-30")
    raw = run_questionnaire(DT, DOWN + CTRL_U + "县审计局" + DOWN + RIGHT + ENTER + ENTER * 60)  # one screen
    text = render_text(DT, raw)
    assert text.splitlines()[0] == "县审计局党组关于2023年度专题民主生活会整改落实情况的报告"
    assert text.endswith("中共县审计局党组\n2024年6月30日")


# ---------------------------------------------------------------- from a plan


@pytest.mark.parametrize("type_id", ["party-history-rectification", "theme-education-rectification",
                                     "grassroots-special-action", "patrol-meeting-plan"])
def test_every_plan_type_makes_a_report(type_id, monkeypatch):
    monkeypatch.setenv("GONGWEN_TODAY", "2024-12-31")
    source = example(type_id)
    answers = from_items(get_type(type_id), source)
    assert answers["type"] == DT
    count = len(read_ledger(get_type(type_id), source).items)
    assert len(answers["items"]) == count
    answers.pop("type")
    text = render_text(DT, answers)
    assert placeholders(text) == []
    assert f"共列出整改问题{count}个" in text and f"尚未启动{count}项，整改完成率0%" in text
    if "plan_title" in answers:
        assert f"《{answers['plan_title']}》" in text


def test_from_items_carries_unit_meeting_and_plan():
    answers = from_items(get_type(PLAN), example(PLAN))
    assert {k: answers[k] for k in ("year", "unit", "org_kind", "meeting_name", "plan_title")} == {
        "year": 2021, "unit": "新城区政府", "org_kind": "党组", "meeting_name": "党史学习教育专题民主生活会",
        "plan_title": "新城区政府党组党史学习教育专题民主生活会整改落实方案"}
    first = answers["items"][0]
    assert first["problem"] == "理论学习的系统性还不足" and first["lead_unit"] == "区政府办公室"
    assert len(first["measures"]) == 3 and first["status"] == "未启动"
    patrol = from_items(get_type("patrol-meeting-plan"), example("patrol-meeting-plan"))
    assert patrol["meeting_name"] == "巡察整改专题民主生活会" and patrol["meeting_date"] == "2023-08-30"


def test_from_items_refuses_invalid_answers():
    with pytest.raises(AnswersInvalid):
        from_items(get_type(PLAN), {"year": 1})


@pytest.fixture(scope="module")
def plan_sheet(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cycle")
    result = run_gongwen("ledger", "export", EXAMPLES / f"{PLAN}.toml", "-o", "台账.xlsx", cwd=folder)
    assert result.code == 0, result.err
    return folder / "台账.xlsx"


def test_the_whole_cycle_the_reports_figures_are_what_the_clerk_typed(plan_sheet, tmp_path):
    """Plan → ledger in Excel → a clerk types statuses for half the rows (one row moved, one
    column hidden, a date typed as text) → ledger update → report: its figures are the clerk's."""
    plan = tmp_path / "方案.toml"
    shutil.copy(EXAMPLES / f"{PLAN}.toml", plan)
    clerk_edits(plan_sheet, tmp_path / "台账.xlsx")
    result = run_gongwen("ledger", "update", plan, "台账.xlsx", cwd=tmp_path)
    assert result.code == 0, result.err
    # what was typed: 已完成 ×3 (one as "完成"), 推进中 ×2 (one as "进行中"), 长期坚持 ×2; 7 rows left 未启动
    typed = [s for s, _, _ in TYPED.values()]
    assert len(typed) == 7 == 14 // 2
    answers = from_items(get_type(PLAN), read_answers(plan))
    assert status_counts(answers["items"]) == {"未启动": 7, "推进中": 2, "已完成": 3, "长期坚持": 2}
    report = tmp_path / "整改落实情况报告.toml"
    report.write_text(tomlkit.dumps(dict(answers, as_of="2022-07-05", superior="区委")), "utf-8")
    result = run_gongwen("render", report, "-o", "报告.docx", cwd=tmp_path)
    assert result.code == 0, result.err
    text = "\n".join(docx_paragraphs(tmp_path / "报告.docx"))
    assert "共列出整改问题14个、整改措施18条" in text
    assert "截至2022年7月5日，已完成3项、正在推进2项、需长期坚持2项、尚未启动7项，整改完成率21.4%。" in text
    assert "修订党组中心组学习制度，按计划开展集中学习，已于2022年6月30日整改完成。" in text
    assert "目前尚未完成整改的问题有9项：" in text and "对需长期坚持的2项问题" in text
    ledger = run_gongwen("ledger", "status", plan, "--date", "2022-07-05", env={"COLUMNS": "160",
                                                                               "PATH": "/usr/bin:/bin"})
    assert "共 14 项，已完成 3 项，完成率 21.4%" in ledger.out  # the terminal and the report agree


def test_a_done_item_without_a_date_stops_the_report_with_its_path(plan_sheet, tmp_path):
    import openpyxl

    plan = tmp_path / "方案.toml"
    shutil.copy(EXAMPLES / f"{PLAN}.toml", plan)
    wb = openpyxl.load_workbook(plan_sheet)
    ws = wb.active
    ws.cell(item_rows(ws)[1], 8).value = "已完成"
    wb.save(tmp_path / "台账.xlsx")
    result = run_gongwen("ledger", "update", plan, "台账.xlsx", cwd=tmp_path)
    assert result.code == 0 and "整改状态为“已完成”，但没有填写完成日期" in result.err
    answers = from_items(get_type(PLAN), read_answers(plan))
    answers.pop("type")
    with pytest.raises(AnswersInvalid, match=r"items\[2\]\.done_date：整改状态为“已完成”的问题须填写完成日期"):
        render_text(DT, dict(answers, as_of="2022-07-05"))


def test_a_problem_without_a_note_is_named_before_the_numbered_ones_it_introduces():
    """In an aspect where one problem has no progress note and the others do: "“A”问题，整改尚未
    启动……" (not "“A”1个问题"), then "其余问题整改情况如下：" and the numbered problems."""
    raw = example("rectification-report")
    raw["items"][1] = {k: v for k, v in raw["items"][1].items() if k != "progress"} | {"status": "未启动"}
    text = render_text("rectification-report", raw)
    problem = raw["items"][1]["problem"]
    said = text.index(f"“{problem}”问题，整改尚未启动")
    assert said < text.index("其余问题整改情况如下：") < text.index("1." + raw["items"][0]["problem"])
    assert f"“{problem}”1个问题" not in text
