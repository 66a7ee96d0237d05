"""Wording for the meeting report (主题教育专题民主生活会召开情况通报).

Data only: default titles, the paragraph templates and the default lists, in the
official register.  Templates are filled with ``Context.fill``; besides the organisation
words ``{org}``, ``{members}``, ``{secretary}``, ``{deputy}``, ``{unit}`` they take the
figures and names named in each comment — every figure comes from an answer.
"""

from __future__ import annotations

# ---------------------------------------------------------------- outline titles

TITLES: dict[str, str] = {
    "before": "会前阶段：精心组织准备，夯实开好会议基础",
    "study": "深化学习教育，筑牢思想根基。",
    "opinions": "广泛征求意见，精准查找问题。",
    "talks": "深入谈心谈话，凝聚思想共识。",
    "materials": "认真撰写材料，深刻检视剖析。",
    "early": "坚持先行先改，立查立改见效。",
    "meeting": "会议阶段：聚焦主题检视，严肃开展批评",
    "theme": "紧扣主题深入查摆。",
    "agenda": "会议程序规范有序。",
    "criticism": "批评与自我批评动真碰硬。",
    "review": "指导组点评精准到位。",
    "after": "会后阶段：聚焦问题整改，巩固会议成果",
}

# ---------------------------------------------------------------- preamble

BASIS: str = "按照党中央关于开好主题教育专题民主生活会的统一部署"

# {basis} {according} (根据, or 按照 after a basis that begins with 根据) {superior} {guide_group} {guide_leader} {date}
PREAMBLE: str = (
    "{basis}，{according}{superior}主题教育领导小组的工作安排，{unit}{org}在认真做好会前各项准备、"
    "报经{superior}和{guide_group}同意后，于{date}召开了学习贯彻习近平新时代中国特色社会主义思想"
    "主题教育专题民主生活会，{guide_group}{guide_leader}到会指导。会上，{members}联系思想和工作实际"
    "深入查摆剖析，严肃认真开展批评和自我批评，会议开得严肃、活泼、有成效，是一次锤炼党性、"
    "检验主题教育成效的政治体检。现将有关情况通报如下："
)

# ---------------------------------------------------------------- 会前

STUDY_MATERIALS: list[str] = [
    "习近平新时代中国特色社会主义思想",
    "党的二十大精神",
    "《中国共产党章程》",
    "《关于新形势下党内政治生活的若干准则》",
    "《中国共产党纪律处分条例》",
    "习近平总书记在主题教育工作会议上的重要讲话",
    "《习近平著作选读》等规定篇目",
]

# {sessions} {hours}: one of these clauses is left out when its figure is 0.
STUDY_SESSIONS: str = "先后开展集中学习研讨{sessions}次"
STUDY_HOURS: str = "累计学习{hours}学时"
# {figures} (the clauses above joined, may be empty) {materials}
STUDY: str = (
    "会前，{org}班子把理论学习贯穿准备工作全过程，采取集中研讨与个人自学相结合的方式，{figures}"
    "重点研读了{materials}。大家在学习中对标对表、联系实际，进一步统一了思想、深化了认识，"
    "为开好这次民主生活会奠定了坚实的思想基础。"
)

CHANNELS: list[str] = ["上级机关", "基层单位", "党员干部", "服务对象", "相关联系单位"]

# Default grouping of the opinions: the meeting's six aspects, with their counts.
OPINION_GROUPS: list[tuple[str, int]] = [
    ("理论学习方面", 10), ("政治素质方面", 8), ("能力本领方面", 7),
    ("担当作为方面", 9), ("工作作风方面", 8), ("廉洁自律方面", 6),
]

# {aspects} {channels} {channel_count} {sent} {returned} {total} {grouped}
OPINIONS: str = (
    "对照会议聚焦的{aspects}个方面要求，结合前期调查研究掌握的情况，分别向{channels}{channel_count}个层面"
    "征求意见，发出意见征求表{sent}份、收回{returned}份，共收集意见建议{total}条{grouped}。对收集到的意见建议，"
    "{members}逐条认领、对号入座，作为查摆问题、开展对照检查的重要依据。"
)
# {items}: "理论学习方面10条、政治素质方面8条……"
OPINIONS_GROUPED: str = "，经分类梳理，涉及{items}"

# {talks}
TALKS: str = (
    "坚持“四个必谈”，{secretary}与{members}逐一谈，{members}之间相互谈，{members}与分管部门负责同志谈，{members}与党员群众代表谈，"
    "共开展谈心谈话{talks}人次。谈话中，大家围绕参加主题教育的收获体会、自身存在的差距不足和下一步"
    "整改打算敞开心扉、坦诚交流，既主动讲清自己的问题，也直截了当指出对方的不足，"
    "达到了交流思想、增进团结的目的。"
)

# {revisions} {members_count}
MATERIALS: str = (
    "{org}在全面梳理学习研讨中查摆的、对照党章党规查找的、调查研究发现的、群众反映的以及谈心谈话"
    "指出的问题基础上，起草了{org}班子对照检查材料，经{org}会议集体审议，先后修改完善{revisions}轮。"
    "{members_count}名{members}结合征求到的意见和个人思想工作实际，亲自撰写个人对照检查材料，"
    "把问题查准、把根源挖深，不遮掩、不回避，体现了刀刃向内的自我革命精神。"
)

EARLY_FIXES: list[str] = [
    "精简会议文件，压减基层报表材料",
    "集中疏通一批群众反映集中的办事堵点",
    "完善办事服务指南，推行一次性告知",
]

# {count} {items} ("一是…；二是…。")
EARLY: str = (
    "坚持边查边改、立查立改，对征求到的意见建议逐条分析、分类施策，从群众反映集中、能够马上解决的"
    "问题改起，会前已先行解决{count}个突出问题：{items}"
)
EARLY_NONE: str = (
    "坚持边查边改、立查立改，对征求到的意见建议逐条分析、分类施策，能够马上解决的立即解决，"
    "需要一定时间解决的明确时限、持续推进。"
)

# ---------------------------------------------------------------- 会议

# {date} {place} {presider} {attendees} {guides} {length}
MEETING: str = (
    "{date}，{unit}{org}在{place}召开主题教育专题民主生活会。会议由{presider}主持，{attendees}参加会议，"
    "{guides}到会指导，会期{length}。"
)

THEME: str = (
    "深入学习贯彻习近平新时代中国特色社会主义思想，以学铸魂、以学增智、以学正风、以学促干"
)
# {theme}
THEME_TEXT: str = (
    "会议紧扣“{theme}”这一主题，把学习贯彻习近平新时代中国特色社会主义思想这条主线贯穿始终，"
    "按照指导组的要求，与会同志结合参加主题教育的实际，认真盘点思想收获，深入查摆差距不足，"
    "深刻剖析问题根源，进一步明确了努力方向。"
)

AGENDA: list[str] = [
    "书面通报会前征求意见情况",
    "{speaker}代表{org}班子作对照检查",
    "班子成员逐一作个人对照检查，每人发言后其他同志逐一提出批评意见",
    "指导组对会议召开情况进行点评",
    "{speaker}作总结讲话，对抓好整改落实提出要求",
]
# {count} (in words) {items}
AGENDA_TEXT: str = (
    "本次会议共安排{count}项议程：{items}整个会议严格遵循民主生活会规定程序，会风严肃认真，"
    "气氛民主团结，达到了预期效果。"
)

# {criticisms}
CRITICISM: str = (
    "与会同志坚持“团结—批评—团结”的方针，以上率下、不当旁观者，自我批评直面问题、敢于揭短亮丑，"
    "相互批评坦诚相见、点准问题要害，会上共提出相互批评意见{criticisms}条，批评的辣味足、针对性强，"
    "真正起到了咬耳扯袖、红脸出汗的作用。"
)

GUIDE_COMMENT: str = "充分肯定了会议准备充分、主题鲜明、程序规范、批评有力、整改措施具体。"
# {guide_leader} {guide_group} {comment}
REVIEW: str = "{guide_leader}代表{guide_group}对会议召开情况进行点评，{comment}"
# {count} (in words) {items}: "一要{title}。{text}" each
REVIEW_REQUIREMENTS: str = "指导组就进一步抓好整改落实提出{count}点要求：{items}"

GUIDE_REQUIREMENTS: list[dict] = [
    {
        "title": "紧扣群众关切抓整改",
        "text": "要坚持以人民为中心，把群众满意作为检验整改成效的根本标准，让群众参与整改、评判整改、"
                "共享整改成果。",
    },
    {
        "title": "压实各方责任抓整改",
        "text": "{org}班子要扛起整改主体责任，班子成员要抓好分管领域整改，细化任务分工、明确完成时限，"
                "确保每一个问题都有人盯、有人管、有结果。",
    },
    {
        "title": "坚持从严从实抓整改",
        "text": "要坚持实事求是、较真碰硬，既解决好具体问题，又注重举一反三、建章立制，"
                "以严实作风推动整改见底见效。",
    },
]

# ---------------------------------------------------------------- 会后

AFTER: str = (
    "会后，{org}班子把抓好民主生活会查摆问题的整改作为巩固深化主题教育成果的重要抓手，对会上检视出的"
    "突出问题逐项研究整改措施，进一步理清了今后一个时期的工作思路和努力方向。"
)

AFTER_TITLES: dict[str, str] = {
    "rectify": "建立清单推进整改",
    "life": "严格规范组织生活",
    "solve": "集中解决突出问题",
    "rules": "健全完善长效机制",
}

# {team_total} {members_count} {members_total} {team_progress} {members_progress}
RECTIFY: str = (
    "对{org}班子查摆出的{team_total}个问题和{members_count}名{members}查摆出的{members_total}个问题，"
    "逐项建立问题、任务、责任清单，按即知即改、阶段性整改、长期整改三类分类推进。目前，"
    "{org}班子{team_progress}；{members}{members_progress}。"
)

# The three classes of problems: (answer suffix, what they are called, what "in progress" means).
CLASSES: list[tuple[str, str, str]] = [
    ("quick", "即知即改类问题", "正在加紧整改"),
    ("stage", "阶段性整改问题", "正在按计划推进"),
    ("long", "长期整改问题", "正在持续推进"),
]
# {label} {n} {done} {rest} {doing}
CLASS_DONE: str = "{label}{n}个已全部整改到位"
CLASS_DOING: str = "{label}{n}个{doing}"
CLASS_PARTLY: str = "{label}{n}个中已完成{done}个、{doing}{rest}个"
NO_PROBLEMS: str = "暂无待整改问题"

# {period} {units}
LIFE: str = (
    "组织机关各部门党支部分别召开专题组织生活会，同步开展自查自纠，推动各部门认领问题、检视不足、"
    "抓好整改。{period}，{members}分别到{units}个部门参加专题组织生活会，指导党员干部深入开展自查和总结，"
    "推动主题教育向纵深发展。"
)

SOLVE: str = (
    "把会上查摆的问题、相互批评提出的意见和基层单位的意见建议一并纳入整改范围，结合前期调研发现的"
    "突出问题，逐项明确责任人和完成时限，把民主生活会的成果延伸到全体干部职工，坚决防止只查不改、"
    "改而不实，以整改实效推动各项工作提质增效。"
)

RULES_AREA: str = "党的建设和业务管理"
# {before} (RULES_BEFORE, or empty when no figure) {area} {changes} (RULES_NEW and RULES_REVISED
# joined, or RULES_NONE when both figures are 0)
RULES: str = (
    "结合民主生活会查摆的问题和主题教育中形成的经验做法，{before}围绕{area}工作{changes}，"
    "确保制度管用好用、执行有力，把主题教育的好经验好做法用制度固定下来、长期坚持下去，"
    "不断巩固拓展主题教育成果。"
)
RULES_BEFORE: str = "在前期已出台{before}项制度的基础上，"
RULES_NEW: str = "新制定制度{new}项"
RULES_REVISED: str = "修订完善{revised}项"
RULES_NONE: str = "逐项梳理评估现有制度"
