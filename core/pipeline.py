"""The one path from answers to a finished file, used by ``render``, ``new``, ``check``,
``batch`` and :mod:`gongwen.testing`::

    load (answers file → type, raw answers)  →  prepare (resolved answers, outline, problems)
      →  build (the type's Draft and each kept section's builder → Document)  →  bytes → file

A plugin's code runs only in :func:`prepare` (``validate``, ``vocabulary``, computed
defaults) and :func:`build` (``build`` and section builders); whatever it raises there is
reported as a :class:`PluginError` naming the plugin, the type and the hook or section.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import keys
from .clock import today
from .derive import complete_years
from .doctype import Content, Context, DocumentType, OutlineEntry
from .errors import AnswersInvalid, GongwenError, Problem, printable
from .fileio import atomic_write
from .model import Document
from .outline import assemble, heading_title, parse_outline, prune
from .questions import Answers, resolve

T = TypeVar("T")
UNFINISHED_NOTE = "这是填写中断时保存的答案文件，尚未填完，未填的问题已按默认值处理"


class PluginError(GongwenError):
    """A plugin's code failed while making a document (never an empty section, never an
    internal error): the message names the plugin, the type and where."""


def plugin_call(doctype: DocumentType, where: str, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, with whatever it raises (``SystemExit`` and any ``BaseException`` included,
    except ``KeyboardInterrupt``: the user stopping the command) told as a PluginError."""
    try:
        return fn(*args)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - a plugin's bug is reported, never fatal
        detail = str(exc) if isinstance(exc, GongwenError) else f"{type(exc).__name__}: {exc}"
        raise PluginError(f"插件 {doctype.plugin or '（未知）'} 的文种“{doctype.name}”（{doctype.id}）在{where}时出错："
                          f"{printable(detail)}。请把这条信息告诉插件作者。") from exc

FORMATS = ("docx", "md", "pdf")


class UnknownType(GongwenError):
    """No plugin gives the document type asked for (perhaps because its plugin is broken)."""


def find_type(types: Mapping[str, DocumentType], type_id: str) -> DocumentType:
    """The document type ``type_id``; an unknown id names the known ones."""
    if type_id not in types:
        known = "、".join(types) or "（无）"
        raise UnknownType(f"没有文种“{type_id}”。可用的文种：{known}（gongwen list 查看）")
    return types[type_id]


def doctype_of(raw: Answers, path: Path, types: Mapping[str, DocumentType]) -> DocumentType:
    """The document type an answers file (read from ``path``) names in ``type = "…"``."""
    type_id = raw.get(keys.TYPE)
    if not isinstance(type_id, str) or not type_id:
        raise GongwenError(f"“{path}”缺少文种：请在第一行写 type = \"文种标识\"（可用：{'、'.join(types)}）")
    return find_type(types, type_id)


def choose_template(doctype: DocumentType, raw: Answers, answers_file: Path | None,
                    explicit: Path | None = None) -> Path | None:
    """The Word template to render into: ``explicit`` (``--template``), else the answers file's
    ``template = "…"`` (relative to that file), else the type's own; None for the default."""
    if explicit:
        from .fileio import check_regular

        check_regular(explicit, "模板")
        return explicit
    name = raw.get(keys.TEMPLATE) if answers_file is not None else None
    if name:
        path = (answers_file.parent / str(name)).resolve()
        if not path.is_file():
            raise GongwenError(f"答案文件指定的模板“{name}”不存在（按 {path} 查找）")
        return path
    from .render_template import type_template

    return type_template(doctype.template)


@dataclass
class Loaded:
    """An answers file read: its type, its answers (the file's own keys except ``type``,
    ``outline`` and ``template`` removed), where an interrupted questionnaire stopped, and
    notes for the user (encoding, cleaned characters, unfinished file)."""

    doctype: DocumentType
    raw: Answers
    path: Path
    unfinished: str | None = None
    notes: list[str] = field(default_factory=list)


def load(path: Path, types: Mapping[str, DocumentType]) -> Loaded:
    """Read an answers file and find its type; the unfinished mark is taken out (once, here)."""
    from .answers import read_answers

    notes: list[str] = []
    raw = read_answers(path, notes)
    doctype = doctype_of(raw, path, types)
    unfinished = raw.pop(keys.UNFINISHED, None)
    if unfinished is not None:
        notes.append(f"{UNFINISHED_NOTE}。继续填写：gongwen new {doctype.id} -o 输出.docx --resume {path}")
    return Loaded(doctype, raw, path, str(unfinished) if unfinished is not None else None, notes)


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
    outline, outline_problems = parse_outline(raw.get(keys.OUTLINE), doctype, raw)
    kept = {e.key for e in outline if e.key}
    res = resolve(doctype.questions, raw, kept)
    problems = [*res.problems, *outline_problems]
    answers = complete_years(doctype.questions, res.answers)
    if not problems and doctype.validate:
        problems += plugin_call(doctype, "核对回答（validate）", doctype.validate, answers)
    return Prepared(doctype, answers, outline, problems, res.warnings)


def section_content(prepared: Prepared, words: dict[str, str], day: Any) -> dict[str, Content]:
    """Each kept built-in section's content from its builder (only sections the outline keeps)."""
    dt, content = prepared.doctype, {}
    kept = frozenset(e.key for e in prepared.outline if e.key)
    for e in prepared.outline:
        sd = dt.by_key.get(e.key) if e.key else None
        if sd is None or sd.build is None or e.paragraphs is not None or e.items is not None:
            continue
        title = heading_title(e, words)
        ctx = Context(prepared.answers, words, day, e.key, title, kept)
        content[e.key] = list(plugin_call(dt, f"生成章节“{title}”（{e.key}）", sd.build, ctx))
    return content


def build(prepared: Prepared) -> Document:
    """The document for prepared answers; raises with every problem if any."""
    if prepared.problems:
        raise AnswersInvalid(prepared.problems)
    dt, day = prepared.doctype, today()
    words = plugin_call(dt, "生成用词（vocabulary）", dt.words, prepared.answers)
    kept = frozenset(e.key for e in prepared.outline if e.key)
    draft = plugin_call(dt, "生成文件（build）", dt.build, Context(prepared.answers, words, day, kept=kept))
    doc = assemble(draft, section_content(prepared, words, day), prepared.outline, words)
    doc.sections = prune(doc.sections)
    return doc


def render_file(source: Path, output: Path, types: Mapping[str, DocumentType], *, fmt: str | None = None,
                template: Path | None = None, force: bool = False,
                warn: Callable[[str], None] = lambda _: None, recheck: Callable[[str], None] = lambda _: None) -> Path:
    """``gongwen render``: an answers file to a document (``batch`` renders each file so).
    ``warn`` hears notes on the answers, ``recheck`` what the text checks find in the draft."""
    loaded = load(source, types)
    for note in loaded.notes:
        warn(note)
    prep = prepare(loaded.doctype, loaded.raw)
    for w in prep.warnings:
        warn(str(w))
    if prep.problems:
        raise AnswersInvalid(prep.problems, str(source))
    doc = build(prep)
    notes: list[str] = []
    written = write_document(doc, output, fmt, choose_template(loaded.doctype, loaded.raw, source, template), force,
                             notes)
    for note in notes:
        warn(note)
    for finding in draft_findings(doc):
        recheck(finding)
    return written


def draft_findings(doc: Document) -> list[str]:
    """What ``gongwen lint`` would circle in the text of a draft just written (as warnings)."""
    from .lint_text import text_findings
    from .model import document_text

    return [str(f) for f in text_findings(document_text(doc).splitlines())]


SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md", ".pdf": "pdf"}
# What a user who typed one of these probably wants to hear.
_SUFFIX_HINTS = {".doc": "需要 .doc 时，可用 Word/WPS 打开 .docx 后另存为。",
                 ".wps": "WPS 可直接打开 .docx。"}


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise GongwenError(f"不支持的格式“{fmt}”，可用：{'、'.join(FORMATS)}")


def output_path(out: Path, fmt: str | None = None) -> Path:
    """The file to write for ``-o``: without a suffix, ".docx" (".md" with ``--format md``)
    is added; an unknown suffix is refused before anything is asked or written."""
    if fmt:
        check_format(fmt)
    if out.name in ("", ".", ".."):  # -o "" or a folder
        raise GongwenError("-o 后面应给出输出文件名，例如 -o 草稿.docx")
    if not out.suffix:
        out = out.with_name(f"{out.name}.{fmt or 'docx'}")
    if pick_format(out, fmt) == "pdf":
        from .render_pdf import NO_LIBREOFFICE, soffice

        if soffice() is None:  # said before anything is asked or written
            raise GongwenError(NO_LIBREOFFICE)
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
        raise GongwenError(f"不支持输出为 {shown}；请用 .docx（Word）、.pdf 或 .md（Markdown）。"
                           f"{_SUFFIX_HINTS.get(suffix, '')}")
    return SUFFIXES[suffix]


def document_bytes(doc: Document, fmt: str, template: Path | None = None, notes: list[str] | None = None) -> bytes:
    """The file's bytes; ``notes`` hears what a user's template leaves out."""
    if fmt == "md":
        from .render_md import to_markdown

        return to_markdown(doc).encode("utf-8")
    from .render_docx import render_docx

    buf = io.BytesIO()
    render_docx(doc, buf, template, notes=notes)
    if fmt == "pdf":
        from .render_pdf import docx_to_pdf

        return docx_to_pdf(buf.getvalue())
    return buf.getvalue()


def write_document(doc: Document, out: Path, fmt: str | None = None, template: Path | None = None,
                   force: bool = False, notes: list[str] | None = None) -> Path:
    """Render and write atomically; never overwrites without ``force``."""
    data = document_bytes(doc, pick_format(out, fmt), template, notes)
    atomic_write(out, data, force)
    return out
