"""export review on the command line (shared/CLI.md): files written, path printed, errors in Chinese."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "a.db"
    res = run_cli("demo", "--tasks", "30", db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    return db, int(res.stdout.decode("utf-8").strip().splitlines()[-1])


def test_export_review_xlsx_prints_the_path(demo_db, tmp_path):
    import openpyxl

    db, pid = demo_db
    out = tmp_path / "回头看.xlsx"
    res = run_cli("export", "review", "--plan", str(pid), "--out", str(out), db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    assert res.stdout.decode("utf-8").strip().splitlines()[-1] == str(out)
    sheet = openpyxl.load_workbook(str(out)).active
    assert sheet["A1"].value.endswith("年示例区政务公开工作要点落实情况表")  # the plan's locality kept


def test_export_review_options(demo_db, tmp_path):
    import docx

    db, pid = demo_db
    out = tmp_path / "units.docx"
    res = run_cli("export", "review", "--plan", str(pid), "--out", str(out), "--columns", "number,text,status",
                  "--per-unit", "--unfinished-only", "--title", "自查表", db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    d = docx.Document(str(out))
    assert len(d.tables) > 1
    assert [c.text for c in d.tables[0].rows[0].cells] == ["序号", "具体任务", "完成状态"]
    assert d.paragraphs[0].text.startswith("自查表（")
    statuses = {r.cells[2].text for t in d.tables for r in t.rows[1:]}
    assert "已完成" not in statuses


def test_export_review_pdf_without_a_display(demo_db, tmp_path):
    db, pid = demo_db
    out = tmp_path / "r.pdf"
    res = run_cli("export", "review", "--plan", str(pid), "--out", str(out), db=db,
                  env={"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": ""})
    assert res.returncode == 0, res.stderr.decode("utf-8")
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 5000


def test_columns_take_the_names_clerks_use(demo_db, tmp_path):
    import docx

    db, pid = demo_db
    out = tmp_path / "local.docx"
    res = run_cli("export", "review", "--plan", str(pid), "--out", str(out),
                  "--columns", "序号,工作任务,牵头单位,完成情况,存在问题", db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    header = [c.text for c in docx.Document(str(out)).tables[0].rows[0].cells]
    # The headers are the names the clerk asked for (the local template's), not the program's.
    assert [h.replace("\n", "") for h in header] == ["序号", "工作任务", "牵头单位", "完成情况", "存在问题"]
    import openpyxl

    out = tmp_path / "local.xlsx"
    res = run_cli("export", "review", "--plan", str(pid), "--out", str(out),
                  "--columns", "number,工作任务,整改措施,完成状态", db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    sheet = openpyxl.load_workbook(str(out)).active
    row = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "序号")
    assert [h.replace("\n", "") for h in row] == ["序号", "工作任务", "整改措施", "完成状态", "逾期/提示"]


def test_columns_without_the_task_text_get_it_with_a_note(demo_db, tmp_path):
    import openpyxl

    db, pid = demo_db
    out = tmp_path / "t.xlsx"
    res = run_cli("export", "review", "--plan", str(pid), "--out", str(out), "--columns", "序号,落实情况", db=db)
    assert res.returncode == 0
    assert "具体任务" in res.stderr.decode("utf-8")  # never silently
    sheet = openpyxl.load_workbook(str(out)).active
    assert [c.value for c in sheet[2]] == ["序号", "具体任务", "落实情况"]


@pytest.mark.parametrize("args, words", [
    (["--out", "x.txt"], "不支持的导出格式"),
    (["--out", "x.xlsx", "--columns", "number,nope"], "未知的列“nope”"),
    (["--out", "x.xlsx", "--columns", "序号,工作进度表"], "工作任务"),  # the accepted names are listed
])
def test_export_review_refuses_in_chinese(demo_db, tmp_path, args, words):
    db, pid = demo_db
    args = [a if a not in ("x.txt", "x.xlsx") else str(tmp_path / a) for a in args]
    res = run_cli("export", "review", "--plan", str(pid), *args, db=db)
    err = res.stderr.decode("utf-8")
    assert res.returncode == 1 and words in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_export_review_unknown_plan(demo_db, tmp_path):
    db, _ = demo_db
    res = run_cli("export", "review", "--plan", "999", "--out", str(tmp_path / "x.docx"), db=db)
    assert res.returncode == 1 and "999" in res.stderr.decode("utf-8")
