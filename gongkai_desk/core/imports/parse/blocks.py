"""The stream every reader produces and the plan builder consumes.

Readers (.txt/.html/.docx/.xlsx) only turn a file into ``Block``s: paragraphs of text and tables
of cells. Everything about what a plan *means* (numbering, units, deadlines, review columns)
happens once, in the builder, whatever the file type, so a .docx and the .txt of the same
document import identically.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    line: int  # 1-based position in the source (text line, docx block, sheet row)
    numbering: str | None = None  # a number produced by Word's automatic list numbering ("一、", "1.")
    bold: bool = False
    srcs: tuple[int, ...] = ()  # the source pieces this text came from (``ledger.Ledger`` ids)


@dataclass
class Cell:
    text: str
    # True when this cell is a continuation of a vertically merged cell above it (Word vMerge,
    # Excel merged range): the value is repeated from the top cell, and the builder may inherit it.
    merged_from_above: bool = False
    # True when this cell continues a horizontally merged cell on its left (gridSpan / merged range).
    merged_from_left: bool = False
    srcs: tuple[int, ...] = ()  # the source pieces this text came from (``ledger.Ledger`` ids)
    # True when the cell's row or column is hidden in Excel: not shown, not printed, so not imported
    # (listed as not imported); a row or column whose every cell is hidden is taken out of the table.
    hidden: bool = False


@dataclass
class Row:
    cells: list[Cell]
    line: int

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    line: int = 0
    layout: object | None = None  # columns.TableLayout, once the column roles are inferred


Block = Paragraph | Table
