"""Reading a document to import: a DOCX (Word, WPS, LibreOffice), a plain-text file, or a
.doc/.wps/.odt converted by LibreOffice first, into one stream of :class:`Line`.

Formatting noise is removed here, so that the parser sees the same lines whatever tool
wrote the file: Word's automatic numbering becomes the number it shows ("一、", "（一）",
"1."), indents typed with tabs and spaces go, empty paragraphs go, a soft line break ends a
paragraph only where a sentence or a numbered line ends, and a run-in heading written in a
bold (or otherwise different) run keeps that run as the line's ``lead``.  DOCX files are
read by :mod:`gongwen.import_docx`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GongwenError

#: Suffixes LibreOffice converts first (anything else that is not a DOCX is read as text).
CONVERTED_SUFFIXES = (".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot")
HOW_TO_GET_SOFFICE = ("需要先用 LibreOffice 转换，但本机没有找到 LibreOffice（soffice）。"
                      "请安装 LibreOffice（Ubuntu/Debian：sudo apt-get install libreoffice-writer；"
                      "Windows/macOS：从 libreoffice.org 下载），或用 Word/WPS 把文件另存为 .docx 后再导入。")

SPACE = "\t \u3000\xa0\u2002\u2003\u2009\u200b\ufeff"
#: A line that starts with a typed heading number (used to decide about soft line breaks).
NUMBERED = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]"
                       r"|[①-⑳])")
SENTENCE_END = "。！？；：!?;:"
#: A page number left in a text copied from a printed document: "— 3 —", "-3-", "第3页".
PAGE_NUMBER = re.compile(r"[-—－–\s]*\d{1,3}[-—－–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?")


@dataclass
class Line:
    """One paragraph (or table) of the source, in reading order.

    ``lead`` is the text of the paragraph's first run(s) when they are formatted apart from
    the rest (a bold "（一）标题。" before the text); ``role`` is what the paragraph's style
    says it is ("title", "heading2", "signature"…, "" when the style says nothing);
    ``rows`` holds a table's cells (its first row is the header).
    """

    text: str
    lead: str = ""
    role: str = ""
    rows: list[list[str]] | None = None


@dataclass
class Source:
    """What was read: the lines and notes for the report (conversion, encoding)."""

    lines: list[Line]
    kind: str  # "docx" | "text"
    notes: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """Text without indent, trailing space, zero-width characters or the space people type
    after a number ("一、 总体要求")."""
    text = text.replace("\u200b", "").replace("\ufeff", "").strip(SPACE)
    m = NUMBERED.match(text)
    if m:
        text = text[: m.end()].strip(SPACE) + text[m.end():].lstrip(SPACE)
    return text


def read_source(path: Path) -> Source:
    """Read ``path`` by what it is (its first bytes, then its suffix)."""
    path = Path(path)
    if not path.is_file():
        raise GongwenError(f"找不到要导入的文件“{path}”。" if not path.exists() else f"“{path}”不是文件。")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GongwenError(f"无法读取“{path}”：{exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        raise GongwenError(f"“{path}”是答案文件，不需要导入；生成文档请用 gongwen render {path} -o 输出.docx")
    if data.startswith(b"PK\x03\x04") and suffix not in (".odt",) and b"opendocument" not in data[:200]:
        return Source(_docx(data, path), "docx")
    if data.startswith(b"\xd0\xcf\x11\xe0") or data.startswith(b"PK\x03\x04") or suffix in CONVERTED_SUFFIXES \
            or data.startswith(b"{\\rtf"):
        converted = convert_to_docx(path)
        lines = _docx(converted.read_bytes(), path)
        return Source(lines, "docx", [f"已用 LibreOffice 把“{path.name}”转换为 .docx 后读取"])
    if data.startswith(b"%PDF"):
        raise GongwenError(f"“{path}”是 PDF，无法导入其中的文字格式。"
                           "请用 Word/WPS 打开后另存为 .docx，或复制文字存为 .txt。")
    return Source(read_text(decode_text(data, path)), "text")


# ---------------------------------------------------------------- text files


def decode_text(data: bytes, path: Path) -> str:
    """A text file's characters: UTF-8 (with or without BOM), UTF-16 with a BOM, or GBK/GB18030."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise GongwenError(f"无法识别“{path}”的文字编码（不是 UTF-8，也不是 GBK）。"
                           "请用记事本或 WPS 打开后另存为 UTF-8 编码的 .txt，或另存为 .docx 再导入。") from None


def read_text(text: str) -> list[Line]:
    """Lines of a text file; Markdown's ``# `` title and ``**bold**`` marks are read as such."""
    out = []
    first = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean(raw)
        role = ""
        if line.startswith("#"):
            line, role = line.lstrip("#").strip(SPACE), "title" if first else ""
        lead = ""
        m = re.match(r"^\*\*(.+?)\*\*", line)
        if m:
            lead = m.group(1)
        line = clean(line.replace("**", ""))
        if line and not PAGE_NUMBER.fullmatch(line):
            out.append(Line(line, clean(lead.replace("**", "")), role))
            first = False
    return join_broken(out)


#: A paragraph that ends so has not ended: the next one goes on with its sentence.
_UNFINISHED = "，、"


def join_broken(lines: list[Line]) -> list[Line]:
    """A sentence broken over two paragraphs (Enter typed where the line wrapped) joined again."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (prev is not None and not prev.rows and not ln.rows and prev.text[-1:] in _UNFINISHED
                and not ln.role and not ln.lead and not NUMBERED.match(ln.text) and prev.role in ("", "heading")):
            prev.text += ln.text
            continue
        out.append(ln)
    return out


# ---------------------------------------------------------------- LibreOffice


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path) -> Path:
    """``path`` converted by ``soffice --headless --convert-to docx`` (into a temporary folder)."""
    exe = soffice()
    if exe is None:
        raise GongwenError(f"“{path.name}”是 {path.suffix or '旧版 Word'} 文件，{HOW_TO_GET_SOFFICE}")
    out_dir = Path(tempfile.mkdtemp(prefix="gongwen-import-"))
    profile = out_dir / "profile"
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "docx", "--outdir", str(out_dir), str(path.resolve())]
    try:
        subprocess.run(cmd, capture_output=True, timeout=180, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GongwenError(f"LibreOffice 转换“{path.name}”失败（{exc}）。"
                           "请用 Word/WPS 另存为 .docx 后再导入。") from None
    result = out_dir / (path.stem + ".docx")
    if not result.is_file():
        raise GongwenError(f"LibreOffice 未能转换“{path.name}”（文件可能已损坏或受密码保护）。"
                           "请用 Word/WPS 打开后另存为 .docx 再导入。")
    return result


def _docx(data: bytes, path: Path) -> list[Line]:
    from .import_docx import read_docx

    return read_docx(data, path)
