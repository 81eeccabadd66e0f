"""What the plan page's actions do: small handlers that open a dialog and run a core edit.

``PlanActions`` is built by the window around the plan page; each handler is a few lines in the
Anki manner: ask (a dialog), run the core edit through ``run_op``, and let the broadcast
``Changes`` refresh the views (a new or imported plan is selected by its ``plan_id``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from gongkai_desk.ui.ops import Bus, confirm, run_op, show_error
from gongkai_desk.ui.plans.drops import dropped_file  # noqa: F401 - where the window's tests find it
from gongkai_desk.ui.plans.plan_page import PlanPage

# Dialog modules are imported inside the handlers: they are not needed to show the window.


class PlanActions:
    def __init__(self, parent: QWidget, page: PlanPage, bus: Bus) -> None:
        self.parent, self.page, self.bus, self.ws = parent, page, bus, page.ws

    @property
    def plan_id(self) -> int | None:
        return self.page.plan_id

    def _run(self, fn, done: str | None = None):
        return run_op(self.parent, self.bus, fn, done=done)

    # ---- plans ---------------------------------------------------------------------------

    def new_plan(self) -> None:
        from gongkai_desk.ui.plans.plan_dialog import PlanDialog

        dialog = PlanDialog(self.parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: self.ws.plans.create(**dialog.values()), "已新建计划")

    def edit_plan(self) -> None:
        from gongkai_desk.ui.plans.plan_dialog import PlanDialog

        if self.plan_id is None:
            return
        plan_id = self.plan_id
        dialog = PlanDialog(self.parent, plan=self.ws.plans.get(plan_id))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: self.ws.plans.update(plan_id, **dialog.values()), "已保存计划信息")

    def delete_plan(self) -> None:
        if self.plan_id is None:
            return
        plan = self.ws.plans.get(self.plan_id)
        if confirm(self.parent, "删除计划", f"确定删除“{plan.title}”及其全部任务和落实情况吗？\n"
                                         "删除后移入回收站，30天内可以恢复；也可以用“撤销”(Ctrl+Z)恢复。"):
            self._run(lambda: self.ws.plans.delete(plan.id), "已删除计划，已移入回收站（可撤销）")

    def load_demo(self) -> None:
        from gongkai_desk.core.demo import make_demo

        self._run(lambda: make_demo(self.ws, tasks=50), "已载入示例数据（可撤销）")

    # ---- tasks and sections --------------------------------------------------------------

    def new_task(self) -> None:
        from gongkai_desk.ui.plans.task_dialog import TaskDialog

        if self.plan_id is None:
            return
        plan_id, current = self.plan_id, self.page.selected_task_id()
        section_id = self.ws.tasks.get(current).section_id if current else self.page.current_section_id()
        from gongkai_desk.core.numbering import next_number_in

        rows = self.page.plan_view.model.rows
        numbered = rows.numbering_rows() if hasattr(rows, "numbering_rows") else rows
        number = next_number_in(numbered, self.ws.plans.sections(plan_id), section_id)  # never one in use
        dialog = TaskDialog(self.parent, self.ws.plans.sections(plan_id), section_id=section_id, number=number)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        changes = self._run(lambda: self.ws.tasks.add(plan_id, **dialog.values()), "已新建任务")
        if changes is not None:
            self.page.plan_view.select_task(changes.id)

    def move_task(self, delta: int) -> None:
        task_id = self.page.selected_task_id()
        if task_id is not None:
            self._run(lambda: self.ws.tasks.move(task_id, delta), "已调整顺序")

    def section_action(self, what: str, section_id: int | None) -> None:
        from gongkai_desk.ui.plans.task_dialog import SectionDialog

        if self.plan_id is None:
            return
        ws, plan_id, sections = self.ws, self.plan_id, self.ws.plans.sections(self.plan_id)
        if what in ("add", "add_child"):
            dialog = SectionDialog(self.parent, sections, parent_id=section_id)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                v = dialog.values()
                self._run(lambda: ws.plans.add_section(plan_id, title=v["title"], number=v["number"],
                                                       parent_id=v["parent_id"]), "已新建部分")
        elif what == "edit":
            section = next(s for s in sections if s.id == section_id)
            dialog = SectionDialog(self.parent, sections, section=section)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                v = dialog.values()
                self._run(lambda: ws.plans.update_section(section_id, title=v["title"], number=v["number"]), "已保存")
        elif what in ("up", "down"):
            self._run(lambda: ws.plans.move_section(section_id, -1 if what == "up" else 1), "已调整顺序")
        elif what == "delete":
            section = next(s for s in sections if s.id == section_id)
            if confirm(self.parent, "删除部分", f"确定删除“{section.title}”及其下级部分和全部任务吗？\n"
                                             "有任务的部分移入回收站，30天内可以恢复；也可以用“撤销”(Ctrl+Z)恢复。"):
                self._run(lambda: ws.plans.delete_section(section_id), "已删除部分（可撤销）")

    def add_unit(self, task_id: int | None = None) -> None:
        task_id = task_id if task_id is not None else self.page.selected_task_id()
        if task_id is None:
            show_error(self.parent, "请先在任务表中选择一项任务，再为它添加单位。", "未选择任务")
            return
        from gongkai_desk.ui.units.pick_dialog import UnitPickDialog

        dialog = UnitPickDialog(self.parent, self.ws.units.all())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, role = dialog.unit_name(), dialog.role()
        self._run(lambda: self.ws.progress.assign_by_name(task_id, name, role), f"已添加{role.label}{name}")

    # ---- files ---------------------------------------------------------------------------

    def export_review(self) -> None:
        if self.plan_id is not None:
            from gongkai_desk.ui.printing.export_review_dialog import export_review_interactive

            path = export_review_interactive(self.parent, self.ws, self.plan_id, self.page.settings, self.bus)
            if path:
                self.bus.message.emit(f"已导出：{path}")

    def print_preview(self) -> None:
        if self.plan_id is not None:
            from gongkai_desk.ui.printing.export_review_dialog import print_preview_interactive

            print_preview_interactive(self.parent, self.ws, self.plan_id, self.page.settings, self.bus)

    def import_file(self, path: str | None = None, *, text: str | None = None) -> None:
        """Import a file, or text pasted from a website, through the import dialog."""
        from gongkai_desk.ui.imports.import_dialog import run_import

        run_import(self.parent, self.ws, self.bus, path=path, into_plan=self.plan_id, text=text)

    def import_clipboard(self) -> None:
        text = QApplication.clipboard().text()
        if not text.strip():
            show_error(self.parent, "剪贴板里没有文字。请先在网页或文档中选中任务分解的文字并复制，再来粘贴导入。",
                       "没有可导入的文字")
            return
        self.import_file(text=text)

