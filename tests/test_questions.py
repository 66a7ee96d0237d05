"""Every question kind: coercion, validation messages, defaults, conditions, groups."""

import datetime

import pytest
from gongwen import questions as q
from gongwen.questions import check_value, resolve


@pytest.mark.parametrize("question, raw, value", [
    (q.text("t", "标题"), "  整改方案 ", "整改方案"),
    (q.multiline("m", "段落"), "第一行\n第二行\n", "第一行\n第二行"),
    (q.choice("c", "类别", ["党委", "党组"]), "党组", "党组"),
    (q.multichoice("mc", "方面", ["甲", "乙"]), ["甲", "自定义"], ["甲", "自定义"]),
    (q.confirm("y", "是否"), "是", True),
    (q.confirm("y", "是否"), False, False),
    (q.integer("n", "份数", min=0, max=10), "7", 7),
    (q.integer("n", "份数"), " -12 ", -12),
    (q.integer("n", "份数"), "１２", 12),  # full-width digits, as a Chinese input method types them
    (q.integer("year", "年度"), "2021年", 2021),  # with the measure word a clerk writes after it
    (q.integer("n", "学习时长（小时）"), "40 小时", 40),
    (q.date("d", "日期"), "2023年8月20日", "2023-08-20"),
    (q.date("d", "日期"), datetime.date(2023, 8, 20), "2023-08-20"),
    (q.date("d", "日期", allow_range=True), "2020年4月至9月", "2020-04/2020-09"),
    (q.listof("l", "条目"), [" a ", "", "b"], ["a", "b"]),
])
def test_kinds_accept_good_values(question, raw, value):
    assert check_value(question, raw, {}) == (value, None)


@pytest.mark.parametrize("question, raw, word", [
    (q.text("t", "标题"), "", "不能为空"),
    (q.text("t", "标题"), ["列表"], "应为文字"),
    (q.choice("c", "类别", ["党委", "党组"]), "支部", "党委、党组"),
    (q.multichoice("mc", "方面", ["甲"], other=False), ["丙"], "不在可选项"),
    (q.confirm("y", "是否"), "也许", "true 或 false"),
    (q.integer("n", "份数", min=0, max=10), "十", "应为整数"),
    (q.integer("n", "份数"), "①", "应为整数"),  # a digit to str.isdigit(), not to int()
    (q.integer("n", "份数"), "²", "应为整数"),
    (q.integer("n", "份数"), "12万", "应为整数"),  # not a measure word: 120000, not 12
    (q.integer("n", "份数"), "--5", "应为整数"),
    (q.integer("n", "份数", min=0, max=10), 11, "不能大于 10"),
    (q.integer("n", "份数", min=0), -1, "不能小于 0"),
    (q.date("d", "日期"), "2023年13月", "2023年13月"),
    (q.date("d", "日期"), "2020年4月至9月", "范围"),
    (q.date("d", "日期"), 20230820, "应为日期文字"),
    (q.listof("l", "条目", min_items=1), [], "至少需要 1 项"),
    (q.listof("l", "条目"), "一条", "应为列表"),
    (q.group("g", "组", [q.text("a", "甲")]), {"a": "x"}, "表格数组"),
])
def test_kinds_refuse_bad_values_in_chinese(question, raw, word):
    _, error = check_value(question, raw, {})
    assert error and word in error


def test_custom_validator_and_optional():
    question = q.text("t", "标题", validate=lambda v, a: None if v.endswith("方案") else "标题应以“方案”结尾")
    assert check_value(question, "整改通知", {})[1] == "标题应以“方案”结尾"
    assert check_value(q.text("o", "可空", optional=True), "", {}) == ("", None)


QS = [
    q.text("unit", "单位", "县农业农村局"),
    q.text("title", "标题", lambda a: f"{a['unit']}整改方案"),
    q.confirm("has_office", "办公室", False),
    q.text("office", "办公室名称", "整改办", when=("has_office", True)),
    q.group("aspects", "方面", [
        q.text("name", "名称"),
        q.listof("problems", "问题", min_items=1),
        q.group("measures", "措施", [q.text("title", "标题"), q.integer("days", "天数", 30, min=1)]),
    ], [{"name": "理论学习", "problems": ["学习不系统"], "measures": [{"title": "强化学习"}]}]),
]


def test_computed_default_follows_earlier_answer():
    assert resolve(QS, {"unit": "县教育局"}).answers["title"] == "县教育局整改方案"
    assert resolve(QS, {"unit": "县教育局", "title": "自拟"}).answers["title"] == "自拟"


def test_conditional_question_only_when_condition_holds():
    assert "office" not in resolve(QS, {}).answers
    assert resolve(QS, {"has_office": True}).answers["office"] == "整改办"


def test_nested_groups_fill_defaults_and_report_every_problem_with_paths():
    res = resolve(QS, {
        "unit": "",
        "aspects": [
            {"name": "甲", "problems": ["p"], "measures": [{"title": "", "days": 0}, {"title": "ok"}]},
            {"name": ["x"], "problems": []},
        ],
        "unknwon": 1,
    })
    assert [str(p) for p in res.problems] == [
        "unit：不能为空",
        "aspects[1].measures[1].title：不能为空",
        "aspects[1].measures[1].days：不能小于 1（现为 0）",
        "aspects[2].name：应为文字，而不是列表",
        "aspects[2].problems：至少需要 1 项",
    ]
    assert res.answers["aspects"][0]["measures"][1]["days"] == 30
    assert [w.path for w in res.warnings] == ["unknwon"]


def test_defaults_are_copies():
    a = resolve(QS, {}).answers
    a["aspects"][0]["problems"].append("x")
    assert resolve(QS, {}).answers["aspects"][0]["problems"] == ["学习不系统"]


def test_section_questions_skipped_when_section_dropped():
    question = q.text("goals", "目标", "x", section="goals")
    assert "goals" in resolve([question], {}, {"goals"}).answers
    assert "goals" not in resolve([question], {}, {"other"}).answers
