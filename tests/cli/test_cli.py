"""The command line contract (shared/CLI.md): output, exit codes, UTF-8."""

import json

from tests.conftest import run_cli


def test_plans_json_on_fresh_db(tmp_path):
    res = run_cli("plans", "--json", db=tmp_path / "a.db")
    assert res.returncode == 0, res.stderr.decode()
    assert json.loads(res.stdout.decode("utf-8")) == []


def test_demo_then_plans_json(tmp_path):
    db = tmp_path / "a.db"
    res = run_cli("demo", "--tasks", "500", db=db)
    assert res.returncode == 0, res.stderr.decode()
    plan_id = int(res.stdout.decode("utf-8").strip().splitlines()[-1])
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert len(plans) == 1
    p = plans[0]
    assert set(p) == {"id", "year", "title", "tasks", "units", "completion"}
    assert p["id"] == plan_id and p["tasks"] == 500 and p["units"] >= 20
    assert 0 < p["completion"] < 1
    assert "政务公开" in p["title"]


def test_backup_and_restore_commands(tmp_path):
    db = tmp_path / "a.db"
    run_cli("demo", "--tasks", "20", db=db)
    res = run_cli("backup", "--out", str(tmp_path / "b.db"), db=db)
    assert res.returncode == 0 and "已备份" in res.stdout.decode("utf-8")
    res = run_cli("restore", str(tmp_path / "b.db"), db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    res = run_cli("restore", str(tmp_path / "missing.db"), db=db)
    assert res.returncode == 1
    assert "找不到备份文件" in res.stderr.decode("utf-8")
    assert "Traceback" not in res.stderr.decode("utf-8")


def test_bad_usage_exits_2_in_chinese(tmp_path):
    res = run_cli("plans", "--bogus", db=tmp_path / "a.db")
    assert res.returncode == 2
    assert "命令用法有误" in res.stderr.decode("utf-8")


def test_bad_data_exits_1_without_traceback(tmp_path):
    res = run_cli("demo", "--tasks", "0", db=tmp_path / "a.db")
    assert res.returncode == 1
    err = res.stderr.decode("utf-8")
    assert "--tasks" in err and "Traceback" not in err


def test_help_lists_commands_in_chinese(tmp_path):
    res = run_cli("--help")
    assert res.returncode == 0
    text = res.stdout.decode("utf-8")
    for cmd in ("plans", "demo", "backup", "restore", "export"):
        assert cmd in text
    assert "数据库文件" in text
