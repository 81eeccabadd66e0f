"""Benchmark feedback workbooks (issue 10): export 60 units' workbooks of a 500-task plan, and collect
100 returned workbooks (read + review) beside raw ``openpyxl.load_workbook`` of the same 100 files.

Goals: collecting 100 workbooks ≤ 5 s and ≤ 1.5× the raw load. The export is printed beside raw
openpyxl writing the same cells (``ws.append`` + save), for scale. Run:
``.venv/bin/python benchmarks/bench_feedback.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai_desk.core.changes import Changes  # noqa: E402
from gongkai_desk.core.demo import make_demo  # noqa: E402
from gongkai_desk.core.model import Role  # noqa: E402
from gongkai_desk.core.storage import rows  # noqa: E402
from gongkai_desk.core.workspace import Workspace  # noqa: E402

TASKS, UNITS, EXPORTED, COLLECTED = 500, 100, 60, 100


def plan_with_units(ws) -> int:
    """The 500-task demo plan with its 20 units, plus 80 more, so that 100 units share its tasks."""
    pid = make_demo(ws, tasks=TASKS).id
    tasks = [t.id for t in ws.tasks.of_plan(pid)]

    def build(r) -> None:
        extra = [r.insert("units", rows.unit(name=f"区第{i}局")) for i in range(1, UNITS - 20 + 1)]
        for n, task_id in enumerate(tasks):
            for k in range(2):
                r.insert("assignments", rows.assignment(task_id=task_id, unit_id=extra[(2 * n + k) % len(extra)],
                                                        role=Role.RESPONSIBLE.value, position=10 + k))

    ws.run("加单位", Changes(units=True, progress=True, plan_id=pid), build)
    return pid


def raw_write(draft, folder: Path) -> None:
    """The same cells as plain values: header, one row per task, the meta cells, saved."""
    from openpyxl import Workbook

    for sheet in draft.sheets:
        wb = Workbook()
        ws = wb.active
        ws.append(["序号", "任务内容", "完成时限", "角色", "完成状态", "落实情况", "存在问题", "下步计划", "佐证材料", "识别码"])
        for r in sheet.meta.rows:
            ws.append([*r.locked, *r.sent, f"T{r.task_id}"])
        meta = wb.create_sheet("_meta")
        for text in sheet.meta_cells:
            meta.append([text])
        wb.save(str(folder / sheet.file_name))


def fill_returns(paths: list[Path]) -> None:
    """Act as each unit: change two rows and sign (not timed)."""
    from openpyxl import load_workbook

    for p in paths:
        wb = load_workbook(p)
        sheet = wb["反馈表"]
        for r in (6, 7):
            if sheet.cell(r, 10).value:
                sheet.cell(r, 5).value = "已完成"
                sheet.cell(r, 6).value = "已按要求完成，并在门户网站公开相关信息。"
        sheet["B3"] = "张三"
        wb.save(p)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from openpyxl import load_workbook

    from gongkai_desk.core.exchange.feedback_read import read_files
    from gongkai_desk.core.exchange.feedback_workbook import write_round

    ws = Workspace.open(":memory:")
    pid = plan_with_units(ws)
    units, _groups = ws.feedback.plan_units(pid)
    assert len(units) == UNITS, len(units)
    out = Path(tempfile.mkdtemp(prefix="bench_feedback_"))

    ours_export, raw_export = [], []
    for i in range(args.repeat):
        folder_raw, folder_ours = out / f"raw{i}", out / f"ours{i}"
        folder_raw.mkdir()
        draft = ws.feedback.prepare(pid, [u for u, _ in units[:EXPORTED]])
        raw_export.append(timed(lambda: raw_write(draft, folder_raw)))
        ours_export.append(timed(lambda: write_round(ws.feedback.prepare(pid, [u for u, _ in units[:EXPORTED]]).sheets,
                                                     folder_ours)))
    mine, base = statistics.median(ours_export), statistics.median(raw_export)
    rows_written = sum(len(s.meta.rows) for s in draft.sheets)
    print(f"export {EXPORTED} units' workbooks ({rows_written} task rows, {TASKS}-task plan): "
          f"{mine:.2f} s (building from the database included), raw openpyxl append+save {base:.2f} s, "
          f"ratio {mine / base:.2f}×")

    paths, round_draft = ws.feedback.export(pid, out / "round", [u for u, _ in units[:COLLECTED]])
    fill_returns(paths)
    ours_collect, raw_collect = [], []
    reviews = []
    for _ in range(args.repeat):
        raw_collect.append(timed(lambda: [load_workbook(p) for p in paths]))
        ours_collect.append(timed(lambda: reviews.append(ws.feedback.review(read_files(paths)))))
    mine, base = statistics.median(ours_collect), statistics.median(raw_collect)
    changes = sum(len(r.changes) for r in reviews[-1])
    assert all(r.refused is None for r in reviews[-1]) and changes >= COLLECTED
    accept = timed(lambda: ws.feedback.accept(reviews[-1]))
    ok = mine <= 5.0 and mine / base <= 1.5
    print(f"collect {COLLECTED} returned workbooks (read + review, {changes} changes): {mine:.2f} s, "
          f"raw openpyxl.load_workbook {base:.2f} s, ratio {mine / base:.2f}× (goal ≤ 5 s and ≤ 1.50×); "
          f"accepting them: {accept:.2f} s")
    ws.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
