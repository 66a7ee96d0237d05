"""The ``gongwen`` command.  Heavy libraries (docxtpl, questionary) load only when used."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .cli_errors import (
    CONTEXT_SETTINGS,
    Abort,
    GongwenCommand,
    GongwenGroup,
    UsageError,
    is_help_screen,
    usage_error_text,
)
from .errors import AnswersInvalid, GongwenError
from .main import run_reported, say_note, warn_broken
from .terminal import CANCELLED, EXIT_INTERRUPTED, EXIT_USAGE, err, shell_quote

app = typer.Typer(
    name="gongwen",
    help="公文助手：回答问题，生成符合 GB/T 9704 的党组织公文 Word 初稿。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=GongwenGroup,  # help in Chinese; Ctrl-C during a command: "已取消，未写入文件。"
    context_settings=CONTEXT_SETTINGS,  # -h as well as --help
)

OutOpt = Annotated[Path, typer.Option(
    "--output", "-o", help="输出文件（.docx、.pdf 或 .md；不写后缀时按 .docx；.pdf 需要 LibreOffice）")]
ForceOpt = Annotated[bool, typer.Option("--force", help="允许覆盖已存在的文件")]
FormatOpt = Annotated[Optional[str], typer.Option("--format", help="docx、pdf 或 md；默认按文件后缀")]  # noqa: UP045


@functools.cache
def registry():
    """Plugins and types (loaded once per process), with a one-line warning per broken
    plugin (never fatal), printed the first time a command asks for them."""
    from .loader import get_registry

    reg = get_registry()
    warn_broken(reg)
    return reg


def get_type(type_id: str):
    from .pipeline import find_type

    return find_type(registry().types, type_id)


def load_answers(path: Path, resuming: bool = False):
    """An answers file read through the pipeline, its notes printed (an unfinished file's
    note with the command that continues it, unless ``resuming`` it)."""
    from .pipeline import UNFINISHED_NOTE, load

    loaded = load(path, registry().types)
    for note in loaded.notes:
        if not (resuming and note.startswith(UNFINISHED_NOTE)):
            say_note(path, note)
    return loaded


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


@app.command("list", cls=GongwenCommand)
def list_types() -> None:
    """列出可用的文种（标识、名称、所属插件）。"""
    reg = registry()
    if not reg.types:
        typer.echo("没有可用的文种。")
        return
    width = max(len(t) for t in reg.types)
    for dt in reg.types.values():
        typer.echo(f"{dt.id.ljust(width)}  {dt.name}  [{dt.plugin}]")


@app.command(cls=GongwenCommand)
def show(type_id: Annotated[str, typer.Argument(help="文种标识")]) -> None:
    """显示一个文种的问题、默认提纲，以及每个章节写什么、用到哪些回答。"""
    from .describe import describe_type

    for line in describe_type(get_type(type_id)):
        typer.echo(line)


@app.command(cls=GongwenCommand)
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


@app.command(cls=GongwenCommand)
def check(answers_file: Annotated[Path, typer.Argument(help="答案文件（.toml）")]) -> None:
    """检查答案文件：一次列出所有问题（键路径和原因）。"""
    from .pipeline import prepare

    loaded = load_answers(answers_file)
    prep = prepare(loaded.doctype, loaded.raw)
    for w in prep.warnings:
        err(f"提示：{answers_file} 中 {w}")
    if prep.problems:
        raise AnswersInvalid(prep.problems, str(answers_file))
    typer.echo(f"{answers_file}：检查通过（{loaded.doctype.name}）。")


@app.command(cls=GongwenCommand)
def render(
    answers_file: Annotated[Path, typer.Argument(help="答案文件（.toml）")],
    output: OutOpt,
    fmt: FormatOpt = None,
    template: Annotated[Optional[Path], typer.Option("--template", help="自定义 Word 模板")] = None,  # noqa: UP045
    force: ForceOpt = False,
) -> None:
    """按答案文件生成文档，不提问。"""
    from .main import render as render_answers

    render_answers(answers_file, output, fmt, template, force)


@app.command(cls=GongwenCommand)
def new(
    type_id: Annotated[str, typer.Argument(help="文种标识（gongwen list 查看）")],
    output: OutOpt,
    answers: Annotated[Optional[Path], typer.Option("--answers", help="预先填好的答案文件")] = None,  # noqa: UP045
    save_answers: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--save-answers", help="保存答案的位置（默认与输出文件同名的 .toml；继续填写时为 --resume 的文件）")] = None,
    resume: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--resume", help="继续填写中断时保存的答案文件：已答的不再问，从第一个未答的问题开始")] = None,
    from_file: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--from", help="从已有的答案文件开始：同一文种即“明年的文件”（年份、日期顺延，只问每年不同的问题）；"
                       "其他文种则取共用的信息（单位、会议日期、问题等）")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="不提问：缺少的回答用默认值")] = False,
    fmt: FormatOpt = None,
    force: ForceOpt = False,
) -> None:
    """问答式填写，核对后生成文档，并保存答案以便下次修改重用。

    填写中按 Ctrl-C（或 Ctrl-D、关闭终端）会把已填的回答保存下来，并提示继续填写的命令。
    """
    from .pipeline import output_path
    from .session import NewOptions, run_new

    if sum(x is not None for x in (resume, answers, from_file)) > 1:
        raise GongwenError("--resume、--answers、--from 只能用其中一个。")
    output = output_path(output, fmt)  # an unsupported suffix is refused before any question
    dt = get_type(type_id)
    source = resume or answers
    loaded = None
    if source is not None:
        loaded = load_answers(source, resuming=resume is not None)
        if loaded.doctype.id != dt.id:
            raise GongwenError(f"“{source}”是“{loaded.doctype.id}”的答案，而不是“{dt.id}”的。")
    start = None
    if from_file is not None:
        from .carry import across, next_year

        last = load_answers(from_file)
        start = next_year(dt, last.raw) if last.doctype.id == dt.id else across(dt, last.doctype, last.raw)
    run_new(dt, NewOptions(output, fmt, force, answers, resume, save_answers, no_input), loaded, start)


@app.command("import", cls=GongwenCommand)
def import_document(
    source: Annotated[Path, typer.Argument(
        help="要导入的文件：.docx、.txt，装有 LibreOffice 时还可以是 .doc、.wps、.odt")],
    output: Annotated[Path, typer.Option("--output", "-o", help="写出的答案文件（.toml）")] = Path("answers.toml"),
    type_id: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--type", "-t", help="按此文种导入（默认按标题和章节识别，识别不出时为通用公文 generic）")] = None,
    force: ForceOpt = False,
) -> None:
    """导入已有的公文（Word 或文本）为答案文件：标题、段落、表格、落款尽数保留，再用 render 按 GB/T 9704 排版。"""
    from .fileio import ensure_writable
    from .import_cmd import import_file, report, write_answers

    ensure_writable(output, force)
    result = import_file(source, registry().types, type_id)
    write_answers(result, source, output, force)
    for line in report(result, source, output):
        typer.echo(line)


plugin_app = typer.Typer(help="插件开发工具", no_args_is_help=True, cls=GongwenGroup,
                         context_settings=CONTEXT_SETTINGS)
app.add_typer(plugin_app, name="plugin")


@plugin_app.command("new", cls=GongwenCommand)
def plugin_new(
    name: Annotated[str, typer.Argument(help="插件名：小写字母、数字和连字符，如 zhuanxiang-zhengzhi")],
    directory: Annotated[Path, typer.Option("--dir", "-d", help="在此文件夹下生成 gongwen-插件名/")] = Path("."),
    type_id: Annotated[Optional[str], typer.Option("--type-id", help="文种标识，默认同插件名")] = None,  # noqa: UP045
    type_name: Annotated[str, typer.Option("--type-name", help="文种名称（中文）")] = "工作通知",
) -> None:
    """生成一个可用 pip 安装的插件项目：入口点、一个可用的文种、说明和测试。"""
    from .scaffold import new_plugin

    root = new_plugin(name, directory, type_id, type_name)
    typer.echo(f"已生成插件项目：{root}\n下一步：cd {shell_quote(root)} && pip install -e '.[test]' && pytest"
               f"\n然后：gongwen new {type_id or name} -o 草稿.docx")


@app.command(cls=GongwenCommand)
def batch(
    files: Annotated[list[Path], typer.Argument(help="答案文件（.toml），可以是多个，文种可不同")],
    out_dir: Annotated[Path, typer.Option("--output", "-o", help="输出文件夹：每个答案文件生成一个同名文档")],
    jobs: Annotated[Optional[int], typer.Option(  # noqa: UP045
        "--jobs", "-j", min=1, help="同时使用的进程数（默认：CPU 核数与文件数中较小者）")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="docx（默认）、pdf 或 md")] = None,  # noqa: UP045
    template: Annotated[Optional[Path], typer.Option("--template", help="自定义 Word 模板")] = None,  # noqa: UP045
    force: ForceOpt = False,
) -> None:
    """批量生成：多个答案文件并行生成文档；个别文件出错不影响其他文件，最后汇总。"""
    from .batch import run_batch

    registry()  # plugin warnings once, here, not once per worker
    raise typer.Exit(run_batch(files, out_dir, fmt, jobs, force, template, echo=typer.echo))


template_app = typer.Typer(help="Word 模板：导出后在 Word/WPS 中修改样式、加红头，再用于生成文档", no_args_is_help=True,
                           cls=GongwenGroup, context_settings=CONTEXT_SETTINGS)
app.add_typer(template_app, name="template")


@template_app.command("export", cls=GongwenCommand)
def template_export(
    type_id: Annotated[str, typer.Argument(help="文种标识（gongwen list 查看）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="导出的模板文件（.docx）")],
    force: ForceOpt = False,
) -> None:
    """导出文种使用的 Word 模板，修改后用 --template 或答案文件中的 template 使用。"""
    from .templates_cmd import export_template

    typer.echo(export_template(get_type(type_id), output, force))


@app.command(cls=GongwenCommand)
def doctor() -> None:
    """检查本机环境：公文字体是否齐全、缺少时用什么代替、能否输出 PDF，以及如何安装。"""
    from .doctor import report

    lines, _ = report()
    for line in lines:
        typer.echo(line)


@app.command(cls=GongwenCommand)
def lint(docx_file: Annotated[Path, typer.Argument(metavar="文档.docx",
                                                   help="要检查的 Word 文档，不限于 gongwen 生成的")]) -> None:
    """检查 Word 文档：重复的句子、标点、占位符、序号、成文日期、空标题和 GB/T 9704 版式。

    每个问题一行，注明第几段（不计空段，表格每行算一段）和所在标题；Word 保存过分页时也注明第几页。

    有问题时退出状态为 1，没有问题为 0。
    """
    from .lint import lint_docx, report

    findings = lint_docx(docx_file)
    typer.echo("\n".join(report(findings)))
    raise typer.Exit(1 if findings else 0)


@app.command("plugins", cls=GongwenCommand)
def list_plugins() -> None:
    """列出已加载的插件：名称、发行包和版本、内置或第三方、提供的文种、加载错误。"""
    from .loader import get_registry

    reg = get_registry()
    for p in reg.plugins:
        origin = "内置" if p.builtin else "第三方"
        dist = f"{p.dist} {p.version}".strip() or "（未知发行包）"
        types = "、".join(f"{t}（{reg.types[t].name}）" for t in p.types) or "（无）"
        typer.echo(f"{p.name}  [{origin}]  {dist}\n    文种：{types}")
        if p.error:
            typer.echo(f"    错误：{p.error}")
        if p.skipped:
            typer.echo(f"    未加载：{p.skipped}")
    third = sum(not p.builtin for p in reg.plugins)
    skipped = f"，{len(reg.skipped)} 个按 GONGWEN_LOAD_PLUGINS 未加载" if reg.skipped else ""
    typer.echo(f"共 {len(reg.plugins)} 个插件（内置 {len(reg.plugins) - third} 个，第三方 {third} 个），"
               f"{len(reg.errors)} 个有错误{skipped}。")


ledger_app = typer.Typer(help="整改台账：导出为 Excel 表格、读回填写的整改进展、查看整改进度", no_args_is_help=True,
                         cls=GongwenGroup, context_settings=CONTEXT_SETTINGS)
app.add_typer(ledger_app, name="ledger")


def read_ledger_file(answers_file: Path):
    """The ledger of an answers file, its notes (orphaned or unreadable statuses) printed."""
    from .kit.ledger import read_ledger

    loaded = load_answers(answers_file)
    ledger = read_ledger(loaded.doctype, loaded.raw)
    for note in ledger.notes:
        say_note(answers_file, note)
    if ledger.orphans:
        say_note(answers_file, f"有 {len(ledger.orphans)} 条整改进展记录找不到对应的问题（问题文字可能已修改），"
                               "已保留在文件中，未计入统计")
    return loaded, ledger


@ledger_app.command("export", cls=GongwenCommand)
def ledger_export(
    answers_file: Annotated[Path, typer.Argument(help="有整改问题的答案文件（.toml），如整改方案")],
    output: Annotated[Path, typer.Option("--output", "-o", help="台账文件（.xlsx）")] = Path("整改台账.xlsx"),
    force: ForceOpt = False,
) -> None:
    """导出整改台账（Excel 表格）：每个问题一行，按方面分组，A4 横向打印，整改状态可下拉选择。"""
    from .ledger_export import export_ledger

    _, ledger = read_ledger_file(answers_file)
    rows = export_ledger(ledger, output, force)
    typer.echo(f"已导出整改台账：{output}（{rows} 个问题）\n"
               f"在 Excel/WPS 中填写“整改状态”“完成情况/进展”“完成日期”后，运行：\n"
               f"gongwen ledger update {shell_quote(answers_file)} {shell_quote(output)}")


@ledger_app.command("update", cls=GongwenCommand)
def ledger_update(
    answers_file: Annotated[Path, typer.Argument(help="导出台账所用的答案文件（.toml）")],
    sheet: Annotated[Path, typer.Argument(help="填写过的台账（.xlsx）")],
) -> None:
    """把台账中填写的整改进展读回答案文件（原文件先备份）。

    读入每个问题的整改状态、完成情况和完成日期；表格中调过列序、隐藏了列、排过序或筛选过都不影响。"""
    from .ledger_update import update_answers

    _, ledger = read_ledger_file(answers_file)
    result = update_answers(answers_file, ledger, sheet)
    for line in [*result.problems, *result.warnings]:
        err(f"提示：{sheet} {line}")
    if result.missing:
        err(f"提示：答案文件中有 {len(result.missing)} 个问题在台账中没有找到，其进展未改动："
            + "；".join(result.missing))
    if result.changed:
        typer.echo(f"已从 {sheet} 读入 {result.rows} 个问题的整改情况，更新了 {len(result.changed)} 个问题的进展："
                   f"{answers_file}\n原文件已备份为：{result.backup}")
    else:
        typer.echo(f"{sheet} 中的整改进展与 {answers_file} 一致，未改动。")
    if result.unmatched:
        err(f"错误：{sheet} 中有 {len(result.unmatched)} 行未能读入（其余各行已读入）：")
        for line in result.unmatched:
            err(f"  - {line}")
        raise typer.Exit(1)


@ledger_app.command("status", cls=GongwenCommand)
def ledger_status(
    answers_file: Annotated[Path, typer.Argument(help="答案文件（.toml）")],
    on: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--date", help="统计日期（判断是否超期），默认今天；如 2022年6月30日")] = None,
) -> None:
    """查看整改进度：按整改状态、方面、牵头单位统计，并列出超期未完成的问题。"""
    import datetime as dt

    from rich.console import Console

    from .clock import today
    from .dates import Date, DateError, parse_date
    from .ledger_status import status_report

    day = today()
    if on:
        try:
            d = parse_date(on, allow_range=False)
        except DateError as exc:
            raise GongwenError(f"--date {on}：{exc}") from exc
        if not (isinstance(d, Date) and d.year and d.month and d.day):
            raise GongwenError(f"--date 需要具体到日的日期，如 2022年6月30日，而不是“{on}”。")
        day = dt.date(d.year, d.month, d.day)
    _, ledger = read_ledger_file(answers_file)
    console = Console(highlight=False)
    for part in status_report(ledger, day):
        console.print(part)


def run_command() -> None:
    """Run the typer app: usage errors in Chinese, the rest as :func:`gongwen.main.run_reported`."""

    def invoke() -> None:
        try:
            # usage errors come back here, to be told in Chinese; "gongwen" also under python -m gongwen
            code = app(prog_name="gongwen", standalone_mode=False)
        except UsageError as exc:
            if is_help_screen(exc):  # plain "gongwen"
                exc.show()
            else:
                err(usage_error_text(exc))
            sys.exit(EXIT_USAGE)
        except Abort:  # Ctrl-D at a typer prompt
            err(CANCELLED)
            sys.exit(EXIT_INTERRUPTED)
        if code:  # typer.Exit(n) from a command
            sys.exit(code)

    run_reported(invoke)
