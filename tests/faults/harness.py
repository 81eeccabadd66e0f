"""Fault campaigns as code: run a command of the program, kill it with SIGKILL at a random moment,
and check what is left (``PRAGMA integrity_check``, all-or-nothing, history matching the data,
no temporary files once the next run has cleaned up).

A scenario is a name, a way to prepare the database (and its input files), and the command line.
Adding a command is one entry in ``SCENARIOS``.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_PLAN = next((ROOT / "tests" / "data" / "seeds").glob("003_*.txt"))
VOLATILE = {"at", "created_at", "updated_at", "deleted_at", "applied_at", "collected_at", "sent_at", "rows"}  # times differ run to run
TEMP_PREFIX = ".~gongkai-"
SHEET_NAME = "反馈表"

# ---- the program, as a user runs it ------------------------------------------------------


def env(home: Path) -> dict[str, str]:
    return {**os.environ, "GONGKAI_DESK_HOME": str(home), "PYTHONIOENCODING": "utf-8"}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "gongkai_desk", *args]


EDIT_LOOP = r"""
import sys, time
from gongkai_desk.core.workspace import Workspace
from gongkai_desk.core.errors import ConflictError
from gongkai_desk.core.model import Status
ws = Workspace.open(sys.argv[1])
plan = ws.plans.list()[0].id
tasks = [t.id for t in ws.tasks.of_plan(plan)]
units = {t: [a.unit_id for a in ws.progress.of_task(t)] for t in tasks}
statuses = [s.value for s in Status]
end = time.monotonic() + float(sys.argv[2])
i = 0
while time.monotonic() < end:
    t = tasks[i % len(tasks)]
    kind = i % 7
    if kind == 0:
        ws.tasks.update(t, text=f"修改后的任务内容{i}")
    elif kind == 1 and units[t]:
        ws.progress.set(t, units[t][0], status=statuses[i % len(statuses)], done=f"第{i}次填写")
    elif kind in (2, 3):
        try:  # another writer may have changed the same rows: refused, as the window shows it
            ws.undo() if kind == 2 else ws.redo()
        except ConflictError:
            pass
    elif kind == 4:
        new = ws.tasks.add(plan, text=f"新任务{i}").id
        ws.progress.assign_by_name(new, f"单位{i % 5}")
    elif kind == 5:
        ws.settings.set_office(contact=f"联系人{i}")
    else:
        ws.plans.add_section(plan, title=f"新部分{i}")
    i += 1
print(i)
"""


WINDOW_EDITS = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from gongkai_desk.core.model import Status
from gongkai_desk.core.workspace import Workspace
from gongkai_desk.ui.app import make_app
from gongkai_desk.ui.main_window import MainWindow
from gongkai_desk.ui.ops import run_op
app = make_app()
ws = Workspace.open(sys.argv[1])
settings = QSettings(sys.argv[1] + ".ini", QSettings.Format.IniFormat)
w = MainWindow(ws, settings=settings)
w.show()
app.processEvents()
plan = w.plan_id
tasks = [t.id for t in ws.tasks.of_plan(plan)]
statuses = [s.value for s in Status]
end, i = time.monotonic() + float(sys.argv[2]), 0
while time.monotonic() < end:
    t = tasks[i % len(tasks)]
    units = [a.unit_id for a in ws.progress.of_task(t)]
    if i % 4 == 0 and units:  # what the detail pane does when the clerk picks a status
        run_op(w, w.bus, lambda: ws.progress.set(t, units[0], status=statuses[i % len(statuses)], done=f"窗口填写{i}"))
    elif i % 4 == 1:
        run_op(w, w.bus, lambda: ws.tasks.update(t, text=f"窗口修改{i}"))
    elif i % 4 == 2:
        w.undo()
    else:
        w.redo()
    app.processEvents()
    i += 1
print(i)
"""


@dataclass
class Scenario:
    name: str
    prepare: Callable[[Path, Path], None]  # (database, work folder)
    command: Callable[[Path, Path], list[str]]
    kind: str = "transaction"  # transaction: before or after; backup; restore; edits
    pending: bool = False  # the command does not exist yet


def _demo_db(db: Path, tasks: int = 40) -> None:
    subprocess.run(cli("demo", "--tasks", str(tasks), "--year", "2026", "--db", str(db)), check=True,
                   capture_output=True, env=env(db.parent / "home"), timeout=300)


def _stats_file(db: Path, work: Path) -> None:
    _demo_db(db)
    sys.path.insert(0, str(ROOT))
    from gongkai_desk.core.annual.samples import kiro_example
    from gongkai_desk.core.workspace import Workspace

    other = work / "stats-source.db"
    ws = Workspace.open(other)
    ws.annual.set_stats_cells(2023, kiro_example(2023).cells(), label="样例")
    ws.close()
    res = subprocess.run(cli("stats", "--year", "2023", "--json", "--db", str(other)), capture_output=True,
                         env=env(work / "home"), check=True, timeout=120)
    (work / "stats.json").write_bytes(res.stdout)


def _feedback_files(db: Path, work: Path) -> None:
    """A demo plan, its round of feedback workbooks, each filled in as a unit would."""
    _demo_db(db, 60)
    folder = work / "feedback"
    subprocess.run(cli("export", "feedback", "--plan", "1", "--out", str(folder), "--db", str(db)), check=True,
                   capture_output=True, env=env(work / "home"), timeout=300)
    sys.path.insert(0, str(ROOT))
    from openpyxl import load_workbook

    from tests.core.exchange.feedback_helpers import fill, task_rows

    for path in sorted(folder.glob("*.xlsx")):
        rows = task_rows(load_workbook(path)[SHEET_NAME])
        fill(path, {t: {"status": "已完成", "done": f"第{t}项已全部完成。"} for t in rows})
    assert any(folder.glob("*.xlsx"))


def _backup_file(db: Path, work: Path) -> None:
    _demo_db(db)
    other = work / "other.db"
    _demo_db(other, tasks=120)
    shutil.copy(other, work / "restore-from.db")


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("import", lambda db, w: _demo_db(db),
             lambda db, w: cli("import", str(SEED_PLAN), "--year", "2026", "--db", str(db))),
    Scenario("demo", lambda db, w: _demo_db(db, 5), lambda db, w: cli("demo", "--tasks", "3000", "--db", str(db))),
    Scenario("stats_set", _stats_file, lambda db, w: cli("stats", "--year", "2023", "--set", str(w / "stats.json"),
                                                       "--db", str(db))),
    Scenario("backup", lambda db, w: _demo_db(db, 600),
             lambda db, w: cli("backup", "--out", str(w / "out" / "备份.db"), "--db", str(db)), kind="backup"),
    Scenario("restore", _backup_file, lambda db, w: cli("restore", str(w / "restore-from.db"), "--db", str(db)),
             kind="restore"),
    Scenario("edits", lambda db, w: _demo_db(db, 30),
             lambda db, w: [sys.executable, "-c", EDIT_LOOP, str(db), "1.5"], kind="edits"),
    Scenario("window", lambda db, w: _demo_db(db, 30),
             lambda db, w: [sys.executable, "-c", WINDOW_EDITS, str(db), "1.5"], kind="edits"),
    Scenario("collect", _feedback_files,
             lambda db, w: cli("collect", str(w / "feedback"), "--accept", "--db", str(db))),
)}


# ---- what is checked -------------------------------------------------------------------------


def snapshot(db: Path) -> str:
    """A digest of every table's rows, without the columns that hold the time of writing."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = []
        tables = [r[0] for r in c.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for t in tables:
            cols = [r[1] for r in c.execute(f"PRAGMA table_info({t})") if r[1] not in VOLATILE]
            picked = cols
            if {"field", "old", "new"} <= set(cols):  # history: the values of a time column are times too
                hide = ", ".join(f"'{v}'" for v in sorted(VOLATILE))
                picked = [f"CASE WHEN field IN ({hide}) THEN '' ELSE {k} END" if k in ("old", "new") else k
                          for k in cols]
            rows = c.execute(f"SELECT {', '.join(picked)} FROM {t} ORDER BY {', '.join(picked)}").fetchall()
            out.append((t, rows))
        return hashlib.sha256(repr(out).encode()).hexdigest()
    finally:
        c.close()


def integrity(db: Path) -> str | None:
    c = sqlite3.connect(str(db))
    try:
        rows = [r[0] for r in c.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            return "integrity_check: " + "; ".join(rows[:3])
        bad = c.execute("PRAGMA foreign_key_check").fetchall()
        return f"foreign_key_check: {len(bad)} rows" if bad else None
    finally:
        c.close()


def history_mismatch(db: Path) -> str | None:
    """Whether the history says what the data is: for every field it recorded, the last value
    recorded is the value stored; for every row it recorded inserting or deleting, the last such
    event agrees with whether the row exists."""
    sys.path.insert(0, str(ROOT))
    from gongkai_desk.core.storage.queries import KEYS

    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        last: dict[tuple, tuple] = {}
        for entity, entity_id, fld, old, new in c.execute(
                "SELECT entity, entity_id, field, old, new FROM history ORDER BY id"):
            last[(entity, entity_id, fld)] = (old, new)
        for (entity, entity_id, fld), (old, new) in last.items():
            keys = KEYS.get(entity)
            if not keys or entity_id is None:
                continue
            values = entity_id.split(",") if len(keys) > 1 else [entity_id]
            where = " AND ".join(f"CAST({k} AS TEXT) = ?" for k in keys)
            if fld is None:
                exists = c.execute(f"SELECT 1 FROM {entity} WHERE {where}", values).fetchone() is not None
                if new is not None and old is None and not exists:
                    return f"history says {entity} {entity_id} was inserted last, but it is not there"
                if old is not None and new is None and exists:
                    return f"history says {entity} {entity_id} was deleted last, but it is there"
            else:
                row = c.execute(f"SELECT {fld} FROM {entity} WHERE {where}", values).fetchone()
                if row is not None and (None if row[0] is None else str(row[0])) != new:
                    return f"history says {entity} {entity_id}.{fld} = {new!r}, the data has {row[0]!r}"
        return None
    finally:
        c.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)) if folder.exists() else []


# ---- one run ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    scenario: str
    delay: float
    returncode: int | None
    state: str  # before / after / other / n/a
    problems: list[str] = field(default_factory=list)


@dataclass
class Prepared:
    scenario: Scenario
    template: Path
    work: Path
    before: str
    after: str
    duration: float
    after_backup: str | None = None


def prepare(scenario: Scenario, work: Path) -> Prepared:
    """Build the database once, and learn the state a finished command leaves (and how long it takes)."""
    work.mkdir(parents=True, exist_ok=True)
    template = work / "template.db"
    scenario.prepare(template, work)
    _checkpoint(template)
    before = snapshot(template)
    ref = work / "reference"
    ref.mkdir(exist_ok=True)
    db = ref / "a.db"
    shutil.copy(template, db)
    t0 = time.monotonic()
    res = subprocess.run(scenario.command(db, work), capture_output=True, env=env(ref / "home"), timeout=600)
    duration = time.monotonic() - t0
    if res.returncode != 0:
        raise RuntimeError(f"{scenario.name}: the unkilled run failed: {res.stderr.decode('utf-8', 'replace')[-500:]}")
    _checkpoint(db)
    prepared = Prepared(scenario, template, work, before, snapshot(db), duration)
    if scenario.kind == "backup":
        prepared.after_backup = snapshot(work / "out" / "备份.db")
        shutil.rmtree(work / "out")
    return prepared


def _checkpoint(db: Path) -> None:
    c = sqlite3.connect(str(db))
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()


def run_once(p: Prepared, n: int, rng: random.Random) -> Outcome:
    """Copy the prepared database, start the command, kill it at a random moment, check."""
    folder = p.work / f"run{n}"
    folder.mkdir()
    db = folder / "a.db"
    shutil.copy(p.template, db)
    out_dir = p.work / "out"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    # Half the kills anywhere, half in the later part where the command writes (start-up is early).
    low = 0.0 if rng.random() < 0.5 else 0.4
    delay = rng.uniform(p.duration * low, p.duration * 1.1)
    proc = subprocess.Popen(p.scenario.command(db, p.work), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env(folder / "home"))
    time.sleep(delay)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
    code = proc.wait()
    outcome = Outcome(p.scenario.name, round(delay, 3), code, "n/a")
    problem = integrity(db)
    if problem:
        outcome.problems.append(problem)
        return outcome
    state = snapshot(db)
    kind = p.scenario.kind
    if kind in ("transaction", "restore"):
        outcome.state = "before" if state == p.before else "after" if state == p.after else "other"
        if outcome.state == "other":
            outcome.problems.append("partial change: the database is neither as before nor as after")
    elif kind == "backup":
        outcome.state = "before" if state == p.before else "other"
        if state != p.before:
            outcome.problems.append("a backup changed the database")
        target = out_dir / "备份.db"
        if target.exists():
            if integrity(target) or snapshot(target) != p.after_backup:
                outcome.problems.append("the backup file is there but not a complete copy")
        _next_run_cleans(db, out_dir, folder, outcome)
    elif kind == "edits":
        outcome.state = "edited"
    mismatch = history_mismatch(db)
    if mismatch:
        outcome.problems.append(mismatch)
    shutil.rmtree(folder, ignore_errors=True)
    return outcome


def _next_run_cleans(db: Path, out_dir: Path, folder: Path, outcome: Outcome) -> None:
    """A killed backup may leave its temporary file; the next backup into that folder removes it."""
    if not leftovers(out_dir):
        return
    res = subprocess.run(cli("backup", "--out", str(out_dir / "再次备份.db"), "--db", str(db)), capture_output=True,
                         env=env(folder / "home"), timeout=300)
    if res.returncode != 0 or leftovers(out_dir):
        outcome.problems.append(f"temporary files left after the next backup: {leftovers(out_dir)}")


def campaign(names: list[str], runs: int, work: Path, seed: int = 15, log=print) -> list[Outcome]:
    rng = random.Random(seed)
    outcomes: list[Outcome] = []
    for name in names:
        scenario = SCENARIOS[name]
        if scenario.pending:
            log(f"{name}: 命令尚未实现，跳过")
            continue
        p = prepare(scenario, work / name)
        for i in range(runs):
            o = run_once(p, i, rng)
            outcomes.append(o)
            if o.problems:
                log(f"{name} #{i} delay={o.delay}s: {o.problems}")
        states: dict[str, int] = {}
        for o in outcomes:
            if o.scenario == name:
                states[o.state] = states.get(o.state, 0) + 1
        log(f"{name}: {runs} runs, {json.dumps(states)}, ~{p.duration:.1f}s unkilled")
    return outcomes
