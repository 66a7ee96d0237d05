"""``gongwen plugin new``: write a complete, pip-installable plugin project.

The files come from ``scaffold_data/*.tmpl`` (``string.Template``, ``${name}`` fields), so
what a plugin author starts from can be read as plain files.
"""

from __future__ import annotations

import re
import string
from importlib.resources import files
from pathlib import Path

from . import __version__
from .answers import tomllib
from .errors import GongwenError, printable
from .fileio import atomic_write, describe_os_error
from .hookspecs import API_VERSION

NAME_RE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

#: template file -> path in the project (fields allowed in the path too)
FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "__init__.py.tmpl": "src/${package}/__init__.py",
    "notice.py.tmpl": "src/${package}/notice.py",
    "test_type.py.tmpl": "tests/test_${package}.py",
}


#: Longer names make file names (gongwen-NAME/src/gongwen_NAME/…) that file systems refuse.
MAX_NAME = 60


def check_name(value: str, what: str) -> str:
    if len(value) > MAX_NAME:
        raise GongwenError(f"{what}太长（{len(value)} 个字符），最多 {MAX_NAME} 个，如 zhuanxiang-zhengzhi")
    if not NAME_RE.fullmatch(value):
        raise GongwenError(f"{what}“{value}”不合要求：只能用小写英文字母、数字和连字符（-），以字母开头，"
                           f"如 zhuanxiang-zhengzhi")
    return value


def project_fields(name: str, type_id: str | None = None, type_name: str = "工作通知") -> dict[str, str]:
    """The template fields for plugin ``name`` (validated; Chinese messages)."""
    check_name(name, "插件名")
    type_id = check_name(type_id or name, "文种标识")
    if not type_name.strip() or re.search(r'["\\{}$]', type_name) or not type_name.isprintable():
        raise GongwenError(f"文种名称“{printable(type_name)}”不合要求：不能为空，不能含引号、反斜杠、花括号、$ "
                           "或换行、回车等控制字符")
    from .loader import get_registry

    taken = get_registry().types.get(type_id)
    if taken is not None:
        raise GongwenError(f"文种标识“{type_id}”已被插件 {taken.plugin} 使用，请用 --type-id 另取一个")
    entry = name.replace("-", "_")
    return {
        "name": name, "dist": f"gongwen-{name}", "package": f"gongwen_{entry}", "entry": entry,
        "type_id": type_id, "type_name": type_name.strip(),
        "gongwen_version": ".".join(__version__.split(".")[:2]), "api_version": str(API_VERSION),
    }


def render_files(fields: dict[str, str]) -> dict[str, str]:
    """Relative path -> text of every file of the project."""
    data = files("gongwen") / "scaffold_data"
    fill = string.Template
    out = {fill(target).substitute(fields): fill((data / src).read_text("utf-8")).substitute(fields)
           for src, target in FILES.items()}
    for rel, text in out.items():  # never say 已生成 over a project that cannot even be read
        try:
            if rel.endswith(".py"):
                compile(text, rel, "exec")
            elif rel.endswith(".toml"):
                tomllib.loads(text)
        except (SyntaxError, ValueError) as exc:
            raise GongwenError(f"按所给的名称生成的 {rel} 有误（{type(exc).__name__}: {exc}），未生成。"
                               "请换一个插件名或文种名称。") from exc
    return out


def new_plugin(name: str, directory: Path, type_id: str | None = None, type_name: str = "工作通知") -> Path:
    """Write ``directory/gongwen-NAME``; refuses a folder that exists and is not empty."""
    fields = project_fields(name, type_id, type_name)
    root = Path(directory) / fields["dist"]
    project = render_files(fields)
    try:
        taken = root.exists() and (not root.is_dir() or any(root.iterdir()))
    except OSError as exc:
        raise GongwenError(describe_os_error(exc, root)) from exc
    if taken:
        raise GongwenError(f"“{root}”已存在且不是空文件夹，为免覆盖，未生成。请换一个位置（-d）或插件名。")
    for rel, text in project.items():
        path = root / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GongwenError(describe_os_error(exc, path.parent)) from exc
        atomic_write(path, text.encode("utf-8"))
    return root
