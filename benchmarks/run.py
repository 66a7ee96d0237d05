"""Measure gongwen's start-up, single render and batch throughput against peers, side by side.

Run with the Python of the environment gongwen is installed in::

    python benchmarks/run.py            # installs the peers on first use (needs PyPI)
    python benchmarks/run.py --runs 20  # more repetitions

Peers (a bare typer app, cookiecutter, plain docxtpl) are installed into their own virtualenv
(``--peers``, default: a folder in the temporary directory, reused between runs).  Every
comparison is run interleaved (A, B, A, B, ...) in the same run on this machine and reported
as a ratio of medians, so the figures do not depend on how fast the machine is.  The targets
are met or not on wall-clock time; the ratio of median CPU times (user + system, including
every process a command waits for) is printed beside it because it moves less when other
work shares the machine.

The floor of a render is a fresh process of gongwen's Python that only does ``import docxtpl``:
no render can be faster.  ``--only floor,stages`` runs just that comparison and the table of
where a render's time goes (in-process stages, medians over fresh processes).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no CPU times of children
    resource = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "party-history-rectification.toml"

NAIVE_LOOP = '''
"""The naive way: a fresh DocxTemplate per document (parse, patch and compile it every time)."""
import inspect, sys
from pathlib import Path

from docxtpl import DocxTemplate

from gongwen.answers import read_answers
from gongwen.loader import get_registry
from gongwen.pipeline import build, prepare
from gongwen import render_docx as rd

src, out = Path(sys.argv[1]), Path(sys.argv[2])
types = get_registry().types
uses_entry = "entry" in inspect.signature(rd.build_context).parameters
for f in sorted(src.glob("*.toml")):
    raw = read_answers(f)
    doc = build(prepare(types[raw["type"]], raw))
    tpl = DocxTemplate(str(rd.default_template()))
    context = rd.build_context(doc, rd.template_entry() if uses_entry else tpl)
    tpl.render(context, jinja_env=rd.jinja_env(), autoescape=True)
    tpl.save(str(out / (f.stem + ".docx")))
'''

#: Where the time of one render goes: the steps of `gongwen render` in a fresh process (the
#: short road of gongwen.main: no typer, one plugin found through the plugin index), in the
#: order that attributes shared imports to the floor first (docxtpl).  Prints one JSON object:
#: step -> milliseconds.  The caller runs `gongwen list` first, so that the index exists.
STAGES = '''
import gc, json, sys, time
from pathlib import Path

gc.disable()  # as gongwen.main does
marks = [("", time.perf_counter())]

def mark(name):
    marks.append((name, time.perf_counter()))

import docxtpl
mark("import docxtpl (the floor's own import)")
import gongwen.main
mark("import gongwen.main (entry point, errors, signals)")
import gongwen.pipeline
mark("import gongwen.pipeline (document model, type declarations, questions, dates)")
import gongwen.loader
mark("import gongwen.loader (pluggy, the plugin index)")
from gongwen.answers import read_answers
source = Path(sys.argv[1])
raw = read_answers(source)
mark("read the answers file (gongwen.answers, tomllib)")
from gongwen.loader import TypesOnDemand
types = TypesOnDemand()
doctype = types[raw["type"]]
mark("find the type: read the plugin index, import and register its one plugin")
from gongwen.pipeline import build, choose_template, draft_findings, prepare
doc = build(prepare(doctype, raw))
mark("prepare and build the document")
from gongwen import render_docx as rd
template = choose_template(doctype, raw, source)
rd.template_entry(template)
mark("template entry: open the .docx, compiled parts (from the bytecode cache if kept)")
import io
buf = io.BytesIO()
rd.render_docx(doc, buf, template)
mark("render_docx: context, docxtpl render, save")
from gongwen.fileio import atomic_write
atomic_write(Path(sys.argv[2]), buf.getvalue(), True)
mark("write the file (atomic, fsync)")
draft_findings(doc)
mark("text checks of the draft (the 请核对 warnings)")
print(json.dumps({name: (t - marks[i][1]) * 1000 for i, (name, t) in enumerate(marks[1:])}), flush=True)
gc.freeze()
if sys.argv[3:] == ["--os-exit"]:  # no interpreter shutdown (module teardown, final garbage collections)
    import os
    os._exit(0)
'''

COOKIECUTTER_FILES = {
    "cookiecutter.json": json.dumps({"unit": "新城区政府党组", "year": "2021",
                                     "slug": "{{ cookiecutter.unit|length }}-{{ cookiecutter.year }}"}),
    "{{cookiecutter.slug}}/README.md": "# {{ cookiecutter.unit }}\n\n{{ cookiecutter.year }}年度整改落实方案\n",
    "{{cookiecutter.slug}}/plan.toml": 'unit = "{{ cookiecutter.unit }}"\nyear = {{ cookiecutter.year }}\n',
    "{{cookiecutter.slug}}/notes.txt": "{% for i in range(3) %}第{{ i + 1 }}条\n{% endfor %}",
}


# ------------------------------------------------------------------ helpers


def median_seconds(cmd: list[str], runs: int, env: dict, cwd: Path, before: Callable[[], None] | None = None,
                   cpu: list[float] | None = None) -> list:
    """Wall-clock seconds of each run of ``cmd``; with ``cpu``, also appends each run's CPU
    seconds (user + system of the process and every process it waited for)."""
    times = []
    for _ in range(runs):
        if before:
            before()
        used = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True)
        times.append(time.perf_counter() - t)
        if cpu is not None and resource and used:
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime)
        if proc.returncode:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
    return times


def interleaved(a: list[str], b: list[str], runs: int, env: dict, cwd: Path,
                before: Callable[[], None] | None = None) -> tuple[float, float, float]:
    """Medians of ``a`` and ``b``, run alternately after one warm-up run each, and the ratio
    of their median CPU times (nan where the platform cannot tell).  On a shared machine the
    CPU-time ratio moves less than the wall-clock one when other work competes for the CPUs."""
    ta, tb, ca, cb = [], [], [], []
    for cmd in (a, b):  # warm-up: bytecode caches, disk cache
        median_seconds(cmd, 1, env, cwd, before)
    for _ in range(runs):
        ta += median_seconds(a, 1, env, cwd, before, ca)
        tb += median_seconds(b, 1, env, cwd, before, cb)
    cpu_ratio = statistics.median(ca) / statistics.median(cb) if ca and cb else math.nan
    return statistics.median(ta), statistics.median(tb), cpu_ratio


def peak_rss_mb(cmd: list[str], env: dict, cwd: Path) -> float:
    """Peak resident memory of the largest process ``cmd`` runs (itself or any worker),
    from a fresh Python process's ``RUSAGE_CHILDREN``."""
    probe = ("import resource, subprocess, sys, json;"
             "subprocess.run(json.loads(sys.argv[1]), check=True, capture_output=True);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, json.dumps(cmd)], env=env, cwd=cwd,
                         capture_output=True, text=True, check=True).stdout
    kib = int(out.split()[-1])
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def stage_medians(cmd: list[str], runs: int, env: dict, cwd: Path) -> dict[str, float]:
    """Median milliseconds of each step the :data:`STAGES` probe reports, over fresh processes."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs + 1):  # the first run only warms the caches
        out = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=True).stdout
        for name, value in json.loads(out.splitlines()[-1]).items():
            samples.setdefault(name, []).append(value)
    return {name: statistics.median(values[1:]) for name, values in samples.items()}


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def peers_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def install_peers(venv: Path) -> None:
    """A virtualenv with typer (gongwen's version), cookiecutter and docxtpl (gongwen's version)."""
    wanted = [f"typer=={version('typer')}", "cookiecutter", f"docxtpl=={version('docxtpl')}"]
    stamp = venv / "gongwen-bench.json"
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return
    print(f"installing peers into {venv}: {' '.join(wanted)}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run([str(peers_python(venv)), "-m", "pip", "install", "-q", *wanted], check=True)
    stamp.write_text(json.dumps(wanted))


def bare_typer_app(n_commands: int) -> str:
    """A typer app shaped like gongwen's CLI (same number of commands, a callback with
    --version/--debug, two options per command), doing nothing."""
    lines = ["import typer", "", 'app = typer.Typer(no_args_is_help=True, add_completion=False,',
             '                  pretty_exceptions_enable=False, rich_markup_mode=None)', "", "",
             "@app.callback()",
             "def main(version: bool = typer.Option(False, '--version', is_eager=True), debug: bool = False):",
             '    """A bare app."""', ""]
    for i in range(n_commands):
        lines += ["", f"@app.command('cmd{i}')",
                  f"def cmd{i}(name: str = typer.Argument(...), force: bool = False) -> None:",
                  f'    """Command number {i}."""', "    print(name)", ""]
    lines += ["", 'if __name__ == "__main__":', "    app()", ""]
    return "\n".join(lines)


def gongwen_command_count() -> int:
    from gongwen.cli import app

    return len(app.registered_commands) + len(app.registered_groups)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"CPU": cpu, "logical CPUs (nproc)": str(os.cpu_count()), "CPUs used": str(usable), "RAM": mem,
            "OS": platform.platform(), "Python": platform.python_version(),
            "gongwen": version("gongwen"), "typer": version("typer"), "docxtpl": version("docxtpl")}


# ------------------------------------------------------------------ the benchmark


MEASURES = ("startup", "render", "floor", "batch", "memory", "stages")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10, help="repetitions of each start-up/render command")
    ap.add_argument("--batch-runs", type=int, default=3, help="repetitions of each batch measurement")
    ap.add_argument("--docs", type=int, default=100, help="answers files in the batch")
    ap.add_argument("--jobs", type=int, default=2, help="cores (and workers) for the batch")
    ap.add_argument("--peers", type=Path, default=Path(tempfile.gettempdir()) / "gongwen-bench-peers",
                    help="virtualenv for the peers (created if needed)")
    ap.add_argument("--only", default=",".join(MEASURES),
                    help=f"comma-separated subset of: {', '.join(MEASURES)} (default: all)")
    ap.add_argument("--json", type=Path, help="also write the results to this file")
    args = ap.parse_args()
    only = set(args.only.split(","))
    if only - set(MEASURES):
        ap.error(f"unknown measure(s): {', '.join(sorted(only - set(MEASURES)))}")

    if hasattr(os, "sched_setaffinity"):  # "on N cores": this process and everything it starts
        cpus = sorted(os.sched_getaffinity(0))[: args.jobs]
        os.sched_setaffinity(0, cpus)
    if only & {"startup", "render"}:
        install_peers(args.peers)
    peer_bin = peers_python(args.peers).parent
    gw_bin = Path(sys.executable).parent / "gongwen"
    gongwen = [str(gw_bin)] if gw_bin.exists() else [sys.executable, "-m", "gongwen"]

    work = Path(tempfile.mkdtemp(prefix="gongwen-bench-"))
    # Bytecode is cached (as in any normal install) but outside the source tree; so are the
    # compiled Word templates, in the user cache folder platformdirs finds (on Linux it follows
    # XDG_CACHE_HOME), filled by each command's warm-up run as by a user's first render.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GONGWEN_CACHE_DIR")}
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["XDG_CACHE_HOME"] = str(work / "user-cache")
    render_cmd = [*gongwen, "render", str(EXAMPLE), "-o", str(work / "one.docx"), "--force"]
    floor_cmd = [sys.executable, "-c", "import docxtpl"]
    rows: list[tuple[str, str, str, str, str, str, bool | None]] = []
    stages: dict[str, float] = {}
    try:
        if "startup" in only:
            n = gongwen_command_count()
            (work / "bare_app.py").write_text(bare_typer_app(n), encoding="utf-8")
            gw_help, bare_help, cpu = interleaved([*gongwen, "--help"],
                                                  [str(peer_bin / "python"), "-m", "bare_app", "--help"],
                                                  args.runs, env, work)
            rows.append(("`gongwen --help` vs bare typer app `--help`", ms(gw_help), ms(bare_help),
                         times(gw_help / bare_help), times(cpu), "≤ 1.2×", gw_help / bare_help <= 1.2))
            gw_list, bare_cmd, cpu = interleaved([*gongwen, "list"],
                                                 [str(peer_bin / "python"), "-m", "bare_app", "cmd0", "x"],
                                                 args.runs, env, work)
            rows.append(("`gongwen list` vs bare typer app running a command", ms(gw_list), ms(bare_cmd),
                         times(gw_list / bare_cmd), times(cpu), "(info)", None))

        if "render" in only:  # one document vs cookiecutter
            tpl = work / "cc-template"
            for rel, text in COOKIECUTTER_FILES.items():
                (tpl / rel).parent.mkdir(parents=True, exist_ok=True)
                (tpl / rel).write_text(text, encoding="utf-8")
            cc_out = work / "cc-out"
            cc_out.mkdir()
            render, cc, cpu = interleaved(
                render_cmd, [str(peer_bin / "cookiecutter"), "--no-input", "-f", "-o", str(cc_out), str(tpl)],
                args.runs, env, work)
            rows.append(("`gongwen render` (party-history example) vs `cookiecutter --no-input` (3 files)",
                         ms(render), ms(cc), times(render / cc), times(cpu), "≤ 0.6×", render / cc <= 0.6))

        if "floor" in only:  # one document vs the floor: a process that only imports docxtpl
            render, floor, cpu = interleaved(render_cmd, floor_cmd, args.runs, env, work)
            rows.append(("`gongwen render` (party-history example) vs floor: fresh `python -c \"import docxtpl\"`",
                         ms(render), ms(floor), times(render / floor), times(cpu), "≤ 1.3×", render / floor <= 1.3))

            def no_compiled_templates() -> None:
                shutil.rmtree(work / "user-cache", ignore_errors=True)

            first, floor, cpu = interleaved(render_cmd, floor_cmd, args.runs, env, work,
                                            before=no_compiled_templates)
            rows.append(("`gongwen render`, first render of the template (empty bytecode cache) vs floor",
                         ms(first), ms(floor), times(first / floor), times(cpu), "(info)", None))

        if only & {"batch", "memory"}:
            src = work / "batch-in"
            src.mkdir()
            for i in range(args.docs):
                shutil.copy(EXAMPLE, src / f"branch-{i:03d}.toml")
            files = sorted(str(p) for p in src.glob("*.toml"))
            out_b, out_n = work / "batch-out", work / "naive-out"
            out_n.mkdir()
            (work / "naive.py").write_text(NAIVE_LOOP, encoding="utf-8")
            batch_cmd = [*gongwen, "batch", *files, "-o", str(out_b), "--jobs", str(args.jobs)]
            single_cmd = [*gongwen, "batch", *files, "-o", str(out_b), "--jobs", "1"]

            def clean() -> None:
                shutil.rmtree(out_b, ignore_errors=True)

        if "batch" in only:  # batch throughput vs a naive loop
            t_batch, t_naive, _ = interleaved(batch_cmd,
                                              [sys.executable, str(work / "naive.py"), str(src), str(out_n)],
                                              args.batch_runs, env, work, before=clean)
            batch_rate, naive_rate = args.docs / t_batch, args.docs / t_naive
            rows.append((f"`gongwen batch` of {args.docs} files, `--jobs {args.jobs}` vs naive loop (fresh "
                         "`DocxTemplate` per document), documents/s", f"{batch_rate:.1f}/s", f"{naive_rate:.1f}/s",
                         times(batch_rate / naive_rate), "", "≥ 3×", batch_rate / naive_rate >= 3))
            single = statistics.median(median_seconds(single_cmd, args.batch_runs, env, work, clean))
            rows.append((f"`gongwen batch` of {args.docs} files, `--jobs 1` (one process, template cache only)",
                         f"{args.docs / single:.1f}/s", f"{naive_rate:.1f}/s", times(t_naive / single), "",
                         "(info)", None))

        if "memory" in only:
            clean()
            peak = peak_rss_mb(batch_cmd, env, work)
            clean()
            peak_one = peak_rss_mb(single_cmd, env, work)
            rows.append((f"peak RSS of the largest process of `gongwen batch --jobs {args.jobs}` ({args.docs} files)",
                         f"{peak:.0f} MB", "", "", "", "≤ 100 MB per worker", peak <= 100))
            rows.append((f"peak RSS of `gongwen batch --jobs 1` ({args.docs} files, one process)",
                         f"{peak_one:.0f} MB", "", "", "", "(info)", None))

        if "stages" in only:
            (work / "stages.py").write_text(STAGES, encoding="utf-8")
            subprocess.run([*gongwen, "list"], env=env, cwd=work, capture_output=True, check=True)  # the index
            stages = {"Python start-up (`python -c pass`, whole process)":
                      statistics.median(median_seconds([sys.executable, "-c", "pass"], args.runs, env, work)) * 1000}
            probe = [sys.executable, str(work / "stages.py"), str(EXAMPLE), str(work / "st.docx")]
            stages |= stage_medians(probe, args.runs, env, work)
            normal, skipped, _ = interleaved(probe, [*probe, "--os-exit"], args.runs, env, work)
            stages["interpreter shutdown after a render (normal exit − `os._exit`)"] = (normal - skipped) * 1000
            normal, skipped, _ = interleaved(floor_cmd, [sys.executable, "-c", "import os, docxtpl; os._exit(0)"],
                                             args.runs, env, work)
            stages["interpreter shutdown of the floor (the same for `import docxtpl`)"] = (normal - skipped) * 1000
    finally:
        shutil.rmtree(work, ignore_errors=True)

    info = machine()
    print("\n".join(f"- {k}: {v}" for k, v in info.items()))
    print(f"- runs: {args.runs} (start-up, render), {args.batch_runs} (batch); medians\n")
    if rows:
        print("| measure | gongwen | peer | ratio | CPU-time ratio | target | met |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, a, b, ratio, cpu, target, met in rows:
            mark = "" if met is None else ("yes" if met else "**no**")
            print(f"| {name} | {a} | {b} | {ratio} | {cpu} | {target} | {mark} |")
    if stages:
        print("\nWhere one render's time goes (in-process steps, medians over fresh processes; "
              "the steps do not add up to the median of the whole):\n")
        print("| step | ms |")
        print("| --- | --- |")
        for name, value in stages.items():
            print(f"| {name} | {value:.1f} |")
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "rows": rows, "stages": stages}, ensure_ascii=False,
                                        indent=2))
    return 0


def times(ratio: float) -> str:
    return "" if math.isnan(ratio) else f"{ratio:.2f}×"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    sys.exit(main())
