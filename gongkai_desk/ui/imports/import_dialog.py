"""The import dialog: pick a file or paste text, check and fix the preview, decide on units, save.

``run_import(parent, ws, bus, path=None, into_plan=None)`` is the entry point (toolbar 导入,
Ctrl+O, the start page, drag and drop). It returns the new or updated plan's id, or None.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QStackedWidget, QTabWidget, QTreeView,
    QVBoxLayout, QWidget,
)

from gongkai_desk.core.errors import GongkaiError
from gongkai_desk.ui.imports.preview_model import (
    COL_LEAD,
    COL_RESP,
    ImportPreviewModel,
    WrapDelegate,
    lay_out_tree,
)
from gongkai_desk.ui.ops import run_in_background, run_op, show_error
from gongkai_desk.ui.imports.column_roles import UNSURE, ColumnRolesWidget, NotImportedWidget, remember, remembered
from gongkai_desk.ui.imports.import_support import DiffDialog, SourcePage
from gongkai_desk.ui.imports.import_target import TargetBox
from gongkai_desk.ui.imports.old_formats import readable_path
from gongkai_desk.ui.imports.preview_confirm import ConfirmButtons
from gongkai_desk.ui.imports.import_units import UnitChoicesWidget
from gongkai_desk.ui.imports.warning_text import WarningList

FILE_FILTER = ("计划文件 (*.docx *.xlsx *.txt *.html *.htm *.doc *.xls *.wps *.et);;Word 文档 (*.docx);;"
               "Excel 工作簿 (*.xlsx);;文本文件 (*.txt);;网页 (*.html *.htm);;旧版 Word、Excel、WPS 文件 (*.doc *.xls *.wps *.et)")
LAST_FOLDER_KEY = "import/last_folder"
READ_FAILED = "读取文件时出错，文件可能已损坏或格式不受支持。请用 Word 或 Excel 打开后另存一份再导入。"


def run_import(
    parent, ws, bus, *, path: str | None = None, into_plan: int | None = None, text: str | None = None,
    append_to: tuple[int | None] | None = None,
) -> int | None:
    """Import a plan file (or pasted text) through the dialog; return the stored plan id or None.

    ``text`` is text pasted elsewhere (Ctrl+V on the start page): it is parsed like a .txt file.
    ``append_to=(section id,)`` chooses adding the tasks to that section of ``into_plan`` (Ctrl+V in the table).
    """
    settings = getattr(parent, "settings", None)
    dialog = ImportDialog(parent, ws, bus, into_plan=into_plan, settings=settings, append_to=append_to)
    if text is not None:
        dialog.paste.setPlainText(text)
    loaded = dialog.load_file(path) if path is not None else dialog.parse_paste() if text is not None else True
    if not loaded:
        dialog.deleteLater()
        return None
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    plan_id = dialog.plan_id if accepted else None
    dialog.deleteLater()
    return plan_id


class ImportDialog(QDialog):
    def __init__(self, parent, ws, bus, *, into_plan: int | None = None, settings: QSettings | None = None,
                 append_to: tuple[int | None] | None = None) -> None:
        super().__init__(parent)
        self.ws, self.bus, self.into_plan = ws, bus, into_plan
        self.append_to = append_to if into_plan is not None else None
        if settings is None:
            from gongkai_desk.ui.user_settings import user_settings

            settings = user_settings()
        self.settings = settings
        self.parsed = None
        self.model: ImportPreviewModel | None = None
        self.matches: dict = {}
        self.plan_id: int | None = None
        self._source: tuple[str, str] | None = None  # ("file", path) or ("text", pasted text)
        self.setWindowTitle("导入计划")
        self.pages = QStackedWidget()
        source = SourcePage(self.choose_file, self.parse_paste)
        self.file_button, self.paste, self.paste_button = source.file_button, source.paste, source.paste_button
        self.pages.addWidget(source)
        self.pages.addWidget(self._preview_page())
        self.keep_traditional = QCheckBox("保留繁体字（不转换为简体）")
        self.keep_traditional.toggled.connect(self._reparse)
        self.back_button = QPushButton("重新选择文件…")
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.do_import)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.keep_traditional)
        bottom.addStretch(1)
        for b in (self.back_button, self.import_button, cancel):
            bottom.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(bottom)
        self.pages.currentChanged.connect(self._page_changed)
        self._page_changed(0)
        self.resize(880, 560)

    # ---- pages ---------------------------------------------------------------------------

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.summary = QLabel()
        font = QFont(self.summary.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.summary.setFont(font)
        self.summary.setWordWrap(True)
        self.tree = QTreeView()
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setItemDelegate(WrapDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        hint = QLabel("双击单元格可以直接修改序号、任务内容、单位（用顿号“、”分隔）和完成时限；黄色的行需要确认，"
                      "核对后点“确认所选”，导入后仍未确认的任务在任务表中标为“待确认”。")
        hint.setWordWrap(True)
        self.confirm = ConfirmButtons(self.tree, lambda: self.model)
        self.confirm_button, self.confirm_all_button = self.confirm.selected_button, self.confirm.all_button
        hint_row = QHBoxLayout()
        hint_row.addWidget(hint, 1)
        hint_row.addWidget(self.confirm)
        tasks_tab = QWidget()
        tl = QVBoxLayout(tasks_tab)
        tl.addLayout(hint_row)
        tl.addWidget(self.tree, 1)
        self.units = UnitChoicesWidget()
        self.units.choices_changed.connect(self._units_changed)
        self.warnings = WarningList()
        self.warnings.itemDoubleClicked.connect(self._show_warning)
        self.columns = ColumnRolesWidget()
        self.columns.roles_changed.connect(self._roles_changed)
        self.not_imported = NotImportedWidget()
        self.tabs = QTabWidget()
        self.tabs.addTab(tasks_tab, "任务预览")
        self.tabs.addTab(self.units, "单位")
        self.tabs.addTab(self.warnings, "提示")
        self.tabs.addTab(self.columns, "表格列")
        self.tabs.addTab(self.not_imported, "未导入的内容")
        layout = QVBoxLayout(page)
        layout.addWidget(self.source_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._target_box())
        return page

    def _target_box(self) -> QGroupBox:
        box = TargetBox(self.ws, self.into_plan, self.append_to)
        self.as_new, self.year, self.title_edit, self.year_hint = box.as_new, box.year, box.title_edit, box.year_hint
        self.as_update, self.as_append = box.as_update, box.as_append
        self.as_new.toggled.connect(self._target_changed)
        self.as_append.toggled.connect(self._target_changed)
        return box

    def _page_changed(self, index: int) -> None:
        on_preview = index == 1
        self.import_button.setVisible(on_preview)
        self.back_button.setVisible(on_preview)
        if not on_preview:
            self.paste.setFocus()

    def _target_changed(self) -> None:
        new = self.as_new.isChecked()
        for w in (self.year, self.title_edit):
            w.setEnabled(new)
        self.import_button.setText("导入" if new else "添加" if self.as_append.isChecked() else "比较并更新…")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Enter in a cell editor or a text field must not import (QDialog would click 导入).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPushButton):
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- loading -------------------------------------------------------------------------

    def choose_file(self) -> None:
        folder = str(self.settings.value(LAST_FOLDER_KEY, str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "选择计划文件", folder, FILE_FILTER)
        if path:
            self.settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
            self.load_file(path)

    def parse_paste(self) -> bool:
        text = self.paste.toPlainText()
        if not text.strip():
            show_error(self, "粘贴区是空的。请先复制计划文字，再在方框里按 Ctrl+V 粘贴。", "没有可识别的文字")
            return False
        self._source = ("text", text)
        return self._load()

    def load_file(self, path: str) -> bool:
        """Parse ``path`` and show its preview; False (after telling the clerk) when it fails."""
        path = readable_path(self if self.isVisible() else self.parentWidget(), str(path))  # .doc/.xls/.wps/.et
        if path is None:
            return False
        self._source = ("file", str(path))
        return self._load()

    def _reparse(self) -> None:
        if self._source is not None and self.pages.currentIndex() == 1:
            self._load()

    def _load(self) -> bool:
        from gongkai_desk.core.imports.parse import parse_file, parse_text

        kind, value = self._source  # type: ignore[misc]
        keep, columns = self.keep_traditional.isChecked(), remembered(self.settings)
        if kind == "file":
            what, fn = Path(value).name, (lambda: parse_file(value, keep_traditional=keep, columns=columns))
        else:
            what, fn = "粘贴的文字", (lambda: parse_text(value, keep_traditional=keep, source=None, columns=columns))
        parsed = run_in_background(self if self.isVisible() else self.parentWidget(), fn,
                                   label=f"正在识别“{what}”中的计划内容…", title="正在导入", error_title="无法导入",
                                   unexpected=READ_FAILED)
        if parsed is None:  # cancelled, or refused (the reason was shown)
            return False
        self._show(parsed, what)
        return True

    # ---- preview -------------------------------------------------------------------------

    def _show(self, parsed, what: str) -> None:
        from gongkai_desk.core.imports.store import default_title

        self.parsed = parsed
        self.model = ImportPreviewModel(parsed, self)
        self.model.task_edited.connect(self._task_edited)
        self.tree.setModel(self.model)
        lay_out_tree(self.tree, self.model)
        meta = [m for m in (parsed.title, "、".join(parsed.issuer or []), parsed.doc_number,
                            parsed.date and f"{parsed.date.year}年{parsed.date.month}月{parsed.date.day}日") if m]
        kind = "回头看（落实情况）表" if parsed.kind == "review" else "计划"
        self.source_label.setText(f"来源：{what}　·　识别为{kind}" + (f"　·　{'　·　'.join(meta)}" if meta else ""))
        self.warnings.show_warnings(parsed)  # quoting the task or heading, not a line the clerk cannot see
        self.tabs.setTabText(2, f"提示（{len(parsed.warnings)}条）" if parsed.warnings else "提示")
        self.columns.set_tables(parsed.tables)
        unsure = sum(1 for t in parsed.tables for c in t.columns if c.confidence < UNSURE and not c.chosen)
        self.tabs.setTabText(3, f"表格列（{len(parsed.tables)}个表格" + (f"，{unsure}列不确定）" if unsure else "）"))
        self.tabs.setTabEnabled(3, bool(parsed.tables))
        self.not_imported.set_items(parsed.not_imported)
        self.tabs.setTabText(4, f"未导入的内容（{len(parsed.not_imported)}处）")
        self.year.setValue(parsed.year or dt.date.today().year)
        self.year_hint.setVisible(parsed.year is None)
        self.title_edit.setText(parsed.title or default_title(parsed, self.year.value()))
        if self.append_to is not None:
            self.as_append.setChecked(True)
        elif self.into_plan is not None and parsed.title and parsed.title == self.ws.plans.get(self.into_plan).title:
            self.as_update.setChecked(True)
        self._target_changed()
        self._refresh_units(rebuild=True)
        self.tabs.setCurrentIndex(0)
        self.pages.setCurrentIndex(1)
        self._grow(1200, 760)

    def _roles_changed(self, key: str, roles: list[str] | None) -> None:
        """The clerk chose a column's role: remember it for this header and read the document again at once."""
        remember(self.settings, key, roles)
        if self._load():
            self.tabs.setCurrentIndex(3)

    def _grow(self, width: int, height: int) -> None:
        """Make room for the preview, within the screen."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(max(self.width(), width), max(self.height(), height))

    def _show_warning(self, item) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        near = [n for n, t in enumerate(self.parsed.tasks) if t.line is not None and line is not None and t.line >= line]
        if near:
            index = self.model.task_index(near[0])
            self.tabs.setCurrentIndex(0)
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _refresh_units(self, rebuild: bool = False) -> None:
        from gongkai_desk.core.imports.store import match_parsed_units

        self.matches = match_parsed_units(self.ws, self.parsed)
        uses: Counter = Counter()
        for t in self.parsed.tasks:
            for name in dict.fromkeys((*t.lead_units, *t.responsible_units)):
                uses[name] += 1
        if rebuild or set(self.units.names()) != {r for r, m in self.matches.items() if not m.known}:
            self.units.set_matches(self.matches, self.ws.units.all(), uses)
        self._units_changed()

    def _units_changed(self) -> None:
        unknown = [r for r, m in self.matches.items() if not m.known]
        aliased = self.units.choices()
        # A new name very close to a known unit is probably another spelling of it: worth a look.
        self.model.set_unknown_units({r: tuple(n for _, n in self.matches[r].suggestions)
                                      for r in unknown if r not in aliased and self.matches[r].likely})
        new = len([r for r in unknown if r not in aliased])
        self.tabs.setTabText(1, f"单位（{new}个将新增）" if new else "单位")
        self._update_summary()

    def _task_edited(self, _n: int, column: int) -> None:
        if column in (COL_LEAD, COL_RESP):
            self._refresh_units()
        else:
            self._update_summary()

    def summary_text(self) -> str:
        """识别任务50项，其中3项需要确认；… (the line above the preview)."""
        n, flagged = len(self.parsed.tasks), self.model.flagged_count()
        parts = [f"识别任务{n}项，其中{flagged}项需要确认" if flagged else f"识别任务{n}项，没有需要确认的"]
        unknown = [r for r, m in self.matches.items() if not m.known and r not in self.units.choices()]
        if self.matches:
            parts.append(f"涉及单位{len(self.matches)}个" + (f"，其中{len(unknown)}个将新增到单位名录" if unknown else ""))
        if self.parsed.kind == "review":
            counts = Counter(t.status for t in self.parsed.tasks if t.status)
            if counts:
                parts.append("落实情况：" + "、".join(f"{s}{c}项" for s, c in counts.most_common()))
        return "；".join(parts)

    def _update_summary(self) -> None:
        self.summary.setText(self.summary_text())
        self.confirm_all_button.setEnabled(bool(self.model.flagged_tasks()))

    # ---- saving --------------------------------------------------------------------------

    def do_import(self) -> None:
        """Store the preview as a new plan, or show the diff and update the current plan."""
        if self.parsed is None:
            return
        self.tree.setFocus()  # closes an open cell editor, committing what was typed
        choices = self.units.choices()
        if self.as_update.isChecked() and self.into_plan is not None:
            self._update(choices)
            return
        if self.as_append.isChecked() and self.append_to is not None:
            self._append(choices)
            return
        from gongkai_desk.core.imports.store import store_plan

        year, title, n = self.year.value(), self.title_edit.text(), len(self.parsed.tasks)
        changes = run_op(self, self.bus, lambda: store_plan(self.ws, self.parsed, year=year, title=title,
                                                              unit_choices=choices), done=f"已导入{n}项任务")
        if changes is not None:
            self.plan_id = changes.id
            self.accept()

    def _append(self, choices: dict) -> None:
        from gongkai_desk.core.imports.append import append_tasks

        n, plan_id, section_id = len(self.parsed.tasks), self.into_plan, self.append_to[0]
        changes = run_op(self, self.bus, lambda: append_tasks(self.ws, plan_id, self.parsed, section_id=section_id,
                                                                unit_choices=choices), done=f"已添加{n}项任务（可撤销）")
        if changes is not None:
            self.plan_id = plan_id
            self.accept()

    def _update(self, choices: dict) -> None:
        from gongkai_desk.core.imports.apply import apply_update
        from gongkai_desk.core.imports.diff import diff_update

        try:
            diff = diff_update(self.ws, self.into_plan, self.parsed, unit_choices=choices)
        except GongkaiError as e:
            show_error(self, str(e))
            return
        if diff.is_empty():
            QMessageBox.information(self, "无需更新", diff.summary())
            return
        dialog = DiffDialog(self, diff, self.ws.plans.get(self.into_plan).title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        done = f"已更新计划：{diff.summary()}"
        if run_op(self, self.bus, lambda: apply_update(self.ws, self.into_plan, diff), done=done) is not None:
            self.plan_id = self.into_plan
            self.accept()
