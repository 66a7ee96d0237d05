"""Shared fixtures: run the gongwen command as a user would."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config) -> None:
    """Compiled templates go to a folder of this test run, not the user's cache (subprocesses too)."""
    import os
    import tempfile

    os.environ.setdefault("GONGWEN_CACHE_DIR", tempfile.mkdtemp(prefix="gongwen-test-cache-"))
EXAMPLES = ROOT / "examples"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_gongwen(*args: str | Path, cwd: Path | None = None, stdin=subprocess.DEVNULL, input: str | None = None,
                env: dict | None = None, timeout: float = 120) -> Result:
    """``input``: text piped to gongwen's standard input (instead of ``stdin``)."""
    proc = subprocess.run(
        [sys.executable, "-m", "gongwen", *map(str, args)], cwd=cwd, stdin=None if input is not None else stdin,
        input=input, capture_output=True, text=True, timeout=timeout, env=env,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def example(doctype: str) -> dict:
    """The answers file ``examples/<doctype>.toml``."""
    from gongwen.answers import read_answers

    return read_answers(EXAMPLES / f"{doctype}.toml")


def read_toml(path: Path) -> dict:
    """A TOML file as gongwen saved it (no cleaning or defaults)."""
    from gongwen.answers import tomllib

    return tomllib.loads(path.read_text("utf-8"))


@pytest.fixture
def gw(tmp_path):
    """Run gongwen in a temporary folder: ``gw("list")``."""

    def call(*args, **kw):
        kw.setdefault("cwd", tmp_path)
        return run_gongwen(*args, **kw)

    return call
