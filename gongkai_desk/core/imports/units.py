"""Every rule about unit names, in one place: what a unit name looks like, which names are
groups of units, locality prefixes, and splitting a list of names.

Used by the parser (reading unit notes) and by the matcher (names against the directory), so
both read "区财政局", "市场监管局" and "各有关部门" the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SEP_RE = re.compile(r"[、,，;；/／|｜\s]+")
# A trailing 等…: "等", "等有关单位", "等相关区直部门", "等有关处室（单位）" (the named units stand for the rest).
_TRAIL_ETC_RE = re.compile(
    r"等(?:(?:有关|相关|其他)?[\u4e00-\u9fff]{0,4}?(?:单位|部门|处室|科室|股室)(?:[（(]单位[)）])?)?$")
# Endings a unit name (or a group of units) can have.
_UNIT_END_RE = re.compile(
    r"(局|办|委|部|院|会|厅|室|处|科|股|所|站|队|中心|部门|单位|政府|街道|镇街|街|乡镇|镇|乡|区|县|市|县市区|"
    r"公司|集团|银行|法院|检察院|妇联|工会|团委|馆|社|组|指挥部|小组|分局|支队|大队|园区|管委会|"
    r"学校|医院|机构|企业|报社|电视台|旗|州|盟|村|社区|队伍|各地|厂|行|机关|所属单位|主体|"
    r"高校|小学|中学|大学|学院|中小学|幼儿园|中专|职高|技校|党校|卫生院|保健院|[一二三四五六七八九十]中|[一二三四五六七八九十]小)\)?$"
)
_GROUP_RE = re.compile(
    r"^(各|全|有关|相关|其他|其它|市直|区直|县直|省直)|各(有关|相关)?(部门|单位|街道|乡镇)|各县市区$"
    r"|各[\u4e00-\u9fff]{0,6}(部门|单位|街道|乡镇|镇|县|区|市)$|(有关|相关)(部门|单位)$|成员单位$"
)
# Words that are column-header remnants, never a unit on their own.
BARE_WORDS = {"单位", "部门", "机关", "政府", "牵头", "责任", "配合", "有关", "相关"}
# Single characters that open a locality prefix ("区财政局" is the 区's 财政局) ...
LOCALITY_CHARS = ("区", "县", "市", "镇", "乡")
# ... and words starting with one that are no prefix ("市场监管局" is not the 市's 场监管局; but
# "市民政局" is the 市's 民政局 and "市政务服务中心" the 市's 政务服务中心).
_NOT_PREFIX_RE = re.compile(r"^(市场|区域|县域|镇村|乡村|市县|区县|[市区县]直|[市区县]级|市民(?!政)|市容|市政(?![府协务法])|乡镇)")


def has_locality_prefix(name: str) -> bool:
    """Tell whether ``name`` opens with a one-character locality prefix (区/县/市/镇/乡)."""
    return name[:1] in LOCALITY_CHARS and not _NOT_PREFIX_RE.match(name)
_NOT_PREFIXABLE = ("各", "全", "有关", "相关", "其他", "中共", "共青团", "国家", "省", "中国", "人民")


# Words that open a phrase, never a unit's name: "含乡镇", "或县政府办", "包括各街道".
_FUNCTION_START_RE = re.compile(r"^(含|包括|包含|不含|如|即|以及|或|与|和|及|对|按|除|其中|例如|比如)")
_BRACKETED_RE = re.compile(r"[〔（(][^〕）)]*[〕）)]")
_NOT_IN_NAME_RE = re.compile(r"[。！？，：:]|^\d|\d\s*年|第\s*\d")  # digits may stand inside a name: 市12345热线办


@lru_cache(maxsize=4096)
def is_unit_name(name: str) -> bool:
    """Tell whether ``name`` can be a unit or a group of units."""
    n = _BRACKETED_RE.sub("", name)
    if not 2 <= len(n) <= 24 or _NOT_IN_NAME_RE.search(n) or n in BARE_WORDS or _FUNCTION_START_RE.match(n):
        return False
    return bool(_UNIT_END_RE.search(n))


# In a slot labelled 责任单位/牵头单位 a name without a known ending is still taken for a unit, unless it
# reads as the task's words, a date or a state: a verb of the work, a particle, a status word.
_NOT_ORGANISATION_RE = re.compile(
    r"(做好|加强|推进|开展|完成|落实|负责|配合|牵头|公开|建立|健全|提升|及时|按照|要求|情况|工作|全年|年底|持续|"
    r"已|未|正在|的|了|是|在|将)"
)


@lru_cache(maxsize=4096)
def could_be_unit_name(name: str) -> bool:
    """Tell whether a name found in a labelled unit slot ("责任单位：实验小学") may be a unit: a unit name,
    or a name of 3–24 characters that is clearly nothing else (no sentence, date, number or task words)."""
    if is_unit_name(name):
        return True
    n = _BRACKETED_RE.sub("", name)
    if not 3 <= len(n) <= 24 or _NOT_IN_NAME_RE.search(n) or n in BARE_WORDS or _FUNCTION_START_RE.match(n):
        return False
    return not _NOT_ORGANISATION_RE.search(n) and bool(re.fullmatch(r"[\u4e00-\u9fff（）()]+", name))


def is_group(name: str) -> bool:
    """Tell whether a unit name names a group (区各有关部门, 各乡镇人民政府, 市直各部门, 各县市区)."""
    return bool(_GROUP_RE.search(name))


def locality_prefix(name: str, places: tuple[str, ...] = ()) -> str | None:
    """The locality prefix a name opens with ("区" of 区财政局, "钟楼区" of 钟楼区财政局), or None."""
    return _locality_prefix(name, places)


@lru_cache(maxsize=8192)  # called for every unit name of every list of a plan
def _locality_prefix(name: str, places: tuple[str, ...]) -> str | None:
    for p in sorted(places, key=len, reverse=True):
        for suffix in LOCALITY_CHARS:
            if name.startswith(p + suffix):
                return p + suffix
    if has_locality_prefix(name):
        return name[0]
    return None


# A zone named by its kind ("经开区", "高新区", "开发区", "工业园区"): a place of its own, one of it,
# taking neither a shared 各 nor the locality of the name before it ("县政府办、经开区"). A bare level
# word ("区", "社区") is no such name.
_ZONE_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}区(?:管委会|管理委员会)?$")
_LEVEL_PREFIX_RE = re.compile(r"^(?:社|城|县|市|省|小|景|辖|各|本|全)区")


def _is_named_zone(name: str) -> bool:
    return bool(_ZONE_RE.match(name)) and not _LEVEL_PREFIX_RE.match(name) and not has_locality_prefix(name)


def _has_own_prefix(name: str, places: tuple[str, ...]) -> bool:
    if name.startswith(_NOT_PREFIXABLE) or is_group(name) or _is_named_zone(name):
        return True
    if any(name.startswith(p) for p in places):
        return True
    return has_locality_prefix(name)


def clean_unit(name: str) -> str:
    """Strip spaces, quotes and a trailing 等/等有关单位 from one unit name."""
    name = name.strip(" \t:：“”\"'·.。")
    # Strip a bracket only when it has no partner (a cut note), not "区委宣传部（区网信办）".
    # (Every loop consumes a character: an item of punctuation only, "“”", ends as "".)
    if not any(c in name for c in ")）"):
        name = name.lstrip("(（")
    if not any(c in name for c in "(（"):
        name = name.rstrip(")）")
    name = _TRAIL_ETC_RE.sub("", name)
    return name.strip()


def split_units(text: str, places: tuple[str, ...] = (), *, labelled: bool = False) -> tuple[list[str], list[str]]:
    """Split a unit list; return (units, fragments that are not unit names).

    The locality prefix of the first unit is applied to later units that have none, the way a
    clerk reads "区发改局、建设局" as 区发改局, 区建设局, up to a group of another level: after
    "各乡镇政府" the names are read as written ("各乡镇政府、街道办事处"). ``places`` are local place
    names ("钟楼") whose units keep their own name. ``labelled``: the list stands in a slot labelled
    as units (责任单位：…), so a name without a known ending ("实验小学") is trusted unless it is
    clearly no organisation (``could_be_unit_name``).
    """
    units, fragments = _split_units(text, places, labelled)
    return list(units), list(fragments)


@lru_cache(maxsize=4096)  # plans repeat the same unit lists hundreds of times
def _split_units(text: str, places: tuple[str, ...], labelled: bool = False
                 ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    units: list[str] = []
    fragments: list[str] = []
    prefix: str | None = None
    places = places + _places_named_in(text)
    for part in _split_joined(_split_etc(_split_outside_brackets(text))):
        name = clean_unit(part)
        if not name:
            continue
        if units and units[-1].startswith("各") and (name in _SHARED_EACH or (
                len(name) <= 3 and not _has_own_prefix(name, places) and not name.endswith("室"))):
            name = "各" + name  # "各科室、单位", "各乡、街办": 各 is shared, read as 各单位, 各街办
        if not (could_be_unit_name(name) if labelled else is_unit_name(name)):
            fragments.append(name)
            continue
        if not units:
            prefix = _locality_prefix(name, places)
        elif is_group(name):
            prefix = None  # "区政府办、各乡镇政府、街道办事处": the 区 does not reach past the group
        elif prefix and not _has_own_prefix(name, places):
            name = prefix + name
        if name not in units:
            units.append(name)
    return tuple(units), tuple(fragments)


# A place the list itself names ("人民银行潍坊市中心支行" names 潍坊): a later "潍坊银监分局" has its own
# prefix and takes no 市 from the first unit.
_INNER_PLACE_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?=([\u4e00-\u9fff]{2,3})[市县])")


def _places_named_in(text: str) -> tuple[str, ...]:
    if "市" not in text[1:] and "县" not in text[1:]:
        return ()
    return tuple(m.group(1) for m in _INNER_PLACE_RE.finditer(text))


_OPEN, _CLOSE = "（(〔【[", "）)〕】]"
_SHARED_EACH = ("单位", "部门", "机关", "科室", "股室")


_ETC_GROUP_RE = re.compile(r"^(.+?)等([\u4e00-\u9fff]{2,20}(?:成员单位|单位|部门))$")
# "区委宣传部等十个部门", "区财政局等8家单位": a count of the rest, no unit of its own.
_ETC_COUNT_RE = re.compile(r"^(.+?)等[0-9０-９一二三四五六七八九十两几多余]+[个家类所][\u4e00-\u9fff]{0,6}$")


# "区融媒体中心及各乡镇", "各街道和区直有关部门", "区统计局与区发改委": 及/以及/和/与 between two names.
_JOIN_RE = re.compile(r"以及|及(?!其)|和|与")


def _split_joined(parts: list[str]) -> list[str]:
    """Split a part at 及/和/与 where both sides are unit names of their own: not inside a name
    ("区发展和改革局", "区住房和城乡建设局": "区发展" is no unit), nor "及其所属单位"."""
    out: list[str] = []
    for p in parts:
        name = p.strip()
        for m in _JOIN_RE.finditer(name):
            left, right = name[: m.start()].strip(), name[m.end():].strip()
            if _UNIT_END_RE.search(left) and is_unit_name(left) and (is_unit_name(right) or is_group(right)):
                out.append(left)
                out += _split_joined([right])
                break
        else:
            out.append(p)
    return out


def _split_etc(parts: list[str]) -> list[str]:
    """"区发改委等数字经济工作领导小组成员单位": the named unit, and the group it stands for."""
    out = []
    for p in parts:
        counted = _ETC_COUNT_RE.match(p.strip())
        if counted:
            out.append(counted.group(1))
            continue
        m = _ETC_GROUP_RE.match(p.strip())
        if m and not m.group(2).startswith(("有关", "相关")):
            out += [m.group(1), m.group(2)]
        else:
            out.append(p)
    return out


def _split_outside_brackets(text: str) -> list[str]:
    """Split at separators that are not inside brackets: "区委宣传部（区网信办、区融媒体中心）".

    Only brackets that close count: a lone "（" in a damaged list does not swallow the names after it.
    """
    if not any(c in text for c in _OPEN):
        return _join_levels([p for p in _SEP_RE.split(text) if p.strip()])
    inside = [False] * len(text)
    opened: list[int] = []
    for k, ch in enumerate(text):
        if ch in _OPEN:
            opened.append(k)
        elif ch in _CLOSE and opened:
            start = opened.pop()
            if not opened:
                for j in range(start + 1, k):
                    inside[j] = True
    parts, buf = [], []
    for k, ch in enumerate(text):
        if not inside[k] and _SEP_RE.match(ch):
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return _join_levels([p for p in parts if p.strip()])


_LEVEL_RE = re.compile(r"^各?[省市县区]$")
# What may share a bare level word's name: another level ("县（市、区）教育局", "区"), never a group
# of its own ("市直各部门", "区直有关单位", "各部门").
_SHARES_RE = re.compile(r"^[省市县区](?![直属])")


def _join_levels(parts: list[str]) -> list[str]:
    """"各市、县（市、区）教育局": a bare level word shares the name after it (each city's and county's
    education bureau), one group, not "各市" and "县（市、区）教育局"."""
    if len(parts) < 2 or not any(_LEVEL_RE.match(p.strip()) for p in parts[:-1]):
        return parts
    out: list[str] = []
    for p in parts:
        if out and _LEVEL_RE.match(out[-1].strip()) and _SHARES_RE.match(p.strip()):
            out[-1] = out[-1].strip() + "、" + p.strip()
        else:
            out.append(p)
    return out
