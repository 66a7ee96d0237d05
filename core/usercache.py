"""The per-user cache folder: ``$GONGWEN_CACHE_DIR`` or ``platformdirs.user_cache_dir("gongwen")``.

What gongwen keeps there (compiled templates, the plugin index) only saves time: a folder that
is missing, read-only or not the user's own means "work as without a cache", never an error.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Overrides the cache folder (tests point it to a temporary folder).
CACHE_ENV = "GONGWEN_CACHE_DIR"


def cache_dir() -> Path:
    """The folder: ``$GONGWEN_CACHE_DIR`` or the user's cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gongwen", appauthor=False))


def private(folder: Path) -> bool:
    """The folder is the user's own and nobody else may write in it (POSIX), so that no one
    can plant code or module names for gongwen to load; otherwise the cache is not used at all."""
    if not hasattr(os, "getuid"):
        return True
    info = folder.stat()
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def usable_dir() -> Path:
    """The cache folder, created private to the user if missing; raises OSError (or
    PermissionError) when it cannot be used."""
    folder = cache_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not private(folder):
        raise PermissionError(f"{folder} is not private to this user")
    return folder
