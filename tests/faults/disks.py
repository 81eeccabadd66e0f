"""Disk-full runs (a small tmpfs, filled) and two-writer runs, each checked like a killed run."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.faults import harness


def _mount(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "posix" or os.geteuid() != 0:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _fill(folder: Path, leave: int) -> None:
    free = shutil.disk_usage(folder).free
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave))


def disk_full_run(work: Path, seed: int = 0) -> list[str] | None:
    """An edit and a backup on a full disk: refused as 磁盘空间不足, nothing changed, nothing left.

    Returns the problems found, or None when no small file system can be mounted here.
    """
    rng = random.Random(seed)
    disk = work / "disk"
    if not _mount(disk, "2m"):
        return None
    problems: list[str] = []
    try:
        db = disk / "a.db"
        harness._demo_db(db, 10)
        harness._checkpoint(db)
        before = harness.snapshot(db)
        _fill(disk, rng.randint(0, 200) * 1024)
        home = work / "home"
        for args, what in ((("demo", "--tasks", "3000"), "edit"), (("backup", "--out", str(disk / "备份.db")), "backup")):
            res = subprocess.run(harness.cli(*args, "--db", str(db)), capture_output=True, env=harness.env(home),
                                 timeout=300)
            text = res.stderr.decode("utf-8", "replace")
            if res.returncode == 0:
                continue  # it fitted after all (little was left to fill): still checked below
            if res.returncode != 1 or "磁盘空间不足" not in text or "读写磁盘时出错" in text or "Traceback" in text:
                problems.append(f"{what} on a full disk said: {text.strip()[-300:]}")
        if harness.leftovers(disk):
            problems.append(f"temporary files left on the full disk: {harness.leftovers(disk)}")
        (disk / "filler").unlink()
        problem = harness.integrity(db)
        if problem:
            problems.append(problem)
        elif harness.snapshot(db) != before and not _demo_complete(db):
            problems.append("a refused edit changed the database")
        mismatch = harness.history_mismatch(db)
        if mismatch:
            problems.append(mismatch)
    finally:
        _umount(disk)
    return problems


def _demo_complete(db: Path) -> bool:
    c = sqlite3.connect(str(db))
    try:
        return c.execute("SELECT COUNT(*) FROM tasks").fetchone()[0] == 3010
    finally:
        c.close()


def two_writers_run(work: Path, seconds: float = 2.0) -> list[str]:
    """Two programs editing one database at once, and one waiting out a lock held for 2 s: both
    finish (the second waits instead of failing), the database is sound and its history true."""
    work.mkdir(parents=True, exist_ok=True)
    db = work / "a.db"
    harness._demo_db(db, 20)
    problems: list[str] = []
    procs = [subprocess.Popen([sys.executable, "-c", harness.EDIT_LOOP, str(db), str(seconds)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=harness.env(work / "home"))
             for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        if p.returncode != 0:
            problems.append(f"a writer failed: {err.decode('utf-8', 'replace').strip()[-300:]}")
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        c = sqlite3.connect(str(db), isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        taken.set()
        release.wait(10)
        c.execute("COMMIT")
        c.close()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    taken.wait(10)
    threading.Timer(2.0, release.set).start()
    t0 = time.monotonic()
    res = subprocess.run(harness.cli("demo", "--tasks", "5", "--db", str(db)), capture_output=True,
                         env=harness.env(work / "home"), timeout=120)
    waited = time.monotonic() - t0
    holder.join(15)
    if res.returncode != 0:
        problems.append(f"a writer gave up under a 2 s lock after {waited:.1f} s: "
                        f"{res.stderr.decode('utf-8', 'replace').strip()[-200:]}")
    for problem in (harness.integrity(db), harness.history_mismatch(db)):
        if problem:
            problems.append(problem)
    return problems
