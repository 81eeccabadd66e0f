"""The 总览 page: the current plan's figures on a chosen date.

Completion by unit and by section (bar charts), completion week by week (line), the overdue and
due-soon lists (double-click opens the task on the 计划 page; 催办… records a chase), the units
ranked for a 通报, the light rule as a legend, and a banner for years without holiday data.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QSplitter, QTabWidget, QTreeView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.changes import Changes
from gongkai_desk.ui.ops import Bus
from gongkai_desk.ui.overview.charts import BarChart, LineChart, bars_of_sections, bars_of_units, weekly_points
from gongkai_desk.ui.style import LIGHT_BACKGROUND

LIST_COLUMNS = ("序号", "任务", "单位", "截止日期", "剩余工作日", "完成状态", "提醒")
COL_LIGHT = 6
TaskRole = Qt.ItemDataRole.UserRole
UnitRole = Qt.ItemDataRole.UserRole + 1


class ItemsModel(QAbstractTableModel):
    """The overdue or due-soon list (core ListItems); cells are made only when shown."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list = []
        self.rule = ""

    def set_items(self, items, rule: str) -> None:
        self.beginResetModel()
        self.items, self.rule = items, rule
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(LIST_COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt override
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return LIST_COLUMNS[section]
        return None

    def text(self, row: int, col: int) -> str:
        i = self.items[row]
        if col == 0:
            return i.number or ""
        if col == 1:
            return i.text
        if col == 2:
            return i.unit
        if col == 3:
            return i.due.date.isoformat() + ("（待复核）" if i.due.review else "") if i.due.date else ""
        if col == 4:
            return "" if i.due.left is None else (f"已过{-i.due.left}" if i.due.left < 0 else str(i.due.left))
        if col == 5:
            return i.status.value
        return i.light.word

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        i, col = self.items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), col)
        if role == TaskRole:
            return i.task_id
        if role == UnitRole:
            return i.unit_id
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_LIGHT:
            return LIGHT_BACKGROUND[i.light.color]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 1:
                return i.text
            elapsed = f"\n{i.due.elapsed_text()}（期限已过去的比例）" if i.due.elapsed is not None else ""
            if col == 3:
                return f"完成时限：{i.deadline or ''}\n{i.due.text()}{elapsed}"
            if col == COL_LIGHT:
                return f"{i.light.word}\n完成时限：{i.deadline or ''}，{i.due.text()}{elapsed}\n\n提醒规则：{self.rule}"
        return None


class OverviewPage(QWidget):
    open_task = Signal(int, int)  # plan id, task id

    def __init__(self, ws, bus: Bus, settings=None, plan_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.bus, self.settings = ws, bus, settings
        self.plan_id: int | None = None
        self.overview = None
        self._dirty = True

        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(24)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setDate(QDate.currentDate())
        self.today_button = QPushButton("今天")
        self.export_xlsx = QPushButton("导出总览（Excel）…")
        self.export_docx = QPushButton("导出落实情况通报（Word）…")
        bar = QHBoxLayout()
        for w in (QLabel("计划"), self.plan_combo, QLabel("统计日期"), self.date_edit, self.today_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.export_xlsx)
        bar.addWidget(self.export_docx)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #e0c36a; padding: 6px;")
        self.banner.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)

        self.unit_chart = BarChart("各单位完成率（单位任务已完成 / 承担）")
        self.section_chart = BarChart("各部分完成率（任务全部单位已完成）")
        self.weekly_chart = LineChart("完成率变化（按周）")
        charts = QWidget()
        cl = QVBoxLayout(charts)
        cl.setContentsMargins(0, 0, 0, 0)
        for w in (self.section_chart, self.weekly_chart, self.unit_chart):
            cl.addWidget(w)
        cl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts)

        self.overdue = self._list()
        self.due_soon = self._list()
        self.ranking = QTreeWidget()
        self.ranking.setHeaderLabels(["名次", "单位", "完成率", "已完成", "任务数", "逾期", "催办次数"])
        self.ranking.setRootIsDecorated(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.overdue, "逾期")
        self.tabs.addTab(self.due_soon, "临近期限")
        self.tabs.addTab(self.ranking, "通报排名（单位）")
        self.chase_button = QPushButton("催办所选单位…")
        self.chase_button.setToolTip("记录一次催办（电话、书面、OA、当面），并可生成该单位的催办通知")
        self.open_button = QPushButton("打开任务")
        self.notices_button = QPushButton("生成全部催办通知…")
        buttons = QHBoxLayout()
        for b in (self.open_button, self.chase_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.notices_button)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.tabs, 1)
        rl.addLayout(buttons)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(scroll)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([560, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        layout.addWidget(self.split, 1)

        self.plan_combo.activated.connect(lambda i: self.set_plan(self.plan_combo.itemData(i)))
        self.date_edit.dateChanged.connect(lambda _d: self.reload())
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(QDate.currentDate()))
        for tree in (self.overdue, self.due_soon):
            tree.doubleClicked.connect(self._open)
            tree.selectionModel().currentChanged.connect(lambda *_: self._buttons())
        self.tabs.currentChanged.connect(lambda _i: self._buttons())
        self.open_button.clicked.connect(lambda: self._open(self._current_item()))
        self.chase_button.clicked.connect(self._chase)
        self.notices_button.clicked.connect(self._all_notices)
        self.export_xlsx.clicked.connect(lambda: self._export(".xlsx"))
        self.export_docx.clicked.connect(lambda: self._export(".docx"))
        bus.changed.connect(self.on_changed)
        self._fill_plans(plan_id)

    def _list(self) -> QTreeView:
        tree = QTreeView()
        tree.setModel(ItemsModel(tree))
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        em = tree.fontMetrics().horizontalAdvance("国")
        for col, width in enumerate((3, 13, 6, 6, 6, 5, 6)):
            tree.setColumnWidth(col, em * width)
        return tree

    # ---- what is shown -------------------------------------------------------------------

    def _fill_plans(self, select: int | None) -> None:
        plans = self.ws.plans.titles()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for pid, year, title in plans:
            self.plan_combo.addItem(f"{year}年 · {title}", pid)
        self.plan_combo.blockSignals(False)
        ids = [p[0] for p in plans]
        target = select if select in ids else (self.plan_id if self.plan_id in ids else (ids[0] if ids else None))
        self.set_plan(target)

    def set_plan(self, plan_id: int | None) -> None:
        self.plan_id = plan_id
        if plan_id is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
        self.reload()

    def on_date(self) -> _dt.date:
        d = self.date_edit.date()
        return _dt.date(d.year(), d.month(), d.day())

    def on_changed(self, changes: Changes, _initiator=None) -> None:
        if changes.plans:
            self._fill_plans(changes.plan_id if changes.plan_id is not None else self.plan_id)
            return
        if changes.concerns(self.plan_id) and (changes.tasks or changes.progress or changes.units or changes.sections
                                               or changes.calendar or changes.chasing or changes.settings):
            if self.isVisible():
                self.reload()
            else:
                self._dirty = True  # reloaded when shown: edits on the 计划 page stay fast

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def reload(self) -> None:
        from gongkai_desk.core.reports.overview import build_overview

        self._dirty = False
        if self.plan_id is None:
            self.overview = None
            self.summary.setText("还没有计划。请在“计划”页导入或新建计划，或载入示例数据。")
            for chart in (self.unit_chart, self.section_chart):
                chart.set_bars([])
            self.weekly_chart.set_points([])
            for tree in (self.overdue, self.due_soon):
                tree.model().set_items([], "")
            self.ranking.clear()
            self.banner.hide()
            self._buttons()
            return
        ov = self.overview = build_overview(self.ws, self.plan_id, self.on_date())
        self.banner.setText(f"{ov.banner}，{ov.review}项任务的期限待复核。请在“设置 → 节假日安排”中载入国务院通知。"
                            if ov.banner else "")
        self.banner.setVisible(bool(ov.banner))
        self.summary.setText(
            f"<span style='font-size:large'>截至 <b>{ov.date.year}年{ov.date.month}月{ov.date.day}日</b>："
            f"任务 <b>{ov.tasks}</b> 项，单位任务 <b>{ov.entries}</b> 项，已完成 <b>{ov.done}</b> 项"
            f"（{ov.completion:.1%}）；<span style='color:#c0392b'>逾期 <b>{ov.overdue}</b> 项</span>，"
            f"<span style='color:#8a5a00'>{ov.rule.due_soon_days}个工作日内到期 <b>{ov.due_soon}</b> 项</span>。</span>")
        self.legend.setText(
            "<span style='color:#c0392b'>●</span> 红　<span style='color:#e6a700'>●</span> 黄　"
            f"<span style='color:#2e8b3a'>●</span> 绿　提醒规则：{ov.rule.text()}")
        self.unit_chart.set_bars(bars_of_units(ov))
        self.section_chart.set_bars(bars_of_sections(ov))
        self.weekly_chart.set_points(weekly_points(ov))
        self._fill_list(self.overdue, ov.overdue_list)
        self._fill_list(self.due_soon, ov.due_soon_list)
        self.tabs.setTabText(0, f"逾期（{ov.overdue}）")
        self.tabs.setTabText(1, f"临近期限（{ov.due_soon}）")
        self.ranking.clear()
        for n, u in enumerate(ov.ranking(), start=1):
            item = QTreeWidgetItem([str(n), u.unit, f"{u.completion:.1%}", str(u.done), str(u.tasks), str(u.overdue),
                                    str(u.chased)])
            self.ranking.addTopLevelItem(item)
        for i in range(7):
            self.ranking.resizeColumnToContents(i)
        self._buttons()

    def _fill_list(self, tree: QTreeView, items) -> None:
        tree.model().set_items(items, self.overview.rule.text())

    def _current_item(self) -> QModelIndex | None:
        """The current row of the list shown (any column's index carries the task and unit)."""
        tree = self.tabs.currentWidget()
        if tree not in (self.overdue, self.due_soon):
            return None
        index = tree.currentIndex()
        return index if index.isValid() else None

    def _buttons(self) -> None:
        item = self._current_item()
        self.open_button.setEnabled(item is not None)
        self.chase_button.setEnabled(item is not None and item.data(UnitRole) is not None)
        has = bool(self.overview and (self.overview.overdue_list or self.overview.due_soon_list))
        self.notices_button.setEnabled(has)
        for b in (self.export_xlsx, self.export_docx):
            b.setEnabled(self.overview is not None)

    # ---- actions -------------------------------------------------------------------------

    def _open(self, item: QModelIndex | None) -> None:
        if item is not None and item.isValid() and self.plan_id is not None:
            self.open_task.emit(self.plan_id, item.data(TaskRole))

    def chase_items(self, unit_id: int):
        """The overdue and due-soon items of one unit."""
        ov = self.overview
        return [i for i in ov.overdue_list + ov.due_soon_list if i.unit_id == unit_id] if ov else []

    def _chase(self) -> None:
        from gongkai_desk.ui.overview.chase_dialog import ChaseDialog

        item = self._current_item()
        if item is None or item.data(UnitRole) is None:
            return
        unit_id = item.data(UnitRole)
        dialog = ChaseDialog(self, self.ws, self.bus, self.plan_id, unit_id, self.chase_items(unit_id),
                             self.overview, checked=item.data(TaskRole), settings=self.settings)
        dialog.exec()

    def _export(self, suffix: str) -> None:
        from gongkai_desk.ui.overview.exports import export_overview_file

        export_overview_file(self, suffix)

    def _all_notices(self) -> None:
        from gongkai_desk.ui.overview.exports import write_all_notices

        write_all_notices(self)
