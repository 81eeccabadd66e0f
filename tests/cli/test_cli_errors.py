"""Bad input on the command line: exit 1 with one Chinese sentence, no traceback, nothing changed."""

from __future__ import annotations

import json

import pytest

from gongkai_desk.core.demo import make_demo
from gongkai_desk.core.errors import ValidationError
from gongkai_desk.core.exchange.stats_workbook import write_template
from tests.conftest import run_cli


def _err(res) -> str:
    return res.stderr.decode("utf-8")


def assert_one_chinese_sentence(res, *needles: str) -> str:
    err = _err(res)
    assert res.returncode == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for n in needles:
        assert n in err, err
    return err


@pytest.mark.parametrize("year", ["1800", "99999"])
def test_demo_refuses_a_year_out_of_range_and_stores_nothing(tmp_path, year):
    db = tmp_path / "a.db"
    res = run_cli("demo", "--year", year, "--tasks", "2", db=db)
    assert_one_chinese_sentence(res, f"年份 {year} 超出范围")
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert plans == []


def test_make_demo_checks_the_year(ws):
    with pytest.raises(ValidationError, match="超出范围"):
        make_demo(ws, tasks=2, year=1800)
    assert ws.plans.list() == []


def test_stats_template_refuses_a_year_out_of_range(tmp_path):
    out = tmp_path / "t.xlsx"
    res = run_cli("export", "stats-template", "--year", "99999", "--out", str(out), db=tmp_path / "a.db")
    assert_one_chinese_sentence(res, "年份 99999 超出范围")
    assert not out.exists()
    with pytest.raises(ValidationError):
        write_template(1800, out)


# ---------------------------------------------------------------- bad paths (no traceback)
def _demo_db(tmp_path):
    db = tmp_path / "m.db"
    assert run_cli("demo", "--tasks", "3", db=db).returncode == 0
    return db


def test_restore_creates_the_missing_data_folder(tmp_path):
    db = _demo_db(tmp_path)
    backup = tmp_path / "b.db"
    assert run_cli("backup", "--out", str(backup), db=db).returncode == 0
    home = tmp_path / "new-pc-home"  # the default data folder does not exist yet
    res = run_cli("restore", str(backup), env={"GONGKAI_DESK_HOME": str(home)})
    assert res.returncode == 0, _err(res)
    assert "恢复" in res.stdout.decode("utf-8")
    res = run_cli("plans", "--json", env={"GONGKAI_DESK_HOME": str(home)})
    assert len(json.loads(res.stdout.decode("utf-8"))) == 1
    target = tmp_path / "missing" / "sub" / "x.db"
    res = run_cli("restore", str(backup), db=target)
    assert res.returncode == 0, _err(res)
    assert len(json.loads(run_cli("plans", "--json", db=target).stdout.decode("utf-8"))) == 1


@pytest.mark.parametrize("what, extra, name", [
    ("review", ["--plan", "1"], "out.xlsx"),
    ("review", ["--plan", "1"], "out.docx"),
    ("stats-template", ["--year", "2023"], "out.xlsx"),
    ("annual-report", ["--year", "2023", "--draft"], "out（草稿）.docx"),
])
def test_export_to_an_existing_folder_is_refused_in_chinese(tmp_path, what, extra, name):
    from gongkai_desk.core.annual.samples import kiro_example

    db = _demo_db(tmp_path)
    stats = tmp_path / "s.json"
    stats.write_text(json.dumps(kiro_example(2023).to_json()), encoding="utf-8")
    assert run_cli("stats", "--year", "2023", "--set", str(stats), db=db).returncode == 0
    folder = tmp_path / name
    folder.mkdir()
    res = run_cli("export", what, *extra, "--out", str(folder), db=db)
    assert_one_chinese_sentence(res, "是一个已有的文件夹")
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".~", ".gongkai-"))]


@pytest.mark.parametrize("what, extra", [
    ("review", ["--plan", "1"]), ("stats-template", ["--year", "2023"]),
])
def test_export_under_a_file_is_refused_in_chinese(tmp_path, what, extra):
    db = _demo_db(tmp_path)
    (tmp_path / "afile").write_text("x")
    res = run_cli("export", what, *extra, "--out", str(tmp_path / "afile" / "x.xlsx"), db=db)
    assert_one_chinese_sentence(res, "是一个文件，不是文件夹")


def test_db_under_a_file_or_a_folder_is_refused_in_chinese(tmp_path):
    (tmp_path / "afile").write_text("x")
    res = run_cli("plans", db=tmp_path / "afile" / "x.db")
    assert_one_chinese_sentence(res, "是一个文件，不是文件夹")
    res = run_cli("plans", db=tmp_path / "afile" / "deeper" / "x.db")
    assert_one_chinese_sentence(res, "是一个文件，不是文件夹")
    res = run_cli("plans", db=tmp_path)
    assert_one_chinese_sentence(res, "是一个文件夹")
    res = run_cli("backup", "--out", str(tmp_path), db=tmp_path / "a.db")
    assert_one_chinese_sentence(res, "是一个文件夹")


def test_not_a_database_is_said_in_chinese(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    res = run_cli("plans", db=junk)
    err = assert_one_chinese_sentence(res, "文件已损坏或不是本程序的数据库")
    assert "file is not a database" not in err
    res = run_cli("restore", str(junk), db=tmp_path / "a.db")
    err = assert_one_chinese_sentence(res, "文件已损坏或不是本程序的数据库")
    assert "file is not a database" not in err


def _run_failing(monkeypatch, capsys, exc):
    """Run ``plans`` in-process with the command raising ``exc``; return (status, stderr)."""
    from gongkai_desk import cli
    from gongkai_desk.cli import base_cmds

    def boom(args, ws):
        raise exc

    monkeypatch.setattr(base_cmds, "run_plans", boom)
    status = cli.main(["plans", "--db", ":memory:"])
    return status, capsys.readouterr().err


@pytest.mark.parametrize("exc, needles", [
    (PermissionError(13, "Permission denied", "/srv/x.xlsx"), ["/srv/x.xlsx", "没有读写权限"]),
    (IsADirectoryError(21, "Is a directory", "/tmp/.~a.xlsx", None, "/srv/out.xlsx"),
     ["/srv/out.xlsx", "文件夹"]),
    (OSError(28, "No space left on device", "/srv/x.db"), ["磁盘空间不足"]),
    (OSError(999, "Weird"), ["系统错误"]),
])
def test_remaining_os_errors_become_one_chinese_sentence(monkeypatch, capsys, exc, needles):
    status, err = _run_failing(monkeypatch, capsys, exc)
    assert status == 1
    assert len(err.strip().splitlines()) == 1 and err.startswith("无法读写文件")
    for n in needles:
        assert n in err
    assert "denied" not in err and "Weird" not in err


def test_remaining_sqlite_errors_become_one_chinese_sentence(monkeypatch, capsys):
    import sqlite3

    status, err = _run_failing(monkeypatch, capsys, sqlite3.OperationalError("database is locked"))
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert "占用" in err and "locked" not in err


def test_unwritable_export_folder_is_refused_in_chinese(tmp_path, monkeypatch):
    import tempfile

    from gongkai_desk.core.files import write_atomic

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(tmp_path / ".~x.xlsx"))

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(ValidationError, match="没有权限在文件夹"):
        write_atomic(tmp_path / "x.xlsx", lambda tmp: None)
    with pytest.raises(ValidationError, match="没有权限在文件夹"):
        write_template(2023, tmp_path / "x.xlsx")


# ---------------------------------------------------------------- argparse in Chinese
@pytest.mark.parametrize("args, needles", [
    (["bogus"], ["无效的选择 'bogus'", "'plans'"]),
    (["stats", "--year", "abc", "--json"], ["参数 --year", "'abc' 不是有效的整数"]),
    (["plans", "--bogus", "x"], ["无法识别的参数 --bogus x"]),
    (["export", "stats-template"], ["缺少必需的参数 --year, --out"]),
    (["stats", "--year", "2023"], ["必须提供以下参数之一"]),
    (["stats", "--year", "2023", "--json", "--set", "x"], ["不能与参数 --json 同时使用"]),
    (["stats", "--year"], ["需要一个值"]),
])
def test_usage_errors_are_said_in_chinese_keeping_the_token(tmp_path, args, needles):
    res = run_cli(*args, db=tmp_path / "a.db")
    assert res.returncode == 2
    err = _err(res)
    for n in needles:
        assert n in err, err
    for english in ("invalid choice", "required:", "unrecognized", "invalid int", "usage:",
                    "expected one", "not allowed"):
        assert english not in err, err
    assert err.startswith("用法：") and "命令用法有误" in err


def test_translate_argparse_leaves_unknown_messages_alone():
    from gongkai_desk.cli import translate_argparse

    assert translate_argparse("something new") == "something new"
    assert translate_argparse("argument --x: expected one argument") == "参数 --x：需要一个值"


def test_stats_and_annual_report_refuse_a_year_out_of_range(tmp_path):
    db = tmp_path / "a.db"
    for args in (("stats", "--year", "99999", "--json"),
                 ("export", "annual-report", "--year", "1800", "--out", str(tmp_path / "r.docx"))):
        res = run_cli(*args, db=db)
        assert res.returncode == 1
        err = res.stderr.decode("utf-8")
        assert "年份" in err and "Traceback" not in err
    assert not (tmp_path / "r.docx").exists()
