"""主题教育专题民主生活会召开情况通报 (theme-education-report, seed 002)."""

import pytest
from conftest import EXAMPLES, example
from gongwen.model import flatten
from gongwen.pipeline import document_bytes, prepare
from gongwen.testing import (
    CTRL_U,
    DOWN,
    ENTER,
    build_document,
    docx_paragraphs,
    get_type,
    headings,
    placeholders,
    render_text,
    run_questionnaire,
)
from seeds import expected_headings, norm

DT = "theme-education-report"
EXAMPLE = EXAMPLES / f"{DT}.toml"


def problems(answers: dict) -> list:
    return prepare(get_type(DT), answers).problems


# ---------------------------------------------------------------- the example


def test_example_headings_match_the_seed():
    expected = expected_headings("002")
    assert len(expected) == 12
    assert [norm(h) for h in headings(DT, example(DT))] == [norm(h) for h in expected]


def test_example_renders_every_figure_with_no_placeholder():
    answers = example(DT)
    assert problems(answers) == []
    text = render_text(DT, answers)
    assert placeholders(text) == []
    assert text.splitlines()[0] == "2023年主题教育民主生活会会议召开情况通报"
    for fact in [
        "市交通运输局党委", "于2023年8月22日召开", "市委主题教育第三指导组王建国组长到会指导",
        "《党章》《关于新形势下党内政治生活的若干准则》《中国共产党纪律处分条例》、习近平总书记",
        "集中学习研讨5次、累计学习40学时",
        "五个层面征求意见，发出意见征求表150份、收回142份，共收集意见建议53条",
        "理论学习方面9条", "谈心谈话32人次", "修改完善4轮", "4名党委委员", "会前已先行解决3个突出问题：一是",
        "会议由党委书记李志刚主持，党委副书记陈建华、党委委员赵明、孙丽参加会议", "会期半天",
        "本次会议共安排五项议程：一是书面通报本次民主生活会征求意见情况；二是", "相互批评意见26条",
        "提出三点要求：一要在整改方向上再明确再聚焦。", "查摆出的12个问题和4名党委委员查摆出的26个问题",
        "2023年8月28日至31日", "分别到9个部门", "在前期已出台18项制度的基础上", "新制定制度4项、修订完善6项",
    ]:
        assert fact in text, fact


def test_run_in_headings_and_after_items_with_a_lead():
    paras = flatten(build_document(DT, example(DT)))
    study = next(p for p in paras if p.kind == "heading" and p.text == "抓好学习教育，全面打牢思想基础。")
    assert (study.number, study.level) == ("（一）", 2) and study.rest.startswith("会前，党委班子")
    leads = [p.lead for p in paras if p.kind == "body" and p.lead]
    assert leads == ["一是对照清单落实整改。", "二是规范政治生活制度。", "三是着力解决突出问题。",
                     "四是建章立制务求实效。"]
    meeting = paras[[p.heading for p in paras].index("二、会议阶段：深入检视剖析，真刀真枪自我革命") + 1]
    assert meeting.kind == "body" and meeting.text.startswith("2023年8月22日，市交通运输局党委在局机关四楼会议室")


def test_example_renders_to_markdown_and_docx(gw, tmp_path):
    r = gw("render", EXAMPLE, "-o", "report.md")
    assert r.code == 0, r.err
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# 2023年主题教育民主生活会会议召开情况通报")
    assert "### （三）抓好谈心谈话，沟通思想增进共识。" in md and "**二是规范政治生活制度。**" in md
    assert placeholders(md) == []
    doc = build_document(DT, example(DT))
    assert document_bytes(doc, "md").decode() == md

    paras = docx_paragraphs(document_bytes(doc, "docx"))
    text = "\n".join(paras)
    assert placeholders(text) == []
    assert "一、会前阶段：周密开展部署，保质保量做好准备" in paras
    assert any(p.startswith("（一）抓好学习教育，全面打牢思想基础。会前，") for p in paras)
    assert any(p.startswith("四是建章立制务求实效。") for p in paras)


# ---------------------------------------------------------------- figures must agree


@pytest.mark.parametrize("key, value, path, message", [
    ("team_total", 14, "team_total", "党委班子查摆问题：即知即改 5 + 阶段性 4 + 长期 3 = 12，与问题总数 14 不符"),
    ("members_long", 7, "members_total",  # the members' classes too, naming the members
     "党委委员个人查摆问题：即知即改 12 + 阶段性 9 + 长期 7 = 28，与问题总数 26 不符"),
])
def test_problem_classes_must_add_up_to_the_total(key, value, path, message):
    answers = example(DT)
    answers[key] = value
    [p] = problems(answers)
    assert (p.path, p.message) == (path, message)


def test_opinion_groups_must_add_up_to_the_total():
    answers = example(DT)
    answers["opinion_groups"][0]["count"] = 10
    [p] = problems(answers)
    assert p.path == "opinions_total"
    assert p.message == ("意见建议分类：理论学习方面 10 + 政治素质方面 8 + 能力本领方面 10 + 担当作为方面 9 + "
                         "工作作风方面 11 + 廉洁自律方面 6 = 54，与意见建议总数 53 不符")
    answers["opinion_groups"] = []  # no grouping written: nothing to add up
    assert problems(answers) == []
    assert "经分类梳理" not in render_text(DT, answers)


@pytest.mark.parametrize("key, value, message", [
    ("team_quick_done", 6, "党委班子查摆问题：已整改 6 超过即知即改问题 5"),
    ("members_stage_done", 10, "党委委员个人查摆问题：已完成 10 超过阶段性整改问题 9"),
    ("forms_returned", 151, "意见征求表：收回 151 超过发放 150"),
])
def test_done_may_not_exceed_its_total(key, value, message):
    answers = example(DT)
    answers[key] = value
    assert [(p.path, p.message) for p in problems(answers)] == [(key, message)]


@pytest.mark.parametrize("change, path", [
    ({"criticisms": -1}, "criticisms"),
    ({"team_stage": -2}, "team_stage"),
    ({"forms_sent": "一百五十"}, "forms_sent"),
])
def test_counts_are_non_negative_integers(change, path):
    answers = {**example(DT), **change}
    [p] = problems(answers)
    assert p.path == path
    assert "不能小于 0" in p.message or "整数" in p.message


def test_negative_count_in_a_group_is_refused():
    answers = example(DT)
    answers["opinion_groups"][1]["count"] = -8
    [p] = problems(answers)
    assert (p.path, p.message) == ("opinion_groups[2].count", "不能小于 0（现为 -8）")


def test_render_refuses_figures_that_do_not_agree(gw, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("team_total = 12", "team_total = 13")
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    r = gw("render", "bad.toml", "-o", "bad.md")
    assert r.code != 0 and not (tmp_path / "bad.md").exists()
    assert "即知即改 5 + 阶段性 4 + 长期 3 = 12，与问题总数 13 不符" in r.out + r.err
    assert r.err.startswith("错误：bad.toml 中有 1 处问题：team_total：") and r.err.count("\n") == 1  # one line


def test_progress_wording_follows_the_figures():
    answers = {**example(DT), "team_quick_done": 3, "team_stage_done": 1, "team_long_done": 3,
               "members_quick": 0, "members_quick_done": 0, "members_stage": 21}
    text = render_text(DT, answers)
    assert ("党委班子即知即改类问题5个中已完成3个、正在加紧整改2个，阶段性整改问题4个中已完成1个、"
            "正在按计划推进3个，长期整改问题3个已全部整改到位；") in text
    assert "党委委员阶段性整改问题21个正在按计划推进，长期整改问题5个正在持续推进。" in text


# ---------------------------------------------------------------- outline


def test_dropping_a_section_renumbers_and_skips_its_questions():
    answers = example(DT)
    answers["outline"] = [e for e in answers["outline"] if e["key"] not in ("talks", "criticism")]
    answers["opinions_total"] = 99  # the opinions check still applies …
    assert [p.path for p in problems(answers)] == ["opinions_total"]
    answers["opinions_total"] = 53
    heads = headings(DT, answers)
    assert heads[1:5] == ["（一）抓好学习教育，全面打牢思想基础。", "（二）抓好意见收集，认真梳理检视问题。",
                          "（三）抓好提纲撰写，做好剖析准备工作。", "（四）抓好先行先改，做好先期整改落实。"]
    assert heads[6:9] == ["（一）会议主题鲜明突出。", "（二）会议程序严密规范。", "（三）领导点评充分到位。"]
    text = render_text(DT, answers)
    assert "谈心谈话32人次" not in text and "相互批评意见" not in text
    resolved = prepare(get_type(DT), answers).answers
    assert "talks" not in resolved and "criticisms" not in resolved


def test_dropping_the_after_phase_drops_its_checks():
    answers = example(DT)
    answers["outline"] = [e for e in answers["outline"] if e["key"] != "after"]
    answers["team_total"] = 99
    assert problems(answers) == []  # its figures are not asked, so not compared
    assert headings(DT, answers)[-1] == "（四）领导点评充分到位。"


# ---------------------------------------------------------------- questionnaire


def test_enter_through_the_questionnaire_gives_a_complete_draft():
    raw = run_questionnaire(DT, ENTER * 120)
    assert problems(raw) == []
    text = render_text(DT, raw)
    assert placeholders(text) == []
    assert [h[:2] for h in headings(DT, raw)] == ["一、", "（一", "（二", "（三", "（四", "（五",
                                                 "二、", "（一", "（二", "（三", "（四", "三、"]
    for figure in ("发出意见征求表120份、收回120份，共收集意见建议48条", "廉洁自律方面6条", "相互批评意见25条",
                   "查摆出的12个问题和5名党委委员查摆出的26个问题", "长期整改问题3个正在持续推进"):
        assert figure in text


def test_typed_figures_reach_the_draft_and_defaults_follow_them():
    prefill = {k: v for k, v in prepare(get_type(DT), {"year": 2023}).answers.items()
               if k != "criticisms" and not k.startswith("team_")}
    keys = CTRL_U + "-3" + ENTER  # criticisms: refused, the question stays open
    keys += CTRL_U + "23" + ENTER
    # one screen: team_quick 7, team_stage (4), team_long 4, team_total: the sum, 15, computed;
    # done: quick (all 7), stage 1, long 0
    keys += CTRL_U + "7" + DOWN * 2 + CTRL_U + "4" + DOWN * 3 + CTRL_U + "1" + ENTER
    keys += ENTER  # review: done
    raw = run_questionnaire(DT, keys, prefill=prefill)
    assert raw["criticisms"] == 23
    answers = prepare(get_type(DT), raw).answers
    assert [answers[f"team_{k}"] for k in ("total", "quick", "stage", "long", "quick_done", "stage_done",
                                           "long_done")] == [15, 7, 4, 4, 7, 1, 0]
    assert "team_total" not in raw  # derived: it follows the parts if they are changed in the file
    assert problems(raw) == []
    text = render_text(DT, raw)
    assert "相互批评意见23条" in text
    assert ("党委班子查摆出的15个问题" in text and "即知即改类问题7个已全部整改到位，阶段性整改问题4个中已完成1个、"
            "正在按计划推进3个，长期整改问题4个正在持续推进" in text)


@pytest.mark.parametrize("presider, speaker", [
    ("党委书记李志刚", "李志刚同志"),  # office and name: the agenda names the person
    ("党委书记", "党委书记"),  # no name given: by office
    ("党委书记、局长李志刚", "党委书记"),  # more than one office: not guessed
])
def test_default_agenda_names_the_presider_as_the_answer_does(presider, speaker):
    text = render_text(DT, {"presider": presider})
    assert f"二是{speaker}代表党委班子作对照检查；" in text
    assert f"{speaker}作总结讲话" in text


def test_a_report_made_from_the_defaults_tells_what_already_happened(monkeypatch):
    """Written on 2026年11月28日: the meeting three weeks earlier, the branch meetings after it
    and before the report, the report dated that day; nothing reported as done in the future."""
    monkeypatch.setenv("GONGWEN_TODAY", "2026-11-28")
    text = render_text("theme-education-report", {})
    assert "于2026年11月7日召开" in text and "2026年11月10日至20日" in text
    assert text.endswith("2026年11月28日")
