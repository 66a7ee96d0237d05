"""Numbering by position, flattening, and the user's outline."""

import pytest
from gongwen.doctype import Draft
from gongwen.model import (
    Document,
    Enumeration,
    Fields,
    Paragraph,
    Section,
    cn_number,
    document_text,
    enumerate_items,
    flatten,
    heading_number,
)
from gongwen.outline import assemble, outline_lines, outline_to_raw, parse_outline
from gongwen.testing import get_type, headings


@pytest.mark.parametrize("n, text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (14, "十四"),
                                     (20, "二十"), (21, "二十一"), (99, "九十九"), (100, "一百"),
                                     (105, "一百零五"), (110, "一百一十")])
def test_cn_number(n, text):
    assert cn_number(n) == text


def test_heading_numbers_by_level():
    assert [heading_number(lvl, 3) for lvl in range(1, 6)] == ["三、", "（三）", "3.", "（3）", "③"]


def test_enumerations():
    assert enumerate_items(["学习不系统。", "认识有偏差"]) == "一是学习不系统；二是认识有偏差。"
    assert enumerate_items(["甲", "乙"], "circled") == "①甲；②乙。"


def tree():
    return [
        Section("甲", [Paragraph("p")], [Section("甲一"), Section("甲二", children=[Section("x")])]),
        Section("乙", children=[Section("乙一", children=[Section("深", children=[
            Section("更深", children=[Section("最深")])])])]),
    ]


def test_flatten_numbers_by_level_and_position():
    doc = Document("标题", sections=tree())
    got = [p.heading for p in flatten(doc) if p.kind == "heading"]
    assert got == ["一、甲", "（一）甲一", "（二）甲二", "1.x", "二、乙", "（一）乙一", "1.深", "（1）更深",
                   "①最深"]


def test_dropping_a_section_renumbers_everything_after_it():
    secs = tree()
    secs.insert(0, Section("新增"))
    got = [p.heading for p in flatten(Document("t", sections=secs)) if p.level == 1]
    assert got == ["一、新增", "二、甲", "三、乙"]
    del secs[0], secs[0]
    assert [p.heading for p in flatten(Document("t", sections=secs)) if p.level == 1] == ["一、乙"]


def test_shared_counter_numbers_continuously_across_parents():
    aspects = [Section(f"方面{i}", children=[Section(f"问题{i}{j}", counter="p") for j in range(2)])
               for i in range(3)]
    got = [p.heading for p in flatten(Document("t", sections=aspects)) if p.level == 2]
    assert got == ["（一）问题00", "（二）问题01", "（三）问题10", "（四）问题11", "（五）问题20",
                   "（六）问题21"]


def test_explicit_level_skips_a_level():
    doc = Document("t", sections=[Section("整改措施", children=[Section("加强学习", level=3)])])
    assert [p.heading for p in flatten(doc) if p.kind == "heading"] == ["一、整改措施", "1.加强学习"]


def test_run_in_heading_and_blocks():
    doc = Document("t", sections=[Section("抓好立改立行。", [Paragraph("深刻把握。")], run_in=True,
                                          level=2),
                                  Section("x", [Enumeration(["a", "b"], lead="【问题】："),
                                                Fields([("责任领导", "班子全体成员")])])])
    paras = flatten(doc)
    assert paras[1].heading == "（一）抓好立改立行。" and paras[1].rest == "深刻把握。"
    text = document_text(doc)
    assert "【问题】：一是a；二是b。" in text and "责任领导：班子全体成员" in text


def test_run_in_heading_gets_its_full_stop_in_markdown_and_docx_alike():
    from gongwen.pipeline import document_bytes
    from gongwen.testing import docx_paragraphs

    doc = Document("t", sections=[
        Section("坚持问题导向", [Paragraph("聚焦突出问题。")], run_in=True),
        Section("时间：", [Paragraph("8月20日。")], run_in=True),
        Section("坚持统筹推进", run_in=True),  # nothing runs into it: no stop added
    ])
    assert [p.heading for p in flatten(doc) if p.kind == "heading"] == ["一、坚持问题导向。", "二、时间：",
                                                                        "三、坚持统筹推进"]
    assert "一、坚持问题导向。聚焦突出问题。" in document_text(doc)
    markdown = document_bytes(doc, "md").decode()
    assert "## 一、坚持问题导向。\n\n聚焦突出问题。" in markdown and "## 二、时间：\n" in markdown
    assert "## 三、坚持统筹推进\n" in markdown
    paras = docx_paragraphs(document_bytes(doc, "docx"))
    assert "一、坚持问题导向。聚焦突出问题。" in paras and "二、时间：8月20日。" in paras
    assert "三、坚持统筹推进" in paras


def test_attachment_note_is_a_plain_paragraph_with_a_hanging_indent():
    import io

    import docx
    from gongwen.pipeline import document_bytes

    body = [Section("总体要求", [Paragraph("抓好落实。")])]
    two = Document("t", sections=body, appendices=[Section("整改任务清单"), Section("责任分工表")])
    [note] = [p for p in flatten(two) if p.kind == "attachments"]
    assert (note.lead, note.text) == ("附件：", "1.整改任务清单\n2.责任分工表")
    assert "抓好落实。\n\n附件：1.整改任务清单\n\n2.责任分工表\n" in document_bytes(two, "md").decode()
    assert "**附件" not in document_bytes(two, "md").decode()

    d = docx.Document(io.BytesIO(document_bytes(two, "docx")))
    [para] = [p for p in d.paragraphs if p.text.startswith("附件：")]
    assert para.text == "附件：1.整改任务清单\n2.责任分工表"  # one paragraph, a line break per name
    assert para.style.name == "GW Attachments" and not any(r.bold or r.style.font.bold for r in para.runs)
    fmt = para.style.paragraph_format  # "附件" two characters in, the names aligned under the first
    assert fmt.left_indent == 5 * 320 * 635 and fmt.first_line_indent == -3 * 320 * 635
    assert fmt.space_before > 0  # 正文下空一行

    one = Document("t", sections=body, appendices=[Section("整改任务清单")])
    assert "附件：整改任务清单" in document_text(one)


DT = "theme-education-rectification"


def test_outline_drop_rename_reorder_add_in_answers():
    dt = get_type(DT)
    default = headings(dt, {})
    assert default[0] == "一、组织领导"
    raw_outline = [
        {"key": "deadline", "title": "时间安排"},
        {"key": "leadership"},
        {"title": "经费保障", "level": 2, "paragraphs": ["所需经费列入年度预算。"]},
        {"key": "measures"},
    ]
    got = headings(dt, {"outline": raw_outline})
    assert got[:4] == ["一、时间安排", "二、组织领导", "（一）经费保障", "三、针对存在问题制定的整改措施"]
    assert "（一）理论学习方面" in got
    assert not any("有关要求" in h or "基本原则" in h for h in got)


def test_outline_problems_are_reported_with_paths():
    dt = get_type(DT)
    entries, problems = parse_outline(
        [{"key": "nope"}, {"title": ""}, {"key": "leadership", "level": 9}, "x",
         {"key": "goals"}, {"key": "goals"}], dt, {})
    paths = [p.path for p in problems]
    assert paths == ["outline[1].key", "outline[2].title", "outline[3].level", "outline[4]",
                     "outline[6].key"]
    assert [e.key for e in entries] == ["goals"]


def test_outline_round_trip_keeps_only_changes():
    dt = get_type(DT)
    entries, _ = parse_outline([{"key": "leadership", "title": "领导机构"}, {"title": "新", "level": 2}],
                               dt, {})
    assert outline_to_raw(entries, dt) == [{"key": "leadership", "title": "领导机构"},
                                           {"title": "新", "level": 2, "paragraphs": []}]


def test_outline_lines_are_numbered_and_indented():
    dt = get_type(DT)
    lines = outline_lines(dt.base_outline({}), {})
    assert lines[:4] == ["一、组织领导", "二、基本原则和整改目标", "  （一）基本原则", "  （二）整改目标"]


def test_assemble_uses_user_paragraphs_over_built_content():
    dt = get_type(DT)
    entries, _ = parse_outline([{"key": "leadership", "paragraphs": ["我的段落"]}], dt, {})
    doc = assemble(Draft("t"), {"leadership": [Paragraph("内置")]}, entries, {})
    assert doc.sections[0].blocks == [Paragraph("我的段落")]


def test_own_entries_keep_a_table_numbering_across_parents_and_a_bold_first_sentence():
    """What an imported document needs of the outline: a table under a heading, problems
    numbered 1…3 across two aspects (``counter``), "坚持问题导向。……" with its lead in bold."""
    from gongwen.pipeline import document_bytes

    dt = get_type(DT)
    raw = [
        {"title": "方面一", "level": 1},
        {"title": "问题甲。", "level": 3, "counter": "问题", "paragraphs": ["措施甲。"]},
        {"title": "问题乙。", "level": 3, "counter": "问题"},
        {"title": "方面二", "level": 1, "table": [["序号", "事项"], ["1", "学习"]], "paragraphs": ["见下表。"]},
        {"title": "问题丙。", "level": 3, "counter": "问题"},
        {"title": "坚持问题导向。", "level": 4, "style": "field", "paragraphs": ["聚焦突出问题。"]},
        {"title": "会议议程：", "level": 4, "style": "field"},
    ]
    entries, problems = parse_outline(raw, dt, {})
    assert problems == [] and outline_to_raw(entries, dt) == [{**e, "paragraphs": e.get("paragraphs", [])} for e in raw]
    doc = assemble(Draft("t"), {}, entries, {})
    text = document_text(doc)
    assert "一、方面一\n1.问题甲。\n措施甲。\n2.问题乙。\n二、方面二\n见下表。\n序号\t事项\n1\t学习\n3.问题丙。" in text
    assert "坚持问题导向。聚焦突出问题。\n会议议程：" in text
    md = document_bytes(doc, "md").decode()
    assert "**坚持问题导向。**聚焦突出问题。" in md and "**会议议程：**" in md and "| 序号 | 事项 |" in md
    bad, problems = parse_outline([{"title": "x", "table": [["a"], "b"]}, {"title": "y", "counter": 1}], dt, {})
    assert [p.path for p in problems] == ["outline[1].table", "outline[2].counter"]


def test_attachment_note_may_name_attachments_not_printed_here():
    body = [Section("总体要求", [Paragraph("抓好落实。")])]
    doc = Document("t", sections=body, attachments=["整改任务清单", "责任分工表"])
    assert "附件：1.整改任务清单\n2.责任分工表" in document_text(doc)
    assert not any(p.kind == "appendix_label" for p in flatten(doc))
