"""The centre of the window: a filter bar over the plan's task table.

The table works like a sheet in Excel/WPS: Shift/Ctrl-click and Ctrl+A select rows, F2 or a
double-click edits a cell (``cell_editors``), Ctrl+C copies the selected rows as tab-separated
text with a header line, Ctrl+wheel and Ctrl+± zoom (remembered). What the context menu and
Ctrl+V do lives in ``grid_actions``; this view only says what was asked (signals).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QObject, Signal
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QTableView, QVBoxLayout, QWidget,
)

from gongkai_desk.ui.plans.columns import COL_LIGHT, COL_TEXT, COLUMNS, EDITABLE, TaskIdRole, tsv_cell
from gongkai_desk.ui.plans.filter_proxy import TaskFilterProxy
from gongkai_desk.ui.plans.first_frame import fill, first_source
from gongkai_desk.ui.plans.table_zoom import TableZoom

# Before the first paint the view is its widgets and the first frame (``first_frame``), built
# without the ``Qt`` namespace (see ``columns``); ``finish`` (right after the first paint, or at
# once when the view is made with its workspace) adds the task model, the cell editors, sorting,
# the filter bar's items and its handlers.


def _own_viewport(table: QTableView) -> None:
    """Give ``table`` a viewport made here, as Qt makes its own (name, role, fill, first child): a
    viewport Qt made costs ≈ 6 ms on its first ``viewport()`` call, where PySide looks its Python
    type up among every widget class; one made in Python already has its wrapper."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    table.setViewport(viewport)
    viewport.lower()  # below the headers and scroll bars, so layouts run in Qt's own order


class PlanView(TableZoom, QWidget):
    task_selected = Signal(object)  # the current task's id, or None
    selection_changed = Signal()  # the selected rows changed (the status bar counts them)
    menu_requested = Signal(object)  # global position for the task table's context menu
    paste_requested = Signal()  # Ctrl+V in the table
    edit_requested = Signal(int, int, object)  # task id, column, value (an in-cell edit)

    def __init__(self, ws, parent=None, *, settings=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.settings = settings
        self.plan_id: int | None = None
        self._sections: set[int] | None = None
        self.model = None  # the TaskTableModel (``finish``)
        self.empty = None  # the notice shown instead of an empty table (``finish``)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(first_source(self))

        self.search = QLineEdit()
        self.search.setPlaceholderText("查找任务内容、单位、时限（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        # Widths that do not depend on the items (filled after the first paint at start-up).
        self.unit_filter = QComboBox()
        self.unit_filter.setMinimumContentsLength(10)
        self.unit_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_filter = QComboBox()
        self.status_filter.setMinimumContentsLength(7)
        self.status_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_filter.addItem("全部状态", None)  # the others: ``finish``
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel("单位"))
        bar.addWidget(self.unit_filter)
        bar.addWidget(QLabel("状态"))
        bar.addWidget(self.status_filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)

        self.notice = QLabel()  # duplicate numbers, tasks to confirm
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel { background: #fff1c9; color: #6b3b00; padding: 3px 6px; }")
        self.notice.hide()
        self.banner = QLabel()  # a year without holiday data: weekdays counted, deadlines 待复核
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #e0c36a; padding: 4px;")
        self.banner.hide()
        # A caller may fill the 提醒 column later (``load_lights``): the calendar and the units'
        # last updates cost ~30 ms a first paint need not wait for.
        self.defer_lights = False

        self.table = QTableView()
        _own_viewport(self.table)
        self.table.setModel(self.proxy)  # for good: a new source keeps the header's sections
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)  # and Qt's default elide mode, ElideRight
        # Two wrapped lines per row, the same for every row: sizing 10,000 rows to their
        # contents would freeze the window. The full text is in the tooltip and the detail pane.
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        hh.setHighlightSections(False)
        self._base_point_size = None  # the table font's size at 100 % (``TableZoom``)
        self.zoom = 100
        self._apply_zoom(self._stored_zoom())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        # The notices go under the table: they are known only once the whole plan is read (after
        # the first paint), and a notice appearing above would push the rows down as they are read.
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        if ws is not None:
            self.finish()

    def finish(self) -> None:
        """What the first frame does without: the task model behind the proxy, in-cell editors,
        sorting by a header click, the context menu, the filter bar's items and handlers."""
        from PySide6.QtCore import Qt

        from gongkai_desk.core.status import STATUS_ORDER
        from gongkai_desk.ui.plans.cell_editors import TaskCellDelegate
        from gongkai_desk.ui.plans.grid_parts import EmptyNotice
        from gongkai_desk.ui.plans.task_table import TaskTableModel

        if self.model is not None:
            return
        first = self.proxy.sourceModel()
        self.model = TaskTableModel(self)
        self.model.edit_requested.connect(self.edit_requested)
        self.proxy.setSourceModel(self.model)
        first.deleteLater()
        for s in STATUS_ORDER:
            self.status_filter.addItem(s.value, s.value)
        self.status_filter.insertSeparator(self.status_filter.count())
        self.status_filter.addItem("未完成", TaskFilterProxy.UNFINISHED)
        self.status_filter.setItemData(self.status_filter.count() - 1, "除“已完成”以外的全部任务", Qt.ItemDataRole.ToolTipRole)
        self.status_filter.addItem("逾期", TaskFilterProxy.OVERDUE)
        self.status_filter.addItem("待确认", TaskFilterProxy.FLAGGED)
        self.status_filter.setItemData(self.status_filter.count() - 1, "导入时标记为需要确认、还没有确认的任务",
                                       Qt.ItemDataRole.ToolTipRole)
        for w in (self.unit_filter, self.status_filter):
            w.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.table.setItemDelegate(TaskCellDelegate(self.table))
        # Document order until the clerk clicks a header: sorting 10,000 rows at start-up costs
        # more than showing them.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.menu_requested.emit(self.table.viewport().mapToGlobal(pos)))
        self.empty = EmptyNotice(self.table.viewport())
        self.empty.clear_requested.connect(self.clear_filters)

    # ---- the plan shown ------------------------------------------------------------------

    def set_plan(self, plan_id: int | None) -> None:
        """Show ``plan_id``; the same plan again only reloads, keeping the clerk's filters."""
        if plan_id != self.plan_id:
            self._sections = None
        self.plan_id = plan_id
        self.reload()

    def show_first(self, first) -> None:
        """The first screenful of the plan (``core.first_screen``), before the workspace is open:
        the rows, numbers and count exactly as ``reload`` will show them (``first_frame``)."""
        self.plan_id = first.plan_id
        screen = self.screen().availableGeometry().height() if self.screen() is not None else 2160
        fill(self.proxy.sourceModel(), first, rows=screen // max(1, self.table.verticalHeader().defaultSectionSize()) + 1)
        self._number_shape = (first.restart_depth, first.total)
        self._fit_number_column()
        self.count_label.setText(f"共 {first.total} 项")

    def reload(self) -> None:
        from gongkai_desk.core.numbering import display_numbers, duplicates_among, restart_depth

        keep, selected = self.selected_task_id(), self.selected_task_ids()
        rows = self.ws.tasks.table(self.plan_id) if self.plan_id is not None else []
        if self.plan_id is not None:
            sections = self.ws.plans.sections(self.plan_id)
            numbered = rows.numbering_rows() if hasattr(rows, "numbering_rows") else rows
            depth = restart_depth(numbered, sections)
            numbers = display_numbers(numbered, sections, depth=depth)
            duplicates = duplicates_among(numbers)
        else:
            numbers, duplicates, depth = None, [], 0
        self.model.set_numbers(numbers, duplicates)
        self._number_shape = (depth, len(rows))
        self._fit_number_column()
        if self.defer_lights:
            self.model.set_lights(None)  # filled by load_lights()
        else:
            self._load_lights(refresh=False)
        self.model.set_rows(rows)
        self.duplicates = duplicates
        self._reload_units()
        self._update_status_items()
        self._apply_filter()
        if keep is not None:
            self.select_tasks(selected, current=keep)
        self._update_notice()

    def load_lights(self) -> None:
        """Fill the 提醒 column now (after a deferred reload)."""
        self.defer_lights = False
        self._load_lights()

    def _load_lights(self, refresh: bool = True) -> None:
        lights = None
        if self.plan_id is not None:
            from gongkai_desk.core.reports.task_lights import task_lights

            lights = task_lights(self.ws, self.plan_id)
        self.model.set_lights(lights)
        self.banner.setText(f"{lights.banner}，相关期限待复核。" if lights and lights.banner else "")
        self.banner.setVisible(bool(lights and lights.banner))
        if refresh and self.model.rowCount():
            self.model.dataChanged.emit(self.model.index(0, COL_LIGHT),
                                        self.model.index(self.model.rowCount() - 1, COL_LIGHT))

    def _reload_units(self) -> None:
        current = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("全部单位", None)
        used = self.model.unit_ids()
        for u in self.ws.units.all():
            if u.id in used:
                self.unit_filter.addItem(u.name, u.id)
        index = self.unit_filter.findData(current)
        self.unit_filter.setCurrentIndex(max(0, index))
        self.unit_filter.blockSignals(False)

    def _update_status_items(self) -> None:
        i = self.status_filter.findData(TaskFilterProxy.FLAGGED)
        n = self.model.flagged_count() if self.model.total() else 0
        self.status_filter.setItemText(i, f"待确认（{n}项）" if n else "待确认")

    def _update_notice(self) -> None:
        parts = []
        if self.duplicates:
            shown = "、".join(self.duplicates[:6]) + ("等" if len(self.duplicates) > 6 else "")
            parts.append(f"序号重复：{shown}。可用“计划 → 重新编号”按当前顺序重新编号（可撤销）。")
        self.notice.setText("".join(parts))
        self.notice.setVisible(bool(parts))

    # ---- filtering -----------------------------------------------------------------------

    def set_section_filter(self, section_ids: set[int] | None) -> None:
        self._sections = section_ids
        self._apply_filter()

    def show_status(self, value: str | None) -> None:
        """Filter by a status value, 未完成, 逾期 or 待确认 (None: all)."""
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(value)))

    def clear_filters(self) -> None:
        for w in (self.unit_filter, self.status_filter, self.search):
            w.blockSignals(True)
        self.unit_filter.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(0)
        self.search.clear()
        for w in (self.unit_filter, self.status_filter, self.search):
            w.blockSignals(False)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(unit_id=self.unit_filter.currentData(), status=self.status_filter.currentData(),
                              text=self.search.text(), sections=self._sections)
        shown, total = self.proxy.rowCount(), self.model.total()
        self.count_label.setText(f"显示 {shown} / {total} 项" if shown != total else f"共 {total} 项")
        self._update_empty(shown, total)

    def _update_empty(self, shown: int, total: int) -> None:
        filters = [self.unit_filter.currentText() if self.unit_filter.currentIndex() > 0 else "",
                   self.status_filter.currentText() if self.status_filter.currentIndex() > 0 else "",
                   f"“{self.search.text().strip()}”" if self.search.text().strip() else ""]
        self.empty.update_for(shown, total, [w for w in filters if w], in_sections=self._sections is not None,
                              has_plan=self.plan_id is not None)

    # ---- selection -----------------------------------------------------------------------

    def selected_task_id(self) -> int | None:
        """The current task (the one the detail pane shows)."""
        index = self.table.currentIndex()
        return index.data(TaskIdRole) if index.isValid() else None

    def selected_task_ids(self) -> list[int]:
        """The selected tasks in the order shown (the current one when no row is selected)."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        ids = [self.proxy.index(r, 0).data(TaskIdRole) for r in rows]
        if not ids and self.selected_task_id() is not None:
            ids = [self.selected_task_id()]
        return ids

    def select_task(self, task_id: int) -> None:
        self.select_tasks([task_id], current=task_id)

    def select_tasks(self, task_ids, *, current: int | None = None) -> None:
        """Select the shown ones of ``task_ids``, ``current`` (else the first) being the current one."""
        shown = {tid: i for tid in task_ids if (i := self._proxy_index(tid)).isValid()}
        if current not in shown:
            current = next(iter(shown), None)
        selection = QItemSelection()
        for index in shown.values():
            selection.select(index.siblingAtColumn(0), index.siblingAtColumn(len(COLUMNS) - 1))
        sm = self.table.selectionModel()
        if current is not None:
            sm.setCurrentIndex(shown[current], QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(shown[current])
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _proxy_index(self, task_id: int, column: int = COL_TEXT) -> QModelIndex:
        row = self.model.row_of(task_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def _current_changed(self, current, _previous) -> None:
        self.task_selected.emit(current.data(TaskIdRole) if current.isValid() else None)

    def edit_current(self, column: int | None = None) -> bool:
        """Open a cell of the current task for editing (F2): ``column``, else the current cell when
        it can be edited, else the task text. False when no task is current."""
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        if column is None:
            column = index.column() if index.column() in EDITABLE else COL_TEXT
        index = index.siblingAtColumn(column)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return True

    # ---- copying -------------------------------------------------------------------------

    def selection_tsv(self) -> str:
        """The selected rows as Excel/WPS put them on the clipboard: a header line, then one line per
        task, cells separated by tabs, in the columns and order shown."""
        header = self.table.horizontalHeader()
        columns = [header.logicalIndex(v) for v in range(header.count())
                   if not header.isSectionHidden(header.logicalIndex(v))]
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        lines = ["\t".join(COLUMNS[c] for c in columns)]
        for r in rows:
            lines.append("\t".join(tsv_cell(str(self.proxy.index(r, c).data() or "")) for c in columns))
        return "\r\n".join(lines) + "\r\n" if rows else ""

    def copy_selection(self) -> int:
        """Put the selected rows on the clipboard; return how many were copied."""
        text = self.selection_tsv()
        if text:
            QApplication.clipboard().setText(text)
        return max(0, text.count("\r\n") - 1)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if obj is self.table.viewport():
            if kind == QEvent.Type.Wheel and _with_control(event):
                delta = event.angleDelta().y()
                if delta:
                    self.zoom_by(1 if delta > 0 else -1)
                return True
            if kind == QEvent.Type.Resize:
                self.fit_columns()
                if self.empty is not None and self.empty.isVisible():
                    self.empty.setGeometry(self.table.viewport().rect())
        elif obj is self.table and kind == QEvent.Type.KeyPress and self.table.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return True
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_requested.emit()
                return True
        return super().eventFilter(obj, event)


def _with_control(event) -> bool:
    from PySide6.QtCore import Qt  # not before the first paint (see ``columns``)

    return bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
