"""The overview workbook (native charts), the 落实情况通报 and the 催办通知, reopened and measured;
converted by LibreOffice to prove they open (charts rendered)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.lights import STRONG
from gongkai_desk.core.exporters.overview import export_chasing_notices, export_overview
from gongkai_desk.core.reports.overview import build_overview

ON = dt.date(2026, 12, 1)


@pytest.fixture
def plan(ws):
    ws.settings.set_office(name="示例区人民政府办公室", contact="张明", phone="0123-4567890")
    return make_demo(ws, tasks=40, year=2026).id


def _png(kind, ov, w, h):
    """A tiny valid PNG standing in for the Qt painter (the core never imports Qt)."""
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def test_workbook_tables_lights_and_charts(ws, plan, tmp_path):
    import openpyxl
    from openpyxl.chart import BarChart, LineChart

    ov = build_overview(ws, plan, ON)
    path = export_overview(ws, plan, tmp_path / "总览.xlsx", ON)
    book = openpyxl.load_workbook(path)
    sheet = book["总览"]
    assert sheet["A1"].value == f"{ov.title}落实情况总览"
    assert sheet["A5"].value == "单位" and sheet["G5"].value == "提醒"
    names = [sheet.cell(row=r, column=1).value for r in range(6, 6 + len(ov.units))]
    assert names == [u.unit for u in ov.units]
    red = next(r for r in range(6, 6 + len(ov.units)) if sheet.cell(row=r, column=7).value == "红 · 逾期")
    assert sheet.cell(row=red, column=7).fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet.cell(row=6, column=4).number_format == "0.0%"
    charts = sheet._charts
    assert all(type(c) is BarChart and c.type == "bar" for c in charts)
    # Every bar in its light's colour: the unit charts' bars, in order, are the units; then the sections'.
    bars = [p.graphicalProperties.solidFill.srgbClr for c in charts for p in c.series[0].dPt]
    assert bars == [STRONG[u.light.color] for u in ov.units] + [STRONG[s.color] for s in ov.sections]
    assert {STRONG["red"], STRONG["green"]} <= set(bars)
    assert [s.color for s in ov.sections] == ["red" if s.overdue else "yellow" if s.due_soon else "green"
                                              for s in ov.sections]
    # No chart straddles a printed page: each starts after a manual row break and fits one landscape page.
    breaks = {b.id for b in sheet.row_breaks.brk}
    assert all(c.anchor._from.row in breaks and c.height <= 15.0 for c in charts)  # _from.row is 0-based
    assert len(charts) > 2 and charts[0].title is not None  # 22 units: the unit chart is drawn in parts
    assert sheet.print_area and sheet.page_setup.orientation == "landscape"
    lists = book["逾期与临近期限"]
    assert lists.max_row - 4 == ov.overdue + ov.due_soon
    assert [type(c) for c in book["完成进度"]._charts] == [LineChart]
    assert book["通报排名"]["B5"].value == ov.ranking()[0].unit


def test_report_document_layout(ws, plan, tmp_path):
    import docx
    from docx.shared import Pt

    ov = build_overview(ws, plan, ON)
    path = export_overview(ws, plan, tmp_path / "通报.docx", ON, chart_png=_png)
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2026年政务公开工作要点落实情况通报"
    title_run = document.paragraphs[0].runs[0]
    assert title_run.font.size == Pt(22)
    assert "一、总体情况" in texts and "三、各单位落实情况排名" in texts
    assert any(t.startswith("（一）以公开助力经济平稳健康发展") for t in texts)
    assert texts[-2:] == ["示例区人民政府办公室", "2026年12月1日"]
    # one table per section, then the ranking
    assert len(document.tables) == len(ov.sections) + 1
    assert len(document.inline_shapes) == 2  # the unit and section charts
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.top_margin.cm, 1) == 3.7
    ranking = document.tables[-1]
    assert ranking.rows[1].cells[1].text == ov.ranking()[0].unit
    assert "王" not in "".join(c.text for row in ranking.rows for c in row.cells)  # units only, never people


def test_chasing_notices_one_per_unit(ws, plan, tmp_path):
    import docx

    ov = build_overview(ws, plan, ON)
    groups = {u.unit_id for u in ov.units if u.is_group}
    units = {i.unit for i in ov.overdue_list + ov.due_soon_list if i.unit_id is not None and i.unit_id not in groups}
    files = export_chasing_notices(ws, plan, tmp_path / "催办", ON)
    assert len(files) == len(units)
    document = docx.Document(str(files[0]))
    unit = document.paragraphs[2].text.rstrip("：")
    assert unit in units and document.paragraphs[0].text == "催办通知"
    rows = document.tables[0].rows
    mine = [i for i in ov.overdue_list + ov.due_soon_list if i.unit == unit]
    assert len(rows) - 1 == len(mine)
    assert rows[1].cells[4].text in ("红 · 逾期",) or rows[1].cells[4].text.startswith("黄")
    body = "\n".join(p.text for p in document.paragraphs)
    assert "2026年12月8日前" in body  # five working days after 1 December
    assert "联系人：张明，联系电话：0123-4567890。" in body
    with pytest.raises(ValidationError, match="没有逾期或临近期限的任务"):
        export_chasing_notices(ws, plan, tmp_path / "x", ON, units=["不存在的局"])
    with pytest.raises(ValidationError, match="以 .xlsx 或 .docx 结尾"):
        export_overview(ws, plan, tmp_path / "总览.pdf", ON)


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_and_renders_the_exports(ws, plan, tmp_path):
    src = [export_overview(ws, plan, tmp_path / "overview.xlsx", ON),
           export_overview(ws, plan, tmp_path / "report.docx", ON, chart_png=_png),
           export_chasing_notices(ws, plan, tmp_path / "chase", ON)[0]]
    out = tmp_path / "pdf"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, src)], capture_output=True, timeout=300, check=False)
    for s in src:
        pdf = out / (s.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 2000, s.name
    if shutil.which("pdftoppm"):  # the workbook's charts are drawn: its pages are not blank
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(out / "overview.pdf"), str(out / "page")], timeout=120, check=True)
        assert len(list(out.glob("page-*.png"))) >= 2


def test_chasing_notices_skip_groups(ws, plan, tmp_path):
    """Groups (区各有关部门, 各街道办事处) get no 催办通知 of their own, as they get no feedback workbook."""
    from gongkai_desk.core.exporters.overview import chasing_notices, skipped_groups

    ov = build_overview(ws, plan, ON)
    groups = [u.unit for u in ov.units if u.is_group]
    late = {i.unit for i in ov.overdue_list + ov.due_soon_list if i.unit_id is not None}
    assert set(groups) & late, "the demo puts a group on a late task"
    assert skipped_groups(ov) and set(skipped_groups(ov)) == set(groups) & late
    names = [n.unit for n in chasing_notices(ws, plan, ON)]
    assert names and not set(names) & set(groups)
    files = export_chasing_notices(ws, plan, tmp_path / "催办", ON)
    assert not [f for f in files if any(g in f.name for g in groups)]
    with pytest.raises(ValidationError, match="是单位组，不能单独催办"):
        chasing_notices(ws, plan, ON, units=[skipped_groups(ov)[0]])


def test_workbook_keeps_formula_like_task_text_as_text(ws, plan, tmp_path):
    import openpyxl

    task_id = build_overview(ws, plan, ON).overdue_list[0].task_id  # listed on the 逾期 sheet
    ws.tasks.update(task_id, text="=HYPERLINK(\"http://x\")是一项任务")
    path = export_overview(ws, plan, tmp_path / "总览.xlsx", ON)
    cells = [c for s in openpyxl.load_workbook(path) for row in s.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_no_notices_says_why(ws, tmp_path):
    """Nothing late; late tasks nobody is assigned to: each gets its own reason, not a false one."""
    pid = ws.plans.create(year=2026, title="计划").id
    with pytest.raises(ValidationError, match="没有逾期或临近期限的任务"):
        export_chasing_notices(ws, pid, tmp_path, ON)
    ws.tasks.add(pid, text="没有单位的任务", deadline="6月底前")
    with pytest.raises(ValidationError, match="1项任务还没有指定责任单位"):
        export_chasing_notices(ws, pid, tmp_path, ON)
