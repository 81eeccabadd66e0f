"""The window's actions added by issue 14, as helper methods of the main window (a mixin), so the
shell's own menu code stays short: the task table's actions (clipboard, find and replace, zoom,
numbering, 待确认, the 视图 menu's filters), F2, and data and help (备份/恢复数据库…, 关于,
打开数据文件夹)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from gongkai_desk.paths import data_dir
from gongkai_desk.ui.pages import NAV
from gongkai_desk.ui.plans.filter_proxy import TaskFilterProxy


class WindowActions:
    def _make_grid_actions(self) -> None:
        """The task table's own actions (issue 14): clipboard, find and replace, zoom, numbering, 待确认."""
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
        self.nav.setCurrentRow(NAV["plans"])
        self.plan_view.show_status(value)

    def _edit_text(self) -> None:
        """F2: edit the current cell (the task text when that cell cannot be edited); from the detail
        pane, its text field."""
        table = self.plan_view.table
        if table.hasFocus() or not self.detail.isAncestorOf(QApplication.focusWidget()):
            if self.plan_view.edit_current():
                return
        self.detail.text_edit.setFocus()

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
        from gongkai_desk.ui.help.about import open_folder

        open_folder(Path(self.ws.path).parent if self.ws.path != ":memory:" else data_dir())
