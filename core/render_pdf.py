"""PDF output: the DOCX converted by LibreOffice (``soffice --headless --convert-to pdf``), the one
widely installed converter that lays out Chinese text with the document's own fonts.  Without it,
one Chinese sentence says how to get it, or to export the PDF from Word/WPS."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import GongwenError
from .fileio import atomic_write

NO_LIBREOFFICE = ("输出 PDF 需要 LibreOffice，本机没有找到（soffice）。请安装 LibreOffice"
                  "（Windows、macOS：从 libreoffice.org 下载安装；Debian/Ubuntu：sudo apt install "
                  "libreoffice-writer），或先输出 .docx，再用 Word/WPS 打开后导出为 PDF。")


def soffice() -> str | None:
    """The LibreOffice command, if this machine has one."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, timeout: float = 180) -> bytes:
    """The PDF LibreOffice makes of a DOCX (a profile of its own, so a LibreOffice the user has
    open does not get in the way)."""
    command = soffice()
    if command is None:
        raise GongwenError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="gongwen-pdf-") as work:
        source = Path(work) / "document.docx"
        atomic_write(source, data)
        profile = (Path(work) / "profile").as_uri()
        try:
            subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", work, str(source)], capture_output=True, timeout=timeout, check=False,
                           env={**os.environ, "HOME": work})
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise GongwenError(f"LibreOffice 转换 PDF 失败（{type(exc).__name__}）。"
                               "可先输出 .docx，再用 Word/WPS 导出为 PDF。") from exc
        pdf = Path(work) / "document.pdf"
        if not pdf.is_file():
            raise GongwenError("LibreOffice 没有生成 PDF。可先输出 .docx，再用 Word/WPS 导出为 PDF。")
        return pdf.read_bytes()
