"""Issue 15 beyond the importer: every other reader of a clerk's file (the publication check, the
statistics workbook, the holiday notice) meets a hostile file with one Chinese sentence, within a
memory cap and a few seconds, never gigabytes and minutes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import ROOT
from tests.core.imports.parse import hostile_files

OFFICE = [b for b in hostile_files.OFFICE_AND_HTML if not b.__name__.startswith("html")]


def test_hostile_files_are_refused_or_read_within_bounds(tmp_path):
    paths = [str(build(tmp_path)) for build in OFFICE]
    child = textwrap.dedent(f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, (1200 * 1024 * 1024, resource.RLIM_INFINITY))
        import docx, openpyxl  # loaded before the cap bites, as in the app
        from gongkai_desk.core.errors import GongkaiError
        from gongkai_desk.core.exchange.stats_workbook import read_workbook
        from gongkai_desk.core.holiday_notice import read_notice_file
        from gongkai_desk.core.publication import check_file
        readers = {{"check": check_file, "stats": lambda p: read_workbook(p, 2026), "notice": read_notice_file}}
        out = []
        for path in {paths!r}:
            for name, read in readers.items():
                if name == "stats" and not path.endswith(".xlsx") or name == "notice" and not path.endswith(".docx"):
                    continue
                started = time.perf_counter()
                try:
                    read(path)
                    result = ""
                except GongkaiError as e:
                    result = str(e)
                out.append([path, name, result, time.perf_counter() - started])
        print(json.dumps(out, ensure_ascii=False))
    """)
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert len(results) >= 2 * len(OFFICE)
    for path, reader, message, seconds in results:
        assert seconds < 10, (reader, path, seconds)
        if message:
            assert "\n" not in message and "Traceback" not in message and "“" in message, (reader, message)
    # A merged range over a whole sheet is refused by every reader, not loaded into gigabytes;
    # a gridSpan of 10⁹ columns is read as the one cell it is (or refused), never laid out.
    refused = {(p.rsplit("/", 1)[-1], r) for p, r, m, _ in results if m}
    assert {("merged.xlsx", "check"), ("merged.xlsx", "stats")} <= refused
