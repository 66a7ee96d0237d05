"""Tests of the plugin as installed, through gongwen's public test helpers."""

from __future__ import annotations

import subprocess
import sys

from gongwen.api.testing import (
    CTRL_U,
    DOWN,
    ENTER,
    docx_paragraphs,
    get_type,
    headings,
    placeholders,
    render_docx_bytes,
    render_text,
    run_questionnaire,
)

TYPE = "zuzhishenghuohui-notice"
TOP = ["一、会议主题", "二、参加范围", "三、召开时间", "四、会前准备", "五、会议议程", "六、民主评议党员", "七、工作要求"]


def top_headings(answers: dict) -> list[str]:
    return [h for h in headings(TYPE, answers) if not h.startswith("（")]


def test_the_entry_point_provides_the_type():
    assert get_type(TYPE).plugin == "zuzhishenghuohui"


def test_defaults_give_a_complete_notice():
    text = render_text(TYPE, {"year": 2024, "issue_date": "2024-12-20"})
    assert text.startswith("关于召开2024年度组织生活会和开展民主评议党员工作的通知\n各基层党组织：")
    assert "于2025年1月至2月期间召开" in text
    assert "①党支部书记通报上年度组织生活会查摆问题整改落实情况。" in text
    assert "于2025年3月10日前将组织生活会召开情况报告、民主评议党员结果统计表和会议记录复印件报送县委组织部。" in text
    assert text.endswith("中共县委组织部\n2024年12月20日")
    assert placeholders(text) == []
    assert top_headings({}) == TOP
    assert "（四）撰写发言提纲。" in headings(TYPE, {})


def test_answers_reach_the_text():
    answers = {"unit": "县直机关工委", "scope": "县直机关", "period": "2025年1月", "guidance": False,
               "materials": ["召开情况报告"], "contact": "王明，1234567"}
    text = render_text(TYPE, answers)
    assert "经县直机关工委研究，决定在县直机关各基层党组织召开" in text
    assert "于2025年1月期间召开" in text
    assert "到联系点党支部参加会议" not in text
    assert "将召开情况报告报送县直机关工委。联系人及电话：王明，1234567。" in text
    assert "中共县直机关工委" in text


def test_no_report_requirement_when_answered_no():
    text = render_text(TYPE, {"report": False})
    assert "按时报送材料" not in text and "（三）抓好整改落实。" in text


def test_a_dropped_section_renumbers_and_skips_its_questions():
    outline = [{"key": k} for k in ("theme", "attendance", "period", "agenda", "requirements")]
    assert top_headings({"outline": outline}) == ["一、会议主题", "二、参加范围", "三、召开时间", "四、会议议程", "五、工作要求"]


def test_questionnaire_enter_through_and_a_typed_answer():
    assert render_text(TYPE, run_questionnaire(TYPE, ENTER * 60)) == render_text(TYPE, {})
    # 年度, 发文单位, 范围, 标题 and 主送 share one screen: ↓ to 发文单位, clear it, type, Enter for the rest
    raw = run_questionnaire(TYPE, DOWN + CTRL_U + "机关党委" + ENTER * 60)
    assert raw["unit"] == "机关党委" and "signature" not in raw  # the 落款 is derived: it follows the unit
    assert "\n中共机关党委\n" in render_text(TYPE, raw)


def test_docx():
    paragraphs = docx_paragraphs(render_docx_bytes(TYPE, {"year": 2024}))
    assert "关于召开2024年度组织生活会和开展民主评议党员工作的通知" in paragraphs
    assert any(p.startswith("六、民主评议党员") for p in paragraphs)


def test_gongwen_command_lists_and_renders(tmp_path):
    def gongwen(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "gongwen", *args], capture_output=True, text=True,
                              cwd=tmp_path, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert TYPE in gongwen("list")
    assert "zuzhishenghuohui  [第三方]  gongwen-zuzhishenghuohui" in gongwen("plugins")
    gongwen("new", TYPE, "--no-input", "-o", "通知.docx")
    gongwen("render", "通知.toml", "-o", "通知.md")
    assert "## 七、工作要求" in (tmp_path / "通知.md").read_text(encoding="utf-8")
