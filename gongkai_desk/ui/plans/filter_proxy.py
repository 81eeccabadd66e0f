"""The task table's view model: the task model as is, with the filter bar's ``set_filter``.

The table keeps this one proxy for its whole life. At start-up its source is the first frame's
plain model (``first_frame``); once the workspace is open it is the task model (``task_table``),
which sorts and filters itself. A new source is a model reset, which keeps the header's sections
(widths, resize modes): nothing on screen moves when the whole plan arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QIdentityProxyModel

from gongkai_desk.core.status import FLAGGED, OVERDUE, UNFINISHED


class TaskFilterProxy(QIdentityProxyModel):
    """Passes the filter bar's choices (unit, status or 未完成/逾期/待确认, section subtree, words typed)
    and header clicks to its source, which filters and sorts itself (``task_table``)."""

    OVERDUE = OVERDUE
    UNFINISHED = UNFINISHED
    FLAGGED = FLAGGED

    @property
    def filter(self):
        """The source's ``core.task_filter.TaskFilter``."""
        return self.sourceModel().filter

    def set_filter(self, *, unit_id: int | None = None, status: str | None = None, text: str = "",
                   sections: set[int] | None = None) -> None:
        from gongkai_desk.core.task_filter import TaskFilter

        self.sourceModel().set_filter(TaskFilter(text.strip(), unit_id, status,
                                                 frozenset(sections) if sections is not None else None))

    def sort(self, column: int, order=None) -> None:
        """Sort by ``column`` (Qt.SortOrder ``order``, ascending when None); -1: document order."""
        if order is None:
            from PySide6.QtCore import Qt

            order = Qt.SortOrder.AscendingOrder
        self.sourceModel().sort(column, order)
