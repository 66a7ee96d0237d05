"""Worker processes for ``gongwen batch``, each given one job at a time, so that the parent always
knows which job each one has.

* A worker that dies (killed, out of memory) costs only the job it had: :meth:`Pool.results`
  reports that job as :class:`Died`, and a fresh worker takes the dead one's place.
* :meth:`Pool.stop` (on Ctrl-C, SIGTERM or SIGHUP) ends every worker at once: SIGTERM, which a
  worker turns into an exception so that the file it is writing is removed as after Ctrl-C,
  then SIGKILL for one still there after :data:`GRACE` seconds.
* Workers never outlive the parent: they ignore Ctrl-C (the parent decides what to do with it),
  and they end when the parent does -- ``PR_SET_PDEATHSIG`` on Linux, and everywhere when their
  parent process changes or their pipe to it closes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

#: Seconds a worker has to end after SIGTERM before it is killed.
GRACE = 3.0


@dataclass(frozen=True)
class Died:
    """The worker that had the job ended without an answer: its exit code (``-9``: SIGKILL)."""

    exitcode: int | None

    def describe(self) -> str:
        code = self.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else f"信号 {-code}"
            cause = "，常见原因是内存不足" if -code == getattr(signal, "SIGKILL", 9) else ""
            return f"处理这个文件的进程被终止（{name}{cause}）"
        return f"处理这个文件的进程意外退出（退出码 {code}）"


@dataclass
class _Worker:
    process: Any
    conn: Any
    job: Any = None  # the job it has; None when idle


class Pool:
    """``size`` workers, each running ``init(*init_args)`` once and then ``work(job, *work_args)``
    per job (functions importable by name, for start methods other than fork)."""

    def __init__(self, size: int, init: Callable[..., None], init_args: tuple,
                 work: Callable[..., Any], work_args: tuple) -> None:
        import multiprocessing

        self.context = multiprocessing.get_context()
        self.size = size
        self.target = (init, init_args, work, work_args)
        self.workers: list[_Worker] = []

    def __enter__(self) -> Pool:
        for _ in range(self.size):
            self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        watch = os.getpid() if self.context.get_start_method() != "forkserver" else None
        process = self.context.Process(target=_worker_main, args=(theirs, watch, *self.target), daemon=True)
        process.start()
        theirs.close()  # so that the worker's end closing is seen here as end of file
        worker = _Worker(process, ours)
        self.workers.append(worker)
        return worker

    def results(self, jobs: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        """Run every job; yields (job, result) as each finishes, the result being a :class:`Died`
        when the worker died with it."""
        from multiprocessing.connection import wait

        pending = deque(jobs)

        def give(worker: _Worker) -> None:
            worker.job = pending.popleft() if pending else None
            if worker.job is not None:
                with contextlib.suppress(OSError):  # already dead: its sentinel will say so
                    worker.conn.send(worker.job)

        for worker in self.workers:
            give(worker)
        while busy := [w for w in self.workers if w.job is not None]:
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy]))
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    job, result = worker.job, self._answer(worker)
                    yield job, result
                    if isinstance(result, Died):
                        if pending:
                            give(self._start())
                    else:
                        give(worker)

    def _answer(self, worker: _Worker) -> Any:
        """The result the worker sent, or :class:`Died` (the worker then removed)."""
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except (EOFError, OSError):
            pass
        worker.process.join()
        self.workers.remove(worker)
        worker.conn.close()
        return Died(worker.process.exitcode)

    def stop(self) -> list[tuple[Any, Any]]:
        """End every worker now (see the module's doc); (job, result or None) for each job
        that was under way -- a result that arrived just before is kept."""
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.process.terminate()
        deadline = time.monotonic() + GRACE
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        stopped = []
        for worker in self.workers:
            result = None
            with contextlib.suppress(EOFError, OSError):
                if worker.job is not None and worker.conn.poll():
                    result = worker.conn.recv()
            if worker.job is not None:
                stopped.append((worker.job, result))
            worker.conn.close()
        self.workers = []
        return stopped

    def close(self) -> None:
        """Let idle workers end (they are told so), then make sure that none is left."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + GRACE
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
        self.stop()


# ---------------------------------------------------------------- in the worker


def _worker_main(conn: Any, parent: int | None, init: Callable[..., None], init_args: tuple,
                 work: Callable[..., Any], work_args: tuple) -> None:
    from .terminal import Stopped

    def stop(signum: int, _frame: Any) -> None:
        raise Stopped(signum)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    if parent is not None:
        _end_with(parent)
    try:
        init(*init_args)
        while (job := conn.recv()) is not None:
            conn.send(work(job, *work_args))
    except (KeyboardInterrupt, EOFError, OSError):  # stopped, or the parent is gone
        pass


def _end_with(parent: int) -> None:
    """End this worker (SIGTERM) when ``parent`` ends, even by SIGKILL."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # gone before that took effect
        os._exit(1)

    def watch() -> None:  # everywhere else: the parent process changes when it has ended
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()
