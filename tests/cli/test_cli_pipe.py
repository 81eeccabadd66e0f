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


    from gongkai_desk.cli.common import out

    class Gone:
        def write(self, text):
            raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(sys, "stdout", Gone())
    out("一行")  # quietly: the reader has gone, the command goes on to its end
    out("第二行")


def test_a_closed_pipe_never_cuts_an_edit_short(tmp_path, isolated_home):
    """import --into prints its diff before applying it: with the reader gone after one line the
    update must still be applied (or refused) exactly as without the pipe."""
    db = tmp_path / "p.db"
    v1 = tmp_path / "v1.txt"
    v1.write_text("2024年政务公开工作要点\n一、重点领域\n1. 推进财政预决算公开。（牵头单位：区财政局）\n", encoding="utf-8")
    assert run_cli("import", str(v1), "--year", "2024", db=db).returncode == 0
    v2 = tmp_path / "v2.txt"
    v2.write_text(v1.read_text(encoding="utf-8") + "".join(
        f"{n}. 做好第{n}项公开工作，持续更新专栏内容。（牵头单位：区财政局）\n" for n in range(2, 600)), encoding="utf-8")
    code, err, _first = _run_and_close_after_one_line("import", str(v2), "--into", "1", "--db", str(db))
    assert code == 0 and err == "", err
    import json

    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert plans[0]["tasks"] == 599
