"""The short road of ``gongwen render`` (issue 11): a plain render command line runs without
typer and imports only the plugin of its type, found through the index of the last full load;
whatever the index says, the result is the one a full load would give."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer.main
from conftest import EXAMPLES, run_gongwen
from gongwen.cli import app
from gongwen.main import RENDER_FLAGS, RENDER_VALUES, render_args
from test_plugins import good_plugin, gw_with, site, warnings  # noqa: F401 - site is a fixture
from test_startup import imported_by


def test_the_short_road_knows_exactly_the_options_of_the_render_command():
    command = typer.main.get_command(app).commands["render"]
    options = {name: param.name for param in command.params if param.param_type_name == "option"
               for name in param.opts}
    flags = {name for param in command.params if getattr(param, "is_flag", False) for name in param.opts}
    assert options == {**RENDER_VALUES, **RENDER_FLAGS}
    assert set(RENDER_FLAGS) == flags


@pytest.mark.parametrize(("argv", "expected"), [
    (["render", "a.toml", "-o", "a.docx"], {"answers_file": Path("a.toml"), "output": Path("a.docx"), "fmt": None,
                                            "template": None, "force": False}),
    (["render", "--output=b.md", "--force", "a.toml", "--format", "md", "--template", "t.docx"],
     {"answers_file": Path("a.toml"), "output": Path("b.md"), "fmt": "md", "template": Path("t.docx"),
      "force": True}),
])
def test_a_plain_render_line_is_read_as_typer_would(argv, expected):
    assert render_args(argv) == expected


@pytest.mark.parametrize("argv", [
    ["render"], ["render", "a.toml"], ["render", "-o", "a.docx"], ["render", "a.toml", "-o"],
    ["render", "a.toml", "-o", "a.docx", "--help"], ["render", "a.toml", "-o", "a.docx", "-h"],
    ["render", "a.toml", "-o", "a.docx", "--forse"], ["render", "a.toml", "b.toml", "-o", "a.docx"],
    ["render", "a.toml", "-o", "a.docx", "-o", "b.docx"], ["render", "a.toml", "-o", "--force"],
    ["render", "a.toml", "-oa.docx"], ["render", "a.toml", "-o", "a.docx", "--force", "--force"],
    ["--debug", "render", "a.toml", "-o", "a.docx"], ["new", "x", "-o", "a.docx"], [],
])
def test_anything_else_goes_to_typer(argv):
    assert render_args(argv) is None


def test_typer_explains_a_render_line_the_short_road_does_not_take(tmp_path):
    r = run_gongwen("render", EXAMPLES / "patrol-meeting-plan.toml", cwd=tmp_path)
    assert r.code == 2 and "--output" in r.err and "Traceback" not in r.err
    r = run_gongwen("render", "--help", cwd=tmp_path)
    assert r.code == 0 and "按答案文件生成文档" in r.out


def test_a_render_imports_neither_typer_nor_the_other_plugins(tmp_path):
    run_gongwen("list", cwd=tmp_path)  # a full load leaves the index behind
    modules = imported_by("render", EXAMPLES / "patrol-meeting-plan.toml", "-o", tmp_path / "p.docx", cwd=tmp_path)
    assert (tmp_path / "p.docx").is_file()
    assert not {"typer", "click", "importlib.metadata", "gongwen.cli", "gongwen.session"} & modules
    assert sorted(m for m in modules if m.count(".") == 1 and m.startswith("gongwen_plugins.")) == \
        ["gongwen_plugins.patrol"]


def test_without_an_index_a_render_loads_everything_and_writes_one(tmp_path):
    env = {**os.environ, "GONGWEN_CACHE_DIR": str(tmp_path / "cache")}
    r = run_gongwen("render", EXAMPLES / "patrol-meeting-plan.toml", "-o", "p.md", cwd=tmp_path, env=env)
    assert r.code == 0 and r.err == "", r.err
    index = json.loads((tmp_path / "cache" / "plugin-index.json").read_text(encoding="utf-8"))
    (types,) = index.values()
    assert types["patrol-meeting-plan"]["value"] == "gongwen_plugins.patrol"
    modules = imported_by("render", EXAMPLES / "patrol-meeting-plan.toml", "-o", tmp_path / "q.md", env=env,
                         cwd=tmp_path)
    assert "gongwen_plugins.grassroots" not in modules and "gongwen_plugins.patrol" in modules


def test_a_corrupt_or_foreign_index_is_no_index(tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "GONGWEN_CACHE_DIR": str(cache)}
    cache.mkdir(mode=0o700)
    for junk in ("{not json", "[1, 2]", '{"x": {"patrol-meeting-plan": {"name": 1}}}'):
        (cache / "plugin-index.json").write_text(junk, encoding="utf-8")
        r = run_gongwen("render", EXAMPLES / "patrol-meeting-plan.toml", "-o", "p.md", "--force", cwd=tmp_path,
                        env=env)
        assert r.code == 0 and r.err == "", r.err
    assert "patrol-meeting-plan" in (cache / "plugin-index.json").read_text(encoding="utf-8")


def test_an_index_that_no_longer_holds_is_corrected_by_a_full_load(site, tmp_path):  # noqa: F811
    site.add("gongwen-test-memo", good_plugin(), entry="test_memo")
    (tmp_path / "memo.toml").write_text('type = "test-memo"\nbody = "正文。"\n', encoding="utf-8")
    assert gw_with(site, "list", cwd=tmp_path).code == 0
    # the plugin is edited in place (an editable install): same distribution, the type renamed
    module = site.path / "gongwen_test_memo.py"
    module.write_text(good_plugin("test-memo2"), encoding="utf-8")
    r = gw_with(site, "render", "memo.toml", "-o", "m.md", cwd=tmp_path)
    assert r.code == 1 and "没有文种“test-memo”" in r.err and "test-memo2" in r.err
    # …and broken: the render that cannot find its type names the broken plugin
    module.write_text("raise RuntimeError('坏了')\n", encoding="utf-8")
    r = gw_with(site, "render", "memo.toml", "-o", "m.md", cwd=tmp_path)
    assert r.code == 1 and "没有文种“test-memo”" in r.err
    assert warnings(r.err) == ["警告：插件 test_memo（gongwen-test-memo 1.0）：导入失败（RuntimeError: 坏了），未加载。"
                               "详见 gongwen plugins"]
    # fixed again: found and rendered
    module.write_text(good_plugin(), encoding="utf-8")
    r = gw_with(site, "render", "memo.toml", "-o", "m.md", cwd=tmp_path)
    assert r.code == 0 and "正文。" in (tmp_path / "m.md").read_text(encoding="utf-8")


def test_installing_a_plugin_is_seen_at_once(site, tmp_path):  # noqa: F811
    assert gw_with(site, "list", cwd=tmp_path).code == 0  # the index of a site without the plugin
    site.add("gongwen-test-memo", good_plugin(), entry="test_memo")
    (tmp_path / "memo.toml").write_text('type = "test-memo"\nbody = "新装的插件。"\n', encoding="utf-8")
    r = gw_with(site, "render", "memo.toml", "-o", "m.md", cwd=tmp_path)
    assert r.code == 0 and "新装的插件。" in (tmp_path / "m.md").read_text(encoding="utf-8")


def test_gongwen_load_plugins_is_obeyed_by_the_short_road(site, tmp_path):  # noqa: F811
    site.add("gongwen-test-memo", good_plugin(), entry="test_memo")
    (tmp_path / "memo.toml").write_text('type = "test-memo"\nbody = "正文。"\n', encoding="utf-8")
    assert gw_with(site, "render", "memo.toml", "-o", "a.md", cwd=tmp_path).code == 0
    r = run_gongwen("render", "memo.toml", "-o", "b.md", cwd=tmp_path, env={**site.env, "GONGWEN_LOAD_PLUGINS": ""})
    assert r.code == 1 and "没有文种“test-memo”" in r.err
