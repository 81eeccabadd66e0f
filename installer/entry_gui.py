"""PyInstaller entry of gongkai-desk-gui(.exe): the window, no console (= gongkai_desk.__main__:gui_main)."""

import os
import sys

# A windowed Windows executable has no console: sys.stdout / sys.stderr are None, and any
# stray write (argparse usage, a start-up error message) would raise. Send them nowhere.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))

from gongkai_desk.__main__ import gui_main  # noqa: E402

gui_main()
