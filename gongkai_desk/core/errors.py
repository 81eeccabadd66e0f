"""Typed errors the core raises. Each carries one Chinese sentence for the clerk (``str(e)``)."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base class: the message is a complete Chinese sentence saying what is wrong and where."""


class ImportFormatError(GongkaiError):
    """The file cannot be read as a plan or review table (damaged, encrypted, not a plan)."""


class SchemaTooNewError(GongkaiError):
    """The database was written by a newer program version; it is refused untouched."""


class NotFoundError(GongkaiError):
    """A plan, task or unit id that does not exist."""


class ValidationError(GongkaiError):
    """An edit that would store invalid data (empty title, bad year, unknown status...)."""


class ConflictError(GongkaiError):
    """Undo/redo refused because another program changed the same data meanwhile."""


class StatsRuleError(GongkaiError):
    """Annual-report export refused: error-level rules fail (``failures`` lists them)."""

    def __init__(self, message: str, failures: list | None = None) -> None:
        super().__init__(message)
        self.failures = failures or []


class ReadOnlyError(GongkaiError):
    """An edit refused because the database was opened read-only (the reason is in the text)."""


class DatabaseWriteError(GongkaiError):
    """SQLite could not write (locked past the wait, disk full, I/O error); nothing was changed."""


class Cancelled(GongkaiError):
    """The clerk cancelled (e.g. an export after the publication check); nothing was written."""
