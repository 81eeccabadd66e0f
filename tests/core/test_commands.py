"""Every command applies, undoes and redoes to identical rows, and leaves history behind."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.errors import ConflictError, NotFoundError, ValidationError
from gongkai_desk.core.model import Role, Status

TABLES = ["plans", "sections", "tasks", "units", "unit_aliases", "group_members", "assignments",
          "annual_stats", "annual_reports", "annual_report_texts"]


def snapshot(ws):
    return {t: ws.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}


@pytest.fixture
def plan(ws):
    """A small plan: one section, two tasks, three units, a group with members."""
    pid = ws.plans.create(year=2026, title="2026年政务公开工作要点", issuer=["区政府办公室"]).id
    sec = ws.plans.add_section(pid, number="一", title="推进重点领域信息公开").id
    t1 = ws.tasks.add(pid, section_id=sec, number="1", text="做好财政预决算公开。", deadline="6月底前").id
    t2 = ws.tasks.add(pid, section_id=sec, number="2", text="推进政务服务事项公开。", deadline="持续推进").id
    fin = ws.units.add("区财政局", aliases=("财政局",)).id
    dev = ws.units.add("区发改局").id
    grp = ws.units.add("区各有关部门", is_group=True, members=(fin, dev)).id
    spare = ws.units.add("区统计局", aliases=("统计局",)).id
    ws.progress.assign(t1, fin, Role.LEAD)
    ws.progress.assign(t1, grp, Role.RESPONSIBLE)
    ws.progress.assign(t2, dev, Role.LEAD)
    ws.undo_stack.clear()
    return {"plan": pid, "section": sec, "t1": t1, "t2": t2, "fin": fin, "dev": dev, "grp": grp, "spare": spare}


COMMANDS = {
    "create_plan": lambda ws, p: ws.plans.create(year=2027, title="2027年计划"),
    "update_plan": lambda ws, p: ws.plans.update(p["plan"], title="新标题", doc_number="区政办发〔2026〕3号"),
    "delete_plan": lambda ws, p: ws.plans.delete(p["plan"]),
    "add_section": lambda ws, p: ws.plans.add_section(p["plan"], parent_id=p["section"], number="一", title="子部分"),
    "update_section": lambda ws, p: ws.plans.update_section(p["section"], title="改后的标题"),
    "delete_section": lambda ws, p: ws.plans.delete_section(p["section"]),
    "move_section": lambda ws, p: (ws.plans.add_section(p["plan"], title="二部分").id, ws.plans.move_section(p["section"], 1)),
    "add_task": lambda ws, p: ws.tasks.add(p["plan"], section_id=p["section"], text="新任务", deadline="年底前"),
    "update_task": lambda ws, p: ws.tasks.update(p["t1"], text="改后的任务", deadline="9月底前"),
    "delete_task": lambda ws, p: ws.tasks.delete(p["t1"]),
    "move_task": lambda ws, p: ws.tasks.move(p["t2"], -1),
    "add_unit": lambda ws, p: ws.units.add("区教育局", aliases=("教育局",)),
    "rename_unit": lambda ws, p: ws.units.rename(p["dev"], "区发展改革局"),
    "add_alias": lambda ws, p: ws.units.add_alias(p["dev"], "发改局"),
    "remove_alias": lambda ws, p: ws.units.remove_alias(p["fin"], "财政局"),
    "set_group_members": lambda ws, p: ws.units.set_members(p["grp"], [p["dev"]]),
    "delete_unit": lambda ws, p: ws.units.delete(p["spare"]),
    "assign_unit": lambda ws, p: ws.progress.assign(p["t2"], p["fin"], Role.RESPONSIBLE),
    "change_role": lambda ws, p: ws.progress.assign(p["t1"], p["grp"], Role.LEAD),
    "unassign_unit": lambda ws, p: ws.progress.unassign(p["t1"], p["fin"]),
    "expand_group": lambda ws, p: (ws.progress.set(p["t1"], p["grp"], status="推进中", done="已部署"),
                                   ws.progress.expand_group(p["t1"], p["grp"])),
    "set_progress": lambda ws, p: ws.progress.set(p["t1"], p["fin"], status=Status.DONE, done="已公开", problems="无"),
    "set_stats_cells": lambda ws, p: ws.annual.set_stats_cells(2026, {"table3.granted.natural": "5", "table2.admin_fees.fee_amount": "1.50"}),
    "set_report_meta": lambda ws, p: ws.annual.set_meta(2026, issuer="示例区人民政府办公室", report_date="2027-01-20"),
    "set_report_text": lambda ws, p: ws.annual.set_text(2026, "一", "总体情况……"),
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_applies_undoes_and_redoes_to_identical_rows(ws, plan, name):
    before = snapshot(ws)
    COMMANDS[name](ws, plan)
    after = snapshot(ws)
    assert after != before, "the command changed nothing"
    while ws.undo_status().undo_label:
        ws.undo()
    assert snapshot(ws) == before
    while ws.undo_status().redo_label:
        ws.redo()
    assert snapshot(ws) == after


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_writes_history(ws, plan, name):
    n = ws.conn.execute("SELECT COUNT(*) FROM history").fetchone()[0]
    COMMANDS[name](ws, plan)
    rows = ws.conn.execute("SELECT user, at, label, entity FROM history WHERE id > ?", (n,)).fetchall()
    assert rows, "no history row written"
    assert all(r[0] and r[1] and r[2] and r[3] for r in rows)


def test_progress_history_names_field_old_and_new(ws, plan):
    ws.progress.set(plan["t1"], plan["fin"], done="已在门户网站公开")
    ws.progress.set(plan["t1"], plan["fin"], done="已公开并解读")
    h = [e for e in ws.history(task_id=plan["t1"]) if e.field == "done"]
    assert h[0].old == "已在门户网站公开" and h[0].new == "已公开并解读"
    assert h[0].label == "修改区财政局落实情况"
    assert ws.undo_status().undo_label == "修改区财政局落实情况"


def test_undo_and_redo_are_recorded_in_history(ws, plan):
    ws.progress.set(plan["t1"], plan["fin"], status="已完成")
    ws.undo()
    ws.redo()
    labels = list(dict.fromkeys(e.label for e in ws.history(task_id=plan["t1"])))
    assert labels[:3] == ["重做 修改区财政局完成状态", "撤销 修改区财政局完成状态", "修改区财政局完成状态"]


def test_new_command_clears_redo(ws, plan):
    ws.progress.set(plan["t1"], plan["fin"], status="推进中")
    ws.undo()
    assert ws.undo_status().redo_label
    ws.progress.set(plan["t1"], plan["fin"], status="已完成")
    assert ws.undo_status().redo_label is None


def test_undo_refuses_when_another_program_changed_the_row(ws, plan):
    ws.progress.set(plan["t1"], plan["fin"], status="推进中")
    ws.conn.execute("UPDATE assignments SET status = '已完成' WHERE task_id = ?", (plan["t1"],))
    with pytest.raises(ConflictError):
        ws.undo()
    assert ws.progress.of_task(plan["t1"])[0].status is Status.DONE


def test_overall_status_is_least_advanced_and_overdue_follows_deadline(ws, plan):
    t1, fin, grp = plan["t1"], plan["fin"], plan["grp"]
    ws.progress.set(t1, fin, status="已完成")
    ws.progress.set(t1, grp, status="持续推进")
    row = ws.tasks.get(t1, today=dt.date(2026, 7, 1))
    assert row.status is Status.ONGOING and row.overdue  # 6月底前 passed, not 已完成
    ws.progress.set(t1, grp, status="已完成")
    row = ws.tasks.get(t1, today=dt.date(2026, 7, 1))
    assert row.status is Status.DONE and not row.overdue
    ws.progress.set(t1, grp, status="推进中")
    assert ws.tasks.get(t1, today=dt.date(2026, 6, 1)).overdue is False
    assert ws.tasks.get(plan["t2"], today=dt.date(2030, 1, 1)).overdue is False  # 持续推进 has no date


def test_expand_group_copies_progress_to_members(ws, plan):
    ws.progress.set(plan["t1"], plan["grp"], status="阶段性完成", done="已部署")
    ws.progress.expand_group(plan["t1"], plan["grp"])
    names = {a.unit_name: a for a in ws.progress.of_task(plan["t1"])}
    assert "区各有关部门" not in names
    assert names["区发改局"].status is Status.STAGED and names["区发改局"].done == "已部署"
    assert names["区财政局"].role is Role.LEAD  # already there as lead: kept, not duplicated


def test_bad_input_is_refused_in_chinese_and_changes_nothing(ws, plan):
    before = snapshot(ws)
    with pytest.raises(ValidationError, match="年份"):
        ws.plans.create(year="二〇二六", title="x")
    with pytest.raises(ValidationError, match="不能为空"):
        ws.tasks.add(plan["plan"], text="  ")
    with pytest.raises(ValidationError, match="完成状态"):
        ws.progress.set(plan["t1"], plan["fin"], status="差不多了")
    with pytest.raises(ValidationError, match="已在单位名录"):
        ws.units.add("财政局")
    with pytest.raises(NotFoundError):
        ws.tasks.update(9999, text="x")
    assert snapshot(ws) == before


def test_unit_found_by_alias_and_rename_keeps_old_name_as_alias(ws, plan):
    assert ws.units.find("财政局").id == plan["fin"]
    ws.units.rename(plan["dev"], "区发展和改革局")
    assert ws.units.find("区发改局").name == "区发展和改革局"


def test_several_plans_and_years_in_one_database(ws, plan):
    ws.plans.create(year=2025, title="2025年要点")
    years = sorted(p.year for p in ws.plans.list())
    assert years == [2025, 2026]


def test_undo_refused_when_another_program_built_on_the_row(tmp_path):
    """The window adds a unit, another program puts it on a task: undoing the add would break a
    foreign key, so it is refused as a conflict in Chinese and nothing changes."""
    from gongkai_desk.core.workspace import Workspace

    path = tmp_path / "shared.db"
    window, cli = Workspace.open(path), Workspace.open(path)
    plan = cli.plans.create(year=2026, title="计划").id
    task = cli.tasks.add(plan, text="任务").id
    unit = window.units.add("新单位").id
    cli.progress.assign(task, unit)
    with pytest.raises(ConflictError, match="无法撤销"):
        window.undo()
    assert window.units.find("新单位") is not None and not window.conn.in_transaction
    t2 = cli.tasks.add(plan, text="任务2").id
    window.tasks.delete(t2)
    cli.plans.delete(plan)
    with pytest.raises(ConflictError):
        window.undo()
    assert cli.plans.list() == []


def test_history_names_units_and_roles_in_chinese(ws, plan):
    from gongkai_desk.core.labels import value_label

    ws.progress.assign(plan["t2"], plan["fin"], Role.RESPONSIBLE)
    ws.progress.assign(plan["t2"], plan["fin"], Role.LEAD)
    entries = ws.history(task_id=plan["t2"])
    created = next(e for e in entries if e.field is None and e.new)
    assert created.new == "区财政局（责任单位）"
    role = next(e for e in entries if e.field == "role")
    assert (value_label("role", role.old), value_label("role", role.new)) == ("责任单位", "牵头单位")
    ws.tasks.update(plan["t1"], text="新的任务内容")
    assert ws.undo_status().undo_label == "修改任务内容"


def test_changing_the_plan_year_moves_deadlines_read_from_phrases(ws):
    import datetime as dt

    pid = ws.plans.create(year=2025, title="计划").id
    phrase = ws.tasks.add(pid, text="甲", deadline="6月底前").id
    by_hand = ws.tasks.add(pid, text="乙", deadline="专项检查前", deadline_date=dt.date(2025, 9, 1)).id
    ws.plans.update(pid, year=2027)
    assert ws.tasks.get(phrase).deadline.date == dt.date(2027, 6, 30)
    assert ws.tasks.get(by_hand).deadline.date == dt.date(2025, 9, 1)
    ws.undo()
    assert ws.tasks.get(phrase).deadline.date == dt.date(2025, 6, 30)


def test_restore_in_place_reopens_the_same_workspace(tmp_path):
    from gongkai_desk.core.backup import backup
    from gongkai_desk.core.workspace import Workspace

    ws = Workspace.open(tmp_path / "a.db")
    pid = ws.plans.create(year=2026, title="备份时").id
    backup(ws.conn, tmp_path / "b.db")
    ws.plans.update(pid, title="之后")
    tasks, kept = ws.tasks, ws.restore(tmp_path / "b.db")
    assert ws.plans.get(pid).title == "备份时" and ws.undo_status().undo_label is None
    assert ws.tasks is not tasks  # every part reads the reopened database
    assert Workspace.open(kept).plans.get(pid).title == "之后"
    ws.close()
