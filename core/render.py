"""From raw answers to a finished file: resolve, validate, build, assemble, write."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from .doctype import DocumentType, OutlineEntry
from .errors import AnswersInvalid, GongwenError, Problem
from .fileio import atomic_write
from .model import Document
from .outline import assemble, parse_outline
from .questions import Answers, resolve

FORMATS = ("docx", "md")


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


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise GongwenError(f"不支持的格式“{fmt}”，可用：{'、'.join(FORMATS)}")


def output_path(out: Path, fmt: str | None = None) -> Path:
    """The file to write for ``-o``: without a suffix, ".docx" (".md" with ``--format md``)
    is added; an unknown suffix is refused before anything is asked or written."""
    if fmt:
        _check_format(fmt)
    if not out.suffix:
        return out.with_name(f"{out.name}.{fmt or 'docx'}")
    pick_format(out, fmt)
    return out


def pick_format(out: Path, fmt: str | None) -> str:
    """"docx" or "md": ``fmt`` if given (it must agree with a .docx/.md suffix), else by suffix."""
    suffix = out.suffix.lower()
    if fmt:
        _check_format(fmt)
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
