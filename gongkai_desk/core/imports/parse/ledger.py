"""Source accounting: every paragraph and table cell a reader produced ends somewhere, with a reason.

Each piece of source text gets an id when the parse starts (``register``); a piece that the
rebuilder cuts apart (a run-together table row) is ``split`` into children. Every step that uses a
piece says where it went (``use``: a task field, a section title, the metadata) and every step that
leaves one out says why (``drop``: page chrome, a context section, a repeated header…). What is
dropped is listed for the clerk (``ParsedPlan.not_imported``); a piece nobody accounted for is
listed too ("未能识别"), and the accounting test over the seeds and the corpus requires there are none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Why a piece of the source is not in the plan: code → what the clerk reads.
REASONS = {
    "page_chrome": "网页栏目、导航、分享等页面元素",
    "page_marker": "页码或分页标记",
    "empty": "空白或无法识别的字符",
    "context_section": "指导思想、总体要求、保障措施等说明部分，不是具体任务",
    "preamble": "正文前后的通知、说明文字，不是具体任务",
    "part_text": "“第X部分”“第X章”“第X节”标题下未注明单位的说明文字，不是具体任务",
    "notice": "附件说明、抄送、印发等发文信息",
    "notice_items": "印发通知本身提出的工作要求（任务在通知所附的计划中），不是具体任务",
    "table_header": "表格的表头",
    "separator": "表格的分隔符（“|”或空白行）",
    "repeated_header": "重复出现的表头（分页时每页都印一遍）",
    "table_caption": "表格标题",
    "total_row": "表格的合计、小计行，不是具体任务",
    "table_note": "表格中的注释、说明行，不是具体任务",
    "fragment": "表格拆行留下的残片，不是完整的单位名称",
    "template": "表格模板中未填写的占位文字",
    "duplicate": "与另一项任务内容相同（同一任务在文件中写了两遍）",
    "lead_in": "“一是”“二是”等分项任务之前的引导语，没有注明单位，不是具体任务",
    "ignored_column": "按表格列的设置不导入的列",
    "hidden": "Excel 中隐藏的行或列（查看和打印时都看不到），如需导入请先取消隐藏",
    "unplaced": "无法对应到表格的任何一列",
    "unrecognized": "未能识别的内容",
}
_USES = ("task", "section", "metadata", "split")


@dataclass
class Source:
    line: int
    column: int | None
    text: str


@dataclass
class NotImported:
    line: int
    text: str
    code: str
    column: int | None = None

    @property
    def reason(self) -> str:
        return REASONS.get(self.code, REASONS["unrecognized"])

    def to_json(self) -> dict:
        out = {"line": self.line, "text": self.text, "reason": self.reason, "code": self.code}
        if self.column is not None:
            out["column"] = self.column + 1
        return out


class Ledger:
    """Where every piece of the source went."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.fate: dict[int, str] = {}  # id → use ("task", "section", "metadata", "split") or drop code

    def register(self, line: int, text: str, column: int | None = None) -> int:
        self.sources.append(Source(line, column, text))
        return len(self.sources) - 1

    def split(self, src: int, texts: Iterable[str]) -> list[int]:
        """Cut a piece into parts (each accounted on its own); return their ids."""
        parent = self.sources[src]
        self.fate[src] = "split"
        return [self.register(parent.line, t, parent.column) for t in texts]

    def leave_part(self, srcs: Iterable[int], text: str, code: str) -> None:
        """Part of a piece that went into the plan is left out (a task's lead-in): list that part on its own."""
        first = next((s for s in srcs if s >= 0), None)
        if first is None or not text.strip():
            return
        parent = self.sources[first]
        self.fate[self.register(parent.line, text, parent.column)] = code

    def use(self, srcs: Iterable[int], where: str) -> None:
        """The pieces went into the plan: a ``task`` field, a ``section`` title or the ``metadata``."""
        for s in srcs:
            if s >= 0 and self.fate.get(s) not in _USES:  # a use wins over an earlier drop
                self.fate[s] = where

    def drop(self, srcs: Iterable[int], code: str) -> None:
        """The pieces are left out, for the reason ``code`` (a key of REASONS); a use already recorded wins."""
        for s in srcs:
            if s >= 0 and self.fate.get(s) is None:
                self.fate[s] = code

    def unaccounted(self) -> list[int]:
        return [k for k in range(len(self.sources)) if k not in self.fate]

    def not_imported(self) -> list[NotImported]:
        """Every piece left out, in source order; pieces nobody accounted for count as unrecognized."""
        out = []
        for k, src in enumerate(self.sources):
            fate = self.fate.get(k, "unrecognized")
            if fate not in _USES and src.text.strip():
                out.append(NotImported(src.line, src.text, fate, src.column))
        out.sort(key=lambda n: (n.line, n.column or 0))
        return out
