"""Load plugins from the ``gongwen`` entry-point group.  A plugin that fails to import, raises in its
hook, targets another API version or claims a taken type id is recorded with its error, never fatal."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib.metadata import entry_points

import pluggy

from . import hookspecs
from .doctype import DocumentType
from .errors import printable

GROUP = "gongwen"
BUILTIN_DIST = "gongwen"


@dataclass
class PluginInfo:
    """One entry point of the ``gongwen`` group and what came of loading it."""
    name: str
    dist: str = ""
    version: str = ""
    types: list[str] = field(default_factory=list)
    error: str = ""
    builtin = property(lambda self: self.dist == BUILTIN_DIST, doc="Shipped with gongwen itself.")


@dataclass
class Registry:
    types: dict[str, DocumentType] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)
    errors = property(lambda self: [p for p in self.plugins if p.error], doc="The plugins that failed.")


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {(str(exc).strip().splitlines() or [''])[0]}".rstrip(": ")


def api_error(module: object) -> str:
    """Why a plugin's ``GONGWEN_API`` is refused ("" when it matches or is absent)."""
    wanted, have = getattr(module, "GONGWEN_API", hookspecs.API_VERSION), hookspecs.API_VERSION
    return "" if str(wanted) == str(have) else (
        f"插件为 gongwen 插件接口第 {wanted} 版编写，而已安装的 gongwen 的插件接口为第 {have} 版，未加载")


def load_entry_points(registry: Registry, pm: pluggy.PluginManager) -> None:
    """Import and register every entry point, built-in plugins first, then by name."""
    for ep in sorted(entry_points(group=GROUP), key=lambda ep: (getattr(ep.dist, "name", "") != BUILTIN_DIST, ep.name)):
        info = PluginInfo(ep.name, getattr(ep.dist, "name", ""), getattr(ep.dist, "version", ""))
        registry.plugins.append(info)
        if pm.has_plugin(ep.name):
            info.error = f"插件名 {ep.name} 已被另一个插件使用，未加载"
            continue
        try:
            module = ep.load()
            if not (error := api_error(module)):
                pm.register(module, name=ep.name)
            info.error = error
        except BaseException as exc:  # noqa: BLE001 - even KeyboardInterrupt/SystemExit: isolate the plugin
            info.error = f"导入失败（{_describe(exc)}），未加载"


def collect_types(registry: Registry, pm: pluggy.PluginManager) -> None:
    """Ask each plugin for its types, in load order: the first to claim an id keeps it."""
    by_name = {p.name: p for p in registry.plugins if not p.error}
    for impl in pm.hook.gongwen_document_types.get_hookimpls():
        info = by_name.setdefault(impl.plugin_name, PluginInfo(impl.plugin_name))
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
            dt.plugin, registry.types[dt.id] = info.name, dt
            info.types.append(dt.id)


@functools.cache
def get_registry() -> Registry:
    """All plugins and document types of this process (loaded once)."""
    registry, pm = Registry(), pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    load_entry_points(registry, pm)
    collect_types(registry, pm)
    return registry
