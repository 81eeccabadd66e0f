"""What every flattened-table reader shares (``flat_table`` for separated cells, ``text_layer`` for
run-together text): the columns a header names, the fragments left out, the rebuilt ``Table``."""

from __future__ import annotations

import re

from gongkai_desk.core.imports.parse.align import Column, FlatCell, header_columns
from gongkai_desk.core.imports.parse.blocks import Cell, Row, Table
from gongkai_desk.core.imports.parse.headers import header_evidence
from gongkai_desk.core.imports.parse.ledger import Ledger
from gongkai_desk.core.imports.parse.parsed import ParseWarning

END_RE = re.compile(r"^(附件\s*[:：\d]|抄送[:：]|主题词)")  # what closes a flattened table
_GROUP_ROLES = ("group",)
_UNIT_ROLES = ("lead", "responsible", "units")


def columns_for(headers: list[str]) -> list[Column]:
    return header_columns(headers, [header_evidence(h) for h in headers])


def drop_fragments(rows: list[dict[int, FlatCell]], ledger: Ledger, warnings: list[ParseWarning]) -> None:
    """A remnant line of a cut cell ("单位" after a unit list) that continues nothing is left out, with a word."""
    for row in rows:
        for c, cell in list(row.items()):
            if cell.kind == "fragment":
                del row[c]
                ledger.drop(cell.srcs, "fragment")
                warnings.append(ParseWarning(cell.line, "fragment_dropped",
                                             f"第{cell.line}行“{cell.text}”是表格拆行留下的残片，已忽略。"))


def to_table(header: list[tuple[str, tuple[int, ...]]], cols: list[Column], rows: list[dict[int, FlatCell]],
              first_line: int) -> Table:
    """The rebuilt table: the header row (inserted columns left blank), then one row per aligned row."""
    from gongkai_desk.core.imports.parse.carried import split_subgroups

    cols, rows = split_subgroups(cols, rows)
    width = len(cols)
    head_cells, h = [], 0
    for col in cols:
        if col.inserted:  # a column the header does not name (or names only with the cell spanning it)
            head_cells.append(Cell(col.header))
        else:
            text, srcs = header[h] if h < len(header) else ("", ())
            head_cells.append(Cell(text, srcs=srcs))
            h += 1
    table = Table([Row(head_cells, first_line)], first_line)
    text_cols = [c for c in range(width) if cols[c].role == "text"]
    for row in rows:
        # A row's line is its task text's (warnings point at it), else its first cell's.
        own = [row[c].line for c in text_cols if c in row] or [row[c].line for c in sorted(row)]
        line = own[0] if own else first_line
        has_units = any(c in row for c in range(width) if cols[c].role in _UNIT_ROLES)
        cells = []
        for c in range(width):
            cell = row.get(c)
            if cell is None:
                merged = cols[c].role in _GROUP_ROLES or (cols[c].role in _UNIT_ROLES and not has_units)
                cells.append(Cell("", merged_from_above=merged))
            else:
                text = re.sub(r"\s+", "、", cell.text.strip()) if cell.kind == "units" else cell.text.strip()
                cells.append(Cell(text, srcs=cell.srcs))
        table.rows.append(Row(cells, line))
    return table
