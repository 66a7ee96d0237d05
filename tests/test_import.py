"""``gongwen import`` (issue 14, item 1): a DOCX or text file back to an answers file that
renders the same document in GB/T 9704 layout.

The seeds (../shared/seeds) are imported from their text and from messy Word files built
from that text here (tests/docx_fixtures.py); each must render with the seed's heading
sequence and at least 95 % of its characters in order.  Every example renders, is imported
back from its DOCX and renders to the same text (and Markdown: bold leads included).
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import EXAMPLES, read_toml
from docx_fixtures import messy_docx
from gongwen.answers import read_answers
from gongwen.import_cmd import answers_text, import_file
from gongwen.import_fill import split_yishi
from gongwen.import_parse import parse
from gongwen.import_read import read_text
from gongwen.loader import get_registry
from gongwen.model import document_text, flatten
from gongwen.paste import parts
from gongwen.pipeline import document_bytes
from gongwen.questions import resolve
from gongwen.testing import build_document, render_docx_bytes
from seeds import SEEDS, UPPER_HEADING, norm, patrol_seed_headings, seed_headings, seed_text

TYPES = get_registry().types
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not available (../shared/seeds)")
COVERAGE = 0.95

# ---------------------------------------------------------------- helpers


def imported(path: Path, type_id: str | None = None):
    """Import ``path`` as the command does; returns (result, answers as written, document)."""
    from gongwen.answers import parse_toml

    result = import_file(path, TYPES, type_id)
    raw = parse_toml(answers_text(result, path), str(path))
    type_id = raw.pop("type")
    return result, raw, build_document(type_id, raw)


def headings_of(doc) -> list[str]:
    return [p.heading for p in flatten(doc) if p.kind == "heading"]


def squash(text: str) -> str:
    """Text compared for coverage: no spaces, full-width and half-width forms alike, and
    Markdown's bold marks (typography, not text) taken out."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text.replace("**", "")))


def coverage(source: str, rendered: str) -> float:
    """Share of the source's characters found in the rendered text, in order."""
    a, b = squash(source), squash(rendered)
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(x.size for x in blocks) / len(a)


SEED_TYPES = {"000": "theme-education-rectification", "001": "party-history-rectification",
              "002": "theme-education-report", "003": "grassroots-special-action"}
SEED_NAMES = [*SEED_TYPES, *(f"004-{n:02d}" for n in range(1, 10))]


def _expected(name: str) -> tuple[str, str, list[str]]:
    """(text to import, text to cover, expected headings) of seed ``name``: 004's plans with
    their own "# …（N）" line as title, 002's headings the upper two levels only."""
    if name.startswith("004"):
        parts = re.split(r"^(# 巡视巡察整改专题民主生活会实施方案（\d+）)\s*$", seed_text("004"), flags=re.M)
        n = int(name[-2:])
        body = parts[2 * n]
        return parts[2 * n - 1] + "\n" + body, body, patrol_seed_headings(body)
    text = seed_text(name)
    return text, text, seed_headings(text, UPPER_HEADING) if name == "002" else seed_headings(text)


def check_seed(name: str, path: Path) -> None:
    _, covered, expected = _expected(name)
    result, raw, doc = imported(path)
    assert result.mapped.doctype.id == SEED_TYPES.get(name, "patrol-meeting-plan")
    assert [norm(h) for h in headings_of(doc)] == [norm(h) for h in expected]
    assert coverage(covered, document_text(doc)) >= COVERAGE


# ---------------------------------------------------------------- the seeds


@needs_seeds
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_imported_from_its_text_renders_its_headings_and_text(name, tmp_path):
    text, _, _ = _expected(name)
    path = tmp_path / f"{name}.txt"
    path.write_text(text, "utf-8")
    check_seed(name, path)


@needs_seeds
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_saved_as_a_messy_word_file_imports_the_same(name, tmp_path):
    text, _, _ = _expected(name)
    path = tmp_path / f"{name}.docx"
    path.write_bytes(messy_docx(text, auto_level2=SEED_NAMES.index(name) % 2 == 0, colon=name.startswith("004")))
    check_seed(name, path)


@needs_seeds
def test_problems_with_their_measures_and_responsibility_fields_fill_the_ledger(tmp_path):
    """Seed 001: each "1.问题" with 整改措施 and the four fields becomes a problem of the type
    (numbered 1…14 across the aspects by the type itself), so its ledger can be appended."""
    text = seed_text("001")
    path = tmp_path / "001.txt"
    path.write_text(text, "utf-8")
    result, raw, doc = imported(path)
    assert ("整改重点和整改方向", "focus", "builder") in [(w[2:], k, h) for w, k, h in result.mapped.sections]
    problems = [p for a in raw["aspects"] for p in a["problems"]]
    assert len(raw["aspects"]) == len(re.findall(r"^（[一二三四五]）在带头|^（二）对照", text, flags=re.M))
    assert len(problems) == text.count("责任领导：") == 14
    assert all(p["problem"] and p["measures"] and p["leader"] and p["lead_unit"] and p["units"] and p["deadline"]
               for p in problems)
    assert raw["ledger"] is False  # the seed has no ledger: the type is told not to add one
    with_ledger = build_document("party-history-rectification", {**raw, "ledger": True})
    [ledger] = with_ledger.appendices
    assert len(ledger.blocks[0].rows) == 14


def test_measures_written_one_shi_two_shi_are_read_alike_imported_or_pasted():
    """"一是……，二是……；三是……。" is three measures whether a document is imported or a list
    pasted, whatever punctuation separates the parts; a lone "一是……" stays as written."""
    line = "一是健全学习制度，二是每季度开展一次专题研讨；三是建立学习台账。"
    assert split_yishi(line) == parts(line) == ["健全学习制度", "每季度开展一次专题研讨", "建立学习台账"]
    assert split_yishi("一是健全学习制度。") == ["一是健全学习制度。"]


# ---------------------------------------------------------------- round trip of the examples

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES / "patrol-variants").glob("*.toml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_renders_imports_back_from_its_docx_and_renders_the_same(path, tmp_path):
    raw = read_answers(path)
    type_id = raw.pop("type")
    first = build_document(type_id, raw)
    docx = tmp_path / "rendered.docx"
    docx.write_bytes(render_docx_bytes(type_id, raw))
    result, again, second = imported(docx)
    assert result.mapped.doctype.id == type_id
    assert document_text(second) == document_text(first)
    assert document_bytes(second, "md") == document_bytes(first, "md")  # bold leads and tables too
    assert not result.mapped.lost



def _report_variant(change) -> dict:
    raw = read_answers(EXAMPLES / "rectification-report.toml")
    raw.pop("type")
    change(raw)
    return raw


def _no_aspects(raw: dict) -> None:
    for item in raw["items"]:
        item.pop("aspect")


def _plan_only(raw: dict) -> None:  # no meeting named: the opening names the plan alone
    raw.update(meeting_name="", stage="整改落实情况")
    del raw["title"], raw["meeting_date"]


def _undated(raw: dict) -> None:
    del raw["title"], raw["meeting_date"]


def _not_started_without_due(raw: dict) -> None:
    raw["items"][3].update(status="未启动")
    raw["items"][5].update(deadline="即知即改，长期坚持")  # 推进中 without a date: no 计划于…前完成


def _no_measures(raw: dict) -> None:
    for item in raw["items"]:
        item["measures"] = []


REPORT_VARIANTS = {"no-aspects": _no_aspects, "plan-only": _plan_only, "undated": _undated,
                   "not-started": _not_started_without_due, "no-measures": _no_measures,
                   "defaults": lambda raw: [raw.pop(k) for k in list(raw) if k not in ("unit", "org_kind")]}


@pytest.mark.parametrize("name", REPORT_VARIANTS)
def test_a_progress_report_is_read_back_item_by_item(name, tmp_path):
    """Reports other than the example (other items, statuses, openings): the items come back
    from the text with their groups, statuses, dates and notes, and the counts agree."""
    raw = _report_variant(REPORT_VARIANTS[name])
    first = build_document("rectification-report", raw)
    docx = tmp_path / "r.docx"
    docx.write_bytes(render_docx_bytes("rectification-report", raw))
    result, again, second = imported(docx)
    assert document_text(second) == document_text(first) and not result.mapped.lost
    assert ("rectify", "builder") in [(k, h) for _, k, h in result.mapped.sections]
    questions = TYPES["rectification-report"].questions
    want, got = resolve(questions, raw).answers["items"], resolve(questions, again).answers["items"]
    fields = ("aspect", "problem", "status", "done_date")
    assert [{k: i.get(k) or "" for k in fields} for i in got] == [{k: i.get(k) or "" for k in fields} for i in want]
    measures = sum(len(i.get("measures") or []) for i in want)
    assert sum(len(i.get("measures") or []) for i in again["items"]) == measures


def _from_plan(plan: str = "party-history-rectification") -> dict:
    """A report made from a plan before any status was typed (``gongwen new … --from``):
    no item has a progress note, so the type lists each aspect's items in one paragraph."""
    from gongwen_plugins.rectification_report import from_items

    raw = from_items(TYPES[plan], read_answers(EXAMPLES / f"{plan}.toml"))
    raw.pop("type")
    return raw


def _quiet(*which: int):
    """Items ``which`` of the example report without their progress notes."""
    def change(raw: dict) -> None:
        for i in which:
            raw["items"][i].pop("progress", None)
    return change


def _listed_report(name: str) -> dict:
    if name.startswith("from-plan"):
        raw = _from_plan()
        if name.endswith("no-aspects"):
            _no_aspects(raw)
        return raw
    raw = _report_variant(_quiet(1, 3, 5) if name.startswith("mixed") else _quiet(*range(8)))
    if name.endswith("no-aspects"):
        _no_aspects(raw)
    return raw


LISTED_REPORTS = ["from-plan", "from-plan-no-aspects", "mixed", "mixed-no-aspects", "no-notes"]


@pytest.mark.parametrize("name", LISTED_REPORTS)
def test_items_listed_together_without_notes_are_read_back_one_by_one(name, tmp_path):
    """Items without a progress note are listed by name in one paragraph per aspect and status
    ("“A”“B”2个问题，整改尚未启动，……"): each becomes an item with its aspect and status, so the
    type writes section 二 and the opening's figures again, and the report renders the same."""
    raw = _listed_report(name)
    first = build_document("rectification-report", raw)
    assert re.search(r"^(“[^”]+”)+(\d+个)?问题，", document_text(first), flags=re.M)
    docx = tmp_path / "r.docx"
    docx.write_bytes(render_docx_bytes("rectification-report", raw))
    result, again, second = imported(docx)
    assert document_text(second) == document_text(first)
    assert document_bytes(second, "md") == document_bytes(first, "md")
    assert not result.mapped.lost and "preamble" not in again
    assert ("rectify", "builder") in [(k, h) for _, k, h in result.mapped.sections]
    questions = TYPES["rectification-report"].questions
    want, got = resolve(questions, raw).answers["items"], resolve(questions, again).answers["items"]
    fields = ("aspect", "problem", "status", "done_date")
    key = lambda i: [i.get(k) or "" for k in fields]  # noqa: E731 - items listed come before those with notes
    assert sorted(map(key, got)) == sorted(map(key, want))
    assert sum(len(i.get("measures") or []) for i in got) == sum(len(i.get("measures") or []) for i in want)


def test_a_name_quoted_inside_the_list_gets_its_own_quotation_marks_back(tmp_path):
    raw = _from_plan()
    docx = tmp_path / "r.docx"
    docx.write_bytes(render_docx_bytes("rectification-report", raw))
    assert "“‘五个新城’建设仍然任重道远”" in document_text(build_document("rectification-report", raw))
    _, again, _ = imported(docx)
    assert [i["problem"] for i in again["items"]] == [i["problem"] for i in raw["items"]]
    assert "“五个新城”建设仍然任重道远" in [i["problem"] for i in again["items"]]


def test_a_list_the_type_would_not_write_stays_as_written(tmp_path):
    """A clerk's own wording of the list ("“A”、“B”等2个问题") is not the type's sentence:
    section 二 keeps its text, the opening is kept in the answers file, nothing is lost."""
    raw = _from_plan()
    text = document_bytes(build_document("rectification-report", raw), "md").decode("utf-8")
    own = re.sub(r"^(“[^”]+”)(“[^”]+”)(\d+)个问题", r"\1、\2等\3个问题", text, count=1, flags=re.M)
    assert own != text
    path = tmp_path / "r.txt"
    path.write_text(own, "utf-8")
    result, _, doc = imported(path)
    assert ("rectify", "text") in [(k, h) for _, k, h in result.mapped.sections]
    written = re.search(r"^“[^”]+”、“[^”]+”等\d+个问题.*$", own, flags=re.M).group(0)
    assert written in document_text(doc)
    assert result.mapped.lost == ["开头段落"] and any("共列出整改问题14个" in k for k in result.mapped.kept_aside)


def test_the_import_report_says_how_the_items_were_read(gw, tmp_path):
    raw = _report_variant(_quiet(1, 3, 5))
    (tmp_path / "r.docx").write_bytes(render_docx_bytes("rectification-report", raw))
    r = gw("import", "r.docx", "-o", "a.toml")
    assert r.code == 0, r.err
    assert re.search(r"^  二、.*（rectify）.*，内容由本文种按导入的回答生成$", r.out, flags=re.M)
    assert ("提示：“整改问题及其整改状态”按“二、坚持问题导向，逐项抓好整改落实”逐项读回 8 个问题"
            "（其中 3 个问题在原文中合并列出）") in r.out
    assert "未能放入本文种" not in r.out


def test_the_example_report_gives_its_facts_and_says_what_it_could_not_read(tmp_path):
    raw = read_answers(EXAMPLES / "rectification-report.toml")
    raw.pop("type")
    docx = tmp_path / "r.docx"
    docx.write_bytes(render_docx_bytes("rectification-report", raw))
    result, again, _ = imported(docx)
    for key in ("year", "unit", "org_kind", "superior", "meeting_name", "plan_title", "stage"):
        assert again[key] == raw[key], key
    assert again["as_of"] in ("2024-06-30", "2024年6月30日")
    items = again["items"]
    assert [i["status"] for i in items] == [i["status"] for i in raw["items"]]
    assert [i["progress"].rstrip("。") for i in items] == [i["progress"].rstrip("。") for i in raw["items"]]
    assert items[3]["deadline"] == "2024年12月底" and items[0]["done_date"] == "2024年3月29日"
    # the 13 measures are only counted in the text: that many placeholders, and the report says so
    assert [m for i in items for m in i.get("measures", [])] == ["（原文未列出）"] * 13
    assert any("整改措施" in n and "13" in n for n in result.mapped.notes)


# ---------------------------------------------------------------- any other document

NOTICE = """关于做好2024年防汛工作的通知
各乡镇党委，县直各单位：
  为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。

一、提高思想认识
\t各单位要把防汛工作摆在突出位置。
(一)压实责任。主要负责同志亲自部署，
分管负责同志具体抓。
（二）加强值守。汛期实行24小时值班制度。
1．值班人员：每日安排两人。
2、值班要求：不得脱岗。
（1）发现险情立即报告。
①报告县防汛办；②同时报告乡镇。
二、抓好隐患排查
一是排查水库。逐座检查大坝和溢洪道。
二是排查河道。清理阻水障碍。
三是排查山塘。落实巡查人员。
三、工作要求
请于6月1日前报送排查情况。

附件：1.防汛责任人名单
      2.隐患排查台账

中共某县委办公室
2024年5月10日
"""


def test_any_other_document_becomes_a_generic_one_and_nothing_is_lost(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text(NOTICE, "utf-8")
    result, raw, doc = imported(path)
    assert result.mapped.doctype.id == "generic" and result.why == "未识别为已有文种"
    assert raw["recipient"] == "各乡镇党委，县直各单位" and raw["signature"] == "中共某县委办公室"
    assert raw["attachments"] == ["防汛责任人名单", "隐患排查台账"] and raw["issue_date"] == "2024年5月10日"
    assert headings_of(doc) == ["一、提高思想认识", "（一）压实责任。", "（二）加强值守。", "1.值班人员：",
                                "2.值班要求：", "（1）发现险情立即报告。", "二、抓好隐患排查", "三、工作要求"]
    text = document_text(doc)
    assert "（一）压实责任。主要负责同志亲自部署，分管负责同志具体抓。" in text  # a hand-wrapped line joined
    assert "一是排查水库。逐座检查大坝和溢洪道。\n二是排查河道。" in text
    assert coverage(NOTICE, text) >= 0.99


def test_a_word_file_with_tables_keeps_them_where_they_were(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("关于报送整改台账的通知")
    d.add_paragraph("一、整改台账")
    d.add_paragraph("请按下表填写。")
    t = d.add_table(rows=2, cols=3)
    for i, v in enumerate(["序号", "问题", "完成时限"]):
        t.rows[0].cells[i].text = v
    for i, v in enumerate(["1", "学习不够系统", "2024年6月底"]):
        t.rows[1].cells[i].text = v
    d.add_paragraph("表后说明。")
    path = tmp_path / "t.docx"
    d.save(str(path))
    _, raw, doc = imported(path)
    table = "序号\t问题\t完成时限\n1\t学习不够系统\t2024年6月底"
    assert f"一、整改台账\n请按下表填写。\n{table}\n表后说明。" in document_text(doc)


# ---------------------------------------------------------------- reading and parsing


def test_heading_forms_and_where_a_run_in_heading_ends():
    parsed = parse(read_text("标题的通知\n一、总则\n(二)时间：8月20日。\n（三）会议地点\n3、学习。正文在后。\n"
                             "（4）小项\n①不是标题。\n二、会前阶段：精心准备，打好基础\n"))
    nodes = list(parsed.nodes())
    assert [(n.level, n.title, n.blocks) for n in nodes] == [
        (1, "总则", []), (2, "时间：", ["8月20日。"]), (2, "会议地点", []), (3, "学习。", ["正文在后。"]),
        (4, "小项", ["①不是标题。"]), (1, "会前阶段：精心准备，打好基础", [])]


def test_a_paragraph_starting_with_two_months_is_not_a_heading():
    """"1、2月份，……" is January and February, not heading 1: it stays a paragraph, as written."""
    parsed = parse(read_text("某某情况的通报\n一、工作开展情况\n1、2月份，全县开展主题党日活动4320人次。\n"
                             "1、加强学习\n"))
    assert [(n.level, n.title, n.blocks) for n in parsed.nodes()] == [
        (1, "工作开展情况", ["1、2月份，全县开展主题党日活动4320人次。"]), (3, "加强学习", [])]


def test_the_note_under_the_date_stays_under_it_and_the_imprint_goes_to_the_comments(tmp_path):
    """"（此件公开发布）" after the 成文日期 is the 附注: it renders under the date, not in the
    opening; 抄送/印发 (the 版记) are kept in the answers file's comments and the report says so."""
    path = tmp_path / "通知.txt"
    path.write_text("关于开展排查工作的通知\n各党支部：\n现将有关事项通知如下。\n一、排查范围\n全体党员。\n"
                    "中共某某县委组织部\n2024年3月5日\n（此件公开发布）\n抄送：县委办公室。\n"
                    "中共某某县委组织部办公室　2024年3月5日印发\n", "utf-8")
    result, raw, doc = imported(path)
    assert raw["note"] == "（此件公开发布）"
    kinds = [(p.kind, p.text) for p in flatten(doc)]
    assert kinds[-2:] == [("date", "2024年3月5日"), ("note", "（此件公开发布）")]
    assert "抄送" not in document_text(doc)
    text = answers_text(result, path)
    assert "#   版记：抄送：县委办公室。" in text and "版记" in "\n".join(result.mapped.notes)


def test_the_meeting_date_is_the_one_the_meeting_is_held_on():
    """Not the feedback's date in a sentence that cites 《关于召开……的通知》: the date before 召开."""
    from gongwen.import_facts import meeting_date

    parsed = parse(read_text("某局党组巡察整改专题民主生活会实施方案\n根据《关于召开巡察整改专题民主生活会的通知》"
                             "要求，"
                             "县委第四巡察组于2024年2月26日反馈了巡察意见。\n一、会议时间和地点\n"
                             "会议拟于2024年4月中旬召开，会期半天。\n"))
    assert meeting_date(parsed, None) == "2024年4月中旬"


def test_merged_cells_of_a_word_table_are_read_on_its_grid():
    """A two-row header whose "整改情况" spans "进展" and "是否完成", and a 责任单位 merged down over
    two problems: one header row ("整改情况（进展）"), and the unit in both problems' rows."""
    from docx import Document as new_docx
    from gongwen.import_docx import _table_rows

    doc = new_docx()
    table = doc.add_table(rows=4, cols=5)
    for i, head in enumerate(["序号", "问题", "责任单位", "整改情况", ""]):
        table.cell(0, i).text = head
    table.cell(1, 3).text, table.cell(1, 4).text = "进展", "是否完成"
    for i in range(3):
        table.cell(0, i).merge(table.cell(1, i))
    table.cell(0, 3).merge(table.cell(0, 4))
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "1", "查处不及时", "执法大队"
    table.cell(3, 0).text, table.cell(3, 1).text = "2", "档案不规范"
    table.cell(2, 2).merge(table.cell(3, 2))
    for r in (2, 3):
        table.cell(r, 3).text, table.cell(r, 4).text = "推进中", "否"
    assert _table_rows(table._tbl) == [
        ["序号", "问题", "责任单位", "整改情况（进展）", "整改情况（是否完成）"],
        ["1", "查处不及时", "执法大队", "推进中", "否"],
        ["2", "档案不规范", "执法大队", "推进中", "否"]]


def test_front_and_end_matter():
    parsed = parse(read_text("本文档编辑密码：1234\n某某工作方案\n（试行）\n各党支部：\n开头。\n一、要求\n正文。\n"
                             "附件：清单\n中共某某委员会\n二〇二四年三月一日\n附件\n清单\n内容。\n"))
    assert (parsed.front, parsed.title, parsed.subtitle, parsed.recipient) == (
        ["本文档编辑密码：1234"], "某某工作方案", "（试行）", "各党支部")
    assert (parsed.attachments, parsed.signature, parsed.date) == (["清单"], "中共某某委员会", "二〇二四年三月一日")
    assert [(a.title, a.blocks) for a in parsed.appendices] == [("清单", ["内容。"])]


def test_numbering_on_across_parents_is_kept():
    parsed = parse(read_text("一、问题\n（一）方面一\n1.甲\n2.乙\n（二）方面二\n3.丙\n二、其他\n1.丁\n"))
    counters = {n.title: n.counter for n in parsed.nodes()}
    assert counters["甲"] == counters["丙"] != "" and counters["丁"] == ""


def test_text_in_gbk_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(NOTICE.encode("gbk"))
    result, raw, _ = imported(path)
    assert raw["title"] == "关于做好2024年防汛工作的通知"


# ---------------------------------------------------------------- the command


def test_command_writes_the_answers_file_and_reports(gw, tmp_path):
    (tmp_path / "n.txt").write_text(NOTICE, "utf-8")
    r = gw("import", "n.txt", "-o", "a.toml")
    assert r.code == 0, r.err
    assert "文种：通用公文（generic，未识别为已有文种）" in r.out
    assert "保留为自定义章节（11）：\n  一、提高思想认识\n  (一)压实责任。" in r.out
    assert "已导入：主送机关、附件说明、落款、成文日期" in r.out and "生成文档：gongwen render a.toml" in r.out
    assert read_toml(tmp_path / "a.toml")["type"] == "generic"
    assert gw("render", "a.toml", "-o", "a.docx").code == 0
    r = gw("import", "n.txt", "-o", "a.toml")
    assert r.code == 1 and "已存在" in r.err
    r = gw("import", "n.txt", "-o", "b.toml", "-t", "nope")
    assert r.code == 1 and "没有文种“nope”" in r.err
    r = gw("import", "missing.docx", "-o", "c.toml")
    assert r.code == 1 and "找不到要导入的文件" in r.err


@needs_seeds
def test_command_reports_sections_mapped_and_kept_and_what_it_could_not_keep(gw, tmp_path):
    (tmp_path / "s.txt").write_text(seed_text("000"), "utf-8")
    r = gw("import", "s.txt", "-o", "a.toml")
    assert r.code == 0, r.err
    assert "文种：主题教育专题民主生活会问题整改实施方案（theme-education-rectification" in r.out
    assert "对应到本文种的章节（" in r.out
    assert "二、基本原则和整改措施 → 基本原则和整改目标（principles_goals）" in r.out
    assert "未能放入本文种：开头段落" in r.out and "-t generic" in r.out
    assert "# 以下原文未放入文档，保留在此备查：" in (tmp_path / "a.toml").read_text("utf-8")
    r = gw("import", "s.txt", "-o", "g.toml", "-t", "generic")
    assert r.code == 0 and "未能放入" not in r.out


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(source: Path, fmt: str, out_dir: Path) -> Path:
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out_dir / 'profile').as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                   capture_output=True, timeout=180, check=True)
    return out_dir / f"{source.stem}.{fmt.split(':')[0]}"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_a_doc_file_is_converted_by_libreoffice_and_a_libreoffice_docx_reads_alike(gw, tmp_path):
    raw = read_answers(EXAMPLES / "party-history-rectification.toml")
    type_id = raw.pop("type")
    (tmp_path / "plan.docx").write_bytes(render_docx_bytes(type_id, raw))
    soffice_convert(tmp_path / "plan.docx", "doc", tmp_path / "doc")
    r = gw("import", "doc/plan.doc", "-o", "a.toml")
    assert r.code == 0, r.err
    assert "已用 LibreOffice 把“plan.doc”转换为 .docx 后读取" in r.out and type_id in r.out
    doc = build_document(type_id, {k: v for k, v in read_toml(tmp_path / "a.toml").items() if k != "type"})
    assert headings_of(doc) == headings_of(build_document(type_id, raw))
    # the same file saved by LibreOffice Writer as .docx: the same document
    resaved = soffice_convert(tmp_path / "doc" / "plan.doc", "docx:MS Word 2007 XML", tmp_path / "lo")
    _, _, again = imported(resaved)
    assert document_text(again) == document_text(build_document(type_id, raw))


def test_without_libreoffice_a_doc_file_gets_one_chinese_line(gw, tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    empty = tmp_path / "bin"
    empty.mkdir()
    r = gw("import", "old.doc", "-o", "a.toml", env={"PATH": str(empty), "HOME": str(tmp_path)})
    assert r.code == 1 and "Traceback" not in r.err
    [line] = r.err.strip().splitlines()
    assert "LibreOffice" in line and "另存为 .docx" in line and "apt-get install" in line


def test_a_type_may_declare_how_its_facts_are_recognised(tmp_path):
    import gongwen.api as gw
    from gongwen.import_map import map_document

    dt = gw.DocumentType(
        id="party-day", name="主题党日活动安排",
        questions=[gw.text("branch", "党支部名称", "机关第一党支部"),
                   gw.integer("month", "活动月份", 7, min=1, max=12)],
        sections=[gw.section("place", "活动地点", build=lambda c: [gw.Paragraph(f"地点：{c['place']}。")],
                             questions=[gw.text("place", "活动地点", "党员活动室")])],
        outline=["place"], build=lambda c: gw.Draft(title=f"{c['branch']}{c['month']}月主题党日活动安排"),
        recognise={"branch": r"^(.+?党支部)", "month": lambda text: int(re.search(r"(\d+)月主题党日", text).group(1))},
    )
    parsed = parse(read_text("机关第三党支部9月主题党日活动安排\n一、活动地点\n地点：红色教育基地。\n"))
    m = map_document(parsed, dt)
    assert m.raw["branch"] == "机关第三党支部" and m.raw["month"] == 9
    assert m.raw["place"] == "红色教育基地" and m.sections == [("一、活动地点", "place", "builder")]
    assert m.raw["outline"] == [{"key": "place"}]


def test_text_in_a_text_box_is_read_before_its_paragraph(tmp_path):
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("正文第一段。")
    box = parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>中共某县委员会文件</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    p._p.append(box)
    path = tmp_path / "box.docx"
    d.save(str(path))
    from gongwen.import_read import read_source

    assert [ln.text for ln in read_source(path).lines] == ["中共某县委员会文件", "正文第一段。"]


def test_the_header_above_the_title_goes_to_the_template_not_the_text(gw, tmp_path):
    (tmp_path / "h.txt").write_text("中共某县委员会文件\n县发〔2024〕3号\n关于做好防汛工作的\n通知\n各乡镇：\n正文。\n",
                                    "utf-8")
    r = gw("import", "h.txt", "-o", "a.toml")
    assert r.code == 0, r.err
    saved = read_toml(tmp_path / "a.toml")
    assert saved["title"] == "关于做好防汛工作的通知" and saved["preamble"] == "正文。"
    assert "版头（中共某县委员会文件、县发〔2024〕3号）未放入正文" in r.out and "gongwen template export" in r.out
    assert "#   版头：中共某县委员会文件" in (tmp_path / "a.toml").read_text("utf-8")


def test_an_attachment_note_a_type_cannot_print_is_reported(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("基层党建问题整改专项行动方案\n开头。\n一、总体要求\n正文。\n附件：整改台账\n中共某县委组织部\n2024年5月1日\n",
                    "utf-8")
    result, raw, doc = imported(path)
    assert result.mapped.doctype.id == "grassroots-special-action" and "附件说明" in result.mapped.lost
    assert raw["signature"] == "中共某县委组织部" and raw["issue_date"] == "2024年5月1日"


def test_ledger_rows_fill_a_group_whose_fields_the_table_names():
    import gongwen.api as gw
    from gongwen.import_map import map_document
    from gongwen.import_read import Line

    fields = (gw.text("problem", "问题"), gw.listof("measures", "整改措施"), *gw.responsibility_questions())
    dt = gw.DocumentType(
        id="ledger-only", name="整改台账", questions=[gw.group("items", "整改事项", fields, summary="problem")],
        sections=[], outline=[],
        build=lambda c: gw.Draft(title="整改台账", appendices=[gw.Heading("台账", [gw.ledger_table(c["items"])])]))
    header = ["序号", "问题", "整改措施", "责任领导", "牵头单位", "责任单位", "落实时限"]
    rows = [[str(n), f"问题{n}", "一是措施甲；二是措施乙。", "班子成员", "办公室", "各科室", "2024年12月底"]
            for n in (1, 2)]
    m = map_document(parse([*read_text("整改台账\n正文。\n"), Line("", rows=[header, *rows])]), dt)
    assert [i["problem"] for i in m.raw["items"]] == ["问题1", "问题2"]
    assert m.raw["items"][0]["measures"] == ["措施甲", "措施乙"] and m.raw["items"][1]["deadline"] == "2024年12月底"
