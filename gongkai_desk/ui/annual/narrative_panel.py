"""The report's texts (the opening, 一 … 六) and its issuer/date, edited as plain text.

一、五、六 are required prose; the opening and the notes above tables 二、三、四 are optional.
Everything the export prints is here: the office used when 发布机关 is left empty (设置's office)
is shown beside the field.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QTextEdit, QVBoxLayout,
    QWidget,
)

from gongkai_desk.core.annual import format as fmt

SAVE_DELAY_MS = 800  # store after a pause in typing, so each keystroke is not a history entry
DRAFTABLE = (fmt.OPENING,) + fmt.TEXT_SECTIONS
TITLES = {fmt.OPENING: "引言（可不填：编制依据、统计期限、查阅途径、联系方式）",
          **{s.no: s.label + ("" if s.kind == "text" else "（表格，正文可不填）") for s in fmt.SECTIONS}}


class NarrativePanel(QWidget):
    """Editors for the text sections; emits what to store, never touches the workspace."""

    text_committed = Signal(str, str)  # section no, text
    meta_committed = Signal(str, str)  # field, value
    draft_requested = Signal(str)  # section no
    text_edited = Signal()  # any keystroke (for live checking)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.editors: dict[str, QTextEdit] = {}
        self.warnings: dict[str, QLabel] = {}
        self.draft_buttons: dict[str, QPushButton] = {}
        self._timers: dict[str, QTimer] = {}
        self._loading = False
        inner = QWidget()
        layout = QVBoxLayout(inner)
        form = QFormLayout()
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("如：某某区人民政府办公室（用于标题和落款）")
        self.issuer_note = QLabel()
        self.issuer_note.setWordWrap(True)
        self.issuer_note.setStyleSheet("color: #5a6270;")
        self.report_date = QLineEdit()
        self.report_date.setPlaceholderText("必填，如 2025-01-20（年度结束之后）")
        form.addRow("发布机关：", self.issuer)
        form.addRow("", self.issuer_note)
        form.addRow("成文日期：", self.report_date)
        layout.addLayout(form)
        self.office_name = ""
        self.issuer.editingFinished.connect(lambda: self._meta("issuer", self.issuer.text()))
        self.report_date.editingFinished.connect(
            lambda: self._meta("report_date", self.report_date.text()))
        self.issuer.textChanged.connect(lambda _t: self._show_issuer_note())
        self.headers: dict[str, QLabel] = {}
        for no in fmt.TEXT_KEYS:
            layout.addLayout(self._section_header(no))
            editor = QTextEdit()
            editor.setAcceptRichText(False)
            if no in fmt.TEXT_SECTIONS:
                editor.setMinimumHeight(200)
                editor.setPlaceholderText("尚未填写（必填）。点击“生成草稿”根据统计数据和本年度计划落实情况起草。")
            elif no == fmt.OPENING:
                editor.setMinimumHeight(90)
                editor.setPlaceholderText("可不填。点击“生成草稿”根据“设置”中的本机关信息起草。")
            else:
                editor.setFixedHeight(60)
                editor.setPlaceholderText("可不填：写在表格上方的说明文字。")
            editor.textChanged.connect(lambda n=no: self._edited(n))
            self.editors[no] = editor
            layout.addWidget(editor)
            warn = QLabel()
            warn.setWordWrap(True)
            warn.setStyleSheet("color: #8a5a00;")
            warn.hide()
            self.warnings[no] = warn
            layout.addWidget(warn)
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.setInterval(SAVE_DELAY_MS)
            timer.timeout.connect(lambda n=no: self.flush(n))
            self._timers[no] = timer
        layout.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _section_header(self, no: str) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(TITLES[no])
        f = title.font()
        f.setBold(True)
        title.setFont(f)
        self.headers[no] = title
        row.addWidget(title)
        row.addStretch(1)
        if no not in DRAFTABLE:
            return row
        button = QPushButton("生成草稿")
        button.setToolTip("根据统计表和本年度计划落实情况重新起草本部分（会先询问是否覆盖）")
        button.clicked.connect(lambda _=False, n=no: self.draft_requested.emit(n))
        self.draft_buttons[no] = button
        row.addWidget(button)
        return row

    # ---------------------------------------------------------------- state
    def load(self, texts: dict[str, str], meta: dict, *, force: bool = False) -> None:
        """Show stored texts and metadata without emitting saves.

        ``force`` (a new year) drops pending edits; otherwise sections still being typed in
        keep their text.
        """
        if force:
            for timer in self._timers.values():
                timer.stop()
        self._loading = True
        try:
            for no, editor in self.editors.items():
                if self._timers[no].isActive():
                    continue  # unsaved typing: a reload caused by another edit must not erase it
                if editor.toPlainText() != texts.get(no, ""):
                    editor.setPlainText(texts.get(no, ""))
            for field, value in ((self.issuer, meta.get("issuer")),
                                 (self.report_date, meta.get("report_date"))):
                if not field.hasFocus():
                    field.setText(value or "")
        finally:
            self._loading = False
        self._show_issuer_note()

    def set_office_name(self, name: str) -> None:
        """The office named in 设置: used when 发布机关 is left empty."""
        self.office_name = name
        self._show_issuer_note()

    def issuer_text(self) -> str:
        """The office the report will carry: what is typed, else 设置's office."""
        return self.issuer.text().strip() or self.office_name

    def _show_issuer_note(self) -> None:
        if self.issuer.text().strip():
            self.issuer_note.setText("")
            self.issuer_note.hide()
            return
        self.issuer_note.setText(
            f"未填写时使用“设置”中的本机关名称：{self.office_name}" if self.office_name
            else "必填：此处未填写，“设置”中也没有本机关名称。")
        self.issuer_note.show()

    def show_sentence(self, no: str, start: int, end: int) -> None:
        """Scroll to section ``no`` and select characters ``start``–``end`` of its text."""
        editor = self.editors.get(no)
        if editor is None:
            return
        length = len(editor.toPlainText())
        cursor = editor.textCursor()
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(max(end, start), length), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        self.scroll.ensureWidgetVisible(self.headers[no], 10, 10)
        self.scroll.ensureWidgetVisible(editor, 10, 40)
        editor.ensureCursorVisible()
        editor.setFocus()

    def focus_field(self, target: str) -> None:
        field = self.issuer if target == "issuer" else self.report_date
        self.scroll.ensureWidgetVisible(field)
        field.setFocus()
        field.selectAll()

    def texts(self) -> dict[str, str]:
        return {no: e.toPlainText() for no, e in self.editors.items()}

    def set_text(self, no: str, text: str) -> None:
        """Replace a section's text (a draft) and store it."""
        self.editors[no].setPlainText(text)
        self.flush(no)

    def set_warnings(self, by_section: dict[str, list[str]]) -> None:
        for no, label in self.warnings.items():
            lines = by_section.get(no, [])
            label.setText("\n".join(f"⚠ {ln}" for ln in lines))
            label.setVisible(bool(lines))

    def flush(self, no: str | None = None) -> None:
        """Store pending edits now (of one section, or all)."""
        for n in ([no] if no else list(self.editors)):
            timer = self._timers[n]
            if timer.isActive() or no is not None:
                timer.stop()
                self.text_committed.emit(n, self.editors[n].toPlainText())

    def _edited(self, no: str) -> None:
        if self._loading:
            return
        self._timers[no].start()
        self.text_edited.emit()

    def _meta(self, field: str, value: str) -> None:
        if not self._loading:
            self.meta_committed.emit(field, value.strip())
