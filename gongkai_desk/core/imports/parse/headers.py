"""Table header words: what a header cell says about its column's role, and where the header row is.

``header_evidence("责任科室（单位）")`` → ``{"responsible": 1.0}``; ``header_evidence("工作任务")`` →
``{"group": 0.5, "text": 0.5}`` (a task column is a group heading or the task itself: the content
decides). The words are those offices use for plan, review, 整改 and 督查 tables; a header cell
with no known word is no evidence at all, never an error.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongkai_desk.core.imports.parse.blocks import Row

ROLES = ("number", "group", "text", "detail", "lead", "responsible", "units", "deadline", "status", "progress",
         "problems", "measures", "next_steps", "remarks", "ignore")
# What the clerk reads in the column-role drop-down.
ROLE_LABELS = {
    "number": "序号", "group": "分组标题", "text": "任务内容", "detail": "具体要求（详细内容）",
    "lead": "牵头单位", "responsible": "责任单位", "units": "单位（按原文区分牵头/责任）", "deadline": "完成时限",
    "status": "完成状态", "progress": "落实情况", "problems": "存在问题", "measures": "整改措施",
    "next_steps": "下步计划", "remarks": "备注（并入详细内容）", "ignore": "不导入",
}

_RULES: tuple[tuple[re.Pattern[str], dict[str, float]], ...] = tuple((re.compile(p), w) for p, w in (
    (r"^(序号?|编号|序列号|No\.?|NO\.?)$", {"number": 1.0}),
    (r"(责任人|联系人|联络员|分管|领导|签字|电话)", {"remarks": 0.9}),
    (r"(牵头|主责|主办)", {"lead": 1.0}),
    (r"(时限|期限|时间|节点|日期|截止|时段)", {"deadline": 0.85, "text": 0.15}),
    (r"(状态|是否完成|完成与否)", {"status": 1.0}),
    (r"(配合|协办|协助|参与|责任|落实|实施|承办|负责).{0,4}(单位|部门|科室|股室|处室|主体|机构|机关|科|股|处)$",
     {"responsible": 1.0}),
    (r"(单位|部门|科室|股室|处室|主体|机构|机关|科|股)$", {"units": 0.9, "responsible": 0.1}),
    (r"(类型|类别|分类|来源)$", {"group": 0.85, "text": 0.15}),
    (r"问题", {"problems": 1.0}),
    (r"整改.{0,2}(情况|进展|结果|成效)", {"progress": 1.0}),
    (r"整改", {"measures": 1.0}),
    (r"措施", {"text": 0.6, "measures": 0.4}),
    (r"(落实情况|完成情况|进展|进度|推进情况|成效|开展情况|执行情况|工作完成|办理情况|落实结果)", {"progress": 1.0}),
    (r"(下步|下一步|打算|今后)", {"next_steps": 1.0}),
    (r"(备注|说明|佐证|材料|附件|依据|出处)", {"remarks": 0.9}),
    (r"三级指标", {"text": 0.7, "group": 0.3}),
    (r"指标", {"group": 0.6, "text": 0.4}),
    (r"(目标|类别|领域|板块|项目|方面|类型|分类|专项|栏目|环节)$", {"group": 0.85, "text": 0.15}),
    (r"(具体任务|任务内容|任务要求|任务描述|具体内容|工作内容|主要内容|内容|要求|事项|要点|举措|做法|安排|工作)$",
     {"text": 0.85, "detail": 0.15}),
    (r"任务", {"group": 0.5, "text": 0.5}),
))
# Header names as offices write them, for finding a header run together with its table's text.
KNOWN_HEADERS = (
    "序号", "编号", "目标", "任务", "类别", "工作类别", "重点领域", "领域", "项目", "一级指标", "二级指标", "三级指标",
    "重点任务", "工作任务", "主要任务", "任务名称", "主要工作任务", "主要内容", "具体任务", "任务内容", "工作内容",
    "具体内容", "具体要求", "工作要求", "任务要求", "具体措施", "工作措施", "重点工作", "工作要点", "工作事项",
    "牵头单位", "牵头部门", "牵头领导", "主责单位", "责任单位", "责任部门", "责任科室", "责任股室", "责任处室",
    "负责科室", "负责单位", "负责部门", "配合单位", "配合部门", "协办单位", "参与单位", "责任主体", "落实单位",
    "整改责任主体", "整改责任单位", "材料提供部门", "完成时限", "完成期限", "完成时间", "时间节点", "时限要求",
    "时限", "完成时限及要求", "落实情况", "完成情况", "进展情况", "工作进展", "推进情况", "整改情况", "完成状态",
    "存在问题", "存在问题及建议", "主要问题", "问题描述", "整改措施", "整改要求", "下步计划", "下一步计划",
    "下步打算", "备注", "佐证材料",
)
_SPACES_RE = re.compile(r"\s+")
_BRACKETED_RE = re.compile(r"[（(][^（()）]{0,8}[)）]")
_SENTENCE_RE = re.compile(r"[。；;，,！!？?]")


def normalize(text: str) -> str:
    """A header cell without spaces, separators and a trailing bracket ("责任科室（单位）" → "责任科室")."""
    t = _SPACES_RE.sub("", text).strip("|｜:：*＊")
    return _BRACKETED_RE.sub("", t) or t


@lru_cache(maxsize=4096)
def header_evidence(text: str) -> dict[str, float]:
    """Role weights (summing to 1) a header cell gives its column; {} when it names no role."""
    t = normalize(text)
    if not t or len(t) > 16 or _SENTENCE_RE.search(t):
        return {}
    for rx, weights in _RULES:
        if rx.search(t):
            return dict(weights)
    return {}


_NUMBERED_RE = re.compile(r"^\s*([一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．])")


def is_header_like(text: str) -> bool:
    """A short cell naming a column role (a numbered heading or a cell with figures names none)."""
    return bool(header_evidence(text)) and not _NUMBERED_RE.match(text) and not re.search(r"\d", text)


def header_row_score(cells: list[str]) -> int:
    """How many distinct cells of a row name a column role; 0 when some cell is plainly content."""
    distinct = [c for c in dict.fromkeys(t.strip() for t in cells) if c]
    if len(distinct) < 2:
        return 0
    named = sum(1 for c in distinct if is_header_like(c))
    unnamed = [c for c in distinct if not is_header_like(c)]
    # A title row or a content row has long cells; a header has at most one short unknown name.
    if any(len(normalize(c)) > 16 or _SENTENCE_RE.search(c) for c in unnamed) or len(unnamed) > max(1, named // 3):
        return 0
    return named if named >= 2 else 0


def find_header(rows: list[Row], search: int = 6) -> tuple[int, int] | None:
    """(index of the first header row, number of header rows) among the first rows, or None.

    A second header row directly below one whose cells span several columns (a merged 任务内容
    over 分组 and 任务) is taken together with it.
    """
    for k, row in enumerate(rows[:search]):
        if header_row_score(row.texts) >= 2:
            below = rows[k + 1] if k + 1 < len(rows) else None
            spans = any(c.merged_from_left for c in row.cells) or any(
                c.merged_from_above for c in (below.cells if below else []))
            if below is not None and spans and header_row_score(below.texts) >= 1 and all(
                    not t.strip() or is_header_like(t) or len(normalize(t)) <= 8 for t in below.texts):
                return k, 2
            return k, 1
    return None


def header_texts(rows: list[Row], start: int, count: int, width: int) -> list[str]:
    """The header text of each column; a two-row header joins "上/下" where they differ."""
    out = []
    for c in range(width):
        parts = []
        for r in range(start, start + count):
            cells = rows[r].cells
            text = cells[c].text.strip() if c < len(cells) else ""
            if text and text not in parts:
                parts.append(text)
        out.append("/".join(parts))
    return out


def is_repeated_header(texts: list[str], header: list[str]) -> bool:
    """A data row that repeats the header (printed on every page)."""
    mine = [normalize(t) for t in texts if t.strip()]
    theirs = {normalize(p) for h in header for p in h.split("/") if p}
    return len(mine) >= 2 and all(m in theirs for m in mine)
