"""The format's consistency rules (§5 and §9 of the format file) and the 总计 filler.

Errors block the export; warnings are shown but do not. Arithmetic rules are only checked once
every cell they involve is filled: a blank cell is reported once, as BLANK-CELL.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.figures import strip_tags, mismatches
from gongkai_desk.core.annual.stats import Stats, value_problem

ERROR = "error"
WARNING = "warning"
ERROR_RULES = ("T3-IDENTITY", "T3-ROWSUM", "T3-RESULTSUM", "T4-SUM", "NONNEG-INT", "BLANK-CELL")
WARNING_RULES = ("X-CARRY", "X-VALID", "TXT-TABLE", "TXT-COPY")
COPY_RATIO = 0.9  # above this similarity a section reads as last year's text re-used
COPY_MIN_CHARS = 40  # short stock sentences ("本年度无。") are allowed to repeat


@dataclass(frozen=True)
class RuleFailure:
    """One broken rule: its id, severity, the cells involved and a Chinese sentence."""

    rule_id: str
    severity: str  # "error" | "warning"
    cells: list[str]
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_line(self) -> str:
        """Return "[RULE] message (cells)" for the CLI and error dialogs."""
        return f"[{self.rule_id}] {self.message}（单元格：{'、'.join(self.cells)}）"


def check(
    stats: Stats,
    *,
    previous: Stats | None = None,
    texts: Mapping[str, str] | None = None,
    previous_texts: Mapping[str, str] | None = None,
) -> list[RuleFailure]:
    """Return every failing rule, errors first, in the tables' reading order."""
    out = _nonneg_int(stats) + _blank(stats) + _t3_identity(stats) + _t3_rowsum(stats)
    out += _t3_resultsum(stats) + _t4_sum(stats)
    if previous is not None:
        out += _x_carry(stats, previous) + _x_valid(stats, previous)
    if texts:
        out += _txt_table(stats, texts)
        if previous_texts:
            out += _txt_copy(texts, previous_texts)
    return out


def errors(failures: list[RuleFailure]) -> list[RuleFailure]:
    """Return only the error-level failures."""
    return [f for f in failures if f.is_error]


# ------------------------------------------------------------------ helpers
def _n(stats: Stats, keys: list[str]) -> list[Decimal] | None:
    """Return the numbers of ``keys``, or None when one is blank or invalid (checked elsewhere)."""
    vals = [stats.number(k) for k in keys]
    return None if any(v is None for v in vals) else vals  # type: ignore[return-value]


def _s(d: Decimal) -> str:
    return str(int(d)) if d == d.to_integral() else format(d, "f")


def _col_label(col: str) -> str:
    return next(c.label for c in fmt.T3_COLUMNS if c.key == col)


# ------------------------------------------------------------------ errors
def _nonneg_int(stats: Stats) -> list[RuleFailure]:
    out = []
    for key, v in stats.cells().items():
        if v is not None and (msg := value_problem(key, v)):
            out.append(RuleFailure("NONNEG-INT", ERROR, [key], msg))
    return out


def _blank(stats: Stats) -> list[RuleFailure]:
    out = []
    names = {"table2": "表二", "table3": "表三", "table4": "表四"}
    for table, name in names.items():
        blank = [k for k in stats.blank_keys() if k.startswith(table + ".")]
        if not blank:
            continue
        first = fmt.cell_label(blank[0]).removeprefix(name)
        where = f"：{first}" if len(blank) == 1 else f"，如{first}"
        out.append(RuleFailure(
            "BLANK-CELL", ERROR, blank,
            f"{name}有{len(blank)}个单元格未填写{where}。没有数据的请填0，空白不等于0。",
        ))
    return out


def _t3_identity(stats: Stats) -> list[RuleFailure]:
    out = []
    for col in (c.key for c in fmt.T3_COLUMNS):
        keys = [f"table3.{r}.{col}" for r in
                ("new_received", "carried_over", "results_total", "carried_forward")]
        v = _n(stats, keys)
        if v is None or v[0] + v[1] == v[2] + v[3]:
            continue
        out.append(RuleFailure(
            "T3-IDENTITY", ERROR, keys,
            f"表三“{_col_label(col)}”列：第一项加第二项之和（{_s(v[0])}+{_s(v[1])}={_s(v[0] + v[1])}）"
            f"不等于第三项加第四项之和（{_s(v[2])}+{_s(v[3])}={_s(v[2] + v[3])}）。",
        ))
    return out


def _sum_failure(stats: Stats, rule_id: str, parts: list[str], total: str, message) -> RuleFailure | None:
    """A failure when the filled ``parts`` do not add up to ``total``; ``message(total, sum)``."""
    v = _n(stats, parts + [total])
    if v is None or sum(v[:-1]) == v[-1]:
        return None
    return RuleFailure(rule_id, ERROR, parts + [total], message(_s(v[-1]), _s(sum(v[:-1]))))


def _t3_rowsum(stats: Stats) -> list[RuleFailure]:
    found = (_sum_failure(
        stats, "T3-ROWSUM", [f"table3.{row.key}.{c}" for c in fmt.T3_PART_KEYS], f"table3.{row.key}.total",
        lambda total, parts, row=row: f"表三“{fmt.short_row_label('table3', row.key)}”行：总计为{total}，"
                                      f"但自然人与法人或其他组织各列之和为{parts}。",
    ) for row in fmt.T3_ROWS)
    return [f for f in found if f]


def _t3_resultsum(stats: Stats) -> list[RuleFailure]:
    found = (_sum_failure(
        stats, "T3-RESULTSUM", [f"table3.{r}.{col}" for r in fmt.T3_RESULT_LEAVES], f"table3.results_total.{col}",
        lambda total, parts, col=col: f"表三“{_col_label(col)}”列：（七）总计为{total}，"
                                      f"但（一）至（六）各项办理结果之和为{parts}。",
    ) for col in (c.key for c in fmt.T3_COLUMNS))
    return [f for f in found if f]


def _t4_sum(stats: Stats) -> list[RuleFailure]:
    found = (_sum_failure(
        stats, "T4-SUM", [f"table4.{g.key}.{c}" for c in fmt.T4_PART_KEYS], f"table4.{g.key}.total",
        lambda total, parts, g=g: f"表四“{fmt.short_row_label('table4', g.key)}”：总计为{total}，"
                                  f"但结果维持、结果纠正、其他结果、尚未审结之和为{parts}。",
    ) for g in fmt.T4_GROUPS)
    return [f for f in found if f]


# ------------------------------------------------------------------ warnings
def _x_carry(stats: Stats, previous: Stats) -> list[RuleFailure]:
    out = []
    for col in (c.key for c in fmt.T3_COLUMNS):
        now = stats.number(f"table3.carried_over.{col}")
        before = previous.number(f"table3.carried_forward.{col}")
        if now is None or before is None or now == before:
            continue
        out.append(RuleFailure(
            "X-CARRY", WARNING, [f"table3.carried_over.{col}"],
            f"表三“{_col_label(col)}”列：上年结转为{_s(now)}，但{previous.year}年报告的"
            f"“结转下年度继续办理”为{_s(before)}。",
        ))
    return out


def _x_valid(stats: Stats, previous: Stats) -> list[RuleFailure]:
    out = []
    for row in ("regulations", "normative_docs"):
        keys = [f"table2.{row}.{c}" for c in ("made", "repealed", "valid")]
        v = _n(stats, keys)
        before = previous.number(f"table2.{row}.valid")
        if v is None or before is None:
            continue
        expected = before + v[0] - v[1]
        if expected == v[2]:
            continue
        label = fmt.row_label("table2", row)
        out.append(RuleFailure(
            "X-VALID", WARNING, keys,
            f"表二“{label}”：现行有效件数为{_s(v[2])}，但上年现行有效{_s(before)}件加本年制发"
            f"{_s(v[0])}件减本年废止{_s(v[1])}件应为{_s(expected)}件（到期失效或清理的，可忽略）。",
        ))
    return out


def _txt_table(stats: Stats, texts: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    for q in mismatches(stats, dict(texts)):
        out.append(RuleFailure(
            "TXT-TABLE", WARNING, list(q.figure.cells),
            f"第{q.section}部分正文写“{q.snippet}”，但表格中为{_s(q.table)}{q.figure.unit}。",
        ))
    return out


def _txt_copy(texts: Mapping[str, str], previous: Mapping[str, str]) -> list[RuleFailure]:
    out = []
    for no, text in texts.items():
        a, b = strip_tags(text or "").strip(), strip_tags(previous.get(no) or "").strip()
        if len(a) < COPY_MIN_CHARS or len(b) < COPY_MIN_CHARS:
            continue
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        if ratio >= COPY_RATIO:
            out.append(RuleFailure(
                "TXT-COPY", WARNING, [],
                f"第{no}部分正文与上年报告几乎相同（相似度{ratio:.0%}）；年报内容雷同属于问责情形，"
                "请按本年度实际情况撰写。",
            ))
    return out


# ------------------------------------------------------------------ 总计 filler
@dataclass(frozen=True)
class TotalProposal:
    """A 总计 cell the filler would set: ``typed`` when it would overwrite a typed number."""

    key: str
    old: str | None
    new: str
    typed: bool


def fill_totals(stats: Stats, typed: set[str]) -> list[TotalProposal]:
    """Propose 总计 cells (table 三 rows and （七）总计, table 四 groups) from their parts.

    Only totals whose parts are all filled are proposed, and only where the value would change;
    ``typed`` (cells the clerk typed) marks the proposals that need the clerk's consent.
    """
    work = stats.copy()
    proposals: dict[str, TotalProposal] = {}

    def propose(key: str, parts: list[str]) -> None:
        v = _n(work, parts)
        if v is None:
            return
        new = _s(sum(v, Decimal(0)))
        old = work.get(key)
        if old == new:
            return
        proposals[key] = TotalProposal(key, stats.get(key), new, key in typed and old is not None)
        work.set(key, new)

    for col in fmt.T3_PART_KEYS:  # （七）总计 per applicant column first, then every row total
        propose(f"table3.results_total.{col}", [f"table3.{r}.{col}" for r in fmt.T3_RESULT_LEAVES])
    for row in fmt.T3_ROWS:
        propose(f"table3.{row.key}.total", [f"table3.{row.key}.{c}" for c in fmt.T3_PART_KEYS])
    for g in fmt.T4_GROUPS:
        propose(f"table4.{g.key}.total", [f"table4.{g.key}.{c}" for c in fmt.T4_PART_KEYS])
    return list(proposals.values())


def apply_proposals(stats: Stats, proposals: list[TotalProposal]) -> Stats:
    """Return a copy of ``stats`` with the proposals written in."""
    out = stats.copy()
    for p in proposals:
        out.set(p.key, p.new)
    return out
