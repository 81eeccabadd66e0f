"""The read-only list tables of the pages and dialogs (backups, the trash, the publication check):
one way to build them, so they look and behave alike."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def list_table(headers: Sequence[str], *, stretch: int, fit: Sequence[int] = (), rows: int = 0,
               whole_rows: bool = True) -> QTableWidget:
    """A table nobody types into, without row numbers: column ``stretch`` takes the room left,
    ``fit`` columns are as wide as their contents; ``whole_rows``: one row is selected at a time."""
    table = QTableWidget(rows, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    if whole_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for col in fit:
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    return table
