"""Property-based tests over every registered document type: answers generated from the
question model itself always give a DOCX that opens and holds the answers verbatim, or a
clear validation error (AnswersInvalid) -- never another exception.

Answers travel the way a user's do: written as TOML, read back (control characters Word
cannot hold are removed, see ``gongwen.answers.clean_text``), resolved and rendered.
"""

from __future__ import annotations

import datetime as dt

import pytest
import tomlkit
from gongwen.answers import clean_answers, clean_text, parse_toml
from gongwen.errors import AnswersInvalid
from gongwen.loader import get_registry
from gongwen.model import document_text
from gongwen.pipeline import build, document_bytes, prepare
from gongwen.questions import Question, resolve
from gongwen.testing import docx_paragraphs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TYPES = sorted(get_registry().types)
OFFICIAL = "党委整改落实问题措施方案领导小组县教育局一是二是&<>\"'{}%#]!。，、；：“”（）—\n\t "
HOSTILE = ["{{ unit }}", "{% if x %}", "]]>", "<w:t>x</w:t>", "&amp;", "A&B", "\"引号\"", "{#", "\\n"]

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
cjk_text = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=24)
official_text = st.text(st.sampled_from(OFFICIAL), max_size=40)
texts = st.one_of(any_text, cjk_text, official_text, st.sampled_from(HOSTILE),
                  st.tuples(cjk_text, st.sampled_from(HOSTILE), any_text).map("".join))


@st.composite
def dates(draw, q: Question) -> str:
    if q.optional and draw(st.booleans()):
        return ""
    d = draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)))
    styles = [f"{d.year}年{d.month}月{d.day}日", f"{d.year}-{d.month}-{d.day}", f"{d.year}/{d.month:02d}/{d.day:02d}",
              f"{d.year}.{d.month}.{d.day}", f"{d.year}{d.month:02d}{d.day:02d}", f"{d.year}年{d.month}月"]
    return draw(st.sampled_from(styles))


def answer_for(q: Question, depth: int = 0) -> st.SearchStrategy:
    """Raw answers for one question, as an answers file would hold them."""
    kind = q.kind
    if kind in ("text", "multiline"):
        return texts
    if kind == "choice":
        return st.sampled_from(list(q.choices))
    if kind == "confirm":
        return st.booleans()
    if kind == "integer":
        lo = q.min if q.min is not None else 0
        return st.integers(lo, q.max if q.max is not None else lo + 1000)
    if kind == "date":
        return dates(q)
    if kind == "multichoice":
        extra = st.lists(cjk_text, max_size=2) if q.other else st.just([])
        return st.tuples(st.lists(st.sampled_from(list(q.choices)), unique=True), extra).map(lambda t: t[0] + t[1])
    if kind == "list":
        return st.one_of(st.lists(texts, max_size=4), st.lists(cjk_text, min_size=30, max_size=60))
    if kind == "group":
        return st.lists(answers_for(q.fields, depth + 1), max_size=4 if depth == 0 else 3)
    raise AssertionError(kind)


def answers_for(questions, depth: int = 0) -> st.SearchStrategy:
    """Every key optional: a missing answer takes its default."""
    return st.fixed_dictionaries({}, optional={q.key: answer_for(q, depth) for q in questions})


@st.composite
def answer_files(draw, type_id: str) -> dict:
    doctype = get_registry().types[type_id]
    raw = draw(answers_for(doctype.questions))
    if draw(st.booleans()):  # drop some sections through the outline (order kept)
        base = doctype.base_outline(resolve(doctype.questions, {}).answers)
        keep = draw(st.lists(st.booleans(), min_size=len(base), max_size=len(base)))
        raw["outline"] = [{"key": e.key} for e, k in zip(base, keep, strict=True) if k and e.key]
    return {"type": type_id, **raw}


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("type", "outline") for s in strings(v)]
    return []


def check(type_id: str, raw: dict, tagged: bool = False) -> None:
    """``tagged``: every text answer starts with "key：" -- when that tag is in the document,
    the whole answer must be there, unchanged."""
    text = tomlkit.dumps(raw)  # the answers file a user would have
    answers, _ = clean_answers(parse_toml(text, "generated.toml"))
    try:
        doc = build(prepare(get_registry().types[type_id], answers))
    except AnswersInvalid as exc:
        assert exc.problems and str(exc)
        return
    model = document_text(doc)
    paras = docx_paragraphs(document_bytes(doc, "docx"))  # opens with python-docx
    docx_text = "\n".join(paras)
    markdown = document_bytes(doc, "md").decode("utf-8")
    assert paras and clean_text(doc.title).strip() in docx_text
    for answer in strings(raw):
        for segment in clean_text(answer).split("\n"):
            segment = segment.strip()
            if segment and segment in model:  # the answer is shown: it must be shown verbatim
                assert segment in docx_text, segment
                assert segment in markdown, segment
    if tagged:
        for answer in strings(raw):
            tag = answer.split("：")[0] + "："
            if tag in model:
                shown = clean_text(answer).strip()
                assert shown in model and shown in docx_text and shown in markdown, shown


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.data_too_large])


@pytest.mark.parametrize("type_id", TYPES)
def test_generated_answers_render_or_are_refused_clearly(type_id):
    @SETTINGS
    @given(answer_files(type_id))
    def run(raw):
        check(type_id, raw)

    run()


@pytest.mark.parametrize("type_id", TYPES)
def test_defaults_and_hostile_text_everywhere(type_id):
    """Every text question of the type answered with hostile text: rendered literally."""
    doctype = get_registry().types[type_id]
    hostile = "A&B <b>{{ x }}</b> {% if %} ]]> “引号”"
    raw = {"type": type_id}
    for q in doctype.questions:
        if q.kind in ("text", "multiline"):
            raw[q.key] = f"{q.key}：{hostile}"
    check(type_id, raw, tagged=True)


# ---------------------------------------------------------------- drafts a clerk need not reread (issue 12)

UNITS = ["县教育局", "市公安局", "区政府办公室", "新城镇", "县第一中学", "市农业农村局", "县人民医院"]


@st.composite
def plausible_answers(draw, type_id: str) -> dict:
    """Answers a clerk could give: another unit, org kind, year and dates, choices and list styles,
    optional texts left empty, lists emptied and groups cut to one entry."""
    doctype = get_registry().types[type_id]
    defaults = resolve(doctype.questions, {}).answers
    raw: dict = {}
    year = draw(st.integers(2019, 2030))
    for q in doctype.questions:
        if q.key == "unit":
            raw["unit"] = draw(st.sampled_from(UNITS))
        elif q.key == "year":
            raw["year"] = year
        elif q.kind == "choice":
            raw[q.key] = draw(st.sampled_from(list(q.choices)))
        elif q.kind == "confirm":
            raw[q.key] = draw(st.booleans())
        elif q.kind == "date" and q.key == "meeting_date":
            d = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
            raw[q.key] = d.isoformat()
        elif q.optional and q.kind in ("text", "multiline", "date") and draw(st.booleans()):
            raw[q.key] = ""
        elif q.kind in ("list", "group") and isinstance(defaults.get(q.key), list) and defaults[q.key]:
            cut = draw(st.sampled_from(["keep", "one"] + (["none"] if not q.min_items else [])))
            if cut != "keep":
                raw[q.key] = defaults[q.key][:1] if cut == "one" else []
    return raw


@pytest.mark.parametrize("type_id", TYPES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_plausible_answers_give_a_lint_clean_draft(type_id, data):
    from gongwen.lint import text_findings
    from hypothesis import assume

    raw = data.draw(plausible_answers(type_id))
    prepared = prepare(get_registry().types[type_id], raw)
    assume(not prepared.problems)  # refused answers are the questionnaire's business, tested elsewhere
    text = document_text(build(prepared))
    assert [str(f) for f in text_findings(text.splitlines())] == [], text
