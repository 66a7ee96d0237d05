"""关于××专题民主生活会整改落实情况的报告 (document type ``rectification-report``).

The report to the higher Party committee on how the rectification plan has been carried out:
a preamble naming the meeting and the plan with the overall figures; 一、how the work was led;
二、each aspect's problems with what was done; 三、rules made or revised; 四、shortfalls, the
items not finished with their reasons, and the next steps.  Every figure (problems, measures,
items done, in progress, ongoing, not started, the completion rate, rules) is counted from
the answers, never asked, so that it agrees with the ledger the items come from
(:func:`gongwen_plugins.rectification_report.from_items`).
"""

from __future__ import annotations

import datetime as _dt

from gongwen.api import (
    ORG_KINDS,
    STATUSES,
    Context,
    DateError,
    DocumentType,
    Draft,
    Heading,
    Paragraph,
    Problem,
    by_aspect,
    choice,
    clause,
    closing,
    closing_questions,
    completion_rate,
    date,
    dates_in_order,
    days_from_today,
    deadline,
    due_phrase,
    end_sentence,
    enumerate_items,
    fill,
    format_cn,
    full_stop,
    group,
    integer,
    item_blocks,
    last_year,
    later_than,
    listof,
    multiline,
    org_signature,
    org_words,
    paragraphs,
    parse_date,
    parse_deadline,
    quoted,
    section,
    sort_key_start,
    status_counts,
    superior_of,
    text,
    this_year,
    titled_group,
    titled_sections,
)

from . import wording as w
from .sources import from_items

NOT_STARTED, IN_PROGRESS, DONE, ONGOING = STATUSES
STAGES = ("整改落实情况", "整改进展情况")


def words(a: dict) -> dict[str, str]:
    return org_words(a.get("org_kind", "党委"), a.get("unit", ""))


# ---------------------------------------------------------------- the items


def _not_done(item: dict) -> bool:
    """整改状态不是“已完成”时"""
    return item.get("status") != DONE


def _report_day(a: dict) -> _dt.date:
    """The day the figures are counted to (its first day when only a month is given)."""
    try:
        return _dt.date(*sort_key_start(parse_date(a.get("as_of", ""))))
    except (DateError, ValueError):
        return _dt.date(this_year(), 1, 1)


def _default_items(a: dict) -> list[dict]:
    """Six items of a report written without a plan, finished some days before the report."""
    day = _report_day(a)
    out = []
    for d in w.DEFAULT_ITEMS:
        item = {"aspect": d["aspect"], "problem": d["problem"], "measures": [], "leader": w.DEFAULT_LEADER,
                "lead_unit": w.DEFAULT_LEAD_UNIT, "units": w.DEFAULT_UNITS,
                "deadline": f"{day.year}年12月底" if d.get("due") == "year_end" else w.LONG_TERM,
                "status": d["status"], "progress": d["progress"]}
        if "done" in d:
            item["done_date"] = (day - _dt.timedelta(days=d["done"])).isoformat()
        item.update({k: d[k] for k in ("reason", "next_step") if k in d})
        out.append(item)
    return out


ITEM_FIELDS = (
    text("aspect", "所属方面（如“理论学习方面”，可留空）", "", optional=True, copy_down=True),
    text("problem", "问题（一句话）"),
    listof("measures", "整改措施（每条一句，可留空）", []),
    text("leader", "责任领导", w.DEFAULT_LEADER, copy_down=True),
    text("lead_unit", "牵头单位", w.DEFAULT_LEAD_UNIT, copy_down=True),
    text("units", "责任单位", w.DEFAULT_UNITS, copy_down=True),
    deadline("deadline", "落实时限", w.LONG_TERM, copy_down=True),
    choice("status", "整改状态", STATUSES, IN_PROGRESS, copy_down=True),
    multiline("progress", "完成情况/进展（做了什么，有哪些实效）", "", optional=True),
    date("done_date", "完成日期", "", optional=True, when=("status", DONE)),
    text("reason", "尚未完成的原因（可留空）", "", optional=True, when=_not_done),
    text("next_step", "下一步措施（可留空，默认按落实时限写）", "", optional=True, when=_not_done),
)


def _due(item: dict) -> str:
    """The deadline's date as a sentence writes it before 完成 (2022年12月底前); "" for a phrase."""
    try:
        d = parse_deadline(item.get("deadline", "")).date
    except DateError:
        return ""
    return due_phrase(d) if d is not None else ""


def counts_text(items: list[dict]) -> str:
    """已完成9项、正在推进3项、需长期坚持2项 (statuses without items left out, 已完成 kept)."""
    counts = status_counts(items)
    order = (DONE, IN_PROGRESS, ONGOING, NOT_STARTED)
    return "、".join(fill(w.COUNT_WORDS[s], {}, n=counts[s]) for s in order if counts[s] or s == DONE)


def measures_count(items: list[dict]) -> int:
    return sum(len(i.get("measures") or []) for i in items)


# ---------------------------------------------------------------- builders


def _status_sentence(item: dict) -> str:
    status = item.get("status")
    if status == DONE:
        return fill(w.ITEM_DONE, {}, date=format_cn(item["done_date"])) if item.get("done_date") else ""
    if status == ONGOING:
        return w.ITEM_ONGOING
    if status == NOT_STARTED:
        return w.ITEM_NOT_STARTED
    due = _due(item)
    return fill(w.ITEM_DOING_DUE, {}, due=due) if due else w.ITEM_DOING


def _item_paragraphs(item: dict) -> list:
    """The item's progress note, its status said in the last sentence."""
    lines = [full_stop(p.text) for p in paragraphs(item.get("progress", ""))]
    tail = _status_sentence(item)
    if lines and tail:
        lines[-1] = f"{clause(lines[-1])}，{tail}。"
    elif tail:
        lines = [fill(w.ITEM_ALONE, {}, said=tail)]
    return [Paragraph(line) for line in lines]


def _quiet(items: list[dict], then_noted: bool = False) -> list:
    """Items without a progress note, said once per status sentence instead of once each:
    "“A”“B”2个问题，整改尚未启动，已列为下一阶段的重点任务。"; ``then_noted``: the numbered
    problems with notes follow ("其余问题整改情况如下：")."""
    groups: dict[str, list[str]] = {}
    for i in items:
        groups.setdefault(_status_sentence(i), []).append(clause(i["problem"]))
    out = []
    for sentence, problems in groups.items():
        named = "".join(quoted(p) for p in problems)
        if sentence:
            shape = w.QUIET_ITEM if len(problems) == 1 else w.QUIET_ITEMS
            out.append(Paragraph(fill(shape, {}, problems=named, n=len(problems), said=sentence)))
    if out and then_noted:
        out.append(Paragraph(w.QUIET_THEN_NOTED))
    return out


def _rectify(c: Context) -> list:
    items = c["items"]
    out: list = [Paragraph(c.fill(w.RECTIFY_INTRO, total=len(items)))]
    for aspect, members in by_aspect(items):
        noted = [i for i in members if paragraphs(i.get("progress", ""))]
        quiet = [i for i in members if i not in noted]
        headings = [Heading(end_sentence(i["problem"]), _item_paragraphs(i), run_in=True, counter="item")
                    for i in noted]
        if aspect:
            out.append(Heading(aspect.strip(), blocks=_quiet(quiet, then_noted=bool(headings)), children=headings))
        else:
            out.extend([*headings, *_quiet(quiet)])
    return out


def _rules(c: Context) -> list:
    rules = [r for r in c["rules"] if r.get("name", "").strip()]
    made = [fill(shape, {}, n=n) for shape, n in (
        (w.RULES_NEW, sum(r["kind"] == w.RULE_KINDS[0] for r in rules)),
        (w.RULES_REVISED, sum(r["kind"] == w.RULE_KINDS[1] for r in rules))) if n]
    names = "".join(f"《{r['name'].strip().strip('《》')}》" for r in rules)
    sentence = c.fill(w.RULES, changes="、".join(made) if made else w.RULES_NONE,
                      names=fill(w.RULES_NAMES, {}, names=names) if made else "")
    return [Paragraph(sentence), *paragraphs(c["rules_text"])]


def _unfinished(item: dict) -> str:
    """An open problem with its reason and its own next step, if the clerk gave them."""
    reason = full_stop(item["reason"]) if item.get("reason") else ""
    step = fill(w.UNFINISHED_NEXT, {}, next=clause(item["next_step"]).removeprefix("将")) \
        if item.get("next_step") else ""
    due = fill(w.UNFINISHED_DUE, {}, due=_due(item)) if _due(item) else ""
    return f"{clause(item['problem'])}{due}。{reason}{step}"


def _next(c: Context) -> list:
    items = c["items"]
    out = paragraphs(c["shortfalls"])
    open_items = [i for i in items if i.get("status") in (IN_PROGRESS, NOT_STARTED)]
    if open_items:
        out += [Paragraph(fill(w.UNFINISHED_LEAD, {}, n=len(open_items))),
                *item_blocks([_unfinished(i) for i in open_items], "circled")]
        if any(not i.get("next_step") for i in open_items):  # said once, not after every item
            out.append(Paragraph(w.UNFINISHED_NEXT_ALL))
    ongoing = status_counts(items)[ONGOING]
    if ongoing:
        out.append(Paragraph(fill(w.ONGOING_SENTENCE, {}, n=ongoing)))
    if not open_items and not ongoing:
        out.append(Paragraph(fill(w.ALL_DONE, {}, total=len(items))))
    if c["plans"]:
        out.append(Paragraph(c.fill(w.PLANS_LEAD) + enumerate_items([clause(p) for p in c["plans"]])))
    return out


SECTIONS = [
    section("leadership", "提高政治站位，压紧压实整改责任", build=lambda c: titled_sections(c["leadership"]),
            questions=[titled_group("leadership", "整改工作是怎样组织推进的", lambda a: [
                {"title": i["title"], "text": fill(i["text"], words(a))} for i in w.LEADERSHIP], item="条")]),
    section("rectify", "聚焦问题清单，逐项抓好整改落实", build=_rectify),
    section("rules", "坚持建章立制，巩固拓展整改成果", build=_rules, questions=[
        group("rules", "新制定或修订完善的制度（条数自动统计）", (
            text("name", "制度名称（不加书名号）"),
            choice("kind", "新制定还是修订完善", w.RULE_KINDS),
        ), lambda a: [{"name": fill(r["name"], words(a)), "kind": r["kind"]} for r in w.DEFAULT_RULES],
            summary="name", item="项制度"),
        multiline("rules_text", "建章立制的其他情况（可留空）", w.RULES_TEXT, optional=True),
    ]),
    section("next", "存在的不足和下一步打算", build=_next, questions=[
        multiline("shortfalls", "存在的不足", w.SHORTFALLS),
        listof("plans", "下一步打算（每条一句）", w.PLANS),
    ]),
]


def _title(a: dict) -> str:
    subject = a["meeting_name"] or f"落实《{a['plan_title']}》"
    return f"{a['unit']}{a['org_kind']}关于{subject}{a['stage']}的报告"


QUESTIONS = [
    integer("year", "民主生活会年度", last_year, min=2000, max=2100),  # reported on the year after
    text("unit", "单位名称（简称，如“县农业农村局”）", "县农业农村局"),
    choice("org_kind", "党组织类别", ORG_KINDS, "党委"),
    text("superior", "报送给（上级党组织，如“县委”“县委组织部”）", lambda a: superior_of(a["unit"])),
    text("meeting_name", "民主生活会名称（如“党史学习教育专题民主生活会”；专项整改可留空）",
         lambda a: f"{a['year']}年度专题民主生活会", optional=True),
    date("meeting_date", "民主生活会召开日期（可留空）", "", optional=True, allow_range=False),
    text("plan_title", "整改方案的标题（不加书名号）",
         lambda a: f"{a['unit']}{a['org_kind']}{a['meeting_name'] or '问题'}整改落实方案"),
    choice("stage", "报告的是", STAGES, help="整改全部或基本完成时报“整改落实情况”，半年等阶段性报告报“整改进展情况”"),
    text("title", "文件标题", _title, help="默认由单位、会议名称和报告类型生成"),
    date("as_of", "统计截至日期（各项数字按此日的整改状态统计）", days_from_today(0), allow_range=False),
    group("items", "整改问题及其整改状态（数字据此自动统计）", ITEM_FIELDS, _default_items, summary="problem",
          item="个问题", min_items=1),
]


def validate(a: dict) -> list[Problem]:
    """An item is 已完成 only with a completion date, and not after the figures' date."""
    problems = dates_in_order([("meeting_date", "as_of", "统计截至日期早于民主生活会召开日期")], a)
    for n, item in enumerate(a.get("items", []), 1):
        done = item.get("done_date")
        if item.get("status") == DONE and not done:
            problems.append(Problem(f"items[{n}].done_date", "整改状态为“已完成”的问题须填写完成日期"))
        elif done and later_than(done, a["as_of"]):
            problems.append(Problem(f"items[{n}].done_date", f"完成日期{format_cn(done)}晚于统计截至日期"
                                                             f"{format_cn(a['as_of'])}"))
    return problems


def build(c: Context) -> Draft:
    items = c["items"]
    plan = c["plan_title"].strip().strip("《》")
    if c.get("meeting_name") and c.get("meeting_date"):
        head = c.fill(w.PREAMBLE_MEETING, date=format_cn(c["meeting_date"]), meeting=c["meeting_name"], plan=plan,
                      based=w.PREAMBLE_BASED)
    elif c.get("meeting_name"):
        head = c.fill(w.PREAMBLE_MEETING_UNDATED, meeting=c["meeting_name"], plan=plan, based=w.PREAMBLE_BASED)
    else:
        head = c.fill(w.PREAMBLE_PLAN, plan=plan)
    measures = measures_count(items)
    head += fill(w.PREAMBLE_ITEMS, {}, total=len(items),
                 measures=fill(w.PREAMBLE_MEASURES, {}, measures=measures) if measures else "")
    head += fill(w.PREAMBLE_PROGRESS, {}, as_of=format_cn(c["as_of"]), counts=counts_text(items),
                 rate=completion_rate(items))
    return Draft(title=c["title"], recipient=c["superior"].strip().rstrip("：:"),
                 preamble=[Paragraph(head + w.PREAMBLE_CLOSE)], **closing(c))


DOCTYPE = DocumentType(
    id="rectification-report",
    name="专题民主生活会整改落实情况报告",
    questions=QUESTIONS,
    sections=SECTIONS,
    outline=["leadership", "rectify", "rules", "next"],
    after=closing_questions(org_signature, lambda a: a["as_of"]),
    build=build,
    validate=validate,
    vocabulary=words,
    carry_from=from_items,
    description="整改方案实施一段时间后（半年、年底），向上级党组织报告整改落实情况：总体进展（完成、推进中、"
                "长期坚持的项数和完成率自动统计）、各方面问题的整改情况、建章立制、未完成事项和下一步打算。"
                "可用 gongwen new rectification-report --from 整改方案.toml 从整改方案及其整改台账生成。",
)
