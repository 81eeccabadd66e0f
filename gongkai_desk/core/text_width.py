"""How wide Chinese text is when printed, in character units (the one measure every layout uses)."""

from __future__ import annotations


def display_width(text: str) -> float:
    """Return the width of ``text`` in Chinese-character units (ASCII counts half)."""
    # Counting ASCII through the codec runs in C: this is called for every cell of big tables.
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))
