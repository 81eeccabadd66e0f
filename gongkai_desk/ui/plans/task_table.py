"""The task table: a QAbstractTableModel over ``Workspace.tasks`` that sorts and filters itself.

The model shows the plan's one numbering (``core.numbering.display_numbers``), marks duplicate
numbers and tasks still 待确认 after import, sorts itself, and offers in-cell editing: ``setData``
does not change the row but asks for the core edit (``edit_requested``); the reload that follows
the edit updates the row in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from gongkai_desk.core.model import Status, TaskRow
from gongkai_desk.core.task_filter import FLAGGED, Facts, TaskFilter, facts_of_rows, matches
from gongkai_desk.ui.plans.columns import (  # noqa: F401 - the columns are this model's interface too
    ALIGN_CENTER,
    ALIGNMENT,
    BACKGROUND,
    CENTERED,
    COL_DEADLINE,
    COL_FLAGS,
    COL_LEAD,
    COL_LIGHT,
    COL_NUMBER,
    COL_RESP,
    COL_STATUS,
    COL_TEXT,
    COLUMNS,
    DISPLAY,
    EDIT,
    EDITABLE,
    FOREGROUND,
    TOOLTIP,
    TaskIdRole,
    flags_colors,
    status_colors,
)
from gongkai_desk.ui.style import DUPLICATE_FOREGROUND, LIGHT_BACKGROUND

_ANSWERED = frozenset((DISPLAY, EDIT, TOOLTIP, BACKGROUND, FOREGROUND, ALIGNMENT, TaskIdRole))
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

    The model sorts and filters itself: one Python ``sorted()`` over precomputed keys, and one
    ``core.task_filter.matches`` pass over facts gathered once per load, both kept across reloads.
    Letting QSortFilterProxyModel do either calls Python once per row (sorting: some 300,000
    ``data()`` calls for 10,000 rows; filtering: 10,000 ``filterAcceptsRow`` calls and Qt's row
    bookkeeping, 15–30 ms a keystroke). A new order is announced as a layout change that keeps
    persistent indexes (the selection, the current row) on their tasks.
    """

    edit_requested = Signal(int, int, object)  # task id, column, the value typed or chosen

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: Sequence[TaskRow] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._filter = TaskFilter()
        self._sorted: list[int] | None = None  # document indexes in sort order, when sorted
        self._order: list[int] | None = None  # view row -> document index, when sorted or filtered
        self._where: dict[int, int] | None = None  # document index -> view row (cache)
        self._doc_of: dict[int, int] | None = None  # task id -> document index (cache)
        self._numbers: dict[int, str] | None = None  # task id -> the number shown (一.3)
        self._duplicates: frozenset[str] = frozenset()
        self._facts: tuple[Sequence[TaskRow], Facts] | None = None
        self.lights = None  # core.reports.task_lights.TaskLights: the 提醒 column (红/黄/绿 with its word)

    def set_lights(self, lights) -> None:
        """Use ``lights`` for the 提醒 column from the next ``set_rows`` on."""
        self.lights = lights

    def set_numbers(self, numbers: dict[int, str] | None, duplicates=()) -> None:
        """The numbers to show (``core.numbering.display_numbers``) and those used twice."""
        self._numbers, self._duplicates = numbers, frozenset(duplicates)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, COL_NUMBER), self.index(self.rowCount() - 1, COL_NUMBER))

    def set_rows(self, rows: Sequence[TaskRow]) -> None:
        """Show ``rows`` (a list, or a core TaskList that builds rows as they are shown).

        The same tasks as before (an edit of their text, units or progress) are updated in place:
        selections and the scroll position stay, and an edit committed while Qt is handling a
        selection change cannot reset the model under it. Other rows reset the model.
        """
        if len(rows) == len(self._rows) and len(rows) and _ids(rows) == _ids(self._rows):
            self._relayout(rows)
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows, self._doc_of = rows, None
        self._sorted = self._sorted_order() if self._sort else None
        self._order, self._where = self._visible(), None
        self.endResetModel()

    # ---- order: sorting and filtering ----------------------------------------------------

    def set_filter(self, f: TaskFilter) -> None:
        """Show only the tasks ``f`` keeps (in the present sort order)."""
        if f != self._filter:
            self._filter = f
            self._relayout()

    @property
    def filter(self) -> TaskFilter:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (column -1: document order), keeping selections on their tasks."""
        self._sort = (column, order) if column >= 0 else None
        self._relayout(resort=True)

    def _visible(self) -> list[int] | None:
        base = self._sorted
        if self._filter.is_empty():
            return base
        keep = matches(self.facts(), self._filter)
        return [i for i in (base if base is not None else range(len(keep))) if keep[i]]

    def _relayout(self, rows: Sequence[TaskRow] | None = None, *, resort: bool = False) -> None:
        """New rows (the same tasks), filter or sort: one layout change, persistent indexes kept on
        their tasks (and dropped for tasks no longer shown)."""
        old_order = self._order
        if rows is not None:
            self._rows, self._doc_of = rows, None
        if rows is not None or resort:
            self._sorted = self._sorted_order() if self._sort else None
        order = self._visible()
        if order == old_order:
            return  # the same rows in the same order ("公" → "公开"): nothing for Qt to do
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        docs = [old_order[i.row()] if old_order is not None else i.row() for i in before]
        self._order, self._where = order, None
        where = self._view_rows()
        after = [self.index(where[d], i.column()) if d in where else QModelIndex() for d, i in zip(docs, before)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _view_rows(self) -> dict[int, int]:
        if self._where is None:
            order = self._order
            self._where = {d: v for v, d in enumerate(order)} if order is not None else _Identity(len(self._rows))
        return self._where

    def doc_index(self, row: int) -> int:
        """The document-order index of the task shown in model row ``row``."""
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
        elif column == COL_LIGHT and self.lights is not None:
            keys = [-self.lights.of(t)[0].severity for t in rows]
        elif column == COL_STATUS:
            facts = self.facts()
            keys = [-1 if o else s.rank for s, o in zip(facts.statuses, facts.overdue)]
        elif column == COL_DEADLINE:
            keys = [t.deadline.date.isoformat() if t.deadline.date else "9999" for t in rows]
        else:
            keys = [self._display(t, column) for t in rows]
        # sorted() is stable, reverse too: equal keys stay in document order either way round.
        return sorted(range(n), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)

    # ---- the whole plan ------------------------------------------------------------------

    def facts(self) -> Facts:
        """What the filters look at, per task in document order (kept until the rows change)."""
        if self._facts is None or self._facts[0] is not self._rows:
            rows = self._rows
            self._facts = (rows, rows.facts() if hasattr(rows, "facts") else facts_of_rows(rows))
        return self._facts[1]

    def total(self) -> int:
        """All the plan's tasks, shown or filtered out."""
        return len(self._rows)

    def entry_counts(self) -> tuple[int, int]:
        """(task × unit entries at 已完成, all entries): the plan's completion."""
        if hasattr(self._rows, "entry_counts"):
            return self._rows.entry_counts()
        # built rows carry only the task's overall status: a task 已完成 has every unit 已完成
        return (sum(len(t.unit_ids) for t in self._rows if t.status is Status.DONE),
                sum(len(t.unit_ids) for t in self._rows))

    def flagged_count(self) -> int:
        """Tasks still 待确认 (from the raw rows: no need to gather the filters' facts)."""
        if hasattr(self._rows, "flagged_count"):
            return self._rows.flagged_count()
        return sum(1 for t in self._rows if t.flags)

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
        """The model row showing ``task_id`` (-1: not in the plan, or filtered out)."""
        if self._doc_of is None:
            self._doc_of = {tid: i for i, tid in enumerate(_ids(self._rows))}
        doc = self._doc_of.get(task_id)
        return -1 if doc is None else self._view_rows().get(doc, -1)

    @property
    def rows(self) -> Sequence[TaskRow]:
        """All rows in document order (not the sorted view order), filtered out or not."""
        return self._rows

    # ---- Qt model API --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return len(self._order) if self._order is not None else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = DISPLAY):
        # The delegate asks about seven roles of every cell it paints: the others get None at once.
        if role not in _ANSWERED or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        t, col = self.task_at(index.row()), index.column()
        if role == DISPLAY:
            return self._display(t, col)
        if role == EDIT:
            return _edit_value(t, col)
        if role == TOOLTIP:
            return self._tooltip(t, col)
        if role == TaskIdRole:
            return t.id
        # The first frame (first_frame.fill) gives its cells the same looks, from the same functions.
        if role == BACKGROUND:
            if col == COL_STATUS:
                return status_colors(t.status, t.overdue)[0]
            if col == COL_LIGHT and self.lights is not None:
                return LIGHT_BACKGROUND[self.lights.of(t)[0].color]
            return flags_colors(bool(t.flags))[0] if col == COL_FLAGS else None
        if role == FOREGROUND:
            if col == COL_STATUS:
                return status_colors(t.status, t.overdue)[1]
            if col == COL_FLAGS:
                return flags_colors(bool(t.flags))[1]
            return DUPLICATE_FOREGROUND if col == COL_NUMBER and self._is_duplicate(t) else None
        return ALIGN_CENTER if col in CENTERED else None  # TextAlignmentRole

    def _is_duplicate(self, t: TaskRow) -> bool:
        return bool(self._duplicates) and self.number_label(t) in self._duplicates

    def _tooltip(self, t: TaskRow, col: int) -> str | None:
        if col == COL_TEXT:
            return f"{t.text}\n\n{t.detail}" if t.detail else t.text
        if col in (COL_LIGHT, COL_DEADLINE) and self.lights is not None:
            return self.lights.tooltip(t)
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
        if col == COL_LIGHT:
            return self.lights.of(t)[0].word if self.lights is not None else ""
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


class _Identity(dict):
    """{document index: view row} when neither sorted nor filtered."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.n = n

    def __contains__(self, d) -> bool:  # type: ignore[override]
        return 0 <= d < self.n

    def __getitem__(self, d: int) -> int:
        return d

    def get(self, d, default=None):  # type: ignore[override]
        return d if d in self else default
