"""Run the fuzz cases of the importer (test_fuzz.py) and of the publication check's readers in a
child process whose address space is capped at 1.5 GB: every generated input must be read or
refused within the time limit AND the memory cap."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT

CAP = 1536 * 1024 * 1024


@pytest.mark.skipif(os.name != "posix", reason="resource.setrlimit is POSIX")
def test_fuzz_cases_stay_under_a_memory_cap():
    modules = [str(Path(__file__).with_name("test_fuzz.py")),
               str(ROOT / "tests" / "core" / "publication" / "test_fuzz_readers.py")]
    child = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({CAP}, resource.RLIM_INFINITY))
        import pytest
        sys.exit(pytest.main([*{modules!r}, "-q", "-p", "no:cacheprovider", "-p", "no:pytestqt"]))
    """)
    env = {**os.environ, "GONGKAI_FUZZ_CHILD": "1"}
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=1200)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    progress = done.stdout.strip().splitlines()[0]
    assert re.fullmatch(r"\.{11,}\s+\[100%\]", progress), done.stdout  # every case ran, none skipped
