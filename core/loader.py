"""Load plugins from the ``gongwen`` entry-point group.  A plugin that fails to import, raises in its
hook, targets another API version or claims a taken type id is recorded with its error, never fatal.

``GONGWEN_LOAD_PLUGINS`` (as llm's ``LLM_LOAD_PLUGINS``) chooses the third-party plugins: unset,
all of them; empty, none (the built-in types only); else a comma-separated list of entry-point
or distribution names.  The others are listed by ``gongwen plugins`` as not loaded.

A command about one type (``render``) loads only the plugin that provides it, found through
the index a full load leaves behind (:mod:`gongwen.plugin_index`): :func:`registry_for`."""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import pluggy

from . import hookspecs, plugin_index
from .doctype import DocumentType
from .errors import printable
from .terminal import signals_delivered

GROUP = "gongwen"
BUILTIN_DIST = "gongwen"
LOAD_ENV = "GONGWEN_LOAD_PLUGINS"


@dataclass
class PluginInfo:
    """One entry point of the ``gongwen`` group and what came of loading it."""
    name: str
    dist: str = ""
    version: str = ""
    types: list[str] = field(default_factory=list)
    error: str = ""
    #: Why it was not loaded although nothing is wrong with it (``GONGWEN_LOAD_PLUGINS``).
    skipped: str = ""
    #: The module the entry point names (its code is told apart by it in a traceback).
    module: str = ""
    builtin = property(lambda self: self.dist == BUILTIN_DIST, doc="Shipped with gongwen itself.")


@dataclass
class Registry:
    types: dict[str, DocumentType] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    errors = property(lambda self: [p for p in self.plugins if p.error], doc="The plugins that failed.")
    skipped = property(lambda self: [p for p in self.plugins if p.skipped], doc="The plugins not loaded by choice.")

    def plugin_of(self, exc: BaseException) -> PluginInfo | None:
        """The plugin whose code raised ``exc`` (its innermost frame in a plugin's module), if any."""
        tb, culprit = exc.__traceback__, None
        while tb is not None:
            module = tb.tb_frame.f_globals.get("__name__", "")
            culprit = next((p for p in self.plugins if p.module and (module == p.module
                            or module.startswith(p.module + "."))), culprit)
            tb = tb.tb_next
        return culprit


def chosen(name: str, dist: str, builtin: bool) -> str:
    """Why a plugin is not to be loaded ("" to load it), by ``GONGWEN_LOAD_PLUGINS``."""
    wanted = os.environ.get(LOAD_ENV)
    if builtin or wanted is None:
        return ""
    names = {n.strip().lower().replace("_", "-") for n in wanted.split(",") if n.strip()}
    if {name.lower().replace("_", "-"), dist.lower().replace("_", "-")} & names:
        return ""
    return f"环境变量 {LOAD_ENV} 未列出此插件，未加载" if names else f"环境变量 {LOAD_ENV} 为空，只加载内置插件"


def _describe(exc: BaseException) -> str:
    return printable(f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[0]}".rstrip(": "))


def api_error(module: object) -> str:
    """Why a plugin's ``GONGWEN_API`` is refused ("" when it matches or is absent)."""
    wanted, have = getattr(module, "GONGWEN_API", hookspecs.API_VERSION), hookspecs.API_VERSION
    return "" if str(wanted) == str(have) else (
        f"插件为 gongwen 插件接口第 {wanted} 版编写，而已安装的 gongwen 的插件接口为第 {have} 版，未加载")


def load_entry_points(registry: Registry, pm: pluggy.PluginManager) -> dict[str, plugin_index.Entry]:
    """Import and register every entry point, built-in plugins first, then by name; what was
    found, by entry-point name (for the index)."""
    from importlib.metadata import entry_points

    found = {}
    for ep in sorted(entry_points(group=GROUP), key=lambda ep: (getattr(ep.dist, "name", "") != BUILTIN_DIST, ep.name)):
        entry = plugin_index.Entry(ep.name, ep.value, getattr(ep.dist, "name", ""), getattr(ep.dist, "version", ""))
        found.setdefault(ep.name, entry)
        load_one(registry, pm, entry, ep.load)
    return found


def _import(value: str) -> object:
    """What an entry point's ``module:attr`` value names (as ``EntryPoint.load``)."""
    module, _, attrs = value.partition(":")
    obj = importlib.import_module(module.strip())
    for attr in filter(None, attrs.strip().split(".")):
        obj = getattr(obj, attr)
    return obj


def load_one(registry: Registry, pm: pluggy.PluginManager, entry: plugin_index.Entry,
             load: Callable[[], object]) -> None:
    """Import and register one entry point; whatever goes wrong is recorded on its PluginInfo."""
    info = PluginInfo(printable(entry.name), printable(entry.dist), printable(entry.version),
                      module=entry.value.partition(":")[0].strip())
    registry.plugins.append(info)
    if pm.has_plugin(entry.name):
        info.error = f"插件名 {info.name} 已被另一个插件使用，未加载"
        return
    info.skipped = chosen(entry.name, entry.dist, info.builtin)
    if info.skipped:
        return
    signals = signals_delivered()
    try:
        module = load()
        if not (error := api_error(module)):
            pm.register(module, name=entry.name)
        info.error = error
    except BaseException as exc:  # noqa: BLE001 - even KeyboardInterrupt/SystemExit: isolate the plugin
        if isinstance(exc, KeyboardInterrupt) and signals_delivered() != signals:
            raise  # the user pressed Ctrl-C (or sent SIGTERM) while it loaded: not the plugin's doing
        info.error = f"导入失败（{_describe(exc)}），未加载"


def collect_types(registry: Registry, pm: pluggy.PluginManager) -> None:
    """Ask each plugin for its types, in load order: the first to claim an id keeps it."""
    by_name = {p.name: p for p in registry.plugins if not p.error}
    for impl in pm.hook.gongwen_document_types.get_hookimpls():
        info = by_name.setdefault(printable(impl.plugin_name), PluginInfo(printable(impl.plugin_name)))
        try:
            declared = list(impl.function() or [])
            for bad in (d for d in declared if not isinstance(d, DocumentType)):
                raise TypeError(f"返回值中有 {type(bad).__name__}，应为 DocumentType 列表")
        except BaseException as exc:  # noqa: BLE001
            info.error = f"gongwen_document_types 出错（{_describe(exc)}），其文种未加载"
            continue
        for dt in declared:
            other, problems = registry.types.get(dt.id), dt.check()
            why = (f"文种“{printable(dt.id)}”声明有误（{'；'.join(problems[:3])}），未加载" if problems else
                   f"文种标识“{dt.id}”已由插件 {other.plugin} 提供，插件 {info.name} 的同名文种未加载" if other else "")
            if why:
                info.error = "；".join(filter(None, [info.error, why]))
                continue
            dt.name = printable(dt.name)  # shown on terminals: no escape sequences
            dt.description = "\n".join(map(printable, str(dt.description).split("\n")))
            dt.plugin, registry.types[dt.id] = info.name, dt
            info.types.append(dt.id)


def plugin_error(exc: BaseException) -> str:
    """One Chinese line for an error raised in a plugin's code outside the hooks the pipeline
    names (:func:`gongwen.pipeline.plugin_call`); "" when no plugin's code raised it."""
    info = next((p for reg in _loaded for p in [reg.plugin_of(exc)] if p), None)
    if info is None:
        return ""
    if info.builtin:
        return f"内置插件 {info.name} 出错：{_describe(exc)}。请加 --debug 重新运行查看详情，并把输出反馈给维护者。"
    return (f"插件 {info.name}（{info.dist or '未知发行包'} {info.version}）出错："
            f"{_describe(exc)}。请把这条信息告诉插件作者；"
            f"要暂时停用第三方插件，可设环境变量 {LOAD_ENV}（见 gongwen plugins）").replace("  ", " ")


#: The registries this process has loaded (a full one, or one plugin's), to name a culprit.
_loaded: list[Registry] = []


def _new() -> tuple[Registry, pluggy.PluginManager]:
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    return Registry(), pm


@functools.cache
def get_registry() -> Registry:
    """All plugins and document types of this process (loaded once); the index of which entry
    point provides which type is kept for :func:`registry_for`."""
    registry, pm = _new()
    found = load_entry_points(registry, pm)
    collect_types(registry, pm)
    _loaded.append(registry)
    plugin_index.write(LOAD_ENV, {t: found[p.name] for p in registry.plugins for t in p.types if p.name in found})
    return registry


@functools.cache
def registry_for(type_id: str) -> Registry | None:
    """The one plugin that provides ``type_id`` (by the index of the last full load), loaded as
    in a full load; None when the index does not know the type or the plugin no longer gives it."""
    entry = plugin_index.read(LOAD_ENV).get(type_id)
    if entry is None:
        return None
    registry, pm = _new()
    load_one(registry, pm, entry, lambda: _import(entry.value))
    collect_types(registry, pm)
    if type_id not in registry.types:
        return None
    _loaded.append(registry)
    return registry


class TypesOnDemand(Mapping[str, DocumentType]):
    """The document types, as a mapping that loads only the plugin of a type asked for by id
    (:func:`registry_for`), and every plugin only when it must (iterating, an unknown id)."""

    def __init__(self, full: Callable[[], Registry] = get_registry) -> None:
        self._full = full

    def __getitem__(self, type_id: str) -> DocumentType:
        one = registry_for(type_id) if isinstance(type_id, str) else None
        return one.types[type_id] if one is not None else self._full().types[type_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._full().types)

    def __len__(self) -> int:
        return len(self._full().types)
