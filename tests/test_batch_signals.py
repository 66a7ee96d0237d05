"""``gongwen batch`` stopped by Ctrl-C, SIGTERM or SIGHUP, or losing a worker (issue 16, items
2, 3, 4 and 17): it stops at once, says truthfully which files were written, leaves no
half-written file and no process behind; a killed worker costs only its own file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES
from slowdown import as_from_a_terminal, gongwen_process, needs_proc, slow_env, wait_for

EXAMPLE = EXAMPLES / "patrol-meeting-plan.toml"



def batch_inputs(tmp_path: Path, slow: int = 10) -> list[str]:
    """Twelve answers files: a01, a02, then ``slow`` named slowNN (slow to write with :func:`slow_env`)."""
    names = ["a01", "a02"] + [f"slow{i:02d}" for i in range(3, 3 + slow)]
    names += [f"b{i:02d}" for i in range(len(names) + 1, 13)]
    for name in names:
        shutil.copy(EXAMPLE, tmp_path / f"{name}.toml")
    return [f"{name}.toml" for name in names]


def docx_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".tmp"))


def no_process_left(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def started_batch(tmp_path: Path, jobs: int, **kw) -> tuple[subprocess.Popen, Path]:
    """A batch of :func:`batch_inputs` in its own process group, once a01 and a02 are written
    and its workers are in the middle of slow writes."""
    env, marks = slow_env(tmp_path, "slow", 600)
    proc = gongwen_process(tmp_path, env, "batch", *batch_inputs(tmp_path), "-o", "out", "--jobs", jobs,
                           start_new_session=True, **kw)
    wait_for(lambda: len(list(marks.iterdir())) >= min(jobs, 2), what="the slow writes to start")
    assert docx_in(tmp_path / "out") == ["a01.docx", "a02.docx"]
    return proc, marks


@needs_proc
def test_ctrl_c_stops_a_batch_at_once_and_says_which_files_were_written(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    env, marks = slow_env(tmp_path, "slow", 600)
    env.update(TERM="xterm", LANG="C.UTF-8")
    child = pexpect.spawn(sys.executable, ["-m", "gongwen", "batch", *batch_inputs(tmp_path), "-o", "out",
                                           "--jobs", "2"], cwd=str(tmp_path), env=env, encoding="utf-8",
                          dimensions=(40, 150), timeout=120, preexec_fn=as_from_a_terminal)
    try:
        child.expect("2/12")
        wait_for(lambda: len(list(marks.iterdir())) == 2, what="both workers to be writing")
        child.sendintr()
        child.expect(pexpect.EOF, timeout=60)  # the slow writes would take 600 s
        child.close()
        assert child.exitstatus == 130
        said = child.before
        assert "已生成的文件：\r\n  out/a01.docx\r\n  out/a02.docx" in said
        assert "已取消（Ctrl-C）：已生成 2 份，失败 0 份，未生成 10 份" in said and "Traceback" not in said
        assert docx_in(tmp_path / "out") == ["a01.docx", "a02.docx"]  # none half-written, no .tmp
        wait_for(lambda: no_process_left(child.pid), timeout=30, what="the workers to end")
    finally:
        if not no_process_left(child.pid):
            os.killpg(child.pid, signal.SIGKILL)


@needs_proc
@pytest.mark.parametrize(("signum", "jobs"), [(signal.SIGTERM, 2), (signal.SIGHUP, 2), (signal.SIGTERM, 1)])
def test_sigterm_or_sighup_to_a_batch_leaves_no_worker_behind(tmp_path, signum, jobs):
    proc, _ = started_batch(tmp_path, jobs)
    try:
        proc.send_signal(signum)  # to the parent alone, as kill does
        out, err = proc.communicate(timeout=60)  # orphans holding the pipes would make this wait
        assert proc.returncode == 128 + signum, err
        assert f"已取消（{signal.Signals(signum).name}）：已生成 2 份" in out and "未生成 10 份" in out
        assert "  out/a01.docx\n  out/a02.docx" in err and "Traceback" not in err
        assert docx_in(tmp_path / "out") == ["a01.docx", "a02.docx"]
        wait_for(lambda: no_process_left(proc.pid), timeout=30, what="the workers to end")
    finally:
        if not no_process_left(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)


@needs_proc
def test_a_worker_killed_costs_only_its_own_file(tmp_path):
    env, marks = slow_env(tmp_path, "slow", 600)
    proc = gongwen_process(tmp_path, env, "batch", *batch_inputs(tmp_path, slow=1), "-o", "out", "--jobs", "2",
                           start_new_session=True)
    try:
        wait_for(lambda: any(marks.iterdir()), what="the slow write to start")
        worker = int(next(marks.iterdir()).read_text())
        os.kill(worker, signal.SIGKILL)  # as the out-of-memory killer would
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 1
        assert "完成 11 份，失败 1 份" in out
        assert "slow03.toml：处理这个文件的进程被终止（SIGKILL，常见原因是内存不足），未生成" in err
        assert "BrokenProcessPool" not in err and "Traceback" not in err
        assert docx_in(tmp_path / "out") == sorted(f"{p[:-5]}.docx" for p in batch_inputs(tmp_path, slow=1)
                                                   if not p.startswith("slow"))
    finally:
        if not no_process_left(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)


def test_more_jobs_than_cpus_are_capped_and_said(gw, tmp_path):
    from gongwen.batch import cpu_count

    shutil.copy(EXAMPLE, tmp_path / "a.toml")
    r = gw("batch", "a.toml", "-o", "out", "--jobs", "1000")
    assert r.code == 0
    assert f"提示：--jobs 1000 超过本机可用的 CPU 核数 {cpu_count()}，按 {cpu_count()} 个进程运行。" in r.err
