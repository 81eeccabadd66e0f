"""Bounds on every size a file can claim, checked before anything is built from it.

A 20 KB file can claim a cell 10⁹ columns wide, a merged range over a whole sheet, a list that
starts counting at 2,000,000,000 or tables nested 20,000 deep. Real plans stay far inside these
bounds (a task table has a dozen columns and a few thousand rows); anything beyond is refused in
one Chinese sentence, so no input below 5 MB needs more than a few hundred MB or a few seconds.
"""

from __future__ import annotations

from gongkai_desk.core.errors import ImportFormatError

MAX_COLUMNS = 256  # table width (Word gridCol/gridSpan/gridBefore, HTML colspan, sheet grid width)
MAX_TABLE_CELLS = 400_000  # rows × width of one table or sheet block, merged cells included
MAX_MERGED_CELLS = 1_000_000  # cells covered by a workbook's merged ranges, all sheets together
MAX_NESTING = 32  # tables inside table cells
MAX_LIST_NUMBER = 100_000  # a Word list's start value and counters


def refuse(name: str, what: str) -> ImportFormatError:
    """The error for a file that claims a size beyond the bounds (``what`` says which)."""
    return ImportFormatError(f"文件“{name}”中{what}，超出了正常计划文件的范围，疑似损坏或恶意文件，已拒绝读取。")


def check_width(name: str, width: int) -> None:
    if width > MAX_COLUMNS:
        raise refuse(name, f"有一个表格宽达{width}列")


def check_cells(name: str, cells: int) -> None:
    if cells > MAX_TABLE_CELLS:
        raise refuse(name, f"的表格（含合并单元格）多达{cells}个单元格")


def check_nesting(name: str, depth: int) -> None:
    if depth > MAX_NESTING:
        raise refuse(name, f"表格套表格超过{MAX_NESTING}层")


def check_list_number(name: str, value: int) -> None:
    if value > MAX_LIST_NUMBER:
        raise refuse(name, f"自动编号的起始值为{value}")
