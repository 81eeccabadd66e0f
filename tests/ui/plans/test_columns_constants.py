"""The task table's roles and alignment are plain ints (no ``Qt`` namespace before the first
paint, ui/plans/columns.py): they must be Qt's own values."""

from PySide6.QtCore import Qt

from gongkai_desk.ui.plans import columns
from gongkai_desk.ui.plans.section_tree import SectionIdRole


def test_the_plain_ints_are_qts_values():
    roles = Qt.ItemDataRole
    assert (columns.DISPLAY, columns.EDIT, columns.TOOLTIP, columns.ALIGNMENT, columns.BACKGROUND, columns.FOREGROUND) == (
        roles.DisplayRole, roles.EditRole, roles.ToolTipRole, roles.TextAlignmentRole, roles.BackgroundRole,
        roles.ForegroundRole)
    assert columns.TaskIdRole == SectionIdRole == roles.UserRole + 1
    assert columns.ALIGN_CENTER == Qt.AlignmentFlag.AlignCenter.value
