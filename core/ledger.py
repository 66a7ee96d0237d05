"""``gongwen ledger``: a plan's rectification items as the ledger (整改台账) a clerk keeps in
Excel/WPS, the statuses typed there read back into the answers file, and where the work stands.

- :func:`export_ledger` writes the workbook: one row per item grouped by aspect, printed on A4
  landscape with the header on every page, a drop-down for 整改状态, a hidden 识别码 column;
- :func:`update_answers` reads statuses, progress notes and completion dates back into the
  answers file's ``[[ledger_status]]`` (atomic write, the old file kept as a backup), finding
  each row by its 识别码 or its problem text whatever Excel did to the sheet;
- :func:`status_report` counts the items by status, aspect and lead unit and lists the
  overdue ones (a rich table in the terminal).

The workbook is written and read with openpyxl: one pure-Python library does both, and it
keeps what a printed ledger needs (print titles, page setup, data validation, merged cells).
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import keys
from .clock import today
from .dates import Date, DateError, format_cn, parse_date, sort_key_end, to_storage
from .errors import GongwenError
from .fileio import atomic_write
from .kit.deadlines import format_deadline, parse_deadline
from .kit.ledger import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    ONGOING,
    STATUSES,
    Ledger,
    by_aspect,
    completion_rate,
    parse_status,
    plain,
    status_counts,
)
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


# ---------------------------------------------------------------- export


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


# ---------------------------------------------------------------- reading a sheet back

#: How a header cell is read, first match wins: (field, words it may contain).
_HEADERS = (
    ("id", ("识别码",)),
    ("seq", ("序号", "编号")),
    ("status", ("整改状态", "状态", "整改进度")),
    ("done_date", ("完成日期", "完成时间", "销号日期", "销号时间", "办结日期", "办结时间")),
    ("progress", ("完成情况", "进展", "落实情况", "整改情况")),
    ("measures", ("措施",)),
    ("problem", ("问题",)),
)
#: Excel's day 0 for serial dates (1900 date system, with its leap-year bug).
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_ASPECT_NUMBER = re.compile(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）")


def header_field(text: Any) -> str | None:
    name = plain(text)
    for key, words in _HEADERS:
        if any(w in name for w in words):
            return key
    return None


@dataclass
class SheetRow:
    """One row of the ledger sheet as read: its number in the sheet and its cells by field."""

    number: int
    cells: dict[str, Any]
    texts: list[str]  # every non-empty cell of the row, as text


def read_sheet(path: Path) -> tuple[str, list[SheetRow]]:
    """The ledger rows of a workbook (the sheet whose header names 问题 and 整改状态 or 进展):
    columns found by their header wherever they are, hidden or not; blank rows left out."""
    if not path.is_file():
        raise GongwenError(f"找不到台账文件“{path}”。")
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
            raise GongwenError(f"无法读取“{path}”：{exc.strerror or exc}（文件可能正在 Excel/WPS 中打开）") from exc
        raise GongwenError(f"“{path}”不是 Excel 工作簿（.xlsx）。如果是 .xls 或 WPS 表格格式，"
                           "请在 Excel/WPS 中“另存为”Excel 工作簿（*.xlsx）后重试。") from exc
    except Exception as exc:  # noqa: BLE001 - a damaged zip or XML: the clerk needs one sentence
        raise GongwenError(f"“{path}”已损坏或不是 Excel 工作簿（.xlsx），无法读取（{type(exc).__name__}）。") from exc
    for ws in [wb.active, *(s for s in wb.worksheets if s is not wb.active)]:
        found = _header(ws)
        if found is None:
            continue
        header_row, columns = found
        rows = []
        for r, row in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
            texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
            if not texts:
                continue
            cells = {key: row[i] if i < len(row) else None for key, i in columns.items()}
            rows.append(SheetRow(r, cells, texts))
        return ws.title, rows
    raise GongwenError(f"“{path}”中没有找到整改台账：需要一行表头，含“问题”和“整改状态”（或“完成情况/进展”）两列。")


def _header(ws: Any) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=30, values_only=True), 1):
        columns: dict[str, int] = {}
        for i, value in enumerate(row):
            key = header_field(value) if isinstance(value, str) else None
            if key and key not in columns:
                columns[key] = i
        if "problem" in columns and ({"status", "progress", "done_date"} & columns.keys()):
            return r, columns
    return None


def cell_date(value: Any) -> str:
    """A completion date cell in the stored form: an Excel date, an Excel serial number, or
    text in any spelling :func:`gongwen.dates.parse_date` reads; "" when empty.  Raises
    DateError with a Chinese message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466 and not (19000101 <= value <= 29991231):  # a serial, not 20220630
            return (_EXCEL_EPOCH + _dt.timedelta(days=int(value))).isoformat()
        value = str(int(value))
    d = parse_date(str(value).strip(), allow_range=False)
    if isinstance(d, Date) and d.year is None:
        raise DateError("没有年份，请写成 2022年6月30日 这样的日期")
    return to_storage(d)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "").strip()


# ---------------------------------------------------------------- update


@dataclass
class Update:
    """What ``ledger update`` did: items changed, rows read, and every row it could not use."""

    rows: int = 0  # rows matched to an item
    changed: list[str] = field(default_factory=list)  # problems whose state changed
    unmatched: list[str] = field(default_factory=list)  # rows that name no item
    problems: list[str] = field(default_factory=list)  # rows read in part (a bad status or date)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # items with no row in the sheet
    backup: Path | None = None


def _row_label(row: SheetRow) -> str:
    problem = cell_text(row.cells.get("problem"))
    shown = problem if len(problem) <= 24 else problem[:23] + "…"
    return f"第 {row.number} 行" + (f"（“{shown}”）" if shown else "")


def _aspect_row(row: SheetRow, aspects: set[str]) -> bool:
    """A row naming an aspect (一、在……方面), as export writes it between the items."""
    return len(row.texts) == 1 and plain(_ASPECT_NUMBER.sub("", row.texts[0])) in aspects


def match_rows(items: Sequence[Mapping[str, Any]], rows: Sequence[SheetRow], result: Update) -> dict[str, SheetRow]:
    """Each item's row: by 识别码, else by its problem text when exactly one item has it.
    Rows that match nothing are recorded in ``result`` (never dropped silently)."""
    by_id = {item["id"]: item for item in items}
    by_problem: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        by_problem.setdefault(plain(item["problem"]), []).append(item)
    aspects = {plain(item["aspect"]) for item in items if item["aspect"]}
    found: dict[str, list[SheetRow]] = {}
    for row in rows:
        if not any(cell_text(row.cells.get(k)) for k in ("id", "problem", "status", "progress", "done_date")):
            continue  # nothing to match or to read: a row holding only a number or a merged heading
        item = by_id.get(cell_text(row.cells.get("id")))
        if item is None:
            same = by_problem.get(plain(cell_text(row.cells.get("problem"))), [])
            item = same[0] if len(same) == 1 else None
        if item is not None:
            found.setdefault(item["id"], []).append(row)
        elif not _aspect_row(row, aspects):
            result.unmatched.append(f"{_row_label(row)}：与答案文件中的问题对不上，未读入")
    out = {}
    for item_id, matched in found.items():
        if len(matched) > 1:
            numbers = "、".join(str(r.number) for r in matched)
            result.unmatched.append(f"第 {numbers} 行都是问题“{by_id[item_id]['problem']}”，无法确定以哪一行为准，"
                                    "均未读入（请删去重复的行）")
            continue
        out[item_id] = matched[0]
    return out


def row_state(row: SheetRow, old: Mapping[str, Any], result: Update) -> dict[str, str]:
    """status, progress and done_date of a row; a cell that cannot be read keeps the old value
    and is recorded in ``result``."""
    label = _row_label(row)
    state = {"status": old.get("status") or NOT_STARTED, "progress": old.get("progress", ""),
             "done_date": old.get("done_date", "")}
    if "status" in row.cells:
        status = parse_status(cell_text(row.cells["status"]))
        if status is None:
            result.problems.append(f"{label}：整改状态“{cell_text(row.cells['status'])}”无法识别"
                                   f"（应为{'、'.join(STATUSES)}），保留原状态“{state['status']}”")
        else:
            state["status"] = status
    if "progress" in row.cells:
        state["progress"] = cell_text(row.cells["progress"])
    if "done_date" in row.cells:
        try:
            state["done_date"] = cell_date(row.cells["done_date"])
        except DateError as exc:
            result.problems.append(f"{label}：完成日期“{cell_text(row.cells['done_date'])}”无法识别（{exc}），"
                                   "保留原日期")
    if state["status"] == DONE and not state["done_date"]:
        result.warnings.append(f"{label}：整改状态为“已完成”，但没有填写完成日期")
    elif state["status"] != DONE and state["done_date"]:
        result.warnings.append(f"{label}：填写了完成日期，但整改状态为“{state['status']}”")
    return state


def _entry(item: Mapping[str, Any], state: Mapping[str, str]) -> dict[str, str]:
    entry = {"id": item["id"], "problem": item["problem"], "status": state["status"]}
    entry.update({k: state[k] for k in ("progress", "done_date") if state[k]})
    return entry


BLANK = {"status": NOT_STARTED, "progress": "", "done_date": ""}


def _same(item: Mapping[str, Any], state: Mapping[str, str]) -> bool:
    return all((item.get(k) or "") == (state[k] or "") for k in ("status", "progress", "done_date"))


def update_answers(path: Path, ledger: Ledger, sheet: Path) -> Update:
    """Read the statuses typed in ``sheet`` into the answers file ``path`` (whose ledger, read
    with :func:`gongwen.kit.ledger.read_ledger`, is ``ledger``)."""
    from .answers import LEDGER_COMMENT, add_ledger_status, decode

    _, rows = read_sheet(sheet)
    result = Update()
    matched = match_rows(ledger.items, rows, result)
    result.rows = len(matched)
    states = {}
    for item in ledger.items:
        if item["id"] not in matched:
            result.missing.append(item["problem"])
            continue
        state = row_state(matched[item["id"]], item, result)
        states[item["id"]] = state
        if not _same(item, state):
            result.changed.append(item["problem"])
    if not result.changed:
        return result
    # every item whose state is not the blank one (未启动, no note, no date), then what the
    # file had that matches no item (kept, never dropped)
    current = [(item, states.get(item["id"], item)) for item in ledger.items]
    entries = [_entry(item, state) for item, state in current if not _same(BLANK, state)]
    entries += ledger.orphans
    import tomlkit

    data = path.read_bytes()
    doc = tomlkit.parse(decode(data, str(path)))
    if keys.LEDGER in doc:  # the statuses written last time go, with their comment
        del doc[keys.LEDGER]
        doc = tomlkit.parse(re.sub(rf"\n*# {re.escape(LEDGER_COMMENT)}\n*", "\n", tomlkit.dumps(doc)))
    add_ledger_status(doc, entries)
    result.backup = backup(path, data)
    atomic_write(path, tomlkit.dumps(doc).encode("utf-8"), force=True)
    return result


def backup(path: Path, data: bytes) -> Path:
    """Keep ``data`` (the file as it was) beside ``path`` as ``NAME.toml.YYYYMMDD-HHMMSS.bak``
    (not ``*.toml``, so that ``gongwen batch 答案/*.toml`` does not take it)."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    atomic_write(target, data)
    return target


# ---------------------------------------------------------------- status


def deadline_end(deadline: str) -> _dt.date | None:
    """The last day of a deadline's date (None for a phrase such as 长期坚持, or an open end)."""
    try:
        d = parse_deadline(deadline).date
    except DateError:
        return None
    if d is None:
        return None
    y, m, day = sort_key_end(d)
    return None if y >= 9999 else _dt.date(y, m, day)


def overdue(items: Iterable[Mapping[str, Any]], on: _dt.date) -> list[tuple[Mapping[str, Any], int]]:
    """Items not done (未启动, 推进中) whose deadline passed before ``on``, with the days since."""
    out = []
    for item in items:
        if item.get("status") not in (NOT_STARTED, IN_PROGRESS):
            continue
        end = deadline_end(item.get("deadline", ""))
        if end is not None and end < on:
            out.append((item, (on - end).days))
    return out


_UNIT_SPLIT = re.compile(r"[、，,；;／/]+")


def lead_units(item: Mapping[str, Any]) -> list[str]:
    """The lead units of an item (区科技局、区工信局 are two)."""
    return [u.strip() for u in _UNIT_SPLIT.split(item.get("lead_unit", "")) if u.strip()] or ["（未填写）"]


def tally(items: Iterable[Mapping[str, Any]], keys_of: Callable[[Mapping[str, Any]], list[str]]
          ) -> dict[str, dict[str, int]]:
    """Status counts per key (an aspect, a lead unit), keys in the order they first appear."""
    out: dict[str, dict[str, int]] = {}
    for item in items:
        for key in keys_of(item):
            out.setdefault(key, dict.fromkeys(STATUSES, 0))[item.get("status") or NOT_STARTED] += 1
    return out


def short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def status_report(ledger: Ledger, on: _dt.date) -> list[Any]:
    """The rich renderables of ``gongwen ledger status``: counts by status, aspect and lead
    unit, and the overdue items."""
    from rich.table import Table
    from rich.text import Text

    items = ledger.items
    counts = status_counts(items)
    plan = str(ledger.answers.get("title") or "").strip()
    out: list[Any] = [Text(f"{'《' + plan + '》' if plan else ''}整改台账（截至{format_cn(on)}）：共 {len(items)} 项，"
                           f"已完成 {counts[DONE]} 项，完成率 {completion_rate(items)}", style="bold")]

    by_status = Table(title="按整改状态", title_justify="left")
    by_status.add_column("整改状态")
    by_status.add_column("项数", justify="right")
    by_status.add_column("占比", justify="right")
    for status in STATUSES:
        share = f"{round(100 * counts[status] / len(items), 1):g}%" if items else "0%"
        by_status.add_row(status, str(counts[status]), share)
    by_status.add_row("合计", str(len(items)), "100%" if items else "0%", style="bold")
    out.append(by_status)

    for title, head, keyed in (("按方面", "方面", lambda i: [i["aspect"] or "（未分方面）"]),
                               ("按牵头单位（一项有几个牵头单位时各计一次）", "牵头单位", lead_units)):
        table = Table(title=title, title_justify="left")
        table.add_column(head, overflow="fold")
        for column in ("合计", *STATUSES):
            table.add_column(column, justify="right")
        rows = tally(items, keyed)
        for key, by in rows.items():
            table.add_row(short(key), str(sum(by.values())), *(str(by[s]) for s in STATUSES))
        out.append(table)

    late = overdue(items, on)
    if not late:
        out.append(Text(f"超期未完成：无（{ONGOING}的事项不计超期）"))
        return out
    numbers = {item["id"]: n for n, item in enumerate(items, 1)}
    table = Table(title=f"超期未完成：{len(late)} 项", title_justify="left", title_style="bold red")
    for column, justify in (("序号", "right"), ("问题", "left"), ("牵头单位", "left"), ("落实时限", "left"),
                            ("整改状态", "left"), ("超期天数", "right")):
        table.add_column(column, justify=justify, overflow="fold")
    for item, days in late:
        table.add_row(str(numbers[item["id"]]), short(item["problem"], 30), item["lead_unit"],
                      format_deadline(item["deadline"]), item["status"], str(days))
    out.append(table)
    return out
