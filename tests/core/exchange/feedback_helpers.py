"""Act as a unit would on a feedback workbook, with openpyxl: fill cells by task, sort rows, add rows."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook

from gongkai_desk.core.exchange.feedback_meta import HEADERS, SHEET


def columns(ws) -> tuple[int, dict[str, int]]:
    """(header row, column key → 1-based column) of the feedback table."""
    wanted = {v: k for k, v in HEADERS.items()}
    for row in ws.iter_rows(min_row=1, max_row=30):
        found = {wanted[c.value]: c.column for c in row if c.value in wanted}
        if "status" in found:
            return row[0].row, found
    raise AssertionError("no header")


def task_rows(ws) -> dict[int, int]:
    """task id → sheet row."""
    header, cols = columns(ws)
    out = {}
    for r in range(header + 1, ws.max_row + 1):
        key = ws.cell(r, cols["key"]).value
        if isinstance(key, str) and key.startswith("T"):
            out[int(key[1:])] = r
    return out


def fill(path: Path, edits: dict[int, dict[str, str]], *, signers: dict[str, str] | None = None,
         out: Path | None = None) -> Path:
    """Write ``edits`` (task id → column key → text) and the 填报人 block, like a unit in Excel."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    _, cols = columns(ws)
    rows = task_rows(ws)
    for task_id, values in edits.items():
        for key, text in values.items():
            cell = ws.cell(rows[task_id], cols[key])
            cell.value = text
            if isinstance(text, str) and text.startswith("="):
                cell.data_type = "s"  # text, as a unit types it ('=…), not a formula
    names = {"filled_by": "gongkai_filled_by", "phone": "gongkai_phone", "reviewer": "gongkai_reviewer"}
    for key, text in (signers if signers is not None else {"filled_by": "张三", "phone": "13800000000"}).items():
        sheet, coord = next(iter(wb.defined_names[names[key]].destinations))
        wb[sheet][coord.replace("$", "")].value = text
    target = out or path
    wb.save(target)
    return target


def reorder_rows(path: Path, order: list[int] | None = None) -> None:
    """Move the table's rows into another order (reversed by default), cells and heights with them."""
    wb = load_workbook(path)
    ws = wb[SHEET]
    header, _ = columns(ws)
    first, last = header + 1, ws.max_row
    values = [[(c.value, c.data_type, c._style) for c in ws[r]] for r in range(first, last + 1)]
    order = order or list(reversed(range(len(values))))
    for i, src in enumerate(order):
        for j, (v, kind, style) in enumerate(values[src], start=1):
            c = ws.cell(first + i, j)
            c.value, c._style = v, style
            c.data_type = kind
    wb.save(path)


def resave_with_libreoffice(path: Path, tmp: Path) -> Path:
    """Open and save ``path`` with LibreOffice Calc, as a unit using it would; return the new file."""
    out = tmp / "lo-out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   capture_output=True, timeout=240, check=False)
    result = out / path.name
    assert result.is_file(), "LibreOffice did not write the file"
    return result


def copy_as(path: Path, name: str) -> Path:
    target = path.with_name(name)
    shutil.copy(path, target)
    return target


def today() -> dt.date:
    return dt.date.today()
