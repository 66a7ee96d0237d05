"""Fast start: the everyday commands do not import the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ["docxtpl", "docx", "questionary", "jinja2", "lxml"]

PROBE = """
import json, sys
sys.argv = ["gongwen", *json.loads(sys.argv[1])]
from gongwen.main import main
try:
    main()
except SystemExit:
    pass
print("\\n@@" + json.dumps(sorted(sys.modules)))
"""


def imported_by(*args: str | Path, env: dict | None = None, cwd: Path | None = None) -> set[str]:
    """The modules a ``gongwen`` command line imports (run in a fresh process)."""
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps([str(a) for a in args])], capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd)
    return set(json.loads(proc.stdout.rsplit("\n@@", 1)[1]))


@pytest.mark.parametrize("args", [["--help"], ["list"], ["--version"], ["batch", "--help"]])
def test_everyday_commands_do_not_import_heavy_libraries(args):
    modules = imported_by(*args)
    assert "gongwen.cli" in modules  # the probe did run gongwen
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY)
    assert loaded == []


def test_listing_types_does_not_load_rendering_or_questionnaire():
    modules = imported_by("list")
    assert "gongwen_plugins.patrol" in modules  # plugins were discovered
    rendering = {"gongwen.render_docx", "gongwen.render_template", "gongwen.render_jinja", "gongwen.render_bytecode",
                 "gongwen.docx_table", "gongwen.docx_template"}
    assert not (rendering | {"gongwen.ask", "gongwen.batch", "rich.progress"}) & modules
