"""The task table: a QAbstractTableModel over ``Workspace.tasks`` and a filter proxy.

The model shows the plan's one numbering (``core.numbering.display_numbers``), marks duplicate
numbers and tasks still 待确认 after import, sorts itself, and offers in-cell editing: ``setData``
does not change the row but asks for the core edit (``edit_requested``); the reload that follows
the edit updates the row in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal

from gongkai_desk.core.model import Status, TaskRow
from gongkai_desk.core.task_filter import FLAGGED, OVERDUE, UNFINISHED, Facts, TaskFilter, facts_of_rows, matches
from gongkai_desk.ui.style import (
    DUPLICATE_FOREGROUND,
    FLAGGED_BACKGROUND,
    FLAGGED_FOREGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    STATUS_BACKGROUND,
    STATUS_FOREGROUND,
)

COLUMNS = ("序号", "任务内容", "牵头单位", "责任单位", "完成时限", "完成状态", "待确认")
COL_NUMBER, COL_TEXT, COL_LEAD, COL_RESP, COL_DEADLINE, COL_STATUS, COL_FLAGS = range(7)
EDITABLE = (COL_NUMBER, COL_TEXT, COL_DEADLINE, COL_STATUS)
TaskIdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def _ids(rows: Sequence[TaskRow]) -> list[int]:
    if hasattr(rows, "id_at"):
        return [rows.id_at(i) for i in range(len(rows))]
    return [r.id for r in rows]


def _label_key(label: str) -> tuple:
    """"一.3" sorts after "一.2" and before "二.1"; numbers as numbers, missing ones last."""
    if not label:
        return ((2, 10**9),)
    return tuple((0, int(p)) if p.isdigit() else (1, _CN_ORDER.get(p, 10**6), p) for p in re.split(r"[.．]", label))


_CN_ORDER = {c: i for i, c in enumerate("一二三四五六七八九十")}


class TaskTableModel(QAbstractTableModel):
    """Rows are TaskRow dataclasses, reloaded from the core when tasks or progress change.

    The model sorts itself (``sort``): one Python ``sorted()`` over precomputed keys, kept across
    reloads. Letting QSortFilterProxyModel sort 10,000 rows calls ``data()`` some 300,000 times,
    over a second after every edit.
    """

    edit_requested = Signal(int, int, object)  # task id, column, the value typed or chosen

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: Sequence[TaskRow] = []
        self._order: list[int] | None = None  # view row -> index into _rows, when sorted
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._numbers: dict[int, str] | None = None  # task id -> the number shown (一.3)
        self._duplicates: frozenset[str] = frozenset()
        self._facts: tuple[Sequence[TaskRow], Facts] | None = None

    def set_numbers(self, numbers: dict[int, str] | None, duplicates=()) -> None:
        """The numbers to show (``core.numbering.display_numbers``) and those used twice."""
        self._numbers, self._duplicates = numbers, frozenset(duplicates)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_NUMBER), self.index(len(self._rows) - 1, COL_NUMBER))

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

    def facts(self) -> Facts:
        """What the filters look at, per task in document order (kept until the rows change)."""
        if self._facts is None or self._facts[0] is not self._rows:
            rows = self._rows
            self._facts = (rows, rows.facts() if hasattr(rows, "facts") else facts_of_rows(rows))
        return self._facts[1]

    def entry_counts(self) -> tuple[int, int]:
        """(task × unit entries at 已完成, all entries): the plan's completion."""
        if hasattr(self._rows, "entry_counts"):
            return self._rows.entry_counts()
        done = sum(1 for t in self._rows for _ in t.unit_ids if t.status is Status.DONE)
        return done, sum(len(t.unit_ids) for t in self._rows)

    def flagged_count(self) -> int:
        return sum(self.facts().flagged)

    def number_label(self, t: TaskRow) -> str:
        if self._numbers is not None and t.id in self._numbers:
            return self._numbers[t.id]
        return t.number or ""

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

    def doc_index(self, row: int) -> int:
        """The document-order index of the task shown in model row ``row``."""
        return self._order[row] if self._order is not None else row

    def _index_in_rows(self, row: int) -> int:
        return self._order[row] if self._order is not None else row

    def _sorted_order(self) -> list[int]:
        column, order = self._sort
        rows = self._rows
        n = len(rows)
        if column == COL_NUMBER:
            ids = _ids(rows)
            labels = self._numbers or {}
            numbers = [rows.number_at(i) for i in range(n)] if hasattr(rows, "number_at") else [t.number for t in rows]
            keys = [_label_key(labels.get(tid) or num or "") for tid, num in zip(ids, numbers)]
        elif column == COL_FLAGS:
            keys = [not f for f in self.facts().flagged]
        elif column == COL_STATUS:
            keys = [-1 if t.overdue else t.status.rank for t in rows]
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
        if role == Qt.ItemDataRole.EditRole:
            return _edit_value(t, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(t, col)
        if role == TaskIdRole:
            return t.id
        if col == COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BACKGROUND if t.overdue else STATUS_BACKGROUND[t.status]
        if col == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_FOREGROUND if t.overdue else STATUS_FOREGROUND[t.status]
        if col == COL_FLAGS and t.flags and role == Qt.ItemDataRole.BackgroundRole:
            return FLAGGED_BACKGROUND
        if col == COL_FLAGS and role == Qt.ItemDataRole.ForegroundRole:
            return FLAGGED_FOREGROUND
        if col == COL_NUMBER and role == Qt.ItemDataRole.ForegroundRole and self._is_duplicate(t):
            return DUPLICATE_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_NUMBER, COL_STATUS, COL_FLAGS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _is_duplicate(self, t: TaskRow) -> bool:
        return bool(self._duplicates) and self.number_label(t) in self._duplicates

    def _tooltip(self, t: TaskRow, col: int) -> str | None:
        if col == COL_TEXT:
            return f"{t.text}\n\n{t.detail}" if t.detail else t.text
        if col == COL_FLAGS:
            if not t.flags:
                return None
            from gongkai_desk.ui.plans.flags import flag_reasons

            return "导入时标记为需要确认：\n" + "\n".join(f"· {r}" for r in flag_reasons(t.flags))
        if col == COL_NUMBER and self._is_duplicate(t):
            return f"序号“{self.number_label(t)}”与其他任务重复。可用“计划 → 重新编号”按当前顺序重新编号。"
        return self._display(t, col) or None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Ask for the core edit; the row itself changes when the edit's reload arrives."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE:
            return False
        t = self.task_at(index.row())
        if value == _edit_value(t, index.column()):
            return False
        self.edit_requested.emit(t.id, index.column(), value)
        return False

    def _display(self, t: TaskRow, col: int) -> str:
        if col == COL_NUMBER:
            return self.number_label(t)
        if col == COL_FLAGS:
            return FLAGGED if t.flags else ""
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


def _edit_value(t: TaskRow, col: int):
    """What an in-cell editor starts from: the stored value, not the shown one."""
    if col == COL_NUMBER:
        return t.number or ""
    if col == COL_TEXT:
        return t.text
    if col == COL_DEADLINE:
        return t.deadline.phrase or ""
    if col == COL_STATUS:
        return t.status.value
    return None


class TaskFilterProxy(QSortFilterProxyModel):
    """Filter by unit, status (or 未完成, 逾期, 待确认), section subtree and words typed.

    The whole plan is matched in one Python pass (``core.task_filter.matches``) when the filter
    or the rows change; ``filterAcceptsRow`` only looks the answer up, so a keystroke over 10,000
    tasks costs one pass plus Qt's own bookkeeping.
    """

    OVERDUE = OVERDUE
    UNFINISHED = UNFINISHED
    FLAGGED = FLAGGED

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._filter = TaskFilter()
        self._keep: list[bool] | None = None
        self._keep_for: object = None  # the model's rows the answers are for

    @property
    def filter(self) -> TaskFilter:
        return self._filter

    def set_filter(self, *, unit_id: int | None = None, status: str | None = None, text: str = "",
                   sections: set[int] | None = None) -> None:
        new = TaskFilter(text.strip(), unit_id, status, frozenset(sections) if sections is not None else None)
        if new == self._filter:
            return  # unchanged: after a model reset the proxy has already filtered every row
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10 deprecates invalidateFilter()
            self.beginFilterChange()
            self._set(new)
            self.endFilterChange()
        else:
            self._set(new)
            self.invalidateFilter()

    def _set(self, new: TaskFilter) -> None:
        self._filter, self._keep, self._keep_for = new, None, None

    def matching_count(self) -> int:
        return self.rowCount()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (fast, see TaskTableModel); the proxy only filters."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        f = self._filter
        if f.is_empty():
            return True  # no filter: don't build the row just to accept it
        model: TaskTableModel = self.sourceModel()
        if self._keep is None or self._keep_for is not model.rows:
            self._keep, self._keep_for = matches(model.facts(), f), model.rows
        return self._keep[model.doc_index(source_row)]
