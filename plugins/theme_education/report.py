"""主题教育专题民主生活会召开情况通报 (document type ``theme-education-report``).

Three phases — 会前, 会议, 会后 — whose paragraphs are written around the figures the
questionnaire asks for (forms sent, opinions by group, talks, revision rounds,
criticisms, problems by class with how many are done).  ``validate`` checks that the
figures agree, using the kit's counts checks.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from gongwen.api import (
    ORG_KINDS,
    Context,
    DateError,
    DocumentType,
    Draft,
    Paragraph,
    Problem,
    Question,
    SectionDef,
    choice,
    closing,
    closing_questions,
    cn_number,
    count,
    date,
    end_sentence,
    enumerate_items,
    fill,
    format_cn,
    group,
    integer,
    listof,
    multiline,
    not_more_than,
    org_signature,
    parse_date,
    section,
    sum_equals,
    superior_of,
    text,
    this_year,
    titled_group,
    today_in_year,
)

from . import report_wording as w
from .rectification import filled_titles, words

_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")  # a person's name after the office in 主持人
SUBJECTS = ("team", "members")  # whose problems 会后 counts: the 班子 and its members


def _agenda(a: dict) -> list[str]:
    """The usual agenda, naming the secretary as the presider answer does ("党委书记李志刚" gives
    "李志刚同志代表党委班子作对照检查"); without a name, by office."""
    wd = words(a)
    presider = a.get("presider", "")
    name = presider.removeprefix(wd["secretary"])
    speaker = f"{name}同志" if name != presider and _NAME.fullmatch(name) else wd["secretary"]
    return [fill(i, wd, speaker=speaker) for i in w.AGENDA]


_IN_YEAR = today_in_year("year")


def _held(a: dict) -> str:
    """Default meeting date: three weeks before the report, which tells what followed it (the
    branch meetings from the third day on, the early fixes) as done."""
    return (_dt.date.fromisoformat(_IN_YEAR(a)) - _dt.timedelta(days=21)).isoformat()


_held.from_today = True  # type: ignore[attr-defined]  # kept once accepted, like today's date


def _branch_period(a: dict) -> str:
    """Default: ten days from the third day after the meeting (its month when the day is not known)."""
    try:
        d = parse_date(a.get("meeting_date", ""))
    except DateError:
        return ""
    if getattr(d, "day", None) is None or d.year is None or d.month is None:
        return a.get("meeting_date", "")
    start = _dt.date(d.year, d.month, d.day) + _dt.timedelta(days=3)
    return f"{start.isoformat()}/{(start + _dt.timedelta(days=10)).isoformat()}"


def _problem_counts(prefix: str, who: str, total: int, quick: int, stage: int) -> list[Question]:
    """Problems by class for one subject, and how many of each are done."""
    k = {s: f"{prefix}_{s}" for s in ("total", "quick", "stage", "long")}
    parts = [k["quick"], k["stage"], k["long"]]
    return [  # the classes first; the total is their sum unless typed otherwise; all asked again each year
        count(k["quick"], f"{who}查摆问题中：即知即改类（个）", quick, yearly=True),
        count(k["stage"], f"{who}查摆问题中：阶段性整改类（个）", stage, yearly=True),
        count(k["long"], f"{who}查摆问题中：长期整改类（个）", total - quick - stage, yearly=True),
        count(k["total"], f"{who}查摆问题总数（个，默认为以上三类之和）", lambda a: sum(a[p] for p in parts),
              yearly=True),
        count(f"{k['quick']}_done", f"{who}即知即改类已整改（个）", lambda a: a[k["quick"]], yearly=True),
        count(f"{k['stage']}_done", f"{who}阶段性整改类已完成（个）", 0, yearly=True),
        count(f"{k['long']}_done", f"{who}长期整改类已完成（个）", 0, yearly=True),
    ]


# ---------------------------------------------------------------- checks

SUM_LABELS = {"total": "问题总数", "quick": "即知即改", "stage": "阶段性", "long": "长期"}
DONE_LABELS = {"quick": ("已整改", "即知即改问题"), "stage": ("已完成", "阶段性整改问题"),
               "long": ("已完成", "长期整改问题")}


def validate(a: dict) -> list[Problem]:
    """The figures agree: parts add up to their totals, nothing done beyond its total."""
    wd = words(a)
    problems = [
        *not_more_than(a, "forms_returned", "forms_sent", {"forms_returned": "收回", "forms_sent": "发放"},
                       "意见征求表"),
    ]
    problems += sum_equals(a, "opinions_total", ["opinion_groups[].count"],
                           {"opinions_total": "意见建议总数", "opinion_groups[].count": "{name}"}, "意见建议分类")
    for prefix in SUBJECTS:
        what = f"{wd['org']}班子查摆问题" if prefix == "team" else f"{wd['members']}个人查摆问题"
        labels = {f"{prefix}_{k}": v for k, v in SUM_LABELS.items()}
        problems += sum_equals(a, f"{prefix}_total", [f"{prefix}_{k}" for k in ("quick", "stage", "long")],
                               labels, what)
        for k, (done, whole) in DONE_LABELS.items():
            part, of = f"{prefix}_{k}_done", f"{prefix}_{k}"
            problems += not_more_than(a, part, of, {part: done, of: whole}, what)
    return problems


# ---------------------------------------------------------------- sections


def join_titles(items: list[str]) -> str:
    """Items joined with 、, except between two book titles: 《党章》《准则》."""
    out = ""
    for item in (i.strip() for i in items if i.strip()):
        if out and not (out.endswith("》") and item.startswith("《")):
            out += "、"
        out += item
    return out


def _study(c: Context) -> list:
    figures = [c.fill(w.STUDY_SESSIONS, sessions=c["study_sessions"]) if c["study_sessions"] else "",
               c.fill(w.STUDY_HOURS, hours=c["study_hours"]) if c["study_hours"] else ""]
    figures_text = "、".join(f for f in figures if f)
    return [Paragraph(c.fill(w.STUDY, figures=figures_text + "，" if figures_text else "",
                             materials=join_titles(c["study_materials"])))]


def _opinions(c: Context) -> list:
    items = "、".join(f"{g['name']}{g['count']}条" for g in c["opinion_groups"] if g.get("name"))
    channels = c["channels"]
    return [Paragraph(c.fill(w.OPINIONS, aspects=c["focus_aspects"], channels="、".join(channels),
                             channel_count=cn_number(len(channels)), sent=c["forms_sent"],
                             returned=c["forms_returned"], total=c["opinions_total"],
                             grouped=c.fill(w.OPINIONS_GROUPED, items=items) if items else ""))]


def _early(c: Context) -> list:
    fixes = c["early_fixes"]
    if not fixes:
        return [Paragraph(c.fill(w.EARLY_NONE))]
    return [Paragraph(c.fill(w.EARLY, count=len(fixes), items=enumerate_items(fixes)))]


def _meeting(c: Context) -> list:
    guides = c["guide_group"] + c["guide_leader"] + (f"及{c['guide_others']}" if c.get("guide_others") else "")
    return [Paragraph(c.fill(w.MEETING, date=format_cn(c["meeting_date"]), place=c["place"],
                             presider=c["presider"], attendees=c["attendees"], guides=guides, length=c["length"]))]


def _review(c: Context) -> list:
    text = c.fill(w.REVIEW, guide_leader=c["guide_leader"], guide_group=c["guide_group"],
                  comment=end_sentence(c["guide_comment"]))
    reqs = c["guide_requirements"]
    if reqs:
        items = "".join(f"{cn_number(i)}要{end_sentence(r['title'])}{end_sentence(r.get('text', ''))}"
                        for i, r in enumerate(reqs, 1))
        text += c.fill(w.REVIEW_REQUIREMENTS, count=cn_number(len(reqs)), items=items)
    return [Paragraph(text)]


def _progress(c: Context, prefix: str) -> str:
    """“即知即改类问题5个已全部整改到位，阶段性整改问题4个正在按计划推进……”"""
    parts = []
    for key, label, doing in w.CLASSES:
        n, done = c[f"{prefix}_{key}"], c[f"{prefix}_{key}_done"]
        if n == 0:
            continue
        shape = w.CLASS_DONE if done >= n else w.CLASS_DOING if done == 0 else w.CLASS_PARTLY
        parts.append(c.fill(shape, label=label, n=n, done=done, rest=n - done, doing=doing))
    return "，".join(parts) or w.NO_PROBLEMS


def _rules(c: Context) -> str:
    changes = [c.fill(w.RULES_NEW, new=c["rules_new"]) if c["rules_new"] else "",
               c.fill(w.RULES_REVISED, revised=c["rules_revised"]) if c["rules_revised"] else ""]
    return c.fill(w.RULES, before=c.fill(w.RULES_BEFORE, before=c["rules_before"]) if c["rules_before"] else "",
                  area=c["rules_area"], changes="、".join(x for x in changes if x) or w.RULES_NONE)


def _after(c: Context) -> list:
    items = [
        (c["rectify_title"], c.fill(w.RECTIFY, team_total=c["team_total"], members_count=c["members_count"],
                                    members_total=c["members_total"], team_progress=_progress(c, "team"),
                                    members_progress=_progress(c, "members"))),
        (c["life_title"], c.fill(w.LIFE, period=format_cn(c["branch_period"]), units=c["branch_units"])),
        (c["solve_title"], c["solve_text"]),
        (c["rules_title"], _rules(c)),
    ]
    return [Paragraph(c.fill(w.AFTER)),
            *(Paragraph(text, lead=f"{cn_number(i)}是{end_sentence(title)}")
              for i, (title, text) in enumerate(items, 1))]


def _item(key: str, build: Callable[[Context], list], questions: list[Question]) -> SectionDef:
    """A run-in item of a phase (（一）深化学习教育，筑牢思想根基。会前，…)."""
    return section(key, w.TITLES[key], 2, run_in=True, build=build, questions=questions)


SECTIONS = [
    # 会前
    section("before", w.TITLES["before"]),
    _item("study", _study, [
        listof("study_materials", "学习篇目（每条一项，书名加书名号）", w.STUDY_MATERIALS, min_items=1),
        count("study_sessions", "集中学习研讨次数（0 则不写）", 4, yearly=True),
        count("study_hours", "累计学习学时（0 则不写）", 32, yearly=True),
    ]),
    _item("opinions", _opinions, [
        count("focus_aspects", "会议聚焦几个方面", 6, min=1),
        listof("channels", "征求意见的层面（如“服务对象”）", w.CHANNELS, min_items=1, on_screen=True),
        count("forms_sent", "发放意见征求表（份）", 120, yearly=True),
        count("forms_returned", "收回意见征求表（份）", lambda a: a["forms_sent"], yearly=True),
        group("opinion_groups", "意见建议分类（可删空不写）", (
            text("name", "类别（如“理论学习方面”）"),
            count("count", "条数"),
        ), [{"name": name, "count": n} for name, n in w.OPINION_GROUPS], summary="name", item="类", yearly=True),
        count("opinions_total", "共收集意见建议（条，有分类时默认为各类之和）",
              lambda a: sum(g["count"] for g in a["opinion_groups"]) or 48, yearly=True),
    ]),
    _item("talks", lambda c: [Paragraph(c.fill(w.TALKS, talks=c["talks"]))], [
        count("talks", "谈心谈话（人次）", 30, yearly=True),
    ]),
    _item("materials", lambda c: [Paragraph(c.fill(w.MATERIALS, revisions=c["material_revisions"],
                                                   members_count=c["members_count"]))], [
        count("material_revisions", "班子对照检查材料修改（轮）", 3, min=1, yearly=True),
    ]),
    _item("early", _early, [
        listof("early_fixes", "会前先行解决的问题（每条一句，可删空）", w.EARLY_FIXES, yearly=True),
    ]),
    # 会议
    section("meeting", w.TITLES["meeting"], build=_meeting, questions=[
        text("place", "会议地点", "机关会议室"),
        text("presider", "主持人（职务加姓名，如“党委书记李志刚”）", lambda a: words(a)["secretary"]),
        text("attendees", "参会人员（如“党委副书记陈建华、党委委员赵明”）", lambda a: f"{a['org_kind']}班子全体成员"),
        text("guide_others", "指导组其他到会同志（可留空）", "", optional=True),
        text("length", "会期（如“半天”“1天”）", "半天"),
    ]),
    _item("theme", lambda c: [Paragraph(c.fill(w.THEME_TEXT, theme=c["theme"].strip().strip("“”")))], [
        multiline("theme", "会议主题", w.THEME),
    ]),
    _item("agenda", lambda c: [Paragraph(c.fill(w.AGENDA_TEXT, count=cn_number(len(c["agenda"])),
                                                items=enumerate_items(c["agenda"])))], [
        listof("agenda", "会议议程（每条一项，按顺序）", _agenda, min_items=1),
    ]),
    _item("criticism", lambda c: [Paragraph(c.fill(w.CRITICISM, criticisms=c["criticisms"]))], [
        count("criticisms", "会上提出相互批评意见（条）", 25, yearly=True),
    ]),
    _item("review", _review, [
        multiline("guide_comment", "指导组点评意见", w.GUIDE_COMMENT, yearly=True),
        titled_group("guide_requirements", "指导组提出的要求（标题如“紧扣群众关切抓整改”）",
                     lambda a: filled_titles(w.GUIDE_REQUIREMENTS, a), item="点要求", yearly=True),
    ]),
    # 会后
    section("after", w.TITLES["after"], build=_after, questions=[
        *_problem_counts("team", "班子", 12, 5, 4),
        *_problem_counts("members", "班子成员个人", 26, 14, 8),
        text("rectify_title", "会后第一项（整改清单）的标题", w.AFTER_TITLES["rectify"]),
        text("life_title", "会后第二项（组织生活）的标题", w.AFTER_TITLES["life"]),
        date("branch_period", "班子成员参加部门专题组织生活会的时间（如“2023年8月28日至31日”）",
             _branch_period, allow_range=True, yearly=True),
        count("branch_units", "参加专题组织生活会的部门数（个）", 8, min=1, yearly=True),
        text("solve_title", "会后第三项（解决突出问题）的标题", w.AFTER_TITLES["solve"]),
        multiline("solve_text", "会后第三项（解决突出问题）的内容", w.SOLVE),
        text("rules_title", "会后第四项（建章立制）的标题", w.AFTER_TITLES["rules"]),
        count("rules_before", "前期已出台制度（项，0 则不写）", 15, yearly=True),
        text("rules_area", "制度建设围绕的工作", w.RULES_AREA),
        count("rules_new", "会后新制定制度（项）", 3, yearly=True),
        count("rules_revised", "会后修订完善制度（项）", 5, yearly=True),
    ]),
]

QUESTIONS = [
    integer("year", "年度", this_year, min=2000, max=2100),
    text("unit", "单位名称（简称，如“县农业农村局”）", "县农业农村局"),
    choice("org_kind", "党组织类别", ORG_KINDS, "党委"),
    text("title", "文件标题", lambda a: f"{a['unit']}{a['org_kind']}{a['year']}年主题教育专题民主生活会召开情况通报",
         help="默认由单位、党组织类别和年度生成"),
    text("superior", "上级党委（如“县委”“市委”）", lambda a: superior_of(a["unit"])),
    text("basis", "部署依据（开头一句）", w.BASIS),
    text("guide_group", "到会指导的指导组（如“市委主题教育第三指导组”）", lambda a: f"{a['superior']}主题教育指导组",
         yearly=True),
    text("guide_leader", "指导组到会领导（如“王建国组长”）", "主要负责同志", yearly=True),
    date("meeting_date", "民主生活会召开日期", _held, yearly=True),
    count("members_count", "班子成员人数（撰写个人对照检查材料的人数）", 5, min=1),
]


def build(c: Context) -> Draft:
    basis = c["basis"].rstrip("，。,")
    according = "按照" if basis.startswith("根据") else "根据"  # never 根据…，根据…
    preamble = c.fill(w.PREAMBLE, basis=basis, according=according, superior=c["superior"],
                      guide_group=c["guide_group"], guide_leader=c["guide_leader"], date=format_cn(c["meeting_date"]))
    return Draft(title=c["title"], preamble=[Paragraph(preamble)], **closing(c))


DOCTYPE = DocumentType(
    id="theme-education-report",
    name="主题教育专题民主生活会召开情况通报",
    questions=QUESTIONS,
    sections=SECTIONS,
    outline=["before", "study", "opinions", "talks", "materials", "early",
             "meeting", "theme", "agenda", "criticism", "review", "after"],
    after=closing_questions(org_signature, _IN_YEAR),
    build=build,
    validate=validate,
    vocabulary=words,
    description="民主生活会开过之后，向上级和本单位通报会前准备、会议进行和会后整改的情况，各项数字逐一填写并核对。",
)
