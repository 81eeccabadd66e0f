"""What the main window's actions do: small handlers that open a dialog and run a core edit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QWidget

from gongkai_desk.ui.ops import confirm, run_op, show_error

# Dialog modules are imported inside the handlers: they are not needed to show the window.

IMPORT_SUFFIXES = (".txt", ".docx", ".xlsx", ".html", ".htm")


def new_plan(win) -> None:
    from gongkai_desk.ui.plans.plan_dialog import PlanDialog

    dialog = PlanDialog(win)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    plan_id = run_op(win, win.bus, lambda: win.ws.create_plan(**dialog.values()), done="已新建计划")
    if plan_id is not None:
        win.reload_plans(select=plan_id)


def edit_plan(win) -> None:
    from gongkai_desk.ui.plans.plan_dialog import PlanDialog

    if win.plan_id is None:
        return
    dialog = PlanDialog(win, plan=win.ws.plan(win.plan_id))
    if dialog.exec() == QDialog.DialogCode.Accepted:
        run_op(win, win.bus, lambda: win.ws.update_plan(win.plan_id, **dialog.values()), done="已保存计划信息")


def delete_plan(win) -> None:
    if win.plan_id is None:
        return
    plan = win.ws.plan(win.plan_id)
    if confirm(win, "删除计划", f"确定删除“{plan.title}”及其全部任务和落实情况吗？\n删除后可以用“撤销”(Ctrl+Z)恢复。"):
        run_op(win, win.bus, lambda: win.ws.delete_plan(plan.id), done="已删除计划（可撤销）")


def load_demo(win) -> None:
    from gongkai_desk.core.demo import make_demo

    plan_id = run_op(win, win.bus, lambda: make_demo(win.ws, tasks=50), done="已载入示例数据（可撤销）")
    if plan_id is not None:
        win.reload_plans(select=plan_id)


def new_task(win) -> None:
    from gongkai_desk.ui.plans.task_dialog import TaskDialog

    if win.plan_id is None:
        return
    current = win.plan_view.selected_task_id()
    section_id = win.ws.task(current).section_id if current else win.sections.current_section_id()
    siblings = [t for t in win.plan_view.model.rows if t.section_id == section_id]
    number = _next_number([t.number for t in siblings])
    dialog = TaskDialog(win, win.ws.sections(win.plan_id), section_id=section_id, number=number)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    task_id = run_op(win, win.bus, lambda: win.ws.add_task(win.plan_id, **dialog.values()), done="已新建任务")
    if task_id is not None:
        win.plan_view.select_task(task_id)


def _next_number(numbers: list[str | None]) -> str:
    digits = [int(n) for n in numbers if n and n.isdigit()]
    return str(max(digits) + 1) if digits else ("1" if not numbers else "")


def delete_task(win) -> None:
    task_id = win.plan_view.selected_task_id()
    if task_id is None:
        return
    t = win.ws.task(task_id)
    if confirm(win, "删除任务", f"确定删除任务{t.number or ''}“{t.text[:30]}”及其各单位落实情况吗？\n可以用“撤销”(Ctrl+Z)恢复。"):
        run_op(win, win.bus, lambda: win.ws.delete_task(task_id), done="已删除任务（可撤销）")


def move_task(win, delta: int) -> None:
    task_id = win.plan_view.selected_task_id()
    if task_id is not None:
        run_op(win, win.bus, lambda: win.ws.move_task(task_id, delta), done="已调整顺序")


def section_action(win, what: str, section_id: int | None) -> None:
    from gongkai_desk.ui.plans.task_dialog import SectionDialog

    if win.plan_id is None:
        return
    ws, sections = win.ws, win.ws.sections(win.plan_id)
    if what in ("add", "add_child"):
        dialog = SectionDialog(win, sections, parent_id=section_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            v = dialog.values()
            run_op(win, win.bus, lambda: ws.add_section(win.plan_id, title=v["title"], number=v["number"],
                                                         parent_id=v["parent_id"]), done="已新建部分")
    elif what == "edit":
        section = next(s for s in sections if s.id == section_id)
        dialog = SectionDialog(win, sections, section=section)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            v = dialog.values()
            run_op(win, win.bus, lambda: ws.update_section(section_id, title=v["title"], number=v["number"]), done="已保存")
    elif what in ("up", "down"):
        run_op(win, win.bus, lambda: ws.move_section(section_id, -1 if what == "up" else 1), done="已调整顺序")
    elif what == "delete":
        section = next(s for s in sections if s.id == section_id)
        if confirm(win, "删除部分", f"确定删除“{section.title}”及其下级部分和全部任务吗？\n可以用“撤销”(Ctrl+Z)恢复。"):
            run_op(win, win.bus, lambda: ws.delete_section(section_id), done="已删除部分（可撤销）")


def add_unit(win, task_id: int | None) -> None:
    if task_id is None:
        show_error(win, "请先在任务表中选择一项任务，再为它添加单位。", "未选择任务")
        return
    from gongkai_desk.ui.units.pick_dialog import UnitPickDialog

    dialog = UnitPickDialog(win, win.ws.units())
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    name, role = dialog.unit_name(), dialog.role()

    def do():
        unit_id = win.ws.ensure_unit(name)
        return win.ws.assign_unit(task_id, unit_id, role)

    run_op(win, win.bus, do, done=f"已添加{role.label}{name}")


def export_review(win) -> None:
    if win.plan_id is not None:
        from gongkai_desk.ui.printing.export_review_dialog import export_review_interactive

        path = export_review_interactive(win, win.ws, win.plan_id)
        if path:
            win.statusBar().showMessage(f"已导出：{path}", 10000)


def print_preview(win) -> None:
    if win.plan_id is not None:
        from gongkai_desk.ui.printing.export_review_dialog import print_preview_interactive

        print_preview_interactive(win, win.ws, win.plan_id)


def import_file(win, path: str | None = None, *, text: str | None = None) -> None:
    """Import a file, or text pasted from a website, through the import dialog."""
    from gongkai_desk.ui.imports.import_dialog import run_import

    plan_id = run_import(win, win.ws, win.bus, path=path, into_plan=win.plan_id, text=text)
    if plan_id is not None:
        win.reload_plans(select=plan_id)


def import_clipboard(win) -> None:
    from PySide6.QtWidgets import QApplication

    text = QApplication.clipboard().text()
    if not text.strip():
        show_error(win, "剪贴板里没有文字。请先在网页或文档中选中任务分解的文字并复制，再来粘贴导入。", "没有可导入的文字")
        return
    import_file(win, text=text)


def backup(win) -> None:
    import datetime as dt

    from gongkai_desk.core.backup import backup as do_backup

    default = str(Path(win.settings.value("last_folder", str(Path.home()))) / f"政务公开工作台备份-{dt.date.today():%Y%m%d}.db")
    path, _ = QFileDialog.getSaveFileName(win, "备份数据库", default, "数据库备份 (*.db)")
    if path:
        win.settings.setValue("last_folder", str(Path(path).parent))
        if run_op(win, win.bus, lambda: do_backup(win.ws.conn, path)) is not None:
            win.statusBar().showMessage(f"已备份到 {path}", 10000)


def dropped_file(mime) -> str | None:
    """The single importable file being dragged onto the window, if any."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if path.lower().endswith(IMPORT_SUFFIXES) else None


def make_page(win, row: int) -> QWidget:
    """Build a navigation page on first use."""
    from gongkai_desk.ui.main_window import NAV_ANNUAL, NAV_SETTINGS, NAV_UNITS

    if row == NAV_UNITS:
        from gongkai_desk.ui.units.units_page import UnitsPage

        return UnitsPage(win.ws, win.bus)
    if row == NAV_ANNUAL:
        from gongkai_desk.ui.annual import AnnualReportView

        return AnnualReportView(win.ws, win.bus)
    if row == NAV_SETTINGS:
        from gongkai_desk.ui.settings.settings_page import SettingsPage

        return SettingsPage(win)
    return QLabel("")
