"""通用公文 (generic): any 公文 -- its body the user's own outline -- in GB/T 9704 layout."""

from __future__ import annotations

from conftest import example
from gongwen.testing import docx_paragraphs, headings, placeholders, render_docx_bytes, render_text

DT = "generic"


def test_defaults_are_a_complete_notice():
    text = render_text(DT, {})
    assert headings(DT, {}) == ["一、工作目标", "二、主要任务", "三、工作要求"]
    assert not placeholders(text)


def test_example_has_recipient_a_table_attachment_signature_and_date():
    text = render_text(DT, example(DT))
    assert text.startswith("关于开展2024年度党员集中轮训的通知\n机关各党支部：\n为深入学习贯彻")
    assert "具体安排如下：\n期次\t时间\t参训单位\n第一期\t4月15日至17日\t局机关各科室" in text
    assert ("附件：党员集中轮训报名表\n中共县交通运输局党组\n2024年3月15日\n"
            "附件\n党员集中轮训报名表\n填报单位（盖章）：\n序号\t姓名") in text
    paras = docx_paragraphs(render_docx_bytes(DT, example(DT)))
    assert "（二）交通运输高质量发展。邀请市交通运输局业务处室负责同志授课。" in paras
    assert "公路养护中心、运输管理所" in paras  # a table cell


def test_attachments_named_without_their_text():
    text = render_text(DT, {"attachments": ["责任分工表", "进度安排表"], "signature": "机关党委"})
    assert "附件：1.责任分工表\n2.进度安排表\n机关党委" in text and "\n附件1\n" not in text
