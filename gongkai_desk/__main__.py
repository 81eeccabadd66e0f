"""Entry points: ``python -m gongkai_desk`` / ``gongkai-desk`` (CLI or window) and ``gongkai-desk-gui``."""

from __future__ import annotations

import sys


def gui_main() -> None:
    """The GUI script: same options as the console command, no console window on Windows."""
    from gongkai_desk.cli import main

    sys.exit(main())


def main() -> None:
    from gongkai_desk.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
