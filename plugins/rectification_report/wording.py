"""Wording for the report on rectification progress (整改落实情况报告).

Data only.  Texts may contain ``{org}``, ``{members}``, ``{secretary}``, ``{unit}``; the
figures (``{total}``, ``{done}`` …) are filled by the plugin from the items' statuses, never
asked.
"""

from __future__ import annotations

# ---------------------------------------------------------------- preamble
# Who held which meeting and issued which plan; then what the plan holds; then the figures.
PREAMBLE_MEETING: str = "{unit}{org}于{date}召开{meeting}，会后{based}制定印发了《{plan}》，"
PREAMBLE_MEETING_UNDATED: str = "{unit}{org}召开{meeting}后，{based}制定印发了《{plan}》，"
#: What a plan after a meeting is based on.
PREAMBLE_BASED: str = "对照会上查摆的问题和征求到的意见建议，"
PREAMBLE_PLAN: str = "{unit}{org}制定印发了《{plan}》，"
PREAMBLE_ITEMS: str = "共列出整改问题{total}个{measures}，逐项明确了责任领导、牵头单位和完成时限。"
PREAMBLE_MEASURES: str = "、整改措施{measures}条"
PREAMBLE_PROGRESS: str = "截至{as_of}，{counts}，整改完成率{rate}。"
PREAMBLE_CLOSE: str = "现将有关情况报告如下："
#: The counts, in this order; a status without items is left out (已完成 always stays).
COUNT_WORDS: dict[str, str] = {"已完成": "已完成{n}项", "推进中": "正在推进{n}项", "长期坚持": "需长期坚持{n}项",
                               "未启动": "尚未启动{n}项"}

# ---------------------------------------------------------------- 一、 how the work was led
LEADERSHIP: list[dict] = [
    {"title": "加强组织领导", "text": (
        "{org}把抓好整改作为一项重要政治任务，{secretary}履行第一责任人职责，多次主持召开{org}会议"
        "研究部署、听取汇报；班子成员按照分工对分管领域的整改任务亲自推动、一抓到底，形成了主要负责同志"
        "带头抓、班子成员分工抓、牵头单位具体抓的工作格局。")},
    {"title": "实行台账管理", "text": (
        "对照整改方案建立整改台账，把每个问题的整改措施、责任领导、牵头单位、责任单位和完成时限逐项列明，"
        "实行动态更新、对账销号，做到完成一项、核验一项、销号一项。")},
    {"title": "强化督促检查", "text": (
        "由办公室定期调度各牵头单位的整改进展，对进度滞后的事项及时提醒、跟踪督办，"
        "并把整改落实情况纳入年度考核，推动各项任务按时保质完成。")},
]

# ---------------------------------------------------------------- 二、 item by item
RECTIFY_INTRO: str = "对照整改方案确定的{total}个问题，逐项推进整改，各方面整改情况如下："
#: What an item's progress note ends with, by status (a clause: it joins the note's last sentence,
#: so no two items say the same sentence); {date} is the completion date, {due} the deadline.
ITEM_DONE: str = "已于{date}整改完成"
ITEM_DOING_DUE: str = "计划于{due}完成"
ITEM_DOING: str = "整改仍在持续推进"
ITEM_ONGOING: str = "将作为长期任务常抓不懈"
ITEM_NOT_STARTED: str = "整改尚未启动，已列为下一阶段的重点任务"
#: An item's status said alone, when it has no progress note ({said}: one of the above).
ITEM_ALONE: str = "该问题{said}。"
#: Problems of one aspect without a progress note, with one status sentence ({said}).
QUIET_ITEMS: str = "{problems}{n}个问题，{said}。"
#: The same for one problem: "“A”问题，……" (not "“A”1个问题").
QUIET_ITEM: str = "{problems}问题，{said}。"
#: Said before the problems of the aspect that have a note of their own (numbered under it).
QUIET_THEN_NOTED: str = "其余问题整改情况如下："

# ---------------------------------------------------------------- 三、 rules
RULES: str = "整改中，{org}注重以制度固化整改成果，{changes}{names}"
RULES_NEW: str = "新制定制度{n}项"
RULES_REVISED: str = "修订完善制度{n}项"
RULES_NONE: str = "对现有制度逐项梳理，确保有章可循、执行到位。"
#: Every rule counted is named, so the list ends without 等.
RULES_NAMES: str = "，分别是{names}。"
RULES_TEXT: str = (
    "同时，加强对制度执行情况的经常性检查，推动制度要求落实到日常管理和具体工作中，"
    "以制度的刚性约束巩固整改成效、防止问题反弹。"
)
#: Default rules made or revised (name, 新制定/修订完善).
RULE_KINDS: tuple[str, str] = ("新制定", "修订完善")
DEFAULT_RULES: list[dict] = [
    {"name": "{org}理论学习中心组学习制度", "kind": "修订完善"},
    {"name": "重大事项请示报告办法", "kind": "新制定"},
    {"name": "调查研究工作制度", "kind": "新制定"},
    {"name": "整改事项跟踪督办办法", "kind": "新制定"},
]

# ---------------------------------------------------------------- 四、 shortfalls and next steps
SHORTFALLS: str = (
    "对照上级要求和党员群众的期盼，整改工作还存在一些差距：有的问题整改需要较长时间，成效还需进一步巩固；"
    "有的整改措施系统性还不够强，建章立制还需持续完善；个别牵头单位跟踪问效还不够及时。"
)
UNFINISHED_LEAD: str = "目前尚未完成整改的问题有{n}项："
UNFINISHED_NEXT: str = "下一步，将{next}。"
#: After an open problem: when it is due (2024年9月底前).
UNFINISHED_DUE: str = "（计划{due}完成）"
#: After the open problems, for those without a next step of their own.
UNFINISHED_NEXT_ALL: str = "对上述问题，将加大推进力度，按整改方案确定的时限逐项抓好落实，确保按期见效。"
ONGOING_SENTENCE: str = "对需长期坚持的{n}项问题，将坚持常态长效、持续推进，定期评估整改成效。"
ALL_DONE: str = "整改方案确定的{total}个问题均已整改完成。"
PLANS_LEAD: str = "下一步，{unit}{org}将坚持目标不变、标准不降、力度不减，重点抓好以下工作："
PLANS: list[str] = [
    "持续推进未完成事项的整改，逐项明确时间表和路线图，确保按期完成",
    "巩固已完成问题的整改成果，定期开展“回头看”，坚决防止问题反弹",
    "抓好新制定和修订制度的执行，推动整改成果转化为长效机制",
    "把整改成效体现到推动中心工作上，以整改的实际成效取信于党员群众",
]

# ---------------------------------------------------------------- default items
# A report written without a plan: six items under three aspects.  ``done`` is how many days
# before the report's date an item was finished; ``due`` "year_end" is the end of that year.
DEFAULT_ITEMS: list[dict] = [
    {"aspect": "理论学习方面", "problem": "理论学习的系统性不够", "status": "已完成", "done": 75, "progress": (
        "制定年度理论学习计划，按专题组织理论学习中心组集中学习和专题研讨，班子成员结合分管工作"
        "撰写学习体会，学习的计划性和系统性明显增强。")},
    {"aspect": "理论学习方面", "problem": "学用结合不够紧密", "status": "长期坚持", "progress": (
        "每次集中学习都安排联系实际的交流环节，班子成员围绕分管领域的难点问题形成调研报告，"
        "提出改进工作的具体措施并抓好落实。")},
    {"aspect": "担当作为方面", "problem": "推动重点工作落实的力度还不够", "status": "已完成", "done": 40, "progress": (
        "建立年度重点任务清单，实行周调度、月通报，对进展滞后的事项逐一督办，各项重点任务均按时序推进。")},
    {"aspect": "担当作为方面", "problem": "服务群众的办法还不多", "status": "推进中", "due": "year_end", "progress": (
        "梳理群众反映集中的事项，建立办理清单，已办结大部分事项，其余事项正在协调办理。"),
     "reason": "剩余事项涉及多个部门，协调周期较长。", "next_step": "实行专班推进、限时办结，办结一件、回访一件"},
    {"aspect": "作风建设方面", "problem": "调查研究不够深入", "status": "已完成", "done": 20, "progress": (
        "班子成员带头深入基层一线，围绕群众关心的问题开展蹲点调研，现场协调解决了一批实际困难。")},
    {"aspect": "作风建设方面", "problem": "落实“一岗双责”不够到位", "status": "推进中", "due": "year_end", "progress": (
        "班子成员与分管部门签订党风廉政建设责任书并开展廉政谈话，廉政风险点排查工作正在进行。"),
     "reason": "廉政风险点排查涉及的岗位多、环节多，尚未全部完成。", "next_step": "加快完成排查，逐一制定防控措施"},
]
DEFAULT_LEADER: str = "班子全体成员"
DEFAULT_LEAD_UNIT: str = "办公室"
DEFAULT_UNITS: str = "各科室"
LONG_TERM: str = "即知即改，长期坚持"

# ---------------------------------------------------------------- meetings of the plans a report follows
#: The meeting a built-in plan type follows, for ``from_items`` (a type not listed gives its
#: ``meeting_name`` answer, if any).
MEETINGS: dict[str, str] = {
    "party-history-rectification": "党史学习教育专题民主生活会",
    "theme-education-rectification": "主题教育专题民主生活会",
}
