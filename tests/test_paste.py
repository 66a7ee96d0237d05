"""Pasting a list copied from Word at a list or group menu (📋 粘贴一份清单)."""

from pathlib import Path

import pytest
from gongwen.answers import read_answers
from gongwen.paste import parse_paste, recognised
from gongwen.testing import CTRL_C, ENTER, ESC_ENTER, UP, drive_questionnaire, get_type, render_text

ROOT = Path(__file__).resolve().parent.parent
PH = "party-history-rectification"
EXAMPLE = read_answers(ROOT / "examples" / f"{PH}.toml")
CN = "一二三四五六七八九十"


def question(type_id, key):
    return next(q for q in get_type(type_id).questions if q.key == key)


def bracketed(text):
    """What a terminal sends when text is pasted into it."""
    return "\x1b[200~" + text + "\x1b[201~"


def word_copy(aspect_number=lambda i: f"{CN[i]}、", problem_number=lambda j: f"({j})\t", indent="\t"):
    """The example's aspects as a clerk's 问题清单 copied from Word: tabs, blank lines,
    half-width brackets, the responsibility fields on cue lines."""
    lines = ["", "  "]
    for i, aspect in enumerate(EXAMPLE["aspects"]):
        lines += [aspect_number(i) + aspect["title"], ""]
        for j, p in enumerate(aspect["problems"], 1):
            measures = p["measures"]
            run_in = "；".join(f"{CN[k]}是{m}" for k, m in enumerate(measures)) if len(measures) > 1 else measures[0]
            lines += [f"{indent}{problem_number(j)}{p['problem']}。",
                      f"{indent * 2}整改措施：{run_in}。",
                      f"{indent * 2}责任领导：{p['leader']}；牵头单位：{p['lead_unit']}",
                      f"{indent * 2}责任单位：{p['units']}\t完成时限：{p['deadline']}", ""]
    return "\r\n".join(lines)


@pytest.fixture
def said(monkeypatch):
    """What the questionnaire says (printed to its terminal)."""
    lines = []
    monkeypatch.setattr("gongwen.ask.say", lambda text, style="": lines.append(text))
    return lines


def ph_prefill():
    return {k: v for k, v in EXAMPLE.items() if k not in ("aspects", "type")} | {"fields_in_body": True, "note": ""}


PASTE = UP + ENTER  # the menu's last choice: 📋 粘贴一份清单


def test_the_party_history_list_pasted_from_word_gives_the_example(said):
    keys = PASTE + bracketed(word_copy()) + ESC_ENTER + ENTER + ENTER + ENTER  # keep, continue, review done
    q = drive_questionnaire(PH, keys, ph_prefill())
    assert q.position == ""  # ran to the end
    assert q.raw["aspects"] == EXAMPLE["aspects"]
    assert "识别出 5 个方面、14 个问题、18 条整改措施：" in said
    assert said[said.index("识别出 5 个方面、14 个问题、18 条整改措施：") + 1].startswith("  1. 在带头深刻感悟")
    assert "      1. 理论学习的系统性还不足" in said
    text = render_text(PH, q.raw)
    at = [text.index(p["problem"]) for a in EXAMPLE["aspects"] for p in a["problems"]]
    assert at == sorted(at)


@pytest.mark.parametrize("variant", [
    {"aspect_number": lambda i: "", "problem_number": lambda j: "", "indent": ""},  # Word's numbering lost
    {"aspect_number": lambda i: "", "problem_number": lambda j: "", "indent": "\t"},  # lost, indented
    {"aspect_number": lambda i: f"{CN[i]}、", "problem_number": lambda j: "", "indent": ""},  # problems' lost
    {"aspect_number": lambda i: f"（{CN[i]}）", "problem_number": lambda j: f"{j}．", "indent": "    "},
])
def test_numbering_lost_or_typed_any_way_gives_the_same_items(variant):
    assert parse_paste(word_copy(**variant), question(PH, "aspects")) == EXAMPLE["aspects"]


def test_a_measure_line_run_on_after_its_problem_and_circled_measures():
    text = ("1、理论学习不深入。整改措施：一是制定学习计划；二是开展专题研讨。\n"
            "2、调查研究不够\n①深入基层调研\n②形成调研报告")
    items = parse_paste(text, question(PH, "aspects").fields[1])
    assert [(i["problem"], i["measures"]) for i in items] == [
        ("理论学习不深入", ["制定学习计划", "开展专题研讨"]), ("调查研究不够", ["深入基层调研", "形成调研报告"])]


def test_a_list_question_takes_numbered_lines_and_run_in_parts():
    q = question("rectification-report", "plans")
    text = "1. 对正在推进的问题实行挂图作战；\n 2．对已完成的问题开展“回头看”。\n\n一是制定年度推进计划；二是纳入考核。"
    assert parse_paste(text, q) == ["对正在推进的问题实行挂图作战", "对已完成的问题开展“回头看”",
                                    "制定年度推进计划", "纳入考核"]
    assert recognised(q, parse_paste(text, q)) == "识别出 4 条下一步打算"


def test_measures_pasted_with_their_label_as_the_prompt_shows_them():
    """The measures prompt's own example, "整改措施：一是……；二是……", pasted at the measures
    list gives the measures without the label; a list of one loses its lone "一是"."""
    problems = next(f for f in question(PH, "aspects").fields if f.key == "problems")
    measures = next(f for f in problems.fields if f.key == "measures")
    assert parse_paste("整改措施：一是制定学习计划；二是开展专题研讨；三是建立学习台账。", measures) == \
        ["制定学习计划", "开展专题研讨", "建立学习台账"]
    assert parse_paste("整改措施：一是每年撰写调研报告1篇。", measures) == ["每年撰写调研报告1篇"]
    [one] = parse_paste("1. 理论学习不系统\n整改措施：一是每年撰写调研报告1篇。\n责任领导：区长", problems)
    assert one == {"problem": "理论学习不系统", "measures": ["每年撰写调研报告1篇"], "leader": "区长"}


def test_the_line_that_introduces_a_numbered_list_is_not_an_item():
    agenda = question("theme-education-report", "agenda")
    text = "会议议程：\n一、书面通报征求意见情况；\n二、李志刚同志代表党委班子作对照检查，其他成员逐一发言。"
    assert parse_paste(text, agenda) == ["书面通报征求意见情况", "李志刚同志代表党委班子作对照检查，其他成员逐一发言"]
    text = "对照检查查摆出的问题如下：\n" + word_copy()
    assert parse_paste(text, question(PH, "aspects")) == EXAMPLE["aspects"]


def test_unstructured_text_is_one_item_a_line():
    q = question("grassroots-special-action", "problems")
    text = "\u3000\u3000理想信念教育流于形式\n\n\u3000\u3000党内政治生活不严肃\n\u3000\u3000党建工作抓而不实 \n"
    items = parse_paste(text, q)
    assert [i["problem"] for i in items] == ["理想信念教育流于形式", "党内政治生活不严肃", "党建工作抓而不实"]
    assert parse_paste("第一条\n第二条\n", question("rectification-report", "plans")) == ["第一条", "第二条"]


def test_pasted_items_missing_answers_are_asked_as_usual():
    """A pasted problem without measures is opened for editing at ✔ (measures at least one)."""
    keys = PASTE + bracketed("一、理论学习方面\n1. 学习不深入") + ESC_ENTER + ENTER + ENTER
    q = drive_questionnaire(PH, keys, ph_prefill())  # runs out of keys in the item it opened
    aspects = q.raw["aspects"]
    assert [a["title"] for a in aspects] == ["理论学习方面"]
    problem = aspects[0]["problems"][0]
    assert problem["problem"] == "学习不深入"
    assert q.position == "aspects"


def test_ctrl_c_at_the_paste_prompt_keeps_the_items():
    before = {"aspects": EXAMPLE["aspects"][:2]}
    q = drive_questionnaire(PH, PASTE + "一、新的方面" + CTRL_C, ph_prefill(), before)
    raw, position = q.partial()
    assert position == "aspects" and raw["aspects"] == EXAMPLE["aspects"][:2]


def test_not_keeping_the_pasted_list_leaves_the_items_unchanged(said):
    before = {"aspects": EXAMPLE["aspects"][:2]}
    keys = PASTE + bracketed(word_copy()) + ESC_ENTER + "\x1b[B" + ENTER + ENTER + ENTER  # ✘ 不保留, ✔, review
    q = drive_questionnaire(PH, keys, ph_prefill(), before)
    assert q.position == "" and q.raw["aspects"] == EXAMPLE["aspects"][:2]
    assert any(line.startswith("识别出 5 个方面") for line in said)


def test_headings_above_the_problems_of_a_type_without_aspects_are_not_problems():
    """A clerk's list grouped by 方面, pasted into a type whose problems have no aspect field: the
    problems are the numbered lines under the headings, each with its own measures."""
    text = ("一、村级组织建设方面\n1.\t部分村党组织书记年龄偏大，带头致富能力不强。\n"
            "整改措施：一是开展书记队伍分析研判；二是建立后备人才库。\n"
            "2.\t个别村“三会一课”记录不规范。\n整改措施：一是逐村检查；二是统一印发记录本。\n\n"
            "二、党员教育管理方面\n1.\t流动党员底数不清。\n整改措施：一是逐村摸排；二是每月推送学习内容。\n")
    q = question("grassroots-special-action", "problems")
    items = parse_paste(text, q)
    assert [(i["problem"], i["measures"]) for i in items] == [
        ("部分村党组织书记年龄偏大，带头致富能力不强", ["开展书记队伍分析研判", "建立后备人才库"]),
        ("个别村“三会一课”记录不规范", ["逐村检查", "统一印发记录本"]),
        ("流动党员底数不清", ["逐村摸排", "每月推送学习内容"]),
    ]
    assert recognised(q, items) == "识别出 3 个问题、6 条具体措施"
