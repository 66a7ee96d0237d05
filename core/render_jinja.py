"""The Jinja side of a Word template: the sandboxed environment, the checks a template must
pass before it runs, compiling, and the Chinese messages for a template that fails.

Every answer is literal text: the environment escapes every value, so ``&``, ``<``,
``{{ x }}`` or ``{% if %}`` typed by a user reach Word verbatim.  Templates may come from
users (``--template``, ``template = …`` in an answers file), so they run in Jinja's sandbox
and are checked (syntax, fields, the ``paras`` loop, no ``_`` names) before the first render.

jinja2 and markupsafe are imported inside the functions so that the CLI starts fast.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from .answers import clean_text  # the same cleaning as answers get where they enter
from .errors import GongwenError

if TYPE_CHECKING:
    from jinja2 import Environment, Template

#: What a template sees: the paragraphs (see ``render_docx.para_context``) and a few document fields.
CONTEXT_FIELDS = ("paras", "doc")
PARA_FIELDS = ("kind", "text", "lead", "heading", "rest", "level", "number", "table", "columns", "rows", "widths")
#: Without these a template would silently drop text: the loop and the paragraph fields
#: every document uses (``p.text``, ``p.heading``).
REQUIRED_FIELDS = {"paras": "正文段落循环", "text": "段落文字 p.text", "heading": "标题 p.heading"}
_PART_LABELS = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注"}


def protect_braces(xml: str) -> str:
    """Write braces as character references: docxtpl turns "{_{" into "{{" after rendering."""
    return xml.replace("{", "&#123;").replace("}", "&#125;")


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}``: cleaned, XML-escaped, braces protected (Markup passes through)."""
    from markupsafe import Markup, escape

    if value is None:
        return ""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(protect_braces(str(escape(clean_text(value)))))
    return value


#: What rendering one document may spend: loop steps (over every ``range``), output, seconds.
MAX_STEPS = 1_000_000
MAX_OUTPUT = 64 * 1024 * 1024
MAX_SECONDS = 60.0


class Budget:
    """The allowance of the document being rendered (reset by :func:`start_budget`)."""

    steps = MAX_STEPS
    deadline = float("inf")


def start_budget() -> None:
    import time

    Budget.steps, Budget.deadline = MAX_STEPS, time.monotonic() + MAX_SECONDS


def over_budget(what: str) -> GongwenError:
    return GongwenError(f"模板{what}，已停止生成。请检查模板中的循环（for）是否写错，"
                        "或改用 gongwen template export 导出的原模板。")


def check_time() -> None:
    import time

    if time.monotonic() > Budget.deadline:
        raise over_budget(f"生成一份文档超过 {MAX_SECONDS:.0f} 秒")


def budgeted_range(*args: int):
    """``range`` in a template: every step counts against the document's allowance, so nested
    loops cannot run for ever."""
    for i in range(*args):
        Budget.steps -= 1
        if Budget.steps < 0:
            raise over_budget(f"中的循环次数超过 {MAX_STEPS} 次")
        if not Budget.steps % 10_000:
            check_time()
        yield i


def bounded_output(chunks) -> str:
    """A template's output, joined, within the document's allowance of size and time."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise over_budget(f"生成的内容超过 {MAX_OUTPUT // 1024 // 1024} MB")
        check_time()
        out.append(chunk)
    return "".join(out)


@functools.cache
def jinja_env() -> Environment:
    """The sandboxed, autoescaping environment (one per process); a misspelt variable in a
    template is an error, not "".  Immutable: a template cannot change the paragraphs it is given
    (``paras.clear()``); its loops are counted (:func:`budgeted_range`)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Environment(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            """``"x" * 10**9`` or ``9 ** 9 ** 9`` would fill the memory before any budget is checked."""
            sized = [v for v in (left, right) if isinstance(v, (str, list, tuple))]
            counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
            if operator == "**" and counts and abs(right if isinstance(right, int) else 0) > 64:
                raise over_budget("中的乘方过大")
            if operator == "*" and sized and counts and len(sized[0]) * max(counts[0], 0) > MAX_OUTPUT:
                raise over_budget(f"生成的内容超过 {MAX_OUTPUT // 1024 // 1024} MB")
            return super().call_binop(context, operator, left, right)

    env = Environment(autoescape=True, finalize=_finalize, undefined=StrictUndefined)
    env.globals["range"] = budgeted_range
    return env


# ------------------------------------------------------------ parsing and checking


def _part_label(partname: str) -> str:
    return next((v for k, v in _PART_LABELS.items() if k in partname), partname)


def _line_text(source: str, lineno: int | None) -> str:
    """The visible text of a source line (a paragraph), for pointing at an error."""
    lines = source.splitlines()
    if not lineno or not 0 < lineno <= len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    return text[:60] + ("…" if len(text) > 60 else "")


def parse(label: str, partname: str, source: str):
    """The Jinja AST of a part; a syntax error names the template, part and paragraph."""
    from jinja2 import TemplateSyntaxError

    try:
        return jinja_env().parse(source)
    except TemplateSyntaxError as exc:
        near = _line_text(source, exc.lineno)
        where = f"第 {exc.lineno} 行附近“{near}”" if near else f"第 {exc.lineno} 行附近"
        raise GongwenError(f"模板 {label} 的{_part_label(partname)}有模板语法错误（{where}）：{exc.message}。"
                           "请检查 {{ }}、{% %} 是否成对、拼写是否正确。") from None


def check_safe(label: str, ast) -> None:
    """Refuse names starting with "_" (``x.__class__``, ``x['__globals__']``) before running
    anything; the sandbox catches the rest at render time."""
    from jinja2 import nodes

    names = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):  # outer nodes first
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_") and name not in names:
            names.insert(0, name)
    if names:
        raise GongwenError(refused(label, "、".join(names)))


def _used_names(ast) -> tuple[set[str], set[str]]:
    """Top-level variables a template reads, and every attribute/key name it reads."""
    from jinja2 import meta, nodes

    attrs = {n.attr for n in ast.find_all(nodes.Getattr)}
    attrs |= {n.arg.value for n in ast.find_all(nodes.Getitem) if isinstance(getattr(n.arg, "value", None), str)}
    return meta.find_undeclared_variables(ast), attrs


def check_fields(label: str, asts: dict) -> None:
    """The template (the parts' parsed sources) is safe, reads only fields the document
    provides, and all the fields without which text would be lost."""
    variables: set[str] = set()
    attrs: set[str] = set()
    for ast in asts.values():
        check_safe(label, ast)
        found, names = _used_names(ast)
        variables |= found
        attrs |= names
    unknown = sorted(variables - set(CONTEXT_FIELDS) - set(jinja_env().globals))
    if unknown:
        raise GongwenError(unknown_field(label, unknown[0]))
    missing = [f"{k}（{v}）" for k, v in REQUIRED_FIELDS.items() if k not in variables | attrs]
    if missing:
        raise GongwenError(f"模板 {label} 缺少必需的字段：{'、'.join(missing)}，生成的文档会缺少内容。"
                           "请从 gongwen template export 导出的模板重新修改（只改样式和文字，"
                           "不要删去 {{ }}、{% %} 标记所在的段落）。")


# ------------------------------------------------------------ compiling


def compile_code(label: str, partname: str, source: str, ast=None):
    """The Python code object of a checked source (parsed once: ``ast`` if given)."""
    ast = ast or parse(label, partname, source)
    check_safe(label, ast)
    return jinja_env().compile(ast, filename=partname)


def from_code(code) -> Template:
    """The template for compiled code (fresh or from the bytecode cache)."""
    env = jinja_env()
    return env.template_class.from_code(env, code, env.make_globals(None))


def compile_template(label: str, partname: str, source: str, ast=None) -> Template:
    return from_code(compile_code(label, partname, source, ast))


# ------------------------------------------------------------ messages


def refused(label: str, what: str) -> str:
    return f"模板 {label} 试图访问不允许的内容：{what}，已拒绝渲染。"


def unknown_field(label: str, name: str) -> str:
    return (f"模板 {label} 使用了文档中没有的字段“{name}”，请删去它或改正拼写。可用的字段：paras（正文段落，"
            f"每段有 {'、'.join(PARA_FIELDS)}），doc（doc.title、doc.signature、doc.date）。")


def render_error(label: str, exc: Exception) -> str:
    """One Chinese line for a user's template failing while it renders."""
    from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

    text = str(exc)
    if isinstance(exc, SecurityError):
        m = re.search(r"attribute '([^']+)'", text)
        return refused(label, f"属性“{m.group(1)}”" if m else text)
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'|no element '?([^']+?)'?$", text)
        name = next((g for g in m.groups() if g), text) if m else text
        return unknown_field(label, name)
    if isinstance(exc, TemplateSyntaxError):
        return f"模板 {label} 有模板语法错误（第 {exc.lineno} 行附近）：{exc.message}"
    return f"模板 {label} 渲染出错（{type(exc).__name__}: {text}），请检查模板中 {{{{ }}}}、{{% %}} 里的内容。"
