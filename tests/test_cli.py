"""The command line as a user meets it: messages, exit codes, files written."""

from __future__ import annotations

from pathlib import Path

import pytest
from gongwen.answers import tomllib
from gongwen.testing import docx_paragraphs

DT = "theme-education-rectification"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / f"{DT}.toml"
HOSTILE = "A&B <b>粗</b> \"引号\" '单引号' {{ unit }} {% if x %}是{% endif %} ]]> <w:t>x</w:t>"


def test_version_and_list(gw):
    assert gw("--version").out.startswith("gongwen ")
    out = gw("list").out
    assert DT in out and "主题教育专题民主生活会问题整改实施方案" in out and "theme_education" in out


def test_show_lists_questions_and_outline(gw):
    out = gw("show", DT).out
    assert "民主生活会召开日期" in out and "[日期]" in out
    assert "当 has_office 为“是”时才问" in out
    assert "一、组织领导" in out and "  （一）基本原则" in out


def test_init_check_render_with_defaults(gw, tmp_path):
    assert gw("init", DT, "-o", "a.toml").code == 0
    skeleton = (tmp_path / "a.toml").read_text("utf-8")
    assert skeleton.count("# ") > 20 and 'type = "theme-education-rectification"' in skeleton
    assert "[[aspects.measures]]" in skeleton and "outline = [" in skeleton
    r = gw("check", "a.toml")
    assert r.code == 0 and "检查通过" in r.out
    assert gw("render", "a.toml", "-o", "a.md").code == 0
    assert gw("render", "a.toml", "-o", "a.docx").code == 0
    md = (tmp_path / "a.md").read_text("utf-8")
    assert md.startswith("# ") and "## 四、针对存在问题制定的整改措施" in md
    paras = docx_paragraphs(tmp_path / "a.docx")
    assert "一、组织领导" in paras


def test_check_lists_every_problem_at_once(gw, tmp_path):
    (tmp_path / "bad.toml").write_text(
        'type = "theme-education-rectification"\nyear = "二〇二三"\nmeeting_date = "2023年2月30日"\n'
        'org_kind = "党小组"\nunti = "错别字"\n[[aspects]]\nname = ""\nproblems = "一条"\n',
        "utf-8")
    r = gw("check", "bad.toml")
    assert r.code == 1 and "Traceback" not in r.err
    for path in ("year：", "meeting_date：", "org_kind：", "aspects[1].name：", "aspects[1].problems："):
        assert path in r.err
    assert "4 处问题" in r.err or "5 处问题" in r.err or "6 处问题" in r.err  # 6: aspects[1].measures missing
    assert "unti" in r.err and "拼写" in r.err  # a warning, not an error


def test_no_clobber_without_force(gw, tmp_path):
    gw("init", DT, "-o", "a.toml")
    (tmp_path / "out.docx").write_bytes(b"earlier")
    r = gw("render", "a.toml", "-o", "out.docx")
    assert r.code == 1 and "--force" in r.err
    assert (tmp_path / "out.docx").read_bytes() == b"earlier"
    assert gw("init", DT, "-o", "a.toml").code == 1
    assert gw("render", "a.toml", "-o", "out.docx", "--force").code == 0
    assert (tmp_path / "out.docx").read_bytes()[:2] == b"PK"


def test_new_without_terminal_refuses_at_once(gw, tmp_path):
    r = gw("new", DT, "-o", "x.docx", timeout=30)
    assert r.code == 1 and "--answers" in r.err and "--no-input" in r.err
    assert not (tmp_path / "x.docx").exists()


def test_saved_answers_render_to_the_identical_document(gw, tmp_path):
    assert gw("new", DT, "--no-input", "-o", "a.md").code == 0
    saved = tomllib.loads((tmp_path / "a.toml").read_text("utf-8"))
    assert saved["type"] == DT and saved["aspect_names"] and saved["unit"]
    assert "aspects" not in saved and "title" not in saved  # derived from other answers: not frozen
    assert "# title = " in (tmp_path / "a.toml").read_text("utf-8")
    assert gw("render", "a.toml", "-o", "b.md").code == 0
    assert (tmp_path / "a.md").read_text("utf-8") == (tmp_path / "b.md").read_text("utf-8")
    assert gw("new", DT, "--no-input", "-o", "c.docx", "--save-answers", "c.toml").code == 0
    assert gw("render", "c.toml", "-o", "d.docx").code == 0
    assert docx_paragraphs(tmp_path / "c.docx") == docx_paragraphs(tmp_path / "d.docx")


def test_new_with_answers_prefills(gw, tmp_path):
    (tmp_path / "p.toml").write_text(f'type = "{DT}"\nunit = "县教育局"\norg_kind = "党组"\n', "utf-8")
    assert gw("new", DT, "--answers", "p.toml", "--no-input", "-o", "out.md").code == 0
    md = (tmp_path / "out.md").read_text("utf-8")
    assert "县教育局党组" in md and "党组书记为组长" in md


def test_special_characters_stay_literal(gw, tmp_path):
    (tmp_path / "h.toml").write_text(
        f'type = "{DT}"\nunit = """{HOSTILE}"""\n', "utf-8")
    assert gw("render", "h.toml", "-o", "h.md").code == 0
    assert HOSTILE in (tmp_path / "h.md").read_text("utf-8")
    r = gw("render", "h.toml", "-o", "h.docx")
    assert r.code == 0, r.err
    assert any(HOSTILE in p for p in docx_paragraphs(tmp_path / "h.docx"))


def test_bad_files_get_one_clear_message(gw, tmp_path):
    r = gw("render", "missing.toml", "-o", "x.docx")
    assert r.code == 1 and "找不到答案文件" in r.err and "Traceback" not in r.err
    (tmp_path / "syntax.toml").write_text('type = "x"\nunit = 县教育局\n', "utf-8")
    r = gw("check", "syntax.toml")
    assert r.code == 1 and "第 2 行" in r.err and "Traceback" not in r.err
    (tmp_path / "other.toml").write_text('type = "no-such-type"\n', "utf-8")
    r = gw("check", "other.toml")
    assert r.code == 1 and DT in r.err
    r = gw("show", "no-such-type")
    assert r.code == 1 and "可用的文种" in r.err


def test_debug_shows_the_traceback(gw):
    r = gw("--debug", "render", "missing.toml", "-o", "x.docx")
    assert "Traceback" in r.err


# ---------------------------------------------------------------- usage errors, output names, Ctrl-C


@pytest.mark.parametrize("args, usage, message", [
    (["render"], "用法：gongwen render [选项]", "错误：缺少参数 answers_file——答案文件（.toml）。"),
    (["render", "a.toml"], "用法：gongwen render [选项]", "错误：缺少选项 --output/-o"),
    (["render", "a.toml", "-o", "a.docx", "--forc"], "用法：gongwen render [选项]",
     "错误：没有选项 --forc（是否想用 --force、--format？）。"),
    (["frob"], "用法：gongwen [选项] 命令 [参数]...", "错误：没有命令“frob”。可用的命令：list、show、"),
    (["list", "extra"], "用法：gongwen list [选项]", "错误：多余的参数：extra。"),
    (["render", "a.toml", "-o", "a.docx", "--format"], None, "错误：选项 --format 后面需要给出一个值。"),
])
def test_usage_errors_are_told_in_chinese(gw, args, usage, message):
    r = gw(*args)
    assert r.code == 2
    lines = r.err.splitlines()
    if usage:
        assert lines[0].startswith(usage)
    assert message in r.err
    command = " ".join(["gongwen", *args[:1]]) if usage and args[0] != "frob" else "gongwen"
    assert lines[-1] == f"用 {command} --help 查看帮助"
    for english in ("Usage:", "Error:", "Missing", "No such", "Try '"):
        assert english not in r.err


@pytest.mark.parametrize("name, hint", [("x.doc", "另存为"), ("x.txt", "")])
def test_unsupported_output_suffix_is_refused_before_anything_is_written(gw, tmp_path, name, hint):
    r = gw("render", EXAMPLE, "-o", name)
    assert r.code == 1
    assert f"不支持输出为 {name[1:]}；请用 .docx（Word）、.pdf 或 .md（Markdown）。" in r.err and hint in r.err
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    r = gw("new", DT, "-o", name, "--no-input")  # refused before a question or the answers file
    assert r.code == 1 and "不支持输出为" in r.err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_output_without_suffix_becomes_docx_and_format_must_agree(gw, tmp_path):
    r = gw("render", EXAMPLE, "-o", "草稿")
    assert r.code == 0 and r.out.strip() == "已生成：草稿.docx"
    assert docx_paragraphs(tmp_path / "草稿.docx")
    r = gw("render", EXAMPLE, "-o", "稿", "--format", "md")
    assert r.code == 0 and (tmp_path / "稿.md").read_text("utf-8").startswith("# ")
    r = gw("render", EXAMPLE, "-o", "x.md", "--format", "docx")
    assert r.code == 1 and "后缀与 --format docx 不一致" in r.err and not (tmp_path / "x.md").exists()
    r = gw("render", EXAMPLE, "-o", "notes.txt", "--format", "md")  # an explicit format takes any name
    assert r.code == 0 and (tmp_path / "notes.txt").read_text("utf-8").startswith("# ")


def test_ctrl_c_while_writing_says_so_and_leaves_no_file(tmp_path, monkeypatch, capsys):
    import os
    import sys

    from gongwen import fileio
    from gongwen.main import main

    def interrupted(fd):  # Ctrl-C in the middle of writing the file
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "fsync", interrupted)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["gongwen", "render", str(EXAMPLE), "-o", "a.docx"])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == 130
    assert capsys.readouterr().err.strip() == "已取消，未写入文件。"
    assert os.listdir(tmp_path) == []  # neither the document nor a temporary file
