"""``-o 方案.pdf`` for render, new and batch: through LibreOffice, or one Chinese sentence saying
how to get it (issue 13, item 7)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "grassroots-special-action.toml"


def test_without_libreoffice_pdf_is_refused_before_anything_is_asked(gw, tmp_path):
    bare = {**os.environ, "PATH": str(tmp_path)}  # no soffice on it
    for args in (("render", EXAMPLE, "-o", "a.pdf"), ("new", "grassroots-special-action", "-o", "b.pdf"),
                 ("batch", EXAMPLE, "-o", "out", "--format", "pdf")):
        r = subprocess.run([sys.executable, "-m", "gongwen", *map(str, args)], cwd=tmp_path, env=bare,
                           capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        assert r.returncode == 1 and "需要 LibreOffice" in r.stderr and "Word/WPS" in r.stderr, r.stderr
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.toml"))


def test_render_writes_a_pdf_through_libreoffice(gw, tmp_path):
    if not shutil.which("soffice"):
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is required on CI")
        pytest.skip("LibreOffice not installed")
    r = gw("render", EXAMPLE, "-o", "方案.pdf")
    assert r.code == 0, r.err
    data = (tmp_path / "方案.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    text = subprocess.run(["pdftotext", str(tmp_path / "方案.pdf"), "-"], capture_output=True, text=True).stdout
    assert "基层党建问题整改专项行动方案" in "".join(text.split())
