"""Sentences a clerk can trust without rereading them (issue 12): each test names a defect
seen in a real run and fails on the code before its fix."""

from __future__ import annotations

import contextlib
import io

import docx
import pytest
from conftest import example
from gongwen.ask import REVIEW, Questionnaire
from gongwen.errors import AnswersInvalid
from gongwen.kit.deadlines import due_phrase
from gongwen.kit.lists import end_sentence
from gongwen.pipeline import prepare
from gongwen.testing import CTRL_U, DOWN, ENTER, get_type, render_docx_bytes, render_text, run_questionnaire

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


# ---------------------------------------------------------------- derived stays derived, answers never lost



def drive(type_id: str, keys: str, raw: dict, keep: set[str]) -> Questionnaire:
    """A questionnaire with ``raw`` answered and ``keep`` not asked, driven by ``keys``."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    q = Questionnaire(get_type(type_id), raw, keep=keep)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        with contextlib.suppress(EOFError):  # keys ran out: the test looks at where it stopped
            q.run()
    return q


def static_answers(type_id: str) -> dict:
    dt = get_type(type_id)
    answers = prepare(dt, {}).answers
    return {q.key: answers[q.key] for q in dt.questions if q.key in answers and not q.computed}


def test_enter_through_saves_no_computed_answer():
    raw = run_questionnaire(RECTIFICATION, ENTER * 80)
    for key in ("title", "signature", "group_leader", "issue_date", "principles", "goals"):
        assert key not in raw
    assert isinstance(raw["year"], int)  # a default read from today's date is kept once accepted
    edited = {**raw, "unit": "市教育局", "year": 2022}
    text = render_text(RECTIFICATION, edited)
    assert text.startswith("市教育局党委2022年主题教育专题民主生活会问题整改实施方案")
    assert "中共市教育局党委" in text.splitlines()[-2]  # the 落款 follows the edited unit


def test_a_review_edit_of_the_unit_reaches_the_signature_and_the_body():
    dt = get_type(RECTIFICATION)
    raw = {k: v for k, v in static_answers(RECTIFICATION).items() if k != "unit"}
    keep = {q.key for q in dt.questions} - {"unit"}
    keys = CTRL_U + "县农业农村局" + ENTER  # the unit, asked
    keys += DOWN * 2 + ENTER + CTRL_U + "市公安局" + ENTER  # review: change 单位名称 (2nd item)
    keys += ENTER  # review: confirm
    q = drive(RECTIFICATION, keys, raw, keep)
    assert q.raw["unit"] == "市公安局" and "signature" not in q.raw
    text = render_text(RECTIFICATION, q.raw)
    assert text.splitlines()[-2] == "中共市公安局党委"
    assert "县农业农村局" not in text and "市公安局" in text.splitlines()[1]


def test_inconsistent_figures_return_to_the_review_and_keep_every_answer():
    report = "theme-education-report"
    raw = {**static_answers(report), "forms_sent": 150, "forms_returned": 200}
    keep = {q.key for q in get_type(report).questions}
    q = drive(report, ENTER, raw, keep)  # review: confirm -> refused, back at the review (keys run out)
    assert q.position == "review"
    partial, _ = q.partial()
    assert partial["forms_sent"] == 150 and partial["forms_returned"] == 200


def test_a_cross_field_problem_is_told_when_its_last_figure_is_typed():
    report = "theme-education-report"
    dt = get_type(report)
    raw = {k: v for k, v in static_answers(report).items() if not k.startswith("team_")}
    keep = {x.key for x in dt.questions if not x.key.startswith("team_")}
    # one screen: quick, stage, long, a total that does not add up (told once the screen is taken)
    keys = CTRL_U + "6" + DOWN + CTRL_U + "5" + DOWN + CTRL_U + "6" + DOWN + CTRL_U + "15" + ENTER
    keys += ENTER  # 重新填写这几项
    keys += ENTER + ENTER + CTRL_U + "4" + ENTER + ENTER  # 6, 5, long 4, total 15
    keys += ENTER * 3  # done counts
    keys += ENTER  # review: confirm
    q = drive(report, keys, raw, keep)
    answers = prepare(dt, q.raw).answers
    assert [answers[f"team_{k}"] for k in ("quick", "stage", "long", "total")] == [6, 5, 4, 15]
    assert prepare(dt, q.raw).problems == []


def test_a_cross_field_problem_on_one_screen_is_told_once(monkeypatch):
    import gongwen.ask

    report = "theme-education-report"
    dt = get_type(report)
    raw = {k: v for k, v in static_answers(report).items() if not k.startswith("team_")}
    keep = {x.key for x in dt.questions if not x.key.startswith("team_")}
    said: list[str] = []
    monkeypatch.setattr(gongwen.ask, "say", lambda text, style="": said.append(text))
    keys = CTRL_U + "6" + DOWN + CTRL_U + "5" + DOWN + CTRL_U + "6" + DOWN + CTRL_U + "15" + ENTER
    keys += DOWN + ENTER  # 先继续，核对时再改
    q = drive(report, keys, raw, keep)
    assert q.position == REVIEW  # the keys ran out at the review: nothing else was asked
    wrong = {**raw, "team_quick": 6, "team_stage": 5, "team_long": 6, "team_total": 15}
    message = next(p.message for p in prepare(dt, wrong).problems if "team_total" in p.involved())
    assert [s.strip() for s in said].count(message) == 1


# ---------------------------------------------------------------- defaults


def test_the_meeting_date_of_an_earlier_year_is_not_today(monkeypatch):
    monkeypatch.setenv("GONGWEN_TODAY", "2026-11-28")
    for type_id, day in ((RECTIFICATION, "11-28"), ("theme-education-report", "11-07")):  # a report: 3 weeks on
        assert prepare(get_type(type_id), {"year": 2023}).answers["meeting_date"] == f"2023-{day}"
        assert prepare(get_type(type_id), {"year": 2026}).answers["meeting_date"] == f"2026-{day}"


def test_default_titles_name_the_unit_or_scope():
    assert lines(GRASSROOTS, {"scope": "全区"})[0] == "全区基层党建问题整改专项行动方案"
    title = lines(RECTIFICATION, {"unit": "市教育局", "year": 2023})[0]
    assert title == "市教育局党委2023年主题教育专题民主生活会问题整改实施方案"


def test_a_document_number_gets_hexagonal_brackets():
    basis = [{"issuer": "县委巡察工作领导小组", "name": "关于召开巡察整改专题民主生活会的通知",
              "number": "县巡领发 [2024] 3号"}]
    text = render_text(PATROL, {"basis": basis})
    assert "（县巡领发〔2024〕3号）" in text and "[2024]" not in text


def test_dropping_the_deadline_section_keeps_the_deadline():
    outline = [{"key": "leadership"}, {"key": "measures"}]
    text = render_text(RECTIFICATION, {"outline": outline, "deadline_kind": "指定日期", "deadline_date": "2024年6月底",
                                       "meeting_date": "2024-01-10"})
    assert "整改时限：自即日起至2024年6月底。" in text
    assert "整改时限" not in [line for line in text.splitlines() if line.startswith(("一、", "二、", "三、"))]


# ---------------------------------------------------------------- every section key documented


@pytest.mark.parametrize("type_id", [PATROL, GRASSROOTS, RECTIFICATION, "theme-education-report",
                                     "party-history-rectification"])
def test_show_lists_every_section_with_what_it_writes_and_reads(gw, type_id):
    out = gw("show", type_id).out
    listed = out.split("章节（提纲中写", 1)[1]
    for s in get_type(type_id).sections:
        assert f"\n  {s.key}  " in listed
    assert "生成：" in listed and "用到的回答：" in listed


def test_init_skeleton_names_every_key_an_outline_entry_may_use(gw, tmp_path):
    assert gw("init", PATROL, "-o", "a.toml").code == 0
    text = (tmp_path / "a.toml").read_text("utf-8")
    for word in ("numbered", "items", "item_style", "duration（会期）", "presider（会议主持）", "criticism",
                 "duties", "leadership", "guidance", "paragraphs", "run_in"):
        assert word in text


def test_render_warns_of_what_lint_would_circle(gw, tmp_path):
    (tmp_path / "a.toml").write_text('type = "grassroots-special-action"\n'
                                     'general = "根据上级要求，根据工作安排，做好工作。"\n', "utf-8")
    r = gw("render", "a.toml", "-o", "a.docx")
    assert r.code == 0 and "请核对 a.docx：" in r.err and "两次以“根据”开头" in r.err
    assert "请核对" not in gw("new", GRASSROOTS, "--no-input", "-o", "c.docx").err


def test_a_basis_beginning_with_genju_is_not_followed_by_another_genju():
    text = render_text("theme-education-report", {"basis": "根据县委关于开好专题民主生活会的要求"})
    first = text.splitlines()[1]
    assert first.startswith("根据县委关于开好专题民主生活会的要求，按照县委主题教育领导小组的工作安排")
    assert "根据县委主题教育领导小组" in render_text("theme-education-report", {})


def test_a_custom_aspect_without_problems_or_measures_is_refused():
    problems = prepare(get_type(RECTIFICATION), {"aspect_names": ["理论学习", "其他方面"]}).problems
    assert {p.path for p in problems} == {"aspects[2].problems", "aspects[2].measures"}


def test_a_line_break_in_a_one_line_answer_is_refused_with_a_reason():
    problems = prepare(get_type(GRASSROOTS), {"scope": "全县\n全区"}).problems
    assert [p.path for p in problems] == ["scope"] and "不能换行" in problems[0].message
    assert not prepare(get_type(GRASSROOTS), {"general": "第一段。\n第二段。"}).problems  # multi-line: paragraphs


def test_every_style_choice_shows_an_example_of_what_it_writes():
    styles = [q for q in get_type(PATROL).questions
              if q.kind == "choice" and (q.key.endswith("_style") or q.key == "outline_preset")]
    assert len(styles) >= 7
    for q in styles:
        assert set(q.hints) == set(q.choices), q.key


def test_the_choice_prompt_shows_the_hints():
    import questionary
    from gongwen.kinds import KINDS

    seen = {}
    original = questionary.select

    def spy(message, choices, **kw):
        seen["titles"] = [c.title for c in choices]
        return original(message, choices=choices, **kw)

    q = next(x for x in get_type(PATROL).questions if x.key == "outline_preset")
    questionary.select, saved = spy, questionary.select
    try:
        from prompt_toolkit.application import create_app_session
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output import DummyOutput

        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text(ENTER)
            assert KINDS["choice"].ask(None, q, "标准式", {}) == "标准式"
    finally:
        questionary.select = saved
    assert seen["titles"][0].startswith("标准式——一、会议主题")


def test_the_issue_date_is_a_day():
    assert [p.path for p in prepare(get_type(GRASSROOTS), {"issue_date": "2024年3月"}).problems] == ["issue_date"]
    assert not prepare(get_type(GRASSROOTS), {"issue_date": "3月5日"}).problems  # the year comes from the context


@pytest.mark.parametrize("type_id", ["theme-education-report", "patrol-meeting-plan", "party-history-rectification",
                                     "grassroots-special-action", "rectification-report",
                                     "theme-education-rectification"])
def test_a_screen_of_questions_is_titled_without_colliding_marks(type_id):
    """A screen's title is its sections' titles followed by "：" — never "。：" after a run-in title,
    never a wording field left unfilled (查摆{inspect}反馈问题)."""
    from gongwen.screen import screens

    doctype = get_type(type_id)
    q = Questionnaire(doctype, {})
    titles = {q.screen_title(question) for question in doctype.questions}
    titles |= {q.screen_title(*run) for run in screens(doctype.questions, set())}
    assert titles and not [t for t in titles if t.endswith(("。", "．", ".")) or "{" in t]
