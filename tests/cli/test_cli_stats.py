"""CLI: stats --json / --set, export stats-template and annual-report (shared/CLI.md)."""

from __future__ import annotations

import json

import pytest

from docx import Document

from gongkai_desk.core.annual import format as fmt
from gongkai_desk.core.annual.samples import kiro_example
from gongkai_desk.core.exchange.stats_workbook import read_workbook
from tests.conftest import run_cli
from tests.core.reports.annual_helpers import county_texts


def _out(res) -> str:
    return res.stdout.decode("utf-8")


def _err(res) -> str:
    return res.stderr.decode("utf-8")


def test_stats_json_on_fresh_db_has_every_cell_null(tmp_path):
    res = run_cli("stats", "--year", "2023", "--json", db=tmp_path / "a.db")
    assert res.returncode == 0, _err(res)
    data = json.loads(_out(res))
    assert data["year"] == 2023
    cells = [v for t in ("table2", "table3", "table4") for row in data[t].values() for v in row.values()]
    assert len(cells) == 200 and all(v is None for v in cells)


def test_set_then_json_round_trips(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    f.write_text(json.dumps(kiro_example(2023).to_json()), encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 0, _err(res)
    assert _err(res) == ""  # every rule passes: nothing listed
    data = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert data == kiro_example(2023).to_json()
    assert data["table2"]["admin_fees"]["fee_amount"] == 1.5


@pytest.mark.parametrize("written", ["1234.5000", "0.10", "3", "2.123456789"])
def test_an_amount_prints_as_written_and_loads_back_unchanged(tmp_path, written):
    """stats --json prints 收费金额 with its digits (1234.5000, not 1234.5); feeding that output
    back to --set changes nothing."""
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    text = json.dumps(kiro_example(2023).to_json()).replace('"fee_amount": 1.5', f'"fee_amount": {written}')
    f.write_text(text, encoding="utf-8")
    assert run_cli("stats", "--year", "2023", "--set", str(f), db=db).returncode == 0
    printed = _out(run_cli("stats", "--year", "2023", "--json", db=db))
    assert f'"fee_amount": {written}' in printed
    back = tmp_path / "back.json"
    back.write_text(printed, encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(back), db=db)
    assert res.returncode == 0 and "没有变化" in _out(res), _out(res)


def test_set_refuses_bad_values_naming_each_cell_and_stores_nothing(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    data = kiro_example(2023).to_json()
    data["table3"]["granted"]["natural"] = -1
    data["table4"]["review"]["total"] = 2.5
    data["table2"]["admin_fees"]["fee_amount"] = 1.234
    f.write_text(json.dumps(data), encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 1
    err = _err(res)
    for label in ("表三“（一）予以公开”行“自然人”列", "表四“行政复议”“总计”"):
        assert label in err
    assert fmt.FEE_KEY not in err  # four decimals and more are amounts, not refusals
    assert "[NONNEG-INT]" in err and "Traceback" not in err
    assert "table3.granted.natural" not in err  # the form's labels, not the program's keys
    stored = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert stored["table3"]["new_received"]["total"] is None


def test_set_partial_json_is_refused_and_keeps_stored_cells(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    f.write_text(json.dumps(kiro_example(2023).to_json()), encoding="utf-8")
    assert run_cli("stats", "--year", "2023", "--set", str(f), db=db).returncode == 0
    f.write_text(json.dumps({"year": 2023, "table4": {"review": {
        "upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}}}), encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 1
    err = _err(res)
    assert "缺少195个单元格" in err and "table2.regulations.made" in err and "未保存" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    stored = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert stored == kiro_example(2023).to_json()


def test_set_huge_fee_is_refused_as_nonneg_int(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    data = kiro_example(2023).to_json()
    data["table2"]["admin_fees"]["fee_amount"] = 1e30
    f.write_text(json.dumps(data), encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 1
    err = _err(res)
    assert "NONNEG-INT" in err and "表二“行政事业性收费”行" in err and "Traceback" not in err


def test_set_accepts_the_year_written_as_text_and_refuses_a_non_year(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    data = kiro_example(2023).to_json()
    data["year"] = "2023"
    f.write_text(json.dumps(data), encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 0, _err(res)
    res = run_cli("stats", "--year", "2024", "--set", str(f), db=db)
    assert res.returncode == 1 and "文件中的年份（2023）与 2024 年不一致" in _err(res)
    data["year"] = "二〇二三"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 1 and "不是有效的年份" in _err(res)
    assert len(_err(res).strip().splitlines()) == 1 and "Traceback" not in _err(res)


def test_set_bad_json_names_line_and_column_in_chinese(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    f.write_text('{"year": 2023,\n  "table2": {bad}}', encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 1
    err = _err(res)
    assert "第2行第14列附近的 JSON 格式有误" in err
    assert "Expecting" not in err and len(err.strip().splitlines()) == 1


def test_set_stores_and_lists_other_rule_failures(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    data = kiro_example(2023).to_json()
    data["table4"]["review"]["total"] = 1
    data["table3"]["partial"]["social"] = None
    f.write_text(json.dumps(data), encoding="utf-8")
    res = run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    assert res.returncode == 0, _err(res)
    assert "T4-SUM" in _err(res) and "BLANK-CELL" in _err(res)
    stored = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert stored["table4"]["review"]["total"] == 1
    assert stored["table3"]["partial"]["social"] is None


def test_annual_report_refused_then_exported(tmp_path):
    db, f = tmp_path / "a.db", tmp_path / "s.json"
    data = kiro_example(2023).to_json()
    data["table4"]["suit_direct"]["total"] = 55
    f.write_text(json.dumps(data), encoding="utf-8")
    run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    out = tmp_path / "r.docx"
    res = run_cli("export", "annual-report", "--year", "2023", "--out", str(out), db=db)
    assert res.returncode == 1
    assert "[T4-SUM]" in _err(res) and "表四“行政诉讼·未经复议直接起诉”：总计为55" in _err(res)
    assert not out.exists()
    f.write_text(json.dumps(kiro_example(2023).to_json()), encoding="utf-8")
    run_cli("stats", "--year", "2023", "--set", str(f), db=db)
    texts = tmp_path / "r.json"
    texts.write_text(json.dumps({"issuer": "某某区人民政府办公室", "date": "2024-01-20",
                                 "sections": county_texts(2023)}, ensure_ascii=False), encoding="utf-8")
    assert run_cli("report", "--year", "2023", "--set", str(texts), db=db).returncode == 0
    for name in ("r.docx", "r.xlsx"):
        res = run_cli("export", "annual-report", "--year", "2023", "--out", str(tmp_path / name), db=db)
        assert res.returncode == 0, _err(res)
    doc = Document(str(out))
    assert any(p.text == "三、收到和处理政府信息公开申请情况" for p in doc.paragraphs)


def test_stats_template_then_set_from_workbook(tmp_path):
    db, out = tmp_path / "a.db", tmp_path / "t.xlsx"
    res = run_cli("export", "stats-template", "--year", "2023", "--out", str(out), db=db)
    assert res.returncode == 0, _err(res)
    assert read_workbook(out, 2023).blank_keys() == list(fmt.ALL_KEYS)
    res = run_cli("stats", "--year", "2023", "--set", str(out), db=db)
    assert res.returncode == 0 and "BLANK-CELL" in _err(res)


def test_usage_errors_exit_2(tmp_path):
    res = run_cli("stats", "--year", "2023", db=tmp_path / "a.db")
    assert res.returncode == 2


def test_set_sums_several_sub_unit_workbooks_naming_who_returned(tmp_path):
    """stats --set a.xlsx b.xlsx: the cells summed, each returned unit named, the directory's units
    that returned nothing listed, and every changed total traced to its parts."""
    from gongkai_desk.core.annual.samples import county_example
    from gongkai_desk.core.exchange.stats_workbook import write_template
    from gongkai_desk.core.workspace import Workspace

    db = tmp_path / "a.db"
    w = Workspace.open(db)
    for name in ("区财政局", "区教育局", "区卫健委"):
        w.units.add(name)
    w.close()
    a = write_template(2023, tmp_path / "a.xlsx", county_example(2023), unit="区财政局")
    b = write_template(2023, tmp_path / "b.xlsx", county_example(2023), unit="区教育局")
    res = run_cli("stats", "--year", "2023", "--set", str(a), str(b), db=db)
    assert res.returncode == 0, _err(res)
    text = _out(res)
    assert "已收到2个单位的统计表：区财政局（a.xlsx）、区教育局（b.xlsx）" in text
    assert "尚未收到1个单位的统计表：区卫健委" in text
    assert "（区财政局 54 + 区教育局 54 = 108）" in text
    data = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert data["table3"]["new_received"]["total"] == 108
    mixed = run_cli("stats", "--year", "2023", "--set", str(a), str(tmp_path / "s.json"), db=db)
    assert mixed.returncode == 1 and "JSON 文件请单独载入" in _err(mixed)
    # The same file named twice counts once; one unit's two workbooks are refused, nothing stored.
    again = run_cli("stats", "--year", "2023", "--set", str(a), str(a), str(b), "--replace", db=db)
    assert again.returncode == 0 and "没有变化" in _out(again), _err(again)
    twice = write_template(2023, tmp_path / "a2.xlsx", county_example(2023), unit="区财政局")
    res = run_cli("stats", "--year", "2023", "--set", str(a), str(twice), str(b), db=db)
    assert res.returncode == 1 and "区财政局交了不止一份统计表（a.xlsx、a2.xlsx）" in _err(res)
    data = json.loads(_out(run_cli("stats", "--year", "2023", "--json", db=db)))
    assert data["table3"]["new_received"]["total"] == 108
