"""Clean one line of imported text: simplified characters, no pinyin, no web chrome, no junk.

Everything here works on a single line so that line numbers survive into warnings. Web-page
metadata (发布时间, 发布机构, 生成日期 …) is read by ``metadata.py`` *before* chrome is dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Pinyin after a character, as some government sites print it: 區(qū), 務(wù).  The syllable
# must follow a CJK character and be lowercase letters, so "(PPP)" or "(2020年本)" stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN_RE = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*([a-z{_TONED}]{{1,6}})\s*[)）]")
# A syllable without tone mark is only pinyin when the vowels are plausible; keep it strict.
_PLAIN_SYLLABLE_RE = re.compile(
    r"^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|o|e|i|u|v|ai|ei|ao|ou|an|en|ang|eng|ong|"
    r"ia|ie|iao|iu|ian|in|iang|ing|iong|ua|uo|uai|ui|uan|un|uang|ueng|er)$"
)

# Lines that are only web-page furniture. Checked after width normalisation.
_CHROME_RE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
        r"^您(现在|当前)?(所在的?)?位置[:：]",
        r"^当前位置[:：]",
        r"^首页\s*[>＞»]",
        r"^分享到[:：]?",
        r"^[•·●\s]*字体?[:：]?\s*[【\[].*[】\]]\s*$",
        r"^[•·●\s]*(字号|字体)[:：]?\s*(大|中|小)",
        r"^[•·●\s]*浏览(量|次数)[:：]?\s*\d*\s*$",
        r"^[•·●\s]*(阅读|点击)(量|数|次数)?[:：]?\s*\d*\s*$",
        r"^手机扫码浏览",
        r"^扫一扫在手机",
        r"^【?(打印本页|关闭窗口|打印|关闭|收藏|返回顶部)】?(\s*【?(打印本页|关闭窗口|打印|关闭|收藏)】?)*$",
        r"^(索引号|主题分类|发布机构|生成日期|文件编号|有效性|公开范围|公开方式|信息来源|"
        r"成文日期|发文机关|发布日期|主题词|公开时限|体裁分类|组配分类|服务对象|文号)[:：]",
        r"^来源[:：].*(发布时间|类别|阅读)",
        r"^(发布时间|发布日期|来源|作者|编辑|责任编辑)[:：]",
        r"^上一篇[:：]|^下一篇[:：]",
        r"^相关(链接|文件|附件)[:：]?$",
        r"^(微信|微博|QQ空间|QQ)(\s*(微信|微博|QQ空间|QQ))*$",
        )
    )
)

# Characters that are never content: control chars, replacement char, zero-width, PUA.
_JUNK_RE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd\u200b-\u200f\u2028\u2029\ufeff\ue000-\uf8ff]")
# A page marker pasted from a PDF or print view ("— 3 —", "-3-", "第3页 共8页").
# Dates (2022-12-26) also hold "-12-": a marker needs long dashes or spaces around the number.
_PAGE_MARK_RE = re.compile(r"[—－]\s*\d{1,3}\s*[—－]|\s-\s+\d{1,3}\s+-\s|第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?")
# Indentation lost in a round trip through a code page without it: a full-width or no-break space
# that GBK or Latin-1 could not encode comes back as "?" ("? ?二、重点任务"). A run of "?" at the
# start of a line is indentation when it holds a space or comes before a heading number; a "?"
# before CJK punctuation is a misaligned GBK line instead (text_reader.repair_lines).
_LOST_INDENT_RE = re.compile(r"^[ \u3000\u00a0]*(?:[?？\ufffd]+[ \u3000\u00a0]+)+[?？\ufffd]*"
                             r"|^[ \u3000\u00a0]*[?？\ufffd]+(?=[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]|\d+[、.．])")
_PAGE_ONLY_RE = re.compile(r"^\s*(?:[—\-－]\s*\d{1,3}\s*[—\-－]|第\s*\d{1,3}\s*页(\s*共\s*\d{1,3}\s*页)?)\s*$")


@lru_cache(maxsize=1)
def _converter():
    """Return the shared OpenCC t2s converter (loading it costs a few ms)."""
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified."""
    return _converter().convert(text) if text else text


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations such as 區(qū) → 區."""

    def repl(m: re.Match[str]) -> str:
        syl = m.group(1)
        # Untoned single letters ("(a)", "(e)") are list markers far more often than pinyin.
        if any(c in _TONED for c in syl) or (len(syl) >= 2 and _PLAIN_SYLLABLE_RE.match(syl)):
            return ""
        return m.group(0)

    return _PINYIN_RE.sub(repl, text)


def has_pinyin(text: str) -> bool:
    """Tell whether ``text`` still carries a pinyin annotation."""
    return strip_pinyin(text) != text


_WIDTH_TABLE = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                for o in range(r[0], r[1] + 1)}
_WIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20})


def normalize_width(text: str) -> str:
    """Turn full-width letters, digits and spaces into half-width; keep CJK punctuation."""
    return text.translate(_WIDTH_TABLE)


def strip_junk(text: str) -> str:
    """Drop control characters, zero-width marks and page markers that cut a line."""
    if "?" in text[:8] or "？" in text[:8] or "\ufffd" in text[:8]:
        text = _LOST_INDENT_RE.sub("", text, count=1)
    text = _JUNK_RE.sub("", text)
    if _PAGE_MARK_RE.search(text) and not _PAGE_ONLY_RE.match(text):
        # A page marker in the middle of a line cuts a word in two: remove it and rejoin.
        text = _PAGE_MARK_RE.sub("", text)
    return text


def is_page_marker(text: str) -> bool:
    """Tell whether a whole line is only a page marker."""
    return bool(_PAGE_ONLY_RE.match(text))


def is_chrome(text: str) -> bool:
    """Tell whether a (normalised) line is web-page furniture rather than document text."""
    t = text.strip().lstrip("•·●").strip()
    if not t:
        return False
    return bool(_CHROME_RE.search(t))


_SPACES_RE = re.compile(r" +")
_TAB_RE = re.compile(r" *\t *")


def clean_line(text: str, *, keep_traditional: bool = False) -> str:
    """Return one line cleaned: junk out, widths normalised, pinyin out, simplified."""
    text = unicodedata.normalize("NFC", text)
    text = strip_junk(text)
    text = normalize_width(text)
    text = strip_pinyin(text)
    if not keep_traditional:
        text = to_simplified(text)
    # Collapse runs of spaces but keep a single space (it may separate two issuers); tabs stay,
    # they separate the cells of a pasted table row.
    text = _SPACES_RE.sub(" ", text).strip(" ")
    if "\t" in text:
        text = _TAB_RE.sub("\t", text).strip()
    return text


class TraditionalMap:
    """Map simplified characters back to the traditional ones a document actually used.

    With ``keep_traditional`` the parser still reads the simplified text (its keywords are
    simplified) and writes the results back with this map, learned line by line where the
    conversion kept the length.
    """

    def __init__(self) -> None:
        self._seen: dict[str, dict[str, int]] = {}
        self._map: dict[str, str] | None = None

    def learn(self, traditional: str, simplified: str) -> None:
        """Record which traditional character each simplified one came from."""
        if len(traditional) != len(simplified):
            return
        for t, s in zip(traditional, simplified):
            if t != s:
                counts = self._seen.setdefault(s, {})
                counts[t] = counts.get(t, 0) + 1
        self._map = None

    def restore(self, text: str | None) -> str | None:
        """Return ``text`` with its characters written as the document wrote them."""
        if not text:
            return text
        if self._map is None:
            self._map = {s: max(c, key=c.get) for s, c in self._seen.items()}
        return "".join(self._map.get(ch, ch) for ch in text)
