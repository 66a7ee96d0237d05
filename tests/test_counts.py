"""Counted items (gongwen.counts): figures that must agree, with messages naming them."""

from gongwen.kit.counts import count, not_more_than, remainder, sum_equals, terms, total_of, value_at
from gongwen.questions import check_value, resolve

LABELS = {"total": "问题总数", "quick": "即知即改", "stage": "阶段性", "long": "长期"}


def test_sum_mismatch_names_every_figure_and_the_total():
    a = {"total": 12, "quick": 5, "stage": 3, "long": 2}
    [p] = sum_equals(a, "total", ["quick", "stage", "long"], LABELS, "会后整改")
    assert p.path == "total"
    assert p.message == "会后整改：即知即改 5 + 阶段性 3 + 长期 2 = 10，与问题总数 12 不符"
    assert sum_equals({**a, "total": 10}, "total", ["quick", "stage", "long"], LABELS) == []


def test_nested_keys_and_group_items():
    a = {"after": {"problems": 7, "done": 8},
         "teams": [{"name": "班子", "total": 4}, {"name": "成员", "total": 5}]}
    assert value_at(a, "after.done") == 8
    assert value_at(a, "teams[2].total") == 5
    assert value_at(a, "teams[3].total") is None and value_at(a, "after.missing") is None
    assert terms(a, "teams[].total", {"teams[].total": "{name}"}) == [("班子", 4), ("成员", 5)]
    assert total_of(a, "teams[].total") == 9
    [p] = sum_equals(a, "after.problems", ["teams[].total"], {"after.problems": "总数", "teams[].total": "{name}"})
    assert (p.path, p.message) == ("after.problems", "班子 4 + 成员 5 = 9，与总数 7 不符")
    [p] = not_more_than(a, "after.done", "after.problems", {"after.done": "已完成", "after.problems": "总数"}, "整改")
    assert (p.path, p.message) == ("after.done", "整改：已完成 8 超过总数 7")


def test_group_items_without_a_label_are_numbered():
    a = {"total": 1, "g": [{"n": 1}, {"n": 2}]}
    [p] = sum_equals(a, "total", ["g[].n"], {"total": "合计"})
    assert p.message == "第1项 1 + 第2项 2 = 3，与合计 1 不符"


def test_done_not_more_than_total():
    a = {"quick": 5, "quick_done": 6}
    labels = {"quick_done": "已整改", "quick": "即知即改问题"}
    [p] = not_more_than(a, "quick_done", "quick", labels, "班子")
    assert (p.path, p.message) == ("quick_done", "班子：已整改 6 超过即知即改问题 5")
    assert not_more_than({"quick": 5, "quick_done": 5}, "quick_done", "quick", labels) == []


def test_checks_skip_figures_not_answered():
    """A dropped section's questions are not asked: nothing to compare."""
    assert sum_equals({"quick": 5}, "total", ["quick"]) == []
    assert sum_equals({"total": 3}, "total", ["quick", "stage"]) == []
    assert sum_equals({"total": 3, "g": []}, "total", ["g[].n"]) == []
    assert not_more_than({"quick_done": 9}, "quick_done", "quick") == []
    assert sum_equals({"total": True, "quick": 1}, "total", ["quick"]) == []  # a yes/no is not a count


def test_remainder_default_fills_the_last_part():
    last = remainder("total", ["quick", "stage"])
    assert last({"total": 12, "quick": 5, "stage": 4}) == 3
    assert last({"total": 5, "quick": 5, "stage": 4}) == 0  # never negative; the sum check reports it
    res = resolve([count("total", "总数", 10), count("quick", "即知即改", 6),
                   count("long", "长期", remainder("total", ["quick"]))], {"total": 9})
    assert res.answers == {"total": 9, "quick": 6, "long": 3}


def test_count_question_refuses_negatives_and_non_integers():
    q = count("talks", "谈心谈话（人次）", 30)
    assert check_value(q, "12", {}) == (12, None)
    assert check_value(q, -1, {})[1] == "不能小于 0（现为 -1）"
    assert "整数" in check_value(q, "十二", {})[1]
    assert check_value(count("n", "人数", 1, min=1), 0, {})[1] == "不能小于 1（现为 0）"
