"""The 退回修改 workbook: a returned file sent back to its unit with every bad cell marked red and a
comment saying what is wrong. It keeps the file's hidden identity, so the corrected file collects
as that unit's return for the same round.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from gongkai_desk.core.exchange.feedback_diff import FileReview
from gongkai_desk.core.exchange.feedback_meta import SHEET
from gongkai_desk.core.files import write_atomic

RED = "FFC7CE"
_EXTENSION_WARNING = r"(Data Validation|Conditional Formatting) extension is not supported"
AUTHOR = "政务公开办"
INFO_CELL = "A4"  # the line above the table that says how to fill it (feedback_workbook)


def fixes_name(review: FileReview) -> str:
    """Where the marked copy goes by default: beside the file, "<name>-退回修改.xlsx"."""
    stem = Path(review.name).stem
    return f"{stem}-退回修改.xlsx"


def write_fixes_workbook(review: FileReview, out: str | Path) -> Path:
    """Write the returned file with its problems marked; refuse a file without any to mark."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    from gongkai_desk.core.errors import ValidationError

    problems = [p for p in review.problems if p.for_unit]
    if review.refused is not None or not problems:
        raise ValidationError(f"“{review.name}”没有需要单位修改的问题，不必退回。")
    from gongkai_desk.core.imports.parse.office_zip import check_office_zip

    check_office_zip(Path(review.path), kind="Excel 工作簿", main_part="xl/workbook.xml", verb="退回")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_EXTENSION_WARNING, category=UserWarning)
        wb = load_workbook(review.path)
    ws = wb[review.sheet] if review.sheet in wb.sheetnames else wb[SHEET]
    fill = PatternFill("solid", fgColor=RED, bgColor=RED)
    by_cell: dict[str, list[str]] = {}
    loose = []
    for p in problems:
        if p.cell:
            by_cell.setdefault(p.cell, []).append(p.message)
        else:
            loose.append(p.message)
    for coord, messages in by_cell.items():
        cell = ws[coord]
        if type(cell).__name__ == "MergedCell":
            continue  # only a merged range's first cell can be marked
        cell.fill = fill
        comment = Comment("\n".join(messages), AUTHOR)
        comment.width, comment.height = 320, 40 + 30 * len(messages)
        cell.comment = comment
    banner = ("【退回修改】请修改标红的单元格（鼠标移到单元格上可以看到原因），改好后保存并重新报送本文件。"
              + ("另有：" + "".join(loose) if loose else ""))
    top = ws[INFO_CELL]
    if isinstance(top.value, str) and top.value.startswith(("黄色单元格", "【退回修改】")):
        top.value = banner
        top.data_type = "s"
        top.fill = fill
        ws.row_dimensions[top.row].height = max(30, 15 * (2 + len(banner) // 70))
    else:  # the unit moved the table: say it on the title instead
        ws["A1"].comment = Comment(banner, AUTHOR, width=360, height=120)
    return write_atomic(Path(out), lambda tmp: wb.save(str(tmp)))
