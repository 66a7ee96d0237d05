"""Word templates: where they are, and the cache of templates read, checked and compiled.

The template (``gongwen.templates/gongwen.docx``, built by ``templates/build.py``) loops over
``paras``, one dict per paragraph, with a branch per kind.  A template is read, checked and
compiled once per process (:func:`template_entry` keeps a :class:`TemplateEntry` per file,
again only when the file changes); its compiled parts are also kept between processes
(:mod:`gongwen.render_bytecode`), so a fresh process only opens the file.

docxtpl and python-docx are imported inside the functions so that the CLI starts fast.
"""

from __future__ import annotations

import importlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import render_bytecode
from .docx_table import TABLE_STYLES
from .errors import GongwenError
from .render_jinja import check_fields, compile_code, compile_template, from_code, parse

if TYPE_CHECKING:
    from docxtpl import DocxTemplate
    from jinja2 import Template

TEMPLATE_PACKAGE = "gongwen.templates"
TEMPLATE_NAME = "gongwen.docx"
#: The core properties docxtpl renders as templates (see DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def _packaged(name: str) -> Path:
    """A file of the ``gongwen.templates`` package, a real folder (the package is installed
    unzipped): found from its ``__file__``, since importlib.resources would be imported for
    this alone (about 2 ms of a render)."""
    return Path(importlib.import_module(TEMPLATE_PACKAGE).__file__).parent / name


def default_template() -> Path:
    """The packaged template."""
    return _packaged(TEMPLATE_NAME)


def type_template(name: str | Path | None) -> Path | None:
    """The file a :attr:`DocumentType.template` names: a file packaged in ``gongwen.templates``
    or a path (plugins: ``Path(__file__).with_name("x.docx")``); None for the default."""
    if not name or str(name) == TEMPLATE_NAME:
        return None
    path = Path(name)
    if not path.is_absolute():
        path = _packaged(str(name))
    if not path.is_file():
        raise GongwenError(f"文种指定的模板“{name}”不存在（按 {path} 查找），请联系该文种插件的维护者。")
    return path


def template_label(path: Path | None) -> str:
    """How messages name a template: its file name, or that it is the built-in one."""
    return f"{path.name}" if path and path != default_template() else f"{TEMPLATE_NAME}（内置模板）"


@dataclass
class TemplateEntry:
    """Everything about one template file that does not depend on the document.

    ``compiled`` holds each part's compiled template, keyed by part name ("/word/document.xml"),
    compiled from the Jinja source docxtpl builds (XML patched by ``patch_xml``, one paragraph
    per line).  ``strings`` caches compiled property strings.
    """

    path: Path
    data: bytes
    encodings: dict[str, str]
    compiled: dict[str, Template]
    style_ids: dict[str, str | None]
    text_width: int
    #: The text width of the same page turned landscape (a wide ledger appended), in twips.
    landscape_width: int
    #: The template as python-docx opened it while checking it, reused by every render
    #: (see ``docx_template.cached_template_class``).
    opened: Any
    #: The core properties as the template has them, before any render changed them.
    properties: dict[str, str]
    builtin: bool = False
    strings: dict[str, Template] = field(default_factory=dict)
    #: The paragraph kinds the template writes (``p.kind == '…'`` branches), read when first asked.
    handled: frozenset[str] | None = None

    @property
    def label(self) -> str:
        return template_label(self.path)

    def unshown(self, kinds: set[str]) -> list[str]:
        """Which of a document's paragraph kinds this (user's) template has no branch for: the
        落款 or the ledger a document has but an edited template would silently leave out."""
        if self.builtin:
            return []
        if self.handled is None:
            from docxtpl import DocxTemplate

            tpl = DocxTemplate(io.BytesIO(self.data))
            tpl.init_docx()
            source = tpl.patch_xml(tpl.get_xml())
            named = set(re.findall(r"kind\s*==\s*(?:'|&#39;|\"|&quot;)(\w+)", source))
            self.handled = frozenset(named) if named else None  # no branches: every kind alike
            if self.handled is None:
                return []
        return sorted(k for k in kinds if k in KIND_NAMES and k not in self.handled)

    def part_template(self, partname: str, source: str | None) -> Template:
        """The compiled template of a part (compiled now if docxtpl meets a new part)."""
        if partname not in self.compiled:
            self.compiled[partname] = compile_template(self.label, partname, jinja_source(source or ""))
        return self.compiled[partname]

    def render_string(self, text: str, context: dict[str, Any]) -> str:
        """A property string rendered as a template.  Jinja outputs text without markup as
        it is (but for line ends), so only strings with markup are compiled."""
        if "{" not in text and "\r" not in text and not text.endswith("\n"):
            return text
        if text not in self.strings:
            self.strings[text] = compile_template(self.label, "docProps/core.xml", text)
        return self.strings[text].render(context)


_CACHE: dict[tuple[str, int, int], TemplateEntry] = {}


def clear_template_cache() -> None:
    """Forget every template read so far in this process (tests; a long-lived process).
    Compiled parts kept between processes stay: they are found by the file's content."""
    _CACHE.clear()


def template_entry(path: Path | None = None) -> TemplateEntry:
    """The checked, compiled template for ``path`` (default: the packaged one), read once per
    process and again only when the file changes (its mtime or size)."""
    path = Path(path or default_template())
    try:
        stat = path.stat()
    except OSError:
        raise GongwenError(f"模板文件“{path}”不存在或无法读取。") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        for stale in [k for k in _CACHE if k[0] == key[0]]:  # the file was edited
            del _CACHE[stale]
        _CACHE[key] = load_entry(path)
    return _CACHE[key]


def load_entry(path: Path, *, bytecode: bool = True) -> TemplateEntry:
    """Read, check and compile a template (no per-process cache).  With ``bytecode``, parts
    compiled by an earlier process for the same file content are taken from the bytecode
    cache instead of being checked and compiled again."""
    from docxtpl import DocxTemplate

    label = template_label(path)
    data = read_template(path, label)
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        docx = tpl.get_docx()
    except Exception:  # noqa: BLE001 - a zip error, a missing part, bad XML: all the same to a user
        raise GongwenError(f"模板 {label} 不是有效的 Word 文档（.docx），"
                           "请用 Word 或 WPS 另存为 .docx 后再试。") from None
    builtin = path == default_template()
    parts = template_parts(tpl)
    content = render_bytecode.content_key(data)
    compiled = render_bytecode.load(content, list(parts), checked=not builtin) if bytecode else None
    if compiled is None:
        codes = _check_and_compile(label, part_sources(tpl), builtin)
        if bytecode:
            render_bytecode.store(content, codes, checked=not builtin)
        compiled = {name: from_code(code) for name, code in codes.items()}
    body = tpl.docx.part
    encodings = {name: tpl.get_headers_footers_encoding(tpl.get_part_xml(part))
                 for name, part in parts.items() if part is not body}
    properties = {name: getattr(docx.core_properties, name) for name in PROPERTIES}
    return TemplateEntry(path, data, encodings, compiled, _style_ids(docx), _text_width(docx),
                         _text_width(docx, landscape=True), docx, properties, builtin=builtin)


#: Paragraph kinds whose absence from a template loses content, with what a user calls them.
KIND_NAMES = {"signature": "落款", "date": "成文日期", "table": "表格（如整改任务清单）", "attachments": "附件说明",
              "appendix_title": "附件标题", "heading": "各级标题", "body": "正文段落", "recipient": "主送机关"}
MAX_TEMPLATE = 20 * 1024 * 1024  # a Word template with a letterhead image is well under this
MAX_UNPACKED = 100 * 1024 * 1024  # all its parts unpacked (a zip bomb is refused before it is opened)


def read_template(path: Path, label: str) -> bytes:
    """A template's bytes: a regular file of a sane size whose parts unpack to a sane size."""
    import stat
    import zipfile

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise GongwenError(f"模板 {label} 不是普通文件（可能是文件夹、管道或设备），请指定一个 .docx 文件。")
        if info.st_size > MAX_TEMPLATE:
            raise GongwenError(f"模板 {label} 有 {info.st_size // 1024 // 1024} MB，"
                               f"超过 {MAX_TEMPLATE // 1024 // 1024} MB，不像一个公文模板；请检查是否选错了文件。")
        data = path.read_bytes()
    except OSError as exc:
        raise GongwenError(f"无法读取模板文件“{path}”：{exc.strerror or exc}") from None
    try:
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        unpacked = 0  # told by the .docx check that follows
    if unpacked > MAX_UNPACKED:
        raise GongwenError(f"模板 {label} 解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不像一个公文模板，未使用。")
    return data


def _check_and_compile(label: str, sources: dict[str, str], builtin: bool) -> dict[str, Any]:
    """The code of every part, after the checks (a user's template: all of them; ours is
    checked by the test suite, so only for names starting with "_")."""
    asts = {name: parse(label, name, src) for name, src in sources.items()}
    if not builtin:
        check_fields(label, asts)
    return {name: compile_code(label, name, src, asts[name]) for name, src in sources.items()}


def jinja_source(patched_xml: str) -> str:
    """One paragraph per line, as docxtpl compiles it (so line numbers match)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched_xml)


def template_parts(tpl: DocxTemplate) -> dict[str, Any]:
    """The parts docxtpl renders as templates, by name: the body, headers, footers."""
    parts = {str(tpl.docx.part.partname): tpl.docx.part}
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            parts[str(part.partname)] = part
    return parts


def part_sources(tpl: DocxTemplate) -> dict[str, str]:
    """The Jinja source of each part of :func:`template_parts`."""
    body = tpl.docx.part
    return {name: jinja_source(tpl.patch_xml(tpl.get_xml() if part is body else tpl.get_part_xml(part)))
            for name, part in template_parts(tpl).items()}


def _style_ids(docx) -> dict[str, str | None]:
    """Style ids of the table styles, looked up once (python-docx scans every style per
    lookup).  A style the user deleted or renamed is left out: its table is unstyled."""
    from docx.enum.style import WD_STYLE_TYPE

    ids: dict[str, str | None] = {}
    for name in TABLE_STYLES:
        kind = WD_STYLE_TYPE.TABLE if name == "GW Table" else WD_STYLE_TYPE.PARAGRAPH
        try:
            ids[name] = docx.part.get_style_id(name, kind)
        except (KeyError, ValueError):
            continue
    return ids


def _text_width(docx, landscape: bool = False) -> int:
    """The template's text-block width in twips (156 mm for GB/T 9704; 243 mm turned landscape)."""
    section = docx.sections[-1]
    page = section.page_height if landscape else section.page_width
    return (page - section.left_margin - section.right_margin) // 635
