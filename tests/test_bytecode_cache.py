"""Compiled templates kept between processes (gongwen.render_bytecode): used by a later
process, never stale, never the reason a render fails."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import EXAMPLES
from gongwen import render_bytecode, render_template
from gongwen.render_docx import default_template, render_docx
from gongwen.testing import build_document
from test_templates import with_title_paragraph

EXAMPLE = EXAMPLES / "party-history-rectification.toml"
NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)

#: Renders like `gongwen render` in a fresh process and reports the template parts Jinja
#: compiled (and whether the render succeeded).
PROBE = """
import json, sys
import jinja2

compiled = []
original = jinja2.Environment.compile

def counting(self, source, name=None, filename=None, *args, **kwargs):
    compiled.append(filename or "")
    return original(self, source, name, filename, *args, **kwargs)

jinja2.Environment.compile = counting
sys.argv = ["gongwen", "render", *sys.argv[1:]]
from gongwen.main import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
print("\\n@@" + json.dumps({"code": code, "parts": [c for c in compiled if c.startswith("/word/")]}))
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(render_bytecode.CACHE_ENV, str(folder))
    return folder


def render_in_process(out: Path, *args: str | Path, cwd: Path) -> dict:
    """``gongwen render EXAMPLE -o out *args`` in a fresh process (the environment of this one)."""
    proc = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLE), "-o", str(out), "--force", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)
    result = json.loads(proc.stdout.rsplit("\n@@", 1)[1])
    result["err"] = proc.stderr
    return result


def parts(docx: Path | bytes, prefix: str = "word/") -> dict[str, bytes]:
    """The parts of a .docx (file or bytes) under ``prefix``: the zip's own timestamps aside."""
    with zipfile.ZipFile(io.BytesIO(docx) if isinstance(docx, bytes) else docx) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(prefix)}


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("template-*.jinja")) if folder.is_dir() else []


def test_a_second_process_uses_the_compiled_template(cache, tmp_path):
    first = render_in_process(tmp_path / "a.docx", cwd=tmp_path)
    assert first["code"] == 0, first["err"]
    assert "/word/document.xml" in first["parts"]  # compiled, then kept
    assert len(entries(cache)) == len(first["parts"])
    second = render_in_process(tmp_path / "b.docx", cwd=tmp_path)
    assert second["code"] == 0, second["err"]
    assert second["parts"] == []  # nothing compiled: every part came from the cache
    assert parts(tmp_path / "a.docx") == parts(tmp_path / "b.docx")


def test_cached_code_renders_what_a_fresh_compile_renders(cache):
    doc = build_document("party-history-rectification", {"type": "party-history-rectification"})
    outputs = []
    for _ in range(2):  # the first fills the cache, the second reads it
        render_template.clear_template_cache()
        buf = io.BytesIO()
        render_docx(doc, buf, now=NOW)
        outputs.append(parts(buf.getvalue(), ""))
    reference = io.BytesIO()
    render_docx(doc, reference, cache=False, now=NOW)
    assert entries(cache)
    assert outputs[0] == outputs[1] == parts(reference.getvalue(), "")


def test_an_edited_template_is_compiled_again(cache, tmp_path):
    template = with_title_paragraph(default_template(), tmp_path / "t.docx", "{{ p.text }}（初稿）")
    first = render_in_process(tmp_path / "a.docx", "--template", template, cwd=tmp_path)
    assert first["code"] == 0, first["err"]
    with_title_paragraph(default_template(), template, "{{ p.text }}（修改稿）")  # the user saves it again
    second = render_in_process(tmp_path / "b.docx", "--template", template, cwd=tmp_path)
    assert second["code"] == 0, second["err"]
    assert "/word/document.xml" in second["parts"]
    assert b"\xef\xbc\x88\xe4\xbf\xae\xe6\x94\xb9\xe7\xa8\xbf" in parts(tmp_path / "b.docx")["word/document.xml"]


def test_an_edit_that_breaks_the_template_is_refused_again(cache, tmp_path):
    """A stale entry would skip the checks: the edited file must be checked like a new one."""
    template = with_title_paragraph(default_template(), tmp_path / "t.docx", "{{ p.text }}")
    assert render_in_process(tmp_path / "a.docx", "--template", template, cwd=tmp_path)["code"] == 0
    kept = entries(cache)
    with_title_paragraph(default_template(), template, "{{ wenhao }}")  # refused by the check before any render
    for _ in range(2):
        r = render_in_process(tmp_path / "b.docx", "--template", template, cwd=tmp_path)
        assert r["code"] == 1 and "文档中没有的字段“wenhao”" in r["err"]
    assert entries(cache) == kept  # a refused template is never kept
    assert not (tmp_path / "b.docx").exists()


def test_the_same_content_elsewhere_is_found(cache, tmp_path):
    template = with_title_paragraph(default_template(), tmp_path / "t.docx", "{{ p.text }}")
    assert render_in_process(tmp_path / "a.docx", "--template", template, cwd=tmp_path)["code"] == 0
    copy = tmp_path / "副本.docx"
    copy.write_bytes(template.read_bytes())
    r = render_in_process(tmp_path / "b.docx", "--template", copy, cwd=tmp_path)
    assert r["code"] == 0 and r["parts"] == []


def test_a_cache_folder_that_cannot_be_created_does_not_fail_a_render(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(render_bytecode.CACHE_ENV, str(blocker / "cache"))
    for name in ("a.docx", "b.docx"):
        r = render_in_process(tmp_path / name, cwd=tmp_path)
        assert r["code"] == 0 and r["err"] == "" and "/word/document.xml" in r["parts"]
    assert parts(tmp_path / "a.docx") == parts(tmp_path / "b.docx")


@pytest.mark.parametrize("failure", ["replace", "tempfile", "full"])
def test_a_cache_that_cannot_be_written_does_not_fail_a_render(cache, monkeypatch, failure):
    """Read-only (replace or creating the temporary file refused) or full (writing fails)."""
    import errno

    import jinja2.bccache

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS if failure != "full" else errno.ENOSPC, "refused")

    if failure == "replace":
        monkeypatch.setattr(jinja2.bccache.os, "replace", refuse)
    elif failure == "tempfile":
        monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    else:
        monkeypatch.setattr(jinja2.bccache.Bucket, "write_bytecode", refuse)
    render_template.clear_template_cache()
    buf = io.BytesIO()
    render_docx(build_document("party-history-rectification", {"type": "party-history-rectification"}), buf)
    assert buf.getvalue()[:2] == b"PK"
    assert entries(cache) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permission bits")
def test_a_read_only_cache_folder_for_real(cache, tmp_path):  # pragma: no cover - runs as a normal user only
    cache.mkdir()
    cache.chmod(0o500)
    try:
        r = render_in_process(tmp_path / "a.docx", cwd=tmp_path)
        assert r["code"] == 0 and r["err"] == ""
    finally:
        cache.chmod(0o700)


@pytest.mark.parametrize("garbage", [b"", b"junk", None])
def test_a_corrupt_cache_entry_is_compiled_again(cache, tmp_path, garbage):
    assert render_in_process(tmp_path / "a.docx", cwd=tmp_path)["code"] == 0
    for entry in entries(cache):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if garbage is None else garbage)
    r = render_in_process(tmp_path / "b.docx", cwd=tmp_path)
    assert r["code"] == 0 and r["err"] == "" and "/word/document.xml" in r["parts"]
    assert parts(tmp_path / "a.docx") == parts(tmp_path / "b.docx")
    third = render_in_process(tmp_path / "c.docx", cwd=tmp_path)  # the entries were written anew
    assert third["code"] == 0 and third["parts"] == []


def test_the_cache_folder_is_private_and_old_entries_go(cache, tmp_path):
    assert render_in_process(tmp_path / "a.docx", cwd=tmp_path)["code"] == 0
    if os.name == "posix":
        assert cache.stat().st_mode & 0o777 == 0o700
    old = cache / "template-old.jinja"
    old.write_bytes(b"x")
    os.utime(old, (0, 0))
    render_bytecode.store("0" * 64, {}, checked=True)  # writing prunes
    assert not old.exists() and entries(cache)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_a_folder_others_may_write_in_is_not_used(cache, tmp_path):
    """Code planted in a shared folder must never run: such a folder is neither read nor written."""
    assert render_in_process(tmp_path / "a.docx", cwd=tmp_path)["code"] == 0
    kept = entries(cache)
    cache.chmod(0o777)
    for name in ("b.docx", "c.docx"):
        r = render_in_process(tmp_path / name, cwd=tmp_path)
        assert r["code"] == 0 and r["err"] == "" and "/word/document.xml" in r["parts"]
    assert entries(cache) == kept
    cache.chmod(0o700)
    assert render_in_process(tmp_path / "d.docx", cwd=tmp_path)["parts"] == []


def test_default_folder_is_the_users_cache_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv(render_bytecode.CACHE_ENV, raising=False)
    assert render_bytecode.cache_dir() == Path(platformdirs.user_cache_dir("gongwen", appauthor=False))
