"""Which entry point provides which document type, remembered between commands, so that a
command about one type (``gongwen render``) imports that type's plugin only, without
importlib.metadata and without importing every other plugin.

The index is written after every full load (:func:`gongwen.loader.get_registry`) and read by
:func:`gongwen.loader.registry_for`.  It is only a hint, safe by construction:

- it is keyed by a fingerprint of what decides the entry points: gongwen's version and plugin
  API, ``GONGWEN_LOAD_PLUGINS``, and every ``entry_points.txt`` of an installed distribution on
  ``sys.path`` (path, size and modification time).  Installing, upgrading or removing any
  package changes it, and a fingerprint not in the index means a full load.  The index keeps
  the last few fingerprints, so that two environments sharing the cache folder (two
  virtualenvs, ``python -m gongwen`` run beside a plugin's source) do not undo each other;
- the plugin it names is loaded as in a full load (API version, isolation of its errors), and
  the type must come out of it; otherwise the command falls back to a full load;
- it lives in the user's private cache folder (:mod:`gongwen.usercache`); a missing, corrupt or
  unwritable index, or a folder another user could write in, means a full load, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from typing import NamedTuple

from . import __version__
from .fileio import atomic_write
from .hookspecs import API_VERSION
from .usercache import cache_dir, private, usable_dir

FILE = "plugin-index.json"
#: How many environments (fingerprints) the index remembers.
KEEP = 8


class Entry(NamedTuple):
    """One entry point of the ``gongwen`` group, as a full load found it."""

    name: str
    value: str
    dist: str
    version: str


def fingerprint(load_env: str) -> str:
    """What the entry points of this interpreter depend on (see the module docstring)."""
    h = hashlib.sha256(f"{__version__}|{API_VERSION}|{os.environ.get(load_env)}".encode())
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:  # not a folder (a zip file, a missing path)
            continue
        for name in names:  # a folder without distributions (the current one) adds nothing
            if name.endswith((".dist-info", ".egg-info")):
                with contextlib.suppress(OSError):
                    path = os.path.abspath(os.path.join(entry or ".", name, "entry_points.txt"))
                    st = os.stat(path)
                    h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _load() -> dict:
    folder = cache_dir()
    if not private(folder):
        return {}
    data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def read(load_env: str) -> dict[str, Entry]:
    """The type id → entry point index, or {} when there is none for this fingerprint."""
    try:
        types = _load().get(fingerprint(load_env), {})
        return {type_id: Entry(**entry) for type_id, entry in types.items()}
    except Exception:  # noqa: BLE001 - no index, a corrupt or foreign one: a full load
        return {}


def write(load_env: str, types: dict[str, Entry]) -> None:
    """Keep the index of a full load; silently nothing where the cache cannot be written."""
    with contextlib.suppress(Exception):
        folder, key = usable_dir(), fingerprint(load_env)
        new = {t: e._asdict() for t, e in sorted(types.items())}
        try:
            old = _load()
        except Exception:  # noqa: BLE001 - missing or corrupt: start afresh
            old = {}
        if old.get(key) == new:
            return
        kept = [(k, v) for k, v in old.items() if k != key][-(KEEP - 1):]
        atomic_write(folder / FILE, json.dumps(dict([*kept, (key, new)]), ensure_ascii=False).encode(), force=True,
                     user_file=False)
