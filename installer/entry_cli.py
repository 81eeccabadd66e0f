"""PyInstaller entry of gongkai-desk(.exe): the console command line (= gongkai_desk.cli:entry)."""

from gongkai_desk.cli import entry

entry()
