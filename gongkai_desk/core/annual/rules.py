"""The format's consistency rules (§5 and §9 of the format file) and the 总计 filler.

Errors block the export; warnings are shown but do not. Arithmetic rules are only checked once
every cell they involve is filled: a blank cell is reported once, as BLANK-CELL.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Mapping

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.figures import FIGURES
from gongkai_desk.core.annual.findings import ERROR, WARNING, RuleFailure, errors
from gongkai_desk.core.annual.stats import FEE_DECIMALS, Stats, fee_decimals, value_problem
from gongkai_desk.core.annual.text_rules import check_texts

ERROR_RULES = ("T3-IDENTITY", "T3-ROWSUM", "T3-RESULTSUM", "T4-SUM", "NONNEG-INT", "BLANK-CELL")
WARNING_RULES = ("FEE-PRECISION", "X-CARRY", "X-VALID", "X-JUMP", "TXT-TABLE", "TXT-COPY",
                 "TXT-YEAR", "TXT-ORDER", "TXT-FEE")
JUMP_FACTOR = 5  # a figure more than five times (or under a fifth of) last year's is worth a look
JUMP_MIN = 10  # … unless both years are small numbers (2 → 11 applications is no anomaly)
__all__ = ["ERROR", "WARNING", "RuleFailure", "check", "errors", "fill_totals", "apply_proposals"]


def check(
    stats: Stats,
    *,
    previous: Stats | None = None,
    texts: Mapping[str, str] | None = None,
    previous_texts: Mapping[str, str] | None = None,
) -> list[RuleFailure]:
    """Return every failing rule, errors first, in the tables' reading order."""
    out = _nonneg_int(stats) + _blank(stats) + _t3_identity(stats) + _t3_rowsum(stats)
    out += _t3_resultsum(stats) + _t4_sum(stats) + _fee_precision(stats)
    if previous is not None:
        out += _x_carry(stats, previous) + _x_valid(stats, previous) + _x_jump(stats, previous)
    if texts:
        out += check_texts(stats, texts, previous_texts or {})
    return out


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


def _fee_precision(stats: Stats) -> list[RuleFailure]:
    text = stats.get(fmt.FEE_KEY)
    n = fee_decimals(text)
    if n <= FEE_DECIMALS or stats.number(fmt.FEE_KEY) is None:
        return []
    return [RuleFailure(
        "FEE-PRECISION", WARNING, [fmt.FEE_KEY],
        f"{fmt.cell_label(fmt.FEE_KEY)}为{text}万元，有{n}位小数，比一元还细；收费金额以万元为单位，"
        f"一般保留{FEE_DECIMALS}位小数（精确到元），请核对。",
    )]


def _x_jump(stats: Stats, previous: Stats) -> list[RuleFailure]:
    out = []
    for fig in FIGURES:
        if fig.alias:
            continue
        now, before = fig.value(stats), fig.value(previous)
        if now is None or before is None:
            continue
        small = max(now, before) < (1 if fig.unit == "万元" else JUMP_MIN)
        if small or (min(now, before) > 0 and max(now, before) <= JUMP_FACTOR * min(now, before)):
            continue
        if min(now, before) == 0 and max(now, before) == 0:
            continue
        what = f"{fig.label}{_s(now)}{fig.unit}"
        then = f"{previous.year}年为{_s(before)}{fig.unit}"
        if before == 0:
            how = f"而{then}"
        elif now > before:
            how = f"是上年的{now / before:.1f}倍（{then}）"
        else:
            how = f"不到上年的五分之一（{then}）"
        out.append(RuleFailure(
            "X-JUMP", WARNING, list(fig.cells),
            f"{what}，{how}，变化超过五倍，请核对是否填错或在正文中说明原因。",
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
