"""The task table's columns and the roles and colours of its cells, without the Qt namespace
(and two small things the first frame's neighbours share: the detail pane's heading with no task,
Excel's clipboard quoting).

The window's first frame (``first_frame``) and the task model (``task_table``) both take their
cells' looks from here, so the first screenful shows exactly what the whole plan shows. Roles and
alignments are plain ints (``Qt.ItemDataRole.UserRole + 1`` is 257): the ``Qt`` namespace costs
≈ 12 ms to create (PySide builds its ≈ 100 enums on first use), which start-up pays after the first
paint rather than before it.
"""

from __future__ import annotations

from gongkai_desk.core.status import Status
from gongkai_desk.ui.style import (
    FLAGGED_BACKGROUND,
    FLAGGED_FOREGROUND,
    OVERDUE_BACKGROUND,
    OVERDUE_FOREGROUND,
    STATUS_BACKGROUND,
    STATUS_FOREGROUND,
)

COLUMNS = ("序号", "任务内容", "牵头单位", "责任单位", "完成时限", "完成状态", "提醒", "待确认")
COL_NUMBER, COL_TEXT, COL_LEAD, COL_RESP, COL_DEADLINE, COL_STATUS, COL_LIGHT, COL_FLAGS = range(8)
EDITABLE = (COL_NUMBER, COL_TEXT, COL_DEADLINE, COL_STATUS)
CENTERED = (COL_NUMBER, COL_STATUS, COL_FLAGS)
NO_TASK = "请在左侧表格中选择一项任务"  # the detail pane's heading while no task is chosen (also in the first frame)

# Qt.ItemDataRole values (tests check them against Qt's).
DISPLAY, EDIT, TOOLTIP, ALIGNMENT, BACKGROUND, FOREGROUND = 0, 2, 3, 7, 8, 9
TaskIdRole = 256 + 1  # Qt.ItemDataRole.UserRole + 1: the task id of a row
ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter (AlignHCenter | AlignVCenter)


def status_colors(status: Status, overdue: bool):
    """(background, foreground) of a task's 完成状态 cell."""
    if overdue:
        return OVERDUE_BACKGROUND, OVERDUE_FOREGROUND
    return STATUS_BACKGROUND[status], STATUS_FOREGROUND[status]


def flags_colors(flagged: bool):
    """(background, foreground) of a task's 待确认 cell."""
    return (FLAGGED_BACKGROUND if flagged else None), FLAGGED_FOREGROUND


def tsv_cell(text: str) -> str:
    """A cell as Excel/WPS write it to the clipboard: quoted when it holds a tab, newline or quote."""
    if any(c in text for c in '\t\n\r"'):
        return '"' + text.replace('"', '""') + '"'
    return text
