"""The answers file: TOML read with tomllib/tomli, written with tomlkit.

Top level ``type = "<id>"``; every other key is a question key (English snake_case);
repeating groups are arrays of tables; ``outline`` is the user's outline.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .doctype import DocumentType
from .errors import GongwenError, printable
from .fileio import read_input
from .keys import LEDGER, UNFINISHED  # the file's own keys (see gongwen.keys)
from .kinds import KINDS
from .questions import Answers, Question, show_value

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# ------------------------------------------------------------------ reading



#: An answers file larger than this is refused (a clerk's answers are tens of kilobytes).
MAX_ANSWERS_BYTES = 20 * 1024 * 1024

ACCEPTED = "gongwen 能读取的编码：UTF-8（推荐，可带 BOM）、GBK/GB18030、带 BOM 的 UTF-16/UTF-32（记事本的“Unicode”）。"
HOW_TO_SAVE_UTF8 = ACCEPTED + "请用记事本或 WPS 打开它，“另存为”时把“编码”选为 UTF-8，再重试。"

# Characters Word (XML 1.0) cannot hold; tab and line breaks are kept.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CJK = "[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"  # only for files not in UTF-8: compiled then


def clean_text(text: str) -> str:
    """``text`` without the control characters Word cannot hold; line ends as ``\\n``.

    Answers are cleaned where they enter (answers file, questionnaire), so the DOCX,
    the Markdown and the saved answers all hold the same text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def clean_answers(value: Any, path: str = "") -> tuple[Any, list[str]]:
    """Every string in ``value`` cleaned; returns the key paths that had to change."""
    if isinstance(value, str):
        cleaned = clean_text(value)
        changed = cleaned != value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned, [path] if changed else []
    if isinstance(value, list):
        out, paths = [], []
        for i, v in enumerate(value, 1):
            c, p = clean_answers(v, f"{path}[{i}]")
            out.append(c)
            paths += p
        return out, paths
    if isinstance(value, dict):
        out_d, paths = {}, []
        for k, v in value.items():
            c, p = clean_answers(v, f"{path}.{k}" if path else str(k))
            out_d[k] = c
            paths += p
        return out_d, paths
    return value, []


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _utf8_damage(data: bytes) -> tuple[int, int] | None:
    """(number of bad bytes, line of the first) when ``data`` is UTF-8 with a few bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if not bad or good < 4 * bad:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return bad, _line_of(data, exc.start)
    return None  # pragma: no cover


def _gb2312_share(text: str) -> float:
    """Share of the Chinese characters that are in GB2312 (nearly all, in real GBK text)."""
    chars = re.findall(_CJK, text)
    if not chars:
        return 0.0
    common = 0
    for ch in chars:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(chars)


def decode(data: bytes, source: str) -> str:
    """Bytes of an answers file as text, or a refusal naming the encoding found.

    Read: UTF-8 (with or without BOM), UTF-16/32 with a BOM (Notepad's “Unicode”),
    GBK/GB18030 (Chinese Windows) -- the latter only when it decodes cleanly into
    Chinese text, since GB18030 decodes almost any bytes into plausible garbage.
    """
    boms = ((b"\xef\xbb\xbf", "utf-8", "UTF-8（带 BOM）"), (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
            (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"), (b"\xff\xfe", "utf-16-le", "UTF-16（记事本的“Unicode”）"),
            (b"\xfe\xff", "utf-16-be", "UTF-16（记事本的“Unicode big endian”）"))
    for bom, codec, name in boms:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise GongwenError(f"“{source}”标明是 {name} 编码，但内容有损坏（第 {exc.start + len(bom)} 字节附近）。"
                                   + HOW_TO_SAVE_UTF8) from exc
    if data.startswith(b"PK\x03\x04"):
        raise GongwenError(f"“{source}”是 Word/WPS 文档或压缩包，不是答案文件。答案文件是 .toml 文本文件，"
                           "可用 gongwen init <文种> -o 答案.toml 生成。")
    if data.startswith(b"%PDF") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise GongwenError(f"“{source}”是 PDF 或旧版 Office 文件，不是答案文件（.toml 文本文件）。")
    if b"\x00" in data:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        codec = "utf-16-le" if odd > even else "utf-16-be"
        if max(even, odd) > len(data) // 4:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
        raise GongwenError(f"“{source}”含有空字节，不是文本文件（可能是 UTF-16 编码但已损坏，或根本不是答案文件）。"
                           + HOW_TO_SAVE_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damage = _utf8_damage(data)
    if damage:
        raise GongwenError(f"“{source}”是 UTF-8 编码，但有 {damage[0]} 处损坏的字节（第一处在第 {damage[1]} 行），"
                           "可能是复制粘贴或传输时出错。请打开该行改正，或重新生成这个文件。")
    detected = detect(data)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise GongwenError(f"无法读取“{source}”：既不是 UTF-8 也不是 GBK/GB18030 编码（"
                           f"{_likely(detected.best, '可能是西文 Latin-1/Windows-1252 等编码')}；"
                           f"第 {_line_of(data, exc.start)} 行有无法识别的字节）。" + HOW_TO_SAVE_UTF8) from exc
    # GB18030 decodes almost any bytes (EUC-KR Korean, Big5) into plausible Chinese characters:
    # the text is taken only when a statistical detector finds GBK as likely as anything else
    # (a tie goes to Chinese: a few characters can be read either way) and nearly all its
    # characters are common ones (GB2312).  Control characters do not count against it: they
    # are removed from the answers with a note, as from a UTF-8 file.
    if detected.gbk and _gb2312_share(text) >= 0.8:
        return text
    fallback = "可能是繁体 Big5 编码" if re.search(_CJK, text) else "可能是西文 Latin-1/Windows-1252 编码"
    guess = _likely(detected.best, fallback)
    raise GongwenError(f"无法可靠地读取“{source}”：它不是 UTF-8 编码，按 GBK 读出的又不像中文（{guess}），"
                       "为避免乱码进入文稿，未使用它。" + HOW_TO_SAVE_UTF8)


_GB_CODECS = {"gb18030", "gbk", "gb2312", "hz", "cp936"}
#: Encodings a detector may name, in the words of a message.
_LIKELY = (({"big5", "big5hkscs", "cp950"}, "可能是繁体 Big5 编码"),
           ({"cp949", "euc_kr", "johab", "iso2022_kr"}, "可能是韩文 EUC-KR 编码"),
           ({"shift_jis", "cp932", "euc_jp", "shift_jis_2004", "shift_jisx0213", "euc_jis_2004", "euc_jisx0213",
             "iso2022_jp"}, "可能是日文 Shift_JIS/EUC-JP 编码"))


def _likely(detected: str | None, otherwise: str) -> str:
    for names, words in _LIKELY:
        if detected in names:
            return words
    if detected and (detected.startswith(("cp125", "iso8859", "mac_", "latin")) or detected == "ascii"):
        return "可能是西文 Latin-1/Windows-1252 等编码"
    return otherwise


class Detected(NamedTuple):
    best: str | None  #: the most likely encoding (Python's codec name), None when none fits
    gbk: bool  #: GBK/GB18030 is as likely as the best


def detect(data: bytes) -> Detected:
    """What charset-normalizer finds in bytes that are not UTF-8.  Control bytes are left out
    first: they are no part of any of these encodings' characters, and a single one makes it
    guess wildly."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(re.sub(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", b"", data)))
    if not matches:
        return Detected(None, True)
    least = min(m.chaos for m in matches)
    return Detected(matches[0].encoding, any(m.encoding in _GB_CODECS and m.chaos <= least for m in matches))


_TOML_REASONS = (
    ("Invalid value", "值的写法不对（文字要用英文双引号括起来，如 unit = \"县教育局\"）"),
    ("Expected '=' after a key", "键名后面应是英文等号“=”"),
    ("Invalid statement", "这一行不是“键 = 值”的形式"),
    ("Invalid initial character for a key", "键名里有不允许的字符（键名只用英文字母、数字和下划线）"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot declare", "同一个表格写了两次"),
    ("Unterminated string", "文字缺少结尾的英文双引号"),
    ("Illegal character", "含有不允许的控制字符"),
    ("Unclosed array", "列表缺少结尾的“]”"),
    ("Unclosed inline table", "表格缺少结尾的“}”"),
    ("Expected ']' at the end of a table", "表格名缺少结尾的“]”"),
    ("Expected ']]' at the end of an array", "表格数组名缺少结尾的“]]”"),
    ("Expected newline or end of document", "一行只能写一个“键 = 值”"),
    ("Invalid date", "日期写法不对（日期请写成文字，如 \"2023年8月20日\"）"),
    ("Unescaped '\\'", "文字中的反斜杠“\\”需写成“\\\\”，或改用单引号括起来"),
    ("Invalid hex value", "转义字符 \\u 后的十六进制数有误"),
    ("Escaped character is not a Unicode scalar", "转义字符 \\u 表示的字符无效"),
    ("Found invalid character", "含有不允许的字符"),
    ("Duplicate inline table key", "同一个键写了两次"),
)


#: Answers nest a few levels (aspects → measures → their fields); far deeper is not an answers file.
MAX_DEPTH = 32


def _too_deep(value: Any) -> bool:
    """Whether lists and tables nest more than :data:`MAX_DEPTH` levels (without recursion)."""
    level: list[Any] = [value]
    for _ in range(MAX_DEPTH + 1):
        level = [v for x in level for v in (x.values() if isinstance(x, dict) else x if isinstance(x, list) else ())]
        if not level:
            return False
    return True


def parse_toml(text: str, source: str) -> Answers:
    """Parse TOML text; a syntax error becomes a Chinese message with line and column."""
    too_deep = GongwenError(f"“{source}”中的列表或表格嵌套超过 {MAX_DEPTH} 层，不是答案文件。")
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise too_deep from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        where = re.search(r"line (\d+), column (\d+)", msg)
        pos = f"第 {where[1]} 行第 {where[2]} 列" if where else "某处"
        english = re.sub(r"\s*\(at .*\)$", "", msg)
        reason = next((cn for en, cn in _TOML_REASONS if english.startswith(en)), english)
        shown = ""
        if where:
            lines = text.splitlines()
            number = int(where[1])
            if 1 <= number <= len(lines):
                line = printable(lines[number - 1].strip())
                shown = f"：{line[:60]}{'…' if len(line) > 60 else ''}"
        hint = ""
        if where and re.search("[“”‘’＝]", shown):
            hint = "（这一行用了中文引号或全角等号，请改为英文半角的 \" 和 =）"
        raise GongwenError(f"“{source}”不是有效的 TOML：{pos}有误（{reason}）{shown}{hint}") from exc
    if _too_deep(data):
        raise too_deep
    return data


def read_answers(path: Path, notes: list[str] | None = None) -> Answers:
    """Read an answers file, with clear messages for every way it can be wrong.

    Control characters Word cannot hold are removed; ``notes`` (if given) receives a
    Chinese line for each key path that had some.
    """
    path = Path(path)
    if not path.exists():
        raise GongwenError(f"找不到答案文件“{path}”。可用 gongwen init <文种> -o {path} 生成一个。")
    if path.is_dir():
        raise GongwenError(f"“{path}”是一个文件夹，请给出答案文件（.toml）的路径。")
    data = read_input(path, "答案文件", MAX_ANSWERS_BYTES,
                      "答案文件通常只有几十 KB，请确认给出的是答案文件（.toml）。")
    text = decode(data, str(path))
    if not text.strip():
        raise GongwenError(f"答案文件“{path}”是空的。可用 gongwen init <文种> -o {path} 生成一个。")
    raw, changed = clean_answers(parse_toml(text, str(path)))
    if notes is not None:
        notes += [f"{key} 中含有 Word 无法保存的控制字符，已删除" for key in changed]
    return raw


# ------------------------------------------------------------------ writing


def dump_answers(doctype: DocumentType, answers: Answers, outline: list[dict] | None,
                 skeleton: bool = False, unfinished: str | None = None, note: Sequence[str] = (),
                 derived: Answers | None = None) -> str:
    """Answers as TOML with a Chinese comment above each key.

    ``skeleton``: also write each question's help, and leave computed defaults
    commented out so that they keep following the answers they derive from.
    ``derived``: resolved answers; a computed answer not in ``answers`` is shown commented
    out, so the file says what it is without freezing it.
    ``unfinished``: the file of an interrupted questionnaire (see :data:`UNFINISHED`);
    ``note``: extra comment lines for the head of the file.
    """
    import tomlkit

    doc = tomlkit.document()
    if unfinished is not None:
        doc.add(tomlkit.comment(f"gongwen 答案文件（未填完）：{doctype.name}"))
    else:
        doc.add(tomlkit.comment(f"gongwen 答案文件：{doctype.name}"))
        doc.add(tomlkit.comment("生成文档：gongwen render 本文件 -o 输出.docx"))
    for line in note:
        doc.add(tomlkit.comment(line))
    doc.add("type", doctype.id)
    if unfinished is not None:
        doc.add(UNFINISHED, unfinished)
    if isinstance(answers.get("template"), str):
        doc.add("template", answers["template"])
    later: list[tuple[Question, Any]] = []
    for q in doctype.questions:
        if q.key not in answers:
            if derived and q.key in derived and q.computed:
                _add_comment(doc, q, skeleton)
                doc.add(tomlkit.comment(_derived_line(q, derived[q.key])))
            continue
        if KINDS[q.kind].nested and answers[q.key]:  # arrays of tables follow the plain keys
            # (an empty one is written "key = []" in place: tomlkit would put it above the head)
            later.append((q, answers[q.key]))
            continue
        _add_comment(doc, q, skeleton)
        value = answers[q.key]
        if skeleton and q.computed:
            shown = tomlkit.item(value).as_string()
            doc.add(tomlkit.comment(f"{q.key} = {shown}  # 留空则自动生成；要固定请去掉行首的 #"))
        else:
            doc.add(q.key, _item(_written(q, value)))
    if outline is not None:
        doc.add(tomlkit.nl())
        doc.add(tomlkit.comment("提纲：删去一行即删去该章节，调换行序即调整顺序，加 title 即改名；"))
        doc.add(tomlkit.comment("新增章节写 { title = \"标题\", level = 2, paragraphs = [\"第一段\"] }。"))
        if skeleton:
            for line in outline_help(doctype):
                doc.add(tomlkit.comment(line))
        arr = tomlkit.array()
        arr.multiline(True)
        for entry in outline:
            arr.append(tomlkit.inline_table() | entry)
        doc.add("outline", arr)
    for q, items in later:
        doc.add(tomlkit.nl())
        _add_comment(doc, q, skeleton)
        doc.add(q.key, _aot(q, items, skeleton))
    if isinstance(answers.get(LEDGER), list):  # kept as it was read: gongwen ledger update writes it
        add_ledger_status(doc, answers[LEDGER])
    return tomlkit.dumps(doc)


def outline_help(doctype: DocumentType) -> list[str]:
    """Every section key a type offers and every attribute an outline entry may have."""
    from .kit.lists import ITEM_STYLES
    from .outline import STYLES

    keys = "、".join(f"{s.key}（{s.title}）" for s in doctype.sections)
    return [
        f"可用的章节 key：{keys}",
        "每个章节可写：key（内置章节）、title（标题）、level（层级 1—5：一、（一）1.（1）①）、"
        "paragraphs（自己的段落，代替内置内容）、items（列表条目）、run_in（标题与正文同段，true/false）、"
        "numbered（是否编号，true/false）",
        "style（写法）：" + "、".join(f"{k}（{v}）" for k, v in STYLES.items()),
        "item_style（条目写法）：" + "、".join(f"{k}（{v}）" for k, v in ITEM_STYLES.items()),
    ]


def _derived_line(q: Question, value: Any) -> str:
    """A computed answer, commented out: it follows the answers it derives from."""
    import tomlkit

    if KINDS[q.kind].nested:
        return (f"{q.key}：自动生成（共 {len(value)} 项），随前面的回答更新；"
                f"要逐项修改，可在问答中修改，或用 gongwen init 生成含全部内容的答案文件")
    shown = tomlkit.item(_written(q, value)).as_string().replace("\n", " ")
    return f"{q.key} = {shown}  # 自动生成，随前面的回答更新；要固定请去掉行首的 #"


LEDGER_COMMENT = "整改台账：各问题的整改状态、完成情况和完成日期（由 gongwen ledger update 从 Excel 台账读入）"


def add_ledger_status(doc: Any, entries: list) -> None:
    """The ``[[ledger_status]]`` tables at the end of a TOML document (tomlkit)."""
    import tomlkit

    aot = tomlkit.aot()
    for entry in entries:
        if isinstance(entry, dict):
            aot.append(tomlkit.table() | {k: _item(v) for k, v in entry.items()})
    doc.add(tomlkit.nl())
    doc.add(tomlkit.comment(LEDGER_COMMENT))
    doc.add(LEDGER, aot)


def _add_comment(container: Any, q: Question, skeleton: bool) -> None:
    import tomlkit

    container.add(tomlkit.comment(q.label + KINDS[q.kind].comment(q)))
    if skeleton and q.help:
        container.add(tomlkit.comment(q.help))
    if skeleton and q.when is not None:
        container.add(tomlkit.comment(f"{q.describe_when()}才需要填写"))


_STORED_PART = re.compile(r"^\d{4}-\d{2}-[^\d/]")  # "2022-06-底", "2022-12-底前", "2024-04-中旬"


def _written(q: Question, value: Any) -> Any:
    """A date stored with a part of the month ("2022-06-底") as a clerk writes it in the file
    ("2022年6月底"), read back to the same value; a plain date stays ISO ("2023-08-20")."""
    if isinstance(value, str) and _STORED_PART.match(value) and (q.kind == "date" or q.display is not None):
        return show_value(q, value)
    return value


def _item(value: Any) -> Any:
    import tomlkit

    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        arr = tomlkit.array()
        arr.extend(value)
        arr.multiline(True)
        return arr
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    return value


def _aot(q: Question, items: list[dict], skeleton: bool) -> Any:
    import tomlkit

    aot = tomlkit.aot()
    for item in items:
        if not item:  # an item interrupted before its first answer
            continue
        table = tomlkit.table()
        nested = []
        for f in q.fields:
            if f.key not in item:
                continue
            if KINDS[f.kind].nested:
                nested.append(f)
                continue
            table.add(tomlkit.comment(f.label))
            table.add(f.key, _item(_written(f, item[f.key])))
        for f in nested:
            if isinstance(item[f.key], list):
                table.add(f.key, _aot(f, item[f.key], skeleton))
        aot.append(table)
    return aot


def summary_lines(doctype: DocumentType, answers: Answers) -> list[tuple[str, str, str]]:
    """(key, label, shown value) for every answered top-level question."""
    return [(q.key, q.label, show_value(q, answers[q.key]))
            for q in doctype.questions if q.key in answers]
