"""The ``gongwen`` command.  Heavy libraries (docxtpl, questionary) load only when used."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import AnswersInvalid, GongwenError

app = typer.Typer(
    name="gongwen",
    help="公文助手：回答问题，生成符合 GB/T 9704 的党组织公文 Word 初稿。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

OutOpt = Annotated[Path, typer.Option("--output", "-o", help="输出文件（.docx 或 .md）")]
ForceOpt = Annotated[bool, typer.Option("--force", help="允许覆盖已存在的文件")]
FormatOpt = Annotated[Optional[str], typer.Option("--format", help="docx 或 md；默认按文件后缀")]  # noqa: UP045


def err(text: str) -> None:
    typer.echo(text, err=True)


def debug_enabled() -> bool:
    return os.environ.get("GONGWEN_DEBUG", "") not in ("", "0")


def registry():
    """Plugins and types, with a one-line warning per broken plugin (never fatal)."""
    from .loader import get_registry

    reg = get_registry()
    for info in reg.errors:
        err(f"警告：插件 {info.name} 有问题，已跳过（{info.error.splitlines()[0]}）。详情见 gongwen plugins")
    return reg


def get_type(type_id: str):
    reg = registry()
    if type_id not in reg.types:
        known = "、".join(reg.types) or "（无）"
        raise GongwenError(f"没有文种“{type_id}”。可用的文种：{known}（gongwen list 查看）")
    return reg.types[type_id]


def load_raw(path: Path):
    """An answers file and its document type."""
    from .answers import read_answers

    raw = read_answers(path)
    type_id = raw.get("type")
    if not isinstance(type_id, str) or not type_id:
        known = "、".join(registry().types)
        raise GongwenError(f"“{path}”缺少文种：请在第一行写 type = \"文种标识\"（可用：{known}）")
    return get_type(type_id), raw


def report_warnings(warnings, source: str) -> None:
    for w in warnings:
        err(f"提示：{source} 中 {w}")


def prepared_document(doctype, raw, source: str):
    from .render import build, prepare

    prep = prepare(doctype, raw)
    report_warnings(prep.warnings, source)
    if prep.problems:
        raise AnswersInvalid(prep.problems, source)
    return prep, build(prep)


# ---------------------------------------------------------------- commands


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"gongwen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="显示版本号")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的技术细节")] = False,
) -> None:
    if debug:
        os.environ["GONGWEN_DEBUG"] = "1"


@app.command("list")
def list_types() -> None:
    """列出可用的文种（标识、名称、所属插件）。"""
    reg = registry()
    if not reg.types:
        typer.echo("没有可用的文种。")
        return
    width = max(len(t) for t in reg.types)
    for dt in reg.types.values():
        typer.echo(f"{dt.id.ljust(width)}  {dt.name}  [{dt.plugin}]")


@app.command()
def show(type_id: Annotated[str, typer.Argument(help="文种标识")]) -> None:
    """显示一个文种的问题和默认提纲。"""
    from .outline import outline_lines
    from .questions import KIND_NAMES, iter_questions, resolve, show_value

    dt = get_type(type_id)
    defaults = resolve(dt.questions, {}).answers
    typer.echo(f"{dt.name}（{dt.id}，插件 {dt.plugin}）")
    if dt.description:
        typer.echo(dt.description)
    typer.echo("\n问题：")
    for path, q in iter_questions(dt.questions):
        depth = path.count("[]")
        pad = "  " * (depth + 1)
        extra = []
        if q.when is not None:
            extra.append(f"{q.describe_when()}才问")
        if q.computed:
            extra.append("默认值由前面的回答生成")
        note = f"（{'；'.join(extra)}）" if extra else ""
        typer.echo(f"{pad}{path.split('.')[-1]}  {q.label}  [{KIND_NAMES[q.kind]}]{note}")
        if depth == 0 and q.key in defaults:
            typer.echo(f"{pad}    默认：{show_value(q, defaults[q.key])}")
    typer.echo("\n默认提纲：")
    for line in outline_lines(dt.base_outline(defaults), dt.words(defaults)):
        typer.echo(f"  {line}")


@app.command()
def init(
    type_id: Annotated[str, typer.Argument(help="文种标识")],
    output: Annotated[Path, typer.Option("--output", "-o", help="答案文件（.toml）")] = Path("answers.toml"),
    force: ForceOpt = False,
) -> None:
    """生成答案文件骨架：包含每个问题、默认值和中文注释。"""
    from .answers import dump_answers
    from .fileio import atomic_write
    from .outline import outline_to_raw
    from .questions import resolve

    dt = get_type(type_id)
    answers = resolve(dt.questions, {}).answers
    outline = outline_to_raw(dt.base_outline(answers), dt)
    text = dump_answers(dt, answers, outline, skeleton=True)
    atomic_write(output, text.encode("utf-8"), force)
    typer.echo(f"已生成答案文件：{output}\n修改后运行：gongwen check {output} && gongwen render {output} -o 草稿.docx")


@app.command()
def check(answers_file: Annotated[Path, typer.Argument(help="答案文件（.toml）")]) -> None:
    """检查答案文件：一次列出所有问题（键路径和原因）。"""
    from .render import build, prepare

    dt, raw = load_raw(answers_file)
    prep = prepare(dt, raw)
    report_warnings(prep.warnings, str(answers_file))
    if prep.problems:
        raise AnswersInvalid(prep.problems, str(answers_file))
    build(prep)
    typer.echo(f"{answers_file}：检查通过（{dt.name}）。")


@app.command()
def render(
    answers_file: Annotated[Path, typer.Argument(help="答案文件（.toml）")],
    output: OutOpt,
    fmt: FormatOpt = None,
    template: Annotated[Optional[Path], typer.Option("--template", help="自定义 Word 模板")] = None,  # noqa: UP045
    force: ForceOpt = False,
) -> None:
    """按答案文件生成文档，不提问。"""
    from .fileio import ensure_writable
    from .render import write_document

    ensure_writable(output, force)
    dt, raw = load_raw(answers_file)
    _, doc = prepared_document(dt, raw, str(answers_file))
    write_document(doc, output, fmt, template or _template_from(raw, answers_file), force)
    typer.echo(f"已生成：{output}")


def _template_from(raw: dict, answers_file: Path) -> Path | None:
    name = raw.get("template")
    if not name:
        return None
    path = (answers_file.parent / str(name)).resolve()
    if not path.is_file():
        raise GongwenError(f"答案文件指定的模板“{name}”不存在（按 {path} 查找）")
    return path


@app.command()
def new(
    type_id: Annotated[str, typer.Argument(help="文种标识（gongwen list 查看）")],
    output: OutOpt,
    answers: Annotated[Optional[Path], typer.Option("--answers", help="预先填好的答案文件")] = None,  # noqa: UP045
    save_answers: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--save-answers", help="保存答案的位置（默认与输出文件同名的 .toml）")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="不提问：缺少的回答用默认值")] = False,
    fmt: FormatOpt = None,
    force: ForceOpt = False,
) -> None:
    """问答式填写，核对后生成文档，并保存答案以便下次修改重用。"""
    from .answers import dump_answers
    from .fileio import atomic_write, ensure_writable
    from .render import build, prepare, write_document

    dt = get_type(type_id)
    save_to = save_answers or output.with_suffix(".toml")
    if save_to.resolve() == output.resolve():
        raise GongwenError("答案文件与输出文件不能是同一个文件，请用 --save-answers 另指定。")
    ensure_writable(output, force)
    ensure_writable(save_to, force)
    raw: dict = {}
    if answers is not None:
        found, raw = load_raw(answers)
        if found.id != dt.id:
            raise GongwenError(f"“{answers}”是“{found.id}”的答案，而不是“{dt.id}”的。")
    if not no_input:
        if not sys.stdin.isatty():
            raise GongwenError("当前不是交互式终端，无法提问。请改用 --answers 答案文件 --no-input，"
                               "或用 gongwen render 答案文件 -o 输出文件。")
        from .ask import Questionnaire

        raw = Questionnaire(dt, raw, keep=set(raw)).run()
    prep = prepare(dt, raw)
    report_warnings(prep.warnings, str(answers or "回答"))
    if prep.problems:
        raise AnswersInvalid(prep.problems)
    doc = build(prep)
    saved = {k: v for k, v in raw.items() if k not in ("type", "outline")}
    text = dump_answers(dt, {**prep.answers, **saved} if no_input else saved, raw.get("outline"))
    atomic_write(save_to, text.encode("utf-8"), force)
    write_document(doc, output, fmt, None, force)
    typer.echo(f"已生成：{output}\n答案已保存：{save_to}"
               f"（修改后可用 gongwen render {save_to} -o {output} --force 重新生成）")


@app.command("plugins")
def list_plugins() -> None:
    """列出已加载的插件：名称、发行包和版本、内置或第三方、提供的文种、加载错误。"""
    from .loader import get_registry

    reg = get_registry()
    for p in reg.plugins:
        origin = "内置" if p.builtin else "第三方"
        dist = f"{p.dist} {p.version}".strip() or "（未知发行包）"
        types = "、".join(p.types) or "（无）"
        typer.echo(f"{p.name}  [{origin}]  {dist}  文种：{types}")
        if p.error:
            typer.echo(f"    错误：{p.error}")


def main() -> None:
    """Console entry point: user errors print one Chinese message, no traceback."""
    try:
        app()
    except GongwenError as exc:
        if debug_enabled():
            raise
        err(f"错误：{exc}")
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - a bug still must not greet a clerk with a traceback
        if debug_enabled():
            raise
        err(f"内部错误：{type(exc).__name__}: {exc}\n请加 --debug 重新运行查看详情，并把输出反馈给维护者。")
        sys.exit(2)
