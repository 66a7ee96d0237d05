"""The text checks of ``gongwen lint``: what a reviewing leader would circle in the words.

:func:`text_findings` reads the paragraphs as strings (headings included, table rows as
tab-joined cells: what ``gongwen.model.document_text(doc).splitlines()`` gives) and finds
repeated sentences and clauses, broken punctuation, a doubled "前", leftover placeholders,
numbering gaps, a 成文日期 without a year, headings without content, sentences that end
in a dangling word and wording of an earlier year (迎接党的二十大 in a 2023 plan).
``gongwen render`` and ``new`` run them on every draft they write.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .lint_lines import APPENDIX_LABEL, SENTENCE_END, Line, parse, sentences
from .model import heading_number
from .terminal import shorten


@dataclass(frozen=True)
class Finding:
    """One thing to correct: ``para`` is 1-based (0: the whole document's layout), ``check``
    a short English name of the rule, ``message`` the Chinese text a user reads."""

    para: int
    check: str
    message: str
    heading: str = ""
    page: int | None = None

    def location(self) -> str:
        if not self.para:
            return "版式"
        where = f"第{self.page}页 第{self.para}段" if self.page else f"第{self.para}段"
        return f"{where}（“{self.heading}”下）" if self.heading else where

    def __str__(self) -> str:
        return f"{self.location()}：{self.message}"


def report(findings: list[Finding]) -> list[str]:
    """The lines ``gongwen lint`` prints: one a finding, then a count."""
    return [str(f) for f in findings] + [f"共 {len(findings)} 处问题。" if findings else "未发现问题。"]


def context(text: str, start: int, end: int, width: int = 8) -> str:
    before = ("…" if start > width else "") + text[max(0, start - width):start]
    after = text[end:end + width] + ("…" if end + width < len(text) else "")
    return f"“{before}{text[start:end]}{after}”"


# ------------------------------------------------------------ text checks


def duplicate_sentences(lines: list[Line]) -> Iterator[Finding]:
    """The same sentence (10 characters or more, ending in 。！？) twice in the document."""
    seen: dict[str, int] = {}
    for line in lines:
        for s in sentences(line):
            key = "".join(s.split())
            if key[-1] not in SENTENCE_END or len(key) < 11:
                continue
            if key in seen and seen[key] != line.n:
                yield Finding(line.n, "duplicate", f"句子与第{seen[key]}段重复：“{shorten(key, 30)}”")
            elif key in seen:
                yield Finding(line.n, "duplicate", f"同一段中句子重复：“{shorten(key, 30)}”")
            seen.setdefault(key, line.n)


#: Words that may stand before a lead phrase ("并根据…").
CONNECTIVES = ("现", "并", "同时", "特", "再")
#: Phrases that open a clause and should not open the next one: "根据…，根据…".
LEADS = ("根据", "按照", "依据", "依照", "遵照", "为了")
#: Facts said once: "会议由…主持" twice in a row is one sentence too many.
FRAMES = {"主持": re.compile(r"由[^，。；：、]{1,20}?主持|主持(?:会议|本次会议)")}


def clause_lead(clause: str) -> str:
    clause = clause.strip()
    clause = clause[next((len(w) for w in CONNECTIVES if clause.startswith(w)), 0):]
    return next((w for w in LEADS if clause.startswith(w)), "")


def repeated_clauses(lines: list[Line]) -> Iterator[Finding]:
    """A lead phrase (根据、按照…) opening two clauses of one sentence or two sentences in a
    row; a fact such as "会议由…主持" stated in two sentences in a row."""
    previous: tuple[str, set[str]] | None = None  # the last sentence's lead and frames
    for line in lines:
        if line.heading or line.table or not line.text:
            previous = None
        for s in sentences(line):
            clauses = re.split(r"[，；：,;]", s)
            leads = [clause_lead(c) for c in clauses]
            frames = {name for name, rx in FRAMES.items() if rx.search(s)}
            twice = next((w for w, k in Counter(filter(None, leads)).items() if k > 1), "")
            if twice:
                yield Finding(line.n, "repeat", f"一句中两次以“{twice}”开头：“{shorten(s, 30)}”")
            elif previous and leads[0] and leads[0] == previous[0]:
                yield Finding(line.n, "repeat", f"连续两句都以“{leads[0]}”开头：“{shorten(s, 30)}”")
            for name in frames & (previous[1] if previous else set()):
                yield Finding(line.n, "repeat", f"与上一句重复交代“{name}”：“{shorten(s, 30)}”")
            previous = (leads[0], frames)


PUNCT = "，。；：、！？,;:"
COLLIDING = re.compile(rf"[，。；：、！？][{PUNCT}]|[,;:][，。；：、！？]")
#: A half-width comma or semicolon between Chinese characters ("整改,落实").
HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff])[,;](?=[\u4e00-\u9fff])")
EMPTY_PAIR = re.compile(r"《\s*》|“\s*”|‘\s*’|（\s*）|\(\s*\)|【\s*】|\[\s*\]")
PAIRS = (("“", "”", "引号"), ("《", "》", "书名号"), ("（(", "）)", "括号"))
#: a field's label: "责任领导：…" (not a lead-in such as "通报如下：")
FORM_LINE = re.compile(r"[：:][ \u3000]{2,}\S+[：:]")  # two labels with a blank between them
FIELD = re.compile(r"^(?![^：:]*[如以]下[：:])[^，。；：:、\s]{1,8}[：:]")


def broken_punctuation(lines: list[Line]) -> Iterator[Finding]:
    """Colliding or doubled marks (：。 ，。 。。 、、), empty brackets or quotes, quotes and
    brackets that do not pair, and a heading or field ending in "：" with nothing after."""
    for i, line in enumerate(lines):
        text = line.text
        for rx, what in ((COLLIDING, "标点连用"), (EMPTY_PAIR, "空的括号或引号"), (HALF_WIDTH, "中文里用了半角标点")):
            m = rx.search(text)
            if m:
                yield Finding(line.n, "punctuation", f"{what}“{m.group()}”：{context(text, m.start(), m.end())}")
        for opening, closing, name in PAIRS:
            at = unpaired(text, opening, closing)
            if at is not None:
                yield Finding(line.n, "punctuation", f"{name}不配对：{context(text, at, at + 1)}")
        if text.endswith(("：", ":")) and empty_after(line, lines[i + 1:]):
            yield Finding(line.n, "punctuation", f"“{shorten(text, 24)}”冒号后没有内容")


def unpaired(text: str, opening: str, closing: str) -> int | None:
    """Where a pair breaks: a closing mark with no opening one, or the last opening left open."""
    if not any(c in text for c in opening + closing):
        return None
    stack = []
    for i, c in enumerate(text):
        if c in opening:
            stack.append(i)
        elif c in closing:
            if not stack:
                return i
            stack.pop()
    return stack[-1] if stack else None


def empty_after(line: Line, rest: list[Line]) -> bool:
    """Whether what follows a line ending in "：" leaves it empty: the end, a heading at its level
    or above (after a heading), another field or a 一、 heading (after a short "label：" field)."""
    if FORM_LINE.search(line.text):
        return False  # "填报人：        联系电话：": blanks of a form to fill in by hand
    nxt = next((x for x in rest if x.text), None)
    if nxt is None or APPENDIX_LABEL.match(nxt.text):
        return True
    if line.heading:
        return nxt.heading and nxt.level <= line.level
    return bool(FIELD.match(line.text)) and (nxt.level == 1 or bool(FIELD.match(nxt.text)))


DOUBLE_QIAN = re.compile(r"前前(?![后往任进])")


def first_match(lines: list[Line], rx: re.Pattern, check: str, what: str) -> Iterator[Finding]:
    """A finding for each paragraph where ``rx`` matches, showing the first match."""
    for line in lines:
        m = rx.search(line.text)
        if m:
            yield Finding(line.n, check, f"{what}：{context(line.text, m.start(), m.end())}")


def doubled_qian(lines: list[Line]) -> Iterator[Finding]:
    """"前前" ("2月初前前", "月底前前完成"), not "前前后后"、"前前往"."""
    return first_match(lines, DOUBLE_QIAN, "qian", "“前”字重复")


PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[Xx]+(?![A-Za-z光])|×{2,}|(?<!\d)×(?!\d)|某某|□{2,}|\{\{|\}\}|\{%|%\}"
    r"|此处(?:输入|填写)|请(?:在此)?填写"
)


def placeholders(lines: list[Line]) -> Iterator[Finding]:
    """XX, xx, X, ××, 某某, □□, {{ }}, {% %}, "此处输入文字", or a paragraph that is or ends
    in "……" (a sentence left to be written: "坚持理论武装。……")."""
    for line in lines:
        found = list(dict.fromkeys(m.group() for m in PLACEHOLDER.finditer(line.text)))
        if re.fullmatch(r"[.…。\s]*…[.…。\s]*", line.title if line.level else line.text) \
                or line.text.rstrip().endswith(("……", "...")):
            found.append("……")
        if found:
            marks = "".join(f"“{x}”" for x in found)
            yield Finding(line.n, "placeholder", f"未替换的占位符{marks}：“{shorten(line.text, 24)}”")


def numbering(lines: list[Line]) -> Iterator[Finding]:
    """Numbers at each level go 1, 2, 3 under one parent (the nearest heading of a higher
    level); under a new parent they restart at 1 or go on from the last one (problems 1…14
    across five aspects).  A ① list may restart anywhere.  "附件" starts afresh."""
    last: dict[int, tuple[int, int]] = {}  # level -> (value, parent line)
    recent: dict[int, int] = {}  # level -> line of its latest heading
    for line in lines:
        if APPENDIX_LABEL.match(line.text):
            last, recent = {}, {}
        if not line.level:
            continue
        level, value = line.level, line.value
        parent = max((n for lv, n in recent.items() if lv < level), default=0)
        prev = last.get(level)
        same_parent = prev is not None and prev[1] == parent
        allowed = {prev[0] + 1} if same_parent else {1} | ({prev[0] + 1} if prev else set())
        if level == 5:
            allowed.add(1)
        if value not in allowed:
            yield Finding(line.n, "numbering", numbering_message(line, prev, same_parent, allowed))
        last[level], recent[level] = (value, parent), line.n


def numbering_message(line: Line, prev: tuple[int, int] | None, same_parent: bool, allowed: set[int]) -> str:
    mark = line.mark
    want = "或".join(f"“{heading_number(line.level, v)}”" for v in sorted(allowed))
    if not same_parent:
        return f"序号“{mark}”应为{want}"
    before = heading_number(line.level, prev[0])
    if line.value == 1:
        return f"序号重新从“{mark}”开始（上一个同级序号是“{before}”，应为{want}）"
    if line.value == prev[0]:
        return f"序号“{mark}”与上一个同级序号重复（应为{want}）"
    what = "跳号" if line.value > prev[0] else "倒退"
    return f"序号{what}：“{before}”之后是“{mark}”（应为{want}）"


DATE_LINE = re.compile(
    r"^(?:(?P<year>[\dXx×]+|[〇零一二三四五六七八九○]+)年)?"
    r"(?:[\dXx×]{1,2}|[一二三四五六七八九十]{1,3})月(?:[\dXx×]{1,2}|[一二三四五六七八九十]{1,3})日$"
)


def date_without_year(lines: list[Line]) -> Iterator[Finding]:
    """The 成文日期 without a full year: a date alone on its line, under a 落款 (a short line
    that is neither a heading nor a sentence) or closing the text."""
    texts = [x for x in lines if x.text and not x.table]
    for i, line in enumerate(texts):
        m = DATE_LINE.match(re.sub(r"\s+", "", line.text))
        if not m:
            continue
        before = texts[i - 1] if i else None
        after = texts[i + 1] if i + 1 < len(texts) else None
        signed = before is not None and not before.level and len(before.text) <= 30 and not re.search(
            r"[。，；：:！？]", before.text)
        if not (signed or after is None or APPENDIX_LABEL.match(after.text)):
            continue
        year = m.group("year")
        if not year:
            yield Finding(line.n, "date", f"成文日期“{line.text}”没有年份")
        elif year.isdigit() and len(year) != 4:
            yield Finding(line.n, "date", f"成文日期“{line.text}”的年份不完整")
        elif (wrong := _impossible(line.text)) is not None:
            yield Finding(line.n, "date", f"成文日期“{line.text}”不存在：{wrong}")


def _impossible(text: str) -> str | None:
    """Why a written date cannot be (2023年13月20日, 2月30日), or None."""
    from .dates import DateError, parse_date

    try:
        parse_date(re.sub(r"\s+", "", text))
    except DateError as exc:
        return exc.reason
    return None


def empty_headings(lines: list[Line]) -> Iterator[Finding]:
    """A heading that is only a number, or a heading (a title only, no prose on its line)
    followed at once by a heading of its level or above, or by nothing."""
    texts = [x for x in lines if x.text]
    for i, line in enumerate(texts):
        if not line.heading:
            continue
        if not re.sub(r"[\s。．.，,：:；;、]", "", line.title):
            yield Finding(line.n, "heading", f"标题“{line.mark}”只有序号，没有文字")
            continue
        if re.search(r"[。；！？：:]", line.title.rstrip("：:")):
            continue  # the heading runs into its paragraph, or is a sentence of a list
        nxt = texts[i + 1] if i + 1 < len(texts) else None
        if nxt is None or APPENDIX_LABEL.match(nxt.text) or (nxt.heading and nxt.level <= line.level):
            yield Finding(line.n, "heading", f"标题“{line.label()}”下没有内容")


#: Words a sentence cannot end on: "切实做到。"; "一是；" (an enumeration item left empty).
DANGLING = re.compile(
    r"(?:(?<!说到)做到|确保|按照|围绕|针对|以及|及其|包括|例如|为了|以便|关于|进一步|切实)[。；！？]"
    r"|(?<![统唯第之其])[一二三四五六七八九十]是[；。]|[①-⑳][；。]"
)


def dangling_words(lines: list[Line]) -> Iterator[Finding]:
    return first_match(lines, DANGLING, "dangling", "句子没有说完")


#: Wording tied to a time, and the last year it was current: a plan carried forward from last
#: year keeps its paragraphs, and these are the sentences a leader strikes out first.
DATED = (
    (re.compile(r"(?:喜迎|迎接)(?:党的)?二十大"), 2022, "党的二十大已于2022年10月召开"),
    (re.compile(r"党的十九大和十九届历次全会精神|十九届[一二三四五六七]中全会精神"), 2022,
     "党的二十大召开后，一般写“党的二十大精神”"),
    (re.compile(r"新冠肺炎疫情|疫情防控常态化"), 2022, "2023年起疫情防控已转入新阶段"),
    (re.compile(r"(?:迎接|庆祝)建党(?:100|一百)周年|建党百年之际"), 2021, "建党100周年是2021年"),
)
_YEAR = re.compile(r"(?<!\d)(20\d{2})年")


def dated_wording(lines: list[Line]) -> Iterator[Finding]:
    """A phrase of an earlier year (迎接党的二十大) in a document whose latest year is later."""
    years = [int(y) for line in lines for y in _YEAR.findall(line.text)]
    if not years:
        return
    year = max(years)
    for rx, last, why in DATED:
        if year <= last:
            continue
        for line in lines:
            m = rx.search(line.text)
            if m:
                yield Finding(line.n, "dated", f"{context(line.text, m.start(), m.end())}是{last}年及以前的提法"
                                                f"（{why}），而本文已写到{year}年")
                break


TEXT_CHECKS = (duplicate_sentences, repeated_clauses, broken_punctuation, doubled_qian, placeholders,
               numbering, date_without_year, empty_headings, dangling_words, dated_wording)


def text_findings(paragraphs: list[str]) -> list[Finding]:
    """Every text finding, in reading order, each with the heading its paragraph falls under."""
    lines = parse(paragraphs)
    under, open_headings = {}, {}  # level -> label of the latest heading at that level
    for line in lines:
        if APPENDIX_LABEL.match(line.text):
            open_headings = {0: line.text}
        above = [lv for lv in open_headings if not line.heading or lv < line.level]
        under[line.n] = open_headings[max(above)] if above else ""
        if line.heading:
            open_headings = {lv: h for lv, h in open_headings.items() if lv < line.level} | {line.level: line.label()}
    found = [f for check in TEXT_CHECKS for f in check(lines)]
    found.sort(key=lambda f: f.para)  # stable: within a paragraph, in the order of TEXT_CHECKS
    return [Finding(f.para, f.check, f.message, under.get(f.para, "")) for f in found]

