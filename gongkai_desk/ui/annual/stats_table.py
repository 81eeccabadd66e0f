"""One statistics table drawn as the form draws it: the header rows are part of the grid,
merged label cells use setSpan, and only value cells are editable.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLineEdit, QStyledItemDelegate, QTableView, QWidget,
)

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.stats import parse_value
from gongkai_desk.core.annual.grid import GRID_COLUMNS, GridCell, grid, positions

PLACEHOLDER = "未填"
LABEL_BG = QColor("#f1f3f5")
HEADER_BG = QColor("#e6eaef")
VALUE_BG = QColor("#ffffff")
ERROR_BG = QColor("#f8d0d0")
WARNING_BG = QColor("#fff0c2")
PLACEHOLDER_FG = QColor("#a0a4a8")
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# Pixel widths per grid column at 100 % (scaled by the font height when applied).
COLUMN_UNITS = {"table2": [14, 11, 11, 11], "table3": [4, 7, 24] + [6] * 7, "table4": [5] * 15}


class StatsTableModel(QAbstractTableModel):
    """The grid of one table over a shared cell dict (key → text or None)."""

    cell_edited = Signal(str, object)  # key, canonical text or None
    rejected = Signal(str)  # a Chinese sentence: why the typed value was refused

    def __init__(self, table: str, cells: dict[str, str | None], parent=None) -> None:
        super().__init__(parent)
        self.table = table
        self.cells = cells
        self.marks: dict[str, str] = {}  # key → "error" | "warning"
        rows = grid(table, None)
        self._n_rows, self._n_cols = len(rows), GRID_COLUMNS[table]
        self._at: dict[tuple[int, int], GridCell] = {}
        self.spans: list[tuple[int, int, int, int]] = []
        self.pos: dict[str, tuple[int, int]] = {}
        self._origin: dict[int, tuple[int, int]] = {}
        for r, placed in enumerate(positions(rows)):
            for c, cell in placed:
                if cell.cont:
                    continue
                self._origin[id(cell)] = (r, c)
                for dr in range(cell.rowspan):
                    for dc in range(cell.span):
                        self._at[(r + dr, c + dc)] = cell
                if cell.rowspan > 1 or cell.span > 1:
                    self.spans.append((r, c, cell.rowspan, cell.span))
                if cell.key:
                    self.pos[cell.key] = (r, c)

    # ---------------------------------------------------------------- Qt model API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._n_rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._n_cols

    def cell_at(self, index: QModelIndex) -> GridCell | None:
        return self._at.get((index.row(), index.column()))

    def pos_of_origin(self, cell: GridCell) -> tuple[int, int] | None:
        """Return the top-left grid position of ``cell``."""
        return self._origin.get(id(cell))

    def flags(self, index):
        cell = self.cell_at(index)
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        if cell.kind == "value":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        cell = self.cell_at(index)
        if cell is None:
            return None
        if cell.kind != "value":
            return self._label_data(cell, role)
        value = self.cells.get(cell.key or "")
        if role == Qt.ItemDataRole.DisplayRole:
            return PLACEHOLDER if value is None else value
        if role == Qt.ItemDataRole.EditRole:
            return value or ""
        if role == Qt.ItemDataRole.ForegroundRole and value is None:
            return PLACEHOLDER_FG
        if role == Qt.ItemDataRole.BackgroundRole:
            mark = self.marks.get(cell.key or "")
            return ERROR_BG if mark == "error" else WARNING_BG if mark == "warning" else VALUE_BG
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return fmt.cell_label(cell.key or "") + ("（未填写，空白不等于0）" if value is None else "")
        if role == KEY_ROLE:
            return cell.key
        return None

    def _label_data(self, cell: GridCell, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return LABEL_BG if cell.kind == "label" else HEADER_BG
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignLeft if cell.kind in ("label", "note") else Qt.AlignmentFlag.AlignHCenter
            return h | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and cell.kind in ("label", "note"):
            return cell.text
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        cell = self.cell_at(index)
        if cell is None or cell.kind != "value" or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            canon = parse_value(cell.key or "", value)
        except ValueError as e:
            self.rejected.emit(str(e))
            return False
        if canon == self.cells.get(cell.key or ""):
            return False
        self.cells[cell.key or ""] = canon
        self.dataChanged.emit(index, index)
        self.cell_edited.emit(cell.key, canon)
        return True

    # ---------------------------------------------------------------- helpers
    def index_of(self, key: str) -> QModelIndex:
        r, c = self.pos[key]
        return self.index(r, c)

    def set_marks(self, marks: dict[str, str]) -> None:
        """Colour the cells named by failing rules (error red, warning amber)."""
        self.marks = {k: v for k, v in marks.items() if k in self.pos}
        # Only the colour changed: naming the role keeps Qt from resetting an open editor's text.
        self.refresh([Qt.ItemDataRole.BackgroundRole])

    def refresh(self, roles: list | None = None) -> None:
        if self._n_rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self._n_rows - 1, self._n_cols - 1),
                                  roles or [])


class CellDelegate(QStyledItemDelegate):
    """A line editor that only accepts digits (收费金额: an amount; past four decimals only a warning) and reports each keystroke."""

    text_edited = Signal(str, str)  # key, text as typed so far

    def createEditor(self, parent: QWidget, option, index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        key = index.data(KEY_ROLE) or ""
        pattern = r"^\d{0,12}(\.\d{0,12})?$" if fmt.is_decimal(key) else r"^\d{0,12}$"
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setPlaceholderText(PLACEHOLDER)
        editor.textEdited.connect(lambda text, k=key: self.text_edited.emit(k, text))
        return editor

    def setEditorData(self, editor: QWidget, index) -> None:  # noqa: N802
        # Live checking repaints the table (dataChanged), and Qt then reloads every open editor
        # from the model: keep what the clerk is typing.
        if isinstance(editor, QLineEdit) and editor.isModified():
            return
        super().setEditorData(editor, index)


class StatsTableView(QTableView):
    """The table widget: no Qt headers (the form's own header rows are in the grid)."""

    def __init__(self, model: StatsTableModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        for r, c, rs, cs in model.spans:
            self.setSpan(r, c, rs, cs)
        unit = max(8, self.fontMetrics().horizontalAdvance("中"))
        for c, u in enumerate(COLUMN_UNITS[model.table]):
            self.setColumnWidth(c, int(u * unit * 0.95))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Size rows from their own single-row cells: Qt's resizeRowsToContents measures a cell
        spanning several rows as if it had to fit in each of them, making header rows huge."""
        model: StatsTableModel = self.model()  # type: ignore[assignment]
        fm = self.fontMetrics()
        line = fm.lineSpacing()
        for r in range(model.rowCount()):
            lines = 1
            for c in range(model.columnCount()):
                cell = model.cell_at(model.index(r, c))
                if cell is None or cell.kind == "value" or model.pos_of_origin(cell) != (r, c):
                    continue
                span_w = sum(self.columnWidth(c + k) for k in range(cell.span)) - 10
                if cell.rowspan == 1:
                    lines = max(lines, -(-fm.horizontalAdvance(cell.text) // max(span_w, 1)))
            self.setRowHeight(r, lines * line + 12)

    def select_keys(self, keys: list[str]) -> None:
        """Select the value cells ``keys`` (those of this table) and scroll to the first."""
        model: StatsTableModel = self.model()  # type: ignore[assignment]
        sel = self.selectionModel()
        sel.clearSelection()
        first = None
        from PySide6.QtCore import QItemSelectionModel

        for key in keys:
            if key not in model.pos:
                continue
            idx = model.index_of(key)
            sel.select(idx, QItemSelectionModel.SelectionFlag.Select)
            first = first or idx
        if first is not None:
            sel.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def selected_keys(self) -> list[str]:
        return [k for i in self.selectionModel().selectedIndexes() if (k := i.data(KEY_ROLE))]
