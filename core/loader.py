"""Load plugins from the ``gongwen`` entry-point group, isolating failures.

A plugin that fails to import, raises inside a hook, targets another API version
or declares a type id that is already taken is recorded with its error; the other
plugins and the CLI keep working.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib.metadata import entry_points

import pluggy

from . import hookspecs
from .doctype import DocumentType

GROUP = "gongwen"
BUILTIN_DIST = "gongwen"


@dataclass
class PluginInfo:
    name: str
    dist: str = ""
    version: str = ""
    types: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def builtin(self) -> bool:
        return self.dist == BUILTIN_DIST


@dataclass
class Registry:
    types: dict[str, DocumentType] = field(default_factory=dict)
    plugins: list[PluginInfo] = field(default_factory=list)

    @property
    def errors(self) -> list[PluginInfo]:
        return [p for p in self.plugins if p.error]


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def load_entry_points(registry: Registry, pm: pluggy.PluginManager) -> None:
    def builtin_first(ep) -> tuple[bool, str]:
        return (not ep.dist or ep.dist.name != BUILTIN_DIST, ep.name)

    for ep in sorted(entry_points(group=GROUP), key=builtin_first):
        info = PluginInfo(ep.name, ep.dist.name if ep.dist else "", ep.dist.version if ep.dist else "")
        registry.plugins.append(info)
        try:
            module = ep.load()
            wanted = getattr(module, "GONGWEN_API", hookspecs.API_VERSION)
            if wanted != hookspecs.API_VERSION:
                info.error = (f"插件为 gongwen 插件接口第 {wanted} 版编写，"
                              f"当前 gongwen 的接口为第 {hookspecs.API_VERSION} 版，未加载")
                continue
            pm.register(module, name=ep.name)
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not break the CLI
            info.error = f"加载失败：{_describe(exc)}"


def collect_types(registry: Registry, pm: pluggy.PluginManager) -> None:
    by_name = {p.name: p for p in registry.plugins}
    owner: dict[str, str] = {}
    for impl in reversed(pm.hook.gongwen_document_types.get_hookimpls()):
        info = by_name.setdefault(impl.plugin_name, PluginInfo(impl.plugin_name))
        try:
            declared = list(impl.function() or [])
        except Exception as exc:  # noqa: BLE001
            info.error = f"gongwen_document_types 出错：{_describe(exc)}"
            continue
        for dt in declared:
            if dt.id in registry.types:
                clash = f"文种标识“{dt.id}”已由插件 {owner[dt.id]} 提供，插件 {info.name} 的同名文种未加载"
                info.error = "；".join(filter(None, [info.error, clash]))
                continue
            dt.plugin = info.name
            registry.types[dt.id] = dt
            owner[dt.id] = info.name
            info.types.append(dt.id)


@functools.cache
def get_registry() -> Registry:
    """All plugins and document types of this process (loaded once)."""
    registry = Registry()
    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(hookspecs)
    load_entry_points(registry, pm)
    collect_types(registry, pm)
    return registry
