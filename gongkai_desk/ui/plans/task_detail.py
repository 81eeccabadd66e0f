"""The selected task's detail: its text, the long paragraph under it (具体要求) and its deadline, the
import's 待确认 reasons with 确认, its units with their progress, and its history.

Edits save at once (combo changes immediately, text when the field loses focus); undo is the
safety net.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.core.labels import ROLE, field_label, value_label
from gongkai_desk.core.model import Assignment, Status, STATUS_ORDER, TaskRow
from gongkai_desk.ui.ops import Bus, run_op
from gongkai_desk.ui.plans.columns import NO_TASK
from gongkai_desk.ui.plans.detail_widgets import CommitTextEdit, WrappingDelegate
from gongkai_desk.ui.style import STATUS_BACKGROUND


class TaskDetail(QWidget):
    """Shows and edits one task; ``add_unit_requested`` asks the window to pick a unit."""

    add_unit_requested = Signal(int)

    def __init__(self, ws, bus: Bus, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.bus = ws, bus
        self.task: TaskRow | None = None
        self.number_label = None  # the table's numbering (一.3), set by the plan page
        self._assignments: list[Assignment] = []
        self._loading = False

        self.heading = QLabel(NO_TASK)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.text_edit = CommitTextEdit(lines=3)
        self.text_edit.setPlaceholderText("任务内容")
        self.text_edit.committed.connect(lambda t: self._update_task(text=t))
        self.deadline_edit = QLineEdit()
        self.deadline_edit.setPlaceholderText("如：6月底前、年底前、持续推进、2026年6月30日前")
        self.deadline_edit.editingFinished.connect(self._deadline_finished)
        self.deadline_info = QLabel()  # the due date, working days left and the light (core.schedule)
        self.deadline_info.setWordWrap(True)
        self.start_edit = QDateEdit()  # what a relative deadline ("20个工作日内") counts from
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy年M月d日")
        self.start_edit.setToolTip("“N个工作日内”这类时限从这一天的次日起算（次日为第1个工作日）")
        self.start_edit.dateChanged.connect(self._start_chosen)
        self.detail_edit = CommitTextEdit(lines=2)  # the review table's long paragraph under the title
        self.detail_edit.setPlaceholderText("具体要求")
        self.detail_edit.committed.connect(lambda t: self._update_task(detail=t))
        self.detail_label = QLabel("具体要求")
        form = QFormLayout()
        form.addRow("任务内容", self.text_edit)
        form.addRow(self.detail_label, self.detail_edit)
        form.addRow("完成时限", self.deadline_edit)
        form.addRow("起算日期", self.start_edit)
        form.addRow("", self.deadline_info)
        self._form = form
        self.flags_label = QLabel()
        self.flags_label.setWordWrap(True)
        self.flags_label.setStyleSheet("color: #6b3b00;")
        self.confirm_button = QPushButton("确认")
        self.confirm_button.setToolTip("已核对这项任务，去掉“待确认”标记（可撤销）")
        self.confirm_button.clicked.connect(self._confirm)
        self.flags_box = QWidget()
        self.flags_box.setStyleSheet("QWidget#flags { background: #fff1c9; }")
        self.flags_box.setObjectName("flags")
        self.flags_box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        fl = QHBoxLayout(self.flags_box)
        fl.setContentsMargins(6, 3, 6, 3)
        fl.addWidget(self.flags_label, 1)
        fl.addWidget(self.confirm_button)
        self.flags_box.hide()

        self.units = QTreeWidget()
        self.units.setHeaderLabels(["单位", "角色", "完成状态", "最后更新"])
        self.units.setRootIsDecorated(False)
        self.units.currentItemChanged.connect(self._unit_selected)
        self.add_unit_button = QPushButton("添加单位…")
        self.remove_unit_button = QPushButton("移除单位")
        self.expand_button = QPushButton("展开单位组")
        self.add_unit_button.clicked.connect(lambda: self.task and self.add_unit_requested.emit(self.task.id))
        self.remove_unit_button.clicked.connect(self._remove_unit)
        self.expand_button.clicked.connect(self._expand_group)
        buttons = QHBoxLayout()
        for b in (self.add_unit_button, self.remove_unit_button, self.expand_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.status_combo = QComboBox()
        self.status_combo.addItems([s.value for s in STATUS_ORDER])
        self.status_combo.activated.connect(self._status_chosen)
        self.done_edit = CommitTextEdit(lines=3)
        self.problems_edit = CommitTextEdit(lines=2)
        self.next_edit = CommitTextEdit(lines=2)
        self.evidence_edit = CommitTextEdit(lines=1)
        self.evidence_edit.setPlaceholderText("文件路径或网址，每行一个")
        for edit, key in ((self.done_edit, "done"), (self.problems_edit, "problems"),
                          (self.next_edit, "next_steps"), (self.evidence_edit, "evidence")):
            edit.committed.connect(lambda text, key=key: self._save_progress(**{key: text}))
        self.updated_label = QLabel()
        progress = QFormLayout()
        progress.addRow("完成状态", self.status_combo)
        progress.addRow("落实情况", self.done_edit)
        progress.addRow("存在问题", self.problems_edit)
        progress.addRow("下步计划", self.next_edit)
        progress.addRow("佐证材料", self.evidence_edit)
        progress.addRow("", self.updated_label)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress)

        units_tab = QWidget()
        ul = QVBoxLayout(units_tab)
        ul.addWidget(self.units, 1)
        ul.addLayout(buttons)
        ul.addWidget(self.progress_box, 2)

        # Three columns that wrap: six (时间, 修改人, 操作, 内容, 原值, 新值) did not fit beside the table.
        self.history = QTreeWidget()
        self.history.setHeaderLabels(["时间", "操作", "改动"])
        self.history.setRootIsDecorated(False)
        self.history.setWordWrap(True)
        self.history.setUniformRowHeights(False)
        self.history.setAlternatingRowColors(True)
        self.history.header().setStretchLastSection(True)
        self.history.setItemDelegate(WrappingDelegate(self.history))
        self.history.header().sectionResized.connect(lambda *_: self.history.doItemsLayout())
        self.tabs = QTabWidget()
        self.tabs.addTab(units_tab, "单位与落实情况")
        self.tabs.addTab(self.history, "修改记录")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.flags_box)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        self.show_task(None)

    # ---- loading -------------------------------------------------------------------------

    def show_task(self, task_id: int | None) -> None:
        self._loading = True
        try:
            self.task = self.ws.tasks.get(task_id) if task_id is not None else None
        except GongkaiError:  # deleted meanwhile
            self.task = None
        enabled = self.task is not None
        for w in (self.text_edit, self.deadline_edit, self.detail_edit, self.tabs):
            w.setEnabled(enabled)
        if self.task is None:
            self.heading.setText(NO_TASK)
            self._show_flags()
            self._show_detail_text()
            self.text_edit.set_text("")
            self.deadline_edit.setText("")
            self.deadline_info.setText("")
            self._form.setRowVisible(self.start_edit, False)
            self.units.clear()
            self.history.clear()
            self._assignments = []
            self._show_assignment(None)
            self._loading = False
            return
        t = self.task
        self.heading.setText(self._heading(t))
        self._show_flags()
        self._show_detail_text()
        self.text_edit.set_text(t.text)
        self.deadline_edit.setText(t.deadline.phrase or "")
        self._show_due()
        self._load_units()
        self._load_history()
        self._loading = False

    def refresh_after_own_edit(self) -> None:
        """After an edit made here: update the heading, the units' statuses and the history, but
        leave the text fields alone (the clerk may already be typing in the next one)."""
        if self.task is None:
            return
        try:
            self.task = self.ws.tasks.get(self.task.id)
        except GongkaiError:  # the task was deleted meanwhile
            self.show_task(None)
            return
        t = self.task
        self.heading.setText(self._heading(t))
        self._show_flags()
        self._show_due()
        fresh = self.ws.progress.of_task(t.id)
        if [a.unit_id for a in fresh] != [a.unit_id for a in self._assignments]:
            self._loading = True
            try:
                self._load_units()
            finally:
                self._loading = False
        else:
            self._assignments = fresh
            for i, a in enumerate(fresh):
                item = self.units.topLevelItem(i)
                item.setText(1, ROLE[a.role.value])
                item.setText(2, a.status.value)
                item.setText(3, _updated(a))
                item.setBackground(2, STATUS_BACKGROUND[a.status])
            a = self.current_assignment()
            self.updated_label.setText(f"最后更新：{_updated(a)}" if a and a.updated_at else ("尚未填写" if a else "请选择一个单位"))
        self._load_history()

    def _show_due(self) -> None:
        """截止日期 as evaluated today (working days left, 待复核), with the light; the start date of
        a relative deadline."""
        from gongkai_desk.core.model import DeadlineKind
        from gongkai_desk.core.reports.task_lights import task_lights

        t = self.task
        lights = task_lights(self.ws, t.plan_id)
        light, due = lights.of(t)
        # 序时进度 (how much of the period is gone) on a line of its own, beside the light: no mid-word wrap
        elapsed = f"\n{due.elapsed_text()}" if due.elapsed is not None else ""
        self.deadline_info.setText(f"截止日期：{due.text()}{elapsed}　{light.word}" if due.date
                                   else f"（{due.text()}）　{light.word}")
        self.deadline_info.setToolTip((f"{due.elapsed_text()}：期限已过去的比例，对照完成进度看是否滞后。\n"
                                       if due.elapsed is not None else "") + f"提醒规则：{lights.rule.text()}")
        relative = t.deadline.kind is DeadlineKind.RELATIVE
        self._form.setRowVisible(self.start_edit, relative)
        if relative:
            start = self.ws.calendar.task_starts(t.plan_id).get(t.id) or self.ws.plans.get(t.plan_id).issue_date
            self.start_edit.blockSignals(True)
            self.start_edit.setDate(QDate(start.year, start.month, start.day) if start else QDate.currentDate())
            self.start_edit.blockSignals(False)

    def _start_chosen(self, d: QDate) -> None:
        if self.task is None or self._loading:
            return
        import datetime as _dt

        task_id, day = self.task.id, _dt.date(d.year(), d.month(), d.day())
        run_op(self, self.bus, lambda: self.ws.calendar.set_task_start(task_id, day), done="已保存起算日期", initiator=self)

    def _load_units(self) -> None:
        current = self.current_assignment()
        keep = current.unit_id if current else None
        self._assignments = self.ws.progress.of_task(self.task.id)
        self.units.clear()
        select = first = None
        for a in self._assignments:
            name = f"{a.unit_name}（单位组）" if a.is_group else a.unit_name
            item = QTreeWidgetItem([name, ROLE[a.role.value], a.status.value, _updated(a)])
            item.setData(0, Qt.ItemDataRole.UserRole, a.unit_id)
            item.setBackground(2, STATUS_BACKGROUND[a.status])
            self.units.addTopLevelItem(item)
            first = first or item
            if a.unit_id == keep:
                select = item
        select = select or first
        for i in range(4):
            self.units.resizeColumnToContents(i)
        if select is not None:
            self.units.setCurrentItem(select)
        else:
            self._show_assignment(None)

    def _heading(self, t: TaskRow) -> str:
        number = self.number_label(t) if self.number_label else (t.number or "")
        return f"任务 {number}　{t.status_label}"

    def _show_flags(self) -> None:
        t = self.task
        if t is None or not t.flags:
            self.flags_box.hide()
            return
        from gongkai_desk.ui.plans.flags import flag_reasons

        self.flags_label.setText("待确认：" + "；".join(flag_reasons(t.flags)) + "。核对无误后点“确认”。")
        self.flags_box.show()

    def _show_detail_text(self) -> None:
        detail = self.task.detail if self.task is not None else None
        self.detail_edit.set_text(detail or "")
        for w in (self.detail_label, self.detail_edit):
            w.setVisible(bool(detail))

    def _confirm(self) -> None:
        if self.task is not None:
            task_id = self.task.id
            run_op(self, self.bus, lambda: self.ws.tasks.confirm([task_id]), done="已确认（可撤销）", initiator=self)

    def show_history(self) -> None:
        self.tabs.setCurrentWidget(self.history)

    def select_unit(self, unit_id: int) -> None:
        for i in range(self.units.topLevelItemCount()):
            item = self.units.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == unit_id:
                self.units.setCurrentItem(item)
                self.tabs.setCurrentIndex(0)
                return

    def _load_history(self) -> None:
        self.history.clear()
        for e in self.ws.history(task_id=self.task.id, limit=300):
            what = field_label(e.entity, e.field)
            old, new = value_label(e.field, e.old), value_label(e.field, e.new)
            change = f"{what}：{old or '（空）'} → {new or '（空）'}" if e.field else (
                f"{what}：{new}" if new else f"{what}：{old}（已删除）" if old else what)
            item = QTreeWidgetItem([e.at.replace("T", " ")[:16], f"{e.label}\n{e.user}", change])
            item.setToolTip(2, change)
            for col in range(3):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.history.addTopLevelItem(item)
        metrics = self.history.fontMetrics()
        self.history.setColumnWidth(0, metrics.horizontalAdvance("2026-12-01 11:13") + metrics.horizontalAdvance("国"))
        self.history.setColumnWidth(1, metrics.horizontalAdvance("国") * 9)

    def current_assignment(self) -> Assignment | None:
        item = self.units.currentItem() if hasattr(self, "units") else None
        if item is None:
            return None
        uid = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in self._assignments if a.unit_id == uid), None)

    def _unit_selected(self, *_):
        self._show_assignment(self.current_assignment())

    def _show_assignment(self, a: Assignment | None) -> None:
        self.progress_box.setEnabled(a is not None)
        self.remove_unit_button.setEnabled(a is not None)
        self.expand_button.setEnabled(bool(a and a.is_group))
        self.status_combo.setCurrentText(a.status.value if a else Status.NOT_STARTED.value)
        self.done_edit.set_text(a.done if a else "")
        self.problems_edit.set_text(a.problems if a else "")
        self.next_edit.set_text(a.next_steps if a else "")
        self.evidence_edit.set_text(a.evidence if a else "")
        self.updated_label.setText(f"最后更新：{_updated(a)}" if a and a.updated_at else ("尚未填写" if a else "请选择一个单位"))

    # ---- saving --------------------------------------------------------------------------

    def _update_task(self, **fields) -> None:
        if self.task is not None and not self._loading:
            task_id = self.task.id
            if run_op(self, self.bus, lambda: self.ws.tasks.update(task_id, **fields), done="已保存",
                      initiator=self) is None:
                self.show_task(task_id)  # refused (e.g. empty text): show what is really stored

    def _deadline_finished(self) -> None:
        if self.task is not None and self.deadline_edit.text().strip() != (self.task.deadline.phrase or ""):
            self._update_task(deadline=self.deadline_edit.text())

    def _status_chosen(self, _index: int) -> None:
        self._save_progress(status=self.status_combo.currentText())

    def _save_progress(self, **fields) -> None:
        a = self.current_assignment()
        if a is None or self._loading or self.task is None:
            return
        task_id = self.task.id
        run_op(self, self.bus, lambda: self.ws.progress.set(task_id, a.unit_id, **fields), done="已保存",
               initiator=self)

    def _remove_unit(self) -> None:
        a = self.current_assignment()
        if a is not None and self.task is not None:
            task_id = self.task.id
            run_op(self, self.bus, lambda: self.ws.progress.unassign(task_id, a.unit_id),
                   done=f"已移除{a.unit_name}（可撤销）", initiator=self)

    def _expand_group(self) -> None:
        a = self.current_assignment()
        if a is not None and self.task is not None:
            task_id = self.task.id
            run_op(self, self.bus, lambda: self.ws.progress.expand_group(task_id, a.unit_id),
                   done=f"已展开{a.unit_name}", initiator=self)

    def commit_pending(self) -> None:
        """Save a field still being typed in (before an action, switching task, closing)."""
        for edit in (self.text_edit, self.detail_edit, self.done_edit, self.problems_edit, self.next_edit, self.evidence_edit):
            if edit.hasFocus():
                edit.commit()
        if self.deadline_edit.hasFocus():
            self._deadline_finished()


def _updated(a: Assignment | None) -> str:
    if a is None or not a.updated_at:
        return ""
    return f"{a.updated_at.replace('T', ' ')[:16]} {a.updated_by or ''}".strip()
