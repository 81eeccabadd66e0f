"""Which dragged file the window takes: one importable file, or an old .doc/.xls/.wps/.et (explained)."""

from __future__ import annotations

from gongkai_desk.core.imports.formats import OLD_SUFFIXES, SUFFIXES as IMPORT_SUFFIXES


def dropped_file(mime) -> str | None:
    """The single importable file being dragged onto the window, if any."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if path.lower().endswith((*IMPORT_SUFFIXES, *OLD_SUFFIXES)) else None
