"""Reliability under attack (issue 16): signals while a file is written, output that cannot be
printed, hostile inputs (deep TOML, FIFOs, long names), hostile plugin and scaffold names.

Signal tests slow one write down (:mod:`slowdown`) and wait,
with generous bounds, for a marker file before sending the signal: nothing here is timed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_gongwen
from slowdown import as_from_a_terminal, gongwen_process, needs_proc, slow_env, temp_files, wait_for

DT = "theme-education-rectification"
EXAMPLE = EXAMPLES / "patrol-meeting-plan.toml"


# ------------------------------------------------------------------ item 5: a signal during render's write


@needs_proc
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path, signum):
    env, marks = slow_env(tmp_path, "big.docx", 600)
    proc = gongwen_process(tmp_path, env, "render", EXAMPLE, "-o", "big.docx")
    wait_for(lambda: any(marks.iterdir()), what="the write to start")
    assert temp_files(tmp_path)  # the write is under way
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert "已取消，未写入文件。" in err and "Traceback" not in err
    assert temp_files(tmp_path) == [] and not (tmp_path / "big.docx").exists()


# ------------------------------------------------------------------ item 14: printing never fails a command


@pytest.mark.parametrize(("encoding", "name"), [("gbk", "草稿😀.docx"), ("latin-1", "草稿.docx")])
def test_an_output_encoding_without_the_characters_does_not_fail_the_command(tmp_path, encoding, name):
    def render() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "gongwen", "render", EXAMPLE, "-o", name], cwd=tmp_path,
                              env={**os.environ, "PYTHONIOENCODING": encoding}, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=120)

    first = render()
    assert first.returncode == 0, first.stderr
    assert (tmp_path / name).is_file() and first.stderr == b""
    said = first.stdout.decode(encoding)
    assert said.startswith("已生成" if encoding == "gbk" else "\\u5df2\\u751f\\u6210")
    assert render().returncode == 1  # the file is there: the first run did its work and said so


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_a_full_output_does_not_fail_a_command_that_did_its_work(tmp_path, stream):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "gongwen", "render", EXAMPLE, "-o", "a.docx"], cwd=tmp_path,
                              stdin=subprocess.DEVNULL, capture_output=False, timeout=120, **{stream: full},
                              **({"stderr": subprocess.PIPE} if stream == "stdout" else {"stdout": subprocess.PIPE}))
    assert proc.returncode == 0
    assert (tmp_path / "a.docx").is_file()
    assert b"Traceback" not in (proc.stderr or b"") and b"Exception ignored" not in (proc.stderr or b"")


def test_a_closed_pipe_is_not_an_error(tmp_path):
    """``gongwen show … | head -1``: the reader is gone before gongwen writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run([sys.executable, "-m", "gongwen", "show", DT], cwd=tmp_path, stdin=subprocess.DEVNULL,
                              stdout=write, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""


# ------------------------------------------------------------------ item 13: hostile answers files and names


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


@pytest.mark.parametrize("nested", ["[" * 1000 + "]" * 1000, "{a = " * 1000 + "1" + "}" * 1000])
def test_toml_nested_a_thousand_deep_is_refused(gw, tmp_path, nested):
    name = write(tmp_path, "deep.toml", f'type = "{DT}"\nx = {nested}\n')
    for args in (("check", name), ("render", name, "-o", "x.docx")):
        r = gw(*args)
        assert r.code == 1 and "嵌套超过" in r.err and "内部错误" not in r.err, r.err


def test_a_list_as_an_outline_key_is_a_problem(gw, tmp_path):
    name = write(tmp_path, "o.toml", f'type = "{DT}"\noutline = [{{key = ["x"]}}]\n')
    r = gw("check", name)
    assert r.code == 1 and "outline[1].key：章节 key 应为文字" in r.err and "内部错误" not in r.err


def test_an_empty_output_name_is_refused(gw):
    for args in (("render", EXAMPLE, "-o", ""), ("new", DT, "--no-input", "-o", "")):
        r = gw(*args)
        assert r.code == 1 and "-o 后面应给出输出文件名" in r.err and "内部错误" not in r.err


def test_names_too_long_for_the_file_system(gw, tmp_path):
    long = "长" * 200 + ".docx"  # 605 bytes
    for args in (("render", EXAMPLE, "-o", long), ("new", DT, "--no-input", "-o", long)):
        r = gw(*args)
        assert r.code == 1 and "太长" in r.err and "605 字节" in r.err and "内部错误" not in r.err, r.err
    r = gw("plugin", "new", "a" * 300, "-d", tmp_path)
    assert r.code == 1 and "插件名太长（300 个字符）" in r.err and "内部错误" not in r.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_device_as_answers_file_is_refused_without_waiting(gw, tmp_path):
    os.mkfifo(tmp_path / "fifo.toml")
    inputs = ["fifo.toml"] + (["/dev/zero"] if Path("/dev/zero").exists() else [])
    for source in inputs:
        for args in (("check", source), ("render", source, "-o", "x.docx")):
            r = gw(*args, timeout=60)
            assert r.code == 1 and "不是普通文件" in r.err, r.err
    r = gw("batch", *inputs, "-o", "out", timeout=60)
    assert r.code == 1 and r.err.count("不是普通文件") == len(inputs)
    r = gw("render", EXAMPLE, "--template", "fifo.toml", "-o", "x.docx", timeout=60)
    assert r.code == 1 and "不是普通文件" in r.err


def test_an_answers_file_over_the_size_limit_is_refused(gw, tmp_path):
    from gongwen.answers import MAX_ANSWERS_BYTES

    with open(tmp_path / "huge.toml", "wb") as fh:
        fh.truncate(MAX_ANSWERS_BYTES + 1)  # sparse: no real disk space
    r = gw("check", "huge.toml")
    assert r.code == 1 and "超过 20 MB 的上限" in r.err


# ------------------------------------------------------------------ item 17: small things


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_dangling_symlink_at_the_output_is_not_replaced_without_force(gw, tmp_path):
    (tmp_path / "a.docx").symlink_to(tmp_path / "nowhere.docx")
    r = gw("render", EXAMPLE, "-o", "a.docx")
    assert r.code == 1 and "符号链接" in r.err and "--force" in r.err
    assert (tmp_path / "a.docx").is_symlink()
    assert gw("render", EXAMPLE, "-o", "a.docx", "--force").code == 0


# ------------------------------------------------------------------ item 16: the scaffold


@pytest.mark.parametrize("type_name", ["a\rb", "a\x01b", "a\u2028b"])
def test_scaffold_refuses_a_type_name_with_control_characters(gw, tmp_path, type_name):
    r = gw("plugin", "new", "tcr", "-d", tmp_path / "work", "--type-name", type_name)
    assert r.code == 1 and "控制字符" in r.err and "已生成" not in r.out
    assert not (tmp_path / "work" / "gongwen-tcr").exists()


def test_the_scaffold_checks_what_it_writes():
    from gongwen import scaffold
    from gongwen.errors import GongwenError

    fields = scaffold.project_fields("tcr")
    with pytest.raises(GongwenError, match="生成的 .* 有误（"):
        scaffold.render_files({**fields, "type_name": "a\nb"})





# ------------------------------------------------------------------ item 15: encodings


def test_euc_kr_korean_is_refused_not_read_as_gbk(gw, tmp_path):
    korean = f'type = "{DT}"\nunit = "서울시 교육청"\ngoals = "정리 목표는 모든 요구 사항을 완전히 이행하는 것입니다"\n'
    (tmp_path / "kr.toml").write_bytes(korean.encode("euc-kr"))
    r = gw("render", "kr.toml", "-o", "kr.md")
    assert r.code == 1 and "可能是韩文 EUC-KR 编码" in r.err, r.err
    assert "gongwen 能读取的编码：UTF-8（推荐，可带 BOM）、GBK/GB18030、带 BOM 的 UTF-16/UTF-32" in r.err
    assert not (tmp_path / "kr.md").exists()


def test_a_gbk_file_with_a_control_character_is_told_as_such(gw, tmp_path):
    """As in a UTF-8 file, a raw control character is a TOML error at its line (was: 可能是繁体 Big5)."""
    (tmp_path / "g.toml").write_bytes(f'type = "{DT}"\nunit = "县教育局\x01"\ngoals = "整改目标"\n'.encode("gbk"))
    r = gw("render", "g.toml", "-o", "g.md")
    assert r.code == 1 and "第 2 行第 13 列有误（含有不允许的控制字符）" in r.err, r.err
    assert "Big5" not in r.err and "\x01" not in r.err and 'unit = "县教育局\\x01"' in r.err


def test_short_gbk_answers_are_still_read(gw, tmp_path):
    for text in ('unit = "县教育局"\n', 'unit = "镕基县教育局"\n'):
        (tmp_path / "s.toml").write_bytes(f'type = "{DT}"\n{text}'.encode("gbk"))
        assert gw("check", "s.toml").code == 0


# ------------------------------------------------------------------ item 6: a user's title is text

TITLES = ("加强{领导", "{org}{org.__class__.__mro__}", "{x:>99999999}")
OUTLINE = ("outline = [\n"
           f'  {{ key = "leadership", title = "{TITLES[0]}" }},\n'
           f'  {{ title = "{TITLES[1]}", level = 1, paragraphs = ["第一段。"] }},\n'
           f'  {{ title = "{TITLES[2]}", level = 2, paragraphs = ["第二段。"] }},\n'
           '  { key = "measures" },\n'
           "]\n")


def test_user_titles_with_braces_stay_text_in_check_and_render(gw, tmp_path):
    name = write(tmp_path, "t.toml", f'type = "{DT}"\n{OUTLINE}')
    r = gw("check", name)
    assert r.code == 0 and "检查通过" in r.out, r.err
    for out in ("t.md", "t.docx"):
        r = gw("render", name, "-o", out)
        assert r.code == 0, r.err
    md = (tmp_path / "t.md").read_text("utf-8")
    assert "一、加强{领导" in md and "二、{org}{org.__class__.__mro__}" in md and "（一）{x:>99999999}" in md
    assert "class" not in md.replace(TITLES[1], "") and len(md) < 100_000


def test_user_titles_with_braces_at_the_review_step_and_on_resume(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    import tomlkit

    assert run_gongwen("init", DT, "-o", "p.toml", cwd=tmp_path).code == 0  # every question answered
    answers = tomlkit.parse((tmp_path / "p.toml").read_text("utf-8"))
    answers["unfinished"] = "review"  # stopped at the review step
    answers["outline"] = tomlkit.parse(OUTLINE)["outline"]
    write(tmp_path, "p.toml", tomlkit.dumps(answers))
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8"}
    env.pop("GONGWEN_DEBUG", None)
    child = pexpect.spawn(sys.executable, ["-m", "gongwen", "new", DT, "-o", "t.docx", "--resume", "p.toml"],
                          cwd=str(tmp_path), env=env, encoding="utf-8", dimensions=(60, 200), timeout=60,
                          preexec_fn=as_from_a_terminal)
    child.expect("要修改哪一项")
    shown = child.before
    assert "一、加强{领导" in shown and "二、{org}{org.__class__.__mro__}" in shown and "（一）{x:>99999999}" in shown
    time.sleep(0.2)
    child.send("\r")  # ✔ 确认无误，生成文档
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    from gongwen.testing import docx_paragraphs

    paragraphs = docx_paragraphs(tmp_path / "t.docx")
    assert "一、加强{领导" in paragraphs and "（一）{x:>99999999}" in paragraphs


# ------------------------------------------------------------------ item 12: digits that int() refuses


@pytest.mark.parametrize("digit", ["①", "²"])
def test_a_digit_int_refuses_is_a_problem(gw, tmp_path, digit):
    name = write(tmp_path, "n.toml", f'type = "{DT}"\nyear = "{digit}"\n')
    r = gw("check", name)
    assert r.code == 1 and "year：应为整数，而不是文字" in r.err and "内部错误" not in r.err


def test_a_superscript_digit_at_an_integer_prompt(tmp_path):
    """(① at the prompt: tests/test_terminal.py)"""
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8"}
    child = pexpect.spawn(sys.executable, ["-m", "gongwen", "new", DT, "-o", "out.docx"], cwd=str(tmp_path),
                          env=env, encoding="utf-8", dimensions=(50, 200), timeout=60, preexec_fn=as_from_a_terminal)
    child.expect("年度")
    time.sleep(0.2)
    child.send("\x15²\r")
    child.expect("应为整数")
    time.sleep(0.1)
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Unhandled exception" not in child.before


@needs_proc
def test_a_hangup_ignored_when_gongwen_started_stays_ignored(tmp_path):
    """Started under ``nohup`` (SIGHUP ignored), a render survives the terminal closing."""
    def nohup() -> None:
        as_from_a_terminal()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    env, marks = slow_env(tmp_path, "big.docx", 2)
    proc = gongwen_process(tmp_path, env, "render", EXAMPLE, "-o", "big.docx", preexec_fn=nohup)
    wait_for(lambda: any(marks.iterdir()), what="the write to start")
    proc.send_signal(signal.SIGHUP)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert (tmp_path / "big.docx").is_file() and temp_files(tmp_path) == []
