"""docxtpl specialised for the template cache: a ``DocxTemplate`` that renders from a
:class:`~gongwen.render_template.TemplateEntry` instead of serialising, patching and
compiling every part of the template again for each document.

The class is built on first use (:func:`cached_template_class`) so that importing this
module does not import docxtpl.
"""

from __future__ import annotations

import functools
import io
import re
from typing import TYPE_CHECKING

from .render_jinja import bounded_output
from .render_template import PROPERTIES

if TYPE_CHECKING:
    from .render_template import TemplateEntry

_LISTING = re.compile("[\t\a\n\f]")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as docxtpl's resolve_listing


_CLOSING = re.compile(r'<w:pStyle w:val="GW(?:Attachments|Signature(?:Right|Flush)?|Date)"/>')


def _with_keep_next(para: str) -> str:
    """A paragraph's XML set to keep with the next paragraph (a run-in heading's "off" removed)."""
    para = para.replace('<w:keepNext w:val="0"/>', "")
    if "</w:pStyle>" in para:
        return para.replace("</w:pStyle>", "</w:pStyle><w:keepNext/>", 1)
    return re.sub(r"(<w:pStyle [^>]*/>)", r"\1<w:keepNext/>", para, count=1)


def keep_closing_with_text(xml: str) -> str:
    """The last paragraph of the text keeps with the 附件说明, 落款 and 成文日期 after it, so they
    never stand alone at the top of the last page (GB/T 9704 7.3.5): Word and LibreOffice move the
    end of that paragraph over instead."""
    paras = list(_PARAGRAPH.finditer(xml))
    first = next((i for i, m in enumerate(paras) if _CLOSING.search(m.group(0))), None)
    if not first:
        return xml
    keep = [m for m in paras[first - 1:first + 3] if "<w:keepNext/>" not in m.group(0)
            and not re.search(r'GW(?:Date|Appendix)', m.group(0))]
    for m in reversed(keep):
        xml = xml[:m.start()] + _with_keep_next(m.group(0)) + xml[m.end():]
    return xml


_BODY_SECTION = re.compile(r"<w:sectPr\b[^>]*>.*?</w:sectPr>(?=\s*</w:body>)", re.DOTALL)
_PAGE_SIZE = re.compile(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"[^>]*/>')


def landscape_appendices(xml: str) -> str:
    """The appendices on a landscape section of their own (a wide ledger): the body keeps the
    template's page as a section that ends before 附件, the rest turns the same page landscape.
    Footers and page numbers are the template's in both."""
    body = _BODY_SECTION.search(xml)
    paras = list(_PARAGRAPH.finditer(xml))
    label = next((i for i, m in enumerate(paras) if 'w:val="GWAppendixLabel"' in m.group(0)), None)
    if body is None or not label or not _PAGE_SIZE.search(body.group(0)):
        return xml
    portrait = body.group(0)
    landscape = _PAGE_SIZE.sub(lambda m: f'<w:pgSz w:w="{m[2]}" w:h="{m[1]}" w:orient="landscape"/>', portrait)
    xml = xml[:body.start()] + landscape + xml[body.end():]
    before, first = paras[label - 1], paras[label]
    opened = first.group(0).replace('w:val="GWAppendixLabel"/>',
                                    'w:val="GWAppendixLabel"/><w:pageBreakBefore w:val="0"/>', 1)
    ended = before.group(0)
    ended = ended.replace("</w:pPr>", portrait + "</w:pPr>", 1) if "</w:pPr>" in ended else \
        ended.replace("<w:p>", f"<w:p><w:pPr>{portrait}</w:pPr>", 1)
    return xml[:before.start()] + ended + xml[before.end():first.start()] + opened + xml[first.end():]


_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def keep_leads_with_next(xml: str) -> str:
    """A body paragraph that ends in "：" ("参加人员：") introduces what follows: it keeps with
    the next paragraph instead of ending a page alone."""
    out, at = [], 0
    for m in _PARAGRAPH.finditer(xml):
        para = m.group(0)
        if '<w:pStyle w:val="GWBody"/>' in para and "<w:keepNext" not in para \
                and "".join(_TEXT.findall(para)).rstrip().endswith(("：", ":")):
            para = _with_keep_next(para)
        out += [xml[at:m.start()], para]
        at = m.end()
    return "".join(out) + xml[at:]


def finish_document(xml: str, context: dict) -> str:
    """What the body part gets after rendering: the closing kept with the text, a lead ending in
    "：" kept with what it leads to, wide appendices on landscape pages."""
    xml = keep_leads_with_next(keep_closing_with_text(xml))
    return landscape_appendices(xml) if context.get("landscape") else xml


@functools.cache
def cached_template_class() -> type:
    """A DocxTemplate that takes each part's compiled Jinja template from a
    :class:`TemplateEntry` instead of serialising, patching and compiling the part again."""
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
            return finish_document(self.render_xml_part(None, self.docx.part, context, jinja_env), context)

        def build_headers_footers_xml(self, context, uri, jinja_env=None):
            for rel_key, part in self.get_headers_footers(uri):
                xml = self.render_xml_part(None, part, context, jinja_env)
                yield rel_key, xml.encode(self.entry.encodings.get(str(part.partname), "utf-8"))

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            """docxtpl's render_xml_part with the compile step taken from the cache."""
            self.current_rendering_part = part
            template = self.entry.part_template(str(part.partname), src_xml)
            rendered = bounded_output(template.generate(context))
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered)
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
            for name in PROPERTIES:
                setattr(props, name, self.entry.render_string(self.entry.properties[name], context))

    return CachedDocxTemplate


@functools.cache
def reference_template_class() -> type:
    """docxtpl's own pipeline (no cache), with the same finishing of the document part as the
    cached one: the reference the cached path must match."""
    from docxtpl import DocxTemplate

    class ReferenceDocxTemplate(DocxTemplate):
        def build_xml(self, context, jinja_env=None):
            return finish_document(super().build_xml(context, jinja_env), context)

    return ReferenceDocxTemplate
