"""The task table: a QAbstractTableModel over ``Workspace.tasks`` and a filter/sort proxy."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from gongkai_desk.core.model import Status, TaskRow
from gongkai_desk.ui.style import (
    LIGHT_BACKGROUND, OVERDUE_BACKGROUND, OVERDUE_FOREGROUND, STATUS_BACKGROUND, STATUS_FOREGROUND,
)

COLUMNS = ("序号", "任务内容", "牵头单位", "责任单位", "完成时限", "完成状态", "提醒")
COL_NUMBER, COL_TEXT, COL_LEAD, COL_RESP, COL_DEADLINE, COL_STATUS, COL_LIGHT = range(7)
TaskIdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def _ids(rows: Sequence[TaskRow]) -> list[int]:
    if hasattr(rows, "id_at"):
        return [rows.id_at(i) for i in range(len(rows))]
    return [r.id for r in rows]


def _number_key(number: str | None, position: int) -> tuple:
    digits = re.findall(r"\d+", number or "")
    return (int(digits[0]) if digits else 10**9, number or "", position)


class TaskTableModel(QAbstractTableModel):
    """Rows are TaskRow dataclasses, reloaded from the core when tasks or progress change.

    The model sorts itself (``sort``): one Python ``sorted()`` over precomputed keys, kept across
    reloads. Letting QSortFilterProxyModel sort 10,000 rows calls ``data()`` some 300,000 times,
    over a second after every edit.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: Sequence[TaskRow] = []
        self._order: list[int] | None = None  # view row -> index into _rows, when sorted
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.lights = None  # core.reports.task_lights.TaskLights: the 提醒 column (红/黄/绿 with its word)

    def set_lights(self, lights) -> None:
        """Use ``lights`` for the 提醒 column from the next ``set_rows`` on."""
        self.lights = lights

    def set_rows(self, rows: Sequence[TaskRow]) -> None:
        """Show ``rows`` (a list, or a core TaskList that builds rows as they are shown).

        The same tasks as before (an edit of their text, units or progress) are updated in place:
        selections and the scroll position stay, and an edit committed while Qt is handling a
        selection change cannot reset the model under it. Other rows reset the model.
        """
        if len(rows) == len(self._rows) and len(rows) and _ids(rows) == _ids(self._rows):
            self._refresh(rows)
            return
        self.beginResetModel()
        self._rows = rows
        self._order = self._sorted_order() if self._sort else None
        self.endResetModel()

    def _refresh(self, rows: Sequence[TaskRow]) -> None:
        if self._sort is None:
            self._rows = rows
        else:  # a new status or deadline may move rows: keep persistent indexes on their tasks
            self.layoutAboutToBeChanged.emit()
            before = self.persistentIndexList()
            tasks = [self._index_in_rows(i.row()) for i in before]
            self._rows = rows
            self._order = self._sorted_order()
            where = {r: v for v, r in enumerate(self._order)}
            self.changePersistentIndexList(before, [self.index(where[t], i.column()) for t, i in zip(tasks, before)])
            self.layoutChanged.emit()
        self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))

    def counts(self) -> tuple[int, int]:
        """(tasks 已完成, tasks overdue) of all rows."""
        if hasattr(self._rows, "counts"):
            return self._rows.counts()
        return sum(t.status is Status.DONE for t in self._rows), sum(t.overdue for t in self._rows)

    def unit_ids(self) -> set[int]:
        if hasattr(self._rows, "unit_ids"):
            return self._rows.unit_ids()
        return set().union(*(t.unit_ids for t in self._rows)) if self._rows else set()

    def task_at(self, row: int) -> TaskRow:
        return self._rows[self._order[row] if self._order is not None else row]

    def row_of(self, task_id: int) -> int:
        rows = self._rows
        ids = (rows.id_at(i) for i in range(len(rows))) if hasattr(rows, "id_at") else (r.id for r in rows)
        found = next((i for i, tid in enumerate(ids) if tid == task_id), -1)
        if found < 0 or self._order is None:
            return found
        return self._order.index(found)

    @property
    def rows(self) -> Sequence[TaskRow]:
        """All rows in document order (not the sorted view order)."""
        return self._rows

    # ---- sorting -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (column -1: document order), keeping selections on their tasks."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        tasks = [self._index_in_rows(i.row()) for i in before]
        self._sort = (column, order) if column >= 0 else None
        self._order = self._sorted_order() if self._sort else None
        where = {r: v for v, r in enumerate(self._order)} if self._order is not None else None
        after = [self.index(where[t] if where is not None else t, i.column()) for t, i in zip(tasks, before)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _index_in_rows(self, row: int) -> int:
        return self._order[row] if self._order is not None else row

    def _sorted_order(self) -> list[int]:
        column, order = self._sort
        rows = self._rows
        n = len(rows)
        if column == COL_NUMBER:
            numbers = [rows.number_at(i) for i in range(n)] if hasattr(rows, "number_at") else [t.number for t in rows]
            keys = [_number_key(num, i)[0] for i, num in enumerate(numbers)]
        elif column == COL_STATUS:
            keys = [-1 if t.overdue else t.status.rank for t in rows]
        elif column == COL_LIGHT and self.lights is not None:
            keys = [-self.lights.of(t)[0].severity for t in rows]
        elif column == COL_DEADLINE:
            keys = [t.deadline.date.isoformat() if t.deadline.date else "9999" for t in rows]
        else:
            keys = [self._display(t, column) for t in rows]
        # sorted() is stable, reverse too: equal keys stay in document order either way round.
        return sorted(range(n), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

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
        t, col = self.task_at(index.row()), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(t, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TEXT:
                return f"{t.text}\n\n{t.detail}" if t.detail else t.text
            if col in (COL_LIGHT, COL_DEADLINE) and self.lights is not None:
                return self.lights.tooltip(t)
            return self._display(t, col) or None
        if role == TaskIdRole:
            return t.id
        if col == COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BACKGROUND if t.overdue else STATUS_BACKGROUND[t.status]
        if col == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_FOREGROUND if t.overdue else STATUS_FOREGROUND[t.status]
        if col == COL_LIGHT and role == Qt.ItemDataRole.BackgroundRole and self.lights is not None:
            return LIGHT_BACKGROUND[self.lights.of(t)[0].color]
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
        if col == COL_LIGHT:
            return self.lights.of(t)[0].word if self.lights is not None else ""
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (fast, see TaskTableModel); the proxy only filters."""
        self.sourceModel().sort(column, order)

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
