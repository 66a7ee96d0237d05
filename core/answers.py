"""The answers file: TOML read with tomllib/tomli, written with tomlkit.

Top level ``type = "<id>"``; every other key is a question key (English snake_case);
repeating groups are arrays of tables; ``outline`` is the user's outline.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from .doctype import DocumentType
from .errors import GongwenError
from .questions import Answers, Question, show_value

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def decode(data: bytes, source: str) -> str:
    """Bytes of an answers file as text: UTF-8 (with or without BOM) or GB18030/GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise GongwenError(
            f"无法读取“{source}”：既不是 UTF-8 也不是 GBK/GB18030 编码。"
            "请在记事本或 WPS 中“另存为”UTF-8 编码后重试。"
        ) from exc


def parse_toml(text: str, source: str) -> Answers:
    """Parse TOML text; a syntax error becomes a Chinese message with line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        where = re.search(r"line (\d+), column (\d+)", msg)
        pos = f"第 {where[1]} 行第 {where[2]} 列" if where else "某处"
        reason = re.sub(r"\s*\(at .*\)$", "", msg)
        hint = "（常见原因：文字两边少了英文双引号，或用了中文引号“”）"
        raise GongwenError(f"“{source}”不是有效的 TOML：{pos}有误（{reason}）{hint}") from exc


def read_answers(path: Path) -> Answers:
    """Read an answers file, with clear messages for every way it can be wrong."""
    path = Path(path)
    if not path.exists():
        raise GongwenError(f"找不到答案文件“{path}”。可用 gongwen init <文种> -o {path} 生成一个。")
    if path.is_dir():
        raise GongwenError(f"“{path}”是一个文件夹，请给出答案文件（.toml）的路径。")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GongwenError(f"无法读取“{path}”：{exc.strerror}") from exc
    text = decode(data, str(path))
    if not text.strip():
        raise GongwenError(f"答案文件“{path}”是空的。可用 gongwen init <文种> -o {path} 生成一个。")
    return parse_toml(text, str(path))


# ------------------------------------------------------------------ writing


def dump_answers(doctype: DocumentType, answers: Answers, outline: list[dict] | None,
                 skeleton: bool = False) -> str:
    """Answers as TOML with a Chinese comment above each key.

    ``skeleton``: also write each question's help, and leave computed defaults
    commented out so that they keep following the answers they derive from.
    """
    import tomlkit

    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"gongwen 答案文件：{doctype.name}"))
    doc.add(tomlkit.comment("生成文档：gongwen render 本文件 -o 输出.docx"))
    doc.add("type", doctype.id)
    later: list[tuple[Question, Any]] = []
    for q in doctype.questions:
        if q.key not in answers:
            continue
        if q.kind == "group":
            later.append((q, answers[q.key]))
            continue
        _add_comment(doc, q, skeleton)
        value = answers[q.key]
        if skeleton and q.computed:
            doc.add(tomlkit.comment(f"{q.key} = {tomlkit.item(value).as_string()}  （留空则自动生成）"))
        else:
            doc.add(q.key, _item(value))
    if outline is not None:
        doc.add(tomlkit.nl())
        doc.add(tomlkit.comment("提纲：删去一行即删去该章节，调换行序即调整顺序，加 title 即改名；"))
        doc.add(tomlkit.comment("新增章节写 { title = \"标题\", level = 2, paragraphs = [\"第一段\"] }。"))
        arr = tomlkit.array()
        arr.multiline(True)
        for entry in outline:
            arr.append(tomlkit.inline_table() | entry)
        doc.add("outline", arr)
    for q, items in later:
        doc.add(tomlkit.nl())
        _add_comment(doc, q, skeleton)
        doc.add(q.key, _aot(q, items, skeleton))
    return tomlkit.dumps(doc)


def _add_comment(container: Any, q: Question, skeleton: bool) -> None:
    import tomlkit

    line = q.label
    if q.kind in ("choice", "multichoice") and q.choices:
        line += f"（可选：{'、'.join(q.choices)}）"
    if q.kind == "date":
        line += "（日期，如 2023年8月20日）"
    if q.kind == "integer" and (q.min is not None or q.max is not None):
        lo = "" if q.min is None else str(q.min)
        hi = "" if q.max is None else str(q.max)
        line += f"（整数 {lo}～{hi}）"
    container.add(tomlkit.comment(line))
    if skeleton and q.help:
        container.add(tomlkit.comment(q.help))
    if skeleton and q.when is not None:
        container.add(tomlkit.comment(f"{q.describe_when()}才需要填写"))


def _item(value: Any) -> Any:
    import tomlkit

    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        arr = tomlkit.array()
        arr.extend(value)
        arr.multiline(True)
        return arr
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    return value


def _aot(q: Question, items: list[dict], skeleton: bool) -> Any:
    import tomlkit

    aot = tomlkit.aot()
    for item in items:
        table = tomlkit.table()
        nested = []
        for f in q.fields:
            if f.key not in item:
                continue
            if f.kind == "group":
                nested.append(f)
                continue
            table.add(tomlkit.comment(f.label))
            table.add(f.key, _item(item[f.key]))
        for f in nested:
            table.add(f.key, _aot(f, item[f.key], skeleton))
        aot.append(table)
    return aot


def summary_lines(doctype: DocumentType, answers: Answers) -> list[tuple[str, str, str]]:
    """(key, label, shown value) for every answered top-level question."""
    return [(q.key, q.label, show_value(q, answers[q.key]))
            for q in doctype.questions if q.key in answers]
