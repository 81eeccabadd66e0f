"""Write a ReviewDocument as an Excel workbook that prints well and edits safely: one sheet per table.

What the file holds is what its own rules accept: the status column has only the five status
words (its drop-down lists them all); 逾期 (and later a deadline light word) stands in a
逾期/提示 column of its own. 序号 that are numbers are numbers. Sections are a 任务类别 column
by default, so Excel's sort and filter work; as merged rows between the tasks
(``ReviewOptions.section_rows``) they are kept with their first task on the printed page
(``review_print``). Text starting with = + - @ carries Excel's quote prefix, so editing the cell
never turns it into a formula. Each sheet's page numbers start at 1.

Speed: every cell kind is one registered NamedStyle; cells get a copy of its style array
instead of fresh Font/Border/Alignment objects, which would make 2,000 rows 2.4× slower.
"""

from __future__ import annotations

import math
import re
from copy import copy
from pathlib import Path

from gongkai_desk.core.exporters.properties import DocumentProperties, save_xlsx
from gongkai_desk.core.exporters.xlsx.review_print import page_setup, section_breaks
from gongkai_desk.core.model import STATUS_ORDER
from gongkai_desk.core.reports.review import (
    WARN_FILL,
    OVERDUE_WORD,
    STATUS_FILLS,
    column_weights,
    fit_widths,
    header_text,
)
from gongkai_desk.core.reports.review_model import COLUMNS, ReviewDocument, ReviewTableData
from gongkai_desk.core.text_width import display_width

FONT = "宋体"  # on every Chinese Windows; WPS maps it too
HEADER_FONT = "黑体"
BODY_PT = 11
LINE_PT = 14.4  # height of one wrapped line of 11 pt 宋体
UNITS_PER_CHAR = 2.2  # Excel width units one Chinese character needs at 11 pt (Calibri-based)
WIDTH_BUDGET_CHARS = 66  # characters across a landscape A4 page before fit-to-width shrinks
CENTRED = {"number", "deadline", "status", "alert"}
FORMULA_STARTS = ("=", "+", "-", "@")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # illegal in XML
_BAD_SHEET_CHARS = re.compile(r"[\\/*?:\[\]]")
_KINDS = ("rv_title", "rv_subtitle", "rv_header", "rv_section", "rv_body", "rv_center")


def write_review_xlsx(doc: ReviewDocument, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` (.xlsx) and return the path."""
    from openpyxl import Workbook

    wb = Workbook()
    protos = _register_styles(wb)
    first = wb.active
    names: set[str] = set()
    empty = ReviewTableData("无符合条件的任务", None, ("text",), (COLUMNS["text"],))
    for i, table in enumerate(doc.tables or [empty]):
        ws = first if i == 0 else wb.create_sheet()
        ws.title = _sheet_name(table, names)
        _write_sheet(ws, table, protos, section_rows=doc.options.section_rows)
    return save_xlsx(wb, path, DocumentProperties.now(doc.title, doc.author))


def sheet_columns(table: ReviewTableData, *, section_rows: bool = False) -> list[tuple[str, str]]:
    """(key, header) of the sheet's columns: 任务类别 as a column unless ``section_rows``, and
    a 逾期/提示 column beside the status whenever the status is printed."""
    cols = [(k, h) for k, h in zip(table.columns, table.headers) if k != "section" or not section_rows]
    keys = [k for k, _ in cols]
    if "status" in keys and "alert" not in keys:
        cols.insert(keys.index("status") + 1, ("alert", COLUMNS["alert"]))
    return cols


def _sheet_name(table: ReviewTableData, used: set[str]) -> str:
    """Return a unique sheet name (≤ 31 characters, no []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("", table.unit or "落实情况表")[:28] or "落实情况表"
    name, n = base, 2
    while name in used:
        name, n = f"{base}{n}", n + 1
    used.add(name)
    return name


def _register_styles(wb) -> dict[str, object]:
    """Register one NamedStyle per cell kind; return a prototype style array for each, and a
    quote-prefixed twin ("<kind>_q") for text that starts like a formula."""
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
        quoted = copy(cell._style)
        quoted.quotePrefix = 1
        protos[f"{name}_q"] = _frozen(quoted)
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


def _write_sheet(ws, table: ReviewTableData, protos: dict[str, object], *, section_rows: bool) -> None:
    """Fill one sheet: title, subtitle, header, section and task rows, then page setup."""
    from openpyxl.utils import get_column_letter

    cols = sheet_columns(table, section_rows=section_rows)
    keys = [k for k, _ in cols]
    n = len(keys)
    last = get_column_letter(n)
    # The 任务类别 and 逾期/提示 columns widen the sheet rather than squeeze the text columns:
    # printing fits it to the page width.
    extra = sum(w + 1.0 for (k, _), w in zip(cols, column_weights(table, cols)) if k in ("section", "alert"))
    chars = fit_widths(table, WIDTH_BUDGET_CHARS + extra, cols)
    widths = [round(c * UNITS_PER_CHAR + 1.5, 1) for c in chars]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    total_chars = sum(chars)

    row = 1
    heights: dict[int, float] = {}
    _put_row(ws, row, [_clean(table.title)] + [""] * (n - 1), ["rv_title"] * n, protos)
    ws.merge_cells(f"A1:{last}1")
    heights[1] = max(1, math.ceil(display_width(table.title) / total_chars * 18 / BODY_PT)) * 30
    ws.row_dimensions[1].height = heights[1]
    if table.subtitle:
        row += 1
        _put_row(ws, row, [_clean(table.subtitle)] + [""] * (n - 1), ["rv_subtitle"] * n, protos)
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = heights[row] = 22
    row += 1
    header_row = row
    head = [header_text(h, c) for (_, h), c in zip(cols, chars)]
    _put_row(ws, row, head, ["rv_header"] * n, protos)
    ws.row_dimensions[row].height = heights[row] = _height(head, chars)

    dims = _Heights(ws)
    kinds = ["rv_center" if k in CENTRED else "rv_body" for k in keys]
    section_kinds = ["rv_section"] * n
    blanks = [""] * (n - 1)
    number_col = keys.index("number") if "number" in keys else -1
    section_row_numbers: list[int] = []
    for sec in table.sections:
        if sec.title and section_rows:
            row += 1
            _put_row(ws, row, [_clean(sec.title)] + blanks, section_kinds, protos, shared=True)
            _merge_row(ws, row, n, protos["rv_section"])
            ws.row_dimensions[row].height = heights[row] = _height([sec.title], [total_chars])
            section_row_numbers.append(row)
        for r in sec.rows:
            row += 1
            texts = [_clean(r.cells.get(k, "")) for k in keys]
            _put_row(ws, row, texts, kinds, protos, shared=True, number_col=number_col)
            heights[row] = _height(texts, chars)
            dims.set(row, heights[row])

    _status_rules(ws, keys, header_row + 1, row)
    if not section_rows:
        # Every row is a task row with its 任务类别 beside it: sorting and filtering keep it whole.
        ws.auto_filter.ref = f"A{header_row}:{last}{max(row, header_row)}"
    breaks = section_breaks(heights, widths, header_row, row, section_row_numbers) if section_rows else None
    page_setup(ws, header_row, row, last, breaks, ledger=table.unit is not None)


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


def _put_row(ws, row: int, texts: list[str], kinds: list[str], protos: dict[str, object], *,
             shared: bool = False, number_col: int = -1) -> None:
    """Create one row of styled cells directly.

    ``ws[row]`` scans every cell for the sheet width on each call (quadratic over 2,000
    rows), so cells go straight into the sheet's cell map, as ``ws.append`` itself does.
    Text is stored as a string cell (data_type "s"), so user text that starts with "=" stays
    text; it also gets the quote prefix, so re-editing it in Excel keeps it text. The 序号
    column (``number_col``) holds a number when the text is one. ``shared``: cells share their
    style array (nothing restyles them later; merged rows must not share, openpyxl edits their
    borders in place).
    """
    from openpyxl.cell.cell import Cell

    cells = ws._cells
    for col, (text, kind) in enumerate(zip(texts, kinds), start=1):
        cell = Cell(ws, row=row, column=col)
        if text and text[0] in FORMULA_STARTS:
            kind = f"{kind}_q"
        style = protos[kind]
        # Set after construction: Cell(style_array=…) builds a new array from a list (slow).
        cell._style = style if shared else copy(style)
        if text:
            if col - 1 == number_col and text.isdigit() and text.isascii():
                cell._value = int(text)
                cell.data_type = "n"
            else:
                cell._value = text
                cell.data_type = "s"
        cells[(row, col)] = cell
    ws._current_row = max(ws._current_row, row)


def _per_line(width_chars: float) -> float:
    """Characters one line of a column holds: the column is ``width_chars * UNITS_PER_CHAR + 1.5``
    units of 7 px plus 5 px, less 7 px of cell padding; an 11 pt character is 15 px; 5 % is
    left for line-breaking rules (no line may start with "，")."""
    px = (width_chars * UNITS_PER_CHAR + 1.5) * 7 + 5 - 7
    return max(1.0, px / 15 * 0.95)


def _height(texts: list[str], chars: list[float]) -> float:
    """Return a row height (points) that shows every wrapped line: Excel won't compute it."""
    lines = 1
    for text, width in zip(texts, chars):
        per_line = _per_line(width)
        if "\n" not in text:
            if len(text) <= per_line:
                continue  # one line whatever the characters (cheap test first: 2,000 rows × 10 cells)
            n = math.ceil(display_width(text) / per_line)
        else:
            n = sum(max(1, math.ceil(display_width(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, n)
    return min(409.0, lines * LINE_PT + 6)  # 409 pt is Excel's maximum row height


def _status_rules(ws, keys: list[str], first: int, last: int) -> None:
    """Add the status drop-down and the colour rules (an overdue row's status turns red)."""
    if "status" not in keys or last < first:
        return
    from openpyxl.formatting.rule import Rule
    from openpyxl.styles import PatternFill
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    col = get_column_letter(keys.index("status") + 1)
    ref = f"{col}{first}:{col}{last}"
    words = [s.value for s in STATUS_ORDER]
    dv = DataValidation(type="list", formula1=f'"{",".join(words)}"', allow_blank=True, showDropDown=False,
                        error="请从下拉列表中选择完成状态。", errorTitle="完成状态",
                        prompt="/".join(words), promptTitle="完成状态")
    dv.showErrorMessage = True
    dv.add(ref)
    ws.add_data_validation(dv)
    red = STATUS_FILLS[OVERDUE_WORD]
    priority = 1
    if "alert" in keys:
        alert = get_column_letter(keys.index("alert") + 1)
        # 逾期 wins: the status and the 逾期/提示 cell of an overdue row are red.
        rule = Rule(type="expression", dxf=DifferentialStyle(fill=PatternFill("solid", fgColor=red, bgColor=red)),
                    stopIfTrue=True)
        rule.formula = [f'${alert}{first}="{OVERDUE_WORD}"']
        rule.priority = priority
        ws.conditional_formatting.add(f"{col}{first}:{col}{last} {alert}{first}:{alert}{last}", rule)
        priority += 1
        # Any other word in 逾期/提示 is a yellow light's reason (3个工作日内到期, 45天未更新…).
        warn = PatternFill("solid", fgColor=WARN_FILL, bgColor=WARN_FILL)
        rule = Rule(type="expression", dxf=DifferentialStyle(fill=warn), stopIfTrue=True)
        rule.formula = [f'LEN(${alert}{first})>0']
        rule.priority = priority
        ws.conditional_formatting.add(f"{alert}{first}:{alert}{last}", rule)
        priority += 1
    for word in ["已完成", "阶段性完成", "推进中", "未启动", "持续推进"]:
        fill = PatternFill("solid", fgColor=STATUS_FILLS[word], bgColor=STATUS_FILLS[word])
        rule = Rule(type="cellIs", operator="equal", formula=[f'"{word}"'],
                    dxf=DifferentialStyle(fill=fill), stopIfTrue=True)
        rule.priority = priority
        priority += 1
        ws.conditional_formatting.add(ref, rule)
