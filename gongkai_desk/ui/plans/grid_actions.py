"""What the task table's context menu, its cells and Ctrl+C/Ctrl+V/Ctrl+H do, for the selected
tasks: each change is one core edit (one undoable step named by what it did) through ``run_op``."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from gongkai_desk.core.model import STATUS_ORDER, Role
from gongkai_desk.ui.ops import Bus, confirm, run_op, show_error
from gongkai_desk.ui.plans.task_table import COL_DEADLINE, COL_NUMBER, COL_STATUS, COL_TEXT


class GridActions:
    def __init__(self, parent: QWidget, page, bus: Bus) -> None:
        self.parent, self.page, self.bus, self.ws = parent, page, bus, page.ws

    @property
    def view(self):
        return self.page.plan_view

    def selected(self) -> list[int]:
        return self.view.selected_task_ids()

    def _run(self, fn, done: str | None = None):
        return run_op(self.parent, self.bus, fn, done=done, initiator=self.view)

    def _need_selection(self) -> list[int] | None:
        ids = self.selected()
        if not ids:
            show_error(self.parent, "请先在任务表中选择任务（按住 Ctrl 或 Shift 点击可以选择多项）。", "未选择任务")
            return None
        return ids

    def units_of(self, task_ids: list[int]) -> list[tuple[int, str, int]]:
        """(unit id, name, how many of the tasks have it) of the units on the tasks, most used first."""
        counts: Counter = Counter()
        names: dict[int, str] = {}
        for tid, uid in self.ws.progress.entries(task_ids):
            counts[uid] += 1
        for u in self.ws.units.all():
            names[u.id] = u.name
        return [(uid, names.get(uid, ""), n) for uid, n in counts.most_common()]

    # ---- the context menu ----------------------------------------------------------------

    def build_menu(self, window_actions: dict | None = None) -> QMenu:
        """The menu for the selected tasks (built when asked: the units differ each time)."""
        ids = self.selected()
        n = len(ids)
        menu = QMenu(self.parent)
        what = f"所选{n}项任务" if n > 1 else "这项任务"
        status = menu.addMenu(f"设置完成状态（{what}）")
        status.setEnabled(bool(ids))
        status.addSection("全部单位设为")
        for s in STATUS_ORDER:
            status.addAction(s.value, lambda s=s: self.set_status(s.value))
        status.addSeparator()
        status.addAction("只设置其中一个单位…", self.status_dialog)
        menu.addAction("添加单位…", self.add_unit).setEnabled(bool(ids))
        remove = menu.addMenu("移除单位")
        units = self.units_of(ids) if ids else []
        for uid, name, count in units:
            label = f"{name}（{count}项）" if n > 1 else name
            remove.addAction(label, lambda uid=uid, name=name: self.remove_unit(uid, name))
        remove.setEnabled(bool(units))
        menu.addSeparator()
        for key in ("copy", "paste"):
            if window_actions and key in window_actions:
                menu.addAction(window_actions[key])
        menu.addSeparator()
        flagged = [t for t in ids if self.ws.tasks.get(t).flags] if n <= 500 else ids
        menu.addAction("确认（去掉“待确认”标记）", self.confirm).setEnabled(bool(flagged))
        menu.addAction("查看修改记录", self.show_history).setEnabled(bool(ids))
        if window_actions and "find" in window_actions:
            menu.addAction(window_actions["find"])
        menu.addSeparator()
        if window_actions and "delete" in window_actions:
            menu.addAction(window_actions["delete"])
        return menu

    # ---- changes to the selected tasks ---------------------------------------------------

    def set_status(self, status: str, unit_id: int | None = None, task_ids: list[int] | None = None) -> None:
        ids = task_ids if task_ids is not None else self._need_selection()
        if not ids:
            return
        entries = self.ws.progress.entries(ids, unit_id)
        label = None
        if len(ids) == 1:
            number = self.view.model.number_label(self.ws.tasks.get(ids[0]))
            label = f"设置任务{number}的完成状态为{status}"
        self._run(lambda: self.ws.progress.set_many(entries, status=status, label=label),
                  f"已设置{len({t for t, _ in entries})}项任务的完成状态为{status}（可撤销）")

    def status_dialog(self) -> None:
        ids = self._need_selection()
        if not ids:
            return
        from gongkai_desk.ui.plans.batch_dialogs import BatchStatusDialog

        dialog = BatchStatusDialog(self.parent, len(ids), self.units_of(ids))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_status(dialog.status(), dialog.unit_id(), ids)

    def add_unit(self) -> None:
        ids = self._need_selection()
        if not ids:
            return
        from gongkai_desk.ui.units.pick_dialog import UnitPickDialog

        dialog = UnitPickDialog(self.parent, self.ws.units.all())
        if len(ids) > 1:
            dialog.setWindowTitle(f"为所选{len(ids)}项任务添加单位")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, role = dialog.unit_name(), Role(dialog.role())
        self._run(lambda: self.ws.progress.assign_many(ids, name, role), f"已为{len(ids)}项任务添加{role.label}{name}")

    def remove_unit(self, unit_id: int, name: str) -> None:
        ids = self._need_selection()
        if ids:
            self._run(lambda: self.ws.progress.unassign_many(ids, unit_id), f"已移除{name}（可撤销）")

    def delete(self) -> None:
        ids = self._need_selection()
        if not ids:
            return
        if len(ids) == 1:
            t = self.ws.tasks.get(ids[0])
            question = (f"确定删除任务{self.view.model.number_label(t)}“{t.text[:30]}”及其各单位落实情况吗？\n"
                        "可以用“撤销”(Ctrl+Z)恢复。")
        else:
            question = f"确定删除所选的{len(ids)}项任务及其各单位落实情况吗？\n可以用“撤销”(Ctrl+Z)一次全部恢复。"
        if confirm(self.parent, "删除任务", question):
            self._run(lambda: self.ws.tasks.delete_many(ids), f"已删除{len(ids)}项任务（可撤销）")

    def confirm(self) -> None:
        ids = self._need_selection()
        if ids:
            self._run(lambda: self.ws.tasks.confirm(ids), "已确认（可撤销）")

    def confirm_all(self) -> None:
        plan_id = self.page.plan_id
        if plan_id is not None:
            self._run(lambda: self.ws.tasks.confirm_all(plan_id), "已确认全部待确认任务（可撤销）")

    def show_history(self) -> None:
        ids = self.selected()
        if ids:
            if self.view.selected_task_id() not in ids:
                self.view.select_task(ids[0])
            self.page.detail.show_history()

    def renumber(self) -> None:
        plan_id = self.page.plan_id
        if plan_id is None:
            return
        from gongkai_desk.core.numbering import restart_depth

        rows = self.view.model.rows
        numbered = rows.numbering_rows() if hasattr(rows, "numbering_rows") else rows
        restarts = restart_depth(numbered, self.ws.plans.sections(plan_id)) > 0
        how = "每个部分从1开始" if restarts else "从1开始连续编号"
        if confirm(self.parent, "重新编号", f"按任务表中现在的顺序，把全部{len(rows)}项任务重新编号（{how}）吗？\n"
                                           "导出的表格和反馈表也会用新序号。可以用“撤销”(Ctrl+Z)恢复。"):
            self._run(lambda: self.ws.tasks.renumber(plan_id), "已重新编号（可撤销）")

    # ---- cells, clipboard, find and replace ----------------------------------------------

    def cell_edited(self, task_id: int, column: int, value) -> None:
        """An in-cell edit: the status sets every unit of the task; the others edit the task."""
        if column == COL_STATUS:
            if not self.ws.progress.entries([task_id]):
                show_error(self.parent, "这项任务还没有单位，无法设置完成状态。请先在右侧“添加单位…”。", "还没有单位")
                return
            self.set_status(str(value), task_ids=[task_id])
            return
        field = {COL_TEXT: "text", COL_DEADLINE: "deadline", COL_NUMBER: "number"}.get(column)
        if field is not None:
            self._run(lambda: self.ws.tasks.update(task_id, **{field: value}), "已保存")

    def copy(self) -> None:
        n = self.view.copy_selection()
        if n:
            self.bus.message.emit(f"已复制{n}项任务，可以直接粘贴到 Excel 或 WPS 表格中")

    def paste(self) -> None:
        """Rows copied from Excel/WPS (or this table) go through the importer's preview and are
        added to the current task's section (or the section chosen in the tree)."""
        text = QApplication.clipboard().text()
        if not text.strip():
            show_error(self.parent, "剪贴板里没有文字。请先在 Excel、WPS 或网页中选中任务行并复制，再粘贴。",
                       "没有可粘贴的内容")
            return
        plan_id = self.page.plan_id
        current = self.view.selected_task_id()
        section_id = self.ws.tasks.get(current).section_id if current else self.page.current_section_id()
        from gongkai_desk.ui.imports.import_dialog import run_import

        run_import(self.parent, self.ws, self.bus, into_plan=plan_id, text=text, append_to=(section_id,))

    def find_replace(self) -> None:
        if self.page.plan_id is None:
            return
        from gongkai_desk.ui.plans.find_replace import FindReplaceDialog

        dialog = getattr(self, "_find_dialog", None)
        if dialog is None:
            dialog = self._find_dialog = FindReplaceDialog(self.parent, self)
        dialog.open_for(self.page.plan_id)
