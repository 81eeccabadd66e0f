"""The import's hints in the clerk's terms: "第21行" (a line of the source the clerk never sees)
becomes the task or heading it is about, quoted: 任务12“做好财政预决算公开……”."""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from gongkai_desk.core.labels import numbered_title

_LINE = re.compile(r"第(\d+)行(之前|以前|前)?(任务|标题)?(的)?")


def _short(text: str, limit: int = 18) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit] + "……"


def _items(parsed) -> list[tuple[int, str]]:
    """(source line, how the clerk recognises it) of every task and heading, in line order."""
    out: list[tuple[int, str]] = []

    def walk(sections) -> None:
        for s in sections:
            if s.line is not None:
                out.append((s.line, 1, f"标题“{_short(numbered_title(s.level, s.number, s.title), 20)}”"))
            walk(s.children)

    walk(parsed.sections)
    for t in parsed.tasks:
        if t.line is not None:
            out.append((t.line, 0, f"任务{t.number or ''}“{_short(t.text)}”"))
    out.sort(key=lambda item: item[:2])  # a task and a heading on one line: the task
    return [(line, label) for line, _, label in out]


class WarningQuoter:
    """Rewrites the line references of a parse's warnings (computed once per parse)."""

    def __init__(self, parsed) -> None:
        self._items = _items(parsed)
        self._lines = [line for line, _ in self._items]

    def at(self, line: int, *, before: bool = False) -> str | None:
        """The item at ``line``; else the one whose block holds it (or, ``before``, the next one)."""
        if not self._items:
            return None
        i = bisect.bisect_left(self._lines, line)
        if i < len(self._lines) and self._lines[i] == line:
            return self._items[i][1]
        if before:
            return self._items[i][1] if i < len(self._items) else None
        return self._items[i - 1][1] if i > 0 else None

    def text(self, message: str, line: int | None = None) -> str:
        def replace(m: re.Match) -> str:
            before, noun, of = bool(m.group(2)), m.group(3), m.group(4) or ""
            if noun == "标题" and not before:
                return "标题" + of  # the message quotes the heading itself
            label = self.at(int(m.group(1)), before=before)
            if label is None:
                return ("文件末尾之前" if before else "文件中") + of
            if before:
                return f"{label}之前{of}"
            return label + (of or ("" if noun else "："))

        if _LINE.search(message):
            return _LINE.sub(replace, message)
        if line is not None and (label := self.at(line)) is not None and "全部" not in message:
            return f"{label}：{message}"
        return message


class WarningList(QListWidget):
    """The 提示 tab: one hint per line, each remembering its source line (double-click: go there)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setToolTip("双击一条提示，跳到对应的任务")

    def show_warnings(self, parsed) -> None:
        self.clear()
        quoter = WarningQuoter(parsed)
        for w in parsed.warnings:
            self.addItem(quoter.text(w.message, w.line))
            self.item(self.count() - 1).setData(Qt.ItemDataRole.UserRole, w.line)
        if not parsed.warnings:
            self.addItem("没有需要提示的问题。")
