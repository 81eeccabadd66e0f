"""Export a plan's review table (回头看 / 落实情况表) to .docx, .xlsx or .pdf, chosen by suffix.

Word and Excel are written here. A PDF must look exactly like the print preview, which Qt
paints; the core never imports Qt, so the caller that may use Qt (the CLI, the window) hands
the PDF writer in as ``pdf_writer``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path

from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.exporters import limits
from gongkai_desk.core.files import write_atomic
from gongkai_desk.core.reports.review import build_review
from gongkai_desk.core.reports.review_model import ReviewDocument, ReviewOptions

SUFFIXES = (".docx", ".xlsx", ".pdf")
Writer = Callable[[ReviewDocument, Path], object]


def _writer(suffix: str, pdf_writer: Writer | None) -> Writer:
    """Return the writer for ``suffix``; heavy libraries load only when used."""
    if suffix == ".docx":
        from gongkai_desk.core.exporters.docx.review import write_review_docx

        return write_review_docx
    if suffix == ".xlsx":
        from gongkai_desk.core.exporters.xlsx.review import write_review_xlsx

        return write_review_xlsx
    if suffix == ".pdf":
        if pdf_writer is None:
            raise ValidationError("这里不能导出 PDF，请导出为 .docx 或 .xlsx，或在窗口中用“打印预览”另存为 PDF。")
        return pdf_writer
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
    pdf_writer: Writer | None = None,
    prepare: Callable[[ReviewDocument], ReviewDocument] | None = None,
) -> Path:
    """Build the review table of ``plan_id`` and write it to ``out_path``; return the path.

    ``prepare(doc)`` sees the built document before it is written and returns the one to write
    (the publication check: it may mask personal data, or raise to cancel the export).
    """
    out = Path(out_path)
    write = _writer(out.suffix.lower(), pdf_writer)
    doc = build_review(ws, plan_id, options or ReviewOptions(), today=today)
    if prepare is not None:
        doc = prepare(doc)
    doc = limits.review_document(doc, out.suffix)
    return write_atomic(out, lambda tmp: write(doc, tmp))


def write_document(doc: ReviewDocument, out_path: str | Path, write: Writer | None = None, *,
                   pdf_writer: Writer | None = None) -> Path:
    """Write an already built ``doc`` to ``out_path`` atomically (``write``, or chosen by suffix)."""
    out = Path(out_path)
    write = write or _writer(out.suffix.lower(), pdf_writer)
    doc = limits.review_document(doc, out.suffix)
    return write_atomic(out, lambda tmp: write(doc, tmp))
