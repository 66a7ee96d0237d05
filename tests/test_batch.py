"""``gongwen batch``: many answers files at once, bad files reported, nothing clobbered."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import EXAMPLES
from gongwen.testing import docx_paragraphs

GOOD = ["party-history-rectification", "patrol-meeting-plan", "theme-education-report"]


@pytest.fixture
def answers(tmp_path):
    """Three good answers files of different types and three bad ones, in ``in/``."""
    src = tmp_path / "in"
    src.mkdir()
    for name in GOOD:
        shutil.copy(EXAMPLES / f"{name}.toml", src)
    (src / "unknown-type.toml").write_text('type = "no-such-type"\n', encoding="utf-8")
    text = (EXAMPLES / "party-history-rectification.toml").read_text(encoding="utf-8")
    (src / "bad-year.toml").write_text(text.replace("year = 2021", 'year = "明年"'), encoding="utf-8")
    (src / "broken.toml").write_text('type = "patrol-meeting-plan"\nunit = "未闭合\n', encoding="utf-8")
    return src


def test_mixed_good_and_bad_files(gw, tmp_path, answers):
    files = sorted(answers.glob("*.toml"))
    r = gw("batch", *files, "-o", "out", "--jobs", "2")
    assert r.code == 1
    assert "完成 3 份，失败 3 份" in r.out
    failures = r.err.split("失败的文件：", 1)[1]
    assert re.search(r"unknown-type\.toml：.*no-such-type", failures)
    assert re.search(r"bad-year\.toml：.*year", failures)
    assert "broken.toml：" in failures
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{n}.docx" for n in GOOD)
    for name in GOOD:  # each output is the document of its own answers file
        title = re.search(r'^title = "(.+)"', (answers / f"{name}.toml").read_text(encoding="utf-8"), re.M)
        paras = docx_paragraphs(out / f"{name}.docx")
        assert title is None or title.group(1) in paras


def test_all_good_exit_zero(gw, tmp_path, answers):
    r = gw("batch", *(answers / f"{n}.toml" for n in GOOD), "-o", "out")
    assert r.code == 0, r.err
    assert "完成 3 份，失败 0 份" in r.out
    assert "失败的文件" not in r.err


def test_existing_outputs_not_clobbered_without_force(gw, tmp_path, answers):
    out = tmp_path / "out"
    out.mkdir()
    (out / "patrol-meeting-plan.docx").write_bytes(b"keep me")
    files = [answers / f"{n}.toml" for n in GOOD]
    r = gw("batch", *files, "-o", out)
    assert r.code == 1
    assert "完成 2 份，失败 1 份" in r.out
    assert re.search(r"patrol-meeting-plan\.toml：.*已存在.*--force", r.err)
    assert (out / "patrol-meeting-plan.docx").read_bytes() == b"keep me"
    assert (out / "theme-education-report.docx").exists()

    r = gw("batch", *files, "-o", out, "--force")
    assert r.code == 0, r.err
    assert "完成 3 份，失败 0 份" in r.out
    assert (out / "patrol-meeting-plan.docx").read_bytes()[:2] == b"PK"


def test_same_stem_from_two_folders_is_refused_before_rendering(gw, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLES / "patrol-variants" / "01.toml", tmp_path / folder / "01.toml")
    shutil.copy(EXAMPLES / "patrol-variants" / "02.toml", tmp_path / "a" / "02.toml")
    r = gw("batch", "a/01.toml", "b/01.toml", "a/02.toml", "-o", "out")
    assert r.code == 1
    assert "完成 1 份，失败 2 份" in r.out
    assert re.search(r"a/01\.toml：.*b/01\.toml.*同名", r.err)
    assert re.search(r"b/01\.toml：.*a/01\.toml.*同名", r.err)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["02.docx"]


def test_warnings_are_reported_per_file_without_flooding(gw, tmp_path):
    text = (EXAMPLES / "patrol-meeting-plan.toml").read_text(encoding="utf-8")
    extra = "".join(f"typo_{i} = 1\n" for i in range(8))
    (tmp_path / "typos.toml").write_text(text.replace("\n", "\n" + extra, 1), encoding="utf-8")
    r = gw("batch", "typos.toml", "-o", "out")
    assert r.code == 0, r.err
    line = next(x for x in r.err.splitlines() if "typos.toml" in x)
    assert "typo_0" in line and "typo_7" not in line
    assert "另有 5 条" in line
    assert len(r.err.splitlines()) == 1


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_one_job_and_two_jobs_give_the_same_text(gw, tmp_path, fmt):
    files = sorted(EXAMPLES.glob("*.toml")) + sorted((EXAMPLES / "patrol-variants").glob("*.toml"))
    files = [f for f in files if f.parent == EXAMPLES] + [f for f in files if f.parent != EXAMPLES][:4]
    r1 = gw("batch", *files, "-o", "one", "--jobs", "1", "--format", fmt)
    r2 = gw("batch", *files, "-o", "two", "--jobs", "2", "--format", fmt)
    assert r1.code == r2.code == 0, r1.err + r2.err
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    assert len(names) == len(files)
    for name in names:
        one, two = tmp_path / "one" / name, tmp_path / "two" / name
        if fmt == "md":
            assert one.read_bytes() == two.read_bytes(), name
        else:  # the file dates differ from run to run; the text must not
            assert docx_paragraphs(one) == docx_paragraphs(two), name


def test_no_progress_bar_or_escape_codes_when_not_a_terminal(gw, answers):
    r = gw("batch", *(answers / f"{n}.toml" for n in GOOD), "-o", "out")
    assert "\x1b" not in r.out + r.err
    assert r.out.strip().splitlines()[-1].startswith("完成 3 份")


def test_output_must_be_a_folder(gw, tmp_path, answers):
    (tmp_path / "file.docx").write_bytes(b"x")
    r = gw("batch", answers / "patrol-meeting-plan.toml", "-o", "file.docx")
    assert r.code == 1
    assert "不是文件夹" in r.err
    assert (tmp_path / "file.docx").read_bytes() == b"x"
