"""Write a ReviewDocument as an Excel workbook that prints well: one sheet per table.

Speed: every cell kind is one registered NamedStyle; cells get a copy of its style array
instead of fresh Font/Border/Alignment objects, which would make 2,000 rows 2.4× slower.
"""

from __future__ import annotations

import math
import re
from copy import copy
from pathlib import Path

from gongkai_desk.core.model import STATUS_ORDER
from gongkai_desk.core.reports.review import (
    OVERDUE_WORD,
    STATUS_FILLS,
    fit_widths,
    printed_columns,
)
from gongkai_desk.core.reports.review_model import ReviewDocument, ReviewTableData
from gongkai_desk.core.text_width import display_width

FONT = "宋体"  # on every Chinese Windows; WPS maps it too
HEADER_FONT = "黑体"
BODY_PT = 11
LINE_PT = 14.4  # height of one wrapped line of 11 pt 宋体
UNITS_PER_CHAR = 2.2  # Excel width units one Chinese character needs at 11 pt (Calibri-based)
WIDTH_BUDGET_CHARS = 66  # characters across a landscape A4 page before fit-to-width shrinks
FOOTER = "第 &P 页 共 &N 页"
CENTRED = {"number", "deadline", "status"}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # illegal in XML
_BAD_SHEET_CHARS = re.compile(r"[\\/*?:\[\]]")


def write_review_xlsx(doc: ReviewDocument, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook

    wb = Workbook()
    protos = _register_styles(wb)
    first = wb.active
    names: set[str] = set()
    for i, table in enumerate(doc.tables or [ReviewTableData("无符合条件的任务", None, ("text",), ("具体任务",))]):
        ws = first if i == 0 else wb.create_sheet()
        ws.title = _sheet_name(table, names)
        _write_sheet(ws, table, protos)
    path = Path(path)
    wb.save(str(path))
    return path


def _sheet_name(table: ReviewTableData, used: set[str]) -> str:
    """Return a unique sheet name (≤ 31 characters, no []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", table.unit or "落实情况表")[:28] or "落实情况表"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name


def _register_styles(wb) -> dict[str, object]:
    """Register one NamedStyle per cell kind; return a prototype style array for each."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = dict(wrap_text=True, vertical="center")
    kinds = {
        "rv_title": NamedStyle("rv_title", font=Font(name=FONT, size=18, bold=True),
                               alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        "rv_subtitle": NamedStyle("rv_subtitle", font=Font(name=FONT, size=BODY_PT),
                                  alignment=Alignment(horizontal="left", vertical="center")),
        "rv_header": NamedStyle("rv_header", font=Font(name=HEADER_FONT, size=BODY_PT, bold=True),
                                fill=PatternFill("solid", fgColor="D9D9D9"), border=box,
                                alignment=Alignment(horizontal="center", **wrap)),
        "rv_section": NamedStyle("rv_section", font=Font(name=HEADER_FONT, size=BODY_PT, bold=True),
                                 fill=PatternFill("solid", fgColor="F2F2F2"), border=box,
                                 alignment=Alignment(horizontal="left", **wrap)),
        "rv_body": NamedStyle("rv_body", font=Font(name=FONT, size=BODY_PT), border=box,
                              alignment=Alignment(horizontal="left", **wrap)),
        "rv_center": NamedStyle("rv_center", font=Font(name=FONT, size=BODY_PT), border=box,
                                alignment=Alignment(horizontal="center", **wrap)),
    }
    holder = wb.create_sheet("_styles")
    protos = {}
    for i, (name, style) in enumerate(kinds.items(), start=1):
        wb.add_named_style(style)
        cell = holder.cell(row=i, column=1)
        cell.style = name
        protos[name] = _frozen(cell._style)
    wb.remove(holder)
    return protos


def _frozen(style_array):
    """Return a copy of an openpyxl StyleArray whose hash is computed once.

    Saving looks every styled cell's array up in the workbook's style list, hashing it
    each time (twice); thousands of cells share a few arrays, so caching the hash saves
    most of the cost styling adds over unstyled cells.
    """
    from openpyxl.styles.cell_style import StyleArray

    class FrozenStyleArray(StyleArray):
        __slots__ = ("_hash",)

        def __hash__(self):
            return self._hash

    frozen = FrozenStyleArray(style_array)
    frozen._hash = hash(tuple(style_array))
    return frozen


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text


def _write_sheet(ws, table: ReviewTableData, protos: dict[str, object]) -> None:
    """Fill one sheet: title, subtitle, header, section and task rows, then page setup."""
    from openpyxl.utils import get_column_letter

    cols = printed_columns(table)
    keys = [k for k, _ in cols]
    n = len(keys)
    last = get_column_letter(n)
    chars = fit_widths(table, WIDTH_BUDGET_CHARS)
    for j, c in enumerate(chars, start=1):
        ws.column_dimensions[get_column_letter(j)].width = round(c * UNITS_PER_CHAR + 1.5, 1)
    total_chars = sum(chars)

    row = 1
    _put_row(ws, row, [_clean(table.title)] + [""] * (n - 1), [protos["rv_title"]] * n)
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = max(1, math.ceil(display_width(table.title) / total_chars * 18 / BODY_PT)) * 30
    if table.subtitle:
        row += 1
        _put_row(ws, row, [_clean(table.subtitle)] + [""] * (n - 1), [protos["rv_subtitle"]] * n)
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = 22
    row += 1
    header_row = row
    _put_row(ws, row, [h for _, h in cols], [protos["rv_header"]] * n)
    ws.row_dimensions[row].height = _height([h for _, h in cols], chars)

    heights = _Heights(ws)
    styles = [protos["rv_center"] if k in CENTRED else protos["rv_body"] for k in keys]
    section_styles = [protos["rv_section"]] * n
    blanks = [""] * (n - 1)
    for sec in table.sections:
        if sec.title:
            row += 1
            _put_row(ws, row, [_clean(sec.title)] + blanks, section_styles, shared=True)
            _merge_row(ws, row, n, protos["rv_section"])
            ws.row_dimensions[row].height = _height([sec.title], [total_chars])
        for r in sec.rows:
            row += 1
            texts = [_clean(r.cells.get(k, "")) for k in keys]
            _put_row(ws, row, texts, styles, shared=True)
            heights.set(row, _height(texts, chars))

    _status_rules(ws, keys, header_row + 1, row)
    _page_setup(ws, header_row, row, last)


class _Heights:
    """Set row heights sharing one RowDimension per distinct height.

    A RowDimension costs ~15 descriptor assignments to build and as many lookups each time
    the writer lists its attributes; for 2,000 rows that is a third of the sheet's cost.
    The writer reads only a dimension's attributes (height, custom flag), never its index,
    so rows of equal height share one object whose attribute list is computed once.
    """

    def __init__(self, ws) -> None:
        self.ws = ws
        self.dims: dict[float, object] = {}

    def set(self, row: int, height: float) -> None:
        dim = self.dims.get(height)
        if dim is None:
            dim = self.dims[height] = _shared_row_dimension(self.ws, row, height)
        self.ws.row_dimensions[row] = dim


def _shared_row_dimension(ws, row: int, height: float):
    from openpyxl.worksheet.dimensions import RowDimension

    class SharedRowDimension(RowDimension):
        def __iter__(self):
            return iter(self._attrs)

    dim = SharedRowDimension(ws, index=row, ht=height, customHeight=True)
    dim._attrs = list(RowDimension.__iter__(dim))
    return dim


def _merge_row(ws, row: int, ncols: int, style) -> None:
    """Merge a row across the table, keeping every covered cell's own border style.

    ``ws.merge_cells`` recomputes each edge cell's Border object (hashing styles per cell);
    the covered cells already carry the section style's full border, so only the
    MergedCell placeholders are needed.
    """
    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.merge import MergedCellRange

    ws.merged_cells.add(MergedCellRange(ws, f"A{row}:{get_column_letter(ncols)}{row}"))
    for col in range(2, ncols + 1):
        cell = MergedCell(ws, row=row, column=col)
        cell._style = style
        ws._cells[(row, col)] = cell


def _put_row(ws, row: int, texts: list[str], styles: list, *, shared: bool = False) -> None:
    """Create one row of styled text cells directly.

    ``ws[row]`` scans every cell for the sheet width on each call (quadratic over 2,000
    rows), so cells go straight into the sheet's cell map, as ``ws.append`` itself does.
    Text is stored as a string cell (data_type "s"): user text that starts with "=" stays
    text and never becomes a formula. ``shared``: cells share their style array (nothing
    restyles them later; merged rows must not share, openpyxl edits their borders in place).
    """
    from openpyxl.cell.cell import Cell

    cells = ws._cells
    for col, (text, style) in enumerate(zip(texts, styles), start=1):
        cell = Cell(ws, row=row, column=col)
        # Set after construction: Cell(style_array=…) builds a new array from a list (slow).
        cell._style = style if shared else copy(style)
        if text:
            cell._value = text
            cell.data_type = "s"
        cells[(row, col)] = cell
    ws._current_row = max(ws._current_row, row)


def _height(texts: list[str], chars: list[float]) -> float:
    """Return a row height (points) that shows every wrapped line: Excel won't compute it."""
    lines = 1
    for text, width in zip(texts, chars):
        per_line = max(1.0, width - 0.5)
        if "\n" not in text:
            if len(text) <= per_line:
                continue  # one line whatever the characters (cheap test first: 2,000 rows × 10 cells)
            n = math.ceil(display_width(text) / per_line)
        else:
            n = sum(max(1, math.ceil(display_width(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, n)
    return min(409.0, lines * LINE_PT + 6)  # 409 pt is Excel's maximum row height


def _status_rules(ws, keys: list[str], first: int, last: int) -> None:
    """Add the status drop-down and the status colour rules (逾期 red wins)."""
    if "status" not in keys or last < first:
        return
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import PatternFill
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = get_column_letter(keys.index("status") + 1)
    ref = f"{col}{first}:{col}{last}"
    choices = ",".join(s.value for s in STATUS_ORDER)
    dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showDropDown=False,
                        error="请从下拉列表中选择完成状态。", errorTitle="完成状态",
                        prompt="未启动/推进中/阶段性完成/已完成/持续推进", promptTitle="完成状态")
    dv.showErrorMessage = True
    dv.add(ref)
    ws.add_data_validation(dv)
    order = [OVERDUE_WORD, "已完成", "阶段性完成", "推进中", "未启动", "持续推进"]
    for priority, word in enumerate(order, start=1):
        fill = PatternFill("solid", fgColor=STATUS_FILLS[word], bgColor=STATUS_FILLS[word])
        rule = Rule(type="containsText", operator="containsText", text=word,
                    dxf=DifferentialStyle(fill=fill), stopIfTrue=True)
        rule.formula = [f'NOT(ISERROR(SEARCH("{word}",{col}{first})))']
        rule.priority = priority
        ws.conditional_formatting.add(ref, rule)


def _page_setup(ws, header_row: int, last_row: int, last_col: str) -> None:
    """Landscape A4, one page wide, header rows repeated, margins, page-number footer."""
    from openpyxl.worksheet.page import PageMargins

    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{last_col}{max(last_row, header_row)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(left=0.6, right=0.6, top=0.7, bottom=0.8, header=0.3, footer=0.4)
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.size = 10
    ws.evenFooter.center.text = FOOTER
