"""Compiled Word templates kept between processes, in Jinja's own bytecode cache.

Compiling a template's parts is most of what reading a template costs (the body alone is
about 170 calls to Python's ``compile``), and a fresh ``gongwen render`` process would pay
it every time.  Each part's code is kept by :class:`jinja2.FileSystemBytecodeCache` in a
per-user folder (``platformdirs.user_cache_dir("gongwen")``, or ``$GONGWEN_CACHE_DIR``).

The cache is safe by construction:

- An entry is found by the SHA-256 of the template file's bytes, so an edited template is a
  different key and never meets a stale entry.  The key also holds the part, whether the
  field check ran, and a fingerprint of everything else that shapes the code or the checks
  (Python, jinja2, docxtpl, gongwen and the source of the modules that build and check the
  Jinja source); Jinja adds its own magic bytes and a checksum.
- An entry is written only after its template passed every check, so a hit skips parsing,
  checking and compiling, but never a check that the same content did not pass.
- It is never the reason a render fails: a missing, unwritable, read-only or full folder, a
  corrupt or foreign file, all mean "compile as without a cache", silently.
- The folder is created private to the user (mode 0700); a folder that another user owns
  or that others may write in (on POSIX) is not used, so nobody can plant code for gongwen.

Entries written more than :data:`MAX_AGE_DAYS` ago are removed whenever a new one is
written (an entry still in use is then compiled and written again, once).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import time
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Template

#: Overrides the cache folder (tests point it to a temporary folder).
CACHE_ENV = "GONGWEN_CACHE_DIR"
_PATTERN = "template-%s.jinja"
#: Entries older than this are deleted when a new entry is written (an entry in use is
#: then compiled and written again once).
MAX_AGE_DAYS = 30
#: Modules whose source shapes the compiled code or decides what is checked.
_SHAPING_MODULES = ("render_jinja.py", "render_template.py", "render_bytecode.py")


def cache_dir() -> Path:
    """The folder for compiled templates: ``$GONGWEN_CACHE_DIR`` or the user's cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gongwen", appauthor=False))


@functools.cache
def _fingerprint() -> str:
    import docxtpl
    import jinja2

    from . import __version__

    h = hashlib.sha256(f"{sys.version}|{jinja2.__version__}|{docxtpl.__version__}|{__version__}".encode())
    here = Path(__file__).parent
    for name in _SHAPING_MODULES:
        with contextlib.suppress(OSError):  # no sources (a frozen app): the versions alone
            h.update((here / name).read_bytes())
    return h.hexdigest()


def content_key(data: bytes) -> str:
    """The key of a template's content (its file's bytes)."""
    return hashlib.sha256(data).hexdigest()


def _private(folder: Path) -> bool:
    """The folder is the user's own and nobody else may write in it (POSIX), so that no one
    can plant code for gongwen to run; otherwise the cache is not used at all."""
    if not hasattr(os, "getuid"):
        return True
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _buckets(folder: Path, content: str, partnames: list[str], checked: bool) -> tuple[Any, list[Any]]:
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    from .render_jinja import jinja_env

    cache = FileSystemBytecodeCache(str(folder), _PATTERN)
    kind = "checked" if checked else "builtin"
    buckets = [Bucket(jinja_env(), cache.get_cache_key(name, f"{_fingerprint()}|{content}|{kind}"), content)
               for name in partnames]
    return cache, buckets


def load(content: str, partnames: list[str], checked: bool) -> dict[str, Template] | None:
    """The compiled template of every part of the template file whose content key is
    ``content``, or None unless every part is cached (and loads)."""
    from .render_jinja import from_code

    try:
        folder = cache_dir()
        if not _private(folder):
            return None
        cache, buckets = _buckets(folder, content, partnames, checked)
        compiled = {}
        for name, bucket in zip(partnames, buckets, strict=True):
            cache.load_bytecode(bucket)
            if not isinstance(bucket.code, CodeType):
                return None
            compiled[name] = from_code(bucket.code)
        return compiled
    except Exception:  # noqa: BLE001 - an unreadable or corrupt cache is no cache
        return None


def store(content: str, codes: dict[str, CodeType], checked: bool) -> None:
    """Keep the code of every part; silently does nothing where the folder cannot be written."""
    with contextlib.suppress(Exception):  # read-only, full, not a folder, …: render without
        folder = cache_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        _prune(folder)
        cache, buckets = _buckets(folder, content, list(codes), checked)
        for bucket, code in zip(buckets, codes.values(), strict=True):
            bucket.code = code
            cache.dump_bytecode(bucket)


def _prune(folder: Path) -> None:
    cutoff = time.time() - MAX_AGE_DAYS * 86400
    for path in folder.glob(_PATTERN.split("%s")[0] + "*"):  # entries and leftover temporary files
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
