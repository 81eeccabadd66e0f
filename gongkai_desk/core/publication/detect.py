"""What must not be published (发布前检查): personal data and secrecy marks in text.

* 18-digit citizen ID numbers (GB 11643: a valid birth date and ISO 7064 MOD 11-2 check digit)
  and 15-digit old ones (a valid birth date);
* mobile numbers (1[3-9] and nine digits, with +86 and spaces or dashes allowed);
* bank card numbers (16–19 digits, grouped or not, Luhn check digit);
* personal names beside them ("联系人：王小明 138…", "张三（身份证号…）");
* secrecy marks: 绝密/机密/秘密 as a mark (“秘密★1年”, 密级：机密, alone on a line), 内部资料,
  不予公开 as a mark (公开属性：不予公开, alone or in brackets) — not the words inside prose such
  as the annual report's “属于国家秘密” or “（三）不予公开”.

Each finding has its place (“第3行”, “表格1第2行第4列”), the text found and a masked form
(去标识化: 3201**********1234).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
KINDS = {"id_card": "身份证号码", "id_card_old": "身份证号码（15位旧号码）", "mobile": "手机号码",
         "bank_card": "银行卡号", "name": "个人姓名", "secrecy": "密级或不公开标志"}
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "令狐")
PERSON_WORDS = ("群众", "市民", "村民", "居民", "职工", "患者", "学生", "老人", "同志", "人", "员", "长", "者")
NOT_NAMES = {"联系", "电话", "手机", "号码", "身份", "银行", "账号", "户名", "申请", "本人", "单位", "地址", "邮箱"}


@dataclass(frozen=True)
class Finding:
    kind: str
    place: str  # where, as the clerk finds it: "第3行", "表格1第2行第4列", "第2页"
    text: str  # what was found
    masked: str  # what to publish instead ("" for secrecy marks: remove them)
    context: str = ""  # the text around it, shortened

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def as_line(self) -> str:
        tail = f"，建议改为“{self.masked}”" if self.masked else "，发布前请删除或确认可以公开"
        return f"{self.place}：{self.label}“{self.text}”{tail}。"

    def as_json(self) -> dict:
        return {"kind": self.kind, "label": self.label, "place": self.place, "text": self.text,
                "masked": self.masked, "context": self.context}


def id_check_digit(first17: str) -> str:
    """The 18th character of a citizen ID number for its first 17 digits (GB 11643-1999)."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _valid_date(y: int, m: int, d: int) -> bool:
    try:
        day = _dt.date(y, m, d)
    except ValueError:
        return False
    return _dt.date(1900, 1, 1) <= day <= _dt.date.today()


def valid_id18(s: str) -> bool:
    return (len(s) == 18 and s[:17].isdigit() and _valid_date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
            and id_check_digit(s[:17]) == s[17].upper())


def valid_id15(s: str) -> bool:
    return len(s) == 15 and s.isdigit() and _valid_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))


def mask(kind: str, text: str) -> str:
    """去标识化: keep what identifies the record, not the person (3201**********1234, 138****5678, 王*明)."""
    if kind == "secrecy":
        return ""
    if kind == "name":
        return text[0] + "*" if len(text) == 2 else text[0] + "*" * (len(text) - 2) + text[-1]
    digits = re.sub(r"\D", "", text) if kind != "id_card" else re.sub(r"[^\dXx]", "", text)
    if kind == "mobile":
        digits = digits[-11:]
        return digits[:3] + "****" + digits[-4:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])(\d{15})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:(?:\+|00)?86[ -]?)?(1[3-9]\d(?:[ -]?\d{4}){2})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?|\d{16,19})(?![0-9A-Za-z])")
_MARKS = [
    re.compile(r"(绝密|机密|秘密)\s*★"),
    re.compile(r"★\s*(绝密|机密|秘密)"),
    re.compile(r"密\s*级\s*[:：]\s*(绝密|机密|秘密)"),
    re.compile(r"(?m)^\s*[（(【\[]?\s*(绝密|机密|秘密)(?:件|级|文件)?\s*[）)】\]]?\s*$"),
    re.compile(r"(内部资料)"),
    re.compile(r"公开(?:属性|方式|选项|类型)\s*[:：]\s*(不予公开)"),
    re.compile(r"(?m)^\s*[（(【\[]?\s*(不予公开)\s*[）)】\]]?\s*$"),
    re.compile(r"[（(【\[]\s*(不予公开)\s*[）)】\]]"),
]
_LABELLED_NAME = re.compile(r"(?:姓\s*名|联系人|申请人|户主|持卡人|开户人|户名|当事人|经办人|本人)\s*[:：]?\s*"
                            r"([\u4e00-\u9fff]{2,4}?)(?=[\s，,、。；;:：（(）)]|\d|$|身份|电话|手机|联系|银行|卡号|账号)")
_GAP = re.compile(r"[\s，,、:：;；（(）)\-—]*(?:身份证(?:号码|号)?|公民身份号码|手机(?:号码|号)?|联系电话|电话|"
                  r"银行卡(?:号)?|卡号|账号)?[\s，,、:：;；（(）)\-—]*$")


def find_in_text(text: str, place: str) -> list[Finding]:
    """Every finding in one piece of text (a line, a paragraph, a cell)."""
    if not text or len(text) < 2:
        return []
    out: list[tuple[int, Finding]] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, found: str) -> None:
        taken.append((start, end))
        lo, hi = max(0, start - 12), min(len(text), end + 12)
        out.append((start, Finding(kind, place, found, mask(kind, found), text[lo:hi].replace("\n", " "))))

    def free(start: int, end: int) -> bool:
        # Findings are few per piece of text; for a long text look only at the nearby ones.
        return all(end <= a or start >= b for a, b in (taken if len(taken) < 64 else taken[-64:]))

    if any(ch.isdigit() for ch in text):
        for m in _ID18.finditer(text):
            if valid_id18(m[1]):
                add("id_card", m.start(1), m.end(1), m[1])
        for m in _ID15.finditer(text):
            if free(m.start(1), m.end(1)) and valid_id15(m[1]):
                add("id_card_old", m.start(1), m.end(1), m[1])
        for m in _MOBILE.finditer(text):
            if free(m.start(1), m.end(1)):
                add("mobile", m.start(1), m.end(1), m[1])
        for m in _CARD.finditer(text):
            digits = re.sub(r"\D", "", m[1])
            if free(m.start(1), m.end(1)) and 16 <= len(digits) <= 19 and luhn_ok(digits) and len(set(digits)) > 2:
                add("bank_card", m.start(1), m.end(1), m[1])
    personal = [(s, e) for s, e in taken]
    for m in _LABELLED_NAME.finditer(text):
        if _name_like(m[1]) and free(m.start(1), m.end(1)):
            add("name", m.start(1), m.end(1), m[1])
    for start, _end in personal:
        lo = max(0, start - 40)
        name = _name_before(text[lo:start])
        if name:
            s = text.rfind(name, lo, start)
            if free(s, s + len(name)):
                add("name", s, s + len(name), name)
    for pattern in _MARKS:
        for m in pattern.finditer(text):
            if free(m.start(1), m.end(1)):
                add("secrecy", m.start(1), m.end(1), m[0].strip())
    out.sort(key=lambda pair: pair[0])
    return [f for _pos, f in out]


def _name_like(word: str) -> bool:
    if word in NOT_NAMES or any(word.startswith(n) for n in NOT_NAMES):
        return False
    return word[0] in SURNAMES or word.startswith(COMPOUND_SURNAMES)


def _name_before(before: str) -> str | None:
    """A name just before a number: "王小明 138…", "张三（身份证号：…". Only a whole run of Chinese
    characters counts (so "公开任务，电话…" is no name), or one after a word for a person
    ("群众张三", "工作人员李四")."""
    m = _GAP.search(before)
    head = before[: m.start()] if m else before
    run = re.search(r"[\u4e00-\u9fff]+$", head)
    if not run:
        return None
    word = run[0]
    if len(word) == 4 and word.startswith(COMPOUND_SURNAMES):
        return word
    for n in (3, 2):
        cand, prefix = word[-n:], word[:-n]
        if len(word) >= n and _name_like(cand) and (not prefix or prefix.endswith(PERSON_WORDS)):
            return cand
    return None


def find_all(segments: Iterable[tuple[str, str]]) -> list[Finding]:
    """Findings in (place, text) segments, in order."""
    out: list[Finding] = []
    for place, text in segments:
        out.extend(find_in_text(text, place))
    return out


def mask_text(text: str) -> str:
    """``text`` with every personal finding masked (secrecy marks are left for the clerk)."""
    for f in sorted(find_in_text(text, ""), key=lambda f: -len(f.text)):
        if f.masked:
            text = text.replace(f.text, f.masked)
    return text
