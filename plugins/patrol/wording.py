"""Default wording of the 巡视/巡察整改专题民主生活会实施方案, as data.

Fields in braces are filled from the answers (see ``meeting_plan.words``):
``{inspect}`` 巡视/巡察, ``{group}`` the inspection group, ``{org}`` 党委/党组/党总支/党支部,
``{org_name}`` the organisation (局党组), ``{members}`` 党组成员…, ``{secretary}`` 党组书记…,
``{meeting}`` the meeting's name, ``{superior}`` the superior committee (县委), ``{area}`` its
area as in 县纪委监委, ``{statement}`` 对照检查材料 (or 检视剖析材料), ``{unit}`` the unit.
Nothing here names 巡视, 巡察, 党委 or 党组 directly, so the words follow the answers.
"""

from __future__ import annotations

PREAMBLE_PURPOSE = (
    "为把{inspect}反馈意见整改作为重大政治任务抓紧抓实，以{meeting}推动{org_name}及{members}"
    "对号入座、认领责任、深挖根源，切实做好{inspect}“后半篇文章”"
)
PREAMBLE_CLOSING = "结合实际，制定本方案。"

THEME = (
    "坚持以习近平新时代中国特色社会主义思想为指引，全面贯彻党中央关于{inspect}工作的决策部署，"
    "紧扣{group}反馈的问题和意见建议，增强“四个意识”、坚定“四个自信”、做到“两个维护”，"
    "从思想、政治、作风上对照反思，把自身、职责和工作一并摆进去，严肃开展批评和自我批评，"
    "找准症结、明确方向、压实责任，以{inspect}整改的实际成效推动各项工作高质量发展。"
)
GUIDANCE = (
    "坚持问题导向、目标导向和结果导向相统一，把开好{meeting}作为检验{inspect}整改成效的重要环节。"
    "坚持严的基调，既聚焦反馈问题逐项对照，又举一反三查找同类问题；既立足当下抓好即知即改，"
    "又着眼长远完善制度机制，确保会议开出质量、开出效果。"
)

PREP_INTRO = "会前，围绕会议主题扎实做好以下几个环节的准备工作，为开好会议打下坚实基础。"

STUDY_INTRO = "{org_name}采取{ways}的方式，重点学习以下内容："
STUDY_MATERIALS = [
    "习近平新时代中国特色社会主义思想和党的二十大精神",
    "习近平总书记关于{inspect}工作和全面从严治党的重要论述",
    "《中国共产党章程》《关于新形势下党内政治生活的若干准则》",
    "《县以上党和国家机关党员领导干部民主生活会若干规定》",
    "{group}反馈意见和{superior}关于{inspect}整改工作的部署要求",
]
STUDY_MATERIALS_XUNSHI = "《中国共产党巡视工作条例》"
STUDY_TEXT = (
    "学习中要联系{inspect}反馈的问题和个人分管的工作，边学边思、边学边查，"
    "切实把思想和行动统一到整改要求上来，为开好{meeting}筑牢思想根基。"
)

SOLICIT_WAYS = ["召开座谈会", "个别走访", "发放征求意见表", "设置意见箱"]
SOLICIT_SCOPE = ["所属单位和部门", "党员干部", "服务对象和群众代表"]
SOLICIT_INTRO = "采取{ways}等方式，广泛听取{scope}对{org_name}领导班子和{members}的意见建议。"
SOLICIT_TEXT = (
    "征求到的意见建议要如实整理、分类汇总：涉及领导班子的，向全体{members}通报；"
    "涉及个人的，原原本本反馈给本人，不作过滤、不打折扣。"
)

TALK_PAIRS = [
    "{secretary}与每位{members}逐一谈",
    "{members}相互之间逐一谈",
    "{members}与分管部门主要负责同志谈",
    "{members}与所联系单位或基层站所的主要负责同志谈",
]
TALK_FOUR_MUSTS = "严格落实“四必谈”要求，"
TALK_INTRO = "围绕会议主题深入开展谈心谈话"
#: Before the list of talks, which say who talks with whom (the heading says 谈心谈话 already).
TALK_LIST_LEAD = "围绕会议主题，做到："
TALK_CRITICISMS = "每位{members}至少向其他同志提出{n}条有分量、有内容的批评意见。"
TALK_TEXT = (
    "谈心谈话要一对一、面对面进行，既讲自身的不足，也坦率指出对方的问题，"
    "把心里话说出来、把症结点出来，在交流交心中消除隔阂、凝聚共识。"
)

FEEDBACK_AREAS = [
    "贯彻落实党中央决策部署和上级工作要求不够到位",
    "落实全面从严治党主体责任有差距",
    "基层党的建设和干部队伍建设存在薄弱环节",
    "作风建设和廉政风险防控还需加强",
]
PROBLEMS_INTRO = "对照{group}反馈的{n}个方面问题，逐项认领、深入查摆："
PROBLEMS_INTRO_QUOTED = "认真对照{areas}等{n}个方面的反馈问题，逐项认领、深入查摆。"
PROBLEMS_TEXT = (
    "查摆问题要坚持实事求是，既认领{inspect}指出的问题，也主动查找尚未发现的同类问题；"
    "防止以共性问题代替个性问题、以工作问题代替思想问题、以他人问题代替自身问题，"
    "从理想信念、宗旨意识、党性修养等方面深挖根源，列出问题清单。"
)

MATERIALS_DRAFT = "{drafter}主持起草领导班子{statement}，材料初稿征求{members}意见后修改完善。"
MATERIALS_PERSONAL = "{members}亲自动手撰写个人发言提纲，不得由他人代写。"
MATERIALS_REVIEW = "个人发言提纲由{reviewer}逐一审阅把关。"
MATERIALS_APPROVE = "领导班子{statement}和个人发言提纲报{approver}审核。"
MATERIALS_SUBMIT = "{statement}和发言提纲定稿后交{submit}汇总。"
MATERIALS_TEXT = (
    "材料要紧扣{inspect}反馈问题，写清问题表现、剖析思想根源、提出整改措施，"
    "做到见人见事见思想，不回避矛盾，不泛泛而谈。"
)

CRITICISM_TEXT = (
    "会上，{secretary}代表领导班子作对照检查，并带头开展自我批评；{members}逐一发言，"
    "其他同志逐一提出批评意见。自我批评要敢于揭短亮丑，相互批评要出于公心、直指问题，"
    "不以工作建议代替批评意见，真正达到“团结—批评—团结”的目的。"
)

MEETING_INTRO = ""
TIME = "定于{date}召开"
DURATION = "会期{duration}。"
PLACE = "{place}。"
ATTENDEES_DEFAULT = ["全体{members}"]
ATTENDEES_SENTENCE = "{who}参加会议。"
OBSERVERS_SENTENCE = "{who}列席会议。"
SUPERVISORS_DEFAULT = ["{group}", "{area}纪委监委", "{superior}组织部"]
SUPERVISION_SENTENCE = "邀请{who}有关同志到会指导。"
PRESIDER_SENTENCE = "会议由{presider}主持。"
AGENDA_INTRO = "会议由{presider}主持，主要议程如下："
AGENDA = [
    "{secretary}通报会前准备情况和{inspect}反馈问题整改进展",
    "{secretary}代表领导班子作对照检查发言，并率先作自我批评",
    "{members}逐一进行个人对照检查，其他同志逐一提出批评意见",
    "到会指导的同志作点评讲话",
    "{secretary}作表态发言",
]

RECTIFY_TEXT = (
    "会后，对会上查摆和批评指出的问题再梳理，形成领导班子和{members}个人问题清单、整改清单、"
    "责任清单，明确整改措施、责任人和完成时限。能立即解决的立行立改，需要一定时间解决的"
    "持续推进、定期督办，整改进展适时在一定范围公布，主动接受党员和群众的监督。"
)
RECTIFY_DUE = "整改任务原则上于{date}前完成。"
NOTIFY_TO = ["所属单位和部门主要负责同志", "机关全体党员干部"]
NOTIFY = "会议结束后，及时向{to}通报{content}。"  # {content} names what: not "通报会议召开情况，主要通报会议召开情况……"
NOTIFY_CONTENT = "会前准备、查摆问题、开展批评和自我批评以及下一步整改打算等情况"
REPORT_TO_DEFAULT = ["{area}纪委监委", "{superior}组织部"]
REPORT = "会议召开后{when}将会议情况形成专题报告，连同会议记录、{statement}报送{to}"
REPORT_CC = "，同时抄送{cc}"
ARCHIVE = (
    "会议方案、会议记录、对照检查材料、个人发言提纲、征求意见汇总和整改清单等材料"
    "由{office}整理立卷、存档备查。"
)

REQUIREMENTS = [
    {"title": "提高思想认识",
     "text": "{members}要把开好{meeting}作为落实{inspect}整改政治责任的具体行动，"
             "以严肃认真的态度做好会前各项准备，确保会议不走过场、取得实效。"},
    {"title": "严肃批评和自我批评",
     "text": "发言要直奔问题、点准要害，自我批评不避重就轻，相互批评不搞一团和气，"
             "对待批评闻过则喜、有则改之，防止好人主义。"},
    {"title": "严明会议纪律",
     "text": "会议期间参会人员不得无故缺席，确有特殊情况的须提前向{secretary}请假；"
             "会议内容按规定范围传达，不得随意扩散。"},
]
LEADERSHIP = (
    "{meeting}在{org_name}统一领导下进行。{secretary}履行第一责任人职责，"
    "对方案制定、谈心谈话、材料撰写、会议召开和整改落实等环节亲自部署、全程把关，"
    "{members}各负其责、主动配合，确保各环节工作衔接有序、落到实处。"
)
DUTIES = [
    {"office": "办公室", "task": "会议通知、会务保障、会议记录和材料收集归档"},
    {"office": "组织人事部门", "task": "征求意见汇总、谈心谈话安排和整改清单跟踪督办"},
    {"office": "纪检部门", "task": "对会议质量和整改落实情况进行监督"},
]
