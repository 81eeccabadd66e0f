"""文件 → 收集反馈表: the review screen. Files come in by 添加文件 / 添加文件夹 or drag and drop and
are read in the background; each file lists every change old → new (tick what to take) and its
problems; 接受勾选的修改 takes them as one undoable step. The 发放情况 tab shows who has answered.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.core.exchange.feedback_read import OLD_SUFFIXES, SUFFIXES, expand, read_files
from gongkai_desk.ui.exchange.round_status import RoundStatusView
from gongkai_desk.ui.ops import Bus, run_in_background, run_op

DIR_KEY = "collect/feedback_dir"
PATH_ROLE = Qt.ItemDataRole.UserRole
RED, AMBER, GREY = "#FFC7CE", "#FFEB9C", "#E7E6E6"


def file_result(r) -> tuple[str, str | None]:
    """What the file list says about a reviewed file, and its colour."""
    if r.refused is not None:
        return "未收集", RED
    if not r.default_accept:
        return "默认不收集", GREY
    text = f"{len(r.changes)}处修改" if r.changes else "无修改"
    return (text + "，有问题", AMBER) if r.has_problems else (text, None)


class CollectDialog(QDialog):
    def __init__(self, parent: QWidget | None, ws, bus: Bus, plan_id: int, settings) -> None:
        super().__init__(parent)
        self.ws, self.bus, self.plan_id, self.settings = ws, bus, plan_id, settings
        self.files: list = []  # as read (ReturnedWorkbook / UnreadableFile), kept to review again
        self.reviews: list = []
        self.file_on: dict[str, bool] = {}
        self.change_on: dict[str, set[tuple[int, str]]] = {}  # path → (task id, field) of ticked changes
        self.notes_off: set[str] = set()
        self._filling = False
        self.setWindowTitle(f"收集反馈表 — {ws.plans.get(plan_id).title}")
        self.setAcceptDrops(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._collect_tab(), "收集")
        self.status_view = RoundStatusView()
        self.tabs.addTab(self.status_view, "发放情况")
        self.summary = QLabel()
        self.accept_button = QPushButton("接受勾选的修改")
        self.accept_button.setDefault(True)
        self.accept_button.clicked.connect(self.accept_checked)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.accept_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        bus.changed.connect(self._on_changed)
        self.refresh()

    # ---- layout --------------------------------------------------------------------------

    def _collect_tab(self) -> QWidget:
        tab = QWidget()
        hint = QLabel("把各单位交回的反馈表（.xlsx，可多个、可整个文件夹）拖到这里，或")
        add_files, add_folder, clear = QPushButton("添加文件…"), QPushButton("添加文件夹…"), QPushButton("清空")
        add_files.clicked.connect(self._pick_files)
        add_folder.clicked.connect(self._pick_folder)
        clear.clicked.connect(self.clear)
        top = QHBoxLayout()
        for w in (hint, add_files, add_folder, clear):
            top.addWidget(w)
        top.addStretch(1)

        self.file_list = QTreeWidget()
        self.file_list.setHeaderLabels(["单位", "结果", "文件"])
        self.file_list.setRootIsDecorated(False)
        self.file_list.setTextElideMode(Qt.TextElideMode.ElideLeft)  # file names differ at their end
        for col in (0, 1):
            self.file_list.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.file_list.currentItemChanged.connect(lambda *_: self._show_file())
        self.file_list.itemChanged.connect(self._file_checked)

        self.file_info = QLabel("请添加反馈表。")
        self.file_info.setWordWrap(True)
        self.file_info.setTextFormat(Qt.TextFormat.PlainText)
        self.changes = QTableWidget(0, 6)
        self.changes.setHorizontalHeaderLabels(["接受", "任务", "项目", "原值", "新值", "说明"])
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setWordWrap(True)
        self.changes.verticalHeader().hide()
        h = self.changes.horizontalHeader()
        for col in (0, 1, 2):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (3, 4):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        h.resizeSection(5, self.fontMetrics().horizontalAdvance("示") * 10)
        self.changes.itemChanged.connect(self._change_checked)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.keep_notes = QCheckBox("把单位自行增加的行作为备注保留（在“发放情况”中可见）")
        self.keep_notes.toggled.connect(self._notes_toggled)
        self.fixes_button = QPushButton("生成退回修改表…")
        self.fixes_button.setToolTip("把这份文件中有问题的单元格标红并加批注，另存一份发回单位修改")
        self.fixes_button.clicked.connect(self.write_fixes)
        problem_row = QHBoxLayout()
        problem_row.addWidget(self.keep_notes)
        problem_row.addStretch(1)
        problem_row.addWidget(self.fixes_button)

        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("问题（单位需要改正的标黄；“生成退回修改表”把它们标在文件中发回单位）"))
        ll.addWidget(self.problems, 1)
        ll.addLayout(problem_row)
        self.right_split = QSplitter(Qt.Orientation.Vertical)
        self.right_split.addWidget(self.changes)
        self.right_split.addWidget(lower)
        self.right_split.setSizes([420, 200])
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.file_info)
        rl.addWidget(self.right_split, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.file_list)
        self.split.addWidget(right)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([400, 880])
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.split, 1)
        return tab

    # ---- adding files --------------------------------------------------------------------

    def _folder(self) -> str:
        return str(self.settings.value(DIR_KEY, str(Path.home())))

    def _pick_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择交回的反馈表（可多选）", self._folder(),
                                                "反馈表 (*.xlsx *.xlsm *.xls *.et);;所有文件 (*)")
        if paths:
            self.add_paths(paths)

    def _pick_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择存放反馈表的文件夹", self._folder())
        if folder:
            self.add_paths([folder])

    def add_paths(self, paths: list[str]) -> None:
        """Read the files (folders: every workbook in them) in the background, then review them all."""
        known = {f.path for f in self.files}
        new = [p for p in expand(paths) if str(p) not in known]
        if not new:
            self.bus.message.emit("没有新的反馈表：文件已在列表中，或文件夹中没有 .xlsx 文件。")
            return
        self.settings.setValue(DIR_KEY, str(Path(paths[0]).parent if Path(paths[0]).is_file() else paths[0]))
        read = run_in_background(self, lambda: read_files(new), label=f"正在读取{len(new)}份反馈表…",
                                 error_title="无法读取反馈表")
        if read is not None:
            self.files.extend(read)
            self.refresh(reset_checks=True)

    def clear(self) -> None:
        self.files.clear()
        self.refresh(reset_checks=True)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._dropped(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = self._dropped(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    @staticmethod
    def _dropped(mime) -> list[str]:
        urls = mime.urls() if mime.hasUrls() else []
        paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
        return [p for p in paths if Path(p).is_dir() or p.lower().endswith((*SUFFIXES, *OLD_SUFFIXES))]

    # ---- showing -------------------------------------------------------------------------

    def refresh(self, *, reset_checks: bool = False) -> None:
        """Review the files against the database as it is now; show the list and the round status."""
        current = self._current_path()
        self.reviews = self.ws.feedback.review(self.files, self.plan_id) if self.files else []
        if reset_checks or set(self.file_on) != {r.path for r in self.reviews}:
            self.file_on = {r.path: r.default_accept for r in self.reviews}
            self.change_on = {r.path: {_key(c) for c in r.changes} for r in self.reviews}
            self.notes_off = set()
        self._filling = True
        self.file_list.clear()
        for r in self.reviews:
            result, colour = file_result(r)
            item = QTreeWidgetItem([r.unit_name or "（无法识别）", result, r.name])
            item.setData(0, PATH_ROLE, r.path)
            item.setToolTip(2, r.path)
            item.setToolTip(1, r.refused or result)
            if r.refused is None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if self.file_on[r.path] else Qt.CheckState.Unchecked)
            if colour:
                item.setBackground(1, QBrush(QColor(colour)))
            self.file_list.addTopLevelItem(item)
            if r.path == current:
                self.file_list.setCurrentItem(item)
        self._filling = False
        if self.file_list.currentItem() is None and self.file_list.topLevelItemCount():
            self.file_list.setCurrentItem(self.file_list.topLevelItem(0))
        self._show_file()
        self.status_view.set_statuses(self.ws.feedback.status(self.plan_id, self.reviews))
        self._update_summary()

    def _current_path(self) -> str | None:
        item = self.file_list.currentItem()
        return item.data(0, PATH_ROLE) if item else None

    def current_review(self):
        path = self._current_path()
        return next((r for r in self.reviews if r.path == path), None)

    def _show_file(self) -> None:
        r = self.current_review()
        self._filling = True
        self.changes.setRowCount(0)
        self.problems.clear()
        self.keep_notes.setVisible(bool(r and r.added))
        self.fixes_button.setEnabled(bool(r and r.refused is None and r.has_problems))
        if r is None:
            self.file_info.setText("请添加反馈表：点“添加文件…”“添加文件夹…”，或把文件拖到这里。")
            self._filling = False
            return
        if r.refused is not None:
            self.file_info.setText(f"{r.name}：不能收集。")
            self._add_problem(r.refused, RED)
            self._filling = False
            return
        signers = "，".join(f"{label} {r.signers[k]}" for k, label in (("filled_by", "填报人"), ("phone", "电话"),
                                                                       ("reviewer", "审核人")) if r.signers.get(k))
        self.file_info.setText(f"{r.unit_name} · 第{r.round_number}轮 · {signers or '未填写填报人'}"
                               f" · {len(r.changes)}处修改" + ("" if r.changes else "（与已采纳的内容相同）"))
        self._fill_changes(r)
        for p in r.problems:
            self._add_problem(p.message, AMBER if p.for_unit else None)
        self.keep_notes.setChecked(r.path not in self.notes_off)
        self._filling = False

    def _fill_changes(self, r) -> None:
        self.changes.setRowCount(len(r.changes))
        on = self.change_on.get(r.path, set())
        for row, c in enumerate(r.changes):
            box = QTableWidgetItem()
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            box.setCheckState(Qt.CheckState.Checked if _key(c) in on else Qt.CheckState.Unchecked)
            self.changes.setItem(row, 0, box)
            for col, text in enumerate((c.number, c.field_name, c.old or "（空）", c.new or "（空）", c.note or ""), 1):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 5 and c.conflict:
                    item.setBackground(QBrush(QColor(AMBER)))
                self.changes.setItem(row, col, item)
        self.changes.resizeRowsToContents()

    def _add_problem(self, text: str, colour: str | None) -> None:
        item = QListWidgetItem(text)
        if colour:
            item.setBackground(QBrush(QColor(colour)))
        self.problems.addItem(item)

    def _update_summary(self) -> None:
        ok = [r for r in self.reviews if r.refused is None]
        files = [r for r in ok if self.file_on.get(r.path)]
        count = sum(len(self._chosen(r)) for r in files)
        self.summary.setText(f"共{len(self.reviews)}份文件，可收集{len(ok)}份；已勾选{len(files)}份文件的{count}处修改。"
                             if self.reviews else "")
        self.accept_button.setEnabled(bool(files))

    # ---- choosing ------------------------------------------------------------------------

    def _file_checked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0:
            return
        path, on = item.data(0, PATH_ROLE), item.checkState(0) == Qt.CheckState.Checked
        self.file_on[path] = on
        if on:  # one file per unit: picking a file leaves out the unit's others
            r = next(x for x in self.reviews if x.path == path)
            for other in self.reviews:
                if other.path != path and other.refused is None and \
                        (other.plan_id, other.unit_id) == (r.plan_id, r.unit_id) and self.file_on.get(other.path):
                    self.file_on[other.path] = False
                    self._set_file_check(other.path, False)
        self._update_summary()

    def _set_file_check(self, path: str, on: bool) -> None:
        self._filling = True
        for i in range(self.file_list.topLevelItemCount()):
            item = self.file_list.topLevelItem(i)
            if item.data(0, PATH_ROLE) == path:
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._filling = False

    def _change_checked(self, item: QTableWidgetItem) -> None:
        r = self.current_review()
        if self._filling or item.column() != 0 or r is None:
            return
        chosen = self.change_on.setdefault(r.path, set())
        key = _key(r.changes[item.row()])
        (chosen.add if item.checkState() == Qt.CheckState.Checked else chosen.discard)(key)
        self._update_summary()

    def _notes_toggled(self, on: bool) -> None:
        r = self.current_review()
        if not self._filling and r is not None:
            (self.notes_off.discard if on else self.notes_off.add)(r.path)

    def _chosen(self, r) -> list[int]:
        """Indexes of the file's ticked changes."""
        on = self.change_on.get(r.path, set())
        return [i for i, c in enumerate(r.changes) if _key(c) in on]

    # ---- acting --------------------------------------------------------------------------

    def accept_checked(self) -> None:
        chosen = {r.path: self._chosen(r) for r in self.reviews if r.refused is None and self.file_on.get(r.path)}
        if not chosen:
            return
        keep = {p for p in chosen if p not in self.notes_off}
        count = sum(len(v) for v in chosen.values())
        done = run_op(self, self.bus, lambda: self.ws.feedback.accept(self.reviews, chosen, keep), initiator=self,
                      done=f"已接受{len(chosen)}份反馈表的{count}处修改（可撤销）", error_title="无法接受反馈表")
        if done is not None:
            self.refresh(reset_checks=True)
            self.tabs.setCurrentWidget(self.status_view)

    def write_fixes(self) -> None:
        from gongkai_desk.core.exchange.feedback_marks import fixes_name, write_fixes_workbook

        r = self.current_review()
        if r is None:
            return
        default = str(Path(r.path).with_name(fixes_name(r)))
        path, _ = QFileDialog.getSaveFileName(self, "保存退回修改表", default, "Excel 工作簿 (*.xlsx)")
        if path:
            written = run_op(self, self.bus, lambda: write_fixes_workbook(r, Path(path)),
                             error_title="无法生成退回修改表")
            if written is not None:
                self.bus.message.emit(f"已生成退回修改表：{written}")

    def _on_changed(self, changes, initiator) -> None:
        if initiator is not self and (changes.progress or changes.feedback or changes.units or changes.plans):
            self.refresh()


def _key(change) -> tuple[int, str]:
    return change.task_id, change.field


def collect_feedback(parent: QWidget, ws, bus: Bus, plan_id: int, settings, paths: list[str] | None = None) -> None:
    dialog = CollectDialog(parent, ws, bus, plan_id, settings)
    dialog.resize(1280, 720)
    if paths:
        dialog.add_paths(paths)
    dialog.exec()
