"""Make a Qt-written PDF's text searchable and copyable as the characters that were drawn.

CJK fonts draw a Kangxi radical (U+2F00…) or a CJK radical supplement character (U+2E80…) with
the same glyph as its unified ideograph (⼀ and 一, ⻔ and 门). Qt's PDF writer maps each embedded
glyph back to the *first* code point the font gives it, which is the radical, so a PDF reader's
search for 工作 misses the ⼯作 it finds. Every radical a font shares with an ideograph is mapped back:
by Unicode's compatibility decomposition (all Kangxi radicals) or by the font's own glyphs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

RADICALS = range(0x2E80, 0x2FE0)
IDEOGRAPHS = range(0x4E00, 0xA000)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def decomposed() -> dict[int, int]:
    """The radicals Unicode itself maps to one ideograph (NFKC)."""
    out = {}
    for cp in RADICALS:
        n = unicodedata.normalize("NFKC", chr(cp))
        if n != chr(cp) and len(n) == 1 and ord(n) in IDEOGRAPHS:
            out[cp] = ord(n)
    return out


@lru_cache(maxsize=8)
def shared_glyphs(families: tuple[str, ...]) -> dict[int, int]:
    """Radicals that the font Qt picks for ``families`` draws with an ideograph's glyph."""
    from PySide6.QtGui import QFont, QRawFont

    font = QFont()
    font.setFamilies(list(families))
    raw = QRawFont.fromFont(font)
    if not raw.isValid():
        return {}
    ideographs = "".join(map(chr, IDEOGRAPHS))
    first: dict[int, int] = {}
    for ch, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs)):
        if glyph:
            first.setdefault(glyph, ord(ch))
    radicals = "".join(map(chr, RADICALS))
    return {ord(ch): first[g] for ch, g in zip(radicals, raw.glyphIndexesForString(radicals)) if g in first}


def radical_map(font_families: list[list[str]]) -> dict[int, int]:
    out = {}
    for families in font_families:
        out.update(shared_glyphs(tuple(families)))
    out.update(decomposed())  # Unicode's own answer wins where it has one
    return out


def fix_to_unicode(cmap: bytes, mapping: dict[int, int]) -> bytes:
    """Rewrite every 4-digit destination in a ToUnicode CMap that ``mapping`` knows.

    Only destinations change, never the source codes (glyph ids) before them."""
    out, pos = [], 0
    for block in re.finditer(rb"begin(bfchar|bfrange)(.*?)end\1", cmap, re.S):
        out.append(cmap[pos:block.start(2)])
        body = block.group(2)
        lines = []
        for line in body.split(b"\n"):
            codes = list(_HEX4.finditer(line))
            # bfchar: <src> <dst>; bfrange: <lo> <hi> <dst> or <lo> <hi> [<dst> …]
            keep = 1 if block.group(1) == b"bfchar" else 2
            if keep == 2 and b"[" not in line and len(codes) == 3 and codes[0].group(1) != codes[1].group(1):
                lines.append(line)  # <lo> <hi> <dst>: a run of code points, never one radical
                continue
            if len(codes) > keep:
                cut = codes[keep - 1].end()
                head, tail = line[:cut], line[cut:]
                tail = _HEX4.sub(lambda m: b"<%04X>" % mapping.get(int(m.group(1), 16), int(m.group(1), 16)), tail)
                line = head + tail
            lines.append(line)
        out.append(b"\n".join(lines))
        pos = block.end(2)
    out.append(cmap[pos:])
    return b"".join(out)
