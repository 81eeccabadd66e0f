"""Bytes → text for .txt plans, and repair of lines damaged by a GBK byte misalignment.

Decoding order: a BOM decides; otherwise UTF-16 without BOM (NUL bytes all on one side of the
byte pairs, decoding to Chinese/ASCII text), strict UTF-8, strict GB18030, then charset-normalizer
(which misreads short GBK as Big5, so it comes last).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gongkai_desk.core.errors import ImportFormatError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes, *, name: str = "文件") -> tuple[str, str]:
    """Return (text, encoding) for raw file bytes; raise ImportFormatError if unreadable."""
    if not data.strip():
        raise ImportFormatError(f"{name}是空文件，没有可导入的内容。")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise ImportFormatError(f"{name}声明为{enc}编码，但第{e.start}字节处无法解码。") from e
    utf16 = _utf16_without_bom(data) if 0 in data else None
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if 0 in data:
        raise ImportFormatError(f"{name}含有二进制数据，不是文本格式的计划文件。")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImportFormatError(f"{name}的文字编码无法识别，请另存为UTF-8或GBK文本后再导入。")
    return str(best), best.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Return (text, encoding) when ``data`` is UTF-16 without a BOM, else None.

    In UTF-16 the NULs are the high bytes of ASCII characters (digits, punctuation, line ends), so
    they sit mostly on one side of the byte pairs: odd offsets for little-endian, even for
    big-endian (a few Chinese characters such as 一 U+4E00 and 开 U+5F00 put one on the other side).
    Binary data has them evenly on both sides, or decodes to characters that are not text.
    """
    if len(data) < 4:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if max(even, odd) < 0.6 * (even + odd):
        return None
    for enc in ("utf-16-le", "utf-16-be") if odd > even else ("utf-16-be", "utf-16-le"):
        try:
            text = data[: len(data) // 2 * 2].decode(enc)
        except UnicodeDecodeError:
            continue
        if _textlike(text):
            return text, enc
    return None


def _textlike(text: str) -> bool:
    """Whether nearly all characters are those of a Chinese document: CJK, ASCII, punctuation."""
    ok = sum(1 for ch in text if ch in "\t\n\r" or " " <= ch <= "~" or "\u00a0" <= ch <= "\u00ff"
             or "\u2000" <= ch <= "\u27bf" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return ok >= 0.95 * len(text)


def read_text(path: str | Path) -> str:
    """Read a text file whatever its encoding; raise ImportFormatError if it is not text."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ImportFormatError(f"无法读取文件“{p.name}”：{e.strerror or e}。") from e
    text, _enc = decode_bytes(data, name=f"文件“{p.name}”")
    return text


# ---------------------------------------------------------------------------------------------
# Repair of GBK misalignment (seed 004): a line whose GBK bytes were decoded one byte late reads
# "?。ㄒ唬┘訌?qiáng)…" for "（一）加強(qiáng)…".  Re-encoding the garbage as GBK and decoding it one byte
# earlier restores the text, except where the bad decoder dropped a byte pair it could not map
# (GBK's user-defined area): there two characters are lost and are guessed from the document.

_MISALIGNED_RE = re.compile(r"^[?？\ufffd][\u3000-\u303f\u3100-\u312f\u2500-\u257f]")
_RARE = re.compile(r"[\u3100-\u312f\u2500-\u257f]")
_PINYIN_TAIL_RE = re.compile(r"([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")
_PINYIN_NOTE_RE = re.compile(r"([\u3400-\u9fff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")
_NUMERALS = "一二三四五六七八九十"
_LOST_TRAILS = [*range(0xAA, 0xB0), *range(0xF8, 0xFF)]


@dataclass
class Repair:
    """The result of repairing one line."""

    text: str
    uncertain: bool  # some characters could only be guessed or are lost ("□")


def looks_misaligned(line: str) -> bool:
    """Tell whether a line shows the '?。ㄒ唬┘' pattern of a one-byte GBK misalignment."""
    return bool(_MISALIGNED_RE.match(line)) and bool(_RARE.search(line[:8]))


_VOCABULARY_CHARS = 4_000_000


class _Vocabulary:
    """Character counts and pinyin annotations learned from the undamaged lines."""

    def __init__(self, lines: list[str]) -> None:
        self.freq: Counter[str] = Counter()
        self.pairs: Counter[str] = Counter()
        self.pinyin: dict[str, Counter[str]] = {}
        budget = _VOCABULARY_CHARS  # a few MB of text teach every character and word there is to learn
        for line in lines:
            budget -= len(line)
            if budget < 0:
                break
            self.freq.update(line)
            self.pairs.update(line[k : k + 2] for k in range(len(line) - 1))
            for ch, py in _PINYIN_NOTE_RE.findall(line):
                self.pinyin.setdefault(py, Counter())[ch] += 1

    def best_for_pinyin(self, lead: int | None, py: str) -> str | None:
        """Return the known character read ``py`` whose GBK lead byte is ``lead`` (any if None)."""
        for ch, _n in self.pinyin.get(py, Counter()).most_common():
            b = _gbk(ch)
            if b and (lead is None or b[0] == lead):
                return ch
        return None


def _gbk(ch: str) -> bytes | None:
    try:
        return ch.encode("gbk")
    except UnicodeEncodeError:
        return None


@lru_cache(maxsize=None)
def _pair(a: int, b: int) -> str | None:
    try:
        return bytes((a, b)).decode("gbk")
    except UnicodeDecodeError:
        return None


@lru_cache(maxsize=None)
def _leads_before(d: int) -> tuple[tuple[int, str], ...]:
    """Return every (lead byte, character) whose GBK pair ends in byte ``d``."""
    return tuple((lead, ch) for lead in range(0x81, 0xFF) if (ch := _pair(lead, d)))


def _decode_shifted(data: bytes, vocab: _Vocabulary) -> tuple[str, bool]:
    """Decode GBK bytes whose lost pairs are unknown; return (text, uncertain)."""
    out: list[str] = []
    uncertain = False
    i, n = 0, len(data)
    in_number = False
    while i < n:
        c = data[i]
        if c < 0x80:
            out.append(chr(c))
            i += 1
            continue
        if i + 1 >= n:
            out.append("□")
            uncertain = True
            break
        d = data[i + 1]
        if d == 0x3F:  # the bad decoder swallowed the trail byte (and the "(" after it)
            m = _PINYIN_TAIL_RE.match(data[i + 2 :].decode("gbk", "replace"))
            lead: int | None = c
            if in_number and c == 0xA3:
                # "）" lost its trail together with the next character's bytes.
                out.append("）")
                in_number, lead = False, None
            ch = vocab.best_for_pinyin(lead, m.group(1)) if m else None
            if ch and m:
                out.append(ch)
                i += 2 + len(m.group(0).encode("gbk"))
            else:
                out.append("□")
                uncertain = True
                i += 2
            continue
        direct = _pair(c, d)
        if in_number:
            # Inside "（…）" only numerals or the closing bracket can occur.
            if direct and (direct in _NUMERALS or direct == "）"):
                out.append(direct)
            else:
                guess = _guess_lost_pair(c, d, vocab, numbers=True, prev=out[-1])
                out.append(guess or "？")
                uncertain = uncertain or not guess
                if guess and guess.endswith("）"):
                    in_number = False
            if direct == "）":
                in_number = False
            i += 2
            continue
        guess = None
        if direct is None or vocab.freq[direct] == 0:
            guess = _guess_lost_pair(c, d, vocab, numbers=False, prev=out[-1] if out else "")
        if guess:
            out.append(guess)
        elif direct:
            out.append(direct)
            if vocab.freq[direct] == 0 and "\u3400" <= direct <= "\u9fff":
                uncertain = True
        else:
            out.append("□")
            uncertain = True
        if direct == "（" and len(out) == 1:
            in_number = True
        i += 2
    return "".join(out), uncertain


def _guess_lost_pair(c: int, d: int, vocab: _Vocabulary, *, numbers: bool, prev: str) -> str | None:
    """Return two characters (c,t)(l,d) when a dropped pair (t,l) explains the bytes best.

    Both characters must occur in the document; words seen elsewhere (bigrams) win.
    """
    best, best_score = None, 0
    for t in _LOST_TRAILS:
        first = _pair(c, t)
        if not first or (numbers and first not in _NUMERALS) or (not numbers and not vocab.freq[first]):
            continue
        for lead, second in _leads_before(d):
            if _pair(t, lead) is not None:
                continue  # that pair would not have been dropped
            if numbers:
                score = 2 if (second in _NUMERALS or second == "）") else 0
            elif vocab.freq[second]:
                bigrams = vocab.pairs[prev + first] + vocab.pairs[first + second]
                score = 100 * bigrams + min(vocab.freq[first], vocab.freq[second])
            else:
                score = 0
            if score > best_score:
                best, best_score = first + second, score
    return best


def repair_lines(lines: list[str]) -> dict[int, Repair]:
    """Repair every misaligned line; return {0-based index: Repair} for the lines changed."""
    damaged = [i for i, line in enumerate(lines) if looks_misaligned(line)]
    if not damaged:
        return {}
    bad = set(damaged)
    vocab = _Vocabulary([line for i, line in enumerate(lines) if i not in bad])
    repairs: dict[int, Repair] = {}
    for i in damaged:
        body = lines[i][1:]
        try:
            data = body.encode("gb18030")
        except UnicodeEncodeError:
            continue
        text, uncertain = _decode_shifted(data[1:], vocab)
        if text.startswith("）"):
            # "（" and the number fell into dropped pairs: keep the heading shape, number unknown.
            text, uncertain = "（？" + text, True
        repairs[i] = Repair(text=text, uncertain=uncertain)
    return repairs


_GARBAGE_RE = re.compile(r"(?<=[\u3400-\u9fff])[?？\ufffd□]+|[?？\ufffd□]+(?=[\u3400-\u9fff])")


def has_garbage(text: str) -> bool:
    """Tell whether text still holds '?' or '□' where a character was lost."""
    return bool(_GARBAGE_RE.search(text))
