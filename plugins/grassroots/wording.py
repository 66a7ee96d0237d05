"""Wording for the grassroots Party-building special action plan (基层党建问题整改专项行动方案).

Data only.  Texts may contain the ``str.format`` fields ``{scope}`` (全县, 全区 …),
``{level}`` (县级, 区级 … from the scope) and ``{source}`` (who fed the problems back).
"""

from __future__ import annotations

# Opening paragraph.
PREAMBLE: str = (
    "为认真落实{source}反馈意见整改要求，切实解决基层党建工作中存在的突出问题，"
    "在深入反思党建责任落实情况、广泛调研摸底的基础上，结合{scope}党建工作实际，制定本方案。"
)

# 一、总体要求.
GENERAL: str = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻新时代党的建设总要求和新时代党的组织路线，"
    "聚焦{source}反馈的基层党建方面问题，坚持问题导向、目标导向和结果导向，逐项对账、举一反三，"
    "既解决具体问题又完善制度机制，推动基层党组织政治功能和组织力明显提升，"
    "为{scope}经济社会高质量发展提供坚强组织保证。"
)

# 二、整改问题: the lead before the list (the number of problems is added by the plugin).
PROBLEMS_LEAD: str = "对照{source}反馈意见，{scope}基层党建工作主要存在以下{count}个方面的问题："

# 三、整改措施: the lead before the numbered measure groups.
MEASURES_LEAD: str = "针对{source}反馈的问题，逐条制定以下整改措施："

# Default problems: the problem as listed, the title of its measure group, its sub-measures.
PROBLEMS: list[dict] = [
    {"problem": "理想信念教育抓得不够实", "title": "加强理想信念教育", "measures": [
        "依托“三会一课”、主题党日等载体，经常性开展党的创新理论和党史学习教育",
        "把党性教育作为干部教育培训的必修内容，提高其在培训课程中的比重",
        "组织党员到红色教育基地开展现场教学，引导党员坚定理想信念",
    ]},
    {"problem": "党内政治生活不够严肃规范", "title": "严肃党内政治生活", "measures": [
        "制定提高民主生活会和组织生活会质量的具体要求，对会前准备、会上批评、会后整改全程把关",
        "落实党员领导干部双重组织生活制度，定期通报参加组织生活情况",
        "严格执行“三会一课”、民主评议党员等基本制度，防止组织生活走过场",
    ]},
    {"problem": "党建与业务工作结合不紧", "title": "推动党建与业务深度融合", "measures": [
        "实行党建工作项目化管理，每个基层党组织每年确定一批党建引领业务的重点项目",
        "把党建考核与业绩考核统筹起来，考核结果互为参照、共同运用",
        "定期开展党建工作交流观摩，总结推广融合发展的好经验",
    ]},
    {"problem": "抓党建的责任意识不强", "title": "压紧压实党建工作责任", "measures": [
        "逐级签订党建工作责任书，明确各级党组织书记第一责任人职责",
        "健全书记抓基层党建述职评议考核制度，考核结果与评先评优挂钩",
        "对考核排名靠后的党组织负责人及时约谈提醒，督促限期改进",
    ]},
    {"problem": "部分基层党组织设置不规范、换届不及时", "title": "规范基层党组织设置和换届", "measures": [
        "全面排查基层党组织设置和任期情况，建立换届工作台账",
        "对任期即将届满的党组织提前提醒、督促指导，确保按期换届",
        "对组织设置不合理的及时调整优化，做到应建尽建",
    ]},
    {"problem": "软弱涣散基层党组织整顿成效不够明显", "title": "持续整顿软弱涣散基层党组织", "measures": [
        "每年开展一次软弱涣散基层党组织排查，逐个制定整顿方案",
        "落实{level}领导联系、乡镇（街道）领导包抓、第一书记驻村帮扶等整顿措施",
        "整顿结束后组织验收评估，巩固整顿成果、防止反弹",
    ]},
]

# 四、时间步骤: default phases; ``months``: where each starts and ends, in months from the start
# of the action (April of its year, or next month when the plan is written later in that year).
PHASES: list[dict] = [
    {"name": "集中整改", "months": (0, 5), "text": (
        "对照反馈问题逐条认领任务，建立问题清单和整改台账，明确责任单位、责任人和完成时限，"
        "各基层党组织全面启动整改。个性问题限期解决，共性问题分批推进、专项治理。"
        "组织部门通过实地督导、随机抽查等方式跟踪整改进度。")},
    {"name": "持续推进", "months": (5, 8), "text": (
        "对集中整改阶段尚未完成和需要长期推进的事项，坚持立行立改与久久为功相结合，"
        "逐项落实已制定的整改措施和专项计划，推动基层党建整体水平持续提升。")},
    {"name": "融入经常", "months": (8, None), "text": (
        "全面总结整改工作，把行之有效的做法固化为制度规范；对一时难以解决的问题建立专门台账，"
        "纳入日常党建工作持续跟踪推进。")},
]

# 五、工作要求 (titled, run-in).
REQUIREMENTS: list[dict] = [
    {"title": "压实整改责任", "text": (
        "各级党组织要把整改作为重要政治任务，主要负责同志亲自抓、负总责，班子成员各负其责，"
        "把每项任务分解到具体单位和具体人员，形成一级抓一级、层层抓落实的责任链条。")},
    {"title": "确保整改质量", "text": (
        "对照整改台账逐项推进，能够立即解决的限时办结，需要较长时间的持续跟进，"
        "完成一项、验收一项、销号一项，确保每项整改都看得见、可检验。")},
    {"title": "严格督查问责", "text": (
        "加强对整改工作的跟踪督导，及时发现和解决整改中的问题。对敷衍整改、虚假整改、"
        "整改不力的，严肃追究有关单位和人员责任。")},
]

# Responsibility of every rectification item in the ledger (the plan names none per problem).
LEADER: str = "各级党组织书记"
LEAD_UNIT: str = "组织部"
UNITS: str = "各基层党组织"
LONG_TERM: str = "即知即改，长期坚持"
