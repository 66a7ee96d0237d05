"""A user's Word template cannot hang a render, fill the memory or quietly drop content
(issue 16, items 7 and 8)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from conftest import EXAMPLES
from gongwen.errors import GongwenError
from gongwen.pipeline import document_bytes
from gongwen.testing import build_document
from test_templates import TYPE, with_title_paragraph
from test_templates import copy as copy  # the fixture

EXAMPLE = EXAMPLES / "party-history-rectification.toml"


def doc(**extra):
    from gongwen.answers import read_answers

    raw = read_answers(EXAMPLE)
    raw.pop("type")
    return build_document(TYPE, {**raw, **extra})


@pytest.mark.parametrize("text, said", [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{{ p.text }}", "循环次数"),
    ("{% for i in range(100000) %}{% for q in paras %}{{ q.text }}{% endfor %}{% endfor %}", "MB"),
    ("{{ p.text * 100000000 }}", "MB"),
    ("{{ 2 ** 100000000 }}{{ p.text }}", "乘方"),
])
def test_runaway_templates_stop_with_a_chinese_message(copy, tmp_path, text, said):
    template = with_title_paragraph(copy, tmp_path / "t.docx", text)
    with pytest.raises(GongwenError, match=said):
        document_bytes(doc(), "docx", template)


def test_a_template_cannot_change_the_paragraphs_it_is_given(copy, tmp_path):
    template = with_title_paragraph(copy, tmp_path / "t.docx", "{{ paras.clear() }}{{ p.text }}")
    with pytest.raises(GongwenError):
        document_bytes(doc(), "docx", template)


def test_a_zip_bomb_template_is_refused_before_it_is_opened(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (120 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(GongwenError, match="解压后超过"):
        document_bytes(doc(), "docx", bomb)


def test_a_fifo_as_template_is_refused_not_waited_on(gw, tmp_path):
    fifo = tmp_path / "t.docx"
    os.mkfifo(fifo)
    r = gw("render", EXAMPLE, "-o", "a.docx", "--template", fifo, timeout=60)
    assert r.code == 1 and "不是普通文件" in r.err


def test_a_template_without_the_signature_branch_says_so(copy, tmp_path, gw):
    data = copy.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "word/document.xml":
                part = part.replace(b"p.kind == &apos;signature&apos;", b"p.kind == &apos;gone&apos;") \
                    .replace(b"p.kind == 'signature'", b"p.kind == 'gone'")
            dst.writestr(item, part)
    (tmp_path / "t.docx").write_bytes(out.getvalue())
    signed = EXAMPLE.read_text("utf-8").replace('signature = ""', 'signature = "中共新城区政府党组"')
    (tmp_path / "a.toml").write_text(signed, "utf-8")
    r = gw("render", "a.toml", "-o", "a.docx", "--template", "t.docx")
    assert r.code == 0, r.err
    assert "没有“落款”的写法" in r.err
