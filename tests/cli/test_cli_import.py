"""`parse` and `import` on the command line (shared/CLI.md is the contract)."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from tests.conftest import DATA, run_cli

SEEDS = DATA / "seeds"
TOP_KEYS = {"title", "issuer", "doc_number", "date", "published", "year", "kind", "sections", "tasks", "warnings"}
TASK_KEYS = {"number", "section", "text", "detail", "lead_units", "responsible_units", "deadline", "status",
             "progress", "flags"}
NOVEL = ("第一章 春天\n\n那是一个晴朗的早晨，老王推开窗户，看见院子里的桃花开了。\n"
         "他想起了年轻时候的事情，想起了那条小河，想起了河边的柳树。\n") * 40


def seed(n: str):
    return next(SEEDS.glob(f"{n}_*.txt"))


def dump(db) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def stdout_lines(res) -> list[str]:
    return res.stdout.decode("utf-8").strip().splitlines()


def imported(db, path, *extra: str) -> int:
    res = run_cli("import", str(path), *extra, db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    return int(stdout_lines(res)[-1])


def test_parse_json_follows_the_contract_and_opens_no_database(tmp_path):
    db = tmp_path / "never.db"
    res = run_cli("parse", str(seed("004")), "--json", db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    data = json.loads(res.stdout.decode("utf-8"))
    assert TOP_KEYS <= set(data)
    assert len(data["tasks"]) == 50 and all(TASK_KEYS <= set(t) for t in data["tasks"])
    assert data["title"] == "2022年荆门市政务公开重点工作任务分解" and data["year"] == 2022
    assert data["kind"] == "plan" and data["issuer"] == ["荆门市人民政府办公室"]
    assert {"number", "title", "level", "children"} <= set(data["sections"][0])
    assert all({"line", "code", "message"} <= set(w) for w in data["warnings"])
    assert not db.exists()


def test_parse_json_equals_to_json_and_keeps_traditional_on_request(tmp_path):
    from gongkai_desk.core.imports.parse import parse_file

    res = run_cli("parse", str(seed("003")), "--json", db=tmp_path / "a.db")
    assert json.loads(res.stdout.decode("utf-8")) == parse_file(seed("003")).to_json()
    res = run_cli("parse", str(seed("004")), "--json", "--keep-traditional", db=tmp_path / "a.db")
    assert "荊門" in json.loads(res.stdout.decode("utf-8"))["title"]


def test_import_prints_summary_and_the_id_alone_last(tmp_path):
    db = tmp_path / "a.db"
    res = run_cli("import", str(seed("004")), db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    lines = stdout_lines(res)
    assert lines[0] == "识别任务50项，其中2项需要确认。"
    assert any(re.search(r"第8行注明以下任务均需各县市区落实", line) for line in lines)
    assert re.fullmatch(r"\d+", lines[-1])
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert [(p["id"], p["year"], p["title"], p["tasks"]) for p in plans] == [
        (int(lines[-1]), 2022, "2022年荆门市政务公开重点工作任务分解", 50)]
    assert plans[0]["units"] == 29


def test_import_review_with_year_and_title(tmp_path):
    db = tmp_path / "a.db"
    plan_id = imported(db, seed("003"), "--title", "西湖区回头看", "--year", "2021")
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert plans[0]["id"] == plan_id and plans[0]["title"] == "西湖区回头看"
    assert 0.3 < plans[0]["completion"] < 0.7  # 6 of 13 tasks 已完成 (per unit entries)


def test_import_without_a_year_asks_for_year(tmp_path):
    db = tmp_path / "a.db"
    f = tmp_path / "无年份.txt"
    f.write_text("一、推进财政信息公开\n1.做好财政预决算公开。（牵头单位：区财政局）\n"
                 "2.公开政府采购信息。（牵头单位：区财政局）\n", encoding="utf-8")
    res = run_cli("import", str(f), db=db)
    assert res.returncode == 1
    assert "--year" in res.stderr.decode("utf-8") and "Traceback" not in res.stderr.decode("utf-8")
    plan_id = imported(db, f, "--year", "2026")
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert [(p["id"], p["year"], p["tasks"]) for p in plans] == [(plan_id, 2026, 2)]


def test_import_into_lists_changes_then_applies_them(tmp_path):
    db = tmp_path / "a.db"
    plan_id = imported(db, seed("002"))
    lines = seed("002").read_text(encoding="utf-8").split("\n")
    lines[21] = lines[21].replace("及时公开项目基本情况", "及时全面公开项目基本情况")
    lines[23] = "  4.公开县级重大项目建设进展和资金使用情况。(牵头单位:县发改和科技知识产权局)"
    newer = tmp_path / "新版.txt"
    newer.write_text("\n".join(lines), encoding="utf-8")
    res = run_cli("import", str(newer), "--into", str(plan_id), db=db)
    assert res.returncode == 0, res.stderr.decode("utf-8")
    out = stdout_lines(res)
    assert "新增1项任务，删除1项，修改1项，未变36项" in out
    assert any(line.startswith("新增任务4：公开县级重大项目") for line in out)
    assert any(line.startswith("删除任务4：推进审计发现问题") for line in out)
    assert any("任务内容：" in line and "及时全面公开项目基本情况" in line for line in out)
    assert out[-1] == str(plan_id)
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert [(p["id"], p["tasks"]) for p in plans] == [(plan_id, 38)]
    again = run_cli("import", str(newer), "--into", str(plan_id), db=db)
    assert "没有需要更新的内容" in again.stdout.decode("utf-8")


def test_import_into_a_missing_plan_fails_cleanly(tmp_path):
    db = tmp_path / "a.db"
    imported(db, seed("004"))
    before = dump(db)
    res = run_cli("import", str(seed("004")), "--into", "999", db=db)
    assert res.returncode == 1 and "999" in res.stderr.decode("utf-8")
    assert dump(db) == before


BAD = [*sorted(p.name for p in (DATA / "bad").iterdir()), "小说.txt", "数字.txt", "不存在.docx"]


def _bad_file(tmp_path, name: str):
    if (DATA / "bad" / name).exists():
        return DATA / "bad" / name
    path = tmp_path / name
    if name == "小说.txt":
        path.write_text(NOVEL, encoding="utf-8")
    elif name == "数字.txt":
        path.write_text("\n".join(f"{i}\t{i * 3.5}\t{i * i}" for i in range(200)), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", BAD)
def test_a_file_that_is_not_a_plan_exits_1_and_stores_nothing(tmp_path, name):
    db = tmp_path / "a.db"
    imported(db, seed("003"))
    path = _bad_file(tmp_path, name)
    before = dump(db)
    res = run_cli("import", str(path), db=db)
    err = res.stderr.decode("utf-8")
    assert res.returncode == 1, (path.name, res.stdout.decode("utf-8"))
    assert "Traceback" not in err and re.search(r"[\u4e00-\u9fff]", err)
    assert len(err.strip().splitlines()) == 1, err
    assert res.stdout.decode("utf-8").strip() == ""
    assert dump(db) == before
    res = run_cli("parse", str(path), "--json", db=db)
    assert res.returncode == 1 and "Traceback" not in res.stderr.decode("utf-8")


def test_import_keep_traditional_stores_traditional_text(tmp_path):
    db = tmp_path / "a.db"
    plan_id = imported(db, seed("004"), "--keep-traditional")
    plans = json.loads(run_cli("plans", "--json", db=db).stdout.decode("utf-8"))
    assert [(p["id"], p["title"]) for p in plans] == [(plan_id, "2022年荊門市政務公開重點工作任務分解")]
