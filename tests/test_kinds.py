"""A new question kind is one entry in ``gongwen.kinds.KINDS``; nothing else is edited.

The kind here, 星级, exists only in this test: it is registered in the table and then
read from an answers file, checked, shown (review step, ``gongwen show``), written to
an answers file and asked at the prompt, top level and inside a repeating group.
"""

import pytest
from gongwen import cli, kinds
from gongwen import questions as q
from gongwen.answers import dump_answers, parse_toml
from gongwen.doctype import DocumentType, Draft, section
from gongwen.testing import CTRL_U, ENTER, get_type, run_questionnaire
from typer.testing import CliRunner


class Stars(kinds.Kind):
    """A rating from 1 to 5, written as stars ("★★★") or a number; stored as the number."""

    key, name = "stars", "星级"

    def empty(self):
        return 0

    def coerce(self, question, value):
        if isinstance(value, str) and value.strip() and set(value.strip()) == {"★"}:
            value = len(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            return value, "应为 1～5 颗星（如“★★★”）"
        return value, None

    def show(self, question, value):
        return "★" * value if isinstance(value, int) else str(value)

    def comment(self, question):
        return "（1～5 颗星，写作 \"★★★\" 或 3）"

    def prompt_default(self, question, value):
        return self.show(question, value) if value else ""


@pytest.fixture
def doctype(monkeypatch):
    monkeypatch.setitem(kinds.KINDS, Stars.key, Stars())
    questions = [
        q.text("unit", "单位", "县教育局"),
        q.Question("rating", "工作成效评价", "stars", default=4),
        q.group("teams", "检查组", [q.text("name", "组名"), q.Question("score", "评分", "stars")], item="个组"),
    ]
    return DocumentType("stars-demo", "星级演示", questions, [section("body", "正文")], ["body"],
                        lambda c: Draft("星级演示"))


def test_a_kind_registered_in_the_table_is_read_checked_and_shown(doctype):
    res = q.resolve(doctype.questions, {"rating": "★★", "teams": [{"name": "第一组", "score": 5}]})
    assert res.problems == [] and res.answers["rating"] == 2 and res.answers["teams"][0]["score"] == 5
    assert q.show_value(doctype.questions[1], 2) == "★★"
    assert q.KIND_NAMES["stars"] == "星级"

    res = q.resolve(doctype.questions, {"rating": "很好", "teams": [{"name": "第一组", "score": 9}, {"name": "二组"}]})
    assert [str(p) for p in res.problems] == [
        "rating：应为 1～5 颗星（如“★★★”）",
        "teams[1].score：应为 1～5 颗星（如“★★★”）",
        "teams[2].score：未填写（此项必填）",  # the kind's empty value counts as not answered
    ]


def test_a_registered_kind_is_written_to_the_answers_file_and_read_back(doctype):
    answers = q.resolve(doctype.questions, {"teams": [{"name": "第一组", "score": 3}]}).answers
    text = dump_answers(doctype, answers, None)
    assert "# 工作成效评价（1～5 颗星，写作 \"★★★\" 或 3）\nrating = 4\n" in text
    assert "[[teams]]\n# 组名\nname = \"第一组\"\n# 评分\nscore = 3\n" in text
    assert q.resolve(doctype.questions, parse_toml(text, "answers.toml")).answers == answers


def test_gongwen_show_names_a_registered_kind(doctype, monkeypatch):
    monkeypatch.setattr(cli, "get_type", lambda type_id: doctype)
    result = CliRunner().invoke(cli.app, ["show", "stars-demo"])
    assert result.exit_code == 0, result.output
    assert "  rating  工作成效评价  [星级]\n      默认：★★★★\n" in result.output
    assert "score  评分  [星级]" in result.output


def test_a_registered_kind_is_asked_with_the_typed_prompt(doctype):
    keys = ENTER  # 单位: keep the default
    keys += CTRL_U + "六颗星" + ENTER + CTRL_U + "★★★★★" + ENTER  # refused, then a valid rating
    keys += ENTER  # 检查组: continue with none
    keys += ENTER  # review: done
    raw = run_questionnaire(doctype, keys)
    assert raw["rating"] == 5 and raw["unit"] == "县教育局" and raw["teams"] == []


def test_an_empty_group_is_written_in_its_place_not_above_the_files_head():
    """An imported notice without appendices: "appendices = []" under its own comment, and the
    file still opens with its Chinese head (tomlkit puts an empty array of tables first)."""
    text = dump_answers(get_type("generic"), {"title": "关于开展排查工作的通知", "appendices": []}, None)
    assert text.startswith("# gongwen 答案文件：通用公文")
    assert "# 附件正文（排在落款之后，每个附件另起一页）\nappendices = []\n" in text


def test_a_derived_value_uncommented_as_the_file_says_is_a_valid_answer():
    """"# title = "…"  # 自动生成…": taking away the "#" at the line's head gives a valid line."""
    from gongwen.questions import resolve

    dt = get_type("theme-education-rectification")
    derived = resolve(dt.questions, {"unit": "县教育局"}).answers
    text = dump_answers(dt, {"unit": "县教育局"}, None, derived=derived)
    [line] = [x for x in text.splitlines() if x.startswith("# title = ")]
    fixed = text.replace(line, line.removeprefix("# "))
    assert parse_toml(fixed, "t.toml")["title"] == derived["title"]


def test_a_date_with_a_part_of_the_month_is_written_as_a_clerk_writes_it():
    """"2022-06-底" is how the questionnaire keeps 2022年6月底; the answers file, which a clerk
    edits by hand, says 2022年6月底, and reads back to the same answer. A plain date stays ISO."""
    from gongwen.pipeline import prepare

    dt = get_type("party-history-rectification")
    raw = prepare(dt, {"year": 2021}).answers
    problem = raw["aspects"][0]["problems"][0]
    raw["aspects"][0]["problems"][0] = {**problem, "deadline": "2022-06-底"}
    raw |= {"half_report": "2022-06-底", "issue_date": "2022-01-25"}
    text = dump_answers(dt, raw, None)
    assert 'half_report = "2022年6月底"' in text and 'deadline = "2022年6月底"' in text
    assert 'issue_date = "2022-01-25"' in text
    again = prepare(dt, parse_toml(text, "t.toml")).answers
    assert again["half_report"] == "2022-06-底" and again["aspects"][0]["problems"][0]["deadline"] == "2022-06-底"
