"""Feedback workbooks that went through LibreOffice Calc still collect, and they open there."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from gongkai_desk.core.exchange.feedback_marks import RED, write_fixes_workbook
from gongkai_desk.core.exchange.feedback_meta import SHEET
from tests.core.exchange.feedback_fixture import changes_of, export, kinds, make_plan, review
from tests.core.exchange.feedback_helpers import columns, fill, reorder_rows, resave_with_libreoffice, task_rows

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def test_a_file_re_saved_by_libreoffice_calc_collects(ws, tmp_path):
    plan = make_plan(ws)
    path = export(ws, plan, tmp_path / "out")["区财政局"]
    fill(path, {plan.tasks[0]: {"status": "已完成", "done": "已公开政策20条。\n并更新了专栏。"},
                plan.tasks[1]: {"evidence": "=不是公式"}})
    expected = changes_of(review(ws, path)[0])
    saved = resave_with_libreoffice(path, tmp_path)
    assert saved.read_bytes() != path.read_bytes()
    [r] = review(ws, saved)
    assert r.refused is None and r.signers["filled_by"] == "张三"
    assert changes_of(r) == expected and kinds(r) == []
    # and sorted after LibreOffice saved it
    reorder_rows(saved)
    [r] = review(ws, saved)
    assert changes_of(r) == expected
    ws.feedback.accept([r])
    assert ws.progress.row(plan.tasks[0], plan.finance)["done"] == "已公开政策20条。\n并更新了专栏。"
    assert ws.progress.row(plan.tasks[1], plan.finance)["evidence"] == "=不是公式"


def test_a_file_saved_by_libreoffice_then_filled_keeps_its_protection_and_drop_down(ws, tmp_path):
    plan = make_plan(ws)
    path = export(ws, plan, tmp_path / "out")["区教育局"]
    saved = resave_with_libreoffice(path, tmp_path)
    wb = load_workbook(saved)
    sheet = wb[SHEET]
    assert sheet.protection.sheet
    assert any(d.type == "list" for d in sheet.data_validations.dataValidation)
    fill(saved, {plan.tasks[2]: {"status": "已完成"}})
    [r] = review(ws, saved)
    assert changes_of(r) == {(plan.tasks[2], "status", "未启动", "已完成")}


def test_the_exported_workbook_converts_to_pdf(ws, tmp_path):
    plan = make_plan(ws)
    path = export(ws, plan, tmp_path / "out")["区教育局"]
    out = tmp_path / "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)], capture_output=True, timeout=240)
    pdf = out / (path.stem + ".pdf")
    assert pdf.is_file() and pdf.stat().st_size > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        for words in ("落实情况反馈表", "区教育局", "推进财政预决算公开", "填报说明", "2026年6月30日前"):
            assert words in text.replace(" ", "")
        assert "gongkai-desk-feedback" not in text  # the hidden sheet is not printed


def test_the_send_back_workbook_marks_bad_cells_and_collects_again_when_fixed(ws, tmp_path):
    plan = make_plan(ws)
    path = export(ws, plan, tmp_path / "out")["区教育局"]
    fill(path, {plan.tasks[2]: {"status": "差不多了"}, plan.tasks[0]: {"done": "已配合。"}})
    [r] = review(ws, path)
    fixes = write_fixes_workbook(r, tmp_path / "退回修改.xlsx")
    sheet = load_workbook(fixes)[SHEET]
    _, cols = columns(sheet)
    bad = sheet.cell(task_rows(sheet)[plan.tasks[2]], cols["status"])
    assert bad.fill.fgColor.rgb.endswith(RED) and "不是规定的状态" in bad.comment.text
    assert sheet["A4"].value.startswith("【退回修改】")
    assert not bad.protection.locked  # the unit can still correct it
    # the unit corrects it (in LibreOffice) and sends it back: same unit, same round, no problems
    fill(fixes, {plan.tasks[2]: {"status": "已完成"}}, signers={"filled_by": "赵六"})
    saved = resave_with_libreoffice(fixes, tmp_path)
    [again] = review(ws, saved)
    assert again.unit_name == "区教育局" and again.round_number == 1 and kinds(again) == []
    assert changes_of(again) == {(plan.tasks[2], "status", "未启动", "已完成"),
                                 (plan.tasks[0], "done", "", "已配合。")}
