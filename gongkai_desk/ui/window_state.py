"""How big the first window is, and which plan it shows: decided from the screen and the settings."""

from __future__ import annotations


def first_window_size(avail_width: int, avail_height: int) -> tuple[tuple[int, int], bool]:
    """The first window's (width, height) on a screen with this much room (taskbar excluded),
    and whether to maximize it: a 1366×768 laptop (or 1920×1080 at 150 %) gets a maximized window,
    so the status bar and the detail pane are on the screen; a large screen a comfortable 1400×860."""
    if avail_width < 1500 or avail_height < 940:
        return (min(1400, avail_width), min(860, avail_height - 40)), True
    return (1400, 860), False


def last_plan(settings) -> int | None:
    """The plan shown when the window was last closed."""
    value = settings.value("last_plan")
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None
