"""A command and its terminal: output that can never fail a command that did its work, and
SIGTERM/SIGHUP handled like Ctrl-C.

* :func:`guarded_output` puts :class:`GuardedStream` in place of ``sys.stdout`` and
  ``sys.stderr`` while a command runs.  A character the stream's encoding lacks (an emoji on a
  GBK console, Chinese on latin-1) is written as a ``\\U0001f600`` escape; a write that fails (a
  closed pipe as in ``gongwen show … | head -1``, ``/dev/full``, a terminal that has gone away)
  is dropped, and so is everything after it on that stream.  The document is written all the
  same, and the exit status is the command's own.
* :func:`catch_signals`: SIGTERM and SIGHUP raise :class:`Stopped`, a ``KeyboardInterrupt``, so
  that they take the path of Ctrl-C: an atomic write removes its temporary file, a batch stops
  its workers, the command says what was (not) written and exits with 128 + the signal number.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

# ---------------------------------------------------------------- signals

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
CANCELLED = "已取消，未写入文件。"


def err(text: str) -> None:
    """A line for the user on standard error."""
    print(text, file=sys.stderr, flush=True)


def shell_quote(path: object) -> str:
    """``path`` as a shell reads it back, for a command the user is told to run next."""
    import shlex  # only when a command is suggested: not on a render's path

    return shlex.quote(str(path))


def debug_enabled() -> bool:
    """``--debug`` (or ``GONGWEN_DEBUG``): show tracebacks."""
    return os.environ.get("GONGWEN_DEBUG", "") not in ("", "0")


def shorten(text: object, width: int) -> str:
    """A text cut to ``width`` characters with "…" (one line: line breaks become spaces), for
    menus, tables and messages that quote an answer."""
    text = str(text).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def cancelled_text(since: int = 0) -> str:
    """What an interrupted command says: "已取消，未写入文件。", or the files it did write
    (those after the first ``since`` this process wrote)."""
    from .fileio import written

    done = written()[since:]
    return f"已取消。已写入：{'、'.join(map(str, done))}" if done else CANCELLED


#: Signals that stop a command: Ctrl-C, ``kill`` and a closed terminal.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_delivered = 0


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP (or SIGINT, seen by :func:`catch_signals`): the command is to stop."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def exit_code(exc: BaseException) -> int:
    """128 + the signal that stopped the command (130 for Ctrl-C), as shells report it."""
    return 128 + getattr(exc, "signum", signal.SIGINT)


def signal_name(exc: BaseException) -> str:
    """How the user stopped the command, in the words of a message."""
    signum = getattr(exc, "signum", signal.SIGINT)
    return "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name


def signals_delivered() -> int:
    """How many stopping signals :func:`catch_signals` has seen (a ``KeyboardInterrupt`` raised
    while this number did not change came from code, not from the user)."""
    return _delivered


def _on_signal(signum: int, _frame: Any) -> None:
    global _delivered
    _delivered += 1
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


@contextlib.contextmanager
def catch_signals() -> Iterator[None]:
    """SIGINT raises ``KeyboardInterrupt``, SIGTERM and SIGHUP :class:`Stopped`, while the block
    runs.  A signal ignored when gongwen started (``nohup``, a background job) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {}
    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            before[signum] = signal.signal(signum, _on_signal)
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def ignore_signals() -> None:
    """From now on Ctrl-C, SIGTERM and SIGHUP are ignored: a command cleaning up after one
    must not be interrupted by the next."""
    if threading.current_thread() is threading.main_thread():
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Stopping signals wait until the block has run (a file moved into place is then also
    recorded as written)."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:  # pragma: no cover - Windows
        yield
        return
    old = mask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, old)


# ---------------------------------------------------------------- output


class GuardedStream:
    """A text stream whose ``write`` and ``flush`` never raise (see the module's doc).
    ``failed`` is the error that stopped output on it, if any."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.failed: BaseException | None = None

    def write(self, text: str) -> int:
        if self.failed is None:
            try:
                try:
                    self._stream.write(text)
                except UnicodeEncodeError:
                    codec = getattr(self._stream, "encoding", None) or "utf-8"
                    self._stream.write(text.encode(codec, "backslashreplace").decode(codec))
            except (OSError, ValueError) as exc:
                self._give_up(exc)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.failed is None:
            try:
                self._stream.flush()
            except (OSError, ValueError) as exc:
                self._give_up(exc)

    def _give_up(self, exc: BaseException) -> None:
        """Drop this stream's output from now on; what is still buffered goes to the null
        device (the interpreter flushes the stream once more as it exits)."""
        self.failed = exc
        with contextlib.suppress(OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both
            fd = self._stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` guarded while the block runs (restored after it)."""
    real = sys.stdout, sys.stderr
    if real[0] is None or real[1] is None:  # pragma: no cover - no console at all (pythonw)
        yield
        return
    sys.stdout, sys.stderr = GuardedStream(real[0]), GuardedStream(real[1])  # type: ignore[assignment]
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        sys.stdout, sys.stderr = real
