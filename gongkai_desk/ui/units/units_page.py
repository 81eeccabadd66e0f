"""The unit directory: units, their aliases, and groups with their members."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from gongkai_desk.ui.ops import Bus, confirm, run_op


class UnitsPage(QWidget):
    def __init__(self, ws, bus: Bus, parent=None) -> None:
        super().__init__(parent)
        self.ws, self.bus = ws, bus
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("查找单位或别名")
        self.filter.textChanged.connect(self.reload)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["单位名称", "类型", "别名", "成员单位"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", "新增单位", self._add_unit), ("add_group", "新增单位组", self._add_group),
            ("rename", "改名", self._rename), ("alias", "添加别名", self._add_alias),
            ("remove_alias", "删除别名", self._remove_alias), ("members", "设置成员单位", self._members),
            ("delete", "删除单位", self._delete),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("单位名录：同一单位的不同写法请设为别名，导入时会自动识别；"
                                "“区各有关部门”等单位组可设置成员单位，在任务上展开为各成员。"))
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.chases_label = QLabel("催办记录")
        self.chases = QTreeWidget()  # the selected unit's 催办 (ws.chasing), newest first
        self.chases.setHeaderLabels(["日期", "方式", "任务", "联系人", "答复情况"])
        self.chases.setRootIsDecorated(False)
        self.chases.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        layout.addWidget(self.chases_label)
        layout.addWidget(self.chases)
        bus.changed.connect(lambda ch, _initiator: ch.units and self.reload())
        bus.changed.connect(lambda ch, _initiator: ch.chasing and not ch.units and self._load_chases())
        self.reload()

    def reload(self) -> None:
        keep = self.selected_id()
        units = self.ws.units.all()
        names = {u.id: u.name for u in units}
        needle = self.filter.text().strip()
        self.tree.clear()
        for u in units:
            if needle and needle not in u.name and not any(needle in a for a in u.aliases):
                continue
            item = QTreeWidgetItem([u.name, "单位组" if u.is_group else "单位", "、".join(u.aliases),
                                    "、".join(names.get(m, "?") for m in u.members)])
            item.setData(0, Qt.ItemDataRole.UserRole, u.id)
            self.tree.addTopLevelItem(item)
            if u.id == keep:
                self.tree.setCurrentItem(item)
        for i in range(3):
            self.tree.resizeColumnToContents(i)
        self._selection_changed()

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _selection_changed(self) -> None:
        uid = self.selected_id()
        unit = next((u for u in self.ws.units.all() if u.id == uid), None) if uid else None
        for key in ("rename", "alias", "delete"):
            self.buttons[key].setEnabled(unit is not None)
        self.buttons["remove_alias"].setEnabled(bool(unit and unit.aliases))
        self.buttons["members"].setEnabled(bool(unit and unit.is_group))
        self._load_chases()

    def _load_chases(self) -> None:
        uid = self.selected_id()
        self.chases.clear()
        records = self.ws.chasing.records(unit_id=uid) if uid is not None else []
        name = self.tree.currentItem().text(0) if uid is not None and self.tree.currentItem() else ""
        self.chases_label.setText(f"“{name}”的催办记录（{len(records)}次）" if uid is not None else "催办记录（请选择一个单位）")
        for r in records:
            tasks = "、".join(n for n in r.task_numbers if n) or f"{len(r.task_ids)}项"
            self.chases.addTopLevelItem(QTreeWidgetItem([r.date.isoformat(), r.way, f"任务{tasks}", r.person, r.answer]))
        for i in range(4):
            self.chases.resizeColumnToContents(i)

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value.strip() if ok and value.strip() else None

    def _add_unit(self) -> None:
        name = self._ask("新增单位", "单位名称（如：区财政局）：")
        if name:
            run_op(self, self.bus, lambda: self.ws.units.add(name), done=f"已新增单位{name}")

    def _add_group(self) -> None:
        name = self._ask("新增单位组", "单位组名称（如：区各有关部门）：")
        if name:
            run_op(self, self.bus, lambda: self.ws.units.add(name, is_group=True), done=f"已新增单位组{name}")

    def _rename(self) -> None:
        unit = self.ws.units.get(self.selected_id())
        name = self._ask("单位改名", "新名称（原名称会保留为别名）：", unit.name)
        if name and name != unit.name:
            run_op(self, self.bus, lambda: self.ws.units.rename(unit.id, name), done="已改名")

    def _add_alias(self) -> None:
        unit = self.ws.units.get(self.selected_id())
        alias = self._ask("添加别名", f"“{unit.name}”的另一种写法：")
        if alias:
            run_op(self, self.bus, lambda: self.ws.units.add_alias(unit.id, alias), done="已添加别名")

    def _remove_alias(self) -> None:
        unit = self.ws.units.get(self.selected_id())
        alias, ok = QInputDialog.getItem(self, "删除别名", "要删除的别名：", list(unit.aliases), 0, False)
        if ok and alias:
            run_op(self, self.bus, lambda: self.ws.units.remove_alias(unit.id, alias), done="已删除别名")

    def _members(self) -> None:
        group = self.ws.units.get(self.selected_id())
        dialog = MembersDialog(self, group, [u for u in self.ws.units.all() if not u.is_group])
        if dialog.exec() == QDialog.DialogCode.Accepted:
            run_op(self, self.bus, lambda: self.ws.units.set_members(group.id, dialog.member_ids()), done="已设置成员单位")

    def _delete(self) -> None:
        unit = self.ws.units.get(self.selected_id())
        used = self.ws.units.use_count(unit.id)
        more = (f"它在{used}项任务中承担工作，这些任务上它的落实情况会一并移入回收站，30天内可以恢复。\n"
                if used else "")
        if confirm(self, "删除单位", f"确定从单位名录中删除“{unit.name}”吗？\n{more}也可以用“撤销”(Ctrl+Z)恢复。"):
            where = "，已移入回收站" if used else ""
            run_op(self, self.bus, lambda: self.ws.units.delete(unit.id), done=f"已删除{unit.name}{where}（可撤销）")


class MembersDialog(QDialog):
    def __init__(self, parent, group, units) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"设置“{group.name}”的成员单位")
        self.list = QListWidget()
        for u in units:
            item = QListWidgetItem(u.name)
            item.setData(Qt.ItemDataRole.UserRole, u.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if u.id in group.members else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("勾选属于这个单位组的单位："))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def member_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
