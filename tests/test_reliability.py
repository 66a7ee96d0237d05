"""Nothing lost, every bad input answered clearly: atomic writes, bad answers files,
encodings, hostile text, very long answers, non-interactive use."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, read_toml
from gongwen import fileio
from gongwen.errors import GongwenError
from gongwen.loader import get_registry
from gongwen.testing import docx_paragraphs

DT = "theme-education-rectification"
HOSTILE = ("A&B <b>粗</b> \"双引号\" '单引号' {{ unit }} {% if x %}是{% endif %} {# 注 #} ]]> "
           "<w:t>x</w:t> <![CDATA[y]]> &amp; &#123; \\n")


def tmp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def no_traceback(r) -> bool:
    return "Traceback" not in r.err and "Traceback" not in r.out


# ------------------------------------------------------------------ atomic writes


@pytest.fixture
def earlier(tmp_path) -> Path:
    path = tmp_path / "草稿.docx"
    path.write_bytes(b"earlier version")
    return path


def test_disk_full_leaves_the_earlier_file_and_no_temp_file(earlier, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(GongwenError, match="磁盘空间不足") as info:
        fileio.atomic_write(earlier, b"new", force=True)
    assert "原有文件未改动" in str(info.value)
    assert earlier.read_bytes() == b"earlier version"
    assert tmp_files(earlier.parent) == []


@pytest.mark.parametrize("where", ["replace", "open"])
def test_permission_denied_leaves_the_earlier_file(earlier, monkeypatch, where):
    """Target open in Word on a shared drive (replace refused) or a read-only folder."""

    def denied(*args, **kw):
        raise PermissionError(errno.EACCES, "Permission denied")

    if where == "replace":
        monkeypatch.setattr(os, "replace", denied)
    else:
        monkeypatch.setattr(fileio.tempfile, "mkstemp", denied)
    with pytest.raises(GongwenError, match="没有权限") as info:
        fileio.atomic_write(earlier, b"new", force=True)
    assert "原有文件未改动" in str(info.value) and "Word/WPS" in str(info.value)
    assert earlier.read_bytes() == b"earlier version"
    assert tmp_files(earlier.parent) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores permission bits")
def test_read_only_folder_for_real(tmp_path):  # pragma: no cover - runs as a normal user only
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(GongwenError, match="没有权限"):
            fileio.atomic_write(folder / "a.docx", b"x")
    finally:
        folder.chmod(0o755)


def test_missing_folder_and_folder_as_target(tmp_path):
    with pytest.raises(GongwenError, match="不存在"):
        fileio.atomic_write(tmp_path / "没有的文件夹" / "a.docx", b"x")
    with pytest.raises(GongwenError, match="是一个文件夹"):
        fileio.atomic_write(tmp_path, b"x")


def test_interrupt_while_writing_leaves_no_temp_file(earlier, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fileio.atomic_write(earlier, b"new", force=True)
    assert earlier.read_bytes() == b"earlier version" and tmp_files(earlier.parent) == []


def test_written_files_are_readable_by_colleagues_and_keep_their_mode(tmp_path):
    old = os.umask(0o022)
    try:
        fileio.atomic_write(tmp_path / "a.md", b"x")
        assert (tmp_path / "a.md").stat().st_mode & 0o777 == 0o644
        (tmp_path / "b.md").write_bytes(b"old")
        (tmp_path / "b.md").chmod(0o664)
        fileio.atomic_write(tmp_path / "b.md", b"new", force=True)
        assert (tmp_path / "b.md").stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """The CLI in this process (so that a failure can be simulated with monkeypatch)."""
    from gongwen.main import main

    monkeypatch.setattr(sys, "argv", ["gongwen", *args])
    with pytest.raises(SystemExit) as info:
        main()
        raise SystemExit(0)
    captured = capsys.readouterr()
    return info.value.code or 0, captured.out + captured.err


def lock(monkeypatch, locked: Callable[[str], bool]) -> None:
    """Moving a finished file onto a target ``locked(str(target))`` is refused, as for a file open in Word."""
    real_replace = os.replace

    def replace(src, dst):
        if locked(str(dst)):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_render_onto_a_file_open_in_word(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.toml").write_text(f'type = "{DT}"\n', "utf-8")
    (tmp_path / "a.docx").write_bytes(b"earlier")
    lock(monkeypatch, lambda target: target.endswith(".docx"))
    code, out = run_cli(monkeypatch, capsys, "render", "a.toml", "-o", "a.docx", "--force")
    assert code == 1 and "没有权限写入" in out and "Traceback" not in out
    assert (tmp_path / "a.docx").read_bytes() == b"earlier" and tmp_files(tmp_path) == []


def test_new_keeps_the_answers_when_the_document_cannot_be_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    lock(monkeypatch, lambda target: target.endswith(".docx"))
    code, out = run_cli(monkeypatch, capsys, "new", DT, "--no-input", "-o", "a.docx")
    assert code == 1 and "没有权限写入" in out
    assert "回答已保存在 a.toml" in out and "gongwen render a.toml -o a.docx" in out
    assert read_toml(tmp_path / "a.toml")["type"] == DT
    assert not (tmp_path / "a.docx").exists() and tmp_files(tmp_path) == []


def test_new_saves_the_answers_elsewhere_when_their_folder_fails(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    lock(monkeypatch, lambda target: target in (str(tmp_path / "a.toml"), "a.toml"))
    code, out = run_cli(monkeypatch, capsys, "new", DT, "--no-input", "-o", "a.md")
    assert code == 0, out
    assert "回答已改存到" in out and (home / "gongwen-a.toml").is_file()
    assert (tmp_path / "a.md").is_file()


def test_every_file_write_goes_through_atomic_write():
    """No module writes a file behind atomic_write's back."""
    for path in (ROOT / "core").glob("*.py"):
        if path.name in ("fileio.py", "testing.py"):
            continue
        text = path.read_text("utf-8")
        for bad in ("write_text(", "write_bytes(", 'open("w', "open('w", '"wb")', "'wb')"):
            assert bad not in text, f"{path.name} writes with {bad}"


# ------------------------------------------------------------------ bad answers files


def write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return name


def test_toml_syntax_error_has_line_column_and_chinese_reason(gw, tmp_path):
    name = write(tmp_path, "s.toml", f'type = "{DT}"\nyear = 2023\nunit = 县教育局\n')
    r = gw("check", name)
    assert r.code == 1 and no_traceback(r)
    assert "第 3 行第 8 列" in r.err and "双引号" in r.err and "unit = 县教育局" in r.err
    name = write(tmp_path, "q.toml", f'type = "{DT}"\nunit = “县教育局”\n')
    r = gw("render", name, "-o", "x.docx")
    assert r.code == 1 and "第 2 行" in r.err and "中文引号" in r.err
    name = write(tmp_path, "d.toml", f'type = "{DT}"\nunit = "a"\nunit = "b"\n')
    r = gw("check", name)
    assert r.code == 1 and "第 3 行" in r.err and "写了两次" in r.err


@pytest.mark.parametrize(("content", "expected"), [
    ("", "是空的"),
    ("  \n\n\t\n", "是空的"),
    ("# 只有注释\n", "缺少文种"),
    ('unit = "县教育局"\n', "缺少文种"),
    ("type = 3\n", "缺少文种"),
])
def test_empty_or_typeless_files(gw, tmp_path, content, expected):
    name = write(tmp_path, "e.toml", content)
    for command in (("check", name), ("render", name, "-o", "x.docx"),
                    ("new", DT, "--answers", name, "--no-input", "-o", "y.docx")):
        r = gw(*command)
        assert r.code == 1 and expected in r.err and no_traceback(r), (command, r.err)
    assert not (tmp_path / "x.docx").exists()


def test_missing_file_and_directory(gw, tmp_path):
    r = gw("check", "nowhere.toml")
    assert r.code == 1 and "找不到答案文件" in r.err and "gongwen init" in r.err
    (tmp_path / "folder.toml").mkdir()
    r = gw("render", "folder.toml", "-o", "x.docx")
    assert r.code == 1 and "是一个文件夹" in r.err and no_traceback(r)
    r = gw("new", DT, "--answers", "folder.toml", "--no-input", "-o", "x.docx")
    assert r.code == 1 and "是一个文件夹" in r.err


def test_unknown_type_lists_the_known_ones(gw, tmp_path):
    name = write(tmp_path, "u.toml", 'type = "theme-eduction-rectification"\n')
    r = gw("check", name)
    assert r.code == 1 and "theme-eduction-rectification" in r.err
    for known in get_registry().types:
        assert known in r.err


def test_values_of_the_wrong_kind_are_all_reported_with_key_paths(gw, tmp_path):
    name = write(tmp_path, "k.toml", (
        f'type = "{DT}"\n'
        'year = "二〇二三"\n'            # text where a number is expected
        'unit = ["县教育局"]\n'           # a list where text is expected
        'title = { a = 1 }\n'            # a table where text is expected
        'meeting_date = "2023年13月5日"\n'  # a bad date
        'has_office = "也许"\n'           # not yes/no
        'principles = "坚持问题导向"\n'     # text where a group is expected
        'outline = "全部"\n'              # text where the outline list is expected
        '[[aspects]]\n'
        'name = "理论学习"\n'
        'problems = [1, 2]\n'             # numbers where texts are expected
        '[[aspects.measures]]\n'
        'title = 2023-08-20\n'            # a TOML date where text is expected
        'text = "措施"\n'
    ))
    r = gw("check", name)
    assert r.code == 1 and no_traceback(r)
    for path in ("year：", "unit：", "title：", "meeting_date：", "has_office：", "principles：", "outline：",
                 "aspects[1].problems：", "aspects[1].measures[1].title："):
        assert path in r.err, path
    assert "应为整数" in r.err and "应为文字，而不是列表" in r.err and "13" in r.err
    r2 = gw("render", name, "-o", "x.docx")
    assert r2.code == 1 and r2.err.count("  - ") == r.err.count("  - ") >= 9
    assert not (tmp_path / "x.docx").exists()


def test_a_circled_digit_for_a_number_is_a_problem_not_an_internal_error(gw, tmp_path):
    name = write(tmp_path, "n.toml", f'type = "{DT}"\nyear = "①"\n')
    r = gw("check", name)
    assert r.code == 1 and no_traceback(r) and "内部错误" not in r.err
    assert "year：应为整数，而不是文字" in r.err


#: A value of the wrong kind for each question kind.
WRONG = {"text": ["列表"], "multiline": ["列表"], "choice": ["列表"], "multichoice": "文字", "confirm": "也许",
         "integer": "二〇二三", "date": "2023年13月5日", "list": 7, "group": "文字"}


@pytest.mark.parametrize("type_id", sorted(get_registry().types))
def test_every_wrong_answer_is_a_problem_never_a_crash(type_id):
    """One bad value at a time, for every question of every type: later computed defaults
    (titles, vocabulary) must not trip over it, and the problem names its key."""
    from gongwen.pipeline import prepare

    doctype = get_registry().types[type_id]
    for q in doctype.questions:
        prep = prepare(doctype, {"type": type_id, q.key: WRONG[q.kind]})
        if q.when is None and q.section is None:  # else it may not be asked with these answers
            assert any(p.path == q.key for p in prep.problems), (q.key, prep.problems)


def test_unfinished_mark_is_not_a_warning_or_error(gw, tmp_path):
    name = write(tmp_path, "p.toml", f'type = "{DT}"\nunfinished = "aspects"\nunit = "县教育局"\n')
    r = gw("render", name, "-o", "p.md")
    assert r.code == 0 and "尚未填完" in r.err and "拼写" not in r.err
    assert "县教育局" in (tmp_path / "p.md").read_text("utf-8")


def test_answers_file_of_another_type_and_both_resume_and_answers(gw, tmp_path):
    name = write(tmp_path, "o.toml", 'type = "theme-education-report"\n')
    r = gw("new", DT, "--answers", name, "--no-input", "-o", "x.docx")
    assert r.code == 1 and "theme-education-report" in r.err
    r = gw("new", DT, "--answers", name, "--resume", name, "-o", "x.docx")
    assert r.code == 1 and "--resume" in r.err and "--answers" in r.err


def test_a_word_document_given_as_answers_file(gw, tmp_path):
    assert gw("new", DT, "--no-input", "-o", "a.docx").code == 0
    r = gw("check", "a.docx")
    assert r.code == 1 and "Word" in r.err and "不是答案文件" in r.err and no_traceback(r)


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16", "utf-16-be"])
def test_example_saved_in_windows_encodings_renders_identically(gw, tmp_path, encoding):
    text = (EXAMPLES / "party-history-rectification.toml").read_text("utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    write(tmp_path, "utf8.toml", text)
    write(tmp_path, "other.toml", data)
    assert gw("render", "utf8.toml", "-o", "a.md").code == 0
    r = gw("render", "other.toml", "-o", "b.md")
    assert r.code == 0, r.err
    expected = (tmp_path / "a.md").read_text("utf-8")
    assert (tmp_path / "b.md").read_text("utf-8") == expected
    assert "中共" in expected or "党" in expected


def test_gbk_text_reaches_the_docx_exactly(gw, tmp_path):
    write(tmp_path, "g.toml", f'type = "{DT}"\nunit = "镕基县教育局"\n'.encode("gbk"))
    assert gw("render", "g.toml", "-o", "g.docx").code == 0
    assert any("镕基县教育局党委" in p for p in docx_paragraphs(tmp_path / "g.docx"))


@pytest.mark.parametrize(("data", "expected"), [
    (f'type = "{DT}"\nunit = "臺北市教育局"\ngoals = "整改目標是全面落實各項要求"\n'.encode("big5"), "Big5"),
    (f'type = "{DT}"\nunit = "Café Müller"\n'.encode("latin-1"), "Latin-1"),
    (f'type = "{DT}"\nunit = "县教育局"\ngoals = "整改目标"\n'.encode() + b'title = "\xff\xfe"\n', "UTF-8"),
    (b"\x00\x01\x02\x03binary", "空字节"),
])
def test_undecodable_files_are_refused_never_garbled(gw, tmp_path, data, expected):
    write(tmp_path, "bad.toml", data)
    r = gw("render", "bad.toml", "-o", "x.md")
    assert r.code == 1 and no_traceback(r) and expected in r.err, r.err
    assert "UTF-8" in r.err
    assert not (tmp_path / "x.md").exists()


def test_damaged_utf8_names_the_line(gw, tmp_path):
    data = f'type = "{DT}"\nunit = "县教育局"\n'.encode() + b'goals = "\xe6\x95\xb4\xe6"\n'
    write(tmp_path, "bad.toml", data)
    r = gw("check", "bad.toml")
    assert r.code == 1 and "第 3 行" in r.err and "损坏" in r.err


# ------------------------------------------------------------------ hostile text


def test_hostile_text_everywhere_stays_literal(gw, tmp_path):
    import tomlkit

    doc = tomlkit.document()
    doc.add("type", DT)
    doc.add("unit", HOSTILE)
    doc.add("goals", HOSTILE + "\n第二段" + HOSTILE)
    doc.add("group_members", HOSTILE)
    aspect = tomlkit.aot()
    aspect.append({"name": HOSTILE, "problems": [HOSTILE, "问题二" + HOSTILE],
                   "measures": [{"title": HOSTILE, "text": HOSTILE}]})
    doc.add("outline", [{"key": k} for k in ("leadership", "goals", "measures")]
            + [{"title": "自定" + HOSTILE, "level": 2, "paragraphs": ["段落" + HOSTILE]}])
    doc.add("aspects", aspect)
    write(tmp_path, "h.toml", tomlkit.dumps(doc))
    assert gw("check", "h.toml").code == 0
    assert gw("render", "h.toml", "-o", "h.md").code == 0
    assert gw("render", "h.toml", "-o", "h.docx").code == 0
    md = (tmp_path / "h.md").read_text("utf-8")
    paras = "\n".join(docx_paragraphs(tmp_path / "h.docx"))
    for text in (md, paras):
        assert text.count(HOSTILE) >= 6
        assert "问题二" + HOSTILE in text


def test_control_characters_are_removed_with_a_note(gw, tmp_path):
    write(tmp_path, "c.toml", f'type = "{DT}"\nunit = "县\\u0001教\\u000b育\\u001f局\\b"\n'
                              'goals = "第一段\\r\\n第二段\\u0000"\n')
    r = gw("render", "c.toml", "-o", "c.docx")
    assert r.code == 0, r.err
    assert "unit 中含有 Word 无法保存的控制字符" in r.err and "goals" in r.err
    paras = docx_paragraphs(tmp_path / "c.docx")
    assert any("县教育局党委" in p for p in paras)
    assert gw("render", "c.toml", "-o", "c.md").code == 0
    md = (tmp_path / "c.md").read_text("utf-8")
    assert "县教育局党委" in md and "\x01" not in md and "\x00" not in md and "\r" not in md


def test_one_megabyte_answer_and_hundreds_of_problems_render(gw, tmp_path):
    import tomlkit

    long_text = ("整改落实“三个一律”要求&<>。" * 60000)[:1_000_000]
    doc = tomlkit.document()
    doc.add("type", DT)
    doc.add("goals", long_text)
    aspects = tomlkit.aot()
    for i in range(5):
        aspects.append({"name": f"方面{i}", "problems": [f"第{i}-{j}个问题的表述" for j in range(100)],
                        "measures": [{"title": f"措施{j}", "text": f"措施内容{j}"} for j in range(20)]})
    doc.add("aspects", aspects)
    write(tmp_path, "big.toml", tomlkit.dumps(doc))
    r = gw("render", "big.toml", "-o", "big.docx", timeout=600)
    assert r.code == 0, r.err
    paras = docx_paragraphs(tmp_path / "big.docx")
    assert long_text in paras
    joined = "\n".join(paras)
    assert "第4-99个问题的表述" in joined and "措施19" in joined
    assert gw("render", "big.toml", "-o", "big.md", timeout=600).code == 0
    assert long_text in (tmp_path / "big.md").read_text("utf-8")


# ------------------------------------------------------------------ non-interactive


def test_new_refuses_at_once_when_stdin_is_a_pipe_with_data(gw, tmp_path):
    r = gw("new", DT, "-o", "x.docx", input="2023\n县教育局\n" * 50, timeout=60)
    assert r.code == 1 and "--answers" in r.err and "--no-input" in r.err
    assert no_traceback(r) and not list(tmp_path.iterdir())


def test_new_with_no_input_needs_no_terminal(gw, tmp_path):
    r = gw("new", DT, "--no-input", "-o", "x.md")
    assert r.code == 0 and (tmp_path / "x.md").is_file() and (tmp_path / "x.toml").is_file()


def test_resume_without_terminal_and_no_input_renders_the_unfinished_file(gw, tmp_path):
    write(tmp_path, "p.toml", f'type = "{DT}"\nunfinished = "aspects"\nunit = "县教育局"\n')
    r = gw("new", DT, "--resume", "p.toml", "--no-input", "-o", "p.md")
    assert r.code == 0, r.err
    saved = read_toml(tmp_path / "p.toml")
    assert "unfinished" not in saved and saved["unit"] == "县教育局"  # the resumed file is completed
