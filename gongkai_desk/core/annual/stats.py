"""A year's statistics as a value object over the cell dict, and the CLI JSON form.

Values are kept as text ("12", "3.50") so amounts stay exact; ``None`` means "not filled"
(BLANK-CELL), which is never the same as 0.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Mapping

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.errors import ValidationError

_INT_RE = re.compile(r"^\+?\d+$")
_DEC_RE = re.compile(r"^\d+(\.\d+)?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．＋－", "0123456789.+-")
# No count or amount (万元) of a year's report comes near this; larger values are slips
# (and beyond Decimal's 28 digits the arithmetic would no longer be exact).
LIMIT = 10 ** 12
# 收费金额 is in 万元: four decimals are one yuan, as published reports give it (1234.5678).
FEE_DECIMALS = 4
# Past this many decimals a number is no amount at all (1e-3000), only a slip or junk.
# Far beyond any amount (four decimals are exact to the yuan; more is only a warning, CLI.md):
# the bound keeps a pasted 1e-999999 from becoming a million digits.
MAX_FEE_DECIMALS = 30
MAX_DIGITS = 40


class StatsValueError(ValidationError):
    """Cells whose values are refused (NONNEG-INT, unknown keys); ``problems`` names each cell."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        lines = [msg for _, msg in problems]
        head = f"统计数据有{len(problems)}处错误，未保存："
        super().__init__(head + "\n" + "\n".join(lines))


def value_problem(key: str, raw: Any) -> str | None:
    """Return why ``raw`` is not a valid value for cell ``key`` (a Chinese sentence), or None."""
    try:
        parse_value(key, raw)
    except ValueError as e:
        return str(e)
    return None


def parse_value(key: str, raw: Any) -> str | None:
    """Return the canonical text of ``raw`` for cell ``key``; None for blank.

    Counts are non-negative whole numbers; 收费金额 is a non-negative amount kept exactly as
    written ("1.50" stays "1.50"; more than four decimals is only a warning, see
    ``fee_decimals``). Raises ValueError with a Chinese sentence naming the cell otherwise.
    """
    if raw is None:
        return None
    where = fmt.cell_label(key)
    if isinstance(raw, bool):
        raise ValueError(f"{where}的值“{raw}”不是数字。")
    if isinstance(raw, Decimal) and raw.is_finite() and abs(raw.as_tuple().exponent) > MAX_DIGITS:
        raise ValueError(f"{where}的值“{raw}”位数过多，不是有效数字。")  # 1e999999999: no 10⁹ digits
    if isinstance(raw, (int, float, Decimal)):
        # A JSON number read as Decimal keeps its digits: 1234.5000 stays "1234.5000", 1E+3 is "1000".
        text = repr(raw) if isinstance(raw, float) else format(raw, "f") if isinstance(raw, Decimal) else str(raw)
        if isinstance(raw, float) and text.endswith(".0"):
            text = text[:-2]  # 12.0 from a JSON float or Excel is the number 12, not "12.0"
    else:
        text = str(raw).strip().translate(_FULLWIDTH).replace(",", "")
    if text == "":
        return None
    if fmt.is_decimal(key):
        return _parse_amount(text, where)
    if text.endswith(".0") and _INT_RE.match(text[:-2]):  # 12.0 from a JSON float or Excel
        text = text[:-2]
    if text.startswith("-"):
        raise ValueError(f"{where}的值“{text}”是负数，只能填写0或正整数。")
    if not _INT_RE.match(text):
        raise ValueError(f"{where}的值“{text}”不是整数，只能填写0或正整数。")
    if len(text.lstrip("+").lstrip("0")) > len(str(LIMIT - 1)):  # no int() of 5000 digits
        raise ValueError(f"{where}的值“{text}”过大，请核对（应小于{LIMIT}）。")
    return str(int(text))


def _parse_amount(text: str, where: str) -> str:
    if text.startswith("-"):
        raise ValueError(f"{where}的值“{text}”是负数，收费金额只能填写0或正数（万元）。")
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{where}的值“{text}”不是数字，收费金额以万元为单位填写。") from None
    if not d.is_finite():
        raise ValueError(f"{where}的值“{text}”不是数字，收费金额以万元为单位填写。")
    if d >= LIMIT:
        raise ValueError(f"{where}的值“{text}”过大，请核对（收费金额以万元为单位，应小于{LIMIT}）。")
    if -d.as_tuple().exponent > MAX_FEE_DECIMALS:  # type: ignore[operator]
        raise ValueError(f"{where}的值“{text}”小数位数过多，不是有效金额（万元，保留四位小数即精确到元）。")
    canon = format(d, "f")  # the digits as written: "1.50" stays "1.50", "+3" becomes "3"
    if not _DEC_RE.match(canon):
        raise ValueError(f"{where}的值“{text}”不是有效金额。")
    return canon


def fee_decimals(text: str | None) -> int:
    """Return how many decimals a stored amount was written with (0 for blank or a count)."""
    if not text or "." not in text:
        return 0
    return len(text.split(".", 1)[1])


class Stats:
    """One year's 200 statistics cells (text or None), keyed as in ``format.ALL_KEYS``."""

    def __init__(self, year: int, cells: Mapping[str, str | None] | None = None) -> None:
        self.year = year
        self._cells: dict[str, str | None] = {k: None for k in fmt.ALL_KEYS}
        for k, v in (cells or {}).items():
            if k in self._cells:
                self._cells[k] = None if v is None or str(v).strip() == "" else str(v)

    # ------------------------------------------------------------ access
    def get(self, key: str) -> str | None:
        """Return the cell's stored text, None when not filled."""
        return self._cells[key]

    def number(self, key: str) -> Decimal | None:
        """Return the cell as a number, None when blank or not a valid value."""
        v = self._cells[key]
        if v is None:
            return None
        try:
            return Decimal(parse_value(key, v) or "0")
        except ValueError:
            return None

    def count(self, key: str) -> int | None:
        """Return a count cell as int (None when blank or invalid)."""
        n = self.number(key)
        return None if n is None else int(n)

    def set(self, key: str, raw: Any) -> None:
        """Store ``raw`` after validation (ValueError with a Chinese sentence when refused)."""
        if key not in self._cells:
            raise ValueError(f"未知的统计单元格“{key}”。")
        self._cells[key] = parse_value(key, raw)

    def cells(self) -> dict[str, str | None]:
        """Return a copy of every cell (blank as None)."""
        return dict(self._cells)

    def blank_keys(self) -> list[str]:
        """Return the keys of cells not filled in."""
        return [k for k, v in self._cells.items() if v is None]

    def copy(self) -> "Stats":
        return Stats(self.year, self._cells)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stats) and other.year == self.year and other._cells == self._cells

    def __repr__(self) -> str:
        filled = sum(v is not None for v in self._cells.values())
        return f"Stats(year={self.year}, filled={filled}/{len(self._cells)})"

    # ------------------------------------------------------------ arithmetic
    def plus(self, other: "Stats") -> "Stats":
        """Return the cell-wise sum (a cell stays blank only when blank on both sides)."""
        out = Stats(self.year)
        for k in fmt.ALL_KEYS:
            a, b = self.number(k), other.number(k)
            if a is None and b is None:
                continue
            total = (a or Decimal(0)) + (b or Decimal(0))
            out._cells[k] = format(total, "f") if fmt.is_decimal(k) else str(int(total))
        return out

    def merged(self, incoming: "Stats", *, replace: bool = False) -> "Stats":
        """Return these cells with ``incoming``'s written over them.

        A blank cell in ``incoming`` means "not filled in there": it keeps the stored value,
        unless ``replace`` (then the result is ``incoming`` itself).
        """
        if replace:
            return Stats(self.year, incoming._cells)
        return Stats(self.year, {k: incoming._cells[k] if incoming._cells[k] is not None else v
                                 for k, v in self._cells.items()})

    def kept_by_blanks(self, incoming: "Stats") -> list[str]:
        """Return the keys blank in ``incoming`` whose stored value a merge keeps."""
        return [k for k in fmt.ALL_KEYS if incoming._cells[k] is None and self._cells[k] is not None]

    def diff(self, other: "Stats") -> list[tuple[str, str | None, str | None]]:
        """Return (key, mine, theirs) for each cell that differs."""
        return [(k, self._cells[k], other._cells[k]) for k in fmt.ALL_KEYS
                if self._cells[k] != other._cells[k]]

    # ------------------------------------------------------------ JSON
    def to_json(self, *, exact: bool = False) -> dict[str, Any]:
        """Return the CLI JSON object: every cell present, null for blank.

        :param exact: amounts as ``Decimal`` with their digits as written (for ``jsontext.dumps``,
            which prints 1234.5000 as is), rather than as floats."""
        out: dict[str, Any] = {"year": self.year}
        for key in fmt.ALL_KEYS:
            table, row, col = key.split(".")
            out.setdefault(table, {}).setdefault(row, {})[col] = _json_value(key, self._cells[key], exact)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, year: int | None = None) -> "Stats":
        """Parse the CLI JSON; raise StatsValueError naming every refused or unknown cell."""
        if not isinstance(data, Mapping):
            raise StatsValueError([("", "统计数据必须是一个JSON对象。")])
        y = year if year is not None else data.get("year")
        if not isinstance(y, int):
            raise StatsValueError([("year", "统计数据缺少年份（\"year\"）。")])
        problems: list[tuple[str, str]] = []
        values: dict[str, Any] = {}
        for table in ("table2", "table3", "table4"):
            rows = data.get(table) or {}
            if not isinstance(rows, Mapping):
                problems.append((table, f"“{table}”必须是一个对象。"))
                continue
            for row, cols in rows.items():
                if not isinstance(cols, Mapping):
                    problems.append((f"{table}.{row}", f"“{table}.{row}”必须是一个对象。"))
                    continue
                for col, raw in cols.items():
                    values[f"{table}.{row}.{col}"] = raw
        for extra in sorted(set(data) - {"year", "table2", "table3", "table4"}):
            problems.append((extra, f"未知的键“{extra}”。"))
        stats = cls(y)
        problems += _assign(stats, values.items())
        missing = [k for k in fmt.ALL_KEYS if k not in values]
        if missing:
            # A partial file would blank every other stored cell: the JSON lists every cell.
            problems.append((MISSING, missing_cells_message(missing)))
        if problems:
            raise StatsValueError(problems)
        return stats


MISSING = "missing"  # the problem key of "cells left out of the JSON" (not a cell key)


def missing_cells_message(missing: list[str]) -> str:
    """One Chinese sentence: how many cells the JSON leaves out, naming the first few."""
    shown = "、".join(f"{k}（{fmt.cell_label(k)}）" for k in missing[:3])
    more = "等" if len(missing) > 3 else ""
    return (f"JSON 文件缺少{len(missing)}个单元格：{shown}{more}；文件必须列出全部"
            f"{len(fmt.ALL_KEYS)}个单元格，未填写的单元格请写 null。")


def _assign(stats: Stats, items: Iterable[tuple[str, Any]]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for key, raw in items:
        if key not in fmt.KEY_SET:
            problems.append((key, f"未知的统计单元格“{key}”（表名、行或列的键名有误）。"))
            continue
        try:
            stats.set(key, raw)
        except ValueError as e:
            problems.append((key, str(e)))
    return problems


def stats_from_cells(year: int, values: Mapping[str, Any]) -> Stats:
    """Build Stats from raw cell values; raise StatsValueError naming every refused cell."""
    stats = Stats(year)
    problems = _assign(stats, values.items())
    if problems:
        raise StatsValueError(problems)
    return stats


def _json_value(key: str, v: str | None, exact: bool = False) -> Any:
    if v is None:
        return None
    try:
        canon = parse_value(key, v)
    except ValueError:
        return v  # invalid stored text is shown as is, so the clerk sees what is wrong
    if canon is None:
        return None
    if fmt.is_decimal(key):
        return Decimal(canon) if exact else float(canon)
    return int(canon)
