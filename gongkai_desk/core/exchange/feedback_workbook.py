"""Write one unit's feedback workbook: its tasks with locked columns for what the clerk owns, open
(pale yellow) cells for what the unit reports, a status drop-down, a 填报说明 sheet naming whom to
call, and the hidden signed identity (``feedback_meta``).

Everything the workbook shows is written as text cells, never as formulas: a 落实情况 that starts
with "=" stays the words the unit typed. Sheets are protected without a password (a guard against
slips, not against a determined editor); column widths and row heights may still be changed.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from copy import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai_desk.core.exchange.feedback_meta import (
    COLUMNS, DEFINED_NAMES, FIELDS, HEADERS, KEY, LOCKED, META_SHEET, NOTE_SHEET, SHEET, SIGNERS,
    FeedbackMeta, row_key,
)
from gongkai_desk.core.exporters.properties import DocumentProperties, save_xlsx
from gongkai_desk.core.exporters.limits import guard_text_cell
from gongkai_desk.core.exporters.xlsx.page import a4_page
from gongkai_desk.core.files import write_atomic
from gongkai_desk.core.model import STATUS_ORDER
from gongkai_desk.core.text_width import display_width

if TYPE_CHECKING:
    from gongkai_desk.core.edits.settings import Office

FONT, HEADER_FONT, BODY_PT = "宋体", "黑体", 10
LINE_PT = 13.5  # one wrapped line of 10 pt 宋体
UNITS_PER_CHAR = 2.05  # Excel width units per Chinese character at 10 pt
# In characters: 86 across, so that a landscape A4 page prints 10 pt text at about 85 %.
WIDTHS = {"number": 4, "text": 20, "deadline": 6, "role": 3, "status": 6, "done": 20, "problems": 10,
          "next_steps": 10, "evidence": 7, KEY: 8}
HEADER_ROW, FIRST_ROW = 5, 6
INPUT_FILL = "FFF8DC"  # pale yellow: "type here" (as in the statistics workbook)
LOCKED_FILL = "F2F2F2"
MIN_LINES = 2  # room to type in an empty row
STATUS_WORDS = tuple(s.value for s in STATUS_ORDER)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML


@dataclass(frozen=True)
class FeedbackSheet:
    """Everything one unit's workbook shows, built from the database (``ws.feedback.prepare``)."""

    meta: FeedbackMeta
    meta_cells: tuple[str, ...]  # the hidden sheet's column A, signed
    file_name: str
    office: "Office"
    leads: int  # tasks where the unit is 牵头单位

    @property
    def title(self) -> str:
        return f"{self.meta.plan_title}落实情况反馈表"


def chinese_date(iso: str | None) -> str:
    """2026-06-30 → 2026年6月30日 (no leading zeros); "" for none."""
    if not iso:
        return ""
    d = _dt.date.fromisoformat(iso[:10])
    return f"{d.year}年{d.month}月{d.day}日"


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def _styles(wb) -> dict[str, object]:
    """Register one NamedStyle per kind of cell; return a prototype style array of each, which cells
    copy (setting ``cell.style`` by name looks the style up again for every cell: 3× slower)."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = dict(wrap_text=True, vertical="center")
    open_ = Protection(locked=False)
    for style in (
        NamedStyle("fb_title", font=Font(name=HEADER_FONT, size=16),
                   alignment=Alignment(horizontal="center", **wrap)),
        NamedStyle("fb_info", font=Font(name=FONT, size=BODY_PT), alignment=Alignment(horizontal="left", **wrap)),
        NamedStyle("fb_label", font=Font(name=HEADER_FONT, size=BODY_PT),
                   alignment=Alignment(horizontal="right", vertical="center", shrink_to_fit=True)),
        NamedStyle("fb_sign", font=Font(name=FONT, size=BODY_PT), border=Border(bottom=thin),
                   fill=PatternFill("solid", fgColor=INPUT_FILL), protection=open_,
                   alignment=Alignment(horizontal="left", **wrap)),
        NamedStyle("fb_header", font=Font(name=HEADER_FONT, size=BODY_PT), border=box,
                   fill=PatternFill("solid", fgColor="D9D9D9"), alignment=Alignment(horizontal="center", **wrap)),
        NamedStyle("fb_locked", font=Font(name=FONT, size=BODY_PT), border=box,
                   fill=PatternFill("solid", fgColor=LOCKED_FILL), alignment=Alignment(horizontal="left", **wrap)),
        NamedStyle("fb_locked_c", font=Font(name=FONT, size=BODY_PT), border=box,
                   fill=PatternFill("solid", fgColor=LOCKED_FILL), alignment=Alignment(horizontal="center", **wrap)),
        NamedStyle("fb_open", font=Font(name=FONT, size=BODY_PT), border=box, protection=open_,
                   fill=PatternFill("solid", fgColor=INPUT_FILL), alignment=Alignment(horizontal="left", **wrap)),
        NamedStyle("fb_open_c", font=Font(name=FONT, size=BODY_PT), border=box, protection=open_,
                   fill=PatternFill("solid", fgColor=INPUT_FILL), alignment=Alignment(horizontal="center", **wrap)),
        NamedStyle("fb_note", font=Font(name=FONT, size=11), alignment=Alignment(horizontal="left", wrap_text=True,
                                                                                  vertical="top")),
    ):
        wb.add_named_style(style)
    holder = wb.create_sheet("_styles")
    protos = {}
    for i, name in enumerate(wb.style_names, start=1):
        cell = holder.cell(row=i, column=1)
        cell.style = name
        protos[name] = copy(cell._style)
    wb.remove(holder)
    return protos


def put(ws, coord: str, text: str | None, style=None) -> None:
    """Write ``text`` as a text cell (never a formula), with a style array from ``_styles``."""
    cell = ws[coord]
    if text:
        cell._value = _clean(str(text))
        cell.data_type = "s"  # "=…" typed by a unit stays words
    if style is not None:
        cell._style = copy(style)
    if text:
        guard_text_cell(cell)  # a leading ' before "=…", "-…": Excel keeps it text when re-edited


def _merge(ws, ref: str) -> None:
    """Merge ``ref`` without openpyxl re-styling every covered cell (half the time of a workbook);
    the covered cells already carry their own style."""
    from openpyxl.worksheet.merge import MergedCellRange

    ws.merged_cells.add(MergedCellRange(ws, ref))


def _lines(text: str, chars: float) -> int:
    per_line = max(1.0, chars - 0.6)
    return sum(max(1, math.ceil(display_width(part) / per_line)) for part in (text or "").split("\n"))


def row_height(texts: dict[str, str]) -> float:
    lines = max([MIN_LINES, *(_lines(t, WIDTHS[k]) for k, t in texts.items() if t)])
    return min(409.0, lines * LINE_PT + 6)


def write_feedback_workbook(sheet: FeedbackSheet, path: str | Path) -> Path:
    """Write ``sheet`` to ``path`` (.xlsx) through ``write_atomic``; return the path."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    wb = Workbook()
    st = _styles(wb)
    main = wb.active
    main.title = SHEET
    _write_table(main, sheet, wb, st)
    _write_notes(wb.create_sheet(NOTE_SHEET), sheet, st)
    meta = wb.create_sheet(META_SHEET)
    for i, text in enumerate(sheet.meta_cells, start=1):
        put(meta, f"A{i}", text)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)  # sheets stay as they are (no password)
    props = DocumentProperties.now(sheet.title, sheet.office.name)
    return write_atomic(Path(path), lambda tmp: save_xlsx(wb, tmp, props))


def _letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(COLUMNS.index(key) + 1)


def _write_table(ws, sheet: FeedbackSheet, wb, st: dict) -> None:
    from openpyxl.workbook.defined_name import DefinedName

    meta = sheet.meta
    last = _letter(FIELDS[-1])
    for key in COLUMNS:
        ws.column_dimensions[_letter(key)].width = round(WIDTHS[key] * UNITS_PER_CHAR + 1.5, 1)
    ws.column_dimensions[_letter(KEY)].hidden = True
    put(ws, "A1", sheet.title, st["fb_title"])
    _merge(ws, f"A1:{last}1")
    ws.row_dimensions[1].height = 30 if display_width(sheet.title) < 60 else 48
    due = f"　　请于{chinese_date(meta.due)}前反馈" if meta.due else ""
    put(ws, "A2", f"填报单位：{meta.unit_name}　　第{meta.round_number}轮　　发放日期："
                  f"{chinese_date(meta.sent_at)}{due}", st["fb_info"])
    _merge(ws, f"A2:{last}2")
    ws.row_dimensions[2].height = 20
    # 填报人 / 联系电话 / 审核人: label, then the unit's cell (merged over the next column where narrow)
    for label_cell, value_cell, merge_to, key in (("A3", "B3", None, "filled_by"), ("C3", "E3", "F3", "phone"),
                                                   ("G3", "H3", "I3", "reviewer")):
        put(ws, label_cell, SIGNERS[key], st["fb_label"])
        put(ws, value_cell, None, st["fb_sign"])
        if merge_to:
            put(ws, merge_to, None, st["fb_sign"])
            _merge(ws, f"{value_cell}:{merge_to}")
        ref = f"'{SHEET}'!${value_cell[0]}${value_cell[1:]}"
        wb.defined_names[DEFINED_NAMES[key]] = DefinedName(DEFINED_NAMES[key], attr_text=ref)
    _merge(ws, "C3:D3")
    ws.row_dimensions[3].height = 24
    put(ws, "A4", "黄色单元格由本单位填写，完成状态请从下拉列表中选择；灰色各列已锁定。表中已填入本单位上次报送的内容，"
                  "只需修改有变化的部分。详见“填报说明”。", st["fb_info"])
    _merge(ws, f"A4:{last}4")
    ws.row_dimensions[4].height = 30
    for key in COLUMNS:
        put(ws, f"{_letter(key)}{HEADER_ROW}", HEADERS[key], st["fb_header"])
    ws.row_dimensions[HEADER_ROW].height = 22
    letters = {k: _letter(k) for k in COLUMNS}
    for i, row in enumerate(meta.rows):
        r = FIRST_ROW + i
        texts = dict(zip(LOCKED, row.locked)) | dict(zip(FIELDS, row.sent))
        for key in LOCKED:
            put(ws, f"{letters[key]}{r}", texts[key], st["fb_locked" if key == "text" else "fb_locked_c"])
        for key in FIELDS:
            put(ws, f"{letters[key]}{r}", texts[key], st["fb_open_c" if key == "status" else "fb_open"])
        put(ws, f"{letters[KEY]}{r}", row_key(row.task_id), st["fb_locked_c"])
        ws.row_dimensions[r].height = row_height(texts)
    end = FIRST_ROW + max(len(meta.rows), 1) - 1
    _status_cells(ws, f"{letters['status']}{FIRST_ROW}:{letters['status']}{end}")
    _protect_and_print(ws, last, end)


def _status_cells(ws, ref: str) -> None:
    """The five status words as a drop-down, coloured as everywhere else in the program."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from gongkai_desk.core.reports.review import STATUS_FILLS

    words = "、".join(STATUS_WORDS)
    dv = DataValidation(type="list", formula1=f'"{",".join(STATUS_WORDS)}"', allow_blank=True,
                        errorTitle="完成状态", error=f"完成状态只能是：{words}。请从下拉列表中选择。",
                        promptTitle="完成状态", prompt=f"请从下拉列表中选择：{words}")
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.add(ref)
    ws.add_data_validation(dv)
    for word in STATUS_WORDS:
        fill = PatternFill("solid", fgColor=STATUS_FILLS[word], bgColor=STATUS_FILLS[word])
        ws.conditional_formatting.add(ref, CellIsRule(operator="equal", formula=[f'"{word}"'], fill=fill))


def _protect_and_print(ws, last: str, end: int) -> None:
    from openpyxl.worksheet.page import PageMargins

    p = ws.protection
    p.sheet = True
    p.formatColumns = p.formatRows = False  # widths and heights may change
    p.autoFilter = p.sort = False
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{end}"
    ws.freeze_panes = f"C{FIRST_ROW}"
    a4_page(ws, f"A1:{last}{end}", orientation="landscape", title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.size = 9


def notes(sheet: FeedbackSheet) -> list[str]:
    """The 填报说明, one paragraph a line: what to fill, by when, whom to call."""
    meta, office = sheet.meta, sheet.office
    n = len(meta.rows)
    sender = "".join(x for x in (office.name, office.department) if x) or "政务公开工作机构"
    due = f"请于{chinese_date(meta.due)}前" if meta.due else "请按通知要求的时间"
    contact = "；".join(f"{k}：{v}" for k, v in (("联系人", office.contact), ("联系电话", office.phone),
                                                ("电子邮箱", office.email), ("地址", office.address)) if v)
    return [
        f"一、本表是《{meta.plan_title}》{meta.unit_name}落实情况反馈表（第{meta.round_number}轮），共{n}项任务，"
        f"其中本单位牵头{sheet.leads}项、作为责任单位{n - sheet.leads}项。",
        f"二、请在“反馈表”的黄色单元格中填写：完成状态（从下拉列表中选择：{'、'.join(STATUS_WORDS)}）、"
        "落实情况、存在问题、下步计划、佐证材料（文件名称或网址）。表中已填入本单位上次报送并被采纳的内容，"
        "只需修改有变化的部分，没有变化的不必重复填写。",
        f"三、序号、任务内容、完成时限、角色由{sender}填写，已经锁定，请勿改动；请勿删除或增加行，"
        "如有表外工作，请写在相关任务的“落实情况”中。可以调整行高、列宽，可以筛选或排序，不影响收集。",
        "四、请在“反馈表”上方填写填报人、联系电话和审核人。",
        f"五、{due}将本文件报送{sender}。文件可以改名，但请保持 Excel 工作簿（.xlsx）格式，"
        "不要另存为 .xls 或 WPS 的 .et 格式，也不要复制到新建的文件中。",
        f"六、{contact}。" if contact else f"六、填报中如有疑问，请与{sender}联系。",
    ]


def _write_notes(ws, sheet: FeedbackSheet, st: dict) -> None:
    ws.column_dimensions["A"].width = 70  # fits A4 portrait in Excel and in LibreOffice (which does not shrink it)
    put(ws, "A1", "填报说明", st["fb_title"])
    ws.row_dimensions[1].height = 32
    lines = notes(sheet)
    for i, line in enumerate(lines, start=3):
        put(ws, f"A{i}", line, st["fb_note"])
        ws.row_dimensions[i].height = _lines(line, 70 / 2.2) * 16 + 8  # 11 pt: 2.2 width units a character
    a4_page(ws, f"A1:A{len(lines) + 2}")
    ws.protection.sheet = True


def write_round(sheets: Sequence[FeedbackSheet], folder: str | Path,
                progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write every sheet into ``folder`` under its file name; ``progress(done, total)`` after each."""
    out = []
    for i, sheet in enumerate(sheets, start=1):
        out.append(write_feedback_workbook(sheet, Path(folder) / sheet.file_name))
        if progress:
            progress(i, len(sheets))
    return out
