"""Issue 15, exports: control characters never break a .docx, no cell exceeds what Excel or
LibreOffice can open, and a shortened cell says so in the cell itself."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest
from docx import Document
from openpyxl import load_workbook

from gongkai_desk.core.annual.samples import kiro_example
from gongkai_desk.core.exporters import limits
from gongkai_desk.core.exporters.annual import export_annual_report
from gongkai_desk.core.exporters.review import export_review
from gongkai_desk.core.reports.review_model import ReviewOptions

CONTROL = "\x01\x07\x0b\x1f"


def _docx_texts(path) -> list[str]:
    d = Document(str(path))
    out = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            out += [c.text for c in row.cells]
    return out


def _xlsx_texts(path) -> list[str]:
    wb = load_workbook(str(path))
    return [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def test_clean_and_bound():
    assert limits.clean("a\x07b\x0bc\x01\r\nd\u2028e") == "abc\nd\ne"
    text = "字" * 200_005
    cut = limits.bound(text, limits.XLSX_CELL_MAX, "Excel ")
    assert len(cut) == limits.XLSX_CELL_MAX
    assert "原文共200005字" in cut and cut.startswith("字" * 1000)
    assert limits.bound("短", 10) == "短"


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_control_characters_in_titles_and_tasks_do_not_break_the_export(ws, tmp_path, suffix):
    pid = ws.plans.create(year=2026, title="计划").id
    sid = ws.plans.add_section(pid, title=f"部分{CONTROL}标题").id
    ws.tasks.add(pid, section_id=sid, text=f"从Word复制的任务{CONTROL}内容")
    out = export_review(ws, pid, tmp_path / f"r{suffix}", ReviewOptions(title=f"回头看{CONTROL}表"))
    texts = _docx_texts(out) if suffix == ".docx" else _xlsx_texts(out)
    joined = "\n".join(texts)
    assert "回头看表" in joined and "部分标题" in joined and "任务" in joined
    assert not any(ch in joined for ch in "\x01\x07\x1f")


def test_control_characters_in_an_annual_report_section_do_not_break_the_docx(ws, tmp_path):
    ws.annual.set_stats_cells(2023, kiro_example(2023).cells(), label="测试")
    ws.annual.set_meta(2023, issuer="示例区\x07人民政府", report_date="2024-01-20")
    for no in ("一", "五", "六"):
        ws.annual.set_text(2023, no, f"第{no}部分\x01的文字\x07。")
    out = export_annual_report(ws, 2023, tmp_path / "r.docx")
    joined = "\n".join(_docx_texts(out))
    assert "示例区人民政府" in joined and "的文字。" in joined and "\x07" not in joined


def test_a_cell_over_excels_limit_is_shortened_with_a_visible_note(ws, tmp_path):
    pid = ws.plans.create(year=2026, title="计划").id
    ws.tasks.add(pid, text="很长" * 100_002 + "尾")  # 200,005 characters
    out = export_review(ws, pid, tmp_path / "r.xlsx")
    texts = _xlsx_texts(out)
    assert max(len(t) for t in texts) <= 32_767
    long = max(texts, key=len)
    assert "原文共200005字" in long and "只导出了前" in long


def test_a_very_long_task_is_bounded_in_word_with_a_note(ws, tmp_path):
    pid = ws.plans.create(year=2026, title="计划").id
    ws.tasks.add(pid, text="政务公开任务内容，" * 11_112)  # 100,008 characters
    out = export_review(ws, pid, tmp_path / "r.docx")
    long = max(_docx_texts(out), key=len)
    assert len(long) <= limits.DOCX_CELL_MAX and "原文共100008字" in long


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_100000_character_task_quickly(ws, tmp_path):
    pid = ws.plans.create(year=2026, title="计划").id
    ws.tasks.add(pid, text="政务公开任务内容，" * 11_112)
    src = export_review(ws, pid, tmp_path / "r.docx")
    t0 = time.monotonic()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=240)
    assert (tmp_path / "r.pdf").is_file()
    assert time.monotonic() - t0 < 60  # was over 150 s before the bound
