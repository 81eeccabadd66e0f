"""calendar and overview on the command line (shared/CLI.md), as a user runs them."""

from __future__ import annotations

import json

from tests.conftest import DATA, run_cli


def _out(r) -> str:
    return r.stdout.decode("utf-8")


def test_calendar_year_json_and_add_days(tmp_path, isolated_home):
    db = tmp_path / "c.db"
    r = run_cli("calendar", "--year", "2026", "--json", db=db)
    assert r.returncode == 0
    data = json.loads(_out(r))
    assert (data["year"], data["complete"], data["source"]) == (2026, True, "bundled")
    assert set(data["days"][0]) == {"date", "kind", "name", "source"}
    assert sum(d["kind"] == "workday" for d in data["days"]) == 6
    r = run_cli("calendar", "--add-days", "2026-09-28", "20", db=db)
    assert r.returncode == 0 and _out(r).strip() == "2026-10-30"
    r = run_cli("calendar", "--year", "2027", "--json", db=db)
    assert json.loads(_out(r)) == {"year": 2027, "complete": False, "source": None, "days": []}
    r = run_cli("calendar", "--add-days", "2026-12-25", "5", db=db)
    assert r.returncode == 0 and _out(r).strip() == "2027-01-01"
    assert "2027年节假日安排尚未载入，工作日按周一至周五计算" in r.stderr.decode("utf-8")


def test_calendar_load_notice_then_count_across_it(tmp_path, isolated_home):
    db = tmp_path / "c.db"
    r = run_cli("calendar", "--load", str(DATA / "notices" / "2027_example.txt"), db=db)
    assert r.returncode == 0, r.stderr.decode("utf-8")
    assert "已载入2027年节假日安排：放假29天，调休上班6天" in _out(r)
    data = json.loads(_out(run_cli("calendar", "--year", "2027", "--json", db=db)))
    assert data["complete"] and data["source"] == "notice" and data["days"][0]["source"] == "notice"
    r = run_cli("calendar", "--add-days", "2026-12-25", "5", db=db)
    assert _out(r).strip() == "2027-01-04" and r.stderr == b""  # 28–31 December, then 元旦 1–3 January off


def test_calendar_refusals_are_one_sentence(tmp_path, isolated_home):
    db = tmp_path / "c.db"
    for args in (("--add-days", "2026-02-30", "3"), ("--add-days", "2026-01-05", "x"),
                 ("--load", str(DATA / "notices" / "missing.txt"))):
        r = run_cli("calendar", *args, db=db)
        err = r.stderr.decode("utf-8").strip()
        assert r.returncode == 1 and "\n" not in err and "Traceback" not in err, err
    bad = tmp_path / "bad.txt"
    bad.write_text("各单位：请做好节日期间值班工作。", encoding="utf-8")
    r = run_cli("calendar", "--load", str(bad), db=db)
    assert r.returncode == 1 and "没有在这段文字中找到放假安排" in r.stderr.decode("utf-8")
    assert json.loads(_out(run_cli("calendar", "--year", "2027", "--json", db=db)))["days"] == []


def test_overview_json_and_exports(tmp_path, isolated_home):
    db = tmp_path / "o.db"
    pid = _out(run_cli("demo", "--tasks", "30", "--year", "2026", db=db)).strip().splitlines()[-1]
    r = run_cli("overview", "--plan", pid, "--date", "2026-07-15", "--json", db=db)
    assert r.returncode == 0, r.stderr.decode("utf-8")
    data = json.loads(_out(r))
    assert data["plan"] == int(pid) and data["date"] == "2026-07-15" and data["tasks"] == 30
    for key in ("entries", "done", "overdue", "due_soon", "rule", "units", "sections", "overdue_list"):
        assert key in data
    assert data["overdue"] == len(data["overdue_list"])
    assert set(data["units"][0]) >= {"unit", "tasks", "done", "overdue", "due_soon", "light"}
    assert data["rule"].startswith("红：已过期限且未完成；黄：5个工作日内到期")
    r = run_cli("export", "overview", "--plan", pid, "--out", str(tmp_path / "通报.docx"), db=db)
    assert r.returncode == 0 and (tmp_path / "通报.docx").stat().st_size > 10000  # chart pictures inside
    r = run_cli("export", "chasing", "--plan", pid, "--out", str(tmp_path / "催办"), db=db)
    assert r.returncode == 0 and len(_out(r).strip().splitlines()) == len(list((tmp_path / "催办").glob("*.docx")))
    assert "以下单位组没有单独的催办通知（请先在任务中展开为成员单位）：" in r.stderr.decode("utf-8")
    assert not [f for f in (tmp_path / "催办").glob("*.docx") if "各有关部门" in f.name or "街道办事处" in f.name]
    r = run_cli("export", "chasing", "--plan", pid, "--out", str(tmp_path / "组"), "--units", "区各有关部门", db=db)
    assert r.returncode == 1 and "是单位组，不能单独催办" in r.stderr.decode("utf-8")
    r = run_cli("overview", "--plan", "99", "--json", db=db)
    assert r.returncode == 1 and "找不到" in r.stderr.decode("utf-8")


def test_calendar_without_a_mode_is_a_usage_error(tmp_path, isolated_home):
    """CLI.md: exit 2 is wrong usage; ``calendar`` needs --year, --load or --add-days."""
    db = tmp_path / "u.db"
    for args in ((), ("--json",)):
        r = run_cli("calendar", *args, db=db)
        err = r.stderr.decode("utf-8")
        assert r.returncode == 2, err
        assert err.startswith("用法：") and "命令用法有误：calendar 需要 --year N" in err and "Traceback" not in err
    assert not db.exists()  # refused before any database is opened
    r = run_cli("calendar", "--add-days", "2026-01-05", db=db)
    assert r.returncode == 2 and "参数 --add-days：需要 2 个值" in r.stderr.decode("utf-8")


# Every command's missing mode or required option is wrong usage (exit 2), never bad data (exit 1).
MISSING = [("plans", "--bogus"), ("demo", "--tasks"), ("backup",), ("restore",), ("parse",), ("import",), ("export",),
           ("export", "review", "--plan", "1"), ("export", "feedback", "--plan", "1"), ("collect",), ("overview",),
           ("export", "overview", "--plan", "1"), ("export", "chasing", "--plan", "1"), ("stats", "--year", "2026"),
           ("export", "stats-template", "--year", "2026"), ("report", "--year", "2026"),
           ("export", "annual-report", "--year", "2026"), ("check",), ("calendar",), ("calendar", "--json"),
           ("calendar", "--load"), ("calendar", "--add-days", "2026-01-05")]


def test_every_command_missing_a_mode_or_option_exits_2(tmp_path, capsys):
    import pytest

    from gongkai_desk.cli import main

    for args in MISSING:
        with pytest.raises(SystemExit) as stop:
            main([*args, "--db", str(tmp_path / "m.db")])
        err = capsys.readouterr().err
        assert stop.value.code == 2, (args, err)
        assert "命令用法有误" in err and "expected" not in err, (args, err)
    assert not (tmp_path / "m.db").exists()
