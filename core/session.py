"""The interactive session of ``gongwen new``: the questionnaire, its interruption (Ctrl-C,
Ctrl-D, a closed terminal, SIGTERM), saving the answers, resuming, and the finished file.

Nothing a user typed is lost: an interrupted questionnaire is saved as an unfinished
answers file (never over an existing file), and the finished answers are saved before the
document is built and written.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from . import keys
from .doctype import DocumentType
from .errors import AnswersInvalid, GongwenError
from .terminal import EXIT_INTERRUPTED, debug_enabled, err, shell_quote


@dataclass
class NewOptions:
    """What ``gongwen new`` was asked to do."""

    output: Path
    fmt: str | None = None
    force: bool = False
    answers: Path | None = None
    resume: Path | None = None
    save_answers: Path | None = None
    no_input: bool = False


def run_new(dt: DocumentType, opts: NewOptions, loaded: Any = None,
            start: tuple[dict, set[str]] | None = None) -> None:
    """Ask (unless ``no_input``), save the answers, then build and write the document.

    ``loaded``: the :class:`gongwen.pipeline.Loaded` answers file given with ``--answers``
    or ``--resume``; ``start``: answers carried from another file (``--from``) and the keys
    not to ask again.
    """
    from .ask import REVIEW
    from .fileio import ensure_writable
    from .pipeline import build, choose_template, draft_findings, prepare, write_document

    output, force, resume = opts.output, opts.force, opts.resume
    source = resume or opts.answers
    save_to = opts.save_answers or resume or output.with_suffix(".toml")
    if _same_file(save_to, output):
        raise GongwenError("答案文件与输出文件不能是同一个文件，请用 --save-answers 另指定。")
    own = resume is not None and _same_file(save_to, resume)  # continuing a file may update it
    ensure_writable(output, force)
    ensure_writable(save_to, force or own)
    raw: dict = dict(loaded.raw) if loaded is not None else {}
    keep: set[str] = set(keys.answered(raw))
    if start is not None:
        raw, keep = start
    if loaded is not None and resume is not None and loaded.unfinished is not None:
        keep |= _passed(dt, loaded.unfinished)  # taken as computed before the stop: not asked again
        if loaded.unfinished != REVIEW:
            keep.discard(loaded.unfinished)  # the question that was open is asked again, its answer as default
    if not opts.no_input:
        if not sys.stdin.isatty():
            raise GongwenError("当前不是交互式终端，无法提问。请改用 --answers 答案文件 --no-input，"
                               "或用 gongwen render 答案文件 -o 输出文件。")
        resume_args = _resume_args(dt.id, output, opts.fmt, force)
        raw = _questionnaire(dt, raw, keep, save_to, resume if own else None, resume_args)
    from .answers import dump_answers

    saved = {k: v for k, v in raw.items() if k not in (keys.TYPE, keys.OUTLINE)}
    try:  # a plugin's validate or vocabulary runs here: the answers are saved whatever it does
        prep = prepare(dt, raw)
    except GongwenError as exc:
        at = _save_answers_text(dump_answers(dt, saved, raw.get(keys.OUTLINE)), save_to, force or own)
        raise GongwenError(f"{exc}\n回答已保存在 {at}，问题解决后可运行：gongwen render {shell_quote(at)} "
                           f"-o {shell_quote(output)}") from exc
    except BaseException:
        _save_answers_text(dump_answers(dt, saved, raw.get(keys.OUTLINE)), save_to, force or own, quiet=False)
        raise
    for w in prep.warnings:
        err(f"提示：{source or '回答'} 中 {w}")
    if opts.no_input:  # the defaults taken, except those derived from other answers (they stay derived)
        saved = {**{q.key: prep.answers[q.key] for q in dt.questions
                    if q.key in prep.answers and not q.computed}, **saved}
    text = dump_answers(dt, saved, raw.get(keys.OUTLINE), derived=prep.answers)
    saved_at = _save_answers_text(text, save_to, force or own)  # before anything that can fail
    again = f"gongwen render {shell_quote(saved_at)} -o {shell_quote(output)}" + (" --force" if force else "")
    try:
        if prep.problems:
            raise AnswersInvalid(prep.problems)
        doc = build(prep)
        notes: list[str] = []
        write_document(doc, output, opts.fmt, choose_template(dt, raw, source), force, notes)
        for note in notes:
            err(f"提示：{note}")
        for finding in draft_findings(doc):
            err(f"请核对 {output}：{finding}")
    except GongwenError as exc:
        raise GongwenError(f"{exc}\n回答已保存在 {saved_at}，问题解决后可运行：{again}") from exc
    typer.echo(f"已生成：{output}\n答案已保存：{saved_at}"
               f"（修改后可用 gongwen render {shell_quote(saved_at)} -o {shell_quote(output)} --force 重新生成）")


EXIT_EOF = 1  # Ctrl-D / end of input
_SIGNAL_EXIT = {"SIGHUP": 129, "SIGTERM": 143}


def _same_file(a: Path, b: Path) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def _passed(dt: DocumentType, position: str) -> set[str]:
    """The questions before ``position`` (all of them at the review step): already gone through."""
    order = [q.key for q in dt.questions]
    return set(order[: order.index(position)] if position in order else order)


def _resume_args(type_id: str, output: Path, fmt: str | None, force: bool) -> str:
    extra = (f" --format {fmt}" if fmt else "") + (" --force" if force else "")
    return f"gongwen new {shell_quote(type_id)} -o {shell_quote(output)}{extra}"


def _questionnaire(dt, raw: dict, keep: set[str], save_to: Path, resume: Path | None, resume_args: str) -> dict:
    """Run the questionnaire; on Ctrl-C, Ctrl-D, a closed terminal (SIGHUP) or SIGTERM
    save every answer given so far as an unfinished answers file and exit."""
    import signal

    from .ask import Questionnaire

    q = Questionnaire(dt, raw, keep=keep)
    caught: list[str] = []

    def on_signal(signum, _frame):
        caught.append(signal.Signals(signum).name)
        raise KeyboardInterrupt

    stops = [getattr(signal, name) for name in _SIGNAL_EXIT if hasattr(signal, name)]
    before = {sig: signal.signal(sig, on_signal) for sig in stops}
    try:
        return q.run()
    except (KeyboardInterrupt, EOFError, Exception) as exc:  # noqa: BLE001 - whatever stops it, keep the answers
        for sig in [signal.SIGINT, *stops]:
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the saving
        if isinstance(exc, KeyboardInterrupt):
            why, code = ("终端已关闭", _SIGNAL_EXIT[caught[0]]) if caught else ("已按 Ctrl-C 中断", EXIT_INTERRUPTED)
        elif isinstance(exc, EOFError):
            why, code = "输入已结束（Ctrl-D）", EXIT_EOF
        elif isinstance(exc, GongwenError):  # a plugin's check or wording failed (PluginError)
            why, code = str(exc).rstrip("。"), 1
        else:
            why, code = f"出现内部错误（{type(exc).__name__}: {exc}）", 2
        partial, position = q.partial()
        message = _save_partial(dt, partial, position, save_to, resume, resume_args, why)
        _say_quietly(message)
        if caught:
            os._exit(code)  # the terminal is gone: do not wait on flushing it
        if debug_enabled() and code == 2:
            raise
        raise typer.Exit(code) from None
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _say_quietly(text: str) -> None:
    """Print to stderr; a closed terminal is not an error any more."""
    try:
        typer.echo(text, err=True)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _partial_target(save_to: Path, resume: Path | None) -> Path:
    """Where an unfinished file goes: ``save_to`` when free (or it is the file being
    resumed), else ``<name>.partial.toml``, ``<name>.partial-2.toml``, ... -- an existing
    file is never overwritten by an unfinished one."""
    stem = save_to.name[: -len(save_to.suffix)] if save_to.suffix else save_to.name
    candidates = [save_to, save_to.with_name(f"{stem}.partial.toml")]
    candidates += [save_to.with_name(f"{stem}.partial-{i}.toml") for i in range(2, 100)]
    for path in candidates:
        if not path.exists() or (resume is not None and _same_file(path, resume)):
            return path
    return candidates[-1]  # pragma: no cover


def _save_partial(dt, raw: dict, position: str, save_to: Path, resume: Path | None,
                  resume_args: str, why: str) -> str:
    """Save an unfinished answers file (falling back to the home folder, then the temporary
    folder); returns the message for the user."""
    import tempfile

    from .answers import dump_answers
    from .fileio import atomic_write

    answered = list(keys.answered(raw))
    if not answered and keys.OUTLINE not in raw:
        return f"{why}。尚未填写任何回答，未保存文件。"
    target = _partial_target(save_to, resume)
    fallbacks = [target, Path.home() / f"gongwen-未完成-{target.name}",
                 Path(tempfile.gettempdir()) / f"gongwen-未完成-{target.name}"]
    problems = []
    for path in fallbacks:
        resume_cmd = f"{resume_args} --resume {shell_quote(path)}"
        note = [f"填写中断时保存，尚未填完。继续填写：{resume_cmd}",
                "也可直接用 gongwen render 生成：未填的问题按默认值处理。"]
        text = dump_answers(dt, raw, raw.get(keys.OUTLINE), unfinished=position, note=note)
        try:
            atomic_write(path, text.encode("utf-8"), force=path == target and path.exists())
        except GongwenError as exc:
            problems.append(str(exc))
            continue
        lines = [f"{why}。已填写的 {len(answered)} 项回答已保存到：{path}"]
        if problems:
            lines.insert(0, "（未能保存到原定位置：" + "；".join(problems) + "）")
        elif path != save_to:
            lines.append(f"（{save_to} 已存在，为不覆盖它，改存为上述文件）")
        lines.append(f"继续填写：{resume_cmd}")
        return "\n".join(lines)
    return "\n".join([f"{why}。无法保存回答（" + "；".join(problems) + "）。以下是已填写的回答，请复制保存：",
                      dump_answers(dt, raw, raw.get(keys.OUTLINE), unfinished=position)])


def _save_answers_text(text: str, save_to: Path, force: bool, quiet: bool = True) -> Path:
    """Save the finished answers; if that fails, keep them elsewhere and say where (and, unless
    ``quiet``, say where they are when it works)."""
    import tempfile

    from .fileio import atomic_write

    try:
        atomic_write(save_to, text.encode("utf-8"), force)
        if not quiet:
            err(f"回答已保存在 {save_to}")
        return save_to
    except GongwenError as exc:
        for spare in (Path.home() / f"gongwen-{save_to.name}", Path(tempfile.gettempdir()) / f"gongwen-{save_to.name}"):
            if spare.exists():
                continue
            try:
                atomic_write(spare, text.encode("utf-8"))
            except GongwenError:
                continue
            err(f"提示：{exc}\n回答已改存到：{spare}")
            return spare
        raise GongwenError(f"{exc}\n无法保存回答，以下是回答的内容，请复制保存：\n{text}") from exc


