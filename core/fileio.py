"""Every file gongwen writes goes through here: no clobbering, atomic replace."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import GongwenError


def ensure_writable(path: Path, force: bool) -> None:
    """Refuse early (before any question is asked) when ``path`` cannot be written."""
    if path.is_dir():
        raise GongwenError(f"“{path}”是一个文件夹，请给出文件名，例如 {path / '草稿.docx'}")
    if path.exists() and not force:
        raise GongwenError(f"文件“{path}”已存在，未覆盖。如需覆盖请加 --force，或换一个文件名。")
    if not path.parent.exists():
        raise GongwenError(f"文件夹“{path.parent}”不存在，请先创建它或换一个输出位置。")
    if not path.parent.is_dir():
        raise GongwenError(f"“{path.parent}”不是文件夹，请换一个输出位置。")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise GongwenError(f"没有权限在文件夹“{path.parent}”中写入文件，请换一个输出位置。")


def atomic_write(path: Path, data: bytes, force: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then replace it atomically.

    On any failure the earlier file (if any) is left as it was and the temporary file
    is removed; the error says what happened in Chinese.
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
        if path.exists() and not force:  # appeared while we were writing
            raise GongwenError(f"文件“{path}”已存在，未覆盖。如需覆盖请加 --force。")
        os.replace(tmp_name, path)
        tmp_name = None
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
        return f"文件名“{path.name}”太长，请换一个短一些的文件名。"
    if code == errno.EISDIR:
        return f"“{path}”是一个文件夹，请给出文件名。"
    return f"写入“{path}”失败：{exc.strerror or exc}；原有文件未改动。"
