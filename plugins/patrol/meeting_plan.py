"""巡视/巡察整改专题民主生活会实施方案 (document type ``patrol-meeting-plan``).

Every section kind seen in the real plans is a built-in section with its own questions and
builder; the user starts from a preset outline and drops, renames, reorders and adds
sections (and writes sub-steps as headings, "一是…" paragraphs, "会议时间：…" fields or
merges them into their parent) through the core outline.  All wording follows two
answers: ``inspect`` (巡视/巡察) and ``org_kind`` (党委/党组/党总支/党支部).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from gongwen.api import (
    INLINE,
    ORG_KINDS,
    Context,
    Date,
    DocumentType,
    Draft,
    Heading,
    Paragraph,
    Problem,
    SectionDef,
    choice,
    clause,
    closing,
    closing_questions,
    cn_number,
    confirm,
    date,
    date_from,
    days_from_today,
    doc_number,
    due_phrase,
    entry,
    fill,
    format_cn,
    group,
    integer,
    ledger_item,
    list_blocks,
    list_style,
    listof,
    multiline,
    not_after,
    not_before,
    org_signature,
    org_words,
    paragraphs,
    parse_date,
    quoted,
    section,
    short_date,
    superior_of,
    text,
    titled_group,
)

from . import wording as w

INSPECT = ("巡察", "巡视")

# ---------------------------------------------------------------- words


def words(a: dict) -> dict[str, str]:
    """The vocabulary every default title and paragraph is filled from."""
    inspect = a.get("inspect") or INSPECT[0]
    org = a.get("org_kind") or "党组"
    unit = a.get("unit", "")
    superior = a.get("superior") or _superior(a)
    return {
        **org_words(org, unit),
        "inspect": inspect,
        "org_name": a.get("org_name") or f"{unit}{org}",
        "superior": superior,
        "area": superior[:-1] if superior.endswith("委") else superior,
        "group": a.get("inspection_group") or f"{superior}第一{inspect}组",
        "meeting": a.get("meeting_name") or f"{inspect}整改专题民主生活会",
        "statement": a.get("statement") or "对照检查材料",
    }


def _superior(a: dict) -> str:
    """巡视 is the provinces' (省委); 巡察 the committee over the unit (市交通运输局: 市委)."""
    return "省委" if a.get("inspect") == "巡视" else superior_of(a.get("unit", ""))


def filled(wording: str | list[str], **extra: object) -> Callable[[dict], str | list[str]]:
    """A computed default: ``wording`` (a text or a list of texts) filled from the
    vocabulary of the answers so far."""
    def default(a: dict) -> str | list[str]:
        wd = words(a)
        return fill(wording, wd, **extra) if isinstance(wording, str) else [fill(t, wd, **extra) for t in wording]

    return default


# ---------------------------------------------------------------- dates

#: 会前 steps with a 完成时限 (answer ``<key>_due``) and their names in messages.
STEPS = {"study": "学习研讨", "solicit": "征求意见", "talk": "谈心谈话", "problems": "查摆问题",
         "materials": "撰写对照检查材料"}
#: The default 完成时限 of each step, in days before the meeting: study first, opinions
#: gathered before the talks, the materials last (written once problems and talks are done).
DAYS_BEFORE = {"study": 20, "solicit": 15, "talk": 10, "problems": 10, "materials": 5}
#: The default 整改完成时限: three months after the meeting.
RECTIFY_MONTHS = 3
_late = not_after("meeting_date", "“{name}”的完成时限{date}晚于会议召开日期{limit}，会前准备工作应在会议召开前完成")
_early = not_before("meeting_date", "整改完成时限{date}早于会议召开日期{earlier}，请改为会后的日期")


def late(name: str) -> Callable[[str, dict], str | None]:
    """A date check naming the 会前 step: it may not fall after the meeting."""
    def check(value: str, answers: dict) -> str | None:
        message = _late(value, answers)
        return message and message.replace("{name}", name)  # the name last: never read as a field

    return check


def validate(a: dict) -> list[Problem]:
    """会前 steps (and each 谈心谈话) must end by the meeting; rectification cannot end before it."""
    dated = [(f"{k}_due", a.get(f"{k}_due"), name) for k, name in STEPS.items()]
    dated += [(f"talk_pairs[{i}].due", p.get("due"), f"谈心谈话（{p.get('who', '')}）")
              for i, p in enumerate(a.get("talk_pairs", []), 1)]
    problems = [Problem(path, message) for path, value, name in dated if (message := late(name)(value, a))]
    if message := _early(a.get("rectify_due"), a):
        problems.append(Problem("rectify_due", message))
    meeting = parse_date(a["meeting_date"])
    asked = [label for key, label in (("show_weekday", "星期几"), ("meeting_daypart", "上午下午"),
                                      ("meeting_hours", "具体时段")) if a.get(key)]
    if asked and not (isinstance(meeting, Date) and meeting.day):
        problems.append(Problem("meeting_date", f"会议日期“{format_cn(meeting)}”没有具体到日，无法注明"
                                                f"{'、'.join(asked)}；请写出具体日期，或不注明这几项"))
    return problems


def _short(c: Context, value: str) -> str:
    return short_date(value, c["meeting_date"])


def _by(c: Context, value: str) -> str:
    return due_phrase(value, c["meeting_date"])


def _due(c: Context) -> list:
    """The 完成时限 sentence of a step, unless it goes into the heading."""
    due = c[f"{c.key}_due"]
    if not due or c["due_in_title"]:
        return []
    return [Paragraph(f"{STEPS[c.key]}工作于{_by(c, due)}完成。")]


def step(key: str, title: str, questions: list, build: Callable[[Context], list]) -> SectionDef:
    """A 会前 step: its questions and an optional 完成时限 (refused at once when after the
    meeting), written after its content or, with ``due_in_title``, in its heading."""
    due = date(f"{key}_due", f"“{STEPS[key]}”完成时限（可留空）", date_from("meeting_date", days=-DAYS_BEFORE[key]),
               optional=True, allow_range=True,
               validate=late(STEPS[key]), help="须早于会议召开日期；可写“8月10日前”“8月上旬”“8月1日至10日”")
    return section(key, title, 2, questions=[*questions, due], build=lambda c: [*build(c), *_due(c)])


# ---------------------------------------------------------------- builders


def _listed(intro: str, items: list[str], style: str, joiner: str = "；") -> list:
    """An intro and a list answer; 一句话 runs the items on after the intro in one paragraph."""
    if style == INLINE:
        return [Paragraph(intro + joiner.join(clause(i) for i in items) + ("。" if items else ""))]
    return [*([Paragraph(intro)] if intro else []), *list_blocks(items, style)]


def _sentence(key: str, sentence: str, style_key: str = "") -> Callable[[Context], list]:
    """A list of people or units in one sentence (``{who}参加会议。``) or, with a style, as a list."""
    return lambda c: list_blocks(c[key], c[style_key] if style_key else INLINE, fill(sentence, {}, who="{items}"))


def _study_materials(a: dict) -> list[str]:
    xunshi = [w.STUDY_MATERIALS_XUNSHI] if a["inspect"] == "巡视" else []
    return filled([*w.STUDY_MATERIALS, *xunshi])(a)


def _study(c: Context) -> list:
    return [*_listed(c["study_intro"], c["study_materials"], c["study_style"]), *paragraphs(c["study_text"])]


def _solicit(c: Context) -> list:
    ways = "、".join(c["solicit_ways"]) or "多种"
    scope = "、".join(c["solicit_scope"]) or "党员群众"
    return [Paragraph(c.fill(w.SOLICIT_INTRO, ways=ways, scope=scope)), *paragraphs(c["solicit_text"])]


def _talk(c: Context) -> list:
    pairs = [f"{_by(c, p['due'])}，{p['who']}" if p["due"] else p["who"] for p in c["talk_pairs"]]
    head = (w.TALK_FOUR_MUSTS if c["talk_four_musts"] else "") + (w.TALK_LIST_LEAD if pairs else w.TALK_INTRO + "。")
    criticisms = [Paragraph(c.fill(w.TALK_CRITICISMS, n=c["talk_criticisms"]))] if c["talk_criticisms"] else []
    return [*_listed(head, pairs, c["talk_style"], "、"), *criticisms, *paragraphs(c["talk_text"])]


def _problems(c: Context) -> list:
    areas, style = [clause(x) for x in c["feedback_areas"]], c["problems_style"]
    listed: list = []
    if areas and style == "分行编号":
        listed = [Paragraph(c.fill(w.PROBLEMS_INTRO, n=cn_number(len(areas)))), *list_blocks(areas, style)]
    elif areas and style == "引号列举":
        listed = [Paragraph(c.fill(w.PROBLEMS_INTRO_QUOTED, n=cn_number(len(areas)),
                                   areas="".join(quoted(x) for x in areas)))]
    return listed + paragraphs(c["problems_text"])


def _materials(c: Context) -> list:
    text = (c.fill(w.MATERIALS_DRAFT, drafter=c["materials_drafter"]) + c.fill(w.MATERIALS_PERSONAL)
            + c.fill(w.MATERIALS_REVIEW, reviewer=c["materials_reviewer"]))
    if c["materials_approver"]:
        text += c.fill(w.MATERIALS_APPROVE, approver=c["materials_approver"])
    if c["materials_submit"]:
        text += c.fill(w.MATERIALS_SUBMIT, submit=c["materials_submit"])
    return [Paragraph(text), *paragraphs(c["materials_text"])]


WEEKDAYS = "一二三四五六日"


def _time(c: Context) -> list:
    d = parse_date(c["meeting_date"])
    when = format_cn(d)
    if c["show_weekday"] and isinstance(d, Date) and d.year and d.month and d.day:
        when += f"（星期{WEEKDAYS[_dt.date(d.year, d.month, d.day).weekday()]}）"
    when, hours = when + c["meeting_daypart"], c["meeting_hours"]
    if hours and not re.search(r"[—\-~至到，,、]", hours):  # one time: 上午8:30召开
        text = f"定于{when}{hours}召开"
    else:  # time spans, as the documents list them: （星期二），8:30—12:00，14:30—17:30
        text = f"定于{when}，{hours}" if hours else f"定于{when}召开"
    if c["duration_with_time"] and c["duration"]:
        text += f"，会期{c['duration']}"
    return [Paragraph(text + "。")]


def _agenda_intro(c: Context) -> str:
    """The agenda's lead; "会议由…主持，" is not said again when 会议主持 has its own line."""
    said = c.fill(w.PRESIDER_SENTENCE, presider=c["presider"]).rstrip("。") + "，"
    intro = c["agenda_intro"]
    return intro.removeprefix(said) if "presider" in c.kept else intro


def _rectify(c: Context) -> list:
    due = "" if c["due_in_title"] else c["rectify_due"]  # else it is written after the heading
    return [*paragraphs(c["rectify_text"]), *([Paragraph(c.fill(w.RECTIFY_DUE, date=format_cn(due)))] if due else [])]


def _report(c: Context) -> list:
    when = f"{c['report_days']}日内，" if c["report_days"] else "，及时"
    text = c.fill(w.REPORT, when=when, to="、".join(c["report_to"]))
    if c["report_cc"]:
        text += c.fill(w.REPORT_CC, cc="、".join(c["report_cc"]))
    return [Paragraph(text + "。")]


def _requirements(c: Context) -> list:
    style, out = c["requirements_style"], []
    for n, r in enumerate(c["requirements"], 1):
        title = r["title"].strip().rstrip("。")
        if style == "一要":
            out.append(Paragraph(r["text"], lead=f"{cn_number(n)}要{title}。"))
        elif style == "标题段落同行":
            out.append(Heading(f"{title}。", paragraphs(r["text"]), run_in=True))
        else:  # a heading of its own, written as the user wrote it (like a renamed section)
            out.append(Heading(r["title"].strip(), paragraphs(r["text"])))
    return out


def _duties(c: Context) -> list:
    items = [f"{d['office']}负责{d['task'].strip().removeprefix('负责')}" for d in c["duties"]]
    return list_blocks(items, c["duties_style"], "{items}。", "；")


def _text(key: str) -> Callable[[Context], list]:
    """A section that is the paragraphs of one answer."""
    return lambda c: paragraphs(c[key])


# ---------------------------------------------------------------- sections

SECTIONS = [
    section("theme", "会议主题", build=_text("theme"), questions=[
        multiline("theme", "会议主题", filled(w.THEME))]),
    section("guidance", "总体要求", build=_text("guidance"), questions=[
        multiline("guidance", "总体要求", filled(w.GUIDANCE))]),
    section("prep", "会前准备", build=_text("prep_intro"), questions=[
        text("prep_intro", "会前准备的导语（可留空）", "", optional=True)]),
    step("study", "学习研讨", [
        text("study_intro", "学习研讨的导语", filled(w.STUDY_INTRO, ways="集中学习和个人自学相结合")),
        listof("study_materials", "学习内容（每条一项）", _study_materials),
        list_style("study_style", "学习内容", "分行编号"),
        multiline("study_text", "学习要求", filled(w.STUDY_TEXT), optional=True),
    ], _study),
    step("solicit", "征求意见", [
        listof("solicit_ways", "征求意见的方式", w.SOLICIT_WAYS, on_screen=True),
        listof("solicit_scope", "征求意见的范围", w.SOLICIT_SCOPE, on_screen=True),
        multiline("solicit_text", "意见的梳理和反馈", filled(w.SOLICIT_TEXT), optional=True),
    ], _solicit),
    step("talk", "谈心谈话", [
        confirm("talk_four_musts", "落实“四必谈”", True),
        group("talk_pairs", "谈心谈话安排（谁与谁谈，各自的完成时限）",
              (text("who", "谁与谁谈"), date("due", "完成时限（可留空）", "", optional=True, copy_down=True)),
              lambda a: [{"who": p, "due": ""} for p in filled(w.TALK_PAIRS)(a)], summary="who", item="项"),
        list_style("talk_style", "谈心谈话安排", INLINE),
        integer("talk_criticisms", "每人至少提出几条批评意见（0 为不写）", 3, min=0, max=20),
        multiline("talk_text", "谈心谈话的要求", filled(w.TALK_TEXT), optional=True),
    ], _talk),
    step("problems", "查摆{inspect}反馈问题", [
        listof("feedback_areas", "反馈意见指出的问题（每个方面一条）", w.FEEDBACK_AREAS, yearly=True),
        choice("problems_style", "反馈问题的写法", ("分行编号", "引号列举", "不列出"), "分行编号",
               hints={"分行编号": "反馈了以下问题：①……②……", "引号列举": "在“……”“……”等方面存在问题",
                      "不列出": "只写查摆要求，不列反馈的问题"}),
        multiline("problems_text", "查摆问题的要求", filled(w.PROBLEMS_TEXT), optional=True),
    ], _problems),
    step("materials", "撰写对照检查材料", [
        text("materials_drafter", "谁主持起草领导班子对照检查材料", lambda a: words(a)["secretary"]),
        text("materials_reviewer", "谁审阅个人发言提纲", lambda a: words(a)["secretary"]),
        text("materials_approver", "材料报谁审核（可留空）", "", optional=True),
        text("materials_submit", "材料交哪个部门汇总（可留空）", "", optional=True),
        multiline("materials_text", "撰写要求", filled(w.MATERIALS_TEXT), optional=True),
    ], _materials),
    section("criticism", "开展批评和自我批评", 2, build=_text("criticism_text"), questions=[
        multiline("criticism_text", "开展批评和自我批评", filled(w.CRITICISM_TEXT)),
        confirm("criticism_date_in_title", "在“开展批评和自我批评”标题后注明会议日期", False)]),
    section("meeting", "会议安排", build=_text("meeting_intro"), questions=[
        text("meeting_intro", "会议安排的导语（可留空）", "", optional=True)]),
    section("time", "会议时间", 2, build=_time, questions=[
        text("meeting_daypart", "上午、下午或全天（可留空）", "", optional=True),
        text("meeting_hours", "具体时段（如“8:30—12:00”，可留空）", "", optional=True),
        confirm("show_weekday", "注明星期几", False),
        confirm("duration_with_time", "会期写进会议时间那一句（如“定于8月20日召开，会期半天。”）", True)]),
    section("duration", "会期", 2,
            build=lambda c: [Paragraph(c.fill(w.DURATION, duration=c["duration"]))] if c["duration"] else []),
    section("place", "会议地点", 2, build=lambda c: [Paragraph(c.fill(w.PLACE, place=c["place"]))], questions=[
        text("place", "会议地点", "机关三楼会议室")]),
    section("attendees", "参会人员", 2, build=_sentence("attendees", w.ATTENDEES_SENTENCE, "attendees_style"),
            questions=[listof("attendees", "参会人员", filled(w.ATTENDEES_DEFAULT), min_items=1, on_screen=True),
                       list_style("attendees_style", "参会人员", INLINE)]),
    section("observers", "列席人员", 2, build=_sentence("observers", w.OBSERVERS_SENTENCE), questions=[
        listof("observers", "列席人员", ["本单位非中共党员领导干部"], on_screen=True)]),
    section("supervision", "到会指导", 2, build=_sentence("supervisors", w.SUPERVISION_SENTENCE), questions=[
        listof("supervisors", "到会指导的单位（督导组、巡视巡察组、纪委监委、组织部等）",
               filled(w.SUPERVISORS_DEFAULT), on_screen=True)]),
    section("presider", "会议主持", 2, style="field",
            build=lambda c: [Paragraph(c.fill(w.PRESIDER_SENTENCE, presider=c["presider"]))]),
    section("agenda", "会议议程", 2, build=lambda c: _listed(_agenda_intro(c), c["agenda"], c["agenda_style"]),
            questions=[
                text("agenda_intro", "会议议程的导语（可留空）",
                     lambda a: fill(w.AGENDA_INTRO, words(a), presider=a["presider"]), optional=True),
                listof("agenda", "会议议程（按顺序）", filled(w.AGENDA), min_items=1),
                list_style("agenda_style", "会议议程", "分行编号")]),
    section("after", "会后工作", build=_text("after_intro"), questions=[
        text("after_intro", "会后工作的导语（可留空）", "", optional=True)]),
    section("rectify", "抓好问题整改", 2, build=_rectify, questions=[
        multiline("rectify_text", "整改清单和整改落实", filled(w.RECTIFY_TEXT)),
        date("rectify_due", "整改完成时限（可留空）", date_from("meeting_date", months=RECTIFY_MONTHS),
             optional=True)]),
    section("notify", "通报会议情况", 2, questions=[
        listof("notify_to", "向谁通报会议情况", w.NOTIFY_TO, min_items=1, on_screen=True),
        text("notify_content", "通报哪些内容", w.NOTIFY_CONTENT),
    ], build=lambda c: [Paragraph(c.fill(w.NOTIFY, to="、".join(c["notify_to"]), content=c["notify_content"]))]),
    section("report", "报送会议情况", 2, build=_report, questions=[
        integer("report_days", "会后几日内上报（0 为“及时”）", 15, min=0, max=90),
        listof("report_to", "报送哪些单位", filled(w.REPORT_TO_DEFAULT), min_items=1, on_screen=True),
        listof("report_cc", "抄送哪些单位（可留空）", [], on_screen=True)]),
    section("archive", "立卷存档", 2, build=lambda c: [Paragraph(c.fill(w.ARCHIVE, office=c["archive_office"]))],
            questions=[text("archive_office", "由哪个部门立卷存档", "办公室")]),
    section("requirements", "有关要求", build=_requirements, questions=[
        titled_group("requirements", "有关要求", lambda a: [
            {"title": r["title"], "text": fill(r["text"], words(a))} for r in w.REQUIREMENTS], item="条要求"),
        choice("requirements_style", "有关要求的写法", ("小标题", "标题段落同行", "一要"), "小标题",
               hints={"小标题": "（一）严明纪律（标题单独一行，正文另起）", "标题段落同行": "（一）严明纪律。正文……",
                      "一要": "一要严明纪律。正文……"})]),
    section("leadership", "组织领导", build=_text("leadership"), questions=[
        multiline("leadership", "组织领导", filled(w.LEADERSHIP))]),
    section("duties", "职责分工", build=_duties, questions=[
        group("duties", "职责分工", (text("office", "部门"), multiline("task", "负责的工作")),
              [dict(d) for d in w.DUTIES], summary="office", item="个部门"),
        list_style("duties_style", "职责分工", "分行")]),
]

PRESETS = {
    "标准式": ["theme", "prep", "study", "solicit", "talk", "problems", "materials", "meeting", "time", "place",
            "attendees", "observers", "supervision", "agenda", "after", "rectify", "notify", "report", "archive",
            "requirements"],
    "方法步骤式": [
        entry("theme", "会议主题和总体要求"), entry("meeting", "会议时间、地点和参会人员"), "time", "place",
        "attendees", "supervision", entry("prep", "方法步骤"), "study", "solicit", "talk", "problems", "materials",
        "criticism", "rectify", "report", "duties", "leadership"],
    "要素式": [
        "theme", "prep", "study", "talk", "solicit", "materials", entry("meeting", "认真组织召开民主生活会"),
        entry("time", style="field"), entry("place", style="field"), entry("attendees", style="field"),
        "presider", entry("agenda", style="field"), entry("after", "抓好问题整改和通报工作"),
        entry("rectify", style="plain"), entry("notify", style="plain"), entry("report", style="plain"),
        "requirements"],
    "简要式": ["theme", *(entry(k, level=1) for k in ("study", "problems", "criticism", "rectify", "time", "place"))],
}

# ---------------------------------------------------------------- general questions and frame


def _basis_default(a: dict) -> list[dict]:
    """The notice that calls the meeting, and the inspection group's feedback it answers."""
    wd = words(a)
    return [{"issuer": fill("{superior}{inspect}工作领导小组", wd),
             "name": fill("关于召开{inspect}整改专题民主生活会的通知", wd), "number": ""},
            {"issuer": wd["group"], "name": fill("关于{inspect}{unit}{org}的反馈意见", wd), "number": ""}]


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
    docs = [f"{b.get('issuer', '')}《{name}》" + (f"（{b['number']}）" if b.get("number") else "")
            for b in a.get("basis", []) if (name := b.get("name", "").strip().strip("《》"))]
    if docs:
        parts.append(f"根据{'、'.join(docs)}要求，")
    parts.append(fill(w.PREAMBLE_PURPOSE, wd) + "，" + w.PREAMBLE_CLOSING)
    return "".join(parts)


QUESTIONS = [
    choice("inspect", "巡视还是巡察（省级以上为巡视，市县为巡察）", INSPECT, INSPECT[0]),
    choice("outline_preset", "提纲样式（之后可在核对时删除、改名、调序、新增章节）", tuple(PRESETS), "标准式",
           hints={"标准式": "一、会议主题 二、会前准备 三、会议安排 四、会后工作 五、有关要求",
                  "方法步骤式": "一、会议主题和总体要求 二、会议时间、地点和参会人员 三、方法步骤……",
                  "要素式": "会议时间：…… 会议地点：……（各项写成“标题：内容”）",
                  "简要式": "一、会议主题 二、学习研讨 三、查摆问题……（各项都是一级标题）"}),
    text("unit", "单位名称（如“县商务局”）", "县商务局"),
    choice("org_kind", "党组织类别", ORG_KINDS, "党组"),
    text("org_name", "党组织简称（如“局党组”）", lambda a: f"{a['unit']}{a['org_kind']}"),
    text("superior", "上级党委（如“县委”“市委”“省委”）", _superior),
    text("inspection_group", "巡视（巡察）组", lambda a: f"{a['superior']}第一{a['inspect']}组"),
    text("meeting_name", "会议名称", lambda a: f"{a['inspect']}整改专题民主生活会"),
    text("statement", "班子检查材料的叫法（如“对照检查材料”“检视剖析材料”）", "对照检查材料"),
    text("title", "文件标题", lambda a: f"{org_signature(a)}{a['meeting_name']}实施方案"),  # the full name
    group("basis", "依据文件", (
        text("issuer", "发文机关（可留空）", "", optional=True),
        text("name", "文件名称（不含书名号）"),
        text("number", "文号（如“陇巡领发〔2020〕3号”，可留空）", "", optional=True, normalize=doc_number),
    ), _basis_default, summary="name", item="份文件", yearly=True),
    date("inspection_period", "巡视（巡察）时间（如“2020年4月1日至30日”，可留空）", "", optional=True,
         allow_range=True, yearly=True),
    date("feedback_date", "反馈意见日期（可留空）", "", optional=True, allow_range=False, yearly=True),
    multiline("preamble", "开头一段（依据、目的，可留空）", _preamble, optional=True),
    date("meeting_date", "会议召开日期（如“2023年8月20日”“2023年8月上旬”）", days_from_today(30), allow_range=False,
         yearly=True),
    text("presider", "会议主持人", lambda a: org_words(a["org_kind"])["secretary"]),
    text("duration", "会期（如“半天”“一天”，可留空）", "半天", optional=True),
    confirm("due_in_title", "各环节的完成时限写在小标题后（否则写在正文末尾）", False),
]


def _suffixes(c: Context) -> dict[str, str]:
    """完成时限 (with ``due_in_title``) and the meeting date after their headings."""
    out = {}
    if c["due_in_title"]:
        dues = {key: c.get(f"{key}_due") for key in [*STEPS, "rectify"]}
        out = {key: f"（{_by(c, due)}）" for key, due in dues.items() if due}
    if c.get("criticism_date_in_title"):
        out["criticism"] = f"（{_short(c, c['meeting_date'])}）"
    return out


def items(a: dict) -> list[dict]:
    """The rectification items: the feedback areas the plan lists (none when 查摆问题 is dropped),
    each to be rectified by the whole team under the secretary, by 整改完成时限."""
    wd = words(a)
    due = a.get("rectify_due") or "即知即改，长期坚持"
    return [ledger_item("", area, (), wd["secretary"], "办公室", f"{wd['org']}班子成员", due)
            for area in a.get("feedback_areas", []) if area.strip()]


def build(c: Context) -> Draft:
    return Draft(title=c["title"], preamble=paragraphs(c.get("preamble", "")), suffixes=_suffixes(c), **closing(c))


DOCTYPE = DocumentType(
    id="patrol-meeting-plan",
    name="巡视（巡察）整改专题民主生活会实施方案",
    questions=QUESTIONS,
    sections=SECTIONS,
    outline=PRESETS["标准式"],
    presets=PRESETS,
    after=closing_questions(),
    build=build,
    validate=validate,
    vocabulary=words,
    items=items,
    description="巡视、巡察反馈后召开整改专题民主生活会的实施方案：会议主题、会前准备、会议安排、会后工作、有关要求等，"
                "章节可按本单位写法增删、改名、调序。",
)
