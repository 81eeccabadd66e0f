"""Export a plan's review table (回头看 / 落实情况表) to .docx, .xlsx or .pdf, chosen by suffix."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Callable

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.exporters import check_out_path, replace_into, temp_beside
from gongkai_desk.core.reports.review import build_review
from gongkai_desk.core.reports.review_model import ReviewDocument, ReviewOptions

SUFFIXES = (".docx", ".xlsx", ".pdf")


def _writer(suffix: str) -> Callable[[ReviewDocument, Path], Path]:
    """Return the writer for ``suffix``; heavy libraries load only when used."""
    if suffix == ".docx":
        from gongkai_desk.core.exporters.docx.review import write_review_docx

        return write_review_docx
    if suffix == ".xlsx":
        from gongkai_desk.core.exporters.xlsx.review import write_review_xlsx

        return write_review_xlsx
    if suffix == ".pdf":
        # PDF goes through Qt's printing so it matches the print preview exactly. Imported by
        # name at run time: core must not import PySide6 at module level (core/ is Qt-free).
        import importlib

        return importlib.import_module("gongkai_desk.ui.printing.print_review").write_pdf
    raise ValidationError(
        f"不支持的导出格式“{suffix or '（无扩展名）'}”，请将文件名改为以 .docx、.xlsx 或 .pdf 结尾。"
    )


def export_review(
    ws,
    plan_id: int,
    out_path: str | Path,
    options: ReviewOptions | None = None,
    *,
    today: _dt.date | None = None,
) -> Path:
    """Build the review table of ``plan_id`` and write it to ``out_path``; return the path.

    The file is written beside the target under a temporary name and renamed at the end, so
    a failure (or a file open in Word) never leaves half a file behind.
    """
    out = Path(out_path)
    write = _writer(out.suffix.lower())
    check_out_path(out)
    if not out.parent.is_dir():
        raise ValidationError(f"保存位置“{out.parent}”不存在，请选择一个已有的文件夹。")
    doc = build_review(ws, plan_id, options or ReviewOptions(), today=today)
    return write_document(doc, out, write)


def write_document(doc: ReviewDocument, out_path: str | Path, write=None) -> Path:
    """Write an already built ``doc`` to ``out_path`` atomically (writer chosen by suffix)."""
    out = Path(out_path)
    write = write or _writer(out.suffix.lower())
    check_out_path(out)
    tmp = temp_beside(out, ".~")
    try:
        write(doc, tmp)
        replace_into(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out
