"""``gongwen import FILE -o answers.toml [-t TYPE]``: a document read, parsed, mapped onto a
type and written as an answers file, with a report of what went where."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .doctype import DocumentType
from .errors import GongwenError
from .import_map import GENERIC, Mapped, detect_type, map_document, section_titles, short_label
from .import_parse import Parsed, parse
from .import_read import Source, read_source
from .questions import show_value


@dataclass
class Imported:
    source: Source
    parsed: Parsed
    mapped: Mapped
    why: str  # why this type


def import_file(path: Path, types: Mapping[str, DocumentType], type_id: str | None = None) -> Imported:
    """Read, parse and map ``path`` (onto ``type_id``, else the type it is, else 通用公文)."""
    from .pipeline import find_type

    source = read_source(path)
    parsed = parse(source.lines)
    if not (parsed.title or parsed.preamble or parsed.sections):
        raise GongwenError(f"“{path}”中没有读到文字。")
    if type_id:
        dt, why = find_type(types, type_id), "按 -t 指定"
    else:
        dt, why = detect_type(parsed, types)
        if dt is None:
            if GENERIC not in types:
                raise GongwenError("未能识别文种，且通用公文（generic）未加载；请用 -t 指定文种。")
            dt, why = types[GENERIC], "未识别为已有文种"
    return Imported(source, parsed, map_document(parsed, dt), why)


def answers_text(result: Imported, path: Path) -> str:
    from .answers import dump_answers

    m = result.mapped
    raw = dict(m.raw)
    outline = raw.pop("outline", None)
    note = [f"由 gongwen import 从“{path.name}”导入"]
    for text in m.kept_aside:
        note += ["以下原文未放入文档，保留在此备查："] if len(note) == 1 else []
        note += [f"  {line}" for line in text.split("\n")]
    return dump_answers(m.doctype, raw, outline, note=note)


def write_answers(result: Imported, path: Path, output: Path, force: bool) -> None:
    from .fileio import atomic_write

    atomic_write(output, answers_text(result, path).encode("utf-8"), force)


def report(result: Imported, path: Path, output: Path) -> list[str]:
    """What the import did, one Chinese line (or indented item) each."""
    m, dt = result.mapped, result.mapped.doctype
    kind = "Word 文档" if result.source.kind == "docx" else "文本文件"
    lines = [f"已导入“{path.name}”（{kind}），文种：{dt.name}（{dt.id}，{result.why}）", f"答案文件：{output}"]
    lines += [f"提示：{n}" for n in result.source.notes]
    if m.raw.get("title") or result.parsed.title:
        lines.append(f"标题：{result.parsed.title or '（原文无标题，按本文种生成）'}")
    if m.sections:
        lines.append(f"对应到本文种的章节（{len(m.sections)}）：")
        titles = section_titles(dt)
        for written, key, how in m.sections:
            title = titles[key]
            renamed = "" if written.endswith(title) else "，保留原标题"
            filled = "，内容由本文种按导入的回答生成" if how == "builder" else "，保留原文"
            lines.append(f"  {written} → {title}（{key}）{renamed}{filled}")
    if m.own:
        lines.append(f"保留为自定义章节（{len(m.own)}）：")
        lines += [f"  {h}" for h in m.own]
    if m.facts:
        shown = []
        by_key = {q.key: q for q in dt.questions}
        for key, value in m.facts.items():
            q = by_key.get(key)
            if q is not None:
                shown.append(f"{short_label(q)}：{show_value(q, value) or '（原文未写）'}")
        lines.append(f"识别出的信息（{len(shown)}）：" + "；".join(shown))
    parts = [name for name, value in (("主送机关", result.parsed.recipient), ("附件说明", result.parsed.attachments),
                                      ("落款", result.parsed.signature), ("成文日期", result.parsed.date),
                                      ("附注", m.raw.get("note")))
             if value and name not in m.lost]
    if parts:
        lines.append("已导入：" + "、".join(parts))
    if m.lost:
        lines.append(f"未能放入本文种：{'、'.join(m.lost)}（原文已写在答案文件开头的注释中；"
                     f"如需原样保留，可用 -t {GENERIC} 按通用公文导入）")
    lines += [f"提示：{n}" for n in m.notes]
    lines.append(f"生成文档：gongwen render {output} -o 输出.docx")
    return lines
