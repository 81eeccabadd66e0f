"""Benchmark the review table exporters against raw openpyxl / python-docx writing the same cells.

Goals (issue 4): .xlsx of 2,000 tasks ≤ 1.3× raw ``ws.append`` + save; .docx of 500 rows ≤ 1.3×
raw ``table.add_row()`` + ``row.cells[j].text = …`` + save. Run:
``/work/venv/bin/python benchmarks/bench_review_export.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gongkai_desk.core.demo import make_demo  # noqa: E402
from gongkai_desk.core.reports.review import build_review, printed_columns  # noqa: E402
from gongkai_desk.core.reports.review_model import ReviewOptions  # noqa: E402
from gongkai_desk.core.workspace import Workspace  # noqa: E402


def demo_document(tasks: int):
    """Return the review document of a demo plan with ``tasks`` tasks (realistic texts)."""
    ws = Workspace.open(":memory:")
    pid = make_demo(ws, tasks=tasks).id
    start = time.perf_counter()
    doc = build_review(ws, pid, ReviewOptions())
    built = time.perf_counter() - start
    ws.close()
    return doc, built


def table_rows(doc) -> tuple[list[str], list[list[str]]]:
    """Return the header and the rows as the exporters print them (section rows: one cell)."""
    table = doc.tables[0]
    keys = [k for k, _ in printed_columns(table)]
    rows: list[list[str]] = []
    for sec in table.sections:
        if sec.title:
            rows.append([sec.title])
        rows.extend([r.cells.get(k, "") for k in keys] for r in sec.rows)
    return [h for _, h in printed_columns(table)], rows


def raw_xlsx(doc, path: Path) -> None:
    from openpyxl import Workbook

    header, rows = table_rows(doc)
    wb = Workbook()
    ws = wb.active
    ws.append([doc.tables[0].title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(str(path))


def raw_docx(doc, path: Path) -> None:
    from docx import Document

    header, rows = table_rows(doc)
    d = Document()
    d.add_paragraph(doc.tables[0].title)
    table = d.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for j, text in enumerate(row):
            cells[j].text = text
    d.save(str(path))


def median_times(ours, raw, doc, out: Path, suffix: str, repeat: int) -> tuple[float, float]:
    """Return the median times of ``ours`` and ``raw``, run alternately so load spikes hit both."""
    mine, base = [], []
    for _ in range(repeat):
        for fn, times, name in ((raw, base, "raw"), (ours, mine, "ours")):
            start = time.perf_counter()
            fn(doc, out / f"{name}{suffix}")
            times.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(base)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    import docx  # noqa: F401  (import cost is not part of either figure)
    import openpyxl  # noqa: F401

    from gongkai_desk.core.exporters.docx.review import write_review_docx
    from gongkai_desk.core.exporters.xlsx.review import write_review_xlsx

    out = Path(tempfile.mkdtemp(prefix="bench_review_"))
    results = []
    for label, tasks, ours, raw, suffix in (
        ("xlsx 2,000 tasks", 2000, write_review_xlsx, raw_xlsx, ".xlsx"),
        ("docx 500 rows", 500, write_review_docx, raw_docx, ".docx"),
    ):
        doc, built = demo_document(tasks)
        ours(doc, out / f"warm{suffix}")  # warm caches and lazy imports
        mine, base = median_times(ours, raw, doc, out, suffix, args.repeat)
        ratio = mine / base
        results.append(ratio)
        print(f"{label}: exporter {mine:.3f} s, raw baseline {base:.3f} s, ratio {ratio:.2f}× "
              f"(goal ≤ 1.30×; building the table data from the database: {built:.3f} s)")
    return 0 if all(r <= 1.3 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
