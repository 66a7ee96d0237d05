"""Plugins under attack (issue 16, items 1, 9, 10, 11): whatever a plugin's code raises, and
wherever, the user gets one Chinese line naming the plugin, the type and the hook, and keeps
the answers typed; names cannot reach the terminal as escape sequences; third-party plugins
can be switched off with GONGWEN_LOAD_PLUGINS."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from conftest import EXAMPLES, read_toml, run_gongwen
from slowdown import as_from_a_terminal, wait_for
from test_plugins import good_plugin, gw_with, site, warnings  # noqa: F401 - site is a fixture

BROKEN = """
from gongwen.api import DocumentType, Draft, Paragraph, Problem, hookimpl, section, text

MODE = "{mode}"


class Boom(BaseException):
    pass


def boom(*args):
    if MODE == "exit0":
        import sys
        sys.exit(0)
    if MODE == "base":
        raise Boom("不是 Exception")
    return 1 / 0


def check(value, answers):  # a question's own check
    return boom() if MODE == "question" else None


@hookimpl
def gongwen_document_types():
    body = section("body", "主要内容", questions=[text("body", "正文", "请各党支部认真落实。")],
                   build=boom if MODE == "section" else lambda c: [Paragraph(c["body"])])
    title = text("title", "标题", "标题", validate=check)
    return [DocumentType("bad-{mode}", "坏文种{mode}", [title], [body], ["body"],
                         boom if MODE in ("build", "exit0", "base") else lambda c: Draft(title=c["title"]),
                         validate=boom if MODE == "validate" else None,
                         vocabulary=boom if MODE == "vocabulary" else None)]
"""

HOOKS = {"build": "生成文件（build）", "exit0": "生成文件（build）", "base": "生成文件（build）",
         "validate": "核对回答（validate）", "vocabulary": "生成用词（vocabulary）",
         "section": "生成章节“主要内容”（body）"}
DETAIL = {"exit0": "SystemExit: 0", "base": "Boom: 不是 Exception"}


def add_broken(site, *modes: str) -> None:  # noqa: F811 - the fixture
    for mode in modes:
        site.add(f"gongwen-bad-{mode}", BROKEN.format(mode=mode))


@pytest.mark.parametrize("mode", sorted(HOOKS))
def test_an_error_in_a_hook_names_plugin_type_and_hook_in_one_line(site, tmp_path, mode):  # noqa: F811
    add_broken(site, mode)
    (tmp_path / "a.toml").write_text(f'type = "bad-{mode}"\n', encoding="utf-8")
    r = gw_with(site, "render", "a.toml", "-o", "a.docx", cwd=tmp_path)
    detail = DETAIL.get(mode, "ZeroDivisionError: division by zero")
    assert r.code == 1 and r.out == ""
    assert r.err == (f"错误：插件 gongwen_bad_{mode} 的文种“坏文种{mode}”（bad-{mode}）在{HOOKS[mode]}时出错："
                     f"{detail}。请把这条信息告诉插件作者。\n")
    assert not (tmp_path / "a.docx").exists()


def test_an_error_in_a_plugins_code_elsewhere_still_names_the_plugin(site, tmp_path):  # noqa: F811
    add_broken(site, "question", "vocabulary")
    (tmp_path / "q.toml").write_text('type = "bad-question"\ntitle = "标题"\n', encoding="utf-8")
    line = ("错误：插件 gongwen_bad_question（gongwen-bad-question 1.0）出错：ZeroDivisionError: division by zero。"
            "请把这条信息告诉插件作者；要暂时停用第三方插件，可设环境变量 GONGWEN_LOAD_PLUGINS（见 gongwen plugins）\n")
    for args in (("check", "q.toml"), ("render", "q.toml", "-o", "q.docx")):
        r = gw_with(site, *args, cwd=tmp_path)
        assert (r.code, r.err) == (1, line)
    r = gw_with(site, "show", "bad-vocabulary", cwd=tmp_path)
    assert r.code == 1 and r.err.startswith("错误：插件 gongwen_bad_vocabulary（gongwen-bad-vocabulary 1.0）出错：")
    assert "内部错误" not in r.err and "Traceback" not in r.err


def test_a_real_ctrl_c_while_plugins_load_cancels_the_command(site, tmp_path):  # noqa: F811
    """A plugin raising KeyboardInterrupt itself is skipped (test_plugins); the user's own
    Ctrl-C while it loads stops the command."""
    marker = tmp_path / "loading"
    site.add("gongwen-slow-import", f"import pathlib, time\npathlib.Path({str(marker)!r}).touch()\ntime.sleep(600)\n")
    proc = subprocess.Popen([sys.executable, "-m", "gongwen", "list"], cwd=tmp_path, env=site.env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=as_from_a_terminal)
    try:
        wait_for(marker.exists, what="the plugin to start loading")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130 and err == "已取消，未写入文件。\n" and out == ""


@pytest.mark.parametrize("source", ["class Boom(BaseException):\n    pass\n\n\nraise Boom('x')\n",
                                    "raise KeyboardInterrupt\n"])
def test_any_base_exception_at_import_is_isolated(site, tmp_path, source):  # noqa: F811
    site.add("gongwen-raiser", source)
    r = gw_with(site, "list", cwd=tmp_path)
    assert r.code == 0 and len(warnings(r.err)) == 1 == len(r.err.splitlines()), r.err
    r = gw_with(site, "render", EXAMPLES / "patrol-meeting-plan.toml", "-o", "p.md", cwd=tmp_path)
    assert r.code == 0 and r.err == "", r.err  # only the patrol plugin is loaded


NAMED = '''
from gongwen.api import DocumentType, Draft, Paragraph, hookimpl, section


@hookimpl
def gongwen_document_types():
    body = section("body", "主要内容", build=lambda c: [Paragraph("正文")])
    return [DocumentType({type_id!r}, {name!r}, [], [body], ["body"], lambda c: Draft(title="标题"))]
'''


def test_bad_type_ids_are_refused_and_names_cannot_drive_the_terminal(site, tmp_path):  # noqa: F811
    for i, type_id in enumerate(["", "../../evil", "line\nbreak", "UPPER", "a b"]):
        site.add(f"gongwen-id{i}", NAMED.format(type_id=type_id, name=f"文种{i}"))
    site.add("gongwen-ansi", NAMED.format(type_id="ansi-name", name="\x1b[2J\x1b]0;pwned\x07红色文种\r"))
    r = gw_with(site, "list", cwd=tmp_path)
    assert r.code == 0 and len(warnings(r.err)) == 5 == len(r.err.splitlines())
    assert "evil" not in r.out and "break" not in r.out
    assert "ansi-name" in r.out and "红色文种" in r.out
    outputs = [r.out + r.err] + [gw_with(site, *args, cwd=tmp_path).out for args in (("plugins",),
                                                                                    ("show", "ansi-name"))]
    for text in outputs:
        assert "\x1b" not in text and "\x07" not in text and "\r" not in text
    (tmp_path / "a.toml").write_text('type = "ansi-name"\n', encoding="utf-8")
    r = gw_with(site, "render", "a.toml", "-o", "a.md", cwd=tmp_path)
    assert r.code == 0 and "\x1b" not in (tmp_path / "a.toml").read_text(encoding="utf-8")


def test_gongwen_load_plugins_chooses_the_third_party_plugins(site, tmp_path):  # noqa: F811
    site.add("gongwen-test-memo", good_plugin(), entry="test_memo")
    site.add("gongwen-broken", "raise RuntimeError('坏了')\n")

    def gw_env(value, *args):
        return run_gongwen(*args, cwd=tmp_path, env={**site.env, "GONGWEN_LOAD_PLUGINS": value})

    r = gw_env("", "list")  # built-ins only: a broken plugin can no longer get in the way
    assert r.code == 0 and r.err == "" and "test-memo" not in r.out and "patrol-meeting-plan" in r.out
    plugins = gw_env("", "plugins").out
    assert ("test_memo  [第三方]  gongwen-test-memo 1.0\n    文种：（无）\n"
            "    未加载：环境变量 GONGWEN_LOAD_PLUGINS 为空") in plugins
    assert "0 个有错误，2 个按 GONGWEN_LOAD_PLUGINS 未加载。" in plugins
    r = gw_env("gongwen-test-memo", "list")  # by distribution or entry-point name
    assert r.code == 0 and r.err == "" and "test-memo" in r.out
    assert gw_env("test_memo, other", "list").out == r.out
    assert "未加载：环境变量 GONGWEN_LOAD_PLUGINS 未列出此插件" in gw_env("test_memo", "plugins").out
    r = gw_with(site, "list", cwd=tmp_path)  # unset: every plugin
    assert "test-memo" in r.out and len(warnings(r.err)) == 1


# ------------------------------------------------------------------ item 1: the answers are kept


def test_no_input_keeps_the_answers_when_validate_raises(site, tmp_path):  # noqa: F811
    add_broken(site, "validate")
    r = gw_with(site, "new", "bad-validate", "--no-input", "-o", "v.docx", cwd=tmp_path)
    assert r.code == 1 and "在核对回答（validate）时出错" in r.err
    assert "回答已保存在 v.toml" in r.err and read_toml(tmp_path / "v.toml")["type"] == "bad-validate"


def spawn(site, tmp_path, *args):  # noqa: F811
    pexpect = pytest.importorskip("pexpect")
    env = {**site.env, "TERM": "xterm", "LANG": "C.UTF-8"}
    return pexpect.spawn(sys.executable, ["-m", "gongwen", *args], cwd=str(tmp_path), env=env, encoding="utf-8",
                         dimensions=(50, 200), timeout=60, preexec_fn=as_from_a_terminal)


def type_answer(child, prompt: str, text: str) -> None:
    child.expect(prompt)
    time.sleep(0.1)
    child.send("\x15" + text + "\r")


def test_interactive_new_keeps_the_answers_when_build_raises(site, tmp_path):  # noqa: F811
    add_broken(site, "build")
    child = spawn(site, tmp_path, "new", "bad-build", "-o", "b.docx")
    type_answer(child, "标题", "我的标题")
    type_answer(child, "正文", "我写的正文")
    child.expect("要修改哪一项")
    time.sleep(0.2)
    child.send("\r")  # ✔ 确认无误，生成文档
    child.expect(pexpect_eof())
    child.close()
    said = child.before
    assert child.exitstatus == 1, said
    assert "插件 gongwen_bad_build 的文种“坏文种build”（bad-build）在生成文件（build）时出错" in said
    assert "回答已保存在 b.toml" in said and "内部错误" not in said
    saved = read_toml(tmp_path / "b.toml")
    assert saved["title"] == "我的标题" and saved["body"] == "我写的正文"


def test_a_plugin_error_during_the_questionnaire_keeps_the_answers_and_names_the_plugin(site, tmp_path):  # noqa: F811
    add_broken(site, "validate")
    child = spawn(site, tmp_path, "new", "bad-validate", "-o", "v.docx")
    type_answer(child, "标题", "我的标题")  # the cross-field check (validate) runs after each answer
    child.expect(pexpect_eof())
    child.close()
    said = child.before
    assert child.exitstatus == 1, said
    assert "插件 gongwen_bad_validate 的文种“坏文种validate”（bad-validate）在核对回答（validate）时出错" in said
    assert "内部错误" not in said and "已保存到：v.toml" in said
    assert read_toml(tmp_path / "v.toml")["title"] == "我的标题"


def pexpect_eof():
    import pexpect

    return pexpect.EOF



def test_a_bug_in_a_built_in_plugin_outside_its_hooks_is_named_too():
    from gongwen.loader import get_registry, plugin_error

    doctype = get_registry().types["patrol-meeting-plan"]
    module = sys.modules[doctype.build.__module__]
    try:
        exec("def fail():\n    raise ValueError('内置出错')\nfail()", module.__dict__)  # noqa: S102
    except ValueError as exc:
        message = plugin_error(exc)
    finally:
        module.__dict__.pop("fail", None)
    assert message.startswith("内置插件 patrol 出错：ValueError: 内置出错。") and "反馈给维护者" in message
