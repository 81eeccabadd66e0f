"""The centre of the window: a filter bar over the plan's task table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget,
)

from gongkai_desk.core.model import STATUS_ORDER
from gongkai_desk.ui.plans.task_table import (
    COL_LIGHT,
    COL_NUMBER,
    COL_STATUS,
    COL_TEXT,
    TaskFilterProxy,
    TaskIdRole,
    TaskTableModel,
)


class PlanView(QWidget):
    task_selected = Signal(object)  # task id, or None

    def __init__(self, ws, parent=None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.plan_id: int | None = None
        # At start-up the window fills the 提醒 column right after its first paint: the calendar
        # and the units' last updates cost ~30 ms the first paint need not wait for.
        self.defer_lights = False
        self._sections: set[int] | None = None
        self.model = TaskTableModel(self)
        self.proxy = TaskFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("查找任务内容、单位、时限（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.unit_filter = QComboBox()
        self.unit_filter.setMinimumContentsLength(10)
        self.status_filter = QComboBox()
        self.status_filter.addItem("全部状态", None)
        for s in STATUS_ORDER:
            self.status_filter.addItem(s.value, s.value)
        self.status_filter.addItem("逾期", TaskFilterProxy.OVERDUE)
        self.count_label = QLabel()
        for w in (self.unit_filter, self.status_filter):
            w.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("单位"))
        bar.addWidget(self.unit_filter)
        bar.addWidget(QLabel("状态"))
        bar.addWidget(self.status_filter)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        # Document order until the clerk clicks a header: sorting 10,000 rows at start-up costs
        # more than showing them.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Two wrapped lines per row, the same for every row: sizing 10,000 rows to their
        # contents would freeze the window. The full text is in the tooltip and the detail pane.
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(int(self.fontMetrics().lineSpacing() * 2.6))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        hh.setHighlightSections(False)
        em = self.fontMetrics().horizontalAdvance("国")
        for col, width in ((COL_NUMBER, 4), (2, 9), (3, 12), (4, 6), (COL_STATUS, 9), (COL_LIGHT, 8)):
            self.table.setColumnWidth(col, em * width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()  # a year without holiday data: weekdays counted, deadlines 待复核
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #e0c36a; padding: 4px;")
        self.banner.hide()
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)

    def set_plan(self, plan_id: int | None) -> None:
        """Show ``plan_id``; the same plan again only reloads, keeping the clerk's filters."""
        if plan_id != self.plan_id:
            self._sections = None
        self.plan_id = plan_id
        self.reload()

    def reload(self) -> None:
        keep = self.selected_task_id()
        rows = self.ws.tasks.table(self.plan_id) if self.plan_id is not None else []
        if self.defer_lights:
            self.model.set_lights(None)  # filled by load_lights() once the window has painted
        else:
            self._load_lights(refresh=False)
        self.model.set_rows(rows)
        self._reload_units()
        self._apply_filter()
        if keep is not None:
            self.select_task(keep)

    def load_lights(self) -> None:
        """Fill the 提醒 column now (after a deferred start-up reload)."""
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
            self.model.dataChanged.emit(self.model.index(0, COL_LIGHT), self.model.index(self.model.rowCount() - 1, COL_LIGHT))

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

    def set_section_filter(self, section_ids: set[int] | None) -> None:
        self._sections = section_ids
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(unit_id=self.unit_filter.currentData(), status=self.status_filter.currentData(),
                              text=self.search.text(), sections=self._sections)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"显示 {shown} / {total} 项" if shown != total else f"共 {total} 项")

    def selected_task_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(TaskIdRole) if index.isValid() else None

    def select_task(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_TEXT))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _current_changed(self, current, _previous) -> None:
        self.task_selected.emit(current.data(TaskIdRole) if current.isValid() else None)
