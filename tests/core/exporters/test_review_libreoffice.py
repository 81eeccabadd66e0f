"""Prove the review exports open in a real office suite: LibreOffice converts them to PDF."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.exporters.review import export_review
from gongkai_desk.core.reports.review_model import ReviewOptions

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def _pages(pdf) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_fifty_task_export_converts_to_pdf(ws, tmp_path, suffix):
    pid = make_demo(ws, tasks=50).id
    src = export_review(ws, pid, tmp_path / f"review{suffix}", ReviewOptions(maker="示例区政府办公室"))
    out = tmp_path / "pdf"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(src)],
        capture_output=True, timeout=240, check=False,
    )
    pdf = out / "review.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000
    # 50 wrapped tasks cannot fit on one landscape page; one page would mean lost rows.
    assert _pages(pdf) >= 2
