"""The command line in Chinese: help screens, usage errors and Ctrl-C.

Help: click and typer write "Usage:", "Options", "[required]", "<path>" and "Show this
message and exit."; :class:`GongwenCommand` and :class:`GongwenGroup` (``cls=`` of every
command and group in ``gongwen.cli``) write the whole screen themselves -- 用法/参数/选项/命令,
metavars such as 文件 or 整数, "[必填]", "[默认：…]", ranges as "[≥1]" -- through
:class:`HelpFormatter`, which measures and wraps Chinese text by its width on screen.  They
never use typer's rich panels (English headings), whatever ``rich_markup_mode`` says.
:data:`CONTEXT_SETTINGS` adds ``-h`` beside ``--help``.

Usage errors: click (inside typer) words them in English ("Missing argument …", "No such
option …").  ``gongwen.cli.run_command`` runs the app with ``standalone_mode=False`` so that they
reach :func:`usage_error_text`, which says the same in Chinese, and :class:`GongwenGroup`
turns a Ctrl-C during a command into one line instead of a silent exit.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

import typer
from typer.core import TyperCommand, TyperGroup

from .terminal import cancelled_text, exit_code

try:  # typer >= 0.22 carries its own copy of click
    from typer import _click as click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    import click
    from click import exceptions as click_exceptions

UsageError = click_exceptions.UsageError
Abort = typer.Abort  # click.exceptions.Abort in older typer

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}  # context_settings= of the app and its groups
HELP_OPTION_HELP = "显示本帮助并退出。"
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
HEADINGS = {"Usage": "用法", "Options": "选项", "Arguments": "参数", "Commands": "命令"}  # click's own sections
TYPE_METAVARS = {  # by click's type names (typer's copy of click says "str" and "int", click "text" and "integer")
    "text": "文字", "str": "文字", "integer": "整数", "int": "整数", "integer range": "整数", "int range": "整数",
    "float": "数字", "float range": "数字", "boolean": "1|0", "filename": "文件", "file": "文件",
    "directory": "文件夹", "datetime": "日期", "uuid": "编号",
}
_CLOSING = set("，。、；：！？）》」』】”’,.;:!?)]")  # never starts a line
_OPENING = set("（《「『【“‘([")  # never ends one


# ---------------------------------------------------------------- help screens


def text_width(text: str) -> int:
    """Columns on screen: a Chinese character or full-width punctuation mark takes two."""
    return sum(2 if _is_wide(c) else 1 for c in text)


def _is_wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


def _tokens(text: str) -> list[str]:
    """Spaces, a short bracketed note ("[必填]", "[≥1]"), a run of narrow characters ("--output",
    "≥1"), or one wide character: the pieces :func:`wrap` never splits."""
    tokens, run = [], ""
    for token in re.findall(r"\s+|\[[^\[\]\s]{1,20}\]|\S", text):
        if len(token) == 1 and not token.isspace() and not _is_wide(token):
            run += token
            continue
        tokens += [run, token] if run else [token]
        run = ""
    return [*tokens, run] if run else tokens


def wrap(text: str, width: int) -> list[str]:
    """One paragraph in lines of at most ``width`` columns.  Lines break between Chinese characters
    or at spaces -- never inside a word such as ``--output`` or ``.docx`` or a note such as "[必填]",
    never before closing or after opening punctuation (the character before a closing mark moves
    to the next line with it)."""
    lines: list[str] = []
    line = space = ""
    for token in _tokens(text):
        if token.isspace():
            space = token if line else ""  # as written: "帮助  [必填]" keeps its two spaces
            continue
        if line and text_width(line + space + token) > width:
            carry = ""
            if token in _CLOSING:  # a closing mark never starts a line: the character before it comes along
                while len(line) > 1 and line[-1] in _CLOSING:
                    line, carry = line[:-1], line[-1] + carry
                if len(line) > 1 and _is_wide(line[-1]):
                    line, carry = line[:-1], line[-1] + carry
            while len(line) > 1 and line[-1] in _OPENING:
                line, carry = line[:-1], line[-1] + carry
            lines.append(line.rstrip())
            line = carry + token
        else:
            line += space + token
        space = ""
    return [*lines, line] if line else lines


def fill(text: str, width: int) -> list[str]:
    """Paragraphs (separated by a blank line, kept apart by one) wrapped by :func:`wrap`; the lines of
    one paragraph are joined with a space only between ASCII words; a paragraph after a line holding
    only ``\\b`` is kept as written, as in click."""
    out: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip("\n")):
        if out:
            out.append("")
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":
            out.extend(lines[1:])
            continue
        joined = ""
        for line in (line.strip() for line in lines):
            joined += ("" if not joined or _is_wide(joined[-1]) or _is_wide(line[:1]) else " ") + line
        out.extend(wrap(joined, width) or [""])
    return out


class HelpFormatter(click.HelpFormatter):
    """click's formatter with a Chinese usage prefix and headings, measuring and wrapping text by
    its width on screen (click counts a Chinese character as one column)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        head = f"{' ' * self.current_indent}{'用法：' if prefix is None else prefix}{prog} "
        lines = wrap(args, max(self.width - text_width(head), 20)) or [""]
        self.write(f"{head}{lines[0]}\n")
        for line in lines[1:]:
            self.write(f"{' ' * text_width(head)}{line}\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{HEADINGS.get(heading, heading)}：\n")

    def write_paragraphs(self, text: str) -> None:
        for line in fill(text, self.width - self.current_indent):
            self.write(f"{' ' * self.current_indent}{line}\n" if line else "\n")

    write_text = write_paragraphs  # click's name (bound, not def'd: test_reliability looks for file writes)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(text_width(first) for first, _ in rows), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if text_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - text_width(first)))
            else:  # too long: the help starts on the next line
                self.write(f"\n{indent}{' ' * first_col}")
            lines = fill(second, max(self.width - self.current_indent - first_col, 10))
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first_col}{line}\n" if line else "\n")


class GongwenContext(click.Context):
    formatter_class = HelpFormatter


def _type_metavar(param) -> str:
    """What an option or argument takes: 文件, 文件夹, 文字, 整数…, or its choices as ``md|docx``."""
    kind = param.type
    choices = getattr(kind, "choices", None)
    if choices:
        return "|".join(str(c.value if isinstance(c, Enum) else c) for c in choices)
    if hasattr(kind, "file_okay") and hasattr(kind, "dir_okay"):  # a path
        if kind.file_okay != kind.dir_okay:
            return "文件" if kind.file_okay else "文件夹"
        return "文件夹" if re.search("文件夹|目录", getattr(param, "help", None) or "") else "文件"
    return TYPE_METAVARS.get(getattr(kind, "name", ""), "值")


def _argument_metavar(param) -> str:
    """An argument's name on the help screen: its metavar, else the noun its help starts with
    ("答案文件（.toml）" → 答案文件), else what it takes (文字…); with "..." if it takes several."""
    name = param.metavar
    if not name:
        noun = re.match(r"[^（(，,：:；;。\s]*", getattr(param, "help", None) or "").group(0)
        name = noun if 0 < len(noun) <= 8 and not re.search("[A-Za-z]", noun) else _type_metavar(param)
    return name + ("..." if param.nargs != 1 else "")


def _option_names(param) -> str:
    """"-o, --output 文件", "--force", "--color / --no-color"."""
    def by_prefix(opts):  # -o before --output
        return ", ".join(sorted(opts, key=lambda opt: len(opt) - len(opt.lstrip("-/"))))

    names = " / ".join(by_prefix(opts) for opts in (param.opts, param.secondary_opts) if opts)
    if not param.is_flag and not getattr(param, "count", False):
        names += f" {param.metavar or _type_metavar(param)}{'...' if param.nargs != 1 else ''}"
    return names


def _show(value) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, Path) and str(value) == ".":
        return "当前文件夹"
    return str(value)


def _default_text(param, ctx) -> str:
    """The default as "[默认：…]" shows it, or "" when there is none worth showing."""
    show = getattr(param, "show_default", None)
    if isinstance(show, str):
        return show
    if not (show or ctx.show_default):
        return ""
    resilient, ctx.resilient_parsing = ctx.resilient_parsing, True  # no conversion errors on a help screen
    try:
        value = param.get_default(ctx, call=False)
    finally:
        ctx.resilient_parsing = resilient
    if getattr(param, "is_flag", False) and isinstance(value, bool):
        if param.secondary_opts:
            return (param.opts if value else param.secondary_opts)[0]
        return ""  # a flag is off unless given
    if value is None or value == "":
        return ""
    if callable(value):
        return "运行时确定"
    if isinstance(value, (list, tuple)):
        return "、".join(_show(v) for v in value)
    return _show(value)


def _range_text(kind) -> str:
    """"≥1", "<10", "≥0，≤100" for a number range, else ""."""
    if not all(hasattr(kind, a) for a in ("min", "max", "min_open", "max_open")):
        return ""
    parts = []
    if kind.min is not None:
        parts.append(f"{'>' if kind.min_open else '≥'}{kind.min}")
    if kind.max is not None:
        parts.append(f"{'<' if kind.max_open else '≤'}{kind.max}")
    return "，".join(parts)


def help_record(param, ctx) -> tuple[str, str] | None:
    """A parameter's line on the help screen: ("-j, --jobs 整数", "同时使用的进程数  [≥1]")."""
    if getattr(param, "hidden", False):
        return None
    name = _argument_metavar(param) if param.param_type_name == "argument" else _option_names(param)
    extra = []
    envvar = param.envvar if getattr(param, "show_envvar", False) else None
    if envvar:
        extra.append(f"环境变量 {envvar if isinstance(envvar, str) else '、'.join(envvar)}")
    default = _default_text(param, ctx)
    if default:
        extra.append(f"默认：{default}")
    if _range_text(param.type):
        extra.append(_range_text(param.type))
    if param.required:
        extra.append("必填")
    text = getattr(param, "help", None) or ""
    if extra:
        text = f"{text}  [{'；'.join(extra)}]".lstrip()
    return name, text


class ChineseHelp:
    """Mixin for typer's command and group classes: the help screen in Chinese, written by gongwen
    (click's layout) and never by typer's rich panels; "Show this message and exit." translated."""

    context_class = GongwenContext

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPTIONS_METAVAR

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    def format_help(self, ctx, formatter) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument" and not getattr(param, "hidden", False):
                name = _argument_metavar(param)
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        records = [(param.param_type_name, help_record(param, ctx)) for param in self.get_params(ctx)]
        for kind, heading in (("argument", "参数"), ("option", "选项")):
            rows = [record for k, record in records if k == kind and record]
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)


class GongwenCommand(ChineseHelp, TyperCommand):
    """A command (``cls=`` of every ``@app.command``): its help in Chinese."""


class GongwenGroup(ChineseHelp, TyperGroup):
    """A command group (the app and its sub-apps): help in Chinese, and Ctrl-C while a command
    runs says so and exits with 130.

    (The questionnaire of ``gongwen new`` catches Ctrl-C itself and saves the answers.)
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = SUBCOMMAND_METAVAR

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]

    def format_options(self, ctx, formatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def make_context(self, *args, **kwargs):
        with _cancelled_on_ctrl_c():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _cancelled_on_ctrl_c():
            return super().invoke(ctx)


@contextmanager
def _cancelled_on_ctrl_c():
    from .fileio import written

    since = len(written())
    try:
        yield
    except KeyboardInterrupt as exc:  # SIGTERM and SIGHUP too (gongwen.terminal.Stopped)
        typer.echo(cancelled_text(since), err=True)
        raise typer.Exit(exit_code(exc)) from None


def _param_label(param) -> str:
    """"-o/--output——输出文件（.docx 或 .md）" or "answers_file——答案文件（.toml）"."""
    if param is None:
        return ""
    name = "/".join(param.opts) if getattr(param, "param_type_name", "") == "option" else param.name or ""
    help_text = getattr(param, "help", None)
    return f"{name}——{help_text}" if help_text else name


def _bad_value(message: str, param) -> str:
    """click's "0 is not in the range x>=1." and "'x' is not a valid integer." in Chinese, in the
    words of the help screen; anything else as click says it."""
    m = re.match(r"(.+?) is not in the range", message)
    if m and param is not None and _range_text(param.type):
        return f"应{_range_text(param.type)}，不能是 {m.group(1)}"
    m = re.match(r"'(.*)' is not a valid", message)
    if m and param is not None:
        return f"应为{_type_metavar(param)}，不能是“{m.group(1)}”"
    return message


def _describe(exc: UsageError) -> str:
    """The error itself, in Chinese."""
    name = type(exc).__name__
    message = exc.message or ""
    param = getattr(exc, "param", None)
    if name == "MissingParameter":
        kind = getattr(exc, "param_type", None) or getattr(param, "param_type_name", "")
        return f"缺少{'选项' if kind == 'option' else '参数'} {_param_label(param)}".rstrip()
    if name == "NoSuchOption":
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"（是否想用 {'、'.join(sorted(exc.possibilities))}？）"
        return text
    if name == "BadOptionUsage":
        if "requires" in message:
            return f"选项 {exc.option_name} 后面需要给出一个值"
        if "does not take a value" in message:
            return f"选项 {exc.option_name} 不带值"
        return f"选项 {exc.option_name} 用法不对（{message}）"
    if name == "BadParameter":
        return f"{_param_label(param) or '参数'} 的值无效（{_bad_value(message, param)}）"
    m = re.match(r"No such command '(.+?)'", message)
    if m:
        commands = exc.ctx.command.list_commands(exc.ctx) if exc.ctx is not None else []
        known = f"。可用的命令：{'、'.join(commands)}" if commands else ""
        return f"没有命令“{m.group(1)}”{known}"
    m = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if m:
        return f"多余的参数：{m.group(1)}"
    return f"命令用法有误（{exc.format_message()}）"


def usage_error_text(exc: UsageError) -> str:
    """Usage line, the error, and where to find help -- all in Chinese."""
    lines = []
    command = "gongwen"
    if exc.ctx is not None:
        command = exc.ctx.command_path
        usage = exc.ctx.get_usage().replace("Usage: ", "用法：", 1)
        lines.append(usage.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]..."))
    lines.append(f"错误：{_describe(exc)}。")
    lines.append(f"用 {command} --help 查看帮助")
    return "\n".join(lines)


def is_help_screen(exc: UsageError) -> bool:
    """``gongwen`` alone (no_args_is_help): click raises the help text as a usage error."""
    return type(exc).__name__ == "NoArgsIsHelpError"
