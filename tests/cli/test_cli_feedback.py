"""export feedback and collect on the command line (shared/CLI.md)."""

from __future__ import annotations

import json
from pathlib import Path

from gongkai_desk.core.workspace import Workspace
from tests.conftest import run_cli
from tests.core.exchange.feedback_fixture import make_plan
from tests.core.exchange.feedback_helpers import fill


def _db(tmp_path) -> tuple[Path, object]:
    db = tmp_path / "a.db"
    ws = Workspace.open(db)
    plan = make_plan(ws)
    ws.close()
    return db, plan


def _entry(db, task_id, unit_id):
    ws = Workspace.open(db)
    try:
        return ws.progress.row(task_id, unit_id)
    finally:
        ws.close()


def test_export_feedback_prints_the_files_and_records_the_round(tmp_path):
    db, plan = _db(tmp_path)
    out = tmp_path / "反馈表"
    res = run_cli("export", "feedback", "--plan", str(plan.plan_id), "--out", str(out), "--due", "2026-06-30", db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    lines = res.stdout.decode("utf-8").strip().splitlines()
    assert sorted(Path(x).name for x in lines) == ["2026年政务公开工作要点反馈表-区教育局.xlsx",
                                                   "2026年政务公开工作要点反馈表-区财政局.xlsx"]
    assert all(Path(x).is_file() for x in lines)
    assert "各街道办事处" in res.stderr.decode("utf-8")  # the group was skipped, and said so
    ws = Workspace.open(db)
    [rnd] = ws.feedback.rounds(plan.plan_id)
    assert rnd.due == "2026-06-30" and len(rnd.units) == 2
    ws.close()

    res = run_cli("export", "feedback", "--plan", str(plan.plan_id), "--out", str(tmp_path / "one"),
                  "--units", "区财政局", db=db)
    assert res.returncode == 0 and len(res.stdout.decode("utf-8").strip().splitlines()) == 1


def test_export_feedback_refuses_bad_input_in_chinese(tmp_path):
    db, plan = _db(tmp_path)
    for extra, words in ((["--due", "6月30日"], "截止日期"), (["--units", "区不存在局"], "找不到单位"),
                         (["--units", "各街道办事处"], "单位组")):
        res = run_cli("export", "feedback", "--plan", str(plan.plan_id), "--out", str(tmp_path / "x"), *extra, db=db)
        assert res.returncode == 1 and words in res.stderr.decode("utf-8"), res.stderr.decode("utf-8")
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_collect_prints_changes_and_changes_nothing_until_accept(tmp_path):
    db, plan = _db(tmp_path)
    out = tmp_path / "反馈表"
    assert run_cli("export", "feedback", "--plan", str(plan.plan_id), "--out", str(out), db=db).returncode == 0
    path = out / "2026年政务公开工作要点反馈表-区财政局.xlsx"
    fill(path, {plan.tasks[0]: {"status": "已完成", "done": "已公开政策20条。"}})
    (out / "坏了.xlsx").write_bytes(b"PK\x03\x04broken")

    res = run_cli("collect", str(out), db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    text = res.stdout.decode("utf-8")
    assert "任务1 完成状态：推进中 → 已完成" in text and "填报人 张三" in text
    assert "坏了.xlsx：未收集。" in text and "已损坏" in text
    assert "区教育局：有问题" in text  # returned unsigned
    assert _entry(db, plan.tasks[0], plan.finance)["status"] == "推进中"

    res = run_cli("collect", str(path), "--json", db=db)
    data = json.loads(res.stdout.decode("utf-8"))
    [f] = data["files"]
    assert f["unit"] == "区财政局" and f["round"] == 1 and f["collectable"] and data["accepted"] is None
    assert {(c["field"], c["old"], c["new"]) for c in f["changes"]} == {
        ("status", "推进中", "已完成"), ("done", "已公开政策12条。", "已公开政策20条。")}
    [rnd] = data["rounds"]
    assert {u["unit"]: u["state"] for u in rnd["units"]} == {"区财政局": "returned", "区教育局": "not_returned"}

    res = run_cli("collect", str(path), "--accept", db=db)
    assert res.returncode == 0 and "已接受1份反馈表的2处修改" in res.stdout.decode("utf-8")
    assert _entry(db, plan.tasks[0], plan.finance)["status"] == "已完成"
    ws = Workspace.open(db)
    assert any(e.label == f"来自反馈表 {path.name}（填报人：张三）" for e in ws.history(task_id=plan.tasks[0]))
    ws.close()


def test_collect_exits_1_only_when_no_file_could_be_read(tmp_path):
    db, _plan = _db(tmp_path)
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    res = run_cli("collect", str(tmp_path / "a.xls"), str(tmp_path / "没有这个.xlsx"), db=db)
    assert res.returncode == 1
    stderr = res.stderr.decode("utf-8")
    assert "另存为" in stderr and "找不到文件" in stderr and "数据库未改动" in stderr
    assert "Traceback" not in stderr
    res = run_cli("collect", str(tmp_path / "空文件夹"), db=db)
    assert res.returncode == 1
