"""Every problem a returned feedback workbook can have: shown, refused or flagged, never applied silently."""

from __future__ import annotations

import json
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from gongkai_desk.core.errors import ConflictError
from gongkai_desk.core.exchange.feedback_meta import META_SHEET, SHEET
from gongkai_desk.core.exchange.feedback_read import expand
from gongkai_desk.core.workspace import Workspace
from tests.core.exchange.feedback_fixture import changes_of, export, kinds, make_plan, review
from tests.core.exchange.feedback_helpers import columns, copy_as, fill, task_rows


@pytest.fixture
def sent(ws, tmp_path):
    plan = make_plan(ws)
    return plan, export(ws, plan, tmp_path / "out")


def _edit_sheet(path, change) -> None:
    wb = load_workbook(path)
    change(wb)
    wb.save(path)


def test_edited_locked_text_is_shown_not_applied(ws, sent):
    plan, files = sent
    path = files["区财政局"]

    def edit(wb):
        sheet = wb[SHEET]
        _, cols = columns(sheet)
        sheet.cell(task_rows(sheet)[plan.tasks[0]], cols["text"]).value = "做好惠企政策公开（已改）。"

    _edit_sheet(path, edit)
    fill(path, {plan.tasks[0]: {"status": "已完成"}})
    [r] = review(ws, path)
    [p] = [p for p in r.problems if p.kind == "locked_edited"]
    assert "任务内容" in p.message and "做好惠企政策公开（已改）。" in p.message and p.cell.startswith("B")
    assert changes_of(r) == {(plan.tasks[0], "status", "推进中", "已完成")}  # the unit's report still counts
    ws.feedback.accept([r])
    assert ws.tasks.row(plan.tasks[0])["text"] == "做好惠企政策公开。"


def test_rows_the_unit_added_are_shown_and_kept_as_a_note(ws, sent):
    plan, files = sent
    path = files["区财政局"]

    def add(wb):
        sheet = wb[SHEET]
        _, cols = columns(sheet)
        r = sheet.max_row + 1
        sheet.cell(r, cols["text"]).value = "自行开展政务公开培训"
        sheet.cell(r, cols["done"]).value = "培训2次。"

    _edit_sheet(path, add)
    fill(path, {})
    [r] = review(ws, path)
    assert kinds(r) == ["row_added"] and r.added[0].text == "自行开展政务公开培训；培训2次。"
    assert r.changes == ()
    ws.feedback.accept([r])
    [state] = [u for u in ws.feedback.status(plan.plan_id)[0].units if u.unit_name == "区财政局"]
    assert state.notes == "自行开展政务公开培训；培训2次。"


def test_a_file_for_another_plan_is_refused_with_the_reason(ws, sent, tmp_path):
    plan, files = sent
    other = ws.plans.create(year=2026, title="2026年另一个计划").id
    [r] = review(ws, files["区财政局"], plan_id=other)
    assert r.refused and "是计划“2026年示例区政务公开工作要点”的反馈表，不是当前计划的" in r.refused


def test_a_file_from_another_database_is_refused(sent, tmp_path):
    plan, files = sent
    other = Workspace.open(":memory:")
    make_plan(other)
    [r] = review(other, files["区财政局"])
    assert r.refused and "另一个数据库" in r.refused
    other.close()


def test_edited_hidden_identity_is_refused(ws, sent):
    plan, files = sent
    path = files["区财政局"]

    def tamper(wb):
        meta = wb[META_SHEET]
        data = json.loads(meta["A4"].value)
        data["unit"] = plan.education
        meta["A4"].value = json.dumps(data, ensure_ascii=False)

    _edit_sheet(path, tamper)
    [r] = review(ws, path)
    assert r.refused and "识别信息被改动" in r.refused


def test_the_same_unit_twice_newest_round_wins_and_the_clerk_can_pick(ws, sent, tmp_path):
    plan, files = sent
    first = copy_as(files["区财政局"], "第一轮.xlsx")
    fill(first, {plan.tasks[0]: {"status": "阶段性完成"}})
    second = export(ws, plan, tmp_path / "round2", unit_ids=[plan.finance])["区财政局"]
    fill(second, {plan.tasks[0]: {"status": "已完成"}})
    reviews = review(ws, first, second)
    old, new = reviews
    assert new.round_number == 2 and new.default_accept and not old.default_accept
    assert "duplicate_unit" in kinds(old) and "第2轮" in old.problems[0].message
    ws.feedback.accept(reviews)
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "已完成"
    ws.undo()
    ws.feedback.accept(reviews, chosen={old.path: range(len(old.changes))})  # the clerk picks the older
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "阶段性完成"


def test_a_file_older_than_what_was_collected_and_one_collected_twice(ws, sent, tmp_path):
    plan, files = sent
    first = files["区财政局"]
    fill(first, {plan.tasks[0]: {"status": "阶段性完成"}})
    second = export(ws, plan, tmp_path / "round2", unit_ids=[plan.finance])["区财政局"]
    fill(second, {plan.tasks[0]: {"status": "已完成"}})
    ws.feedback.accept(review(ws, second))
    [late] = review(ws, first)
    assert "older_than_collected" in kinds(late) and not late.default_accept
    [again] = review(ws, second)
    assert "already_collected" in kinds(again) and not again.default_accept and again.changes == ()


def test_status_words_are_mapped_where_clear_else_flagged(ws, sent):
    plan, files = sent
    path = files["区教育局"]
    fill(path, {plan.tasks[0]: {"status": "基本完成"}, plan.tasks[2]: {"status": "差不多了"}})
    [r] = review(ws, path)
    assert changes_of(r) == {(plan.tasks[0], "status", "未启动", "阶段性完成")}
    assert "“基本完成”按“阶段性完成”收集" in r.changes[0].note
    [bad] = [p for p in r.problems if p.kind == "status_unknown"]
    assert "差不多了" in bad.message and bad.cell and r.has_problems


def test_everyday_spellings_of_a_status_are_mapped(ws, sent):
    """A unit typing 已经完成 / 推进中。 (not picked from the drop-down) is understood, and told so."""
    plan, files = sent
    path = files["区教育局"]
    fill(path, {plan.tasks[0]: {"status": "已经完成"}, plan.tasks[2]: {"status": "未完成"}})
    [r] = review(ws, path)
    assert changes_of(r) == {(plan.tasks[0], "status", "未启动", "已完成")}
    assert "“已经完成”按“已完成”收集" in r.changes[0].note
    assert "status_mapped" in kinds(r)
    [bad] = [p for p in r.problems if p.kind == "status_unknown"]  # 未完成: 未启动 or 推进中? the clerk decides
    assert "未完成" in bad.message


def test_formulas_deleted_rows_and_deleted_tasks(ws, sent):
    plan, files = sent
    path = files["区教育局"]

    def edit(wb):
        sheet = wb[SHEET]
        _, cols = columns(sheet)
        rows = task_rows(sheet)
        sheet.cell(rows[plan.tasks[0]], cols["done"]).value = "=1+1"
        sheet.delete_rows(rows[plan.tasks[1]])

    _edit_sheet(path, edit)
    fill(path, {plan.tasks[2]: {"status": "已完成"}})
    ws.tasks.delete(plan.tasks[2])
    [r] = review(ws, path)
    assert set(kinds(r)) == {"formula", "row_missing", "task_gone"}
    assert r.changes == ()


def test_a_missing_signer_is_a_problem(ws, sent):
    plan, files = sent
    fill(files["区财政局"], {plan.tasks[0]: {"status": "已完成"}}, signers={})
    [r] = review(ws, files["区财政局"])
    assert kinds(r) == ["no_signer"] and r.has_problems
    ws.feedback.accept([r])
    assert any(e.label.endswith("（填报人：未填写）") for e in ws.history(task_id=plan.tasks[0]))


def test_an_undone_round_is_refused(ws, sent):
    plan, files = sent
    ws.undo()  # the export's record
    [r] = review(ws, files["区财政局"])
    assert r.refused and "发放记录" in r.refused


@pytest.mark.parametrize("name, content, words", [
    ("反馈表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Excel 格式（.xls）"),
    ("反馈表.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "WPS 表格格式（.et）"),
    ("改了后缀.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "设置了打开密码"),
    ("坏了.xlsx", b"PK\x03\x04 this is not a whole zip", "已损坏"),
])
def test_files_that_cannot_be_read_say_what_to_do(ws, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    [r] = review(ws, path)
    assert r.refused and words in r.refused and "另存为" in r.refused and r.refused.endswith("。")


def test_a_workbook_that_is_not_a_feedback_workbook(ws, tmp_path):
    path = tmp_path / "新建工作簿.xlsx"
    Workbook().save(path)
    [r] = review(ws, path)
    assert r.refused and "不是本程序导出的反馈表" in r.refused


def test_a_damaged_zip_inside(ws, sent, tmp_path):
    plan, files = sent
    broken = tmp_path / "截断.xlsx"
    data = files["区财政局"].read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    assert not zipfile.is_zipfile(broken)
    [r] = review(ws, broken)
    assert r.refused and "已损坏" in r.refused


def test_folders_are_searched_for_workbooks(ws, sent, tmp_path):
    plan, files = sent
    (tmp_path / "out" / "~$区财政局.xlsx").write_bytes(b"lock")  # Excel's lock file
    (tmp_path / "out" / "说明.txt").write_text("x", encoding="utf-8")
    found = expand([tmp_path / "out"])
    assert sorted(p.name for p in found) == sorted(p.name for p in files.values())


def test_a_change_made_between_review_and_accept_refuses_the_accept(ws, sent):
    plan, files = sent
    fill(files["区财政局"], {plan.tasks[0]: {"status": "已完成"}})
    reviews = review(ws, files["区财政局"])
    ws.progress.set(plan.tasks[0], plan.finance, status="阶段性完成")
    with pytest.raises(ConflictError, match="审阅之后又被修改"):
        ws.feedback.accept(reviews)
    assert ws.progress.row(plan.tasks[0], plan.finance)["status"] == "阶段性完成"
