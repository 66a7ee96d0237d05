"""`gongwen new` in a real terminal (pexpect): Ctrl-C, Ctrl-D and a closed terminal keep
every answer typed so far, and ``--resume`` continues where the user stopped."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from conftest import read_toml
from gongwen.testing import CTRL_C, CTRL_U, DOWN, docx_paragraphs
from slowdown import as_from_a_terminal

pexpect = pytest.importorskip("pexpect")

DT = "theme-education-rectification"
CTRL_D = "\x04"
PROMPT_STARTS = "\x1b[?2004h"  # prompt_toolkit turns on bracketed paste as each prompt starts


def spawn(tmp_path: Path, *args: str):
    env = {**os.environ, "TERM": "xterm", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("GONGWEN_DEBUG", None)
    child = pexpect.spawn(sys.executable, ["-m", "gongwen", *args], cwd=str(tmp_path), env=env,
                         encoding="utf-8", dimensions=(50, 200), timeout=30, preexec_fn=as_from_a_terminal)
    child.logfile_read = open(os.environ["PXLOG"], "a") if os.environ.get("PXLOG") else None  # noqa: SIM115
    return child


def answer(child, prompt: str, text: str | None = None) -> None:
    """Wait for ``prompt``; then type ``text`` over the default (or keep it with Enter)."""
    child.expect(prompt)
    time.sleep(0.1)
    child.send((CTRL_U + text if text is not None else "") + "\r")


def finish(child) -> str:
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    return child.before


def start_and_interrupt(tmp_path: Path, key: str, *extra: str):
    """Answer the first screen (with a wrong date refused on it), stop at 整改领导小组组长."""
    child = spawn(tmp_path, "new", DT, "-o", "out.docx", *extra)
    child.expect("民主生活会召开日期")  # one screen: 年度, 单位名称, 党组织类别, 文件标题, 召开日期
    time.sleep(0.1)
    child.send(CTRL_U + "2023" + DOWN + CTRL_U + "市教育局" + DOWN * 3 + CTRL_U + "2023年2月30日\r")
    child.expect("没有 30 日")
    child.send(CTRL_U + "2023年8月20日\r")
    child.expect("整改领导小组组长")
    time.sleep(0.2)
    child.send(key)
    return child


def test_ctrl_c_saves_answers_and_resume_finishes_the_document(tmp_path):
    child = start_and_interrupt(tmp_path, CTRL_C)
    out = finish(child)
    assert child.exitstatus == 130, out
    assert "Traceback" not in out
    assert "已保存到：out.toml" in out
    assert f"gongwen new {DT} -o out.docx --resume out.toml" in out
    saved = read_toml(tmp_path / "out.toml")
    assert saved["type"] == DT and saved["unfinished"] == "group_leader"
    assert saved["year"] == 2023 and saved["unit"] == "市教育局" and saved["meeting_date"] == "2023-08-20"
    assert "group_leader" not in saved
    assert not (tmp_path / "out.docx").exists()
    assert "未填完" in (tmp_path / "out.toml").read_text("utf-8")

    # an unfinished file renders too (defaults for the rest), and says it is unfinished
    child = spawn(tmp_path, "render", "out.toml", "-o", "partial.md")
    text = finish(child)
    assert child.exitstatus == 0 and "尚未填完" in text and "--resume out.toml" in text
    assert "市教育局" in (tmp_path / "partial.md").read_text("utf-8")

    # resume: starts at the first unanswered question; earlier answers are kept
    child = spawn(tmp_path, "new", DT, "-o", "out.docx", "--resume", "out.toml")
    child.expect("整改领导小组组长")
    assert "年度" not in child.before and "单位名称" not in child.before
    time.sleep(0.1)
    child.send(CTRL_U + "张明同志\r")
    seen = ""
    for _ in range(200):  # Enter through the rest, up to the review step
        child.expect_exact(PROMPT_STARTS)  # one Enter per prompt, sent once it is there
        seen += child.before
        if child.expect(["要修改哪一项", pexpect.TIMEOUT], timeout=0.5) == 0:
            break
        child.send("\r")
    else:
        pytest.fail("the review step never came")
    # the review step still lets the user change a kept answer: 单位名称 is item 2
    assert "单位名称（简称，如“县农业农村局”）：市教育局" in seen and "张明同志" in seen
    time.sleep(0.2)
    child.send(DOWN + DOWN + "\r")
    answer(child, "单位名称", "市卫生健康委员会")
    child.expect("要修改哪一项")
    time.sleep(0.2)
    child.send("\r")
    out = finish(child)
    assert child.exitstatus == 0, out
    assert "已生成：out.docx" in out
    text = "\n".join(docx_paragraphs(tmp_path / "out.docx"))
    assert "市卫生健康委员会党委于2023年8月20日" in text and "张明同志" in text
    final = read_toml(tmp_path / "out.toml")
    assert "unfinished" not in final and final["group_leader"] == "张明同志" and final["year"] == 2023


def test_ctrl_d_saves_answers(tmp_path):
    child = start_and_interrupt(tmp_path, CTRL_U + CTRL_D)
    out = finish(child)
    assert child.exitstatus == 1 and "Ctrl-D" in out and "Traceback" not in out
    saved = read_toml(tmp_path / "out.toml")
    assert saved["unit"] == "市教育局" and saved["unfinished"] == "group_leader"


def test_closed_terminal_saves_answers(tmp_path):
    child = start_and_interrupt(tmp_path, "")
    time.sleep(0.3)
    child.ptyproc.fileobj.close()  # the terminal window is closed: the kernel sends SIGHUP
    for _ in range(200):
        if not child.ptyproc.isalive():
            break
        time.sleep(0.1)
    else:
        child.ptyproc.kill(9)
        pytest.fail("gongwen did not stop when its terminal was closed")
    child.closed = child.ptyproc.closed = True
    saved = read_toml(tmp_path / "out.toml")
    assert saved["unit"] == "市教育局" and saved["meeting_date"] == "2023-08-20"
    assert saved["unfinished"] == "group_leader"


def test_interrupt_never_overwrites_an_existing_answers_file(tmp_path):
    (tmp_path / "out.toml").write_text("# 以前的完整答案\n", "utf-8")
    child = start_and_interrupt(tmp_path, CTRL_C, "--force")
    out = finish(child)
    assert child.exitstatus == 130
    assert (tmp_path / "out.toml").read_text("utf-8") == "# 以前的完整答案\n"
    assert read_toml(tmp_path / "out.partial.toml")["unit"] == "市教育局"
    assert "--resume out.partial.toml" in out and "--force" in out


def test_a_circled_digit_at_a_number_prompt_is_refused_in_chinese(tmp_path):
    """① is a digit to str.isdigit() but not to int(): no "Unhandled exception in event loop"."""
    child = spawn(tmp_path, "new", DT, "-o", "out.docx")
    answer(child, "年度", "①")
    child.expect("应为整数")
    time.sleep(0.1)
    child.send(CTRL_U + "2023\r")
    child.expect("单位名称")
    seen = child.before
    time.sleep(0.2)
    child.send(CTRL_C)
    out = finish(child)
    assert child.exitstatus == 130 and "Unhandled exception" not in seen + out and "Traceback" not in out
    assert read_toml(tmp_path / "out.toml")["year"] == 2023


def test_ctrl_c_at_the_first_question_saves_nothing(tmp_path):
    child = spawn(tmp_path, "new", DT, "-o", "out.docx")
    child.expect("年度")
    time.sleep(0.2)
    child.send(CTRL_C)
    out = finish(child)
    assert child.exitstatus == 130 and "未保存文件" in out and "Traceback" not in out
    assert not list(tmp_path.iterdir())
