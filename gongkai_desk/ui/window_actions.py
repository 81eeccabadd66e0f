"""The window's actions, menus and toolbar, as helper methods of the main window (a mixin): the
files and plans, the task table's actions (clipboard, find and replace, zoom, numbering, 待确认,
the 视图 menu's filters), F2, and data and help (备份/恢复数据库…, 关于, 打开数据文件夹)."""

from __future__ import annotations

# Nothing is imported at the top: ``main_window`` (and so this) is imported before the first
# paint, also when that paint is the kept picture (``first_picture``), which needs none of it.


class WindowActions:
    def _make_actions(self) -> None:
        """Every action, the menus and the toolbar (their shortcuts: ``_finish_shell``)."""
        from PySide6.QtGui import QKeySequence
        from PySide6.QtWidgets import QToolBar

        self._shortcuts: list[tuple] = []  # (QAction, [key sequence text or StandardKey])
        A = self._action
        self.act_new_plan = A("新建计划…", "plan.new_plan", "Ctrl+Shift+N")
        self.act_plan_info = A("计划信息…", "plan.edit_plan")
        self.act_delete_plan = A("删除计划…", "plan.delete_plan")
        self.act_import = A("导入", "plan.import_file", QKeySequence.StandardKey.Open, "从 Word、Excel 或文本导入计划")
        self.act_paste_import = A("从剪贴板导入…", "plan.import_clipboard", None, "把复制的网页文字作为计划导入")
        self.act_new_task = A("新建任务", "plan.new_task", QKeySequence.StandardKey.New)
        self.act_new_section = A("新建部分…", lambda: self.plan_actions.section_action("add", None))
        self.act_edit = A("编辑单元格", self._edit_text, "F2", "在表格中编辑任务内容、序号、完成时限或完成状态")
        self.act_delete = A("删除任务…", "grid.delete", QKeySequence.StandardKey.Delete)
        self.act_up = A("上移任务", lambda: self.plan_actions.move_task(-1), "Ctrl+Up")
        self.act_down = A("下移任务", lambda: self.plan_actions.move_task(1), "Ctrl+Down")
        self.act_add_unit = A("为任务添加单位…", "grid.add_unit")
        self.act_export = A("导出回头看表", "plan.export_review", "Ctrl+E")
        self.act_print = A("打印预览", "plan.print_preview", QKeySequence.StandardKey.Print)
        self.act_export_feedback = A("导出反馈表…", lambda: self._exchange("export_feedback"), None,
                                     "为每个单位生成落实情况反馈表")
        self.act_collect_feedback = A("收集反馈表…", lambda: self._exchange("collect_feedback"), None,
                                      "核对各单位交回的反馈表")
        self.act_undo = A("撤销", self.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = A("重做", self.redo, "Ctrl+Y")
        self.act_undo.setIconText("撤销")  # the menu names the action; the toolbar button stays short
        self.act_redo.setIconText("重做")
        self.act_find = A("查找", self._focus_search, QKeySequence.StandardKey.Find)
        self.act_demo = A("载入示例数据", "plan.load_demo")
        self.act_backup = A("备份数据库…", self.backup_database)
        self.act_quit = A("退出", self.close, QKeySequence.StandardKey.Quit)
        self._make_grid_actions()
        self._make_window_actions()
        self._needs_plan = (
            self.act_new_task, self.act_new_section, self.act_export, self.act_print, self.act_plan_info,
            self.act_delete_plan, self.act_delete, self.act_up, self.act_down, self.act_add_unit, self.act_copy,
            self.act_paste, self.act_replace, self.act_renumber, self.act_confirm_all, self.act_export_feedback,
            self.act_collect_feedback)
        # What a read-only database (a read-only folder or disk) cannot do; the status bar says why.
        self._edits = (
            self.act_new_plan, self.act_import, self.act_paste_import, self.act_new_task, self.act_new_section,
            self.act_delete_plan, self.act_delete, self.act_up, self.act_down, self.act_add_unit, self.act_demo,
            self.act_paste, self.act_replace, self.act_renumber, self.act_confirm_all, self.act_export_feedback,
            self.act_collect_feedback)

        menus = self.menuBar()
        for title, items in (
            ("文件(&F)", (self.act_new_plan, self.act_import, self.act_paste_import, None, self.act_export,
                          self.act_print, None, self.act_export_feedback, self.act_collect_feedback, None,
                          self.act_backup, self.act_restore, self.act_demo, None, self.act_quit)),
            ("编辑(&E)", (self.act_undo, self.act_redo, None, self.act_copy, self.act_paste, None, self.act_new_task,
                          self.act_new_section, self.act_edit, self.act_add_unit, self.act_up, self.act_down, None,
                          self.act_delete, None, self.act_find, self.act_replace)),
            ("视图(&V)", self._view_items()),
            ("计划(&P)", (self.act_plan_info, self.act_new_plan, None, self.act_renumber, self.act_confirm_all, None,
                          self.act_delete_plan)),
            ("帮助(&H)", (self.act_open_data, None, self.act_about)),
        ):
            m = menus.addMenu(title)
            for a in items:
                m.addSeparator() if a is None else m.addAction(a)

        bar = QToolBar("常用")
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        for a in (self.act_import, self.act_new_task, self.act_export, self.act_print, self.act_undo, self.act_redo):
            bar.addAction(a)
        self.addToolBar(bar)
        self.toolbar = bar

    def _make_grid_actions(self) -> None:
        """The task table's own actions (issue 14): clipboard, find and replace, zoom, numbering, 待确认."""
        from PySide6.QtGui import QKeySequence

        from gongkai_desk.ui.plans.filter_proxy import TaskFilterProxy

        A = self._action
        self.act_copy = A("复制", "grid.copy", QKeySequence.StandardKey.Copy, "把所选任务复制为表格，可粘贴到 Excel 或 WPS")
        self.act_paste = A("粘贴任务…", "grid.paste", QKeySequence.StandardKey.Paste,
                           "把从 Excel 或 WPS 复制的任务行经导入预览添加到本计划")
        self.act_replace = A("查找和替换…", "grid.find_replace", "Ctrl+H")
        self.act_renumber = A("重新编号…", "grid.renumber", None, "按任务表现在的顺序重新编号（可撤销）")
        self.act_confirm_all = A("全部确认", "grid.confirm_all", None, "去掉本计划全部任务的“待确认”标记（可撤销）")
        view = self.plan_view
        self.act_zoom_in = A("放大", lambda: view.zoom_by(1), [QKeySequence.StandardKey.ZoomIn, "Ctrl+="])
        self.act_zoom_out = A("缩小", lambda: view.zoom_by(-1), QKeySequence.StandardKey.ZoomOut)
        self.act_zoom_reset = A("原始大小", lambda: view.set_zoom(100), "Ctrl+0")
        self.act_show_all = A("显示全部任务", view.clear_filters)
        self.act_show_unfinished = A("只看未完成", lambda: self._show_status(TaskFilterProxy.UNFINISHED))
        self.act_show_overdue = A("只看逾期", lambda: self._show_status(TaskFilterProxy.OVERDUE))
        self.act_show_flagged = A("只看待确认", lambda: self._show_status(TaskFilterProxy.FLAGGED))

    def _make_window_actions(self) -> None:
        """Data and help (issue 14): 恢复数据库…, 关于, 打开数据文件夹."""
        A = self._action
        self.act_restore = A("恢复数据库…", self.restore_database, None, "用以前的备份替换当前数据（当前数据先另存一份）")
        self.act_about = A("关于政务公开工作台…", self.about)
        self.act_open_data = A("打开数据文件夹", self.open_data_folder)

    def _view_items(self) -> tuple:
        return (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, None, self.act_show_all,
                self.act_show_unfinished, self.act_show_overdue, self.act_show_flagged)

    def _show_status(self, value: str) -> None:
        from gongkai_desk.ui.pages import NAV

        self.nav.setCurrentRow(NAV["plans"])
        self.plan_view.show_status(value)

    def _edit_text(self) -> None:
        """F2: edit the current cell (the task text when that cell cannot be edited); from the detail
        pane, its text field."""
        from PySide6.QtWidgets import QApplication

        table = self.plan_view.table
        if table.hasFocus() or not self.detail.isAncestorOf(QApplication.focusWidget()):
            if self.plan_view.edit_current():
                return
        self.detail.text_edit.setFocus()

    def undo(self) -> None:
        from gongkai_desk.ui.ops import run_op

        label = self.ws.undo_status().undo_label
        if label and run_op(self, self.bus, self.ws.undo) is not None:
            self.statusBar().showMessage(f"已撤销：{label}", 8000)

    def redo(self) -> None:
        from gongkai_desk.ui.ops import run_op

        label = self.ws.undo_status().redo_label
        if label and run_op(self, self.bus, self.ws.redo) is not None:
            self.statusBar().showMessage(f"已重做：{label}", 8000)

    def backup_database(self) -> None:
        from gongkai_desk.ui.settings.data_actions import backup_database

        backup_database(self, self.ws, self.bus, self.settings)

    def restore_database(self) -> None:
        from gongkai_desk.ui.settings.data_actions import restore_database

        restore_database(self, self.ws, self.bus, self.settings)

    def about(self) -> None:
        from gongkai_desk.ui.help.about import AboutDialog

        AboutDialog(self, self.ws.path).exec()

    def open_data_folder(self) -> None:
        from pathlib import Path

        from gongkai_desk.paths import data_dir
        from gongkai_desk.ui.help.about import open_folder

        open_folder(Path(self.ws.path).parent if self.ws.path != ":memory:" else data_dir())
