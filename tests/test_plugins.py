"""Third-party plugins as a user meets them: discovery through the ``gongwen`` entry-point
group, isolation of broken plugins, the API version, the scaffold and the documented example.

Plugins are "installed" the way pip leaves them: a ``NAME-1.0.dist-info`` folder (METADATA,
entry_points.txt) beside the module, on PYTHONPATH of a ``python -m gongwen`` subprocess, so
importlib.metadata really discovers them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_gongwen
from gongwen.answers import tomllib
from gongwen.api import API_VERSION
from gongwen.testing import docx_paragraphs, headings, render_text

GOOD = """
from gongwen.api import DocumentType, Draft, Paragraph, hookimpl, section, text

GONGWEN_API = {api}


@hookimpl
def gongwen_document_types():
    body = section("body", "主要内容", questions=[text("body", "正文", "请各党支部认真落实。")],
                   build=lambda c: [Paragraph(c["body"])])
    return [DocumentType("{type_id}", "{title}", [text("title", "标题", "{title}")], [body], ["body"],
                         lambda c: Draft(title=c["title"]))]
"""


def good_plugin(type_id: str = "test-memo", title: str = "测试便函", api: int = API_VERSION) -> str:
    return GOOD.format(type_id=type_id, title=title, api=api)


@pytest.fixture
def site(tmp_path):
    """A folder of fake installed distributions: ``site.add(dist, source)``; ``site.env``."""

    class Site:
        path = tmp_path / "site"
        env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}

        def add(self, dist: str, source: str, entry: str | None = None, version: str = "1.0") -> None:
            module = dist.replace("-", "_")
            info = self.path / f"{module}-{version}.dist-info"
            info.mkdir(parents=True)
            (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
            (info / "entry_points.txt").write_text(f"[gongwen]\n{entry or module} = {module}\n")
            (self.path / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")

    return Site()


def gw_with(site, *args, cwd: Path):
    return run_gongwen(*args, cwd=cwd, env=site.env)


def warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("警告：")]


def assert_other_types_work(site, tmp_path: Path, broken: int = 1) -> None:
    """``list`` and ``new`` of built-in types exit 0, with one warning line per broken plugin;
    ``render`` loads only the plugin of its type, so it has nothing to say about the others."""
    for args in (("list",),
                 ("new", "grassroots-special-action", "--no-input", "-o", "a.md"),
                 ("render", EXAMPLES / "theme-education-rectification.toml", "-o", "b.docx")):
        r = gw_with(site, *args, cwd=tmp_path)
        assert r.code == 0, r.err
        assert "Traceback" not in r.err
        expected = 0 if args[0] == "render" else broken
        assert len(warnings(r.err)) == expected == len(r.err.splitlines()), r.err
        if args == ("list",):
            assert "theme-education-rectification" in r.out
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# 全县基层党建问题整改专项行动方案")
    assert "一、组织领导" in docx_paragraphs(tmp_path / "b.docx")


def test_an_installed_plugin_is_discovered_listed_and_rendered(site, tmp_path):
    site.add("gongwen-test-memo", good_plugin(), entry="test_memo", version="2.3")
    r = gw_with(site, "list", cwd=tmp_path)
    assert r.code == 0 and r.err == ""
    assert re.search(r"test-memo\s+测试便函\s+\[test_memo\]", r.out)
    assert "theme-education-rectification" in r.out
    plugins = gw_with(site, "plugins", cwd=tmp_path).out
    assert "test_memo  [第三方]  gongwen-test-memo 2.3\n    文种：test-memo（测试便函）" in plugins
    assert "theme_education  [内置]  gongwen " in plugins
    assert "0 个有错误" in plugins
    r = gw_with(site, "new", "test-memo", "--no-input", "-o", "memo.docx", cwd=tmp_path)
    assert r.code == 0, r.err
    paragraphs = docx_paragraphs(tmp_path / "memo.docx")
    assert "测试便函" in paragraphs and "一、主要内容" in paragraphs
    (tmp_path / "memo.toml").write_text('type = "test-memo"\nbody = "改过的正文。"\n', encoding="utf-8")
    r = gw_with(site, "render", "memo.toml", "-o", "memo.md", "--force", cwd=tmp_path)
    assert r.code == 0 and "改过的正文。" in (tmp_path / "memo.md").read_text(encoding="utf-8")


IMPORT_ERRORS = {
    "gongwen-raises": ("import gongwen\nraise RuntimeError('模块初始化失败')\n",
                       "导入失败（RuntimeError: 模块初始化失败），未加载"),
    "gongwen-missing-dep": ("import no_such_module_for_gongwen\n", "导入失败（ModuleNotFoundError: No module named"),
    "gongwen-syntax": ("def broken(:\n", "导入失败（SyntaxError:"),
    "gongwen-exits": ("import sys\nsys.exit(3)\n", "导入失败（SystemExit: 3），未加载"),
}
HOOK_ERRORS = {
    "gongwen-hook-raises": ("raise ValueError('文种定义有误')",
                            "gongwen_document_types 出错（ValueError: 文种定义有误），其文种未加载"),
    "gongwen-hook-junk": ("return ['not a type']",
                          "gongwen_document_types 出错（TypeError: 返回值中有 str，应为 DocumentType 列表），"
                          "其文种未加载"),
    "gongwen-hook-number": ("return 42", "gongwen_document_types 出错（TypeError:"),
}


def check_reported(site, tmp_path: Path, cases: dict[str, tuple[str, str]]) -> None:
    """Each broken plugin: one warning line in stderr, its error in ``gongwen plugins``."""
    err = gw_with(site, "list", cwd=tmp_path).err
    plugins = gw_with(site, "plugins", cwd=tmp_path).out
    for dist, (_, expected) in cases.items():
        name = dist.replace("-", "_")
        line = next(w for w in warnings(err) if w.startswith(f"警告：插件 {name}（"))
        assert line.startswith(f"警告：插件 {name}（{dist} 1.0）：{expected}"), line
        assert line.endswith("。详见 gongwen plugins")
        assert f"{name}  [第三方]  {dist} 1.0\n    文种：（无）\n    错误：{expected}" in plugins
    assert f"{len(cases)} 个有错误" in plugins


def test_plugins_that_raise_on_import_are_skipped(site, tmp_path):
    for dist, (source, _) in IMPORT_ERRORS.items():
        site.add(dist, source)
    assert_other_types_work(site, tmp_path, broken=len(IMPORT_ERRORS))
    check_reported(site, tmp_path, IMPORT_ERRORS)


def test_plugins_that_raise_in_their_hook_are_skipped(site, tmp_path):
    for dist, (body, _) in HOOK_ERRORS.items():
        site.add(dist, f"from gongwen.api import hookimpl\n\n\n@hookimpl\ndef gongwen_document_types():\n    {body}\n")
    site.add("gongwen-test-memo", good_plugin())  # a good plugin beside them still works
    assert_other_types_work(site, tmp_path, broken=len(HOOK_ERRORS))
    check_reported(site, tmp_path, HOOK_ERRORS)
    assert "test-memo" in gw_with(site, "list", cwd=tmp_path).out


def test_a_duplicate_type_id_names_both_plugins_and_the_first_keeps_it(site, tmp_path):
    site.add("gongwen-copycat", good_plugin("grassroots-special-action", "冒名的方案"))
    site.add("gongwen-aaa", good_plugin("shared-id", "先到的文种"))
    site.add("gongwen-zzz", good_plugin("shared-id", "后到的文种"))
    r = gw_with(site, "list", cwd=tmp_path)
    assert r.code == 0
    assert re.search(r"grassroots-special-action\s+基层党建问题整改专项行动方案\s+\[grassroots\]", r.out)
    assert re.search(r"shared-id\s+先到的文种\s+\[gongwen_aaa\]", r.out)
    assert "冒名的方案" not in r.out and "后到的文种" not in r.out
    assert warnings(r.err) == [
        "警告：插件 gongwen_copycat（gongwen-copycat 1.0）：文种标识“grassroots-special-action”"
        "已由插件 grassroots 提供，插件 gongwen_copycat 的同名文种未加载。详见 gongwen plugins",
        "警告：插件 gongwen_zzz（gongwen-zzz 1.0）：文种标识“shared-id”已由插件 gongwen_aaa 提供，"
        "插件 gongwen_zzz 的同名文种未加载。详见 gongwen plugins",
    ]
    r = gw_with(site, "render", EXAMPLES / "grassroots-special-action.toml", "-o", "g.md", cwd=tmp_path)
    assert r.code == 0 and "基层党建问题整改专项行动方案" in (tmp_path / "g.md").read_text(encoding="utf-8")
    out = gw_with(site, "plugins", cwd=tmp_path).out
    assert "错误：文种标识“shared-id”已由插件 gongwen_aaa 提供，插件 gongwen_zzz 的同名文种未加载" in out


def test_a_plugin_for_another_api_version_is_refused_naming_both(site, tmp_path):
    site.add("gongwen-future", good_plugin("future-type", api=API_VERSION + 1))
    r = gw_with(site, "list", cwd=tmp_path)
    assert r.code == 0 and "theme-education-rectification" in r.out
    assert "future-type" not in r.out
    message = (f"插件为 gongwen 插件接口第 {API_VERSION + 1} 版编写，而已安装的 gongwen 的插件接口为第 "
               f"{API_VERSION} 版，未加载")
    assert r.err == f"警告：插件 gongwen_future（gongwen-future 1.0）：{message}。详见 gongwen plugins\n"
    assert f"错误：{message}" in gw_with(site, "plugins", cwd=tmp_path).out
    r = gw_with(site, "new", "future-type", "--no-input", "-o", "f.docx", cwd=tmp_path)
    assert r.code == 1 and "没有文种“future-type”" in r.err and "Traceback" not in r.err


def test_the_warning_is_given_once_per_command(site, tmp_path):
    site.add("gongwen-broken", "raise RuntimeError('x')\n")
    answers = EXAMPLES / "grassroots-special-action.toml"
    r = gw_with(site, "new", "grassroots-special-action", "--answers", answers, "--no-input", "-o", "n.md",
                cwd=tmp_path)
    assert r.code == 0 and len(warnings(r.err)) == 1, r.err


# ---------------------------------------------------------------- scaffold


def test_scaffold_refuses_bad_names_and_a_non_empty_folder(gw, tmp_path):
    r = gw("plugin", "new", "Zhuan_Xiang", "-d", tmp_path)
    assert r.code == 1 and "插件名“Zhuan_Xiang”不合要求" in r.err and "Traceback" not in r.err
    r = gw("plugin", "new", "ok", "--type-id", "patrol-meeting-plan", "-d", tmp_path)
    assert r.code == 1 and "已被插件 patrol 使用" in r.err
    taken = tmp_path / "gongwen-taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    r = gw("plugin", "new", "taken", "-d", tmp_path)
    assert r.code == 1 and "已存在且不是空文件夹" in r.err
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]


def test_scaffold_installs_passes_its_own_tests_and_renders(gw, tmp_path):
    r = gw("plugin", "new", "test-zhengzhi", "-d", tmp_path / "work", "--type-name", "专项整治工作通知")
    assert r.code == 0, r.err
    project = tmp_path / "work" / "gongwen-test-zhengzhi"
    assert {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()} == {
        "pyproject.toml", "README.md", "src/gongwen_test_zhengzhi/__init__.py",
        "src/gongwen_test_zhengzhi/notice.py", "tests/test_gongwen_test_zhengzhi.py"}
    entry = tomllib.loads((project / "pyproject.toml").read_text())["project"]["entry-points"]["gongwen"]
    assert entry == {"test_zhengzhi": "gongwen_test_zhengzhi"}
    lint = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
                           ROOT / "pyproject.toml", project], capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout

    site = tmp_path / "site"  # pip install, offline, into a folder put on PYTHONPATH
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                          "--no-index", "--target", site, project], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    env = {**os.environ, "PYTHONPATH": str(site)}

    r = run_gongwen("list", cwd=tmp_path, env=env)
    assert re.search(r"test-zhengzhi\s+专项整治工作通知\s+\[test_zhengzhi\]", r.out) and r.err == ""
    assert "test_zhengzhi  [第三方]  gongwen-test-zhengzhi 0.1.0" in run_gongwen("plugins", cwd=tmp_path, env=env).out
    r = run_gongwen("new", "test-zhengzhi", "--no-input", "-o", "通知.docx", cwd=tmp_path, env=env)
    assert r.code == 0, r.err
    paragraphs = docx_paragraphs(tmp_path / "通知.docx")
    assert "关于开展党员教育管理规范化建设工作的通知" in paragraphs and "一、工作目标" in paragraphs
    (tmp_path / "a.toml").write_text('type = "test-zhengzhi"\ntopic = "软弱涣散党组织整顿"\nneed_report = false\n',
                                     encoding="utf-8")
    r = run_gongwen("render", "a.toml", "-o", "a.md", cwd=tmp_path, env=env)
    text = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert r.code == 0 and text.startswith("# 关于开展软弱涣散党组织整顿工作的通知") and "按时报送情况" not in text

    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project, env=env,
                           capture_output=True, text=True, timeout=300)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert re.search(r"\b7 passed\b", tests.stdout), tests.stdout


# ---------------------------------------------------------------- the documented example

GUIDE = ROOT / "docs" / "plugins.md"


def guide_block(name: str, lang: str) -> str:
    found = re.search(rf"<!-- checked-example: {name} -->\n```{lang}\n(.*?)```", GUIDE.read_text(encoding="utf-8"),
                      re.S)
    assert found, f"docs/plugins.md has no {name} example"
    return found.group(1)


def test_the_guide_example_renders_as_documented():
    module = types.ModuleType("gongwen_party_day")
    exec(compile(guide_block("module", "python"), str(GUIDE), "exec"), module.__dict__)  # noqa: S102
    assert module.GONGWEN_API == API_VERSION
    (doctype,) = module.gongwen_document_types()
    assert render_text(doctype, {}) == guide_block("output", "text").strip()
    assert headings(doctype, {"outline": [{"key": "theme"}, {"key": "rules"}]}) == ["一、活动主题", "二、有关要求"]
    assert "党费" not in render_text(doctype, {"dues": False, "month": 8})


def test_the_guide_example_works_as_an_installed_plugin(site, tmp_path):
    project = tomllib.loads(guide_block("pyproject", "toml"))["project"]
    ((entry, module),) = project["entry-points"]["gongwen"].items()
    site.add(project["name"], guide_block("module", "python"), entry=entry, version=project["version"])
    assert (site.path / f"{module}.py").exists()
    r = gw_with(site, "list", cwd=tmp_path)
    assert re.search(r"party-day\s+主题党日活动安排\s+\[party_day\]", r.out) and r.err == ""
    (tmp_path / "a.toml").write_text('type = "party-day"\nmonth = 8\nday = "2025年8月1日"\n', encoding="utf-8")
    r = gw_with(site, "render", "a.toml", "-o", "a.docx", cwd=tmp_path)
    assert r.code == 0, r.err
    paragraphs = docx_paragraphs(tmp_path / "a.docx")
    assert "机关第一党支部8月主题党日活动安排" in paragraphs and "三、活动安排" in paragraphs
