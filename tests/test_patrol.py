"""巡视/巡察整改专题民主生活会实施方案 (patrol-meeting-plan, seed 004: nine real variants)."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES, example
from gongwen.answers import read_answers
from gongwen.errors import AnswersInvalid
from gongwen.outline import outline_to_raw, parse_outline
from gongwen.pipeline import document_bytes, prepare
from gongwen.testing import (
    CTRL_U,
    DOWN,
    ENTER,
    RIGHT,
    UP,
    build_document,
    docx_paragraphs,
    drive_questionnaire,
    get_type,
    headings,
    placeholders,
    render_docx_bytes,
    render_text,
    run_questionnaire,
)
from seeds import PATROL_NUMBER, expected_headings, seed_text

DT = "patrol-meeting-plan"
VARIANTS = [EXAMPLES / "patrol-variants" / f"{n:02d}.toml" for n in range(1, 10)]


def norm_heading(h: str) -> str:
    """Number in one spelling, title without punctuation or spaces, figures as "#".

    The seed's "xx" placeholders (which the examples fill with real facts) become "*".
    """
    m = PATROL_NUMBER.match(h)
    if not m:
        return h
    cn1, cn2, arabic = m.groups()
    number = f"{cn1}、" if cn1 else f"（{cn2}）" if cn2 else f"{arabic}."
    title = re.sub(r"x{2,}", "*", h[m.end():], flags=re.I)
    title = re.sub(r"\d+", "#", title)
    return number + re.sub(r"[^\w*#]|_", "", title)


def same_heading(seed: str, rendered: str) -> bool:
    """A normalised seed heading matches a rendered one; "*" stands for any fact (up to 12 characters)."""
    pattern = ".{0,12}?".join(re.escape(part) for part in seed.split("*"))
    return re.fullmatch(pattern, rendered) is not None


def match_ratio_of(expected: list[str], got: list[str]) -> float:
    """2·LCS/(len+len) over the two heading lists (1.0 = same headings in the same order)."""
    if not expected and not got:
        return 1.0
    table = [[0] * (len(got) + 1) for _ in range(len(expected) + 1)]
    for i, e in enumerate(expected):
        for j, g in enumerate(got):
            table[i + 1][j + 1] = table[i][j] + 1 if same_heading(e, g) else max(table[i][j + 1], table[i + 1][j])
    return 2 * table[-1][-1] / (len(expected) + len(got))


def match_ratio(seed: str, answers: dict) -> float:
    """How closely the rendered headings follow seed ``seed``'s (e.g. "004-04")."""
    expected = [norm_heading(h) for h in expected_headings(seed)]
    got = [norm_heading(h) for h in headings(DT, answers)]
    return match_ratio_of(expected, got)


# ---------------------------------------------------------------- the examples

ALL_EXAMPLES = [EXAMPLES / "patrol-meeting-plan.toml", *VARIANTS]


def leftovers(text: str) -> list[str]:
    """Placeholders, the seeds' "xx", and unfilled {fields}."""
    return placeholders(text) + re.findall(r"xx|\{\w*\}", text, flags=re.I)


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.name)
def test_example_renders_to_markdown_and_docx_without_placeholders(path):
    answers = read_answers(path)
    prep = prepare(get_type(DT), answers)
    assert prep.problems == [] and prep.warnings == []
    doc = build_document(DT, answers)
    markdown = document_bytes(doc, "md").decode("utf-8")
    assert leftovers(markdown) == []
    assert markdown.startswith(f"# {answers['title']}")
    paragraphs = docx_paragraphs(render_docx_bytes(DT, answers))
    assert leftovers("\n".join(paragraphs)) == []
    heads = headings(DT, answers)
    assert heads and all(h in paragraphs or any(p.startswith(h) for p in paragraphs) for h in heads)


@pytest.mark.parametrize("n", range(1, 10))
def test_variant_headings_match_the_seed(n):
    ratio = match_ratio(f"004-{n:02d}", read_answers(VARIANTS[n - 1]))
    print(f"variant {n}: heading match {ratio:.3f}")
    assert ratio == pytest.approx(1.0)


def test_heading_comparison_notices_a_difference():
    """The comparison is not vacuous: a renamed or dropped section lowers the figure."""
    answers = read_answers(VARIANTS[3])
    answers["outline"][2]["title"] = "查找问题"
    assert match_ratio("004-04", answers) == pytest.approx(12 / 14)
    del answers["outline"][-1]
    assert match_ratio("004-04", answers) < 12 / 14


def test_variants_5_and_7_are_the_same_document_but_7_has_no_preamble():
    five, seven = read_answers(VARIANTS[4]), read_answers(VARIANTS[6])
    assert headings(DT, five) == headings(DT, seven)
    assert build_document(DT, five).preamble and not build_document(DT, seven).preamble
    assert {k: v for k, v in five.items() if k != "preamble"} == {k: v for k, v in seven.items() if k != "preamble"}


def test_variant_facts_are_written_where_the_seed_has_them():
    text5 = render_text(DT, read_answers(VARIANTS[4]))
    assert "（一）时间：定于2019年1月22日（星期二），8:30—12:00，14:30—17:30，会期一天。" in text5
    assert "（一）深化学习研讨（1月10日前）。" in text5
    assert "①1月12日前，市政府党组班子主要负责同志与班子每个成员逐一谈心谈话。" in text5
    assert "（四）严肃认真开展批评和自我批评，高质量开好民主生活会（1月22日）。" in text5
    assert "会议召开后15日内，" in text5 and "报送市纪委监委、市委组织部。" in text5
    text2 = render_text(DT, read_answers(VARIANTS[1]))
    assert "一是认真组织学习。组织班子成员" in text2 and "四是认真撰写领导班子对照检查材料和个人发言提纲。" in text2
    assert "三是上报专题报告。会议召开后，及时将会议情况" in text2
    text3 = render_text(DT, read_answers(VARIANTS[2]))
    assert "会议时间：定于2020年11月26日上午召开。" in text3
    assert "会议议程：\n①主要领导汇报班子民主生活会准备情况。" in text3
    assert "一要提高政治站位，深化思想认识。" in text3 and "谈心谈话工作于11月20日前完成。" in text3
    text6 = render_text(DT, read_answers(VARIANTS[5]))
    assert "参加人员：\n①学校科级党员领导班子成员4人（张华、李明、雷萍、刘小林）。" in text6
    assert "每位总支委员至少向其他同志提出3条" in text6
    text8 = render_text(DT, read_answers(VARIANTS[7]))
    assert "认真对照“落实管党治党政治责任力度不够" in text8 and "等六个方面的反馈问题" in text8
    assert "形成专题报告，连同会议记录、对照检查材料报送市委，同时抄送市纪委、市委组织部。" in text8


# ---------------------------------------------------------------- vocabulary

EVERY_SECTION = [{"key": k} for k in get_type(DT).known_keys()]


@pytest.mark.parametrize("inspect, org, absent", [
    ("巡察", "党组", ("巡视", "党委")),
    ("巡视", "党委", ("巡察", "党组")),
    ("巡察", "党支部", ("巡视", "党委", "党组")),
])
def test_vocabulary_follows_the_answers_everywhere(inspect, org, absent):
    answers = {"inspect": inspect, "org_kind": org, "outline": EVERY_SECTION,
               "inspection_period": "2023年4月1日至30日", "feedback_date": "2023年6月1日",
               "study_due": "2023年8月1日", "talk_due": "2023年8月5日", "materials_due": "2023年8月10日",
               "meeting_date": "2023年8月20日", "rectify_due": "2023年11月30日", "due_in_title": True}
    text = render_text(DT, answers)
    cleaned = text.replace("党组织", "")
    for word in absent:
        assert word not in cleaned, f"“{word}”出现在{inspect}/{org}的文稿中"
    assert text.count(inspect) > 10
    members = {"党组": "党组成员", "党委": "党委委员", "党支部": "支委委员"}[org]
    assert members in text
    heads = headings(DT, answers)
    assert any(h.startswith(f"（四）查摆{inspect}反馈问题（") for h in heads), heads  # 完成时限 after it
    assert "（一）学习研讨（8月1日前）" in heads


def test_switching_inspect_changes_the_whole_default_draft():
    patrol = render_text(DT, {"inspect": "巡察", "org_kind": "党组"})
    tour = render_text(DT, {"inspect": "巡视", "org_kind": "党委"})
    assert "省委第一巡视组" in tour and "省纪委监委" in tour and "《中国共产党巡视工作条例》" in tour
    assert "县委第一巡察组" in patrol and "县纪委监委" in patrol and "巡视" not in patrol


# ---------------------------------------------------------------- outline: presets, drop, add, styles


def test_presets_are_offered_early_and_each_renders():
    dt = get_type(DT)
    keys = [q.key for q in dt.questions]
    assert keys.index("outline_preset") < 3
    assert set(dt.presets) == {"标准式", "方法步骤式", "要素式", "简要式"}
    for name in dt.presets:
        text = render_text(DT, {"outline_preset": name})
        assert leftovers(text) == []
    assert headings(DT, {"outline_preset": "简要式"}) == [
        "一、会议主题", "二、学习研讨", "三、查摆巡察反馈问题", "四、开展批评和自我批评", "五、抓好问题整改",
        "六、会议时间", "七、会议地点"]
    assert "会议时间：定于" in render_text(DT, {"outline_preset": "要素式"})
    steps = headings(DT, {"outline_preset": "方法步骤式"})
    assert "三、方法步骤" in steps and "（六）开展批评和自我批评" in steps


def test_dropping_and_adding_sections_renumbers():
    outline = [{"key": e.key} for e in get_type(DT).outline]
    full = headings(DT, {"outline": outline})
    assert full[:4] == ["一、会议主题", "二、会前准备", "（一）学习研讨", "（二）征求意见"]
    dropped = [e for e in outline if e["key"] not in ("solicit", "theme")]
    heads = headings(DT, {"outline": dropped})
    assert heads[:4] == ["一、会前准备", "（一）学习研讨", "（二）谈心谈话", "（三）查摆巡察反馈问题"]
    assert "四、有关要求" in heads
    added = [{"key": "theme"}, {"title": "经费保障", "level": 1, "paragraphs": ["会议经费列入年度预算。"]},
             *dropped, {"key": "leadership"}]
    heads = headings(DT, {"outline": added})
    assert heads[:3] == ["一、会议主题", "二、经费保障", "三、会前准备"] and heads[-1] == "七、组织领导"
    # a dropped section asks nothing
    answers = prepare(get_type(DT), {"outline": dropped}).answers
    assert "solicit_ways" not in answers and "theme" not in answers and "talk_pairs" in answers


def test_every_section_has_its_own_questions():
    dt = get_type(DT)
    with_questions = {q.section for q in dt.questions if q.section}
    containers = {"duration", "presider", "time"}  # answered by general questions (会期, 主持人, 会议日期)
    assert set(dt.known_keys()) - with_questions <= containers
    assert all(q.section in dt.known_keys() for q in dt.questions if q.section)


def test_yishi_field_and_plain_styles_count_by_position():
    outline = [{"key": "prep", "title": "会前准备工作"},
               {"key": "study", "title": "认真组织学习", "style": "yishi"},
               {"key": "talk", "title": "开展谈心谈话", "style": "yishi"},
               {"key": "materials", "title": "撰写材料", "style": "yishi"},
               {"key": "meeting", "title": "会议安排"},
               {"key": "time", "style": "field"},
               {"key": "agenda", "style": "field"},
               {"key": "after"}, {"key": "report", "style": "plain"}]
    text = render_text(DT, {"outline": outline})
    assert "一是认真组织学习。" in text and "二是开展谈心谈话。" in text and "三是撰写材料。" in text
    assert "\n会议时间：定于" in text and "\n会议议程：会议由党组书记主持" in text
    assert headings(DT, {"outline": outline}) == ["一、会前准备工作", "二、会议安排", "三、会后工作"]
    del outline[2]
    text = render_text(DT, {"outline": outline})
    assert "二是撰写材料。" in text and "三是" not in text
    after = text.split("三、会后工作")[1]
    assert after.strip().startswith("会议召开后15日内")


def test_user_section_with_items_from_the_answers_file():
    outline = [{"key": "theme"},
               {"title": "参加会议人员", "items": ["班子成员。", "邀请县纪委监委有关同志出席"], "item_style": "小标题"},
               {"title": "工作要求", "level": 1, "paragraphs": ["各环节按时完成。"],
                "items": ["会前准备充分", "会上批评到位"], "item_style": "circled"},
               {"title": "会务", "level": 1, "items": ["安排记录人员", "准备会场"], "item_style": "yishi"}]
    heads = headings(DT, {"outline": outline})
    assert heads == ["一、会议主题", "二、参加会议人员", "（一）班子成员。", "（二）邀请县纪委监委有关同志出席。",
                     "三、工作要求", "四、会务"]
    text = render_text(DT, {"outline": outline})
    assert "各环节按时完成。\n①会前准备充分。\n②会上批评到位。" in text
    assert "一是安排记录人员；二是准备会场。" in text


def test_outline_entry_problems_name_their_path():
    _, problems = parse_outline([{"key": "theme", "style": "斜体"}, {"title": "x", "items": "a"},
                                 {"title": "y", "items": ["a"], "item_style": "表格"}], get_type(DT), {})
    assert [p.path for p in problems] == ["outline[1].style", "outline[2].items", "outline[3].item_style"]
    assert "field（要素）" in problems[0].message


def test_outline_round_trip_keeps_styles_and_items():
    dt = get_type(DT)
    raw = [{"key": "time", "title": "时间：", "run_in": True}, {"key": "place", "style": "field"},
           {"title": "会务", "level": 2, "paragraphs": [], "items": ["a"], "item_style": "lines"}]
    entries, problems = parse_outline(raw, dt, {})
    assert problems == []
    assert outline_to_raw(entries, dt) == raw


# ---------------------------------------------------------------- dates


def test_a_step_due_after_the_meeting_is_refused_naming_both_dates():
    answers = example(DT)
    answers["talk_due"] = "2023年9月5日"
    problems = prepare(get_type(DT), answers).problems
    assert [p.path for p in problems] == ["talk_due"]
    assert "2023年9月5日" in problems[0].message and "2023年8月30日" in problems[0].message
    assert "谈心谈话" in problems[0].message
    with pytest.raises(AnswersInvalid):
        build_document(DT, answers)


def test_due_dates_inside_talk_pairs_and_rectification_are_checked():
    answers = read_answers(VARIANTS[4])
    answers["talk_pairs"][1]["due"] = "1月25日"  # no year: the meeting's year is meant
    answers["rectify_due"] = "2019年1月15日"
    problems = prepare(get_type(DT), answers).problems
    assert [p.path for p in problems] == ["talk_pairs[2].due", "rectify_due"]
    assert "1月25日" in problems[0].message and "2019年1月22日" in problems[0].message
    assert "早于会议召开日期2019年1月22日" in problems[1].message


def test_step_deadlines_count_back_from_the_meeting_date_until_the_clerk_sets_them():
    dues = ["学习研讨工作于3月8日前完成。", "征求意见工作于3月13日前完成。", "谈心谈话工作于3月18日前完成。",
            "查摆问题工作于3月18日前完成。", "撰写对照检查材料工作于3月23日前完成。",
            "整改任务原则上于2024年6月28日前完成。"]
    lines = render_text(DT, {"meeting_date": "2024年3月28日"}).splitlines()
    assert [line for line in lines if line in dues] == dues
    moved = render_text(DT, {"meeting_date": "2024年4月20日"})
    assert "学习研讨工作于3月31日前完成。" in moved and "整改任务原则上于2024年7月20日前完成。" in moved
    vague = render_text(DT, {"meeting_date": "2024年3月下旬"})  # no day to count from: none guessed
    assert "工作于" not in vague and "整改任务原则上于" not in vague
    cleared = render_text(DT, {"meeting_date": "2024年3月28日", "study_due": "", "rectify_due": "2024年9月底"})
    assert "学习研讨工作于" not in cleared and "征求意见工作于3月13日前完成。" in cleared
    assert "整改任务原则上于2024年9月底前完成。" in cleared


@pytest.mark.parametrize("key, value, path", [
    ("materials_due", "2023年13月5日", "materials_due"),
    ("meeting_date", "下周一", "meeting_date"),
    ("talk_pairs", [{"who": "书记与委员谈", "due": "八月某日"}], "talk_pairs[1].due"),
])
def test_a_bad_date_is_reported_with_its_key_path(key, value, path):
    answers = {key: value, "outline": EVERY_SECTION}
    problems = prepare(get_type(DT), answers).problems
    assert [p.path for p in problems] == [path]


def test_cli_check_reports_the_late_step(gw, tmp_path):
    text = (EXAMPLES / "patrol-meeting-plan.toml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('study_due = "2023年8月10日"', 'study_due = "2023年9月10日"'), encoding="utf-8")
    result = gw("check", bad)
    assert result.code != 0
    assert "study_due" in result.err + result.out and "2023年9月10日" in result.err + result.out


# ---------------------------------------------------------------- questionnaire


def test_enter_through_the_questionnaire_gives_a_complete_plan():
    raw = run_questionnaire(DT, ENTER * 120)
    assert prepare(get_type(DT), raw).problems == []
    text = render_text(DT, raw)
    assert leftovers(text) == []
    heads = headings(DT, raw)
    assert heads[:3] == ["一、会议主题", "二、会前准备", "（一）学习研讨"] and "五、有关要求" in heads


def test_questionnaire_choices_change_vocabulary_and_outline():
    # first screen: 巡视 (second choice), preset 简要式 (fourth), then accept every default
    keys = RIGHT + DOWN + RIGHT * 3 + ENTER + ENTER * 120
    raw = run_questionnaire(DT, keys)
    assert raw["inspect"] == "巡视" and raw["outline_preset"] == "简要式"
    assert "solicit_ways" not in raw  # not in this outline, so not asked
    text = render_text(DT, raw)
    assert "巡察" not in text and "省委第一巡视组" in text
    assert headings(DT, raw)[2] == "三、查摆巡视反馈问题"


def test_questionnaire_refuses_a_late_due_date_until_fixed():
    prefill = prepare(get_type(DT), {"outline_preset": "简要式", "meeting_date": "2023-08-20"}).answers
    del prefill["study_due"]
    keys = "2023年8月25日" + ENTER  # after the meeting: refused, the question stays open
    keys += CTRL_U + "8月15日" + ENTER + ENTER  # accepted; review: done
    raw = run_questionnaire(DT, keys, prefill=prefill)
    assert raw["study_due"] == "--08-15"
    assert prepare(get_type(DT), raw).problems == []
    assert "学习研讨工作于8月15日前完成。" in render_text(DT, raw)


def test_default_wording_is_not_copied_from_the_seed():
    """No 15 consecutive characters of the default prose appear in the seed (titles in 《》 and
    stock formulas aside)."""
    text = seed_text("004")
    if text is None:
        pytest.skip("seed not available (../shared/seeds): its prose is not kept in the repository")
    from gongwen_plugins.patrol import wording

    seed = re.sub(r"\s", "", text)
    formulas = ("习近平新时代中国特色社会主义思想", "问题清单、整改清单、责任清单")

    def texts(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from texts(v)
        elif isinstance(value, list):
            for v in value:
                yield from texts(v)

    copied = []
    for name, value in vars(wording).items():
        if not name.isupper():
            continue
        for text in texts(value):
            text = re.sub(r"《[^》]*》|\{\w+\}", "|", text)
            for formula in formulas:
                text = text.replace(formula, "|")
            copied += [text[i:i + 15] for i in range(len(text) - 14)
                       if "|" not in text[i:i + 15] and text[i:i + 15] in seed]
    assert copied == []


def test_document_type_validate_checks_every_step_against_the_meeting():
    """The cross-field check itself (the questionnaire also refuses such a date at once)."""
    answers = prepare(get_type(DT), {"outline": EVERY_SECTION, "meeting_date": "2023年8月20日"}).answers
    answers.update(study_due="2023-08-10", materials_due="2023-08-21", rectify_due="2023-12-底")
    problems = get_type(DT).validate(answers)
    assert [p.path for p in problems] == ["materials_due"]
    assert problems[0].message.startswith("“撰写对照检查材料”的完成时限2023年8月21日晚于会议召开日期2023年8月20日")


def test_default_title_names_the_organ_in_full_and_the_basis_includes_the_feedback():
    answers = {"unit": "县农业农村局", "org_name": "局党组", "inspection_group": "县委第二巡察组"}
    lines = render_text(DT, answers).splitlines()
    assert lines[0] == "中共县农业农村局党组巡察整改专题民主生活会实施方案"  # not the short 局党组
    assert lines[1].startswith("根据县委巡察工作领导小组《关于召开巡察整改专题民主生活会的通知》、"
                               "县委第二巡察组《关于巡察县农业农村局党组的反馈意见》要求，")


def test_a_new_talk_pair_starts_with_the_due_date_of_the_one_above():
    prefill = prepare(get_type(DT), {"meeting_date": "2023-08-20"}).answers
    del prefill["talk_pairs"]
    given = {"talk_pairs": [{"who": "书记与班子成员谈", "due": "2023-08-05"}]}
    keys = UP * 3 + ENTER + "班子成员之间相互谈" + ENTER + ENTER  # ＋ 新增一项: who typed, due kept
    keys += ENTER + ENTER  # the menu: continue; the review: done
    q = drive_questionnaire(DT, keys, prefill, given)
    assert q.raw["talk_pairs"] == [{"who": "书记与班子成员谈", "due": "2023-08-05"},
                                   {"who": "班子成员之间相互谈", "due": "2023-08-05"}]


def test_lists_of_names_are_lines_of_a_screen_split_at_semicolons():
    prefill = prepare(get_type(DT), {"meeting_date": "2023-08-20"}).answers
    for key in ("solicit_ways", "solicit_scope", "solicit_due"):
        del prefill[key]
    keys = DOWN + CTRL_U + "局机关各股室；机关党员干部; 种养大户、合作社代表" + ENTER  # one screen: ways, scope, due
    keys += ENTER  # the review: done
    q = drive_questionnaire(DT, keys, prefill)
    assert q.answers["solicit_scope"] == ["局机关各股室", "机关党员干部", "种养大户、合作社代表"]
    assert q.answers["solicit_ways"] == ["召开座谈会", "个别走访", "发放征求意见表", "设置意见箱"]  # kept as shown
    assert q.answers["solicit_due"] == "2023-08-05"  # counted back from the meeting on the same screen


def test_quoted_feedback_areas_nest_their_own_quotation_marks():
    """Areas listed in quotation marks that hold quoted words themselves: “……‘两个维护’……”, not
    “……“两个维护”……” (one pair of double marks inside another)."""
    raw = example("patrol-meeting-plan")
    raw["problems_style"] = "引号列举"
    raw["feedback_areas"] = ["践行“两个维护”存在差距", "作风建设抓而不实"]
    text = render_text("patrol-meeting-plan", raw)
    assert "“践行‘两个维护’存在差距”“作风建设抓而不实”" in text
