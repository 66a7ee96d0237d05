"""Command-line usage errors and Ctrl-C, told in Chinese.

Click (inside typer) words its usage errors in English ("Missing argument …", "No such
option …").  ``gongwen.cli.main`` runs the app with ``standalone_mode=False`` so that they
reach :func:`usage_error_text`, which says the same in Chinese, and :class:`GongwenGroup`
turns a Ctrl-C during a command into one line instead of a silent exit.
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import typer
from typer.core import TyperGroup

try:  # typer >= 0.22 carries its own copy of click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_exceptions

UsageError = click_exceptions.UsageError
Abort = typer.Abort  # click.exceptions.Abort in older typer
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
CANCELLED = "已取消，未写入文件。"


class GongwenGroup(TyperGroup):
    """The top-level command group: Ctrl-C while a command runs says so and exits with 130.

    (The questionnaire of ``gongwen new`` catches Ctrl-C itself and saves the answers.)
    """

    def make_context(self, *args, **kwargs):
        with _cancelled_on_ctrl_c():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _cancelled_on_ctrl_c():
            return super().invoke(ctx)


@contextmanager
def _cancelled_on_ctrl_c():
    try:
        yield
    except KeyboardInterrupt:
        typer.echo(CANCELLED, err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None


def _param_label(param) -> str:
    """"-o/--output——输出文件（.docx 或 .md）" or "answers_file——答案文件（.toml）"."""
    if param is None:
        return ""
    name = "/".join(param.opts) if getattr(param, "param_type_name", "") == "option" else param.name or ""
    help_text = getattr(param, "help", None)
    return f"{name}——{help_text}" if help_text else name


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
        return f"{_param_label(param) or '参数'} 的值无效（{message}）"
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
