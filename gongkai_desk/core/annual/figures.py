"""Figures the narrative quotes from the tables: one phrase per figure, used both ways.

The draft writer prints each figure with its phrase; the TXT-TABLE rule finds the same phrases in
the clerk's text and compares the number with the cells it describes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from gongkai_desk.core.annual import format as fmt

if TYPE_CHECKING:
    from gongkai_desk.core.annual.stats import Stats


@dataclass(frozen=True)
class Figure:
    """A number in the text (``label`` before it, ``unit`` after) that equals a sum of cells."""

    id: str
    label: str
    cells: tuple[str, ...]
    unit: str = "件"
    alias: bool = False  # another wording of a figure: recognised in text, never written
    units: tuple[str, ...] = ()  # other units the clerk may write after the number ("项")

    @property
    def pattern(self) -> re.Pattern[str]:
        # Up to 6 filler characters between label and number ("共计", "数量为") keep it loose
        # enough for the clerk's wording but never reach into the next clause.
        units = "|".join(re.escape(u) for u in (self.unit, *self.units))
        return re.compile(
            re.escape(self.label) + r"[^0-9，。；、,;\n]{0,6}?([0-9][0-9,]*(?:\.[0-9]+)?)\s*"
            + f"(?:{units})"
        )

    def value(self, stats: "Stats") -> Decimal | None:
        """Return the sum of the figure's cells, None when any of them is blank or invalid."""
        total = Decimal(0)
        for key in self.cells:
            n = stats.number(key)
            if n is None:
                return None
            total += n
        return total

    def phrase(self, stats: "Stats") -> str:
        """Return "label N unit" with the table's value (label alone when not filled)."""
        v = self.value(stats)
        return f"{self.label}{_fmt(v)}{self.unit}" if v is not None else f"{self.label}（未填）"


def _fmt(v: Decimal) -> str:
    return format(v, "f") if v != v.to_integral() else str(int(v))


def _t3(row: str) -> tuple[str, ...]:
    return (f"table3.{row}.total",)


def _t3_sum(prefix: str) -> tuple[str, ...]:
    return tuple(f"table3.{r}.total" for r in fmt.T3_RESULT_LEAVES if r.startswith(prefix))


FIGURES: tuple[Figure, ...] = (
    Figure("new_received", "新收政府信息公开申请", _t3("new_received")),
    Figure("carried_over", "上年结转", _t3("carried_over")),
    # the table's own wording is longer than the filler allows after "上年结转"
    Figure("carried_over_full", "上年结转政府信息公开申请", _t3("carried_over"), alias=True),
    Figure("results_total", "办理答复", _t3("results_total")),
    Figure("granted", "予以公开", _t3("granted")),
    Figure("partial", "部分公开", _t3("partial")),
    Figure("denied", "不予公开", _t3_sum("denied_")),
    Figure("unable", "无法提供", _t3_sum("unable_")),
    Figure("not_processed", "不予处理", _t3_sum("np_")),
    Figure("other_handling", "其他处理", _t3_sum("other_")),
    Figure("carried_forward", "结转下年度继续办理", _t3("carried_forward")),
    Figure("regulations_made", "制发规章", ("table2.regulations.made",)),
    Figure("normative_made", "制发行政规范性文件", ("table2.normative_docs.made",)),
    Figure("normative_repealed", "废止行政规范性文件", ("table2.normative_docs.repealed",)),
    Figure("normative_valid", "现行有效行政规范性文件", ("table2.normative_docs.valid",)),
    Figure("licensing", "行政许可决定", ("table2.licensing.decisions",)),
    Figure("punishment", "行政处罚决定", ("table2.punishment.decisions",)),
    Figure("coercion", "行政强制决定", ("table2.coercion.decisions",)),
    Figure("fees", "行政事业性收费", (fmt.FEE_KEY,), "万元"),
    Figure("review", "行政复议", ("table4.review.total",)),
    Figure(
        "suit", "行政诉讼", ("table4.suit_direct.total", "table4.suit_after_review.total")
    ),
)

def _alias(fig_id: str, label: str, *units: str) -> Figure:
    base = next(f for f in FIGURES if f.id == fig_id)
    return Figure(f"{fig_id}:{label}", label, base.cells, base.unit, alias=True, units=units)


# Other ways published reports state the same figures (the clerk's wording, recognised only).
FIGURES += (
    _alias("new_received", "收到政府信息公开申请"),
    _alias("new_received", "新收申请"),
    _alias("new_received", "收到申请"),
    _alias("new_received", "受理政府信息公开申请"),
    _alias("carried_over", "上年度结转"),
    _alias("carried_over", "上一年度结转"),
    _alias("results_total", "答复政府信息公开申请"),  # 2023 上海: “答复政府信息公开申请34430件”
    _alias("results_total", "办结政府信息公开申请"),
    _alias("results_total", "办结"),
    _alias("results_total", "答复"),
    _alias("results_total", "办理完毕"),
    _alias("carried_forward", "结转下年度"),
    _alias("carried_forward", "结转下一年度"),
    _alias("carried_forward", "结转至下年度"),
    _alias("regulations_made", "出台规章", "部"),
    _alias("normative_made", "印发行政规范性文件", "份"),
    _alias("normative_made", "制定行政规范性文件", "份"),
    _alias("normative_made", "出台行政规范性文件", "份"),
    _alias("normative_valid", "现行有效的行政规范性文件", "份"),
    _alias("licensing", "行政许可", "项"),
    _alias("punishment", "行政处罚", "项"),
    _alias("coercion", "行政强制", "项"),
    _alias("review", "被申请行政复议"),
    _alias("suit", "被提起行政诉讼"),
)
FIGURE_BY_ID = {f.id: f for f in FIGURES}


@dataclass(frozen=True)
class Quoted:
    """A figure found in a text, with what it says and what the tables say."""

    figure: Figure
    section: str
    said: Decimal
    table: Decimal
    snippet: str
    start: int = 0  # the snippet's range in the section's text
    end: int = 0


def quoted(stats: "Stats", texts: dict[str, str]) -> list[Quoted]:
    """Return every figure quoted in ``texts`` (section no → text), the longest wording first
    where two wordings overlap ("结转下年度继续办理5件" is one figure, not two)."""
    out: list[Quoted] = []
    for no, text in texts.items():
        plain = strip_tags(text or "")
        found: list[Quoted] = []
        for fig in FIGURES:
            expected = fig.value(stats)
            if expected is None:
                continue
            for m in fig.pattern.finditer(plain):
                said = Decimal(m.group(1).replace(",", ""))
                found.append(Quoted(fig, no, said, expected, m.group(0), m.start(), m.end()))
        found.sort(key=lambda q: (q.end, -(q.end - q.start)))
        for q in found:  # the same number claimed by several wordings: keep the longest
            if not any(o.end == q.end and o.section == q.section for o in out):
                out.append(q)
    return sorted(out, key=lambda q: (q.section, q.start))


def mismatches(stats: "Stats", texts: dict[str, str]) -> list[Quoted]:
    """Return the figures quoted in ``texts`` (section no → text) that differ from the tables."""
    return [q for q in quoted(stats, texts) if q.said != q.table]


_TAG_RE = re.compile(r"<[^>]+>")


def strip_tags(text: str) -> str:
    """Return plain text from the editor's rich text (HTML) or plain text."""
    if "<" not in text:
        return text
    return re.sub(r"&nbsp;", " ", _TAG_RE.sub("", text))
