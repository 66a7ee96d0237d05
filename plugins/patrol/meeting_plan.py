"""巡视/巡察整改专题民主生活会实施方案 (document type ``patrol-meeting-plan``).

Every section kind seen in the real plans is a built-in outline section with its own
questions; the user starts from a preset outline and drops, renames, reorders and adds
sections (and writes sub-steps as headings, "一是…" paragraphs, "会议时间：…" fields or
merges them into their parent) through the core outline.  All wording follows two
answers: ``inspect`` (巡视/巡察) and ``org_kind`` (党委/党组/党总支/党支部).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any

from gongwen import questions as q
from gongwen.common import closing, closing_questions
from gongwen.dates import Date, DateError, format_cn, is_after, parse_date
from gongwen.doctype import DocumentType, Draft, OutlineEntry, S
from gongwen.errors import Problem
from gongwen.model import Block, Paragraph, Section
from gongwen.outline import ITEM_STYLES, item_blocks
from gongwen.vocab import ORG_KINDS, org_words

from . import wording as w

TODAY = _dt.date.today()
INSPECT = ("巡察", "巡视")
PRESET_NAMES = ("标准式", "方法步骤式", "要素式", "简要式")

# ---------------------------------------------------------------- words


def words(a: dict) -> dict[str, str]:
    """The vocabulary every default title and paragraph is filled from."""
    inspect = a.get("inspect") or INSPECT[0]
    org = a.get("org_kind") or "党组"
    unit = a.get("unit", "")
    superior = a.get("superior") or _superior(a)
    org_name = a.get("org_name") or f"{unit}{org}"
    return {
        **org_words(org, unit),
        "inspect": inspect,
        "org_name": org_name,
        "superior": superior,
        "area": superior[:-1] if superior.endswith("委") else superior,
        "group": a.get("inspection_group") or f"{superior}第一{inspect}组",
        "meeting": a.get("meeting_name") or f"{inspect}整改专题民主生活会",
        "statement": a.get("statement") or "对照检查材料",
    }


def _superior(a: dict) -> str:
    return "省委" if a.get("inspect") == "巡视" else "县委"


def fill(text: str, a: dict, **extra: str) -> str:
    return text.format_map({**words(a), **extra})


def filled(texts: list[str], a: dict) -> list[str]:
    return [fill(t, a) for t in texts]


# ---------------------------------------------------------------- lists

INLINE = "一句话"
#: How a list answer is written: the core's item styles (Chinese names) or in one sentence.
LIST_STYLES = (*ITEM_STYLES.values(), INLINE)
_ITEM_STYLE = {v: k for k, v in ITEM_STYLES.items()}


def list_style(key: str, label: str, default: str, section: str) -> q.Question:
    return q.choice(key, f"{label}的写法", LIST_STYLES, default, section=section,
                    help="分行编号：①…分行；分行：每项一段；一句列举：一是…；二是…；小标题：（一）…；一句话：用顿号连成一句")


def list_blocks(items: list[str], style: str, sentence: str = "{items}。", joiner: str = "、") -> list:
    """A list answer as blocks; ``一句话`` puts the items into ``sentence``."""
    items = [i.strip().rstrip("。；;") for i in items if i.strip()]
    if not items:
        return []
    if style == INLINE:
        return [Paragraph(sentence.format(items=joiner.join(items)))]
    return item_blocks(items, _ITEM_STYLE.get(style, "circled"))


# ---------------------------------------------------------------- dates


def short_date(value: str, a: dict) -> str:
    """A date in the meeting's year is written without the year (8月10日)."""
    d = parse_date(value)
    try:
        meeting = parse_date(a.get("meeting_date", ""))
    except DateError:
        meeting = None
    year = meeting.year if isinstance(meeting, Date) else None
    if isinstance(d, Date) and d.year is not None and d.year == year and d.month:
        return format_cn(Date(None, d.month, d.day, d.part))
    return format_cn(d)


#: 会前 steps with a 完成时限 (answer ``<key>_due``) and their names in messages.
STEPS = {"study": "学习研讨", "solicit": "征求意见", "talk": "谈心谈话", "problems": "查摆问题",
         "materials": "撰写对照检查材料"}


def late_message(name: str, due: str, meeting: str) -> str | None:
    """The Chinese message when a 会前 step's deadline falls after the meeting, else None."""
    try:
        late = is_after(parse_date(due), parse_date(meeting))
    except DateError:
        return None
    if not late:
        return None
    return f"“{name}”的完成时限{format_cn(due)}晚于会议召开日期{format_cn(meeting)}，会前准备工作应在会议召开前完成"


def due_question(key: str) -> q.Question:
    """A 会前 step's optional 完成时限; refused at once when it falls after the meeting."""
    def check(value: str, answers: dict) -> str | None:
        return late_message(STEPS[key], value, answers.get("meeting_date", "")) if value else None

    return q.date(f"{key}_due", f"“{STEPS[key]}”完成时限（可留空）", "", optional=True, allow_range=False,
                  section=key, validate=check, help="须早于会议召开日期")


# ---------------------------------------------------------------- questions

ITEM_FIELDS_TALK = (q.text("who", "谁与谁谈"), q.date("due", "完成时限（可留空）", "", optional=True))


def _basis_default(a: dict) -> list[dict]:
    return [{"issuer": fill("{superior}{inspect}工作领导小组", a),
             "name": fill("关于召开{inspect}整改专题民主生活会的通知", a), "number": ""}]


def _preamble(a: dict) -> str:
    """……，{group}对……开展了{inspect}，并于……反馈了意见。根据……要求，为……，制定本方案。"""
    wd = words(a)
    parts = []
    if a.get("inspection_period"):
        fed = f"，并于{format_cn(a['feedback_date'])}反馈了{wd['inspect']}意见" if a.get("feedback_date") else ""
        period = format_cn(a["inspection_period"])
        parts.append(f"{period}，{wd['group']}对{a.get('unit', '')}开展了{wd['inspect']}{fed}。")
    elif a.get("feedback_date"):
        parts.append(f"{wd['group']}于{format_cn(a['feedback_date'])}向{wd['org_name']}反馈了{wd['inspect']}意见。")
    docs = []
    for b in a.get("basis", []):
        name = b.get("name", "").strip().strip("《》")
        if name:
            docs.append(f"{b.get('issuer', '')}《{name}》" + (f"（{b['number']}）" if b.get("number") else ""))
    if docs:
        parts.append(f"根据{'、'.join(docs)}要求，")
    parts.append(fill(w.PREAMBLE_PURPOSE, a) + "，" + w.PREAMBLE_CLOSING)
    return "".join(parts)


QUESTIONS: list[q.Question] = [
    q.choice("inspect", "巡视还是巡察（省级以上为巡视，市县为巡察）", INSPECT, INSPECT[0]),
    q.choice("outline_preset", "提纲样式（之后可在核对时删除、改名、调序、新增章节）", PRESET_NAMES, "标准式",
             help="标准式：会前准备—会议安排—会后工作；方法步骤式：各环节列为方法步骤；"
                  "要素式：会议时间、地点等写作“会议时间：…”；简要式：各项并列为一级标题"),
    q.text("unit", "单位名称（如“县商务局”）", "县商务局"),
    q.choice("org_kind", "党组织类别", ORG_KINDS, "党组"),
    q.text("org_name", "党组织简称（如“局党组”）", lambda a: f"{a['unit']}{a['org_kind']}"),
    q.text("superior", "上级党委（如“县委”“市委”“省委”）", _superior),
    q.text("inspection_group", "巡视（巡察）组", lambda a: f"{a['superior']}第一{a['inspect']}组"),
    q.text("meeting_name", "会议名称", lambda a: f"{a['inspect']}整改专题民主生活会"),
    q.text("statement", "班子检查材料的叫法（如“对照检查材料”“检视剖析材料”）", "对照检查材料"),
    q.text("title", "文件标题", lambda a: f"{a['org_name']}{a['meeting_name']}实施方案"),
    q.group("basis", "依据文件", (
        q.text("issuer", "发文机关（可留空）", "", optional=True),
        q.text("name", "文件名称（不含书名号）"),
        q.text("number", "文号（如“陇巡领发〔2020〕3号”，可留空）", "", optional=True),
    ), _basis_default, summary="name", item="份文件"),
    q.date("inspection_period", "巡视（巡察）时间（如“2020年4月1日至30日”，可留空）", "", optional=True,
           allow_range=True),
    q.date("feedback_date", "反馈意见日期（可留空）", "", optional=True, allow_range=False),
    q.multiline("preamble", "开头一段（依据、目的，可留空）", _preamble, optional=True),
    q.date("meeting_date", "会议召开日期（如“2023年8月20日”“2023年8月上旬”）",
           (TODAY + _dt.timedelta(days=30)).isoformat(), allow_range=False),
    q.text("presider", "会议主持人", lambda a: org_words(a["org_kind"])["secretary"]),
    q.confirm("due_in_title", "各环节的完成时限写在小标题后（否则写在正文末尾）", False),
    # 会议主题、总体要求
    q.multiline("theme", "会议主题", lambda a: fill(w.THEME, a), section="theme"),
    q.multiline("guidance", "总体要求", lambda a: fill(w.GUIDANCE, a), section="guidance"),
    # 会前准备
    q.text("prep_intro", "会前准备的导语（可留空）", "", optional=True, section="prep"),
    q.text("study_intro", "学习研讨的导语", lambda a: fill(w.STUDY_INTRO, a, ways="集中学习和个人自学相结合"),
           section="study"),
    q.listof("study_materials", "学习内容（每条一项）", lambda a: filled(
        w.STUDY_MATERIALS + ([w.STUDY_MATERIALS_XUNSHI] if a["inspect"] == "巡视" else []), a),
        section="study"),
    list_style("study_style", "学习内容", "分行编号", "study"),
    q.multiline("study_text", "学习要求", lambda a: fill(w.STUDY_TEXT, a), optional=True, section="study"),
    due_question("study"),
    q.listof("solicit_ways", "征求意见的方式", w.SOLICIT_WAYS, section="solicit"),
    q.listof("solicit_scope", "征求意见的范围", w.SOLICIT_SCOPE, section="solicit"),
    q.multiline("solicit_text", "意见的梳理和反馈", lambda a: fill(w.SOLICIT_TEXT, a), optional=True,
                section="solicit"),
    due_question("solicit"),
    q.confirm("talk_four_musts", "落实“四必谈”", True, section="talk"),
    q.group("talk_pairs", "谈心谈话安排（谁与谁谈，各自的完成时限）", ITEM_FIELDS_TALK,
            lambda a: [{"who": fill(p, a), "due": ""} for p in w.TALK_PAIRS], summary="who", item="项",
            section="talk"),
    list_style("talk_style", "谈心谈话安排", "一句话", "talk"),
    q.integer("talk_criticisms", "每人至少提出几条批评意见（0 为不写）", 3, min=0, max=20, section="talk"),
    q.multiline("talk_text", "谈心谈话的要求", lambda a: fill(w.TALK_TEXT, a), optional=True, section="talk"),
    due_question("talk"),
    q.listof("feedback_areas", "反馈意见指出的问题（每个方面一条）", w.FEEDBACK_AREAS, section="problems"),
    q.choice("problems_style", "反馈问题的写法", ("分行编号", "引号列举", "不列出"), "分行编号",
             section="problems"),
    q.multiline("problems_text", "查摆问题的要求", lambda a: fill(w.PROBLEMS_TEXT, a), optional=True,
                section="problems"),
    due_question("problems"),
    q.text("materials_drafter", "谁主持起草领导班子对照检查材料", lambda a: words(a)["secretary"],
           section="materials"),
    q.text("materials_reviewer", "谁审阅个人发言提纲", lambda a: words(a)["secretary"], section="materials"),
    q.text("materials_approver", "材料报谁审核（可留空）", "", optional=True, section="materials"),
    q.text("materials_submit", "材料交哪个部门汇总（可留空）", "", optional=True, section="materials"),
    q.multiline("materials_text", "撰写要求", lambda a: fill(w.MATERIALS_TEXT, a), optional=True,
                section="materials"),
    due_question("materials"),
    q.multiline("criticism_text", "开展批评和自我批评", lambda a: fill(w.CRITICISM_TEXT, a), section="criticism"),
    q.confirm("criticism_date_in_title", "在“开展批评和自我批评”标题后注明会议日期", False, section="criticism"),
    # 会议安排
    q.text("meeting_intro", "会议安排的导语（可留空）", "", optional=True, section="meeting"),
    q.text("meeting_daypart", "上午、下午或全天（可留空）", "", optional=True, section="time"),
    q.text("meeting_hours", "具体时段（如“8:30—12:00”，可留空）", "", optional=True, section="time"),
    q.confirm("show_weekday", "注明星期几", False, section="time"),
    q.text("duration", "会期（如“半天”“一天”，可留空）", "半天", optional=True),
    q.confirm("duration_with_time", "会期写在会议时间一句中", True, section="time"),
    q.text("place", "会议地点", "机关三楼会议室", section="place"),
    q.listof("attendees", "参会人员", lambda a: filled(w.ATTENDEES_DEFAULT, a), min_items=1, section="attendees"),
    list_style("attendees_style", "参会人员", "一句话", "attendees"),
    q.listof("observers", "列席人员", ["本单位非中共党员领导干部"], section="observers"),
    q.listof("supervisors", "到会指导的单位（督导组、巡视巡察组、纪委监委、组织部等）",
             lambda a: filled(w.SUPERVISORS_DEFAULT, a), section="supervision"),
    q.text("agenda_intro", "会议议程的导语（可留空）", lambda a: fill(w.AGENDA_INTRO, a, presider=a["presider"]),
           optional=True, section="agenda"),
    q.listof("agenda", "会议议程（按顺序）", lambda a: filled(w.AGENDA, a), min_items=1, section="agenda"),
    list_style("agenda_style", "会议议程", "分行编号", "agenda"),
    # 会后工作
    q.text("after_intro", "会后工作的导语（可留空）", "", optional=True, section="after"),
    q.multiline("rectify_text", "整改清单和整改落实", lambda a: fill(w.RECTIFY_TEXT, a), section="rectify"),
    q.date("rectify_due", "整改完成时限（可留空）", "", optional=True, section="rectify"),
    q.listof("notify_to", "向谁通报会议情况", w.NOTIFY_TO, min_items=1, section="notify"),
    q.text("notify_content", "通报哪些内容", w.NOTIFY_CONTENT, section="notify"),
    q.integer("report_days", "会后几日内上报（0 为“及时”）", 15, min=0, max=90, section="report"),
    q.listof("report_to", "报送哪些单位", lambda a: filled(w.REPORT_TO_DEFAULT, a), min_items=1, section="report"),
    q.listof("report_cc", "抄送哪些单位（可留空）", [], section="report"),
    q.text("archive_office", "由哪个部门立卷存档", "办公室", section="archive"),
    # 有关要求、组织领导、职责分工
    q.group("requirements", "有关要求", (q.text("title", "标题"), q.multiline("text", "内容")),
            lambda a: [{"title": r["title"], "text": fill(r["text"], a)} for r in w.REQUIREMENTS],
            summary="title", item="条要求", section="requirements"),
    q.choice("requirements_style", "有关要求的写法", ("小标题", "标题段落同行", "一要"), "小标题",
             section="requirements"),
    q.multiline("leadership", "组织领导", lambda a: fill(w.LEADERSHIP, a), section="leadership"),
    q.group("duties", "职责分工", (q.text("office", "部门"), q.multiline("task", "负责的工作")),
            [dict(d) for d in w.DUTIES], summary="office", item="个部门", section="duties"),
    list_style("duties_style", "职责分工", "分行", "duties"),
    *closing_questions(),
]

# ---------------------------------------------------------------- outline

#: Every built-in section, with its default title and level.
SECTIONS = {e.key: e for e in [
    S("theme", "会议主题"), S("guidance", "总体要求"),
    S("prep", "会前准备"), S("study", "学习研讨", 2), S("solicit", "征求意见", 2), S("talk", "谈心谈话", 2),
    S("problems", "查摆{inspect}反馈问题", 2), S("materials", "撰写对照检查材料", 2),
    S("criticism", "开展批评和自我批评", 2),
    S("meeting", "会议安排"), S("time", "会议时间", 2), S("duration", "会期", 2), S("place", "会议地点", 2),
    S("attendees", "参会人员", 2), S("observers", "列席人员", 2), S("supervision", "到会指导", 2),
    S("presider", "会议主持", 2), S("agenda", "会议议程", 2),
    S("after", "会后工作"), S("rectify", "抓好问题整改", 2), S("notify", "通报会议情况", 2),
    S("report", "报送会议情况", 2), S("archive", "立卷存档", 2),
    S("requirements", "有关要求"), S("leadership", "组织领导"), S("duties", "职责分工"),
]}


def _e(key: str, title: str | None = None, level: int | None = None, **kw: Any) -> OutlineEntry:
    base = SECTIONS[key]
    return OutlineEntry(key, title or base.title, level or base.level, **kw)


PRESETS: dict[str, list[OutlineEntry]] = {
    "标准式": [
        _e("theme"), _e("prep"), _e("study"), _e("solicit"), _e("talk"), _e("problems"), _e("materials"),
        _e("meeting"), _e("time"), _e("place"), _e("attendees"), _e("observers"), _e("supervision"),
        _e("agenda"), _e("after"), _e("rectify"), _e("notify"), _e("report"), _e("archive"), _e("requirements"),
    ],
    "方法步骤式": [
        _e("theme", "会议主题和总体要求"), _e("meeting", "会议时间、地点和参会人员"), _e("time"), _e("place"),
        _e("attendees"), _e("supervision"), _e("prep", "方法步骤"), _e("study"), _e("solicit"), _e("talk"),
        _e("problems"), _e("materials"), _e("criticism"), _e("rectify"), _e("report"),
        _e("duties"), _e("leadership"),
    ],
    "要素式": [
        _e("theme"), _e("prep"), _e("study"), _e("talk"), _e("solicit"), _e("materials"),
        _e("meeting", "认真组织召开民主生活会"), _e("time", style="field"), _e("place", style="field"),
        _e("attendees", style="field"), _e("presider", style="field"), _e("agenda", style="field"),
        _e("after", "抓好问题整改和通报工作"), _e("rectify", style="plain"), _e("notify", style="plain"),
        _e("report", style="plain"), _e("requirements"),
    ],
    "简要式": [
        _e("theme"), _e("study", level=1), _e("problems", level=1), _e("criticism", level=1),
        _e("rectify", level=1), _e("time", level=1), _e("place", level=1),
    ],
}
assert tuple(PRESETS) == PRESET_NAMES

# ---------------------------------------------------------------- build


def _paras(text: str) -> list[Block]:
    return [Paragraph(p.strip()) for p in (text or "").split("\n") if p.strip()]


def _due(a: dict, key: str) -> list[Block]:
    """The 完成时限 sentence of a step, unless it goes into the heading."""
    due = a.get(f"{key}_due")
    if not due or a.get("due_in_title"):
        return []
    return [Paragraph(f"{STEPS[key]}工作于{short_date(due, a)}前完成。")]


def _study(a: dict) -> list:
    intro = a.get("study_intro", "")
    materials = a.get("study_materials", [])
    if a.get("study_style") == INLINE:
        body = intro + "；".join(m.rstrip("。；") for m in materials) + ("。" if materials else "")
        return [Paragraph(body), *_paras(a.get("study_text", ""))]
    return [*([Paragraph(intro)] if intro else []), *list_blocks(materials, a["study_style"]),
            *_paras(a.get("study_text", ""))]


def _solicit(a: dict) -> list:
    ways = "、".join(a.get("solicit_ways", [])) or "多种"
    scope = "、".join(a.get("solicit_scope", [])) or "党员群众"
    return [Paragraph(fill(w.SOLICIT_INTRO, a, ways=ways, scope=scope)), *_paras(a.get("solicit_text", ""))]


def _talk(a: dict) -> list:
    wd = words(a)
    pairs = []
    for p in a.get("talk_pairs", []):
        who = p["who"].strip().rstrip("。；")
        pairs.append(f"{short_date(p['due'], a)}前，{who}" if p.get("due") else who)
    head = (w.TALK_FOUR_MUSTS if a.get("talk_four_musts") else "") + w.TALK_INTRO
    if a.get("talk_style") == INLINE:
        blocks: list = [Paragraph(head + "、".join(pairs) + "。")] if pairs else [Paragraph(head.rstrip("，："))]
    else:
        blocks = [Paragraph(head), *list_blocks(pairs, a["talk_style"])]
    if a.get("talk_criticisms"):
        blocks.append(Paragraph(w.TALK_CRITICISMS.format_map({**wd, "n": a["talk_criticisms"]})))
    return blocks + _paras(a.get("talk_text", ""))


def _problems(a: dict) -> list:
    areas = [x.strip().rstrip("。；") for x in a.get("feedback_areas", []) if x.strip()]
    style, n = a.get("problems_style"), cn_count(len(areas))
    blocks: list = []
    if areas and style == "分行编号":
        blocks = [Paragraph(fill(w.PROBLEMS_INTRO, a, n=n)), *list_blocks(areas, "分行编号")]
    elif areas and style == "引号列举":
        blocks = [Paragraph(fill(w.PROBLEMS_INTRO_QUOTED, a, n=n, areas="".join(f"“{x}”" for x in areas)))]
    return blocks + _paras(a.get("problems_text", ""))


def cn_count(n: int) -> str:
    from gongwen.model import cn_number

    return cn_number(n) if n else "各"


def _materials(a: dict) -> list:
    wd = words(a)
    text = w.MATERIALS_DRAFT.format_map({**wd, "drafter": a["materials_drafter"]})
    text += w.MATERIALS_PERSONAL.format_map(wd) + w.MATERIALS_REVIEW.format_map({**wd, "reviewer":
                                                                                   a["materials_reviewer"]})
    if a.get("materials_approver"):
        text += w.MATERIALS_APPROVE.format_map({**wd, "approver": a["materials_approver"]})
    if a.get("materials_submit"):
        text += w.MATERIALS_SUBMIT.format_map({**wd, "submit": a["materials_submit"]})
    return [Paragraph(text), *_paras(a.get("materials_text", ""))]


WEEKDAYS = "一二三四五六日"


def _time(a: dict) -> list:
    d = parse_date(a["meeting_date"])
    when = format_cn(d)
    if a.get("show_weekday") and isinstance(d, Date) and d.year and d.month and d.day:
        when += f"（星期{WEEKDAYS[_dt.date(d.year, d.month, d.day).weekday()]}）"
    when += a.get("meeting_daypart", "")
    text = f"定于{when}，{a['meeting_hours']}" if a.get("meeting_hours") else f"定于{when}召开"
    if a.get("duration_with_time") and a.get("duration"):
        text += f"，会期{a['duration']}"
    return [Paragraph(text + "。")]


def _sentence_list(a: dict, key: str, sentence: str, style_key: str = "") -> list:
    style = a.get(style_key, INLINE) if style_key else INLINE
    return list_blocks(a.get(key, []), style, sentence)


def _agenda(a: dict) -> list:
    intro = a.get("agenda_intro", "")
    items = a.get("agenda", [])
    if a.get("agenda_style") == INLINE:
        return [Paragraph(intro + "；".join(i.rstrip("。；") for i in items) + "。")]
    return [*([Paragraph(intro)] if intro else []), *list_blocks(items, a["agenda_style"])]


def _report(a: dict) -> list:
    when = f"{a['report_days']}日内，" if a.get("report_days") else "，及时"
    text = fill(w.REPORT, a, when=when, to="、".join(a.get("report_to", [])))
    if a.get("report_cc"):
        text += w.REPORT_CC.format(cc="、".join(a["report_cc"]))
    return [Paragraph(text + "。")]


def _requirements(a: dict) -> list:
    style = a.get("requirements_style", "小标题")
    out: list = []
    from gongwen.model import cn_number

    for n, r in enumerate(a.get("requirements", []), 1):
        title = r["title"].strip().rstrip("。")
        if style == "一要":
            out.append(Paragraph(r.get("text", ""), lead=f"{cn_number(n)}要{title}。"))
        elif style == "标题段落同行":
            out.append(Section(f"{title}。", _paras(r.get("text", "")), run_in=True))
        else:
            out.append(Section(title, _paras(r.get("text", ""))))
    return out


def _duties(a: dict) -> list:
    items = [f"{d['office']}负责{d['task'].strip().removeprefix('负责')}" for d in a.get("duties", [])]
    return list_blocks(items, a.get("duties_style", "分行"), "{items}。", "；")


BUILDERS: dict[str, Callable[[dict], list]] = {
    "theme": lambda a: _paras(a["theme"]),
    "guidance": lambda a: _paras(a["guidance"]),
    "prep": lambda a: _paras(a.get("prep_intro", "")),
    "study": lambda a: _study(a) + _due(a, "study"),
    "solicit": lambda a: _solicit(a) + _due(a, "solicit"),
    "talk": lambda a: _talk(a) + _due(a, "talk"),
    "problems": lambda a: _problems(a) + _due(a, "problems"),
    "materials": lambda a: _materials(a) + _due(a, "materials"),
    "criticism": lambda a: _paras(a["criticism_text"]),
    "meeting": lambda a: _paras(a.get("meeting_intro", "")),
    "time": _time,
    "duration": lambda a: [Paragraph(w.DURATION.format(duration=a["duration"]))] if a.get("duration") else [],
    "place": lambda a: [Paragraph(w.PLACE.format(place=a["place"]))],
    "attendees": lambda a: _sentence_list(a, "attendees", w.ATTENDEES_SENTENCE.format(who="{items}"),
                                          "attendees_style"),
    "observers": lambda a: _sentence_list(a, "observers", w.OBSERVERS_SENTENCE.format(who="{items}")),
    "supervision": lambda a: _sentence_list(a, "supervisors", w.SUPERVISION_SENTENCE.format(who="{items}")),
    "presider": lambda a: [Paragraph(w.PRESIDER_SENTENCE.format(presider=a["presider"]))],
    "agenda": _agenda,
    "after": lambda a: _paras(a.get("after_intro", "")),
    "rectify": lambda a: _paras(a["rectify_text"]) + (
        [Paragraph(w.RECTIFY_DUE.format(date=format_cn(a["rectify_due"])))]
        if a.get("rectify_due") and not a.get("due_in_title") else []),
    "notify": lambda a: [Paragraph(w.NOTIFY.format(to="、".join(a["notify_to"]), content=a["notify_content"]))],
    "report": _report,
    "archive": lambda a: [Paragraph(w.ARCHIVE.format(office=a["archive_office"]))],
    "requirements": _requirements,
    "leadership": lambda a: _paras(a["leadership"]),
    "duties": _duties,
}


def _suffixes(a: dict) -> dict[str, str]:
    out = {}
    if a.get("due_in_title"):
        for key in STEPS:
            if a.get(f"{key}_due"):
                out[key] = f"（{short_date(a[f'{key}_due'], a)}前）"
        if a.get("rectify_due"):
            out["rectify"] = f"（{short_date(a['rectify_due'], a)}前）"
    if a.get("criticism_date_in_title"):
        out["criticism"] = f"（{short_date(a['meeting_date'], a)}）"
    return out


def build(a: dict) -> Draft:
    """Each kept section's content; sections whose questions were not asked are skipped."""
    content = {}
    for key, make in BUILDERS.items():
        try:
            content[key] = make(a)
        except KeyError:  # the section is not in the outline, so its answers were not asked
            content[key] = []
    return Draft(
        title=a["title"],
        preamble=_paras(a.get("preamble", "")),
        content=content,
        suffixes=_suffixes(a),
        **closing(a),
    )


# ---------------------------------------------------------------- checks


def validate(a: dict) -> list[Problem]:
    """会前 steps must end by the meeting; rectification cannot end before it."""
    try:
        meeting = parse_date(a["meeting_date"])
    except (DateError, KeyError):
        return []
    shown = format_cn(meeting)
    dated: list[tuple[str, str, str]] = [(f"{k}_due", a.get(f"{k}_due", ""), name) for k, name in STEPS.items()]
    dated += [(f"talk_pairs[{i}].due", p.get("due", ""), f"谈心谈话（{p.get('who', '')}）")
              for i, p in enumerate(a.get("talk_pairs", []), 1)]
    problems = []
    for path, value, name in dated:
        message = late_message(name, value, a["meeting_date"]) if value else None
        if message:
            problems.append(Problem(path, message))
    due = a.get("rectify_due")
    if due and is_after(meeting, parse_date(due)):
        problems.append(Problem("rectify_due",
                                f"整改完成时限{format_cn(due)}早于会议召开日期{shown}，请改为会后的日期"))
    return problems


DOCTYPE = DocumentType(
    id="patrol-meeting-plan",
    name="巡视（巡察）整改专题民主生活会实施方案",
    questions=QUESTIONS,
    outline=PRESETS["标准式"],
    presets=PRESETS,
    sections=list(SECTIONS.values()),
    build=build,
    validate=validate,
    vocabulary=words,
    description="巡视、巡察反馈后召开整改专题民主生活会的实施方案：会议主题、会前准备、会议安排、会后工作、有关要求等，"
                "章节可按本单位写法增删、改名、调序。",
)
