"""Entry points: ``python -m gongkai_desk`` / ``gongkai-desk`` (CLI or window) and ``gongkai-desk-gui``."""

from __future__ import annotations

import sys


def run_gui(db_path: str | None = None, *, exit_after_start: bool = False) -> int:
    """Open the main window on ``db_path`` (default: the per-user database)."""
    from gongkai_desk.ui.app import run

    return run(db_path, exit_after_start=exit_after_start)


def gui_main() -> None:
    """The GUI script: same options as the console command, no console window on Windows."""
    from gongkai_desk.cli import main

    sys.exit(main())


def main() -> None:
    from gongkai_desk.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
