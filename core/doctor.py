"""``gongwen doctor``: can this machine show the documents as they are meant to look?

The GB/T 9704 template names the fonts the genre uses.  Word and WPS on a Chinese Windows have
most of them; elsewhere a viewer puts another font in their place, and the page moves.  This
says which are there, what would stand in for the others (fontconfig's choice, which LibreOffice
follows on Linux), whether LibreOffice is there for PDF output, and how to install what is missing.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from pathlib import Path

#: The template's fonts: (family, where the document uses it, alternative names a machine may have).
FONTS = (
    ("仿宋_GB2312", "正文", ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong")),
    ("方正小标宋简体", "标题", ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK")),
    ("黑体", "一级标题", ("黑体", "SimHei")),
    ("楷体_GB2312", "二级标题", ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi")),
    ("宋体", "页码", ("宋体", "SimSun")),
)
#: Font files of the families above as Windows names them.
WINDOWS_FILES = {"仿宋_GB2312": ("simfang.ttf", "fs_gb2312.ttf"), "方正小标宋简体": ("fzxbsjw.ttf",),
                 "黑体": ("simhei.ttf",), "楷体_GB2312": ("simkai.ttf", "kt_gb2312.ttf"), "宋体": ("simsun.ttc",)}
INSTALL = {
    "Windows": "Windows：中文版 Windows 自带黑体、宋体、仿宋、楷体；仿宋_GB2312、楷体_GB2312、方正小标宋简体"
               "需另行取得字体文件（单位一般有），右键“为所有用户安装”。",
    "Darwin": "macOS：把字体文件（.ttf）拖入“字体册”安装；也可安装 WPS Office，它带有常用公文字体。",
    "Linux": "Linux：sudo apt install fonts-noto-cjk（思源宋体、黑体，可代替宋体、黑体）；"
             "公文字体文件（仿宋_GB2312 等）复制到 ~/.local/share/fonts 后运行 fc-cache -f。",
}
#: Linux with the Noto CJK fonts already there: only the official fonts are missing.
INSTALL_WITH_NOTO = ("Linux：已装思源字体（Noto CJK），可代替显示；公文字体文件（仿宋_GB2312 等）"
                     "复制到 ~/.local/share/fonts 后运行 fc-cache -f。")


def installed_families() -> set[str] | None:
    """Font families fontconfig knows (Linux, macOS with fontconfig); None when it is not there."""
    if not shutil.which("fc-list"):
        return None
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


def windows_has(family: str) -> bool:
    folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return any((folder / name).exists() for name in WINDOWS_FILES.get(family, ()))


def substitute(family: str) -> str:
    """What fontconfig would use in the font's place ("" when it cannot tell)."""
    if not shutil.which("fc-match"):
        return ""
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}", f"{family}:lang=zh-cn"], capture_output=True,
                             text=True, timeout=30)  # a font with Chinese characters, as a viewer picks one
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return out.stdout.split(",")[0].strip()


def report() -> tuple[list[str], bool]:
    """The lines ``gongwen doctor`` prints, and whether everything needed is there."""
    families = installed_families()
    system = platform.system()
    lines, ok = ["文档使用的字体："], True
    for family, use, names in FONTS:
        have = windows_has(family) if system == "Windows" and families is None else \
            bool(families and any(n in families for n in names))
        if have:
            lines.append(f"  ✔ {family}（{use}）：已安装")
            continue
        ok = False
        instead = substitute(family)
        stand_in = f"，显示和转 PDF 时将用“{instead}”代替，版面会有出入" if instead else ""
        lines.append(f"  ✘ {family}（{use}）：未安装{stand_in}")
    from .render_pdf import soffice

    office = soffice()
    lines.append(f"LibreOffice：已安装（{office}），可用 -o 文件.pdf 输出 PDF" if office
                 else "LibreOffice：未安装，不能直接输出 PDF")
    if not ok:
        advice = INSTALL.get(system, INSTALL["Linux"])
        if advice is INSTALL["Linux"] and families and any(f.startswith("Noto Serif CJK") for f in families):
            advice = INSTALL_WITH_NOTO
        lines += ["安装缺少的字体：", f"  {advice}"]
    if not office:
        lines.append("  LibreOffice：从 libreoffice.org 下载安装；Debian/Ubuntu：sudo apt install libreoffice-writer")
    lines.append("没有这些字体时文档照样生成，在装有这些字体的电脑上用 Word/WPS 打开即为规范版式。")
    return lines, ok and office is not None
