"""``gongwen doctor``: the fonts the documents use, what stands in for a missing one, LibreOffice
for PDF, and how to install what is missing (issue 13, item 6)."""

from __future__ import annotations

from gongwen import doctor


def test_doctor_names_every_font_and_libreoffice(gw):
    r = gw("doctor")
    assert r.code == 0
    for family in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"):
        assert family in r.out
    assert "LibreOffice" in r.out


def test_a_missing_font_says_what_stands_in_and_how_to_install(monkeypatch):
    monkeypatch.setattr(doctor, "installed_families", lambda: {"黑体", "宋体"})
    monkeypatch.setattr(doctor, "substitute", lambda family: "Noto Sans CJK SC")
    monkeypatch.setattr(doctor.platform, "system", lambda: "Linux")
    lines, ok = doctor.report()
    text = "\n".join(lines)
    assert not ok
    assert "✔ 黑体（一级标题）：已安装" in text
    assert "✘ 仿宋_GB2312（正文）：未安装，显示和转 PDF 时将用“Noto Sans CJK SC”代替" in text
    assert "fc-cache" in text and "apt install fonts-noto-cjk" in text


def test_noto_already_installed_is_not_offered_again(monkeypatch):
    monkeypatch.setattr(doctor, "installed_families", lambda: {"Noto Serif CJK SC", "Noto Sans CJK SC"})
    monkeypatch.setattr(doctor, "substitute", lambda family: "Noto Serif CJK SC")
    monkeypatch.setattr(doctor.platform, "system", lambda: "Linux")
    text = "\n".join(doctor.report()[0])
    assert "fonts-noto-cjk" not in text and "已装思源字体" in text and "fc-cache" in text


def test_all_fonts_and_libreoffice_present_is_ok(monkeypatch):
    monkeypatch.setattr(doctor, "installed_families", lambda: {n for _, _, names in doctor.FONTS for n in names})
    import gongwen.render_pdf as pdf

    monkeypatch.setattr(pdf, "soffice", lambda: "/usr/bin/soffice")
    lines, ok = doctor.report()
    assert ok and "安装缺少的字体" not in "\n".join(lines)
