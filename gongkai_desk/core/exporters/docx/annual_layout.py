"""Where the annual report's title breaks and where its signature sits (GB/T 9704-2012).

* Title (7.3.1): the office opens it, on its own line(s) when the whole does not fit on one;
  lines break between words, never inside one, and the line widths form a trapezoid (each line
  no narrower, or no wider, than the one above) or a diamond (wider towards the middle).
* Signature: the date's right end two characters in from the right margin, the office centred
  on the date above it.

Widths are the printed widths: Chinese characters and full-width punctuation one em, Latin
characters and digits (set in Times New Roman) their Times New Roman advance widths.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

# Times New Roman advance widths in 1/2048 em for ASCII (Liberation Serif, metric-compatible,
# measured with fontTools): digits are exactly half an em.
_TNR_2048: dict[int, str] = {
    369: "'", 410: "|", 512: " ,.", 569: "/:;\\ijlt", 682: "!()-I[]`fr", 797: "Js", 836: '"',
    909: "?acez", 961: "^", 983: "{}", 1024: "#$*0123456789_bdghknopquvxy", 1108: "~",
    1139: "FPS", 1155: "+<=>", 1251: "ELTZ", 1366: "BCR", 1479: "ADGHKNOQUVXYw", 1593: "&m",
    1706: "%", 1821: "M", 1886: "@", 1933: "W",
}
LATIN_EM: dict[str, float] = {ch: w / 2048 for w, chars in _TNR_2048.items() for ch in chars}


def width_em(text: str) -> float:
    """Return the printed width of ``text`` in ems (one Chinese character = 1)."""
    return sum(LATIN_EM.get(ch, 1.0) for ch in text)


# ---------------------------------------------------------------- words of an office name
# Words that end a part of an office's name (longest first): a line may break after them.
_ENDINGS = sorted([
    "人民代表大会常务委员会", "常务委员会", "人民政府", "委员会", "办公室", "办公厅", "管理局", "总局",
    "分局", "服务中心", "中心", "研究院", "事务所", "局", "厅", "院", "所", "站", "队", "会",
    "省委", "市委", "区委", "县委", "州委", "省", "自治区", "自治州", "自治县", "市", "州", "盟",
    "地区", "区", "县", "旗", "镇", "乡", "街道办事处", "街道", "中共",
], key=len, reverse=True)
# A one-character division word followed by one of these is part of a longer word (市场, 区域).
_GOES_ON = "场民政容域划级属直辖"


def office_words(name: str) -> list[str]:
    """Split an office name into the words a title line may break between."""
    words, start, i = [], 0, 0
    while i < len(name):
        end = next((e for e in _ENDINGS if name.startswith(e, i)), None)
        if end is None:
            i += 1
            continue
        j = i + len(end)
        if len(end) == 1 and j < len(name) and name[j] in _GOES_ON:
            i += 1
            continue
        words.append(name[start:j])
        start = i = j
    if start < len(name):
        if words and len(name) - start <= 1:
            words[-1] += name[start:]
        else:
            words.append(name[start:])
    return words


def tail_words(tail: str) -> list[str]:
    """Split "2023年政府信息公开工作年度报告" into its words (year, 政府信息公开, 工作, 年度报告)."""
    m = re.fullmatch(r"(\d{4}年)(政府信息公开)(工作)(年度报告)", tail)
    return list(m.groups()) if m else [tail]


# ---------------------------------------------------------------- title lines
def _shape_ok(widths: list[float]) -> bool:
    """Trapezoid (monotone) or diamond (rises, then falls) — the shapes 7.3.1 allows."""
    if len(widths) <= 2:
        return True
    steps = [b - a for a, b in zip(widths, widths[1:])]
    if all(s >= 0 for s in steps) or all(s <= 0 for s in steps):
        return True
    peak = widths.index(max(widths))
    return all(s >= 0 for s in steps[:peak]) and all(s <= 0 for s in steps[peak:])


def _splits(words: list[str], max_em: float) -> list[list[str]]:
    """Every way to set ``words`` on lines no wider than ``max_em`` (fewest lines first)."""
    n = len(words)
    out = []
    for k in range(1, n + 1):
        for cut in itertools.combinations(range(1, n), k - 1):
            bounds = (0, *cut, n)
            lines = ["".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
            if all(width_em(ln) <= max_em for ln in lines) or k == n:
                out.append(lines)
        if out:
            return out
    return [["".join(words)]]


def title_lines(office: str, tail: str, max_em: float) -> list[str]:
    """Return the title's lines: one when it fits, else the office on its own line(s).

    Among the settings with the fewest lines, the one whose widths form a trapezoid or a
    diamond is taken, the most even first.
    """
    whole = office + tail
    if width_em(whole) <= max_em:
        return [whole]
    tails = _splits(tail_words(tail), max_em)
    if not office:
        return min(tails, key=_unevenness)
    best = None
    for top in _splits(office_words(office), max_em):
        for bottom in tails:
            lines = top + bottom
            key = (not _shape_ok([width_em(x) for x in lines]), _unevenness(top), _unevenness(lines))
            if best is None or key < best[0]:
                best = (key, lines)
    assert best is not None
    return best[1]


def _unevenness(lines: list[str]) -> float:
    widths = [width_em(x) for x in lines]
    return max(widths) - min(widths)


# ---------------------------------------------------------------- signature
@dataclass(frozen=True)
class Signature:
    """Right indents (in ems of the body size) of the office line and the date line."""

    office_indent: float
    date_indent: float


DATE_RIGHT_EMS = 2.0  # the date's right end two characters in from the right margin


def signature_indents(office: str, date: str) -> Signature:
    """Place the date two characters in from the right and the office centred on it.

    An office wider than the date plus four characters cannot be centred on it without
    passing the margin: it then ends at the margin and the date is centred under it.
    """
    ow, dw = width_em(office), width_em(date)
    office_indent = DATE_RIGHT_EMS + (dw - ow) / 2
    if office_indent >= 0:
        return Signature(office_indent, DATE_RIGHT_EMS)
    return Signature(0.0, (ow - dw) / 2)
