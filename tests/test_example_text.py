"""Every example renders to the text committed in tests/fixtures/example-text.

The fixtures were written before the pipeline/section refactor (issue 11), so a move of
code that changes a single character of any example document fails here.  Update a
fixture only when a change of wording is intended, with ``GONGWEN_UPDATE_FIXTURES=1``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gongwen.answers import read_answers
from gongwen.testing import render_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "example-text"
EXAMPLES = sorted((ROOT / "examples").glob("*.toml")) + sorted((ROOT / "examples" / "patrol-variants").glob("*.toml"))


def fixture_name(path: Path) -> str:
    return path.stem + ".txt" if path.parent.name == "examples" else f"{path.parent.name}-{path.stem}.txt"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: fixture_name(p)[:-4])
def test_example_renders_to_committed_text(path: Path) -> None:
    raw = read_answers(path)
    text = render_text(raw.pop("type"), raw)
    fixture = FIXTURES / fixture_name(path)
    if os.environ.get("GONGWEN_UPDATE_FIXTURES") == "1":
        fixture.write_text(text + "\n", "utf-8")
    assert text + "\n" == fixture.read_text("utf-8")


def test_every_example_has_a_fixture() -> None:
    assert {fixture_name(p) for p in EXAMPLES} == {p.name for p in FIXTURES.glob("*.txt")}
