"""Reading a ledger workbook back (for ``gongwen ledger update``): the sheet whose header names
问题 and 整改状态 or 进展, its columns found by their header wherever they are, and its cells
(dates, text) in the form the answers file stores."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import Date, DateError, parse_date, to_storage
from .errors import GongwenError
from .kit.ledger import plain

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
