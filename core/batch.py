"""``gongwen batch``: render many answers files at once, in parallel worker processes.

Every answers file goes through the same path as ``gongwen render`` (read, prepare,
build, :func:`gongwen.render.write_document`).  Workers live for the whole batch and are
warmed once by :func:`init_worker` (plugins loaded, the Word template read and compiled),
so each further document costs only its own answers, context and writing.  A bad file is
reported with its reason and never stops the others; a worker that dies costs only the file
it had (:mod:`gongwen.pool`).  Ctrl-C, SIGTERM or SIGHUP stop the batch at once, and the
summary says which files were written -- each one whole, none half-written.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AnswersInvalid, GongwenError

#: At most this many warnings are shown per file; the rest are counted.
MAX_WARNINGS = 3


@dataclass(frozen=True)
class Job:
    """One answers file and the file it becomes."""

    source: Path
    output: Path


@dataclass
class Outcome:
    """What came of one answers file: ``error`` is empty when it was written."""

    source: Path
    output: Path | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class Settings:
    """What every document of a batch shares."""

    fmt: str = "docx"
    template: Path | None = None
    force: bool = False


# ------------------------------------------------------------------ planning


def output_name(source: Path, fmt: str) -> str:
    return f"{source.stem}.{fmt}"


def plan(files: Iterable[Path], out_dir: Path, settings: Settings) -> tuple[list[Job], list[Outcome]]:
    """The jobs to run and the files refused before rendering: two inputs that would
    write the same output, or an output that exists (without ``force``).  The same
    file given twice is rendered once."""
    from .fileio import ensure_writable

    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(Path(f).resolve(), Path(f))
    by_name: dict[str, list[Path]] = {}
    for source in unique.values():
        # case-insensitively: two names differing in case are one file on Windows and macOS
        by_name.setdefault(output_name(source, settings.fmt).casefold(), []).append(source)
    jobs: list[Job] = []
    refused: list[Outcome] = []
    for source in unique.values():
        name = output_name(source, settings.fmt)
        same = [s for s in by_name[name.casefold()] if s != source]
        if same:
            others = "、".join(str(s) for s in same)
            refused.append(Outcome(source, error=f"与 {others} 的输出文件同名（{name}），为免互相覆盖均未生成；"
                                                 "请把其中一个答案文件改名后重试"))
            continue
        output = out_dir / name
        try:
            ensure_writable(output, settings.force)
        except GongwenError as exc:
            refused.append(Outcome(source, output, error=str(exc)))
            continue
        jobs.append(Job(source, output))
    return jobs, refused


# ------------------------------------------------------------------ one document


def init_worker(settings: Settings) -> None:
    """Make a process ready to render: plugins loaded, the template read and compiled.
    Runs once per worker process (and once in-process for ``--jobs 1``).  A worker renders many
    documents: the cycle collector the command line turned off is on again."""
    import gc

    gc.enable()
    from .loader import get_registry
    from .model import Document
    from .pipeline import document_bytes

    get_registry()
    if settings.fmt == "docx":
        with contextlib.suppress(Exception):  # a broken template is reported per document instead
            document_bytes(Document(title="预热"), "docx", settings.template)


def render_one(job: Job, settings: Settings) -> Outcome:
    """Render one answers file the way ``gongwen render`` does; never raises."""
    outcome = Outcome(job.source, job.output)
    try:
        _render(job, settings, outcome.warnings)
    except AnswersInvalid as exc:
        outcome.error = "；".join(str(p) for p in exc.problems)
    except GongwenError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one broken file must not stop the batch
        outcome.error = f"内部错误（{type(exc).__name__}: {exc}）"
    if outcome.error:
        outcome.output = None
    return outcome


def _render(job: Job, settings: Settings, warnings: list[str]) -> None:
    from .loader import get_registry
    from .pipeline import render_file

    render_file(job.source, job.output, get_registry().types, fmt=settings.fmt, template=settings.template,
                force=settings.force, warn=warnings.append, recheck=lambda f: warnings.append(f"请核对：{f}"))


# ------------------------------------------------------------------ running


class Cancelled(Exception):
    """The batch was stopped (Ctrl-C, SIGTERM, SIGHUP): the outcome of every job, truthfully --
    written, not written, or written just before the stop -- and the signal's exception."""

    def __init__(self, outcomes: list[Outcome], stop: BaseException) -> None:
        super().__init__("cancelled")
        self.outcomes, self.stop = outcomes, stop


NOT_WRITTEN = "已取消，未生成"


def run(jobs: list[Job], settings: Settings, workers: int,
        progress: Callable[[Outcome], None] = lambda _: None) -> list[Outcome]:
    """Render every job, ``workers`` at a time; results in the order of ``jobs``.

    With one worker everything runs in this process; otherwise in long-lived worker processes
    (:mod:`gongwen.pool`), each warmed once by :func:`init_worker`.  Ctrl-C, SIGTERM or SIGHUP
    stop everything at once and raise :class:`Cancelled`: no file is left half-written.
    """
    from .terminal import catch_signals, ignore_signals

    if not jobs:
        return []
    before = {job: _stamp(job.output) for job in jobs}
    done: dict[Job, Outcome] = {}
    try:
        with catch_signals():
            if workers <= 1:
                init_worker(settings)
                for job in jobs:
                    done[job] = render_one(job, settings)
                    progress(done[job])
            else:
                _run_pool(jobs, settings, workers, done, before, progress)
    except KeyboardInterrupt as exc:  # SIGTERM and SIGHUP too (gongwen.terminal.Stopped)
        ignore_signals()  # the next Ctrl-C must not cut the clean-up short
        raise Cancelled([done.get(job) or _settle(job, before, NOT_WRITTEN) for job in jobs], exc) from None
    return [done[job] for job in jobs]


def _run_pool(jobs: list[Job], settings: Settings, workers: int, done: dict[Job, Outcome],
              before: dict[Job, tuple | None], progress: Callable[[Outcome], None]) -> None:
    import multiprocessing

    from .pool import Died, Pool
    from .terminal import ignore_signals

    if multiprocessing.get_context().get_start_method() == "fork":
        init_worker(settings)  # once here: forked workers inherit it, their initializer finds it done
    with Pool(workers, init_worker, (settings,), render_one, (settings,)) as pool:
        try:
            for job, result in pool.results(jobs):
                if isinstance(result, Died):
                    result = _settle(job, before, f"{result.describe()}，未生成。可单独重试："
                                                  f"gongwen render {job.source} -o {job.output}")
                done[job] = result
                progress(result)
        except KeyboardInterrupt:
            ignore_signals()
            for job, result in pool.stop():
                if result is not None:
                    done[job] = result
            raise


def _stamp(path: Path) -> tuple | None:
    """What tells a file apart from the one that was there before (None: no file)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size


def _settle(job: Job, before: dict[Job, tuple | None], error: str) -> Outcome:
    """The outcome of a job whose worker ended without saying: written if its output is a new
    file (moved into place just before the end), else ``error``; a temporary file it left is removed."""
    for leftover in job.output.parent.glob(f".{glob.escape(job.output.name)}.*.tmp"):
        if len(leftover.name) == len(job.output.name) + 14:  # mkstemp: 8 random characters
            with contextlib.suppress(OSError):
                leftover.unlink()
    now = _stamp(job.output)
    if now is not None and now != before.get(job):
        return Outcome(job.source, job.output)
    return Outcome(job.source, error=error)


def cpu_count() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_workers(n_files: int) -> int:
    return max(1, min(cpu_count(), n_files))


def summary_lines(outcomes: list[Outcome], seconds: float) -> tuple[str, list[str]]:
    """The summary line and the lines for failures and warnings (file name: reason)."""
    done = sum(o.ok for o in outcomes)
    failed = len(outcomes) - done
    head = f"完成 {done} 份，失败 {failed} 份，用时 {seconds:.1f} 秒"
    lines: list[str] = []
    for o in outcomes:
        if not o.warnings:
            continue
        shown = o.warnings[:MAX_WARNINGS]
        more = len(o.warnings) - len(shown)
        tail = f"（另有 {more} 条，gongwen check {o.source} 查看全部）" if more else ""
        lines.append(f"提示：{o.source}：{'；'.join(shown)}{tail}")
    if failed:
        lines.append("失败的文件：")
        lines += [f"  {o.source}：{o.error}" for o in outcomes if not o.ok]
    return head, lines


def run_batch(files: list[Path], out_dir: Path, fmt: str | None = None, jobs: int | None = None,
              force: bool = False, template: Path | None = None,
              echo: Callable[..., None] | None = None) -> int:
    """The ``gongwen batch`` command: render, show progress and a summary; the exit code
    is 1 when any file failed."""
    from .pipeline import check_format

    echo = echo or _echo
    fmt = fmt or "docx"
    check_format(fmt)
    if fmt == "pdf":
        from .render_pdf import NO_LIBREOFFICE, soffice

        if soffice() is None:
            raise GongwenError(NO_LIBREOFFICE)
    if out_dir.exists() and not out_dir.is_dir():
        raise GongwenError(f"“{out_dir}”不是文件夹：-o 请给出存放输出文件的文件夹。")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GongwenError(f"无法创建输出文件夹“{out_dir}”：{exc.strerror or exc}") from exc
    if template is not None:
        from .fileio import check_regular

        check_regular(template, "模板文件")

    settings = Settings(fmt, template.resolve() if template else None, force)
    started = time.perf_counter()
    todo, refused = plan(files, out_dir, settings)
    if jobs and jobs > cpu_count():
        echo(f"提示：--jobs {jobs} 超过本机可用的 CPU 核数 {cpu_count()}，按 {cpu_count()} 个进程运行。", err=True)
        jobs = cpu_count()
    workers = min(jobs, len(todo)) if jobs else default_workers(len(todo))
    stop: BaseException | None = None
    try:
        rendered = _with_progress(todo, settings, workers)
    except Cancelled as cancelled:
        rendered, stop = cancelled.outcomes, cancelled.stop
    order = {Path(f).resolve(): i for i, f in reversed(list(enumerate(files)))}
    outcomes = sorted(refused + rendered, key=lambda o: order[o.source.resolve()])
    seconds = time.perf_counter() - started
    head, lines = summary_lines(outcomes, seconds) if stop is None else cancelled_lines(outcomes, seconds, stop)
    for line in lines:
        echo(line, err=True)
    echo(f"{head}。输出文件夹：{out_dir}")
    if stop is not None:
        from .terminal import exit_code

        return exit_code(stop)
    return 0 if all(o.ok for o in outcomes) else 1


def cancelled_lines(outcomes: list[Outcome], seconds: float, stop: BaseException) -> tuple[str, list[str]]:
    """The summary of a stopped batch: which files were written (each complete), which were not."""
    from .terminal import signal_name

    written = [o for o in outcomes if o.ok]
    failed = [o for o in outcomes if not o.ok and o.error != NOT_WRITTEN]
    untouched = len(outcomes) - len(written) - len(failed)
    head = (f"已取消（{signal_name(stop)}）：已生成 {len(written)} 份，失败 {len(failed)} 份，"
            f"未生成 {untouched} 份，用时 {seconds:.1f} 秒；没有写了一半的文件")
    lines = ["已生成的文件：", *(f"  {o.output}" for o in written)] if written else []
    if failed:
        lines += ["失败的文件：", *(f"  {o.source}：{o.error}" for o in failed)]
    return head, lines


def _echo(text: str, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def _with_progress(jobs: list[Job], settings: Settings, workers: int) -> list[Outcome]:
    """Run with a progress bar on a terminal (rich, imported only then); silently otherwise,
    so that logs get only the summary."""
    if not jobs or not sys.stderr.isatty():
        return run(jobs, settings, workers)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("正在生成"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[failed]}"))
    # auto_refresh=False: no drawing thread, so that a worker forked later never inherits a lock it holds
    with Progress(*columns, console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("batch", total=len(jobs), failed="")
        bar.refresh()
        failed = 0

        def step(outcome: Outcome) -> None:
            nonlocal failed
            failed += not outcome.ok
            bar.update(task, advance=1, failed=f"失败 {failed}" if failed else "", refresh=True)

        return run(jobs, settings, workers, step)
