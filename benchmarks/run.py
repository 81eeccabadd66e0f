"""Run every benchmark and print each figure beside its baseline or goal:

    python benchmarks/run.py            # all
    python benchmarks/run.py startup    # one of: startup, parse, review

Record what it prints in benchmarks/RESULTS.md (with the machine and its load).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = {"startup": "bench_startup.py", "parse": "bench_parse.py", "review": "bench_review_export.py"}


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", HERE / BENCHES[name])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    names = argv or list(BENCHES)
    for name in names:
        if name not in BENCHES:
            print(f"未知的测速项目：{name}（可选：{', '.join(BENCHES)}）", file=sys.stderr)
            return 2
        print(f"\n=== {name} ===", flush=True)
        sys.argv = [str(HERE / BENCHES[name])]  # each benchmark parses its own (default) options
        _load(name).main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
