"""Parts of the import dialog: its first page (pick a file or paste text) and the diff view (what updating a
plan from a newer document would change)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from gongkai_desk.core.labels import numbered_title
from gongkai_desk.ui.imports.preview_model import WrapDelegate


class DiffDialog(QDialog):
    """Show what an update would change, before anything is overwritten."""

    def __init__(self, parent: QWidget | None, diff, plan_title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("确认更新计划")
        intro = QLabel(f"将按下面的改动更新计划「{plan_title}」：{diff.summary()}。\n"
                       "未改动的任务和单位的落实情况保持不变；更新后可以用“撤销”(Ctrl+Z)恢复。")
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["改动", "内容"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrapAll(self.tree, max_lines=12))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.setColumnWidth(0, self.fontMetrics().horizontalAdvance("国") * 6 + self.tree.indentation() * 3)
        self._fill(diff)
        self.tree.expandAll()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("应用更新")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 620)

    def _fill(self, diff) -> None:
        def group(title: str, count: int) -> QTreeWidgetItem | None:
            if not count:
                return None
            item = QTreeWidgetItem([f"{title}（{count}项）", ""])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
            return item

        def leaf(parent: QTreeWidgetItem, first: str, second: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem(parent, [first, second])
            item.setToolTip(1, second)
            return item

        g = group("修改章节标题", len(diff.sections))
        for s in diff.sections:
            leaf(g, "章节标题", f"原为：{numbered_title(s.level, s.old_number, s.old_title)}\n"
                               f"改为：{numbered_title(s.level, s.number, s.title)}")
        g = group("新增任务", len(diff.added))
        for a in diff.added:
            leaf(g, f"任务{a.task.number or ''}", a.task.text)
        g = group("删除任务（其落实情况一并删除）", len(diff.removed))
        for t in diff.removed:
            leaf(g, f"任务{t.number or ''}", t.text)
        g = group("修改任务", len(diff.changed))
        for c in diff.changed:
            task = leaf(g, f"任务{c.old.number or ''}", c.old.text)
            for f in c.fields:
                if f.field in ("text", "detail"):  # long texts: one line each, nothing hidden
                    leaf(task, f.label, f"原为：{f.old or '（空）'}\n改为：{f.new or '（空）'}")
                else:
                    leaf(task, f.label, f"{f.old or '（空）'}  →  {f.new or '（空）'}")


class _WrapAll(WrapDelegate):
    def wraps(self, index) -> bool:
        return index.column() == 1


class SourcePage(QWidget):
    """The dialog's first page: a file button, or text pasted from a web page."""

    def __init__(self, choose_file, parse_paste, parent=None) -> None:
        super().__init__(parent)
        intro = QLabel("选择一个计划文件（Word .docx、Excel .xlsx、网页 .html、文本 .txt），或者把从政府网站"
                       "复制的文字粘贴到下面的方框里。也可以直接把文件拖到主窗口上。\n"
                       "旧版 .doc / .xls 文件请先在 Word 或 WPS 中“另存为” .docx / .xlsx。")
        intro.setWordWrap(True)
        self.file_button = QPushButton("选择文件…")
        self.file_button.setMinimumHeight(self.file_button.sizeHint().height() * 2)
        self.file_button.setMinimumWidth(self.file_button.fontMetrics().horizontalAdvance("国") * 14)
        self.file_button.clicked.connect(choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_button)
        file_row.addStretch(1)
        self.paste = QPlainTextEdit()
        self.paste.setPlaceholderText("在这里按 Ctrl+V 粘贴从网站或文档中复制的计划文字，然后点击“识别粘贴的文字”。")
        self.paste_button = QPushButton("识别粘贴的文字")
        self.paste_button.clicked.connect(parse_paste)
        self.paste.textChanged.connect(lambda: self.paste_button.setEnabled(bool(self.paste.toPlainText().strip())))
        self.paste_button.setEnabled(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.paste_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addSpacing(8)
        layout.addWidget(QLabel("或者粘贴文字："))
        layout.addWidget(self.paste, 1)
        layout.addLayout(row)
