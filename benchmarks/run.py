"""Run every benchmark and print each figure beside its baseline or goal:

    python benchmarks/run.py            # all
    python benchmarks/run.py startup    # one of: startup, filter, parse, review, feedback, overview

Record what it prints in benchmarks/RESULTS.md (with the machine and its load).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = {"startup": "bench_startup.py", "filter": "bench_filter.py", "parse": "bench_parse.py",
           "review": "bench_review_export.py", "feedback": "bench_feedback.py", "overview": "bench_overview.py"}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    for name in names:
        if name not in BENCHES:
            print(f"未知的测速项目：{name}（可选：{', '.join(BENCHES)}）", file=sys.stderr)
            return 2
        print(f"\n=== {name} ===", flush=True)
        # Each benchmark in a process of its own: in one process the heap an earlier one left (the
        # 5 MB parses) made the garbage collector slow the next one's figures by up to 2×.
        subprocess.run([sys.executable, str(HERE / BENCHES[name])], cwd=HERE.parent, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
