"""DOCX output: the document model rendered into the GB/T 9704 Word template with docxtpl.

The template (``gongwen.templates/gongwen.docx``, built by ``templates/build.py``) loops over
``paras``, one dict per :class:`~gongwen.model.Para`, with a branch per kind.  Every answer
is literal text: the Jinja environment escapes every value, so ``&``, ``<``, ``{{ x }}`` or
``{% if %}`` typed by a user reach Word verbatim.

Templates may come from users (``--template``, ``template = …`` in an answers file), so they
run in Jinja's sandbox, are checked before the first render (syntax, fields, the ``paras``
loop) and every failure is one Chinese message naming the template.

A template is read, checked and compiled once per process (see :class:`TemplateEntry`);
each document then costs only its context, ``template.render`` and writing the file.

docxtpl and python-docx are imported inside the functions so that the CLI starts fast.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape as _html_escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answers import clean_text  # the same cleaning as answers get where they enter
from .errors import GongwenError
from .model import Document, Para, flatten

if TYPE_CHECKING:
    from docxtpl import DocxTemplate
    from jinja2 import Environment, Template
    from markupsafe import Markup

TEMPLATE_PACKAGE = "gongwen.templates"
TEMPLATE_NAME = "gongwen.docx"

# Columns whose cells are all this short (序号, names, dates) are centred.
_SHORT_CELL = 6

#: What a template sees: the paragraphs (see :func:`para_context`) and a few document fields.
CONTEXT_FIELDS = ("paras", "doc")
PARA_FIELDS = ("kind", "text", "lead", "heading", "rest", "level", "number", "table", "columns", "rows", "widths")
#: Without these a template would silently drop text: the loop and the paragraph fields
#: every document uses (``p.text``, ``p.heading``).
REQUIRED_FIELDS = {"paras": "正文段落循环", "text": "段落文字 p.text", "heading": "标题 p.heading"}
#: Styles the renderer applies to the tables it builds.
TABLE_STYLES = ("GW Table", "GW Table Header", "GW Table Text")
_PART_LABELS = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注"}


def _protect_braces(xml: str) -> str:
    """Write braces as character references: docxtpl turns "{_{" into "{{" after rendering."""
    return xml.replace("{", "&#123;").replace("}", "&#125;")


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}``: cleaned, XML-escaped, braces protected (Markup passes through)."""
    from markupsafe import Markup, escape

    if value is None:
        return ""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(_protect_braces(str(escape(clean_text(value)))))
    return value


@functools.cache
def jinja_env() -> Environment:
    """The sandboxed, autoescaping environment (one per process); a misspelt variable in a
    template is an error, not ""."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, finalize=_finalize, undefined=StrictUndefined)


def default_template() -> Path:
    """The packaged template (a real file: the package is installed unzipped)."""
    return Path(str(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_NAME)))


def type_template(name: str | Path | None) -> Path | None:
    """The file a :attr:`DocumentType.template` names: a file packaged in ``gongwen.templates``
    or a path (plugins: ``Path(__file__).with_name("x.docx")``); None for the default."""
    if not name or str(name) == TEMPLATE_NAME:
        return None
    path = Path(name)
    if not path.is_absolute():
        path = Path(str(resources.files(TEMPLATE_PACKAGE).joinpath(str(name))))
    if not path.is_file():
        raise GongwenError(f"文种指定的模板“{name}”不存在（按 {path} 查找），请联系该文种插件的维护者。")
    return path


def template_label(path: Path | None) -> str:
    """How messages name a template: its file name, or that it is the built-in one."""
    return f"{path.name}" if path and path != default_template() else f"{TEMPLATE_NAME}（内置模板）"


# ------------------------------------------------------------ templates: load, check, cache


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
    #: The template as python-docx opened it while checking it, reused by every render
    #: (see CachedDocxTemplate).
    opened: Any
    #: The core properties as the template has them, before any render changed them.
    properties: dict[str, str]
    builtin: bool = False
    strings: dict[str, Template] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return template_label(self.path)

    def part_template(self, partname: str, source: str | None) -> Template:
        """The compiled template of a part (compiled now if docxtpl meets a new part)."""
        if partname not in self.compiled:
            self.compiled[partname] = _compile(self.label, partname, _jinja_source(source or ""))
        return self.compiled[partname]

    def string_template(self, text: str) -> Template:
        if text not in self.strings:
            self.strings[text] = _compile(self.label, "docProps/core.xml", text)
        return self.strings[text]


_CACHE: dict[tuple[str, int, int], TemplateEntry] = {}


def clear_template_cache() -> None:
    """Forget every template read so far (tests; a long-lived process)."""
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


def load_entry(path: Path) -> TemplateEntry:
    """Read, check and compile a template (no cache)."""
    from docxtpl import DocxTemplate

    label = template_label(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GongwenError(f"无法读取模板文件“{path}”：{exc.strerror or exc}") from None
    tpl = DocxTemplate(io.BytesIO(data))
    try:
        docx = tpl.get_docx()
    except Exception:  # noqa: BLE001 - a zip error, a missing part, bad XML: all the same to a user
        raise GongwenError(f"模板 {label} 不是有效的 Word 文档（.docx），"
                           "请用 Word 或 WPS 另存为 .docx 后再试。") from None
    sources, encodings = _part_sources(tpl)
    asts = {name: _parse(label, name, src) for name, src in sources.items()}
    builtin = path == default_template()
    if not builtin:  # ours is checked by the test suite; a user's is checked every time
        check_fields(label, asts)
    compiled = {name: _compile(label, name, src, asts[name]) for name, src in sources.items()}
    properties = {name: getattr(docx.core_properties, name) for name in _PROPERTIES}
    return TemplateEntry(path, data, encodings, compiled, _style_ids(docx), _text_width(docx), docx, properties,
                         builtin=builtin)


def _jinja_source(patched_xml: str) -> str:
    """One paragraph per line, as docxtpl compiles it (so line numbers match)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched_xml)


def _part_sources(tpl: DocxTemplate) -> tuple[dict[str, str], dict[str, str]]:
    """The Jinja source of the body, headers and footers, and each part's encoding."""
    sources = {str(tpl.docx.part.partname): _jinja_source(tpl.patch_xml(tpl.get_xml()))}
    encodings = {}
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            xml = tpl.get_part_xml(part)
            sources[str(part.partname)] = _jinja_source(tpl.patch_xml(xml))
            encodings[str(part.partname)] = tpl.get_headers_footers_encoding(xml)
    return sources, encodings


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


def _text_width(docx) -> int:
    """The template's text-block width in twips (156 mm for GB/T 9704)."""
    section = docx.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) // 635


def _part_label(partname: str) -> str:
    return next((v for k, v in _PART_LABELS.items() if k in partname), partname)


def _line_text(source: str, lineno: int | None) -> str:
    """The visible text of a source line (a paragraph), for pointing at an error."""
    lines = source.splitlines()
    if not lineno or not 0 < lineno <= len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    return text[:60] + ("…" if len(text) > 60 else "")


def _parse(label: str, partname: str, source: str):
    """The Jinja AST of a part; a syntax error names the template, part and paragraph."""
    from jinja2 import TemplateSyntaxError

    try:
        return jinja_env().parse(source)
    except TemplateSyntaxError as exc:
        near = _line_text(source, exc.lineno)
        where = f"第 {exc.lineno} 行附近“{near}”" if near else f"第 {exc.lineno} 行附近"
        raise GongwenError(f"模板 {label} 的{_part_label(partname)}有模板语法错误（{where}）：{exc.message}。"
                           "请检查 {{ }}、{% %} 是否成对、拼写是否正确。") from None


def _check_safe(label: str, ast) -> None:
    """Refuse names starting with "_" (``x.__class__``, ``x['__globals__']``) before running
    anything; the sandbox catches the rest at render time."""
    from jinja2 import nodes

    names = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):  # outer nodes first
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_") and name not in names:
            names.insert(0, name)
    if names:
        raise GongwenError(refused(label, "、".join(names)))


def refused(label: str, what: str) -> str:
    return f"模板 {label} 试图访问不允许的内容：{what}，已拒绝渲染。"


def _compile(label: str, partname: str, source: str, ast=None) -> Template:
    """The compiled template of a checked source (parsed once: ``ast`` if given)."""
    env = jinja_env()
    ast = ast or _parse(label, partname, source)
    _check_safe(label, ast)
    return env.template_class.from_code(env, env.compile(ast, filename=partname), env.make_globals(None))


def _used_names(ast) -> tuple[set[str], set[str]]:
    """Top-level variables a template reads, and every attribute/key name it reads."""
    from jinja2 import meta, nodes

    attrs = {n.attr for n in ast.find_all(nodes.Getattr)}
    attrs |= {n.arg.value for n in ast.find_all(nodes.Getitem) if isinstance(getattr(n.arg, "value", None), str)}
    return meta.find_undeclared_variables(ast), attrs


def check_fields(label: str, asts: dict) -> None:
    """The template (the parts' parsed sources) is safe, reads only fields the document
    provides, and all the fields without which text would be lost."""
    variables: set[str] = set()
    attrs: set[str] = set()
    for ast in asts.values():
        _check_safe(label, ast)
        found, names = _used_names(ast)
        variables |= found
        attrs |= names
    unknown = sorted(variables - set(CONTEXT_FIELDS) - set(jinja_env().globals))
    if unknown:
        raise GongwenError(unknown_field(label, unknown[0]))
    missing = [f"{k}（{v}）" for k, v in REQUIRED_FIELDS.items() if k not in variables | attrs]
    if missing:
        raise GongwenError(f"模板 {label} 缺少必需的字段：{'、'.join(missing)}，生成的文档会缺少内容。"
                           "请从 gongwen template export 导出的模板重新修改（只改样式和文字，"
                           "不要删去 {{ }}、{% %} 标记所在的段落）。")


def unknown_field(label: str, name: str) -> str:
    return (f"模板 {label} 使用了文档中没有的字段“{name}”，请删去它或改正拼写。可用的字段：paras（正文段落，"
            f"每段有 {'、'.join(PARA_FIELDS)}），doc（doc.title、doc.signature、doc.date）。")


# ------------------------------------------------------------ docxtpl with the cache


#: The core properties docxtpl renders as templates (see DocxTemplate.render_properties).
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_LISTING = re.compile("[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as docxtpl's resolve_listing


@functools.cache
def _cached_template_class() -> type:
    """A DocxTemplate that takes each part's compiled Jinja template from a
    :class:`TemplateEntry` instead of serialising, patching and compiling the part again.
    Defined on first use so that importing this module does not import docxtpl."""
    from docxtpl import DocxTemplate

    class CachedDocxTemplate(DocxTemplate):
        def __init__(self, entry: TemplateEntry) -> None:
            super().__init__(io.BytesIO(entry.data))
            self.entry = entry

        def init_docx(self, reload: bool = True) -> None:
            """Reuse the template the entry opened: every render replaces all that a render
            changes (body, header/footer parts, footnotes, core properties) and takes each
            part's source from the cache, never from the previous result."""
            self.docx = self.entry.opened
            self.is_rendered = False

        def build_xml(self, context, jinja_env=None):
            return self.render_xml_part(None, self.docx.part, context, jinja_env)

        def build_headers_footers_xml(self, context, uri, jinja_env=None):
            for rel_key, part in self.get_headers_footers(uri):
                xml = self.render_xml_part(None, part, context, jinja_env)
                yield rel_key, xml.encode(self.entry.encodings.get(str(part.partname), "utf-8"))

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            """docxtpl's render_xml_part with the compile step taken from the cache."""
            self.current_rendering_part = part
            template = self.entry.part_template(str(part.partname), src_xml)
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
            return self.resolve_listing(xml)

        def resolve_listing(self, xml: str) -> str:
            """docxtpl's resolve_listing, applied only to the paragraphs that hold a tab, a line
            break, \\a or \\f (the others it leaves unchanged, at a cost of ~15 ms a document)."""
            if not _LISTING.search(xml):
                return xml
            resolve = super().resolve_listing
            return _PARAGRAPH.sub(lambda m: resolve(m.group(0)) if _LISTING.search(m.group(0)) else m.group(0), xml)

        def render_properties(self, context, jinja_env=None):
            props = self.docx.core_properties
            for name in _PROPERTIES:
                setattr(props, name, self.entry.string_template(self.entry.properties[name]).render(context))

    return CachedDocxTemplate


# ------------------------------------------------------------ tables


def _column_widths(widths: list[float], n: int, total: int) -> list[int]:
    """Twips per column, in proportion to ``widths`` (padded/cut to n, bad values → 1)."""
    rel = [w if isinstance(w, (int, float)) and w > 0 else 1.0 for w in widths[:n]]
    rel += [1.0] * (n - len(rel))
    out = [int(total * w / sum(rel)) for w in rel]
    out[-1] += total - sum(out)
    return out


def _centred_columns(rows: list[list[str]], n: int) -> list[bool]:
    return [all(len(r[i]) <= _SHORT_CELL for r in rows) for i in range(n)]


def _xml_escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what xml.sax.saxutils.escape does, without its imports)."""
    return _html_escape(text, quote=False)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TBL_LOOK = ('<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
             'w:noHBand="0" w:noVBand="1" w:val="04A0"/>')


def _run_xml(text: str) -> str:
    """A w:r holding ``text`` as python-docx writes it: tabs and line ends as elements."""
    out = []
    for i, chunk in enumerate(re.split(r"([\t\r\n])", text)):
        if i % 2:
            out.append("<w:tab/>" if chunk == "\t" else "<w:br/>")
        elif chunk:
            space = ' xml:space="preserve"' if len(chunk.strip()) < len(chunk) else ""
            out.append(f"<w:t{space}>{_xml_escape(chunk)}</w:t>")
    return f"<w:r>{''.join(out)}</w:r>" if out else "<w:r/>"


def _cell_xml(value: str, width: int, style: str | None, centred: bool) -> str:
    ppr = (f'<w:pStyle w:val="{_attr(style)}"/>' if style else "") + ('<w:jc w:val="center"/>' if centred else "")
    return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/><w:vAlign w:val="center"/></w:tcPr>'
            f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else '<w:pPr/>'}{_run_xml(value)}</w:p></w:tc>")


def _attr(value: str) -> str:
    return _xml_escape(value).replace('"', "&quot;")


def build_table(entry: TemplateEntry, p: Para) -> Markup:
    """The table as WordprocessingML, in the template's styles: "GW Table" (borders,
    centring), "GW Table Header" / "GW Table Text" (cell paragraphs).  The header row repeats
    on every page; rows do not break across pages.  Written as text (the XML python-docx
    would build, ten times faster): a long ledger has thousands of cells."""
    from markupsafe import Markup

    n = len(p.columns) or max((len(r) for r in p.rows), default=0)
    if n == 0:
        return Markup("")
    columns = [clean_text(c) for c in (list(p.columns) + [""] * n)[:n]]
    rows = [[clean_text(str(c)) for c in (list(r) + [""] * n)[:n]] for r in p.rows]
    widths = _column_widths(list(p.widths), n, entry.text_width)
    centred = _centred_columns(rows, n)
    styles = entry.style_ids
    table_style = styles.get("GW Table")
    xml = [f'<w:tbl xmlns:w="{_W}"><w:tblPr>',
           f'<w:tblStyle w:val="{_attr(table_style)}"/>' if table_style else "",
           f'<w:tblW w:type="dxa" w:w="{sum(widths)}"/><w:tblLayout w:type="fixed"/>{_TBL_LOOK}</w:tblPr>',
           "<w:tblGrid>", *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    for r, values in enumerate([columns, *rows]):
        header = r == 0
        xml.append(f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>")
        style = styles.get("GW Table Header" if header else "GW Table Text")
        xml += [_cell_xml(v, widths[i], style, not header and centred[i]) for i, v in enumerate(values)]
        xml.append("</w:tr>")
    xml.append("</w:tbl>")
    return Markup(_protect_braces("".join(xml)))


# ------------------------------------------------------------ context


def para_context(p: Para, entry: TemplateEntry) -> dict[str, Any]:
    """The dict the template sees for one paragraph (strings are escaped on output)."""
    text = p.text
    if p.kind == "signature":
        text = text.replace("\n", "\n\t")  # each line of a joint 落款 on the centre tab
    return {
        "kind": p.kind,
        "text": text,
        "lead": p.lead,
        "level": min(max(p.level, 1), 5),
        "number": p.number,
        "rest": p.rest,
        "heading": p.heading,  # a run-in title already ends with "。" (model.flatten)
        "columns": list(p.columns),
        "rows": [list(r) for r in p.rows],
        "widths": list(p.widths),
        "table": build_table(entry, p) if p.kind == "table" else "",
    }


def build_context(doc: Document, entry: TemplateEntry) -> dict[str, Any]:
    return {
        "paras": [para_context(p, entry) for p in flatten(doc)],
        "doc": {"title": doc.title, "signature": doc.signature, "date": doc.date},
    }


# ------------------------------------------------------------ rendering


def render_docx(doc: Document, out: Path | io.BytesIO, template: Path | None = None, *,
                cache: bool = True, now: datetime | None = None) -> None:
    """Render ``doc`` into ``template`` (default: the packaged GB/T 9704 template).

    ``cache=False`` reads and checks the template afresh and renders it with docxtpl's own
    pipeline (the reference the cached path must match).  ``now`` fixes the file's dates.
    """
    from docxtpl import DocxTemplate

    entry = template_entry(template) if cache else load_entry(Path(template or default_template()))
    tpl = _cached_template_class()(entry) if cache else DocxTemplate(io.BytesIO(entry.data))
    context = build_context(doc, entry)
    try:
        tpl.render(context, jinja_env=jinja_env(), autoescape=True)
    except GongwenError:
        raise
    except Exception as exc:
        if entry.builtin:
            raise  # our own template failing is a bug, not the user's doing
        raise GongwenError(render_error(entry.label, exc)) from exc
    set_properties(tpl, doc, now)
    tpl.save(str(out) if isinstance(out, Path) else out)


def render_error(label: str, exc: Exception) -> str:
    """One Chinese line for a user's template failing while it renders."""
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    text = str(exc)
    if isinstance(exc, SecurityError):
        m = re.search(r"attribute '([^']+)'", text)
        return refused(label, f"属性“{m.group(1)}”" if m else text)
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'|no element '?([^']+?)'?$", text)
        name = next((g for g in m.groups() if g), text) if m else text
        return unknown_field(label, name)
    if isinstance(exc, TemplateSyntaxError):
        return f"模板 {label} 有模板语法错误（第 {exc.lineno} 行附近）：{exc.message}"
    return f"模板 {label} 渲染出错（{type(exc).__name__}: {text}），请检查模板中 {{{{ }}}}、{{% %}} 里的内容。"


def set_properties(tpl: DocxTemplate, doc: Document, now: datetime | None = None) -> None:
    """File properties of the result: its title and today, not the template's."""
    props = tpl.docx.core_properties  # not get_docx(): after render it reloads the template
    props.title = clean_text(doc.title)
    props.comments = ""
    props.created = props.modified = (now or datetime.now(timezone.utc)).replace(microsecond=0)
