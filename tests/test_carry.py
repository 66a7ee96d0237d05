"""Starting from what the clerk already has: ``gongwen new TYPE --from FILE`` (issue 14, item 2)."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, read_toml
from gongwen.answers import read_answers
from gongwen.ask import Questionnaire
from gongwen.carry import SHARED, across, next_year, shift_date
from gongwen.pipeline import prepare
from gongwen.testing import ENTER, docx_paragraphs, get_type, render_text

PLANS = ["party-history-rectification", "theme-education-rectification", "theme-education-report",
         "grassroots-special-action", "patrol-meeting-plan"]


def asked_from(type_id: str, raw: dict, keep: set[str]) -> list[str]:
    """The top-level questions a questionnaire started from ``raw`` asks (Enter to each)."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    asked: list[str] = []
    q = Questionnaire(get_type(type_id), raw, keep=keep)
    original = q.ask_top
    q.ask_top = lambda question: (asked.append(question.key), original(question))[1]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(ENTER * 400)
        pipe.close()
        q.run()
    return asked


def test_dates_move_on_a_year():
    assert shift_date("2023-08-20") == "2024-08-20"
    assert shift_date("2020-04/2020-09") == "2021-04/2021-09"
    assert shift_date("2024-02-29") == "2025-02-28"
    assert shift_date("--08-20") == "--08-20"  # no year: nothing to move


@pytest.mark.parametrize("type_id", PLANS)
def test_next_year_asks_only_the_yearly_questions(type_id):
    raw = read_answers(EXAMPLES / f"{type_id}.toml")
    carried, keep = next_year(get_type(type_id), raw)
    asked = asked_from(type_id, carried, keep)
    dt = get_type(type_id)
    yearly = {q.key for q in dt.questions if q.yearly}
    unanswered = {q.key for q in dt.questions if q.key not in carried}  # derived last year: shown again
    assert asked and set(asked) <= yearly | unanswered
    assert not {"unit", "org_kind", "title"} & set(asked)  # kept, or derived from what is kept


def test_next_year_advances_the_year_and_what_follows_it(gw, tmp_path):
    r = gw("new", "party-history-rectification", "--from", EXAMPLES / "party-history-rectification.toml",
           "--no-input", "-o", "next.docx")
    assert r.code == 0, r.err
    saved = read_toml(tmp_path / "next.toml")
    assert saved["year"] == 2022 and saved["unit"] == "新城区政府"
    text = "\n".join(docx_paragraphs(tmp_path / "next.docx"))
    assert "2022年度" in text and "2023年6月底" in text


def test_another_types_answers_give_the_shared_facts():
    source = get_type("theme-education-rectification")
    raw = read_answers(EXAMPLES / "theme-education-rectification.toml")
    made, keep = across(get_type("theme-education-report"), source, raw)
    assert keep == set() and set(made) <= set(SHARED)
    assert made["unit"] == raw["unit"] and made["meeting_date"] == raw["meeting_date"]
    assert raw["unit"] in render_text("theme-education-report", made)


def test_the_progress_report_takes_a_plans_items(gw, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGWEN_TODAY", "2022-06-30")  # the half-year report on the 2021 plan
    r = gw("new", "rectification-report", "--from", EXAMPLES / "party-history-rectification.toml", "--no-input",
           "-o", "report.docx")
    assert r.code == 0, r.err
    answers = prepare(get_type("rectification-report"), read_answers(tmp_path / "report.toml")).answers
    assert len(answers["items"]) == 14 and answers["unit"] == "新城区政府"
    assert "请核对" not in r.err  # no sentence said twice, even with no status typed yet


def test_from_with_answers_is_refused(gw):
    r = gw("new", "party-history-rectification", "--from", EXAMPLES / "party-history-rectification.toml",
           "--answers", EXAMPLES / "party-history-rectification.toml", "-o", "x.docx")
    assert r.code == 1 and "只能用其中一个" in r.err


def test_years_in_kept_text_move_on_but_history_stays():
    from gongwen.carry import shift_years_in_text

    assert shift_years_in_text("为抓好2021年度整改，2022年6月底前完成，1921年建党", 2021) == \
        "为抓好2022年度整改，2023年6月底前完成，1921年建党"


def test_deadlines_of_the_problems_move_on_with_the_year():
    """A deadline typed as a date (stored "2022-06-底", "2022-09") moves on with the measures
    that name the year, so next year's plan has no deadline before its own date."""
    raw = read_answers(EXAMPLES / "party-history-rectification.toml")
    problem = raw["aspects"][0]["problems"][0]
    raw["aspects"][0]["problems"][0] = {**problem, "deadline": "2022-06-底"}
    raw["aspects"][0]["problems"][1] = {**raw["aspects"][0]["problems"][1], "deadline": "2022-09"}
    carried, _ = next_year(get_type("party-history-rectification"), raw)
    first, second = carried["aspects"][0]["problems"][:2]
    assert (first["deadline"], second["deadline"]) == ("2023-06-底", "2023-09")
    text = render_text("party-history-rectification", carried)
    assert "2023年6月底" in text and "2022年6月底" not in text


def test_last_years_document_number_is_not_carried_into_next_years_plan():
    """The notice calling next year's meeting has a number nobody knows yet: 县巡领发〔2023〕6号
    is left blank for the clerk (and the plan cites the notice without it until then)."""
    raw = read_answers(EXAMPLES / "patrol-meeting-plan.toml")
    assert raw["basis"][0]["number"] == "县巡领发〔2023〕6号"
    carried, _ = next_year(get_type("patrol-meeting-plan"), raw)
    assert carried["basis"][0]["number"] == "" and carried["basis"][0]["issuer"] == "县委巡察工作领导小组"
    assert "〔2023〕" not in render_text("patrol-meeting-plan", carried)
