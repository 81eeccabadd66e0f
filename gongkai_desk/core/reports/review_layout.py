"""Column sizes of the review table, in characters of the table's type size (every layout uses them).

Each column has a minimum it never goes below (a 存在问题 or an empty 落实情况, the column a
meeting fills in by hand, keeps room to write in), wants its content's typical width, and is
capped so one essay cannot squeeze the rest. Headers break only between their words.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from gongkai_desk.core.reports.review_model import ReviewTableData
from gongkai_desk.core.text_width import display_width

# Widths (in characters, cell margins not included) a column never goes below …
MIN_CHARS: dict[str, float] = {
    "number": 2.0, "section": 6.0, "text": 10.0, "lead_units": 4.0, "responsible_units": 4.0,
    "deadline": 4.0, "progress": 8.0, "status": 5.0, "alert": 2.0, "problems": 8.0,
    "next_steps": 8.0, "evidence": 8.0, "note": 4.0,
}
# … an empty hand-filled column's room to write in …
EMPTY_CHARS: dict[str, float] = {"progress": 14.0, "problems": 10.0, "next_steps": 10.0, "evidence": 10.0}
# … and above when sized to its content.
MAX_CHARS: dict[str, float] = {
    "number": 4.0, "status": 5.0, "alert": 4.0, "deadline": 6.0, "lead_units": 6.0,
    "responsible_units": 8.0, "note": 4.0, "section": 10.0,
}
_SHORT = 12.0  # columns capped at or under this many characters get exactly what they need
PAD = 1.0  # cell margins and font differences, in characters
# Where a header may break: between its words, never inside one ("存在/问题", not "存在问/题").
HEADER_BREAKS: dict[str, int] = {"逾期/提示": 3}


def printed_columns(table: ReviewTableData) -> list[tuple[str, str]]:
    """Return (key, header) of the columns printed as columns ("section" prints as rows)."""
    return [(k, h) for k, h in zip(table.columns, table.headers) if k != "section"]


def _header_parts(header: str) -> list[str]:
    at = HEADER_BREAKS.get(header, len(header) // 2 if len(header) >= 4 else 0)
    return [header[:at], header[at:]] if at else [header]


def header_text(header: str, width_chars: float) -> str:
    """Return ``header`` as printed in a column ``width_chars`` wide (margins included):
    whole when it fits, else broken between its words with a line break."""
    if display_width(header) <= width_chars - PAD + 0.01:
        return header
    return "\n".join(_header_parts(header))


def _header_min(header: str) -> float:
    return max(display_width(p) for p in _header_parts(header))


def _all_rows(table: ReviewTableData):
    return [row for sec in table.sections for row in sec.rows]


def column_weights(table: ReviewTableData, columns: Sequence[tuple[str, str]] | None = None) -> list[float]:
    """Return the width in characters each column would like (margins not included).

    Short columns (序号, 状态, 时限, 单位) want their longest line; long text columns their
    typical (80th-percentile) length; both capped, never under the column's minimum.
    """
    columns = list(columns if columns is not None else printed_columns(table))
    rows = _all_rows(table)
    # Percentiles need no more than a few hundred rows: sample big tables evenly.
    sample = rows[:: max(1, len(rows) // 400)]
    weights = []
    for key, header in columns:
        cap = MAX_CHARS.get(key, 40.0)
        if cap <= _SHORT:
            typical = _longest_line(row.cells.get(key, "") for row in rows)
        else:
            lengths = sorted(display_width(row.cells.get(key, "")) for row in sample)
            typical = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0.0
        want = max(_header_min(header), minimum_chars(table, key, header), min(typical, cap))
        weights.append(want)
    return weights


def minimum_chars(table: ReviewTableData, key: str, header: str = "") -> float:
    """The width (characters, margins not included) column ``key`` never goes below."""
    low = MIN_CHARS.get(key, 4.0)
    if key in EMPTY_CHARS and not any(row.cells.get(key) for row in _all_rows(table)):
        low = EMPTY_CHARS[key]
    return max(low, _header_min(header) if header else 0.0)


def _longest_line(texts: Iterable[str]) -> float:
    """Return the display width of the longest line among ``texts``."""
    best = 0.0
    for text in texts:
        if len(text) <= best:
            continue  # display width never exceeds the length: cannot beat the best
        for line in text.split("\n"):
            best = max(best, display_width(line))
    return best


def minimum_total(table: ReviewTableData, columns: Sequence[tuple[str, str]] | None = None) -> float:
    """The narrowest the columns may be together (characters, margins included), empty
    columns' writing room kept."""
    columns = list(columns if columns is not None else printed_columns(table))
    return sum(minimum_chars(table, k, h) + PAD for k, h in columns)


def choose_size(table: ReviewTableData, width_pt: float, sizes: Sequence[tuple[int, float]]) -> float:
    """The type size of a table ``width_pt`` wide: the size for its column count (``sizes``:
    (most columns, size) pairs), or a smaller one of ``sizes`` when the columns' minimums would
    not fit at that size."""
    n = len(printed_columns(table))
    ordered = sorted({size for _, size in sizes}, reverse=True)
    preferred = next(size for most, size in sizes if n <= most)
    floor = minimum_total(table)
    for size in ordered[ordered.index(preferred):]:
        if floor * size <= width_pt:
            return size
    return ordered[-1]


def fit_widths(table: ReviewTableData, budget: float,
               columns: Sequence[tuple[str, str]] | None = None) -> list[float]:
    """Return column widths in characters (cell margins included) that add up to ``budget``.

    Every column first gets its minimum; short columns then get what they want; long text
    columns share the rest in proportion to what they want beyond their minimum. Only when
    the minimums themselves do not fit do all columns shrink alike.
    """
    columns = list(columns if columns is not None else printed_columns(table))
    keys = [k for k, _ in columns]
    want = column_weights(table, columns)
    low = [minimum_chars(table, k, h) for k, h in columns]
    floor = sum(m + PAD for m in low)
    if floor >= budget:
        # Too many columns: empty columns give up their extra writing room first, then all
        # shrink alike from their minimums.
        low = [max(MIN_CHARS.get(k, 4.0), _header_min(h)) for k, h in columns]
        floor = sum(m + PAD for m in low)
        want = [max(w, m) for w, m in zip(want, low)]
    if floor >= budget:
        return [(m + PAD) * budget / floor for m in low]
    short = [MAX_CHARS.get(k, 40.0) <= _SHORT for k in keys]
    rest = budget - floor
    short_extra = sum(w - m for w, m, s in zip(want, low, short) if s)
    if short_extra >= rest or all(short):
        scale = rest / short_extra if short_extra else 0.0
        widths = [m + PAD + ((w - m) * scale if s else 0.0) for w, m, s in zip(want, low, short)]
        if all(short) and short_extra < rest:  # nothing long to take the rest: share it alike
            widths = [x * budget / sum(widths) for x in widths]
        return widths
    widths = [w + PAD if s else 0.0 for w, s in zip(want, short)]
    long_budget = budget - sum(widths)
    free = [i for i, s in enumerate(short) if not s]
    # Long columns share what is left in proportion to what they want; one that would fall under
    # its minimum gets the minimum and the others share the remainder.
    while free:
        total = sum(want[i] for i in free)
        under = [i for i in free if long_budget * want[i] / total < low[i] + PAD]
        if not under:
            for i in free:
                widths[i] = long_budget * want[i] / total
            break
        for i in under:
            widths[i] = low[i] + PAD
            long_budget -= low[i] + PAD
            free.remove(i)
    return widths
