"""The task table's lights agree with the overview's, including a stale 持续推进 unit."""

from __future__ import annotations

import datetime as dt

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.reports.overview import build_overview
from gongkai_desk.core.reports.task_lights import task_lights

D = dt.date.fromisoformat


def test_hand_computed_plan(ws, plan):
    pid, t, _units = plan
    lights = task_lights(ws, pid, D("2026-07-15"))
    rows = {r.id: r for r in ws.tasks.of_plan(pid, D("2026-07-15"))}
    got = {n: lights.of(rows[t[n]])[0].word for n in t}
    assert got == {1: "红 · 逾期", 2: "黄 · 3个工作日内到期", 3: "绿 · 正常推进", 4: "绿 · 已完成",
                   5: "黄 · 44天未更新", 6: "红 · 逾期"}
    assert "提醒规则：红：已过期限且未完成" in lights.tooltip(rows[t[1]])
    assert "2026-06-30（已逾期11个工作日）" in lights.tooltip(rows[t[1]])
    # 序时进度: 1 January (the plan has no date) to 15 July is 195 of the 364 days to 年底 (31 December)
    assert "\n序时进度54%（期限已过去的比例" in lights.tooltip(rows[t[4]])
    assert "序时进度100%" in lights.tooltip(rows[t[1]])
    assert "序时进度" not in lights.tooltip(rows[t[3]])  # 持续推进 has no period


def test_same_colours_as_the_overview(ws):
    pid = make_demo(ws, tasks=60, year=2026).id
    on = dt.date.today()
    lights = task_lights(ws, pid, on)
    table = {r.id: lights.of(r)[0].color for r in ws.tasks.of_plan(pid, on)}
    overview = {r.task_id: r.light.color for r in build_overview(ws, pid, on).task_rows}
    assert table == overview


def test_review_table_carries_the_same_lights(ws, plan, tmp_path):
    """The review export's 逾期/提示 column says what the window's light says (UI and paper agree)."""
    import docx
    import openpyxl

    from gongkai_desk.core.exporters.docx.review import write_review_docx
    from gongkai_desk.core.exporters.xlsx.review import write_review_xlsx
    from gongkai_desk.core.reports.review import build_review
    from gongkai_desk.core.reports.review_model import ReviewOptions

    pid, t, (a, b, c) = plan
    on = D("2026-07-15")
    doc = build_review(ws, pid, ReviewOptions(), today=on)
    alerts = {r.cells["text"]: r.cells["alert"] for s in doc.tables[0].sections for r in s.rows}
    assert alerts == {"任务1": "逾期", "任务2": "3个工作日内到期", "任务3": "", "任务4": "",
                      "任务5": "44天未更新", "任务6": "逾期"}
    # In a unit's own ledger the light is that unit's: 区教育局's stale 持续推进, 区民政局's due task.
    per_unit = build_review(ws, pid, ReviewOptions(per_unit=True), today=on)
    ledgers = {tb.unit: {r.cells["text"]: r.cells["alert"] for s in tb.sections for r in s.rows}
               for tb in per_unit.tables}
    assert ledgers["区教育局"] == {"任务1": "逾期", "任务4": "", "任务5": "44天未更新"}
    assert ledgers["区民政局"] == {"任务2": "3个工作日内到期", "任务3": ""}
    assert ledgers["区财政局"] == {"任务1": "", "任务2": "3个工作日内到期"}

    # Word with a 逾期/提示 column: the cell of a yellow reason is amber, of 逾期 red.
    chosen = build_review(ws, pid, ReviewOptions(columns=("number", "text", "status", "alert")), today=on)
    out = write_review_docx(chosen, tmp_path / "r.docx")
    table = docx.Document(str(out)).tables[0]
    fills = {}
    for row in table.rows:
        for cell in row.cells:
            if cell.text in ("逾期", "3个工作日内到期", "44天未更新"):
                shd = cell._tc.xpath("./w:tcPr/w:shd")
                fills[cell.text] = shd[0].get(docx.oxml.ns.qn("w:fill")) if shd else None
    assert fills == {"逾期": "FFC7CE", "3个工作日内到期": "FFEB9C", "44天未更新": "FFEB9C"}

    # Excel: the status column still holds only status words; the reason stands in 逾期/提示.
    book = openpyxl.load_workbook(str(write_review_xlsx(doc, tmp_path / "r.xlsx")))
    values = {c.value for row in book.active.iter_rows() for c in row}
    assert {"3个工作日内到期", "44天未更新", "逾期"} <= values
    # Without that column, only 逾期 joins the narrow status cell (Word's default layout).
    default = docx.Document(str(write_review_docx(doc, tmp_path / "d.docx"))).tables[0]
    texts = {c.text for row in default.rows for c in row.cells}
    assert "推进中\n（逾期）" in texts and not any("到期" in x or "未更新" in x for x in texts)
