"""Compiled Word templates kept between processes, in Jinja's own bytecode cache.

Compiling a template's parts is most of what reading a template costs (the body alone is
about 170 calls to Python's ``compile``), and a fresh ``gongwen render`` process would pay
it every time.  Each part's code is kept by :class:`jinja2.FileSystemBytecodeCache` in a
per-user cache folder (:mod:`gongwen.usercache`).

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
import sys
import time
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

from .usercache import CACHE_ENV, cache_dir, private, usable_dir

if TYPE_CHECKING:
    from jinja2 import Template

__all__ = ["CACHE_ENV", "cache_dir", "content_key", "load", "store"]

_PATTERN = "template-%s.jinja"
#: Entries older than this are deleted when a new entry is written (an entry in use is
#: then compiled and written again once).
MAX_AGE_DAYS = 30
#: Modules whose source shapes the compiled code or decides what is checked.
_SHAPING_MODULES = ("render_jinja.py", "render_template.py", "render_bytecode.py")


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
        if not private(folder):
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
        folder = usable_dir()
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
