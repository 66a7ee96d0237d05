"""Markdown output from the same document model as the DOCX."""

from __future__ import annotations

from .model import Document, Para, flatten


def _table(p: Para) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|").replace("\n", "<br>") for c in cells) + " |"

    lines = [f"**{p.text}**", ""] if p.text else []
    return [*lines, row(p.columns), row(["---"] * len(p.columns)), *(row(r) for r in p.rows), ""]


def to_markdown(doc: Document) -> str:
    """The document as Markdown: title, numbered headings as #-levels, paragraphs."""
    out: list[str] = []
    for p in flatten(doc):
        if p.kind == "title":
            out += [f"# {p.text}", ""]
        elif p.kind in ("subtitle", "recipient", "signature", "date", "note"):
            out += [p.text, ""]
        elif p.kind == "heading":
            mark = "#" * min(p.level + 1, 6)
            out += [f"{mark} {p.heading}", ""]
            if p.rest:
                out += [p.rest, ""]
        elif p.kind == "body":
            out += [(f"**{p.lead}**" if p.lead else "") + p.text, ""]
        elif p.kind == "attachments":
            for line in (p.lead + p.text).split("\n"):  # "附件：1.…", then "2.…"
                out += [line, ""]
        elif p.kind == "table":
            out += _table(p)
        elif p.kind == "appendix_label":
            out += ["---", "", p.text, ""]
        elif p.kind == "appendix_title":
            out += [f"## {p.text}", ""]
    return "\n".join(out).rstrip("\n") + "\n"
