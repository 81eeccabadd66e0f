"""The task table: a QAbstractTableModel over ``Workspace.tasks`` and a filter/sort proxy."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...core.model import Status, TaskRow
from ..style import OVERDUE_BACKGROUND, OVERDUE_FOREGROUND, STATUS_BACKGROUND, STATUS_FOREGROUND

COLUMNS = ("序号", "任务内容", "牵头单位", "责任单位", "完成时限", "完成状态")
COL_NUMBER, COL_TEXT, COL_LEAD, COL_RESP, COL_DEADLINE, COL_STATUS = range(6)
TaskIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def _number_key(number: str | None, position: int) -> tuple:
    digits = re.findall(r"\d+", number or "")
    return (int(digits[0]) if digits else 10**9, number or "", position)


class TaskTableModel(QAbstractTableModel):
    """Rows are TaskRow dataclasses, reloaded from the core when tasks or progress change."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: Sequence[TaskRow] = []
        self._section_titles: dict[int, str] = {}
        self._number_keys: list[int] | None = None

    def set_rows(self, rows: Sequence[TaskRow], section_titles: dict[int, str] | None = None) -> None:
        """Show ``rows`` (a list, or a core TaskList that builds rows as they are shown)."""
        self.beginResetModel()
        self._rows = rows
        self._section_titles = section_titles or {}
        self._number_keys = None  # computed on the first sort by 序号
        self.endResetModel()

    def counts(self) -> tuple[int, int]:
        """(tasks 已完成, tasks overdue) of all rows."""
        if hasattr(self._rows, "counts"):
            return self._rows.counts()
        return sum(t.status is Status.DONE for t in self._rows), sum(t.overdue for t in self._rows)

    def unit_ids(self) -> set[int]:
        if hasattr(self._rows, "unit_ids"):
            return self._rows.unit_ids()
        return set().union(*(t.unit_ids for t in self._rows)) if self._rows else set()

    def _number_key(self, row: int) -> int:
        if self._number_keys is None:
            rows = self._rows
            numbers = [rows.number_at(i) for i in range(len(rows))] if hasattr(rows, "number_at") \
                else [t.number for t in rows]
            self._number_keys = [_number_key(n, i)[0] * 100000 + i for i, n in enumerate(numbers)]
        return self._number_keys[row]

    def task_at(self, row: int) -> TaskRow:
        return self._rows[row]

    def row_of(self, task_id: int) -> int:
        rows = self._rows
        ids = (rows.id_at(i) for i in range(len(rows))) if hasattr(rows, "id_at") else (r.id for r in rows)
        for i, tid in enumerate(ids):
            if tid == task_id:
                return i
        return -1

    @property
    def rows(self) -> Sequence[TaskRow]:
        return self._rows

    # ---- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(t, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return f"{t.text}\n\n{t.detail}" if t.detail else t.text
            return self._display(t, col) or None
        if role == TaskIdRole:
            return t.id
        if role == SortRole:
            if col == COL_NUMBER:
                return self._number_key(index.row())
            if col == COL_STATUS:
                return -1 if t.overdue else t.status.rank
            if col == COL_DEADLINE:
                return t.deadline.date.isoformat() if t.deadline.date else "9999"
            return self._display(t, col)
        if col == COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BACKGROUND if t.overdue else STATUS_BACKGROUND[t.status]
        if col == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_FOREGROUND if t.overdue else STATUS_FOREGROUND[t.status]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_NUMBER, COL_STATUS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, t: TaskRow, col: int) -> str:
        if col == COL_NUMBER:
            return t.number or ""
        if col == COL_TEXT:
            return t.text
        if col == COL_LEAD:
            return "、".join(t.lead_units)
        if col == COL_RESP:
            return "、".join(t.responsible_units)
        if col == COL_DEADLINE:
            return t.deadline.phrase or (t.deadline.date.isoformat() if t.deadline.date else "")
        if col == COL_STATUS:
            return t.status_label
        return ""


class TaskFilterProxy(QSortFilterProxyModel):
    """Filter by unit, status (or 逾期), section subtree and free text; sort numerically."""

    OVERDUE = "逾期"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._unit_id: int | None = None
        self._status: str | None = None
        self._text = ""
        self._sections: set[int] | None = None
        self.setSortRole(SortRole)

    def set_filter(self, *, unit_id: int | None = None, status: str | None = None, text: str = "",
                   sections: set[int] | None = None) -> None:
        if (unit_id, status, text.strip(), sections) == (self._unit_id, self._status, self._text, self._sections):
            return  # unchanged: after a model reset the proxy has already filtered every row
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10 deprecates invalidateFilter()
            self.beginFilterChange()
            self._unit_id, self._status, self._text, self._sections = unit_id, status, text.strip(), sections
            self.endFilterChange()
        else:
            self._unit_id, self._status, self._text, self._sections = unit_id, status, text.strip(), sections
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._sections is None and self._unit_id is None and not self._status and not self._text:
            return True  # no filter: don't build the row just to accept it
        model: TaskTableModel = self.sourceModel()
        t = model.task_at(source_row)
        if self._sections is not None and t.section_id not in self._sections:
            return False
        if self._unit_id is not None and self._unit_id not in t.unit_ids:
            return False
        if self._status:
            if self._status == self.OVERDUE:
                if not t.overdue:
                    return False
            elif t.status is not Status(self._status):
                return False
        if self._text:
            hay = " ".join([t.number or "", t.text, t.detail or "", *t.lead_units, *t.responsible_units, t.deadline.phrase or ""])
            if not all(word in hay for word in self._text.split()):
                return False
        return True
