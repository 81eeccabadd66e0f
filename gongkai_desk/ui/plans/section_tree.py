"""The plan's sections as a tree (一、/（一）/1.): choose one to see only its tasks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMenu, QTreeView

from gongkai_desk.core.labels import numbered_title

if TYPE_CHECKING:
    from gongkai_desk.core.model import Section

SectionIdRole = 256 + 1  # Qt.ItemDataRole.UserRole + 1 (an int: see ``columns``)


def section_label(s: Section) -> str:
    return numbered_title(s.level, s.number, s.title)


class SectionTree(QTreeView):
    """Emits ``sections_chosen`` with the chosen section's subtree ids (None = whole plan)."""

    sections_chosen = Signal(object)
    action_requested = Signal(str, object)  # ("add" | "add_child" | "edit" | "up" | "down" | "delete", section id)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self._children: dict[int | None, list[int]] = {}

    def finish(self) -> None:
        """The context menu (after the first paint at start-up: see ``columns``)."""
        from PySide6.QtCore import Qt

        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def set_sections(self, sections: list[Section]) -> None:
        keep = self.current_section_id()
        self.model_.clear()
        root = QStandardItem("全部任务")
        root.setData(None, SectionIdRole)
        self.model_.appendRow(root)
        items: dict[int, QStandardItem] = {}
        self._children = {}
        for s in sections:
            item = QStandardItem(section_label(s))
            item.setData(s.id, SectionIdRole)
            item.setToolTip(section_label(s))
            (items[s.parent_id] if s.parent_id in items else root).appendRow(item)
            items[s.id] = item
            self._children.setdefault(s.parent_id, []).append(s.id)
        self.expandToDepth(1)
        # Re-selecting the kept section (or the root when it is gone) re-emits sections_chosen
        # through the selection model, so the task table's section filter follows.
        target = items.get(keep, root) if keep is not None else root
        self.setCurrentIndex(target.index())

    def current_section_id(self) -> int | None:
        index = self.currentIndex()
        return index.data(SectionIdRole) if index.isValid() else None

    def subtree(self, section_id: int) -> set[int]:
        out, stack = set(), [section_id]
        while stack:
            sid = stack.pop()
            out.add(sid)
            stack.extend(self._children.get(sid, []))
        return out

    def _current_changed(self, current, _previous) -> None:
        sid = current.data(SectionIdRole) if current.isValid() else None
        self.sections_chosen.emit(None if sid is None else self.subtree(sid))

    def _menu(self, pos) -> None:
        sid = self.current_section_id()
        menu = QMenu(self)
        menu.addAction("新建部分…", lambda: self.action_requested.emit("add", None))
        if sid is not None:
            menu.addAction("新建下级部分…", lambda: self.action_requested.emit("add_child", sid))
            menu.addAction("修改…", lambda: self.action_requested.emit("edit", sid))
            menu.addAction("上移", lambda: self.action_requested.emit("up", sid))
            menu.addAction("下移", lambda: self.action_requested.emit("down", sid))
            menu.addSeparator()
            menu.addAction("删除部分及其任务…", lambda: self.action_requested.emit("delete", sid))
        menu.exec(self.viewport().mapToGlobal(pos))
