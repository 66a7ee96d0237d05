"""主题教育专题民主生活会召开情况通报 (document type ``theme-education-report``).

Three phases — 会前, 会议, 会后 — whose paragraphs are written around the figures the
questionnaire asks for (forms sent, opinions by group, talks, revision rounds,
criticisms, problems by class with how many are done).  ``validate`` checks that the
figures agree, using :mod:`gongwen.counts`.
"""

from __future__ import annotations

import datetime as _dt

from gongwen import questions as q
from gongwen.common import closing, closing_questions, end_sentence, org_signature, titled_group
from gongwen.counts import count, not_more_than, remainder, sum_equals
from gongwen.dates import DateError, format_cn, parse_date
from gongwen.doctype import DocumentType, Draft, S
from gongwen.errors import Problem
from gongwen.model import Paragraph, cn_number, enumerate_items
from gongwen.vocab import ORG_KINDS

from . import report_wording as w
from .rectification import fill, filled_titles, words

TODAY = _dt.date.today()
SUBJECTS = ("team", "members")  # whose problems 会后 counts: the 班子 and its members


def _opinion_groups(a: dict) -> list[dict]:
    """Default grouping; the last group takes what the total leaves."""
    groups = [{"name": name, "count": n} for name, n in w.OPINION_GROUPS]
    groups[-1]["count"] = max(a.get("opinions_total", 0) - sum(g["count"] for g in groups[:-1]), 0)
    return groups


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


def _problem_counts(prefix: str, who: str, total: int, quick: int, stage: int) -> list[q.Question]:
    """Problems by class for one subject, and how many of each are done."""
    k = {s: f"{prefix}_{s}" for s in ("total", "quick", "stage", "long")}
    return [
        count(k["total"], f"{who}查摆问题总数（个）", total, section="after"),
        count(k["quick"], f"{who}问题中：即知即改类（个）", quick, section="after"),
        count(k["stage"], f"{who}问题中：阶段性整改类（个）", stage, section="after"),
        count(k["long"], f"{who}问题中：长期整改类（个，默认为总数减前两类）",
              remainder(k["total"], [k["quick"], k["stage"]]), section="after"),
        count(f"{k['quick']}_done", f"{who}即知即改类已整改（个）", lambda a: a[k["quick"]], section="after"),
        count(f"{k['stage']}_done", f"{who}阶段性整改类已完成（个）", 0, section="after"),
        count(f"{k['long']}_done", f"{who}长期整改类已完成（个）", 0, section="after"),
    ]


QUESTIONS = [
    q.integer("year", "年度", TODAY.year, min=2000, max=2100),
    q.text("unit", "单位名称（简称，如“县农业农村局”）", "县农业农村局"),
    q.choice("org_kind", "党组织类别", ORG_KINDS, "党委"),
    q.text("title", "文件标题", lambda a: f"{a['year']}年主题教育专题民主生活会召开情况通报",
           help="默认由年度生成"),
    q.text("superior", "上级党委（如“县委”“市委”）", "县委"),
    q.text("basis", "部署依据（开头一句）", w.BASIS),
    q.text("guide_group", "到会指导的指导组（如“市委主题教育第三指导组”）",
           lambda a: f"{a['superior']}主题教育指导组"),
    q.text("guide_leader", "指导组到会领导（如“王建国组长”）", "主要负责同志"),
    q.date("meeting_date", "民主生活会召开日期", TODAY.isoformat()),
    count("members_count", "班子成员人数（撰写个人对照检查材料的人数）", 5, min=1),
    # 会前
    q.listof("study_materials", "学习篇目（每条一项，书名加书名号）", w.STUDY_MATERIALS, min_items=1,
             section="study"),
    count("study_sessions", "集中学习研讨次数（0 则不写）", 4, section="study"),
    count("study_hours", "累计学习学时（0 则不写）", 32, section="study"),
    count("focus_aspects", "会议聚焦几个方面", 6, min=1, section="opinions"),
    q.listof("channels", "征求意见的层面（每条一项，如“服务对象”）", w.CHANNELS, min_items=1,
             section="opinions"),
    count("forms_sent", "发放意见征求表（份）", 120, section="opinions"),
    count("forms_returned", "收回意见征求表（份）", lambda a: a["forms_sent"], section="opinions"),
    count("opinions_total", "共收集意见建议（条）", 48, section="opinions"),
    q.group("opinion_groups", "意见建议分类（可删空不写；各类条数之和应等于总数）", (
        q.text("name", "类别（如“理论学习方面”）"),
        count("count", "条数"),
    ), _opinion_groups, summary="name", item="类", section="opinions"),
    count("talks", "谈心谈话（人次）", 30, section="talks"),
    count("material_revisions", "班子对照检查材料修改（轮）", 3, min=1, section="materials"),
    q.listof("early_fixes", "会前先行解决的问题（每条一句，可删空）", w.EARLY_FIXES, section="early"),
    # 会议
    q.text("place", "会议地点", "机关会议室", section="meeting"),
    q.text("presider", "主持人（职务加姓名，如“党委书记李志刚”）", lambda a: words(a)["secretary"],
           section="meeting"),
    q.text("attendees", "参会人员（如“党委副书记陈建华、党委委员赵明”）",
           lambda a: f"{a['org_kind']}班子全体成员", section="meeting"),
    q.text("guide_others", "指导组其他到会同志（可留空）", "", optional=True, section="meeting"),
    q.text("length", "会期（如“半天”“1天”）", "半天", section="meeting"),
    q.multiline("theme", "会议主题", w.THEME, section="theme"),
    q.listof("agenda", "会议议程（每条一项，按顺序）", lambda a: [fill(i, a) for i in w.AGENDA],
             min_items=1, section="agenda"),
    count("criticisms", "会上提出相互批评意见（条）", 25, section="criticism"),
    q.multiline("guide_comment", "指导组点评意见", w.GUIDE_COMMENT, section="review"),
    titled_group("guide_requirements", "指导组提出的要求（标题如“紧扣群众关切抓整改”）",
                 lambda a: filled_titles(w.GUIDE_REQUIREMENTS, a), item="点要求", section="review"),
    # 会后
    *_problem_counts("team", "班子", 12, 5, 4),
    *_problem_counts("members", "班子成员个人", 26, 14, 8),
    q.text("rectify_title", "会后第一项（整改清单）的标题", w.AFTER_TITLES["rectify"], section="after"),
    q.text("life_title", "会后第二项（组织生活）的标题", w.AFTER_TITLES["life"], section="after"),
    q.date("branch_period", "班子成员参加部门专题组织生活会的时间（如“2023年8月28日至31日”）",
           _branch_period, allow_range=True, section="after"),
    count("branch_units", "参加专题组织生活会的部门数（个）", 8, min=1, section="after"),
    q.text("solve_title", "会后第三项（解决突出问题）的标题", w.AFTER_TITLES["solve"], section="after"),
    q.multiline("solve_text", "会后第三项的内容", w.SOLVE, section="after"),
    q.text("rules_title", "会后第四项（建章立制）的标题", w.AFTER_TITLES["rules"], section="after"),
    count("rules_before", "前期已出台制度（项，0 则不写）", 15, section="after"),
    q.text("rules_area", "制度建设围绕的工作", w.RULES_AREA, section="after"),
    count("rules_new", "会后新制定制度（项）", 3, section="after"),
    count("rules_revised", "会后修订完善制度（项）", 5, section="after"),
    *closing_questions(org_signature),
]

OUTLINE = [
    S("before", w.TITLES["before"]),
    *(S(k, w.TITLES[k], 2, run_in=True) for k in ("study", "opinions", "talks", "materials", "early")),
    S("meeting", w.TITLES["meeting"]),
    *(S(k, w.TITLES[k], 2, run_in=True) for k in ("theme", "agenda", "criticism", "review")),
    S("after", w.TITLES["after"]),
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


# ---------------------------------------------------------------- build


def join_titles(items: list[str]) -> str:
    """Items joined with 、, except between two book titles: 《党章》《准则》."""
    out = ""
    for item in (i.strip() for i in items if i.strip()):
        if out and not (out.endswith("》") and item.startswith("《")):
            out += "、"
        out += item
    return out


def _study(a: dict) -> str:
    figures = [w.STUDY_SESSIONS.format(sessions=a["study_sessions"]) if a.get("study_sessions") else "",
               w.STUDY_HOURS.format(hours=a["study_hours"]) if a.get("study_hours") else ""]
    figures_text = "、".join(f for f in figures if f)
    return fill(w.STUDY, a, figures=figures_text + "，" if figures_text else "",
                 materials=join_titles(a.get("study_materials", [])))


def _opinions(a: dict) -> str:
    groups = [g for g in a.get("opinion_groups", []) if g.get("name")]
    items = "、".join(f"{g['name']}{g['count']}条" for g in groups)
    channels = a.get("channels", [])
    return fill(w.OPINIONS, a, aspects=a["focus_aspects"], channels="、".join(channels),
                 channel_count=cn_number(len(channels)), sent=a["forms_sent"], returned=a["forms_returned"],
                 total=a["opinions_total"], grouped=w.OPINIONS_GROUPED.format(items=items) if items else "")


def _early(a: dict) -> str:
    fixes = a.get("early_fixes", [])
    if not fixes:
        return fill(w.EARLY_NONE, a)
    return fill(w.EARLY, a, count=len(fixes), items=enumerate_items(fixes))


def _meeting(a: dict) -> str:
    guides = a["guide_group"] + a["guide_leader"] + (f"及{a['guide_others']}" if a.get("guide_others") else "")
    return fill(w.MEETING, a, date=format_cn(a["meeting_date"]), place=a["place"],
                 presider=a["presider"], attendees=a["attendees"], guides=guides, length=a["length"])


def _review(a: dict) -> str:
    text = fill(w.REVIEW, a, guide_leader=a["guide_leader"], guide_group=a["guide_group"],
                 comment=end_sentence(a.get("guide_comment", "")))
    reqs = a.get("guide_requirements", [])
    if reqs:
        items = "".join(f"{cn_number(i)}要{end_sentence(r['title'])}{end_sentence(r.get('text', ''))}"
                        for i, r in enumerate(reqs, 1))
        text += w.REVIEW_REQUIREMENTS.format(count=cn_number(len(reqs)), items=items)
    return text


def _progress(a: dict, prefix: str) -> str:
    """“即知即改类问题5个已全部整改到位，阶段性整改问题4个正在按计划推进……”"""
    parts = []
    for key, label, doing in w.CLASSES:
        n, done = a[f"{prefix}_{key}"], a[f"{prefix}_{key}_done"]
        if n == 0:
            continue
        shape = w.CLASS_DONE if done >= n else w.CLASS_DOING if done == 0 else w.CLASS_PARTLY
        parts.append(shape.format(label=label, n=n, done=done, rest=n - done, doing=doing))
    return "，".join(parts) or w.NO_PROBLEMS


def _rules(a: dict) -> str:
    changes = [w.RULES_NEW.format(new=a["rules_new"]) if a["rules_new"] else "",
               w.RULES_REVISED.format(revised=a["rules_revised"]) if a["rules_revised"] else ""]
    return fill(w.RULES, a, before=w.RULES_BEFORE.format(before=a["rules_before"]) if a["rules_before"] else "",
                 area=a["rules_area"], changes="、".join(c for c in changes if c) or w.RULES_NONE)


def _after(a: dict) -> list:
    if "team_total" not in a:
        return []
    items = [
        (a["rectify_title"], fill(w.RECTIFY, a, team_total=a["team_total"], members_count=a["members_count"],
                                   members_total=a["members_total"], team_progress=_progress(a, "team"),
                                   members_progress=_progress(a, "members"))),
        (a["life_title"], fill(w.LIFE, a, period=format_cn(a["branch_period"]),
                                units=a["branch_units"])),
        (a["solve_title"], a["solve_text"]),
        (a["rules_title"], _rules(a)),
    ]
    return [Paragraph(fill(w.AFTER, a)),
            *(Paragraph(text, lead=f"{cn_number(i)}是{end_sentence(title)}") for i, (title, text) in
              enumerate(items, 1))]


def build(a: dict) -> Draft:
    meeting = format_cn(a["meeting_date"])
    preamble = fill(w.PREAMBLE, a, basis=a["basis"].rstrip("，。,"), superior=a["superior"],
                     guide_group=a["guide_group"], guide_leader=a["guide_leader"], date=meeting)
    content: dict[str, list] = {
        "study": [Paragraph(_study(a))] if "study_materials" in a else [],
        "opinions": [Paragraph(_opinions(a))] if "opinions_total" in a else [],
        "talks": [Paragraph(fill(w.TALKS, a, talks=a["talks"]))] if "talks" in a else [],
        "materials": ([Paragraph(fill(w.MATERIALS, a, revisions=a["material_revisions"],
                                       members_count=a["members_count"]))]
                      if "material_revisions" in a else []),
        "early": [Paragraph(_early(a))] if "early_fixes" in a else [],
        "meeting": [Paragraph(_meeting(a))] if "place" in a else [],
        "theme": [Paragraph(fill(w.THEME_TEXT, a, theme=a["theme"].strip().strip("“”")))] if "theme" in a else [],
        "agenda": ([Paragraph(fill(w.AGENDA_TEXT, a, count=cn_number(len(a["agenda"])),
                                    items=enumerate_items(a["agenda"])))] if "agenda" in a else []),
        "criticism": [Paragraph(fill(w.CRITICISM, a, criticisms=a["criticisms"]))] if "criticisms" in a else [],
        "review": [Paragraph(_review(a))] if "guide_comment" in a else [],
        "after": _after(a),
    }
    return Draft(
        title=a["title"],
        preamble=[Paragraph(preamble)],
        content=content,
        **closing(a),
    )


DOCTYPE = DocumentType(
    id="theme-education-report",
    name="主题教育专题民主生活会召开情况通报",
    questions=QUESTIONS,
    outline=OUTLINE,
    build=build,
    validate=validate,
    vocabulary=words,
    description="民主生活会开过之后，向上级和本单位通报会前准备、会议进行和会后整改的情况，各项数字逐一填写并核对。",
)
