"""Words: the organisation's vocabulary and the one safe way to fill a wording string.

A type's default wording is written with ``{name}`` fields ("{org}班子成员…").  :func:`fill`
replaces exactly those -- a name of letters, digits and ``_`` -- and nothing else: no
attribute access, no index, no format spec, and a value is never scanned again, so what a
user typed can never be read as a field.  A field with no value raises :class:`WordingError`
naming it (the pipeline reports it with the plugin and section).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

ORG_KINDS = ("党委", "党组", "党总支", "党支部")

#: What the members of each kind of organisation are called.
MEMBERS = {"党委": "党委委员", "党组": "党组成员", "党总支": "总支委员", "党支部": "支委委员"}
#: Its secretary and deputy.
SECRETARY = {"党委": "党委书记", "党组": "党组书记", "党总支": "党总支书记", "党支部": "党支部书记"}
DEPUTY = {"党委": "党委副书记", "党组": "党组副书记", "党总支": "党总支副书记", "党支部": "党支部副书记"}

#: A level of local government in a unit's name (县农业农村局, 武汉市江岸区教育局, 青山县青山镇); not
#: the 市 of 市场/市政工程, the 区 of 社区/区域 (县市场监督管理局 is a county bureau).
_LEVEL = re.compile(r"(?<!社)[省市州县区旗](?!场|域|政(?!府))")

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_DOC_YEAR = re.compile(r"[\[［【(（〔{｛]\s*(\d{4})\s*[\]］】)）〕}｝]")


class WordingError(KeyError):
    """A ``{field}`` of a wording string that has no value."""

    def __str__(self) -> str:
        return f"措辞中的字段 {{{self.args[0]}}} 没有对应的值"


def org_words(org: str, unit: str = "") -> dict[str, str]:
    """The words a text uses for an organisation: {org}, {members}, {secretary}, {deputy}, {unit}."""
    return {
        "org": org,
        "members": MEMBERS.get(org, f"{org}成员"),
        "secretary": SECRETARY.get(org, f"{org}书记"),
        "deputy": DEPUTY.get(org, f"{org}副书记"),
        "unit": unit,
    }


def superior_of(unit: str, default: str = "县委") -> str:
    """The Party committee a unit reports to, read from its name: the last level of government
    in it (市交通运输局 → 市委, 武汉市江岸区教育局 → 区委, 青山县青山镇 → 县委); ``default`` when
    the name has none (a school, 青山镇 alone)."""
    levels = [m.group() for m in _LEVEL.finditer(unit) if m.end() < len(unit)]  # not the unit's own level
    return f"{levels[-1]}委" if levels else default


def quoted(text: str) -> str:
    """``text`` in quotation marks, the marks inside it turned to single ones (“落实‘两个维护’”)."""
    return "“" + text.replace("“", "‘").replace("”", "’") + "”"


def fill(text: str, values: Mapping[str, object], **extra: object) -> str:
    """``{name}`` fields of ``text`` replaced by ``values``/``extra``; raises WordingError."""
    def value(m: re.Match) -> str:
        name = m.group(1)
        if name in extra:
            return str(extra[name])
        if name in values:
            return str(values[name])
        raise WordingError(name)

    return _FIELD.sub(value, text)


def fill_known(text: str, values: Mapping[str, object]) -> str:
    """Like :func:`fill`, but a field with no value stays as written (outline titles)."""
    return _FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def doc_number(text: str) -> str:
    """A 发文字号 as GB/T 9704 writes it: the year in 六角括号 (``陇巡领发[2020]3号`` →
    ``陇巡领发〔2020〕3号``), no spaces."""
    return _DOC_YEAR.sub(r"〔\1〕", re.sub(r"\s+", "", text))
