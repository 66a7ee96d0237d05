"""From raw answers to a finished file: resolve, validate, build, assemble, write."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .doctype import DocumentType, OutlineEntry
from .errors import AnswersInvalid, GongwenError, Problem
from .fileio import atomic_write
from .model import Document
from .outline import assemble, parse_outline
from .questions import Answers, resolve

FORMATS = ("docx", "md")


def find_type(types: Mapping[str, DocumentType], type_id: str) -> DocumentType:
    """The document type ``type_id``; an unknown id names the known ones."""
    if type_id not in types:
        known = "、".join(types) or "（无）"
        raise GongwenError(f"没有文种“{type_id}”。可用的文种：{known}（gongwen list 查看）")
    return types[type_id]


def doctype_of(raw: Answers, path: Path, types: Mapping[str, DocumentType]) -> DocumentType:
    """The document type an answers file (read from ``path``) names in ``type = "…"``."""
    type_id = raw.get("type")
    if not isinstance(type_id, str) or not type_id:
        raise GongwenError(f"“{path}”缺少文种：请在第一行写 type = \"文种标识\"（可用：{'、'.join(types)}）")
    return find_type(types, type_id)


def choose_template(doctype: DocumentType, raw: Answers, answers_file: Path | None,
                    explicit: Path | None = None) -> Path | None:
    """The Word template to render into: ``explicit`` (``--template``), else the answers file's
    ``template = "…"`` (relative to that file), else the type's own; None for the default."""
    if explicit:
        return explicit
    name = raw.get("template") if answers_file is not None else None
    if name:
        path = (answers_file.parent / str(name)).resolve()
        if not path.is_file():
            raise GongwenError(f"答案文件指定的模板“{name}”不存在（按 {path} 查找）")
        return path
    from .render_template import type_template

    return type_template(doctype.template)


@dataclass
class Prepared:
    """Answers checked and completed with defaults, with the user's outline."""

    doctype: DocumentType
    answers: Answers
    outline: list[OutlineEntry]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def prepare(doctype: DocumentType, raw: Answers) -> Prepared:
    """Check every answer and the outline in one pass; fill defaults."""
    outline, outline_problems = parse_outline(raw.get("outline"), doctype, raw)
    kept = {e.key for e in outline if e.key}
    res = resolve(doctype.questions, raw, kept)
    problems = [*res.problems, *outline_problems]
    if not problems and doctype.validate:
        problems += doctype.validate(res.answers)
    return Prepared(doctype, res.answers, outline, problems, res.warnings)


def build(prepared: Prepared) -> Document:
    """The document for prepared answers; raises with every problem if any."""
    if prepared.problems:
        raise AnswersInvalid(prepared.problems)
    draft = prepared.doctype.build(prepared.answers)
    return assemble(draft, prepared.outline, prepared.doctype.words(prepared.answers))


SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md"}
# What a user who typed one of these probably wants to hear.
_SUFFIX_HINTS = {".doc": "需要 .doc 时，可用 Word/WPS 打开 .docx 后另存为。",
                 ".wps": "WPS 可直接打开 .docx。",
                 ".pdf": "需要 PDF 时，可用 Word/WPS 打开 .docx 后导出。"}


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise GongwenError(f"不支持的格式“{fmt}”，可用：{'、'.join(FORMATS)}")


def output_path(out: Path, fmt: str | None = None) -> Path:
    """The file to write for ``-o``: without a suffix, ".docx" (".md" with ``--format md``)
    is added; an unknown suffix is refused before anything is asked or written."""
    if fmt:
        check_format(fmt)
    if not out.suffix:
        return out.with_name(f"{out.name}.{fmt or 'docx'}")
    pick_format(out, fmt)
    return out


def pick_format(out: Path, fmt: str | None) -> str:
    """"docx" or "md": ``fmt`` if given (it must agree with a .docx/.md suffix), else by suffix."""
    suffix = out.suffix.lower()
    if fmt:
        check_format(fmt)
        if SUFFIXES.get(suffix, fmt) != fmt:
            raise GongwenError(f"输出文件“{out.name}”的后缀与 --format {fmt} 不一致，请改一处。")
        return fmt
    if suffix not in SUFFIXES:
        shown = out.suffix or "（无后缀）"
        raise GongwenError(f"不支持输出为 {shown}；请用 .docx（Word）或 .md（Markdown）。"
                           f"{_SUFFIX_HINTS.get(suffix, '')}")
    return SUFFIXES[suffix]


def document_bytes(doc: Document, fmt: str, template: Path | None = None) -> bytes:
    if fmt == "md":
        from .render_md import to_markdown

        return to_markdown(doc).encode("utf-8")
    from .render_docx import render_docx

    buf = io.BytesIO()
    render_docx(doc, buf, template)
    return buf.getvalue()


def write_document(doc: Document, out: Path, fmt: str | None = None,
                   template: Path | None = None, force: bool = False) -> Path:
    """Render and write atomically; never overwrites without ``force``."""
    data = document_bytes(doc, pick_format(out, fmt), template)
    atomic_write(out, data, force)
    return out
