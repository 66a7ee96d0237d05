"""The plugin API boundary (gongwen.api) and section-scoped builders (issue 11).

- plugins (built-in, the example third-party plugin, the scaffold) import only gongwen.api;
- a type's declaration is checked when its plugin loads: undeclared outline/preset/question
  sections and bad ids make that plugin a broken one, never the CLI;
- builders run only for the sections the user's outline keeps, and a builder that raises
  (an unknown {field} in a wording string, say) is reported naming plugin and section.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import gongwen.api as gw
import pytest
from conftest import ROOT
from gongwen.errors import GongwenError
from gongwen.pipeline import build, prepare

PLUGIN_FILES = sorted([*(ROOT / "plugins").rglob("*.py"), *(ROOT / "examples" / "plugins").rglob("*.py")])
SCAFFOLD = sorted((ROOT / "core" / "scaffold_data").glob("*.py.tmpl"))
ALLOWED = {"gongwen.api", "gongwen.api.testing"}


def gongwen_imports(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found += [f"{node.module}.{a.name}" if node.module == "gongwen" else node.module for a in node.names]
    return [m for m in found if m == "gongwen" or m.startswith("gongwen.")]


@pytest.mark.parametrize("path", PLUGIN_FILES + SCAFFOLD, ids=lambda p: str(p.relative_to(ROOT)))
def test_plugin_files_import_only_the_api(path: Path) -> None:
    source = path.read_text("utf-8")
    if path.suffix == ".tmpl":
        source = string.Template(source).safe_substitute(type_id="x", type_name="x", api_version="2")
    assert [m for m in gongwen_imports(source) if m not in ALLOWED] == []


def test_the_boundary_check_catches_an_internal_import() -> None:
    assert gongwen_imports("from gongwen.outline import item_blocks\nimport gongwen.api as gw") == [
        "gongwen.outline", "gongwen.api"]
    assert gongwen_imports("from gongwen import questions") == ["gongwen.questions"]


def test_api_all_names_exist() -> None:
    assert len(gw.__all__) == len(set(gw.__all__))
    assert [n for n in gw.__all__ if not hasattr(gw, n)] == []
    assert gw.API_VERSION == 2


# ---------------------------------------------------------------- declarations


def memo(*, outline=("body", "extra"), questions=(), sections=None, presets=None, **kw) -> gw.DocumentType:
    sections = sections if sections is not None else [
        gw.section("body", "主要内容", questions=[gw.text("body", "正文", "请各党支部认真落实。")],
                   build=lambda c: [gw.Paragraph(c["body"])]),
        gw.section("extra", "其他事项", questions=[gw.text("extra", "其他", "无")],
                   build=lambda c: [gw.Paragraph(c.fill("{unit}：" + c["extra"]))]),
    ]
    return gw.DocumentType("test-memo", "测试便函", [gw.text("title", "标题", "便函"), *questions], sections,
                           list(outline), lambda c: gw.Draft(title=c["title"]), presets=presets or {},
                           vocabulary=lambda a: {"unit": "县委办"}, plugin="test_plugin", **kw)


def test_a_good_declaration_has_no_problems_and_scopes_questions_to_sections() -> None:
    dt = memo()
    assert dt.check() == []
    assert [(q.key, q.section) for q in dt.questions] == [("title", ""), ("body", "body"), ("extra", "extra")]


def test_undeclared_sections_and_bad_ids_are_problems() -> None:
    assert memo(outline=["body", "nope"]).check() == ["outline 中的章节“nope”没有声明"]
    assert memo(presets={"简要": ["gone"]}).check() == ["预设提纲“简要” 中的章节“gone”没有声明"]
    assert memo(questions=[gw.text("x", "x", section="ghost")]).check() == ["问题 x 所属的章节“ghost”没有声明"]
    bad = gw.DocumentType("../evil", "x", [], [], [], lambda c: gw.Draft(title=""))
    assert bad.check() and "标识" in bad.check()[0]


def test_builders_run_only_for_kept_sections() -> None:
    def explode(_c):
        raise AssertionError("a dropped section's builder must not run")

    dt = memo(sections=[
        gw.section("body", "主要内容", build=lambda c: [gw.Paragraph("正文。")]),
        gw.section("extra", "其他事项", build=explode),
    ])
    doc = build(prepare(dt, {"outline": [{"key": "body"}]}))
    assert [s.title for s in doc.sections] == ["主要内容"]


def test_a_builder_that_raises_is_named_never_an_empty_section() -> None:
    dt = memo(sections=[gw.section("body", "主要内容", build=lambda c: [gw.Paragraph(c.fill("{nonesuch}"))])],
              outline=["body"])
    with pytest.raises(GongwenError) as caught:
        build(prepare(dt, {}))
    message = str(caught.value)
    assert "test_plugin" in message and "测试便函" in message and "主要内容" in message and "body" in message
    assert "{nonesuch}" in message


def test_sys_exit_in_a_builder_is_reported_too() -> None:
    def leave(_c):
        raise SystemExit(0)

    with pytest.raises(GongwenError, match="SystemExit"):
        build(prepare(memo(sections=[gw.section("body", "主要内容", build=leave)], outline=["body"]), {}))


def test_context_fill_is_text_not_a_format_string() -> None:
    """A user's answer is substituted once and never read as a field or format spec."""
    dt = memo()
    doc = build(prepare(dt, {"extra": "{unit.__class__} {x:>99999}"}))
    assert doc.sections[1].blocks[0].text == "县委办：{unit.__class__} {x:>99999}"


def test_a_users_outline_title_is_never_filled() -> None:
    dt = memo(sections=[gw.section("body", "{unit}工作", build=lambda c: [gw.Paragraph(c.title)])], outline=["body"])
    assert build(prepare(dt, {})).sections[0].title == "县委办工作"  # the type's own default title
    doc = build(prepare(dt, {"outline": [{"key": "body", "title": "加强{领导 {unit} {x:>9}"}]}))
    assert doc.sections[0].title == "加强{领导 {unit} {x:>9}"
    assert doc.sections[0].blocks[0].text == "加强{领导 {unit} {x:>9}"  # ctx.title is the user's title


def test_the_guide_documents_exactly_the_api() -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text("utf-8")
    table = guide.split("<!-- api-reference -->")[1].split("<!-- /api-reference -->")[0]
    documented = [n for row in table.splitlines()[2:] for n in re.findall(r"`(\w+)`", row.split("|")[2])]
    assert sorted(documented) == sorted(gw.__all__)
