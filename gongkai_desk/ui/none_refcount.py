"""Work around PySide6 6.12 on CPython 3.11: every call of a Qt method returning void hands back
``None`` without a new reference, so each call lowers None's reference count by one. After a few
thousand calls (``setText``, ``setData``, ``appendRow``…) the count reaches zero and CPython aborts
with "Fatal Python error: none_dealloc" — at exit, or in the middle of the clerk's work.

``keep_none_alive()`` raises None's count far above zero again. None is never freed, so a higher
count is harmless. From CPython 3.12 on, None is immortal and this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 30  # about a billion leaked calls before the next top-up would be needed
_NEEDED = sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def keep_none_alive() -> None:
    """Top None's reference count up to ``HEADROOM`` when it has fallen below half of it."""
    if not _NEEDED:
        return
    count = sys.getrefcount(None)
    if count < HEADROOM // 2:
        # ob_refcnt is the first field of every PyObject in CPython 3.11 (non-debug builds).
        ctypes.c_ssize_t.from_address(id(None)).value += HEADROOM - count
