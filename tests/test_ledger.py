"""The rectification cycle (issue 15): each plan's items, the ledger as an Excel workbook, the
statuses a clerk typed there read back into the answers file, and the state in the terminal."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES, example, read_toml, run_gongwen
from gongwen.answers import dump_answers, read_answers
from gongwen.kit.ledger import item_id, parse_status, read_ledger, status_counts
from gongwen.ledger_export import column_widths
from gongwen.ledger_sheet import cell_date
from gongwen.testing import get_type

PLAN = "party-history-rectification"
TYPES_WITH_ITEMS = {"party-history-rectification": 14, "theme-education-rectification": 15,
                    "grassroots-special-action": 6, "patrol-meeting-plan": 4}
HEADER = ["序号", "问题", "整改措施", "责任领导", "牵头单位", "责任单位", "落实时限", "整改状态", "完成情况/进展",
          "完成日期"]


def items_of(type_id: str, raw: dict) -> list[dict]:
    return read_ledger(get_type(type_id), raw).items


# ---------------------------------------------------------------- uniform items


@pytest.mark.parametrize("type_id, count", TYPES_WITH_ITEMS.items())
def test_every_plan_type_lists_its_items_uniformly(type_id, count):
    items = items_of(type_id, example(type_id))
    assert len(items) == count
    for item in items:
        assert set(item) >= {"id", "aspect", "problem", "measures", "leader", "lead_unit", "units", "deadline",
                             "status", "progress", "done_date"}
        assert item["problem"] and item["leader"] and item["lead_unit"] and item["deadline"]
        assert isinstance(item["measures"], list) and item["status"] == "未启动"
    assert len({i["id"] for i in items}) == count


def test_item_ids_follow_the_text_not_the_position():
    raw = example(PLAN)
    before = {i["problem"]: i["id"] for i in items_of(PLAN, raw)}
    raw["aspects"].reverse()
    raw["aspects"][0]["problems"].reverse()
    after = {i["problem"]: i["id"] for i in items_of(PLAN, raw)}
    assert before == after
    assert item_id("理论学习方面", "学习不系统。") == item_id(" 理论学习方面", "学习不系统")


def test_a_problem_listed_twice_gets_two_ids():
    raw = {"problems": [{"problem": "制度不健全", "title": "健全制度", "measures": ["建立制度"]}] * 2}
    ids = [i["id"] for i in items_of("grassroots-special-action", raw)]
    assert ids[1] == ids[0] + "-2"


def test_patrol_items_exist_only_while_its_problems_are_listed():
    assert len(items_of("patrol-meeting-plan", {})) == 4
    assert items_of("patrol-meeting-plan", {"outline": [{"key": "theme"}]}) == []


def test_types_without_items_say_so():
    from gongwen.errors import GongwenError

    with pytest.raises(GongwenError, match="没有整改问题清单"):
        read_ledger(get_type("theme-education-report"), {})


@pytest.mark.parametrize("typed, status", [("已完成", "已完成"), (" 完成 ", "已完成"), ("进行中", "推进中"),
                                           ("长期", "长期坚持"), ("", "未启动"), ("未开始", "未启动"),
                                           ("差不多", None)])
def test_statuses_as_clerks_type_them(typed, status):
    assert parse_status(typed) == status


def test_statuses_survive_a_reworded_aspect_and_unknown_ids_are_kept_as_orphans():
    raw = example(PLAN)
    first = items_of(PLAN, raw)[0]
    raw["ledger_status"] = [{"id": "stale", "problem": first["problem"], "status": "推进中"},
                            {"id": "gone", "problem": "已删去的问题", "status": "已完成", "done_date": "2022-01-05"}]
    ledger = read_ledger(get_type(PLAN), raw)
    assert ledger.items[0]["status"] == "推进中"
    assert [o["id"] for o in ledger.orphans] == ["gone"]


def test_the_answers_file_keeps_ledger_statuses_on_every_rewrite(tmp_path):
    raw = example(PLAN)
    raw["ledger_status"] = [{"id": "x1", "problem": "问题", "status": "已完成", "progress": "第一行\n第二行",
                             "done_date": "2022-06-30"}]
    text = dump_answers(get_type(PLAN), raw, None)
    path = tmp_path / "a.toml"
    path.write_text(text, "utf-8")
    assert read_answers(path)["ledger_status"] == raw["ledger_status"]
    # gongwen new --answers … --no-input saves the answers again: the statuses stay
    out = tmp_path / "again.docx"
    result = run_gongwen("new", PLAN, "-o", out, "--answers", path, "--no-input", "--save-answers",
                         tmp_path / "saved.toml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert read_toml(tmp_path / "saved.toml")["ledger_status"] == raw["ledger_status"]
    assert "ledger_status" not in result.err  # a reserved key, not an unknown question


# ---------------------------------------------------------------- export


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ledger")
    result = run_gongwen("ledger", "export", EXAMPLES / f"{PLAN}.toml", "-o", "台账.xlsx", cwd=folder)
    assert result.code == 0, result.err
    assert "14 个问题" in result.out
    return folder / "台账.xlsx"


def item_rows(ws) -> list[int]:
    return [r for r in range(4, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]


def test_export_reads_back_with_openpyxl(exported):
    ws = openpyxl.load_workbook(exported).active
    assert [c.value for c in ws[3]][:10] == HEADER
    assert ws.cell(3, 11).value.startswith("识别码") and ws.column_dimensions["K"].hidden
    rows = item_rows(ws)
    assert len(rows) == 14 and [ws.cell(r, 1).value for r in rows] == list(range(1, 15))
    expected = items_of(PLAN, example(PLAN))
    assert [ws.cell(r, 2).value for r in rows] == [i["problem"] for i in expected]
    assert [ws.cell(r, 11).value for r in rows] == [i["id"] for i in expected]
    assert all(ws.cell(r, 8).value == "未启动" for r in rows)
    sixth = rows[5]
    assert [ws.cell(sixth, c).value for c in range(4, 8)] == [
        "常务副区长", "区科技局、区工信局、区农业农村局、区商务局", "各镇办，区政府各相关部门", "2022年12月底取得实效"]
    assert ws.cell(rows[0], 3).value.startswith("一是坚持原原本本学")
    # aspects head their groups, across the table
    aspects = [r for r in range(4, ws.max_row + 1) if r not in rows]
    assert len(aspects) == 5 and ws.cell(aspects[0], 1).value.startswith("一、在带头深刻感悟")
    assert f"A{aspects[0]}:J{aspects[0]}" in {str(m) for m in ws.merged_cells.ranges}


def test_export_is_set_up_for_printing(exported):
    ws = openpyxl.load_workbook(exported).active
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3"
    assert ws.freeze_panes == "A4"
    assert ws.cell(4 + 1, 2).font.name == "仿宋" and ws.cell(3, 1).font.name == "黑体"
    assert ws.cell(item_rows(ws)[0], 3).alignment.wrap_text
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert widths[2] == max(widths) and widths[0] == min(widths)  # 整改措施 widest, 序号 narrowest
    [validation] = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == '"未启动,推进中,已完成,长期坚持"'
    assert str(validation.sqref).startswith("H4:H")


def test_column_widths_fill_the_page_and_follow_the_content():
    short = column_widths([{"problem": "问题", "measures": "措施"}])
    long = column_widths([{"problem": "很长的问题" * 10, "measures": "很长的措施" * 40, "lead_unit": "单位" * 30}])
    assert round(sum(short.values())) == round(sum(long.values())) == 146
    assert long["lead_unit"] > short["lead_unit"] and long["problem"] > short["problem"]


def test_export_refuses_other_suffixes_and_types_without_items(gw):
    result = gw("ledger", "export", EXAMPLES / f"{PLAN}.toml", "-o", "台账.xls")
    assert result.code == 1 and "只能导出为 .xlsx" in result.err
    result = gw("ledger", "export", EXAMPLES / "theme-education-report.toml", "-o", "台账.xlsx")
    assert result.code == 1 and "没有整改问题清单" in result.err


def _calc_available() -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    return bool(soffice and shutil.which("pdfinfo") and shutil.which("pdftotext"))


@pytest.mark.skipif(not _calc_available(), reason="LibreOffice (soffice) or poppler-utils not installed")
def test_libreoffice_prints_a_landscape_ledger_with_the_header_on_every_page(exported, tmp_path):
    shutil.copy(exported, tmp_path / "台账.xlsx")
    proc = subprocess.run([shutil.which("soffice") or "libreoffice", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(tmp_path / "台账.xlsx")], capture_output=True, text=True,
                          timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    pdf = tmp_path / "台账.pdf"
    if not pdf.exists():
        pytest.skip(f"LibreOffice could not convert a spreadsheet (Calc not installed?): {proc.stderr[-200:]}")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    width, height = [float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x ")]
    assert width > height and round(width) == 842  # A4 landscape
    pages = int(info.split("Pages:")[1].split()[0])
    assert pages >= 2
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        assert "整改措施" in text and "落实时限" in text and "整改状态" in text, page
        assert "识别码" not in text
    everything = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "作风建设落细落小不够" in everything and "第 1 页" in everything


# ---------------------------------------------------------------- a clerk's edits read back


TYPED = {  # problem -> (status, progress, completion date as typed)
    "理论学习的系统性还不足": ("已完成", "修订党组中心组学习制度，按计划开展集中学习。", "2022年6月30日"),
    "学用结合的有效性不够": ("长期坚持", "每次集中学习安排交流研讨。", None),
    "推动上级政策部署落地见效还不够彻底": ("已完成", "建立重点任务台账并按月调度。", dt.datetime(2022, 5, 31)),
    "调查研究还不够深入有效": ("推进中", "班子成员已完成第一轮调研。", None),
    "经济稳中有进的基础不够坚实": ("完成", "主要指标运行在合理区间。", 44742),  # a serial: 2022-06-30
    "调结构增动能的步伐比较缓慢": ("进行中", "", None),
    "“五个新城”建设仍然任重道远": ("长期坚持", "三年行动按年度计划推进。", None),
}


def clerk_edits(source: Path, target: Path) -> None:
    """What a clerk does in Excel: types statuses for half the rows (one date as text, one as
    a serial number), cuts a row and pastes it below the table (leaving a blank row in the
    table and two between), hides a column."""
    wb = openpyxl.load_workbook(source)
    ws = wb.active
    rows = {ws.cell(r, 2).value: r for r in item_rows(ws)}
    for problem, (status, progress, done) in TYPED.items():
        r = rows[problem]
        ws.cell(r, 8).value = status
        ws.cell(r, 9).value = progress or None
        ws.cell(r, 10).value = done
    moved = rows["调查研究还不够深入有效"]  # cut the row and paste it below the table
    last = ws.max_row + 3
    for c in range(1, 12):
        ws.cell(last, c).value = ws.cell(moved, c).value
        ws.cell(moved, c).value = None
    ws.column_dimensions["F"].hidden = True  # 责任单位 hidden
    wb.save(target)


@pytest.fixture
def updated(exported, tmp_path):
    plan = tmp_path / "方案.toml"
    shutil.copy(EXAMPLES / f"{PLAN}.toml", plan)
    clerk_edits(exported, tmp_path / "台账（已填）.xlsx")
    result = run_gongwen("ledger", "update", plan, "台账（已填）.xlsx", cwd=tmp_path)
    return plan, result


def test_update_reads_what_the_clerk_typed(updated):
    plan, result = updated
    assert result.code == 0, result.err
    assert "更新了 7 个问题的进展" in result.out
    assert "完成日期" not in result.err  # every date was read
    items = {i["problem"]: i for i in items_of(PLAN, read_answers(plan))}
    assert items["理论学习的系统性还不足"]["done_date"] == "2022-06-30"  # typed as text
    assert items["推动上级政策部署落地见效还不够彻底"]["done_date"] == "2022-05-31"  # an Excel date
    assert items["经济稳中有进的基础不够坚实"]["done_date"] == "2022-06-30"  # a serial number
    assert items["经济稳中有进的基础不够坚实"]["status"] == "已完成"  # "完成" read as 已完成
    assert items["调查研究还不够深入有效"]["status"] == "推进中"  # the moved row
    assert items["调结构增动能的步伐比较缓慢"]["status"] == "推进中"
    assert status_counts(items.values()) == {"未启动": 7, "推进中": 2, "已完成": 3, "长期坚持": 2}


def test_update_keeps_the_file_as_written_and_a_backup(updated):
    plan, result = updated
    text = plan.read_text("utf-8")
    original = (EXAMPLES / f"{PLAN}.toml").read_text("utf-8")
    assert text.startswith(original.rstrip("\n"))  # comments and order untouched; statuses appended
    assert text.count("[[ledger_status]]") == 7
    [backup] = plan.parent.glob("方案.toml.*.bak")
    assert backup.read_text("utf-8") == original
    assert str(backup.name) in result.out
    # once more with the same sheet: nothing to change, no second backup
    again = run_gongwen("ledger", "update", plan, "台账（已填）.xlsx", cwd=plan.parent)
    assert again.code == 0 and "一致，未改动" in again.out
    assert len(list(plan.parent.glob("方案.toml.*.bak"))) == 1


def test_rows_sorted_without_the_id_column_are_matched_by_their_problem(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    ws = wb.active
    rows = [[ws.cell(r, c).value for c in range(1, 12)] for r in item_rows(ws)]
    new = openpyxl.Workbook()  # the rows as a clerk's own sheet holds them
    sheet = new.active
    sheet.append(["整改任务台账"])
    sheet.append(["完成日期", "整改状态", "问题", "牵头单位"])  # other order, no 识别码, no 序号
    for row in sorted(rows, key=lambda r: r[4]):  # sorted by 牵头单位
        sheet.append([None, "推进中", row[1], row[4]])
    sheet.append([None, "已完成", "台账里新加的一行", "区政府办公室"])
    new.save(tmp_path / "sorted.xlsx")
    plan = tmp_path / "plan.toml"
    shutil.copy(EXAMPLES / f"{PLAN}.toml", plan)
    result = run_gongwen("ledger", "update", plan, "sorted.xlsx", cwd=tmp_path)
    assert result.code == 1  # one row could not be read: said, never dropped silently
    assert "第 17 行（“台账里新加的一行”）：与答案文件中的问题对不上，未读入" in result.err
    assert "更新了 14 个问题的进展" in result.out
    assert status_counts(items_of(PLAN, read_answers(plan)))["推进中"] == 14


def test_unreadable_cells_and_duplicate_rows_are_reported(exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    ws = wb.active
    rows = item_rows(ws)
    ws.cell(rows[0], 8).value = "差不多了"
    ws.cell(rows[1], 8).value = "已完成"
    ws.cell(rows[1], 10).value = "六月底"  # no year
    ws.append([ws.cell(rows[2], c).value for c in range(1, 12)])  # row 3 copied to the end
    wb.save(tmp_path / "bad.xlsx")
    plan = tmp_path / "plan.toml"
    shutil.copy(EXAMPLES / f"{PLAN}.toml", plan)
    result = run_gongwen("ledger", "update", plan, "bad.xlsx", cwd=tmp_path)
    assert result.code == 1
    assert "整改状态“差不多了”无法识别" in result.err
    assert "完成日期“六月底”无法识别" in result.err and "没有填写完成日期" in result.err
    assert "都是问题“推动上级政策部署落地见效还不够彻底”" in result.err


def test_update_refuses_what_is_not_a_workbook(tmp_path):
    plan = tmp_path / "plan.toml"
    shutil.copy(EXAMPLES / f"{PLAN}.toml", plan)
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    result = run_gongwen("ledger", "update", plan, "old.xls", cwd=tmp_path)
    assert result.code == 1 and "另存为" in result.err and "Traceback" not in result.err
    assert plan.read_text("utf-8") == (EXAMPLES / f"{PLAN}.toml").read_text("utf-8")


@pytest.mark.parametrize("value, stored", [
    ("2022年6月30日", "2022-06-30"), ("2022/6/30", "2022-06-30"), ("2022.6.30", "2022-06-30"),
    (44742, "2022-06-30"), (44742.5, "2022-06-30"), (20220630, "2022-06-30"), (dt.datetime(2022, 6, 30), "2022-06-30"),
    ("2022年6月", "2022-06"), (None, ""), ("  ", ""),
])
def test_completion_dates_as_excel_holds_them(value, stored):
    assert cell_date(value) == stored


# ---------------------------------------------------------------- status


def test_status_counts_and_overdue_items(updated):
    plan, _ = updated
    result = run_gongwen("ledger", "status", plan, "--date", "2023年1月5日", env={"COLUMNS": "160",
                                                                                "PATH": "/usr/bin:/bin"})
    assert result.code == 0, result.err
    out = result.out
    assert "共 14 项，已完成 3 项，完成率 21.4%" in out
    assert "按整改状态" in out and "按方面" in out and "按牵头单位" in out
    assert "超期未完成：4 项" in out  # 2022年12月底 passed: items 6, 8, 10, 11 not done
    assert "乡村振兴的内生动力还不够强" in out and "经济稳中有进的基础" not in out.split("超期未完成")[1]
    early = run_gongwen("ledger", "status", plan, "--date", "2022-07-01", env={"COLUMNS": "160",
                                                                              "PATH": "/usr/bin:/bin"})
    assert "超期未完成：无" in early.out


def test_status_refuses_a_bad_date(gw):
    result = gw("ledger", "status", EXAMPLES / f"{PLAN}.toml", "--date", "2022年13月")
    assert result.code == 1 and "--date" in result.err


def test_a_second_update_replaces_the_statuses_and_a_new_export_shows_them(updated, tmp_path):
    plan, _ = updated
    export = run_gongwen("ledger", "export", plan, "-o", "再次导出.xlsx", cwd=tmp_path)
    assert export.code == 0, export.err
    wb = openpyxl.load_workbook(tmp_path / "再次导出.xlsx")
    ws = wb.active
    rows = {ws.cell(r, 2).value: r for r in item_rows(ws)}
    first = rows["理论学习的系统性还不足"]
    assert ws.cell(first, 8).value == "已完成" and ws.cell(first, 10).value == dt.datetime(2022, 6, 30)
    assert ws.cell(first, 9).value == "修订党组中心组学习制度，按计划开展集中学习。"
    ws.cell(rows["调查研究还不够深入有效"], 8).value = "已完成"
    ws.cell(rows["调查研究还不够深入有效"], 10).value = "2022-07-01"
    ws.cell(ws.max_row + 1, 1).value = 15  # a clerk's numbered empty row: nothing to read
    wb.save(tmp_path / "再次导出.xlsx")
    result = run_gongwen("ledger", "update", plan, "再次导出.xlsx", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "更新了 1 个问题的进展" in result.out
    text = plan.read_text("utf-8")
    assert text.count("[[ledger_status]]") == 7 and text.count("# 整改台账：") == 1
    assert status_counts(items_of(PLAN, read_answers(plan)))["已完成"] == 4
