"""User Word templates: export, restyle, render with them; the sandbox; checks; the cache."""

from __future__ import annotations

import dataclasses
import io
import shutil
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from gongwen import render_docx as rd
from gongwen import render_jinja, render_template
from gongwen.testing import build_document, get_type

EXAMPLE = EXAMPLES / "party-history-rectification.toml"
TITLE = "新城区政府党组党史学习教育专题民主生活会整改落实方案"
LETTERHEAD = "中共新城区委员会文件"
TYPE = "party-history-rectification"


@pytest.fixture(autouse=True)
def private_bytecode_cache(tmp_path, monkeypatch):
    """Compiled templates go to this test's folder, not the user's cache."""
    monkeypatch.setenv("GONGWEN_CACHE_DIR", str(tmp_path / "bytecode-cache"))


@pytest.fixture
def exported(gw, tmp_path) -> Path:
    r = gw("template", "export", TYPE, "-o", "模板.docx")
    assert r.code == 0, r.err
    assert "--template" in r.out and "template =" in r.out and "WPS" in r.out
    return tmp_path / "模板.docx"


@pytest.fixture
def copy(tmp_path) -> Path:
    """The exported template, without the CLI round trip (for the refusal tests)."""
    from gongwen.templates_cmd import export_template

    export_template(get_type(TYPE), tmp_path / "模板.docx")
    return tmp_path / "模板.docx"


def restyle(src: Path, dst: Path) -> Path:
    """What a clerk does in Word: body in 楷体 15 pt, a red 红头 line on top."""
    d = docx.Document(str(src))
    body = d.styles["GW Body"]
    body.font.size = Pt(15)
    body.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    red = d.paragraphs[0].insert_paragraph_before(LETTERHEAD)
    red.runs[0].font.color.rgb = RGBColor(0xFF, 0, 0)
    red.runs[0].font.size = Pt(26)
    d.save(str(dst))
    return dst


def with_title_paragraph(src: Path, dst: Path, text: str) -> Path:
    """The template with the title paragraph's ``{{ p.text }}`` replaced by ``text``."""
    d = docx.Document(str(src))
    title = next(p for p in d.paragraphs if p.style.name == "GW Title")
    title.text = text
    d.save(str(dst))
    return dst


def check_restyled(out: Path) -> None:
    d = docx.Document(str(out))
    body = d.styles["GW Body"]
    assert body.font.size == Pt(15)
    assert body.element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体"
    first = d.paragraphs[0]
    assert first.text == LETTERHEAD
    assert first.runs[0].font.color.rgb == RGBColor(0xFF, 0, 0)
    texts = [p.text for p in d.paragraphs]
    assert TITLE in [t.replace("\n", "") for t in texts]  # a long title breaks between words
    assert sum(p.style.name == "GW Body" and bool(p.text) for p in d.paragraphs) > 5
    assert not any("{{" in t or "{%" in t for t in texts)


def test_export_restyle_render_with_template_option(gw, tmp_path, exported):
    restyle(exported, tmp_path / "红头.docx")
    r = gw("render", EXAMPLE, "-o", "out.docx", "--template", "红头.docx")
    assert r.code == 0, r.err
    check_restyled(tmp_path / "out.docx")


def test_template_key_in_answers_file_is_relative_to_it(gw, tmp_path, exported):
    folder = tmp_path / "材料"
    (folder / "模板").mkdir(parents=True)
    restyle(exported, folder / "模板" / "红头.docx")
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("type ="))
    lines.insert(at + 1, 'template = "模板/红头.docx"')
    (folder / "答案.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = gw("render", "材料/答案.toml", "-o", "out.docx")  # run from the folder above
    assert r.code == 0, r.err
    check_restyled(tmp_path / "out.docx")


def test_export_does_not_clobber_without_force(gw, tmp_path, exported):
    exported.write_bytes(b"mine")
    r = gw("template", "export", TYPE, "-o", "模板.docx")
    assert r.code == 1 and "已存在" in r.err and exported.read_bytes() == b"mine"
    assert gw("template", "export", TYPE, "-o", "模板.docx", "--force").code == 0
    assert exported.read_bytes() == rd.default_template().read_bytes()


def test_export_unknown_type_lists_known_types(gw):
    r = gw("template", "export", "no-such-type", "-o", "x.docx")
    assert r.code == 1 and "没有文种“no-such-type”" in r.err and TYPE in r.err


def assert_refused(r, *words: str) -> None:
    assert r.code == 1, (r.out, r.err)
    assert "Traceback" not in r.err and "内部错误" not in r.err
    assert r.err.startswith("错误：模板 ") and len(r.err.strip().splitlines()) == 1
    for w in words:
        assert w in r.err


@pytest.mark.parametrize("expr,name", [
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "__class__"),
    ("{{ cycler.__init__.__globals__ }}", "__init__"),
    ("{{ paras['__class__'] }}", "__class__"),
])
def test_sandbox_escape_is_refused(gw, tmp_path, copy, expr, name):
    with_title_paragraph(copy, tmp_path / "坏.docx", expr)
    r = gw("render", EXAMPLE, "-o", "out.docx", "--template", "坏.docx")
    assert_refused(r, "坏.docx", "试图访问不允许的内容：" + name, "已拒绝渲染")
    assert not (tmp_path / "out.docx").exists()


def test_sandbox_refuses_at_render_time_too(gw, tmp_path, copy):
    with_title_paragraph(copy, tmp_path / "坏.docx", "{{ p|attr('__class__') }}")
    r = gw("render", EXAMPLE, "-o", "out.docx", "--template", "坏.docx")
    assert_refused(r, "坏.docx", "试图访问不允许的内容", "__class__")


@pytest.mark.parametrize("expr,field", [("{{ p.xyz }}", "xyz"), ("{{ wenhao }}", "wenhao")])
def test_field_the_document_lacks_is_named(gw, tmp_path, copy, expr, field):
    with_title_paragraph(copy, tmp_path / "多字段.docx", expr)
    r = gw("render", EXAMPLE, "-o", "out.docx", "--template", "多字段.docx")
    assert_refused(r, "多字段.docx", f"文档中没有的字段“{field}”")


def test_message_lists_the_fields_a_paragraph_has():
    from gongwen.model import Para

    entry = rd.template_entry()
    assert set(rd.PARA_FIELDS) == set(rd.para_context(Para(kind="body", text="正文"), entry))


def test_template_without_the_paras_loop_is_refused(gw, tmp_path, copy):
    d = docx.Document(str(copy))
    for p in d.paragraphs:
        p._p.getparent().remove(p._p)
    d.add_paragraph("中共新城区委员会文件")
    d.save(str(tmp_path / "空.docx"))
    r = gw("render", EXAMPLE, "-o", "out.docx", "--template", "空.docx")
    assert_refused(r, "空.docx", "缺少必需的字段", "paras", "gongwen template export")


def test_syntax_error_names_template_and_paragraph(gw, tmp_path, copy):
    with_title_paragraph(copy, tmp_path / "语法.docx", "{{ p.text ) }}")
    r = gw("render", EXAMPLE, "-o", "out.docx", "--template", "语法.docx")
    assert_refused(r, "语法.docx", "语法错误", "行附近")


def test_not_a_docx(gw, tmp_path):
    (tmp_path / "假.docx").write_bytes(b"not a zip")
    r = gw("render", EXAMPLE, "-o", "out.docx", "--template", "假.docx")
    assert_refused(r, "假.docx", "不是有效的 Word 文档")


def test_type_with_its_own_template(tmp_path):
    from gongwen.templates_cmd import export_template, template_for

    own = restyle(rd.default_template(), tmp_path / "own.docx")
    dt = dataclasses.replace(get_type(TYPE), template=str(own))
    assert template_for(dt) == own
    export_template(dt, tmp_path / "exported.docx")
    assert (tmp_path / "exported.docx").read_bytes() == own.read_bytes()
    assert template_for(get_type(TYPE)) == rd.default_template()


# ------------------------------------------------------------ the cache


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture
def example_doc():
    from gongwen.answers import read_answers

    raw = read_answers(EXAMPLE)
    return build_document(raw["type"], raw)


def _render(doc, template=None, cache=True) -> dict[str, bytes]:
    buf = io.BytesIO()
    now = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    rd.render_docx(doc, buf, template, cache=cache, now=now)
    return _parts(buf.getvalue())


@pytest.mark.parametrize("restyled", [False, True])
def test_cached_render_equals_docxtpl_render(tmp_path, example_doc, restyled):
    template = restyle(rd.default_template(), tmp_path / "t.docx") if restyled else None
    rd.clear_template_cache()
    uncached = _render(example_doc, template, cache=False)
    first, second = _render(example_doc, template), _render(example_doc, template)
    assert "word/document.xml" in uncached and any("footer" in n for n in uncached)
    assert first == uncached and second == uncached  # every part, headers/footers included


def test_file_properties_render_as_docxtpl_renders_them(tmp_path, example_doc):
    """Property strings with Jinja markup are compiled; plain ones (line ends too) are kept as docxtpl keeps them."""
    d = docx.Document(str(rd.default_template()))
    d.core_properties.subject = "{{ doc.title }}（{{ paras|length }} 段）"
    d.core_properties.author = "办公室\r\n综合科"
    d.core_properties.identifier = "第一行\n"
    d.core_properties.language = "{ 不是标记 }"
    d.save(str(tmp_path / "t.docx"))
    rd.clear_template_cache()
    uncached = _render(example_doc, tmp_path / "t.docx", cache=False)
    assert _render(example_doc, tmp_path / "t.docx") == uncached
    assert f"{TITLE}（".encode() in uncached["docProps/core.xml"]

def test_renders_in_one_process_do_not_leak_into_each_other(example_doc):
    """The cache reuses the opened template: each document must still come out as if alone."""
    other = build_document("grassroots-special-action", {"type": "grassroots-special-action"})
    rd.clear_template_cache()
    alone = {"a": _render(example_doc, cache=False), "b": _render(other, cache=False)}
    for name in ("a", "b", "a", "b"):
        assert _render(example_doc if name == "a" else other) == alone[name]


def test_template_is_read_once_per_process(monkeypatch, example_doc):
    from docxtpl import DocxTemplate

    calls = {"load": 0, "patch": 0}
    load, patch = render_template.load_entry, DocxTemplate.patch_xml

    def counting_load(path, **kwargs):
        calls["load"] += 1
        return load(path, **kwargs)

    def counting_patch(self, xml):
        calls["patch"] += 1
        return patch(self, xml)

    monkeypatch.setattr(render_template, "load_entry", counting_load)
    monkeypatch.setattr(DocxTemplate, "patch_xml", counting_patch)
    rd.clear_template_cache()
    _render(example_doc)
    assert calls["load"] == 1 and calls["patch"] > 0
    calls["patch"] = 0
    _render(example_doc)
    assert calls == {"load": 1, "patch": 0}


def test_cache_sees_an_edited_template(tmp_path, example_doc):
    template = tmp_path / "t.docx"
    shutil.copy(rd.default_template(), template)
    rd.clear_template_cache()
    before = _render(example_doc, template)
    restyle(rd.default_template(), template)  # the user saves the file again
    after = _render(example_doc, template)
    assert LETTERHEAD.encode() not in before["word/document.xml"]
    assert LETTERHEAD.encode() in after["word/document.xml"]


def test_the_builtin_template_has_every_field_the_renderer_needs():
    """Renders skip the field check for the packaged template, so it is checked here."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(rd.default_template().read_bytes()))
    tpl.get_docx()
    sources = render_template.part_sources(tpl)
    label = rd.template_label(rd.default_template())
    render_jinja.check_fields(label, {name: render_jinja.parse(label, name, src) for name, src in sources.items()})
    assert any("paras" in src for src in sources.values())
