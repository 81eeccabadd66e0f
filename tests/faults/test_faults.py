"""The fault campaigns, a handful of runs each (``GONGKAI_FAULT_RUNS=N`` for more; the long mode is
``python -m tests.faults.campaign``): SIGKILL at random moments during import, demo, stats --set,
collect --accept, backup, restore, a stream of edits and the window's own edits; a full disk; two writers."""

from __future__ import annotations

import os
import random

import pytest

from tests.faults import disks, harness

RUNS = int(os.environ.get("GONGKAI_FAULT_RUNS", "2"))
ACTIVE = [name for name, s in harness.SCENARIOS.items() if not s.pending]


@pytest.mark.parametrize("name", ACTIVE)
def test_killed_at_random_moments_leaves_a_sound_database_changed_all_or_nothing(name, tmp_path):
    prepared = harness.prepare(harness.SCENARIOS[name], tmp_path / name)
    rng = random.Random(hash(name) & 0xFFFF)
    outcomes = [harness.run_once(prepared, i, rng) for i in range(RUNS)]
    assert [o.problems for o in outcomes] == [[] for _ in outcomes], outcomes


def test_a_run_that_is_not_killed_is_after():
    """The checks can fail: a database changed halfway is caught."""
    import sqlite3
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "a.db"
        harness._demo_db(db, 5)
        from gongkai_desk.core.workspace import Workspace

        ws = Workspace.open(db)
        ws.tasks.update(1, text="记录在案的修改")
        ws.close()
        assert harness.history_mismatch(db) is None
        before = harness.snapshot(db)
        c = sqlite3.connect(db)
        c.execute("UPDATE tasks SET text = 'x' WHERE id = 1")  # a change the history does not know
        c.commit()
        assert harness.snapshot(db) != before
        assert "tasks 1.text" in harness.history_mismatch(db)
        c.execute("UPDATE tasks SET text = '记录在案的修改' WHERE id = 1")
        c.execute("DELETE FROM assignments WHERE task_id = 2")  # rows the history says were inserted
        c.commit()
        c.close()
        assert "was inserted last" in harness.history_mismatch(db)


def test_full_disk_is_refused_in_chinese_and_changes_nothing(tmp_path):
    problems = disks.disk_full_run(tmp_path, seed=1)
    if problems is None:
        pytest.skip("needs root to mount a small tmpfs")
    assert problems == []


def test_two_writers_both_finish_and_history_matches(tmp_path):
    assert disks.two_writers_run(tmp_path) == []
