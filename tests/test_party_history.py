"""党史学习教育专题民主生活会整改落实方案 (party-history-rectification, seed 001)."""

import pytest
from conftest import EXAMPLES, example, run_gongwen
from gongwen.api import LEDGER_COLUMNS
from gongwen.model import flatten
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

DT = "party-history-rectification"
EXAMPLE = EXAMPLES / f"{DT}.toml"


def ledger(answers: dict):
    doc = build_document(DT, answers)
    [table] = [p for p in flatten(doc) if p.kind == "table"]
    return table


def test_example_headings_match_the_seed():
    expected = expected_headings("001")  # the seed's typos corrected as the example has them
    got = headings(DT, example(DT))
    assert len(expected) == 33
    assert [norm(h) for h in got] == [norm(h) for h in expected]


def test_example_renders_completely_with_its_ledger():
    text = render_text(DT, example(DT))
    assert placeholders(text) == []
    assert "14.作风建设落细落小不够。" in text
    assert "落实时限：2022年12月底取得实效" in text and "落实时限：即知即改，长期坚持" in text
    assert "附件：整改任务清单" in text
    table = ledger(example(DT))
    assert table.columns == list(LEDGER_COLUMNS)
    assert [r[0] for r in table.rows] == [str(i) for i in range(1, 15)]
    assert table.rows[5][1] == "调结构增动能的步伐比较缓慢"
    assert table.rows[5][3:] == ["常务副区长", "区科技局、区工信局、区农业农村局、区商务局", "各镇办，区政府各相关部门",
                                 "2022年12月底取得实效"]


def test_dropping_a_problem_renumbers_body_and_ledger():
    answers = example(DT)
    dropped = answers["aspects"][1]["problems"].pop(0)  # problem 3
    assert dropped["problem"] == "推动上级政策部署落地见效还不够彻底"
    heads = headings(DT, answers)
    assert "3.调查研究还不够深入有效。" in heads
    assert heads[-6] == "13.作风建设落细落小不够。"
    rows = ledger(answers).rows
    assert len(rows) == 13
    assert rows[2][:2] == ["3", "调查研究还不够深入有效"]
    assert rows[-1][:2] == ["13", "作风建设落细落小不够"]


def test_bad_deadline_in_answers_file_is_reported_with_its_path():
    answers = example(DT)
    answers["aspects"][2]["problems"][1]["deadline"] = "2022年13月底取得实效"
    problems = prepare(get_type(DT), answers).problems
    assert [p.path for p in problems] == ["aspects[3].problems[2].deadline"]
    assert "月份应在 1 至 12 之间" in problems[0].message


def test_deadline_is_stored_normalised():
    answers = example(DT)
    answers["aspects"][0]["problems"][0]["deadline"] = "２０２２年６月底前"
    prep = prepare(get_type(DT), answers)
    assert prep.problems == []
    assert prep.answers["aspects"][0]["problems"][0]["deadline"] == "2022-06-底前"
    assert "落实时限：2022年6月底前" in render_text(DT, answers)


def test_report_dates_must_be_in_order():
    answers = dict(example(DT), half_report="2022年12月底", annual_report="2022年6月底")
    problems = prepare(get_type(DT), answers).problems
    assert [p.path for p in problems] == ["annual_report"]
    assert "2022年6月底" in problems[0].message and "2022年12月底" in problems[0].message


def test_enter_through_the_questionnaire_gives_a_complete_draft():
    raw = run_questionnaire(DT, ENTER * 60)
    prep = prepare(get_type(DT), raw)
    assert prep.problems == []
    text = render_text(DT, raw)
    assert placeholders(text) == []
    heads = headings(DT, raw)
    assert heads[:3] == ["一、总体要求", "二、整改目标", "三、整改原则"] and "五、保障措施" in heads
    assert "10.作风建设存在薄弱环节。" in heads
    assert len(ledger(raw).rows) == 10 and len(text) > 3000


def test_questionnaire_refuses_a_bad_deadline_and_stores_the_good_one():
    prefill = {k: v for k, v in prepare(get_type(DT), {"year": 2021}).answers.items() if k != "aspects"}
    keys = DOWN + ENTER  # aspects menu: edit aspect 1
    keys += ENTER  # its title: keep
    keys += DOWN + ENTER  # its problems menu: edit problem 1
    keys += ENTER + ENTER + ENTER * 3  # problem, measures menu (continue), leader, lead unit, units
    keys += CTRL_U + "2022年13月底" + ENTER  # refused: stays on the question
    keys += CTRL_U + "2022年12月底取得实效" + ENTER
    keys += ENTER + ENTER + ENTER  # problems menu, aspects menu, review: done
    raw = run_questionnaire(DT, keys, prefill=prefill)
    assert raw["aspects"][0]["problems"][0]["deadline"] == "2022-12-底取得实效"
    assert "落实时限：2022年12月底取得实效" in render_text(DT, raw)
    assert ledger(raw).rows[0][-1] == "2022年12月底取得实效"


def test_ledger_can_be_left_out():
    answers = dict(example(DT), ledger=False)
    doc = build_document(DT, answers)
    assert doc.appendices == [] and "附件" not in render_text(DT, answers)


@pytest.fixture(scope="module")
def plan_docx(tmp_path_factory):
    """The example rendered by the gongwen command, opened with python-docx (once for the tests below)."""
    pytest.importorskip("gongwen.render_docx")
    import docx

    out = tmp_path_factory.mktemp("plan") / "plan.docx"
    result = run_gongwen("render", EXAMPLE, "-o", out, cwd=out.parent)
    assert result.code == 0, result.err
    return docx.Document(str(out))


def test_ledger_table_reads_back_from_the_docx(plan_docx):
    from docx.oxml.ns import qn

    ledgers = [t for t in plan_docx.tables if [c.text.strip() for c in t.rows[0].cells] == list(LEDGER_COLUMNS)]
    assert len(ledgers) == 1
    table = ledgers[0]
    assert len(table.rows) == 15 and len(table.columns) == 7
    cells = [[c.text.strip().replace("\n", "") for c in row.cells] for row in table.rows[1:]]  # breaks: layout
    expected = ledger(example(DT)).rows
    assert cells == expected
    # the header row repeats on every page
    first = table.rows[0]._tr
    header = first.find(qn("w:trPr"))
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert all(r._tr.find(qn("w:trPr")) is None or r._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is None
               for r in table.rows[1:])


def test_ledger_table_fits_the_page_width(plan_docx):
    from docx.oxml.ns import qn

    table = plan_docx.tables[-1]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    section = plan_docx.sections[-1]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU -> twips
    assert len(grid) == 7
    assert sum(grid) <= text_width + 5
    assert grid[2] == max(grid)  # the measures column is the widest


def test_a_new_problem_starts_with_the_responsibility_fields_of_the_one_above():
    from gongwen.questions import new_item
    from gongwen.testing import get_type

    problems = next(q for q in get_type(DT).questions if q.key == "aspects").fields[1]
    above = example(DT)["aspects"][1]["problems"][-1]  # 分管农业副区长, 2022年12月底取得实效
    assert new_item(problems, [above]) == {k: above[k] for k in ("leader", "lead_unit", "units", "deadline")}
    assert new_item(problems, []) == {}  # the first: the declared defaults


def test_the_default_signature_is_dated(monkeypatch):
    """A 落款 stands over a 成文日期: the defaults date the plan today, as a clerk would."""
    monkeypatch.setenv("GONGWEN_TODAY", "2026-11-28")
    text = render_text(DT, {"fields_in_body": True})
    assert "中共区政府党组\n2026年11月28日" in text
