"""The import's 待确认 flags kept on a task, in the clerk's words (the import preview's reasons)."""

from __future__ import annotations

from collections.abc import Iterable


def flag_reasons(flags: Iterable[str]) -> list[str]:
    """The Chinese reason for each flag code, each once (never a code)."""
    from gongkai_desk.ui.imports.preview_model import flag_reason  # not needed at start-up

    return list(dict.fromkeys(flag_reason(f) for f in flags))
