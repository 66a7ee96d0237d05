"""``gongwen lint``: each check finds its defect, and real documents give no false findings."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from gongwen.lint import lint_docx, report, text_findings
from seeds import SEEDS, patrol_variants, seed_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml")) + sorted((ROOT / "examples" / "patrol-variants").glob("*.toml"))


def found(paragraphs: list[str]) -> list[tuple[int, str]]:
    """(paragraph, check) of every text finding."""
    return [(f.para, f.check) for f in text_findings(paragraphs)]


def messages(paragraphs: list[str]) -> list[str]:
    return [str(f) for f in text_findings(paragraphs)]


def only(check: str, paragraphs: list[str]) -> list:
    return [f for f in text_findings(paragraphs) if f.check == check]


# ------------------------------------------------------------ text checks, one defect each


def test_duplicated_sentence():
    paras = ["一、总体要求", "坚持问题导向，逐条制定整改措施。明确时限。", "二、工作要求",
             "各单位要高度重视。坚持问题导向，逐条制定整改措施。"]
    assert messages(paras) == ["第4段（“二、工作要求”下）：句子与第2段重复：“坚持问题导向，逐条制定整改措施。”"]


def test_wording_of_an_earlier_year_in_a_later_plan():
    """A plan carried forward keeps last year's paragraphs: 迎接党的二十大 in a plan that runs into
    2023 is pointed out; the same words in a plan of 2022 are current and pass."""
    paras = ["一、总体要求", "以优异成绩迎接党的二十大胜利召开。", "二、整改时限", "2023年6月底前完成。"]
    [finding] = only("dated", paras)
    assert finding.para == 2 and "2022年及以前的提法" in finding.message and "2023年" in finding.message
    assert only("dated", paras[:3] + ["2022年6月底前完成。"]) == []


def test_an_unwritten_sentence_a_half_width_comma_and_an_impossible_date():
    paras = ["一、要求", "坚持理论武装。……", "整改,落实到位。", "中共某县委", "2023年13月20日"]
    assert messages(paras) == [
        "第2段（“一、要求”下）：未替换的占位符“……”：“坚持理论武装。……”",
        "第3段（“一、要求”下）：中文里用了半角标点“,”：“整改,落实到位。”",
        "第5段（“一、要求”下）：成文日期“2023年13月20日”不存在：月份应在 1 至 12 之间，而不是 13"]
    assert only("date", ["正文。", "中共某县委", "二〇二三年二月三十日"])  # 2023年2月 has 28 days


def test_short_and_field_lines_may_repeat():
    paras = ["1.学习不够。", "责任领导：班子全体成员", "会期半天。",
             "2.调研不深。", "责任领导：班子全体成员", "会期半天。"]
    assert found(paras) == []


@pytest.mark.parametrize("paras, message", [
    (["根据县委统一部署，根据县委办的工作安排，制定本方案。"], "一句中两次以“根据”开头"),
    (["按照县委要求，制定本方案。按照上级安排，现通知如下。"], "连续两句都以“按照”开头"),
    (["会议由党委书记主持。", "会议由党委书记李明主持，班子成员参加。"], "与上一句重复交代“主持”"),
])
def test_nearby_repeated_clauses(paras, message):
    [finding] = text_findings(paras)
    assert finding.check == "repeat" and message in finding.message


def test_different_leads_and_separate_sections_are_fine():
    assert found(["根据省委要求，按照市委安排，结合实际，制定本方案。"]) == []
    assert found(["一、会议时间", "会议由书记主持。", "二、会议议程", "会议由书记主持，委员发言。"]) == []


@pytest.mark.parametrize("text, shown", [
    ("明确整改要求：。", "：。"), ("抓好整改，。", "，。"), ("抓好整改。。", "。。"), ("立行立改；。", "；。"),
    ("理论学习、、政治素质。", "、、"), ("学习《》精神。", "《》"),
])
def test_colliding_marks(text, shown):
    [finding] = text_findings([text])
    assert finding.check == "punctuation" and f"“{shown}”" in finding.message


@pytest.mark.parametrize("text, what", [
    ("聚焦“质量不高、辣味不足问题。", "引号不配对"), ("“两张皮“问题比较突出。", "引号不配对"),
    ("学习《党章》《准则精神。", "书名号不配对"), ("会议（扩大会议召开。", "括号不配对"),
])
def test_unpaired_marks(text, what):
    [finding] = text_findings([text])
    assert what in finding.message


@pytest.mark.parametrize("paras, n", [
    (["责任领导：", "牵头单位：区政府办公室"], 1),  # a field with an empty value
    (["（一）时间：", "（二）地点：会议室。"], 1),  # a heading ending "：" with nothing under it
    (["一、有关要求", "要求如下："], 2),  # at the end
])
def test_colon_with_nothing_after(paras, n):
    assert (n, "punctuation") in found(paras)


def test_colon_followed_by_content_is_fine():
    paras = ["现将有关情况通报如下：", "一、会前阶段", "会议议程：", "①主要领导讲话。", "参加人员：", "1.班子成员。",
             "（一）会议安排：", "1.时间：8月20日。", "【整改措施】：", "坚持理论武装。"]
    assert found(paras) == []


@pytest.mark.parametrize("text, bad", [
    ("2月初前前完成。", True), ("8月20日前前完成整改。", True), ("前前后后开了三次会。", False),
    ("于3月5日前前往报到。", False), ("12月底前完成。", False),
])
def test_doubled_qian(text, bad):
    assert found([text]) == ([(1, "qian")] if bad else [])


@pytest.mark.parametrize("text, mark", [
    ("XX党委召开会议。", "XX"), ("于xx月xx日召开。", "xx"), ("由某某同志主持。", "某某"), ("××局党组。", "××"),
    ("单位：{{ unit }}", "{{"), ("{% if x %}是{% endif %}", "{%"), ("定于20XX年召开。", "XX"),
    ("8月X日召开。", "X"), ("……", "……"), ("（一）……", "……"),
])
def test_placeholders(text, mark):
    [finding] = only("placeholder", [text])
    assert f"“{mark}”" in finding.message


def test_latin_words_and_multiplication_are_not_placeholders():
    assert found(["使用 Windows XP 和 Excel 制表。", "面积为 3×4 米。"]) == []


@pytest.mark.parametrize("paras, bad, message", [
    (["一、甲", "二、乙", "四、丁"], 3, "序号跳号：“二、”之后是“四、”（应为“三、”）"),
    (["一、甲", "（一）子", "（三）丑"], 3, "序号跳号：“（一）”之后是“（三）”（应为“（二）”）"),
    (["一、甲", "1.子", "3.丑"], 3, "序号跳号：“1.”之后是“3.”（应为“2.”）"),
    (["一、甲", "（一）子", "（1）子", "（2）丑", "（2）寅"], 5, "序号“（2）”与上一个同级序号重复"),
    (["一、甲", "二、乙", "一、丙"], 3, "序号重新从“一、”开始（上一个同级序号是“二、”，应为“三、”）"),
    (["一、甲", "（二）子"], 2, "序号“（二）”应为“（一）”"),
    (["二、乙"], 1, "序号“二、”应为“一、”"),
    (["一、甲", "（一）子", "（二）丑", "二、乙", "（四）寅"], 5, "序号“（四）”应为“（一）”或“（三）”"),
    (["一、甲", "①子", "②丑", "④卯"], 4, "序号跳号：“②”之后是“④”（应为“①”或“③”）"),
])
def test_numbering(paras, bad, message):
    [finding] = only("numbering", paras)  # these headings have no content either
    assert finding.para == bad and message in finding.message


def test_numbering_that_is_fine():
    paras = [
        "一、甲", "（一）子", "1.某", "2.某", "（二）丑", "1.某",  # restarts under each parent
        "二、乙", "（一）子", "1.问题一。", "2.问题二。", "（二）丑", "3.问题三。",  # or goes on (problems 1…14)
        "三、丙", "1.某", "2.某",  # a level skipped
        "四、丁", "①某", "②某", "说明。", "①某",  # a new ① list
        "附件：1.名单", "2.清单",  # attachment names
        "附件1", "名单", "一、甲",  # an appendix starts afresh
        "1\t理论学习\t班子成员",  # a table row
    ]
    assert only("numbering", paras) == []


@pytest.mark.parametrize("date, message", [("2月5日", "没有年份"), ("23年2月5日", "年份不完整")])
def test_date_without_year(date, message):
    [finding] = text_findings(["一、甲", "正文。", "县委办公室", date])
    assert (finding.para, finding.check) == (4, "date") and message in finding.message


def test_full_dates_and_dates_in_the_text_are_fine():
    assert found(["县委办公室", "2023年2月5日"]) == []
    assert found(["一、会议安排", "（一）时间", "8月20日", "（二）地点", "会议室。"]) == []


@pytest.mark.parametrize("paras, bad, message", [
    (["一、", "正文。"], 1, "标题“一、”只有序号，没有文字"),
    (["一、总体要求", "（一）基本原则", "（二）整改目标", "内容。"], 2, "标题“（一）基本原则”下没有内容"),
    (["一、甲", "内容。", "（一）基本原则", "二、乙", "内容。"], 3, "标题“（一）基本原则”下没有内容"),
    (["一、甲", "内容。", "二、有关要求"], 3, "标题“二、有关要求”下没有内容"),
])
def test_empty_headings(paras, bad, message):
    [finding] = text_findings(paras)
    assert (finding.para, finding.check) == (bad, "heading") and message in finding.message


def test_headings_with_content_are_fine():
    paras = ["一、总体要求", "（一）基本原则", "内容。", "（二）抓好立改立行。深刻把握整改要求。",
             "（三）市政府党组班子成员。", "二、会议安排", "（一）时间：8月20日。"]
    assert found(paras) == []


@pytest.mark.parametrize("text", ["各单位要切实做到。", "确保整改取得实效，切实做到。",
                                  "要求如下：一是；二是加强学习。", "①；②加强学习。", "必须确保。"])
def test_dangling_words(text):
    assert found([text]) == [(1, "dangling")]


def test_complete_sentences_are_fine():
    assert found(["言出必行、说到做到。", "主要原因之一是：学习不够。",
                  "对征求到的意见逐条梳理，作为检视剖析的依据。"]) == []


def test_location_names_the_heading_and_report_counts():
    findings = text_findings(["标题", "一、总体要求", "（一）基本原则", "坚持XX。"])
    assert report(findings) == ["第4段（“（一）基本原则”下）：未替换的占位符“XX”：“坚持XX。”", "共 1 处问题。"]
    assert report([]) == ["未发现问题。"]


# ------------------------------------------------------------ real prose: the examples' text, the seeds

EXAMPLE_TEXTS = sorted((Path(__file__).parent / "fixtures" / "example-text").glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLE_TEXTS, ids=lambda p: p.stem)
def test_every_example_text_is_clean(path):
    """What ``document_text(doc).splitlines()`` gives for each example today."""
    assert messages(path.read_text("utf-8").splitlines()) == []


def seed_documents() -> dict[str, list[str]]:
    """Each seed (each patrol variant apart) as its paragraphs, markdown marks removed."""
    docs = {}
    for prefix in ("000", "001", "002", "003"):
        docs[prefix] = seed_text(prefix)
    for i, text in enumerate(patrol_variants(seed_text("004")), 1):
        docs[f"004-{i}"] = text
    return {name: [re.sub(r"\\(.)", r"\1", line.replace("**", "")) for line in text.splitlines() if line.strip()]
            for name, text in docs.items()}


#: What the seeds really get wrong besides their placeholders (XX, xx, X): seed 001 opens
#: its preamble "根据…，为…，根据…"; seed 003 has "“两张皮“" and an unclosed "聚焦“"; five
#: patrol variants have a half-width comma between Chinese words ("政治生态,加强").
SEED_DEFECTS = {("001", 1, "repeat"), ("003", 8, "punctuation"), ("003", 12, "punctuation"),
                ("004-1", 3, "punctuation"), ("004-5", 10, "punctuation"), ("004-5", 24, "punctuation"),
                ("004-6", 6, "punctuation"), ("004-7", 9, "punctuation"), ("004-7", 23, "punctuation"),
                ("004-8", 20, "punctuation")}


def test_seeds_give_no_false_findings():
    if not SEEDS.is_dir():
        pytest.skip("seeds not available (../shared/seeds)")
    findings = {(name, f.para, f.check) for name, paras in seed_documents().items() for f in text_findings(paras)}
    assert {f for f in findings if f[2] != "placeholder"} == SEED_DEFECTS


def test_seed_placeholders_are_real_ones():
    if not SEEDS.is_dir():
        pytest.skip("seeds not available (../shared/seeds)")
    for name, paras in seed_documents().items():
        for f in text_findings(paras):
            if f.check == "placeholder":
                assert re.search(r"(?<![A-Za-z])[Xx]+(?![A-Za-z])", paras[f.para - 1]), (name, str(f))


# ------------------------------------------------------------ DOCX: the examples, layout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    from gongwen.loader import get_registry
    from gongwen.pipeline import render_file

    out = tmp_path_factory.mktemp("examples")
    types = get_registry().types
    return {f"{p.parent.name}/{p.stem}": render_file(p, out / f"{p.parent.name}-{p.stem}.docx", types)
            for p in EXAMPLES}


@pytest.mark.parametrize("name", [f"{p.parent.name}/{p.stem}" for p in EXAMPLES])
def test_every_example_document_is_clean(rendered, name):
    assert report(lint_docx(rendered[name])) == ["未发现问题。"]


def gb_docx(path: Path, paragraphs: list[str], **change) -> Path:
    """A DOCX laid out to GB/T 9704 with python-docx (not gongwen's template), with
    ``change`` applied: margins in mm, ``font``, ``size`` (pt), ``line`` (pt, exact)."""
    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(change.get("width", 210)), Mm(297)
    for side, mm in (("top", 37), ("bottom", 35), ("left", 28), ("right", 26)):
        setattr(section, f"{side}_margin", Mm(change.get(side, mm)))
    normal = d.styles["Normal"]
    normal.font.size = Pt(change.get("size", 16))
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), change.get("font", "仿宋_GB2312"))
    if change.get("line") is not None:
        normal.paragraph_format.line_spacing = Pt(change.get("line", 28.95))
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    else:  # single spacing on a 22-line grid
        normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        grid = section._sectPr.find(qn("w:docGrid"))
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(change.get("pitch", 579)))
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(path)
    return path


BODY = ["关于召开专题民主生活会的通知", "一、会议时间", "会议定于2023年8月20日召开。"]


@pytest.mark.parametrize("line", [28.95, None])
def test_gbt_layout_built_elsewhere_is_clean(tmp_path, line):
    assert lint_docx(gb_docx(tmp_path / "a.docx", BODY, line=line)) == []


@pytest.mark.parametrize("change, message", [
    ({"width": 216, "line": 28.95}, "纸张为 216×297 毫米（应为 A4：210×297 毫米）"),
    ({"top": 25.4, "line": 28.95}, "上边距 25.4 毫米（应为 37 毫米，允许 ±1 毫米）"),
    ({"left": 30, "line": 28.95}, "左边距 30.0 毫米（应为 28 毫米，允许 ±1 毫米）"),
    ({"font": "宋体", "line": 28.95}, "正文字体为“宋体”（应为仿宋_GB2312 或仿宋）"),
    ({"size": 14, "line": 28.95}, "正文字号为 14 磅（应为三号，16 磅）"),
    ({"line": 29.0}, "每页 21 行（正文行距固定值 29 磅；应为每页 22 行，行距 28.95 磅）"),
    ({"line": None, "pitch": 624}, "每页 20 行（文档网格行距 31.2 磅；应为每页 22 行，行距 28.95 磅）"),
])
def test_each_layout_deviation_once(tmp_path, change, message):
    findings = lint_docx(gb_docx(tmp_path / "a.docx", BODY, **change))
    assert [str(f) for f in findings] == [f"版式：{message}"]


def test_margin_within_a_millimetre_is_fine(tmp_path):
    assert lint_docx(gb_docx(tmp_path / "a.docx", BODY, top=36.2, right=26.9, line=28.95)) == []


def test_22_lines_need_the_whole_text_block(tmp_path):
    """37.8 mm is within the margin's tolerance, but 22 lines of 28.95 pt no longer fit."""
    [finding] = lint_docx(gb_docx(tmp_path / "a.docx", BODY, top=37.8, line=28.95))
    assert finding.message == "每页 21 行（正文行距固定值 28.95 磅；应为每页 22 行，行距 28.95 磅）"


def test_word_defaults_are_reported(tmp_path):
    d = docx.Document()
    d.add_paragraph("会议定于2023年8月20日召开。")
    d.save(tmp_path / "a.docx")
    layout = [f.message for f in lint_docx(tmp_path / "a.docx")]
    assert layout[0] == "纸张为 216×279 毫米（应为 A4：210×297 毫米）" and len(layout) == 8
    assert "正文字体为“宋体”（应为仿宋_GB2312 或仿宋）" in layout  # the theme's East Asian font
    assert any(m.startswith("每页行数不固定：正文为1.15 倍行距且未设文档网格") for m in layout)


def test_run_font_overrides_the_style(tmp_path):
    path = gb_docx(tmp_path / "a.docx", [], line=28.95)
    d = docx.Document(path)
    run = d.add_paragraph().add_run("会议定于2023年8月20日召开，请准时参加。")
    run.font.size = Pt(12)
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    d.save(path)
    assert [f.message for f in lint_docx(path)] == ["正文字体为“楷体”（应为仿宋_GB2312 或仿宋）",
                                                    "正文字号为 12 磅（应为三号，16 磅）"]


def test_page_when_word_saved_its_page_breaks(tmp_path):
    path = gb_docx(tmp_path / "a.docx", ["一、甲", "正文。", "正文二。", "三、丙", "正文三。"], line=28.95)
    d = docx.Document(path)
    r = d.paragraphs[2].runs[0]._r
    r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
    d.save(path)
    [finding] = lint_docx(path)
    assert str(finding) == "第2页 第4段：序号跳号：“一、”之后是“三、”（应为“二、”）"


def test_content_controls_are_read(tmp_path):
    path = gb_docx(tmp_path / "a.docx", ["一、会议时间"], line=28.95)
    d = docx.Document(path)
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    content.append(d.add_paragraph("单击或点击此处输入文字。")._p)  # moved into the control
    d.element.body.insert(1, sdt)
    d.save(path)
    [finding] = lint_docx(path)
    assert (finding.para, finding.check) == (2, "placeholder") and "“此处输入”" in finding.message


def test_table_rows_are_read(tmp_path):
    path = gb_docx(tmp_path / "a.docx", ["一、任务清单"], line=28.95)
    d = docx.Document(path)
    table = d.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, [("序号", "责任单位"), ("1", "XX局")], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    d.save(path)
    [finding] = lint_docx(path)
    assert (finding.para, finding.check, finding.heading) == (3, "placeholder", "一、任务清单")


# ------------------------------------------------------------ the command


def test_lint_command_exit_codes_and_output(gw, tmp_path, rendered):
    clean = gw("lint", rendered["examples/party-history-rectification"])
    assert (clean.code, clean.out, clean.err) == (0, "未发现问题。\n", "")
    gb_docx(tmp_path / "bad.docx", ["一、总体要求", "于2月初前前完成。", "三、工作要求", "内容。"], top=30, line=28.95)
    r = gw("lint", "bad.docx")
    assert r.code == 1 and r.err == ""
    assert r.out.splitlines() == [
        "第2段（“一、总体要求”下）：“前”字重复：“于2月初前前完成。”",
        "第3段：序号跳号：“一、”之后是“三、”（应为“二、”）",
        "版式：上边距 30.0 毫米（应为 37 毫米，允许 ±1 毫米）",
        "共 3 处问题。",
    ]


@pytest.mark.parametrize("name, content, message", [
    ("broken.docx", b"not a zip", "“broken.docx”不是可读取的 Word 文档（.docx），文件可能已损坏。"),
    ("old.doc", b"\xd0\xcf\x11\xe0", "“old.doc”不是 .docx 文档：.doc、.wps 等请先在 Word 或 WPS 中另存为 .docx。"),
    ("missing.docx", None, "找不到文件“missing.docx”。"),
])
def test_unreadable_file_is_one_chinese_line(gw, tmp_path, name, content, message):
    if content is not None:
        (tmp_path / name).write_bytes(content)
    r = gw("lint", name)
    assert (r.code, r.out, r.err) == (1, "", f"错误：{message}\n")


def test_a_form_line_with_blanks_to_fill_is_not_an_empty_field():
    from gongwen.lint import text_findings

    assert text_findings(["附件", "报名表", "填报人：        联系电话："]) == []
    assert [f.check for f in text_findings(["一、总体要求", "责任领导："])]  # a lone label still is
