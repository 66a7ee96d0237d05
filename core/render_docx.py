"""DOCX output: the document model rendered into the GB/T 9704 Word template with docxtpl.

This module is the entry point (:func:`render_docx`): the context a template sees and the
file properties of the result.  The rest of the job lives in one module each:

- :mod:`gongwen.render_template`: where templates are, the per-process template cache
  (:class:`TemplateEntry`: read, checked, compiled once);
- :mod:`gongwen.render_bytecode`: compiled parts kept between processes (Jinja's bytecode
  cache, keyed by the template's content);
- :mod:`gongwen.render_jinja`: the sandboxed Jinja environment, the checks a user's
  template must pass, compiling, the Chinese messages for a failing template;
- :mod:`gongwen.docx_table`: tables as WordprocessingML;
- :mod:`gongwen.docx_template`: docxtpl specialised to render from the cache.

Each document costs only its context, ``template.render`` and writing the file.  The names
other modules and plugins import from here are re-exported below.  docxtpl and
python-docx are imported inside the functions so that the CLI starts fast.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answers import clean_text
from .docx_table import build_table
from .docx_template import cached_template_class, reference_template_class
from .errors import GongwenError
from .model import Document, Para, flatten
from .render_jinja import (
    CONTEXT_FIELDS,
    PARA_FIELDS,
    REQUIRED_FIELDS,
    check_fields,
    jinja_env,
    render_error,
    start_budget,
)
from .render_template import (
    KIND_NAMES,
    TEMPLATE_NAME,
    TEMPLATE_PACKAGE,
    TemplateEntry,
    clear_template_cache,
    default_template,
    load_entry,
    template_entry,
    template_label,
    type_template,
)

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

__all__ = [
    "CONTEXT_FIELDS",
    "PARA_FIELDS",
    "REQUIRED_FIELDS",
    "TEMPLATE_NAME",
    "TEMPLATE_PACKAGE",
    "TemplateEntry",
    "build_context",
    "check_fields",
    "clean_text",
    "clear_template_cache",
    "default_template",
    "jinja_env",
    "load_entry",
    "para_context",
    "render_docx",
    "set_properties",
    "template_entry",
    "template_label",
    "type_template",
]


def para_context(p: Para, entry: TemplateEntry, width: int | None = None) -> dict[str, Any]:
    """The dict the template sees for one paragraph (strings are escaped on output)."""
    text = p.text
    if p.kind == "signature" and p.level == 1:
        text = text.replace("\n", "\n\t")  # each line of a joint 落款 on the centre tab
    elif p.kind in ("title", "appendix_title"):
        from .titlebreak import title_lines

        text = "\n".join(title_lines(text))  # broken between words (GB/T 9704 7.3.3), a line break run
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
        "table": build_table(p, width or entry.text_width, entry.style_ids) if p.kind == "table" else "",
    }


#: An appended table of this many columns or more (a ledger) gets a landscape page of its own.
WIDE_TABLE = 6


def build_context(doc: Document, entry: TemplateEntry) -> dict[str, Any]:
    """The template's context; ``landscape``: the appendices go on landscape pages (a wide ledger),
    their tables as wide as those pages' text."""
    paras = flatten(doc)
    first = next((i for i, p in enumerate(paras) if p.kind == "appendix_label"), len(paras))
    landscape = any(p.kind == "table" and len(p.columns) >= WIDE_TABLE for p in paras[first:])
    width = entry.landscape_width if landscape else None
    return {
        "paras": [para_context(p, entry, width if i >= first else None) for i, p in enumerate(paras)],
        "doc": {"title": doc.title, "signature": doc.signature, "date": doc.date},
        "landscape": landscape,
    }


def render_docx(doc: Document, out: Path | io.BytesIO, template: Path | None = None, *,
                cache: bool = True, now: datetime | None = None, notes: list[str] | None = None) -> None:
    """Render ``doc`` into ``template`` (default: the packaged GB/T 9704 template).

    ``cache=False`` reads, checks and compiles the template afresh (no cache of any kind) and
    renders it with docxtpl's own pipeline (the reference the cached path must match).  ``now`` fixes the file's dates.
    """

    entry = template_entry(template) if cache else load_entry(Path(template or default_template()), bytecode=False)
    tpl = cached_template_class()(entry) if cache else reference_template_class()(io.BytesIO(entry.data))
    context = build_context(doc, entry)
    start_budget()
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
    if notes is not None:
        for kind in entry.unshown({p["kind"] for p in context["paras"]}):
            name = KIND_NAMES[kind]
            notes.append(f"模板 {entry.label} 中没有“{name}”的写法，这份文档的{name}没有写进去；"
                         "请在模板中补上，或改用 gongwen template export 导出的原模板")


def set_properties(tpl: DocxTemplate, doc: Document, now: datetime | None = None) -> None:
    """File properties of the result: its title and today, not the template's."""
    props = tpl.docx.core_properties  # not get_docx(): after render it reloads the template
    props.title = clean_text(doc.title)
    props.comments = ""
    props.created = props.modified = (now or datetime.now(timezone.utc)).replace(microsecond=0)
