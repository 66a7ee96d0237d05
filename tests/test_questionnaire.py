"""The real questionary prompts, driven end to end through prompt_toolkit pipe input."""


from gongwen.ask import Questionnaire, keep_label
from gongwen.pipeline import build, prepare
from gongwen.questions import check_value, resolve
from gongwen.screen import Screen, screen_label, screens
from gongwen.testing import (
    CTRL_C,
    CTRL_U,
    DOWN,
    ENTER,
    ESC_ENTER,
    RIGHT,
    SPACE,
    UP,
    drive_questionnaire,
    get_type,
    render_text,
    run_questionnaire,
)

DT = "theme-education-rectification"


def defaults_except(*keys):
    """Every answer of the type at its default, except ``keys`` (left to be asked)."""
    answers = prepare(get_type(DT), {}).answers
    return {k: v for k, v in answers.items() if k not in keys}


def test_enter_through_everything_gives_a_complete_draft():
    raw = run_questionnaire(DT, ENTER * 80)
    prep = prepare(get_type(DT), raw)
    assert prep.problems == []
    text = render_text(DT, raw)
    assert "一、组织领导" in text and "（六）廉洁自律方面" in text and "五、有关要求" in text
    assert len(text) > 4000


def test_wrong_date_is_refused_and_asked_again():
    keys = "2023年13月" + ENTER + CTRL_U + "2023/8/20" + ENTER + ENTER * 3
    raw = run_questionnaire(DT, keys, prefill=defaults_except("meeting_date"))
    assert raw["meeting_date"] == "2023-08-20"
    assert "于2023年8月20日召开" in render_text(DT, raw)


def test_change_an_answer_in_the_review_step():
    prefill = defaults_except("unit")
    keys = ENTER  # accept the unit's default
    # review: DONE is first, then the answers in order; unit is the 2nd answer
    keys += DOWN * 2 + ENTER + CTRL_U + "县教育局" + ENTER + ENTER
    raw = run_questionnaire(DT, keys, prefill=prefill)
    assert raw["unit"] == "县教育局"


def test_conditional_question_follows_the_answer():
    prefill = defaults_except("has_office", "office_name")
    raw = run_questionnaire(DT, "n" + ENTER + ENTER, prefill=prefill)  # 否 -> office not asked; review: done
    assert raw["has_office"] is False and "office_name" not in raw
    raw = run_questionnaire(DT, DOWN + CTRL_U + "整改办" + ENTER + ENTER, prefill=prefill)  # one screen
    assert raw["office_name"] == "整改办"
    assert "各责任人每季度向整改办报告整改落实情况" in render_text(DT, raw)


def test_multichoice_write_in_and_nested_group_editing():
    prefill = defaults_except("aspect_names", "aspects")
    keys = DOWN * 6 + SPACE + ENTER + "意识形态" + ENTER  # tick 其他 and write one in
    keys += ENTER  # aspects menu: continue -> item 7 has no problems -> opened for editing
    keys += ENTER  # name: keep 意识形态
    keys += DOWN + ENTER + "阵地管理不严" + ENTER + ENTER  # problems: add one, continue
    keys += DOWN + ENTER + "压实意识形态责任" + ENTER + "每半年专题研判一次。" + ESC_ENTER + ENTER
    keys += ENTER  # aspects menu: continue
    keys += ENTER  # review: done
    raw = run_questionnaire(DT, keys, prefill=prefill)
    assert raw["aspect_names"][-1] == "意识形态"
    last = raw["aspects"][-1]
    assert last == {"name": "意识形态", "problems": ["阵地管理不严"],
                    "measures": [{"title": "压实意识形态责任", "text": "每半年专题研判一次。"}]}
    text = render_text(DT, raw)
    assert "（七）意识形态方面" in text and "【整改问题】：一是阵地管理不严。" in text


def test_delete_a_group_item_renumbers():
    prefill = defaults_except("aspects")
    # aspects menu: DONE, edit x6, add, delete -> choose delete, then item 1
    keys = DOWN * 8 + ENTER + ENTER + ENTER + ENTER
    raw = run_questionnaire(DT, keys, prefill=prefill)
    names = [a["name"] for a in raw["aspects"]]
    assert names[0] == "政治素质" and len(names) == 5
    assert "（一）政治素质方面" in render_text(DT, raw)


def test_outline_edit_in_review_drops_and_renames():
    prefill = defaults_except()
    n_answers = len([k for k in prefill if k != "office_name" or prefill.get("has_office")])
    keys = DOWN * (n_answers + 1) + ENTER  # review: 调整提纲 is last
    keys += DOWN + ENTER + DOWN + ENTER  # pick 一、组织领导 -> 删除
    keys += DOWN + ENTER + ENTER + CTRL_U + "工作时限" + ENTER  # first is now 基本原则和… -> 改名
    raw = run_questionnaire(DT, keys + ENTER + ENTER, prefill=prefill)
    doc = build(prepare(get_type(DT), raw))
    titles = [s.title for s in doc.sections]
    assert "组织领导" not in titles
    assert titles[0] == "工作时限"
    assert raw["outline"][0] == {"key": "principles_goals", "title": "工作时限"}


def test_a_deadline_before_the_meeting_is_asked_again():
    prefill = defaults_except("deadline_kind", "deadline_date")
    prefill["meeting_date"] = "2023-09-20"
    keys = RIGHT + DOWN  # one screen: 指定日期, then the date line it brings
    keys += CTRL_U + "2023年8月底" + ENTER  # before the meeting: refused, the screen stays on it
    keys += CTRL_U + "2023年12月底" + ENTER + ENTER
    raw = run_questionnaire(DT, keys, prefill=prefill)
    assert prepare(get_type(DT), raw).answers["deadline_date"] == "2023-12-底"
    problems = prepare(get_type(DT), {**raw, "deadline_date": "2023-08-底"}).problems
    assert [p.path for p in problems] == ["deadline_date"]
    assert "早于民主生活会召开日期2023年9月20日" in problems[0].message


# ---------------------------------------------------------------- several short questions on one screen

BASICS = ("year", "unit", "org_kind", "title", "meeting_date")


def drive(keys, prefill):
    """The questionnaire itself after ``keys`` (it may have been interrupted)."""
    return drive_questionnaire(DT, keys, prefill)


def test_short_questions_of_a_section_share_one_screen():
    assert [[q.key for q in run][:2] for run in screens(get_type(DT).questions, set())][:3] == [
        ["year", "unit"], ["group_leader", "group_deputy"], ["principles"]]
    assert [len(run) for run in screens(get_type(DT).questions, set())][:2] == [5, 6]
    # answered before (--from, --answers): not on the screen, which is cut there
    assert [[q.key for q in run] for run in screens(get_type(DT).questions, {"org_kind"})][:3] == [
        ["year", "unit"], ["org_kind"], ["title", "meeting_date"]]


def test_short_questions_after_a_list_join_the_sections_screen_unless_they_depend_on_it():
    from gongwen.api import date_from, listof, text

    qs = [text("intro", "导语", "", section="s"), listof("items", "各项", ["甲"], section="s"),
          text("style", "写法", "分行", section="s"), text("due", "时限", date_from("meeting_date"), section="s"),
          text("lead", "引语", lambda a: a["items"][0], section="s"),  # reads the list: asked after it
          text("only", "仅当", "", when=("items", ["甲"]), section="s"),  # asked only after the list
          text("next", "下一节", "", section="t"),  # the next section, nothing between: the same screen
          listof("more", "又一列表", [], section="t"), text("after", "其后", "", section="u")]
    assert [[q.key for q in run] for run in screens(qs, set())] == [
        ["intro", "style", "due"], ["items"], ["lead", "only", "next"], ["more"], ["after"]]
    patrol = [[q.key for q in run] for run in screens(get_type("patrol-meeting-plan").questions, set())]
    at = next(i for i, run in enumerate(patrol) if "study_due" in run)
    assert patrol[at] == ["prep_intro", "study_intro", "study_style", "study_due"] and patrol[at + 1] == [
        "study_materials"]
    # the next section's 完成时限 joins over that section's own long text (整改清单和整改落实)
    assert ["after_intro", "rectify_due"] in patrol and ["rectify_text"] not in patrol[:patrol.index(
        ["after_intro", "rectify_due"])]
    doctype = get_type("patrol-meeting-plan")
    shown = [q for q in doctype.questions if q.key in patrol[at]]
    assert Questionnaire(doctype, {}).screen_title(*shown) == "会前准备、学习研讨"


def test_a_long_label_is_shown_on_a_screen_without_its_closing_explanation():
    assert screen_label("巡视还是巡察（省级以上为巡视，市县为巡察）") == "巡视还是巡察"
    assert screen_label("巡视（巡察）时间（如“2020年4月1日至30日”，可留空）") == "巡视（巡察）时间"
    assert screen_label("副标题（标题下一行括号中的说明，如“（县、区）”表示适用于县、区；可留空）") == "副标题"
    assert screen_label("单位名称（如“县商务局”）") == "单位名称（如“县商务局”）"  # short: kept whole
    from gongwen.loader import get_registry
    from prompt_toolkit.utils import get_cwidth

    for dt in get_registry().types.values():  # every built-in label fits the screen's column unbroken
        wide = [q.label for run in screens(dt.questions, set()) if len(run) > 1 for q in run
                if get_cwidth(screen_label(q.label)) > 40]
        assert wide == [], dt.id


def test_one_screen_takes_several_answers_and_the_title_follows_them():
    keys = CTRL_U + "2024" + DOWN + CTRL_U + "县教育局" + DOWN + RIGHT + ENTER  # year, unit, 党组: one Enter
    keys += ENTER  # review: done
    raw = run_questionnaire(DT, keys, prefill=defaults_except(*BASICS))
    assert (raw["year"], raw["unit"], raw["org_kind"]) == (2024, "县教育局", "党组")
    assert "title" not in raw  # derived on the screen as it is afterwards: it follows the unit and year
    assert raw["meeting_date"] == "2024-11-28"  # a default read from today, moved with the year on the screen
    assert render_text(DT, raw).splitlines()[0] == "县教育局党组2024年主题教育专题民主生活会问题整改实施方案"


def test_an_edited_line_no_longer_follows_and_a_hidden_line_is_not_answered():
    keys = DOWN * 3 + CTRL_U + "关于整改的方案" + UP * 2 + CTRL_U + "县教育局" + ENTER + ENTER
    raw = run_questionnaire(DT, keys, prefill=defaults_except(*BASICS))
    assert raw["title"] == "关于整改的方案" and raw["unit"] == "县教育局"
    leadership = ("group_leader", "group_deputy", "group_members", "has_office", "office_name", "report_cadence")
    keys = DOWN * 3 + "n" + DOWN + RIGHT + ENTER + ENTER  # 否: the office line goes, ↓ reaches the cadence
    raw = run_questionnaire(DT, keys, prefill=defaults_except(*leadership))
    assert raw["has_office"] is False and "office_name" not in raw and raw["report_cadence"] == "每半年"


def test_a_wrong_answer_on_a_screen_is_refused_with_its_reason_and_stays():
    dt = get_type(DT)
    screen = Screen(screens(dt.questions, set())[0], {}, None, {}, "基本情况")
    screen.lines[0].buffer.text = "两千"
    assert screen.check()[1] == 0
    assert screen.lines[0].error == check_value(dt.questions[0], "两千", {})[1] == "应为整数，而不是文字"
    keys = CTRL_U + "两千" + ENTER  # refused: the screen stays on the year
    keys += CTRL_U + "2023" + ENTER + ENTER
    raw = run_questionnaire(DT, keys, prefill=defaults_except(*BASICS))
    assert raw["year"] == 2023


def test_ctrl_c_on_a_screen_keeps_the_answers_typed_on_it():
    q = drive(CTRL_U + "2024" + DOWN + CTRL_U + "县教育局" + DOWN + CTRL_U + CTRL_C, defaults_except(*BASICS))
    raw, position = q.partial()
    assert position == "year"  # resumed there: the screen's first question
    assert (raw["year"], raw["unit"]) == (2024, "县教育局")
    assert "org_kind" not in raw and "title" not in raw  # not edited: still defaults
    # a line still wrong is not saved; the valid lines below it are
    raw, _ = drive(CTRL_U + "两千" + DOWN + CTRL_U + "县教育局" + CTRL_C, defaults_except(*BASICS)).partial()
    assert raw["unit"] == "县教育局" and "year" not in raw


def test_an_interrupted_file_keeps_the_year_accepted_from_today():
    """The year defaults to this year; accepted with Enter and then interrupted, the saved
    file holds it, as a finished one does: rendered next January it is still this year's plan."""
    from gongwen.clock import this_year

    raw, _ = drive(ENTER + CTRL_C, defaults_except(*BASICS)).partial()
    assert raw["year"] == this_year() and raw["meeting_date"]
    assert "title" not in raw  # derived from unit and year: still follows them


def test_a_multi_line_prompt_speaks_chinese_only(monkeypatch):
    """questionary adds "(Finish with 'Alt+Enter' or 'Esc then Enter')" to a multi-line prompt
    unless told otherwise; the Chinese hint already says how to finish."""
    import questionary
    from gongwen.kinds import KINDS
    from gongwen.questions import multiline

    seen = {}

    class Answer:
        def unsafe_ask(self):
            return "一段。"

    def fake_text(message, **kw):
        seen.update(kw, message=message)
        return Answer()

    monkeypatch.setattr(questionary, "text", fake_text)
    q = multiline("opening", "开头段落", "原文。")
    assert KINDS["multiline"].type_in(q, "原文。", {}, "（可多行；按 Esc 再按回车 完成）", multiline=True) == "一段。"
    assert "按 Esc 再按回车" in seen["message"]
    assert seen["instruction"] is not None and not any(c.isascii() and c.isalpha() for c in seen["instruction"])


def test_a_whole_default_group_is_kept_by_a_choice_that_says_so():
    """The group menu's first choice names what Enter keeps while the items are the defaults
    ("保留默认的基本原则（4条）"), and says only "就用这些" once one of them is edited."""
    dt = get_type("theme-education-rectification")
    answers = resolve(dt.questions, {}).answers
    q = next(q for q in dt.questions if q.key == "principles")
    items = answers["principles"]
    assert keep_label(q, items, answers, q.item) == f"✔ 保留默认的基本原则（{len(items)}条），继续"
    edited = [{**items[0], "title": "坚持问题导向"}, *items[1:]]
    assert keep_label(q, edited, answers, q.item) == "✔ 就用这些，继续"
    report = get_type("theme-education-report")
    answers = resolve(report.questions, {}).answers
    q = next(q for q in report.questions if q.key == "study_materials")
    n = len(answers["study_materials"])
    assert keep_label(q, answers["study_materials"], answers, "条") == f"✔ 保留默认的学习篇目（{n}条），继续"
    assert keep_label(q, answers["study_materials"][1:], answers, "条") == "✔ 就用这些，继续"


def test_a_multiple_choice_is_told_back_in_chinese(monkeypatch):
    """The answered line of a 多选 names the choices ("? 整改涉及哪些方面： 理论学习、…"), not
    questionary's English "done (6 selections)"."""
    said: list[str] = []
    monkeypatch.setattr("gongwen.ask.say", lambda text, style="": said.append(text))
    dt = get_type("theme-education-rectification")
    defaults = prepare(dt, {}).answers
    drive_questionnaire(dt, ENTER * 3, prefill={q.key: defaults[q.key] for q in dt.questions
                                               if q.key in defaults and q.key not in ("aspect_names", "aspects")})
    [line] = [s for s in said if s.startswith("? 整改涉及哪些方面")]
    assert line == "? 整改涉及哪些方面： 理论学习、政治素质、能力本领、担当作为、工作作风、廉洁自律"
