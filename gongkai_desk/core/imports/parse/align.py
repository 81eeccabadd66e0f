"""Recover the rows of a flattened table from the sequence of its cell kinds.

A flattened table is a stream of cells (one per line, between "|" lines or blank lines, or cut out
of run-together text) with the row boundaries lost, and merged cells emitted once, left empty or
shifted. Each column has a role distribution (from its header words); each role accepts some cell
kinds (``kinds.kind``) and costs something when a row leaves it empty (a merged group cell costs
almost nothing, a missing task text a lot). A Viterbi pass over the stream finds the cheapest
assignment of cells to columns — going right within a row, back to the left for a new row, or
staying in a column for a cell cut over two lines — in time linear in the number of cells.

When cells of a kind keep fitting no column (a 序号 under a header cell that spans two columns, a
sub-task column without a header of its own), ``fit_columns`` tries the layout with one more
column of that role and keeps it if it explains the stream much better.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from gongkai_desk.core.imports.units import is_unit_name

# How well each role takes each cell kind (a probability-like weight).
ACCEPT: dict[str, dict[str, float]] = {
    "number": {"num": 1.0},
    "group": {"h1": 1.0, "h2": 1.0, "bare": 1.0, "short": 0.8, "long": 0.02, "units": 0.03, "fragment": 0.05},
    "text": {"long": 1.0, "dated": 0.5, "short": 0.5, "h2": 0.1, "h1": 0.08, "units": 0.03, "status": 0.02},
    "detail": {"long": 1.0, "dated": 0.5, "short": 0.5, "template": 0.3},
    "problems": {"long": 1.0, "short": 0.6, "template": 0.6, "dated": 0.3},
    "measures": {"long": 1.0, "short": 0.6, "template": 0.6, "dated": 0.3},
    "next_steps": {"long": 1.0, "short": 0.6, "template": 0.5},
    "progress": {"long": 1.0, "short": 0.6, "status": 0.9, "template": 0.5, "deadline": 0.3},
    "lead": {"units": 1.0, "short": 0.25, "fragment": 0.3, "template": 0.3},
    "responsible": {"units": 1.0, "short": 0.25, "fragment": 0.3, "template": 0.4},
    "units": {"units": 1.0, "short": 0.25, "fragment": 0.3, "template": 0.4},
    "deadline": {"deadline": 1.0, "dated": 0.9, "status": 0.5, "short": 0.08},
    "status": {"status": 1.0, "template": 0.8, "deadline": 0.5, "short": 0.15},
    "remarks": {"long": 0.3, "short": 0.3, "template": 0.3, "units": 0.1, "deadline": 0.1},
}
# What it costs a row to leave a column of the role empty.
SKIP = {"number": 1.0, "group": 0.1, "text": 3.5, "detail": 0.4, "problems": 0.3, "measures": 0.3,
        "next_steps": 0.3, "progress": 0.4, "lead": 0.8, "responsible": 0.8, "units": 0.8, "deadline": 0.6,
        "status": 0.4, "remarks": 0.05}
NEW_ROW = 0.5
FLOOR = 0.004  # a kind a column never holds
_NEVER = -math.log(FLOOR)
INSERT_PENALTY = 3.0
CUT_PENALTY = 2.0
_INSERTABLE = ("number", "group", "units", "deadline")
_SENT_END = "。；;！!？?)）"


@dataclass
class FlatCell:
    text: str
    kind: str
    srcs: tuple[int, ...] = ()
    line: int = 0
    parts: tuple["FlatCell", ...] = ()  # the cells a continued cell was joined from


@dataclass
class Column:
    weights: dict[str, float]  # role → weight (header evidence), empty: unknown
    header: str = ""
    inserted: bool = False
    emit: dict[str, float] = field(default_factory=dict)
    skip: float = 0.3

    def __post_init__(self) -> None:
        w = {r: v for r, v in self.weights.items() if r in ACCEPT and v > 0}
        # A column without header words takes any cell, but less readily than a named one: a trailing
        # empty header cell ("时限要求 | ||") must not draw the deadlines away from 时限要求.
        top = max(w.values()) if w else 1.0
        if not w:
            w = {r: 0.35 for r in ACCEPT if r != "remarks"}
        w = {r: 0.1 + 0.9 * v / top for r, v in w.items()}
        kinds = {k for acc in ACCEPT.values() for k in acc} | {"fragment", "template"}
        self.emit = {k: -math.log(max(FLOOR, max(v * ACCEPT[r].get(k, FLOOR) for r, v in w.items()))) for k in kinds}
        total = sum(w.values())
        self.skip = sum(v * SKIP.get(r, 0.3) for r, v in w.items()) / total

    @property
    def role(self) -> str:
        return max(self.weights, key=self.weights.get) if self.weights else ""

    def emission(self, cell: FlatCell) -> float:
        return self.emit.get(cell.kind, -math.log(FLOOR))


def header_columns(headers: list[str], evidence: list[dict[str, float]]) -> list[Column]:
    """Columns for a header; of the columns that may hold the task text, only the likeliest does
    ("任务" beside "主要内容" is then a group heading, not a second text column)."""
    weights = [dict(e) for e in evidence]
    texty = [k for k, w in enumerate(weights) if w.get("text", 0) > 0]
    if len(texty) > 1:
        best = max(texty, key=lambda k: (weights[k]["text"], k))
        for k in texty:
            if k != best and any(r != "text" for r in weights[k]):
                weights[k].pop("text")
    cols = [Column(w, h) for w, h in zip(weights, headers)]
    order_groups(cols)
    return cols


def order_groups(cols: list[Column]) -> None:
    """Outer group columns take 一、 headings more readily, inner ones （一）."""
    groups = [c for c in cols if c.role == "group"]
    for k, col in enumerate(groups):
        if k < len(groups) - 1:
            col.emit["h2"] = col.emit.get("h2", 0.0) + 0.5
        if k > 0:
            col.emit["h1"] = col.emit.get("h1", 0.0) + 0.5


def _continuation(prev: FlatCell, cell: FlatCell, role: str) -> float:
    """What it costs to read ``cell`` as the rest of ``prev`` in a column of ``role`` (a cell cut over two lines)."""
    if prev.kind == "bare":
        return 0.0  # "一、" alone on its line, its title on the next
    if role in ("lead", "responsible", "units") or (not role and prev.kind == "units"):
        last = prev.text.rstrip().replace("，", "、").split("、")[-1]
        if prev.text.rstrip().endswith(("、", ",", "，")) or (last and not is_unit_name(last)
                                                             and is_unit_name(last + cell.text.strip())):
            return 0.2 if len(cell.text) <= 14 else 2.5
        return 5.0
    if cell.kind in ("long", "short") and prev.kind in ("long", "dated"):
        return 1.2 if prev.text.rstrip()[-1:] not in _SENT_END else 4.0  # a sentence cut by a line break
    if cell.kind == "short" and prev.kind == "short" and role == "group":
        return 1.5  # a sub-group without a column of its own ("三大攻坚战信息公开" / "污染防治信息公开"): kept together
    if cell.kind in ("long", "short") and prev.kind == "short":
        return 3.5  # a title is whole: the next short cell is the next column or row
    return 6.0


def align(cells: list[FlatCell], cols: list[Column], breaks: list[bool | None] | None = None
          ) -> tuple[float, list[tuple[int, str]]]:
    """Assign every cell a column; return (cost, [(column, "new" | "same" | "cont")] per cell).

    ``breaks[i]`` True forces a new row at cell i (pipe rows), False forbids one, None leaves it free.
    """
    n, m = len(cells), len(cols)
    if not n or not m:
        return 0.0, []
    skip = [c.skip for c in cols]
    before = [0.0] * (m + 1)  # before[j]: skipping columns 0..j-1
    for j in range(m):
        before[j + 1] = before[j] + skip[j]
    after = [before[m] - before[j + 1] for j in range(m)]  # skipping columns j+1..m-1
    inf = float("inf")
    cost = [before[c] + cols[c].emission(cells[0]) if (not breaks or breaks[0] is not False) else inf
            for c in range(m)]
    back: list[list[tuple[int, str]]] = [[(-1, "new")] * m]
    roles = [c.role for c in cols]
    kinds = {c.role for c in cols}
    for i in range(1, n):
        cell, prev = cells[i], cells[i - 1]
        force = breaks[i] if breaks else None
        # A visibly cut cell ("区编办、", "一、" alone) goes on in the same column unless something forbids it.
        cut = CUT_PENALTY if prev.kind == "bare" or prev.text.rstrip().endswith(("、", ",", "，")) else 0.0
        best_end = min(range(m), key=lambda p: cost[p] + after[p])
        new_cost = cost[best_end] + after[best_end] + NEW_ROW + cut
        cont = {r: _continuation(prev, cell, r) for r in kinds} if force is not True else {}
        row_back: list[tuple[int, str]] = []
        nxt = []
        run_min, run_arg = inf, -1  # the cheapest earlier column to come from within the row: min(cost[p] - before[p+1])
        for c in range(m):
            value, p, how = inf, 0, "new"
            if force is not False:
                value, p = new_cost + before[c], best_end
            if force is not True:
                if run_arg >= 0 and run_min + before[c] + cut < value:
                    value, p, how = run_min + before[c] + cut, run_arg, "same"
                stay = cost[c] + cont[roles[c]]
                if stay < value:
                    value, p, how = stay, c, "cont"
            nxt.append(value + cols[c].emit.get(cell.kind, _NEVER))
            row_back.append((p, how))
            here = cost[c] - before[c + 1]
            if here < run_min:
                run_min, run_arg = here, c
        cost = nxt
        back.append(row_back)
    last = min(range(m), key=lambda c: cost[c] + after[c])
    total = cost[last] + after[last]
    path: list[tuple[int, str]] = []
    c = last
    for i in range(n - 1, -1, -1):
        p, how = back[i][c]
        path.append((c, how))
        c = p
    path.reverse()
    return total, path


def rows_of(cells: list[FlatCell], path: list[tuple[int, str]]) -> list[dict[int, FlatCell]]:
    """Group aligned cells into rows {column: cell}; continued cells are joined."""
    rows: list[dict[int, FlatCell]] = []
    for cell, (col, how) in zip(cells, path):
        if how == "new" or not rows:
            rows.append({})
        row = rows[-1]
        if how == "cont" and col in row:
            old = row[col]
            row[col] = FlatCell(old.text + cell.text.strip(), old.kind if old.kind != "bare" else cell.kind,
                                old.srcs + cell.srcs, old.line, (old.parts or (old,)) + (cell,))
        else:
            row[col] = cell
    return rows


def fit_columns(cells: list[FlatCell], cols: list[Column], breaks: list[bool | None] | None = None,
                sample: int = 400) -> list[Column]:
    """The header's columns, plus up to two inserted ones where the stream needs them."""
    part = cells[:sample]
    brk = breaks[:sample] if breaks else None
    best_cost, path = align(part, cols, brk)
    if not _misfits(part, cols, path):
        return cols
    for _round in range(2):
        found = None
        for role in _INSERTABLE:
            for pos in range(len(cols) + 1):
                trial = cols[:pos] + [Column({role: 1.0}, inserted=True)] + cols[pos:]
                if role == "group":
                    trial = [Column(c.weights, c.header, c.inserted) for c in trial]
                    order_groups(trial)
                cost, _ = align(part, trial, brk)
                if cost + INSERT_PENALTY < best_cost and (found is None or cost < found[0]):
                    found = (cost, trial)
        if found is None:
            break
        best_cost, cols = found[0] + INSERT_PENALTY, found[1]
    return cols


def _misfits(cells: list[FlatCell], cols: list[Column], path: list[tuple[int, str]]) -> bool:
    """Whether some cells fit the columns they were given badly (a sign a column is missing)."""
    bad = sum(1 for cell, (c, _how) in zip(cells, path) if cols[c].emission(cell) > 2.0)
    return bad >= max(2, len(cells) // 20)
