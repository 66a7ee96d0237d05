"""Every help screen in Chinese: ``gongwen -h`` and each command's and subcommand's ``--help``/``-h``.

The commands are read from the click command tree, so a new command is checked without a word here.
"""

from __future__ import annotations

import re
import sys

import pytest
import typer.main
from gongwen.cli import app
from gongwen.cli_errors import GongwenCommand, GongwenGroup, text_width
from gongwen.main import main

# English that a help screen shows on purpose, besides option names, "gongwen" and command names
ALLOWED = (
    "answers.toml",  # init's default output file
    "GB/T", "Word", "WPS", "Excel", "PDF", "CPU", "pip", "Ctrl-C", "Ctrl-D",
    "zhuanxiang-zhengzhi",  # an example plugin name
    "docx", "md", "toml", "xlsx", "doc", "odt", "txt", "wps", "pdf",  # formats and file suffixes
    "LibreOffice", "generic",  # the converter import uses; the generic type id
    "template",  # a key of the answers file
)


def command_tree():
    """(path, command) for the app and every command and group below it: ([], app), (["render"], …)."""

    def walk(command, path):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    return list(walk(typer.main.get_command(app), []))


TREE = command_tree()
COMMAND_NAMES = {name for path, _ in TREE for name in path}
PATHS = [path for path, _ in TREE]


def english_words(text: str, also_allowed=()) -> list[str]:
    """Words in Latin letters left after removing option names, "gongwen", command names and ALLOWED."""
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    for word in sorted({"gongwen", *COMMAND_NAMES, *ALLOWED, *also_allowed}, key=len, reverse=True):
        text = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", " ", text)
    return sorted(set(re.findall(r"[A-Za-z]{2,}", text)))


def run(monkeypatch, capsys, *args: str, columns: int = 80):
    """``gongwen *args`` in this process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["gongwen", *args])
    monkeypatch.setenv("COLUMNS", str(columns))
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def show(path) -> str:
    return " ".join(["gongwen", *path])


@pytest.mark.parametrize("flag", ["--help", "-h"])
@pytest.mark.parametrize("path", PATHS, ids=show)
def test_every_help_screen_is_chinese(monkeypatch, capsys, path, flag):
    code, out, err = run(monkeypatch, capsys, *path, flag)
    assert (code, err) == (0, "")
    assert out.startswith(f"用法：{show(path)} [选项]")
    assert "选项：" in out and "-h, --help" in out and "显示本帮助并退出。" in out
    leaked = english_words(out)
    assert leaked == [], f"{show(path)} {flag} 的帮助中有英文：{leaked}\n{out}"


@pytest.mark.parametrize("columns", [80, 60])
def test_help_lines_fit_the_terminal(monkeypatch, capsys, columns):
    """Chinese characters take two columns: the help is wrapped by width on screen, not by characters."""
    for path in PATHS:
        _, out, _ = run(monkeypatch, capsys, *path, "-h", columns=columns)
        too_wide = [line for line in out.splitlines() if text_width(line) > columns]
        assert too_wide == [], f"{show(path)} -h 在 {columns} 列的终端中超宽：{too_wide}"


def test_help_shows_chinese_metavars_defaults_and_ranges(monkeypatch, capsys):
    _, out, _ = run(monkeypatch, capsys, "batch", "-h")
    assert "用法：gongwen batch [选项] 答案文件...\n" in out
    assert "\n参数：\n  答案文件...  答案文件（.toml），可以是多个，文种可不同  [必填]\n" in out
    assert "-o, --output 文件夹  " in out and "-j, --jobs 整数  " in out and "[≥1]" in out
    _, out, _ = run(monkeypatch, capsys, "plugin", "new", "-h")
    assert "用法：gongwen plugin new [选项] 插件名\n" in out
    assert "-d, --dir 文件夹" in out and "[默认：当前文件夹]" in out and "[默认：工作通知]" in out
    _, out, _ = run(monkeypatch, capsys, "-h")
    assert "用法：gongwen [选项] 命令 [参数]...\n" in out and "\n命令：\n" in out and "\n  list      列出" in out


def test_every_command_uses_the_chinese_help_classes():
    wrong = [show(path) for path, command in TREE
             if not isinstance(command, GongwenGroup if hasattr(command, "commands") else GongwenCommand)]
    assert wrong == [], f"在 gongwen/cli.py 中给这些命令加上 cls=GongwenCommand（命令组 cls=GongwenGroup）：{wrong}"


@pytest.mark.parametrize("mode", ["rich", "markdown", None])
def test_rich_markup_mode_does_not_bring_back_english(capsys, mode):
    """typer's rich panels say "Options", "Arguments", "Usage": gongwen's classes never use them."""
    for path in PATHS:
        root = typer.main.get_command(app)
        command = root
        for name in [None, *path]:
            command = command if name is None else command.commands[name]
            command.rich_markup_mode = mode
        assert root.main([*path, "-h"], prog_name="gongwen", standalone_mode=False) == 0
        out = capsys.readouterr().out
        assert out.startswith(f"用法：{show(path)} ") and english_words(out) == [], out


def test_h_and_help_work_from_the_shell(gw):
    short, long = gw("-h"), gw("--help")
    assert short.code == long.code == 0 and short.out == long.out and short.out.startswith("用法：gongwen [选项]")
    r = gw("template", "export", "-h")
    assert r.code == 0 and r.out.startswith("用法：gongwen template export [选项] 文种标识")


@pytest.mark.parametrize("args", [
    ["render"],  # missing argument
    ["render", "a.toml"],  # missing option
    ["render", "a.toml", "-o", "a.docx", "--forc"],  # no such option
    ["render", "a.toml", "-o"],  # option without its value
    ["frob"],  # no such command
    ["plugin", "frob"],
    ["list", "extra"],  # extra argument
    ["batch", "a.toml", "-o", "out", "-j", "0"],  # out of range
    ["batch", "a.toml", "-o", "out", "-j", "x"],  # not a number
])
def test_usage_errors_are_still_chinese_and_show_the_help_screens_usage(monkeypatch, capsys, args):
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert any(line.startswith("错误：") for line in lines) and lines[-1].endswith(" --help 查看帮助")
    if lines[0].startswith("用法："):  # the usage line of the command's own help screen
        path = [a for a in args if a in COMMAND_NAMES][:2]
        _, help_out, _ = run(monkeypatch, capsys, *path, "-h")
        assert lines[0] == help_out.splitlines()[0]
    # what the user typed ("frob") is quoted, and a missing argument is named as in the code
    # ("缺少参数 answers_file——答案文件（.toml）", which test_cli pins)
    quoted = {*args, *(p.name for _, command in TREE for p in command.params)}
    assert english_words(err, also_allowed=quoted) == [], err


@pytest.mark.parametrize("args", [[], ["plugin"], ["template"]])
def test_a_group_without_a_command_shows_its_chinese_help(monkeypatch, capsys, args):
    code, out, err = run(monkeypatch, capsys, *args)
    screen = err or out  # click < 8.2 (typer < 0.22): on standard output, exit code 0
    assert code in (0, 2) and screen.startswith(f"用法：{show(args)} [选项] 命令 [参数]...")
    assert english_words(screen) == [], screen
