"""The 年度报告 view: the three tables, live rule checking, narrative texts, import and export."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSpinBox,
    QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from gongkai_desk.core.exporters.annual import export_annual_report
from gongkai_desk.ui.publication import report_prepare
from gongkai_desk.core.reports import annual as annual_export
from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.rules import RuleFailure, fill_totals
from gongkai_desk.core.annual.stats import Stats, parse_value
from gongkai_desk.core.changes import Changes
from gongkai_desk.ui.exported import offer_open
from gongkai_desk.ui.ops import run_op
from gongkai_desk.ui.annual import file_actions
from gongkai_desk.ui.annual.narrative_panel import NarrativePanel
from gongkai_desk.ui.annual.stats_table import StatsTableModel, StatsTableView

TABLES = ("table2", "table3", "table4")
TAB_TITLES = {"table2": "表二 主动公开", "table3": "表三 依申请公开", "table4": "表四 复议诉讼"}
CELLS_ROLE = Qt.ItemDataRole.UserRole + 2
FINDING_ROLE = Qt.ItemDataRole.UserRole + 3
ERROR_FG, WARNING_FG = QColor("#a31515"), QColor("#8a5a00")


def default_year(today: _dt.date | None = None) -> int:
    """The report year a clerk most likely means: last year until mid-year, then this year."""
    today = today or _dt.date.today()
    return today.year - 1 if today.month <= 6 else today.year


class AnnualReportView(QWidget):
    """Enter, check and export one year's 政府信息公开工作年度报告."""

    def __init__(self, ws, bus, parent: QWidget | None = None, *, year: int | None = None) -> None:
        super().__init__(parent)
        self.ws, self.bus = ws, bus
        self.year = year or default_year()
        self.cells: dict[str, str | None] = {k: None for k in fmt.ALL_KEYS}
        self.auto_filled: set[str] = set()  # totals the filler wrote: not "typed by the clerk"
        self.failures: list[RuleFailure] = []
        self.folder = str(Path.home())
        self._build()
        self.bus.changed.connect(self._on_changed)
        self.load_year(self.year)

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("报告年度："))
        self.year_box = QSpinBox()
        self.year_box.setRange(2019, 2100)
        self.year_box.setValue(self.year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(self.load_year)
        top.addWidget(self.year_box)
        top.addStretch(1)
        self.fill_button = self._button(top, "按分项计算合计", self.fill_totals,
                                        "用各分项之和填写表三、表四的“总计”和“（七）总计”")
        self.template_button = self._button(top, "导出统计表", self.export_template,
                                            "导出供下级单位填写的统计表（Excel）")
        self.import_button = self._button(top, "导入统计表", self.import_stats,
                                          "导入一个或多个填好的统计表（多个则逐格相加）")
        self.export_button = self._button(top, "导出年度报告", self.export_report,
                                          "导出可以公开发布的年度报告（Word 或 Excel）；还有问题时不能导出")
        self.draft_button = self._button(top, "导出草稿", lambda: self.export_report(draft=True),
                                         "即使还有问题也导出，每页和文件名都标明“草稿”，供领导审阅")
        self.tabs = QTabWidget()
        self.models: dict[str, StatsTableModel] = {}
        self.views: dict[str, StatsTableView] = {}
        for table in TABLES:
            model = StatsTableModel(table, self.cells, self)
            view = StatsTableView(model)
            model.cell_edited.connect(self._store_cell)
            model.rejected.connect(self._show_rejected)
            view.delegate.text_edited.connect(self._preview)
            self.models[table], self.views[table] = model, view
            self.tabs.addTab(view, TAB_TITLES[table])
        self.narrative = NarrativePanel()
        self.narrative.text_committed.connect(self._store_text)
        self.narrative.meta_committed.connect(self._store_meta)
        self.narrative.draft_requested.connect(self.draft_section)
        self.narrative.text_edited.connect(lambda: self.recheck())
        self.tabs.addTab(self.narrative, "报告正文")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        title = QLabel("检查结果")
        f = title.font()
        f.setBold(True)
        title.setFont(f)
        side_layout.addWidget(title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        side_layout.addWidget(self.summary)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setSpacing(3)
        self.problems.itemClicked.connect(self.select_problem)
        self.problems.itemActivated.connect(self.select_problem)
        side_layout.addWidget(self.problems)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #a31515;")
        side_layout.addWidget(self.hint)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _button(self, layout: QHBoxLayout, text: str, slot, tip: str) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        layout.addWidget(b)
        return b

    # ---------------------------------------------------------------- loading
    def commit_pending(self) -> None:
        """Store what is being typed (a cell editor, 发布机关/成文日期, narrative text) before an
        action such as a toolbar 撤销 runs: toolbar buttons take no focus, so nothing else would."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()  # closes a cell editor (committing it) and finishes a line edit
        self.narrative.flush()

    def load_year(self, year: int) -> None:
        """Show ``year``'s statistics and texts (pending text edits are stored first)."""
        if year != self.year:
            self.narrative.flush()
            self.auto_filled.clear()
        self.year = year
        if self.year_box.value() != year:
            self.year_box.setValue(year)
        self.reload(new_year=True)

    def reload(self, *, new_year: bool = False) -> None:
        stored = annual_export.load_stats(self.ws, self.year).cells()
        self.cells.clear()
        self.cells.update(stored)
        for model in self.models.values():
            model.refresh()
        self.narrative.set_office_name(self.ws.settings.office().name.strip())
        self.narrative.load(self.ws.annual.texts(self.year), self.ws.annual.meta(self.year),
                            force=new_year)
        self.recheck()

    def _on_changed(self, changes: Changes, _initiator: object = None) -> None:
        if changes.stats or changes.report or changes.settings:
            self.reload()

    def stats(self) -> Stats:
        return Stats(self.year, self.cells)

    # ---------------------------------------------------------------- checking
    def recheck(self, preview: dict[str, str | None] | None = None) -> list[RuleFailure]:
        """Run every check on what the window shows (plus a value being typed) and list them."""
        stats = Stats(self.year, {**self.cells, **(preview or {})})
        texts = self.narrative.texts()
        self.failures = annual_export.report_failures(
            self.ws, self.year, stats=stats, texts=texts, issuer=self.narrative.issuer_text(),
            date=self.narrative.report_date.text().strip() or None)
        self._show_failures(self.failures)
        by_section: dict[str, list[str]] = {}
        for f in self.failures:
            if f.sentence is not None and not f.is_error:
                by_section.setdefault(f.sentence.section, []).append(f.message)
        self.narrative.set_warnings(by_section)
        return self.failures

    def _show_failures(self, failures: list[RuleFailure]) -> None:
        self.problems.clear()
        marks: dict[str, str] = {}
        for i, f in enumerate(failures):
            kind = "错误" if f.is_error else "提示"
            item = QListWidgetItem(f"【{kind}】{f.message}")
            item.setData(CELLS_ROLE, list(f.cells))
            item.setData(FINDING_ROLE, i)
            item.setToolTip(f"规则 {f.rule_id}：{f.message}")
            item.setForeground(QBrush(ERROR_FG if f.is_error else WARNING_FG))
            self.problems.addItem(item)
            if f.rule_id == "BLANK-CELL" or f.sentence is not None:
                continue  # blank cells already show 未填; text findings belong to the text
            for key in f.cells:
                if marks.get(key) != "error":
                    marks[key] = f.severity
        for model in self.models.values():
            model.set_marks(marks)
        n_err = sum(f.is_error for f in failures)
        n_warn = len(failures) - n_err
        if all(v is None for v in self.cells.values()):
            self.summary.setText(f"{self.year}年的统计数据还没有填写：可以直接在表中填写，"
                                 "也可以点击“导入统计表”导入下级单位填好的统计表。")
        elif not failures:
            self.summary.setText("全部检查通过，可以导出年度报告。")
        elif not n_err:
            self.summary.setText(f"没有错误，可以导出年度报告；另有{n_warn}项提示，请核对。"
                                 "点击一项可转到相关单元格或语句。")
        else:
            self.summary.setText(f"{n_err}个问题（改正后才能导出，可先导出草稿），{n_warn}项提示。"
                                 "点击一项可转到相关单元格或语句。")

    def select_problem(self, item: QListWidgetItem) -> None:
        """Go to what a finding names: its cells, its sentence or the field."""
        index = item.data(FINDING_ROLE)
        finding = self.failures[index] if index is not None and index < len(self.failures) else None
        if finding is not None and finding.sentence is not None:
            self.tabs.setCurrentWidget(self.narrative)
            s = finding.sentence
            self.narrative.show_sentence(s.section, s.start, s.end)
            return
        if finding is not None and finding.target:
            self.tabs.setCurrentWidget(self.narrative)
            self.narrative.focus_field(finding.target)
            return
        cells = item.data(CELLS_ROLE) or []
        for table in TABLES:
            self.views[table].select_keys(cells)
        first = next((c.split(".")[0] for c in cells), None)
        if first in self.views:
            self.tabs.setCurrentWidget(self.views[first])
            self.views[first].setFocus()

    def _preview(self, key: str, text: str) -> None:
        try:
            value = parse_value(key, text)
        except ValueError:
            return
        self.hint.clear()
        self.recheck({key: value})

    def _show_rejected(self, message: str) -> None:
        self.hint.setText(message)

    # ---------------------------------------------------------------- storing
    def _store_cell(self, key: str, value: str | None) -> None:
        self.hint.clear()
        self.auto_filled.discard(key)
        run_op(self, self.bus, lambda: self.ws.annual.set_stats_cells(
            self.year, {key: value}, label=f"修改{self.year}年{fmt.cell_label(key)}"))

    def _store_text(self, no: str, text: str) -> None:
        if self.ws.annual.texts(self.year).get(no, "") == text:
            return
        run_op(self, self.bus, lambda: self.ws.annual.set_text(self.year, no, text))

    def _store_meta(self, field: str, value: str) -> None:
        if field == "report_date":
            value = annual_export.iso_date(value) or value  # 2025年1月20日 is stored as 2025-01-20
        if (self.ws.annual.meta(self.year).get(field) or "") == value:
            return
        run_op(self, self.bus, lambda: self.ws.annual.set_meta(self.year, **{field: value or None}))

    # ---------------------------------------------------------------- actions
    def fill_totals(self) -> None:
        """Propose the 总计 cells from their parts; ask before overwriting typed numbers."""
        typed = {k for k, v in self.cells.items() if v is not None} - self.auto_filled
        proposals = fill_totals(self.stats(), typed)
        if not proposals:
            QMessageBox.information(self, "按分项计算合计",
                                    "没有可以计算的合计：合计已与分项一致，或分项还没有填全。")
            return
        overwrite = [p for p in proposals if p.typed]
        if overwrite:
            box = QMessageBox(QMessageBox.Icon.Question, "按分项计算合计",
                              f"有{len(overwrite)}个合计单元格已填写了与分项之和不同的数字。", parent=self)
            box.setInformativeText("\n".join(
                f"{fmt.cell_label(p.key)}：{p.old} → {p.new}" for p in overwrite[:10]))
            all_b = box.addButton("全部覆盖", QMessageBox.ButtonRole.AcceptRole)
            blank_b = box.addButton("只填写空白的合计", QMessageBox.ButtonRole.ActionRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is blank_b:
                proposals = [p for p in proposals if not p.typed]
            elif box.clickedButton() is not all_b:
                return
        if not proposals:
            return
        values = {p.key: p.new for p in proposals}
        if run_op(self, self.bus, lambda: self.ws.annual.set_stats_cells(
                self.year, values, label=f"按分项计算合计（{len(values)}个单元格）")) is not None:
            self.auto_filled |= set(values)
            self.bus.message.emit(f"已按分项计算{len(values)}个合计")

    def draft_section(self, no: str) -> None:
        """Replace a narrative section with a fresh draft (asking first if it has text)."""
        editor = self.narrative.editors[no]
        if editor.toPlainText().strip():
            answer = QMessageBox.question(
                self, "生成草稿", f"“{fmt.section(no).label}”已有内容，用草稿替换吗？（可撤销）",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        drafts = annual_export.draft_texts(self.ws, self.year, self.stats())
        self.narrative.set_text(no, drafts[no])

    def export_template(self) -> None:
        from gongkai_desk.ui.annual.template_dialog import export_templates

        units = [u.name for u in self.ws.units.all() if not u.is_group]
        paths = export_templates(self, self.year, self.folder, units, self.ws.settings.office().name)
        if paths:
            self.folder = str(paths[0].parent)
            self.bus.message.emit(f"已导出统计表：{paths[0].name}" if len(paths) == 1
                                  else f"已为{len(paths)}个单位各导出一份统计表")
            offer_open(self, paths[0] if len(paths) == 1 else paths[0].parent)

    def import_stats(self) -> None:
        units = [u.name for u in self.ws.units.all() if not u.is_group]

        def canonical(name: str) -> str:
            found = self.ws.units.find(name)
            return found.name if found else name

        stats = file_actions.pick_import(self, self.year, self.folder, self.stats(),
                                         expected=units, canonical=canonical)
        if stats is None:
            return
        changed = {k: new for k, _, new in self.stats().diff(stats)}
        if run_op(self, self.bus, lambda: self.ws.annual.set_stats_cells(
                self.year, changed, label=f"导入{self.year}年统计表")) is not None:
            self.auto_filled.clear()
            self.bus.message.emit("已导入统计表")

    def export_report(self, draft: bool = False) -> None:
        self.commit_pending()
        failures = self.recheck()
        path = file_actions.export_report(
            self, self.year, self.folder, failures,
            lambda p: export_annual_report(self.ws, self.year, p, draft=draft, prepare=report_prepare(self)),
            draft=draft)
        if path:
            self.folder = str(path.parent)
            self.bus.message.emit(f"已导出年度报告{'草稿' if draft else ''}：{path.name}")
            offer_open(self, path)
