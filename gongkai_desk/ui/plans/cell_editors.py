"""Editing in the task table's cells: a drop-down for the status, a line for the number and the
deadline, a taller box for the task text (F2 or double-click; Enter keeps, Esc cancels)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QStyledItemDelegate

from gongkai_desk.core.model import STATUS_ORDER
from gongkai_desk.ui.plans.task_table import COL_STATUS, COL_TEXT


def _open_popup(combo: QComboBox) -> None:
    try:
        if combo.isVisible():
            combo.showPopup()
    except RuntimeError:  # the editor was closed meanwhile
        pass


class TaskTextEditor(QPlainTextEdit):
    """The task text in a cell: wraps, Enter keeps it (Shift+Enter starts a new line)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.Box)


class TaskCellDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        if index.column() == COL_STATUS:
            combo = QComboBox(parent)
            combo.addItems([s.value for s in STATUS_ORDER])
            combo.setToolTip("为这项任务的全部单位设置完成状态")
            combo.activated.connect(lambda _i, combo=combo: self._chosen(combo))
            return combo
        if index.column() == COL_TEXT:
            return TaskTextEditor(parent)
        return super().createEditor(parent, option, index)

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor, index) -> None:  # noqa: N802 - Qt override
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentText(value or "")
            QTimer.singleShot(0, lambda: _open_popup(editor))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText().strip())
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(self, editor, option, index) -> None:  # noqa: N802 - Qt override
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):  # room for the whole text, not just the row's two lines
            rect = rect.adjusted(0, 0, 0, 0)
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 6 + 12))
            viewport = editor.parentWidget()
            if viewport is not None and rect.bottom() > viewport.height():
                rect.moveBottom(viewport.height() - 1)
        editor.setGeometry(rect)

    def eventFilter(self, editor, event) -> bool:  # noqa: N802 - Qt override
        if (isinstance(editor, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(editor, event)
