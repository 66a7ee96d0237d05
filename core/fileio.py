"""Every file gongwen writes goes through here: no clobbering, atomic replace."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from .errors import GongwenError
from .terminal import signals_held

#: The files this process has written (moved into place), in order.
_written: list[Path] = []


def written() -> list[Path]:
    """Every file written so far by this process (to say truthfully what an interrupted command left)."""
    return list(_written)


def ensure_writable(path: Path, force: bool) -> None:
    """Refuse early (before any question is asked) when ``path`` cannot be written."""
    try:
        _check_writable(Path(path), force)
    except OSError as exc:  # a name too long for the file system, a folder that cannot be read
        raise GongwenError(describe_os_error(exc, Path(path))) from exc


def _check_writable(path: Path, force: bool) -> None:
    if path.is_dir():
        raise GongwenError(f"“{path}”是一个文件夹，请给出文件名，例如 {path / '草稿.docx'}")
    if path.is_symlink() and not path.exists() and not force:
        raise GongwenError(f"“{path}”是一个符号链接，它指向的位置不存在；未覆盖。"
                           "如需覆盖请加 --force，或换一个文件名。")
    if path.exists() and not force:
        raise GongwenError(f"文件“{path}”已存在，未覆盖。如需覆盖请加 --force，或换一个文件名。")
    if not path.parent.exists():
        raise GongwenError(f"文件夹“{path.parent}”不存在，请先创建它或换一个输出位置。")
    if not path.parent.is_dir():
        raise GongwenError(f"“{path.parent}”不是文件夹，请换一个输出位置。")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise GongwenError(f"没有权限在文件夹“{path.parent}”中写入文件，请换一个输出位置。")


def check_regular(path: Path, what: str) -> os.stat_result:
    """``path`` is a regular file to read as ``what`` (a FIFO, a device such as /dev/zero or a
    socket would never end, or never start); its status."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise GongwenError(f"{what}“{path}”不存在。") from None
    except OSError as exc:
        raise GongwenError(f"无法读取{what}“{path}”：{exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise GongwenError(f"“{path}”是一个文件夹，请给出{what}的路径。")
    if not stat.S_ISREG(st.st_mode):
        raise GongwenError(f"“{path}”不是普通文件（而是设备、管道或套接字），无法作为{what}读取。")
    return st


def read_input(path: Path, what: str, limit: int, hint: str = "") -> bytes:
    """The bytes of a regular file the user named as input, of at most ``limit`` bytes."""
    too_big = GongwenError(f"{what}“{path}”超过 {limit // (1024 * 1024)} MB 的上限，未读取。{hint}".rstrip())
    if check_regular(path, what).st_size > limit:
        raise too_big
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise GongwenError(f"无法读取{what}“{path}”：{exc.strerror or exc}") from exc
    if len(data) > limit:  # it grew while we read it
        raise too_big
    return data


def atomic_write(path: Path, data: bytes, force: bool = False, user_file: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then replace it atomically.

    On any failure the earlier file (if any) is left as it was and the temporary file
    is removed; the error says what happened in Chinese.  A file that is not the user's
    (``user_file=False``: gongwen's own cache) is not listed by :func:`written`.
    """
    path = Path(path)
    ensure_writable(path, force)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            _set_mode(fh.fileno(), path)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.path.lexists(path) and not force:  # appeared while we were writing
            raise GongwenError(f"文件“{path}”已存在，未覆盖。如需覆盖请加 --force。")
        with signals_held():  # a Ctrl-C or SIGTERM now: the file is in place and known to be
            os.replace(tmp_name, path)
            tmp_name = None
            if user_file:
                _written.append(path)
    except OSError as exc:
        raise GongwenError(describe_os_error(exc, path)) from exc
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _set_mode(fd: int, path: Path) -> None:
    """Give the new file the mode of the file it replaces, else the usual one (umask).

    mkstemp creates files readable by their owner only, which colleagues on a shared
    drive could not open.
    """
    if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
        return
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)


def describe_os_error(exc: OSError, path: Path) -> str:
    """A Chinese sentence for a failed write: what happened and what to do."""
    code = exc.errno
    if code == errno.ENOSPC:
        return f"磁盘空间不足，未能写入“{path}”；原有文件未改动。请清理磁盘后重试。"
    if code in (errno.EACCES, errno.EPERM):
        return (f"没有权限写入“{path}”（文件可能正在 Word/WPS 中打开，或文件夹只读）；"
                "原有文件未改动。请关闭该文件或换一个位置后重试。")
    if code == errno.ENOENT:
        return f"文件夹“{path.parent}”不存在，请先创建它或换一个输出位置。"
    if code == errno.EROFS:
        return f"“{path.parent}”所在磁盘只读，无法写入“{path.name}”；原有文件未改动。请换一个输出位置。"
    if code in (errno.EBUSY, errno.ETXTBSY):
        return f"“{path}”正被其他程序占用，未能写入；原有文件未改动。请关闭该文件后重试。"
    if code == errno.EDQUOT:
        return f"磁盘配额已用完，未能写入“{path}”；原有文件未改动。请清理空间后重试。"
    if code == errno.ENAMETOOLONG:
        name = path.name if len(path.name) <= 40 else f"{path.name[:20]}…{path.name[-10:]}"
        return (f"文件名“{name}”太长（{len(path.name.encode())} 字节；多数文件系统最多 255 字节，"
                "一个汉字占 3 字节），请换一个短一些的文件名。")
    if code == errno.EISDIR:
        return f"“{path}”是一个文件夹，请给出文件名。"
    return f"写入“{path}”失败：{exc.strerror or exc}；原有文件未改动。"
