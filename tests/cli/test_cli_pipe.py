"""A reader that closes stdout early (``gongkai-desk overview --json | head -1``) ends the program
quietly: no message on stderr, exit 0, the database untouched."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT, run_cli


def _run_and_close_after_one_line(*args: str) -> tuple[int, str, bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    proc = subprocess.Popen([sys.executable, "-m", "gongkai_desk", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=str(ROOT))
    first = proc.stdout.readline()
    proc.stdout.close()  # as `head -1` does
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    return proc.wait(timeout=300), err, first


def test_closed_stdout_ends_quietly(tmp_path, isolated_home):
    db = tmp_path / "p.db"
    pid = run_cli("demo", "--tasks", "400", "--year", "2026", db=db).stdout.decode("utf-8").strip().splitlines()[-1]
    # far more than a pipe holds (64 KiB), so the writer is still writing when the reader has gone
    code, err, first = _run_and_close_after_one_line("overview", "--plan", pid, "--json", "--db", str(db))
    assert first.strip() == b"{"
    assert err == "" and code == 0, err
    code, err, _first = _run_and_close_after_one_line("calendar", "--year", "2026", "--db", str(db))
    assert err == "" and code == 0, err


def test_a_closed_pipe_on_windows_is_a_broken_pipe_too(monkeypatch):
    """Windows reports writing to a pipe whose reader has gone as EINVAL, not EPIPE."""
    import errno

    import pytest

    from gongkai_desk.cli.common import out

    class Gone:
        def write(self, text):
            raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(sys, "stdout", Gone())
    with pytest.raises(BrokenPipeError):
        out("一行")
