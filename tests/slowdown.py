"""Slow one file's write down in a gongwen subprocess, to send it a signal in the middle.

A ``sitecustomize`` module put on PYTHONPATH (:func:`slow_env`) makes ``os.fsync`` of a file whose
name contains a key leave a marker file and pause; a test waits for the marker (a bounded wait,
never a timed assertion) and then sends its signal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SITECUSTOMIZE = '''
import os, pathlib, time
_key, _secs = os.environ["GW_SLOW_WRITE"].rsplit(":", 1)
_marks = pathlib.Path(os.environ["GW_MARKS"])
_fsync = os.fsync

def fsync(fd):
    """Slow for the files named like GW_SLOW_WRITE's key: a marker file, then a pause."""
    name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
    if _key in name:
        (_marks / f"{os.getpid()}-{name}").write_text(str(os.getpid()))
        time.sleep(float(_secs))
    return _fsync(fd)

os.fsync = fsync
'''


def slow_env(tmp_path: Path, key: str, seconds: float) -> tuple[dict, Path]:
    """An environment in which writing a file whose temporary name contains ``key`` pauses
    ``seconds`` just before it is moved into place, after leaving a marker in the folder returned."""
    site, marks = tmp_path / "slow-site", tmp_path / "marks"
    site.mkdir(exist_ok=True)
    marks.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "GW_SLOW_WRITE": f"{key}:{seconds}", "GW_MARKS": str(marks)}
    env.pop("GONGWEN_DEBUG", None)
    return env, marks


def wait_for(condition, timeout: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def as_from_a_terminal() -> None:
    """Run in a child before it starts: Ctrl-C, SIGTERM and SIGHUP at their defaults, as a shell
    starts a command.  A test run under ``nohup`` or as a background job (``cmd &``) inherits
    some of them ignored, and gongwen rightly keeps an ignored signal ignored."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def gongwen_process(tmp_path: Path, env: dict, *args, **kw) -> subprocess.Popen:
    kw.setdefault("preexec_fn", as_from_a_terminal)
    return subprocess.Popen([sys.executable, "-m", "gongwen", *map(str, args)], cwd=tmp_path, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


needs_proc = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="the slow write finds names in /proc")
