"""Run the fault campaigns at length: ``python -m tests.faults.campaign --runs 100``.

Each scenario's command is killed with SIGKILL at random moments (``harness``), and the
disk-full and two-writer runs repeat (``disks``); every outcome is checked. The normal test
run does a handful of each (tests/faults/test_faults.py); ``GONGKAI_FAULT_RUNS=N pytest
tests/faults`` runs N kills per scenario there too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.faults import disks, harness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fault campaigns: SIGKILL at random moments, full disks, two writers.")
    parser.add_argument("--runs", type=int, default=100, help="kills per scenario (default 100)")
    parser.add_argument("--only", default=",".join(harness.SCENARIOS), help="scenarios, comma-separated")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--disk-runs", type=int, default=10, help="disk-full runs (needs root for tmpfs)")
    parser.add_argument("--writer-runs", type=int, default=10, help="two-writer runs")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gongkai-faults-") as tmp:
        work = Path(tmp)
        outcomes = harness.campaign(args.only.split(","), args.runs, work, seed=args.seed)
        bad = [o for o in outcomes if o.problems]
        disk_bad = writer_bad = 0
        for i in range(args.disk_runs):
            problems = disks.disk_full_run(work / f"disk{i}", seed=args.seed + i)
            if problems is None:
                print("disk-full: needs root to mount a small tmpfs; skipped")
                break
            disk_bad += bool(problems)
            if problems:
                print(f"disk-full #{i}: {problems}")
        for i in range(args.writer_runs):
            problems = disks.two_writers_run(work / f"writers{i}")
            writer_bad += bool(problems)
            if problems:
                print(f"two writers #{i}: {problems}")
    print(f"{len(outcomes)} killed runs, {len(bad)} with problems; disk-full problems {disk_bad}; "
          f"two-writer problems {writer_bad}; {time.monotonic() - t0:.0f} s")
    return 1 if bad or disk_bad or writer_bad else 0


if __name__ == "__main__":
    sys.exit(main())
