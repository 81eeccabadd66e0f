"""Parsing speed: each seed document (goal ≤ 50 ms), generated 1k/5k/10k-task plans (10k ≤ 1 s), and
1 MB / 5 MB texts of three shapes — a prose plan, a flattened table (one cell per line) and lines damaged
by a GBK misalignment (the repair pass) — against 2 s per MB (issue 15: a 5 MB input within 10 s).

Times ``parse_text`` on text already in memory (file reading excluded), median of several runs
after one warm-up run (which also loads OpenCC); the parser's memo caches are emptied before
every timed run. Growth should be linear: the per-task time of
the 10k document should stay close to that of the 1k document.

    /work/venv/bin/python benchmarks/bench_parse.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

from gongkai_desk.core import deadlines
from gongkai_desk.core.imports import units
from gongkai_desk.core.imports.parse import headers, kinds, parse_text, unit_notes
from gongkai_desk.core.imports.parse.text_reader import read_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SEED_GOAL_S = 0.050
TEN_K_GOAL_S = 1.0
_CN = "一二三四五六七八九十"
_UNITS = ["市审批局", "市发改委", "市市场监管局", "市财政局", "市司法局", "市教育局", "市卫健委", "市住建局"]


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def generate(tasks: int) -> str:
    """Return a plan text shaped like seed 004 with ``tasks`` numbered tasks."""
    lines = ["某某市人民政府办公室", "2024年3月1日", "2024年某某市政务公开重点工作任务分解"]
    per_sub, subs_per_top = 10, 10
    n = 0
    top = 0
    while n < tasks:
        top += 1
        lines.append(f"{_cn(min(top, 99))}、以公开助力第{top}项重点工作")
        item = 0  # items are numbered within each top-level section
        for s in range(subs_per_top):
            if n >= tasks:
                break
            lines.append(f"（{_cn(s + 1)}）加强第{top}.{s + 1}领域的信息公开。")
            for _ in range(per_sub):
                if n >= tasks:
                    break
                n += 1
                item += 1
                lead = "、".join(_UNITS[(n + k) % len(_UNITS)] for k in range(2))
                lines.append(f"{item}.做好第{n}项政策文件的制定、解读、执行落实情况公开，增强政策透明度，"
                             f"年底前完成专栏更新。（牵头单位：{lead}；责任单位：市直各部门、各县市区）")
    return "\n".join(lines) + "\n"


def _cold_caches() -> None:
    """Empty the parser's memo caches so a run does not profit from the previous one."""
    for fn in (units._split_units, unit_notes._parse, unit_notes._find_notes, units.is_unit_name,
               deadlines.looks_like_deadline,
               kinds.kind, kinds.is_unit_list, headers.header_evidence):
        fn.cache_clear()


def _median(text: str) -> tuple[float, int]:
    plan = parse_text(text)  # warm-up (loads OpenCC)
    times = []
    for _ in range(RUNS):
        _cold_caches()
        t0 = time.perf_counter()
        parse_text(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), len(plan.tasks)


def main() -> int:
    print(f"parse_text, median of {RUNS} runs")
    ok = True
    for path in sorted(SEEDS.glob("*.txt")):
        secs, n = _median(read_text(path))
        ratio = secs / SEED_GOAL_S
        ok &= ratio <= 1
        print(f"  seed {path.name[:3]}  {n:>5} tasks  {secs * 1000:7.1f} ms  goal ≤ {SEED_GOAL_S * 1000:.0f} ms  "
              f"ratio {ratio:.2f}")
    per_task = {}
    for size in (1000, 5000, 10000):
        secs, n = _median(generate(size))
        per_task[size] = secs / n
        goal = TEN_K_GOAL_S * size / 10000
        ratio = secs / goal
        if size == 10000:
            ok &= ratio <= 1
        print(f"  generated {n:>6} tasks  {secs * 1000:8.1f} ms  goal ≤ {goal * 1000:.0f} ms (linear from 1 s/10k)  "
              f"ratio {ratio:.2f}")
    growth = per_task[10000] / per_task[1000]
    print(f"  per-task time 10k / 1k: {growth:.2f} (1.00 = linear)")
    for shape, make in (("prose plan", _prose), ("flattened table", _flat_table), ("damaged lines", _damaged)):
        per_mb = {}
        for mb in (1, 5):
            text = make(mb * 1024 * 1024)
            size = len(text.encode("utf-8")) / 1024 / 1024
            t0 = time.perf_counter()
            plan = parse_text(text)
            secs = time.perf_counter() - t0
            per_mb[mb] = secs / size
            ok &= secs <= 2 * size
            print(f"  {shape:15} {size:4.1f} MB {len(plan.tasks):>6} tasks  {secs:6.2f} s  goal ≤ {2 * size:.0f} s  "
                  f"ratio {secs / (2 * size):.2f}")
        print(f"  {shape:15} per-MB time 5 MB / 1 MB: {per_mb[5] / per_mb[1]:.2f} (1.00 = linear)")
    return 0 if ok else 1


def _prose(size: int) -> str:
    per_task = len(generate(100).encode("utf-8")) / 100
    return generate(int(size / per_task))


def _flat_table(size: int) -> str:
    """A flattened 目标/任务/主要内容/牵头单位/责任单位 table, one cell per line (seed 000's shape)."""
    lines = ["某某区2024年政务公开工作要点实施方案", "目标", "任务", "主要内容", "牵头单位", "责任单位"]
    n = total = 0
    while total < size:
        n += 1
        if n % 50 == 1:
            lines.append(f"{_cn(min(n // 50 + 1, 99))}、推进第{n // 50 + 1}方面重点工作")
        if n % 10 == 1:
            lines.append(f"（{_cn(n // 10 % 10 + 1)}）加强第{n // 10 + 1}领域的信息公开")
        row = [f"做好第{n}项政策文件的制定、解读、执行落实情况公开，增强政策透明度，及时回应社会关切。",
               _UNITS[n % len(_UNITS)], f"{_UNITS[(n + 3) % len(_UNITS)]}、各有关部门"]
        lines += row
        total += sum(len(x.encode("utf-8")) + 1 for x in row)
    return "\n".join(lines) + "\n"


def _damaged(size: int) -> str:
    """Seed 004's lines, half of the headings damaged by a GBK misalignment, repeated to ``size``."""
    seed = read_text(next(SEEDS.glob("004_*.txt")))
    lines = seed.splitlines()
    block = "\n".join(lines[5:]) + "\n"
    return "\n".join(lines[:5]) + "\n" + block * max(1, size // len(block.encode("utf-8")))


if __name__ == "__main__":
    sys.exit(main())
