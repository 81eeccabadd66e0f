"""Statistics workbooks returned by sub-units, summed: who returned, who has not, and each
total traced to its parts (shown before anything is stored)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from gongkai_desk.core.annual.stats import Stats, StatsValueError
from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.exchange.stats_workbook import read_workbook_unit, sum_all


@dataclass(frozen=True)
class UnitReturn:
    """One returned workbook: the unit that filled it in, its file name, its cells."""

    unit: str
    file: str
    stats: Stats


@dataclass(frozen=True)
class Returns:
    """Several returned workbooks and their cell-wise sum."""

    parts: list[UnitReturn]
    total: Stats

    def units(self) -> list[str]:
        return [p.unit for p in self.parts]

    def duplicates(self) -> list[str]:
        """Units that returned more than one workbook (their figures would count twice)."""
        seen, dup = set(), []
        for u in self.units():
            if u in seen and u not in dup:
                dup.append(u)
            seen.add(u)
        return dup

    def missing(self, expected: Iterable[str], canonical: Callable[[str], str] = str) -> list[str]:
        """Return the ``expected`` units that returned nothing (``canonical`` maps a name the
        unit wrote to the directory's name, e.g. through aliases)."""
        got = {canonical(u) for u in self.units()}
        return [u for u in expected if u not in got]

    def blanks(self) -> dict[str, int]:
        """Return unit → number of cells it left blank (their sums stay blank)."""
        return {p.unit: len(p.stats.blank_keys()) for p in self.parts if p.stats.blank_keys()}

    def trace(self, key: str) -> str:
        """Return how a summed cell is made up: "区财政局 3 + 区教育局 2 = 5"."""
        terms = [f"{p.unit} {p.stats.get(key) if p.stats.get(key) is not None else '未填'}"
                 for p in self.parts]
        total = self.total.get(key)
        return " + ".join(terms) + f" = {total if total is not None else '（有单位未填，未合计）'}"

    def summary(self, missing: list[str]) -> str:
        """One paragraph for the import preview: returned, not returned, blanks, duplicates."""
        got = "、".join(f"{p.unit}（{p.file}）" for p in self.parts)
        lines = [f"已收到{len(self.parts)}个单位的统计表：{got}。"]
        if missing:
            lines.append(f"尚未收到{len(missing)}个单位的统计表：{'、'.join(missing)}。")
        for unit, n in self.blanks().items():
            sums = "没有合计，" if len(self.parts) > 1 else ""
            lines.append(f"{unit}有{n}个单元格未填写，这些单元格{sums}保留已有的数字。")
        for unit in self.duplicates():
            lines.append(f"注意：{unit}交了不止一份统计表，它的数字会被重复相加。")
        return "\n".join(lines)


def read_returns(paths: Iterable[str | os.PathLike[str]], year: int) -> Returns:
    """Read returned workbooks and sum them; every bad cell of every file is named."""
    parts, problems = [], []
    for path in paths:
        try:
            stats, unit = read_workbook_unit(path, year)
        except StatsValueError as e:
            problems += e.problems
            continue
        parts.append(UnitReturn(unit, Path(path).name, stats))
    if problems:
        raise StatsValueError(problems)
    if not parts:
        raise ImportFormatError("没有选择要导入的统计表。")
    total = parts[0].stats if len(parts) == 1 else sum_all([p.stats for p in parts], year)
    return Returns(parts, total)
