"""The statistics workbook sub-units fill in: written with locked labels and validated cells,
read back (one or several, summed) into Stats, refusing bad values cell by cell.
"""

from __future__ import annotations

import os
import re
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.stats import Stats, StatsValueError, parse_value
from gongkai_desk.core.values import check_year
from gongkai_desk.core.errors import ImportFormatError
from gongkai_desk.core.exporters.properties import DocumentProperties, save_xlsx
from gongkai_desk.core.exporters.xlsx.page import a4_page
from gongkai_desk.core.files import write_atomic
from gongkai_desk.core.annual.grid import grid, positions
from gongkai_desk.core.exporters.xlsx.annual import (
    FIRST_GRID_ROW,
    SHEET_NAMES,
    TITLE_ROW,
    TITLES,
    write_sheet,
)

MAGIC = "gongkai-desk-stats"
META_SHEET = "_meta"
NOTE_SHEET = "填报说明"
TABLES = ("table2", "table3", "table4")
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")  # pale yellow: "type here"
_EXTENSION_WARNING = r"(Data Validation|Conditional Formatting) extension is not supported"

NOTES = [
    "一、本表按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制，"
    "统计期限为{year}年1月1日至{year}年12月31日。",
    "二、只在浅黄色单元格内填写数字；表头和行列名称已锁定，请勿增删行列、改动工作表名称。",
    "三、所有数字填写0或正整数；“本年收费金额（单位：万元）”按实际金额填写，可保留四位小数（精确到元）。没有发生的请填0，"
    "不要留空：空白表示“未填写”，不等于0。",
    "四、表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。",
    "五、表三每一列：（七）总计 = （一）予以公开 + （二）部分公开 + （三）至（六）各小项之和。",
    "六、表三每一列：第一项加第二项之和，等于第三项加第四项之和"
    "（本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理）。",
    "七、表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。",
    "八、表三“上年结转”应与上年度报告的“结转下年度继续办理”一致；表二“现行有效件数”一般等于上年"
    "现行有效件数加本年制发件数减本年废止件数。",
]


def value_coords(table: str) -> dict[str, str]:
    """Return cell key → Excel coordinate of its value cell, as ``write_sheet`` lays it out."""
    out = {}
    for r, placed in enumerate(positions(grid(table, None)), FIRST_GRID_ROW):
        for col0, cell in placed:
            if cell.kind == "value" and cell.key:
                out[cell.key] = f"{get_column_letter(col0 + 1)}{r}"
    return out


def label_coords(table: str) -> dict[str, str]:
    """Return Excel coordinate → printed label for every label cell of the sheet."""
    out = {f"A{TITLE_ROW}": TITLES[table]}
    for r, placed in enumerate(positions(grid(table, None)), FIRST_GRID_ROW):
        for col0, cell in placed:
            if cell.kind != "value" and not cell.cont:
                out[f"{get_column_letter(col0 + 1)}{r}"] = cell.text
    return out


def _validation(decimal: bool) -> DataValidation:
    if decimal:
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True)
        dv.error = "收费金额只能填写0或正数（万元），保留四位小数即精确到元。"
    else:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                            allow_blank=True)
        dv.error = "只能填写0或正整数；没有发生的请填0。"
    dv.errorTitle = "填写有误"
    dv.showErrorMessage = True
    dv.prompt = dv.error
    dv.showInputMessage = False
    return dv


def write_template(year: int, path: str | os.PathLike[str], stats: Stats | None = None, *,
                   unit: str | None = None, office: str = "") -> Path:
    """Write the statistics workbook for ``year`` (pre-filled with ``stats`` when given, and
    naming the sub-unit ``unit`` that fills it in).

    ``office``: the office sending it out (the file's author and company).
    """
    year = check_year(year)
    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise ImportFormatError("统计表只能导出为 .xlsx 文件。")
    wb = Workbook()
    note = wb.active
    note.title = NOTE_SHEET
    _write_notes(note, year)
    if unit:
        note[UNIT_CELL] = unit
    for table in TABLES:
        ws = wb.create_sheet(SHEET_NAMES[table])
        counts, fee = _validation(False), _validation(True)
        ws.add_data_validation(counts)
        ws.add_data_validation(fee)

        def open_cell(xl, cell, counts=counts, fee=fee) -> None:
            xl.protection = Protection(locked=False)
            xl.fill = INPUT_FILL
            (fee if fmt.is_decimal(cell.key) else counts).add(xl.coordinate)

        write_sheet(ws, table, stats, on_value=open_cell)
        _filler_line(ws)
        # No password: protection guards against slips, not against a determined editor.
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    meta = wb.create_sheet(META_SHEET)
    meta["A1"], meta["B1"], meta["A2"], meta["B2"] = MAGIC, year, "format", fmt.FORMAT_ID
    meta["A3"], meta["B3"] = "unit", unit or None
    meta.sheet_state = "hidden"
    props = DocumentProperties.now(f"{year}年政府信息公开工作年度报告统计表", office)
    return write_atomic(out, lambda tmp: save_xlsx(wb, tmp, props))


# Who filled the workbook in: asked on the notes sheet, repeated under each table's title.
FILLER_FIELDS = ("填报单位", "填报人", "联系电话", "审核人", "填报日期")
NOTE_WIDTHS = (14.0, 60.0)  # columns A, B: 74 units print within a portrait A4 page at 100 %
NOTE_CHARS_PER_LINE = 31  # 11 pt characters a merged A:B line holds, with room to spare
FIELD_ROW = len(NOTES) + 4  # first row of the 填报单位… fields


def filler_coords() -> dict[str, str]:
    """Return field label → coordinate of its input cell on the notes sheet."""
    return {name: f"B{FIELD_ROW + i}" for i, name in enumerate(FILLER_FIELDS)}


UNIT_CELL = filler_coords()["填报单位"]  # pre-filled when the workbook is made for one unit


def _write_notes(ws, year: int) -> None:
    """The notes sheet: what to fill in and how, then who fills it in; fits a portrait A4 page."""
    from openpyxl.styles import Border, Side
    from openpyxl.worksheet.page import PageMargins

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for letter, width in zip("AB", NOTE_WIDTHS):
        ws.column_dimensions[letter].width = width
    ws.merge_cells("A1:B1")
    ws["A1"] = f"{year}年政府信息公开工作年度报告统计表 填报说明"
    ws["A1"].font = Font(name="黑体", size=14)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 30
    body = Font(name="仿宋_GB2312", size=11)
    for i, line in enumerate(NOTES, 3):
        text = line.format(year=year)
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=2)
        c = ws.cell(i, 1, text)
        c.font = body
        c.alignment = Alignment(wrap_text=True, vertical="top")
        lines = -(-len(text) // NOTE_CHARS_PER_LINE)
        ws.row_dimensions[i].height = lines * 15 + 6
    for name, coord in filler_coords().items():
        row = int(coord[1:])
        label = ws.cell(row, 1, name)
        label.font = Font(name="仿宋_GB2312", size=11, bold=True)
        label.alignment = Alignment(horizontal="center", vertical="center")
        label.border = box
        cell = ws[coord]
        cell.fill = INPUT_FILL
        cell.border = box
        cell.font = body
        cell.number_format = "@"  # 联系电话 and dates stay as typed
        cell.protection = Protection(locked=False)
        ws.row_dimensions[row].height = 24
    last = FIELD_ROW + len(FILLER_FIELDS) - 1
    a4_page(ws, f"A1:B{last}", orientation="portrait", one_page=True)
    ws.page_margins = PageMargins(left=0.75, right=0.75, top=0.8, bottom=0.8, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.protection.sheet = True


def _filler_line(ws) -> None:
    """Row 2 of a table sheet: who filled it in, taken from the notes sheet (also printed)."""
    coords = filler_coords()
    parts = [f'"{name}："&IF(\'{NOTE_SHEET}\'!${c[0]}${c[1:]}="","　　　　",\'{NOTE_SHEET}\'!${c[0]}${c[1:]})'
             for name, c in coords.items() if name != "填报日期"]
    cell = ws["A2"]
    cell.value = "=" + '&"　　"&'.join(parts)
    cell.font = Font(name="仿宋_GB2312", size=10)
    cell.alignment = Alignment(horizontal="left", vertical="center")


def read_workbook(path: str | os.PathLike[str], year: int) -> Stats:
    """Read one filled workbook; raise StatsValueError naming sheet and cell of each bad value."""
    return read_workbook_unit(path, year)[0]


def read_workbook_unit(path: str | os.PathLike[str], year: int) -> tuple[Stats, str]:
    """Read one filled workbook: its statistics and the unit that filled it in (the 填报单位
    it wrote, else the unit it was made for, else the file's name)."""
    from gongkai_desk.core.imports.parse.office_zip import check_office_zip

    p = Path(path)
    # Zip bombs, DTDs and merged ranges over a whole sheet are refused before openpyxl builds anything.
    if zipfile.is_zipfile(p):  # anything else openpyxl refuses below, with the statistics wording
        check_office_zip(p, kind="Excel 工作簿", main_part="xl/workbook.xml", verb="载入")
    try:
        with warnings.catch_warnings():
            # Excel/WPS drop-down lists are stored as an extension openpyxl skips: harmless here,
            # but the warning would land on the clerk's console.
            warnings.filterwarnings("ignore", message=_EXTENSION_WARNING, category=UserWarning)
            wb = load_workbook(str(p), data_only=True, read_only=False)
    except Exception:  # openpyxl raises many types for damaged or non-xlsx files
        raise ImportFormatError(
            f"无法读取“{p.name}”：它不是有效的 .xlsx 统计表（文件已损坏、已加密，或不是 Excel 工作簿）。"
        ) from None
    _check_identity(wb, p, year)
    stats = Stats(year)
    problems: list[tuple[str, str]] = []
    for table in TABLES:
        ws = wb[SHEET_NAMES[table]]
        for coord, label in label_coords(table).items():
            if (ws[coord].value or "") != label:
                raise ImportFormatError(
                    f"“{p.name}”工作表“{ws.title}”的{coord}单元格应为“{label}”，表格结构被改动，无法读取。"
                    "请使用本程序导出的统计表重新填写。")
        for key, coord in value_coords(table).items():
            raw = ws[coord].value
            if isinstance(raw, float):
                raw = round(raw, 9)  # binary float noise from Excel arithmetic (0.1 + 0.2)
            if fmt.is_decimal(key):
                raw = as_displayed(raw, ws[coord].number_format)
            try:
                stats.set(key, raw)
            except ValueError as e:
                problems.append((key, f"“{p.name}”工作表“{ws.title}”{coord}单元格：{e}"))
    if problems:
        raise StatsValueError(problems)
    return stats, _unit_of(wb, p)


def _unit_of(wb, p: Path) -> str:
    typed = wb[NOTE_SHEET][UNIT_CELL].value if NOTE_SHEET in wb.sheetnames else None
    made_for = wb[META_SHEET]["B3"].value if META_SHEET in wb.sheetnames else None
    for name in (typed, made_for):
        if isinstance(name, str) and name.strip():
            return name.strip()
    return p.stem


def as_displayed(raw: object, number_format: str | None) -> object:
    """Return an amount as the sheet shows it: 1.5 formatted "0.00" is "1.50" (Excel keeps only
    the number; the decimals the clerk sees are in the cell's format)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return raw
    m = re.search(r"0\.(0+)", number_format or "")
    if not m:
        return raw
    decimals = len(m.group(1))
    if abs(round(raw, decimals) - raw) > 1e-9:
        return raw  # more decimals than the format shows: keep the number itself
    return f"{raw:.{decimals}f}"


def _check_identity(wb, p: Path, year: int) -> None:
    missing = [n for n in (SHEET_NAMES[t] for t in TABLES) if n not in wb.sheetnames]
    if missing:
        raise ImportFormatError(f"“{p.name}”缺少工作表“{missing[0]}”，不是本程序导出的统计表。")
    if META_SHEET in wb.sheetnames:
        meta = wb[META_SHEET]
        if meta["A1"].value == MAGIC and meta["B1"].value not in (None, year):
            raise ImportFormatError(
                f"“{p.name}”是{meta['B1'].value}年的统计表，不能作为{year}年的统计数据导入。")


def sum_all(parts: Iterable[Stats], year: int) -> Stats:
    """Return the cell-wise sum; a cell blank in any part stays blank (BLANK-CELL shows it)."""
    parts = list(parts)
    out = Stats(year)
    for key in fmt.ALL_KEYS:
        values = [s.number(key) for s in parts]
        if not values or any(v is None for v in values):
            continue
        total = sum(values, Decimal(0))
        out.set(key, parse_value(key, format(total, "f")))
    return out


def read_workbooks(paths: Iterable[str | os.PathLike[str]], year: int) -> Stats:
    """Read one or several workbooks and sum them; every bad cell of every file is named."""
    parts, problems = [], []
    for path in paths:
        try:
            parts.append(read_workbook(path, year))
        except StatsValueError as e:
            problems += e.problems
    if problems:
        raise StatsValueError(problems)
    if not parts:
        raise ImportFormatError("没有选择要导入的统计表。")
    return parts[0] if len(parts) == 1 else sum_all(parts, year)


def blank_cells_by_file(paths: Iterable[str | os.PathLike[str]], year: int) -> dict[str, list[str]]:
    """Return file name → keys of cells left blank (for the import preview)."""
    return {Path(p).name: read_workbook(p, year).blank_keys() for p in paths}
