"""The ``gongwen`` console entry point, and the short road of ``gongwen render``.

Every command but one goes to the typer app (:mod:`gongwen.cli`).  ``gongwen render FILE -o OUT``
is what a clerk (or a script, once per Party branch) runs most, and a fresh process spends
a third of its time importing typer and building every command; so a plain render command
line is recognised here and run directly, with the same function the typer command calls
and the same error reporting.  Anything else on a render line (help, an unknown or repeated
option, a missing value) goes to typer, which explains it in Chinese.  A test holds the
options below equal to the typer command's.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import GongwenError
from .terminal import cancelled_text, debug_enabled, err, exit_code

#: ``gongwen render``'s options with a value, by every name they go by, and its flags.
RENDER_VALUES = {"-o": "output", "--output": "output", "--format": "fmt", "--template": "template"}
RENDER_FLAGS = {"--force": "force"}


def main() -> None:
    """Console entry point: user errors print one Chinese message, no traceback; output that
    cannot be printed never fails a command; SIGTERM and SIGHUP stop it as Ctrl-C does.  A command
    is short-lived: the cycle collector stays off while it runs and what is left is frozen before
    the interpreter exits, so neither costs time (a third of a render); ``batch`` workers turn it
    back on."""
    import gc

    from .terminal import catch_signals, guarded_output

    gc.disable()
    try:
        with guarded_output(), catch_signals():
            args = render_args(sys.argv[1:])
            if args is not None:
                run_reported(lambda: render(**args))
            else:
                from .cli import run_command

                run_command()
    finally:
        gc.freeze()


def render_args(argv: list[str]) -> dict | None:
    """The arguments of a plain ``render`` command line, or None for typer to handle it."""
    if not argv or argv[0] != "render":
        return None
    found: dict = {}
    tokens = iter(argv[1:])
    for token in tokens:
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in RENDER_VALUES:
            value = value if eq else next(tokens, "")
            key = RENDER_VALUES[name]
            if not value or value.startswith("-") or key in found:
                return None
            found[key] = value
        elif token in RENDER_FLAGS and RENDER_FLAGS[token] not in found:
            found[RENDER_FLAGS[token]] = True
        elif not token.startswith("-") and token and "answers_file" not in found:
            found["answers_file"] = token
        else:
            return None
    if "answers_file" not in found or "output" not in found:
        return None
    return {"answers_file": Path(found["answers_file"]), "output": Path(found["output"]),
            "fmt": found.get("fmt"), "template": Path(found["template"]) if "template" in found else None,
            "force": found.get("force", False)}


def render(answers_file: Path, output: Path, fmt: str | None = None, template: Path | None = None,
           force: bool = False) -> None:
    """``gongwen render``: only the plugin of the file's type is loaded (every plugin, and a
    warning for each broken one, when the type is not found)."""
    from .fileio import ensure_writable
    from .loader import TypesOnDemand, get_registry
    from .pipeline import UnknownType, output_path, render_file

    output = output_path(output, fmt)
    ensure_writable(output, force)
    try:
        render_file(answers_file, output, TypesOnDemand(), fmt=fmt, template=template,
                    force=force, warn=lambda note: say_note(answers_file, note),
                    recheck=lambda finding: err(f"请核对 {output}：{finding}"))
    except UnknownType:
        warn_broken(get_registry())
        raise
    print(f"已生成：{output}")


def say_note(path: Path, note: str) -> None:
    err(f"提示：{path} 中 {note}")


def warn_broken(registry) -> None:
    """One line for each plugin that failed to load (never fatal; ``gongwen plugins`` tells more)."""
    for info in registry.errors:
        dist = f"{info.dist} {info.version}".strip() or "未知发行包"
        err(f"警告：插件 {info.name}（{dist}）：{info.error.splitlines()[0]}。详见 gongwen plugins")


def run_reported(command: Callable[[], object]) -> None:
    """Run a command: user errors print one Chinese message, no traceback."""
    from .fileio import written

    since = len(written())
    try:
        command()
    except KeyboardInterrupt as exc:  # Ctrl-C (SIGTERM, SIGHUP) outside a command's own handling
        err(cancelled_text(since))
        sys.exit(exit_code(exc))
    except BrokenPipeError:  # e.g. gongwen show … | head
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except GongwenError as exc:
        if debug_enabled():
            raise
        err(f"错误：{exc}")
        sys.exit(1)
    except BaseException as exc:  # noqa: BLE001 - a bug still must not greet a clerk with a traceback
        from .loader import plugin_error

        if isinstance(exc, SystemExit):
            raise
        culprit = plugin_error(exc)
        if debug_enabled():
            raise
        if culprit:  # a plugin's code outside the pipeline's named hooks (a question's check, show)
            err(f"错误：{culprit}")
            sys.exit(1)
        err(f"内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行查看详情，并把输出反馈给维护者。")
        sys.exit(2)
