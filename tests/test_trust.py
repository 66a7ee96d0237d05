"""Sentences a clerk can trust without rereading them (issue 12): each test names a defect
seen in a real run and fails on the code before its fix."""

from __future__ import annotations

import io

import docx
import pytest
from conftest import example
from gongwen.errors import AnswersInvalid
from gongwen.kit.deadlines import due_phrase
from gongwen.kit.lists import end_sentence
from gongwen.testing import render_docx_bytes, render_text

PATROL = "patrol-meeting-plan"
GRASSROOTS = "grassroots-special-action"
RECTIFICATION = "theme-education-rectification"


def lines(type_id: str, answers: dict) -> list[str]:
    return render_text(type_id, answers).splitlines()


# ---------------------------------------------------------------- line breaks


def test_a_line_break_in_an_answer_starts_a_new_paragraph_not_a_soft_break():
    answers = {"general": "第一段要求。\n第二段要求。"}
    body = [p for p in docx.Document(io.BytesIO(render_docx_bytes(GRASSROOTS, answers))).paragraphs]
    texts = [p.text for p in body]
    assert "第一段要求。" in texts and "第二段要求。" in texts
    second = body[texts.index("第二段要求。")]
    assert second.style.name == body[texts.index("第一段要求。")].style.name  # indented like any body paragraph
    assert all("<w:br/>" not in p._p.xml for p in body if "要求。" in p.text)


def test_a_line_break_in_a_run_in_paragraph_continues_as_paragraphs():
    answers = {"requirements": [{"title": "压实整改责任", "text": "第一层意思。\n第二层意思。"}]}
    text = lines(GRASSROOTS, answers)
    assert "（一）压实整改责任。第一层意思。" in text and "第二层意思。" in text


# ---------------------------------------------------------------- broken joins


def test_a_title_ending_in_a_colon_gets_one_full_stop():
    assert end_sentence("压实整改责任：") == "压实整改责任。"
    text = lines(GRASSROOTS, {"requirements": [{"title": "压实整改责任：", "text": "各级党组织要抓好落实。"}]})
    assert "（一）压实整改责任。各级党组织要抓好落实。" in text
    assert not any("：。" in line for line in text)


def test_talks_without_pairs_do_not_end_at_zuodao():
    text = render_text(PATROL, {"talk_pairs": []})
    assert "做到" not in text.split("谈心谈话", 1)[1].split("\n", 2)[1]
    assert "围绕会议主题深入开展谈心谈话。" in text
    assert "做到：" in render_text(PATROL, {})  # with pairs the list follows


def test_an_empty_duration_leaves_no_empty_heading():
    outline = [{"key": "meeting"}, {"key": "time"}, {"key": "duration"}, {"key": "place"}]
    heads = [line for line in lines(PATROL, {"outline": outline, "duration": ""}) if line.startswith("（")]
    assert heads == ["（一）会议时间", "（二）会议地点"]
    heads = [line for line in lines(PATROL, {"outline": outline}) if line.startswith("（")]
    assert heads == ["（一）会议时间", "（二）会期", "（三）会议地点"]


def test_presider_is_not_said_twice_when_it_has_its_own_line():
    text = render_text(PATROL, {"outline_preset": "要素式", "presider": "党组书记张明"})
    assert text.count("会议由党组书记张明主持") == 1
    assert "会议议程：主要议程如下：" in text or "会议议程：" in text
    plain = render_text(PATROL, {"presider": "党组书记张明"})  # 标准式: no 会议主持 line
    assert "会议由党组书记张明主持，主要议程如下：" in plain


def test_xiaobiaoti_keeps_a_title_as_written_like_a_renamed_section():
    answers = {"outline_preset": "标准式", "requirements_style": "小标题",
               "requirements": [{"title": "严明纪律。", "text": "认真遵守会议纪律。"}],
               "outline": [{"key": "requirements", "title": "有关要求。"}]}
    text = lines(PATROL, answers)
    assert "一、有关要求。" in text and "（一）严明纪律。" in text


# ---------------------------------------------------------------- dates


def test_issue_date_without_a_year_is_printed_with_the_meetings_year():
    raw = example(RECTIFICATION)
    raw.pop("type")
    text = render_text(RECTIFICATION, {**raw, "meeting_date": "2023-08-20", "issue_date": "8月25日"})
    assert text.endswith("2023年8月25日")


def test_a_deadline_never_doubles_qian_and_a_part_takes_none():
    assert due_phrase("2024-02-初") == "2024年2月初"
    assert due_phrase("2024-08-20", "2024-09-01") == "8月20日前"
    assert due_phrase("2024-12-底") == "2024年12月底前"
    text = render_text(PATROL, {"meeting_date": "2024-03-01", "study_due": "2月初"})
    assert "学习研讨工作于2月初完成。" in text and "2月初前" not in text


@pytest.mark.parametrize("typed, printed", [
    ("2024年2月20日前", "学习研讨工作于2月20日前完成。"),
    ("2月1日至10日", "学习研讨工作于2月1日至10日完成。"),
])
def test_deadline_fields_take_what_clerks_write(typed, printed):
    text = render_text(PATROL, {"meeting_date": "2024-03-01", "study_due": typed})
    assert printed in text and "前前" not in text


def test_one_meeting_time_reads_as_a_sentence():
    text = render_text(PATROL, {"meeting_date": "2024-07-10", "meeting_daypart": "上午", "meeting_hours": "8:30"})
    assert "定于2024年7月10日上午8:30召开" in text


@pytest.mark.parametrize("extra", [{"show_weekday": True}, {"meeting_daypart": "上午", "meeting_hours": "8:30"}])
def test_weekday_or_hours_need_a_day_and_say_so(extra):
    with pytest.raises(AnswersInvalid, match="没有具体到日"):
        render_text(PATROL, {"meeting_date": "2024-07-上旬", **extra})
