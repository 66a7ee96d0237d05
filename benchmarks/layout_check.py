"""The pages a reader sees, over random answer sets (issue 13): too slow for the unit tests
(a LibreOffice conversion per document), run by hand or before a release.

    python benchmarks/layout_check.py [--per-type 20]

For each document type, answer sets a clerk could give (another unit, org kind, year, dates,
every choice and list style, lists and groups cut short; tests/test_properties.py draws them)
with a 落款 and 成文日期 are rendered and converted to PDF by LibreOffice, and each is checked:
no title line of one or two characters and no title break inside a word of a general segmenter
(rjieba), the page with the 落款 also holds text, the ledger's header words unbroken.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

SIGNED = {"signature": "中共某县教育局委员会", "issue_date": "2023-09-01"}
HEADER_PIECES = ("牵头单", "责任单", "责任领", "落实时", "整改措")


def inside_a_word(title: str, lines: list[str]) -> bool:
    import rjieba

    bounds, at = set(), 0
    for word in rjieba.cut(title):
        at += len(word)
        bounds.add(at)
    cuts = [sum(len(x) for x in lines[:i]) for i in range(1, len(lines))]
    return any(c not in bounds for c in cuts)


def check(type_id: str, doc, work: Path, n: int) -> list[str]:
    from gongwen.pipeline import document_bytes
    from gongwen.titlebreak import title_lines

    docx = work / f"{type_id}-{n}.docx"
    docx.write_bytes(document_bytes(doc, "docx"))
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(work), str(docx)], capture_output=True, timeout=240, check=True)
    pages = subprocess.run(["pdftotext", str(docx.with_suffix(".pdf")), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    found = []
    lines = title_lines(doc.title)
    if len(lines) > 1 and (min(map(len, lines)) <= 2 or inside_a_word(doc.title, lines)):
        found.append(f"title breaks badly: {lines}")
    signed = next((p for p in pages if SIGNED["signature"] in p), "")
    text = [line for line in signed.splitlines() if line.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    if signed and len(text) <= 3:
        found.append("the 落款 is alone on its page")
    if any(line.strip() in HEADER_PIECES for p in pages if "序号" in p for line in p.splitlines()):
        found.append("a ledger header word is broken")
    return found


def main() -> int:
    from gongwen.loader import get_registry
    from gongwen.pipeline import build, prepare
    from test_properties import TYPES, plausible_answers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-type", type=int, default=20)
    args = parser.parse_args()
    work, total, bad = Path(tempfile.mkdtemp(prefix="gongwen-layout-")), 0, 0
    for type_id in TYPES:
        done = 0
        for _ in range(args.per_type * 4):
            if done == args.per_type:
                break
            prepared = prepare(get_registry().types[type_id], {**plausible_answers(type_id).example(), **SIGNED})
            if prepared.problems:
                continue
            done += 1
            for finding in check(type_id, build(prepared), work, done):
                bad += 1
                print(f"{type_id} #{done}: {finding}")
        total += done
        print(f"{type_id}: {done} documents checked", flush=True)
    print(f"{total} documents, {bad} findings")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
