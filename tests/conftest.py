"""Shared fixtures: run the gongwen command as a user would."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_gongwen(*args: str | Path, cwd: Path | None = None, stdin=subprocess.DEVNULL,
                env: dict | None = None, timeout: float = 120) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "gongwen", *map(str, args)], cwd=cwd, stdin=stdin,
        capture_output=True, text=True, timeout=timeout, env=env,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def gw(tmp_path):
    """Run gongwen in a temporary folder: ``gw("list")``."""

    def call(*args, **kw):
        kw.setdefault("cwd", tmp_path)
        return run_gongwen(*args, **kw)

    return call
