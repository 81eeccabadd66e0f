"""Feedback workbooks out and back: export, a unit's edits (openpyxl), review, accept, undo."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from gongkai_desk.core.changes import Changes
from gongkai_desk.core.edits.feedback import NOT_RETURNED, RETURNED, WITH_PROBLEMS
from gongkai_desk.core.exchange.feedback_meta import META_SHEET, NOTE_SHEET, SHEET
from tests.core.exchange.feedback_fixture import changes_of, export, kinds, make_plan, review
from tests.core.exchange.feedback_helpers import columns, fill, reorder_rows, task_rows


def test_export_writes_one_workbook_per_unit_with_only_its_tasks(ws, tmp_path):
    plan = make_plan(ws)
    ws.settings.set_office(name="示例区人民政府办公室", department="政务公开办", contact="李明",
                           phone="0519-88881234")
    files = export(ws, plan, tmp_path)
    # the group gets no workbook of its own; its members are not on any task
    assert set(files) == {"区财政局", "区教育局"}
    assert files["区财政局"].name == "2026年政务公开工作要点反馈表-区财政局.xlsx"
    wb = load_workbook(files["区财政局"])
    assert wb.sheetnames == [SHEET, NOTE_SHEET, META_SHEET]
    assert wb[META_SHEET].sheet_state == "hidden"
    sheet = wb[SHEET]
    header, cols = columns(sheet)
    rows = task_rows(sheet)
    assert set(rows) == {plan.tasks[0], plan.tasks[1]}
    r1 = rows[plan.tasks[0]]
    cell = lambda key, r=r1: sheet.cell(r, cols[key])  # noqa: E731
    assert (cell("number").value, cell("text").value, cell("deadline").value, cell("role").value) == \
        ("1", "做好惠企政策公开。", "6月底前", "牵头")
    assert sheet.cell(rows[plan.tasks[1]], cols["role"]).value == "责任"
    # pre-filled with the unit's last accepted entries
    assert (cell("status").value, cell("done").value) == ("推进中", "已公开政策12条。")
    # locked columns for the clerk, open ones for the unit; the sheet is protected
    assert sheet.protection.sheet
    assert all(cell(k).protection.locked for k in ("number", "text", "deadline", "role", "key"))
    assert not any(cell(k).protection.locked for k in ("status", "done", "problems", "next_steps", "evidence"))
    assert sheet.column_dimensions[cell("key").column_letter].hidden
    dv = [d for d in sheet.data_validations.dataValidation if d.type == "list"]
    assert dv and dv[0].formula1 == '"未启动,推进中,阶段性完成,持续推进,已完成"'
    assert cell("status").coordinate in dv[0].sqref
    # 填报人 / 联系电话 / 审核人 cells, found by defined name
    for name in ("gongkai_filled_by", "gongkai_phone", "gongkai_reviewer"):
        title, coord = next(iter(wb.defined_names[name].destinations))
        assert title == SHEET and not sheet[coord.replace("$", "")].protection.locked
    notes = " ".join(c.value for c in wb[NOTE_SHEET]["A"] if c.value)
    assert "2026年6月30日前" in notes and "0519-88881234" in notes and "李明" in notes
    assert "示例区人民政府办公室政务公开办" in notes


def test_the_round_is_recorded_with_date_units_and_due_date(ws, tmp_path):
    plan = make_plan(ws)
    export(ws, plan, tmp_path)
    [rnd] = ws.feedback.rounds(plan.plan_id)
    assert rnd.number == 1 and rnd.due == "2026-06-30" and rnd.sent_at[:10] == dt.date.today().isoformat()
    assert {name for _, name in rnd.units} == {"区财政局", "区教育局"}
    [status] = ws.feedback.status(plan.plan_id)
    assert {u.unit_name: u.state for u in status.units} == {"区财政局": NOT_RETURNED, "区教育局": NOT_RETURNED}
    assert ws.undo_status().undo_label == "导出反馈表（第1轮，2个单位）"


def test_user_text_is_never_written_as_a_formula(ws, tmp_path):
    plan = make_plan(ws)
    ws.progress.set(plan.tasks[0], plan.finance, done="=HYPERLINK(\"http://x\")")
    files = export(ws, plan, tmp_path)
    sheet = load_workbook(files["区财政局"])[SHEET]
    _, cols = columns(sheet)
    cell = sheet.cell(task_rows(sheet)[plan.tasks[0]], cols["done"])
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


def test_a_units_edits_are_reviewed_then_accepted_as_one_undoable_step(ws, tmp_path):
    plan = make_plan(ws)
    path = export(ws, plan, tmp_path)["区财政局"]
    fill(path, {plan.tasks[0]: {"status": "已完成", "done": "已公开政策20条。"},
                plan.tasks[1]: {"next_steps": "配合做好决算公开。"}},
         signers={"filled_by": "张三", "phone": "13800000000", "reviewer": "王五"})
    [r] = review(ws, path)
    assert r.refused is None and r.default_accept and r.unit_name == "区财政局" and r.round_number == 1
    assert r.signers == {"filled_by": "张三", "phone": "13800000000", "reviewer": "王五"}
    assert changes_of(r) == {
        (plan.tasks[0], "status", "推进中", "已完成"),
        (plan.tasks[0], "done", "已公开政策12条。", "已公开政策20条。"),
        (plan.tasks[1], "next_steps", "", "配合做好决算公开。"),
    }
    assert kinds(r) == []
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "推进中"  # reviewing changes nothing

    changes = ws.feedback.accept([r])
    assert changes.progress and changes.feedback and changes.plan_id == plan.plan_id
    row = ws.progress.row(plan.tasks[0], plan.finance)
    assert (row["status"], row["done"]) == ("已完成", "已公开政策20条。")
    assert row["updated_by"] == "张三（区财政局反馈表）"
    assert ws.progress.row(plan.tasks[1], plan.finance)["next_steps"] == "配合做好决算公开。"
    label = f"来自反馈表 {path.name}（填报人：张三）"
    fields = {(e.field, e.old, e.new) for e in ws.history(task_id=plan.tasks[0]) if e.label == label}
    assert {("status", "推进中", "已完成"), ("done", "已公开政策12条。", "已公开政策20条。")} <= fields
    assert ws.undo_status().undo_label == f"接受反馈表 {path.name}"
    [status] = ws.feedback.status(plan.plan_id)
    states = {u.unit_name: (u.state, u.filled_by) for u in status.units}
    assert states == {"区财政局": (RETURNED, "张三"), "区教育局": (NOT_RETURNED, "")}

    ws.undo()
    row = ws.progress.row(plan.tasks[0], plan.finance)
    assert (row["status"], row["done"]) == ("推进中", "已公开政策12条。")
    assert ws.progress.row(plan.tasks[1], plan.finance)["next_steps"] == ""
    assert {u.unit_name: u.state for u in ws.feedback.status(plan.plan_id)[0].units}["区财政局"] == NOT_RETURNED
    ws.redo()
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "已完成"


def test_only_cells_the_unit_changed_are_proposed_and_later_clerk_edits_are_flagged(ws, tmp_path):
    plan = make_plan(ws)
    path = export(ws, plan, tmp_path)["区财政局"]
    # the clerk changes two entries after the file went out
    ws.progress.set(plan.tasks[0], plan.finance, done="本机修改。")
    ws.progress.set(plan.tasks[1], plan.finance, status="推进中")
    fill(path, {plan.tasks[1]: {"status": "已完成"}})  # task 1 untouched by the unit
    [r] = review(ws, path)
    assert changes_of(r) == {(plan.tasks[1], "status", "推进中", "已完成")}
    [c] = r.changes
    assert c.conflict and "发出后已改为“推进中”" in c.note
    ws.feedback.accept([r])
    assert ws.progress.row(plan.tasks[0], plan.finance)["done"] == "本机修改。"  # not reverted


def test_rows_sorted_or_reordered_still_collect(ws, tmp_path):
    plan = make_plan(ws)
    path = export(ws, plan, tmp_path)["区教育局"]
    fill(path, {plan.tasks[2]: {"status": "已完成", "evidence": "http://example.gov.cn/1"}})
    before = changes_of(review(ws, path)[0])
    reorder_rows(path)
    sheet = load_workbook(path)[SHEET]
    assert list(task_rows(sheet)) == list(reversed(plan.tasks))  # really reordered
    [r] = review(ws, path)
    assert changes_of(r) == before and kinds(r) == []


def test_accepting_per_file_and_per_change(ws, tmp_path):
    plan = make_plan(ws)
    files = export(ws, plan, tmp_path)
    fill(files["区财政局"], {plan.tasks[0]: {"status": "已完成", "problems": "无。"}})
    fill(files["区教育局"], {plan.tasks[2]: {"status": "已完成"}}, signers={"filled_by": "赵六"})
    reviews = review(ws, files["区财政局"], files["区教育局"])
    fin = next(r for r in reviews if r.unit_name == "区财政局")
    pick = next(i for i, c in enumerate(fin.changes) if c.field == "status")
    ws.feedback.accept(reviews, chosen={fin.path: [pick]})
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "已完成"
    assert ws.progress.row(plan.tasks[0], plan.finance)["problems"] == ""  # not chosen
    assert ws.progress.row(plan.tasks[2], plan.education)["status"] == "未启动"  # file not chosen
    states = {u.unit_name: u.state for u in ws.feedback.status(plan.plan_id)[0].units}
    assert states == {"区财政局": RETURNED, "区教育局": NOT_RETURNED}


def test_returned_with_problems_in_the_status(ws, tmp_path):
    plan = make_plan(ws)
    files = export(ws, plan, tmp_path)
    fill(files["区教育局"], {plan.tasks[2]: {"status": "差不多了"}}, signers={"filled_by": "赵六"})
    reviews = review(ws, files["区教育局"])
    [status] = ws.feedback.status(plan.plan_id, reviews)
    assert {u.unit_name: (u.state, u.in_batch) for u in status.units}["区教育局"] == (WITH_PROBLEMS, True)
    ws.feedback.accept(reviews)
    [status] = ws.feedback.status(plan.plan_id)
    assert {u.unit_name: u.state for u in status.units}["区教育局"] == WITH_PROBLEMS


def test_units_whose_names_make_the_same_file_name_get_two_files(ws, tmp_path):
    plan = make_plan(ws)
    a, b = ws.units.add("区住建局/人防办").id, ws.units.add("区住建局_人防办").id
    ws.progress.assign(plan.tasks[0], a)
    ws.progress.assign(plan.tasks[1], b)
    paths, _ = ws.feedback.export(plan.plan_id, tmp_path, [a, b])
    assert len({p.name for p in paths}) == 2 and all(p.is_file() for p in paths)


def test_stored_text_with_stray_spaces_or_line_breaks_is_not_a_change(ws, tmp_path):
    """Text imported from documents may keep a trailing space or a Windows line break; a cell reads
    back stripped and with "\n": that alone is neither a change nor an edited locked cell."""
    plan = make_plan(ws)
    entry = ws.progress.row(plan.tasks[0], plan.finance)["id"]
    text = ws.tasks.row(plan.tasks[0])["text"]
    ws.run("导入的文字", Changes(progress=True), lambda r: (
        r.update("assignments", {"id": entry}, done="第一行\r\n第二行 "),
        r.update("tasks", {"id": plan.tasks[0]}, text=text + "  ")))
    path = export(ws, plan, tmp_path)["区财政局"]
    fill(path, {})
    [rev] = review(ws, path)
    assert rev.changes == () and kinds(rev) == []


def test_task_text_that_starts_like_a_formula_is_quoted_text(ws, tmp_path):
    """A task "=1+1" or "-y 财政公开" is text with Excel's leading ' (quotePrefix), never a formula,
    and comes back from the unit unchanged."""
    plan = make_plan(ws)
    ws.tasks.update(plan.tasks[0], text="-做好惠企政策公开。")
    ws.tasks.update(plan.tasks[1], text="=1+1")
    files = export(ws, plan, tmp_path)
    sheet = load_workbook(files["区财政局"])[SHEET]
    _, cols = columns(sheet)
    rows = task_rows(sheet)
    for task, text in ((plan.tasks[0], "-做好惠企政策公开。"), (plan.tasks[1], "=1+1")):
        cell = sheet.cell(rows[task], cols["text"])
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    plain = sheet.cell(rows[plan.tasks[0]], cols["deadline"])
    assert not plain.quotePrefix
    r = review(ws, fill(files["区财政局"], {plan.tasks[0]: {"status": "已完成"}}), plan_id=plan.plan_id)[0]
    assert not {"locked_edited", "formula"} & set(kinds(r)) and r.changes
