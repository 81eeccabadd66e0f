"""The units step of the import: each unit name the directory does not know, and what to do with it."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from gongkai_desk.core.model import Unit
from gongkai_desk.core.imports.matching import UnitMatch
from gongkai_desk.ui.imports.preview_model import FLAGGED_BACKGROUND

COL_NAME, COL_TASKS, COL_CHOICE, COL_NOTE = range(4)
_HOW = {"exact": "名称相同", "alias": "别名", "prefix": "去掉地名前缀后相同"}


class _NoWheelCombo(QComboBox):
    """A combo box that the mouse wheel does not change unless it has focus (clicked or tabbed to).

    The choices sit in a scrolling table: wheeling over the table must scroll it, never silently
    turn a unit into somebody else's alias.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # let the table scroll


class UnitChoicesWidget(QWidget):
    """A table of unknown unit names with a choice per name: 新增为单位 / 作为已有单位的别名."""

    choices_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["文件中的单位名称", "涉及任务", "处理方式", "说明"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TASKS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CHOICE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.matched = QLabel()
        self.matched.setWordWrap(True)
        self.matched.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.matched)
        self._combos: dict[str, QComboBox] = {}
        self._kept: dict[str, int | None] = {}  # choices survive a rebuild after preview edits

    def set_matches(self, matches: dict[str, UnitMatch], units: list[Unit], uses: Counter) -> None:
        """Show ``matches``; keep the choices already made for names still present."""
        self._kept.update(self.choices(include_new=True))
        unknown = [m for m in matches.values() if not m.known]
        known = [m for m in matches.values() if m.known]
        self._totals = (len(matches), len(known))
        self.table.setRowCount(len(unknown))
        self._combos = {}
        singles = sorted((u for u in units if not u.is_group), key=lambda u: u.name)
        groups = sorted((u for u in units if u.is_group), key=lambda u: u.name)
        for row, m in enumerate(unknown):
            self.table.setItem(row, COL_NAME, QTableWidgetItem(m.raw))
            count = QTableWidgetItem(f"{uses.get(m.raw, 0)}项")
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, COL_TASKS, count)
            combo = self._combo(m, singles, groups)
            self.table.setCellWidget(row, COL_CHOICE, combo)
            self._combos[m.raw] = combo
            note = QTableWidgetItem(self._note(m))
            note.setToolTip(note.text())
            self.table.setItem(row, COL_NOTE, note)
            if m.likely:  # probably another spelling of a known unit: worth a look
                for col in (COL_NAME, COL_TASKS, COL_NOTE):
                    self.table.item(row, col).setBackground(QBrush(FLAGGED_BACKGROUND))
        self.table.setColumnWidth(COL_CHOICE, max(320, self.fontMetrics().horizontalAdvance("国") * 22))
        if unknown:
            self.table.verticalHeader().setDefaultSectionSize(self._combos[unknown[0].raw].sizeHint().height() + 6)
        lines = [f"{m.raw} → {m.unit_name}（{_HOW.get(m.how, '')}）" for m in known if m.raw != m.unit_name]
        same = sum(1 for m in known if m.raw == m.unit_name)
        text = f"已在单位名录中的名称{same}个。" if same else ""
        if lines:
            text += "按别名或去掉地名前缀匹配的：" + "；".join(lines) + "。"
        self.matched.setText(text)
        self.matched.setVisible(bool(text))
        self._update_intro()

    def _update_intro(self) -> None:
        total, known = getattr(self, "_totals", (0, 0))
        aliased = len(self.choices())
        self.intro.setText(self._intro_text(total, known, len(self._combos), aliased))

    @staticmethod
    def _intro_text(total: int, known: int, unknown: int, aliased: int = 0) -> str:
        """The same counts as the tab's title ("单位（N个将新增）"): N = new names not made aliases."""
        if not unknown:
            return f"文件中的{total}个单位名称都已在单位名录中，无需处理。"
        choice = f"目前{unknown - aliased}个将新增到单位名录" + (f"，{aliased}个作为已有单位的别名" if aliased else "")
        return (f"文件中共有{total}个单位名称，其中{known}个已在单位名录中，{unknown}个是新名称（{choice}）。"
                "请为每个新名称选择：新增为单位，或作为已有单位的别名（以后导入时会自动识别）。")

    @staticmethod
    def _note(m: UnitMatch) -> str:
        kind = "单位组（一组单位，可在任务中再展开为成员单位）" if m.is_group else ""
        if m.suggestions:
            close = "、".join(name for _, name in m.suggestions[:3])
            return f"{kind + '；' if kind else ''}可能是：{close}"
        return kind or "单位名录中没有相近的单位"

    def _combo(self, m: UnitMatch, singles: list[Unit], groups: list[Unit]) -> QComboBox:
        combo = _NoWheelCombo()
        combo.addItem("新增为单位组" if m.is_group else "新增为单位", None)
        suggested = {uid for uid, _ in m.suggestions}
        for uid, name in m.suggestions:
            combo.addItem(f"作为「{name}」的别名", uid)
        others = [u for u in (groups if m.is_group else singles) + (singles if m.is_group else groups)
                  if u.id not in suggested]
        if others:
            combo.insertSeparator(combo.count())
            for u in others:
                combo.addItem(f"作为「{u.name}」的别名", u.id)
        kept = self._kept.get(m.raw)
        if kept is not None:
            i = combo.findData(kept)
            combo.setCurrentIndex(max(0, i))
        combo.setToolTip("选择“作为…的别名”后，这个名称会记入该单位的别名，下次导入自动识别。")
        combo.currentIndexChanged.connect(lambda _i: (self._update_intro(), self.choices_changed.emit()))
        return combo

    def choose(self, raw: str, unit_id: int | None) -> None:
        """Pick the choice for ``raw`` (None: new unit)."""
        combo = self._combos[raw]
        combo.setCurrentIndex(combo.findData(unit_id) if unit_id is not None else 0)

    def combo(self, raw: str) -> QComboBox:
        return self._combos[raw]

    def names(self) -> list[str]:
        return list(self._combos)

    def choices(self, include_new: bool = False) -> dict[str, int | None]:
        """{raw name: unit id} for names made aliases (and None for new ones when asked)."""
        out: dict[str, int | None] = {}
        for raw, combo in self._combos.items():
            uid = combo.currentData()
            if uid is not None or include_new:
                out[raw] = uid
        return out
