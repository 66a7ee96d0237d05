"""The seed documents' heading sequences, kept as fixtures so the comparisons run on any checkout.

The seeds themselves (``../shared/seeds`` next to the repository) are not part of the project;
only their headings (numbers and titles: structure) are copied, one per line, into
``tests/fixtures/seed-headings/NAME.txt``. ``tests/test_seed_headings.py`` checks the fixtures
against the seeds when the seeds are present; regenerate them with::

    python tests/seeds.py
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "seed-headings"
#: The reference documents: ``../shared/seeds`` next to the repository, or ``GONGWEN_SEEDS``.
SEEDS = Path(os.environ.get("GONGWEN_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds")

#: 一、 （一） 1.
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
#: 一、 （一） only (seed 002 has "1." lines that are not headings)
UPPER_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
#: the patrol variants' numbers, in every spelling they use
PATROL_NUMBER = re.compile(r"^(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[）)]|(\d+)[.．、])")

#: Seed 001's typos and placeholders, as its example corrects and fills them.
SEED_001_FIXES = {"厦职": "履职", "方控": "防控", "正在故的": "正在做的", "不折不担": "不折不扣",
                  "力实事": "办实事", "风险挑的": "风险挑战的", "9.驭全局": "9.驾驭全局", "五个XX": "五个新城"}


def norm(s: str) -> str:
    """A heading without punctuation or spaces."""
    return re.sub(r"[\W_]", "", s)


def seed_headings(text: str, heading: re.Pattern = HEADING) -> list[str]:
    """Heading lines of a seed; a run-in heading ends at its first full stop."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        m = heading.match(line)
        if m:
            rest = line[m.end():]
            if "。" in rest[:-1]:
                rest = rest[: rest.index("。") + 1]
            out.append(m.group() + rest)
    return out


def patrol_seed_headings(text: str) -> list[str]:
    """Numbered heading lines (一、 （一） 1.) of a patrol variant; a heading that runs into its
    paragraph ends at its first "。" or "："."""
    out = []
    for line in text.splitlines():
        line = line.strip().replace("**", "")
        m = PATROL_NUMBER.match(line)
        if not m:
            continue
        rest = line[m.end():]
        cut = min((i for i in (rest.find("。"), rest.find("：")) if 0 <= i < len(rest) - 1), default=None)
        out.append(m.group() + (rest[: cut + 1] if cut is not None else rest))
    return out


def patrol_variants(text: str) -> list[str]:
    """The nine variants of seed 004, split at their "# …（N）" titles."""
    return re.split(r"^# 巡视巡察整改专题民主生活会实施方案（\d+）\s*$", text, flags=re.M)[1:]


def _seed_text(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _seed_001() -> list[str]:
    text = _seed_text("001")
    for wrong, right in SEED_001_FIXES.items():
        text = text.replace(wrong, right)
    return seed_headings(text)


def _patrol(n: int) -> Callable[[], list[str]]:
    return lambda: patrol_seed_headings(patrol_variants(_seed_text("004"))[n - 1])


#: fixture name -> how its headings are extracted from the seeds
EXTRACT: dict[str, Callable[[], list[str]]] = {
    "001": _seed_001,
    "002": lambda: seed_headings(_seed_text("002"), UPPER_HEADING),
    "003": lambda: seed_headings(_seed_text("003")),
    **{f"004-{n:02d}": _patrol(n) for n in range(1, 10)},
}


def expected_headings(name: str) -> list[str]:
    """The headings of seed ``name`` (e.g. "003", "004-05"), from its fixture."""
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").splitlines()


def seed_text(prefix: str) -> str | None:
    """A seed's full text, or None on a checkout without the seeds."""
    return _seed_text(prefix) if SEEDS.is_dir() and any(SEEDS.glob(f"{prefix}_*.txt")) else None


def main() -> int:
    """Rewrite every fixture from the seeds."""
    if not SEEDS.is_dir():
        print(f"no seeds at {SEEDS}", file=sys.stderr)
        return 1
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, extract in EXTRACT.items():
        lines = extract()
        (FIXTURES / f"{name}.txt").write_text("".join(f"{h}\n" for h in lines), encoding="utf-8")
        print(f"{name}: {len(lines)} headings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
