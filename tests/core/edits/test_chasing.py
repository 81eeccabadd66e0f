"""催办 records: stored per unit and task, shown in the task's history, counted, undone exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_desk.core.errors import NotFoundError, ValidationError
from gongkai_desk.core.model import Role

D = dt.date.fromisoformat


@pytest.fixture
def setup(ws):
    pid = ws.plans.create(year=2026, title="计划").id
    t1 = ws.tasks.add(pid, text="公开预决算", number="3", deadline="6月底前").id
    t2 = ws.tasks.add(pid, text="政策解读", number="5", deadline="9月底前").id
    unit = ws.units.add("区财政局").id
    other = ws.units.add("区教育局").id
    for t in (t1, t2):
        ws.progress.assign(t, unit, Role.LEAD)
    return pid, t1, t2, unit, other


def test_record_shows_in_history_list_and_counts(ws, setup):
    pid, t1, t2, unit, _other = setup
    ch = ws.chasing.record(unit, [t1, t2], way="电话", date=D("2026-07-02"), person="李科长", answer="月底前报送")
    assert ch.chasing and ch.plan_id == pid and ch.id == 1
    [rec] = ws.chasing.records(unit_id=unit)
    assert (rec.way, rec.person, rec.answer, rec.task_ids, rec.task_numbers) == ("电话", "李科长", "月底前报送", (t1, t2), ("3", "5"))
    assert rec.summary == "2026-07-02 电话催办区财政局（任务3、5，联系人李科长，答复：月底前报送）"
    assert [r.batch for r in ws.chasing.records(task_id=t2)] == [1]
    assert ws.chasing.counts(pid) == {unit: 1}
    history = ws.history(task_id=t1)
    assert history[0].label == "电话催办区财政局" and history[0].entity == "chasings"
    assert history[0].new == "2026-07-02 电话催办区财政局（联系人李科长，答复：月底前报送）"


def test_undo_and_redo_of_a_record(ws, setup):
    pid, t1, _t2, unit, _other = setup
    ws.chasing.record(unit, [t1], way="OA", date=D("2026-07-02"))
    assert ws.undo().chasing
    assert ws.chasing.records(plan_id=pid) == [] and ws.chasing.counts(pid) == {}
    assert ws.history(task_id=t1)[0].label == "撤销 OA催办区财政局"
    ws.redo()
    [rec] = ws.chasing.records(plan_id=pid)
    assert rec.way == "OA" and rec.date == D("2026-07-02")
    ws.chasing.update(rec.batch, answer="已补报")
    assert ws.chasing.records(plan_id=pid)[0].answer == "已补报"
    ws.undo()
    assert ws.chasing.records(plan_id=pid)[0].answer == ""
    ws.chasing.delete(rec.batch)
    assert ws.chasing.records(plan_id=pid) == []
    ws.undo()
    assert len(ws.chasing.records(plan_id=pid)) == 1


def test_refusals(ws, setup):
    _pid, t1, _t2, unit, other = setup
    with pytest.raises(ValidationError, match="催办方式“传真”无效"):
        ws.chasing.record(unit, [t1], way="传真")
    with pytest.raises(NotFoundError, match="“区教育局”不承担任务3"):
        ws.chasing.record(other, [t1], way="电话")
    with pytest.raises(ValidationError, match="至少选择一项"):
        ws.chasing.record(unit, [], way="电话")
    assert ws.chasing.records() == []


def test_the_record_outlives_the_task(ws, setup):
    pid, t1, _t2, unit, _other = setup
    ws.chasing.record(unit, [t1], way="当面")
    ws.tasks.delete(t1)  # 催办 stays on the record: offices must leave a trail
    assert ws.chasing.records(unit_id=unit)[0].task_numbers == ("3",)
    ws.undo()
    assert ws.tasks.get(t1).number == "3"
