"""``gongwen ledger export``: the workbook of a plan's rectification items (整改台账) a clerk keeps
in Excel/WPS — one row per item grouped by aspect, printed on A4 landscape with the header on every
page, a drop-down for 整改状态 and a hidden 识别码 column.  openpyxl writes it (and reads it back,
:mod:`gongwen.ledger_sheet`): one pure-Python library keeps what a printed ledger needs (print
titles, page setup, data validation, merged cells)."""

from __future__ import annotations

import datetime as _dt
import io
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .clock import today
from .dates import Date, DateError, format_cn, parse_date
from .errors import GongwenError
from .fileio import atomic_write
from .kit.deadlines import format_deadline
from .kit.ledger import NOT_STARTED, STATUSES, Ledger, by_aspect
from .kit.lists import measures_text
from .model import cn_number

# ---------------------------------------------------------------- the sheet's columns


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    min_width: float  # Excel column widths (characters of the default font)
    max_width: float
    centred: bool = False


COLUMNS = (
    Column("seq", "序号", 5, 6, True),
    Column("problem", "问题", 14, 30),
    Column("measures", "整改措施", 32, 60),
    Column("leader", "责任领导", 8, 14, True),
    Column("lead_unit", "牵头单位", 10, 16, True),
    Column("units", "责任单位", 10, 16, True),
    Column("deadline", "落实时限", 10, 14, True),
    Column("status", "整改状态", 10, 10, True),
    Column("progress", "完成情况/进展", 22, 40),
    Column("done_date", "完成日期", 14, 14, True),
)
ID_TITLE = "识别码（请勿改动）"
#: The printable width of A4 landscape with the margins below, in Excel width units.
PAGE_WIDTH = 146
SHEET_TITLE = "整改台账"
FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "方正小标宋简体"
FONT_SIZE = 11
LINE_HEIGHT = 14.5  # points per wrapped line of FONT_SIZE text
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
HEADER_ROW = 3


def _units(text: str) -> float:
    """The width of ``text`` in Excel width units (a Chinese character ≈ two digits)."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` wide."""
    room = max(width - 1.5, 2.0)
    return sum(max(1, math.ceil(_units(part) / room)) for part in str(text).split("\n"))


def column_widths(rows: Sequence[Mapping[str, str]]) -> dict[str, float]:
    """Widths by content within each column's bounds, fitted to the page: when the content is
    wide every column gives up the same share of its room above its minimum; when it is narrow
    整改措施 and 完成情况/进展 take what is left."""
    widths = {}
    for col in COLUMNS:
        longest = max((_units(line) for r in rows for line in str(r.get(col.key, "")).split("\n")),
                      default=0.0)
        widths[col.key] = min(max(longest + 2, _units(col.title) + 2, col.min_width), col.max_width)
    excess = sum(widths.values()) - PAGE_WIDTH
    if excess < 0:
        widths["measures"] -= excess * 0.6
        widths["progress"] -= excess * 0.4
        return widths
    room = {c.key: widths[c.key] - c.min_width for c in COLUMNS}
    share = min(excess / sum(room.values()), 1.0) if sum(room.values()) else 0.0
    return {key: width - room[key] * share for key, width in widths.items()}


# ---------------------------------------------------------------- the workbook


def _row_values(n: int, item: Mapping[str, Any]) -> dict[str, Any]:
    return {"seq": n, "problem": item["problem"].rstrip("。"), "measures": measures_text(item["measures"]),
            "leader": item["leader"], "lead_unit": item["lead_unit"], "units": item["units"],
            "deadline": format_deadline(item["deadline"]) if item["deadline"] else "",
            "status": item.get("status") or NOT_STARTED, "progress": item.get("progress", ""),
            "done_date": item.get("done_date", "")}


def _excel_date(value: str) -> _dt.date | str:
    """A stored completion date as an Excel date (a day) or as text (a month, a part of one)."""
    if not value:
        return ""
    try:
        d = parse_date(value, allow_range=False)
    except DateError:
        return value
    if isinstance(d, Date) and d.year and d.month and d.day:
        return _dt.date(d.year, d.month, d.day)
    return format_cn(d)


def workbook_bytes(ledger: Ledger, title: str, basis: str) -> bytes:
    """The ledger workbook (see the module's docstring for what it holds)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    ncols = len(COLUMNS)
    last_col = get_column_letter(ncols)
    id_col = ncols + 1
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    body_font = Font(name=FONT, size=FONT_SIZE)
    numbered = [(n, item) for n, item in enumerate(ledger.items, 1)]
    values = [_row_values(n, item) for n, item in numbered]
    widths = column_widths(values)
    for i, col in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(widths[col.key], 1)
    ws.column_dimensions[get_column_letter(id_col)].width = 12
    ws.column_dimensions[get_column_letter(id_col)].hidden = True

    ws.append([title])
    ws.merge_cells(f"A1:{last_col}1")
    ws["A1"].font = Font(name=TITLE_FONT, size=18)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36
    ws.append([basis])
    ws.merge_cells(f"A2:{last_col}2")
    ws["A2"].font = Font(name=FONT, size=FONT_SIZE)
    ws["A2"].alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.row_dimensions[2].height = LINE_HEIGHT * _lines(basis, sum(widths.values())) + 6

    ws.append([c.title for c in COLUMNS] + [ID_TITLE])
    for i in range(1, id_col + 1):
        cell = ws.cell(HEADER_ROW, i)
        cell.font = Font(name=HEADING_FONT, size=FONT_SIZE)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
    ws.row_dimensions[HEADER_ROW].height = 30

    by_id = dict(zip((item["id"] for _, item in numbered), values, strict=True))
    aspect_font = Font(name=HEADING_FONT, size=FONT_SIZE)
    grouped = by_aspect(ledger.items)
    for g, (aspect, members) in enumerate(grouped, 1):
        if aspect:  # a row naming the aspect, across the table
            heading = f"{cn_number(g)}、{aspect}"
            ws.append([heading])
            r = ws.max_row
            ws.merge_cells(f"A{r}:{last_col}{r}")
            for i in range(1, ncols + 1):
                ws.cell(r, i).border = box
            ws.cell(r, 1).font = aspect_font
            ws.cell(r, 1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            ws.cell(r, 1).fill = PatternFill("solid", fgColor="F2F2F2")
            ws.row_dimensions[r].height = LINE_HEIGHT * _lines(heading, sum(widths.values())) + 6
        for item in members:
            row = by_id[item["id"]]
            ws.append([row[c.key] if c.key != "done_date" else _excel_date(row[c.key]) for c in COLUMNS]
                      + [item["id"]])
            r = ws.max_row
            for i, col in enumerate(COLUMNS, 1):
                cell = ws.cell(r, i)
                cell.font = body_font
                cell.border = box
                cell.alignment = Alignment(horizontal="center" if col.centred else "left", vertical="center",
                                           wrap_text=True)
                if col.key == "done_date":
                    cell.number_format = DATE_FORMAT
            ws.cell(r, id_col).font = body_font
            lines = max(_lines(str(row[c.key]), widths[c.key]) for c in COLUMNS)
            ws.row_dimensions[r].height = LINE_HEIGHT * lines + 6
    last = ws.max_row

    status_col = get_column_letter([c.key for c in COLUMNS].index("status") + 1)
    choice = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="整改状态",
                            error="请从下拉列表中选择：" + "、".join(STATUSES),
                            showInputMessage=True, promptTitle="整改状态", prompt="、".join(STATUSES))
    ws.add_data_validation(choice)
    choice.add(f"{status_col}{HEADER_ROW + 1}:{status_col}{max(last, HEADER_ROW + 1) + 200}")

    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{max(last, HEADER_ROW + 1)}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 10
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ledger_title(answers: Mapping[str, Any]) -> tuple[str, str]:
    """The sheet's title and the line under it (which plan, when exported)."""
    plan = str(answers.get("title") or "").strip()
    basis = f"依据：《{plan}》" if plan else ""
    stamp = f"导出日期：{format_cn(today())}"
    return "整改任务台账", f"{basis}　　{stamp}".strip("　")


def export_ledger(ledger: Ledger, output: Path, force: bool = False) -> int:
    """Write the workbook for ``ledger``; returns the number of item rows."""
    if output.suffix.lower() != ".xlsx":
        raise GongwenError(f"台账只能导出为 .xlsx 文件（Excel/WPS 均可打开），而不是“{output.name}”。")
    if not ledger.items:
        raise GongwenError("答案中没有整改问题，无法导出台账。")
    title, basis = ledger_title(ledger.answers)
    atomic_write(output, workbook_bytes(ledger, title, basis), force)
    return len(ledger.items)
