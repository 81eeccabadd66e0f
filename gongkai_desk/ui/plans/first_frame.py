"""The task table's first frame at start-up: the first screenful as a plain Qt model.

Before the first paint the table's proxy (``filter_proxy``) shows this model: the plan's first rows
(``core.first_screen``) with the cells' texts, alignments and colours the task model gives them
(the same functions, ``columns``), and as many rows as the plan has, so the scroll bar is right.
Being a C++ model it answers the view without calling Python, and without the ``Qt`` namespace:
the task model's ``headerData``/``flags`` overrides make PySide create it (≈ 12 ms) on the first
paint. Right after that paint the task model replaces this one (``PlanView.finish``).
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from gongkai_desk.core.status import FLAGGED, status_label
from gongkai_desk.ui.plans.columns import (
    ALIGN_CENTER, ALIGNMENT, BACKGROUND, CENTERED, COL_FLAGS, COL_STATUS, COLUMNS, FOREGROUND, flags_colors,
    status_colors,
)


def first_source(parent=None) -> QStandardItemModel:
    """An empty first-frame model with the task table's columns."""
    model = QStandardItemModel(0, len(COLUMNS), parent)
    model.setHorizontalHeaderLabels(list(COLUMNS))
    return model


def fill(model: QStandardItemModel, first, rows: int | None = None) -> None:
    """Show ``first`` (a ``core.first_screen.FirstScreen``), at most its first ``rows`` rows (what
    the screen can show), in a model as long as the plan. Cells with neither text nor colour get no
    item: they paint as the task model's empty cells do."""
    model.setRowCount(first.total)
    for r, row in enumerate(first.rows[:rows]):
        texts = (row.number, row.text, row.lead, row.responsible, row.deadline, status_label(row.status, row.overdue),
                 "", FLAGGED if row.flagged else "")  # 提醒: filled once the lights are read
        looks = {COL_STATUS: status_colors(row.status, row.overdue), COL_FLAGS: flags_colors(row.flagged)}
        for c, text in enumerate(texts):
            if not text:
                continue  # an empty 待确认 cell's colour paints nothing either
            item = QStandardItem(text)
            if c in CENTERED:
                item.setData(ALIGN_CENTER, ALIGNMENT)
            if c in looks:
                background, foreground = looks[c]
                if background is not None:
                    item.setData(background, BACKGROUND)
                item.setData(foreground, FOREGROUND)
            model.setItem(r, c, item)
